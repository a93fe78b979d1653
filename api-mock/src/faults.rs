//! Injected latency and failures, for designers to see every screen state (`--dev` only): rules
//! per route (from `--faults FILE` or `PUT /api/dev/faults`), and for one request the header
//! `X-Mock-Fault: 503, latency_ms=800`. A fault can come before the request is handled (nothing
//! happens) or after it (`after_handling`: it happened, but its answer is lost).

use crate::{ApiError, AppState};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use shared::api::{ErrorBody, ErrorResponse};
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::ToSchema;

/// The header that injects a fault into one request.
pub const FAULT_HEADER: &str = "x-mock-fault";
/// The route of a rule that applies to every API route.
pub const EVERY_ROUTE: &str = "*";
const MAX_LATENCY_MS: u64 = 60_000;
/// What an injected 503 or 429 asks the client to wait.
const RETRY_AFTER_SECONDS: u32 = 1;

/// Latency and failures for one route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"route": "POST /api/v1/registrations", "latency_ms": 800, "error_rate": 0.2, "status": 503, "after_handling": false}))]
pub struct FaultRule {
    /// The route the rule is for (see `route_schema`).
    #[schema(schema_with = route_schema)]
    pub route: String,
    /// Waits this long before answering (0 to 60 000).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 60_000)]
    pub latency_ms: u64,
    /// The share of requests that fail (0 to 1).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1)]
    pub error_rate: f64,
    /// The status a failing request gets (400 to 599).
    #[serde(default = "default_status")]
    #[schema(minimum = 400, maximum = 599, default = 503)]
    pub status: u16,
    /// Whether a failing request is handled first, its real answer replaced by the failure (the
    /// change is made, the answer lost), rather than refused before anything happens.
    #[serde(default)]
    pub after_handling: bool,
}

/// The routes a rule may name, for the document: `*` and every operation of the API.
fn route_schema() -> Object {
    let routes = std::iter::once(EVERY_ROUTE.to_owned()).chain(crate::faultable_operations());
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(routes))
        .description(Some("`METHOD /path` as in this document (e.g. `POST /api/v1/registrations/{id}/sms-code`), or `*` for every route."))
        .build()
}

fn default_status() -> u16 {
    503
}

impl FaultRule {
    /// Checks the rule against the routes there are (`"METHOD /path"`).
    pub fn check(&self, routes: &[String]) -> Result<(), ApiError> {
        let invalid = |code, message: String| Err(ApiError::BadRequest { code, message });
        if self.route != EVERY_ROUTE && !routes.contains(&self.route) {
            return invalid("fault.unknown_route", format!("No route {:?}. Use \"*\" or one of: {}.", self.route, routes.join(", ")));
        }
        if self.latency_ms > MAX_LATENCY_MS {
            return invalid("fault.latency_out_of_range", format!("latency_ms must be 0 to {MAX_LATENCY_MS}."));
        }
        if !(0.0..=1.0).contains(&self.error_rate) {
            return invalid("fault.error_rate_out_of_range", "error_rate must be 0 to 1.".into());
        }
        if !(400..=599).contains(&self.status) {
            return invalid("fault.status_out_of_range", "status must be 400 to 599.".into());
        }
        Ok(())
    }
}

/// The rules in force, one per route, shared by every clone.
#[derive(Clone, Debug, Default)]
pub struct Faults(Arc<RwLock<BTreeMap<String, FaultRule>>>);

impl Faults {
    /// Puts `rule` in force, replacing the route's rule if it had one.
    pub fn set(&self, rule: FaultRule) {
        self.write().insert(rule.route.clone(), rule);
    }

    pub fn clear(&self) {
        self.write().clear();
    }

    pub fn list(&self) -> Vec<FaultRule> {
        self.0.read().unwrap_or_else(std::sync::PoisonError::into_inner).values().cloned().collect()
    }

