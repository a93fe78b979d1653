//! axe-core scans of every screen that has no journey of its own.

use e2e::axe::assert_accessible;
use e2e::{with_browser, Browser};
use shared::paths::{ACCESSIBILITY_PATH, ACCOUNT_STEP_PATH, HOME_PATH};
use thirtyfour::prelude::*;

#[tokio::test]
async fn the_account_step_as_first_opened_from_the_front_door_is_accessible() {
    with_browser(async |browser: &Browser| {
        browser.open(HOME_PATH).await?;
        // The help centre's contact is said once on the front door, in the footer.
        let body = browser.find(By::Tag("body")).await?.text().await?;
        assert_eq!(body.matches("Centrum pomocy").count(), 1, "{body}");
        assert_eq!(body.matches("pz-pomoc@coi.gov.pl").count(), 1, "{body}");
        browser.link_in_main("Zarejestruj się").await?.click().await?;
        browser.find(By::Id("username")).await?;
        assert!(browser.driver.current_url().await?.path().ends_with(ACCOUNT_STEP_PATH), "the front door leads to registration");
        assert_eq!(browser.driver.title().await?, "Utwórz konto – Profil Zaufany");
        assert_accessible(browser, "the account step").await?;
        browser.screenshot("account-pl").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_accessibility_statement_is_linked_from_the_footer_and_accessible() {
    with_browser(async |browser: &Browser| {
        browser.open(ACCOUNT_STEP_PATH).await?;
        browser.find(By::LinkText("Deklaracja dostępności")).await?.click().await?;
        // The statement's code downloads when first needed: the heading changes once it is there.
        browser.expect_heading("Deklaracja dostępności serwisu Profil Zaufany").await?;
        assert!(browser.driver.current_url().await?.path().ends_with(ACCESSIBILITY_PATH));
        assert_accessible(browser, "the accessibility statement").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_unknown_address_shows_an_accessible_not_found_page() {
    with_browser(async |browser: &Browser| {
        browser.open("/no-such-page").await?;
        browser.expect_heading("Nie znaleziono strony").await?;
        assert_accessible(browser, "the not-found page").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_password_change_with_its_errors_shown_is_accessible_at_320_px_in_both_languages() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        e2e::pages::signin::sign_in_by_sms(browser, "dariusz_kaminski", "+48600100004").await?;
        browser.set_width(320).await?;
        browser.link_in_main("Zmień hasło").await?.click().await?;
        browser.expect_heading("Zmień hasło").await?;
        browser.button("Zmień hasło").await?.click().await?;
        browser.shows(".error-summary a", "Wpisz hasło").await?;
        assert!(!browser.scrolls_sideways().await?, "the form fits 320 px");
        e2e::axe::assert_accessible_in_both_languages(browser, "the password change with errors").await
    })
    .await;
}
