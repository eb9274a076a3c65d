//! The place resource (<https://create.roblox.com/docs/cloud/reference/Place>) and its
//! calls: get and update.

mod get;
mod update;

pub use get::GetPlace;
pub use update::UpdatePlace;

use oc_core::time::OffsetDateTime;
use serde::Deserialize;

use crate::absent::or_default;

/// A place of a universe, as the service answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "WirePlace")]
#[non_exhaustive]
pub struct Place {
    /// The resource path (`universes/123/places/456`).
    pub path: String,
    /// The universe id.
    pub universe_id: u64,
    /// The place id.
    pub id: u64,
    /// When the place was created.
    pub create_time: Option<OffsetDateTime>,
    /// When the place was last updated.
    pub update_time: Option<OffsetDateTime>,
    /// The name (the root place's name is the universe's name).
    pub display_name: String,
    /// The description (the root place's description is the universe's).
    pub description: String,
    /// The most players a server of the place holds, when given.
    pub server_size: Option<u32>,
    /// Whether this is the universe's root place (a universe has exactly one).
    pub root: bool,
    /// Whether the place was created in-game (`AssetService:CreatePlaceAsync()`).
    pub universe_runtime_creation: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePlace {
    #[serde(default, deserialize_with = "or_default")]
    path: String,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    update_time: Option<OffsetDateTime>,
    #[serde(default, deserialize_with = "or_default")]
    display_name: String,
    #[serde(default, deserialize_with = "or_default")]
    description: String,
    #[serde(default)]
    server_size: Option<ServerSize>,
    #[serde(default, deserialize_with = "or_default")]
    root: bool,
    #[serde(default, deserialize_with = "or_default")]
    universe_runtime_creation: bool,
}

#[derive(Deserialize)]
struct ServerSize(#[serde(with = "oc_core::v2::ids::int64")] u32);

/// The universe and place ids of `universes/{u}/places/{p}`.
fn place_ids(path: &str) -> Option<(u64, u64)> {
    match path
        .trim_start_matches('/')
        .split('/')
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["universes", universe, "places", place] => {
            Some((universe.parse().ok()?, place.parse().ok()?))
        }
        _ => None,
    }
}

impl TryFrom<WirePlace> for Place {
    type Error = String;

    fn try_from(wire: WirePlace) -> Result<Self, String> {
        let (universe_id, id) =
            place_ids(&wire.path).ok_or_else(|| format!("not a place path: {:?}", wire.path))?;
        Ok(Place {
            path: wire.path,
            universe_id,
            id,
            create_time: wire.create_time,
            update_time: wire.update_time,
            display_name: wire.display_name,
            description: wire.description,
            server_size: wire.server_size.map(|s| s.0),
            root: wire.root,
            universe_runtime_creation: wire.universe_runtime_creation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_captured_answer_parses() -> Result<(), serde_json::Error> {
        let place: Place = serde_json::from_str(
            r#"{"path":"universes/5795192361/places/16866553538","createTime":"2024-03-25T10:42:46.297Z",
            "updateTime":"2024-05-13T10:21:20.247157600Z","displayName":"Hello World","description":"",
            "serverSize":50}"#,
        )?;
        assert_eq!(
            (place.universe_id, place.id),
            (5_795_192_361, 16_866_553_538)
        );
        assert_eq!(place.display_name, "Hello World");
        assert_eq!(place.server_size, Some(50));
        assert!(!place.root && !place.universe_runtime_creation);
        assert_eq!(place.update_time.map(|t| t.nanosecond()), Some(247_157_600));

        let root: Place = serde_json::from_str(
            r#"{"path":"universes/1/places/2","root":true,"universeRuntimeCreation":false,
            "serverSize":"12","description":null,"templatePlace":"ignored"}"#,
        )?;
        assert!(root.root);
        assert_eq!(root.server_size, Some(12));
        for bad in [
            r#"{"path":"universes/1"}"#,
            r#"{"path":"universes/1/places/x"}"#,
            "{}",
        ] {
            assert!(serde_json::from_str::<Place>(bad).is_err(), "{bad}");
        }
        Ok(())
    }
}
