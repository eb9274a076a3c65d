//! `rblx-oc universe` and `rblx-oc place`: an experience's settings, its places, publishing.

use std::path::PathBuf;

use clap::Subcommand;
use rblx_open_cloud::assets::VersionType;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud::universes::{Place as PlaceInfo, SocialLink, SocialPlatform, Universe};
use serde_json::{json, Value};

use crate::context::{invalid, Context, Failure};
use crate::output::time_opt;
use crate::progress::file_content;
use crate::wire_names;

/// Universe (experience) commands.
#[derive(Debug, Subcommand)]
pub enum UniverseCommand {
    /// Shows an experience's settings.
    #[command(after_help = "Example:\n  rblx-oc universe get -u 1234")]
    Get {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
    },
    /// Changes an experience's settings (only the options given).
    #[command(
        after_help = "Platforms: facebook, twitter, youtube, twitch, discord, roblox-group, guilded.\n\nExamples:\n  rblx-oc universe update -u 1234 --voice-chat true --private-server-price 100\n  rblx-oc universe update -u 1234 --social-link discord 'Our server' https://discord.gg/abc --remove-social-link twitter"
    )]
    Update {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// Voice chat on or off.
        #[arg(long, value_name = "BOOL")]
        voice_chat: Option<bool>,
        /// Allow private servers at this price in Robux.
        #[arg(long, value_name = "ROBUX", conflicts_with = "disable_private_servers")]
        private_server_price: Option<u32>,
        /// Disallow private servers.
        #[arg(long)]
        disable_private_servers: bool,
        /// Playable on desktop.
        #[arg(long, value_name = "BOOL")]
        desktop: Option<bool>,
        /// Playable on mobile phones.
        #[arg(long, value_name = "BOOL")]
        mobile: Option<bool>,
        /// Playable on tablets.
        #[arg(long, value_name = "BOOL")]
        tablet: Option<bool>,
        /// Playable on consoles.
        #[arg(long, value_name = "BOOL")]
        console: Option<bool>,
        /// Playable in VR.
        #[arg(long, value_name = "BOOL")]
        vr: Option<bool>,
        /// Sets a social link: the platform, its title and its address (repeat).
        #[arg(long = "social-link", num_args = 3, value_names = ["PLATFORM", "TITLE", "URI"])]
        social_links: Vec<String>,
        /// Removes the social link of a platform (repeat).
        #[arg(long = "remove-social-link", value_name = "PLATFORM", value_parser = social_platform)]
        remove_social_links: Vec<SocialPlatform>,
    },
    /// Restarts the experience's servers (to pick up a new version).
    #[command(after_help = "Example:\n  rblx-oc universe restart -u 1234 --bleed-off 10")]
    Restart {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// Let players leave over this many minutes instead of closing at once.
        #[arg(long, value_name = "MINUTES")]
        bleed_off: Option<u32>,
        /// Only these places (repeat).
        #[arg(long = "place", value_name = "ID")]
        places: Vec<u64>,
        /// Close servers of every version, not only outdated ones.
        #[arg(long)]
        all_versions: bool,
    },
}

/// Place commands.
#[derive(Debug, Subcommand)]
pub enum PlaceCommand {
    /// Shows a place's settings.
    #[command(after_help = "Example:\n  rblx-oc place get -u 1234 -p 5678")]
    Get {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The place id.
        #[arg(long, short = 'p')]
        place: u64,
    },
    /// Changes a place's name, description or server size.
    #[command(after_help = "Example:\n  rblx-oc place update -u 1234 -p 5678 --server-size 30")]
    Update {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The place id.
        #[arg(long, short = 'p')]
        place: u64,
        /// The new name.
        #[arg(long)]
        name: Option<String>,
        /// The new description.
        #[arg(long)]
        description: Option<String>,
        /// The new server size (players).
        #[arg(long)]
        server_size: Option<u32>,
    },
    /// Uploads a place file (.rbxl, .rbxlx) as a new version; prints the version number.
    #[command(
        after_help = "Example:\n  rblx-oc place publish -u 1234 -p 5678 build/game.rbxl --published"
    )]
    Publish {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The place id.
        #[arg(long, short = 'p')]
        place: u64,
        /// The place file.
        file: PathBuf,
        /// Publish the version (else it is only saved).
        #[arg(long)]
        published: bool,
    },
}

