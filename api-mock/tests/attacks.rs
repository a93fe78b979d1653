//! The attacks of the sign-in security review, each run as written and each failing: the code
//! caps across every path that sends a code, unverified e-mail logins, SMS pumping, poisoned
//! reset links, push fatigue, enumeration by lock-out, and the low items.

mod common;

use api_mock::AppState;
use axum::http::{header, StatusCode};
use common::{cookie_of, from_app, get, latest_code, send, Answer, PASSWORD};
use serde_json::json;

/// Dariusz: an active ordinary profile, SMS codes.
const DARIUSZ_PHONE: &str = "+48600100004";

async fn citizens() -> AppState {
    common::with_citizens(AppState::in_memory(None)).await
}

async fn login(state: &AppState, login: &str, password: &str) -> Answer {
    send(state, from_app("POST", "/api/v1/login", None, Some(json!({"login": login, "password": password})))).await
}

async fn sms_count(state: &AppState, to: &str) -> usize {
    send(state, get(&format!("/api/dev/outbox?to={}", to.replace('+', "%2B")))).await.body.as_array().unwrap().len()
}

async fn three_wrong_codes(state: &AppState, cookie: &str) {
    for _ in 0..3 {
        let wrong = send(state, from_app("POST", "/api/v1/login/sms-code", Some(cookie), Some(json!({"code": "000000"})))).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    }
}

#[tokio::test]
async fn signing_in_again_after_three_wrong_codes_waits_the_minute_and_the_hour_s_cap_holds() {
    let state = citizens().await;
    let first = login(&state, "dariusz_kaminski", PASSWORD).await;
    assert_eq!(first.status, StatusCode::OK);
    three_wrong_codes(&state, &cookie_of(&first)).await;
    let again = login(&state, "dariusz_kaminski", PASSWORD).await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("sms_code.resend_too_soon")), "{}", again.body);
    assert!(again.headers[header::RETRY_AFTER].to_str().unwrap().parse::<i64>().unwrap() <= 60);
    assert_eq!(sms_count(&state, DARIUSZ_PHONE).await, 1, "no second code within the minute");

    let mut guesses = 3;
    for _ in 0..10 {
        state.clock.advance(61);
        let started = login(&state, "dariusz_kaminski", PASSWORD).await;
        if started.status != StatusCode::OK {
            assert_eq!((started.status, started.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("sms_code.too_many")));
            break;
        }
        three_wrong_codes(&state, &cookie_of(&started)).await;
        guesses += 3;
    }
    assert_eq!(sms_count(&state, DARIUSZ_PHONE).await, 5, "five codes an hour, however they are asked for");
    assert_eq!(guesses, 15, "at most 15 guesses an hour");
}

#[tokio::test]
async fn asking_to_confirm_again_after_three_wrong_codes_sends_no_new_code_within_the_minute() {
    let state = citizens().await;
    let cookie = common::sign_in(&state, "dariusz_kaminski", DARIUSZ_PHONE).await;
    let before = sms_count(&state, DARIUSZ_PHONE).await;
    let asked = send(&state, from_app("POST", "/api/v1/session/confirmation", Some(&cookie), None)).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    for _ in 0..3 {
        let wrong = send(&state, from_app("POST", "/api/v1/session/confirmation/sms-code", Some(&cookie), Some(json!({"code": "000000"})))).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    }
    let again = send(&state, from_app("POST", "/api/v1/session/confirmation", Some(&cookie), None)).await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("sms_code.resend_too_soon")), "{}", again.body);
    assert_eq!(sms_count(&state, DARIUSZ_PHONE).await, before + 1);
}

