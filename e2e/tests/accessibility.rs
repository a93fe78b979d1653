//! axe-core scans of every screen that has no journey of its own.

use e2e::axe::assert_accessible;
use e2e::{with_browser, Browser};
use thirtyfour::prelude::*;

#[tokio::test]
async fn the_account_step_as_first_opened_from_the_front_door_is_accessible() {
    with_browser(async |browser: &Browser| {
        browser.open("/").await?;
        // The help centre's contact is said once on the front door, in the footer.
        let body = browser.find(By::Tag("body")).await?.text().await?;
        assert_eq!(body.matches("Centrum pomocy").count(), 1, "{body}");
        assert_eq!(body.matches("pz-pomoc@coi.gov.pl").count(), 1, "{body}");
        browser.link_in_main("Zarejestruj się").await?.click().await?;
        browser.find(By::Id("username")).await?;
        assert!(browser.driver.current_url().await?.path().ends_with("/rejestracja/konto"), "the front door leads to registration");
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
        browser.open("/rejestracja/konto").await?;
        browser.find(By::LinkText("Deklaracja dostępności")).await?.click().await?;
        // The statement's code downloads when first needed: the heading changes once it is there.
        browser.expect_heading("Deklaracja dostępności serwisu Profil Zaufany").await?;
        assert!(browser.driver.current_url().await?.path().ends_with("/deklaracja-dostepnosci"));
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
