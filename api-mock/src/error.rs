//! The one error type of the API: each variant maps to a status and a JSON body with a stable code.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header::ACCEPT_LANGUAGE, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shared::api::{ErrorBody, ErrorResponse, ExtensionCodesRejected, LoginLocked, SmsCodeRejected, ValidateResponse};
use shared::{Lang, Refusal};

#[derive(Debug)]
pub enum ApiError {
    /// Field errors (422), in the shape of `/api/v1/validate`.
    Invalid(ValidateResponse),
    /// Field errors about the state of the world (409), e.g. a taken username.
    Conflict(ValidateResponse),
    /// A wrong, expired or spent SMS code (422), with the tries left.
    WrongCode(SmsCodeRejected),
    /// The extension's codes, each wrong, expired or spent at its field, with their tries left (422).
    WrongCodes(ExtensionCodesRejected),
    /// Too many wrong passwords: the account's sign-in is locked (423).
    Locked(LoginLocked),
    /// A refusal that is not about a field, with the status and the sentence `shared` gives it, in
    /// the request's language: `detail` fills its `{detail}`, `retry_after` its `{seconds}` and
    /// `{minutes}` and the `Retry-After` header.
    Refused { refusal: Refusal, detail: Option<String>, retry_after: Option<i64> },
    /// The state could not be read or written (500); what failed goes to the log only.
    Storage(crate::db::StoreError),
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> ApiError {
        ApiError::Refused { refusal, detail: None, retry_after: None }
    }
}

impl ApiError {
    /// A refusal whose sentence names what was wrong (`{detail}`), e.g. the field serde missed.
    pub fn detailed(refusal: Refusal, detail: impl Into<String>) -> ApiError {
        ApiError::Refused { refusal, detail: Some(detail.into()), retry_after: None }
    }

    /// A throttled refusal (429): try again in `retry_after` seconds.
    pub fn too_soon(refusal: Refusal, retry_after: i64) -> ApiError {
        ApiError::Refused { refusal, detail: None, retry_after: Some(retry_after.max(1)) }
    }
}

/// For logs and start-up errors: the code and the English sentence of a refusal.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Refused { refusal, detail, .. } => {
                write!(f, "{}: {}", refusal.code(), refusal.say(Lang::En, &[("{detail}", detail.as_deref().unwrap_or_default())]))
            }
            other => write!(f, "{other:?}"),
        }
    }
}

tokio::task_local! {
    /// The language of the request being answered, for the sentences of its refusals.
    static REQUEST_LANG: Lang;
}

/// The middleware that answers every refusal of a request in its `Accept-Language`.
pub async fn in_request_language(request: Request, next: Next) -> Response {
    let header = request.headers().get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    REQUEST_LANG.scope(Lang::from_accept_language(header), next.run(request)).await
}

/// The JSON answer of a refusal with `status` (its own unless a fault chose another), its sentence
/// in the request's language with `values` filled in.
pub fn refusal_response(status: StatusCode, refusal: Refusal, values: &[(&str, &str)]) -> Response {
    let lang = REQUEST_LANG.try_with(|lang| *lang).unwrap_or_default();
    let body = ErrorResponse { error: ErrorBody { code: refusal, message: refusal.say(lang, values) } };
    (status, Json(body)).into_response()
}

/// The status a refusal is answered with.
pub fn status_of(refusal: Refusal) -> StatusCode {
    StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (refusal, detail, retry_after) = match self {
            ApiError::Invalid(body) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response(),
            ApiError::Conflict(body) => return (StatusCode::CONFLICT, Json(body)).into_response(),
            ApiError::WrongCode(body) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response(),
            ApiError::WrongCodes(body) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response(),
            ApiError::Locked(body) => return (StatusCode::LOCKED, Json(body)).into_response(),
            ApiError::Storage(ref error) => {
                tracing::error!(%error, "storage failed");
                (Refusal::Storage, None, None)
            }
            ApiError::Refused { refusal, detail, retry_after } => (refusal, detail, retry_after),
        };
        let (seconds, minutes) = retry_after.map_or_else(Default::default, |s| (s.to_string(), s.unsigned_abs().div_ceil(60).to_string()));
        let values = [("{detail}", detail.as_deref().unwrap_or_default()), ("{seconds}", &seconds), ("{minutes}", &minutes)];
        let mut response = refusal_response(status_of(refusal), refusal, &values);
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, seconds.max(1).into());
        }
        response
    }
}

impl From<crate::db::StoreError> for ApiError {
    fn from(error: crate::db::StoreError) -> ApiError {
        ApiError::Storage(error)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> ApiError {
        ApiError::Storage(error.into())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Refusal::NotJson.into(),
            JsonRejection::JsonSyntaxError(e) => ApiError::detailed(Refusal::MalformedJson, e.body_text()),
            JsonRejection::JsonDataError(e) => invalid_fields(&e.body_text()),
            e if e.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::detailed(Refusal::TooLarge, crate::BODY_LIMIT_BYTES.to_string()),
            e => ApiError::detailed(Refusal::Unreadable, e.body_text()),
        }
    }
}

/// A JSON object body whose rejections answer as `ApiError` (400/413/415 with a JSON body), never
/// axum's plain text. Every body of this API is an object: an array is refused even where serde
/// would read one into a struct.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(mut value) = Json::<Value>::from_request(request, state).await?;
        if !value.is_object() {
            return Err(invalid_fields("the body must be a JSON object"));
        }
        whole_numbers_as_integers(&mut value);
        serde_json::from_value(value).map(ApiJson).map_err(|e| invalid_fields(&e.to_string()))
    }
}

/// JSON has one kind of number, and JSON Schema reads `10.0` as the integer 10: so a whole number
/// written with a fraction is handed to serde as an integer, which an integer field takes.
fn whole_numbers_as_integers(value: &mut Value) {
    match value {
        Value::Number(number) => {
            if let Some(whole) = number.as_f64().filter(|n| number.is_f64() && n.fract() == 0.0 && n.abs() < 2f64.powi(63)) {
                *value = Value::from(whole as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

/// The JSON, query or form does not fit the route: `detail` says how.
pub fn invalid_fields(detail: &str) -> ApiError {
    ApiError::detailed(Refusal::InvalidFields, detail)
}
