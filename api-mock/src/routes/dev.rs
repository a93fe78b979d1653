//! Tools for designers and tests, mounted only with `--dev`: `GET /api/dev/outbox[?to=]`, every
//! SMS and e-mail the mock sent, newest first; `POST /api/dev/registrations/{id}/confirm-identity`,
//! the official's or the provider's confirmation of an application's identity;
//! `GET`/`PUT /api/dev/clock`, the mock's time; `POST /api/dev/reset`, an empty state.

use super::docs::BodyRejected;
use crate::error::invalid_fields;
use crate::error::ApiJson;
use crate::outbox::Message;
use crate::registrations::Registration;
use crate::{ApiError, AppState};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use shared::api::{Channel, ErrorResponse, OutboxEntry, RegistrationState, RegistrationStatus};
use shared::date::Date;
use shared::notices;
use shared::Refusal;
use utoipa::openapi::schema::{KnownFormat, OneOfBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{ObjectBuilder, RefOr};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(outbox))
        .routes(routes!(confirm_identity))
        .routes(routes!(clock, set_clock))
        .routes(routes!(reset))
        .routes(routes!(reminders))
}

/// The mock's time, as every rule that depends on it sees it.
#[derive(Serialize, ToSchema)]
struct ClockState {
    /// Seconds since 1970-01-01 UTC.
    #[schema(example = 1_764_064_800)]
    now: i64,
    /// The date in Poland.
    today: Date,
    /// How far the mock's clock is from the system's, in seconds.
    #[schema(example = 0)]
    offset_seconds: i64,
}

/// Either `{"now": ...}` or `{"advance_seconds": ...}`, never both.
#[derive(Deserialize, ToSchema)]
#[serde(
    untagged,
    expecting = "exactly one of {\"now\": <seconds since 1970-01-01 UTC, or RFC 3339 such as \"2023-10-31T23:59:00+01:00\">} or {\"advance_seconds\": <seconds>}"
)]
enum ClockChange {
    Set(SetClock),
    Advance(AdvanceClock),
}

/// Sets the clock; it runs on from there.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SetClock {
    now: Moment,
}

/// Moves the clock forward (or back, when negative).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AdvanceClock {
    #[schema(example = 300)]
    advance_seconds: i64,
}

/// A moment as a designer writes it: seconds since 1970-01-01 UTC, or an RFC 3339 date and time.
struct Moment(i64);

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Moment, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Seconds(i64),
            Text(String),
        }
        match Written::deserialize(deserializer)? {
            Written::Seconds(seconds) => Ok(Moment(seconds)),
            Written::Text(text) => crate::clock::parse_rfc3339(&text).map(Moment).ok_or_else(|| D::Error::custom("not an RFC 3339 date and time")),
        }
    }
}

impl PartialSchema for Moment {
    fn schema() -> RefOr<Schema> {
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .description(Some("Seconds since 1970-01-01 UTC"))
            .examples([1_698_753_600]);
        let text = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some("An RFC 3339 date and time"))
            .examples(["2023-10-31T23:59:00+01:00"]);
        OneOfBuilder::new()
            .item(seconds)
            .item(text)
            .description(Some("The time to set, kept within the years 1 to 9999 (a time past an end is that end)"))
            .into()
    }
}

impl ToSchema for Moment {}

/// The mock's time.
#[utoipa::path(
    get,
    path = "/api/dev/clock",
    operation_id = "getClock",
    tag = "dev",
    responses((status = 200, description = "The mock's time", body = ClockState))
)]
async fn clock(State(state): State<AppState>) -> Json<ClockState> {
    Json(ClockState { now: state.clock.now(), today: state.clock.today(), offset_seconds: state.clock.offset() })
}

