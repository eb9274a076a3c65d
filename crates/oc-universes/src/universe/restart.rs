//! `POST /cloud/v2/universes/{universe_id}:restartServers`
//! (<https://create.roblox.com/docs/cloud/reference/Universe#Cloud_RestartUniverseServers>).

use bytes::Bytes;
use http::Method;
use oc_core::{request, Body, Client, Endpoint, Error, Idempotency, InvalidInput};
use serde::Serialize;

use crate::handles::UniverseHandle;
use crate::ids;

/// The shortest bleed-off, in minutes.
pub const MIN_BLEED_OFF_MINUTES: u32 = 1;
/// The longest bleed-off, in minutes.
pub const MAX_BLEED_OFF_MINUTES: u32 = 60;

impl UniverseHandle {
    /// Restarts the universe's servers, by default only those running an older version
    /// than the latest published one, in every active place. Not idempotent: it is never
    /// repeated once the service may have applied it.
    pub fn restart_servers(&self) -> RestartServers {
        RestartServers {
            universe: self.clone(),
            body: RestartBody::default(),
        }
    }
}

/// A restart of a universe's servers; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct RestartServers {
    universe: UniverseHandle,
    body: RestartBody,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct RestartBody {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    place_ids: Vec<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    close_all_versions: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bleed_off_servers: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bleed_off_duration_minutes: Option<u32>,
}

impl RestartServers {
    /// Restarts only the servers of these places (all active places when none is named).
    pub fn place_ids(mut self, place_ids: impl IntoIterator<Item = u64>) -> Self {
        self.body.place_ids.extend(place_ids);
        self
    }

    /// Restarts the servers of this place too (all active places when none is named).
    pub fn place_id(mut self, place_id: u64) -> Self {
        self.body.place_ids.push(place_id);
        self
    }

    /// `true`: restart every server, whatever version it runs; `false` (the service's
    /// default): only servers running an older version than the latest published one.
    pub fn close_all_versions(mut self, all: bool) -> Self {
        self.body.close_all_versions = Some(all);
        self
    }

    /// `true`: stop matchmaking to the old servers and shut them down after the bleed-off
    /// time instead of at once.
    pub fn bleed_off_servers(mut self, bleed_off: bool) -> Self {
        self.body.bleed_off_servers = Some(bleed_off);
        self
    }

    /// How long old servers stay up when bleeding off, in minutes (1 to 60); needs
    /// [`bleed_off_servers(true)`](RestartServers::bleed_off_servers).
    pub fn bleed_off_duration_minutes(mut self, minutes: u32) -> Self {
        self.body.bleed_off_duration_minutes = Some(minutes);
        self
    }

    /// Bleeds off old servers for `minutes` (1 to 60) before shutting them down.
    pub fn bleed_off(self, minutes: u32) -> Self {
        self.bleed_off_servers(true)
            .bleed_off_duration_minutes(minutes)
    }

    fn check(&self) -> Result<(), InvalidInput> {
        for place_id in &self.body.place_ids {
            ids::positive("place_ids", *place_id)?;
            if i64::try_from(*place_id).is_err() {
                return Err(InvalidInput::new("place_ids", "must fit in an int64"));
            }
        }
        if let Some(minutes) = self.body.bleed_off_duration_minutes {
            if !(MIN_BLEED_OFF_MINUTES..=MAX_BLEED_OFF_MINUTES).contains(&minutes) {
                return Err(InvalidInput::new(
                    "bleed_off_duration_minutes",
                    format!(
                        "{minutes} is outside {MIN_BLEED_OFF_MINUTES} to {MAX_BLEED_OFF_MINUTES}"
                    ),
                ));
            }
            if self.body.bleed_off_servers != Some(true) {
                return Err(InvalidInput::new(
                    "bleed_off_duration_minutes",
                    "is used only when bleeding off servers (bleed_off_servers(true))",
                ));
            }
        }
        Ok(())
    }
}

impl Endpoint for RestartServers {
    type Output = ();
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "restart_servers";

    fn client(&self) -> &Client {
        self.universe.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = format!("{}:restartServers", self.universe.path()?);
        self.check()?;
        request::json(Method::POST, &path, &self.body)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    /// The answer is an empty message (`{}`), which may later hold a status.
    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(static RestartServers);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceUniversesExt;
    use oc_core::offline;
    use serde_json::{json, Value};

    fn universe() -> Result<UniverseHandle, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(9)
            .universe())
    }

    fn body(request: &http::Request<Body>) -> Value {
        serde_json::from_slice(request.body().as_bytes().unwrap_or_default()).unwrap_or_default()
    }

    #[test]
    fn a_bare_restart_sends_an_empty_message_once() -> Result<(), Error> {
        let restart = universe()?.restart_servers();
        let request = offline::request(&restart)?;
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "/cloud/v2/universes/9:restartServers");
        assert_eq!(body(&request), json!({}));
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        offline::respond(&restart, 200, &[], "{}")?;
        offline::respond(&restart, 200, &[], "")?;
        Ok(())
    }

    #[test]
    fn every_documented_field_is_sent() -> Result<(), Error> {
        let restart = universe()?
            .restart_servers()
            .place_id(1)
            .place_ids([2, 3])
            .close_all_versions(true)
            .bleed_off(60);
        assert_eq!(
            body(&offline::request(&restart)?),
            json!({"placeIds": [1, 2, 3], "closeAllVersions": true,
                   "bleedOffServers": true, "bleedOffDurationMinutes": 60})
        );
        let plain = universe()?
            .restart_servers()
            .close_all_versions(false)
            .bleed_off_servers(false);
        assert_eq!(
            body(&offline::request(&plain)?),
            json!({"closeAllVersions": false, "bleedOffServers": false})
        );
        Ok(())
    }

    #[test]
    fn out_of_range_inputs_are_refused() -> Result<(), Error> {
        let field = |restart: RestartServers| match offline::request(&restart) {
            Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
            other => panic!("expected invalid input, got {other:?}"),
        };
        assert_eq!(
            field(universe()?.restart_servers().bleed_off(0)),
            "bleed_off_duration_minutes"
        );
        assert_eq!(
            field(universe()?.restart_servers().bleed_off(61)),
            "bleed_off_duration_minutes"
        );
        assert_eq!(
            field(universe()?.restart_servers().bleed_off_duration_minutes(5)),
            "bleed_off_duration_minutes"
        );
        assert_eq!(
            field(universe()?.restart_servers().place_id(0)),
            "place_ids"
        );
        assert_eq!(
            field(universe()?.restart_servers().place_id(u64::MAX)),
            "place_ids"
        );
        offline::request(&universe()?.restart_servers().bleed_off(1))?;
        let zero = Client::builder().api_key("k").build()?.experience(0);
        assert_eq!(field(zero.universe().restart_servers()), "universe_id");
        Ok(())
    }
}
