//! A simulated mObywatel (`--dev` only): the citizen's phone, as a page a designer or a test opens
//! in another window (`/mobywatel`), and as an API (`/api/dev/mobywatel/…`): the push requests
//! waiting for a citizen (what, when, the check number) and their answers, "Potwierdź" or "Odrzuć".

use super::docs::BodyRejected;
use super::outbox_page::{dev_page, head, posted, urlencode};
use crate::clock::warsaw_time;
use crate::codes::Purpose;
use crate::sessions::PushRequest;
use crate::{ApiError, AppState};
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use maud::{html, DOCTYPE};
use serde::{Deserialize, Serialize};
use shared::api::{Authorisation, ErrorResponse, PushState};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// How often the page reloads itself while a request waits.
const REFRESH_SECONDS: u32 = 3;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(requests)).routes(routes!(answer)).routes(routes!(page)).routes(routes!(answer_from_page))
}

/// A push request as mObywatel shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PushRequestView {
    pub id: String,
    pub username: String,
    /// What the citizen is asked to confirm.
    pub what: String,
    /// Seconds since 1970-01-01 UTC.
    pub requested_at: i64,
    pub expires_at: i64,
    /// The two digits the page that asked shows too.
    pub check_number: String,
    pub state: PushState,
}

impl PushRequestView {
    fn new(request: PushRequest, now: i64) -> PushRequestView {
        let state = if request.state == PushState::Pending && request.expires_at <= now { PushState::Expired } else { request.state };
        PushRequestView {
            id: request.id,
            username: request.username,
            what: match request.purpose {
                Purpose::MethodChange => "Zmiana metody autoryzacji na powiadomienia push",
                Purpose::Confirmation => "Potwierdzenie tożsamości w Profilu Zaufanym",
                _ => "Logowanie do Profilu Zaufanego",
            }
            .into(),
            requested_at: request.created_at,
            expires_at: request.expires_at,
            check_number: request.check_number,
            state,
        }
    }
}

/// The answer a citizen gives in mObywatel.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PushAnswer {
    Accept,
    Refuse,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushAnswerRequest {
    pub answer: PushAnswer,
}

/// The push requests of a citizen, newest first (the last 20).
#[utoipa::path(
    get,
    path = "/api/dev/mobywatel/{username}/requests",
    operation_id = "listPushRequests",
    tag = "dev",
    params(("username" = String, Path, description = "The citizen's username, any letter case")),
    responses((status = 200, description = "The requests, newest first", body = Vec<PushRequestView>))
)]
async fn requests(State(state): State<AppState>, Path(username): Path<String>) -> Result<Json<Vec<PushRequestView>>, ApiError> {
    let now = state.clock.now();
    Ok(Json(state.store.push_requests(&username)?.into_iter().map(|r| PushRequestView::new(r, now)).collect()))
}

/// Answers a waiting push request, as the citizen would in mObywatel.
#[utoipa::path(
    post,
    path = "/api/dev/mobywatel/requests/{id}",
    operation_id = "answerPushRequest",
    tag = "dev",
    params(("id" = String, Path, description = "The request's id")),
    request_body(content = PushAnswerRequest, example = json!({"answer": "accept"})),
    responses(
        (status = 200, description = "Answered", body = PushRequestView),
        (status = 404, description = "No such request (`push.not_found`)", body = ErrorResponse),
        (status = 409, description = "Already answered or expired (`push.not_pending`)", body = ErrorResponse),
        BodyRejected,
    )
)]
async fn answer(
    State(state): State<AppState>,
    Path(id): Path<String>,
    crate::error::ApiJson(request): crate::error::ApiJson<PushAnswerRequest>,
) -> Result<Json<PushRequestView>, ApiError> {
    match give(&state, &id, request.answer)? {
        (true, answered) => Ok(Json(answered)),
        (false, _) => Err(ApiError::WrongState { code: "push.not_pending", message: "This request was already answered, or has expired." }),
    }
}

/// Answers the request if it still waits: whether this answer was taken, and the request after.
/// An accepted change of method takes effect now, and an accepted confirmation counts now, even
/// if the page that asked is gone; a sign-in completes when its page next asks.
fn give(state: &AppState, id: &str, answer: PushAnswer) -> Result<(bool, PushRequestView), ApiError> {
    let now = state.clock.now();
    let answered = state.store.answer_push(id, matches!(answer, PushAnswer::Accept), now)?;
    let (taken, request) = answered.ok_or(ApiError::Missing { code: "push.not_found", message: "There is no push request with this id." })?;
    if taken && request.state == PushState::Accepted {
        match request.purpose {
            Purpose::MethodChange => {
                let account = state.store.account(request.account_id)?.ok_or_else(|| ApiError::Storage("a push request's account is gone".into()))?;
                super::account::change(state, &account, Authorisation::Push, account.lang)?;
            }
            Purpose::Confirmation => state.store.confirm_session(&request.session_hash, now)?,
            Purpose::Login | Purpose::Registration | Purpose::PasswordReset | Purpose::ExtensionSms | Purpose::ExtensionEmail => {}
        }
    }
    Ok((taken, PushRequestView::new(request, now)))
}

