//! Every route of api-mock, driven through the real router without a network.

mod common;

use api_mock::{app, AppState, BODY_LIMIT_BYTES};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{post_json, Answer};
use serde_json::{json, Value};
use tower::ServiceExt;

async fn send(request: Request<Body>) -> (StatusCode, Value) {
    send_to(AppState::in_memory(None), request).await
}

async fn send_to(state: AppState, request: Request<Body>) -> (StatusCode, Value) {
    let Answer { status, body, .. } = common::send(&state, request).await;
    (status, body)
}

fn validate(body: Value) -> Request<Body> {
    post_json("/api/v1/validate", body.to_string())
}

#[tokio::test]
async fn health_answers_ok_and_is_never_cached() {
    let response = app(AppState::in_memory(None)).oneshot(Request::get("/api/health").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let (status, body) = send(Request::get("/api/health").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn valid_fields_get_no_errors_and_the_pesel_facts() {
    let (status, body) = send(validate(json!({
        "username": "jan_kowalski", "password": "Tajne#Haslo1", "password_repeat": "Tajne#Haslo1",
        "first_name": "Jan", "second_name": "", "surname": "Kowalski", "pesel": "44051401359",
        "email": "jan@example.pl", "phone": "+48 600 123 456", "id_card": "ABS123456"
    })))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"errors": {}, "pesel": {"birth_date": "1944-05-14", "sex": "M"}}));
}

#[tokio::test]
async fn answers_typed_the_way_people_write_them_pass() {
    // A decomposed name (macOS, PDFs), a double space, a PESEL and an ID card grouped with spaces
    // or dashes, a phone with both, an internationalised domain.
    let (status, body) = send(validate(json!({
        "first_name": "Zaz\u{307}o\u{301}łc\u{301}", "surname": "Kowalska  Nowak", "pesel": "440 514 013 59",
        "id_card": "ABS-123 456", "phone": "600-123 456", "email": "jan@żółw.pl", "email_repeat": "jan@xn--w-uga1v8h.pl"
    })))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"errors": {}, "pesel": {"birth_date": "1944-05-14", "sex": "M"}}));
    let (_, body) = send(validate(json!({"pesel": "44-05-14-01359"}))).await;
    assert_eq!(body["errors"], json!({}));
}

#[tokio::test]
async fn field_errors_carry_stable_codes_and_polish_messages_by_default() {
    let (status, body) = send(validate(json!({"username": "jan.kowalski", "pesel": "44051401358", "id_card": "AYW036731"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["errors"]["username"][0]["code"], "username.forbidden_char");
    assert!(body["errors"]["username"][0]["message"].as_str().unwrap().starts_with("Nazwa użytkownika może zawierać"));
    assert_eq!(body["errors"]["pesel"][0]["code"], "pesel.checksum");
    assert_eq!(body["errors"]["id_card"][0]["code"], "id_card.checksum");
    assert!(body.get("pesel").is_none());
}

#[tokio::test]
async fn messages_follow_accept_language() {
    let request = Request::post("/api/v1/validate")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,pl;q=0.5")
        .body(Body::from(json!({"password": "abc"}).to_string()))
        .unwrap();
    let (_, body) = send(request).await;
    assert_eq!(body["errors"]["password"][0], json!({"code": "password.too_short", "message": "The password must be at least 8 characters long"}));
}

#[tokio::test]
async fn malformed_json_is_a_400_with_a_clear_code() {
    let (status, body) = send(post_json("/api/v1/validate", "{\"username\": ")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "request.malformed_json");
}

#[tokio::test]
async fn wrong_types_and_unknown_fields_are_400s() {
    for bad in [json!({"username": 42}), json!({"usrname": "jan"}), json!(["username"]), json!(null)] {
        let (status, body) = send(validate(bad.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(body["error"]["code"], "request.invalid_fields", "{bad}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_confirmation_with_a_property_its_method_does_not_have_is_a_400() {
    let window = json!({"date": "2026-12-01", "from_hour": 10});
    for bad in [
        json!({"method": "e_id", "card": "x"}),
        json!({"method": "video", "app": "teams", "windows": [window], "point": "zus-krakow"}),
        json!({"method": "video", "app": "teams", "windows": [{"date": "2026-12-01", "from_hour": 10, "minute": 30}]}),
        json!({"method": "video", "app": "teams", "windows": [{"date": "2026-12-01", "from_hour": 256}]}),
    ] {
        let (status, body) = send(validate(json!({ "confirmation": bad }))).await;
        assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")), "{bad}");
    }
}

#[tokio::test]
async fn an_hour_no_call_window_starts_at_is_the_rules_error_not_a_malformed_body() {
    let (status, body) =
        send(validate(json!({"confirmation": {"method": "video", "app": "teams", "windows": [{"date": "2026-12-01", "from_hour": 0}]}}))).await;
    assert_eq!((status, body["errors"]["confirmation"][0]["code"].as_str()), (StatusCode::OK, Some("confirmation.call_window_not_offered")), "{body}");
}

#[tokio::test]
async fn a_body_without_json_content_type_is_a_415() {
    let request = Request::post("/api/v1/validate").body(Body::from("{}")).unwrap();
    let (status, body) = send(request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(body["error"]["code"], "request.not_json");
}

#[tokio::test]
async fn an_oversized_body_is_a_413() {
    let huge = json!({"username": "a".repeat(BODY_LIMIT_BYTES)}).to_string();
    let (status, body) = send(post_json("/api/v1/validate", huge)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "request.too_large");
}

#[tokio::test]
async fn unknown_api_routes_are_json_404s_and_wrong_methods_405s() {
    let (status, body) = send(Request::get("/api/v1/nothing").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "route.not_found");
    let (status, _) = send(Request::builder().method(Method::GET).uri("/api/v1/validate").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn the_app_is_served_with_index_html_for_client_routes() {
    let dir = std::env::temp_dir().join(format!("api-mock-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>PZ</title>").unwrap();
    std::fs::write(dir.join("app.js"), "console.log(1)").unwrap();
    let state = AppState::in_memory(Some(dir.clone()));
    let (status, body) = send_to(state.clone(), Request::get(shared::paths::ACCOUNT_STEP_PATH).body(Body::empty()).unwrap()).await;
    assert_eq!((status, body.as_str().unwrap()), (StatusCode::OK, "<!doctype html><title>PZ</title>"));
    let (status, body) = send_to(state.clone(), Request::get("/app.js").body(Body::empty()).unwrap()).await;
    assert_eq!((status, body.as_str().unwrap()), (StatusCode::OK, "console.log(1)"));

    let page = app(state.clone()).oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
    let policy = page.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), "{policy}");
    assert_eq!(page.headers()[header::CACHE_CONTROL], "no-cache");
    assert_eq!(page.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let asset = app(state.clone()).oneshot(Request::get("/app.js").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(asset.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    let (status, _) = send_to(state, Request::get("/api/missing").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    std::fs::remove_dir_all(dir).unwrap();
}
