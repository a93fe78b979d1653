//! Injected latency and failures, as a designer sets them: rules per route at run time or from a
//! file, the `X-Mock-Fault` header for one request, and none of it without `--dev`.

mod common;

use api_mock::{AppState, Cli};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use clap::Parser;
use common::{get, post_json, registration, send};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn faults(method: Method, body: Value) -> Request<Body> {
    Request::builder().method(method).uri("/api/dev/faults").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
}

async fn put_rule(state: &AppState, rule: Value) -> common::Answer {
    send(state, faults(Method::PUT, rule)).await
}

fn validate() -> Request<Body> {
    post_json("/api/v1/validate", r#"{"username": "jan_kowalski"}"#)
}

#[tokio::test]
async fn a_rule_fails_its_route_until_it_is_lifted() {
    let state = AppState::in_memory(None);
    let set = put_rule(&state, json!({"route": "POST /api/v1/registrations", "error_rate": 1.0, "status": 503})).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(
        set.body,
        json!([{"route": "POST /api/v1/registrations", "latency_ms": 0, "error_rate": 1.0, "status": 503, "after_handling": false, "dribble_ms": 0}])
    );

    let failed = send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await;
    assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(failed.body["error"]["code"], "mock.injected_fault");
    assert_eq!(failed.headers[header::RETRY_AFTER], "1");
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body, json!([]), "nothing was written");
    assert_eq!(send(&state, validate()).await.status, StatusCode::OK, "other routes answer as ever");

    assert_eq!(send(&state, get("/api/dev/faults")).await.body.as_array().unwrap().len(), 1);
    let lifted = send(&state, faults(Method::DELETE, json!({}))).await;
    assert_eq!((lifted.status, lifted.body), (StatusCode::OK, json!([])));
    assert_eq!(send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_rule_for_every_route_with_any_status_and_a_route_rule_wins_over_it() {
    let state = AppState::in_memory(None);
    put_rule(&state, json!({"route": "*", "error_rate": 1.0, "status": 500})).await;
    let failed = send(&state, get("/api/v1/usernames/jan_kowalski/availability")).await;
    assert_eq!((failed.status, failed.headers.get(header::RETRY_AFTER)), (StatusCode::INTERNAL_SERVER_ERROR, None));
    assert_eq!(send(&state, get("/api/dev/outbox")).await.status, StatusCode::OK, "the dev tools are never faulted");
    put_rule(&state, json!({"route": "POST /api/v1/validate", "latency_ms": 0})).await;
    assert_eq!(send(&state, validate()).await.status, StatusCode::OK);
}

#[tokio::test]
async fn latency_delays_the_answer() {
    let state = AppState::in_memory(None);
    put_rule(&state, json!({"route": "POST /api/v1/validate", "latency_ms": 300})).await;
    let started = Instant::now();
    assert_eq!(send(&state, validate()).await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_lognormal_latency_draws_a_wait_for_every_request_around_its_median() {
    let state = AppState::in_memory(None);
    let rule = json!({"route": "*", "latency": {"distribution": "lognormal", "median_ms": 60, "sigma": 0.5}});
    let set = put_rule(&state, rule.clone()).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.body[0]["latency"], rule["latency"]);
    let mut waits = Vec::new();
    for _ in 0..21 {
        let started = Instant::now();
        assert_eq!(send(&state, validate()).await.status, StatusCode::OK);
        waits.push(started.elapsed());
    }
    waits.sort();
    assert!(waits[10] >= Duration::from_millis(35) && waits[10] <= Duration::from_millis(400), "the median wait is about 60 ms: {waits:?}");
    assert!(waits[0] < waits[20], "each request draws its own wait: {waits:?}");
}

#[tokio::test]
async fn a_uniform_latency_waits_between_its_bounds_and_wrong_bounds_are_refused() {
    let state = AppState::in_memory(None);
    put_rule(&state, json!({"route": "POST /api/v1/validate", "latency": {"distribution": "uniform", "min_ms": 150, "max_ms": 250}})).await;
    let started = Instant::now();
    assert_eq!(send(&state, validate()).await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(150), "{:?}", started.elapsed());
    for latency in [
        json!({"distribution": "uniform", "min_ms": 300, "max_ms": 60_001}),
        json!({"distribution": "lognormal", "median_ms": 100, "sigma": 9}),
        json!({"distribution": "lognormal", "median_ms": 100_000, "sigma": 1}),
    ] {
        let refused = put_rule(&state, json!({"route": "*", "latency": latency})).await;
        assert_eq!(refused.body["error"]["code"], "fault.latency_out_of_range", "{latency}");
    }
    let unknown = put_rule(&state, json!({"route": "*", "latency": {"distribution": "normal", "mean_ms": 3}})).await;
    assert_eq!(unknown.body["error"]["code"], "request.invalid_fields");
}

#[tokio::test]
async fn a_dribbled_answer_arrives_whole_over_its_time_and_uncompressed() {
    let state = AppState::in_memory(None);
    put_rule(&state, json!({"route": "POST /api/v1/validate", "dribble_ms": 400})).await;
    let started = Instant::now();
    let mut request = post_json("/api/v1/validate", r#"{"username": "jan.kowalski"}"#);
    request.headers_mut().insert(header::ACCEPT_ENCODING, "gzip, br".parse().unwrap());
    let answer = send(&state, request).await;
    assert!(started.elapsed() >= Duration::from_millis(400), "{:?}", started.elapsed());
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["errors"]["username"][0]["code"], "username.forbidden_char", "the body arrives whole");
    assert_eq!(answer.headers[header::CONTENT_ENCODING], "identity");
    let started = Instant::now();
    let header = send(&state, validate_with("x-mock-fault", "dribble_ms=300, latency=uniform:0:10")).await;
    assert_eq!(header.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
}

#[tokio::test]
async fn an_error_rate_fails_about_that_share_of_requests() {
    let state = AppState::in_memory(None);
    put_rule(&state, json!({"route": "POST /api/v1/validate", "error_rate": 0.5, "status": 502})).await;
    let mut failed = 0;
    for _ in 0..400 {
        let status = send(&state, validate()).await.status;
        assert!(status == StatusCode::OK || status == StatusCode::BAD_GATEWAY, "{status}");
        failed += usize::from(status == StatusCode::BAD_GATEWAY);
    }
    // Binomial(400, 0.5): mean 200, standard deviation 10.
    assert!((120..=280).contains(&failed), "{failed} of 400 failed");
}

#[tokio::test]
async fn a_rule_must_name_a_real_route_and_stay_in_range() {
    let state = AppState::in_memory(None);
    for (rule, code) in [
        (json!({"route": "POST /api/v1/nothing", "error_rate": 1.0}), "fault.unknown_route"),
        (json!({"route": "DELETE /api/dev/faults", "error_rate": 1.0}), "fault.unknown_route"),
        (json!({"route": "*", "latency_ms": 600_000}), "fault.latency_out_of_range"),
        (json!({"route": "*", "error_rate": 2}), "fault.error_rate_out_of_range"),
        (json!({"route": "*", "error_rate": 1, "status": 200}), "fault.status_out_of_range"),
        (json!({"route": "*", "colour": "red"}), "request.invalid_fields"),
        (json!({"latency_ms": 5}), "request.invalid_fields"),
    ] {
        let answer = put_rule(&state, rule.clone()).await;
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some(code)), "{rule}");
    }
    let unknown = put_rule(&state, json!({"route": "GET /api/v1/validate"})).await;
    assert!(unknown.body["error"]["message"].as_str().unwrap().contains("POST /api/v1/validate"), "the message lists the routes there are");
    assert_eq!(send(&state, get("/api/dev/faults")).await.body, json!([]), "no refused rule is in force");
}

#[tokio::test]
async fn the_header_fails_or_delays_one_request() {
    let state = AppState::in_memory(None);
    let with_header = |value: &str| validate_with("x-mock-fault", value);
    let failed = send(&state, with_header("503")).await;
    assert_eq!((failed.status, failed.body["error"]["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("mock.injected_fault")));
    assert_eq!(failed.headers[header::RETRY_AFTER], "1");
    assert_eq!(send(&state, validate()).await.status, StatusCode::OK, "only that request");
    let started = Instant::now();
    assert_eq!(send(&state, with_header("latency_ms=200")).await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(200));
    let wrong = send(&state, with_header("teapot")).await;
    assert_eq!((wrong.status, wrong.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fault_header")));
}

fn validate_with(name: &str, value: &str) -> Request<Body> {
    let mut request = validate();
    request.headers_mut().insert(axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
    request
}

#[tokio::test]
async fn without_dev_there_are_no_faults() {
    let mut state = AppState::in_memory(None);
    state.dev = false;
    assert_eq!(send(&state, validate_with("x-mock-fault", "503")).await.status, StatusCode::OK);
    assert_eq!(put_rule(&state, json!({"route": "*", "error_rate": 1})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&state, get("/dev/outbox")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn rules_can_come_from_a_file_at_start_and_a_wrong_file_stops_the_start() {
    let dir = std::env::temp_dir().join(format!("api-mock-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("faults.json");
    std::fs::write(&file, r#"[{"route": "POST /api/v1/validate", "error_rate": 1, "status": 504}]"#).unwrap();
    let cli = |file: &std::path::Path| Cli::parse_from(["api-mock", "--memory", "--dev", "--faults", file.to_str().unwrap()]);
    let state = AppState::from_cli(&cli(&file)).unwrap();
    assert_eq!(send(&state, validate()).await.status, StatusCode::GATEWAY_TIMEOUT);

    std::fs::write(&file, r#"[{"route": "GET /nowhere", "error_rate": 1}]"#).unwrap();
    let error = AppState::from_cli(&cli(&file)).err().expect("an unknown route is refused");
    assert!(error.contains("fault.unknown_route"), "{error}");
    assert!(Cli::try_parse_from(["api-mock", "--memory", "--faults", "x.json"]).is_err(), "--faults needs --dev");
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_fault_after_handling_makes_the_change_and_loses_the_answer() {
    let state = AppState::in_memory(None);
    put_rule(&state, json!({"route": "POST /api/v1/registrations", "error_rate": 1, "status": 504, "after_handling": true})).await;
    let lost = send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await;
    assert_eq!((lost.status, lost.body["error"]["code"].as_str()), (StatusCode::GATEWAY_TIMEOUT, Some("mock.injected_fault")));
    assert_eq!(send(&state, get("/api/v1/usernames/jan_kowalski/availability")).await.body["available"], false, "the registration was made");
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body.as_array().unwrap().len(), 1, "and its SMS sent");

    let by_header = send(&state, validate_with("x-mock-fault", "502, after_handling")).await;
    assert_eq!(by_header.status, StatusCode::BAD_GATEWAY);
}

/// Sends `request` over a real connection to `address` and reads until it closes: the bytes, or
/// the error the read ended with.
async fn raw_exchange(address: std::net::SocketAddr, request: &str) -> Result<Vec<u8>, std::io::ErrorKind> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    match tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await.expect("the connection ends") {
        Ok(_) => Ok(answer),
        Err(error) => Err(error.kind()),
    }
}

fn raw_validate(fault: &str) -> String {
    let body = r#"{"username": "jan_kowalski"}"#;
    format!(
        "POST /api/v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nX-Mock-Fault: {fault}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn connection_faults_break_the_connection_below_http_each_its_own_way() {
    let state = AppState::in_memory(None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(api_mock::serve(listener, state.clone()));

    let fine = raw_exchange(address, &raw_validate("latency_ms=0")).await.unwrap();
    assert!(fine.starts_with(b"HTTP/1.1 200 OK"), "{}", String::from_utf8_lossy(&fine));

    assert_eq!(raw_exchange(address, &raw_validate("reset")).await, Err(std::io::ErrorKind::ConnectionReset), "reset by the peer");
    assert_eq!(raw_exchange(address, &raw_validate("empty")).await, Ok(Vec::new()), "an empty answer");
    let malformed = raw_exchange(address, &raw_validate("malformed_chunk")).await.unwrap();
    let text = String::from_utf8_lossy(&malformed);
    assert!(text.starts_with("HTTP/1.1 200 OK") && text.contains("transfer-encoding: chunked") && text.contains("zz-not-a-size"), "{text}");
    let random = raw_exchange(address, &raw_validate("random_bytes")).await.unwrap();
    assert!(random.len() >= 256 && !random.starts_with(b"HTTP/"), "{random:?}");

    // A rule: every request of the route fails so; the rest of the API answers.
    put_rule(&state, json!({"route": "POST /api/v1/validate", "error_rate": 1, "connection": "reset"})).await;
    let without_header = raw_validate("").replace("X-Mock-Fault: \r\n", "");
    assert_eq!(raw_exchange(address, &without_header).await, Err(std::io::ErrorKind::ConnectionReset));
    let health = raw_exchange(address, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await.unwrap();
    assert!(health.starts_with(b"HTTP/1.1 200 OK"));
}

#[tokio::test]
async fn a_registration_whose_connection_was_reset_after_handling_was_made_once() {
    let state = AppState::in_memory(None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(api_mock::serve(listener, state.clone()));
    let body = registration("jan_kowalski").to_string();
    let request = |fault: &str| {
        format!(
            "POST /api/v1/registrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nIdempotency-Key: k-1\r\n{fault}Connection: close\r\n\r\n{body}",
            body.len()
        )
    };
    assert_eq!(raw_exchange(address, &request("X-Mock-Fault: reset, after_handling\r\n")).await, Err(std::io::ErrorKind::ConnectionReset));
    let again = raw_exchange(address, &request("")).await.unwrap();
    assert!(again.starts_with(b"HTTP/1.1 201"), "{}", String::from_utf8_lossy(&again));
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body.as_array().unwrap().len(), 1, "one registration, one SMS");
    let journal = send(&state, get("/api/dev/requests?route=POST%20/api/v1/registrations")).await.body;
    let statuses: Vec<u64> = journal.as_array().unwrap().iter().map(|e| e["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [201, 502], "the journal holds both: the second answered, the first broken");
}

#[tokio::test]
async fn a_connection_fault_without_a_network_is_a_502() {
    let state = AppState::in_memory(None);
    let answer = send(&state, validate_with("x-mock-fault", "random_bytes")).await;
    assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::BAD_GATEWAY, Some("mock.injected_fault")));
    let set = put_rule(&state, json!({"route": "*", "error_rate": 0.5, "connection": "malformed_chunk", "after_handling": true})).await;
    assert_eq!(set.body[0]["connection"], "malformed_chunk");
    assert_eq!(put_rule(&state, json!({"route": "*", "connection": "smoke"})).await.body["error"]["code"], "request.invalid_fields");
    assert_eq!(put_rule(&state, json!({"route": "*", "connection": null})).await.body["error"]["code"], "request.invalid_fields");
}
