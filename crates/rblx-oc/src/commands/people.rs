//! `rblx-oc user`, `group`, `inventory`, `notification`, `subscription`: users and what
//! they own, groups, notifications to users, subscriptions.

use std::pin::pin;
use std::time::Duration;

use clap::Subcommand;
use futures::TryStreamExt;
use rblx_open_cloud::groups::{JoinRequest, Membership, Role};
use rblx_open_cloud::inventory::{InventoryAssetType, InventoryItem, InventoryItemDetails};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud::subscriptions::ExperienceSubscriptionsExt;
use rblx_open_cloud::users::{ThumbnailFormat, ThumbnailShape, ThumbnailSize};
use serde_json::{json, Value};

use crate::context::{invalid, Context, Failure};
use crate::output::{cell_opt, time_opt};
use crate::progress::spinner;
use crate::wire_names;

/// User commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Shows a user's profile.
    #[command(after_help = "Example:\n  rblx-oc user get 45348281")]
    Get {
        /// The user id.
        user: u64,
    },
    /// Generates a user's avatar thumbnail and prints its URI.
    #[command(
        after_help = "Example:\n  rblx-oc user thumbnail 45348281 --size 150 --format jpeg --shape square"
    )]
    Thumbnail {
        /// The user id.
        user: u64,
        /// The size in pixels: 48, 50, 60, 75, 100, 110, 150, 180, 352, 420, 720.
        #[arg(long)]
        size: Option<u32>,
        /// The image format: png (the service's default) or jpeg.
        #[arg(long, value_parser = thumbnail_format)]
        format: Option<ThumbnailFormat>,
        /// The shape: round (the service's default) or square.
        #[arg(long, value_parser = thumbnail_shape)]
        shape: Option<ThumbnailShape>,
        /// How long to wait for it, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        wait: u64,
    },
}

/// Group commands.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Shows a group.
    #[command(after_help = "Example:\n  rblx-oc group get 7")]
    Get {
        /// The group id.
        group: u64,
    },
    /// Lists a group's roles.
    #[command(after_help = "Example:\n  rblx-oc group roles 7")]
    Roles {
        /// The group id.
        group: u64,
    },
    /// Lists a group's members.
    #[command(after_help = "Example:\n  rblx-oc group members 7 --role 42 --limit 100")]
    Members {
        /// The group id.
        group: u64,
        /// Only members with this role.
        #[arg(long)]
        role: Option<u64>,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Join requests: list, accept, decline.
    #[command(subcommand)]
    JoinRequests(JoinRequests),
}

/// Join request commands.
#[derive(Debug, Subcommand)]
pub enum JoinRequests {
    /// Lists the pending join requests.
    #[command(after_help = "Example:\n  rblx-oc group join-requests list 7")]
    List {
        /// The group id.
        group: u64,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Accepts a user's join request.
    #[command(after_help = "Example:\n  rblx-oc group join-requests accept 7 156")]
    Accept {
        /// The group id.
        group: u64,
        /// The user id.
        user: u64,
    },
    /// Declines a user's join request.
    #[command(after_help = "Example:\n  rblx-oc group join-requests decline 7 156")]
    Decline {
        /// The group id.
        group: u64,
        /// The user id.
        user: u64,
    },
}

/// Inventory commands.
#[derive(Debug, Subcommand)]
pub enum InventoryCommand {
    /// Lists the items a user owns.
    #[command(
        after_help = "Asset types are the service's names (HAT, CLASSIC_TSHIRT, PURCHASED_PLACE, ...), \
in any case.\n\nExamples:\n  rblx-oc inventory list 45348281 --game-pass 12527\n  rblx-oc inventory list 45348281 --asset-type hat --asset-type face --only-collectibles\n  rblx-oc inventory list 45348281 --badges --game-passes"
    )]
    List {
        /// The user id.
        user: u64,
        /// Only assets of this type (repeat).
        #[arg(long = "asset-type", value_name = "TYPE", value_parser = asset_type, conflicts_with = "all_asset_types")]
        asset_types: Vec<InventoryAssetType>,
        /// Assets of every type.
        #[arg(long)]
        all_asset_types: bool,
        /// Only collectible (limited) assets; needs --asset-type or --all-asset-types.
        #[arg(long)]
        only_collectibles: bool,
        /// Only copies of these assets (repeat).
        #[arg(long = "asset", value_name = "ID")]
        assets: Vec<u64>,
        /// Every badge.
        #[arg(long)]
        badges: bool,
        /// Every game pass.
        #[arg(long)]
        game_passes: bool,
        /// Every private server (needs the owner's Inventory read permission).
        #[arg(long)]
        private_servers: bool,
        /// Only these private servers (repeat).
        #[arg(long = "private-server", value_name = "ID")]
        private_server_ids: Vec<u64>,
        /// Only these game passes (repeat).
        #[arg(long = "game-pass", value_name = "ID")]
        game_pass_ids: Vec<u64>,
        /// Only these badges (repeat).
        #[arg(long = "badge", value_name = "ID")]
        badge_ids: Vec<u64>,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
}

