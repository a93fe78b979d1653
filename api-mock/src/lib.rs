//! api-mock: a real HTTP server that answers the Profil Zaufany API with the rules of `shared`,
//! and serves the built app. It holds no real citizen data and must never log secrets.

mod clock;
mod error;
mod routes;

pub use clock::Clock;
pub use error::ApiError;

use axum::Router;
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

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
    /// Keep all state in memory and write no files (the only mode until file state arrives).
    #[arg(long)]
    pub memory: bool,
}

/// What every handler can reach.
#[derive(Clone, Debug, Default)]
pub struct AppState {
    pub static_dir: Option<PathBuf>,
    pub clock: Clock,
}

impl AppState {
    pub fn from_cli(cli: &Cli) -> AppState {
        AppState { static_dir: cli.static_dir.clone(), clock: Clock }
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