#[tokio::test]
async fn an_e_mail_nobody_verified_signs_nobody_in_and_gets_no_username_reminder() {
    let state = citizens().await;
    let mut intruder = common::registration("intruz");
    intruder["email"] = json!("dariusz_kaminski@example.pl");
    intruder["email_repeat"] = json!("dariusz_kaminski@example.pl");
    let created = send(&state, from_app("POST", "/api/v1/registrations", None, Some(intruder))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let owner = login(&state, "dariusz_kaminski@example.pl", PASSWORD).await;
    assert_eq!(owner.status, StatusCode::OK, "the address still names the account that verified it: {}", owner.body);
    let newcomer = login(&state, "dariusz_kaminski@example.pl", "Tajne#Haslo1").await;
    assert_eq!(newcomer.status, StatusCode::UNAUTHORIZED, "an unverified address names no account");
    let reminded = send(&state, from_app("POST", "/api/v1/recovery/username", None, Some(json!({"email": "dariusz_kaminski@example.pl"})))).await;
    assert_eq!(reminded.status, StatusCode::ACCEPTED);
    let mail = send(&state, get("/api/dev/outbox?to=dariusz_kaminski@example.pl")).await.body[0]["text"].as_str().unwrap().to_owned();
    assert!(mail.contains("dariusz_kaminski") && !mail.contains("intruz"), "{mail}");
}

#[tokio::test]
async fn registrations_naming_one_phone_send_it_five_codes_an_hour_and_one_address_thirty_registrations() {
    let state = citizens().await;
    for i in 0..5 {
        let mut registration = common::registration(&format!("pompa_{i}"));
        registration["phone"] = json!("600 100 004");
        registration["phone_repeat"] = json!("600100004");
        assert_eq!(send(&state, from_app("POST", "/api/v1/registrations", None, Some(registration))).await.status, StatusCode::CREATED);
    }
    let mut sixth = common::registration("pompa_6");
    sixth["phone"] = json!("600100004");
    sixth["phone_repeat"] = json!("600100004");
    let refused = send(&state, from_app("POST", "/api/v1/registrations", None, Some(sixth.clone()))).await;
    assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("sms_code.too_many")), "{}", refused.body);
    assert!(refused.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(sms_count(&state, DARIUSZ_PHONE).await, 5);
    state.clock.advance(3_601);
    assert_eq!(send(&state, from_app("POST", "/api/v1/registrations", None, Some(sixth))).await.status, StatusCode::CREATED, "an hour later");

    let limited = AppState { registration_limit: api_mock::limits::RateLimit::per_hour(3), ..citizens().await };
    for i in 0..3 {
        let created = send(&limited, from_app("POST", "/api/v1/registrations", None, Some(common::registration(&format!("adres_{i}"))))).await;
        assert_eq!(created.status, StatusCode::CREATED);
    }
    let fourth = send(&limited, from_app("POST", "/api/v1/registrations", None, Some(common::registration("adres_3")))).await;
    assert_eq!((fourth.status, fourth.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("request.rate_limited")));
    assert!(fourth.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn a_reset_link_points_at_the_public_url_whatever_the_request_says() {
    let state = AppState { public_url: "https://pz.example.gov.pl".into(), ..citizens().await };
    let mut request = from_app("POST", "/api/v1/recovery/password", None, Some(json!({"username": "dariusz_kaminski", "pesel": "69013040496"})));
    let headers = request.headers_mut();
    headers.insert(header::HOST, "evil.localhost".parse().unwrap());
    headers.insert(header::ORIGIN, "https://evil.localhost".parse().unwrap());
    headers.insert("x-forwarded-proto", "https".parse().unwrap());
    headers.insert("x-forwarded-host", "evil.localhost".parse().unwrap());
    let asked = send(&state, request).await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.body);
    let mail = send(&state, get("/api/dev/outbox?to=dariusz_kaminski@example.pl")).await.body[0]["text"].as_str().unwrap().to_owned();
    assert!(mail.contains("https://pz.example.gov.pl/nie-pamietam-hasla/nowe-haslo#") && !mail.contains("evil"), "{mail}");
}

#[tokio::test]
async fn five_wrong_passwords_lock_an_unknown_name_exactly_as_a_known_one() {
    let state = citizens().await;
    let mut answers = Vec::new();
    for name in ["dariusz_kaminski", "nikt_taki"] {
        for _ in 0..4 {
            assert_eq!(login(&state, name, "Zle#Haslo1").await.status, StatusCode::UNAUTHORIZED);
        }
        answers.push(login(&state, name, "Zle#Haslo1").await);
        answers.push(login(&state, name, "Zle#Haslo1").await);
    }
    for answer in &answers {
        assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::LOCKED, Some("login.locked")), "{}", answer.body);
    }
    let minute = |answer: &Answer| answer.body["locked_until"].as_str().unwrap()[..16].to_owned();
    assert_eq!(minute(&answers[1]), minute(&answers[3]), "the same time shown for both");
    let (known, unknown) = (&answers[1].body["error"]["message"], &answers[3].body["error"]["message"]);
    assert_eq!(known, unknown);
}