/// Notification commands.
#[derive(Debug, Subcommand)]
pub enum NotificationCommand {
    /// Sends an experience notification to a user.
    #[command(
        after_help = "Example:\n  rblx-oc notification send 505306092 -u 96623001 5dd7024b-68e3-ac4d-8232-4217f86ca244 --param points=5"
    )]
    Send {
        /// The user id.
        user: u64,
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The notification string id (from the Creator Dashboard).
        message_id: String,
        /// A parameter of the message, NAME=VALUE (repeat).
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Data given to the experience when the user joins from the notification.
        #[arg(long)]
        launch_data: Option<String>,
    },
}

/// Subscription commands.
#[derive(Debug, Subcommand)]
pub enum SubscriptionCommand {
    /// Shows a user's subscription to a subscription product.
    #[command(after_help = "Example:\n  rblx-oc subscription get -u 1234 EXP-1234567890 45348281")]
    Get {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The subscription product id (`EXP-...`).
        product: String,
        /// The user id.
        user: u64,
    },
}

/// An inventory asset type by its service name, in any case.
fn asset_type(text: &str) -> Result<InventoryAssetType, String> {
    match InventoryAssetType::parse(&text.to_ascii_uppercase()) {
        InventoryAssetType::Other(_) => Err(format!("{text:?} is not an inventory asset type")),
        known => Ok(known),
    }
}

fn thumbnail_format(text: &str) -> Result<ThumbnailFormat, String> {
    [ThumbnailFormat::Png, ThumbnailFormat::Jpeg]
        .into_iter()
        .find(|f| f.as_str().eq_ignore_ascii_case(text))
        .ok_or_else(|| format!("{text:?} is not png or jpeg"))
}

fn thumbnail_shape(text: &str) -> Result<ThumbnailShape, String> {
    [ThumbnailShape::Round, ThumbnailShape::Square]
        .into_iter()
        .find(|s| s.as_str().eq_ignore_ascii_case(text))
        .ok_or_else(|| format!("{text:?} is not round or square"))
}

fn size(pixels: u32) -> Result<ThumbnailSize, Failure> {
    Ok(match pixels {
        48 => ThumbnailSize::Px48,
        50 => ThumbnailSize::Px50,
        60 => ThumbnailSize::Px60,
        75 => ThumbnailSize::Px75,
        100 => ThumbnailSize::Px100,
        110 => ThumbnailSize::Px110,
        150 => ThumbnailSize::Px150,
        180 => ThumbnailSize::Px180,
        352 => ThumbnailSize::Px352,
        420 => ThumbnailSize::Px420,
        720 => ThumbnailSize::Px720,
        _ => return Err(invalid("--size", "not a thumbnail size")),
    })
}

fn role_json(r: &Role) -> Value {
    json!({
        "id": r.id,
        "groupId": r.group_id,
        "displayName": r.display_name,
        "rank": r.rank,
        "description": r.description,
        "memberCount": r.member_count,
    })
}

