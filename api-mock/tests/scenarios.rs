//! Named worlds: the dozen documented citizens, each in the state the scenario promises, and the
//! renewal storm's 100 000 accounts.

mod common;

use api_mock::scenarios::{FIXTURE_PASSWORD, STORM_ACCOUNTS};
use api_mock::{AppState, Cli};
use axum::http::StatusCode;
use clap::Parser;
use common::{get, post_json, registration, send};
use serde_json::{json, Value};
use shared::rules::pesel::Pesel;

async fn load(state: &AppState, name: &str) -> common::Answer {
    send(state, post_json(&format!("/api/dev/scenarios/{name}"), "")).await
}

fn citizen<'a>(loaded: &'a Value, username: &str) -> &'a Value {
    loaded["citizens"].as_array().unwrap().iter().find(|c| c["username"] == username).unwrap_or_else(|| panic!("no {username}"))
}

async fn status_of(state: &AppState, citizen: &Value) -> Value {
    send(state, get(&format!("/api/v1/registrations/{}", citizen["registration_id"].as_str().unwrap()))).await.body
}

#[tokio::test]
async fn the_scenarios_are_listed_with_what_they_hold() {
    let state = AppState::in_memory(None);
    let list = send(&state, get("/api/dev/scenarios")).await.body;
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["empty", "citizens", "renewal-storm"]);
    assert!(list[1]["description"].as_str().unwrap().contains(FIXTURE_PASSWORD));
    let unknown = load(&state, "paradise").await;
    assert_eq!((unknown.status, unknown.body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("scenario.not_found")));
}

#[tokio::test]
async fn the_citizens_are_a_dozen_with_valid_pesels_in_every_promised_state() {
    let state = AppState::in_memory(None);
    let today = state.clock.today();
    let loaded = load(&state, "citizens").await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    let loaded = loaded.body;
    assert_eq!((loaded["scenario"].as_str(), loaded["accounts"].as_u64()), (Some("citizens"), Some(12)));
    for c in loaded["citizens"].as_array().unwrap() {
        let pesel = Pesel::parse(c["pesel"].as_str().unwrap()).unwrap_or_else(|e| panic!("{c}: {e:?}"));
        assert!(pesel.age_on(today) >= 13, "{c}");
        assert_eq!(c["password"], FIXTURE_PASSWORD);
        let taken = send(&state, get(&format!("/api/v1/usernames/{}/availability", c["username"].as_str().unwrap()))).await.body;
        assert_eq!(taken["available"], false, "{c}");
        let status = status_of(&state, c).await;
        assert_eq!(status["state"], c["registration_state"], "{c}");
        assert_eq!(status["profile_valid_until"], c["profile_valid_until"], "{c}");
    }
    let states = |username| citizen(&loaded, username)["registration_state"].as_str().unwrap().to_owned();
    assert_eq!(states("anna_nowak"), "awaiting_sms");
    assert_eq!(states("bartosz_wisniewski"), "awaiting_identity");
    assert_eq!(citizen(&loaded, "bartosz_wisniewski")["profile_kind"], "temporary");
    assert_eq!(states("celina_wojcik"), "awaiting_identity");
    assert_eq!(citizen(&loaded, "ewa_lewandowska")["profile_kind"], "temporary");
    assert_eq!(citizen(&loaded, "filip_zielinski")["profile_valid_until"], today.add_days(10).to_string());
    assert_eq!(citizen(&loaded, "grazyna_szymanska")["profile_valid_until"], "2023-10-30");
    assert_eq!(citizen(&loaded, "henryk_wozniak")["authorisation"], "push");
    assert_eq!(citizen(&loaded, "dariusz_kaminski")["authorisation"], "sms");
}

