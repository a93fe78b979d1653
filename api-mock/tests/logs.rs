//! The request log, as an operator reads it: one line a request with its id, method, route,
//! status and latency; and never a password, an SMS code, a whole PESEL, an e-mail address, a
//! registration id or a session token, whatever was sent.

mod common;

use common::process::{json, Server};
use serde_json::Value;

const PASSWORD: &str = "Tajne#Haslo1";
const PESEL: &str = "44051401359";
const EMAIL: &str = "jan@example.pl";

#[tokio::test]
async fn every_request_is_logged_with_its_id_and_no_secret_is() {
    let log = std::env::temp_dir().join(format!("api-mock-log-{}.jsonl", std::process::id()));
    let server = Server::start(&["--memory", "--dev", "--log-format", "json"], Some(&log)).await;
    let client = reqwest::Client::new();
    let post = |path: &str, body: String| client.post(format!("{}{path}", server.base)).header("content-type", "application/json").body(body);

    let created =
        post("/api/v1/registrations", common::registration("jan_kowalski").to_string()).header("x-request-id", "test-registration-1").send().await.unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["x-request-id"], "test-registration-1", "the client's id is echoed");
    let id = json(created).await["id"].as_str().unwrap().to_owned();
    let outbox = json(reqwest::get(format!("{}/api/dev/outbox", server.base)).await.unwrap()).await;
    let code: String = outbox[0]["text"].as_str().unwrap().split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned();
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    assert_eq!(post(&format!("/api/v1/registrations/{id}/sms-code"), format!(r#"{{"code": "{wrong}"}}"#)).send().await.unwrap().status(), 422);
    assert_eq!(post(&format!("/api/v1/registrations/{id}/sms-code"), format!(r#"{{"code": "{code}"}}"#)).send().await.unwrap().status(), 200);
    let validated = post("/api/v1/validate", format!(r#"{{"password": "{PASSWORD}", "pesel": "{PESEL}"}}"#))
        .header("x-request-id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    let made_up = validated.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(made_up.len() == 16 && made_up.bytes().all(|b| b.is_ascii_hexdigit()), "an id the mock made: {made_up}");
    assert_eq!(reqwest::get(format!("{}/api/v1/usernames/{PESEL}/availability", server.base)).await.unwrap().status(), 200);

    let started = post("/api/v1/login", format!(r#"{{"login": "jan_kowalski", "password": "{PASSWORD}"}}"#)).send().await.unwrap();
    assert_eq!(started.status(), 200);
    let pending = started.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let outbox = json(reqwest::get(format!("{}/api/dev/outbox", server.base)).await.unwrap()).await;
    let login_code: String = outbox[0]["text"].as_str().unwrap().split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned();
    let signed_in = post("/api/v1/login/sms-code", format!(r#"{{"code": "{login_code}"}}"#))
        .header("cookie", &pending)
        .header("origin", &server.base)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let session = signed_in.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    server.kill_hard();

    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    let token = |cookie: &str| cookie.trim_start_matches("pz_session=").to_owned();
    for secret in [PASSWORD, code.as_str(), wrong.as_str(), PESEL, EMAIL, id.as_str(), login_code.as_str(), &token(&pending), &token(&session)] {
        assert!(!text.contains(secret), "{secret:?} is in the log:\n{text}");
    }
    let lines: Vec<Value> = text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))).collect();
    let requests: Vec<&Value> = lines.iter().filter(|l| l["message"] == "request").collect();
    assert!(requests.len() >= 6, "{text}");
    for line in &requests {
        for field in ["request_id", "method", "route", "status", "latency_ms"] {
            assert!(!line[field].is_null(), "{field} missing in {line}");
        }
    }
    let registration = requests.iter().find(|l| l["request_id"] == "test-registration-1").expect("the registration's line");
    assert_eq!(
        (registration["method"].as_str(), registration["route"].as_str(), registration["status"].as_u64()),
        (Some("POST"), Some("/api/v1/registrations"), Some(201))
    );
    assert!(requests.iter().any(|l| l["request_id"] == made_up.as_str() && l["route"] == "/api/v1/validate"));
    assert!(requests.iter().any(|l| l["route"] == "/api/v1/registrations/{id}/sms-code" && l["status"] == 422), "routes are templates, not paths");
}
