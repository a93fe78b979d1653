//! Injected latency and failures, for designers to see every screen state (`--dev` only): rules
//! per route (from `--faults FILE` or `PUT /api/dev/faults`), and for one request the header
//! `X-Mock-Fault: 503, latency_ms=800`. A fault can come before the request is handled (nothing
//! happens) or after it (`after_handling`: it happened, but its answer is lost). Latency is fixed
//! (`latency_ms`) or drawn afresh for every request from a distribution (`latency`: lognormal or
//! uniform), and an answer's body can dribble in chunks over `dribble_ms` (a slow network). A
//! failing request can also lose its connection below HTTP (`connection`: reset, empty,
//! malformed_chunk, random_bytes), which `connection.rs` carries out.

use crate::connection::{ConnectionFault, Sabotage};
use crate::error::refusal_response;
use crate::{ApiError, AppState};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use shared::Refusal;
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
    /// A wait drawn afresh for every request, added to `latency_ms`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "some_latency")]
    #[schema(nullable = false)]
    pub latency: Option<Latency>,
    /// Sends the answer's body in chunks spread over this many milliseconds (0 to 60 000; 0: at once).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 60_000)]
    pub dribble_ms: u64,
    /// A failing request loses its connection this way instead of getting `status` (before or
    /// after handling, as `after_handling` says).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "some_connection")]
    #[schema(nullable = false)]
    pub connection: Option<ConnectionFault>,
}

/// A connection fault when the field is there (`null` is refused, as the document has it).
fn some_connection<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<ConnectionFault>, D::Error> {
    ConnectionFault::deserialize(deserializer).map(Some)
}

/// A wait drawn from a distribution, as a real network's is: most requests quick, a few slow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "distribution", rename_all = "snake_case", deny_unknown_fields)]
#[schema(example = json!({"distribution": "lognormal", "median_ms": 300, "sigma": 0.6}))]
pub enum Latency {
    /// Lognormal: half the requests wait less than `median_ms` (0 to 60 000), `sigma` (0 to 3)
    /// spreads the slow tail (0.5: one in six waits over 1.6 times the median).
    Lognormal {
        #[schema(minimum = 0, maximum = 60_000)]
        median_ms: u64,
        #[schema(minimum = 0, maximum = 3)]
        sigma: f64,
    },
    /// Uniform: every wait from `min_ms` to `max_ms` (0 to 60 000) as likely (bounds given the
    /// other way round are taken as meant).
    Uniform {
        #[schema(minimum = 0, maximum = 60_000)]
        min_ms: u64,
        #[schema(minimum = 0, maximum = 60_000)]
        max_ms: u64,
    },
}

impl Latency {
    fn check(&self) -> Result<(), String> {
        match *self {
            Latency::Lognormal { median_ms, sigma } if median_ms <= MAX_LATENCY_MS && (0.0..=3.0).contains(&sigma) => Ok(()),
            Latency::Lognormal { .. } => Err(format!("a lognormal latency takes median_ms 0 to {MAX_LATENCY_MS} and sigma 0 to 3")),
            Latency::Uniform { min_ms, max_ms } if min_ms.max(max_ms) <= MAX_LATENCY_MS => Ok(()),
            Latency::Uniform { .. } => Err(format!("a uniform latency takes min_ms and max_ms 0 to {MAX_LATENCY_MS}")),
        }
    }

    /// One wait, in milliseconds, at most a minute.
    pub fn sample(&self) -> u64 {
        let wait = match *self {
            Latency::Lognormal { median_ms, sigma } => {
                // Box–Muller: a standard normal from two uniforms in (0, 1].
                let (u1, u2) = (1.0 - rand::random::<f64>(), rand::random::<f64>());
                let normal = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
                (median_ms as f64 * (sigma * normal).exp()).round() as u64
            }
            Latency::Uniform { min_ms, max_ms } => rand::random_range(min_ms.min(max_ms)..=max_ms.max(min_ms)),
        };
        wait.min(MAX_LATENCY_MS)
    }

