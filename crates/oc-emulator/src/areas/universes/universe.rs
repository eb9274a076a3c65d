//! Get Universe and Update Universe
//! (<https://create.roblox.com/docs/cloud/reference/features/universes>).

use http::StatusCode;
use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use super::config::{SocialLink, UniverseSettings};
use super::state::{UniversesData, UniversesState};
use crate::gateway::field_mask::{apply_update, field, FieldMask, UpdatableFields};
use crate::gateway::proto_json::{format_timestamp, int32, message_body};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;
use crate::world::{Owner, World};

/// A social link field: its JSON name and where the settings keep it.
type LinkField = (
    &'static str,
    fn(&mut UniverseSettings) -> &mut Option<SocialLink>,
);

/// The seven social links.
const LINKS: [LinkField; 7] = [
    ("facebookSocialLink", |s| &mut s.facebook_social_link),
    ("twitterSocialLink", |s| &mut s.twitter_social_link),
    ("youtubeSocialLink", |s| &mut s.youtube_social_link),
    ("twitchSocialLink", |s| &mut s.twitch_social_link),
    ("discordSocialLink", |s| &mut s.discord_social_link),
    ("robloxGroupSocialLink", |s| &mut s.roblox_group_social_link),
    ("guildedSocialLink", |s| &mut s.guilded_social_link),
];

