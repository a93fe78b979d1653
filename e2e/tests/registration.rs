//! The citizen's whole registration in headless Chromium against the release build: every way of
//! confirming identity, changing answers, reloading, wrong codes, a taken username, a mistyped
//! PESEL and a change of language. The SMS code is read from the mock's outbox.

use e2e::axe::assert_accessible;
use e2e::pages::wizard::{activate_profile_through_api, register_through_api, Way, Wizard, JAN};
use e2e::{with_browser, Browser, WebDriverResult};
use shared::paths::PERSONAL_PATH;
use thirtyfour::prelude::*;

/// Registers Jan with `way` and answers the application number; scans and photographs every
/// screen when `record` names the journey.
async fn register(browser: &Browser, way: Way, record: Option<&str>) -> WebDriverResult<String> {
    let wizard = Wizard::start(browser).await?;
    let checkpoint = async |screen: &str| -> WebDriverResult<()> {
        if let Some(journey) = record {
            assert_accessible(browser, screen).await?;
            browser.screenshot(&format!("{journey}-{screen}")).await?;
        }
        Ok(())
    };
    checkpoint("1-konto").await?;
    wizard.account(&JAN).await?;
    checkpoint("2-dane-osobowe").await?;
    wizard.personal(&JAN).await?;
    checkpoint("3-kontakt").await?;
    wizard.contact(&JAN).await?;
    checkpoint("4-potwierdzenie-tozsamosci").await?;
    wizard.identity(way).await?;
    checkpoint("5-zgoda").await?;
    wizard.consent().await?;
    checkpoint("6-sprawdz").await?;
    wizard.send().await?;
    checkpoint("7-kod-sms").await?;
    wizard.confirm_with_sent_code().await?;
    checkpoint("8-wniosek-wyslany").await?;
    wizard.application_number().await
}

fn assert_numbered(number: &str) {
    let (prefix, serial) = number.rsplit_once('-').expect("PZ-YYYY-NNNNNN");
    assert!(prefix.starts_with("PZ-20") && serial.len() == 6, "{number}");
}

/// Registers Jan with `way`, checks the application number and answers the confirmation page's
/// text.
async fn confirmation_page_after(browser: &Browser, way: Way, record: Option<&str>) -> WebDriverResult<String> {
    assert_numbered(&register(browser, way, record).await?);
    browser.find(By::Css(".narrow")).await?.text().await
}

