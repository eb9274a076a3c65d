//! Create User Notification: `POST /cloud/v2/users/{user_id}/notifications`
//! (<https://create.roblox.com/docs/cloud/reference/features/notifications>,
//! <https://create.roblox.com/docs/cloud/guides/experience-notifications>). Needs
//! `user.user-notification:write` on the experience the notification comes from.
//!
//! The guide's examples write snake_case fields and put `join_experience` and
//! `analytics_data` beside `payload`; the API reference and the engine's wrapper put them
//! inside `payload` in camelCase, which is what is sent here.

use std::collections::BTreeMap;

use bytes::Bytes;
use http::Method;
use oc_core::request;
use oc_core::validate;
use oc_core::{Body, Client, Endpoint, Error, Idempotency, InvalidInput, User};
use serde::{Deserialize, Serialize};

/// The longest `launchData`, in bytes.
pub const MAX_LAUNCH_DATA_BYTES: usize = 200;

/// The value of a template parameter of a notification string.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParameterValue {
    /// A string.
    String(String),
    /// An integer (a user id for a `userId-<name>` mention).
    Int64(i64),
}

impl From<&str> for ParameterValue {
    fn from(value: &str) -> Self {
        ParameterValue::String(value.to_owned())
    }
}

impl From<String> for ParameterValue {
    fn from(value: String) -> Self {
        ParameterValue::String(value)
    }
}

impl From<i64> for ParameterValue {
    fn from(value: i64) -> Self {
        ParameterValue::Int64(value)
    }
}

impl Serialize for ParameterValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            ParameterValue::String(text) => map.serialize_entry("stringValue", text)?,
            ParameterValue::Int64(number) => map.serialize_entry("int64Value", number)?,
        }
        map.end()
    }
}

/// A created notification: its path and id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserNotification {
    /// Its resource path (`users/{user_id}/notifications/{id}`).
    #[serde(default)]
    pub path: String,
    /// Its id (a UUID).
    #[serde(default)]
    pub id: String,
}

/// Notification methods on a [`User`].
pub trait UserNotificationsExt {
    /// Sends the user the notification string `message_id` (the asset id of a string made
    /// in the Creator Dashboard) from experience `universe_id`. Set its parameters, its
    /// join-experience call to action and its analytics category on the builder, then
    /// `.await` it.
    fn notify(&self, universe_id: u64, message_id: impl Into<String>) -> CreateNotification<'_>;
}

impl UserNotificationsExt for User {
    fn notify(&self, universe_id: u64, message_id: impl Into<String>) -> CreateNotification<'_> {
        CreateNotification {
            user: self,
            universe_id,
            message_id: message_id.into(),
            parameters: BTreeMap::new(),
            join_experience: false,
            launch_data: None,
            analytics_category: None,
        }
    }
}

/// A notification to create; `.await` it to send it.
///
/// Creating is not idempotent (a repeat notifies twice), so the client retries it only
/// when the service certainly did not take it; a failure after it may have been applied
/// says so ([`Error::may_have_been_applied`]). Delivery is not guaranteed: the service
/// sends at most one notification a day per user and experience, and only to eligible,
/// opted-in users.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateNotification<'a> {
    user: &'a User,
    universe_id: u64,
    message_id: String,
    parameters: BTreeMap<String, ParameterValue>,
    join_experience: bool,
    launch_data: Option<String>,
    analytics_category: Option<String>,
}

impl CreateNotification<'_> {
    /// Sets the template parameter `name` (`{name}` in the string).
    pub fn parameter(mut self, name: impl Into<String>, value: impl Into<ParameterValue>) -> Self {
        self.parameters.insert(name.into(), value.into());
        self
    }

    /// Mentions a user: the parameter `userId-<name>`, which the string renders as that
    /// user's name.
    pub fn user_mention(self, name: &str, user_id: u64) -> Self {
        let id = i64::try_from(user_id).unwrap_or(i64::MAX);
        self.parameter(format!("userId-{name}"), ParameterValue::Int64(id))
    }

    /// Adds the call to action that joins the experience, with no launch data.
    pub fn join_experience(mut self) -> Self {
        self.join_experience = true;
        self
    }

    /// Adds the call to action that joins the experience, with `launch_data` (at most 200
    /// bytes) for the joining player's `Player:GetJoinData()`.
    pub fn launch_data(mut self, launch_data: impl Into<String>) -> Self {
        self.join_experience = true;
        self.launch_data = Some(launch_data.into());
        self
    }

    /// Groups the notification's analytics under `category` ("Bronze egg hatched").
    pub fn analytics_category(mut self, category: impl Into<String>) -> Self {
        self.analytics_category = Some(category.into());
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireNotification<'a> {
    source: WireSource,
    payload: WirePayload<'a>,
}

