//! The citizen's own security in headless Chromium against the release build and the real
//! api-mock: "Zmień hasło" (a common password refused, "Potwierdź, że to Ty" once the last second
//! factor is older than 2 minutes, then the new password signs in), "Twoje sesje" with "Wyloguj
//! ze wszystkich urządzeń", a new sign-in code refused within the minute, and "Potwierdź adres
//! e-mail" with the code from the e-mail.

use e2e::axe::assert_accessible_in_both_languages;
use e2e::pages::signin::{open_login, sign_in_by_sms, sign_in_with, sign_out_through_menu, PASSWORD};
use e2e::pages::wizard::{activate_profile_through_api, register_through_api, JAN, PHONE};
use e2e::{with_browser, Browser, WebDriverResult};
use shared::paths::{ACCOUNT_PATH, LOGIN_PATH, PROFILE_PATH};
use thirtyfour::prelude::*;

const DARIUSZ_PHONE: &str = "+48600100004";
/// The address `register_through_api` gives its citizen; nobody has verified it.
const NEW_CITIZEN_EMAIL: &str = "inny@example.pl";

/// Types `text` into the input labelled `label`, replacing what it held.
async fn type_into(browser: &Browser, label: &str, text: &str) -> WebDriverResult<()> {
    let input = browser.input_labelled(label).await?;
    input.send_keys(Key::Control + "a").await?;
    input.send_keys(Key::Backspace).await?;
    input.send_keys(text).await
}

#[tokio::test]
async fn a_citizen_changes_the_password_after_confirming_it_is_them_and_a_common_one_is_refused() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        sign_in_by_sms(browser, "dariusz_kaminski", DARIUSZ_PHONE).await?;
        // The sign-in's second factor is older than 2 minutes now.
        browser.advance_clock(180).await;
        browser.link_in_main("Zmień hasło").await?.click().await?;
        browser.expect_heading("Zmień hasło").await?;
        assert_accessible_in_both_languages(browser, "the password change").await?;

        type_into(browser, "Obecne hasło", PASSWORD).await?;
        type_into(browser, "Nowe hasło", "Haslo123!").await?;
        type_into(browser, "Powtórz nowe hasło", "Haslo123!").await?;
        browser.button("Zmień hasło").await?.click().await?;
        browser.shows("#password-error", "To hasło jest zbyt popularne").await?;
        browser.shows(".error-summary a", "To hasło jest zbyt popularne").await?;

        type_into(browser, "Nowe hasło", "Nowe#Haslo12").await?;
        type_into(browser, "Powtórz nowe hasło", "Nowe#Haslo12").await?;
        browser.button("Zmień hasło").await?.click().await?;
        browser.expect_heading("Potwierdź, że to Ty").await?;
        type_into(browser, "Kod z SMS-a", &browser.code_sent_to(DARIUSZ_PHONE).await).await?;
        browser.button("Potwierdź").await?.click().await?;
        browser.expect_heading("Hasło zostało zmienione").await?;
        browser.expect_text("Zakończyliśmy Twoje sesje na innych urządzeniach").await?;
        assert_accessible_in_both_languages(browser, "the password changed").await?;

        // The new password signs in; the old one no longer does.
        sign_out_through_menu(browser).await?;
        open_login(browser).await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        browser.expect_text("Nazwa użytkownika, adres e-mail lub hasło są niepoprawne").await?;
        open_login(browser).await?;
        sign_in_with(browser, "dariusz_kaminski", "Nowe#Haslo12").await?;
        browser.expect_heading("Wpisz kod z SMS-a").await
    })
    .await;
}

