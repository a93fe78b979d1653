//! The registration wizard as a whole: filling its steps, choosing a way of confirming, and the
//! SMS code, in the page's own terms (ids, labels, headings).

use crate::{Browser, WebDriverResult};
use shared::paths::ACCOUNT_STEP_PATH;
use thirtyfour::prelude::*;

pub const START: &str = ACCOUNT_STEP_PATH;
pub const PHONE: &str = "+48600123456";

/// The answers a journey types.
pub struct Citizen {
    pub username: &'static str,
    pub password: &'static str,
    pub first_name: &'static str,
    pub surname: &'static str,
    pub pesel: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
}

pub const JAN: Citizen = Citizen {
    username: "jan_kowalski",
    password: "Tajne#Haslo1",
    first_name: "Jan",
    surname: "Kowalski",
    pesel: "44051401359",
    email: "jan@example.pl",
    phone: "600 123 456",
};

/// Registers `username` straight through the API, as a tester seeds the mock; the e-mail differs
/// from Jan's so the outbox of a journey stays its own. Answers the registration's id.
pub async fn register_through_api(browser: &Browser, username: &str) -> String {
    let body = serde_json::json!({
        "username": username, "password": JAN.password, "password_repeat": JAN.password,
        "first_name": JAN.first_name, "surname": JAN.surname, "pesel": JAN.pesel,
        "email": "inny@example.pl", "email_repeat": "inny@example.pl", "phone": "600123456", "phone_repeat": "600123456",
        "confirmation": {"method": "e_id"}, "consent": true
    });
    let created = reqwest::Client::new()
        .post(format!("{}/api/v1/registrations", browser.base()))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the API answers");
    assert_eq!(created.status(), 201, "the seed registration is created");
    let body: serde_json::Value = serde_json::from_str(&created.text().await.expect("a body")).expect("JSON");
    body["id"].as_str().expect("an id").to_owned()
}

/// Takes a seeded registration to an active profile through the API: its SMS code from the
/// outbox, then the identity confirmation a provider would give (a dev route).
pub async fn activate_profile_through_api(browser: &Browser, id: &str) {
    let code = browser.code_sent_to(PHONE).await;
    post_ok(browser, &format!("/api/v1/registrations/{id}/sms-code"), serde_json::json!({"code": code})).await;
    post_ok(browser, &format!("/api/dev/registrations/{id}/confirm-identity"), serde_json::json!({})).await;
}

/// POSTs JSON to the mock and expects 200.
async fn post_ok(browser: &Browser, path: &str, body: serde_json::Value) {
    let answer = reqwest::Client::new()
        .post(format!("{}{path}", browser.base()))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the API answers");
    assert_eq!(answer.status(), 200, "{path}");
}

/// A way of confirming identity, with the details the journey picks.
#[derive(Clone, Copy, Debug)]
pub enum Way {
    VideoTeams,
    InPersonKrakow,
    BankPko,
    EId,
}

pub struct Wizard<'a> {
    pub browser: &'a Browser,
}

