//! Roblox user notifications through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/notifications>): send a user
//! an experience notification, with its template parameters, a call to action that joins
//! the experience (with launch data), and an analytics category.
//!
//! ```no_run
//! use oc_notifications::UserNotificationsExt;
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let sent = client
//!     .user(505306092)
//!     .notify(96623001, "5dd7024b-68e3-ac4d-8232-4217f86ca244")
//!     .parameter("points", "5")
//!     .user_mention("friend", 3702832553)
//!     .launch_data("reward=5")
//!     .analytics_category("Points earned")
//!     .await?;
//! println!("notification {}", sent.id);
//! # Ok(()) }
//! ```
//!
//! The inputs are checked before anything is sent (positive ids, a message id, named
//! parameters, launch data of at most 200 bytes). Creating is not idempotent, so a failure
//! after the service may have taken it is not retried and says
//! [`may_have_been_applied`](oc_core::Error::may_have_been_applied).

mod create;

pub use create::{
    CreateNotification, ParameterValue, UserNotification, UserNotificationsExt,
    MAX_LAUNCH_DATA_BYTES,
};
