//! Per-client-address rate limits on signing in and on one-time codes (tower_governor): past the
//! limit, `429 request.rate_limited` with `Retry-After`. The address is the TCP peer's; a proxy in
//! front would need its own limit.

use crate::ApiError;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use axum::response::IntoResponse;
use governor::middleware::NoOpMiddleware;
use shared::Refusal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

/// The limiter's key: the client's IP address (unspecified when the server was not told it, as
/// in tests that call the router directly).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress;

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        Ok(request.extensions().get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(peer)| peer.ip()))
    }
}

/// A limit of requests a minute from one address, shared by every clone; none for no limit.
#[derive(Clone, Default)]
pub struct RateLimit(Option<Arc<GovernorConfig<ClientAddress, NoOpMiddleware>>>);

impl RateLimit {
    /// `per_minute` requests a minute from one address, all at once at most (0: no limit).
    pub fn per_minute(per_minute: u32) -> RateLimit {
        RateLimit::per_period(per_minute, 60_000)
    }

    /// `per_hour` requests an hour from one address, all at once at most (0: no limit).
    pub fn per_hour(per_hour: u32) -> RateLimit {
        RateLimit::per_period(per_hour, 3_600_000)
    }

    fn per_period(count: u32, period_ms: u64) -> RateLimit {
        let config = GovernorConfigBuilder::default()
            .key_extractor(ClientAddress)
            .period(Duration::from_millis(period_ms / u64::from(count.max(1))))
            .burst_size(count)
            .finish();
        if let (Some(config), Ok(runtime)) = (&config, tokio::runtime::Handle::try_current()) {
            // Forget addresses that have been quiet, so the table cannot grow without bound.
            let limiter = config.limiter().clone();
            runtime.spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    limiter.retain_recent();
                }
            });
        }
        RateLimit(config.map(Arc::new))
    }

    /// The middleware that applies it, if there is a limit.
    pub fn layer(&self) -> Option<GovernorLayer<ClientAddress, NoOpMiddleware, Body>> {
        self.0.clone().map(|config| GovernorLayer::new(config).error_handler(too_many))
    }
}

fn too_many(error: GovernorError) -> Response<Body> {
    let wait = match error {
        GovernorError::TooManyRequests { wait_time, .. } => wait_time.max(1),
        _ => 1,
    };
    ApiError::too_soon(Refusal::RateLimited, i64::try_from(wait).unwrap_or(i64::MAX)).into_response()
}