#[tokio::test]
async fn a_code_asked_for_again_within_the_minute_is_refused_with_its_wait_and_the_sessions_end_everywhere() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        // Three wrong tries spend the code; a new sign-in at once must wait out the minute.
        open_login(browser).await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        for left in ["Pozostałe próby: 2", "Pozostałe próby: 1"] {
            type_into(browser, "Kod z SMS-a", "000000").await?;
            browser.button("Potwierdź").await?.click().await?;
            browser.shows("#code-tries-left", left).await?;
        }
        type_into(browser, "Kod z SMS-a", "000000").await?;
        browser.button("Potwierdź").await?.click().await?;
        browser.shows("#code-error", "Kod został zablokowany").await?;
        open_login(browser).await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        browser.shows(".error-summary", "Kod wysłaliśmy przed chwilą. Nowy możesz dostać za").await?;
        browser.button("English").await?.click().await?;
        browser.shows(".error-summary", "We sent a code a moment ago. You can get a new one in").await?;
        browser.button("Polski").await?.click().await?;

        browser.advance_clock(61).await;
        browser.button("Zaloguj się").await?.click().await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        type_into(browser, "Kod z SMS-a", &browser.code_sent_to(DARIUSZ_PHONE).await).await?;
        browser.button("Potwierdź").await?.click().await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        let sessions = browser.shows("#sessions", "Twoje sesje").await?;
        assert!(sessions.contains("(to urządzenie)"), "{sessions}");
        assert!(sessions.contains("Zalogowano") && sessions.contains("Ostatnia aktywność"), "{sessions}");
        browser.set_width(320).await?;
        assert!(!browser.scrolls_sideways().await?, "the sessions fit 320 px");
        assert_accessible_in_both_languages(browser, "the account page with the sessions").await?;

        browser.button("Wyloguj ze wszystkich urządzeń").await?.click().await?;
        browser.expect_path(LOGIN_PATH).await?;
        browser.expect_text("Wylogowano ze wszystkich urządzeń").await?;
        browser.open(ACCOUNT_PATH).await?;
        browser.expect_heading("Zaloguj się").await
    })
    .await;
}

/// The newest code in an e-mail with `subject` sent to `to`, from the outbox.
async fn code_in_mail(browser: &Browser, to: &str, subject: &str) -> String {
    let outbox = browser.outbox(to).await;
    let mail = outbox.iter().find(|m| m["subject"].as_str() == Some(subject)).unwrap_or_else(|| panic!("no {subject:?} in {outbox:?}"));
    let text = mail["text"].as_str().expect("a text");
    text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a 6-digit code").to_owned()
}

#[tokio::test]
async fn a_new_citizen_confirms_the_e_mail_address_with_the_code_sent_to_it() {
    with_browser(async |browser: &Browser| {
        let id = register_through_api(browser, "nowy_obywatel").await;
        activate_profile_through_api(browser, &id).await;
        open_login(browser).await?;
        sign_in_with(browser, "nowy_obywatel", JAN.password).await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        type_into(browser, "Kod z SMS-a", &browser.code_sent_to(PHONE).await).await?;
        browser.button("Potwierdź").await?.click().await?;
        browser.expect_path(ACCOUNT_PATH).await?;

        browser.open(PROFILE_PATH).await?;
        browser.shows("#profile-email", &format!("{NEW_CITIZEN_EMAIL} (niepotwierdzony)")).await?;
        browser.expect_text("Niepotwierdzonym adresem e-mail nie zalogujesz się").await?;
        assert_accessible_in_both_languages(browser, "the profile with an unconfirmed address").await?;
        browser.link_in_main("Potwierdź adres e-mail").await?.click().await?;
        browser.expect_heading("Wpisz kod z e-maila").await?;
        assert_accessible_in_both_languages(browser, "the e-mail code").await?;

        type_into(browser, "Kod z e-maila", "000000").await?;
        browser.button("Potwierdź").await?.click().await?;
        browser.shows("#email_code-error", "Kod z e-maila jest niepoprawny").await?;

        let code = code_in_mail(browser, NEW_CITIZEN_EMAIL, "Kod do potwierdzenia adresu e-mail").await;
        type_into(browser, "Kod z e-maila", &code).await?;
        browser.button("Potwierdź").await?.click().await?;
        browser.expect_heading("Adres e-mail został potwierdzony").await?;
        assert_accessible_in_both_languages(browser, "the e-mail confirmed").await?;
        browser.link_in_main("Wróć do szczegółów profilu").await?.click().await?;
        let email = browser.shows("#profile-email", NEW_CITIZEN_EMAIL).await?;
        assert!(!email.contains("niepotwierdzony"), "{email}");
        Ok(())
    })
    .await;
}