#[tokio::test]
async fn completing_one_reset_spends_every_other_outstanding_link() {
    let state = citizens().await;
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let asked =
            send(&state, from_app("POST", "/api/v1/recovery/password", None, Some(json!({"username": "dariusz_kaminski", "pesel": "69013040496"})))).await;
        assert_eq!(asked.status, StatusCode::ACCEPTED);
        let mail = send(&state, get("/api/dev/outbox?to=dariusz_kaminski@example.pl")).await.body[0]["text"].as_str().unwrap().to_owned();
        tokens.push(mail.split('#').nth(1).unwrap().split_whitespace().next().unwrap().to_owned());
    }
    let path = format!("/api/v1/recovery/password/{}", tokens[1]);
    let chosen = send(&state, from_app("POST", &path, None, Some(json!({"password": "Nowe#Haslo12", "password_repeat": "Nowe#Haslo12"})))).await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    let code = latest_code(&state, DARIUSZ_PHONE).await;
    assert_eq!(send(&state, from_app("POST", &format!("{path}/sms-code"), None, Some(json!({"code": code})))).await.status, StatusCode::NO_CONTENT);
    let other = send(&state, get(&format!("/api/v1/recovery/password/{}", tokens[0]))).await;
    assert_eq!((other.status, other.body["error"]["code"].as_str()), (StatusCode::GONE, Some("reset.used")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_idempotency_key_with_different_bodies_at_once_never_gets_a_500() {
    let state = citizens().await;
    let answers = futures_join((0..10).map(|i| {
        let state = state.clone();
        async move {
            let mut request = from_app("POST", "/api/v1/registrations", None, Some(common::registration(&format!("rownolegly_{i}"))));
            request.headers_mut().insert("idempotency-key", "one-key".parse().unwrap());
            send(&state, request).await
        }
    }))
    .await;
    let created = answers.iter().filter(|a| a.status == StatusCode::CREATED).count();
    assert_eq!(created, 1, "{:?}", answers.iter().map(|a| (a.status, a.body.clone())).collect::<Vec<_>>());
    for answer in answers.iter().filter(|a| a.status != StatusCode::CREATED) {
        assert_eq!(
            (answer.status, answer.body["error"]["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("request.idempotency_key_reused")),
            "{}",
            answer.body
        );
    }
}

#[tokio::test]
async fn a_new_sign_in_in_a_browser_ends_the_session_it_had() {
    let state = citizens().await;
    let old = common::sign_in(&state, "dariusz_kaminski", DARIUSZ_PHONE).await;
    let again = send(&state, from_app("POST", "/api/v1/login", Some(&old), Some(json!({"login": "ewa_lewandowska", "password": PASSWORD})))).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(send(&state, from_app("GET", "/api/v1/me", Some(&old), None)).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_secure() {
    let state = AppState { session_cookie: api_mock::roles::SessionCookie::for_origin("https://pz.example.gov.pl"), ..citizens().await };
    let started = login(&state, "dariusz_kaminski", PASSWORD).await;
    let set = started.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.starts_with("__Host-pz_session=") && set.ends_with("; HttpOnly; SameSite=Strict; Path=/; Secure"), "{set}");
    let plain = citizens().await;
    let set = login(&plain, "dariusz_kaminski", PASSWORD).await.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set.starts_with("pz_session=") && !set.contains("Secure"), "{set}");
}

async fn futures_join<F: std::future::Future<Output = Answer> + Send + 'static>(futures: impl Iterator<Item = F>) -> Vec<Answer> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut answers = Vec::new();
    for handle in handles {
        answers.push(handle.await.unwrap());
    }
    answers
}

#[tokio::test]
async fn a_citizen_has_one_push_at_a_time_and_accepting_needs_the_number_the_page_shows() {
    let state = citizens().await;
    let mut sign_ins = Vec::new();
    for _ in 0..8 {
        let started = login(&state, "henryk_wozniak", PASSWORD).await;
        assert_eq!(started.status, StatusCode::OK, "{}", started.body);
        sign_ins.push((cookie_of(&started), started.body["check_number"].as_str().unwrap().to_owned()));
    }
    let requests = send(&state, get("/api/dev/mobywatel/henryk_wozniak/requests")).await.body;
    let pending: Vec<_> = requests.as_array().unwrap().iter().filter(|r| r["state"] == "pending").collect();
    assert_eq!(pending.len(), 1, "a new sign-in withdraws the old push: {requests}");
    let (newest, number) = sign_ins.last().unwrap();
    let (first, _) = &sign_ins[0];
    assert_eq!(send(&state, from_app("GET", "/api/v1/login/push", Some(first), None)).await.body["state"], "expired");

    let id = pending[0]["id"].as_str().unwrap();
    let wrong = pending[0]["choices"].as_array().unwrap().iter().find(|n| n.as_str() != Some(number)).unwrap().clone();
    let blind = send(&state, common::post_json(&format!("/api/dev/mobywatel/requests/{id}"), json!({"answer": "accept", "number": wrong}).to_string())).await;
    assert_eq!((blind.status, blind.body["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("push.wrong_number")), "{}", blind.body);
    assert_eq!(send(&state, from_app("GET", "/api/v1/login/push", Some(newest), None)).await.body["state"], "refused", "a wrong pick refuses");
    let no_number = login(&state, "henryk_wozniak", PASSWORD).await;
    let id = send(&state, get("/api/dev/mobywatel/henryk_wozniak/requests")).await.body[0]["id"].as_str().unwrap().to_owned();
    let unlooked = send(&state, common::post_json(&format!("/api/dev/mobywatel/requests/{id}"), json!({"answer": "accept"}).to_string())).await;
    assert_eq!(unlooked.status, StatusCode::UNPROCESSABLE_ENTITY, "accept without a number is no accept");
    assert_eq!(send(&state, from_app("GET", "/api/v1/login/push", Some(&cookie_of(&no_number)), None)).await.body["state"], "refused");
}

#[tokio::test]
async fn swagger_ui_is_served_with_a_policy_its_own_page_passes() {
    let state = citizens().await;
    let page = send(&state, get("/api/docs/")).await;
    assert_eq!(page.status, StatusCode::OK);
    let policy = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), "{policy}");
    let html = page.body.as_str().unwrap();
    assert!(
        !html.contains("<script>") && !html.to_lowercase().contains("<script type=\"text/javascript\">"),
        "no inline script for the policy to block: {html}"
    );
}

#[tokio::test]
async fn each_sms_names_what_its_code_authorises_and_carries_no_link() {
    let state = citizens().await;
    login(&state, "dariusz_kaminski", PASSWORD).await;
    let sms = send(&state, get("/api/dev/outbox?to=%2B48600100004")).await.body[0]["text"].as_str().unwrap().to_owned();
    assert!(sms.starts_with("Kod do logowania w Profilu Zaufanym: ") && !sms.contains("http") && !sms.contains("www"), "{sms}");
    let created = send(&state, from_app("POST", "/api/v1/registrations", None, Some(common::registration("nowy_obywatel")))).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let sms = send(&state, get("/api/dev/outbox?to=%2B48600123456")).await.body[0]["text"].as_str().unwrap().to_owned();
    assert!(sms.starts_with("Kod do założenia Profilu Zaufanego: "), "{sms}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_identity_confirmations_of_one_application_at_once_confirm_it_once() {
    let state = citizens().await;
    let id =
        send(&state, from_app("POST", "/api/v1/registrations", None, Some(common::registration("jednokrotny")))).await.body["id"].as_str().unwrap().to_owned();
    let code = latest_code(&state, "+48600123456").await;
    let sent = send(&state, from_app("POST", &format!("/api/v1/registrations/{id}/sms-code"), None, Some(json!({"code": code})))).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let path = format!("/api/dev/registrations/{id}/confirm-identity");
    let answers = futures_join((0..8).map(|_| {
        let (state, path) = (state.clone(), path.clone());
        async move { send(&state, common::post_json(&path, "")).await }
    }))
    .await;
    let statuses: Vec<_> = answers.iter().map(|a| a.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT), "{statuses:?}");
    let mails = send(&state, get("/api/dev/outbox?to=jan@example.pl")).await.body;
    let confirmed = mails.as_array().unwrap().iter().filter(|m| m["subject"] == "Twój profil zaufany został potwierdzony").count();
    assert_eq!(confirmed, 1, "one e-mail of the confirmation: {mails}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn polls_of_one_accepted_push_at_once_sign_in_once() {
    let state = citizens().await;
    let pending = cookie_of(&login(&state, "henryk_wozniak", PASSWORD).await);
    common::accept_newest_push(&state, "henryk_wozniak", "accept").await;
    let answers = futures_join((0..6).map(|_| {
        let (state, pending) = (state.clone(), pending.clone());
        async move { send(&state, from_app("GET", "/api/v1/login/push", Some(&pending), None)).await }
    }))
    .await;
    let signed_in: Vec<_> = answers.iter().filter(|a| a.headers.contains_key(header::SET_COOKIE)).collect();
    assert_eq!(signed_in.len(), 1, "{:?}", answers.iter().map(|a| (a.status, a.body.clone())).collect::<Vec<_>>());
    assert!(
        answers.iter().all(|a| a.status == StatusCode::OK || a.body["error"]["code"] == "login.not_pending" || a.status == StatusCode::UNAUTHORIZED),
        "{:?}",
        answers.iter().map(|a| (a.status, a.body.clone())).collect::<Vec<_>>()
    );
    let sessions = send(&state, from_app("GET", "/api/v1/me/sessions", Some(&cookie_of(signed_in[0])), None)).await;
    assert_eq!(sessions.status, StatusCode::OK, "{}", sessions.body);
    assert_eq!(sessions.body["sessions"].as_array().map(Vec::len), Some(1), "one session from one push: {}", sessions.body);
}
