//! Prints the time to interactive of the release build in headless Chromium: the median of
//! fresh loads of the account step, read from the app's own `performance.mark`.

use e2e::{with_browser, Browser};
use shared::paths::ACCOUNT_STEP_PATH;
use thirtyfour::prelude::*;

const LOADS: usize = 15;
const READ_MARK: &str = r#"
const mark = performance.getEntriesByName("pz-interactive")[0];
return mark ? mark.startTime : null;
"#;

#[tokio::main]
async fn main() {
    with_browser(async |browser: &Browser| {
        let mut times = Vec::new();
        for _ in 0..LOADS {
            browser.open(ACCOUNT_STEP_PATH).await?;
            browser.find(By::Id("username")).await?;
            let time = browser
                .eventually("the app marks itself interactive", async || browser.driver.execute(READ_MARK, Vec::new()).await?.convert::<Option<f64>>())
                .await?;
            times.push(time);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "time to interactive (Chromium, loopback, {LOADS} loads): median {:.0} ms, best {:.0} ms, worst {:.0} ms",
            times[LOADS / 2],
            times[0],
            times[LOADS - 1]
        );
        Ok(())
    })
    .await;
}