#[derive(Serialize)]
struct WireSource {
    universe: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WirePayload<'a> {
    r#type: &'static str,
    message_id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    parameters: &'a BTreeMap<String, ParameterValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    join_experience: Option<WireJoin<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    analytics_data: Option<WireAnalytics<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireJoin<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    launch_data: Option<&'a str>,
}

#[derive(Serialize)]
struct WireAnalytics<'a> {
    category: &'a str,
}

impl Endpoint for CreateNotification<'_> {
    type Output = UserNotification;
    const AREA: &'static str = "notifications";
    const OPERATION: &'static str = "create_user_notification";

    fn client(&self) -> &Client {
        self.user.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let user = self.user.id();
        if user == 0 {
            return Err(InvalidInput::new("user_id", "must be a positive user id").into());
        }
        if self.universe_id == 0 {
            return Err(InvalidInput::new("universe_id", "must be a positive universe id").into());
        }
        validate::non_empty("message_id", &self.message_id)?;
        if self.message_id.chars().any(char::is_control) {
            return Err(InvalidInput::new("message_id", "must not hold control characters").into());
        }
        for name in self.parameters.keys() {
            validate::non_empty("parameters", name)?;
        }
        if let Some(data) = &self.launch_data {
            validate::max_bytes("launch_data", data.as_bytes(), MAX_LAUNCH_DATA_BYTES)?;
        }
        let body = WireNotification {
            source: WireSource {
                universe: format!("universes/{}", self.universe_id),
            },
            payload: WirePayload {
                r#type: "MOMENT",
                message_id: &self.message_id,
                parameters: &self.parameters,
                join_experience: self.join_experience.then_some(WireJoin {
                    launch_data: self.launch_data.as_deref(),
                }),
                analytics_data: self
                    .analytics_category
                    .as_deref()
                    .map(|category| WireAnalytics { category }),
            },
        };
        let path = format!("{}/users/{user}/notifications", oc_core::v2::PREFIX);
        request::json(Method::POST, &path, &body)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<UserNotification, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(CreateNotification<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use oc_core::offline;

    fn user(id: u64) -> Result<User, Error> {
        Ok(Client::builder().api_key("k").build()?.user(id))
    }

    fn body(request: &http::Request<Body>) -> serde_json::Value {
        serde_json::from_slice(request.body().as_bytes().unwrap_or_default())
            .unwrap_or(serde_json::Value::Null)
    }

    #[test]
    fn builds_the_documented_body() -> Result<(), Error> {
        let user = user(505306092)?;
        let create = user
            .notify(96623001, "5dd7024b-68e3-ac4d-8232-4217f86ca244")
            .user_mention("friend", 3702832553)
            .parameter("points", "5")
            .launch_data("Test_Launch_Data")
            .analytics_category("Test_Analytics_Category");
        let request = offline::request(&create)?;
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "/cloud/v2/users/505306092/notifications");
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        assert_eq!(
            body(&request),
            serde_json::json!({"source":{"universe":"universes/96623001"},
             "payload":{"type":"MOMENT","messageId":"5dd7024b-68e3-ac4d-8232-4217f86ca244",
               "parameters":{"userId-friend":{"int64Value":3702832553_i64},"points":{"stringValue":"5"}},
               "joinExperience":{"launchData":"Test_Launch_Data"},
               "analyticsData":{"category":"Test_Analytics_Category"}}})
        );
        let bare = offline::request(&user.notify(1, "m"))?;
        assert_eq!(
            body(&bare),
            serde_json::json!({"source":{"universe":"universes/1"},"payload":{"type":"MOMENT","messageId":"m"}})
        );
        let joined = offline::request(&user.notify(1, "m").join_experience())?;
        assert_eq!(
            body(&joined)["payload"]["joinExperience"],
            serde_json::json!({})
        );
        let created = offline::respond(
            &create,
            200,
            &[],
            r#"{"path":"users/505306092/notifications/6ca4d981-36fa-4255-82a1-14d95c116889","id":"6ca4d981-36fa-4255-82a1-14d95c116889"}"#,
        )?;
        assert_eq!(created.id, "6ca4d981-36fa-4255-82a1-14d95c116889");
        Ok(())
    }
}
