//! The signed-in citizen's account through the API: the profile's details for fixture citizens
//! in different states, the change of authorisation method (to push accepted in mObywatel, to SMS
//! with a code, refused, only after a fresh second factor), and recovering a forgotten username
//! or password (the link, the new password, the SMS code, every session ended).

mod common;

use api_mock::AppState;
use axum::http::StatusCode;
use common::{accept_newest_push, from_app, get, latest_code, send, sign_in, PASSWORD};
use serde_json::{json, Value};

async fn citizens() -> AppState {
    common::with_citizens(AppState { rate_limit: api_mock::limits::RateLimit::default(), ..AppState::in_memory(None) }).await
}

async fn profile(state: &AppState, cookie: &str) -> Value {
    let answer = send(state, from_app("GET", "/api/v1/me/profile", Some(cookie), None)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

#[tokio::test]
async fn every_citizen_s_profile_tells_their_own_state() {
    let state = citizens().await;
    let today = state.clock.today();
    let dariusz = profile(&state, &sign_in(&state, "dariusz_kaminski", "+48600100004").await).await;
    assert_eq!((dariusz["pesel"].as_str(), dariusz["phone"].as_str()), (Some("*******0496"), Some("+48 *** *** 004")));
    assert_eq!((dariusz["profile"]["kind"].as_str(), dariusz["confirmation"]["method"].as_str()), (Some("ordinary"), Some("bank")));
    assert_eq!(dariusz["profile"]["confirmed_on"], json!(today.add_days(-365)));
    let ewa = profile(&state, &sign_in(&state, "ewa_lewandowska", "+48600100005").await).await;
    assert_eq!(ewa["profile"]["kind"], "temporary");
    let filip = profile(&state, &sign_in(&state, "filip_zielinski", "+48600100006").await).await;
    assert_eq!(filip["profile"]["valid_until"], json!(today.add_days(10)));
    let grazyna = profile(&state, &sign_in(&state, "grazyna_szymanska", "+48600100007").await).await;
    assert_eq!(grazyna["profile"]["valid_until"], "2023-10-30", "expired on 31 October 2023");
    let bartosz = profile(&state, &sign_in(&state, "bartosz_wisniewski", "+48600100002").await).await;
    assert_eq!((bartosz["registration"].as_str(), bartosz["profile"].clone()), (Some("awaiting_identity"), Value::Null));
    assert_eq!(bartosz["confirmation"]["method"], "video");
    let henryk = profile(&state, &sign_in(&state, "henryk_wozniak", "+48600100008").await).await;
    assert_eq!(henryk["authorisation"], "push");
    assert_eq!(send(&state, get("/api/v1/me/profile")).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_change_to_push_takes_effect_when_accepted_in_mobywatel_and_the_next_login_asks_for_push() {
    let state = citizens().await;
    let cookie = sign_in(&state, "dariusz_kaminski", "+48600100004").await;
    let same = send(&state, from_app("POST", "/api/v1/me/authorisation", Some(&cookie), Some(json!({"method": "sms"})))).await;
    assert_eq!((same.status, same.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("authorisation.unchanged")));
    let started = send(&state, from_app("POST", "/api/v1/me/authorisation", Some(&cookie), Some(json!({"method": "push"})))).await;
    assert_eq!((started.status, started.body["method"].as_str()), (StatusCode::OK, Some("push")), "{}", started.body);
    let waiting = send(&state, from_app("GET", "/api/v1/me/authorisation/push", Some(&cookie), None)).await;
    assert_eq!(waiting.body["state"], "pending");
    assert_eq!(profile(&state, &cookie).await["authorisation"], "sms", "nothing changes before the answer");
    let requests = send(&state, get("/api/dev/mobywatel/dariusz_kaminski/requests")).await.body;
    assert_eq!(requests[0]["what"], "Zmiana metody autoryzacji na powiadomienia push");
    accept_newest_push(&state, "dariusz_kaminski", "accept").await;
    assert_eq!(send(&state, from_app("GET", "/api/v1/me/authorisation/push", Some(&cookie), None)).await.body["state"], "accepted");
    assert_eq!(profile(&state, &cookie).await["authorisation"], "push");
    let email = &send(&state, get("/api/dev/outbox?to=dariusz_kaminski@example.pl")).await.body[0];
    assert_eq!(email["subject"], "Zmieniono metodę autoryzacji w Profilu Zaufanym");
    let next = send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "dariusz_kaminski", "password": PASSWORD})))).await;
    assert_eq!(next.body["method"], "push");
}

