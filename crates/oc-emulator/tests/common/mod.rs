//! What the integration tests share: starting emulators and a bare hyper-util client.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use bytes::Bytes;
use http::{HeaderMap, Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use oc_emulator::{Config, Emulator, EmulatorHandle};

/// An answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// An emulator with the built-in world and no rate limits.
pub async fn emulator() -> EmulatorHandle {
    Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .expect("the emulator starts")
}

/// An emulator with a TOML configuration.
pub async fn emulator_with(toml: &str) -> EmulatorHandle {
    let config = Config::from_toml_str(toml).expect("the configuration parses");
    Emulator::builder()
        .config(config)
        .start()
        .await
        .expect("the emulator starts")
}

/// A request to the emulator.
pub struct Call<'a> {
    emulator: &'a EmulatorHandle,
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Bytes,
}

/// Starts a request with the emulator's API key.
pub fn call<'a>(emulator: &'a EmulatorHandle, method: Method, path: impl Into<String>) -> Call<'a> {
    Call {
        emulator,
        method,
        path: path.into(),
        headers: vec![("x-api-key".into(), emulator.api_key())],
        body: Bytes::new(),
    }
}

impl Call<'_> {
    /// Replaces the credential headers with this one.
    pub fn credential(mut self, name: &str, value: &str) -> Self {
        self.headers
            .retain(|(n, _)| n != "x-api-key" && n != "authorization");
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Removes every credential.
    pub fn anonymous(mut self) -> Self {
        self.headers
            .retain(|(n, _)| n != "x-api-key" && n != "authorization");
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets a JSON body.
    pub fn json(self, body: &str) -> Self {
        self.header("content-type", "application/json").body(body)
    }

    /// Sets a body.
    pub fn body(mut self, body: &str) -> Self {
        self.body = Bytes::copy_from_slice(body.as_bytes());
        self
    }

    /// Sends it on a fresh plain-HTTP connection.
    pub async fn send(self) -> Result<Answer, hyper_util::client::legacy::Error> {
        let client: Client<HttpConnector, Full<Bytes>> =
            Client::builder(TokioExecutor::new()).build_http();
        let mut request = Request::builder().method(self.method).uri(format!(
            "{}{}",
            self.emulator.base_url(),
            self.path
        ));
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let request = request.body(Full::new(self.body)).expect("a valid request");
        let response = client.request(request).await?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("the body arrives").to_bytes();
        Ok(Answer {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }

    /// Sends it and expects an answer.
    pub async fn answer(self) -> Answer {
        self.send().await.expect("an answer")
    }
}

/// The path of a messaging publish.
pub fn publish_path(universe: u64, topic: &str) -> String {
    format!("/messaging-service/v1/universes/{universe}/topics/{topic}")
}

/// The path of the data store list.
pub fn list_path(universe: u64, query: &str) -> String {
    format!("/datastores/v1/universes/{universe}/standard-datastores{query}")
}

/// Publishes `message` to `topic` (already percent-encoded) with the default key.
pub async fn publish(emulator: &EmulatorHandle, topic: &str, message: &str) -> Answer {
    let body = serde_json::json!({ "message": message }).to_string();
    call(
        emulator,
        Method::POST,
        publish_path(emulator.universe_id(), topic),
    )
    .json(&body)
    .answer()
    .await
}
