//! The API described: `GET /api/openapi.json` (OpenAPI 3.1, generated from the handlers'
//! declarations) and `/api/docs/`, a browsable page (Swagger UI, built into the binary: no CDN).
//! Also the answers many routes share, declared once for the document.

use crate::AppState;
use axum::http::{header, HeaderValue};
use axum::{Extension, Json, Router};
use shared::api::ErrorResponse;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::schema::{AdditionalProperties, Schema};
use utoipa::openapi::{OpenApi as Document, RefOr};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::{Config, SwaggerUi};

pub const DOCUMENT_PATH: &str = "/api/openapi.json";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Profil Zaufany – mock API",
        description = "The mock of the Profil Zaufany (trusted profile) API for designers, testers and the browser tests. \
            Every input is checked with the very rules the browser runs (the `shared` crate); errors carry stable codes \
            and messages in Polish (default) or English (`Accept-Language: en`).\n\n\
            Routes tagged `dev` exist only when the mock runs with `--dev`: they show SMS codes and change the world, \
            so never on a deployment. With `--dev`, any API request may carry `X-Mock-Fault: 503` (a status to answer \
            instead), `latency_ms=800` (a delay first), `latency=lognormal:300:0.6` or `latency=uniform:100:900` (a delay \
            drawn for the request), `dribble_ms=2000` (the body in pieces over 2 s), `reset`, `empty`, `malformed_chunk` or \
            `random_bytes` (the connection broken below HTTP instead of an answer) and `after_handling` (do the work, then \
            lose the answer), e.g. `X-Mock-Fault: 504, latency_ms=800, after_handling`. `GET /api/dev/requests` lists what \
            clients sent, secrets masked.\n\n\
            Signing in sets the cookie `pz_session` (HttpOnly, SameSite=Strict). Every request that changes state must come \
            from the app's own origin when it carries that cookie or an `Origin` header (else `403 request.cross_origin`). \
            Sign-in and code routes answer `429` with `Retry-After` past `--rate-limit` requests a minute from one address.\n\n\
            When more requests are in flight than `--max-in-flight` allows, every API route but `/api/health` and the \
            dev tools answers `503` with `Retry-After` at once.",
        license(name = "EUPL-1.2"),
    ),
    tags(
        (name = "meta", description = "Health and this document"),
        (name = "validation", description = "The input rules, as the browser runs them"),
        (name = "registration", description = "The citizen's registration: account, application, SMS code"),
        (name = "session", description = "Signing in (password, then an SMS code or a push in mObywatel), the session, signing out"),
        (name = "account", description = "The signed-in citizen's profile details and authorisation method"),
        (name = "recovery", description = "A forgotten username or password"),
        (name = "validity", description = "Extending the profile before it expires, and a new profile after (through a provider or the e-ID card)"),
        (name = "dev", description = "Designer's and tester's tools (only with --dev)"),
    )
)]
pub struct ApiDoc;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document))
}

/// The browsable page of the document, at `/api/docs/`.
/// Served with a policy of its own: its files from this origin only, its calls to this API only,
/// never framed (inline styles, which Swagger UI's components set, are the one allowance).
pub fn viewer() -> Router<AppState> {
    let config = Config::from(DOCUMENT_PATH).validator_url("none").try_it_out_enabled(true);
    let policy = HeaderValue::from_static(
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    Router::from(SwaggerUi::new("/api/docs").config(config)).layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, policy))
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    operation_id = "getOpenApiDocument",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this server", content_type = "application/json"), Unavailable)
)]
async fn document(Extension(document): Extension<Arc<Document>>) -> Json<Document> {
    Json((*document).clone())
}

/// Says what the derives cannot: serde's `deny_unknown_fields` on the tagged enums
/// `Confirmation` and `NewProfileRequest` closes each of their variants, but utoipa leaves them open.
pub fn close_tagged_variants(document: &mut Document) {
    let Some(components) = document.components.as_mut() else { return };
    for name in ["Confirmation", "NewProfileRequest", "Latency"] {
        let Some(RefOr::T(Schema::OneOf(one_of))) = components.schemas.get_mut(name) else { continue };
        for variant in &mut one_of.items {
            if let RefOr::T(Schema::Object(object)) = variant {
                object.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(false)));
            }
        }
    }
}

/// The ways any JSON body can be refused, before the route looks at it.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // never built: it describes what `ApiJson` answers, for the document
pub enum BodyRejected {
    /// The body is not JSON (`request.malformed_json`) or not the JSON this route takes (`request.invalid_fields`).
    #[response(status = 400, example = json!({"error": {"code": "request.invalid_fields", "message": "The JSON does not fit this route: unknown field `nick`"}}))]
    Malformed(ErrorResponse),
    /// The body is over 64 KiB (`request.too_large`).
    #[response(status = 413)]
    TooLarge(ErrorResponse),
    /// The body was sent without `Content-Type: application/json` (`request.not_json`).
    #[response(status = 415)]
    NotJson(ErrorResponse),
}

/// What any API route but `/api/health` may answer when the mock is overloaded or told to fail.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // never built: it describes what the overload limit and the faults answer
pub enum Unavailable {
    /// Too many requests in flight (`service.busy`) or an injected fault (`mock.injected_fault`): try again after
    /// `Retry-After` seconds.
    #[response(
        status = 503,
        headers(("Retry-After" = u32, description = "Seconds to wait before trying again")),
        example = json!({"error": {"code": "service.busy", "message": "The service is busy. Try again in 1 s."}})
    )]
    Busy(ErrorResponse),
}

/// What a route for signed-in citizens answers without a session (the `SignedIn` extractor).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // never built: it describes what `SignedIn` refuses, for the document
pub enum NotSignedIn {
    /// Not signed in, or the session has ended (`session.none`).
    #[response(status = 401)]
    NoSession(ErrorResponse),
}

/// What a write answers when a browser sends it from another site (the origin guard).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // never built: it describes what the origin guard refuses, for the document
pub enum CrossSite {
    /// Sent from another site (`request.cross_origin`).
    #[response(status = 403)]
    OtherSite(ErrorResponse),
}

/// What a rate-limited route answers past the limit of its client address.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // never built: it describes what the rate limit answers
pub enum RateLimited {
    /// Too many requests from this address (`request.rate_limited`): wait `Retry-After` seconds.
    #[response(status = 429, headers(("Retry-After" = u32, description = "Seconds to wait")))]
    TooMany(ErrorResponse),
}
