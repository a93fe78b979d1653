//! The designer's and tester's routes: the clock and the reset (the outbox and the identity
//! confirmation are driven in tests/registrations.rs).

mod common;

use api_mock::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{get, latest_code, post_json, registration, send};
use serde_json::json;

fn put_clock(body: serde_json::Value) -> Request<Body> {
    Request::put("/api/dev/clock").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn the_clock_can_be_read_set_and_advanced_and_every_rule_follows_it() {
    let state = AppState::in_memory(None);
    let read = send(&state, get("/api/dev/clock")).await.body;
    assert_eq!(read["offset_seconds"], 0);

    // 2023-10-31 12:00 UTC, the day 5.5 million profiles expired.
    let set = send(&state, put_clock(json!({"now": 1_698_753_600}))).await;
    assert_eq!(set.status, StatusCode::OK);
    assert_eq!(set.body["today"], "2023-10-31");
    let advanced = send(&state, put_clock(json!({"advance_seconds": 86_400}))).await.body;
    assert_eq!(advanced["today"], "2023-11-01");

    let id = send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await.body["id"].as_str().unwrap().to_owned();
    let code = latest_code(&state, "+48600123456").await;
    send(&state, put_clock(json!({"advance_seconds": 300}))).await;
    let expired = send(&state, post_json(&format!("/api/v1/registrations/{id}/sms-code"), json!({"code": code}).to_string())).await;
    assert_eq!(expired.body["errors"]["code"][0]["code"], "sms_code.expired", "codes expire by the mock's clock");
}

#[tokio::test]
async fn a_clock_change_must_say_exactly_one_thing() {
    let state = AppState::in_memory(None);
    for body in [json!({}), json!({"now": 1, "advance_seconds": 1}), json!({"tomorrow": true})] {
        let answer = send(&state, put_clock(body.clone())).await;
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")), "{body}");
    }
}

#[tokio::test]
async fn the_clock_takes_an_rfc_3339_date_and_time_as_well_as_seconds() {
    let state = AppState::in_memory(None);
    let set = send(&state, put_clock(json!({"now": "2023-10-31T23:59:00+01:00"}))).await;
    assert_eq!((set.status, set.body["today"].as_str()), (StatusCode::OK, Some("2023-10-31")), "{}", set.body);
    assert!((1_698_793_140..1_698_793_150).contains(&set.body["now"].as_i64().unwrap()), "{}", set.body);
    assert_eq!(
        send(&state, put_clock(json!({"advance_seconds": 60.0}))).await.body["today"],
        "2023-11-01",
        "a minute later (60.0: JSON Schema's integer 60) it is November in Poland"
    );
    for wrong in [json!("2023-10-31"), json!("2023-10-31T23:59:00"), json!("2023-02-29T12:00:00Z"), json!("yesterday"), json!(1.5)] {
        let answer = send(&state, put_clock(json!({ "now": wrong }))).await;
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")), "{wrong}");
        assert!(answer.body["error"]["message"].as_str().unwrap().contains("2023-10-31T23:59:00+01:00"), "an example: {}", answer.body);
    }
}

#[tokio::test]
async fn the_clock_stops_at_the_years_1_and_9999() {
    let state = AppState::in_memory(None);
    assert_eq!(send(&state, put_clock(json!({"now": i64::MAX}))).await.body["today"], "9999-12-31");
    assert_eq!(send(&state, put_clock(json!({"advance_seconds": i64::MAX}))).await.body["today"], "9999-12-31");
    assert_eq!(send(&state, put_clock(json!({"advance_seconds": i64::MIN}))).await.body["today"], "0001-01-01");
    let registering = send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await;
    assert_eq!(registering.status, StatusCode::UNPROCESSABLE_ENTITY, "the PESEL's owner is not born yet: {}", registering.body);
}

#[tokio::test]
async fn reset_empties_the_state() {
    let state = AppState::in_memory(None);
    assert_eq!(send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await.status, StatusCode::CREATED);
    assert_eq!(send(&state, post_json("/api/dev/reset", "")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body, json!([]));
    assert_eq!(send(&state, get("/api/v1/usernames/jan_kowalski/availability")).await.body["available"], true);
    assert_eq!(send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn without_dev_neither_exists() {
    let mut state = AppState::in_memory(None);
    state.dev = false;
    assert_eq!(send(&state, get("/api/dev/clock")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&state, post_json("/api/dev/reset", "")).await.status, StatusCode::NOT_FOUND);
}
