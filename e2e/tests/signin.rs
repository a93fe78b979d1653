//! The citizen signing in, in headless Chromium against the release build and the real api-mock
//! with the `citizens` scenario: by username and SMS code, by e-mail and a push accepted in the
//! simulated mObywatel in a second window, a push refused or unanswered, lock-outs, wrong codes,
//! the session's timeout, a signed-in page opened cold, and the whole way by keyboard alone.

use e2e::pages::signin::{answer_in_mobywatel, enter_code, enter_code_sent_to, open_login, sign_in_by_sms, sign_in_with, PASSWORD};
use e2e::{with_browser, with_browser_and, Browser};
use shared::paths::{ACCOUNT_PATH, HOME_PATH, LOGIN_CODE_PATH, LOGIN_PATH};
use thirtyfour::prelude::*;

/// Dariusz Kamiński: an active ordinary profile, SMS codes.
const DARIUSZ_PHONE: &str = "+48600100004";
/// Henryk Woźniak: confirms with mObywatel pushes.
const HENRYK: &str = "henryk_wozniak";

#[tokio::test]
async fn a_citizen_signs_in_with_the_username_and_the_sms_code_and_signs_out() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        browser.open(HOME_PATH).await?;
        browser.link_in_main("Zaloguj się").await?.click().await?;
        browser.expect_heading("Zaloguj się").await?;
        sign_in_with(browser, "Dariusz_Kaminski", PASSWORD).await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        browser.expect_text("+48 *** *** 004").await?;
        // Pasted as the SMS shows it, with a space.
        let code = browser.code_sent_to(DARIUSZ_PHONE).await;
        enter_code(browser, &format!("{} {}", &code[..3], &code[3..])).await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        browser.expect_heading("Dzień dobry, Dariusz Kamiński").await?;
        browser.expect_text("Twój profil zaufany jest ważny do").await?;
        browser.screenshot("signin-account-pl").await?;

        // The menu under the citizen's name, top right (once the page arrived and took the focus).
        browser.expect_heading_focused().await?;
        let menu = browser.button("Dariusz Kamiński").await?;
        assert_eq!(menu.attr("aria-expanded").await?.as_deref(), Some("false"));
        menu.click().await?;
        assert_eq!(menu.attr("aria-expanded").await?.as_deref(), Some("true"));
        browser.find(By::Css("#account-menu button")).await?.click().await?;
        browser.expect_path(HOME_PATH).await?;
        browser.expect_text("Wylogowano").await?;
        // Back to the account's address: the page asks the service, finds nobody signed in and
        // sends the visitor to the login page (a wait that holds only once back() has happened).
        browser.driver.back().await?;
        browser.expect_path(LOGIN_PATH).await?;
        browser.expect_heading("Zaloguj się").await?;
        assert!(!browser.page_text().await?.contains("Dariusz"), "signed out: the back button shows no account");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_citizen_signs_in_with_the_e_mail_and_a_push_accepted_in_mobywatel() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        sign_in_with(browser, "henryk_wozniak@example.pl", PASSWORD).await?;
        browser.expect_heading("Potwierdź logowanie w aplikacji mObywatel").await?;
        browser.screenshot("signin-push-pl").await?;
        // The phone offers the number the page shows among three: picking it is accepting.
        answer_in_mobywatel(browser, HENRYK, "Potwierdź").await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        browser.expect_heading("Dzień dobry, Henryk Woźniak").await
    })
    .await;
}

