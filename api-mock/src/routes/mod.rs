//! The router: one function a route group, put together here. Each route is declared once with
//! `utoipa_axum::routes!`, which mounts it and puts it in the OpenAPI document, so no route can be
//! served undocumented. Paths are written whole (`/api/v1/...`), so the route a request matched
//! is the same string in the document, the fault rules and the logs. Injected faults and the
//! in-flight limit hit the public API, never the dev tools.

mod account;
mod dev;
mod docs;
mod factor;
mod faults;
mod health;
mod journal;
mod login;
mod mobywatel;
mod outbox_page;
mod provider;
mod recovery;
mod registrations;
mod scenarios;
mod security;
mod session;
mod spa;
mod usernames;
mod validation;
mod validity;

use crate::limits::RateLimit;
use crate::{ApiError, AppState, BODY_LIMIT_BYTES};
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::{header, header::ACCEPT_LANGUAGE, request::Parts, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::any;
use axum::{Extension, Router};
use shared::Lang;
use shared::Refusal;
use std::convert::Infallible;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::{ObjectBuilder, Required, Type};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use docs::ApiDoc;

pub fn router(state: AppState) -> Router {
    let (mut api, mut openapi) = public_limited(&state.rate_limit, &state.registration_limit).split_for_parts();
    api = api.route("/api/{*rest}", any(|| async { ApiError::from(Refusal::RouteNotFound) }));
    if state.dev {
        api = api.layer(from_fn_with_state(state.clone(), crate::faults::inject));
    }
    api = api.layer(from_fn_with_state(state.clone(), crate::overload::limit));
    if state.dev {
        // Outside the faults and the limit: the journal holds the status the client got.
        api = api.layer(from_fn_with_state(state.clone(), crate::journal::record));
    }
    // Faults and the in-flight limit hit the public API only: a designer can always lift them.
    if state.dev {
        let (tools, tools_openapi) = dev_tools().split_for_parts();
        openapi.merge(tools_openapi);
        api = api.merge(tools);
    }
    docs::close_tagged_variants(&mut openapi);
    let api = api.layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    Router::new()
        .merge(api)
        .merge(docs::viewer())
        .merge(spa::routes(state.static_dir.as_deref()))
        .layer(Extension(Arc::new(openapi)))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(from_fn_with_state(state.clone(), crate::guard::check))
        .layer(from_fn(crate::request_log::observe))
        .layer(from_fn(crate::error::in_request_language))
        .with_state(state)
}

/// The API a deployment serves.
fn public() -> OpenApiRouter<AppState> {
    public_limited(&RateLimit::default(), &RateLimit::default())
}

/// `routes` under `limit`, if there is one.
fn limited(routes: OpenApiRouter<AppState>, limit: &RateLimit) -> OpenApiRouter<AppState> {
    match limit.layer() {
        Some(limit) => routes.layer(limit),
        None => routes,
    }
}

/// The API with its sign-in and code routes under `rate_limit` and the start of a registration
/// (which sends an SMS) under `registration_limit`.
fn public_limited(rate_limit: &RateLimit, registration_limit: &RateLimit) -> OpenApiRouter<AppState> {
    let limited_routes = login::limited_routes()
        .merge(account::limited_routes())
        .merge(recovery::limited_routes())
        .merge(validity::limited_routes())
        .merge(security::limited_routes());
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(docs::routes())
        .merge(health::routes())
        .merge(validation::routes())
        .merge(usernames::routes())
        .merge(limited(registrations::start_routes(), registration_limit))
        .merge(registrations::routes())
        .merge(limited(limited_routes, rate_limit))
        .merge(login::routes())
        .merge(session::routes())
        .merge(account::routes())
        .merge(security::routes())
        .merge(validity::routes())
}

/// The designer's and tester's tools, with `--dev` only.
fn dev_tools() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(dev::routes())
        .merge(scenarios::routes())
        .merge(faults::routes())
        .merge(journal::routes())
        .merge(outbox_page::routes())
        .merge(mobywatel::routes())
        .merge(provider::routes())
}

/// The OpenAPI document of the server as `dev` mounts it.
pub fn openapi(dev: bool) -> utoipa::openapi::OpenApi {
    let mut document = public().into_openapi();
    if dev {
        document.merge(dev_tools().into_openapi());
    }
    docs::close_tagged_variants(&mut document);
    document
}

/// The operations a fault rule may name: the API's, not the dev tools'.
pub fn faultable_operations() -> Vec<String> {
    operations(&public().into_openapi())
}

/// Every operation of the document, as `"METHOD /path"` (e.g. `"POST /api/v1/registrations"`).
pub fn operations(openapi: &utoipa::openapi::OpenApi) -> Vec<String> {
    const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let document = serde_json::to_value(openapi).unwrap_or_default();
    let Some(paths) = document["paths"].as_object() else { return Vec::new() };
    paths.iter().flat_map(|(path, item)| METHODS.iter().filter(|m| item.get(**m).is_some()).map(move |m| format!("{} {path}", m.to_uppercase()))).collect()
}

/// The language of the answer, from `Accept-Language`; Polish by default.
pub struct RequestLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let header = parts.headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        Ok(RequestLang(Lang::from_accept_language(header)))
    }
}

impl utoipa::IntoParams for RequestLang {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![optional_header("Accept-Language", "The language of the messages: `pl` (the default) or `en`.", ObjectBuilder::new().examples(["en"]))]
    }
}

/// An optional request header of type string, for the document.
pub(super) fn optional_header(name: &str, description: &str, schema: ObjectBuilder) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema.schema_type(Type::String)))
        .build()
}
