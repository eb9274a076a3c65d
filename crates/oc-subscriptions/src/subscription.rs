//! The subscription resource and its enums. Each enum has an `Unspecified` value (the
//! service's zero value, or the field left out) and an `Unknown` one for a value this
//! crate does not know yet, so a new value never fails the parse.

use oc_core::time::OffsetDateTime;
use oc_core::v2::ids;
use serde::{Deserialize, Deserializer};

/// Where a subscription stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum SubscriptionState {
    /// Not given (the basic view leaves it out).
    #[default]
    #[serde(rename = "STATE_UNSPECIFIED")]
    Unspecified,
    /// Active, and renews automatically at `next_renew_time`.
    SubscribedWillRenew,
    /// Active, but will not renew.
    SubscribedWillNotRenew,
    /// Active, within the renewal grace period while a payment is confirmed.
    SubscribedRenewalPaymentPending,
    /// Expired: see [`Subscription::expiration_reason`].
    Expired,
    /// A value this crate does not know yet.
    #[serde(other)]
    Unknown,
}

/// Why a subscription expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ExpirationReason {
    /// Not given.
    #[default]
    #[serde(rename = "EXPIRATION_REASON_UNSPECIFIED")]
    Unspecified,
    /// The product is inactive.
    ProductInactive,
    /// The product was deleted.
    ProductDeleted,
    /// The subscriber cancelled.
    SubscriberCancelled,
    /// The subscriber was refunded.
    SubscriberRefunded,
    /// The payment did not arrive.
    Lapsed,
    /// A value this crate does not know yet.
    #[serde(other)]
    Unknown,
}

/// Where the subscription was bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum PurchasePlatform {
    /// Not given.
    #[default]
    #[serde(rename = "PURCHASE_PLATFORM_UNSPECIFIED")]
    Unspecified,
    /// On the Roblox website.
    Desktop,
    /// In the Roblox mobile app.
    Mobile,
    /// A value this crate does not know yet.
    #[serde(other)]
    Unknown,
}

/// How the subscription was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum PaymentProvider {
    /// Not given.
    #[default]
    #[serde(rename = "PAYMENT_PROVIDER_UNSPECIFIED")]
    Unspecified,
    /// Stripe.
    Stripe,
    /// Apple.
    Apple,
    /// Google.
    Google,
    /// Roblox Credit.
    RobloxCredit,
    /// Robux.
    Robux,
    /// A value this crate does not know yet.
    #[serde(other)]
    Unknown,
}

/// A user's subscription to a subscription product, as the service answers it.
///
/// The basic view holds only [`active`](Subscription::active) and
/// [`will_renew`](Subscription::will_renew); the other fields are then unset.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "WireSubscription")]
#[non_exhaustive]
pub struct Subscription {
    /// The resource path
    /// (`universes/1/subscription-products/EXP-1/subscriptions/2`), when given.
    pub path: String,
    /// The subscriber's user id (the subscription id), when the answer names it.
    pub user_id: Option<u64>,
    /// Whether the subscription is active (state is one of the `Subscribed…` ones).
    pub active: bool,
    /// Whether it will renew (state `SubscribedWillRenew` or
    /// `SubscribedRenewalPaymentPending`).
    pub will_renew: bool,
    /// The state.
    pub state: SubscriptionState,
    /// When the subscription was created.
    pub create_time: Option<OffsetDateTime>,
    /// When it was last updated.
    pub update_time: Option<OffsetDateTime>,
    /// When it was last billed.
    pub last_billing_time: Option<OffsetDateTime>,
    /// When it renews next.
    pub next_renew_time: Option<OffsetDateTime>,
    /// When it will expire, or did.
    pub expire_time: Option<OffsetDateTime>,
    /// Why it expired, when it did.
    pub expiration_reason: Option<ExpirationReason>,
    /// Where it was bought.
    pub purchase_platform: PurchasePlatform,
    /// How it was paid.
    pub payment_provider: PaymentProvider,
}

fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireSubscription {
    #[serde(default, deserialize_with = "or_default")]
    path: String,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    update_time: Option<OffsetDateTime>,
    #[serde(default, deserialize_with = "or_default")]
    active: bool,
    #[serde(default, deserialize_with = "or_default")]
    will_renew: bool,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    last_billing_time: Option<OffsetDateTime>,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    next_renew_time: Option<OffsetDateTime>,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    expire_time: Option<OffsetDateTime>,
    #[serde(default, deserialize_with = "or_default")]
    state: SubscriptionState,
    #[serde(default)]
    expiration_details: Option<WireExpirationDetails>,
    #[serde(default, deserialize_with = "or_default")]
    purchase_platform: PurchasePlatform,
    #[serde(default, deserialize_with = "or_default")]
    payment_provider: PaymentProvider,
    #[serde(default)]
    user: Option<String>,
}

#[derive(Deserialize)]
struct WireExpirationDetails {
    #[serde(default, deserialize_with = "or_default")]
    reason: ExpirationReason,
}

impl TryFrom<WireSubscription> for Subscription {
    type Error = String;

    fn try_from(wire: WireSubscription) -> Result<Self, String> {
        // The subscription id is the subscriber's user id: `user` names it, and so does
        // the path's last segment.
        let reference = wire
            .user
            .filter(|u| !u.is_empty())
            .or_else(|| (!wire.path.is_empty()).then(|| wire.path.clone()));
        let user_id = match reference {
            Some(text) => Some(ids::from_path::<u64>("user", &text).map_err(|e| e.to_string())?),
            None => None,
        };
        Ok(Subscription {
            path: wire.path,
            user_id,
            active: wire.active,
            will_renew: wire.will_renew,
            state: wire.state,
            create_time: wire.create_time,
            update_time: wire.update_time,
            last_billing_time: wire.last_billing_time,
            next_renew_time: wire.next_renew_time,
            expire_time: wire.expire_time,
            expiration_reason: wire.expiration_details.map(|d| d.reason),
            purchase_platform: wire.purchase_platform,
            payment_provider: wire.payment_provider,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_view_parses_every_field() -> Result<(), serde_json::Error> {
        let full: Subscription = serde_json::from_str(
            r#"{"path":"universes/123/subscription-products/EXP-1/subscriptions/45348281",
            "createTime":"2023-07-05T12:34:56Z","updateTime":"2023-07-06T12:34:56Z",
            "active":false,"willRenew":false,"lastBillingTime":"2023-07-05T12:34:56Z",
            "nextRenewTime":"2023-08-05T12:34:56Z","expireTime":"2023-08-05T12:34:56.5Z",
            "state":"EXPIRED","expirationDetails":{"reason":"SUBSCRIBER_REFUNDED"},
            "purchasePlatform":"MOBILE","paymentProvider":"ROBUX","user":"users/45348281"}"#,
        )?;
        assert_eq!(full.user_id, Some(45_348_281));
        assert_eq!(full.state, SubscriptionState::Expired);
        assert_eq!(
            full.expiration_reason,
            Some(ExpirationReason::SubscriberRefunded)
        );
        assert_eq!(full.purchase_platform, PurchasePlatform::Mobile);
        assert_eq!(full.payment_provider, PaymentProvider::Robux);
        assert_eq!(full.expire_time.map(|t| t.millisecond()), Some(500));
        assert!(full.last_billing_time.is_some() && full.create_time < full.update_time);
        Ok(())
    }

    #[test]
    fn the_basic_view_and_new_values_parse() -> Result<(), serde_json::Error> {
        let basic: Subscription = serde_json::from_str(r#"{"active":true,"willRenew":true}"#)?;
        assert!(basic.active && basic.will_renew);
        assert_eq!(basic.state, SubscriptionState::Unspecified);
        assert_eq!(basic.user_id, None);
        assert_eq!(basic.expiration_reason, None);
        let newer: Subscription = serde_json::from_str(
            r#"{"path":"universes/1/subscription-products/EXP-1/subscriptions/7","state":"PAUSED",
            "paymentProvider":"CRYPTO","purchasePlatform":"CONSOLE","expirationDetails":{"reason":"MOON"},
            "expireTime":null,"active":null}"#,
        )?;
        assert_eq!(newer.user_id, Some(7));
        assert_eq!(newer.state, SubscriptionState::Unknown);
        assert_eq!(newer.payment_provider, PaymentProvider::Unknown);
        assert_eq!(newer.purchase_platform, PurchasePlatform::Unknown);
        assert_eq!(newer.expiration_reason, Some(ExpirationReason::Unknown));
        assert!(!newer.active);
        assert!(serde_json::from_str::<Subscription>(r#"{"user":"users/x"}"#).is_err());
        Ok(())
    }
}
