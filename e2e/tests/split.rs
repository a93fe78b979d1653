//! The release build is split by route: the first page downloads only its own code, and the
//! registration's later steps arrive while the citizen answers the first.

use e2e::{with_browser, Browser};
use thirtyfour::prelude::*;

/// How many pages' chunks (`split_…_route_view_….wasm`) the browser has fetched so far.
const PAGE_CHUNKS_FETCHED: &str = r#"
return performance.getEntriesByType("resource").filter(r => new URL(r.name).pathname.includes("/split___")).length;
"#;

async fn page_chunks_fetched(browser: &Browser) -> WebDriverResult<u64> {
    browser.driver.execute(PAGE_CHUNKS_FETCHED, Vec::new()).await?.convert()
}

#[tokio::test]
async fn later_steps_download_once_the_citizen_starts_answering_and_not_before() {
    with_browser(async |browser: &Browser| {
        browser.open("/rejestracja/konto").await?;
        let username = browser.find(By::Id("username")).await?;
        assert_eq!(page_chunks_fetched(browser).await?, 0, "the first page's load fetched other pages' code");
        username.click().await?;
        // The registration's seven later pages (personal data to the application sent), a chunk each.
        browser.eventually("the later steps are fetched", async || Ok((page_chunks_fetched(browser).await? >= 7).then_some(()))).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_front_door_fetches_the_login_page_only_when_the_citizen_heads_there() {
    with_browser(async |browser: &Browser| {
        browser.open("/").await?;
        let sign_in = browser.link_in_main("Zaloguj się").await?;
        assert_eq!(page_chunks_fetched(browser).await?, 0, "the front door's load fetched other pages' code");
        sign_in.focus().await?;
        browser.eventually("the login page's code is fetched", async || Ok((page_chunks_fetched(browser).await? >= 1).then_some(()))).await?;
        Ok(())
    })
    .await;
}