#[derive(Debug, Deserialize, IntoParams)]
struct Citizen {
    /// The citizen whose phone this is (username).
    citizen: Option<String>,
}

/// The simulated mObywatel as a page: choose the citizen, see the requests, answer them.
#[utoipa::path(get, path = "/mobywatel", operation_id = "showMobywatelPage", tag = "dev", params(Citizen),
    responses((status = 200, description = "The page", content_type = "text/html")))]
async fn page(State(state): State<AppState>, Query(Citizen { citizen }): Query<Citizen>) -> Result<Response, ApiError> {
    let citizen = citizen.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    let now = state.clock.now();
    let requests: Vec<PushRequestView> = match &citizen {
        Some(username) => state.store.push_requests(username)?.into_iter().map(|r| PushRequestView::new(r, now)).collect(),
        None => Vec::new(),
    };
    let push_users = state.store.push_usernames()?;
    let waiting = requests.iter().any(|r| r.state == PushState::Pending);
    Ok(dev_page(html! {
        (DOCTYPE)
        html lang="pl" {
            (head("mObywatel (symulacja) – Profil Zaufany mock", (citizen.is_some() && !waiting).then_some(REFRESH_SECONDS)))
            body {
                main {
                    h1 { "mObywatel (symulacja)" }
                    p { "Telefon obywatela: prośby o potwierdzenie wysłane przez Profil Zaufany. Narzędzie projektanta i testów (tylko z --dev)." }
                    form method="get" action="/mobywatel" {
                        div {
                            label for="citizen" { "Nazwa użytkownika" }
                            input id="citizen" name="citizen" type="text" value=[citizen.as_deref()] autocomplete="off" list="push-users";
                            datalist id="push-users" { @for user in &push_users { option value=(user) {} } }
                        }
                        button type="submit" { "Pokaż" }
                    }
                    @if let Some(username) = &citizen {
                        h2 { "Prośby dla " (username) }
                        @if requests.is_empty() { p role="status" { "Brak próśb." } }
                        ol {
                            @for request in &requests { li { (request_card(request, username)) } }
                        }
                        p { a href={ "/mobywatel?citizen=" (urlencode(username)) } { "Odśwież" } }
                    }
                }
            }
        }
    }))
}

fn request_card(request: &PushRequestView, username: &str) -> maud::Markup {
    let heading = format!("request-{}", request.id);
    let state = match request.state {
        PushState::Pending => "Czeka na odpowiedź",
        PushState::Accepted => "Potwierdzona",
        PushState::Refused => "Odrzucona",
        PushState::Expired => "Wygasła",
    };
    html! {
        article aria-labelledby=(heading) {
            h2 id=(heading) { (request.what) }
            p class="meta" { "Wysłana " time { (warsaw_time(request.requested_at)) } " · " (state) }
            p { "Liczba kontrolna (taka sama jak na stronie logowania):" }
            p class="check" { (request.check_number) }
            @if request.state == PushState::Pending {
                form class="answers" method="post" action={ "/mobywatel/requests/" (request.id) } {
                    input type="hidden" name="citizen" value=(username);
                    button type="submit" name="answer" value="accept" { "Potwierdź" }
                    button type="submit" name="answer" value="refuse" { "Odrzuć" }
                }
            }
        }
    }
}

/// The page's answer button, sent as a form.
#[derive(Debug, Deserialize, ToSchema)]
struct PageAnswer {
    answer: PushAnswer,
    /// The citizen whose page to go back to.
    citizen: String,
}

/// "Potwierdź" or "Odrzuć" on the page: answers the request and goes back to the page.
#[utoipa::path(post, path = "/mobywatel/requests/{id}", operation_id = "answerPushRequestFromPage", tag = "dev",
    params(("id" = String, Path, description = "The request's id")),
    request_body(content = PageAnswer, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Answered (or already answered); back to the page"),
        (status = 404, description = "No such request (`push.not_found`)", body = ErrorResponse),
        (status = 400, description = "Not the form this route takes (`request.invalid_fields`)", body = ErrorResponse),
    ))]
async fn answer_from_page(State(state): State<AppState>, Path(id): Path<String>, form: Result<Form<PageAnswer>, FormRejection>) -> Result<Response, ApiError> {
    let form = posted(form)?;
    give(&state, &id, form.answer)?;
    Ok(Redirect::to(&format!("/mobywatel?citizen={}", urlencode(&form.citizen))).into_response())
}
