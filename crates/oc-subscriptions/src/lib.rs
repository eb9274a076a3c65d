//! Subscriptions: a user's subscription to one of an experience's subscription products
//! (<https://create.roblox.com/docs/cloud/reference/Subscription>).
//!
//! ```no_run
//! use oc_subscriptions::{ExperienceSubscriptionsExt, SubscriptionState};
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let subscription = client
//!     .experience(1234)
//!     .subscription_product("EXP-1234567890")
//!     .get_subscription(45348281)
//!     .full()
//!     .await?;
//! if subscription.active && subscription.state == SubscriptionState::SubscribedWillNotRenew {
//!     println!("ends at {:?}", subscription.expire_time);
//! }
//! # Ok(()) }
//! ```
//!
//! The subscription id is the subscriber's user id. With the scope
//! `universe.subscription-product.subscription:read` a caller reads only their own
//! subscription; `universe:write` reads anyone's. The basic view (the service's default)
//! holds only `active` and `will_renew`; ask for the full view with
//! [`GetSubscription::full`].

#![forbid(unsafe_code)]

mod get;
mod subscription;

pub use get::{ExperienceSubscriptionsExt, GetSubscription, SubscriptionProduct, SubscriptionView};
pub use subscription::{
    ExpirationReason, PaymentProvider, PurchasePlatform, Subscription, SubscriptionState,
};

/// The area name of this crate's calls, in tracing.
pub const AREA: &str = "subscriptions";
