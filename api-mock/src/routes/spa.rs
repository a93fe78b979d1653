//! The built app: its files (brotli or gzip when the browser takes them and the build wrote them),
//! `index.html` for every path that names no file (client routing), with a Content-Security-Policy
//! that allows exactly the app's own scripts.

use crate::AppState;
use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn routes(static_dir: Option<&Path>) -> Router<AppState> {
    let Some(dir) = static_dir else {
        return Router::new();
    };
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap_or_default();
    let csp = HeaderValue::from_str(&content_security_policy(&index)).expect("the policy is ASCII");
    let index = ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip();
    let client_route = tower::service_fn(move |request: Request<Body>| {
        let index = index.clone();
        async move {
            // A missing file (an old chunk, a typo) is a 404, not the app's page under its name.
            let names_a_file = request.uri().path().rsplit('/').next().is_some_and(|last| last.contains('.'));
            if names_a_file {
                return Ok(StatusCode::NOT_FOUND.into_response());
            }
            index.oneshot(request).await.map(IntoResponse::into_response)
        }
    });
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(client_route))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::appending(header::VARY, HeaderValue::from_static("accept-encoding")))
        // Every file of a build sits in a folder named by its hash; only index.html changes under
        // the same name.
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, |response: &Response| {
            let html = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
            let immutable = response.status().is_success() && !html;
            Some(HeaderValue::from_static(if immutable { "public, max-age=31536000, immutable" } else { "no-cache" }))
        }))
}

/// The policy of the app: its own files only, WebAssembly compilation, and the inline start-up
/// script(s) trunk writes into index.html, allowed by their SHA-256 (no 'unsafe-inline').
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html).map(|script| format!(" {}", source_hash(script))).collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// A CSP source that allows exactly this inline script or style: `'sha256-…'`.
pub fn source_hash(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text)))
}

/// The text of every `<script>` without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, body) = rest.split_once('>')?;
        let (script, _) = body.split_once("</script>")?;
        (!tag.contains("src=")).then_some(script)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<script type="module">init()</script><script src="/a.js"></script>"#;
        let policy = content_security_policy(html);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest("init()"));
        assert!(policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}';")), "{policy}");
        assert_eq!(policy.matches("sha256-").count(), 1);
        assert!(!policy.contains("unsafe-inline"));
    }
}
