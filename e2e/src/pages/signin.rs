//! Signing in: the login page, the SMS code, the push in mObywatel (and the simulated mObywatel in
//! a second window), the account's first page and its menu.

use crate::{Browser, WebDriverResult};
use shared::paths::ACCOUNT_PATH;
use thirtyfour::prelude::*;

/// The password of every citizen of the `citizens` scenario.
pub const PASSWORD: &str = "Haslo#Testowe1";
pub use shared::paths::LOGIN_PATH;

/// Types the username or e-mail and the password on the login page, as a citizen would, and
/// presses "Zaloguj się".
pub async fn sign_in_with(browser: &Browser, login: &str, password: &str) -> WebDriverResult<()> {
    browser.input_labelled("Nazwa użytkownika lub adres e-mail").await?.send_keys(login).await?;
    browser.input_labelled("Hasło").await?.send_keys(password).await?;
    browser.button("Zaloguj się").await?.click().await
}

/// Opens the login page and waits for its form.
pub async fn open_login(browser: &Browser) -> WebDriverResult<()> {
    browser.open(LOGIN_PATH).await?;
    browser.expect_heading("Zaloguj się").await
}

/// On the SMS code page: types `code` and presses "Potwierdź".
pub async fn enter_code(browser: &Browser, code: &str) -> WebDriverResult<()> {
    browser.expect_heading("Wpisz kod z SMS-a").await?;
    let input = browser.input_labelled("Kod z SMS-a").await?;
    input.send_keys(Key::Control + "a").await?;
    input.send_keys(Key::Backspace).await?;
    input.send_keys(code).await?;
    browser.button("Potwierdź").await?.click().await
}

/// On the SMS code page, once it shows: types the newest code sent to `phone` (read from the
/// outbox) and presses "Potwierdź".
pub async fn enter_code_sent_to(browser: &Browser, phone: &str) -> WebDriverResult<()> {
    browser.expect_heading("Wpisz kod z SMS-a").await?;
    enter_code(browser, &browser.code_sent_to(phone).await).await
}

/// Signs a citizen of the `citizens` scenario in with the SMS code read from the outbox; ends on
/// the account's first page.
pub async fn sign_in_by_sms(browser: &Browser, username: &str, phone: &str) -> WebDriverResult<()> {
    open_login(browser).await?;
    sign_in_with(browser, username, PASSWORD).await?;
    enter_code_sent_to(browser, phone).await?;
    browser.expect_path(ACCOUNT_PATH).await?;
    // The account page has arrived once its heading has the focus.
    browser.expect_heading_focused().await
}

/// In a second window, as the citizen's phone: opens the simulated mObywatel for `username`,
/// answers the waiting request — "Potwierdź" picks, of the three numbers the phone offers, the one
/// the portal shows; "Odrzuć" is "To nie ja – odrzuć" — and comes back to the first window.
/// Answers the number the portal showed.
pub async fn answer_in_mobywatel(browser: &Browser, username: &str, button: &str) -> WebDriverResult<String> {
    let shown = browser.find(By::Id("check-number")).await?.text().await?.trim().to_owned();
    let portal = browser.driver.window().await?;
    let phone = browser.driver.new_tab().await?;
    browser.driver.switch_to_window(phone).await?;
    browser.open(&format!("/mobywatel?citizen={username}")).await?;
    // Number matching: accepting is picking, of the three offered, the number the portal shows.
    let pick = if button == "Potwierdź" { shown.as_str() } else { "To nie ja – odrzuć" };
    browser.button(pick).await?.click().await?;
    browser.expect_text(if button == "Potwierdź" { "Potwierdzona" } else { "Odrzucona" }).await?;
    browser.driver.close_window().await?;
    browser.driver.switch_to_window(portal).await?;
    Ok(shown)
}

/// Opens the menu under the citizen's name, top right, as a citizen would: clicks it until it
/// shows open (a page arriving just then takes the focus, which closes a menu).
pub async fn open_account_menu(browser: &Browser) -> WebDriverResult<()> {
    browser
        .eventually("the menu under the name opens", async || {
            let button = browser.find(By::Id("account-menu-button")).await?;
            if button.attr("aria-expanded").await?.as_deref() == Some("true") {
                return Ok(Some(()));
            }
            button.click().await?;
            Ok(None)
        })
        .await
}

/// Signs out through the menu under the name.
pub async fn sign_out_through_menu(browser: &Browser) -> WebDriverResult<()> {
    open_account_menu(browser).await?;
    browser.find(By::Id("sign-out-menu")).await?.click().await?;
    browser.expect_text("Wylogowano").await
}
