//! Registration step 1, the account.

use crate::{Browser, WebDriverResult};
use thirtyfour::prelude::*;

pub struct AccountStep<'a> {
    browser: &'a Browser,
}

impl<'a> AccountStep<'a> {
    /// Opens the step and waits until the app has drawn it.
    pub async fn open(browser: &'a Browser) -> WebDriverResult<AccountStep<'a>> {
        browser.open(super::wizard::START).await?;
        browser.find(By::Id("username")).await?;
        Ok(AccountStep { browser })
    }

    /// Clicks into the field and types, as a citizen would.
    pub async fn type_into(&self, field: &str, text: &str) -> WebDriverResult<()> {
        let input = self.browser.find(By::Id(field)).await?;
        input.click().await?;
        input.send_keys(text).await
    }

    /// Selects all of the field's text and deletes it.
    pub async fn clear(&self, field: &str) -> WebDriverResult<()> {
        let input = self.browser.find(By::Id(field)).await?;
        input.send_keys(Key::Control + "a").await?;
        input.send_keys(Key::Backspace).await
    }

    /// Leaves the field with Tab.
    pub async fn leave(&self, field: &str) -> WebDriverResult<()> {
        self.browser.find(By::Id(field)).await?.send_keys(Key::Tab).await
    }

    /// The error shown above the field now.
    pub async fn error(&self, field: &str) -> WebDriverResult<String> {
        self.browser.field_error(field).await
    }

    pub async fn is_marked_invalid(&self, field: &str) -> WebDriverResult<bool> {
        Ok(self.browser.find(By::Id(field)).await?.attr("aria-invalid").await?.as_deref() == Some("true"))
    }

    pub async fn press_next(&self) -> WebDriverResult<()> {
        self.browser.find(By::Css("form button[type=submit]")).await?.click().await
    }

    /// The error summary's links as (target, text), empty while it is hidden.
    pub async fn summary(&self) -> WebDriverResult<Vec<(String, String)>> {
        let summary = self.browser.find(By::ClassName("error-summary")).await?;
        if !summary.is_displayed().await? {
            return Ok(Vec::new());
        }
        let mut links = Vec::new();
        for link in summary.find_all(By::Tag("a")).await? {
            links.push((link.attr("href").await?.unwrap_or_default(), link.text().await?));
        }
        Ok(links)
    }

    pub async fn click_summary_link(&self, field: &str) -> WebDriverResult<()> {
        self.browser.find(By::Css(format!(".error-summary a[href='#{field}']"))).await?.click().await
    }

    pub async fn switch_language(&self) -> WebDriverResult<()> {
        self.browser.find(By::ClassName("language-switch")).await?.click().await
    }

    pub async fn label(&self, field: &str) -> WebDriverResult<String> {
        self.browser.find(By::Css(format!("label[for={field}]"))).await?.text().await
    }
}
