//! Failures the designer injects, as the citizen meets them: a busy service is retried by the app
//! itself, any other failure says so with "Spróbuj ponownie", the answers are never lost, and an
//! answer lost after the service acted never makes it act twice.

use e2e::axe::assert_accessible;
use e2e::pages::wizard::{Wizard, JAN, PHONE};
use e2e::{with_browser, Browser, WebDriverResult};
use serde_json::json;
use thirtyfour::prelude::*;

/// From the SMS code step to the end: the code from the outbox, then the application number.
async fn registration_ends(browser: &Browser, wizard: &Wizard<'_>) -> WebDriverResult<()> {
    browser.expect_heading("Wpisz kod z SMS-a").await?;
    wizard.confirm_with_sent_code().await?;
    assert!(wizard.application_number().await?.starts_with("PZ-"));
    Ok(())
}

#[tokio::test]
async fn a_busy_service_is_retried_by_the_app_until_it_answers() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        browser.set_fault(json!({"route": "POST /api/v1/registrations", "error_rate": 1, "status": 503})).await;
        wizard.next().await?;
        let notice = browser.shows("[role=status]", "Serwis jest teraz przeciążony").await?;
        assert!(notice.contains("Twoje dane są zachowane"), "{notice}");
        browser.shows(".request-status__countdown", "Ponowna próba za").await?;
        browser.screenshot("fault-busy-pl").await?;
        browser.lift_faults().await;
        registration_ends(browser, &wizard).await
    })
    .await;
}

#[tokio::test]
async fn a_failure_offers_to_try_again_and_trying_again_succeeds() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        browser.set_fault(json!({"route": "POST /api/v1/registrations", "error_rate": 1, "status": 500})).await;
        wizard.next().await?;
        let alert = browser.shows("[role=alert]", "Nie udało się połączyć z serwisem").await?;
        assert!(alert.contains("Twoje dane są zachowane"), "{alert}");
        let retry = browser.find(By::Id("retry-request")).await?;
        assert_eq!(retry.text().await?, "Spróbuj ponownie");
        assert_eq!(wizard.answer("Nazwa użytkownika").await?, JAN.username, "the answers are still there");
        assert_accessible(browser, "the check-your-answers step with a failure").await?;
        browser.screenshot("fault-failed-pl").await?;

        browser.lift_faults().await;
        retry.click().await?;
        registration_ends(browser, &wizard).await
    })
    .await;
}

#[tokio::test]
async fn a_slow_answer_shows_that_the_app_is_waiting_and_then_goes_on() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        browser.set_fault(json!({"route": "POST /api/v1/registrations", "latency_ms": 2000})).await;
        wizard.next().await?;
        browser.shows("[role=status]", "Sprawdzamy dane").await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        browser.lift_faults().await;
        Ok(())
    })
    .await;
}

/// From now on `route` is handled but its answer lost: a 504 after handling.
async fn lose_the_answers_of(browser: &Browser, route: &str) {
    browser.set_fault(json!({"route": route, "error_rate": 1, "status": 504, "after_handling": true})).await;
}

/// Once the app says it will try again, the fault is lifted: its next attempt gets an answer.
async fn when_busy_lift_the_fault(browser: &Browser) -> WebDriverResult<()> {
    browser.shows("[role=status]", "Serwis jest teraz przeciążony").await?;
    browser.lift_faults().await;
    Ok(())
}

#[tokio::test]
async fn a_registration_whose_answer_was_lost_is_not_made_twice() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        lose_the_answers_of(browser, "POST /api/v1/registrations").await;
        wizard.next().await?;
        when_busy_lift_the_fault(browser).await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        assert_eq!(browser.outbox(PHONE).await.len(), 1, "one registration, one SMS code");
        registration_ends(browser, &wizard).await
    })
    .await;
}

#[tokio::test]
async fn a_code_whose_answer_was_lost_still_ends_with_the_application_number() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        wizard.send().await?;
        lose_the_answers_of(browser, "POST /api/v1/registrations/{id}/sms-code").await;
        wizard.fill("code", &browser.code_sent_to(PHONE).await).await?;
        wizard.next().await?;
        when_busy_lift_the_fault(browser).await?;
        browser.expect_heading("Wniosek został wysłany").await?;
        assert!(wizard.application_number().await?.starts_with("PZ-"));
        Ok(())
    })
    .await;
}

/// A connection broken below HTTP (`kind`) after the registration was made, as a flaky mobile
/// network breaks it: the app says the service is busy and the answers are kept, tries again by
/// itself with backoff, and the registration is made once; the journal shows what it sent.
async fn a_broken_connection_is_met_like_a_busy_service(kind: &str) {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        browser.set_fault(json!({"route": "POST /api/v1/registrations", "error_rate": 1, "connection": kind, "after_handling": true})).await;
        wizard.next().await?;
        let notice = browser.shows("[role=status]", "Serwis jest teraz przeciążony").await?;
        assert!(notice.contains("Twoje dane są zachowane"), "{kind}: {notice}");
        browser.lift_faults().await;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        assert_eq!(browser.outbox(PHONE).await.len(), 1, "{kind}: one registration, one SMS code");
        let sent = browser.requests("POST /api/v1/registrations").await;
        assert!(sent.len() >= 2, "{kind}: the app tried again: {sent:?}");
        assert_eq!(sent[0]["status"], 201, "{kind}: {sent:?}");
        assert!(sent[1..].iter().all(|r| r["status"] == 502), "{kind}: the broken ones: {sent:?}");
        assert_eq!(sent[0]["body"]["password"], "***");
        registration_ends(browser, &wizard).await
    })
    .await;
}

#[tokio::test]
async fn a_connection_reset_by_the_peer_is_met_like_a_busy_service_and_registers_once() {
    a_broken_connection_is_met_like_a_busy_service("reset").await;
}

#[tokio::test]
async fn an_empty_answer_is_met_like_a_busy_service_and_registers_once() {
    a_broken_connection_is_met_like_a_busy_service("empty").await;
}

#[tokio::test]
async fn a_malformed_chunk_is_met_like_a_busy_service_and_registers_once() {
    a_broken_connection_is_met_like_a_busy_service("malformed_chunk").await;
}

#[tokio::test]
async fn random_bytes_then_close_are_met_like_a_busy_service_and_registers_once() {
    a_broken_connection_is_met_like_a_busy_service("random_bytes").await;
}

#[tokio::test]
async fn a_lognormal_latency_and_a_dribbled_answer_only_slow_the_registration_down() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        browser.set_fault(json!({"route": "*", "latency": {"distribution": "lognormal", "median_ms": 200, "sigma": 0.5}, "dribble_ms": 500})).await;
        wizard.next().await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        browser.lift_faults().await;
        assert_eq!(browser.requests("POST /api/v1/registrations").await.len(), 1, "one attempt was enough");
        registration_ends(browser, &wizard).await
    })
    .await;
}
