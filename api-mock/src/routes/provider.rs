//! A simulated identity provider (`--dev` only): the bank, Envelo or the e-ID card that confirms a
//! citizen's identity for a new profile. The app sends the browser to `/symulator/dostawca/{id}`;
//! "Potwierdź" makes the profile active (3 years) and sends the citizen back to the app's
//! confirmation page, "Anuluj" withdraws the application and sends them back to choose again.

use super::outbox_page::{dev_page, head, posted};
use crate::{ApiError, AppState};
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, DOCTYPE};
use serde::Deserialize;
use shared::api::{ErrorResponse, RegistrationState, NEW_PROFILE_DONE_PATH, NEW_PROFILE_PATH};
use shared::rules::confirmation::{Confirmation, PROVIDERS};
use shared::Refusal;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(page)).routes(routes!(answer))
}

/// The provider's page for an application awaiting it: who asks, what is passed on, and the two
/// answers.
#[utoipa::path(get, path = "/symulator/dostawca/{id}", operation_id = "showProviderPage", tag = "dev",
    params(("id" = String, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The page", content_type = "text/html"),
        (status = 404, description = "No application awaiting a provider has this id (`registration.not_found`)", body = ErrorResponse),
    ))]
async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let (registration, provider) = awaiting_provider(&state, &id)?;
    let title = format!("{provider} (symulacja)");
    Ok(dev_page(html! {
        (DOCTYPE)
        html lang="pl" {
            (head(&format!("{title} – Profil Zaufany mock"), None))
            body {
                main {
                    h1 { (title) }
                    p { "Dostawca tożsamości, jak bank, Envelo lub e-dowód: narzędzie projektanta i testów (tylko z --dev)." }
                    p { "Profil Zaufany prosi o potwierdzenie tożsamości do wniosku "
                        strong { (registration.application_number.as_deref().unwrap_or_default()) }
                        " użytkownika " strong { (registration.username) } "." }
                    p { "Dostawca przekaże: imię, nazwisko, numer PESEL i datę urodzenia." }
                    form class="answers" method="post" action={ "/symulator/dostawca/" (id) } {
                        button type="submit" name="answer" value="accept" { "Potwierdź tożsamość" }
                        button type="submit" name="answer" value="refuse" { "Anuluj" }
                    }
                }
            }
        }
    }))
}

/// The answer the citizen gives at the provider.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum ProviderAnswer {
    Accept,
    Refuse,
}

#[derive(Debug, Deserialize, ToSchema)]
struct ProviderForm {
    answer: ProviderAnswer,
}

/// "Potwierdź tożsamość": the profile is active and the e-mail sent; "Anuluj": the application is
/// withdrawn. Either way, back to the app.
#[utoipa::path(post, path = "/symulator/dostawca/{id}", operation_id = "answerAtProvider", tag = "dev",
    params(("id" = String, Path, description = "The application's id")),
    request_body(content = ProviderForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Answered; back to the app"),
        (status = 404, description = "No application awaiting a provider has this id (`registration.not_found`)", body = ErrorResponse),
        (status = 400, description = "Not the form this route takes (`request.invalid_fields`)", body = ErrorResponse),
    ))]
async fn answer(State(state): State<AppState>, Path(id): Path<String>, form: Result<Form<ProviderForm>, FormRejection>) -> Result<Response, ApiError> {
    let form = posted(form)?;
    let (registration, _) = awaiting_provider(&state, &id)?;
    let back_to = match form.answer {
        ProviderAnswer::Accept => {
            super::dev::confirm(&state, &registration)?;
            NEW_PROFILE_DONE_PATH.to_owned()
        }
        ProviderAnswer::Refuse => {
            state.store.withdraw_new_profile(&id)?;
            tracing::info!("new profile withdrawn at the provider");
            format!("{NEW_PROFILE_PATH}?anulowano=1")
        }
    };
    Ok(Redirect::to(&back_to).into_response())
}

/// The application of `id` if it awaits a provider (a bank, Envelo or the e-ID card), with the
/// provider's name; else 404.
fn awaiting_provider(state: &AppState, id: &str) -> Result<(crate::registrations::Registration, &'static str), ApiError> {
    let registration = state.store.registration(id)?.filter(|r| r.state == RegistrationState::AwaitingIdentity).ok_or(Refusal::RegistrationNotFound)?;
    let provider = match &registration.confirmation {
        Confirmation::Bank { provider } => PROVIDERS.iter().find(|(p, _)| p == provider).map(|(_, name)| *name),
        Confirmation::EId {} => Some("e-dowód"),
        Confirmation::Video { .. } | Confirmation::InPerson { .. } => None,
    };
    let provider = provider.ok_or(Refusal::RegistrationNotFound)?;
    Ok((registration, provider))
}
