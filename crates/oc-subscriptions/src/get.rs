//! `GET /cloud/v2/universes/{universe_id}/subscription-products/{subscription_product_id}/subscriptions/{subscription_id}?view=…`
//! (<https://create.roblox.com/docs/cloud/reference/Subscription#Cloud_GetSubscription>).

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, PathSegment, Query};
use oc_core::{response, validate, Body, Client, Endpoint, Error, Experience, InvalidInput};

use crate::Subscription;

/// Subscription methods on an [`Experience`].
pub trait ExperienceSubscriptionsExt {
    /// A handle on subscription product `product_id` (`EXP-…`) of the experience.
    fn subscription_product(&self, product_id: impl Into<String>) -> SubscriptionProduct;
}

impl ExperienceSubscriptionsExt for Experience {
    fn subscription_product(&self, product_id: impl Into<String>) -> SubscriptionProduct {
        SubscriptionProduct {
            experience: self.clone(),
            product_id: product_id.into(),
        }
    }
}

/// A subscription product of an experience. A handle makes no request.
#[derive(Debug, Clone)]
pub struct SubscriptionProduct {
    experience: Experience,
    product_id: String,
}

impl SubscriptionProduct {
    /// The experience the product belongs to.
    pub fn experience(&self) -> &Experience {
        &self.experience
    }

    /// The product id, as given.
    pub fn product_id(&self) -> &str {
        &self.product_id
    }

    /// Reads user `user_id`'s subscription to the product (the subscription id is the
    /// subscriber's user id). A user who never subscribed is a 404.
    pub fn get_subscription(&self, user_id: u64) -> GetSubscription {
        GetSubscription {
            product: self.clone(),
            user_id,
            view: None,
        }
    }
}

/// How much of a subscription to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SubscriptionView {
    /// Only `active` and `will_renew` (the service's default).
    Basic,
    /// Every field.
    Full,
}

impl SubscriptionView {
    /// The `view` parameter's value (`BASIC`, `FULL`).
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriptionView::Basic => "BASIC",
            SubscriptionView::Full => "FULL",
        }
    }
}

/// A read of a subscription; `.await` it for the [`Subscription`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetSubscription {
    product: SubscriptionProduct,
    user_id: u64,
    view: Option<SubscriptionView>,
}

impl GetSubscription {
    /// Reads this view (when not set, the service's default: basic).
    pub fn view(mut self, view: SubscriptionView) -> Self {
        self.view = Some(view);
        self
    }

    /// Reads every field: the same as `.view(SubscriptionView::Full)`.
    pub fn full(self) -> Self {
        self.view(SubscriptionView::Full)
    }
}

fn positive(field: &'static str, id: u64) -> Result<u64, InvalidInput> {
    if id == 0 {
        return Err(InvalidInput::new(field, "must be greater than 0"));
    }
    Ok(id)
}

impl Endpoint for GetSubscription {
    type Output = Subscription;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_subscription";

    fn client(&self) -> &Client {
        self.product.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let universe_id = positive("universe_id", self.product.experience.universe_id())?;
        let product = &self.product.product_id;
        validate::non_empty("product_id", product)?;
        validate::no_dot_segment("product_id", product)?;
        let user_id = positive("user_id", self.user_id)?;
        let path = format!(
            "{}/universes/{universe_id}/subscription-products/{}/subscriptions/{user_id}",
            oc_core::v2::PREFIX,
            PathSegment(product)
        );
        let query = Query::new().pair_opt("view", self.view.map(SubscriptionView::as_str));
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Subscription, Error> {
        response::json(&answer)
    }
}

oc_core::endpoint_future!(static GetSubscription);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SubscriptionState;
    use oc_core::offline;

    fn product(name: &str) -> Result<SubscriptionProduct, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(123)
            .subscription_product(name))
    }

    #[test]
    fn builds_the_documented_path_and_view() -> Result<(), Error> {
        let get = product("EXP-1")?.get_subscription(45);
        let request = offline::request(&get)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/123/subscription-products/EXP-1/subscriptions/45"
        );
        let full = offline::request(&product("EXP-1")?.get_subscription(45).full())?;
        assert_eq!(full.uri().query(), Some("view=FULL"));
        let basic = offline::request(
            &product("EXP-1")?
                .get_subscription(45)
                .view(SubscriptionView::Basic),
        )?;
        assert_eq!(basic.uri().query(), Some("view=BASIC"));
        let odd = offline::request(&product("a/b c")?.get_subscription(1))?;
        assert_eq!(
            odd.uri().path(),
            "/cloud/v2/universes/123/subscription-products/a%2Fb%20c/subscriptions/1"
        );
        let parsed = offline::respond(
            &get,
            200,
            &[],
            r#"{"path":"universes/123/subscription-products/EXP-1/subscriptions/45","active":true,
            "willRenew":true,"state":"SUBSCRIBED_WILL_RENEW","user":"users/45"}"#,
        )?;
        assert_eq!(parsed.state, SubscriptionState::SubscribedWillRenew);
        let never = offline::respond(
            &get,
            404,
            &[],
            r#"{"code":"NOT_FOUND","message":"Subscription not found."}"#,
        );
        assert!(never.is_err_and(|e| e.is_not_found()));
        Ok(())
    }

    #[test]
    fn bad_ids_are_refused_before_sending() -> Result<(), Error> {
        let client = Client::builder().api_key("k").build()?;
        let cases = [
            (
                client
                    .experience(0)
                    .subscription_product("EXP-1")
                    .get_subscription(1),
                "universe_id",
            ),
            (
                client
                    .experience(1)
                    .subscription_product("")
                    .get_subscription(1),
                "product_id",
            ),
            (
                client
                    .experience(1)
                    .subscription_product("..")
                    .get_subscription(1),
                "product_id",
            ),
            (
                client
                    .experience(1)
                    .subscription_product("EXP-1")
                    .get_subscription(0),
                "user_id",
            ),
        ];
        for (get, field) in cases {
            match offline::request(&get) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
                other => panic!("expected invalid {field}, got {other:?}"),
            }
        }
        Ok(())
    }
}
