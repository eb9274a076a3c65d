//! Get User: the world's name and display name with the area's profile.

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::state::UsersState;
use super::user_of;
use crate::gateway::proto_json::{format_timestamp, parse_timestamp};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::V2Error;

/// The scope that adds `idVerified`.
const ADVANCED: &str = "user.advanced:read";
/// The scope that adds `socialNetworkProfiles`.
const SOCIAL: &str = "user.social:read";

/// Get User.
pub(super) fn get(ctx: &Ctx<'_>) -> Reply {
    try_get(ctx).unwrap_or_else(|error| error.reply())
}

fn try_get(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let world_user = user_of(ctx)?;
    let user = world_user.id;
    let area = ctx.area::<UsersState>();
    let profile = area.profile(user);
    let create_time = profile
        .create_time
        .as_deref()
        .and_then(parse_timestamp)
        .unwrap_or(area.started);
    let mut body = Map::new();
    body.insert("path".into(), json!(format!("users/{user}")));
    body.insert("createTime".into(), json!(format_timestamp(create_time)));
    body.insert("id".into(), json!(user.to_string()));
    body.insert("name".into(), json!(world_user.name));
    body.insert(
        "displayName".into(),
        json!(world_user.display_name.unwrap_or(world_user.name)),
    );
    body.insert("about".into(), json!(profile.about));
    body.insert("locale".into(), json!(profile.locale));
    body.insert("premium".into(), json!(profile.premium));
    // The scope-gated fields are left out without their scope (inferred: the reference
    // says the scope is needed, not what is answered without it).
    if ctx.credential.allows(None, ADVANCED) {
        body.insert("idVerified".into(), json!(profile.id_verified));
    }
    if ctx.credential.allows(None, SOCIAL) {
        body.insert(
            "socialNetworkProfiles".into(),
            json!({
                "facebook": profile.facebook,
                "twitter": profile.twitter,
                "youtube": profile.youtube,
                "twitch": profile.twitch,
                "guilded": profile.guilded,
                "visibility": profile.social_visibility,
            }),
        );
    }
    Ok(responses::json(StatusCode::OK, &Value::Object(body)))
}
