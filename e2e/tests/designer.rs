//! The designer's pages in a real browser: the API's documentation opens with no network but the
//! mock's, and the outbox page shows what was sent, with links, filtered, and passes axe.

use e2e::axe::assert_accessible;
use e2e::pages::wizard::{activate_profile_through_api, register_through_api, PHONE};
use e2e::{with_browser, Browser};
use thirtyfour::prelude::*;

#[tokio::test]
async fn the_api_docs_open_offline_and_list_every_route() {
    with_browser(async |browser: &Browser| {
        browser.open("/api/docs/").await?;
        let operations = browser
            .eventually("Swagger UI lists the operations", async || {
                let found = browser.driver.find_all(By::Css(".opblock-summary-path")).await?;
                Ok((found.len() >= 19).then_some(found))
            })
            .await?;
        let mut paths = Vec::new();
        for operation in operations {
            paths.push(operation.text().await?);
        }
        for expected in ["/api/v1/registrations", "/api/v1/registrations/{id}/sms-code", "/api/dev/faults", "/api/dev/scenarios/{name}", "/dev/outbox"] {
            assert!(paths.iter().any(|p| p.replace('\u{200b}', "") == expected), "{expected} in {paths:?}");
        }
        browser.screenshot("designer-api-docs").await
    })
    .await;
}

#[tokio::test]
async fn the_outbox_page_shows_every_message_with_links_and_filters_by_recipient() {
    with_browser(async |browser: &Browser| {
        let id = register_through_api(browser, "jan_kowalski").await;
        let code = browser.code_sent_to(PHONE).await;
        activate_profile_through_api(browser, &id).await;

        browser.open("/dev/outbox").await?;
        let status = browser.find(By::Css("[role=status]")).await?.text().await?;
        assert!(status.starts_with("4 messages"), "{status}");
        let headings: Vec<String> = futures::future::try_join_all(browser.driver.find_all(By::Css("article h2")).await?.iter().map(|h| h.text())).await?;
        assert!(headings[0].starts_with("E-mail to inny@example.pl: Twój profil zaufany został potwierdzony"), "newest first: {headings:?}");
        assert_eq!(headings.last().map(String::as_str), Some("SMS to +48600123456"), "{headings:?}");
        let page = browser.find(By::Tag("main")).await?.text().await?;
        assert!(page.contains(&format!("Kod do założenia Profilu Zaufanego: {code}")), "{page}");
        assert!(page.contains("Numer wniosku: PZ-"), "{page}");
        let help = browser.find(By::Css("a[href='mailto:pz-pomoc@coi.gov.pl']")).await?;
        assert_eq!(help.text().await?, "pz-pomoc@coi.gov.pl");
        assert_accessible(browser, "the outbox page").await?;
        browser.screenshot("designer-outbox").await?;
        browser.set_width(320).await?;
        assert!(!browser.scrolls_sideways().await?, "the outbox page scrolls sideways at 320 px");

        browser.find(By::Id("to")).await?.send_keys(PHONE).await?;
        browser.find(By::Css("button[type=submit]")).await?.click().await?;
        browser
            .eventually("only the SMS is listed", async || {
                let status = browser.find(By::Css("[role=status]")).await?.text().await?;
                Ok(status.starts_with("1 message to +48600123456").then_some(()))
            })
            .await?;
        assert_eq!(browser.driver.find_all(By::Css("article")).await?.len(), 1);
        Ok(())
    })
    .await;
}
