//! The request journal (`--dev` only): what clients sent the public API, newest first, so tests and
//! designers can assert on it ("the app sent one registration though the first answer was lost").
//! Each entry has the method, the route template (never the path), the status the client got, the
//! time by the mock's clock, the latency, a label of the session (not its token) and the JSON body
//! with every password, code, token, PESEL and e-mail address masked. At most `CAPACITY` entries
//! are kept, the oldest dropped first.

use crate::AppState;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use utoipa::ToSchema;

/// The most entries kept.
pub const CAPACITY: usize = 1000;
/// What stands for a masked value.
pub const MASK: &str = "***";
/// Field names whose values are always masked (any field whose name contains one of these).
const SECRET_NAMES: [&str; 5] = ["password", "code", "token", "pesel", "email"];

/// One request as the client sent it and what it got.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": 3, "method": "POST", "route": "/api/v1/registrations", "status": 201, "at": "2026-11-26T10:15:02+01:00",
    "latency_ms": 41.5, "session": null, "body": {"username": "jan_kowalski", "password": "***", "pesel": "***", "email": "***", "first_name": "Jan"}}))]
pub struct JournalEntry {
    /// Increases by one a request, from 1 at start (also across a `DELETE`).
    #[schema(minimum = 1)]
    pub id: u64,
    #[schema(example = "POST")]
    pub method: String,
    /// The route template as in this document (`/api/v1/registrations/{id}/sms-code`), `(no route)` for an unknown one.
    pub route: String,
    /// The status the client got (an injected fault's, if one hit).
    #[schema(minimum = 100, maximum = 599)]
    pub status: u16,
    /// When it came, by the mock's clock, in Polish time (RFC 3339).
    #[schema(format = DateTime)]
    pub at: String,
    /// From the request to the answer's head, in milliseconds (injected latency included).
    #[schema(minimum = 0)]
    pub latency_ms: f64,
    /// A label of the session the request carried (or the answer started): 12 hex digits, the same
    /// for every request of one session, never the token; none without one.
    #[schema(pattern = "^[0-9a-f]{12}$")]
    pub session: Option<String>,
    /// The JSON body with secrets masked as `***`; a body that is not JSON as a note of its size; none without a body.
    pub body: Option<Value>,
}

/// The journal, shared by every clone.
#[derive(Clone, Default)]
pub struct Journal(Arc<Mutex<Entries>>);

#[derive(Default)]
struct Entries {
    newest_first: VecDeque<JournalEntry>,
    last_id: u64,
}

impl Journal {
    fn push(&self, mut entry: JournalEntry) {
        let mut entries = self.lock();
        entries.last_id += 1;
        entry.id = entries.last_id;
        entries.newest_first.push_front(entry);
        entries.newest_first.truncate(CAPACITY);
    }

    /// The entries, newest first, of `route` (the template, with or without its method) and of `session`, when given.
    pub fn list(&self, route: Option<&str>, session: Option<&str>) -> Vec<JournalEntry> {
        let of_route = |e: &JournalEntry| route.is_none_or(|r| e.route == r || format!("{} {}", e.method, e.route) == r);
        let of_session = |e: &JournalEntry| session.is_none_or(|s| e.session.as_deref() == Some(s));
        self.lock().newest_first.iter().filter(|e| of_route(e) && of_session(e)).cloned().collect()
    }

