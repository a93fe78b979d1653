//! The benchmark: one figure a line, for the budgets the issues set.

use crate::lighthouse;
use crate::shell::{self, root, step};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

/// The first-load budget of the foundation issue, in bytes of brotli.
const FIRST_LOAD_BUDGET: usize = 150 * 1024;

pub fn run() -> Result<(), String> {
    crate::setup::for_build()?;
    shell::build_app()?;
    step("sizes of the release build (dist/)");
    let mut first_load_brotli = 0;
    let mut entries: Vec<_> = std::fs::read_dir(root().join("dist")).map_err(|e| format!("dist/: {e}"))?.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries.iter().filter(|p| p.is_file()) {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (gzip, brotli) = (gzip_size(&bytes), brotli_size(&bytes));
        first_load_brotli += brotli;
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "js glue",
            Some("css") => "css",
            _ => "html",
        };
        println!(
            "{kind:<8} raw {:>8} B   gzip -9 {:>8} B   brotli {:>8} B   ({})",
            bytes.len(),
            gzip,
            brotli,
            path.file_name().unwrap_or_default().to_string_lossy()
        );
    }
    let verdict = if first_load_brotli <= FIRST_LOAD_BUDGET { "within" } else { "OVER" };
    println!("first load, brotli: {:.1} KB ({verdict} the {} KB budget)", first_load_brotli as f64 / 1024.0, FIRST_LOAD_BUDGET / 1024);
    step("validation cost per call, natively (release build)");
    shell::cargo(&["run", "--quiet", "--release", "-p", "shared", "--example", "validation_cost"])?;
    crate::setup::for_tests()?;
    step("validation cost per call in headless Chromium (wasm, release build)");
    // --nocapture: the runner shows a passing test's console lines only with it.
    shell::run(shell::command("wasm-pack").env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root().join("webdriver.json")).args([
        "test",
        "--release",
        "--headless",
        "--chrome",
        "--chromedriver",
        crate::setup::CHROMEDRIVER,
        "shared",
        "--test",
        "keystroke_cost",
        "--",
        "--nocapture",
    ]))?;
    step("time to interactive in headless Chromium");
    shell::cargo(&["run", "--quiet", "--profile", "server", "-p", "e2e", "--example", "time_to_interactive"])?;
    step("api-mock throughput on loopback");
    shell::cargo(&["run", "--quiet", "--profile", "server", "-p", "e2e", "--example", "mock_load"])?;
    step("Lighthouse, mobile preset (simulated slow 4G, 4x CPU slowdown)");
    let server = ApiMock::start()?;
    lighthouse::report(&server.base_url, &lighthouse::ENTRY_PATHS)
}

/// api-mock serving the release build, its state in memory, on a free loopback port; stopped when dropped.
struct ApiMock {
    child: Child,
    base_url: String,
}

impl ApiMock {
    fn start() -> Result<ApiMock, String> {
        shell::cargo(&["build", "--quiet", "--profile", "server", "-p", "api-mock"])?;
        let address = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| format!("a free loopback port: {e}"))?.to_string();
        let binary = root().join("target/server/api-mock");
        let child = shell::command(&binary.to_string_lossy())
            .env("RUST_LOG", "warn")
            .args(["--static", "dist", "--memory", "--listen", &address])
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
        let mut server = ApiMock { child, base_url: format!("http://{address}") };
        let start = Instant::now();
        while TcpStream::connect(&address).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("api-mock stopped at start: {status}"));
            }
            if start.elapsed() > Duration::from_secs(10) {
                return Err(format!("api-mock does not listen on {address} after 10 s"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(server)
    }
}

impl Drop for ApiMock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn gzip_size(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}

fn brotli_size(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out.len()
}
