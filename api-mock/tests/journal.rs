//! The request journal, as tests and designers read it: what the clients sent, newest first, with
//! secrets masked; filtered by route and by session; emptied; bounded; and absent without `--dev`.

mod common;

use api_mock::AppState;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{get, post_json, registration, send};
use serde_json::{json, Value};

async fn journal(state: &AppState, query: &str) -> Vec<Value> {
    let answer = send(state, get(&format!("/api/dev/requests{query}"))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body.as_array().unwrap().clone()
}

#[tokio::test]
async fn a_registration_whose_answer_was_lost_is_one_entry_with_its_secrets_masked() {
    let state = AppState::in_memory(None);
    let mut lost = post_json("/api/v1/registrations", registration("jan_kowalski").to_string());
    lost.headers_mut().insert("x-mock-fault", "503, after_handling".parse().unwrap());
    lost.headers_mut().insert("idempotency-key", "k-1".parse().unwrap());
    assert_eq!(send(&state, lost).await.status, StatusCode::SERVICE_UNAVAILABLE);
    let mut again = post_json("/api/v1/registrations", registration("jan_kowalski").to_string());
    again.headers_mut().insert("idempotency-key", "k-1".parse().unwrap());
    assert_eq!(send(&state, again).await.status, StatusCode::CREATED);
    send(&state, post_json("/api/v1/validate", r#"{"pesel": "44051401359"}"#)).await;

    let entries = journal(&state, "").await;
    let routes: Vec<(&str, &str, u64)> =
        entries.iter().map(|e| (e["method"].as_str().unwrap(), e["route"].as_str().unwrap(), e["status"].as_u64().unwrap())).collect();
    assert_eq!(routes, [("POST", "/api/v1/validate", 200), ("POST", "/api/v1/registrations", 201), ("POST", "/api/v1/registrations", 503)], "newest first");
    assert_eq!(entries[2]["body"]["username"], "jan_kowalski");
    assert_eq!(entries[2]["body"]["first_name"], "Jan");
    for secret in ["password", "password_repeat", "pesel", "email", "email_repeat"] {
        assert_eq!(entries[2]["body"][secret], "***", "{secret}");
    }
    assert_eq!(entries[0]["body"], json!({"pesel": "***"}));
    assert!(entries[0]["at"].as_str().unwrap().contains('T'));
    assert!(entries[0]["latency_ms"].as_f64().unwrap() >= 0.0);
    assert!(entries[0]["session"].is_null());
    let text = serde_json::to_string(&entries).unwrap();
    for secret in ["Tajne#Haslo1", "44051401359", "jan@example.pl"] {
        assert!(!text.contains(secret), "{secret} is in the journal");
    }

    assert_eq!(journal(&state, "?route=POST%20/api/v1/registrations").await.len(), 2, "one registration sent twice, one made");
    assert_eq!(journal(&state, "?route=/api/v1/validate").await.len(), 1);
    let outbox = send(&state, get("/api/dev/outbox")).await.body;
    assert_eq!(outbox.as_array().unwrap().len(), 1, "one SMS: one registration");
}

#[tokio::test]
async fn requests_are_told_apart_by_their_session_and_never_show_its_token() {
    let state = AppState::in_memory(None);
    let with_cookie = |token: &str| Request::get("/api/v1/session").header(header::COOKIE, format!("pz_session={token}")).body(Body::empty()).unwrap();
    send(&state, with_cookie("token-of-anna")).await;
    send(&state, with_cookie("token-of-jan")).await;
    send(&state, with_cookie("token-of-anna")).await;
    let entries = journal(&state, "").await;
    let anna = entries[0]["session"].as_str().unwrap().to_owned();
    assert_eq!(anna.len(), 12);
    assert_ne!(entries[1]["session"], entries[0]["session"]);
    assert_eq!(entries[2]["session"], entries[0]["session"]);
    assert_eq!(journal(&state, &format!("?session={anna}")).await.len(), 2);
    assert!(!serde_json::to_string(&entries).unwrap().contains("token-of"));
}

#[tokio::test]
async fn delete_empties_the_journal_and_the_dev_tools_are_not_in_it() {
    let state = AppState::in_memory(None);
    send(&state, post_json("/api/v1/validate", r#"{"username": "jan"}"#)).await;
    send(&state, get("/api/dev/outbox")).await;
    assert_eq!(journal(&state, "").await.len(), 1, "only the API's own routes");
    let cleared = send(&state, Request::builder().method(Method::DELETE).uri("/api/dev/requests").body(Body::empty()).unwrap()).await;
    assert_eq!(cleared.status, StatusCode::NO_CONTENT);
    assert!(journal(&state, "").await.is_empty());
    send(&state, get("/api/v1/nothing-here")).await;
    let entries = journal(&state, "").await;
    assert_eq!((entries[0]["route"].as_str(), entries[0]["status"].as_u64(), entries[0]["id"].as_u64()), (Some("(no route)"), Some(404), Some(2)));
}

#[tokio::test]
async fn the_page_lists_the_requests_beside_the_outbox() {
    let state = AppState::in_memory(None);
    send(&state, post_json("/api/v1/validate", r#"{"email": "jan@example.pl", "first_name": "Jan"}"#)).await;
    let page = send(&state, get("/dev/requests?route=POST+%2Fapi%2Fv1%2Fvalidate")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str().unwrap();
    assert!(html.contains("POST /api/v1/validate → 200"), "{html}");
    assert!(html.contains("1 request.") && html.contains(r#"href="/dev/outbox""#), "{html}");
    assert!(!html.contains("jan@example.pl"), "{html}");
}

#[tokio::test]
async fn without_dev_there_is_no_journal() {
    let mut state = AppState::in_memory(None);
    state.dev = false;
    send(&state, post_json("/api/v1/validate", r#"{"username": "jan"}"#)).await;
    assert_eq!(send(&state, get("/api/dev/requests")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&state, get("/dev/requests")).await.status, StatusCode::NOT_FOUND);
    assert!(state.journal.list(None, None).is_empty());
}
