//! The request journal (`--dev` only): `GET /api/dev/requests[?route=&session=]`, newest first;
//! `DELETE` to empty it; and `/dev/requests`, the same as a page for people, beside the outbox.

use super::outbox_page::{dev_page, head, urlencode};
use crate::journal::JournalEntry;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_requests, clear_requests)).routes(routes!(page))
}

#[derive(Deserialize, IntoParams)]
struct JournalFilter {
    /// Only the requests of this route: the template as in this document, with or without its
    /// method (`POST /api/v1/registrations` or `/api/v1/registrations`).
    route: Option<String>,
    /// Only the requests of this session: its label, as the entries show it.
    session: Option<String>,
}

impl JournalFilter {
    fn given(value: &Option<String>) -> Option<&str> {
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
}

/// What clients sent the public API, newest first (at most 1000, the oldest dropped), with every password, code, token, PESEL and e-mail address masked.
#[utoipa::path(
    get,
    path = "/api/dev/requests",
    operation_id = "listRequests",
    tag = "dev",
    params(JournalFilter),
    responses((status = 200, description = "The requests, newest first", body = Vec<JournalEntry>))
)]
async fn list_requests(State(state): State<AppState>, Query(filter): Query<JournalFilter>) -> Json<Vec<JournalEntry>> {
    Json(state.journal.list(JournalFilter::given(&filter.route), JournalFilter::given(&filter.session)))
}

/// Empties the request journal (the entries' numbers go on from where they were).
#[utoipa::path(delete, path = "/api/dev/requests", operation_id = "clearRequests", tag = "dev", responses((status = 204, description = "The journal is empty")))]
async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.journal.clear();
    StatusCode::NO_CONTENT
}

/// The request journal as an HTML page for people (the same entries as `GET /api/dev/requests`).
#[utoipa::path(
    get,
    path = "/dev/requests",
    operation_id = "showRequestsPage",
    tag = "dev",
    params(JournalFilter),
    responses((status = 200, description = "The page", content_type = "text/html"))
)]
async fn page(State(state): State<AppState>, Query(filter): Query<JournalFilter>) -> Response {
    let (route, session) = (JournalFilter::given(&filter.route), JournalFilter::given(&filter.session));
    dev_page(render(&state.journal.list(route, session), route, session))
}

fn render(entries: &[JournalEntry], route: Option<&str>, session: Option<&str>) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head("Requests – Profil Zaufany mock", None))
            body {
                main {
                    h1 { "Requests: what clients sent the API" }
                    p {
                        "Newest first, times in Polish time by the mock's clock; passwords, codes, tokens, PESELs and e-mail addresses masked. The same as "
                        a href="/api/dev/requests" { code { "GET /api/dev/requests" } } "; the messages sent are in the " a href="/dev/outbox" { "outbox" } "."
                    }
                    form method="get" action="/dev/requests" {
                        div {
                            label for="route" { "Route (e.g. POST /api/v1/registrations)" }
                            input id="route" name="route" type="text" value=[route] autocomplete="off";
                        }
                        div {
                            label for="session" { "Session (its label)" }
                            input id="session" name="session" type="text" value=[session] autocomplete="off";
                        }
                        button type="submit" { "Show" }
                        @if route.is_some() || session.is_some() { a href="/dev/requests" { "Show all" } }
                    }
                    p role="status" { (entries.len()) @if entries.len() == 1 { " request" } @else { " requests" } "." }
                    ol {
                        @for entry in entries { li { (request(entry)) } }
                    }
                }
            }
        }
    }
}

fn request(entry: &JournalEntry) -> Markup {
    let heading = format!("request-{}", entry.id);
    let time = entry.at.get(11..19).unwrap_or(&entry.at);
    html! {
        article aria-labelledby=(heading) {
            h2 id=(heading) { (entry.method) " " (entry.route) " → " (entry.status) }
            p class="meta" {
                time datetime=(entry.at) { (time) } ", " (entry.latency_ms) " ms"
                @if let Some(session) = &entry.session { ", session " a href={ "/dev/requests?session=" (urlencode(session)) } { (session) } }
            }
            @if let Some(body) = &entry.body { div class="text" { (serde_json::to_string_pretty(body).unwrap_or_default()) } }
        }
    }
}
