//! Two checks of where a request comes from, before any route: a write that carries the session
//! cookie (or any `Origin`) must come from the app's own origin, so another site cannot act in a
//! citizen's name; and with `--dev`, only loopback hosts and the names given by `--dev-host` are
//! answered, so a web page cannot reach the dev tools (SMS codes) through DNS rebinding.

use crate::roles::SessionCookie;
use crate::ApiError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::Refusal;

/// The middleware: the origin check for writes, and the dev host allow-list.
pub async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if state.dev && !host_allowed(headers, &state.dev_hosts) {
        return ApiError::from(Refusal::HostNotAllowed).into_response();
    }
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !same_origin(headers, state.session_cookie) {
        return ApiError::from(Refusal::CrossOrigin).into_response();
    }
    next.run(request).await
}

/// Whether a write may go ahead: one with neither the session cookie nor an `Origin` (a client
/// that is not a browser) may; else the browser must say it comes from this very origin.
fn same_origin(headers: &HeaderMap, cookie: SessionCookie) -> bool {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if cookie.token(headers).is_none() && origin.is_none() {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin, fetch_site) {
        (Some(origin), _) => host.is_some_and(|host| origin.split_once("://").is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))),
        (None, Some(site)) => site == "same-origin",
        (None, None) => false,
    }
}

/// Whether the `Host` names this machine, or a name the designer allowed. A request without one
/// is not a browser's (every browser sends it), so it cannot be a rebinding.
fn host_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else { return true };
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    }
    .to_ascii_lowercase();
    let loopback = name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    loopback || allowed.iter().any(|a| a.eq_ignore_ascii_case(&name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (header::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn a_write_with_the_cookie_must_come_from_this_origin() {
        let cookie = ("cookie", "pz_session=abc");
        let same_origin = |headers: &HeaderMap| same_origin(headers, SessionCookie::default());
        assert!(same_origin(&headers(&[])), "curl without a session");
        assert!(same_origin(&headers(&[cookie, ("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")])));
        assert!(same_origin(&headers(&[cookie, ("sec-fetch-site", "same-origin")])));
        assert!(!same_origin(&headers(&[cookie, ("host", "127.0.0.1:8080"), ("origin", "https://evil.example")])));
        assert!(!same_origin(&headers(&[cookie, ("sec-fetch-site", "cross-site")])));
        assert!(!same_origin(&headers(&[cookie])), "a cookie and nothing to tell where from");
        assert!(!same_origin(&headers(&[("host", "127.0.0.1:8080"), ("origin", "https://evil.example")])), "a login form on another site");
    }

    #[test]
    fn dev_tools_answer_loopback_and_allowed_names_only() {
        let allowed = ["pz.test".to_owned()];
        for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "app.localhost", "PZ.test:80", "127.0.0.1"] {
            assert!(host_allowed(&headers(&[("host", host)]), &allowed), "{host}");
        }
        for host in ["evil.example", "192.168.1.10:8080", "127.0.0.1.evil.example"] {
            assert!(!host_allowed(&headers(&[("host", host)]), &allowed), "{host}");
        }
    }
}