/// Sets or advances the mock's time: code expiry, resend cooldowns, call windows, age and profile validity all follow it.
#[utoipa::path(
    put,
    path = "/api/dev/clock",
    operation_id = "setClock",
    tag = "dev",
    request_body(content = ClockChange, examples(
        ("advance" = (summary = "Five minutes later: the SMS code has expired", value = json!({"advance_seconds": 300}))),
        ("set" = (summary = "31 October 2023, 23:59 in Poland", value = json!({"now": "2023-10-31T23:59:00+01:00"}))),
        ("set in seconds" = (summary = "31 October 2023, 12:00 UTC", value = json!({"now": 1_698_753_600})))
    )),
    responses((status = 200, description = "The mock's time after the change (the reminders whose day it reached are in the outbox)", body = ClockState), BodyRejected)
)]
async fn set_clock(State(state): State<AppState>, ApiJson(change): ApiJson<ClockChange>) -> Result<Json<ClockState>, ApiError> {
    match change {
        ClockChange::Set(SetClock { now: Moment(now) }) => state.clock.set(now),
        ClockChange::Advance(AdvanceClock { advance_seconds }) => state.clock.advance(advance_seconds),
    }
    // The reminders whose day the clock reached go out before the answer: the outbox shows them.
    crate::reminders::send_due(&state)?;
    Ok(clock(State(state)).await)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ReminderWindow {
    /// The profiles ending within this many days from today (0 to 3 660; 90 when left out).
    #[param(minimum = 0, maximum = 3660)]
    days: Option<u16>,
    /// At most this many reminders (1 to 1 000; 100 when left out).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u16>,
}

/// The reminders of the profiles ending soon, by the day each is due.
#[derive(Serialize, ToSchema)]
struct ReminderSchedule {
    /// The mock's date in Poland.
    today: Date,
    reminders: Vec<ReminderEntry>,
}

/// One reminder: 60, 30, 7 or 1 days before a profile's last day, or on it.
#[derive(Serialize, ToSchema)]
struct ReminderEntry {
    username: String,
    /// The profile's last day.
    valid_until: Date,
    /// How many days before that day the reminder is due.
    days_before: i64,
    /// The day it is due.
    due_on: Date,
    /// `scheduled` (its day has not come), `due` (its day has come; it goes out within a minute),
    /// `sent` (with `handled_at`), or `skipped` (a later reminder was due by the time it was handled).
    state: ReminderState,
    /// When it was sent or skipped, seconds since 1970-01-01 UTC.
    handled_at: Option<i64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum ReminderState {
    Scheduled,
    Due,
    Sent,
    Skipped,
}

/// What reminders before expiry are due, when, and which were sent: for the current profiles ending
/// within `days` from today. Moving the clock sends those whose day it reaches, once each.
#[utoipa::path(
    get,
    path = "/api/dev/reminders",
    operation_id = "listReminders",
    tag = "dev",
    params(ReminderWindow),
    responses(
        (status = 200, description = "The reminders, by the day they are due", body = ReminderSchedule),
        (status = 400, description = "A parameter out of its range (`request.invalid_fields`)", body = ErrorResponse),
    )
)]
async fn reminders(State(state): State<AppState>, window: Result<Query<ReminderWindow>, QueryRejection>) -> Result<Json<ReminderSchedule>, ApiError> {
    let Query(window) = window.map_err(|e| invalid_fields(&e.body_text()))?;
    let (days, limit) = (window.days.unwrap_or(90), window.limit.unwrap_or(100));
    if days > 3_660 || !(1..=1_000).contains(&limit) {
        return Err(invalid_fields("days is 0 to 3660, limit 1 to 1000"));
    }
    let today = state.clock.today();
    let reminders = state
        .store
        .reminder_schedule(today, i64::from(days), usize::from(limit))?
        .into_iter()
        .map(|r| {
            let due_on = r.valid_until.add_days(-r.days_before);
            let state = match (r.handled_at, r.sent) {
                (Some(_), true) => ReminderState::Sent,
                (Some(_), false) => ReminderState::Skipped,
                (None, _) if due_on <= today => ReminderState::Due,
                (None, _) => ReminderState::Scheduled,
            };
            ReminderEntry { username: r.username, valid_until: r.valid_until, days_before: r.days_before, due_on, state, handled_at: r.handled_at }
        })
        .collect();
    Ok(Json(ReminderSchedule { today, reminders }))
}

/// Empties the state: no accounts, registrations, profiles or messages. The clock stays.
#[utoipa::path(post, path = "/api/dev/reset", operation_id = "resetState", tag = "dev", responses((status = 204, description = "Emptied")))]
async fn reset(State(state): State<AppState>) -> Result<StatusCode, ApiError> {
    state.store.reset()?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirms the identity of an application awaiting it, as the official in the video call or at
/// the confirmation point, or the bank, Envelo or the e-ID card would: the profile becomes active
/// for 3 months (video) or 3 years, and the citizen gets an e-mail.
#[utoipa::path(
    post,
    path = "/api/dev/registrations/{id}/confirm-identity",
    operation_id = "confirmIdentity",
    tag = "dev",
    params(("id" = String, Path, description = "The registration's id")),
    responses(
        (status = 200, description = "The profile is active", body = RegistrationStatus),
        (status = 404, description = "No such registration (`registration.not_found`)", body = ErrorResponse),
        (status = 409, description = "Not awaiting its identity (`registration.not_awaiting_identity`)", body = ErrorResponse),
    )
)]
async fn confirm_identity(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<RegistrationStatus>, ApiError> {
    confirm(&state, &super::registrations::find(&state, &id)?)?;
    super::registrations::status(State(state), Path(id)).await
}

/// The official or the provider confirmed the identity of `registration`, which awaits it: its
/// profile is active from today (3 months after a video call, 3 years otherwise), and an e-mail
/// says so.
pub(super) fn confirm(state: &AppState, registration: &Registration) -> Result<(), ApiError> {
    let not_awaiting = ApiError::from(Refusal::RegistrationNotAwaitingIdentity);
    if registration.state != RegistrationState::AwaitingIdentity {
        return Err(not_awaiting);
    }
    let kind = registration.profile_kind();
    let valid_until = kind.valid_until(state.clock.today());
    let notice = notices::profile_confirmed(&valid_until.to_string(), registration.lang);
    let email = Message { channel: Channel::Email, to: registration.email.clone(), subject: Some(notice.subject), text: notice.text };
    if !state.store.confirm_identity(&registration.id, kind, valid_until, state.clock.now(), &email)? {
        return Err(not_awaiting); // another confirmation took it first
    }
    tracing::info!(kind = kind.code(), "identity confirmed");
    Ok(())
}

#[derive(Deserialize, IntoParams)]
pub(super) struct OutboxFilter {
    /// Only the messages to this recipient: a phone in E.164 (`+48600123456`) or an e-mail address.
    pub to: Option<String>,
}

/// Every SMS and e-mail the mock sent, newest first (as a page for people: `/dev/outbox`).
#[utoipa::path(
    get,
    path = "/api/dev/outbox",
    operation_id = "listOutbox",
    tag = "dev",
    params(OutboxFilter),
    responses(
        (status = 200, description = "The messages, newest first", body = Vec<OutboxEntry>, example = json!([{"id": 1, "channel": "sms", "to": "+48600123456", "sent_at": 1_764_064_800, "subject": null,
            "text": "Kod do założenia Profilu Zaufanego: 123456. Kod jest ważny 5 minut. Nie podawaj go nikomu."}])),
    )
)]
async fn outbox(State(state): State<AppState>, Query(filter): Query<OutboxFilter>) -> Result<Json<Vec<OutboxEntry>>, ApiError> {
    Ok(Json(state.store.outbox(filter.to.as_deref())?))
}
