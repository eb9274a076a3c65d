//! Typed notifications: the common fields and a payload per event type.

use std::fmt;

use oc_core::{Client, Experience};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

use crate::event_time::EventTime;

/// The `EventType` of the test notification sent from the Creator Hub.
pub const SAMPLE_NOTIFICATION: &str = "SampleNotification";
/// The `EventType` of a right-to-erasure request.
pub const RIGHT_TO_ERASURE_REQUEST: &str = "RightToErasureRequest";

/// One notification, as Roblox delivers it.
///
/// Fields this version does not know are ignored, so a new field Roblox adds breaks
/// nothing.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Notification {
    /// `NotificationId`: the same on every retry of one delivery; deduplicate on it.
    pub id: String,
    /// `EventType`, as sent.
    pub event_type: String,
    /// `EventTime`.
    pub event_time: EventTime,
    /// `EventPayload`, typed by event type.
    pub event: Event,
}

/// The payload of a notification.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// The test notification the Creator Hub sends.
    Sample(SampleNotification),
    /// A user asked for their data to be erased (GDPR / CCPA).
    RightToErasure(RightToErasureRequest),
    /// An event type this version does not model (subscriptions, commerce, ...): the raw
    /// `EventPayload`.
    Unknown(Value),
}

/// `SampleNotification`: `{"UserId": 1}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SampleNotification {
    /// The user who sent the test notification.
    pub user_id: u64,
}

/// `RightToErasureRequest`: `{"UserId": 1, "GameIds": [1234, 2345]}`.
///
/// The `GameIds` are universe ids. [`RightToErasureRequest::experiences`] turns them into
/// [`Experience`] handles on a client of yours, so a handler can remove the user's keys
/// from each experience's data stores (with the data stores crate).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RightToErasureRequest {
    /// The user whose data must be erased.
    pub user_id: u64,
    /// The universes (experiences) that hold data about the user.
    pub universe_ids: Vec<u64>,
}

impl RightToErasureRequest {
    /// One [`Experience`] handle per universe, on `client` (which needs a credential
    /// allowed to delete data store entries in those universes).
    pub fn experiences(&self, client: &Client) -> Vec<Experience> {
        self.universe_ids
            .iter()
            .map(|&id| client.experience(id))
            .collect()
    }
}

/// Why a body is not a notification (answered 400).
#[derive(Debug)]
#[non_exhaustive]
pub struct ParseError {
    reason: String,
}

