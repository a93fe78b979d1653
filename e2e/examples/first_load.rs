//! Prints what a browser really downloads to show each entry page (the paths given as arguments):
//! every file fetched before the app marked itself interactive, with its compressed body and its
//! bytes on the wire (headers included), in a fresh Chromium with an empty cache, against the
//! release build served by api-mock.

use e2e::{with_browser, Browser};

/// The first-load budget of the performance issue: bytes on the wire, as served.
const BUDGET: f64 = 150.0 * 1024.0;
/// Every file of the load, fetched before the interactive mark: [name, body bytes, wire bytes].
const READ_LOAD: &str = r#"
const mark = performance.getEntriesByName("pz-interactive")[0];
if (!mark) return null;
const navigation = performance.getEntriesByType("navigation")[0];
const files = [navigation, ...performance.getEntriesByType("resource").filter(r => r.startTime < mark.startTime)];
return files.map(f => [new URL(f.name).pathname, f.encodedBodySize, f.transferSize]);
"#;

#[tokio::main]
async fn main() {
    for path in std::env::args().skip(1) {
        with_browser(async |browser: &Browser| {
            browser.open(&path).await?;
            let files = browser
                .eventually("the app marks itself interactive", async || {
                    browser.driver.execute(READ_LOAD, Vec::new()).await?.convert::<Option<Vec<(String, f64, f64)>>>()
                })
                .await?;
            let (body, wire): (f64, f64) = files.iter().fold((0.0, 0.0), |(b, w), (_, body, wire)| (b + body, w + wire));
            let verdict = if wire <= BUDGET { "within" } else { "OVER" };
            println!(
                "first load of {path}: {:.1} KB on the wire ({verdict} the 150 KB budget), {:.1} KB of compressed bodies, {} files",
                wire / 1024.0,
                body / 1024.0,
                files.len()
            );
            for (name, body, wire) in &files {
                println!("    {:>8.1} KB on the wire  {:>8.1} KB body  {name}", wire / 1024.0, body / 1024.0);
            }
            Ok(())
        })
        .await;
    }
}
