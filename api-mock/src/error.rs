//! The one error type of the API: each variant maps to a status and a JSON body with a stable code.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shared::api::{ErrorBody, ErrorResponse, ExtensionCodesRejected, LoginLocked, SmsCodeRejected, ValidateResponse};

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
    /// Asked again too soon (429 with `Retry-After`).
    TooSoon {
        code: &'static str,
        message: &'static str,
        retry_after: i64,
    },
    /// No session, or not one that may do this (401).
    Unauthorized {
        code: &'static str,
        message: &'static str,
    },
    /// The request may not be made from where it came (403), e.g. another site.
    Forbidden {
        code: &'static str,
        message: &'static str,
    },
    /// Too many wrong passwords: the account's sign-in is locked (423).
    Locked(LoginLocked),
    /// The resource is not in the state this request needs (409).
    WrongState {
        code: &'static str,
        message: &'static str,
    },
    /// A named resource existed but is no longer usable (410), e.g. a spent link.
    Gone {
        code: &'static str,
        message: &'static str,
    },
    /// A request well formed but wrong in what it says (422), e.g. a push answered with another number.
    Unprocessable {
        code: &'static str,
        message: &'static str,
    },
    /// A named resource does not exist (404).
    Missing {
        code: &'static str,
        message: &'static str,
    },
    /// The state could not be read or written (500); details go to the log only.
    Storage(String),
    /// The body is not JSON, or not the JSON this route takes.
    BadRequest {
        code: &'static str,
        message: String,
    },
    PayloadTooLarge,
    UnsupportedMediaType,
    NotFound,
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            ApiError::Invalid(_) | ApiError::Conflict(_) | ApiError::WrongCode(_) | ApiError::WrongCodes(_) | ApiError::Locked(_) => {
                unreachable!("these have their own body")
            }
            ApiError::Unauthorized { code, message } => (StatusCode::UNAUTHORIZED, code, (*message).into()),
            ApiError::Forbidden { code, message } => (StatusCode::FORBIDDEN, code, (*message).into()),
            ApiError::TooSoon { code, message, .. } => (StatusCode::TOO_MANY_REQUESTS, code, (*message).into()),
            ApiError::WrongState { code, message } => (StatusCode::CONFLICT, code, (*message).into()),
            ApiError::Missing { code, message } => (StatusCode::NOT_FOUND, code, (*message).into()),
            ApiError::Unprocessable { code, message } => (StatusCode::UNPROCESSABLE_ENTITY, code, (*message).into()),
            ApiError::Gone { code, message } => (StatusCode::GONE, code, (*message).into()),
            ApiError::Storage(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal.storage", "The service could not save or read its state. Try again.".into()),
            ApiError::BadRequest { code, message } => (StatusCode::BAD_REQUEST, code, message.clone()),
            ApiError::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, "request.too_large", format!("The request body is larger than {} bytes.", crate::BODY_LIMIT_BYTES))
            }
            ApiError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "request.not_json", "Send the body as JSON with the header Content-Type: application/json.".into())
            }
            ApiError::NotFound => (StatusCode::NOT_FOUND, "route.not_found", "There is no such API route.".into()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Invalid(body) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response(),
            ApiError::Conflict(body) => return (StatusCode::CONFLICT, Json(body)).into_response(),
            ApiError::WrongCode(body) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response(),
            ApiError::WrongCodes(body) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response(),
            ApiError::Locked(body) => return (StatusCode::LOCKED, Json(body)).into_response(),
            ApiError::Storage(ref detail) => tracing::error!(%detail, "storage failed"),
            _ => {}
        }
        let retry_after = match self {
            ApiError::TooSoon { retry_after, .. } => Some(retry_after),
            _ => None,
        };
        let (status, code, message) = self.parts();
        let body = ErrorResponse { error: ErrorBody { code: code.into(), message } };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, seconds.max(1).into());
        }
        response
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> ApiError {
        ApiError::Storage(format!("{error:?}"))
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
            JsonRejection::JsonSyntaxError(e) => {
                ApiError::BadRequest { code: "request.malformed_json", message: format!("The body is not valid JSON: {}", e.body_text()) }
            }
            JsonRejection::JsonDataError(e) => invalid_fields(&e.body_text()),
            e if e.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
            e => ApiError::BadRequest { code: "request.unreadable", message: e.body_text() },
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

fn invalid_fields(detail: &str) -> ApiError {
    ApiError::BadRequest { code: "request.invalid_fields", message: format!("The JSON does not fit this route: {detail}") }
}
