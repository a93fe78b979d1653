//! The profile's validity as citizens meet it, in headless Chromium against the release build and
//! the real api-mock with the `citizens` scenario: Filip's reminder notice and his extension with
//! both codes from the outbox (also by keyboard alone, at 320 px, abroad, and through a busy
//! service); Ewa's temporary profile refused extension and offered a new one; Grażyna, expired
//! on 31 October 2023, signing in and making a new profile with e-dowód and at her bank.

use e2e::pages::signin::sign_in_by_sms;
use e2e::{with_browser, Browser, WebDriverResult};
use serde_json::json;
use shared::date::Date;
use shared::i18n::long_date;
use shared::paths::{EXTENSION_PATH, NEW_PROFILE_BANK_PATH, NEW_PROFILE_DONE_PATH, NEW_PROFILE_E_ID_PATH, NEW_PROFILE_PATH};
use shared::Lang;
use thirtyfour::prelude::*;

const FILIP: &str = "filip_zielinski";
const FILIP_PHONE: &str = "+48600100006";
const FILIP_EMAIL: &str = "filip_zielinski@example.pl";
const GRAZYNA: &str = "grazyna_szymanska";
const GRAZYNA_PHONE: &str = "+48600100007";

/// The mock's date in Poland, as its clock tells it.
async fn today(browser: &Browser) -> Date {
    let clock: serde_json::Value =
        serde_json::from_str(&reqwest::get(format!("{}/api/dev/clock", browser.base())).await.unwrap().text().await.unwrap()).unwrap();
    clock["today"].as_str().unwrap().parse().unwrap()
}

/// The notice of a profile ending soon, once it shows.
async fn notice(browser: &Browser) -> WebDriverResult<String> {
    browser.shows("#expiry-notice-text", "").await
}

/// On the codes page: the code from the SMS and the code from the e-mail, as they arrived.
async fn enter_both_codes(browser: &Browser, phone: &str, email: &str) -> WebDriverResult<()> {
    browser.expect_heading("Wpisz kody z SMS-a i z e-maila").await?;
    browser.input_labelled("Kod z SMS-a").await?.send_keys(&browser.code_sent_to(phone).await).await?;
    browser.input_labelled("Kod z e-maila").await?.send_keys(&browser.code_sent_to(email).await).await
}

#[tokio::test]
async fn filip_sees_the_notice_and_extends_his_profile_with_both_codes() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        let today = today(browser).await;
        sign_in_by_sms(browser, FILIP, FILIP_PHONE).await?;
        let until = long_date(today.add_days(10), Lang::Pl);
        assert_eq!(
            notice(browser).await?,
            format!("Twój profil zaufany jest ważny do {until} (jeszcze 10 dni). Przedłuż go w kilka minut, by dalej logować się do e-usług.")
        );
        browser.expect_text(&format!("Twój profil zaufany jest ważny do {until} (jeszcze 10 dni).")).await?;
        browser.screenshot("validity-notice-pl").await?;
        browser.link_in_main("Przedłuż ważność").await?.click().await?;
        browser.expect_heading("Przedłuż ważność lub zmień dane").await?;
        assert_eq!(browser.input_labelled("Adres e-mail").await?.value().await?.as_deref(), Some(FILIP_EMAIL));
        assert_eq!(browser.input_labelled("Numer telefonu komórkowego").await?.value().await?.as_deref(), Some("600 100 006"));
        let extended = long_date(today.add_months(36), Lang::Pl);
        browser.expect_text(&format!("Po przedłużeniu profil będzie ważny do {extended}")).await?;
        browser.button("Dalej").await?.click().await?;
        enter_both_codes(browser, FILIP_PHONE, FILIP_EMAIL).await?;
        browser.screenshot("validity-codes-pl").await?;
        browser.button("Przedłuż ważność").await?.click().await?;
        browser.expect_heading(&format!("Profil przedłużony do {extended}")).await?;
        assert!(browser.driver.find_all(By::Id("expiry-notice-text")).await?.is_empty(), "the notice is gone");
        let email = browser.outbox(FILIP_EMAIL).await;
        assert_eq!(email[0]["subject"].as_str(), Some(format!("Profil zaufany przedłużony do {extended}").as_str()));
        browser.link_in_main("Przejdź do szczegółów profilu").await?.click().await?;
        browser.expect_text("Przedłużenie kodami z SMS-a i e-maila").await?;
        browser.expect_text(&extended).await
    })
    .await;
}

/// Filip signs in, opens "Przedłuż ważność lub zmień dane" and goes on with his details as they
/// are: the codes page.
async fn filip_to_the_codes(browser: &Browser) -> WebDriverResult<()> {
    browser.load_scenario("citizens").await;
    sign_in_by_sms(browser, FILIP, FILIP_PHONE).await?;
    browser.open(EXTENSION_PATH).await?;
    browser.expect_heading("Przedłuż ważność lub zmień dane").await?;
    browser.button("Dalej").await?.click().await?;
    browser.expect_heading("Wpisz kody z SMS-a i z e-maila").await
}

