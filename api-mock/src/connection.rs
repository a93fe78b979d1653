//! Serving connections, with faults below HTTP (`--dev` only): what a flaky mobile network does to
//! an answer. The fault middleware marks a response with a `Sabotage`; the connection that was to
//! carry it then misbehaves instead of answering:
//! - `reset`: the connection is reset by the peer (a TCP RST, nothing written);
//! - `empty`: the connection is closed with nothing written (an empty reply);
//! - `malformed_chunk`: a `200` head with a chunked body whose chunk size is no number, then close;
//! - `random_bytes`: bytes that are not HTTP, then close.
//!
//! hyper serves each connection over a duplicate of its socket's descriptor, so that once hyper's
//! side is dropped the spare one can still write the bytes and choose how the socket closes.

use crate::{app, AppState};
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;
use utoipa::ToSchema;

/// A way for a connection to fail below HTTP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionFault {
    /// Reset by the peer: a TCP RST, no answer.
    Reset,
    /// Closed with no answer at all.
    Empty,
    /// A `200` head, then a chunk whose size is not a number, then closed.
    MalformedChunk,
    /// Random bytes that are not HTTP, then closed.
    RandomBytes,
}

impl ConnectionFault {
    pub const ALL: [ConnectionFault; 4] = [ConnectionFault::Reset, ConnectionFault::Empty, ConnectionFault::MalformedChunk, ConnectionFault::RandomBytes];

    pub fn name(self) -> &'static str {
        match self {
            ConnectionFault::Reset => "reset",
            ConnectionFault::Empty => "empty",
            ConnectionFault::MalformedChunk => "malformed_chunk",
            ConnectionFault::RandomBytes => "random_bytes",
        }
    }

    pub fn from_name(name: &str) -> Option<ConnectionFault> {
        ConnectionFault::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The mark on a response whose connection is to fail instead of carrying it.
#[derive(Clone, Copy, Debug)]
pub struct Sabotage(pub ConnectionFault);

/// Serves `app(state)` on `listener` until `shutdown` completes, then lets the open connections
/// finish; each request knows its client's address (for the rate limits).
pub async fn serve(listener: TcpListener, state: AppState, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
    let router = app(state);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of descriptors or a connection gone before it was taken: go on.
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            if let Err(error) = serve_connection(stream, peer, router, watcher).await {
                tracing::debug!(%error, "connection ended");
            }
        });
    }
    graceful.shutdown().await;
    Ok(())
}

async fn serve_connection(stream: TcpStream, peer: SocketAddr, router: Router, watcher: hyper_util::server::graceful::Watcher) -> std::io::Result<()> {
    let _ = stream.set_nodelay(true);
    // A second descriptor of the same socket: the socket lives on after hyper drops its own.
    let own = stream.into_std()?;
    let spare = TcpStream::from_std(own.try_clone()?)?;
    let stream = TcpStream::from_std(own)?;
    let fault: Arc<Mutex<Option<ConnectionFault>>> = Arc::default();
    let struck = Arc::new(Notify::new());
    let service = {
        let (fault, struck) = (fault.clone(), struck.clone());
        hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
            let (router, fault, struck) = (router.clone(), fault.clone(), struck.clone());
            request.extensions_mut().insert(ConnectInfo(peer));
            async move {
                let response: Response<axum::body::Body> = router.oneshot(request.map(axum::body::Body::new)).await.unwrap_or_else(|never| match never {});
                if let Some(Sabotage(kind)) = response.extensions().get::<Sabotage>() {
                    *fault.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(*kind);
                    struck.notify_one();
                    // Never answered: the connection is dropped under it.
                    std::future::pending::<()>().await;
                }
                Ok::<_, std::convert::Infallible>(response)
            }
        })
    };
    let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
    let connection = watcher.watch(connection.into_owned());
    tokio::select! {
        served = connection => return served.map_err(std::io::Error::other),
        () = struck.notified() => {}
    }
    // hyper's side is dropped (its descriptor closed, nothing written); the spare one misbehaves.
    let kind = fault.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    misbehave(spare, kind.unwrap_or(ConnectionFault::Empty)).await
}

async fn misbehave(mut socket: TcpStream, kind: ConnectionFault) -> std::io::Result<()> {
    tracing::info!(fault = kind.name(), "connection broken by an injected fault");
    match kind {
        ConnectionFault::Reset => {
            // SO_LINGER with a zero timeout: closing sends a RST instead of a FIN.
            socket.set_zero_linger()?;
            drop(socket);
            return Ok(());
        }
        ConnectionFault::Empty => {}
        ConnectionFault::MalformedChunk => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\ncache-control: no-store\r\n\r\n";
            socket.write_all(format!("{head}6\r\n{{\"id\":\r\nzz-not-a-size\r\n\r\n").as_bytes()).await?;
        }
        ConnectionFault::RandomBytes => {
            // Never "HTTP/": the first byte is not a letter.
            let bytes: Vec<u8> = std::iter::once(0x00).chain((0..255).map(|_| rand::random::<u8>())).collect();
            socket.write_all(&bytes).await?;
        }
    }
    socket.shutdown().await?;
    Ok(())
}
