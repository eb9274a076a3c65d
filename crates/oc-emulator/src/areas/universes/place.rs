//! Get Place and Update Place
//! (<https://create.roblox.com/docs/cloud/reference/features/places>).

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::config::PlaceSettings;
use super::state::{Record, UniversesState};
use super::universe::known_universe;
use crate::gateway::field_mask::{apply_update, field, FieldMask, UpdatableFields};
use crate::gateway::proto_json::{format_timestamp, int32, message_body};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// What Update Place writes and ignores (`templatePlace` is create-only).
const FIELDS: UpdatableFields = UpdatableFields {
    writable: &["displayName", "description", "serverSize"],
    read_only: &[
        "path",
        "createTime",
        "updateTime",
        "root",
        "universeRuntimeCreation",
        "templatePlace",
    ],
};

/// The writable part of the settings, as JSON.
fn writable_json(settings: &PlaceSettings) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("displayName".into(), json!(settings.name()));
    fields.insert("description".into(), json!(settings.description));
    fields.insert("serverSize".into(), json!(settings.server_size));
    fields
}

/// The settings the writable JSON describes; a cleared field takes its default.
fn from_writable_json(
    base: &PlaceSettings,
    fields: &Map<String, Value>,
) -> Result<PlaceSettings, V2Error> {
    let mut settings = base.clone();
    settings.display_name = match field(fields, "displayName") {
        None => None,
        Some(Value::String(name)) if !name.trim().is_empty() => Some(name.clone()),
        // An empty name is refused (inferred; the reference gives no rule).
        Some(_) => {
            return Err(V2Error::invalid_argument(
                "displayName must be a non-empty string.",
            ))
        }
    };
    settings.description = match field(fields, "description") {
        None => String::new(),
        Some(Value::String(description)) => description.clone(),
        Some(_) => return Err(V2Error::invalid_argument("description must be a string.")),
    };
    settings.server_size = match field(fields, "serverSize") {
        None => PlaceSettings::new(base.universe, base.place).server_size,
        Some(value) => match int32(value).map(u32::try_from) {
            Some(Ok(size)) if size > 0 => size,
            _ => {
                return Err(V2Error::invalid_argument(
                    "serverSize must be a whole number above 0.",
                ))
            }
        },
    };
    Ok(settings)
}

/// A place's JSON.
fn place_json(record: &Record<PlaceSettings>, root: bool) -> Value {
    let settings = &record.settings;
    let mut body = Map::new();
    body.insert(
        "path".into(),
        json!(format!(
            "universes/{}/places/{}",
            settings.universe, settings.place
        )),
    );
    body.insert(
        "createTime".into(),
        json!(format_timestamp(record.create_time)),
    );
    body.insert(
        "updateTime".into(),
        json!(format_timestamp(record.update_time)),
    );
    body.extend(writable_json(settings));
    body.insert("root".into(), json!(root));
    body.insert(
        "universeRuntimeCreation".into(),
        json!(settings.universe_runtime_creation),
    );
    Value::Object(body)
}

/// The universe and place of the path, the place part of the universe, and whether it
/// is the root place.
fn known_place(ctx: &Ctx<'_>) -> Result<(u64, u64, bool), V2Error> {
    let universe = known_universe(ctx)?;
    let places = ctx.state.world.places_of(universe);
    let place = ctx
        .param("place_id")
        .and_then(|p| p.parse::<u64>().ok())
        .ok_or_else(|| V2Error::invalid_argument("Invalid place id."))?;
    if !places.contains(&place) {
        // 404 for a place that is not in the universe (inferred).
        return Err(V2Error::new(
            V2Code::NotFound,
            "The place does not exist in this universe.",
        ));
    }
    Ok((universe, place, places.first() == Some(&place)))
}

/// Get Place.
pub(super) fn get(ctx: &Ctx<'_>) -> Reply {
    let (universe, place, root) = match known_place(ctx) {
        Ok(found) => found,
        Err(error) => return error.reply(),
    };
    let area = ctx.area::<UniversesState>();
    let mut data = lock(&area.data);
    let record = data.place(universe, place, ctx.state.clock.now_utc());
    responses::json(StatusCode::OK, &place_json(record, root))
}

/// Update Place: 409 `ABORTED` while it is open in Team Create.
pub(super) fn update(ctx: &Ctx<'_>) -> Reply {
    match try_update(ctx) {
        Ok(reply) => reply,
        Err(error) => error.reply(),
    }
}

fn try_update(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let (universe, place, root) = known_place(ctx)?;
    let mask = FieldMask::from_query(&ctx.query)?;
    let body = message_body(&ctx.body)?;
    let area = ctx.area::<UniversesState>();
    let mut data = lock(&area.data);
    let now = ctx.state.clock.now_utc();
    let record = data.place(universe, place, now);
    if record.settings.team_create_active {
        return Err(V2Error::new(
            V2Code::Aborted,
            "The place is open in an active Team Create session.",
        ));
    }
    let mut fields = writable_json(&record.settings);
    apply_update(&mut fields, &body, mask.as_ref(), FIELDS)?;
    record.settings = from_writable_json(&record.settings, &fields)?;
    record.update_time = now;
    let answer = place_json(record, root);
    if root {
        // The root place's name and description are the universe's.
        data.universe(universe, now).update_time = now;
    }
    Ok(responses::json(StatusCode::OK, &answer))
}
