//! Driving the real router without a network, for every route test.
#![allow(dead_code)] // each test file uses its own share of these helpers

pub mod process;

use api_mock::{app, AppState};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

/// The answer to one request: its status, headers and body (JSON, or the text as a JSON string).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

pub async fn send(state: &AppState, request: Request<Body>) -> Answer {
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    Answer { status, headers, body }
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

pub fn post_json(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(body.into()).unwrap()
}

/// A complete, valid registration for `username`, confirmed with the e-ID card.
pub fn registration(username: &str) -> Value {
    json!({
        "username": username, "password": "Tajne#Haslo1", "password_repeat": "Tajne#Haslo1",
        "first_name": "Jan", "second_name": "", "surname": "Kowalski", "pesel": "44051401359",
        "email": "jan@example.pl", "email_repeat": "jan@example.pl",
        "phone": "600 123 456", "phone_repeat": "+48600123456",
        "confirmation": {"method": "e_id"}, "consent": true
    })
}

/// The newest code sent to `to` (a phone in E.164, or an e-mail address), read from the outbox as
/// a tester would.
pub async fn latest_code(state: &AppState, to: &str) -> String {
    let outbox = send(state, get(&format!("/api/dev/outbox?to={}", to.replace('+', "%2B")))).await.body;
    let text = outbox[0]["text"].as_str().expect("a message in the outbox").to_owned();
    text.split(|c: char| !c.is_ascii_digit()).find(|word| word.len() == 6).expect("a 6-digit code in the SMS").to_owned()
}

/// The origin of the app's pages in these tests.
pub const ORIGIN: &str = "http://127.0.0.1:8080";

/// `state` with the `citizens` scenario loaded, as a designer would.
pub async fn with_citizens(state: AppState) -> AppState {
    let loaded = send(&state, post_json("/api/dev/scenarios/citizens", "")).await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    state
}

/// A request as the app's page sends it: same origin, with the session cookie if any.
pub fn from_app(method: &str, uri: &str, cookie: Option<&str>, body: Option<Value>) -> Request<Body> {
    let mut request = Request::builder().method(method).uri(uri).header(header::HOST, "127.0.0.1:8080").header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    match body {
        Some(body) => request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap(),
        None => request.body(Body::empty()).unwrap(),
    }
}

/// The `pz_session=…` pair the answer set.
pub fn cookie_of(answer: &Answer) -> String {
    let set = answer.headers.get(header::SET_COOKIE).expect("a Set-Cookie").to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

/// The password of every fixture citizen.
pub const PASSWORD: &str = "Haslo#Testowe1";

/// Signs a fixture citizen in (SMS code, or push accepted through the dev API); answers the cookie.
pub async fn sign_in(state: &AppState, username: &str, phone: &str) -> String {
    let started = send(state, from_app("POST", "/api/v1/login", None, Some(json!({"login": username, "password": PASSWORD})))).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let pending = cookie_of(&started);
    if started.body["method"] == "push" {
        accept_newest_push(state, username, "accept").await;
        return cookie_of(&send(state, from_app("GET", "/api/v1/login/push", Some(&pending), None)).await);
    }
    let code = latest_code(state, phone).await;
    cookie_of(&send(state, from_app("POST", "/api/v1/login/sms-code", Some(&pending), Some(json!({"code": code})))).await)
}

/// Answers the newest push request of `username` in the simulated mObywatel, picking the number
/// the page shows when it accepts.
pub async fn accept_newest_push(state: &AppState, username: &str, answer: &str) -> Value {
    let requests = send(state, get(&format!("/api/dev/mobywatel/{username}/requests"))).await.body;
    let (id, number) = (requests[0]["id"].as_str().unwrap(), &requests[0]["check_number"]);
    send(state, post_json(&format!("/api/dev/mobywatel/requests/{id}"), json!({"answer": answer, "number": number}).to_string())).await.body
}
