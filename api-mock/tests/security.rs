//! The signed-in citizen's own security through the API: changing the password (current one, a
//! fresh second factor, the other sessions end), the sessions list and signing out everywhere,
//! and verifying the e-mail address with a code so that it signs in.

mod common;

use api_mock::AppState;
use axum::http::{header, StatusCode};
use common::{cookie_of, from_app, get, latest_code, send, sign_in, Answer, PASSWORD};
use serde_json::{json, Value};

const DARIUSZ_PHONE: &str = "+48600100004";
const DARIUSZ_EMAIL: &str = "dariusz_kaminski@example.pl";

async fn citizens() -> AppState {
    common::with_citizens(AppState::in_memory(None)).await
}

async fn change(state: &AppState, cookie: &str, current: &str, new: &str, repeat: &str) -> Answer {
    let body = json!({"current_password": current, "password": new, "password_repeat": repeat});
    send(state, from_app("POST", "/api/v1/me/password", Some(cookie), Some(body))).await
}

fn first_code(answer: &Answer, field: &str) -> Value {
    answer.body["errors"][field][0]["code"].clone()
}

#[tokio::test]
async fn the_password_changes_with_the_current_one_and_a_fresh_second_factor_and_the_other_sessions_end() {
    let state = citizens().await;
    let other = sign_in(&state, "dariusz_kaminski", DARIUSZ_PHONE).await;
    state.clock.advance(121);
    let cookie = sign_in(&state, "dariusz_kaminski", DARIUSZ_PHONE).await;
    state.clock.advance(121);
    let stale = change(&state, &cookie, PASSWORD, "Nowe#Haslo12", "Nowe#Haslo12").await;
    assert_eq!((stale.status, stale.body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("authorisation.confirmation_required")));
    send(&state, from_app("POST", "/api/v1/session/confirmation", Some(&cookie), None)).await;
    let code = latest_code(&state, DARIUSZ_PHONE).await;
    let confirmed = send(&state, from_app("POST", "/api/v1/session/confirmation/sms-code", Some(&cookie), Some(json!({"code": code})))).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);

    let common = change(&state, &cookie, PASSWORD, "Haslo123!", "Haslo123!").await;
    assert_eq!((common.status, first_code(&common, "password")), (StatusCode::UNPROCESSABLE_ENTITY, json!("password.common")));
    let same = change(&state, &cookie, PASSWORD, PASSWORD, PASSWORD).await;
    assert_eq!(first_code(&same, "password"), json!("password.same_as_current"));
    let mismatch = change(&state, &cookie, PASSWORD, "Nowe#Haslo12", "Nowe#Haslo13").await;
    assert_eq!(first_code(&mismatch, "password_repeat"), json!("password_repeat.mismatch"));
    let empty = change(&state, &cookie, "", "Nowe#Haslo12", "Nowe#Haslo12").await;
    assert_eq!(first_code(&empty, "current_password"), json!("login.password_required"));
    let wrong = change(&state, &cookie, "Zle#Haslo1", "Nowe#Haslo12", "Nowe#Haslo12").await;
    assert_eq!((wrong.status, first_code(&wrong, "current_password")), (StatusCode::UNPROCESSABLE_ENTITY, json!("password.current_wrong")));

    let changed = change(&state, &cookie, PASSWORD, "Nowe#Haslo12", "Nowe#Haslo12").await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
    assert_eq!(send(&state, from_app("GET", "/api/v1/me", Some(&cookie), None)).await.status, StatusCode::OK, "this session goes on");
    assert_eq!(send(&state, from_app("GET", "/api/v1/me", Some(&other), None)).await.status, StatusCode::UNAUTHORIZED, "the other one ended");
    let mail = &send(&state, get(&format!("/api/dev/outbox?to={DARIUSZ_EMAIL}"))).await.body[0];
    assert_eq!(mail["subject"], "Hasło w Profilu Zaufanym zostało zmienione");
    state.clock.advance(61);
    let new = send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "dariusz_kaminski", "password": "Nowe#Haslo12"})))).await;
    assert_eq!(new.status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_current_passwords_lock_the_account_as_at_sign_in() {
    let state = citizens().await;
    let cookie = sign_in(&state, "dariusz_kaminski", DARIUSZ_PHONE).await;
    for _ in 0..4 {
        assert_eq!(change(&state, &cookie, "Zle#Haslo1", "Nowe#Haslo12", "Nowe#Haslo12").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let fifth = change(&state, &cookie, "Zle#Haslo1", "Nowe#Haslo12", "Nowe#Haslo12").await;
    assert_eq!((fifth.status, fifth.body["error"]["code"].as_str()), (StatusCode::LOCKED, Some("login.locked")));
    let right = change(&state, &cookie, PASSWORD, "Nowe#Haslo12", "Nowe#Haslo12").await;
    assert_eq!(right.status, StatusCode::LOCKED, "the right one waits for the lock too");
}

#[tokio::test]
async fn the_sessions_are_listed_and_signing_out_everywhere_ends_them_all() {
    let state = citizens().await;
    let mut phone = from_app("POST", "/api/v1/login", None, Some(json!({"login": "dariusz_kaminski", "password": PASSWORD})));
    phone.headers_mut().insert(header::USER_AGENT, "Mozilla/5.0 (Android 14; Mobile)".parse().unwrap());
    let pending = cookie_of(&send(&state, phone).await);
    let code = latest_code(&state, DARIUSZ_PHONE).await;
    let on_phone = cookie_of(&send(&state, from_app("POST", "/api/v1/login/sms-code", Some(&pending), Some(json!({"code": code})))).await);
    state.clock.advance(61);
    let here = sign_in(&state, "dariusz_kaminski", DARIUSZ_PHONE).await;

    let listed = send(&state, from_app("GET", "/api/v1/me/sessions", Some(&here), None)).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let sessions = listed.body["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!((sessions[0]["current"].as_bool(), sessions[1]["current"].as_bool()), (Some(true), Some(false)), "newest first, this one marked");
    assert_eq!(sessions[1]["device"], "Mozilla/5.0 (Android 14; Mobile)");
    assert!(sessions[0]["signed_in_at"].as_i64() > sessions[1]["signed_in_at"].as_i64());

    let out = send(&state, from_app("DELETE", "/api/v1/me/sessions", Some(&here), None)).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    for cookie in [&here, &on_phone] {
        assert_eq!(send(&state, from_app("GET", "/api/v1/me", Some(cookie), None)).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(send(&state, from_app("GET", "/api/v1/me/sessions", Some(&here), None)).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_citizen_verifies_the_e_mail_with_a_code_and_then_signs_in_with_it() {
    let state = citizens().await;
    let created = send(&state, from_app("POST", "/api/v1/registrations", None, Some(common::registration("jan_kowalski")))).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let code = latest_code(&state, "+48600123456").await;
    assert_eq!(send(&state, from_app("POST", &format!("/api/v1/registrations/{id}/sms-code"), None, Some(json!({"code": code})))).await.status, StatusCode::OK);
    let by_email = send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "jan@example.pl", "password": "Tajne#Haslo1"})))).await;
    assert_eq!(by_email.status, StatusCode::UNAUTHORIZED, "not yet verified");

    let pending = cookie_of(&send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "jan_kowalski", "password": "Tajne#Haslo1"})))).await);
    let code = latest_code(&state, "+48600123456").await;
    let cookie = cookie_of(&send(&state, from_app("POST", "/api/v1/login/sms-code", Some(&pending), Some(json!({"code": code})))).await);
    let profile = send(&state, from_app("GET", "/api/v1/me/profile", Some(&cookie), None)).await;
    assert_eq!(profile.body["email_verified"], false);
    let sent = send(&state, from_app("POST", "/api/v1/me/email/verification", Some(&cookie), None)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let mail = &send(&state, get("/api/dev/outbox?to=jan@example.pl")).await.body[0];
    assert_eq!(mail["subject"], "Kod do potwierdzenia adresu e-mail");
    let code = latest_code(&state, "jan@example.pl").await;
    let wrong = send(&state, from_app("POST", "/api/v1/me/email/verification/code", Some(&cookie), Some(json!({"code": "000000"})))).await;
    assert_eq!((wrong.status, wrong.body["tries_left"].as_i64()), (StatusCode::UNPROCESSABLE_ENTITY, Some(2)));
    let verified = send(&state, from_app("POST", "/api/v1/me/email/verification/code", Some(&cookie), Some(json!({"code": code})))).await;
    assert_eq!(verified.status, StatusCode::NO_CONTENT, "{}", verified.body);
    assert_eq!(send(&state, from_app("GET", "/api/v1/me/profile", Some(&cookie), None)).await.body["email_verified"], true);
    let again = send(&state, from_app("POST", "/api/v1/me/email/verification", Some(&cookie), None)).await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("email.verified")));
    state.clock.advance(61);
    let by_email = send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "Jan@Example.pl", "password": "Tajne#Haslo1"})))).await;
    assert_eq!(by_email.status, StatusCode::OK, "{}", by_email.body);
}

