//! Signing in through the API, as the app and a tester drive it: the password, then the SMS code
//! from the outbox or the push answered in the simulated mObywatel; the session, its limits and
//! its cookie; lock-outs, rate limits, the origin check; and simultaneous guesses and logins.

mod common;

use api_mock::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{cookie_of, from_app, get, send, Answer, ORIGIN};
use serde_json::{json, Value};

const PASSWORD: &str = "Haslo#Testowe1";
/// Dariusz: an active ordinary profile, SMS codes.
const DARIUSZ_PHONE: &str = "+48600100004";

async fn citizens() -> AppState {
    common::with_citizens(AppState::in_memory(None)).await
}

async fn login(state: &AppState, login: &str, password: &str) -> Answer {
    send(state, from_app("POST", "/api/v1/login", None, Some(json!({"login": login, "password": password})))).await
}

async fn confirm(state: &AppState, cookie: &str, code: &str) -> Answer {
    send(state, from_app("POST", "/api/v1/login/sms-code", Some(cookie), Some(json!({"code": code})))).await
}

async fn me(state: &AppState, cookie: &str) -> Answer {
    send(state, from_app("GET", "/api/v1/me", Some(cookie), None)).await
}

/// Signs Dariusz in with his SMS code; answers the signed-in cookie.
async fn signed_in_dariusz(state: &AppState) -> String {
    let started = login(state, "Dariusz_Kaminski", PASSWORD).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let confirmed = confirm(state, &cookie_of(&started), &common::latest_code(state, DARIUSZ_PHONE).await).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    cookie_of(&confirmed)
}

#[tokio::test]
async fn a_username_in_any_case_and_the_sms_code_sign_in_and_signing_out_ends_it() {
    let state = citizens().await;
    let started = login(&state, "DARIUSZ_kaminski", PASSWORD).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert_eq!(started.body, json!({"method": "sms", "phone": "+48 *** *** 004", "check_number": null, "expires_in": 300, "resend_available_in": 60}));
    let set_cookie = started.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set_cookie.starts_with("pz_session=") && set_cookie.ends_with("; HttpOnly; SameSite=Strict; Path=/"), "{set_cookie}");
    assert_eq!(cookie_of(&started).len(), "pz_session=".len() + 43, "256 random bits, base64url");
    let pending = cookie_of(&started);
    assert_eq!(me(&state, &pending).await.status, StatusCode::UNAUTHORIZED, "a password alone does not sign in");
    let session = send(&state, from_app("GET", "/api/v1/session", Some(&pending), None)).await.body;
    assert_eq!((session["citizen"].clone(), session["pending"].clone()), (Value::Null, json!("sms")));

    let confirmed = confirm(&state, &pending, &common::latest_code(&state, DARIUSZ_PHONE).await).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let cookie = cookie_of(&confirmed);
    assert_ne!(cookie, pending, "signing in gives a new token");
    assert_eq!(confirmed.body["citizen"]["first_name"], "Dariusz");
    assert_eq!((confirmed.body["expires_in"].as_i64(), confirmed.body["warn_before"].as_i64()), (Some(900), Some(120)));
    assert_eq!(confirmed.body["today"], json!(state.clock.today()));
    assert_eq!(me(&state, &pending).await.status, StatusCode::UNAUTHORIZED, "the pending token is spent");
    let citizen = me(&state, &cookie).await;
    assert_eq!(citizen.status, StatusCode::OK);
    assert_eq!(
        (citizen.body["username"].as_str(), citizen.body["registration"].as_str(), citizen.body["profile_kind"].as_str()),
        (Some("dariusz_kaminski"), Some("confirmed"), Some("ordinary"))
    );

    let out = send(&state, from_app("DELETE", "/api/v1/session", Some(&cookie), None)).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(me(&state, &cookie).await.status, StatusCode::UNAUTHORIZED, "signed out on the server, not only in the browser");
}

