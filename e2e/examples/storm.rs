//! Replays 31 October 2023 against the real api-mock binary (server profile, state on disk, the
//! `renewal-storm` scenario: 100 000 profiles ending today), as citizens would: sign in with the
//! password, the SMS code from the outbox, start the extension, both codes from the outbox. Each
//! client retries a `503` after its `Retry-After`, as the app does. Three runs, each bounded in
//! time and on loopback only:
//!
//! 1. closed loop, to find the rate the machine can bear (renewals a second, per core);
//! 2. new citizens arriving at twice that rate: refusals must be `503` with `Retry-After` within
//!    50 ms, health within 50 ms, no request failing any other way, and citizens who got past the
//!    password should finish (the in-flight limit keeps places for them);
//! 3. at that rate again, `kill -9` in the middle, a restart on the same data, and every
//!    extension acknowledged before the kill found extended.

use api_mock::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PASSWORD: &str = "Haslo#Testowe1";
/// The places api-mock holds at once in these runs (`--max-in-flight`).
const MAX_IN_FLIGHT: &str = "48";
const CALIBRATION: Duration = Duration::from_secs(12);
const CALIBRATION_CLIENTS: usize = 24;
const OVERLOAD: Duration = Duration::from_secs(15);
const KILL_AFTER: Duration = Duration::from_secs(6);
/// A journey that has not finished within this long is abandoned (counted, not a failure).
const PATIENCE: Duration = Duration::from_secs(30);
const STEPS: [&str; 5] = ["sign in", "SMS code", "start extension", "both codes", "renewal"];

