//! api-mock: a real HTTP server that answers the Profil Zaufany API with the rules of `shared`,
//! and serves the built app. It holds no real citizen data and must never log secrets.

mod clock;
mod error;
mod password;
mod routes;
mod store;

pub use clock::Clock;
pub use store::{Store, StoreError};
pub use error::ApiError;

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
    /// Mount the designer's and tester's routes under /api/dev (the outbox with its SMS codes).
    /// Never on a deployment.
    #[arg(long)]
    pub dev: bool,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub static_dir: Option<PathBuf>,
    pub clock: Clock,
    pub store: Arc<Store>,
    /// Whether the /api/dev routes are mounted.
    pub dev: bool,
}

impl AppState {
    pub fn from_cli(cli: &Cli) -> Result<AppState, StoreError> {
        let store = if cli.memory {
            Store::in_memory()?
        } else {
            std::fs::create_dir_all(&cli.data).map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
            Store::open(&cli.data.join("api-mock.sqlite3"))?
        };
        Ok(AppState { static_dir: cli.static_dir.clone(), clock: Clock::default(), store: Arc::new(store), dev: cli.dev })
    }

    /// State in memory with the dev routes on, serving `static_dir` if given: for tests.
    pub fn in_memory(static_dir: Option<PathBuf>) -> AppState {
        AppState { static_dir, clock: Clock::default(), store: Arc::new(Store::in_memory().expect("an in-memory database opens")), dev: true }
    }
}

/// The whole server: the API under `/api`, the app everywhere else.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}

/// Serves `app(state)` on `listener` until the future is dropped or the process stops.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, app(state)).await
}