impl<'a> Wizard<'a> {
    pub async fn start(browser: &'a Browser) -> WebDriverResult<Wizard<'a>> {
        browser.open(START).await?;
        browser.find(By::Id("username")).await?;
        Ok(Wizard { browser })
    }

    /// Replaces the field's text with `text`, typing it.
    pub async fn fill(&self, field: &str, text: &str) -> WebDriverResult<()> {
        let input = self.browser.find(By::Id(field)).await?;
        input.click().await?;
        input.send_keys(Key::Control + "a").await?;
        input.send_keys(Key::Backspace).await?;
        input.send_keys(text).await
    }

    pub async fn value(&self, field: &str) -> WebDriverResult<String> {
        Ok(self.browser.find(By::Id(field)).await?.prop("value").await?.unwrap_or_default())
    }

    pub async fn click(&self, id: &str) -> WebDriverResult<()> {
        self.browser.find(By::Id(id)).await?.click().await
    }

    pub async fn next(&self) -> WebDriverResult<()> {
        self.browser.find(By::Css("form button[type=submit]")).await?.click().await
    }

    pub async fn back(&self) -> WebDriverResult<()> {
        self.browser.find(By::Css(".back-link a")).await?.click().await
    }

    /// The error shown above a field; waits for it to show.
    pub async fn error(&self, field: &str) -> WebDriverResult<String> {
        self.browser.eventually("the error shows", async || Ok(Some(self.browser.field_error(field).await?).filter(|t| !t.is_empty()))).await
    }

    pub async fn account(&self, citizen: &Citizen) -> WebDriverResult<()> {
        self.fill("username", citizen.username).await?;
        self.fill("password", citizen.password).await?;
        self.fill("password_repeat", citizen.password).await?;
        self.next().await?;
        self.browser.expect_heading("Dane osobowe").await
    }

    pub async fn personal(&self, citizen: &Citizen) -> WebDriverResult<()> {
        self.fill("first_name", citizen.first_name).await?;
        self.fill("surname", citizen.surname).await?;
        self.fill("pesel", citizen.pesel).await?;
        self.next().await?;
        self.browser.expect_heading("Dane kontaktowe").await
    }

    pub async fn contact(&self, citizen: &Citizen) -> WebDriverResult<()> {
        for (field, value) in [("email", citizen.email), ("email_repeat", citizen.email), ("phone", citizen.phone), ("phone_repeat", citizen.phone)] {
            self.fill(field, value).await?;
        }
        self.next().await?;
        self.browser.expect_heading("Jak chcesz potwierdzić tożsamość?").await
    }

    pub async fn identity(&self, way: Way) -> WebDriverResult<()> {
        match way {
            Way::VideoTeams => {
                self.click("confirmation").await?;
                self.click("video-app-teams").await?;
                self.browser.find(By::Css(".day__windows input")).await?.click().await?;
            }
            Way::InPersonKrakow => {
                self.click("method-in_person").await?;
                self.browser.find(By::Css("#point option[value='zus-krakow']")).await?.click().await?;
            }
            Way::BankPko => {
                self.click("method-bank").await?;
                self.browser.find(By::Css("#provider option[value='pko']")).await?.click().await?;
            }
            Way::EId => self.click("method-e_id").await?,
        }
        self.next().await?;
        self.browser.expect_heading("Zasady profilu zaufanego").await
    }

    pub async fn consent(&self) -> WebDriverResult<()> {
        self.click("consent").await?;
        self.next().await?;
        self.browser.expect_heading("Sprawdź swoje dane").await
    }

    /// Opens the wizard and answers every step as Jan, confirming with the e-ID card, up to
    /// "Sprawdź swoje dane", ready to send.
    pub async fn up_to_review(browser: &'a Browser) -> WebDriverResult<Wizard<'a>> {
        let wizard = Wizard::start(browser).await?;
        wizard.account(&JAN).await?;
        wizard.personal(&JAN).await?;
        wizard.contact(&JAN).await?;
        wizard.identity(Way::EId).await?;
        wizard.consent().await?;
        Ok(wizard)
    }

    /// Sends the checked answers; the SMS code step follows.
    pub async fn send(&self) -> WebDriverResult<()> {
        self.next().await?;
        self.browser.expect_heading("Wpisz kod z SMS-a").await
    }

    /// Types the code the mock sent to the citizen's phone and presses "Dalej".
    pub async fn confirm_with_sent_code(&self) -> WebDriverResult<()> {
        let code = self.browser.code_sent_to(PHONE).await;
        self.fill("code", &code).await?;
        self.next().await?;
        self.browser.expect_heading("Wniosek został wysłany").await
    }

    pub async fn application_number(&self) -> WebDriverResult<String> {
        self.browser.find(By::Id("application-number")).await?.text().await
    }

    /// The answer shown on the check-your-answers page for a label.
    pub async fn answer(&self, label: &str) -> WebDriverResult<String> {
        for row in self.browser.driver.find_all(By::ClassName("summary-list__row")).await? {
            if row.find(By::Tag("dt")).await?.text().await? == label {
                return row.find(By::Tag("dd")).await?.text().await;
            }
        }
        panic!("no answer labelled {label:?}");
    }
}
