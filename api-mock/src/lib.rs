//! api-mock: a real HTTP server that answers the Profil Zaufany API with the rules of `shared`,
//! and serves the built app. It holds no real citizen data and must never log secrets.

mod accounts;
mod clock;
mod codes;
pub mod connection;
mod db;
mod error;
pub mod faults;
mod guard;
pub mod journal;
pub mod limits;
mod lockouts;
mod outbox;
pub mod overload;
pub mod password;
mod profiles;
mod push_requests;
mod registrations;
pub mod reminders;
mod request_log;
pub mod roles;
mod routes;
pub mod scenarios;
mod seed;
pub mod sessions;

pub use clock::Clock;
pub use db::{Store, StoreError};
pub use error::ApiError;
pub use routes::{faultable_operations, openapi, operations};

use faults::{FaultRule, Faults};
use overload::InFlight;
use scenarios::Scenario;

use axum::Router;
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// The largest request body accepted; every form of the portal fits many times over.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// Command-line flags.
#[derive(Debug, Parser)]
#[command(name = "api-mock", version, about = "Mock Profil Zaufany API for designers, testers and browser tests")]
pub struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Folder of the built app (trunk's dist/) to serve, with index.html for every other path.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Folder of the state (an SQLite file, created if missing).
    #[arg(long, value_name = "DIR", default_value = "data", conflicts_with = "memory")]
    pub data: PathBuf,
    /// Keep all state in memory and write no files (for tests).
    #[arg(long)]
    pub memory: bool,
    /// Mount the designer's and tester's tools: /api/dev/* (the outbox with its SMS codes,
    /// clock, scenarios, faults), the /dev/outbox page and the X-Mock-Fault header. Never on a
    /// deployment.
    #[arg(long)]
    pub dev: bool,
    /// Empty the state and load a scenario at start: empty, citizens or renewal-storm.
    #[arg(long, value_name = "NAME", requires = "dev", value_parser = clap::builder::PossibleValuesParser::new(Scenario::ALL.map(Scenario::name)))]
    pub scenario: Option<String>,
    /// Fault rules to start with: a JSON list of {"route", "latency_ms", "latency", "dribble_ms",
    /// "error_rate", "status", "connection", "after_handling"} (see PUT /api/dev/faults).
    #[arg(long, value_name = "FILE", requires = "dev")]
    pub faults: Option<PathBuf>,
    /// Past this many API requests at once, answer 503 with Retry-After at once (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_in_flight: usize,
    /// How to write the request log: text for people, json for machines.
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub log_format: String,
    /// A session ends after this many seconds without activity.
    #[arg(long, value_name = "SECONDS", default_value_t = 900, value_parser = clap::value_parser!(i64).range(10..=86_400))]
    pub session_idle_seconds: i64,
    /// A session ends this many seconds after signing in, whatever happens.
    #[arg(long, value_name = "SECONDS", default_value_t = 43_200, value_parser = clap::value_parser!(i64).range(10..=604_800))]
    pub session_max_seconds: i64,
    /// The citizen is warned this many seconds before the session ends (less than the idle limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(i64).range(5..=3_600))]
    pub session_warning_seconds: i64,
    /// Sign-in and one-time-code requests allowed from one client address a minute (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub rate_limit: u32,
    /// With --dev, answer this host name too (besides loopback ones); may be repeated.
    #[arg(long = "dev-host", value_name = "NAME", requires = "dev")]
    pub dev_hosts: Vec<String>,
    /// The origin citizens reach the service at (`https://…` behind a TLS proxy): links in
    /// e-mails are built from it, never from the request; `https` makes the cookie
    /// `__Host-pz_session`, `Secure`. Default: `http://` and the listen address.
    #[arg(long, value_name = "URL", value_parser = public_url)]
    pub public_url: Option<String>,
    /// Registrations one client address may start in an hour (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub registration_limit: u32,
}