#[tokio::main]
async fn main() {
    let data = std::env::temp_dir().join(format!("api-mock-storm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let server = Server::start(&data, true);
    let client = reqwest::Client::builder().pool_max_idle_per_host(512).build().expect("an HTTP client");
    let next = Arc::new(AtomicUsize::new(1));

    let calibration = Run::new();
    closed_loop(&client, &server.base, &next, &calibration).await;
    let capacity = calibration.renewals() as f64 / CALIBRATION.as_secs_f64();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "storm, the rate the machine bears ({CALIBRATION_CLIENTS} citizens at once, {} s): {capacity:.1} renewals/s, {:.1} per core ({cores} cores; \
         argon2id's password check is most of it)",
        CALIBRATION.as_secs(),
        capacity / cores as f64
    );
    calibration.print_steps();

    let overload = Run::new();
    let health = sample_health(client.clone(), server.base.clone(), OVERLOAD);
    open_loop(&client, &server.base, &next, &overload, capacity * 2.0, OVERLOAD, None).await;
    let mut health = health.await.expect("health sampled");
    println!("storm at twice that rate ({:.1} new citizens/s for {} s):", capacity * 2.0, OVERLOAD.as_secs());
    overload.print_steps();
    overload.print_outcome(&mut health);
    drop(server);

    let server = Server::start(&data, false);
    let crash = Run::new();
    let kill = Arc::new(Mutex::new(Some(server)));
    open_loop(&client, "", &next, &crash, capacity * 2.0, KILL_AFTER * 2, Some((KILL_AFTER, kill.clone()))).await;
    let acknowledged = crash.acknowledged.lock().expect("not poisoned").clone();
    let restarted = Server::start(&data, false);
    let lost = lost_extensions(&data, &acknowledged);
    println!(
        "storm with kill -9 after {} s: {} extensions acknowledged before the kill, {} lost after a restart on the same data (goal 0); \
         the restarted server answers health: {}",
        KILL_AFTER.as_secs(),
        acknowledged.len(),
        lost.len(),
        reqwest::get(format!("{}/api/health", restarted.base)).await.is_ok_and(|r| r.status().is_success())
    );
    assert!(lost.is_empty(), "acknowledged extensions lost: {lost:?}");
    drop(restarted);
    let _ = std::fs::remove_dir_all(&data);
}

/// The real api-mock on a free loopback port with its state in `data`, killed (SIGKILL) when dropped.
struct Server {
    process: Child,
    base: String,
}

impl Server {
    fn start(data: &Path, load_storm: bool) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let binary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/server/api-mock");
        let mut args = vec!["--dev", "--data", data.to_str().expect("a UTF-8 path"), "--max-in-flight", MAX_IN_FLIGHT, "--rate-limit", "0"];
        if load_storm {
            args.extend(["--scenario", "renewal-storm"]);
        }
        let listen = format!("127.0.0.1:{port}");
        let process = Command::new(&binary)
            .args(&args)
            .args(["--listen", &listen])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{} starts (cargo build --profile server -p api-mock): {e}", binary.display()));
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(&listen).is_err() {
            assert!(Instant::now() < deadline, "api-mock did not listen on {listen}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { process, base: format!("http://{listen}") }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// What one run saw.
struct Run {
    /// Seconds each step took, from the first try to its answer (retries after 503 included).
    steps: Mutex<HashMap<&'static str, Vec<f64>>>,
    /// How long each 503 took to arrive.
    refusals: Mutex<Vec<f64>>,
    /// How many 503s each step met.
    refused_steps: Mutex<HashMap<&'static str, usize>>,
    /// When the run started and when its last journey ended.
    span: Mutex<(Option<Instant>, Option<Instant>)>,
    /// Refusals without a `Retry-After`.
    refusals_without_retry_after: AtomicUsize,
    /// Answers neither expected nor 503, and requests with no answer (server running).
    failures: Mutex<Vec<String>>,
    /// Citizens past the password: how many, and how many of those renewed.
    past_password: AtomicUsize,
    acknowledged: Mutex<Vec<String>>,
    started: AtomicUsize,
    abandoned: AtomicUsize,
}

impl Run {
    fn new() -> Arc<Run> {
        Arc::new(Run {
            steps: Mutex::default(),
            refusals: Mutex::default(),
            refused_steps: Mutex::default(),
            span: Mutex::default(),
            refusals_without_retry_after: AtomicUsize::new(0),
            failures: Mutex::default(),
            past_password: AtomicUsize::new(0),
            acknowledged: Mutex::default(),
            started: AtomicUsize::new(0),
            abandoned: AtomicUsize::new(0),
        })
    }

    fn renewals(&self) -> usize {
        self.acknowledged.lock().expect("not poisoned").len()
    }

    fn print_steps(&self) {
        let steps = self.steps.lock().expect("not poisoned");
        let line: Vec<String> = STEPS
            .iter()
            .map(|step| {
                let mut samples = steps.get(step).cloned().unwrap_or_default();
                format!("{step} {}", percentiles(&mut samples))
            })
            .collect();
        println!("  p50/p99 of each step, retries included: {}", line.join(", "));
    }

    fn print_outcome(&self, health: &mut [f64]) {
        let mut refusals = self.refusals.lock().expect("not poisoned").clone();
        let within = refusals.iter().filter(|s| **s <= 0.050).count();
        let failures = self.failures.lock().expect("not poisoned");
        let (past, renewed) = (self.past_password.load(Ordering::Relaxed), self.renewals());
        let seconds = match *self.span.lock().expect("not poisoned") {
            (Some(first), Some(last)) => (last - first).as_secs_f64(),
            _ => f64::NAN,
        };
        println!(
            "  {} citizens arrived, {renewed} renewed in {seconds:.1} s ({:.1}/s); {} refusals (503), {within} of them within 50 ms, answered in {} (p50/p99), \
             {} without Retry-After; health {} (p50/p99, budget 50 ms); other failures: {} (goal 0){}",
            self.started.load(Ordering::Relaxed),
            renewed as f64 / seconds,
            refusals.len(),
            percentiles(&mut refusals),
            self.refusals_without_retry_after.load(Ordering::Relaxed),
            percentiles(health),
            failures.len(),
            failures.first().map(|f| format!(", e.g. {f}")).unwrap_or_default()
        );
        let refused = self.refused_steps.lock().expect("not poisoned");
        let by_step: Vec<String> = STEPS[..4].iter().map(|step| format!("{step} {}", refused.get(step).copied().unwrap_or(0))).collect();
        println!("  503s met at each step (new sign-ins wait; citizens mid-way keep their places): {}", by_step.join(", "));
        println!(
            "  of the {past} citizens who got past the password, {renewed} finished ({:.0} %; the rest were still under way when the run ended \
             or gave up after {} s: {}); new sign-ins wait their turn instead",
            100.0 * renewed as f64 / past.max(1) as f64,
            PATIENCE.as_secs(),
            self.abandoned.load(Ordering::Relaxed)
        );
    }
}

/// `clients` citizens at a time for `CALIBRATION`, each starting the next journey when done.
async fn closed_loop(client: &reqwest::Client, base: &str, next: &Arc<AtomicUsize>, run: &Arc<Run>) {
    let start = Instant::now();
    let workers: Vec<_> = (0..CALIBRATION_CLIENTS)
        .map(|_| {
            let (client, base, next, run) = (client.clone(), base.to_owned(), next.clone(), run.clone());
            tokio::spawn(async move {
                while start.elapsed() < CALIBRATION {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let _ = renew(&client, &base, n, &run, start + CALIBRATION).await;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a citizen finished");
    }
}

/// New citizens arriving at `rate` a second for `duration`; with `kill`, the server is killed
/// (SIGKILL) after its delay and the run ends at once.
async fn open_loop(
    client: &reqwest::Client,
    base: &str,
    next: &Arc<AtomicUsize>,
    run: &Arc<Run>,
    rate: f64,
    duration: Duration,
    kill: Option<(Duration, Arc<Mutex<Option<Server>>>)>,
) {
    let base = match &kill {
        Some((_, server)) => server.lock().expect("not poisoned").as_ref().expect("a server").base.clone(),
        None => base.to_owned(),
    };
    let killed = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let mut journeys = Vec::new();
    let mut arrived = 0u64;
    while start.elapsed() < duration {
        if let Some((after, server)) = &kill {
            if start.elapsed() >= *after {
                killed.store(true, Ordering::SeqCst);
                drop(server.lock().expect("not poisoned").take());
                break;
            }
        }
        while (arrived as f64) < start.elapsed().as_secs_f64() * rate {
            arrived += 1;
            let (client, base, n, run, killed) = (client.clone(), base.clone(), next.fetch_add(1, Ordering::Relaxed), run.clone(), killed.clone());
            journeys.push(tokio::spawn(async move {
                if renew(&client, &base, n, &run, start + duration + PATIENCE).await.is_err() && !killed.load(Ordering::SeqCst) {
                    run.abandoned.fetch_add(1, Ordering::Relaxed);
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    if killed.load(Ordering::SeqCst) {
        for journey in &journeys {
            journey.abort();
        }
        return;
    }
    for journey in journeys {
        let _ = journey.await;
    }
}

/// Health asked every 100 ms for `duration`: how long each answer took, in seconds.
fn sample_health(client: reqwest::Client, base: String, duration: Duration) -> tokio::task::JoinHandle<Vec<f64>> {
    tokio::spawn(async move {
        let start = Instant::now();
        let mut samples = Vec::new();
        while start.elapsed() < duration {
            let sent = Instant::now();
            if client.get(format!("{base}/api/health")).send().await.is_ok_and(|r| r.status().is_success()) {
                samples.push(sent.elapsed().as_secs_f64());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        samples
    })
}

/// The `n`-th storm citizen renews: answers `Err` when the journey could not finish by `deadline`.
async fn renew(client: &reqwest::Client, base: &str, n: usize, run: &Run, deadline: Instant) -> Result<(), ()> {
    run.started.fetch_add(1, Ordering::Relaxed);
    run.span.lock().expect("not poisoned").0.get_or_insert_with(Instant::now);
    let username = format!("obywatel{n:06}");
    let (phone, email) = (format!("+4850{n:07}"), format!("{username}@example.pl"));
    let journey = Instant::now();
    let login = serde_json::json!({"login": username, "password": PASSWORD}).to_string();
    let (pending, _) = step(client, run, "sign in", deadline, base, "/api/v1/login", None, Some(login)).await?;
    run.past_password.fetch_add(1, Ordering::Relaxed);
    let code = code_sent_to(client, base, &phone).await?;
    let (signed_in, _) =
        step(client, run, "SMS code", deadline, base, "/api/v1/login/sms-code", pending.as_deref(), Some(format!(r#"{{"code":"{code}"}}"#))).await?;
    let cookie = signed_in.ok_or(())?;
    let contact = serde_json::json!({"email": email, "phone": format!("+48 50{n:07}")}).to_string();
    step(client, run, "start extension", deadline, base, "/api/v1/me/profile/extension", Some(&cookie), Some(contact)).await?;
    let (sms, mail) = (code_sent_to(client, base, &phone).await?, code_sent_to(client, base, &email).await?);
    let codes = format!(r#"{{"code":"{sms}","email_code":"{mail}"}}"#);
    step(client, run, "both codes", deadline, base, "/api/v1/me/profile/extension/codes", Some(&cookie), Some(codes)).await?;
    run.steps.lock().expect("not poisoned").entry("renewal").or_default().push(journey.elapsed().as_secs_f64());
    run.acknowledged.lock().expect("not poisoned").push(username);
    run.span.lock().expect("not poisoned").1 = Some(Instant::now());
    Ok(())
}

/// One step as the app sends it (same origin, the cookie), retried after each 503 once its
/// `Retry-After` has passed; answers the session cookie the answer set, if any, and the body.
#[allow(clippy::too_many_arguments)] // each is one fact of the step
async fn step(
    client: &reqwest::Client,
    run: &Run,
    name: &'static str,
    deadline: Instant,
    base: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<String>,
) -> Result<(Option<String>, String), ()> {
    let first_try = Instant::now();
    loop {
        let mut request = client.post(format!("{base}{path}")).header("origin", base).header("content-type", "application/json");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let sent = Instant::now();
        let response = match request.body(body.clone().unwrap_or_default()).send().await {
            Ok(response) => response,
            Err(error) => {
                run.failures.lock().expect("not poisoned").push(format!("{name}: no answer ({error})"));
                return Err(());
            }
        };
        let status = response.status().as_u16();
        if status == 503 {
            run.refusals.lock().expect("not poisoned").push(sent.elapsed().as_secs_f64());
            *run.refused_steps.lock().expect("not poisoned").entry(name).or_default() += 1;
            let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<f64>().ok());
            if retry_after.is_none() {
                run.refusals_without_retry_after.fetch_add(1, Ordering::Relaxed);
            }
            if Instant::now() >= deadline {
                return Err(());
            }
            // As the app: Retry-After, times a random factor so that retries do not come in a wave.
            let jitter = 0.5 + f64::from(sent.elapsed().subsec_nanos() % 1_000) / 1_000.0;
            tokio::time::sleep(Duration::from_secs_f64(retry_after.unwrap_or(1.0) * jitter)).await;
            continue;
        }
        let set_cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()).map(str::to_owned);
        let text = response.text().await.unwrap_or_default();
        if status != 200 {
            run.failures.lock().expect("not poisoned").push(format!("{name}: {status} {text}"));
            return Err(());
        }
        run.steps.lock().expect("not poisoned").entry(name).or_default().push(first_try.elapsed().as_secs_f64());
        return Ok((set_cookie, text));
    }
}

/// The newest code in the outbox to `to`, as the citizen reads it (a dev route: never refused).
async fn code_sent_to(client: &reqwest::Client, base: &str, to: &str) -> Result<String, ()> {
    let url = format!("{base}/api/dev/outbox?to={}", to.replace('+', "%2B"));
    let outbox: serde_json::Value = serde_json::from_str(&client.get(url).send().await.map_err(drop)?.text().await.map_err(drop)?).map_err(drop)?;
    let text = outbox[0]["text"].as_str().ok_or(())?;
    text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).map(str::to_owned).ok_or(())
}

/// The acknowledged extensions not found in the state: the profile of each renewed citizen must
/// be valid for years, not until today.
fn lost_extensions(data: &Path, acknowledged: &[String]) -> Vec<String> {
    let store = Store::open(&data.join("api-mock.sqlite3")).expect("the state opens");
    let clock = api_mock::Clock::default();
    acknowledged
        .iter()
        .filter(|username| {
            let account = store.login_account(username).expect("the state answers").expect("the account");
            let profile = store.current_profile(account.id).expect("the state answers").expect("a profile");
            profile.valid_until <= clock.today().add_days(1)
        })
        .cloned()
        .collect()
}

fn percentiles(samples: &mut [f64]) -> String {
    if samples.is_empty() {
        return "n/a".into();
    }
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize] * 1000.0;
    format!("{:.0}/{:.0} ms", at(0.5), at(0.99))
}
