//! Starts api-mock: parses the flags, sets up logging, serves until Ctrl+C or SIGTERM.

use api_mock::{AppState, Cli};
use clap::Parser;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let log = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    if cli.log_format == "json" {
        log.json().flatten_event(true).init();
    } else {
        log.init();
    }
    let state = AppState::from_cli(&cli).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(cli.listen).await?;
    tokio::spawn(api_mock::reminders::keep_sending(state.clone()));
    tracing::info!(address = %listener.local_addr()?, static_dir = ?cli.static_dir, dev = cli.dev, max_in_flight = cli.max_in_flight, "api-mock listening");
    api_mock::connection::serve(listener, state, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate.recv() => {},
    }
}
