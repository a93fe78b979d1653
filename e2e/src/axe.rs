//! The accessibility scan: axe-core (from npm) injected into the page, WCAG 2.1 A and AA rules.

use crate::browser::root;
use crate::Browser;
use thirtyfour::prelude::*;

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
  .then(result => done(result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)))
  .catch(error => done([`axe failed to run: ${error}`]));
"#;

/// Fails the test with every WCAG 2.1 A/AA violation axe-core finds in the page as it is now.
pub async fn assert_accessible(browser: &Browser, screen: &str) -> WebDriverResult<()> {
    let source = std::fs::read_to_string(root().join("node_modules/axe-core/axe.min.js")).expect("axe-core is installed by `cargo xtask setup` (npm ci)");
    browser.driver.execute(&source, Vec::new()).await?;
    let violations: Vec<String> = browser.driver.execute_async(RUN_AXE, Vec::new()).await?.convert()?;
    assert!(violations.is_empty(), "axe-core found {} violation(s) on {screen}:\n{}", violations.len(), violations.join("\n"));
    Ok(())
}

/// `assert_accessible` in Polish, then again after the language switch in English, and back.
pub async fn assert_accessible_in_both_languages(browser: &Browser, screen: &str) -> WebDriverResult<()> {
    assert_accessible(browser, &format!("{screen} (pl)")).await?;
    browser.button("English").await?.click().await?;
    assert_accessible(browser, &format!("{screen} (en)")).await?;
    browser.button("Polski").await?.click().await
}