#[tokio::test]
async fn a_wrong_e_mail_code_is_told_at_its_field_and_the_right_sms_code_stays_good() {
    with_browser(async |browser: &Browser| {
        filip_to_the_codes(browser).await?;
        browser.input_labelled("Kod z SMS-a").await?.send_keys(&browser.code_sent_to(FILIP_PHONE).await).await?;
        let email_code = browser.input_labelled("Kod z e-maila").await?;
        email_code.send_keys("000000").await?;
        browser.button("Przedłuż ważność").await?.click().await?;
        browser.expect_text("Kod z e-maila jest niepoprawny. Sprawdź e-mail i wpisz kod ponownie").await?;
        browser.expect_text("Pozostałe próby: 2").await?;
        email_code.send_keys(Key::Control + "a").await?;
        email_code.send_keys(Key::Backspace).await?;
        email_code.send_keys(&browser.code_sent_to(FILIP_EMAIL).await).await?;
        browser.button("Przedłuż ważność").await?.click().await?;
        browser.expect_text("Profil przedłużony do").await
    })
    .await;
}

#[tokio::test]
async fn an_extension_by_keyboard_alone_at_320_px_in_another_time_zone() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        browser.set_width(320).await?;
        browser.set_time_zone("Pacific/Kiritimati").await?;
        let today = today(browser).await;
        sign_in_by_sms(browser, FILIP, FILIP_PHONE).await?;
        assert!(notice(browser).await?.contains("(jeszcze 10 dni)"), "days counted on the service's day in Poland, not the device's");
        assert!(!browser.scrolls_sideways().await?, "the account with its notice scrolls sideways at 320 px");
        browser.tab_to("#expiry-notice-action").await?;
        browser.press(Key::Enter).await?;
        browser.expect_heading("Przedłuż ważność lub zmień dane").await?;
        browser.tab_to("#phone").await?;
        browser.press(Key::Enter).await?;
        browser.expect_heading("Wpisz kody z SMS-a i z e-maila").await?;
        assert!(!browser.scrolls_sideways().await?, "the codes page scrolls sideways at 320 px");
        browser.screenshot("validity-codes-320-pl").await?;
        browser.tab_to("#code").await?;
        browser.press(browser.code_sent_to(FILIP_PHONE).await).await?;
        browser.tab_to("#email_code").await?;
        browser.press(browser.code_sent_to(FILIP_EMAIL).await).await?;
        browser.press(Key::Enter).await?;
        browser.expect_heading(&format!("Profil przedłużony do {}", long_date(today.add_months(36), Lang::Pl))).await
    })
    .await;
}

#[tokio::test]
async fn a_busy_service_during_the_extension_is_retried_by_the_app_and_the_codes_are_kept() {
    with_browser(async |browser: &Browser| {
        filip_to_the_codes(browser).await?;
        enter_both_codes(browser, FILIP_PHONE, FILIP_EMAIL).await?;
        browser.set_fault(json!({"route": "POST /api/v1/me/profile/extension/codes", "error_rate": 1, "status": 503})).await;
        browser.button("Przedłuż ważność").await?.click().await?;
        browser.shows("[role=status]", "Serwis jest teraz przeciążony").await?;
        browser.shows(".request-status__countdown", "Ponowna próba za").await?;
        browser.screenshot("validity-busy-pl").await?;
        browser.lift_faults().await;
        browser.expect_text("Profil przedłużony do").await
    })
    .await;
}

#[tokio::test]
async fn a_temporary_profile_is_refused_extension_and_offered_a_new_one() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        sign_in_by_sms(browser, "ewa_lewandowska", "+48600100005").await?;
        browser.open(EXTENSION_PATH).await?;
        browser.expect_heading("Profilu tymczasowego nie można przedłużyć").await?;
        browser.expect_text("Zamiast go przedłużać, załóż profil zwykły, ważny 3 lata").await?;
        browser.link_in_main("Załóż nowy profil zaufany").await?.click().await?;
        browser.expect_heading("Załóż nowy profil zaufany").await?;
        browser.expect_text("Twój profil tymczasowy jest ważny do").await?;
        browser.link_in_main("Załóż profil zaufany przez bank lub innego dostawcę").await.map(drop)
    })
    .await;
}

/// At the simulated provider's page: presses `button` and waits to be back in the portal.
async fn answer_at_provider(browser: &Browser, provider: &str, button: &str) -> WebDriverResult<()> {
    browser.expect_heading(&format!("{provider} (symulacja)")).await?;
    browser.button(button).await?.click().await
}