impl ParseError {
    fn new(reason: impl Into<String>) -> Self {
        ParseError {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a webhook notification: {}", self.reason)
    }
}

impl std::error::Error for ParseError {}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Raw {
    notification_id: String,
    event_type: String,
    event_time: String,
    #[serde(default)]
    event_payload: Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawSample {
    #[serde(deserialize_with = "id")]
    user_id: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawErasure {
    #[serde(deserialize_with = "id")]
    user_id: u64,
    #[serde(default, deserialize_with = "ids")]
    game_ids: Vec<u64>,
}

impl Notification {
    /// Parses a delivery body. Does not check the signature: see
    /// [`Webhook::verify_and_parse`](crate::Webhook::verify_and_parse).
    pub fn parse(body: &[u8]) -> Result<Notification, ParseError> {
        let raw: Raw = serde_json::from_slice(body).map_err(|e| ParseError::new(e.to_string()))?;
        let event_time = EventTime::parse(&raw.event_time)
            .ok_or_else(|| ParseError::new(format!("EventTime {:?}", raw.event_time)))?;
        let event = match raw.event_type.as_str() {
            SAMPLE_NOTIFICATION => {
                let payload = RawSample::deserialize(&raw.event_payload)
                    .map_err(|e| ParseError::new(format!("EventPayload: {e}")))?;
                Event::Sample(SampleNotification {
                    user_id: payload.user_id,
                })
            }
            RIGHT_TO_ERASURE_REQUEST => {
                let payload = RawErasure::deserialize(&raw.event_payload)
                    .map_err(|e| ParseError::new(format!("EventPayload: {e}")))?;
                Event::RightToErasure(RightToErasureRequest {
                    user_id: payload.user_id,
                    universe_ids: payload.game_ids,
                })
            }
            _ => Event::Unknown(raw.event_payload),
        };
        Ok(Notification {
            id: raw.notification_id,
            event_type: raw.event_type,
            event_time,
            event,
        })
    }
}

/// An id written as a JSON number or as a string of digits.
fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flexible {
        Number(u64),
        Text(String),
    }
    match Flexible::deserialize(deserializer)? {
        Flexible::Number(n) => Ok(n),
        Flexible::Text(text) => text
            .parse()
            .map_err(|_| de::Error::custom(format!("{text:?} is not an id"))),
    }
}

/// A list of [`id`]s.
fn ids<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
    #[derive(Deserialize)]
    struct Id(#[serde(deserialize_with = "id")] u64);
    let list = Vec::<Id>::deserialize(deserializer)?;
    Ok(list.into_iter().map(|Id(n)| n).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_payloads_parse() -> Result<(), ParseError> {
        let sample = Notification::parse(
            br#"{"NotificationId":"string","EventType":"SampleNotification","EventTime":"2023-12-30T16:24:24.2118874Z","EventPayload":{"UserId":1}}"#,
        )?;
        assert_eq!(sample.id, "string");
        assert_eq!(sample.event_type, SAMPLE_NOTIFICATION);
        assert_eq!(sample.event_time.unix_seconds(), 1_703_953_464);
        assert_eq!(
            sample.event,
            Event::Sample(SampleNotification { user_id: 1 })
        );

        let erasure = Notification::parse(
            br#"{"NotificationId":"string","EventType":"RightToErasureRequest","EventTime":"2023-12-30T16:24:24.2118874Z",
 "EventPayload":{"UserId":1,"GameIds":[1234,2345]}}"#,
        )?;
        let Event::RightToErasure(request) = &erasure.event else {
            panic!("expected an erasure request, got {erasure:?}");
        };
        assert_eq!(request.user_id, 1);
        assert_eq!(request.universe_ids, [1234, 2345]);
        Ok(())
    }

    #[test]
    fn erasure_requests_give_experience_handles() -> Result<(), Box<dyn std::error::Error>> {
        let client = Client::builder().api_key("k").build()?;
        let request = RightToErasureRequest {
            user_id: 9,
            universe_ids: vec![1, 2],
        };
        let universes: Vec<u64> = request
            .experiences(&client)
            .iter()
            .map(Experience::universe_id)
            .collect();
        assert_eq!(universes, [1, 2]);
        Ok(())
    }

    #[test]
    fn unknown_types_and_fields_are_kept_or_ignored() -> Result<(), ParseError> {
        let unknown = Notification::parse(
            br#"{"NotificationId":"n","EventType":"SubscriptionRefunded","EventTime":"2024-01-01T00:00:00Z","EventPayload":{"ProductId":"x"},"Extra":1}"#,
        )?;
        assert_eq!(unknown.event_type, "SubscriptionRefunded");
        assert_eq!(
            unknown.event,
            Event::Unknown(serde_json::json!({"ProductId": "x"}))
        );
        let extra = Notification::parse(
            br#"{"Future":[1],"NotificationId":"n","EventType":"SampleNotification","EventTime":"2024-01-01T00:00:00.1234567Z","EventPayload":{"UserId":"42","More":true}}"#,
        )?;
        assert_eq!(
            extra.event,
            Event::Sample(SampleNotification { user_id: 42 })
        );
        Ok(())
    }

    #[test]
    fn other_bodies_are_refused() {
        for bad in [
            &b""[..],
            b"null",
            b"[]",
            b"{}",
            b"not json",
            br#"{"NotificationId":"n","EventType":"SampleNotification","EventTime":"yesterday","EventPayload":{"UserId":1}}"#,
            br#"{"NotificationId":"n","EventType":"SampleNotification","EventTime":"2024-01-01T00:00:00Z","EventPayload":{}}"#,
            br#"{"NotificationId":"n","EventType":"RightToErasureRequest","EventTime":"2024-01-01T00:00:00Z","EventPayload":{"UserId":-1}}"#,
            br#"{"NotificationId":1,"EventType":"SampleNotification","EventTime":"2024-01-01T00:00:00Z","EventPayload":{"UserId":1}}"#,
        ] {
            assert!(
                Notification::parse(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
