//! The profile's validity through the API: an extension with a code by SMS and a code by e-mail
//! (each wrong code costing its own try), a changed phone that needs a fresh second factor and
//! gets its own code, the profiles that cannot be extended, a new profile at the simulated
//! provider after expiry (cancelled, then confirmed), and the reminders as the clock moves.

mod common;

use api_mock::AppState;
use axum::http::{header, StatusCode};
use common::{from_app, get, latest_code, send, sign_in};
use serde_json::{json, Value};
use shared::date::Date;

const FILIP_PHONE: &str = "+48600100006";
const FILIP_EMAIL: &str = "filip_zielinski@example.pl";

async fn citizens() -> AppState {
    common::with_citizens(AppState { rate_limit: api_mock::limits::RateLimit::default(), ..AppState::in_memory(None) }).await
}

async fn extension_codes(state: &AppState, cookie: &str, code: &str, email_code: &str) -> common::Answer {
    send(state, from_app("POST", "/api/v1/me/profile/extension/codes", Some(cookie), Some(json!({"code": code, "email_code": email_code})))).await
}

fn in_three_years(today: Date) -> Value {
    json!(today.add_months(36))
}

#[tokio::test]
async fn filip_extends_his_profile_with_the_sms_code_and_the_e_mail_code() {
    let state = citizens().await;
    let today = state.clock.today();
    let filip = sign_in(&state, "filip_zielinski", FILIP_PHONE).await;
    let start = send(&state, from_app("GET", "/api/v1/me/profile/extension", Some(&filip), None)).await;
    assert_eq!(start.status, StatusCode::OK, "{}", start.body);
    assert_eq!(start.body, json!({"email": FILIP_EMAIL, "phone": "600 100 006", "valid_until": today.add_days(10), "extended_until": in_three_years(today)}));

    let sent = send(&state, from_app("POST", "/api/v1/me/profile/extension", Some(&filip), Some(json!({"email": FILIP_EMAIL, "phone": "600 100 006"})))).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body, json!({"phone": "+48 *** *** 006", "email": "f***@example.pl", "expires_in": 300, "resend_available_in": 60}));
    let (sms_code, email_code) = (latest_code(&state, FILIP_PHONE).await, latest_code(&state, FILIP_EMAIL).await);
    assert_ne!(sms_code, email_code);

    let wrong = extension_codes(&state, &filip, &sms_code, "000000").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.body["errors"]["email_code"][0]["code"], "email_code.wrong");
    assert!(wrong.body["errors"].get("code").is_none(), "the right SMS code is not an error: {}", wrong.body);
    assert_eq!(wrong.body["tries_left"], json!({"email_code": 2}));
    let malformed = extension_codes(&state, &filip, "12", "").await;
    assert_eq!(
        (malformed.body["errors"]["code"][0]["code"].as_str(), malformed.body["errors"]["email_code"][0]["code"].as_str()),
        (Some("sms_code.format"), Some("email_code.required"))
    );

    let done = extension_codes(&state, &filip, &sms_code, &format!("{} {}", &email_code[..3], &email_code[3..])).await;
    assert_eq!((done.status, done.body.clone()), (StatusCode::OK, json!({"valid_until": in_three_years(today)})));
    let profile = send(&state, from_app("GET", "/api/v1/me/profile", Some(&filip), None)).await.body;
    assert_eq!((profile["profile"]["valid_until"].clone(), profile["profile"]["extended_on"].clone()), (in_three_years(today), json!(today)));
    let email = &send(&state, get(&format!("/api/dev/outbox?to={FILIP_EMAIL}"))).await.body[0];
    assert!(email["subject"].as_str().unwrap().starts_with("Profil zaufany przedłużony do "), "{email}");
    let again = extension_codes(&state, &filip, &sms_code, &email_code).await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("extension.not_pending")));
}

