//! Registration through the API, as the wizard and the testers drive it: create, read the SMS code
//! from the outbox, confirm it; and every way it can be refused.

mod common;

use api_mock::AppState;
use axum::http::{header, StatusCode};
use common::{get, latest_code, post_json, registration, send};
use serde_json::{json, Value};

const PHONE: &str = "+48600123456";

async fn register(state: &AppState, body: Value) -> common::Answer {
    send(state, post_json("/api/v1/registrations", body.to_string())).await
}

async fn created_id(state: &AppState, username: &str) -> String {
    let answer = register(state, registration(username)).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.body["id"].as_str().unwrap().to_owned()
}

async fn confirm(state: &AppState, id: &str, code: &str) -> common::Answer {
    send(state, post_json(&format!("/api/v1/registrations/{id}/sms-code"), json!({"code": code}).to_string())).await
}

async fn resend(state: &AppState, id: &str) -> common::Answer {
    send(state, post_json(&format!("/api/v1/registrations/{id}/sms-code/resend"), "")).await
}

fn a_wrong_code(right: &str) -> String {
    format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000)
}

#[tokio::test]
async fn a_valid_registration_waits_for_the_sms_code_sent_to_the_phone() {
    let state = AppState::in_memory(None);
    let id = created_id(&state, "jan_kowalski").await;
    let status = send(&state, get(&format!("/api/v1/registrations/{id}"))).await;
    assert_eq!(status.status, StatusCode::OK);
    assert_eq!(
        status.body,
        json!({"id": id, "state": "awaiting_sms", "profile_kind": "ordinary", "application_number": null, "phone": "+48 *** *** 456", "profile_valid_until": null})
    );
    let outbox = send(&state, get("/api/dev/outbox")).await.body;
    assert_eq!(outbox.as_array().unwrap().len(), 1);
    assert_eq!(outbox[0]["channel"], "sms");
    assert_eq!(outbox[0]["to"], PHONE);
    assert_eq!(latest_code(&state, PHONE).await.len(), 6);
}

#[tokio::test]
async fn answers_typed_the_way_people_write_them_register_and_are_kept_normalised() {
    let state = AppState::in_memory(None);
    let mut body = registration("jan_kowalski");
    body["first_name"] = json!("Zaz\u{307}o\u{301}łc\u{301}");
    body["surname"] = json!("Kowalska  Nowak");
    body["pesel"] = json!("440 514-013 59");
    body["email"] = json!("Jan@Żółw.pl");
    body["email_repeat"] = json!("jan@xn--w-uga1v8h.pl");
    body["phone"] = json!("600-123-456");
    let answer = register(&state, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let id = answer.body["id"].as_str().unwrap().to_owned();
    let answer = confirm(&state, &id, &latest_code(&state, PHONE).await).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    // The address is kept, and written to, in its ASCII form.
    let emails = send(&state, get("/api/dev/outbox?to=jan@xn--w-uga1v8h.pl")).await.body;
    assert_eq!(emails.as_array().unwrap().len(), 2, "{emails}");
}

#[tokio::test]
async fn the_right_code_sends_the_application_with_its_number_and_two_e_mails() {
    let state = AppState::in_memory(None);
    let year = state.clock.today().year;
    let id = created_id(&state, "jan_kowalski").await;
    let answer = confirm(&state, &id, &latest_code(&state, PHONE).await).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let number = format!("PZ-{year}-000001");
    assert_eq!(answer.body, json!({"application_number": number}));

    let status = send(&state, get(&format!("/api/v1/registrations/{id}"))).await.body;
    assert_eq!((status["state"].as_str(), status["application_number"].as_str()), (Some("awaiting_identity"), Some(number.as_str())));
    let emails = send(&state, get("/api/dev/outbox?to=jan@example.pl")).await.body;
    let subjects: Vec<&str> = emails.as_array().unwrap().iter().map(|e| e["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, [format!("Wniosek o profil zaufany {number} został wysłany").as_str(), "Konto w serwisie Profil Zaufany zostało założone"]);
    assert!(emails[0]["text"].as_str().unwrap().contains(&format!("Numer wniosku: {number}")));

    let again = confirm(&state, &id, "000000").await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("registration.not_awaiting_sms")));

    let mut second = registration("anna_nowak");
    second["email"] = json!("anna@example.pl");
    second["email_repeat"] = json!("anna@example.pl");
    let second_id = register(&state, second).await.body["id"].as_str().unwrap().to_owned();
    let number = confirm(&state, &second_id, &latest_code(&state, PHONE).await).await.body["application_number"].clone();
    assert_eq!(number, format!("PZ-{year}-000002"), "numbers are unique and follow one another");
}

#[tokio::test]
async fn a_registration_breaking_the_rules_is_a_422_naming_every_field_and_writes_nothing() {
    let state = AppState::in_memory(None);
    let mut body = registration("jan.kowalski");
    for key in ["password", "password_repeat", "first_name", "surname", "pesel", "email", "email_repeat", "phone", "phone_repeat"] {
        body[key] = json!("");
    }
    body["confirmation"] = json!({"method": "video"});
    body["consent"] = json!(false);
    let answer = register(&state, body).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = answer.body["errors"].as_object().unwrap();
    let mut fields: Vec<&str> = errors.keys().map(String::as_str).collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "confirmation",
            "consent",
            "email",
            "email_repeat",
            "first_name",
            "password",
            "password_repeat",
            "pesel",
            "phone",
            "phone_repeat",
            "surname",
            "username"
        ]
    );
    assert_eq!(errors["username"][0]["code"], "username.forbidden_char");
    assert_eq!(errors["confirmation"][0]["code"], "confirmation.no_video_app");
    assert_eq!(errors["consent"][0]["code"], "consent.required");
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body, json!([]));
    let availability = send(&state, get("/api/v1/usernames/jan_kowalski/availability")).await.body;
    assert_eq!(availability["available"], true);
}

