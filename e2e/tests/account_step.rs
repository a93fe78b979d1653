//! The citizen on registration step 1, in headless Chromium against the release build.

use e2e::axe::assert_accessible;
use e2e::pages::account::AccountStep;
use e2e::pages::wizard::register_through_api;
use e2e::{with_browser, Browser, WebDriverResult};
use thirtyfour::prelude::*;

const DOT_ERROR: &str = "Nazwa użytkownika może zawierać tylko litery bez polskich znaków, cyfry, podkreślenie (_) i łącznik (-), bez spacji i kropki";

#[tokio::test]
async fn a_username_with_a_dot_shows_the_polish_error_until_it_is_fixed() {
    with_browser(async |browser: &Browser| {
        let step = AccountStep::open(browser).await?;
        step.type_into("username", "jan.kowalski").await?;
        assert_eq!(step.error("username").await?, "", "no error while the citizen is still typing");
        step.leave("username").await?;
        assert_eq!(step.error("username").await?, DOT_ERROR);
        assert!(step.is_marked_invalid("username").await?);
        browser.screenshot("account-username-error-pl").await?;

        step.clear("username").await?;
        step.type_into("username", "jan_kowalski").await?;
        assert_eq!(step.error("username").await?, "", "the error goes as soon as the name is right");
        assert!(!step.is_marked_invalid("username").await?);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_username_is_checked_with_the_server_as_the_citizen_types() {
    with_browser(async |browser: &Browser| {
        register_through_api(browser, "Anna_Nowak").await;
        let step = AccountStep::open(browser).await?;
        step.type_into("username", "jan_kowalski").await?;
        let status = browser.find(By::ClassName("field__confirmation")).await?;
        browser.eventually("the name is said to be free", async || Ok((status.text().await? == "Ta nazwa użytkownika jest wolna").then_some(()))).await?;

        step.clear("username").await?;
        step.type_into("username", "ANNA_nowak").await?;
        step.leave("username").await?;
        let error = browser.eventually("the name is said to be taken", async || Ok(Some(step.error("username").await?).filter(|e| !e.is_empty()))).await?;
        assert_eq!(error, "Ta nazwa użytkownika jest już zajęta. Wybierz inną");
        assert_eq!(status.text().await?, "");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_password_rules_tick_as_they_are_met() {
    with_browser(async |browser: &Browser| {
        let step = AccountStep::open(browser).await?;
        let met = async || -> WebDriverResult<usize> { Ok(browser.driver.find_all(By::ClassName("rules__item--met")).await?.len()) };
        assert_eq!(met().await?, 0);
        step.type_into("password", "abc").await?;
        assert_eq!(met().await?, 1, "a lower-case letter");
        step.type_into("password", "D#efgh").await?;
        assert_eq!(met().await?, 4, "8 characters, upper- and lower-case, a special character");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn next_on_an_empty_step_focuses_a_summary_whose_links_lead_to_the_fields() {
    with_browser(async |browser: &Browser| {
        let step = AccountStep::open(browser).await?;
        step.press_next().await?;
        let summary = browser.eventually("the summary shows", async || Ok(Some(step.summary().await?).filter(|s| !s.is_empty()))).await?;
        assert_eq!(
            summary,
            [
                ("#username".to_owned(), "Wpisz nazwę użytkownika".to_owned()),
                ("#password".to_owned(), "Wpisz hasło".to_owned()),
                ("#password_repeat".to_owned(), "Wpisz hasło ponownie".to_owned()),
            ]
        );
        let focused = browser.driver.active_element().await?;
        assert_eq!(focused.class_name().await?.as_deref(), Some("error-summary"), "the summary takes focus so it is read first");
        assert_accessible(browser, "the account step with every error shown").await?;
        browser.screenshot("account-summary-pl").await?;

        step.click_summary_link("password").await?;
        assert_eq!(browser.focused_id().await?, "password");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_valid_account_is_checked_free_by_the_server_and_leads_to_step_two() {
    with_browser(async |browser: &Browser| {
        let step = AccountStep::open(browser).await?;
        step.type_into("username", "Jan_Kowalski-1985").await?;
        step.type_into("password", "Tajne#Haslo1").await?;
        step.type_into("password_repeat", "Tajne#Haslo1").await?;
        step.press_next().await?;
        browser.expect_heading("Dane osobowe").await?;
        assert_eq!(browser.focused_tag().await?, "h1", "the new step's heading takes focus");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn switching_to_english_translates_the_page_and_the_errors_shown() {
    with_browser(async |browser: &Browser| {
        let step = AccountStep::open(browser).await?;
        step.type_into("username", "łukasz").await?;
        step.leave("username").await?;
        assert!(step.error("username").await?.starts_with("Nazwa użytkownika nie może zawierać polskich znaków"));
        step.switch_language().await?;
        assert_eq!(step.label("username").await?, "Username");
        assert_eq!(step.error("username").await?, "The username cannot contain Polish letters (ą, ć, ę, ł, ń, ó, ś, ź, ż)");
        assert_eq!(browser.find(By::Tag("html")).await?.attr("lang").await?.as_deref(), Some("en"));
        assert_eq!(browser.driver.title().await?, "Create your account – Trusted Profile");
        assert_accessible(browser, "the account step in English").await?;

        browser.driver.refresh().await?;
        assert_eq!(step.label("username").await?, "Username", "the choice of language survives a reload");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_whole_step_can_be_done_by_keyboard_alone() {
    with_browser(async |browser: &Browser| {
        AccountStep::open(browser).await?;
        let press = async |keys: TypingData| browser.driver.active_element().await?.send_keys(keys).await;
        browser.find(By::Tag("body")).await?.send_keys(Key::Tab).await?;
        assert_eq!(browser.driver.active_element().await?.class_name().await?.as_deref(), Some("skip-link"), "the skip link comes first");
        press(Key::Enter.into()).await?;
        assert_eq!(browser.focused_id().await?, "main");

        for (expected, typed) in [("username", "jan_kowalski"), ("password", "Tajne#Haslo1"), ("password_repeat", "Tajne#Haslo1")] {
            press(Key::Tab.into()).await?;
            assert_eq!(browser.focused_id().await?, expected, "Tab order reaches {expected}");
            press(typed.into()).await?;
        }
        press(Key::Enter.into()).await?;
        browser.expect_heading("Dane osobowe").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_step_fits_a_320_pixel_phone_without_sideways_scrolling() {
    with_browser(async |browser: &Browser| {
        browser.set_width(320).await?;
        let step = AccountStep::open(browser).await?;
        step.press_next().await?;
        browser.eventually("the summary shows", async || Ok(Some(step.summary().await?).filter(|s| !s.is_empty()))).await?;
        assert!(!browser.scrolls_sideways().await?, "the page must not scroll sideways at 320 px");
        assert_accessible(browser, "the account step at 320 px").await?;
        browser.screenshot("account-320px-pl").await?;
        Ok(())
    })
    .await;
}