#[tokio::test]
async fn the_citizens_behave_as_their_states_say() {
    let state = AppState::in_memory(None);
    let loaded = load(&state, "citizens").await.body;

    // Anna's code is in the outbox and confirms her registration.
    let anna = citizen(&loaded, "anna_nowak");
    let code = common::latest_code(&state, anna["phone"].as_str().unwrap()).await;
    let confirm = |c: &Value, code: &str| {
        post_json(&format!("/api/v1/registrations/{}/sms-code", c["registration_id"].as_str().unwrap()), json!({"code": code}).to_string())
    };
    let sent = send(&state, confirm(anna, &code)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

    // Irena's code is spent: even the right one is refused until she asks for a new one.
    let irena = citizen(&loaded, "irena_dabrowska");
    let spent = common::latest_code(&state, irena["phone"].as_str().unwrap()).await;
    let refused = send(&state, confirm(irena, &spent)).await;
    assert_eq!((refused.status, refused.body["errors"]["code"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sms_code.no_tries_left")));

    // The official confirms Bartosz's video call: a temporary profile, 3 months.
    let bartosz = citizen(&loaded, "bartosz_wisniewski");
    let confirmed = send(&state, post_json(&format!("/api/dev/registrations/{}/confirm-identity", bartosz["registration_id"].as_str().unwrap()), "")).await;
    assert_eq!((confirmed.status, confirmed.body["state"].as_str()), (StatusCode::OK, Some("confirmed")), "{}", confirmed.body);

    // One valid profile per PESEL: Dariusz (active) cannot register again; Grażyna (expired) can.
    let again = |c: &Value, username: &str| {
        let mut body = registration(username);
        body["pesel"] = c["pesel"].clone();
        post_json("/api/v1/registrations", body.to_string())
    };
    let refused = send(&state, again(citizen(&loaded, "dariusz_kaminski"), "dariusz_drugi")).await;
    assert_eq!((refused.status, refused.body["errors"]["pesel"][0]["code"].as_str()), (StatusCode::CONFLICT, Some("pesel.has_active_profile")));
    assert_eq!(send(&state, again(citizen(&loaded, "grazyna_szymanska"), "grazyna_nowa")).await.status, StatusCode::CREATED);

    // The e-mails already sent are in the outbox, with the application numbers.
    let celina = citizen(&loaded, "celina_wojcik");
    let mail = send(&state, get(&format!("/api/dev/outbox?to={}", celina["email"].as_str().unwrap()))).await.body;
    let number = celina["application_number"].as_str().unwrap();
    assert!(mail.as_array().unwrap().iter().any(|m| m["text"].as_str().unwrap().contains(number)), "{mail}");
}

#[tokio::test]
async fn a_new_application_after_the_citizens_gets_the_next_number() {
    let state = AppState::in_memory(None);
    let loaded = load(&state, "citizens").await.body;
    let this_year = format!("PZ-{}-", state.clock.today().year);
    let highest = loaded["citizens"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["application_number"].as_str())
        .filter(|n| n.starts_with(&this_year))
        .max()
        .map(str::to_owned);
    let id = send(&state, post_json("/api/v1/registrations", registration("nowy_obywatel").to_string())).await.body["id"].as_str().unwrap().to_owned();
    let code = common::latest_code(&state, "+48600123456").await;
    let number = send(&state, post_json(&format!("/api/v1/registrations/{id}/sms-code"), json!({"code": code}).to_string())).await.body["application_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(highest.as_deref().is_none_or(|highest| number.as_str() > highest), "{number} after {highest:?}");
}

#[tokio::test]
async fn loading_a_scenario_replaces_the_state_and_empty_empties_it() {
    let state = AppState::in_memory(None);
    assert_eq!(send(&state, post_json("/api/v1/registrations", registration("jan_kowalski").to_string())).await.status, StatusCode::CREATED);
    load(&state, "citizens").await;
    assert_eq!(send(&state, get("/api/v1/usernames/jan_kowalski/availability")).await.body["available"], true);
    let emptied = load(&state, "empty").await.body;
    assert_eq!(emptied["accounts"], 0);
    assert_eq!(send(&state, get("/api/dev/outbox")).await.body, json!([]));
    assert_eq!(send(&state, get("/api/v1/usernames/anna_nowak/availability")).await.body["available"], true);
}

#[tokio::test]
async fn the_renewal_storm_has_100_000_accounts_expiring_on_one_day() {
    let state = AppState::in_memory(None);
    let loaded = load(&state, "renewal-storm").await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    assert_eq!(loaded.body["accounts"].as_u64(), Some(STORM_ACCOUNTS as u64));
    println!("renewal-storm loaded in {} ms", loaded.body["took_ms"]);
    let today = state.clock.today().to_string();
    for n in [1, 54_321, STORM_ACCOUNTS] {
        let status = send(&state, get(&format!("/api/v1/registrations/storm-{n:06}"))).await.body;
        assert_eq!((status["state"].as_str(), status["profile_valid_until"].as_str()), (Some("confirmed"), Some(today.as_str())), "{status}");
        assert_eq!(send(&state, get(&format!("/api/v1/usernames/obywatel{n:06}/availability"))).await.body["available"], false);
    }
}

#[tokio::test]
async fn a_scenario_can_be_loaded_at_start_and_only_with_dev() {
    let state = AppState::from_cli(&Cli::parse_from(["api-mock", "--memory", "--dev", "--scenario", "citizens"])).unwrap();
    assert_eq!(send(&state, get("/api/v1/usernames/anna_nowak/availability")).await.body["available"], false);
    assert!(Cli::try_parse_from(["api-mock", "--memory", "--scenario", "citizens"]).is_err());
    assert!(Cli::try_parse_from(["api-mock", "--memory", "--dev", "--scenario", "paradise"]).is_err());
}