fn membership_json(m: &Membership) -> Value {
    json!({
        "groupId": m.group_id,
        "userId": m.user_id,
        "membershipId": m.membership_id,
        "roleId": m.role_id,
        "roleIds": m.role_ids,
        "createTime": time_opt(m.create_time),
    })
}

fn join_request_json(r: &JoinRequest) -> Value {
    json!({
        "groupId": r.group_id,
        "userId": r.user_id,
        "createTime": time_opt(r.create_time),
    })
}

fn item_json(item: &InventoryItem) -> (Value, Vec<String>) {
    let (kind, id) = match &item.details {
        InventoryItemDetails::Asset(asset) => ("asset", asset.asset_id.to_string()),
        InventoryItemDetails::Badge { badge_id } => ("badge", badge_id.to_string()),
        InventoryItemDetails::GamePass { game_pass_id } => ("gamePass", game_pass_id.to_string()),
        InventoryItemDetails::PrivateServer { private_server_id } => {
            ("privateServer", private_server_id.to_string())
        }
        _ => ("unknown", String::new()),
    };
    let value = json!({
        "path": item.path,
        "kind": kind,
        "id": id,
        "addTime": time_opt(item.add_time),
    });
    (value, vec![kind.to_owned(), id, cell_opt(item.add_time)])
}

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

impl UserCommand {
    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        match self {
            UserCommand::Get { user } => {
                let p = client.user(user).profile().await?;
                let value = json!({
                    "id": p.id,
                    "name": p.name,
                    "displayName": p.display_name,
                    "about": p.about,
                    "locale": p.locale,
                    "premium": p.premium,
                    "idVerified": p.id_verified,
                    "createTime": time_opt(p.create_time),
                });
                ctx.out.one(&value, || fields(&value));
            }
            UserCommand::Thumbnail {
                user,
                size: px,
                format,
                shape,
                wait,
            } => {
                let handle = client.user(user);
                let mut request = handle.thumbnail();
                if let Some(px) = px {
                    request = request.size(size(px)?);
                }
                if let Some(format) = format {
                    request = request.format(format);
                }
                if let Some(shape) = shape {
                    request = request.shape(shape);
                }
                let operation = request.await?;
                let spin = spinner("waiting for the thumbnail");
                let thumbnail = operation.wait(Duration::from_secs(wait)).await;
                spin.finish_and_clear();
                let thumbnail = thumbnail?;
                ctx.out.one(
                    &json!({"userId": user, "imageUri": thumbnail.image_uri}),
                    || thumbnail.image_uri.clone(),
                );
            }
        }
        Ok(())
    }
}

impl GroupCommand {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            GroupCommand::JoinRequests(JoinRequests::Accept { .. } | JoinRequests::Decline { .. })
        )
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let out = ctx.out;
        match self {
            GroupCommand::Get { group } => {
                let g = client.group(group).get().await?;
                let value = json!({
                    "id": g.id,
                    "displayName": g.display_name,
                    "description": g.description,
                    "ownerId": g.owner_id,
                    "memberCount": g.member_count,
                    "publicEntryAllowed": g.public_entry_allowed,
                    "locked": g.locked,
                    "verified": g.verified,
                    "createTime": time_opt(g.create_time),
                });
                out.one(&value, || fields(&value));
            }
            GroupCommand::Roles { group } => {
                let mut stream = pin!(client.group(group).roles());
                let mut rows = out.list(&["ID", "RANK", "NAME", "MEMBERS"]);
                while let Some(r) = stream.try_next().await? {
                    rows.row(
                        &role_json(&r),
                        vec![
                            r.id.to_string(),
                            r.rank.to_string(),
                            r.display_name.clone(),
                            r.member_count
                                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
                        ],
                    );
                }
                rows.finish();
            }
            GroupCommand::Members { group, role, limit } => {
                let mut list = client.group(group).memberships();
                if let Some(role) = role {
                    list = list.role(role);
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["USER", "ROLES", "SINCE"]);
                while let Some(m) = stream.try_next().await? {
                    let roles: Vec<String> = m.role_ids.iter().map(u64::to_string).collect();
                    rows.row(
                        &membership_json(&m),
                        vec![
                            m.user_id.to_string(),
                            roles.join(","),
                            cell_opt(m.create_time),
                        ],
                    );
                }
                rows.finish();
            }
            GroupCommand::JoinRequests(JoinRequests::List { group, limit }) => {
                let mut list = client.group(group).join_requests();
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["USER", "REQUESTED"]);
                while let Some(r) = stream.try_next().await? {
                    rows.row(
                        &join_request_json(&r),
                        vec![r.user_id.to_string(), cell_opt(r.create_time)],
                    );
                }
                rows.finish();
            }
            GroupCommand::JoinRequests(JoinRequests::Accept { group, user }) => {
                client.group(group).join_request(user).accept().await?;
                out.done(
                    json!({"accepted": true, "groupId": group, "userId": user}),
                    &format!("accepted user {user} into group {group}"),
                );
            }
            GroupCommand::JoinRequests(JoinRequests::Decline { group, user }) => {
                client.group(group).join_request(user).decline().await?;
                out.done(
                    json!({"declined": true, "groupId": group, "userId": user}),
                    &format!("declined user {user} for group {group}"),
                );
            }
        }
        Ok(())
    }
}