/// A public URL as `--public-url` takes it: `http(s)://host[:port]`, no path; kept without a `/`.
fn public_url(text: &str) -> Result<String, String> {
    let origin = text.trim_end_matches('/');
    let authority = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")).ok_or("it must begin with https:// or http://")?;
    if authority.is_empty() || authority.contains(['/', '?', '#', '@', ' ']) {
        return Err("it must be an origin only: scheme, host and port, no path".into());
    }
    Ok(origin.to_owned())
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub static_dir: Option<PathBuf>,
    pub clock: Clock,
    pub store: Arc<Store>,
    /// Whether the designer's and tester's tools are mounted.
    pub dev: bool,
    /// The injected faults in force (only with `dev`).
    pub faults: Faults,
    /// What clients sent the public API (only with `dev`).
    pub journal: journal::Journal,
    pub in_flight: InFlight,
    /// The pool passwords are hashed and checked on.
    pub passwords: password::Passwords,
    pub session_limits: sessions::Limits,
    /// The limit of sign-in and code requests from one address.
    pub rate_limit: limits::RateLimit,
    /// The limit of registrations started from one address.
    pub registration_limit: limits::RateLimit,
    /// Host names the dev tools answer besides loopback ones.
    pub dev_hosts: Vec<String>,
    /// The origin links in e-mails point at (see `--public-url`).
    pub public_url: String,
    pub session_cookie: roles::SessionCookie,
}

impl AppState {
    /// The state the flags ask for: the store opened, the scenario loaded, the fault rules read.
    pub fn from_cli(cli: &Cli) -> Result<AppState, String> {
        let store = if cli.memory {
            Store::in_memory()
        } else {
            std::fs::create_dir_all(&cli.data).map_err(|e| format!("cannot create {}: {e}", cli.data.display()))?;
            Store::open(&cli.data.join("api-mock.sqlite3"))
        }
        .map_err(|e| format!("cannot open the state: {e:?}"))?;
        let public_url = cli.public_url.clone().unwrap_or_else(|| format!("http://{}", cli.listen));
        let in_flight = if cli.max_in_flight == 0 { InFlight::default() } else { InFlight::limited_to(cli.max_in_flight) };
        if cli.session_warning_seconds >= cli.session_idle_seconds {
            return Err("--session-warning-seconds must be less than --session-idle-seconds".into());
        }
        let state = AppState {
            static_dir: cli.static_dir.clone(),
            clock: Clock::default(),
            store: Arc::new(store),
            dev: cli.dev,
            faults: Faults::default(),
            journal: journal::Journal::default(),
            in_flight,
            passwords: password::Passwords::default(),
            session_limits: sessions::Limits {
                idle_seconds: cli.session_idle_seconds,
                max_seconds: cli.session_max_seconds,
                warning_seconds: cli.session_warning_seconds,
            },
            rate_limit: limits::RateLimit::per_minute(cli.rate_limit),
            registration_limit: limits::RateLimit::per_hour(cli.registration_limit),
            dev_hosts: cli.dev_hosts.clone(),
            session_cookie: roles::SessionCookie::for_origin(&public_url),
            public_url,
        };
        if let Some(file) = &cli.faults {
            let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let rules: Vec<FaultRule> = serde_json::from_str(&text).map_err(|e| format!("{}: not a JSON list of fault rules: {e}", file.display()))?;
            let routes = faultable_operations();
            for rule in rules {
                rule.check(&routes).map_err(|e| format!("{}: {e}", file.display()))?;
                state.faults.set(rule);
            }
        }
        if let Some(scenario) = cli.scenario.as_deref().and_then(Scenario::from_name) {
            scenarios::load(&state, scenario).map_err(|e| format!("cannot load the scenario {}: {e:?}", scenario.name()))?;
        }
        Ok(state)
    }

    /// State in memory with the dev tools on, no in-flight limit and the default session limits
    /// and rate limit, serving `static_dir` if given: for tests.
    pub fn in_memory(static_dir: Option<PathBuf>) -> AppState {
        AppState {
            static_dir,
            clock: Clock::default(),
            store: Arc::new(Store::in_memory().expect("an in-memory database opens")),
            dev: true,
            faults: Faults::default(),
            journal: journal::Journal::default(),
            in_flight: InFlight::default(),
            passwords: password::Passwords::default(),
            session_limits: sessions::Limits::default(),
            rate_limit: limits::RateLimit::per_minute(30),
            registration_limit: limits::RateLimit::per_hour(30),
            dev_hosts: Vec::new(),
            public_url: "http://127.0.0.1:8080".into(),
            session_cookie: roles::SessionCookie::default(),
        }
    }
}

/// The whole server: the API under `/api`, the app everywhere else; answers compressed (brotli or
/// gzip) when the client takes it, the app's files from the copies the build wrote beside them.
pub fn app(state: AppState) -> Router {
    routes::router(state).layer(tower_http::compression::CompressionLayer::new())
}

/// Serves `app(state)` on `listener` until the future is dropped or the process stops; each
/// request knows its client's address (for the rate limits), and a fault can break a connection
/// below HTTP (`connection.rs`).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    connection::serve(listener, state, std::future::pending()).await
}