/// Grażyna signs in: the account says her profile expired on 31 October 2023 and the account is
/// kept; the notice leads to "Załóż nowy profil zaufany".
async fn grazyna_to_new_profile(browser: &Browser) -> WebDriverResult<()> {
    browser.load_scenario("citizens").await;
    sign_in_by_sms(browser, GRAZYNA, GRAZYNA_PHONE).await?;
    browser.expect_text("Twój profil zaufany wygasł 31 października 2023 r. Twoje konto zostało zachowane").await?;
    assert!(notice(browser).await?.starts_with("Twój profil zaufany wygasł 31 października 2023 r."));
    browser.link_in_main("Załóż nowy profil zaufany").await?.click().await?;
    browser.expect_heading("Załóż nowy profil zaufany").await?;
    browser.expect_text("Twój profil zaufany wygasł 31 października 2023 r. Konto zostało zachowane").await
}

/// Back from the provider: the new profile is active for 3 years from today.
async fn new_profile_is_active(browser: &Browser) -> WebDriverResult<()> {
    let today = today(browser).await;
    browser.expect_heading("Nowy profil zaufany jest aktywny").await?;
    browser.expect_text(&format!("Twój profil zaufany jest ważny do {}", long_date(today.add_months(36), Lang::Pl))).await?;
    assert!(browser.driver.find_all(By::Id("expiry-notice-text")).await?.is_empty(), "no notice once the new profile is active");
    Ok(())
}

#[tokio::test]
async fn grazyna_makes_a_new_profile_with_e_dowod_after_expiry() {
    with_browser(async |browser: &Browser| {
        grazyna_to_new_profile(browser).await?;
        browser.link_in_main("Załóż profil zaufany e-dowodem").await?.click().await?;
        browser.expect_heading("Załóż profil zaufany e-dowodem").await?;
        browser.button("Dalej").await?.click().await?;
        answer_at_provider(browser, "e-dowód", "Potwierdź tożsamość").await?;
        new_profile_is_active(browser).await?;
        browser.screenshot("validity-new-profile-pl").await
    })
    .await;
}

#[tokio::test]
async fn grazyna_cancels_at_her_bank_then_makes_a_new_profile_there() {
    with_browser(async |browser: &Browser| {
        grazyna_to_new_profile(browser).await?;
        browser.link_in_main("Załóż profil zaufany przez bank lub innego dostawcę").await?.click().await?;
        browser.expect_heading("Wybierz bank lub dostawcę").await?;
        browser.button("Przejdź do dostawcy").await?.click().await?;
        browser.expect_text("Wybierz bank lub innego dostawcę z listy").await?;
        browser.input_labelled("PKO Bank Polski").await?.click().await?;
        browser.button("Przejdź do dostawcy").await?.click().await?;
        answer_at_provider(browser, "PKO Bank Polski", "Anuluj").await?;
        browser.expect_heading("Załóż nowy profil zaufany").await?;
        browser.expect_text("Tożsamość nie została potwierdzona, więc nowy profil nie powstał").await?;
        browser.link_in_main("Załóż profil zaufany przez bank lub innego dostawcę").await?.click().await?;
        browser.input_labelled("PKO Bank Polski").await?.click().await?;
        browser.button("Przejdź do dostawcy").await?.click().await?;
        answer_at_provider(browser, "PKO Bank Polski", "Potwierdź tożsamość").await?;
        new_profile_is_active(browser).await
    })
    .await;
}

#[tokio::test]
async fn every_validity_screen_passes_axe_in_both_languages() {
    with_browser(async |browser: &Browser| {
        browser.load_scenario("citizens").await;
        sign_in_by_sms(browser, FILIP, FILIP_PHONE).await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the account with the expiry notice").await?;
        browser.open(EXTENSION_PATH).await?;
        browser.expect_heading("Przedłuż ważność lub zmień dane").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the extension's contact details").await?;
        browser.button("Dalej").await?.click().await?;
        browser.expect_heading("Wpisz kody z SMS-a i z e-maila").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the extension's codes").await?;
        browser.button("Przedłuż ważność").await?.click().await?;
        browser.expect_text("Wpisz kod z SMS-a").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the extension's codes with errors").await?;
        enter_both_codes(browser, FILIP_PHONE, FILIP_EMAIL).await?;
        browser.button("Przedłuż ważność").await?.click().await?;
        browser.expect_text("Profil przedłużony do").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "the extension done").await?;

        sign_in_by_sms(browser, "ewa_lewandowska", "+48600100005").await?;
        browser.open(EXTENSION_PATH).await?;
        browser.expect_heading("Profilu tymczasowego nie można przedłużyć").await?;
        e2e::axe::assert_accessible_in_both_languages(browser, "a temporary profile refused extension").await?;
        for (path, heading) in [
            (NEW_PROFILE_PATH, "Załóż nowy profil zaufany"),
            (NEW_PROFILE_BANK_PATH, "Wybierz bank lub dostawcę"),
            (NEW_PROFILE_E_ID_PATH, "Załóż profil zaufany e-dowodem"),
            (NEW_PROFILE_DONE_PATH, "Nowy profil jeszcze nie powstał"),
        ] {
            browser.open(path).await?;
            browser.expect_heading(heading).await?;
            e2e::axe::assert_accessible_in_both_languages(browser, heading).await?;
        }
        Ok(())
    })
    .await;
}
