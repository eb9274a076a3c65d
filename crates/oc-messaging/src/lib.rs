//! MessagingService: publish a message to the live servers of an experience.
//!
//! ```no_run
//! use oc_messaging::ExperienceMessagingExt;
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let experience = client.experience(1234);
//! experience.publish_message("announcements", "Server restart in 5 minutes").await?;
//! # Ok(()) }
//! ```
//!
//! Topics and messages are checked before anything is sent (non-empty, at most 80 and
//! 1024 characters); the topic is percent-encoded in the path. A publish is not
//! idempotent (a repeat delivers the message twice), so the client retries it only when
//! the service certainly did not take it (a 429, or no connection); see
//! [`PublishMessage::allow_duplicates`].

mod publish;

pub use publish::{ExperienceMessagingExt, PublishMessage, MAX_MESSAGE_CHARS, MAX_TOPIC_CHARS};
