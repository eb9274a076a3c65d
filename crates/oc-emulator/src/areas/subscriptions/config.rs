//! The subscriptions API's part of the configuration: the subscriptions that exist.

use serde::Deserialize;

/// A user's subscription to a subscription product of a universe
/// (<https://create.roblox.com/docs/cloud/reference/features/monetization>). In TOML, an
/// entry of `[[subscriptions]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubscriptionConfig {
    /// The universe.
    pub universe: u64,
    /// The subscription product id (`EXP-…`).
    pub product: String,
    /// The subscriber; the subscription's id is the user id.
    pub user: u64,
    /// `SUBSCRIBED_WILL_RENEW` (the default), `SUBSCRIBED_WILL_NOT_RENEW`,
    /// `SUBSCRIBED_RENEWAL_PAYMENT_PENDING` or `EXPIRED`.
    #[serde(default = "will_renew")]
    pub state: String,
    /// Why it expired (`PRODUCT_INACTIVE`, `PRODUCT_DELETED`, `SUBSCRIBER_CANCELLED`,
    /// `SUBSCRIBER_REFUNDED`, `LAPSED`), when it did.
    #[serde(default)]
    pub expiration_reason: Option<String>,
    /// `DESKTOP` (the default) or `MOBILE`.
    #[serde(default = "desktop")]
    pub purchase_platform: String,
    /// `STRIPE`, `APPLE`, `GOOGLE`, `ROBLOX_CREDIT` or `ROBUX` (the default).
    #[serde(default = "robux")]
    pub payment_provider: String,
    /// When it was created (RFC 3339); when it was seeded if absent.
    #[serde(default)]
    pub create_time: Option<String>,
    /// When it was last billed (RFC 3339).
    #[serde(default)]
    pub last_billing_time: Option<String>,
    /// When it renews next (RFC 3339).
    #[serde(default)]
    pub next_renew_time: Option<String>,
    /// When it expires (RFC 3339).
    #[serde(default)]
    pub expire_time: Option<String>,
}

impl SubscriptionConfig {
    /// An active subscription of `user` to `product` of `universe`, renewing, bought on
    /// desktop with Robux.
    pub fn new(universe: u64, product: impl Into<String>, user: u64) -> Self {
        SubscriptionConfig {
            universe,
            product: product.into(),
            user,
            state: will_renew(),
            expiration_reason: None,
            purchase_platform: desktop(),
            payment_provider: robux(),
            create_time: None,
            last_billing_time: None,
            next_renew_time: None,
            expire_time: None,
        }
    }

    /// Why the subscription is not valid, if it is not: an unknown enum value or a time
    /// that is not RFC 3339.
    pub(crate) fn problem(&self) -> Option<String> {
        let one_of = |what: &str, value: &str, allowed: &[&str]| {
            (!allowed.contains(&value))
                .then(|| format!("{what} {value:?} is not one of {}", allowed.join(", ")))
        };
        one_of("state", &self.state, STATES)
            .or_else(|| {
                one_of(
                    "purchase_platform",
                    &self.purchase_platform,
                    &["DESKTOP", "MOBILE"],
                )
            })
            .or_else(|| {
                one_of(
                    "payment_provider",
                    &self.payment_provider,
                    &["STRIPE", "APPLE", "GOOGLE", "ROBLOX_CREDIT", "ROBUX"],
                )
            })
            .or_else(|| {
                self.expiration_reason.as_deref().and_then(|reason| {
                    one_of(
                        "expiration_reason",
                        reason,
                        &[
                            "PRODUCT_INACTIVE",
                            "PRODUCT_DELETED",
                            "SUBSCRIBER_CANCELLED",
                            "SUBSCRIBER_REFUNDED",
                            "LAPSED",
                        ],
                    )
                })
            })
            .or_else(|| {
                [
                    &self.create_time,
                    &self.last_billing_time,
                    &self.next_renew_time,
                    &self.expire_time,
                ]
                .into_iter()
                .flatten()
                .find(|t| crate::gateway::proto_json::parse_timestamp(t).is_none())
                .map(|t| format!("{t:?} is not an RFC 3339 time"))
            })
    }
}

/// The states a subscription can be in.
pub(crate) const STATES: &[&str] = &[
    "SUBSCRIBED_WILL_RENEW",
    "SUBSCRIBED_WILL_NOT_RENEW",
    "SUBSCRIBED_RENEWAL_PAYMENT_PENDING",
    "EXPIRED",
];

fn will_renew() -> String {
    "SUBSCRIBED_WILL_RENEW".to_owned()
}

fn desktop() -> String {
    "DESKTOP".to_owned()
}

fn robux() -> String {
    "ROBUX".to_owned()
}
