//! A simulated mObywatel (`--dev` only): the citizen's phone, as a page a designer or a test opens
//! in another window (`/mobywatel`), and as an API (`/api/dev/mobywatel/…`): the push requests
//! waiting for a citizen (what, when) and their answers. Number matching: the phone offers three
//! numbers and the citizen picks the one the page that asked shows; a wrong pick refuses the
//! request, so "accept" never works without looking. "To nie ja – odrzuć" refuses it.

use super::docs::BodyRejected;
use super::outbox_page::{dev_page, head, posted, urlencode};
use crate::clock::warsaw_time;
use crate::codes::Purpose;
use crate::push_requests::PushRequest;
use crate::{ApiError, AppState};
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use maud::{html, DOCTYPE};
use serde::{Deserialize, Serialize};
use shared::api::{Authorisation, ErrorResponse, PushState};
use shared::Refusal;
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
    /// The two digits the page that asked shows (for tests: the phone does not show it).
    pub check_number: String,
    /// The three numbers the phone offers, the check number among them.
    pub choices: Vec<String>,
    pub state: PushState,
}

/// The three numbers offered for `check_number` (two digits, 10–99), in an order the request's
/// id decides, so a page reload keeps them in place.
fn choices(id: &str, check_number: &str) -> Vec<String> {
    let check: u32 = check_number.parse().unwrap_or(10);
    let decoy = |step: u32| format!("{:02}", (check - 10 + step) % 90 + 10);
    let mut numbers = vec![check_number.to_owned(), decoy(29), decoy(58)];
    let turn = id.bytes().map(u32::from).sum::<u32>() as usize % 3;
    numbers.rotate_left(turn);
    numbers
}

impl PushRequestView {
    fn new(request: PushRequest, now: i64) -> PushRequestView {
        let state = if request.state == PushState::Pending && request.expires_at <= now { PushState::Expired } else { request.state };
        let choices = choices(&request.id, &request.check_number);
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
            choices,
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
    /// With `accept`: the number picked of the three offered; a wrong one refuses the request.
    #[schema(pattern = "^[0-9]{2}$")]
    pub number: Option<String>,
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
    request_body(content = PushAnswerRequest, example = json!({"answer": "accept", "number": "42"})),
    responses(
        (status = 200, description = "Answered", body = PushRequestView),
        (status = 422, description = "Accepted with a number other than the check number: the request is refused (`push.wrong_number`)", body = ErrorResponse),
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
    let accepting = matches!(request.answer, PushAnswer::Accept);
    match give(&state, &id, request.answer, request.number.as_deref())? {
        (true, answered) if accepting && answered.state == PushState::Refused => Err(ApiError::from(Refusal::PushWrongNumber)),
        (true, answered) => Ok(Json(answered)),
        (false, _) => Err(ApiError::from(Refusal::PushNotPending)),
    }
}

/// Answers the request if it still waits: whether this answer was taken, and the request after.
/// An accepted change of method takes effect now, and an accepted confirmation counts now, even
/// if the page that asked is gone; a sign-in completes when its page next asks.
fn give(state: &AppState, id: &str, answer: PushAnswer, number: Option<&str>) -> Result<(bool, PushRequestView), ApiError> {
    let now = state.clock.now();
    let picked = number.filter(|_| matches!(answer, PushAnswer::Accept));
    let answered = state.store.answer_push(id, picked, now)?;
    let (taken, request) = answered.ok_or(ApiError::from(Refusal::PushNotFound))?;
    if taken && request.state == PushState::Accepted {
        match request.purpose {
            Purpose::MethodChange => {
                let account = state
                    .store
                    .account(request.account_id)?
                    .ok_or_else(|| ApiError::Storage(crate::db::StoreError::Inconsistent("a push request's account is gone")))?;
                super::account::change(state, &account, Authorisation::Push, account.lang)?;
            }
            Purpose::Confirmation => state.store.confirm_session(&request.session_hash, now)?,
            Purpose::Login | Purpose::Registration | Purpose::PasswordReset | Purpose::ExtensionSms | Purpose::ExtensionEmail | Purpose::EmailVerification => {}
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
            @if request.state == PushState::Pending {
                form class="answers" method="post" action={ "/mobywatel/requests/" (request.id) } aria-labelledby={ (heading) "-pick" } {
                    p id={ (heading) "-pick" } { "Aby potwierdzić, wybierz liczbę, którą widzisz na stronie Profilu Zaufanego:" }
                    input type="hidden" name="citizen" value=(username);
                    input type="hidden" name="answer" value="accept";
                    @for number in &request.choices {
                        button type="submit" class="pick" name="number" value=(number) { (number) }
                    }
                }
                form class="answers" method="post" action={ "/mobywatel/requests/" (request.id) } {
                    input type="hidden" name="citizen" value=(username);
                    button type="submit" name="answer" value="refuse" { "To nie ja – odrzuć" }
                }
            }
        }
    }
}

/// The page's answer button, sent as a form.
#[derive(Debug, Deserialize, ToSchema)]
struct PageAnswer {
    answer: PushAnswer,
    /// With `accept`: the number picked.
    number: Option<String>,
    /// The citizen whose page to go back to.
    citizen: String,
}

/// A number picked, or "To nie ja – odrzuć", on the page: answers the request and goes back to the page.
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
    give(&state, &id, form.answer, form.number.as_deref())?;
    Ok(Redirect::to(&format!("/mobywatel?citizen={}", urlencode(&form.citizen))).into_response())
}
