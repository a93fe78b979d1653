//! The harness of the end-to-end tests: the release build of the app served by the real api-mock,
//! a ChromeDriver and one headless Chromium session a test, a page object a screen, and the
//! axe-core scan. Tests drive the app only as a citizen would: through the page.

pub mod axe;
mod browser;
pub mod pages;

pub use browser::{with_browser, with_browser_and, Browser};
pub use thirtyfour::prelude::WebDriverResult;
