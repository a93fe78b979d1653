//! One structured log line a request: its id (echoed in `X-Request-Id`), method, route, status and
//! latency. The route is the matched template (`/api/v1/registrations/{id}`), never the path or
//! the query, so no username, code or PESEL a client put in a URL reaches the log.

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;
use tracing::Instrument;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The middleware: takes the client's request id when it is a plain token, else makes one.
pub async fn observe(mut request: Request, next: Next) -> Response {
    let id = request.headers().get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()).filter(|id| is_plain_token(id)).map_or_else(new_id, str::to_owned);
    let value = HeaderValue::from_str(&id).expect("a plain token is a header value");
    request.headers_mut().insert(REQUEST_ID_HEADER, value.clone());
    let method = request.method().clone();
    let route = match request.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().to_owned(),
        None if request.uri().path().starts_with("/api/") => "(no route)".to_owned(),
        None => "(app files)".to_owned(),
    };
    let started = Instant::now();
    let mut response = next.run(request).instrument(tracing::info_span!("request", request_id = %id)).await;
    let latency_ms = (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0;
    let status = response.status().as_u16();
    tracing::info!(request_id = %id, %method, route, status, latency_ms, "request");
    response.headers_mut().insert(REQUEST_ID_HEADER, value);
    response
}

/// 1 to 64 letters, digits, `-`, `_` or `.`: safe to log, echo and store.
pub fn is_plain_token(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn new_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_tokens_are_taken_from_the_client() {
        assert!(super::is_plain_token("req-42_a.b"));
        for wrong in ["", "a b", "x\ny", "ą", &"a".repeat(65)] {
            assert!(!super::is_plain_token(wrong), "{wrong:?}");
        }
    }
}