impl InventoryCommand {
    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let InventoryCommand::List {
            user,
            asset_types,
            all_asset_types,
            only_collectibles,
            assets,
            badges,
            game_passes,
            private_servers,
            private_server_ids,
            game_pass_ids,
            badge_ids,
            limit,
        } = self;
        let mut list = client.user(user).inventory();
        if !asset_types.is_empty() {
            list = list.asset_types(asset_types);
        }
        if all_asset_types {
            list = list.all_asset_types();
        }
        if only_collectibles {
            list = list.only_collectibles(true);
        }
        if !assets.is_empty() {
            list = list.asset_ids(assets);
        }
        if badges {
            list = list.badges(true);
        }
        if game_passes {
            list = list.game_passes(true);
        }
        if private_servers {
            list = list.private_servers(true);
        }
        if !private_server_ids.is_empty() {
            list = list.private_server_ids(private_server_ids);
        }
        if !game_pass_ids.is_empty() {
            list = list.game_pass_ids(game_pass_ids);
        }
        if !badge_ids.is_empty() {
            list = list.badge_ids(badge_ids);
        }
        if let Some(limit) = limit {
            list = list.limit(limit);
        }
        let mut stream = pin!(list);
        let mut rows = ctx.out.list(&["KIND", "ID", "ADDED"]);
        while let Some(item) = stream.try_next().await? {
            let (value, cells) = item_json(&item);
            rows.row(&value, cells);
        }
        rows.finish();
        Ok(())
    }
}

impl NotificationCommand {
    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let NotificationCommand::Send {
            user,
            universe,
            message_id,
            params,
            launch_data,
        } = self;
        let handle = client.user(user);
        let mut send = handle.notify(universe, message_id);
        for param in params {
            let Some((name, value)) = param.split_once('=') else {
                return Err(invalid("--param", "expected NAME=VALUE"));
            };
            send = send.parameter(name, value);
        }
        if let Some(data) = launch_data {
            send = send.launch_data(data);
        }
        let sent = send.await?;
        ctx.out.one(&json!({"id": sent.id, "path": sent.path}), || {
            format!("sent notification {}", sent.id)
        });
        Ok(())
    }
}

impl SubscriptionCommand {
    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let SubscriptionCommand::Get {
            universe,
            product,
            user,
        } = self;
        let s = client
            .experience(universe)
            .subscription_product(product)
            .get_subscription(user)
            .full()
            .await?;
        let value = json!({
            "path": s.path,
            "userId": s.user_id,
            "active": s.active,
            "willRenew": s.will_renew,
            "state": wire_names::subscription_state(s.state),
            "createTime": time_opt(s.create_time),
            "nextRenewTime": time_opt(s.next_renew_time),
            "expireTime": time_opt(s.expire_time),
        });
        ctx.out.one(&value, || fields(&value));
        Ok(())
    }
}
