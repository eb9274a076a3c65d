//! `POST /messaging-service/v1/universes/{universeId}/topics/{topic}`.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, PathSegment};
use oc_core::validate;
use oc_core::{Body, Client, Endpoint, Error, Experience, Idempotency};
use serde::Serialize;

/// The longest topic the service accepts, in characters.
pub const MAX_TOPIC_CHARS: usize = 80;
/// The longest message the service accepts, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1024;

/// Messaging methods on an [`Experience`].
pub trait ExperienceMessagingExt {
    /// Publishes `message` to `topic`. Await the returned request to send it.
    ///
    /// The message is a string: encode structured data (JSON, say) yourself.
    fn publish_message(
        &self,
        topic: impl Into<String>,
        message: impl Into<String>,
    ) -> PublishMessage<'_>;
}

impl ExperienceMessagingExt for Experience {
    fn publish_message(
        &self,
        topic: impl Into<String>,
        message: impl Into<String>,
    ) -> PublishMessage<'_> {
        PublishMessage {
            experience: self,
            topic: topic.into(),
            message: message.into(),
            allow_duplicates: false,
        }
    }
}

/// A publish request; `.await` it to send it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct PublishMessage<'a> {
    experience: &'a Experience,
    topic: String,
    message: String,
    allow_duplicates: bool,
}

#[derive(Serialize)]
struct PublishBody<'a> {
    message: &'a str,
}

impl PublishMessage<'_> {
    /// Lets the retry layer repeat the publish after a failure the service may have
    /// processed (5xx, timeout, lost connection), at the risk of delivering the message
    /// twice. Off by default.
    pub fn allow_duplicates(mut self, allow: bool) -> Self {
        self.allow_duplicates = allow;
        self
    }
}

impl Endpoint for PublishMessage<'_> {
    type Output = ();
    const AREA: &'static str = "messaging";
    const OPERATION: &'static str = "publish_message";

    fn client(&self) -> &Client {
        self.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        validate::non_empty("topic", &self.topic)?;
        validate::max_chars("topic", &self.topic, MAX_TOPIC_CHARS)?;
        validate::no_dot_segment("topic", &self.topic)?;
        validate::non_empty("message", &self.message)?;
        validate::max_chars("message", &self.message, MAX_MESSAGE_CHARS)?;
        let path = format!(
            "/messaging-service/v1/universes/{}/topics/{}",
            self.experience.universe_id(),
            PathSegment(&self.topic)
        );
        let body = PublishBody {
            message: &self.message,
        };
        request::json(Method::POST, &path, &body)
    }

    fn idempotency(&self) -> Idempotency {
        if self.allow_duplicates {
            Idempotency::Idempotent
        } else {
            Idempotency::NonIdempotent
        }
    }

    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(PublishMessage<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use oc_core::{offline, Client};

    fn experience() -> Result<Experience, Error> {
        Ok(Client::builder().api_key("k").build()?.experience(42))
    }

    #[tokio::test]
    async fn builds_the_documented_request() -> Result<(), Error> {
        let experience = experience()?;
        let publish = experience.publish_message("a b/c?#%é", "hello \"world\"");
        let request = offline::request(&publish)?;
        assert_eq!(request.method(), Method::POST);
        assert_eq!(
            request.uri(),
            "/messaging-service/v1/universes/42/topics/a%20b%2Fc%3F%23%25%C3%A9"
        );
        assert_eq!(request.headers()["content-type"], "application/json");
        let body: serde_json::Value =
            serde_json::from_slice(request.body().as_bytes().unwrap_or_default())
                .map_err(|e| Error::decode("test body", Some(Box::new(e) as _)))?;
        assert_eq!(body, serde_json::json!({"message": "hello \"world\""}));
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let dup = experience.publish_message("t", "m").allow_duplicates(true);
        assert_eq!(
            Idempotency::of(&offline::request(&dup)?),
            Idempotency::Idempotent
        );
        offline::respond(&publish, 200, &[], "")?;
        let refused = offline::respond(
            &publish,
            401,
            &[],
            r#"{"errors":[{"code":0,"message":"Invalid API Key"}]}"#,
        );
        assert!(matches!(refused, Err(Error::Unauthorized(_))));
        Ok(())
    }

    #[tokio::test]
    async fn refuses_bad_input_with_the_field_named() -> Result<(), Error> {
        let experience = experience()?;
        let cases = [
            ("", "m", "topic"),
            (&*"t".repeat(81), "m", "topic"),
            ("t", "", "message"),
            ("t", &*"m".repeat(1025), "message"),
            (".", "m", "topic"),
            ("..", "m", "topic"),
        ];
        for (topic, message, field) in cases {
            match offline::request(&experience.publish_message(topic, message)) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
                other => panic!("expected invalid {field}, got {other:?}"),
            }
        }
        offline::request(&experience.publish_message("t".repeat(80), "é".repeat(1024)))?;
        offline::request(&experience.publish_message("a.b", "m"))?;
        Ok(())
    }
}
