//! The Profil Zaufany citizen portal in the browser. It validates with `shared` as the citizen
//! types, and talks to the API only through `api`; it keeps no secret in storage.

pub mod api;
mod app;
pub mod components;
mod dom;
pub mod i18n;
mod json;
mod lazy;
pub mod pages;
pub mod session;
pub mod state;

pub use app::{preload_page_at, App};

/// The `performance.mark` set once the app is mounted and answers input; the benchmark reads it.
pub const INTERACTIVE_MARK: &str = "pz-interactive";
