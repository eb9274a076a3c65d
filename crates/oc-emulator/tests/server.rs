//! The server: HTTPS with the generated certificate, HTTP/2, unknown paths, shutdown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use common::*;
use http::{Method, Request, Version};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use oc_emulator::{Emulator, EmulatorHandle};
use rustls::pki_types::CertificateDer;

fn tls_client(
    emulator: &EmulatorHandle,
    http2: bool,
) -> Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    Full<Bytes>,
> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(
            emulator.tls_certificate_der().unwrap(),
        ))
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let builder = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_only()
        .enable_http1();
    let connector = if http2 {
        builder.enable_http2().build()
    } else {
        builder.build()
    };
    Client::builder(TokioExecutor::new()).build(connector)
}

fn publish_request(emulator: &EmulatorHandle, base: &str, message: &str) -> Request<Full<Bytes>> {
    Request::builder()
        .method(Method::POST)
        .uri(format!(
            "{base}{}",
            publish_path(emulator.universe_id(), "tls")
        ))
        .header("x-api-key", emulator.api_key())
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(format!(
            r#"{{"message":"{message}"}}"#
        ))))
        .unwrap()
}

#[tokio::test]
async fn https_with_the_generated_certificate_over_both_versions() {
    let emulator = Emulator::builder()
        .tls(true)
        .rate_limits(false)
        .start()
        .await
        .unwrap();
    assert_eq!(
        emulator.base_url(),
        format!("https://localhost:{}", emulator.addr().port())
    );
    let pem = emulator.tls_certificate_pem().unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");

    let h2 = tls_client(&emulator, true)
        .request(publish_request(&emulator, &emulator.base_url(), "h2"))
        .await
        .unwrap();
    assert_eq!(h2.status(), 200);
    assert_eq!(h2.version(), Version::HTTP_2);

    let by_ip = format!("https://127.0.0.1:{}", emulator.addr().port());
    let h1 = tls_client(&emulator, false)
        .request(publish_request(&emulator, &by_ip, "h1"))
        .await
        .unwrap();
    assert_eq!(h1.status(), 200);
    assert_eq!(h1.version(), Version::HTTP_11);

    let messages: Vec<_> = emulator
        .published_messages()
        .into_iter()
        .map(|m| m.message)
        .collect();
    assert_eq!(messages, ["h2", "h1"]);
}

#[tokio::test]
async fn a_plain_emulator_has_no_certificate() {
    let emulator = emulator().await;
    assert!(emulator.base_url().starts_with("http://127.0.0.1:"));
    assert_eq!(emulator.tls_certificate_der(), None);
    assert_eq!(emulator.tls_certificate_pem(), None);
}

#[tokio::test]
async fn http2_by_prior_knowledge_on_plain_sockets() {
    let emulator = emulator().await;
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .http2_only(true)
        .build_http();
    let response = client
        .request(publish_request(&emulator, &emulator.base_url(), "h2c"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.version(), Version::HTTP_2);
    assert_eq!(emulator.published_messages().len(), 1);
}

#[tokio::test]
async fn keep_alive_serves_several_requests_on_one_connection() {
    let emulator = emulator().await;
    let stream = tokio::net::TcpStream::connect(emulator.addr())
        .await
        .unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    for i in 0..3 {
        let mut request = publish_request(&emulator, "", &i.to_string());
        request
            .headers_mut()
            .insert("host", emulator.addr().to_string().parse().unwrap());
        let response = sender.send_request(request).await.unwrap();
        assert_eq!(response.status(), 200);
        response.into_body().collect().await.unwrap();
    }
    assert_eq!(emulator.published_messages().len(), 3);
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405_with_json() {
    let emulator = emulator().await;
    let missing = call(&emulator, Method::GET, "/no/such/path?x=1")
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    assert!(missing.json()["errors"].is_array());
    let wrong = call(&emulator, Method::DELETE, publish_path(1000, "t"))
        .answer()
        .await;
    assert_eq!(wrong.status, 405);
    let requests = emulator.requests();
    assert_eq!(requests[0].path, "/no/such/path?x=1");
    assert_eq!(requests[0].route, None);
    assert_eq!(requests[0].status, 404);
    assert_eq!(requests[1].status, 405);
}

#[tokio::test]
async fn shutdown_stops_the_server_for_every_clone() {
    let emulator = emulator().await;
    let clone = emulator.clone();
    let addr = emulator.addr();
    assert_eq!(publish(&clone, "t", "m").await.status, 200);
    emulator.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    clone.shutdown().await;
}

#[tokio::test]
async fn dropping_the_last_handle_stops_the_server() {
    let emulator = emulator().await;
    let addr = emulator.addr();
    drop(emulator.clone());
    assert!(tokio::net::TcpStream::connect(addr).await.is_ok());
    drop(emulator);
    let mut refused = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused, "still listening on {addr}");
}

#[tokio::test]
async fn a_given_address_is_used() {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = probe.local_addr().unwrap();
    drop(probe);
    let emulator = Emulator::builder().addr(addr).start().await.unwrap();
    assert_eq!(emulator.addr(), addr);
    assert_eq!(emulator.base_url(), format!("http://{addr}"));
    let taken = Emulator::builder().addr(addr).start().await;
    assert!(
        matches!(taken, Err(oc_emulator::EmulatorError::Io(_))),
        "{taken:?}"
    );
}
