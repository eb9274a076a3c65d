//! Restart Universe Servers
//! (<https://create.roblox.com/docs/cloud/reference/features/universes>):
//! `POST /cloud/v2/universes/{universe_id}:restartServers`, every field optional; 200 with
//! `{}`. The emulator runs no servers: it records the restart for the handle.

use http::StatusCode;
use serde_json::{json, Value};

use super::state::{ServerRestart, UniversesState};
use super::universe::known_universe;
use crate::gateway::field_mask::field;
use crate::gateway::proto_json::{format_timestamp, int32, int64, message_body};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::V2Error;

/// Restart Universe Servers.
pub(super) fn restart_servers(ctx: &Ctx<'_>) -> Reply {
    match try_restart(ctx) {
        Ok(reply) => reply,
        Err(error) => error.reply(),
    }
}

fn flag(body: &serde_json::Map<String, Value>, name: &str) -> Result<bool, V2Error> {
    match field(body, name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(on)) => Ok(*on),
        Some(_) => Err(V2Error::invalid_argument(format!(
            "{name} must be a boolean."
        ))),
    }
}

fn try_restart(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let universe = known_universe(ctx)?;
    let body = message_body(&ctx.body)?;
    let places = ctx.state.world.places_of(universe);
    let place_ids = match field(&body, "placeIds") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(ids)) => ids
            .iter()
            .map(|id| {
                int64(id)
                    .and_then(|id| u64::try_from(id).ok())
                    .filter(|id| places.contains(id))
                    // A place of another universe is refused (inferred).
                    .ok_or_else(|| {
                        V2Error::invalid_argument(format!(
                            "placeIds holds {id}, which is not a place of universe {universe}."
                        ))
                    })
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(V2Error::invalid_argument(
                "placeIds must be a list of place ids.",
            ))
        }
    };
    let close_all_versions = flag(&body, "closeAllVersions")?;
    let bleed_off_servers = flag(&body, "bleedOffServers")?;
    // The duration counts only when bleeding off; it is 1 to 60 minutes.
    let bleed_off_duration_minutes = match field(&body, "bleedOffDurationMinutes") {
        Some(value) if bleed_off_servers && !value.is_null() => match int32(value) {
            Some(minutes) if (1..=60).contains(&minutes) => Some(minutes),
            _ => {
                return Err(V2Error::invalid_argument(
                    "bleedOffDurationMinutes must be between 1 and 60.",
                ))
            }
        },
        _ => None,
    };
    ctx.area::<UniversesState>().record_restart(ServerRestart {
        universe_id: universe,
        place_ids,
        close_all_versions,
        bleed_off_servers,
        bleed_off_duration_minutes,
        time: format_timestamp(ctx.state.clock.now_utc()),
    });
    Ok(responses::json(StatusCode::OK, &json!({})))
}