    pub fn clear(&self) {
        self.lock().newest_first.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The middleware: reads the body (when it has a length within the limit), lets the request
/// through, and writes what happened to the journal.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let at = shared::date::warsaw_rfc3339(state.clock.now());
    let method = request.method().to_string();
    // The catch-all that answers an unknown API path is no route of the document.
    let route = request.extensions().get::<MatchedPath>().map(MatchedPath::as_str).filter(|p| *p != "/api/{*rest}").unwrap_or("(no route)").to_owned();
    let cookie = state.session_cookie;
    let mut session = cookie.token(request.headers()).map(|token| label(&token));
    // The length the client declared, or the body knows it has: a streamed body is not read.
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let length = declared.or_else(|| axum::body::HttpBody::size_hint(request.body()).exact()).map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let (request, body) = match length {
        Some(0) | None => (request, None),
        Some(length) if length > crate::BODY_LIMIT_BYTES => (request, Some(Value::String(format!("({length} bytes, not kept)")))),
        Some(_) => {
            let (parts, body) = request.into_parts();
            let bytes = axum::body::to_bytes(body, crate::BODY_LIMIT_BYTES).await.unwrap_or_default();
            let kept = match serde_json::from_slice::<Value>(&bytes) {
                Ok(json) => masked(json),
                Err(_) => Value::String(format!("({} bytes, not JSON)", bytes.len())),
            };
            (Request::from_parts(parts, Body::from(bytes)), Some(kept))
        }
    };
    let response = next.run(request).await;
    if let Some(started_session) = new_session(response.headers(), cookie) {
        session.get_or_insert(started_session);
    }
    let latency_ms = (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0;
    state.journal.push(JournalEntry { id: 0, method, route, status: response.status().as_u16(), at, latency_ms, session, body });
    response
}

/// The label of a session token: not the token, nor the hash the store keeps.
fn label(token: &str) -> String {
    format!("{:x}", Sha256::digest(format!("journal:{token}").as_bytes()))[..12].to_owned()
}

/// The label of a session an answer starts (its `Set-Cookie`), if any.
fn new_session(headers: &HeaderMap, session_cookie: crate::roles::SessionCookie) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|cookie| cookie.split(';').next()?.trim().strip_prefix(session_cookie.name())?.strip_prefix('=').map(str::to_owned))
        .find(|token| !token.is_empty())
        .map(|token| label(&token))
}

/// `json` with the value of every secret field masked, and any string that holds an e-mail
/// address or a PESEL-like run of 11 digits wherever it is.
pub fn masked(json: Value) -> Value {
    match json {
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .map(|(name, value)| {
                    let secret = SECRET_NAMES.iter().any(|s| name.to_ascii_lowercase().contains(s));
                    let value = if secret && !value.is_null() { Value::String(MASK.into()) } else { masked(value) };
                    (name, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(masked).collect()),
        Value::String(text) if looks_secret(&text) => Value::String(MASK.into()),
        other => other,
    }
}

/// An e-mail address, or eleven digits (spaces and dashes between them aside) that make a PESEL
/// and are not a phone number.
fn looks_secret(text: &str) -> bool {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    let holds_pesel = digits.windows(11).any(|window| shared::rules::pesel::Pesel::parse(&window.iter().collect::<String>()).is_ok());
    text.contains('@') || holds_pesel && shared::rules::phone::PhoneNumber::parse(text).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_password_code_token_pesel_and_e_mail_is_masked() {
        let sent = json!({
            "username": "jan_kowalski", "password": "Tajne#Haslo1", "password_repeat": "Tajne#Haslo1", "pesel": "44051401359",
            "email": "jan@example.pl", "email_repeat": "jan@example.pl", "code": "123456", "email_code": "654321",
            "first_name": "Jan", "login": "jan@example.pl", "note": "PESEL 440 514 013 59", "second_name": null,
            "confirmation": {"method": "video", "windows": [{"date": "2026-11-26", "from_hour": 8}]}, "token": "abc"
        });
        assert_eq!(
            masked(sent),
            json!({
                "username": "jan_kowalski", "password": MASK, "password_repeat": MASK, "pesel": MASK, "email": MASK, "email_repeat": MASK,
                "code": MASK, "email_code": MASK, "first_name": "Jan", "login": MASK, "note": MASK, "second_name": null,
                "confirmation": {"method": "video", "windows": [{"date": "2026-11-26", "from_hour": 8}]}, "token": MASK
            })
        );
    }

    #[test]
    fn the_journal_keeps_the_newest_and_filters_by_route_and_session() {
        let journal = Journal::default();
        let entry = |route: &str, session: Option<&str>| JournalEntry {
            id: 0,
            method: "POST".into(),
            route: route.into(),
            status: 200,
            at: String::new(),
            latency_ms: 1.0,
            session: session.map(str::to_owned),
            body: None,
        };
        for i in 0..CAPACITY + 5 {
            journal.push(entry(if i % 2 == 0 { "/api/v1/validate" } else { "/api/v1/login" }, (i == CAPACITY + 4).then_some("abc")));
        }
        let all = journal.list(None, None);
        assert_eq!(all.len(), CAPACITY);
        assert_eq!((all[0].id, all[CAPACITY - 1].id), (CAPACITY as u64 + 5, 6), "newest first, the oldest dropped");
        assert_eq!(journal.list(Some("POST /api/v1/login"), None).len(), CAPACITY / 2);
        assert_eq!(journal.list(Some("/api/v1/validate"), Some("abc")).len(), 1);
        journal.clear();
        assert!(journal.list(None, None).is_empty());
    }
}
