//! The baseline: requests made by hand with hyper-util's pooled client over plain HTTP.

use std::sync::Arc;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use http::{Request, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::measure::Target;
use crate::BoxError;

/// How the tables name this client.
pub const NAME: &str = "bare hyper-util";

/// The pooled client, set up as the project's transport sets up its own (`TCP_NODELAY`).
pub fn client() -> Client<HttpConnector, Full<Bytes>> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    Client::builder(TokioExecutor::new()).build(connector)
}

/// `POST /messaging-service/v1/universes/{u}/topics/{topic}` with `{"message": …}`.
#[derive(Clone)]
pub struct Publish {
    client: Client<HttpConnector, Full<Bytes>>,
    uri: Uri,
    api_key: HeaderValue,
    message: Arc<str>,
}

impl Publish {
    /// Publishing `message` to `topic` (a plain word: it is not percent-encoded here).
    pub fn new(
        base_url: &str,
        api_key: &str,
        universe_id: u64,
        topic: &str,
        message: &str,
    ) -> Result<Publish, BoxError> {
        Ok(Publish {
            client: client(),
            uri: format!("{base_url}/messaging-service/v1/universes/{universe_id}/topics/{topic}")
                .parse()?,
            api_key: HeaderValue::from_str(api_key)?,
            message: message.into(),
        })
    }
}

impl Target for Publish {
    async fn call(&self) -> Result<(), BoxError> {
        let body = format!("{{\"message\":{}}}", serde_json::to_string(&*self.message)?);
        let request = Request::post(self.uri.clone())
            .header(HeaderName::from_static("x-api-key"), self.api_key.clone())
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .header(
                USER_AGENT,
                HeaderValue::from_static(oc_core::DEFAULT_USER_AGENT),
            )
            .body(Full::new(Bytes::from(body)))?;
        let response = self.client.request(request).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        if status != StatusCode::OK {
            return Err(format!(
                "publish answered {status}: {}",
                String::from_utf8_lossy(&body)
            )
            .into());
        }
        Ok(())
    }
}