#[tokio::test]
async fn a_changed_phone_asks_for_a_fresh_second_factor_and_gets_its_own_code() {
    let state = citizens().await;
    let filip = sign_in(&state, "filip_zielinski", FILIP_PHONE).await;
    state.clock.advance(3 * 60);
    let new_contact = json!({"email": "Filip.Nowy@Example.pl", "phone": "+48 511 222 333"});
    let refused = send(&state, from_app("POST", "/api/v1/me/profile/extension", Some(&filip), Some(new_contact.clone()))).await;
    assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("authorisation.confirmation_required")));
    assert_eq!(send(&state, from_app("POST", "/api/v1/session/confirmation", Some(&filip), None)).await.status, StatusCode::OK);
    let code = latest_code(&state, FILIP_PHONE).await;
    let confirmed = send(&state, from_app("POST", "/api/v1/session/confirmation/sms-code", Some(&filip), Some(json!({"code": code})))).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);

    let sent = send(&state, from_app("POST", "/api/v1/me/profile/extension", Some(&filip), Some(new_contact))).await;
    assert_eq!((sent.status, sent.body["phone"].as_str(), sent.body["email"].as_str()), (StatusCode::OK, Some("+48 *** *** 333"), Some("f***@example.pl")));
    let (sms_code, email_code) = (latest_code(&state, "+48511222333").await, latest_code(&state, "filip.nowy@example.pl").await);
    assert_eq!(extension_codes(&state, &filip, &sms_code, &email_code).await.status, StatusCode::OK);
    let warning = &send(&state, get(&format!("/api/dev/outbox?to={FILIP_EMAIL}"))).await.body[0];
    assert_eq!(warning["subject"], "Zmieniono dane kontaktowe w Profilu Zaufanym", "the old address hears of the change");
    let login = send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "filip.nowy@example.pl", "password": common::PASSWORD})))).await;
    assert_eq!((login.status, login.body["phone"].as_str()), (StatusCode::OK, Some("+48 *** *** 333")), "codes go to the new phone");
}

#[tokio::test]
async fn only_a_valid_ordinary_profile_can_be_extended_and_contact_details_follow_the_rules() {
    let state = citizens().await;
    for (username, phone, code) in [
        ("ewa_lewandowska", "+48600100005", "extension.temporary"),
        ("grazyna_szymanska", "+48600100007", "extension.expired"),
        ("bartosz_wisniewski", "+48600100002", "extension.no_profile"),
    ] {
        let cookie = sign_in(&state, username, phone).await;
        for (method, body) in [("GET", None), ("POST", Some(json!({"email": format!("{username}@example.pl"), "phone": phone})))] {
            let refused = send(&state, from_app(method, "/api/v1/me/profile/extension", Some(&cookie), body)).await;
            assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some(code)), "{username} {method}");
        }
    }
    let filip = sign_in(&state, "filip_zielinski", FILIP_PHONE).await;
    let bad = send(&state, from_app("POST", "/api/v1/me/profile/extension", Some(&filip), Some(json!({"email": "filip@", "phone": "22 123 45 67"})))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (bad.body["errors"]["email"][0]["code"].as_str(), bad.body["errors"]["phone"][0]["code"].as_str()),
        (Some("email.format"), Some("phone.not_mobile"))
    );
    let unknown = send(&state, from_app("POST", "/api/v1/me/profile/extension", Some(&filip), Some(json!({"email": FILIP_EMAIL})))).await;
    assert_eq!((unknown.status, unknown.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")));
    let nobody = send(&state, from_app("GET", "/api/v1/me/profile/extension", None, None)).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let not_started = extension_codes(&state, &filip, "123456", "654321").await;
    assert_eq!((not_started.status, not_started.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("extension.not_pending")));
    let resend = send(&state, from_app("POST", "/api/v1/me/profile/extension/resend", Some(&filip), None)).await;
    assert_eq!(resend.body["error"]["code"], "extension.not_pending");
}

/// Answers the simulated provider's page for the application at `provider_url` with `answer`;
/// answers where the browser is sent back.
async fn answer_at_provider(state: &AppState, provider_url: &str, answer: &str) -> String {
    let page = send(state, get(provider_url)).await;
    assert_eq!(page.status, StatusCode::OK);
    let form = axum::http::Request::post(provider_url)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, common::ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("answer={answer}")))
        .unwrap();
    let answered = send(state, form).await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    answered.headers[header::LOCATION].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn grazyna_makes_a_new_profile_at_the_provider_after_cancelling_once() {
    let state = citizens().await;
    let today = state.clock.today();
    let grazyna = sign_in(&state, "grazyna_szymanska", "+48600100007").await;
    let e_id = send(&state, from_app("POST", "/api/v1/me/profiles", Some(&grazyna), Some(json!({"method": "e_id"})))).await;
    assert_eq!(e_id.status, StatusCode::CREATED, "{}", e_id.body);
    let provider_url = e_id.body["provider_url"].as_str().unwrap().to_owned();
    assert!(send(&state, get(&provider_url)).await.body.as_str().unwrap().contains("e-dowód"));
    assert_eq!(answer_at_provider(&state, &provider_url, "refuse").await, format!("{}?anulowano=1", shared::paths::NEW_PROFILE_PATH));
    assert_eq!(send(&state, get(&provider_url)).await.status, StatusCode::NOT_FOUND, "withdrawn");
    let profile = send(&state, from_app("GET", "/api/v1/me/profile", Some(&grazyna), None)).await.body;
    assert_eq!(profile["profile"]["valid_until"], "2023-10-30", "still the expired one");

    let bank = send(&state, from_app("POST", "/api/v1/me/profiles", Some(&grazyna), Some(json!({"method": "bank", "provider": "pko"})))).await;
    assert_eq!(bank.status, StatusCode::CREATED);
    assert!(bank.body["application_number"].as_str().unwrap().starts_with(&format!("PZ-{}-", today.year)));
    assert_eq!(answer_at_provider(&state, bank.body["provider_url"].as_str().unwrap(), "accept").await, shared::paths::NEW_PROFILE_DONE_PATH);
    let profile = send(&state, from_app("GET", "/api/v1/me/profile", Some(&grazyna), None)).await.body;
    assert_eq!((profile["profile"]["kind"].as_str(), profile["profile"]["valid_until"].clone()), (Some("ordinary"), in_three_years(today)));
    assert_eq!(profile["confirmation"], json!({"method": "bank", "provider": "pko"}));
    let me = send(&state, from_app("GET", "/api/v1/me", Some(&grazyna), None)).await.body;
    assert_eq!(me["profile_valid_until"], in_three_years(today));
    let email = &send(&state, get("/api/dev/outbox?to=grazyna_szymanska@example.pl")).await.body[0];
    assert_eq!(email["subject"], "Twój profil zaufany został potwierdzony");

    let again = send(&state, from_app("POST", "/api/v1/me/profiles", Some(&grazyna), Some(json!({"method": "e_id"})))).await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("profile.still_valid")));
    let ewa = sign_in(&state, "ewa_lewandowska", "+48600100005").await;
    let unknown = send(&state, from_app("POST", "/api/v1/me/profiles", Some(&ewa), Some(json!({"method": "bank", "provider": "nie-bank"})))).await;
    assert_eq!(
        (unknown.status, unknown.body["errors"]["confirmation"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("confirmation.unknown_provider"))
    );
    let video = send(&state, from_app("POST", "/api/v1/me/profiles", Some(&ewa), Some(json!({"method": "video"})))).await;
    assert_eq!(video.status, StatusCode::BAD_REQUEST);
    let temporary_replaced = send(&state, from_app("POST", "/api/v1/me/profiles", Some(&ewa), Some(json!({"method": "e_id"})))).await;
    assert_eq!(temporary_replaced.status, StatusCode::CREATED, "a temporary profile is replaced by an ordinary one");
}

