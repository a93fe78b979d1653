//! The app runs under its Content-Security-Policy, and the policy really binds in the browser.

use e2e::{with_browser, Browser};
use shared::paths::ACCOUNT_STEP_PATH;
use thirtyfour::prelude::*;

const INJECT_INLINE_SCRIPT: &str = r#"
const script = document.createElement("script");
script.textContent = "window.injectedByAttacker = true;";
document.head.appendChild(script);
return window.injectedByAttacker === true;
"#;

#[tokio::test]
async fn the_app_starts_under_its_policy_and_an_injected_inline_script_does_not_run() {
    with_browser(async |browser: &Browser| {
        browser.open(ACCOUNT_STEP_PATH).await?;
        browser.find(By::Id("username")).await?;
        let ran: bool = browser.driver.execute(INJECT_INLINE_SCRIPT, Vec::new()).await?.convert()?;
        assert!(!ran, "an inline script outside the policy must be blocked");
        Ok(())
    })
    .await;
}