/// A boolean field: its JSON name and where the settings keep it.
type FlagField = (&'static str, fn(&mut UniverseSettings) -> &mut bool);

/// The writable booleans.
const FLAGS: [FlagField; 6] = [
    ("voiceChatEnabled", |s| &mut s.voice_chat_enabled),
    ("desktopEnabled", |s| &mut s.desktop_enabled),
    ("mobileEnabled", |s| &mut s.mobile_enabled),
    ("tabletEnabled", |s| &mut s.tablet_enabled),
    ("consoleEnabled", |s| &mut s.console_enabled),
    ("vrEnabled", |s| &mut s.vr_enabled),
];

/// What Update Universe writes and ignores. `displayName` and `description` are the root
/// place's, `visibility` and `ageRating` are read-only (the reference's text still
/// describes writing `visibility`, but the field is marked read-only: it is ignored).
const FIELDS: UpdatableFields = UpdatableFields {
    writable: &[
        "facebookSocialLink",
        "twitterSocialLink",
        "youtubeSocialLink",
        "twitchSocialLink",
        "discordSocialLink",
        "robloxGroupSocialLink",
        "guildedSocialLink",
        "voiceChatEnabled",
        "privateServerPriceRobux",
        "desktopEnabled",
        "mobileEnabled",
        "tabletEnabled",
        "consoleEnabled",
        "vrEnabled",
    ],
    read_only: &[
        "path",
        "createTime",
        "updateTime",
        "displayName",
        "description",
        "user",
        "group",
        "visibility",
        "ageRating",
        "rootPlace",
        "templateRootPlace",
    ],
};

/// The writable part of the settings, as JSON.
fn writable_json(settings: &UniverseSettings) -> Map<String, Value> {
    let mut copy = settings.clone();
    let mut fields = Map::new();
    for (name, flag) in FLAGS {
        fields.insert(name.into(), json!(*flag(&mut copy)));
    }
    if let Some(price) = settings.private_server_price_robux {
        fields.insert("privateServerPriceRobux".into(), json!(price));
    }
    for (name, link) in LINKS {
        if let Some(link) = link(&mut copy) {
            fields.insert(name.into(), json!({ "title": link.title, "uri": link.uri }));
        }
    }
    fields
}

/// The settings the writable JSON describes; a field that is absent was cleared.
fn from_writable_json(
    base: &UniverseSettings,
    fields: &Map<String, Value>,
) -> Result<UniverseSettings, V2Error> {
    let mut settings = base.clone();
    let invalid = |name: &str, what: &str| V2Error::invalid_argument(format!("{name} {what}."));
    for (name, flag) in FLAGS {
        *flag(&mut settings) = match field(fields, name) {
            None => false,
            Some(Value::Bool(on)) => *on,
            Some(_) => return Err(invalid(name, "must be a boolean")),
        };
    }
    settings.private_server_price_robux = match field(fields, "privateServerPriceRobux") {
        None => None,
        Some(value) => match int32(value).map(u32::try_from) {
            Some(Ok(price)) => Some(price),
            _ => {
                return Err(invalid(
                    "privateServerPriceRobux",
                    "must be a whole number of Robux, 0 or more",
                ))
            }
        },
    };
    for (name, link) in LINKS {
        *link(&mut settings) = match field(fields, name) {
            None => None,
            Some(Value::Object(object)) => {
                let text = |part: &str| match field(object, part) {
                    None | Some(Value::Null) => Ok(String::new()),
                    Some(Value::String(text)) => Ok(text.clone()),
                    Some(_) => Err(invalid(name, &format!("{part} must be a string"))),
                };
                Some(SocialLink {
                    title: text("title")?,
                    uri: text("uri")?,
                })
            }
            Some(_) => return Err(invalid(name, "must be an object with a title and a uri")),
        };
    }
    Ok(settings)
}

/// A universe's JSON. Its name and description are its root place's.
pub(super) fn universe_json(
    world: &World,
    data: &mut UniversesData,
    universe: u64,
    now: OffsetDateTime,
) -> Value {
    let root = world.places_of(universe).first().copied();
    let (display_name, description) = match root {
        Some(place) => {
            let record = data.place(universe, place, now);
            (record.settings.name(), record.settings.description.clone())
        }
        None => (format!("Universe {universe}"), String::new()),
    };
    let record = data.universe(universe, now);
    let mut body = Map::new();
    body.insert("path".into(), json!(format!("universes/{universe}")));
    body.insert(
        "createTime".into(),
        json!(format_timestamp(record.create_time)),
    );
    body.insert(
        "updateTime".into(),
        json!(format_timestamp(record.update_time)),
    );
    body.insert("displayName".into(), json!(display_name));
    body.insert("description".into(), json!(description));
    match world.universe_owner(universe) {
        Some(Owner::User(user)) => body.insert("user".into(), json!(format!("users/{user}"))),
        Some(Owner::Group(group)) => body.insert("group".into(), json!(format!("groups/{group}"))),
        None => None,
    };
    body.insert("visibility".into(), json!(record.settings.visibility));
    body.insert("ageRating".into(), json!(record.settings.age_rating));
    body.extend(writable_json(&record.settings));
    if let Some(place) = root {
        body.insert(
            "rootPlace".into(),
            json!(format!("universes/{universe}/places/{place}")),
        );
    }
    Value::Object(body)
}

/// The universe of the path, known to the world.
pub(super) fn known_universe(ctx: &Ctx<'_>) -> Result<u64, V2Error> {
    let universe = ctx.universe.unwrap_or_default();
    if ctx.state.world.has_universe(universe) {
        Ok(universe)
    } else {
        // 404 for an unknown universe (inferred; the reference lists no error bodies).
        Err(V2Error::new(
            V2Code::NotFound,
            "The universe does not exist.",
        ))
    }
}

/// Get Universe.
pub(super) fn get(ctx: &Ctx<'_>) -> Reply {
    let universe = match known_universe(ctx) {
        Ok(universe) => universe,
        Err(error) => return error.reply(),
    };
    let area = ctx.area::<UniversesState>();
    let mut data = lock(&area.data);
    let now = ctx.state.clock.now_utc();
    let body = universe_json(&ctx.state.world, &mut data, universe, now);
    responses::json(StatusCode::OK, &body)
}

/// Update Universe: the fields of the mask (or, without one, those in the body).
pub(super) fn update(ctx: &Ctx<'_>) -> Reply {
    match try_update(ctx) {
        Ok(reply) => reply,
        Err(error) => error.reply(),
    }
}

fn try_update(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let universe = known_universe(ctx)?;
    let mask = FieldMask::from_query(&ctx.query)?;
    let body = message_body(&ctx.body)?;
    let area = ctx.area::<UniversesState>();
    let mut data = lock(&area.data);
    let now = ctx.state.clock.now_utc();
    let record = data.universe(universe, now);
    let mut fields = writable_json(&record.settings);
    apply_update(&mut fields, &body, mask.as_ref(), FIELDS)?;
    let updated = from_writable_json(&record.settings, &fields)?;
    // Turning private servers off (or changing their price) would also end the
    // private-server subscriptions, which the emulator does not model.
    record.settings = updated;
    record.update_time = now;
    let body = universe_json(&ctx.state.world, &mut data, universe, now);
    Ok(responses::json(StatusCode::OK, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writable_json_round_trips() {
        let mut settings = UniverseSettings::new(1);
        settings.private_server_price_robux = Some(25);
        settings.twitch_social_link = Some(SocialLink {
            title: "t".into(),
            uri: "https://twitch.tv/x".into(),
        });
        settings.console_enabled = true;
        let json = writable_json(&settings);
        assert_eq!(json["privateServerPriceRobux"], 25);
        assert_eq!(json["twitchSocialLink"]["uri"], "https://twitch.tv/x");
        assert!(json.get("discordSocialLink").is_none());
        assert_eq!(from_writable_json(&settings, &json), Ok(settings));
    }

    #[test]
    fn wrong_types_are_invalid_arguments() {
        let base = UniverseSettings::new(1);
        for bad in [
            json!({"voiceChatEnabled": "yes"}),
            json!({"privateServerPriceRobux": -1}),
            json!({"privateServerPriceRobux": "x"}),
            json!({"twitchSocialLink": "x"}),
            json!({"twitchSocialLink": {"title": 1}}),
        ] {
            let Value::Object(fields) = bad else {
                continue;
            };
            let error = from_writable_json(&base, &fields).expect_err("invalid");
            assert_eq!(error.code, V2Code::InvalidArgument);
        }
    }
}
