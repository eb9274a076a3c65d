//! The HTTP server: accepts connections (plain or TLS), serves HTTP/1.1 and HTTP/2 on each
//! with hyper-util's auto builder (h2c by prior knowledge on plain sockets, ALPN with TLS),
//! and stops when told to or when every handle is gone.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

use crate::gateway::pipeline::{self, Outcome, Served};
use crate::gateway::responses::Reply;

/// How long a TLS handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long open connections get to finish when the server stops.
const SHUTDOWN_GRACE: Duration = Duration::from_millis(250);

/// Returned from the service to make hyper close the connection without an answer.
#[derive(Debug, thiserror::Error)]
#[error("the connection is dropped on purpose")]
struct DropConnection;

/// Serves `listener` until `stop` changes or its sender is dropped.
pub(crate) async fn serve(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    served: Arc<Served>,
    mut stop: watch::Receiver<bool>,
) {
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    let task = connection(stream, peer, tls.clone(), served.clone(), graceful.watcher());
                    connections.spawn(task);
                }
                // E.g. too many open files: wait a little instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    break;
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
    connections.shutdown().await;
}

/// Serves one connection.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    tls: Option<TlsAcceptor>,
    served: Arc<Served>,
    watcher: Watcher,
) {
    let service =
        service_fn(move |request: Request<Incoming>| respond(served.clone(), peer, request));
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).keep_alive(true);
    builder.http2().timer(TokioTimer::new());
    match tls {
        None => {
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let _ = watcher.watch(connection.into_owned()).await;
        }
        Some(acceptor) => {
            let Ok(Ok(stream)) =
                tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await
            else {
                return;
            };
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let _ = watcher.watch(connection.into_owned()).await;
        }
    }
}

/// Runs the pipeline in a task of its own, so that a request the client gave up on (a
/// timeout, a closed connection) is still carried out to the end, as on the real service.
async fn respond(
    served: Arc<Served>,
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Result<Reply, DropConnection> {
    let task = tokio::spawn(async move { pipeline::handle(&served, peer, request).await });
    match task.await {
        Ok(Outcome::Respond(reply)) => Ok(reply),
        Ok(Outcome::Drop) | Err(_) => Err(DropConnection),
    }
}