#[tokio::test]
async fn an_e_mail_and_a_push_accepted_in_mobywatel_sign_in() {
    let state = citizens().await;
    let started = login(&state, "Henryk_Wozniak@example.pl", PASSWORD).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert_eq!((started.body["method"].as_str(), started.body["expires_in"].as_i64()), (Some("push"), Some(120)));
    let check_number = started.body["check_number"].as_str().unwrap().to_owned();
    assert!(check_number.len() == 2 && check_number.bytes().all(|b| b.is_ascii_digit()), "{check_number}");
    assert!(send(&state, get("/api/dev/outbox?to=%2B48600100008")).await.body.as_array().unwrap().is_empty(), "no SMS for a push");
    let pending = cookie_of(&started);
    let waiting = send(&state, from_app("GET", "/api/v1/login/push", Some(&pending), None)).await;
    assert_eq!((waiting.body["state"].as_str(), waiting.headers.get(header::SET_COOKIE)), (Some("pending"), None));

    let requests = send(&state, get("/api/dev/mobywatel/HENRYK_WOZNIAK/requests")).await.body;
    assert_eq!((requests[0]["check_number"].as_str(), requests[0]["state"].as_str()), (Some(check_number.as_str()), Some("pending")));
    let id = requests[0]["id"].as_str().unwrap();
    let answered =
        send(&state, common::post_json(&format!("/api/dev/mobywatel/requests/{id}"), json!({"answer": "accept", "number": check_number}).to_string())).await;
    assert_eq!(answered.body["state"], "accepted");
    let again = send(&state, common::post_json(&format!("/api/dev/mobywatel/requests/{id}"), json!({"answer": "refuse"}).to_string())).await;
    assert_eq!((again.status, again.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("push.not_pending")));

    let accepted = send(&state, from_app("GET", "/api/v1/login/push", Some(&pending), None)).await;
    assert_eq!(accepted.body["state"], "accepted");
    let cookie = cookie_of(&accepted);
    assert_eq!(me(&state, &cookie).await.body["authorisation"], "push");
}

#[tokio::test]
async fn a_refused_push_signs_nobody_in_and_an_unanswered_one_expires_for_an_sms_code() {
    let state = citizens().await;
    let pending = cookie_of(&login(&state, "henryk_wozniak", PASSWORD).await);
    let id = send(&state, get("/api/dev/mobywatel/henryk_wozniak/requests")).await.body[0]["id"].as_str().unwrap().to_owned();
    send(&state, common::post_json(&format!("/api/dev/mobywatel/requests/{id}"), json!({"answer": "refuse"}).to_string())).await;
    let refused = send(&state, from_app("GET", "/api/v1/login/push", Some(&pending), None)).await;
    assert_eq!((refused.body["state"].as_str(), refused.headers.get(header::SET_COOKIE)), (Some("refused"), None));

    let pending = cookie_of(&login(&state, "henryk_wozniak", PASSWORD).await);
    state.clock.advance(121);
    let expired = send(&state, from_app("GET", "/api/v1/login/push", Some(&pending), None)).await;
    assert_eq!(expired.body["state"], "expired");
    let sms = send(&state, from_app("POST", "/api/v1/login/sms", Some(&pending), None)).await;
    assert_eq!((sms.status, sms.body["method"].as_str()), (StatusCode::OK, Some("sms")), "{}", sms.body);
    let confirmed = confirm(&state, &pending, &common::latest_code(&state, "+48600100008").await).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
}

