//! Universes, places and instances: an experience's own configuration and content, all
//! addressed under one universe.
//!
//! - [`UniverseHandle`] (`experience.universe()`): [`get`](UniverseHandle::get) and
//!   [`update`](UniverseHandle::update) the experience's settings (voice chat, private
//!   servers, devices, social links), [`restart_servers`](UniverseHandle::restart_servers),
//!   and [`publish_message`](UniverseHandle::publish_message) to its live servers (the v2
//!   form of MessagingService publishing);
//! - the core [`Place`](oc_core::Place) handle (`experience.place(id)`), extended by
//!   [`PlaceUniversesExt`]: [`get`](PlaceUniversesExt::get) and
//!   [`update`](PlaceUniversesExt::update) a place's name, description and server size;
//! - [`InstanceHandle`] (`place.instance(id)`, `place.root_instance()`): read and update
//!   the scripts of a place through the Engine Instance API, and list an instance's
//!   children. These calls answer long-running operations
//!   ([`oc_core::v2::Operation`]) to wait on; lists wait on each page's operation.
//!
//! ```no_run
//! use std::time::Duration;
//! use futures::TryStreamExt;
//! use oc_universes::{ExperienceUniversesExt, PlaceUniversesExt, SocialLink};
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let experience = client.experience(1234);
//!
//! let universe = experience
//!     .universe()
//!     .update()
//!     .voice_chat_enabled(true)
//!     .discord_social_link(SocialLink::new("Chat", "https://discord.gg/example"))
//!     .disable_private_servers()
//!     .await?;
//! println!("{} is {:?}", universe.display_name, universe.visibility);
//!
//! experience.universe().restart_servers().bleed_off(10).await?;
//! experience.universe().publish_message("announcements", "Update at noon").await?;
//! experience.place(5678).update().server_size(30).await?;
//!
//! let place = experience.place(5678);
//! let children: Vec<_> = place.root_instance().list_children().try_collect().await?;
//! let script = place
//!     .instance("44b188da-ce63-2b47-02e9-c68d004815fc")
//!     .update()
//!     .script_source("print('hello')")
//!     .wait(Duration::from_secs(60))
//!     .await?;
//! # let _ = (children, script); Ok(()) }
//! ```
//!
//! Every documented limit is checked before anything is sent (ids above 0, instance ids,
//! topic and message lengths, bleed-off minutes, script sizes, int32 ranges), and an
//! update that sets no field is refused. Restarts and publishes are not idempotent: they
//! are never repeated once the service may have applied them.

#![forbid(unsafe_code)]

mod absent;
mod handles;
mod ids;
pub mod instance;
pub mod place;
pub mod universe;

pub use handles::{ExperienceUniversesExt, InstanceHandle, PlaceUniversesExt, UniverseHandle};
pub use ids::ROOT_INSTANCE;
pub use instance::{
    GetInstance, Instance, InstanceDetails, ListChildren, ModuleScriptDetails, RunContext,
    ScriptDetails, UpdateInstance,
};
pub use place::{GetPlace, Place, UpdatePlace};
pub use universe::{
    AgeRating, GetUniverse, PublishUniverseMessage, RestartServers, SocialLink, SocialPlatform,
    Universe, UniverseOwner, UpdateUniverse, Visibility,
};

/// The area name of this crate's calls, in tracing and in the errors of failed operations.
pub const AREA: &str = "universes";
