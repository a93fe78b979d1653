//! The release build is split by area: an entry page downloads only its own code, the
//! registration's later steps arrive while the citizen answers the first, the sign-in call and the
//! second factor's pages while the citizen answers the login page.

use e2e::{with_browser, Browser};
use shared::paths::{ACCOUNT_STEP_PATH, LOGIN_PATH};
use thirtyfour::prelude::*;

/// The split points' chunks (`split_<area or call>_<hash>.wasm`) the browser has fetched so far.
const AREA_CHUNKS_FETCHED: &str = r#"
return performance.getEntriesByType("resource").map(r => new URL(r.name).pathname.split("/").pop()).filter(f => f.startsWith("split_"));
"#;

async fn area_chunks_fetched(browser: &Browser) -> WebDriverResult<Vec<String>> {
    browser.driver.execute(AREA_CHUNKS_FETCHED, Vec::new()).await?.convert()
}

/// Waits until the chunk of the split point `area` (an area such as `second_factor_pages`, or a
/// call such as `login`) has been fetched.
async fn expect_area_fetched(browser: &Browser, area: &str) -> WebDriverResult<()> {
    let prefix = format!("split_{area}_");
    browser
        .eventually(&format!("the chunk of {area} is fetched"), async || {
            Ok(area_chunks_fetched(browser).await?.iter().any(|file| file.starts_with(&prefix)).then_some(()))
        })
        .await
}

#[tokio::test]
async fn later_steps_download_once_the_citizen_starts_answering_and_not_before() {
    with_browser(async |browser: &Browser| {
        browser.open(ACCOUNT_STEP_PATH).await?;
        let username = browser.find(By::Id("username")).await?;
        assert_eq!(area_chunks_fetched(browser).await?, Vec::<String>::new(), "the first page's load fetched other pages' code");
        username.click().await?;
        // The registration's seven later pages (personal data to the application sent), one chunk.
        expect_area_fetched(browser, "registration_pages").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_login_page_comes_with_the_first_download_and_the_sign_in_and_second_factor_once_the_citizen_answers() {
    with_browser(async |browser: &Browser| {
        browser.open(LOGIN_PATH).await?;
        let login = browser.find(By::Id("login")).await?;
        assert_eq!(area_chunks_fetched(browser).await?, Vec::<String>::new(), "the login page's load fetched other pages' code");
        login.click().await?;
        expect_area_fetched(browser, "second_factor_pages").await?;
        // The code that sends the pair and reads a refusal: not in the first download either.
        expect_area_fetched(browser, "login").await?;
        Ok(())
    })
    .await;
}