#[tokio::test]
async fn a_push_refused_in_mobywatel_signs_nobody_in() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        sign_in_with(browser, HENRYK, PASSWORD).await?;
        browser.expect_heading("Potwierdź logowanie w aplikacji mObywatel").await?;
        answer_in_mobywatel(browser, HENRYK, "Odrzuć").await?;
        browser.expect_text("Logowanie zostało odrzucone w aplikacji mObywatel").await?;
        assert_ne!(browser.path().await?, ACCOUNT_PATH);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_unanswered_push_expires_and_an_sms_code_signs_in_instead() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        sign_in_with(browser, HENRYK, PASSWORD).await?;
        browser.expect_heading("Potwierdź logowanie w aplikacji mObywatel").await?;
        browser.advance_clock(121).await;
        browser.expect_text("Logowanie nie zostało potwierdzone w ciągu 2 minut").await?;
        browser.button("Wyślij kod SMS").await?.click().await?;
        enter_code_sent_to(browser, "+48600100008").await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        browser.expect_heading("Dzień dobry, Henryk Woźniak").await
    })
    .await;
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_sign_in_and_say_until_when() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        for attempt in 1..=4 {
            sign_in_with(browser, "dariusz_kaminski", "Zle#Haslo1").await?;
            browser.expect_text("Nazwa użytkownika, adres e-mail lub hasło są niepoprawne").await?;
            let summary = browser.find(By::ClassName("error-summary")).await?;
            assert!(summary.is_displayed().await?, "attempt {attempt}: the error summary shows");
            for label in ["Nazwa użytkownika lub adres e-mail", "Hasło"] {
                browser.input_labelled(label).await?.clear().await?;
            }
        }
        sign_in_with(browser, "dariusz_kaminski", "Zle#Haslo1").await?;
        browser.expect_text("Po 5 błędnych próbach logowanie na to konto jest zablokowane do").await?;
        let text = browser.page_text().await?;
        let at = text.find("zablokowane do ").unwrap() + "zablokowane do ".len();
        let time = &text[at..at + 5];
        assert!(time.as_bytes()[2] == b':' && time.replace(':', "").bytes().all(|b| b.is_ascii_digit()), "a time: {time}");
        browser.expect_text("(czasu polskiego)").await?;
        browser.screenshot("signin-locked-pl").await
    })
    .await;
}

#[tokio::test]
async fn three_wrong_codes_spend_the_code_and_a_new_sign_in_sends_a_new_one() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        let right = browser.code_sent_to(DARIUSZ_PHONE).await;
        let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
        for left in ["Pozostałe próby: 2", "Pozostałe próby: 1"] {
            enter_code(browser, &wrong).await?;
            browser.expect_text("Kod jest niepoprawny").await?;
            browser.expect_text(left).await?;
        }
        enter_code(browser, &wrong).await?;
        browser.expect_text("Kod został zablokowany po 3 błędnych próbach").await?;
        enter_code(browser, &right).await?;
        browser.expect_text("Kod został zablokowany po 3 błędnych próbach").await?;
        assert_eq!(browser.path().await?, LOGIN_CODE_PATH, "a spent code lets nobody in, even the right one");
        // The password still works, but a new code waits out the minute since the last one
        // (else three guesses a minute would never end); then signing in sends a new code.
        open_login(browser).await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        browser.expect_text("Kod wysłaliśmy przed chwilą").await?;
        browser.advance_clock(61).await;
        browser.button("Zaloguj się").await?.click().await?;
        enter_code_sent_to(browser, DARIUSZ_PHONE).await?;
        browser.expect_path(ACCOUNT_PATH).await
    })
    .await;
}

#[tokio::test]
async fn an_idle_session_is_warned_extended_then_ended_and_resumed_after_signing_in() {
    let short = |state: api_mock::AppState| api_mock::AppState {
        session_limits: api_mock::sessions::Limits { idle_seconds: 14, max_seconds: 3_600, warning_seconds: 10 },
        ..state
    };
    with_browser_and(short, async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        sign_in_by_sms(browser, "dariusz_kaminski", DARIUSZ_PHONE).await?;
        let dialog = browser.find(By::Css("dialog[open]")).await?;
        assert!(dialog.text().await?.contains("Przedłuż sesję"));
        assert_eq!(browser.focused_tag().await?, "button", "focus moved into the dialog");
        browser.screenshot("signin-timeout-warning-pl").await?;
        browser.button("Przedłuż sesję").await?.click().await?;
        browser.eventually("the dialog closes", async || Ok(browser.driver.find_all(By::Css("dialog[open]")).await?.is_empty().then_some(()))).await?;
        browser.find(By::Css("dialog[open]")).await?;
        // Warned again, and this time left to run out.
        browser.eventually("the session ends on the login page", async || Ok((browser.path().await? == LOGIN_PATH).then_some(()))).await?;
        browser.expect_text("Twoja sesja wygasła").await?;
        browser.advance_clock(61).await; // a new sign-in code comes a minute after the last
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        enter_code_sent_to(browser, DARIUSZ_PHONE).await?;
        browser.expect_path(ACCOUNT_PATH).await
    })
    .await;
}

