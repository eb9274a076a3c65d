//! `POST /cloud/v2/universes/{universe_id}:publishMessage`
//! (<https://create.roblox.com/docs/cloud/reference/Universe#Cloud_PublishUniverseMessage>,
//! limits in <https://create.roblox.com/docs/cloud/guides/usage-messaging>).
//!
//! The v2 form of MessagingService publishing: the topic travels in the body rather than
//! the path. `oc_messaging` keeps the v1 form.

use bytes::Bytes;
use http::Method;
use oc_core::{request, validate, Body, Client, Endpoint, Error, Idempotency};
use serde::Serialize;

use crate::handles::UniverseHandle;

/// The longest topic the service accepts, in characters.
pub const MAX_TOPIC_CHARS: usize = 80;
/// The longest message the service accepts, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1024;

impl UniverseHandle {
    /// Publishes `message` on `topic` to the universe's live servers (Studio sessions do
    /// not receive it). The message is a string: encode structured data yourself.
    ///
    /// Not idempotent (a repeat delivers the message twice): the client retries it only
    /// when the service certainly did not take it; see
    /// [`PublishUniverseMessage::allow_duplicates`].
    pub fn publish_message(
        &self,
        topic: impl Into<String>,
        message: impl Into<String>,
    ) -> PublishUniverseMessage {
        PublishUniverseMessage {
            universe: self.clone(),
            topic: topic.into(),
            message: message.into(),
            allow_duplicates: false,
        }
    }
}

/// A v2 publish; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct PublishUniverseMessage {
    universe: UniverseHandle,
    topic: String,
    message: String,
    allow_duplicates: bool,
}

#[derive(Serialize)]
struct PublishBody<'a> {
    topic: &'a str,
    message: &'a str,
}

impl PublishUniverseMessage {
    /// Lets the retry layer repeat the publish after a failure the service may have
    /// processed (5xx, timeout, lost connection), at the risk of delivering the message
    /// twice. Off by default.
    pub fn allow_duplicates(mut self, allow: bool) -> Self {
        self.allow_duplicates = allow;
        self
    }
}

impl Endpoint for PublishUniverseMessage {
    type Output = ();
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "publish_universe_message";

    fn client(&self) -> &Client {
        self.universe.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = format!("{}:publishMessage", self.universe.path()?);
        validate::non_empty("topic", &self.topic)?;
        validate::max_chars("topic", &self.topic, MAX_TOPIC_CHARS)?;
        validate::non_empty("message", &self.message)?;
        validate::max_chars("message", &self.message, MAX_MESSAGE_CHARS)?;
        let body = PublishBody {
            topic: &self.topic,
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

    /// The answer is empty.
    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(static PublishUniverseMessage);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceUniversesExt;
    use oc_core::offline;
    use serde_json::{json, Value};

    fn universe() -> Result<UniverseHandle, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(5)
            .universe())
    }

    #[test]
    fn the_topic_and_message_travel_in_the_body() -> Result<(), Error> {
        let publish = universe()?.publish_message("a b/c?#%é", "{\"json\":1}");
        let request = offline::request(&publish)?;
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "/cloud/v2/universes/5:publishMessage");
        let body: Value = serde_json::from_slice(request.body().as_bytes().unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(
            body,
            json!({"topic": "a b/c?#%é", "message": "{\"json\":1}"})
        );
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let dup = universe()?.publish_message("t", "m").allow_duplicates(true);
        assert_eq!(
            Idempotency::of(&offline::request(&dup)?),
            Idempotency::Idempotent
        );
        offline::respond(&publish, 200, &[], "")?;
        offline::respond(&publish, 200, &[], "{}")?;
        Ok(())
    }

    #[test]
    fn limits_are_characters_and_checked_before_sending() -> Result<(), Error> {
        let long_topic = "t".repeat(MAX_TOPIC_CHARS + 1);
        let long_message = "m".repeat(MAX_MESSAGE_CHARS + 1);
        let cases = [
            ("", "m", "topic"),
            (long_topic.as_str(), "m", "topic"),
            ("t", "", "message"),
            ("t", long_message.as_str(), "message"),
        ];
        for (topic, message, field) in cases {
            match offline::request(&universe()?.publish_message(topic, message)) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
                other => panic!("expected invalid {field}, got {other:?}"),
            }
        }
        offline::request(&universe()?.publish_message("é".repeat(80), "日".repeat(1024)))?;
        // In the body a topic `.` is no path segment.
        offline::request(&universe()?.publish_message("..", "m"))?;
        Ok(())
    }
}