    /// Reads `lognormal:300:0.6` or `uniform:100:900`, as the header writes it.
    fn parse(text: &str) -> Result<Latency, String> {
        let parts: Vec<&str> = text.split(':').map(str::trim).collect();
        let number = |s: &str| s.parse::<u64>().map_err(|_| format!("{s:?} is not a whole number of milliseconds"));
        let latency = match parts[..] {
            ["lognormal", median, sigma] => {
                Latency::Lognormal { median_ms: number(median)?, sigma: sigma.parse().map_err(|_| format!("{sigma:?} is not a number"))? }
            }
            ["uniform", min, max] => Latency::Uniform { min_ms: number(min)?, max_ms: number(max)? },
            _ => return Err("latency must be lognormal:<median_ms>:<sigma> or uniform:<min_ms>:<max_ms>".into()),
        };
        latency.check()?;
        Ok(latency)
    }
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

/// A latency when the field is there (`null` is refused, as the document has it).
fn some_latency<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Latency>, D::Error> {
    Latency::deserialize(deserializer).map(Some)
}

fn default_status() -> u16 {
    503
}

impl FaultRule {
    /// Checks the rule against the routes there are (`"METHOD /path"`).
    pub fn check(&self, routes: &[String]) -> Result<(), ApiError> {
        let invalid = |refusal, detail: String| Err(ApiError::detailed(refusal, detail));
        if self.route != EVERY_ROUTE && !routes.contains(&self.route) {
            return invalid(Refusal::FaultUnknownRoute, format!("{:?}. Use \"*\" or one of: {}", self.route, routes.join(", ")));
        }
        if self.latency_ms > MAX_LATENCY_MS {
            return invalid(Refusal::FaultLatencyOutOfRange, format!("latency_ms must be 0 to {MAX_LATENCY_MS}"));
        }
        if !(0.0..=1.0).contains(&self.error_rate) {
            return invalid(Refusal::FaultErrorRateOutOfRange, String::new());
        }
        if !(400..=599).contains(&self.status) {
            return invalid(Refusal::FaultStatusOutOfRange, String::new());
        }
        if let Some(Err(problem)) = self.latency.as_ref().map(Latency::check) {
            return invalid(Refusal::FaultLatencyOutOfRange, problem);
        }
        if self.dribble_ms > MAX_LATENCY_MS {
            return invalid(Refusal::FaultLatencyOutOfRange, format!("dribble_ms must be 0 to {MAX_LATENCY_MS}"));
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

/// What to do to one request: wait, then fail with a status (before or after handling it) or go
/// on; then send the body at once or over `dribble_ms`.
#[derive(Debug, Default, PartialEq)]
struct Plan {
    latency_ms: u64,
    latency: Option<Latency>,
    status: Option<u16>,
    connection: Option<ConnectionFault>,
    after_handling: bool,
    dribble_ms: u64,
}

/// Reads `X-Mock-Fault`: comma-separated, a status (`503`), `latency_ms=800`,
/// `latency=lognormal:300:0.6` or `latency=uniform:100:900`, `dribble_ms=2000`, `after_handling`,
/// and a connection fault: `reset`, `empty`, `malformed_chunk` or `random_bytes`.
fn parse_header(value: &str) -> Result<Plan, String> {
    let mut plan = Plan::default();
    let milliseconds = |name: &str, ms: &str| ms.trim().parse().ok().filter(|ms| *ms <= MAX_LATENCY_MS).ok_or(format!("{name} must be 0 to {MAX_LATENCY_MS}"));
    for item in value.split(',').map(str::trim).filter(|item| !item.is_empty()) {
        match item.split_once('=').map(|(key, value)| (key.trim(), value)) {
            Some(("latency_ms", ms)) => plan.latency_ms = milliseconds("latency_ms", ms)?,
            Some(("dribble_ms", ms)) => plan.dribble_ms = milliseconds("dribble_ms", ms)?,
            Some(("latency", latency)) => plan.latency = Some(Latency::parse(latency.trim())?),
            None if item == "after_handling" => plan.after_handling = true,
            None if ConnectionFault::from_name(item).is_some() => plan.connection = ConnectionFault::from_name(item),
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
            Err(problem) => return ApiError::detailed(Refusal::InvalidFaultHeader, problem).into_response(),
        },
        None => {
            let route = format!("{} {}", request.method(), request.extensions().get::<MatchedPath>().map_or("", MatchedPath::as_str));
            state.faults.rule_for(&route).map_or_else(Plan::default, |rule| {
                let fails = rule.error_rate > 0.0 && rand::random::<f64>() < rule.error_rate;
                Plan {
                    latency_ms: rule.latency_ms,
                    latency: rule.latency,
                    status: fails.then_some(rule.status),
                    connection: rule.connection.filter(|_| fails),
                    after_handling: rule.after_handling,
                    dribble_ms: rule.dribble_ms,
                }
            })
        }
    };
    let wait = (plan.latency_ms + plan.latency.as_ref().map_or(0, Latency::sample)).min(MAX_LATENCY_MS);
    if wait > 0 {
        tokio::time::sleep(Duration::from_millis(wait)).await;
    }
    let failure = match plan.connection {
        Some(kind) => Some(broken(kind)),
        None => plan.status.and_then(|s| StatusCode::from_u16(s).ok()).map(injected),
    };
    let response = match failure {
        Some(failure) if plan.after_handling => {
            let lost = next.run(request).await;
            tracing::info!(status = lost.status().as_u16(), "answer lost by an injected fault");
            failure
        }
        Some(failure) => failure,
        None => next.run(request).await,
    };
    if plan.dribble_ms > 0 {
        dribble(response, Duration::from_millis(plan.dribble_ms)).await
    } else {
        response
    }
}

/// The answer a connection fault stands in for: the server (`connection::serve`) breaks the
/// connection instead of sending it; a client without a network (a test's `oneshot`) gets this 502.
fn broken(kind: ConnectionFault) -> Response {
    let mut response = injected(StatusCode::BAD_GATEWAY);
    response.extensions_mut().insert(Sabotage(kind));
    response
}

/// How many pieces a dribbled body comes in (fewer when it is shorter).
const DRIBBLE_CHUNKS: usize = 10;

/// `response` with its body sent in pieces, the first at once and the last after `over`; not
/// compressed (a compressor would gather the pieces back into one).
async fn dribble(response: Response, over: Duration) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let size = bytes.len().div_ceil(DRIBBLE_CHUNKS).max(1);
    let pieces: Vec<axum::body::Bytes> = (0..bytes.len()).step_by(size).map(|at| bytes.slice(at..(at + size).min(bytes.len()))).collect();
    let pause = over / u32::try_from(pieces.len().saturating_sub(1).max(1)).unwrap_or(1);
    let stream = futures_util::stream::unfold((pieces.into_iter(), true), move |(mut rest, first)| async move {
        let piece = rest.next()?;
        if !first {
            tokio::time::sleep(pause).await;
        }
        Some((Ok::<_, std::convert::Infallible>(piece), (rest, false)))
    });
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    parts.headers.insert(axum::http::header::CONTENT_ENCODING, HeaderValue::from_static("identity"));
    Response::from_parts(parts, axum::body::Body::from_stream(stream))
}

fn injected(status: StatusCode) -> Response {
    let mut response = refusal_response(status, Refusal::InjectedFault, &[("{status}", status.as_str())]);
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
        assert_eq!(parse_header("503"), Ok(Plan { status: Some(503), ..Plan::default() }));
        assert_eq!(parse_header("latency_ms=800"), Ok(Plan { latency_ms: 800, ..Plan::default() }));
        assert_eq!(
            parse_header(" 504 , latency_ms = 20, after_handling "),
            Ok(Plan { latency_ms: 20, status: Some(504), after_handling: true, ..Plan::default() })
        );
        assert_eq!(
            parse_header("latency=lognormal:300:0.6, dribble_ms=2000"),
            Ok(Plan { latency: Some(Latency::Lognormal { median_ms: 300, sigma: 0.6 }), dribble_ms: 2000, ..Plan::default() })
        );
        assert_eq!(parse_header("latency=uniform:100:900"), Ok(Plan { latency: Some(Latency::Uniform { min_ms: 100, max_ms: 900 }), ..Plan::default() }));
        for kind in ConnectionFault::ALL {
            assert_eq!(parse_header(&format!("{}, after_handling", kind.name())), Ok(Plan { connection: Some(kind), after_handling: true, ..Plan::default() }));
        }
        for wrong in [
            "200",
            "abc",
            "latency_ms=-1",
            "latency_ms=60001",
            "delay=5",
            "latency=uniform:900:60001",
            "latency=lognormal:300:4",
            "latency=normal:1:2",
            "dribble_ms=x",
        ] {
            assert!(parse_header(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_rule_must_name_a_route_there_is_and_stay_in_range() {
        let routes = vec!["POST /api/v1/registrations".to_owned()];
        let rule = |route: &str, latency_ms, error_rate, status| FaultRule {
            route: route.into(),
            latency_ms,
            error_rate,
            status,
            after_handling: false,
            latency: None,
            dribble_ms: 0,
            connection: None,
        };
        assert!(rule("POST /api/v1/registrations", 800, 0.2, 503).check(&routes).is_ok());
        assert!(rule("*", 0, 1.0, 500).check(&routes).is_ok());
        for wrong in
            [rule("GET /nothing", 0, 0.0, 503), rule("*", 60_001, 0.0, 503), rule("*", 0, 1.5, 503), rule("*", 0, f64::NAN, 503), rule("*", 0, 1.0, 200)]
        {
            assert!(wrong.check(&routes).is_err(), "{wrong:?}");
        }
        let uniform = FaultRule { latency: Some(Latency::Uniform { min_ms: 5, max_ms: 60_001 }), ..rule("*", 0, 0.0, 503) };
        assert!(uniform.check(&routes).is_err());
        assert!(FaultRule { dribble_ms: 60_001, ..rule("*", 0, 0.0, 503) }.check(&routes).is_err());
    }

    #[test]
    fn drawn_waits_follow_their_distribution() {
        let mut waits: Vec<u64> = (0..4001).map(|_| Latency::Lognormal { median_ms: 300, sigma: 0.5 }.sample()).collect();
        waits.sort_unstable();
        assert!((270..=330).contains(&waits[2000]), "the median is about 300: {}", waits[2000]);
        assert!(waits[3800] > 500, "a slow tail: the 95th percentile is about 680: {}", waits[3800]);
        let uniform: Vec<u64> = (0..1000).map(|_| Latency::Uniform { min_ms: 100, max_ms: 200 }.sample()).collect();
        assert!(uniform.iter().all(|w| (100..=200).contains(w)));
        assert!(uniform.iter().any(|w| *w < 120) && uniform.iter().any(|w| *w > 180));
        assert_eq!(Latency::Lognormal { median_ms: 60_000, sigma: 3.0 }.sample().max(60_000), 60_000, "never over a minute");
    }
}