#[tokio::test]
async fn a_signed_in_page_opened_cold_asks_to_sign_in_and_comes_back() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        browser.open(ACCOUNT_PATH).await?;
        browser.expect_heading("Zaloguj się").await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        enter_code_sent_to(browser, DARIUSZ_PHONE).await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        browser.expect_heading("Dzień dobry, Dariusz Kamiński").await
    })
    .await;
}

#[tokio::test]
async fn the_whole_sign_in_works_by_keyboard_alone() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        let body = browser.driver.find(By::Tag("body")).await?;
        // Tab until the first field has focus, then type, Tab, type, Enter.
        for _ in 0..20 {
            if browser.focused_id().await? == "login" {
                break;
            }
            body.send_keys(Key::Tab).await?;
        }
        assert_eq!(browser.focused_id().await?, "login", "Tab reaches the first field");
        let focused = browser.driver.active_element().await?;
        focused.send_keys("dariusz_kaminski").await?;
        focused.send_keys(Key::Tab).await?;
        assert_eq!(browser.focused_id().await?, "password");
        browser.driver.active_element().await?.send_keys(PASSWORD).await?;
        browser.driver.active_element().await?.send_keys(Key::Enter).await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        let code = browser.code_sent_to(DARIUSZ_PHONE).await;
        browser.expect_heading_focused().await?;
        for _ in 0..10 {
            if browser.focused_id().await? == "code" {
                break;
            }
            browser.driver.active_element().await?.send_keys(Key::Tab).await?;
        }
        assert_eq!(browser.focused_id().await?, "code", "Tab reaches the code");
        browser.driver.active_element().await?.send_keys(&code).await?;
        browser.driver.active_element().await?.send_keys(Key::Enter).await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        // And out again: the menu opens with Enter, its "Wyloguj" is reached by Tab.
        browser.expect_heading_focused().await?;
        for _ in 0..10 {
            if browser.focused_id().await? == "account-menu-button" {
                break;
            }
            browser.driver.active_element().await?.send_keys(Key::Shift + Key::Tab).await?;
        }
        assert_eq!(browser.focused_id().await?, "account-menu-button", "Shift+Tab reaches the menu under the name");
        browser.driver.active_element().await?.send_keys(Key::Enter).await?;
        for _ in 0..5 {
            if browser.focused_id().await? == "sign-out-menu" {
                break;
            }
            browser.driver.active_element().await?.send_keys(Key::Tab).await?;
        }
        assert_eq!(browser.focused_id().await?, "sign-out-menu");
        browser.driver.active_element().await?.send_keys(Key::Enter).await?;
        browser.expect_text("Wylogowano").await
    })
    .await;
}

#[tokio::test]
async fn every_sign_in_screen_passes_axe_in_both_languages() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        browser.open(HOME_PATH).await?;
        browser.link_in_main("Zaloguj się").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the front door").await?;
        open_login(browser).await?;
        browser.button("Zaloguj się").await?.click().await?;
        browser.find(By::ClassName("error-summary")).await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the login page with errors").await?;
        sign_in_with(browser, HENRYK, PASSWORD).await?;
        browser.expect_heading("Potwierdź logowanie w aplikacji mObywatel").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the push page").await?;
        browser.button("Wyślij kod SMS").await?.click().await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the SMS code page").await?;
        enter_code_sent_to(browser, "+48600100008").await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the account page").await
    })
    .await;
}