#[tokio::test]
async fn a_registration_without_a_required_field_or_with_an_unknown_one_is_a_malformed_body() {
    let state = AppState::in_memory(None);
    let required = ["username", "password", "password_repeat", "first_name", "surname", "pesel", "email", "email_repeat", "phone", "phone_repeat"];
    for key in required.into_iter().chain(["confirmation", "consent"]) {
        let mut body = registration("jan_kowalski");
        body.as_object_mut().unwrap().remove(key);
        let answer = register(&state, body).await;
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")), "without {key}");
        assert!(answer.body["error"]["message"].as_str().unwrap().contains(key), "{key}: {}", answer.body);
    }
    for (key, value) in [("nick", json!("jan")), ("confirmation", json!({"method": "e_id", "card": "x"})), ("username", Value::Null)] {
        let mut body = registration("jan_kowalski");
        body[key] = value;
        let answer = register(&state, body.clone()).await;
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")), "{body}");
    }
    let mut optional_left_out = registration("jan_kowalski");
    optional_left_out.as_object_mut().unwrap().remove("second_name");
    assert_eq!(register(&state, optional_left_out).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn details_of_the_confirmation_method_are_checked() {
    let state = AppState::in_memory(None);
    for (confirmation, code) in [
        (json!({"method": "video", "app": "teams", "windows": []}), "confirmation.no_call_window"),
        (json!({"method": "in_person", "point": "nowhere"}), "confirmation.unknown_point"),
        (json!({"method": "bank", "provider": "nobank"}), "confirmation.unknown_provider"),
    ] {
        let mut body = registration("jan_kowalski");
        body["confirmation"] = confirmation;
        let answer = register(&state, body).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.body["errors"]["confirmation"][0]["code"], code);
    }
    let mut unknown_method = registration("jan_kowalski");
    unknown_method["confirmation"] = json!({"method": "pigeon"});
    assert_eq!(register(&state, unknown_method).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_username_taken_in_any_case_is_a_409_and_shows_as_unavailable() {
    let state = AppState::in_memory(None);
    created_id(&state, "Jan_Kowalski").await;
    let answer = register(&state, registration("jan_KOWALSKI")).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(answer.body["errors"]["username"][0]["code"], "username.taken");
    let availability = send(&state, get("/api/v1/usernames/JAN_kowalski/availability")).await.body;
    assert_eq!(availability["available"], false);
    assert_eq!(availability["error"]["code"], "username.taken");
}

#[tokio::test]
async fn of_two_concurrent_registrations_of_one_username_exactly_one_succeeds() {
    let state = AppState::in_memory(None);
    let (first, second) = tokio::join!(register(&state, registration("jan_kowalski")), register(&state, registration("JAN_KOWALSKI")));
    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
}

#[tokio::test]
async fn three_wrong_codes_spend_the_code_until_a_new_one_is_sent() {
    let state = AppState::in_memory(None);
    let id = created_id(&state, "jan_kowalski").await;
    let right = latest_code(&state, PHONE).await;
    for (tries_left, code) in [(2, "sms_code.wrong"), (1, "sms_code.wrong"), (0, "sms_code.no_tries_left")] {
        let answer = confirm(&state, &id, &a_wrong_code(&right)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!((answer.body["tries_left"].as_u64(), answer.body["errors"]["code"][0]["code"].as_str()), (Some(tries_left), Some(code)));
    }
    let spent = confirm(&state, &id, &right).await;
    assert_eq!(spent.body["errors"]["code"][0]["code"], "sms_code.no_tries_left", "the right code no longer works");

    let too_soon = resend(&state, &id).await;
    assert_eq!((too_soon.status, too_soon.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("sms_code.resend_too_soon")));
    let retry_after: i64 = too_soon.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");

    state.clock.advance(61);
    let sent = resend(&state, &id).await;
    assert_eq!((sent.status, sent.body.clone()), (StatusCode::OK, json!({"resend_available_in": 60})));
    let fresh = latest_code(&state, PHONE).await;
    assert_eq!(confirm(&state, &id, &fresh).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_code_expires_after_five_minutes() {
    let state = AppState::in_memory(None);
    let id = created_id(&state, "jan_kowalski").await;
    let code = latest_code(&state, PHONE).await;
    state.clock.advance(5 * 60);
    let answer = confirm(&state, &id, &code).await;
    assert_eq!((answer.status, answer.body["errors"]["code"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sms_code.expired")));
}

#[tokio::test]
async fn a_malformed_code_is_a_field_error_and_costs_no_try() {
    let state = AppState::in_memory(None);
    let id = created_id(&state, "jan_kowalski").await;
    let answer = confirm(&state, &id, "12a456").await;
    assert_eq!((answer.body["errors"]["code"][0]["code"].as_str(), answer.body["tries_left"].as_u64()), (Some("sms_code.format"), Some(3)));
    let bad_body = send(&state, post_json(&format!("/api/v1/registrations/{id}/sms-code"), r#"{"code": 123456}"#)).await;
    assert_eq!(bad_body.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_unknown_registration_is_a_404() {
    let state = AppState::in_memory(None);
    for answer in [send(&state, get("/api/v1/registrations/nope")).await, confirm(&state, "nope", "123456").await, resend(&state, "nope").await] {
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("registration.not_found")));
    }
}

#[tokio::test]
async fn availability_applies_the_username_rule_first() {
    let state = AppState::in_memory(None);
    let answer = send(&state, get("/api/v1/usernames/jan.kowalski/availability")).await.body;
    assert_eq!((answer["available"].as_bool(), answer["error"]["code"].as_str()), (Some(false), Some("username.forbidden_char")));
    let free = send(&state, get("/api/v1/usernames/jan_kowalski/availability")).await.body;
    assert_eq!(free, json!({"username": "jan_kowalski", "available": true, "error": null}));
}

#[tokio::test]
async fn without_dev_the_outbox_does_not_exist() {
    let mut state = AppState::in_memory(None);
    state.dev = false;
    let answer = send(&state, get("/api/dev/outbox")).await;
    assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("route.not_found")));
}

/// Registers `username` with `confirmation`, confirms the SMS code and answers the id.
async fn sent_application(state: &AppState, username: &str, confirmation: Value) -> String {
    let mut body = registration(username);
    body["confirmation"] = confirmation;
    let id = register(state, body).await.body["id"].as_str().unwrap().to_owned();
    assert_eq!(confirm(state, &id, &latest_code(state, PHONE).await).await.status, StatusCode::OK);
    id
}

async fn confirm_identity(state: &AppState, id: &str) -> common::Answer {
    send(state, post_json(&format!("/api/dev/registrations/{id}/confirm-identity"), "")).await
}

#[tokio::test]
async fn a_confirmed_identity_activates_the_profile_for_three_years_and_says_so_by_e_mail() {
    let state = AppState::in_memory(None);
    let id = sent_application(&state, "jan_kowalski", json!({"method": "e_id"})).await;
    let answer = confirm_identity(&state, &id).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let valid_until = state.clock.today().add_months(36).to_string();
    assert_eq!((answer.body["state"].as_str(), answer.body["profile_valid_until"].as_str()), (Some("confirmed"), Some(valid_until.as_str())));
    let outbox = send(&state, get("/api/dev/outbox?to=jan@example.pl")).await.body;
    assert_eq!(outbox[0]["subject"], "Twój profil zaufany został potwierdzony");
    assert!(outbox[0]["text"].as_str().unwrap().contains(&valid_until));
    let again = confirm_identity(&state, &id).await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("registration.not_awaiting_identity")));
}

#[tokio::test]
async fn a_video_call_gives_a_profile_for_three_months() {
    let state = AppState::in_memory(None);
    let window = shared::rules::confirmation::offered_call_windows(state.clock.today())[0];
    let video = json!({"method": "video", "app": "skype", "windows": [window]});
    let id = sent_application(&state, "jan_kowalski", video).await;
    let answer = confirm_identity(&state, &id).await;
    assert_eq!(answer.body["profile_kind"], "temporary");
    assert_eq!(answer.body["profile_valid_until"], state.clock.today().add_months(3).to_string());
}

#[tokio::test]
async fn a_pesel_with_an_active_profile_cannot_register_again_until_it_expires() {
    let state = AppState::in_memory(None);
    let id = sent_application(&state, "jan_kowalski", json!({"method": "bank", "provider": "pko"})).await;
    assert_eq!(confirm_identity(&state, &id).await.status, StatusCode::OK);

    let refused = register(&state, registration("jan_kowalski_2")).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.body["errors"]["pesel"][0]["code"], "pesel.has_active_profile");

    state.clock.advance((36 * 31 + 1) * 86_400);
    let renewed = register(&state, registration("jan_kowalski_2")).await;
    assert_eq!(renewed.status, StatusCode::CREATED, "an expired profile no longer blocks its PESEL: {}", renewed.body);
}

#[tokio::test]
async fn an_application_still_awaiting_its_sms_code_cannot_have_its_identity_confirmed() {
    let state = AppState::in_memory(None);
    let id = created_id(&state, "jan_kowalski").await;
    let answer = confirm_identity(&state, &id).await;
    assert_eq!(answer.body["error"]["code"], "registration.not_awaiting_identity");
}

fn register_with_key(body: &Value, key: &str) -> axum::http::Request<axum::body::Body> {
    let mut request = post_json("/api/v1/registrations", body.to_string());
    request.headers_mut().insert("idempotency-key", key.parse().unwrap());
    request
}

#[tokio::test]
async fn the_same_idempotency_key_answers_the_same_registration_and_sends_nothing_more() {
    let state = AppState::in_memory(None);
    let body = registration("jan_kowalski");
    let first = send(&state, register_with_key(&body, "reg-1")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = send(&state, register_with_key(&body, "reg-1")).await;
    assert_eq!((again.status, &again.body), (StatusCode::CREATED, &first.body), "a retry after a lost answer gets the same registration");
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body.as_array().unwrap().len(), 1, "one SMS, not two");
    let other_key = send(&state, register_with_key(&body, "reg-2")).await;
    assert_eq!((other_key.status, other_key.body["errors"]["username"][0]["code"].as_str()), (StatusCode::CONFLICT, Some("username.taken")));
    let without_key = register(&state, body).await;
    assert_eq!(without_key.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_idempotency_key_must_be_a_plain_token() {
    let state = AppState::in_memory(None);
    for key in ["has space", &"k".repeat(65)] {
        let answer = send(&state, register_with_key(&registration("jan_kowalski"), key)).await;
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_idempotency_key")), "{key:?}");
    }
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body, json!([]));
}

#[tokio::test]
async fn two_simultaneous_sends_with_one_key_make_one_registration() {
    let state = AppState::in_memory(None);
    let body = registration("jan_kowalski");
    let (a, b) = tokio::join!(send(&state, register_with_key(&body, "reg-twice")), send(&state, register_with_key(&body, "reg-twice")));
    assert_eq!((a.status, b.status), (StatusCode::CREATED, StatusCode::CREATED), "{} {}", a.body, b.body);
    assert_eq!(a.body, b.body);
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_key_is_bound_to_its_body_and_forgotten_after_24_hours() {
    let state = AppState::in_memory(None);
    let first = send(&state, register_with_key(&registration("jan_kowalski"), "reg-bound")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let other_body = send(&state, register_with_key(&registration("anna_nowak"), "reg-bound")).await;
    assert_eq!(
        (other_body.status, other_body.body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("request.idempotency_key_reused")),
        "whoever knows a key does not get its registration with another body"
    );
    state.clock.advance(24 * 3_600);
    let later = send(&state, register_with_key(&registration("anna_nowak"), "reg-bound")).await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.body);
    assert_ne!(later.body["id"], first.body["id"]);
}
