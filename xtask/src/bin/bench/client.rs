//! The same operations through this project's client.

use oc_core::{Client, Experience};
use oc_messaging::ExperienceMessagingExt;

use crate::measure::Target;
use crate::BoxError;

/// How the tables name this client.
pub const NAME: &str = "oc-core client";

/// A client for the emulator, with the defaults otherwise (retries on, timeouts on).
pub fn client(base_url: &str, api_key: &str) -> Result<Client, BoxError> {
    Ok(Client::builder()
        .base_url(base_url)
        .api_key(api_key)
        .build()?)
}

/// `experience.publish_message(topic, message)`.
#[derive(Clone)]
pub struct Publish {
    experience: Experience,
    topic: &'static str,
    message: &'static str,
}

impl Publish {
    /// Publishing `message` to `topic` in `universe_id`.
    pub fn new(
        client: &Client,
        universe_id: u64,
        topic: &'static str,
        message: &'static str,
    ) -> Publish {
        Publish {
            experience: client.experience(universe_id),
            topic,
            message,
        }
    }
}

impl Target for Publish {
    async fn call(&self) -> Result<(), BoxError> {
        self.experience
            .publish_message(self.topic, self.message)
            .await?;
        Ok(())
    }
}
