//! `GET /dev/outbox` (`--dev` only): the outbox as a page for people, newest first, with each
//! message's recipient, time (Polish) and text, its web and e-mail addresses as links. Plain HTML
//! with no script, under a policy that allows only its own style.

use super::dev::OutboxFilter;
use crate::clock::warsaw_time;
use crate::{ApiError, AppState};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use shared::api::{Channel, OutboxEntry};
use std::sync::LazyLock;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const STYLE: &str = "*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;line-height:1.5}\
main{max-width:52rem;margin:0 auto;padding:1rem}\
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}\
label{display:block;font-weight:600}\
input{font:inherit;padding:.4rem;border:2px solid #1b1b1b;min-width:min(20rem,100%)}\
button{font:inherit;padding:.4rem 1rem;background:#0052a5;color:#fff;border:0}\
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}\
a{color:#0052a5}\
ol{list-style:none;padding:0}\
article{border:1px solid #b1b4b6;border-left:6px solid #0052a5;padding:.5rem 1rem;margin-bottom:1rem}\
article.sms{border-left-color:#00703c}\
h2{font-size:1.1rem;margin:.25rem 0}\
.meta{color:#505a5f;margin:0}\
.text{white-space:pre-wrap;overflow-wrap:anywhere}\
.check{font-size:2.5rem;font-weight:700;letter-spacing:.2em;margin:.25rem 0}\
.answers{display:flex;gap:.5rem;margin:.5rem 0}\
.answers button[value=refuse]{background:#d4351c}";

/// With `?refresh=on`, the page reloads itself this often, for watching messages arrive.
const REFRESH_SECONDS: u32 = 5;

static POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
    let policy = format!("default-src 'none'; style-src {}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", super::spa::source_hash(STYLE));
    HeaderValue::from_str(&policy).expect("the policy is ASCII")
});

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(page))
}

#[derive(serde::Deserialize, IntoParams)]
struct Refresh {
    /// `on`: reload every 5 seconds.
    refresh: Option<String>,
}

/// The outbox as an HTML page for people (the same messages as `GET /api/dev/outbox`).
#[utoipa::path(
    get,
    path = "/dev/outbox",
    operation_id = "showOutboxPage",
    tag = "dev",
    params(OutboxFilter, Refresh),
    responses((status = 200, description = "The page", content_type = "text/html"))
)]
async fn page(State(state): State<AppState>, Query(filter): Query<OutboxFilter>, Query(refresh): Query<Refresh>) -> Result<Response, ApiError> {
    let to = filter.to.filter(|to| !to.trim().is_empty());
    let entries = state.store.outbox(to.as_deref())?;
    let refreshing = refresh.refresh.as_deref() == Some("on");
    Ok(dev_page(render(&entries, to.as_deref(), refreshing)))
}

/// A dev tool's page: plain HTML with no script, under a policy that allows only its own style.
pub(super) fn dev_page(page: Markup) -> Response {
    let mut response = Html(page.into_string()).into_response();
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, POLICY.clone());
    response
}

/// The form a dev tool's page posted; a body that is not that form answers 400 as JSON.
pub(super) fn posted<T>(form: Result<axum::Form<T>, axum::extract::rejection::FormRejection>) -> Result<T, crate::ApiError> {
    form.map(|axum::Form(form)| form).map_err(|e| crate::error::invalid_fields(&e.body_text()))
}

/// The `<head>` of a dev tool's page.
pub(super) fn head(title: &str, refresh_seconds: Option<u32>) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            @if let Some(seconds) = refresh_seconds { meta http-equiv="refresh" content=(seconds); }
            title { (title) }
            style { (maud::PreEscaped(STYLE)) }
        }
    }
}

fn render(entries: &[OutboxEntry], to: Option<&str>, refreshing: bool) -> Markup {
    let here = |refresh: bool| {
        let mut query = to.map(|to| format!("to={}", urlencode(to))).into_iter().chain(refresh.then(|| "refresh=on".to_owned())).collect::<Vec<_>>().join("&");
        if !query.is_empty() {
            query.insert(0, '?');
        }
        format!("/dev/outbox{query}")
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            (head("Outbox – Profil Zaufany mock", refreshing.then_some(REFRESH_SECONDS)))
            body {
                main {
                    h1 { "Outbox: the SMS and e-mails the mock sent" }
                    p { "Newest first, times in Polish time. The same as " a href="/api/dev/outbox" { code { "GET /api/dev/outbox" } } "; the API is described at " a href="/api/docs/" { "/api/docs/" } "." }
                    form method="get" action="/dev/outbox" {
                        div {
                            label for="to" { "Recipient (phone as +48600123456, or e-mail)" }
                            input id="to" name="to" type="text" value=[to] autocomplete="off";
                        }
                        @if refreshing { input type="hidden" name="refresh" value="on"; }
                        button type="submit" { "Show" }
                        @if to.is_some() { a href="/dev/outbox" { "Show all" } }
                    }
                    p role="status" {
                        (entries.len()) @if entries.len() == 1 { " message" } @else { " messages" }
                        @if let Some(to) = to { " to " (to) }
                        ". "
                        @if refreshing { "Reloads every " (REFRESH_SECONDS) " s: " a href=(here(false)) { "stop reloading" } }
                        @else { a href=(here(true)) { "Reload every " (REFRESH_SECONDS) " s" } }
                    }
                    ol {
                        @for entry in entries { li { (message(entry)) } }
                    }
                }
            }
        }
    }
}

fn message(entry: &OutboxEntry) -> Markup {
    let (class, kind) = match entry.channel {
        Channel::Sms => ("sms", "SMS"),
        Channel::Email => ("email", "E-mail"),
    };
    let heading = format!("message-{}", entry.id);
    html! {
        article class=(class) aria-labelledby=(heading) {
            h2 id=(heading) { (kind) " to " (entry.to) @if let Some(subject) = &entry.subject { ": " (subject) } }
            p class="meta" { "Sent " time { (warsaw_time(entry.sent_at)) } }
            div class="text" { (linked(&entry.text)) }
        }
    }
}

/// The text with each web address and e-mail address made a link; everything else as it is.
fn linked(text: &str) -> Markup {
    html! {
        @for piece in text.split_inclusive(char::is_whitespace) {
            @let word = piece.trim_end();
            @let (word, after_word) = word.split_at(word.trim_end_matches(['.', ',', ';', ':', ')']).len());
            @let space = &piece[word.len() + after_word.len()..];
            @if word.starts_with("https://") || word.starts_with("http://") { a href=(word) { (word) } }
            @else if word.contains('@') && shared::rules::email::validate(word).is_ok() { a href={ "mailto:" (word) } { (word) } }
            @else { (word) }
            (after_word) (space)
        }
    }
}

pub(super) fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'@') { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_links_and_the_rest_stays_escaped() {
        let html = linked("Pomoc: pz-pomoc@coi.gov.pl, https://example.pl/a?b=1.\n<b>").into_string();
        assert!(html.contains(r#"<a href="mailto:pz-pomoc@coi.gov.pl">pz-pomoc@coi.gov.pl</a>,"#), "{html}");
        assert!(html.contains(r#"<a href="https://example.pl/a?b=1">https://example.pl/a?b=1</a>."#), "{html}");
        assert!(html.contains("\n&lt;b&gt;"), "{html}");
    }
}
