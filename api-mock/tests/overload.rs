//! Polite overload: past the in-flight limit the API answers 503 with Retry-After at once, while
//! health still answers quickly; the load is bounded and on loopback only.

mod common;

use api_mock::faults::FaultRule;
use api_mock::overload::InFlight;
use api_mock::AppState;
use std::time::{Duration, Instant};

const LIMIT: usize = 4;
const CLIENTS: usize = 40;

/// api-mock on a loopback port with `LIMIT` places, each validation holding its place for 600 ms
/// (so the limit is reached for sure); answers its address and its task.
async fn overloadable() -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let mut state = AppState::in_memory(None);
    state.in_flight = InFlight::limited_to(LIMIT);
    state.faults.set(FaultRule {
        route: "POST /api/v1/validate".into(),
        latency_ms: 600,
        error_rate: 0.0,
        status: 503,
        after_handling: false,
        latency: None,
        dribble_ms: 0,
        connection: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    (base, tokio::spawn(api_mock::serve(listener, state)))
}

#[tokio::test]
async fn past_the_limit_requests_are_refused_at_once_and_health_stays_quick() {
    let (base, server) = overloadable().await;
    let client = reqwest::Client::new();

    let load: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (client, url) = (client.clone(), format!("{base}/api/v1/validate"));
            tokio::spawn(async move {
                let started = Instant::now();
                let response = client.post(url).header("content-type", "application/json").header("accept-language", "en").body("{}").send().await.unwrap();
                let (status, retry_after) = (response.status().as_u16(), response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned()));
                (status, retry_after, response.text().await.unwrap(), started.elapsed())
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let mut health = Vec::new();
    for _ in 0..15 {
        let started = Instant::now();
        assert_eq!(client.get(format!("{base}/api/health")).send().await.unwrap().status(), 200, "health is never refused");
        health.push(started.elapsed());
    }
    let faults = client.get(format!("{base}/api/dev/faults")).send().await.unwrap();
    assert_eq!(faults.status(), 200, "the designer's tools are never refused");
    let mut answers = Vec::new();
    for request in load {
        answers.push(request.await.unwrap());
    }
    let served = answers.iter().filter(|a| a.0 == 200).count();
    let refused: Vec<_> = answers.iter().filter(|a| a.0 == 503).collect();
    assert!((1..=LIMIT).contains(&served), "{served} served");
    assert_eq!(served + refused.len(), CLIENTS, "every request is either served or refused: {answers:?}");
    for (_, retry_after, body, took) in &refused {
        assert_eq!(retry_after.as_deref(), Some("1"));
        assert!(body.contains(r#""code":"service.busy""#) && body.contains("busy right now"), "{body}");
        assert!(*took < Duration::from_millis(600), "refused at once, not after queueing: {took:?}");
    }
    health.sort();
    let median = health[health.len() / 2];
    println!("health while overloaded: median {median:?}, worst {:?}", health.last().unwrap());
    assert!(median < Duration::from_millis(50), "health median {median:?}");

    let after = client.post(format!("{base}/api/v1/validate")).header("content-type", "application/json").body("{}").send().await.unwrap();
    assert_eq!(after.status(), 200, "the places are given back");
    server.abort();
}

/// Signs Dariusz of the `citizens` scenario in over HTTP; answers his `pz_session=…` pair.
async fn signed_in_dariusz(client: &reqwest::Client, base: &str) -> String {
    let post =
        |path: &str, body: String| client.post(format!("{base}{path}")).header("origin", base).header("content-type", "application/json").body(body).send();
    assert_eq!(post("/api/dev/scenarios/citizens", String::new()).await.unwrap().status(), 200);
    let started = post("/api/v1/login", r#"{"login": "dariusz_kaminski", "password": "Haslo#Testowe1"}"#.into()).await.unwrap();
    let pending = started.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let outbox = client.get(format!("{base}/api/dev/outbox?to=%2B48600100004")).send().await.unwrap().text().await.unwrap();
    let outbox: serde_json::Value = serde_json::from_str(&outbox).unwrap();
    let code = outbox[0]["text"].as_str().unwrap().split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned();
    let confirmed = client
        .post(format!("{base}/api/v1/login/sms-code"))
        .header("origin", base)
        .header("cookie", pending)
        .header("content-type", "application/json")
        .body(format!(r#"{{"code": "{code}"}}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200);
    confirmed.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn citizens_mid_way_keep_a_quarter_of_the_places_when_new_work_fills_the_rest() {
    let (base, server) = overloadable().await;
    let client = reqwest::Client::new();
    let session = signed_in_dariusz(&client, &base).await;
    let new_work: Vec<_> = (0..10)
        .map(|_| {
            let (client, url) = (client.clone(), format!("{base}/api/v1/validate"));
            tokio::spawn(async move { client.post(url).header("content-type", "application/json").body("{}").send().await.unwrap().status().as_u16() })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let mid_way = client.get(format!("{base}/api/v1/me")).header("cookie", &session).send().await.unwrap();
    assert_eq!(mid_way.status(), 200, "a request with a live session's cookie still gets its place");
    let made_up = client.get(format!("{base}/api/v1/me")).header("cookie", "pz_session=a-made-up-cookie").send().await.unwrap();
    assert_eq!(made_up.status(), 503, "a cookie that names no session is new work");
    let sign_in = client
        .post(format!("{base}/api/v1/login"))
        .header("cookie", "pz_session=x")
        .header("origin", &base)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await;
    assert_eq!(sign_in.unwrap().status(), 503, "a new sign-in is new work, cookie or not");
    let mut statuses = Vec::new();
    for request in new_work {
        statuses.push(request.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), LIMIT - LIMIT / 4, "new work holds three quarters of the places: {statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 503), "{statuses:?}");
    server.abort();
}
