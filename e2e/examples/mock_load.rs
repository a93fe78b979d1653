//! Prints api-mock's figures on loopback: requests per second of `POST /api/v1/validate` with a
//! whole registration form; how long the `renewal-storm` scenario takes to load (in memory and on
//! disk); past the in-flight limit, how fast refusals and health answer; and how many password
//! checks (argon2id, production parameters) a core and all cores make a second. Every load is
//! bounded in time and sent to 127.0.0.1 only.

use api_mock::faults::FaultRule;
use api_mock::overload::InFlight;
use api_mock::scenarios::{self, Scenario};
use api_mock::{AppState, Cli};
use clap::Parser;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
const DURATION: Duration = Duration::from_secs(5);
const FORM: &str = r#"{"username":"jan_kowalski","password":"Tajne#Haslo1","password_repeat":"Tajne#Haslo1",
"first_name":"Jan","surname":"Kowalski","pesel":"44051401359","email":"jan@example.pl","email_repeat":"jan@example.pl",
"phone":"600123456","phone_repeat":"600123456","id_card":"ABS123456"}"#;
/// The overload run: this many places, each validation holding one for this long, this many clients.
const OVERLOAD_LIMIT: usize = 64;
const OVERLOAD_HOLD_MS: u64 = 200;
const OVERLOAD_CLIENTS: usize = 256;

#[tokio::main]
async fn main() {
    throughput().await;
    storm_load_time();
    overload().await;
    password_logins();
}

/// Password checks a second on one thread, then on one thread a core: the ceiling of sign-ins.
fn password_logins() {
    const SECONDS: f64 = 3.0;
    let hash = api_mock::password::hash("Haslo#Testowe1");
    let checks_a_second = |threads: usize| -> f64 {
        let start = Instant::now();
        let counts: Vec<u64> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut count = 0;
                        while start.elapsed().as_secs_f64() < SECONDS {
                            assert!(api_mock::password::verify("Haslo#Testowe1", Some(&hash)));
                            count += 1;
                        }
                        count
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().expect("a checker finished")).collect()
        });
        counts.iter().sum::<u64>() as f64 / start.elapsed().as_secs_f64()
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let (one, all) = (checks_a_second(1), checks_a_second(cores));
    println!(
        "argon2id password checks (19 MiB, 2 passes): {one:.0} logins/s on one core, {all:.0}/s on all {cores} cores ({:.0} per core; goal 40 per core, \
         Keycloak's sizing 15 per vCPU)",
        all / cores as f64
    );
}

/// Serves `state` on a free loopback port; answers the base address.
async fn serve(state: AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let base = format!("http://{}", listener.local_addr().expect("bound address"));
    tokio::spawn(api_mock::serve(listener, state));
    base
}

async fn throughput() {
    let url = format!("{}/api/v1/validate", serve(AppState::in_memory(None)).await);
    let client = reqwest::Client::new();
    let (answered, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let start = Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (client, url, answered, failed) = (client.clone(), url.clone(), answered.clone(), failed.clone());
            tokio::spawn(async move {
                while start.elapsed() < DURATION {
                    let response = client.post(&url).header("content-type", "application/json").body(FORM).send().await;
                    let counter = if response.is_ok_and(|r| r.status().is_success()) { &answered } else { &failed };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a client finished");
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "api-mock POST /api/v1/validate: {:.0} requests/s ({} answered, {} failed, {CLIENTS} clients, {seconds:.1} s)",
        answered.load(Ordering::Relaxed) as f64 / seconds,
        answered.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed)
    );
}

fn storm_load_time() {
    let in_memory = scenarios::load(&AppState::in_memory(None), Scenario::RenewalStorm).expect("the storm loads");
    let dir = std::env::temp_dir().join(format!("api-mock-bench-{}", std::process::id()));
    let on_disk = AppState::from_cli(&Cli::parse_from(["api-mock", "--dev", "--data", dir.to_str().expect("a UTF-8 path")]))
        .and_then(|state| scenarios::load(&state, Scenario::RenewalStorm).map_err(|e| format!("{e:?}")))
        .expect("the storm loads on disk");
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "renewal-storm ({} accounts): loaded in {} ms in memory, {} ms on disk (budget 10 000 ms)",
        in_memory.accounts, in_memory.took_ms, on_disk.took_ms
    );
}

async fn overload() {
    let mut state = AppState::in_memory(None);
    state.in_flight = InFlight::limited_to(OVERLOAD_LIMIT);
    state.faults.set(FaultRule {
        route: "POST /api/v1/validate".into(),
        latency_ms: OVERLOAD_HOLD_MS,
        error_rate: 0.0,
        status: 503,
        after_handling: false,
        latency: None,
        dribble_ms: 0,
        connection: None,
    });
    let base = serve(state).await;
    let client = reqwest::Client::new();
    let refusals = Arc::new(Mutex::new(Vec::new()));
    let served = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let workers: Vec<_> = (0..OVERLOAD_CLIENTS)
        .map(|_| {
            let (client, url, refusals, served) = (client.clone(), format!("{base}/api/v1/validate"), refusals.clone(), served.clone());
            tokio::spawn(async move {
                while start.elapsed() < Duration::from_secs(3) {
                    let sent = Instant::now();
                    match client.post(&url).header("content-type", "application/json").body("{}").send().await.map(|r| r.status().as_u16()) {
                        Ok(503) => refusals.lock().expect("not poisoned").push(sent.elapsed()),
                        Ok(_) => _ = served.fetch_add(1, Ordering::Relaxed),
                        Err(_) => {}
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut health = Vec::new();
    while start.elapsed() < Duration::from_millis(2_500) {
        let sent = Instant::now();
        if client.get(format!("{base}/api/health")).send().await.is_ok_and(|r| r.status().is_success()) {
            health.push(sent.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for worker in workers {
        worker.await.expect("a client finished");
    }
    let mut refusals = refusals.lock().expect("not poisoned").clone();
    println!(
        "overload ({OVERLOAD_CLIENTS} clients, {OVERLOAD_LIMIT} places held {OVERLOAD_HOLD_MS} ms each): {} served, {} refused with 503 in {} (p50/p99), \
         health in {} while overloaded (budget 50 ms)",
        served.load(Ordering::Relaxed),
        refusals.len(),
        percentiles(&mut refusals),
        percentiles(&mut health)
    );
}

fn percentiles(samples: &mut [Duration]) -> String {
    if samples.is_empty() {
        return "n/a".into();
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    format!("{:.1}/{:.1} ms", at(0.5), at(0.99))
}