    /// The rule for `route`, else the rule for every route.
    fn rule_for(&self, route: &str) -> Option<FaultRule> {
        let rules = self.0.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        rules.get(route).or_else(|| rules.get(EVERY_ROUTE)).cloned()
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, BTreeMap<String, FaultRule>> {
        self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What to do to one request: wait, then fail with a status (before or after handling it) or go on.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    latency_ms: u64,
    status: Option<u16>,
    after_handling: bool,
}

/// Reads `X-Mock-Fault`: comma-separated, a status (`503`), `latency_ms=800`, `after_handling`.
fn parse_header(value: &str) -> Result<Plan, String> {
    let mut plan = Plan::default();
    for item in value.split(',').map(str::trim).filter(|item| !item.is_empty()) {
        match item.split_once('=').map(|(key, value)| (key.trim(), value)) {
            Some(("latency_ms", ms)) => {
                plan.latency_ms = ms.trim().parse().ok().filter(|ms| *ms <= MAX_LATENCY_MS).ok_or(format!("latency_ms must be 0 to {MAX_LATENCY_MS}"))?
            }
            None if item == "after_handling" => plan.after_handling = true,
            None => plan.status = Some(item.parse().ok().filter(|s| (400..=599).contains(s)).ok_or("the status must be 400 to 599")?),
            Some(_) => return Err(format!("unknown item {item:?}")),
        }
    }
    Ok(plan)
}

/// The middleware: applies the header's fault, else the route's rule, else lets the request through.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let plan = match request.headers().get(FAULT_HEADER) {
        Some(value) => match value.to_str().map_err(|_| "not ASCII".to_owned()).and_then(parse_header) {
            Ok(plan) => plan,
            Err(problem) => {
                return ApiError::BadRequest {
                    code: "request.invalid_fault_header",
                    message: format!("X-Mock-Fault: {problem}. Example: \"503, latency_ms=800\" or \"504, after_handling\"."),
                }
                .into_response()
            }
        },
        None => {
            let route = format!("{} {}", request.method(), request.extensions().get::<MatchedPath>().map_or("", MatchedPath::as_str));
            state.faults.rule_for(&route).map_or_else(Plan::default, |rule| Plan {
                latency_ms: rule.latency_ms,
                status: (rule.error_rate > 0.0 && rand::random::<f64>() < rule.error_rate).then_some(rule.status),
                after_handling: rule.after_handling,
            })
        }
    };
    if plan.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.latency_ms)).await;
    }
    match plan.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        Some(status) if plan.after_handling => {
            let lost = next.run(request).await;
            tracing::info!(status = lost.status().as_u16(), "answer lost by an injected fault");
            injected(status)
        }
        Some(status) => injected(status),
        None => next.run(request).await,
    }
}

fn injected(status: StatusCode) -> Response {
    let body =
        ErrorResponse { error: ErrorBody { code: "mock.injected_fault".into(), message: format!("An injected fault: the mock answers {status} on purpose.") } };
    let mut response = (status, Json(body)).into_response();
    if matches!(status, StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS) {
        response.headers_mut().insert(axum::http::header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_takes_a_status_a_latency_or_both() {
        assert_eq!(parse_header("503"), Ok(Plan { latency_ms: 0, status: Some(503), after_handling: false }));
        assert_eq!(parse_header("latency_ms=800"), Ok(Plan { latency_ms: 800, status: None, after_handling: false }));
        assert_eq!(parse_header(" 504 , latency_ms = 20, after_handling "), Ok(Plan { latency_ms: 20, status: Some(504), after_handling: true }));
        for wrong in ["200", "abc", "latency_ms=-1", "latency_ms=60001", "delay=5"] {
            assert!(parse_header(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_rule_must_name_a_route_there_is_and_stay_in_range() {
        let routes = vec!["POST /api/v1/registrations".to_owned()];
        let rule = |route: &str, latency_ms, error_rate, status| FaultRule { route: route.into(), latency_ms, error_rate, status, after_handling: false };
        assert!(rule("POST /api/v1/registrations", 800, 0.2, 503).check(&routes).is_ok());
        assert!(rule("*", 0, 1.0, 500).check(&routes).is_ok());
        for wrong in
            [rule("GET /nothing", 0, 0.0, 503), rule("*", 60_001, 0.0, 503), rule("*", 0, 1.5, 503), rule("*", 0, f64::NAN, 503), rule("*", 0, 1.0, 200)]
        {
            assert!(wrong.check(&routes).is_err(), "{wrong:?}");
        }
    }
}
