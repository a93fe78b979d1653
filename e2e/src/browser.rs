//! One test's world: api-mock serving `dist/` on a free port, ChromeDriver, headless Chromium.

use futures::FutureExt;
use std::net::{SocketAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thirtyfour::prelude::*;
use thirtyfour::{ChromeCapabilities, ChromiumLikeCapabilities};

/// Chromium's and ChromeDriver's paths and flags, shared with xtask (set-up, wasm-pack, Lighthouse).
#[path = "../../xtask/src/browser.rs"]
mod chromium;
use chromium::{CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS};

/// The window every journey sees (its screenshots too).
const WINDOW_SIZE: &str = "--window-size=1280,900";
/// How long a wait for the page may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(10);

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("e2e sits in the workspace").to_path_buf()
}

pub struct Browser {
    pub driver: WebDriver,
    base: String,
    chromedriver: tokio::process::Child,
    server: tokio::task::JoinHandle<()>,
}

/// Runs `test` with a fresh browser and always closes it, even when the test fails.
pub async fn with_browser(test: impl AsyncFnOnce(&Browser) -> WebDriverResult<()>) {
    with_browser_and(|state| state, test).await
}

/// `with_browser`, with the mock's state first changed by `configure` (e.g. shorter sessions).
pub async fn with_browser_and(configure: impl FnOnce(api_mock::AppState) -> api_mock::AppState, test: impl AsyncFnOnce(&Browser) -> WebDriverResult<()>) {
    let browser = Browser::start(configure).await;
    let outcome = AssertUnwindSafe(test(&browser)).catch_unwind().await;
    if let Ok(Err(error)) = &outcome {
        // What the page showed when a command failed, for the one reading the failure.
        let page = browser.page_text().await.unwrap_or_default();
        let _ = browser.screenshot("failed-command").await;
        let error = error.to_string();
        eprintln!("a browser command failed ({}) on {} reading:\n{page}", error.lines().next().unwrap_or_default(), browser.path().await.unwrap_or_default());
    }
    browser.close().await;
    match outcome {
        Ok(result) => result.expect("the browser answered every command"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

impl Browser {
    async fn start(configure: impl FnOnce(api_mock::AppState) -> api_mock::AppState) -> Browser {
        let dist = root().join("dist");
        assert!(dist.join("index.html").exists(), "no release build in {}: run `cargo xtask test`, which builds it first", dist.display());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port for api-mock");
        let base = format!("http://{}", listener.local_addr().expect("bound address"));
        // The links in e-mails lead to this mock, as `--public-url` makes them on a deployment.
        let state = configure(api_mock::AppState { public_url: base.clone(), ..api_mock::AppState::in_memory(Some(dist)) });
        let server = tokio::spawn(async move { api_mock::serve(listener, state).await.expect("api-mock serves") });

        let port = free_port();
        let chromedriver = tokio::process::Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts (cargo xtask setup installs it)");
        wait_for_port(SocketAddr::from(([127, 0, 0, 1], port))).await;

        let mut capabilities = DesiredCapabilities::chrome();
        capabilities.set_binary(CHROMIUM).expect("binary capability");
        for arg in CHROMIUM_FLAGS.into_iter().chain([WINDOW_SIZE]) {
            capabilities.add_arg(arg).expect("argument capability");
        }
        Browser { driver: new_session(port, capabilities).await, base, chromedriver, server }
    }

    async fn close(mut self) {
        let _ = self.driver.quit().await;
        let _ = self.chromedriver.kill().await;
        self.server.abort();
    }

    /// The mock's address, e.g. `http://127.0.0.1:41234`, for calling the API as a tester would.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Every message the mock sent to `to` (a phone in E.164 or an e-mail), newest first.
    pub async fn outbox(&self, to: &str) -> Vec<serde_json::Value> {
        let url = format!("{}/api/dev/outbox?to={}", self.base, to.replace('+', "%2B"));
        serde_json::from_str(&reqwest::get(url).await.expect("the outbox answers").text().await.expect("a body")).expect("a JSON list")
    }

    /// What the app sent to `route` (`POST /api/v1/registrations`), newest first, from the mock's
    /// request journal.
    pub async fn requests(&self, route: &str) -> Vec<serde_json::Value> {
        let url = format!("{}/api/dev/requests?route={}", self.base, route.replace(' ', "%20"));
        serde_json::from_str(&reqwest::get(url).await.expect("the journal answers").text().await.expect("a body")).expect("a JSON list")
    }

    /// The newest code sent to `to` (a phone in E.164, or an e-mail address), read from the mock's
    /// outbox (waiting for it to arrive, as the citizen would).
    pub async fn code_sent_to(&self, to: &str) -> String {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        let code_in = |text: &str| text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).map(str::to_owned);
        loop {
            let outbox = self.outbox(to).await;
            if let Some(code) = outbox.iter().find_map(|m| m["text"].as_str().and_then(code_in)) {
                return code;
            }
            assert!(tokio::time::Instant::now() < deadline, "no code reached {to}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Loads a scenario of the mock, as a designer would (e.g. `citizens`).
    pub async fn load_scenario(&self, name: &str) {
        let answer = reqwest::Client::new().post(format!("{}/api/dev/scenarios/{name}", self.base)).send().await.expect("the mock answers");
        assert_eq!(answer.status(), 200, "the scenario loads");
    }

    /// Moves the mock's clock forward, as a designer would.
    pub async fn advance_clock(&self, seconds: i64) {
        let answer = reqwest::Client::new()
            .put(format!("{}/api/dev/clock", self.base))
            .header("content-type", "application/json")
            .body(format!(r#"{{"advance_seconds": {seconds}}}"#))
            .send()
            .await
            .expect("the mock answers");
        assert_eq!(answer.status(), 200, "the clock moves");
    }

    /// Puts a fault rule in force, as a designer would: `{"route": "POST /api/v1/registrations",
    /// "error_rate": 1, "status": 503}`.
    pub async fn set_fault(&self, rule: serde_json::Value) {
        self.call_faults(reqwest::Method::PUT, rule.to_string()).await;
    }

    /// Lifts every fault rule.
    pub async fn lift_faults(&self) {
        self.call_faults(reqwest::Method::DELETE, String::new()).await;
    }

    async fn call_faults(&self, method: reqwest::Method, body: String) {
        let answer = reqwest::Client::new()
            .request(method, format!("{}/api/dev/faults", self.base))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the mock answers");
        assert_eq!(answer.status(), 200, "the fault rules change");
    }

    /// Opens a path of the app, e.g. `/rejestracja/konto`.
    pub async fn open(&self, path: &str) -> WebDriverResult<()> {
        self.driver.goto(format!("{}{path}", self.base)).await
    }

    /// Waits until the element is in the page, as the app renders after the wasm starts.
    pub async fn find(&self, by: By) -> WebDriverResult<WebElement> {
        self.driver.query(by).wait(PATIENCE, Duration::from_millis(25)).first().await
    }

    /// Polls `check` until it returns `Some`, failing the test with `what` after `PATIENCE`.
    pub async fn eventually<T>(&self, what: &str, mut check: impl AsyncFnMut() -> WebDriverResult<Option<T>>) -> WebDriverResult<T> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(value) = check().await? {
                return Ok(value);
            }
            assert!(tokio::time::Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until the page's heading reads `expected` (a navigation has ended there).
    pub async fn expect_heading(&self, expected: &str) -> WebDriverResult<()> {
        let what = format!("the heading reads {expected:?}");
        self.eventually(&what, async || {
            let headings = self.driver.find_all(By::Tag("h1")).await?;
            for heading in headings {
                if heading.text().await.is_ok_and(|text| text == expected) {
                    return Ok(Some(()));
                }
            }
            Ok(None)
        })
        .await
    }

    /// The input whose label reads `label`, as a citizen finds it.
    pub async fn input_labelled(&self, label: &str) -> WebDriverResult<WebElement> {
        let label = self.find(By::XPath(format!("//label[normalize-space()={}]", xpath_text(label)))).await?;
        let id = label.attr("for").await?.expect("the label names its input");
        self.find(By::Id(id)).await
    }

    /// The button that reads `text` (the first, when several do).
    pub async fn button(&self, text: &str) -> WebDriverResult<WebElement> {
        self.find(By::XPath(format!("//button[normalize-space()={}]", xpath_text(text)))).await
    }

    /// The link that reads `text`, inside `main` (not the header's or the footer's).
    pub async fn link_in_main(&self, text: &str) -> WebDriverResult<WebElement> {
        self.find(By::XPath(format!("//main//a[normalize-space()={}]", xpath_text(text)))).await
    }

    /// The whole text of the page as it shows now.
    pub async fn page_text(&self) -> WebDriverResult<String> {
        self.driver.execute("return document.body ? document.body.innerText : '';", Vec::new()).await?.convert()
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn expect_text(&self, text: &str) -> WebDriverResult<()> {
        self.eventually(&format!("the page shows {text:?}"), async || Ok(self.page_text().await?.contains(text).then_some(()))).await
    }

    /// The text of the first element matching `css` once it shows and contains `expected`.
    pub async fn shows(&self, css: &str, expected: &str) -> WebDriverResult<String> {
        self.eventually(&format!("{css} reads {expected:?}"), async || {
            for element in self.driver.find_all(By::Css(css)).await? {
                // Drawn again since it was found: look again at the next try.
                let Ok(text) = element.text().await else { continue };
                if text.contains(expected) {
                    return Ok(Some(text));
                }
            }
            Ok(None)
        })
        .await
    }

    /// The path of the page now, e.g. `/konto`.
    pub async fn path(&self) -> WebDriverResult<String> {
        let url = self.driver.current_url().await?;
        Ok(url.path().to_owned())
    }

    /// Waits until the page is at `path` (a navigation has ended there).
    pub async fn expect_path(&self, path: &str) -> WebDriverResult<()> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let now_at = self.path().await?;
            if now_at == path {
                return Ok(());
            }
            if tokio::time::Instant::now() >= deadline {
                let _ = self.screenshot("failed-expect-path").await;
                panic!("timed out waiting until the page is at {path}: it is at {now_at} and reads:\n{}", self.page_text().await.unwrap_or_default());
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Puts the browser in another time zone (an IANA name, e.g. `Pacific/Kiritimati`), as a
    /// citizen abroad; the page must still take its dates from the service.
    pub async fn set_time_zone(&self, zone: &str) -> WebDriverResult<()> {
        self.driver.cdp().emulation().set_timezone_override(zone).await.map(drop)
    }

    /// Presses Tab until the focused element matches the CSS `selector` (at most 40 times), as a
    /// citizen moving by keyboard alone.
    pub async fn tab_to(&self, selector: &str) -> WebDriverResult<()> {
        let script = format!("return document.activeElement.matches({selector:?});");
        for _ in 0..40 {
            if self.driver.execute(&script, Vec::new()).await?.convert::<bool>()? {
                return Ok(());
            }
            self.press(Key::Tab).await?;
        }
        panic!("Tab never reached {selector}");
    }

    /// Presses `keys` on the element that has focus.
    pub async fn press(&self, keys: impl Into<TypingData>) -> WebDriverResult<()> {
        self.driver.active_element().await?.send_keys(keys).await
    }

    /// Waits until the page's heading has the focus: a page moves it there once it has arrived.
    pub async fn expect_heading_focused(&self) -> WebDriverResult<()> {
        self.eventually("the heading has focus", async || Ok((self.focused_tag().await? == "h1").then_some(()))).await
    }

    /// The tag of the element that has focus, e.g. `h1`.
    pub async fn focused_tag(&self) -> WebDriverResult<String> {
        // One script, not two commands: the page may replace the element between them.
        self.driver.execute("return document.activeElement ? document.activeElement.tagName.toLowerCase() : '';", Vec::new()).await?.convert()
    }

    /// The error shown above a field now, without its visually hidden "Błąd:"/"Error:" prefix.
    pub async fn field_error(&self, field: &str) -> WebDriverResult<String> {
        let text = self.find(By::Id(format!("{field}-error"))).await?.text().await?;
        Ok(text.trim_start_matches("Błąd:").trim_start_matches("Error:").trim().to_owned())
    }

    /// The id of the element that has focus.
    pub async fn focused_id(&self) -> WebDriverResult<String> {
        self.driver.execute("return document.activeElement ? document.activeElement.id : '';", Vec::new()).await?.convert()
    }

    /// Sets the viewport width (the height stays generous), e.g. 320 for the narrowest phone.
    pub async fn set_width(&self, width: u32) -> WebDriverResult<()> {
        self.driver.set_window_rect(0, 0, width, 900).await
    }

    /// Whether the page scrolls sideways (it must not, down to 320 px).
    pub async fn scrolls_sideways(&self) -> WebDriverResult<bool> {
        let ret = self.driver.execute("return document.documentElement.scrollWidth > document.documentElement.clientWidth;", Vec::new()).await?;
        ret.convert()
    }

    /// Saves a screenshot under `e2e/artifacts/` (not committed).
    pub async fn screenshot(&self, name: &str) -> WebDriverResult<()> {
        let dir = root().join("e2e/artifacts");
        std::fs::create_dir_all(&dir).expect("the artifacts folder");
        self.driver.screenshot(&dir.join(format!("{name}.png"))).await
    }
}

/// `text` as an XPath string literal (no quote in the portal's texts needs escaping beyond this).
fn xpath_text(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}

/// Starts Chromium through ChromeDriver. On a loaded machine a start can time out; a failed
/// start is tried again (three times in all) before the test fails.
async fn new_session(port: u16, capabilities: ChromeCapabilities) -> WebDriver {
    let mut last_error = None;
    for _ in 0..3 {
        match WebDriver::new(format!("http://127.0.0.1:{port}"), capabilities.clone()).await {
            Ok(driver) => return driver,
            Err(error) => last_error = Some(error),
        }
    }
    panic!("Chromium did not start: {last_error:?}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

async fn wait_for_port(address: SocketAddr) {
    for _ in 0..400 {
        if tokio::net::TcpStream::connect(address).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("chromedriver did not listen on {address}");
}