#[tokio::test]
async fn an_address_another_account_verified_cannot_be_verified_again() {
    let state = citizens().await;
    let mut twin = common::registration("blizniak");
    twin["email"] = json!(DARIUSZ_EMAIL);
    twin["email_repeat"] = json!(DARIUSZ_EMAIL);
    let id = send(&state, from_app("POST", "/api/v1/registrations", None, Some(twin))).await.body["id"].as_str().unwrap().to_owned();
    let code = latest_code(&state, "+48600123456").await;
    send(&state, from_app("POST", &format!("/api/v1/registrations/{id}/sms-code"), None, Some(json!({"code": code})))).await;
    let pending = cookie_of(&send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "blizniak", "password": "Tajne#Haslo1"})))).await);
    let code = latest_code(&state, "+48600123456").await;
    let cookie = cookie_of(&send(&state, from_app("POST", "/api/v1/login/sms-code", Some(&pending), Some(json!({"code": code})))).await);
    send(&state, from_app("POST", "/api/v1/me/email/verification", Some(&cookie), None)).await;
    let code = latest_code(&state, DARIUSZ_EMAIL).await;
    let refused = send(&state, from_app("POST", "/api/v1/me/email/verification/code", Some(&cookie), Some(json!({"code": code})))).await;
    assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("email.taken")));
}
