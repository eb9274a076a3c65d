//! `POST /messaging-service/v1/universes/{universeId}/topics/{topic}`.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use oc_core::request::{self, PathSegment};
use oc_core::validate;
use oc_core::{Body, Error, Experience, Idempotency};
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

    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, Error> {
        validate::non_empty("topic", &self.topic)?;
        validate::max_chars("topic", &self.topic, MAX_TOPIC_CHARS)?;
        validate::non_empty("message", &self.message)?;
        validate::max_chars("message", &self.message, MAX_MESSAGE_CHARS)?;
        let path = format!(
            "/messaging-service/v1/universes/{}/topics/{}",
            self.experience.universe_id(),
            PathSegment(&self.topic)
        );
        let mut request = request::json(
            Method::POST,
            &path,
            &PublishBody {
                message: &self.message,
            },
        )?;
        if !self.allow_duplicates {
            Idempotency::NonIdempotent.mark(&mut request);
        }
        Ok(request)
    }
}

impl<'a> IntoFuture for PublishMessage<'a> {
    type Output = Result<(), Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            self.experience.client().send(request).await?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oc_core::Client;

    fn experience() -> Result<Experience, Error> {
        Ok(Client::builder().api_key("k").build()?.experience(42))
    }

    #[tokio::test]
    async fn builds_the_documented_request() -> Result<(), Error> {
        let experience = experience()?;
        let request = experience
            .publish_message("a b/c?#%é", "hello \"world\"")
            .build_request()?;
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
        let dup = experience
            .publish_message("t", "m")
            .allow_duplicates(true)
            .build_request()?;
        assert_eq!(Idempotency::of(&dup), Idempotency::Idempotent);
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
        ];
        for (topic, message, field) in cases {
            match experience.publish_message(topic, message).build_request() {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
                other => panic!("expected invalid {field}, got {other:?}"),
            }
        }
        experience
            .publish_message("t".repeat(80), "é".repeat(1024))
            .build_request()?;
        Ok(())
    }
}