/// A platform's command-line name: `facebook`, `roblox-group`, ...
fn platform_name(platform: SocialPlatform) -> String {
    let field = platform.field();
    let bare = field.strip_suffix("SocialLink").unwrap_or(field);
    let mut name = String::with_capacity(bare.len() + 2);
    for c in bare.chars() {
        if c.is_ascii_uppercase() {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// Parses a platform's command-line name.
fn social_platform(text: &str) -> Result<SocialPlatform, String> {
    SocialPlatform::ALL
        .into_iter()
        .find(|&p| platform_name(p).eq_ignore_ascii_case(text))
        .ok_or_else(|| {
            let names: Vec<String> = SocialPlatform::ALL.into_iter().map(platform_name).collect();
            format!("{text:?} is not one of {}", names.join(", "))
        })
}

fn universe_json(u: &Universe) -> Value {
    json!({
        "path": u.path,
        "id": u.id,
        "displayName": u.display_name,
        "description": u.description,
        "visibility": wire_names::visibility(u.visibility),
        "ageRating": wire_names::age_rating(u.age_rating),
        "createTime": time_opt(u.create_time),
        "updateTime": time_opt(u.update_time),
        "voiceChatEnabled": u.voice_chat_enabled,
        "privateServerPriceRobux": u.private_server_price_robux,
        "desktopEnabled": u.desktop_enabled,
        "mobileEnabled": u.mobile_enabled,
        "tabletEnabled": u.tablet_enabled,
        "consoleEnabled": u.console_enabled,
        "vrEnabled": u.vr_enabled,
        "rootPlaceId": u.root_place_id,
        "socialLinks": SocialPlatform::ALL
            .iter()
            .filter_map(|&p| {
                let link = u.social_link(p)?;
                Some((platform_name(p), json!({"title": link.title, "uri": link.uri})))
            })
            .collect::<serde_json::Map<String, Value>>(),
    })
}

fn place_json(p: &PlaceInfo) -> Value {
    json!({
        "path": p.path,
        "universeId": p.universe_id,
        "id": p.id,
        "displayName": p.display_name,
        "description": p.description,
        "serverSize": p.server_size,
        "root": p.root,
        "createTime": time_opt(p.create_time),
        "updateTime": time_opt(p.update_time),
    })
}

/// Text lines `key: value` of a JSON object.
fn fields(value: &Value) -> String {
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => format!("{k}: {s}"),
                other => format!("{k}: {other}"),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

impl UniverseCommand {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        !matches!(self, UniverseCommand::Get { .. })
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        match self {
            UniverseCommand::Get { universe } => {
                let u = client.experience(universe).universe().get().await?;
                let value = universe_json(&u);
                ctx.out.one(&value, || fields(&value));
            }
            UniverseCommand::Update {
                universe,
                voice_chat,
                private_server_price,
                disable_private_servers,
                desktop,
                mobile,
                tablet,
                console,
                vr,
                social_links,
                remove_social_links,
            } => {
                let handle = client.experience(universe).universe();
                let mut update = handle.update();
                if let Some(on) = voice_chat {
                    update = update.voice_chat_enabled(on);
                }
                if let Some(price) = private_server_price {
                    update = update.private_server_price_robux(price);
                }
                if disable_private_servers {
                    update = update.disable_private_servers();
                }
                if let Some(on) = desktop {
                    update = update.desktop_enabled(on);
                }
                if let Some(on) = mobile {
                    update = update.mobile_enabled(on);
                }
                if let Some(on) = tablet {
                    update = update.tablet_enabled(on);
                }
                if let Some(on) = console {
                    update = update.console_enabled(on);
                }
                if let Some(on) = vr {
                    update = update.vr_enabled(on);
                }
                // clap takes exactly three values per --social-link.
                for link in social_links.chunks(3) {
                    let [platform, title, uri] = link else {
                        return Err(invalid("--social-link", "give PLATFORM TITLE URI"));
                    };
                    let platform = social_platform(platform)
                        .map_err(|reason| invalid("--social-link", reason))?;
                    update = update.social_link(platform, SocialLink::new(title, uri));
                }
                for platform in remove_social_links {
                    update = update.remove_social_link(platform);
                }
                let u = update.await?;
                let value = universe_json(&u);
                ctx.out.one(&value, || fields(&value));
            }
            UniverseCommand::Restart {
                universe,
                bleed_off,
                places,
                all_versions,
            } => {
                let handle = client.experience(universe).universe();
                let mut restart = handle.restart_servers().close_all_versions(all_versions);
                if let Some(minutes) = bleed_off {
                    restart = restart.bleed_off(minutes);
                }
                if !places.is_empty() {
                    restart = restart.place_ids(places);
                }
                restart.await?;
                ctx.out
                    .done(json!({"restarted": true}), "servers restarting");
            }
        }
        Ok(())
    }
}

impl PlaceCommand {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        !matches!(self, PlaceCommand::Get { .. })
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        match self {
            PlaceCommand::Get { universe, place } => {
                let p = client.experience(universe).place(place).get().await?;
                let value = place_json(&p);
                ctx.out.one(&value, || fields(&value));
            }
            PlaceCommand::Update {
                universe,
                place,
                name,
                description,
                server_size,
            } => {
                let handle = client.experience(universe).place(place);
                let mut update = handle.update();
                if let Some(name) = name {
                    update = update.display_name(name);
                }
                if let Some(description) = description {
                    update = update.description(description);
                }
                if let Some(size) = server_size {
                    update = update.server_size(size);
                }
                let p = update.await?;
                let value = place_json(&p);
                ctx.out.one(&value, || fields(&value));
            }
            PlaceCommand::Publish {
                universe,
                place,
                file,
                published,
            } => {
                let (content, bar) = file_content("file", &file)?;
                let version_type = if published {
                    VersionType::Published
                } else {
                    VersionType::Saved
                };
                let experience = client.experience(universe);
                let result = experience
                    .publish_place(place, content)
                    .version_type(version_type)
                    .await;
                bar.finish_and_clear();
                let version = result?;
                ctx.out
                    .one(&json!({"placeId": place, "versionNumber": version}), || {
                        format!("published place {place}: version {version}")
                    });
            }
        }
        Ok(())
    }
}
