//! Typed notifications: the common fields and a payload per event type.

use std::fmt;

use oc_core::{Client, Experience};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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
    /// `EventTime`: when the event happened, with the offset it was written with (Roblox
    /// writes UTC, as .NET does: `2023-12-30T16:24:24.2118874Z`, seven fractional digits).
    pub event_time: OffsetDateTime,
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

/// The top-level fields.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "PascalCase")]
enum Field {
    NotificationId,
    EventType,
    EventTime,
    EventPayload,
    #[serde(other)]
    Other,
}

/// The payload, typed when `EventType` came before it (as Roblox sends it), raw when not.
enum Payload {
    Typed(Event),
    Raw(Value),
}

/// A notification's fields, read in one pass.
struct Raw {
    notification_id: String,
    event_type: String,
    event_time: String,
    payload: Option<Payload>,
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;

        impl<'de> de::Visitor<'de> for RawVisitor {
            type Value = Raw;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a notification object")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
                let mut id = None;
                let mut event_type: Option<String> = None;
                let mut time = None;
                let mut payload = None;
                while let Some(field) = map.next_key::<Field>()? {
                    match field {
                        Field::NotificationId => set(&mut id, "NotificationId", map.next_value()?)?,
                        Field::EventType => set(&mut event_type, "EventType", map.next_value()?)?,
                        Field::EventTime => set(&mut time, "EventTime", map.next_value()?)?,
                        Field::EventPayload => {
                            let value = match event_type.as_deref() {
                                Some(SAMPLE_NOTIFICATION) => Payload::Typed(Event::Sample(
                                    map.next_value::<RawSample>()?.into(),
                                )),
                                Some(RIGHT_TO_ERASURE_REQUEST) => Payload::Typed(
                                    Event::RightToErasure(map.next_value::<RawErasure>()?.into()),
                                ),
                                _ => Payload::Raw(map.next_value()?),
                            };
                            set(&mut payload, "EventPayload", value)?;
                        }
                        Field::Other => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Raw {
                    notification_id: id
                        .ok_or_else(|| de::Error::missing_field("NotificationId"))?,
                    event_type: event_type.ok_or_else(|| de::Error::missing_field("EventType"))?,
                    event_time: time.ok_or_else(|| de::Error::missing_field("EventTime"))?,
                    payload,
                })
            }
        }

        /// Fills `slot`, refusing a field given twice.
        fn set<T, E: de::Error>(
            slot: &mut Option<T>,
            name: &'static str,
            value: T,
        ) -> Result<(), E> {
            if slot.is_some() {
                return Err(E::duplicate_field(name));
            }
            *slot = Some(value);
            Ok(())
        }

        deserializer.deserialize_map(RawVisitor)
    }
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
        let event_time = parse_event_time(&raw.event_time)
            .map_err(|e| ParseError::new(format!("EventTime {:?}: {e}", raw.event_time)))?;
        let typed = |value: Value| -> Result<Event, ParseError> {
            let invalid = |e: serde_json::Error| ParseError::new(format!("EventPayload: {e}"));
            Ok(match raw.event_type.as_str() {
                SAMPLE_NOTIFICATION => {
                    Event::Sample(RawSample::deserialize(value).map_err(invalid)?.into())
                }
                RIGHT_TO_ERASURE_REQUEST => {
                    Event::RightToErasure(RawErasure::deserialize(value).map_err(invalid)?.into())
                }
                _ => Event::Unknown(value),
            })
        };
        let event = match raw.payload {
            Some(Payload::Typed(event)) => event,
            Some(Payload::Raw(value)) => typed(value)?,
            None => typed(Value::Null)?,
        };
        Ok(Notification {
            id: raw.notification_id,
            event_type: raw.event_type,
            event_time,
            event,
        })
    }
}

impl From<RawSample> for SampleNotification {
    fn from(raw: RawSample) -> Self {
        SampleNotification {
            user_id: raw.user_id,
        }
    }
}

impl From<RawErasure> for RightToErasureRequest {
    fn from(raw: RawErasure) -> Self {
        RightToErasureRequest {
            user_id: raw.user_id,
            universe_ids: raw.game_ids,
        }
    }
}

/// An RFC 3339 timestamp (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`), any number of
/// fractional digits (nanoseconds kept).
fn parse_event_time(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    OffsetDateTime::parse(text, &Rfc3339)
}

/// An id written as a JSON number or as a string of digits.
fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    struct IdVisitor;

    impl de::Visitor<'_> for IdVisitor {
        type Value = u64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (a non-negative integer, or one in a string)")
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
            Ok(value)
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<u64, E> {
            value
                .parse()
                .map_err(|_| E::custom(format!("{value:?} is not an id")))
        }
    }

    deserializer.deserialize_any(IdVisitor)
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
        assert_eq!(sample.event_time.unix_timestamp(), 1_703_953_464);
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
    fn the_payload_may_come_before_the_type() -> Result<(), ParseError> {
        let late = Notification::parse(
            br#"{"EventPayload":{"UserId":5,"GameIds":["7"]},"EventTime":"2024-01-01T00:00:00Z","EventType":"RightToErasureRequest","NotificationId":"n"}"#,
        )?;
        assert_eq!(
            late.event,
            Event::RightToErasure(RightToErasureRequest {
                user_id: 5,
                universe_ids: vec![7]
            })
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
            br#"{"NotificationId":"a","NotificationId":"b","EventType":"SampleNotification","EventTime":"2024-01-01T00:00:00Z","EventPayload":{"UserId":1}}"#,
            br#"{"EventPayload":{},"NotificationId":"n","EventType":"SampleNotification","EventTime":"2024-01-01T00:00:00Z"}"#,
        ] {
            assert!(
                Notification::parse(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn dotnet_timestamps_parse() -> Result<(), time::error::Parse> {
        let time = parse_event_time("2023-12-30T16:24:24.2118874Z")?;
        assert_eq!(time.unix_timestamp(), 1_703_953_464);
        assert_eq!(time.nanosecond(), 211_887_400);
        assert_eq!(
            std::time::SystemTime::from(time),
            std::time::UNIX_EPOCH + std::time::Duration::new(1_703_953_464, 211_887_400)
        );
        let offset = parse_event_time("2023-12-30T18:24:24+02:00")?;
        assert_eq!(offset.unix_timestamp(), 1_703_953_464);
        assert_eq!(offset.offset().whole_hours(), 2);
        let leap = parse_event_time("2000-02-29T00:00:00Z")?;
        assert_eq!(leap.unix_timestamp(), 951_782_400);
        let old = parse_event_time("1969-12-31T23:59:59.5Z")?;
        assert_eq!((old.unix_timestamp(), old.nanosecond()), (-1, 500_000_000));
        // RFC 3339 puts no bound on the fractional digits: beyond nanoseconds they are cut.
        let long = parse_event_time("2023-12-30T16:24:24.1234567899z")?;
        assert_eq!(long.nanosecond(), 123_456_789);
        Ok(())
    }

    #[test]
    fn other_text_is_refused() {
        for bad in [
            "",
            "2023-12-30",
            "2023-12-30T16:24:24",
            "2023-13-30T16:24:24Z",
            "2023-02-29T16:24:24Z",
            "2023-12-30T16:24:24.Z",
            "2023-12-30T16:24:24.12x",
            "2023-12-30T24:00:00Z",
            "２023-12-30T16:24:24Z",
            "2023-12-30T16:24:24+2:00",
        ] {
            assert!(parse_event_time(bad).is_err(), "{bad:?}");
        }
    }
}