#[tokio::test]
async fn registering_with_the_e_id_card_ends_with_an_application_number() {
    with_browser(async |browser: &Browser| {
        let page = confirmation_page_after(browser, Way::EId, Some("pl-e-dowod")).await?;
        assert!(page.contains("Potwierdź wniosek e-dowodem"), "{page}");
        assert!(page.contains("pz-pomoc@coi.gov.pl"), "the help centre is named");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn registering_for_a_video_call_gives_the_temporary_profile() {
    with_browser(async |browser: &Browser| {
        let page = confirmation_page_after(browser, Way::VideoTeams, Some("pl-wideo")).await?;
        assert!(page.contains("zadzwoni do Ciebie urzędnik przez Microsoft Teams"), "{page}");
        assert!(page.contains("Tymczasowy profil zaufany (3 miesiące)"), "{page}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn registering_to_confirm_in_person_names_the_point_and_the_deadline() {
    with_browser(async |browser: &Browser| {
        let page = confirmation_page_after(browser, Way::InPersonKrakow, None).await?;
        assert!(page.contains("W ciągu 14 dni przyjdź z dowodem osobistym i numerem wniosku do punktu: ZUS Oddział w Krakowie"), "{page}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn registering_through_a_bank_gives_the_ordinary_profile() {
    with_browser(async |browser: &Browser| {
        let page = confirmation_page_after(browser, Way::BankPko, None).await?;
        assert!(page.contains("Profil zaufany (3 lata)"), "{page}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_change_link_leads_back_to_the_step_and_the_new_answer_is_checked() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        assert_eq!(wizard.answer("Nazwisko").await?, "Kowalski");
        browser.find(By::Css("a[href='/rejestracja/dane-osobowe']")).await?.click().await?;
        browser.expect_heading("Dane osobowe").await?;
        assert_eq!(wizard.value("first_name").await?, "Jan", "the answers are still there");
        wizard.fill("surname", "Kowalski-Nowak").await?;
        wizard.next().await?;
        for heading in ["Dane kontaktowe", "Jak chcesz potwierdzić tożsamość?", "Zasady profilu zaufanego"] {
            browser.expect_heading(heading).await?;
            wizard.next().await?;
        }
        browser.expect_heading("Sprawdź swoje dane").await?;
        assert_eq!(wizard.answer("Nazwisko").await?, "Kowalski-Nowak");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_reload_keeps_the_answers_but_never_the_password() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::start(browser).await?;
        wizard.account(&JAN).await?;
        wizard.personal(&JAN).await?;
        browser.driver.refresh().await?;
        browser.expect_heading("Dane kontaktowe").await?;
        wizard.back().await?;
        browser.expect_heading("Dane osobowe").await?;
        assert_eq!(wizard.value("pesel").await?, JAN.pesel);
        wizard.back().await?;
        browser.expect_heading("Utwórz konto").await?;
        assert_eq!(wizard.value("username").await?, JAN.username);
        assert_eq!(wizard.value("password").await?, "", "passwords are never kept");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn three_wrong_codes_block_the_code_and_a_new_one_waits_for_the_countdown() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::up_to_review(browser).await?;
        wizard.send().await?;
        let right: u32 = browser.code_sent_to(e2e::pages::wizard::PHONE).await.parse().unwrap();
        let wrong = format!("{:06}", (right + 1) % 1_000_000);
        for (tries, message) in [("2", "Kod jest niepoprawny"), ("1", "Kod jest niepoprawny"), ("0", "Kod został zablokowany po 3 błędnych próbach")] {
            wizard.fill("code", &wrong).await?;
            wizard.next().await?;
            let shown = browser
                .eventually("the answer shows", async || {
                    let error = browser.find(By::Id("code-error")).await?.text().await?;
                    let left = browser.find(By::ClassName("tries-left")).await?.text().await?;
                    let expected_left = if tries == "0" { String::new() } else { format!("Pozostałe próby: {tries}") };
                    Ok((error.contains(message) && left == expected_left).then_some(error))
                })
                .await?;
            assert!(shown.contains(message));
        }
        let resend = browser.find(By::Css(".resend button")).await?;
        assert_eq!(resend.attr("aria-disabled").await?.as_deref(), Some("true"), "the cooldown is still running");
        assert!(browser.find(By::ClassName("resend__wait")).await?.text().await?.starts_with("Nowy kod możesz wysłać za"));
        assert_accessible(browser, "the SMS code step with a blocked code").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_username_taken_in_another_case_is_refused_on_the_account_step() {
    with_browser(async |browser: &Browser| {
        register_through_api(browser, "Jan_Kowalski").await;

        let wizard = Wizard::start(browser).await?;
        wizard.fill("username", "jan_kowalski").await?;
        wizard.fill("password", JAN.password).await?;
        wizard.fill("password_repeat", JAN.password).await?;
        wizard.next().await?;
        assert_eq!(wizard.error("username").await?, "Ta nazwa użytkownika jest już zajęta. Wybierz inną");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_pesel_with_an_active_profile_is_refused_with_a_link_to_its_step() {
    with_browser(async |browser: &Browser| {
        let seeded = register_through_api(browser, "Jan_Kowalski_1944").await;
        activate_profile_through_api(browser, &seeded).await;
        let wizard = Wizard::up_to_review(browser).await?;
        wizard.next().await?;
        let link = browser.find(By::Css(".error-summary a")).await?;
        assert_eq!(link.text().await?, "Dla tego numeru PESEL istnieje już aktywny profil zaufany");
        assert_eq!(link.attr("href").await?.as_deref(), Some(PERSONAL_PATH));
        assert_eq!(browser.driver.active_element().await?.class_name().await?.as_deref(), Some("error-summary"));
        link.click().await?;
        browser.expect_heading("Dane osobowe").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_pesel_with_a_wrong_check_digit_is_refused() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::start(browser).await?;
        wizard.account(&JAN).await?;
        wizard.fill("first_name", "Jan").await?;
        wizard.fill("surname", "Kowalski").await?;
        wizard.fill("pesel", "44051401358").await?;
        wizard.next().await?;
        assert_eq!(wizard.error("pesel").await?, "Numer PESEL jest niepoprawny. Sprawdź, czy nie ma w nim literówki");
        wizard.fill("pesel", JAN.pesel).await?;
        let facts = browser.find(By::ClassName("pesel-facts")).await?.text().await?;
        assert!(facts.contains("1944-05-14") && facts.contains("mężczyzna"), "{facts}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn switching_to_english_mid_way_keeps_the_answers() {
    with_browser(async |browser: &Browser| {
        let wizard = Wizard::start(browser).await?;
        wizard.account(&JAN).await?;
        wizard.fill("first_name", "Jan").await?;
        browser.find(By::ClassName("language-switch")).await?.click().await?;
        browser.expect_heading("Your personal details").await?;
        assert_eq!(wizard.value("first_name").await?, "Jan");
        wizard.fill("surname", "Kowalski").await?;
        wizard.fill("pesel", JAN.pesel).await?;
        wizard.next().await?;
        browser.expect_heading("Your contact details").await?;
        assert_accessible(browser, "the contact step in English").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_whole_registration_can_be_done_by_keyboard_alone() {
    with_browser(async |browser: &Browser| {
        browser.open(e2e::pages::wizard::START).await?;
        browser.find(By::Id("username")).await?;
        let submit = "form button[type=submit]";
        let steps: [(&[(&str, &str)], &str); 3] = [
            (&[("#username", JAN.username), ("#password", JAN.password), ("#password_repeat", JAN.password)], "Dane osobowe"),
            (&[("#first_name", JAN.first_name), ("#surname", JAN.surname), ("#pesel", JAN.pesel)], "Dane kontaktowe"),
            (&[("#email", JAN.email), ("#email_repeat", JAN.email), ("#phone", JAN.phone), ("#phone_repeat", JAN.phone)], "Jak chcesz potwierdzić tożsamość?"),
        ];
        for (fields, next_heading) in steps {
            for (selector, text) in fields {
                browser.tab_to(selector).await?;
                browser.press(*text).await?;
            }
            browser.press(Key::Enter).await?;
            browser.expect_heading(next_heading).await?;
        }
        for choice in ["#confirmation", "#video-app-teams", ".day__windows input"] {
            browser.tab_to(choice).await?;
            browser.press(Key::Space).await?;
        }
        browser.tab_to(submit).await?;
        browser.press(Key::Enter).await?;
        browser.expect_heading("Zasady profilu zaufanego").await?;
        browser.tab_to("#consent").await?;
        browser.press(Key::Space).await?;
        browser.tab_to(submit).await?;
        browser.press(Key::Enter).await?;
        browser.expect_heading("Sprawdź swoje dane").await?;
        browser.tab_to(submit).await?;
        browser.press(Key::Enter).await?;
        browser.expect_heading("Wpisz kod z SMS-a").await?;
        browser.tab_to("#code").await?;
        browser.press(browser.code_sent_to(e2e::pages::wizard::PHONE).await).await?;
        browser.press(Key::Enter).await?;
        browser.expect_heading("Wniosek został wysłany").await?;
        Ok(())
    })
    .await;
}
