//! # rblx-open-cloud
//!
//! The Rust client for Roblox Open Cloud. Turn on the API areas you use; the others are
//! never compiled.
//!
//! | feature | crate | what it holds |
//! |---|---|---|
//! | (always) | [`core`] (`rblx-oc-core`) | client, transport, errors, retry, pagination, handles |
//! | `messaging` (default) | [`messaging`] (`rblx-oc-messaging`) | MessagingService publish |
//! | `datastores` | [`datastores`] (`rblx-oc-datastores`) | standard and ordered data stores, standard data stores v2 |
//! | `assets` | [`assets`] (`rblx-oc-assets`) | asset uploads, operations, place publishing |
//! | `universes` | [`universes`] (`rblx-oc-universes`) | universes, places, instances (scripts) |
//! | `subscriptions` | [`subscriptions`] (`rblx-oc-subscriptions`) | subscriptions to subscription products |
//! | `oauth2` | [`oauth2`] (`rblx-oc-oauth2`) | OAuth 2.0 / OpenID Connect |
//! | `webhook` | [`webhook`] (`rblx-oc-webhook`) | webhook verification and notifications |
//! | `groups` | [`groups`] (`rblx-oc-groups`) | groups: roles, memberships, join requests, forum |
//! | `users` | [`users`] (`rblx-oc-users`) | user profiles, avatar thumbnails, asset quotas (v2) |
//! | `inventory` | [`inventory`] (`rblx-oc-inventory`) | the items a user owns, every filter (v2) |
//! | `notifications` | [`notifications`] (`rblx-oc-notifications`) | experience notifications to users (v2) |
//! | `user-restrictions` | [`user_restrictions`] (`rblx-oc-user-restrictions`) | bans from an experience or a place, and their log |
//! | `memory-stores` | [`memory_stores`] (`rblx-oc-memory-stores`) | queues, sorted maps, flushing an experience's memory store |
//! | `emulator` | [`emulator`] (`rblx-oc-emulator`) | the local Open Cloud emulator |
//! | `tracing` | (`rblx-oc-core`) | a `tracing` span per call, an event per retry |
//! | `full` | all of the above | |
//!
//! ```no_run
//! use rblx_open_cloud::prelude::*;
//!
//! # async fn demo() -> Result<(), Error> {
//! let client = Client::builder().api_key("my-api-key").build()?;
//! let experience = client.experience(1234);
//! # #[cfg(feature = "messaging")]
//! experience.publish_message("announcements", "hello").await?;
//! # Ok(()) }
//! ```
//!
//! Handles ([`Experience`], [`Place`], [`User`], [`Group`]) live in the core crate; each API crate
//! adds its methods with an extension trait, which the [`prelude`] brings into scope.
//!
//! Every call of every area returns the one [`Error`], so one function can `?` across
//! areas; a failure particular to an area (a data store precondition with the current
//! value, a moderated asset name, an id_token from the wrong issuer) is reached, typed,
//! with [`Error::detail`].

pub use oc_core as core;
pub use oc_core::{
    AccessToken, ApiError, ApiKey, AreaError, Body, Client, ClientBuilder, Credentials, Error,
    Experience, Group, Idempotency, InvalidInput, PagerConfig, PaginationError, Place, Result,
    RetryConfig, User,
};

#[cfg(feature = "messaging")]
#[doc(inline)]
pub use oc_messaging as messaging;

#[cfg(feature = "datastores")]
#[doc(inline)]
pub use oc_datastores as datastores;

#[cfg(feature = "assets")]
#[doc(inline)]
pub use oc_assets as assets;

#[cfg(feature = "universes")]
#[doc(inline)]
pub use oc_universes as universes;

#[cfg(feature = "subscriptions")]
#[doc(inline)]
pub use oc_subscriptions as subscriptions;

#[cfg(feature = "oauth2")]
#[doc(inline)]
pub use oc_oauth2 as oauth2;

#[cfg(feature = "webhook")]
#[doc(inline)]
pub use oc_webhook as webhook;

#[cfg(feature = "groups")]
#[doc(inline)]
pub use oc_groups as groups;
#[cfg(feature = "luau-execution")]
#[doc(inline)]
pub use oc_luau_execution as luau_execution;
#[cfg(feature = "users")]
#[doc(inline)]
pub use oc_users as users;

#[cfg(feature = "inventory")]
#[doc(inline)]
pub use oc_inventory as inventory;

#[cfg(feature = "memory-stores")]
#[doc(inline)]
pub use oc_memory_stores as memory_stores;
#[cfg(feature = "notifications")]
#[doc(inline)]
pub use oc_notifications as notifications;
#[cfg(feature = "user-restrictions")]
#[doc(inline)]
pub use oc_user_restrictions as user_restrictions;

#[cfg(feature = "emulator")]
#[doc(inline)]
pub use oc_emulator as emulator;

/// The types and extension traits most programs need: `use rblx_open_cloud::prelude::*;`.
pub mod prelude {
    pub use oc_core::{
        AccessToken, ApiKey, Client, Credentials, Error, Experience, Group, Place, Result,
        RetryConfig, User,
    };

    #[cfg(feature = "assets")]
    pub use oc_assets::{ClientAssetsExt as _, CreatorAssetsExt as _, ExperiencePlacesExt as _};
    #[cfg(feature = "datastores")]
    pub use oc_datastores::ExperienceDataStoresExt as _;
    #[cfg(feature = "groups")]
    pub use oc_groups::{ClientGroupsExt as _, GroupsExt as _, UserGroupsExt as _};
    #[cfg(feature = "inventory")]
    pub use oc_inventory::UserInventoryExt as _;
    #[cfg(feature = "luau-execution")]
    pub use oc_luau_execution::ExperienceLuauExt as _;
    #[cfg(feature = "memory-stores")]
    pub use oc_memory_stores::ExperienceMemoryStoresExt as _;
    #[cfg(feature = "messaging")]
    pub use oc_messaging::ExperienceMessagingExt as _;
    #[cfg(feature = "notifications")]
    pub use oc_notifications::UserNotificationsExt as _;
    #[cfg(feature = "oauth2")]
    pub use oc_oauth2::OAuth2App;
    #[cfg(feature = "subscriptions")]
    pub use oc_subscriptions::ExperienceSubscriptionsExt as _;
    #[cfg(feature = "universes")]
    pub use oc_universes::{ExperienceUniversesExt as _, PlaceUniversesExt as _};
    #[cfg(feature = "user-restrictions")]
    pub use oc_user_restrictions::{
        ExperienceUserRestrictionsExt as _, PlaceUserRestrictionsExt as _,
    };
    #[cfg(feature = "users")]
    pub use oc_users::UserProfileExt as _;
}

/// The README's examples, compiled as doctests.
#[cfg(all(doctest, feature = "full"))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