#[tokio::test]
async fn a_change_to_sms_is_confirmed_with_a_code_and_a_refused_push_changes_nothing() {
    let state = citizens().await;
    let cookie = sign_in(&state, "henryk_wozniak", "+48600100008").await;
    let started = send(&state, from_app("POST", "/api/v1/me/authorisation", Some(&cookie), Some(json!({"method": "sms"})))).await;
    assert_eq!((started.status, started.body["phone"].as_str()), (StatusCode::OK, Some("+48 *** *** 008")));
    let wrong = send(&state, from_app("POST", "/api/v1/me/authorisation/sms-code", Some(&cookie), Some(json!({"code": "000000"})))).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = latest_code(&state, "+48600100008").await;
    let changed = send(&state, from_app("POST", "/api/v1/me/authorisation/sms-code", Some(&cookie), Some(json!({"code": code})))).await;
    assert_eq!((changed.status, changed.body["authorisation"].as_str()), (StatusCode::OK, Some("sms")), "{}", changed.body);

    let back = send(&state, from_app("POST", "/api/v1/me/authorisation", Some(&cookie), Some(json!({"method": "push"})))).await;
    assert_eq!(back.status, StatusCode::OK);
    accept_newest_push(&state, "henryk_wozniak", "refuse").await;
    assert_eq!(send(&state, from_app("GET", "/api/v1/me/authorisation/push", Some(&cookie), None)).await.body["state"], "refused");
    assert_eq!(profile(&state, &cookie).await["authorisation"], "sms", "refused: nothing changed");
}

#[tokio::test]
async fn a_change_asks_for_a_second_factor_given_within_two_minutes() {
    let state = citizens().await;
    let cookie = sign_in(&state, "dariusz_kaminski", "+48600100004").await;
    state.clock.advance(121);
    let change = || send(&state, from_app("POST", "/api/v1/me/authorisation", Some(&cookie), Some(json!({"method": "push"}))));
    let refused = change().await;
    assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("authorisation.confirmation_required")));
    let asked = send(&state, from_app("POST", "/api/v1/session/confirmation", Some(&cookie), None)).await;
    assert_eq!((asked.status, asked.body["method"].as_str()), (StatusCode::OK, Some("sms")));
    let code = latest_code(&state, "+48600100004").await;
    let confirmed = send(&state, from_app("POST", "/api/v1/session/confirmation/sms-code", Some(&cookie), Some(json!({"code": code})))).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(change().await.status, StatusCode::OK);

    // A push user confirms in mObywatel.
    let henryk = sign_in(&state, "henryk_wozniak", "+48600100008").await;
    state.clock.advance(121);
    let asked = send(&state, from_app("POST", "/api/v1/session/confirmation", Some(&henryk), None)).await;
    assert_eq!(asked.body["method"], "push");
    accept_newest_push(&state, "henryk_wozniak", "accept").await;
    assert_eq!(send(&state, from_app("GET", "/api/v1/session/confirmation/push", Some(&henryk), None)).await.body["state"], "accepted");
    let to_sms = send(&state, from_app("POST", "/api/v1/me/authorisation", Some(&henryk), Some(json!({"method": "sms"})))).await;
    assert_eq!(to_sms.status, StatusCode::OK, "{}", to_sms.body);
}

#[tokio::test]
async fn a_username_reminder_answers_the_same_whether_or_not_the_address_is_known() {
    let state = citizens().await;
    let remind = |email: &str| send(&state, from_app("POST", "/api/v1/recovery/username", None, Some(json!({"email": email}))));
    let known = remind("Dariusz_Kaminski@example.pl").await;
    let unknown = remind("nikt@example.pl").await;
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    assert_eq!(known.status, StatusCode::ACCEPTED);
    let email = &send(&state, get("/api/dev/outbox?to=dariusz_kaminski@example.pl")).await.body[0];
    assert!(email["text"].as_str().unwrap().contains("dariusz_kaminski"), "{email}");
    assert!(send(&state, get("/api/dev/outbox?to=nikt@example.pl")).await.body.as_array().unwrap().is_empty());
    let bad = remind("nie-adres").await;
    assert_eq!((bad.status, bad.body["errors"]["email"][0]["code"].as_str().is_some()), (StatusCode::UNPROCESSABLE_ENTITY, true));
}