/// The reminder SMS sent to `phone`, oldest first.
async fn reminders_to(state: &AppState, phone: &str) -> Vec<String> {
    let outbox = send(state, get(&format!("/api/dev/outbox?to={}", phone.replace('+', "%2B")))).await.body;
    let mut texts: Vec<String> =
        outbox.as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_owned()).filter(|t| t.contains("pz.gov.pl")).collect();
    texts.reverse();
    texts
}

async fn move_clock(state: &AppState, seconds: i64) {
    let request = axum::http::Request::put("/api/dev/clock")
        .header(header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(json!({"advance_seconds": seconds}).to_string()))
        .unwrap();
    assert_eq!(send(state, request).await.status, StatusCode::OK);
}

#[tokio::test]
async fn reminders_go_out_on_their_days_once_each_in_the_citizen_s_language() {
    let state = citizens().await;
    let day = 86_400;
    let filip = reminders_to(&state, FILIP_PHONE).await;
    assert_eq!(filip.len(), 1, "the 30-day reminder was due when the world was loaded: {filip:?}");
    assert!(filip[0].starts_with("Profil Zaufany: Twój profil zaufany jest ważny do ") && filip[0].contains("(jeszcze 10 dni)"), "{}", filip[0]);
    for wrong in ["limit=0", "limit=1001", "days=3661", "days=tomorrow"] {
        let refused = send(&state, get(&format!("/api/dev/reminders?{wrong}"))).await;
        assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")), "{wrong}");
    }
    let schedule = send(&state, get("/api/dev/reminders?days=30")).await.body;
    let filip_schedule: Vec<(i64, String)> = schedule["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["username"] == "filip_zielinski")
        .map(|r| (r["days_before"].as_i64().unwrap(), r["state"].as_str().unwrap().to_owned()))
        .collect();
    let expected = [(60, "skipped"), (30, "sent"), (7, "scheduled"), (1, "scheduled"), (0, "scheduled")];
    assert_eq!(filip_schedule, expected.map(|(d, s)| (d, s.to_owned())));

    // Filip signs in in English: his next reminders are in English.
    let english = axum::http::Request::post("/api/v1/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(axum::body::Body::from(json!({"login": "filip_zielinski", "password": common::PASSWORD}).to_string()))
        .unwrap();
    assert_eq!(send(&state, english).await.status, StatusCode::OK);

    move_clock(&state, 2 * day).await;
    assert_eq!(reminders_to(&state, FILIP_PHONE).await.len(), 1, "no reminder is due 8 days before");
    move_clock(&state, day).await;
    let filip = reminders_to(&state, FILIP_PHONE).await;
    assert_eq!(filip.len(), 2);
    assert!(filip[1].starts_with("Trusted Profile: your trusted profile is valid until ") && filip[1].contains("(7 more days)"), "{}", filip[1]);
    let email = &send(&state, get(&format!("/api/dev/outbox?to={FILIP_EMAIL}"))).await.body[0];
    assert!(email["subject"].as_str().unwrap().starts_with("Your trusted profile is valid until"), "{email}");
    move_clock(&state, 60).await;
    move_clock(&state, -day).await;
    move_clock(&state, day).await;
    assert_eq!(reminders_to(&state, FILIP_PHONE).await.len(), 2, "each reminder goes once");
    move_clock(&state, 7 * day).await;
    let filip = reminders_to(&state, FILIP_PHONE).await;
    assert_eq!(filip.len(), 3, "straight to the last day: only that one goes");
    assert!(filip[2].contains("(this is the last day)"), "{}", filip[2]);
    move_clock(&state, day).await;
    assert_eq!(reminders_to(&state, FILIP_PHONE).await.len(), 3, "none once it expired");
}

#[tokio::test]
async fn new_codes_come_at_most_once_a_minute_and_the_provider_takes_only_its_form() {
    let state = citizens().await;
    let filip = sign_in(&state, "filip_zielinski", FILIP_PHONE).await;
    let contact = json!({"email": FILIP_EMAIL, "phone": "600 100 006"});
    assert_eq!(send(&state, from_app("POST", "/api/v1/me/profile/extension", Some(&filip), Some(contact.clone()))).await.status, StatusCode::OK);
    let first_sms = latest_code(&state, FILIP_PHONE).await;
    let again = send(&state, from_app("POST", "/api/v1/me/profile/extension", Some(&filip), Some(contact))).await;
    assert_eq!(again.status, StatusCode::OK, "the same details again: the codes in force, nothing new sent");
    assert_eq!(latest_code(&state, FILIP_PHONE).await, first_sms);
    let too_soon = send(&state, from_app("POST", "/api/v1/me/profile/extension/resend", Some(&filip), None)).await;
    assert_eq!((too_soon.status, too_soon.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("sms_code.resend_too_soon")));
    assert!(too_soon.headers.contains_key(header::RETRY_AFTER));
    state.clock.advance(61);
    let resent = send(&state, from_app("POST", "/api/v1/me/profile/extension/resend", Some(&filip), None)).await;
    assert_eq!((resent.status, resent.body["resend_available_in"].as_i64()), (StatusCode::OK, Some(60)));
    let (sms, email) = (latest_code(&state, FILIP_PHONE).await, latest_code(&state, FILIP_EMAIL).await);
    assert_ne!(sms, first_sms, "a new SMS code");
    assert_eq!(extension_codes(&state, &filip, &first_sms, &email).await.body["errors"]["code"][0]["code"], "sms_code.wrong", "the old code stopped working");
    assert_eq!(extension_codes(&state, &filip, &sms, &email).await.status, StatusCode::OK);

    let grazyna = sign_in(&state, "grazyna_szymanska", "+48600100007").await;
    let started = send(&state, from_app("POST", "/api/v1/me/profiles", Some(&grazyna), Some(json!({"method": "e_id"})))).await;
    let form = axum::http::Request::post(started.body["provider_url"].as_str().unwrap())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("answer=maybe"))
        .unwrap();
    let refused = send(&state, form).await;
    assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_fields")));
}
