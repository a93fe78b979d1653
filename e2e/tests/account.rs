//! The citizen's account in headless Chromium against the release build and the real api-mock
//! with the `citizens` scenario: the profile's details of citizens in different states, changing
//! the authorisation method both ways (and a refusal), and recovering a forgotten username and
//! password with what arrives in the outbox.

use e2e::pages::signin::{
    answer_in_mobywatel, enter_code_sent_to, open_account_menu, open_login, sign_in_by_sms, sign_in_with, sign_out_through_menu, PASSWORD,
};
use e2e::{with_browser, Browser, WebDriverResult};
use shared::paths::{ACCOUNT_PATH, FORGOT_PASSWORD_PATH, FORGOT_USERNAME_PATH, NEW_PASSWORD_PATH};
use thirtyfour::prelude::*;

const DARIUSZ_PHONE: &str = "+48600100004";
const HENRYK_PHONE: &str = "+48600100008";

/// Through the menu under the name, top right: "Profil zaufany" › "Szczegóły profilu".
async fn open_profile_details(browser: &Browser) -> WebDriverResult<()> {
    open_account_menu(browser).await?;
    browser.find(By::XPath("//*[@id='account-menu']//a[normalize-space()='Szczegóły profilu']")).await?.click().await?;
    browser.expect_heading("Szczegóły profilu").await
}

/// Signs in by SMS, opens the profile's details and answers their text.
async fn details_of(browser: &Browser, username: &str, phone: &str) -> WebDriverResult<String> {
    sign_in_by_sms(browser, username, phone).await?;
    open_profile_details(browser).await?;
    browser.expect_text("Dane użytkownika").await?;
    let text = browser.page_text().await?;
    sign_out_through_menu(browser).await?;
    Ok(text)
}

#[tokio::test]
async fn the_profile_details_tell_each_citizen_s_state_truthfully() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        let dariusz = details_of(browser, "dariusz_kaminski", DARIUSZ_PHONE).await?;
        for expected in ["dariusz_kaminski", "*******0496", "+48 *** *** 004", "Kod SMS", "Zmień metodę autoryzacji"] {
            assert!(dariusz.contains(expected), "{expected:?} in:\n{dariusz}");
        }
        let ewa = details_of(browser, "ewa_lewandowska", "+48600100005").await?;
        assert!(ewa.contains("Tymczasowy"), "{ewa}");
        let grazyna = details_of(browser, "grazyna_szymanska", "+48600100007").await?;
        assert!(grazyna.contains("Wygasł 31 października 2023"), "expired on 31 October 2023: {grazyna}");
        let bartosz = details_of(browser, "bartosz_wisniewski", "+48600100002").await?;
        assert!(bartosz.contains("PZ-"), "the application's number: {bartosz}");
        browser.screenshot("profile-details-awaiting-video-pl").await
    })
    .await;
}

/// From the profile's details: "Zmień metodę autoryzacji", choose `method`, "Dalej".
async fn choose_method(browser: &Browser, method: &str) -> WebDriverResult<()> {
    open_profile_details(browser).await?;
    browser.link_in_main("Zmień metodę autoryzacji").await?.click().await?;
    browser.expect_heading("Zmień metodę autoryzacji").await?;
    browser.input_labelled(method).await?.click().await?;
    browser.button("Dalej").await?.click().await
}

#[tokio::test]
async fn sms_to_push_accepted_in_mobywatel_then_the_next_login_asks_for_push() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        sign_in_by_sms(browser, "dariusz_kaminski", DARIUSZ_PHONE).await?;
        choose_method(browser, "Powiadomienie push w aplikacji mObywatel").await?;
        browser.expect_heading("Potwierdź zmianę w aplikacji mObywatel").await?;
        answer_in_mobywatel(browser, "dariusz_kaminski", "Potwierdź").await?;
        browser.expect_text("Metoda autoryzacji została zmieniona").await?;
        sign_out_through_menu(browser).await?;
        open_login(browser).await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        browser.expect_heading("Potwierdź logowanie w aplikacji mObywatel").await
    })
    .await;
}

#[tokio::test]
async fn push_to_sms_with_the_code_and_a_refused_push_changes_nothing() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        sign_in_with(browser, "henryk_wozniak", PASSWORD).await?;
        browser.expect_heading("Potwierdź logowanie w aplikacji mObywatel").await?;
        answer_in_mobywatel(browser, "henryk_wozniak", "Potwierdź").await?;
        browser.expect_path(ACCOUNT_PATH).await?;
        choose_method(browser, "Kod SMS").await?;
        enter_code_sent_to(browser, HENRYK_PHONE).await?;
        browser.expect_text("Metoda autoryzacji została zmieniona").await?;

        choose_method(browser, "Powiadomienie push w aplikacji mObywatel").await?;
        browser.expect_heading("Potwierdź zmianę w aplikacji mObywatel").await?;
        answer_in_mobywatel(browser, "henryk_wozniak", "Odrzuć").await?;
        browser.expect_text("Zmiana została odrzucona w aplikacji mObywatel. Metoda autoryzacji się nie zmieniła.").await?;
        open_profile_details(browser).await?;
        browser.expect_text("Kod SMS").await
    })
    .await;
}

/// The newest e-mail to `to`, read from the outbox.
async fn newest_email(browser: &Browser, to: &str) -> String {
    browser.outbox(to).await.first().and_then(|m| m["text"].as_str()).expect("an e-mail in the outbox").to_owned()
}