/// Asks for a reset link for Dariusz and reads its token from the e-mail.
async fn reset_token(state: &AppState) -> String {
    let asked = send(state, from_app("POST", "/api/v1/recovery/password", None, Some(json!({"username": "DARIUSZ_kaminski", "pesel": "69013040496"})))).await;
    assert_eq!(asked.status, StatusCode::ACCEPTED);
    let email = &send(state, get("/api/dev/outbox?to=dariusz_kaminski@example.pl")).await.body[0];
    let text = email["text"].as_str().unwrap();
    let link = text.split_whitespace().find(|w| w.contains(&format!("{}#", shared::paths::NEW_PASSWORD_PATH))).expect("the link");
    assert!(link.starts_with("http://127.0.0.1:8080/"), "{link}");
    link.split('#').nth(1).unwrap().to_owned()
}

#[tokio::test]
async fn a_forgotten_password_is_replaced_through_the_link_and_the_sms_code_and_every_session_ends() {
    let state = citizens().await;
    let old_session = sign_in(&state, "dariusz_kaminski", "+48600100004").await;
    let unknown =
        send(&state, from_app("POST", "/api/v1/recovery/password", None, Some(json!({"username": "dariusz_kaminski", "pesel": "44051401359"})))).await;
    assert_eq!(unknown.status, StatusCode::ACCEPTED, "a wrong pair gets the same answer");
    let token = reset_token(&state).await;
    let path = format!("/api/v1/recovery/password/{token}");
    // The clock runs on between the e-mail and this check: a second may have passed.
    let lasts = send(&state, get(&path)).await.body["expires_in"].as_i64().unwrap();
    assert!((1_799..=1_800).contains(&lasts), "the link lasts 30 minutes, not {lasts} s");
    let weak = send(&state, from_app("POST", &path, None, Some(json!({"password": "slabe", "password_repeat": "slabe"})))).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body["errors"]["password"][0]["code"].as_str().unwrap().starts_with("password."));
    let chosen = send(&state, from_app("POST", &path, None, Some(json!({"password": "Nowe#Haslo12", "password_repeat": "Nowe#Haslo12"})))).await;
    assert_eq!((chosen.status, chosen.body["method"].as_str()), (StatusCode::OK, Some("sms")), "{}", chosen.body);
    let code = latest_code(&state, "+48600100004").await;
    let done = send(&state, from_app("POST", &format!("{path}/sms-code"), None, Some(json!({"code": code})))).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);

    assert_eq!(send(&state, from_app("GET", "/api/v1/me", Some(&old_session), None)).await.status, StatusCode::UNAUTHORIZED, "the old session is gone");
    let old = send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "dariusz_kaminski", "password": PASSWORD})))).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    state.clock.advance(61); // a minute after the last sign-in code
    let new = send(&state, from_app("POST", "/api/v1/login", None, Some(json!({"login": "dariusz_kaminski", "password": "Nowe#Haslo12"})))).await;
    assert_eq!(new.status, StatusCode::OK);
    let email = &send(&state, get("/api/dev/outbox?to=dariusz_kaminski@example.pl")).await.body[0];
    assert_eq!(email["subject"], "Hasło w Profilu Zaufanym zostało zmienione");
    let reused = send(&state, get(&path)).await;
    assert_eq!((reused.status, reused.body["error"]["code"].as_str()), (StatusCode::GONE, Some("reset.used")));
}

#[tokio::test]
async fn an_expired_or_unknown_reset_link_is_refused_clearly() {
    let state = citizens().await;
    let token = reset_token(&state).await;
    state.clock.advance(30 * 60);
    let expired = send(&state, get(&format!("/api/v1/recovery/password/{token}"))).await;
    assert_eq!((expired.status, expired.body["error"]["code"].as_str()), (StatusCode::GONE, Some("reset.expired")));
    let unknown = send(&state, get("/api/v1/recovery/password/nie-ma-takiego")).await;
    assert_eq!((unknown.status, unknown.body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("reset.not_found")));
}
