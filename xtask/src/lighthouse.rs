//! Lighthouse's mobile preset on the entry pages: the median of a few runs, against the performance budgets.

use crate::browser::{CHROMIUM, CHROMIUM_FLAGS};
use crate::shell::{command, root, run};
use serde_json::Value;
use std::path::Path;

/// Runs of each page; each figure printed is their median, so one noisy run does not decide.
const RUNS: usize = 3;
const MIN_PERFORMANCE: f64 = 98.0;
const MAX_LCP_MS: f64 = 1800.0;
const MIN_ACCESSIBILITY: f64 = 100.0;
const MIN_BEST_PRACTICES: f64 = 100.0;

/// One run's figures: scores 0–100, times in milliseconds, bytes as transferred.
struct Figures {
    performance: f64,
    accessibility: f64,
    best_practices: f64,
    lcp_ms: f64,
    fcp_ms: f64,
    tbt_ms: f64,
    cls: f64,
    speed_index_ms: f64,
    transfer_bytes: f64,
}

/// Runs Lighthouse on each of `paths` under `base_url` (a server of the release build) and prints a line a page.
pub fn report(base_url: &str, paths: &[&str]) -> Result<(), String> {
    let out = root().join("target/lighthouse");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("median of {RUNS} runs a page; budgets: performance ≥ {MIN_PERFORMANCE}, LCP ≤ {:.1} s, accessibility {MIN_ACCESSIBILITY}, best practices {MIN_BEST_PRACTICES}", MAX_LCP_MS / 1000.0);
    for path in paths {
        let name = match path.trim_matches('/') {
            "" => "home".to_owned(),
            page => page.replace('/', "-"),
        };
        let mut runs = Vec::new();
        for n in 1..=RUNS {
            let json = out.join(format!("{name}-{n}.json"));
            lighthouse(&format!("{base_url}{path}"), &json)?;
            runs.push(read(&json)?);
        }
        let median = |figure: fn(&Figures) -> f64| {
            let mut values: Vec<f64> = runs.iter().map(figure).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        let page = Figures {
            performance: median(|f| f.performance),
            accessibility: median(|f| f.accessibility),
            best_practices: median(|f| f.best_practices),
            lcp_ms: median(|f| f.lcp_ms),
            fcp_ms: median(|f| f.fcp_ms),
            tbt_ms: median(|f| f.tbt_ms),
            cls: median(|f| f.cls),
            speed_index_ms: median(|f| f.speed_index_ms),
            transfer_bytes: median(|f| f.transfer_bytes),
        };
        println!(
            "{path:<20} performance {:>3.0} ({})  accessibility {:>3.0} ({})  best practices {:>3.0} ({})  LCP {:.2} s ({})  FCP {:.2} s  TBT {:.0} ms  CLS {:.3}  Speed Index {:.2} s  transfer {:.1} KB",
            page.performance,
            verdict(page.performance >= MIN_PERFORMANCE),
            page.accessibility,
            verdict(page.accessibility >= MIN_ACCESSIBILITY),
            page.best_practices,
            verdict(page.best_practices >= MIN_BEST_PRACTICES),
            page.lcp_ms / 1000.0,
            verdict(page.lcp_ms <= MAX_LCP_MS),
            page.fcp_ms / 1000.0,
            page.tbt_ms,
            page.cls,
            page.speed_index_ms / 1000.0,
            page.transfer_bytes / 1024.0,
        );
    }
    println!("(the reports: {})", out.display());
    Ok(())
}

fn verdict(within: bool) -> &'static str {
    if within {
        "within"
    } else {
        "OVER"
    }
}

fn lighthouse(url: &str, json: &Path) -> Result<(), String> {
    run(command("lighthouse").env("CHROME_PATH", CHROMIUM).args([
        url,
        "--quiet",
        "--output=json",
        &format!("--output-path={}", json.display()),
        "--only-categories=performance,accessibility,best-practices",
        &format!("--chrome-flags={}", CHROMIUM_FLAGS.join(" ")),
    ]))
}

fn read(json: &Path) -> Result<Figures, String> {
    let text = std::fs::read_to_string(json).map_err(|e| format!("{}: {e}", json.display()))?;
    let report: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))?;
    if let Some(error) = report["runtimeError"]["message"].as_str() {
        return Err(format!("{}: Lighthouse could not measure the page: {error}", json.display()));
    }
    let score =
        |category: &str| report["categories"][category]["score"].as_f64().map(|s| s * 100.0).ok_or_else(|| format!("{}: no {category} score", json.display()));
    let audit = |id: &str| report["audits"][id]["numericValue"].as_f64().ok_or_else(|| format!("{}: no figure for {id}", json.display()));
    Ok(Figures {
        performance: score("performance")?,
        accessibility: score("accessibility")?,
        best_practices: score("best-practices")?,
        lcp_ms: audit("largest-contentful-paint")?,
        fcp_ms: audit("first-contentful-paint")?,
        tbt_ms: audit("total-blocking-time")?,
        cls: audit("cumulative-layout-shift")?,
        speed_index_ms: audit("speed-index")?,
        transfer_bytes: audit("total-byte-weight")?,
    })
}