#[tokio::test]
async fn a_forgotten_username_arrives_by_e_mail() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        browser.link_in_main("Nie pamiętam nazwy użytkownika").await?.click().await?;
        browser.expect_heading("Nie pamiętam nazwy użytkownika").await?;
        browser.input_labelled("Adres e-mail").await?.send_keys("filip_zielinski@example.pl").await?;
        browser.button("Przypomnij").await?.click().await?;
        browser.expect_text("Jeśli konto z tym adresem e-mail istnieje").await?;
        let email = newest_email(browser, "filip_zielinski@example.pl").await;
        assert!(email.contains("filip_zielinski"), "{email}");
        Ok(())
    })
    .await;
}

/// Asks for a reset link for Dariusz on the page and answers the link from the e-mail.
async fn ask_for_reset_link(browser: &Browser) -> WebDriverResult<String> {
    open_login(browser).await?;
    browser.link_in_main("Nie pamiętam hasła").await?.click().await?;
    browser.expect_heading("Nie pamiętam hasła").await?;
    browser.input_labelled("Nazwa użytkownika").await?.send_keys("dariusz_kaminski").await?;
    browser.input_labelled("Numer PESEL").await?.send_keys("69013040496").await?;
    browser.button("Zmień hasło").await?.click().await?;
    browser.expect_text("Sprawdź skrzynkę e-mail").await?;
    let email = newest_email(browser, "dariusz_kaminski@example.pl").await;
    Ok(email.split_whitespace().find(|w| w.contains(&format!("{NEW_PASSWORD_PATH}#"))).expect("the link").to_owned())
}

#[tokio::test]
async fn a_forgotten_password_is_replaced_and_the_old_one_and_old_sessions_stop_working() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        sign_in_by_sms(browser, "dariusz_kaminski", DARIUSZ_PHONE).await?;
        let link = ask_for_reset_link(browser).await?;
        browser.driver.goto(&link).await?;
        browser.expect_heading("Wpisz nowe hasło").await?;
        browser.input_labelled("Nowe hasło").await?.send_keys("Nowe#Haslo12").await?;
        browser.input_labelled("Powtórz hasło").await?.send_keys("Nowe#Haslo12").await?;
        // A new code to the phone comes at most once a minute: the sign-in's went just now.
        browser.advance_clock(61).await;
        browser.button("Zapisz").await?.click().await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        let code = browser.code_sent_to(DARIUSZ_PHONE).await;
        browser.input_labelled("Kod z SMS-a").await?.send_keys(&code).await?;
        browser.button("Ustaw nowe hasło").await?.click().await?;
        browser.expect_text("Hasło zostało zmienione").await?;

        browser.open(ACCOUNT_PATH).await?;
        browser.expect_heading("Zaloguj się").await?;
        sign_in_with(browser, "dariusz_kaminski", PASSWORD).await?;
        browser.expect_text("Nazwa użytkownika, adres e-mail lub hasło są niepoprawne").await?;
        for label in ["Nazwa użytkownika lub adres e-mail", "Hasło"] {
            browser.input_labelled(label).await?.clear().await?;
        }
        browser.advance_clock(61).await; // a new sign-in code comes a minute after the last
        sign_in_with(browser, "dariusz_kaminski", "Nowe#Haslo12").await?;
        enter_code_sent_to(browser, DARIUSZ_PHONE).await?;
        browser.expect_path(ACCOUNT_PATH).await?;

        browser.driver.goto(&link).await?;
        browser.expect_heading("Link do zmiany hasła został już użyty").await
    })
    .await;
}

#[tokio::test]
async fn an_expired_reset_link_is_refused_clearly() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        let link = ask_for_reset_link(browser).await?;
        browser.advance_clock(30 * 60).await;
        browser.driver.goto(&link).await?;
        browser.expect_heading("Link do zmiany hasła wygasł").await?;
        browser.link_in_main("Poproś o nowy link").await.map(drop)
    })
    .await;
}

#[tokio::test]
async fn every_account_screen_passes_axe_in_both_languages() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        browser.open(FORGOT_USERNAME_PATH).await?;
        browser.expect_heading("Nie pamiętam nazwy użytkownika").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the username reminder").await?;
        browser.open(FORGOT_PASSWORD_PATH).await?;
        browser.expect_heading("Nie pamiętam hasła").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the password reset").await?;
        sign_in_by_sms(browser, "dariusz_kaminski", DARIUSZ_PHONE).await?;
        open_profile_details(browser).await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the profile details").await?;
        browser.link_in_main("Zmień metodę autoryzacji").await?.click().await?;
        browser.expect_heading("Zmień metodę autoryzacji").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the change of method").await
    })
    .await;
}

#[tokio::test]
async fn a_forgotten_username_by_keyboard_alone() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        open_login(browser).await?;
        browser.tab_to("#forgot-username").await?;
        browser.driver.active_element().await?.send_keys(Key::Enter).await?;
        browser.expect_heading("Nie pamiętam nazwy użytkownika").await?;
        browser.tab_to("#email").await?;
        browser.driver.active_element().await?.send_keys("ewa_lewandowska@example.pl").await?;
        browser.driver.active_element().await?.send_keys(Key::Enter).await?;
        browser.expect_heading("Sprawdź skrzynkę e-mail").await?;
        assert!(newest_email(browser, "ewa_lewandowska@example.pl").await.contains("ewa_lewandowska"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_profile_details_fit_a_320_px_phone() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        browser.set_width(320).await?;
        sign_in_by_sms(browser, "jerzy_kozlowski", "+48600100010").await?;
        open_profile_details(browser).await?;
        browser.expect_text("Wniosek o profil zaufany").await?;
        assert!(!browser.scrolls_sideways().await?, "the page scrolls sideways at 320 px");
        browser.screenshot("profile-details-320-pl").await
    })
    .await;
}
