//! The built app: its files as they are, and `index.html` for every other path (client routing).

use crate::AppState;
use axum::Router;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn routes(static_dir: Option<&Path>) -> Router<AppState> {
    match static_dir {
        Some(dir) => Router::new().fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))),
        None => Router::new(),
    }
}