#[tokio::test]
async fn a_wrong_pair_gets_one_answer_whether_or_not_the_account_exists() {
    let state = citizens().await;
    let wrong_password = login(&state, "dariusz_kaminski", "Zle#Haslo1").await;
    let no_account = login(&state, "nikt_taki", PASSWORD).await;
    let no_email = login(&state, "nikt@example.pl", PASSWORD).await;
    for answer in [&wrong_password, &no_account, &no_email] {
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.body["error"]["code"], "login.wrong_credentials");
        assert!(answer.headers.get(header::SET_COOKIE).is_none());
    }
    assert_eq!(wrong_password.body, no_account.body);
    let empty = login(&state, " ", "").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (empty.body["errors"]["login"][0]["code"].as_str(), empty.body["errors"]["password"][0]["code"].as_str()),
        (Some("login.required"), Some("login.password_required"))
    );
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_sign_in_for_15_minutes_and_codes_do_not_count() {
    let state = citizens().await;
    // Wrong codes first: they spend the code's tries, not the password's.
    let pending = cookie_of(&login(&state, "dariusz_kaminski", PASSWORD).await);
    for _ in 0..3 {
        confirm(&state, &pending, "000000").await;
    }
    for attempt in 1..=4 {
        let answer = login(&state, "dariusz_kaminski", "Zle#Haslo1").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let fifth = login(&state, "dariusz_kaminski", "Zle#Haslo1").await;
    assert_eq!((fifth.status, fifth.body["error"]["code"].as_str()), (StatusCode::LOCKED, Some("login.locked")));
    let until = fifth.body["locked_until"].as_str().unwrap().to_owned();
    let expected = shared::date::warsaw_rfc3339(state.clock.now() + 15 * 60);
    assert_eq!(until, expected);
    assert!(fifth.body["error"]["message"].as_str().unwrap().contains(&format!("do {} (czasu polskiego)", &until[11..16])), "{}", fifth.body);
    let right_but_locked = login(&state, "dariusz_kaminski", PASSWORD).await;
    assert_eq!(right_but_locked.status, StatusCode::LOCKED, "the right password waits for the lock too");
    assert_eq!(login(&state, "ewa_lewandowska", PASSWORD).await.status, StatusCode::OK, "another account is not locked");
    state.clock.advance(15 * 60);
    assert_eq!(login(&state, "dariusz_kaminski", PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn three_wrong_codes_spend_the_code_and_a_new_one_is_sent_at_most_once_a_minute() {
    let state = citizens().await;
    let pending = cookie_of(&login(&state, "dariusz_kaminski", PASSWORD).await);
    let right = common::latest_code(&state, DARIUSZ_PHONE).await;
    let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let answer = confirm(&state, &pending, &wrong).await;
        seen.push((answer.body["errors"]["code"][0]["code"].as_str().unwrap().to_owned(), answer.body["tries_left"].as_i64().unwrap()));
    }
    assert_eq!(seen, [("sms_code.wrong".into(), 2), ("sms_code.wrong".into(), 1), ("sms_code.no_tries_left".into(), 0)]);
    assert_eq!(confirm(&state, &pending, &right).await.status, StatusCode::UNPROCESSABLE_ENTITY, "spent: even the right code");
    let resend = || send(&state, from_app("POST", "/api/v1/login/sms-code/resend", Some(&pending), None));
    let too_soon = resend().await;
    assert_eq!((too_soon.status, too_soon.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("sms_code.resend_too_soon")));
    assert!(too_soon.headers[header::RETRY_AFTER].to_str().unwrap().parse::<u32>().unwrap() <= 60);
    state.clock.advance(60);
    assert_eq!(resend().await.status, StatusCode::OK);
    assert_eq!(confirm(&state, &pending, &common::latest_code(&state, DARIUSZ_PHONE).await).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_guesses_judge_at_most_three_and_simultaneous_resends_send_one() {
    let state = AppState { rate_limit: api_mock::limits::RateLimit::default(), ..citizens().await };
    let pending = cookie_of(&login(&state, "dariusz_kaminski", PASSWORD).await);
    let right = common::latest_code(&state, DARIUSZ_PHONE).await;
    let guesses = (0..150).map(|n| format!("{:06}", (right.parse::<u32>().unwrap() + 1 + n) % 1_000_000));
    let answers = futures_join(guesses.map(|guess| {
        let (state, pending) = (state.clone(), pending.clone());
        async move { confirm(&state, &pending, &guess).await }
    }))
    .await;
    let wrong = answers.iter().filter(|a| a.body["errors"]["code"][0]["code"] == "sms_code.wrong").count();
    assert_eq!(wrong, 2, "two wrong tries leave one, the third spends the code");
    assert!(answers.iter().all(|a| a.status == StatusCode::UNPROCESSABLE_ENTITY));
    assert_eq!(confirm(&state, &pending, &right).await.body["errors"]["code"][0]["code"], "sms_code.no_tries_left");

    state.clock.advance(60);
    let resends = futures_join((0..10).map(|_| {
        let (state, pending) = (state.clone(), pending.clone());
        async move { send(&state, from_app("POST", "/api/v1/login/sms-code/resend", Some(&pending), None)).await }
    }))
    .await;
    assert_eq!(resends.iter().filter(|a| a.status == StatusCode::OK).count(), 1, "one new code");
    assert!(resends.iter().filter(|a| a.status != StatusCode::OK).all(|a| a.body["error"]["code"] == "sms_code.resend_too_soon"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_logins_with_one_password_share_one_code() {
    let state = citizens().await;
    let answers = futures_join((0..8).map(|_| {
        let state = state.clone();
        async move { login(&state, "dariusz_kaminski", PASSWORD).await }
    }))
    .await;
    assert!(answers.iter().all(|a| a.status == StatusCode::OK));
    let sms = send(&state, get("/api/dev/outbox?to=%2B48600100004")).await.body;
    assert_eq!(sms.as_array().unwrap().len(), 1, "the code in force is used again, not sent eight times");
    let code = common::latest_code(&state, DARIUSZ_PHONE).await;
    assert_eq!(confirm(&state, &cookie_of(&answers[7]), &code).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_session_ends_when_idle_or_after_12_hours_and_extending_counts_again() {
    let state = citizens().await;
    let cookie = signed_in_dariusz(&state).await;
    state.clock.advance(14 * 60);
    let extended = send(&state, from_app("POST", "/api/v1/session/extend", Some(&cookie), None)).await;
    assert_eq!((extended.status, extended.body["expires_in"].as_i64()), (StatusCode::OK, Some(900)));
    state.clock.advance(14 * 60);
    assert_eq!(me(&state, &cookie).await.status, StatusCode::OK, "extended 14 minutes ago");
    state.clock.advance(15 * 60);
    let gone = me(&state, &cookie).await;
    assert_eq!((gone.status, gone.body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("session.none")));
    let extend_gone = send(&state, from_app("POST", "/api/v1/session/extend", Some(&cookie), None)).await;
    assert_eq!(extend_gone.status, StatusCode::UNAUTHORIZED);

    let cookie = signed_in_dariusz(&state).await;
    // The mock's clock runs on in real time too while these requests are answered.
    let real = std::time::Instant::now();
    for _ in 0..(12 * 60 / 10 - 1) {
        state.clock.advance(10 * 60);
        assert_eq!(me(&state, &cookie).await.status, StatusCode::OK);
    }
    let last = send(&state, from_app("GET", "/api/v1/session", Some(&cookie), None)).await.body;
    let left = last["expires_in"].as_i64().unwrap();
    let ran = i64::try_from(real.elapsed().as_secs()).unwrap() + 1;
    assert!((600 - ran..=600).contains(&left), "the 12-hour limit comes before the idle one: {left} s left after {ran} s");
    state.clock.advance(10 * 60);
    assert_eq!(me(&state, &cookie).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_write_from_another_site_is_refused() {
    let state = citizens().await;
    let cookie = signed_in_dariusz(&state).await;
    let forged = Request::post("/api/v1/session/extend")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let refused = send(&state, forged).await;
    assert_eq!((refused.status, refused.body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("request.cross_origin")));
    let no_origin = Request::delete("/api/v1/session").header(header::COOKIE, &cookie).body(Body::empty()).unwrap();
    assert_eq!(send(&state, no_origin).await.status, StatusCode::FORBIDDEN, "a cookie without any sign of where it came from");
    assert_eq!(me(&state, &cookie).await.status, StatusCode::OK, "still signed in");
}

#[tokio::test]
async fn too_many_sign_ins_from_one_address_get_429_with_retry_after() {
    let state = AppState { rate_limit: api_mock::limits::RateLimit::per_minute(5), ..citizens().await };
    for attempt in 0..5 {
        assert_eq!(login(&state, &format!("nikt_taki_{attempt}"), PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    }
    let limited = login(&state, "nikt_taki_5", PASSWORD).await;
    assert_eq!((limited.status, limited.body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("request.rate_limited")));
    assert!(limited.headers[header::RETRY_AFTER].to_str().unwrap().parse::<u32>().unwrap() >= 1);
    assert_eq!(send(&state, get("/api/v1/session")).await.status, StatusCode::OK, "other routes are not limited");
}

#[tokio::test]
async fn every_citizen_of_the_scenario_signs_in_with_the_documented_password_and_their_method() {
    let state = citizens().await;
    let citizens = send(&state, common::post_json("/api/dev/scenarios/citizens", "")).await.body;
    for citizen in citizens["citizens"].as_array().unwrap() {
        let started = login(&state, citizen["username"].as_str().unwrap(), citizen["password"].as_str().unwrap()).await;
        assert_eq!(started.status, StatusCode::OK, "{citizen}");
        assert_eq!(started.body["method"], citizen["authorisation"], "{citizen}");
    }
}

#[tokio::test]
async fn the_dev_tools_answer_loopback_hosts_only() {
    let state = citizens().await;
    let from = |host: &str| Request::get("/api/dev/outbox").header(header::HOST, host).body(Body::empty()).unwrap();
    assert_eq!(send(&state, from("127.0.0.1:8080")).await.status, StatusCode::OK);
    let rebound = send(&state, from("attacker.example")).await;
    assert_eq!((rebound.status, rebound.body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("request.host_not_allowed")));
    let allowed = AppState { dev_hosts: vec!["pz.test".into()], ..state.clone() };
    assert_eq!(send(&allowed, from("pz.test:8080")).await.status, StatusCode::OK);
    let deployment = AppState { dev: false, ..state };
    assert_eq!(send(&deployment, Request::get("/api/health").header(header::HOST, "pz.gov.example").body(Body::empty()).unwrap()).await.status, StatusCode::OK);
}

/// Runs the futures at once, each on its own task, and answers their outputs in order.
async fn futures_join<F: std::future::Future<Output = Answer> + Send + 'static>(futures: impl Iterator<Item = F>) -> Vec<Answer> {
    let tasks: Vec<_> = futures.map(tokio::spawn).collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[tokio::test]
async fn second_factor_routes_without_a_sign_in_in_progress_say_so() {
    let state = citizens().await;
    let signed_in = signed_in_dariusz(&state).await;
    for cookie in [None, Some("pz_session=unknown"), Some(signed_in.as_str())] {
        for (method, uri, body) in [
            ("POST", "/api/v1/login/sms-code", Some(json!({"code": "123456"}))),
            ("POST", "/api/v1/login/sms-code/resend", None),
            ("POST", "/api/v1/login/sms", None),
            ("GET", "/api/v1/login/push", None),
        ] {
            let answer = send(&state, from_app(method, uri, cookie, body)).await;
            assert_eq!((answer.status, answer.body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("login.not_pending")), "{method} {uri} {cookie:?}");
        }
    }
    let nobody = send(&state, get("/api/v1/session")).await;
    assert_eq!((nobody.status, nobody.body["citizen"].clone(), nobody.body["pending"].clone()), (StatusCode::OK, Value::Null, Value::Null));
    assert_eq!(send(&state, get("/api/v1/me")).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_simulated_mobywatel_page_lists_a_citizen_s_requests_and_answers_them() {
    let state = citizens().await;
    let pending = cookie_of(&login(&state, "henryk_wozniak", PASSWORD).await);
    let page = send(&state, get("/mobywatel?citizen=henryk_wozniak")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str().unwrap().to_owned();
    let id = send(&state, get("/api/dev/mobywatel/henryk_wozniak/requests")).await.body[0]["id"].as_str().unwrap().to_owned();
    let check_number = send(&state, get("/api/dev/mobywatel/henryk_wozniak/requests")).await.body[0]["check_number"].as_str().unwrap().to_owned();
    let choices = send(&state, get("/api/dev/mobywatel/henryk_wozniak/requests")).await.body[0]["choices"].clone();
    assert_eq!(choices.as_array().unwrap().len(), 3);
    assert!(choices.as_array().unwrap().contains(&json!(check_number)), "{choices}");
    for number in choices.as_array().unwrap() {
        assert!(html.contains(&format!(r#"name="number" value="{}""#, number.as_str().unwrap())), "{html}");
    }
    assert!(html.contains("Logowanie do Profilu Zaufanego") && html.contains("To nie ja – odrzuć"), "{html}");
    assert!(page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("default-src 'none'"));
    let form = Request::post(format!("/mobywatel/requests/{id}"))
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("answer=accept&number={check_number}&citizen=henryk_wozniak")))
        .unwrap();
    let answered = send(&state, form).await;
    assert_eq!((answered.status, answered.headers[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, "/mobywatel?citizen=henryk_wozniak"));
    assert_eq!(send(&state, from_app("GET", "/api/v1/login/push", Some(&pending), None)).await.body["state"], "accepted");
    let unknown = send(&state, common::post_json("/api/dev/mobywatel/requests/nope", json!({"answer": "accept"}).to_string())).await;
    assert_eq!((unknown.status, unknown.body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("push.not_found")));
    let deployment = AppState { dev: false, ..state };
    assert!(!send(&deployment, get("/mobywatel?citizen=henryk_wozniak")).await.body.to_string().contains("mObywatel (symulacja)"), "no phone without --dev");
}
