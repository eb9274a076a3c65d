//! `rblx-oc user-restriction`: bans from an experience or one of its places, and their log.

use std::pin::pin;
use std::time::Duration;

use clap::{Args, Subcommand};
use futures::TryStreamExt;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud::user_restrictions::{
    Restriction, RestrictionLog, UserRestriction, UserRestrictions,
};
use serde_json::{json, Value};

use crate::context::{Context, Failure};
use crate::output::{cell_opt, time_opt};
use crate::wire_names;

/// Where: the experience, or one place of it with `--place`.
#[derive(Debug, Clone, Args)]
pub struct Level {
    /// The experience (universe) id.
    #[arg(long, short = 'u')]
    universe: u64,
    /// One place of the experience instead of all of it.
    #[arg(long, short = 'p')]
    place: Option<u64>,
}

/// User restriction commands.
#[derive(Debug, Subcommand)]
pub enum UserRestrictionCommand {
    /// Shows a user's restriction.
    #[command(after_help = "Example:\n  rblx-oc user-restriction get -u 1234 156")]
    Get {
        #[command(flatten)]
        level: Level,
        /// The user id.
        user: u64,
    },
    /// Bans a user (for good, or for --duration seconds).
    #[command(
        after_help = "Example:\n  rblx-oc user-restriction ban -u 1234 156 --duration 604800 --reason 'Harassing other players'"
    )]
    Ban {
        #[command(flatten)]
        level: Level,
        /// The user id.
        user: u64,
        /// How long, in seconds (default: permanent).
        #[arg(long, value_name = "SECONDS")]
        duration: Option<u64>,
        /// The reason shown to the user.
        #[arg(long)]
        reason: Option<String>,
        /// The private reason, for moderators.
        #[arg(long)]
        private_reason: Option<String>,
        /// Leave the user's alternate accounts alone.
        #[arg(long)]
        exclude_alt_accounts: bool,
    },
    /// Lifts a user's ban.
    #[command(after_help = "Example:\n  rblx-oc user-restriction unban -u 1234 156")]
    Unban {
        #[command(flatten)]
        level: Level,
        /// The user id.
        user: u64,
    },
    /// Lists every user ever restricted at this level.
    #[command(after_help = "Example:\n  rblx-oc user-restriction list -u 1234 --limit 50")]
    List {
        #[command(flatten)]
        level: Level,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Lists the log of restriction changes in an experience, newest first.
    #[command(after_help = "Example:\n  rblx-oc user-restriction logs -u 1234 --user 156")]
    Logs {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// Only this user's changes.
        #[arg(long)]
        user: Option<u64>,
        /// Only this place's changes.
        #[arg(long)]
        place: Option<u64>,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
}

fn one(client: &Client, level: &Level, user: u64) -> UserRestriction {
    let experience = client.experience(level.universe);
    match level.place {
        Some(place) => experience.place(place).user_restriction(user),
        None => experience.user_restriction(user),
    }
}

fn all(client: &Client, level: &Level) -> UserRestrictions {
    let experience = client.experience(level.universe);
    match level.place {
        Some(place) => experience.place(place).user_restrictions(),
        None => experience.user_restrictions(),
    }
}

fn restriction_json(r: &Restriction) -> Value {
    let g = &r.game_join;
    json!({
        "path": r.path,
        "universeId": r.universe_id,
        "placeId": r.place_id,
        "userId": r.user_id,
        "updateTime": time_opt(r.update_time),
        "active": g.active,
        "startTime": time_opt(g.start_time),
        "durationSeconds": g.duration.map(|d| d.as_secs()),
        "displayReason": g.display_reason,
        "privateReason": g.private_reason,
        "excludeAltAccounts": g.exclude_alt_accounts,
        "inherited": g.inherited,
    })
}

fn restriction_cells(r: &Restriction) -> Vec<String> {
    let g = &r.game_join;
    vec![
        r.user_id.to_string(),
        g.active.to_string(),
        cell_opt(g.start_time),
        g.duration
            .map_or_else(|| "permanent".to_owned(), |d| format!("{}s", d.as_secs())),
        g.display_reason.clone(),
    ]
}

fn log_json(l: &RestrictionLog) -> Value {
    json!({
        "userId": l.user_id,
        "placeId": l.place_id,
        "moderator": wire_names::moderator(&l.moderator),
        "createTime": time_opt(l.create_time),
        "active": l.active,
        "startTime": time_opt(l.start_time),
        "durationSeconds": l.duration.map(|d| d.as_secs()),
        "displayReason": l.display_reason,
        "privateReason": l.private_reason,
        "excludeAltAccounts": l.exclude_alt_accounts,
    })
}

const COLUMNS: [&str; 5] = ["USER", "ACTIVE", "START", "DURATION", "REASON"];

impl UserRestrictionCommand {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            UserRestrictionCommand::Ban { .. } | UserRestrictionCommand::Unban { .. }
        )
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let out = ctx.out;
        let show = |r: &Restriction| {
            out.one(&restriction_json(r), || {
                format!(
                    "{}\n{}",
                    COLUMNS.join("\t"),
                    restriction_cells(r).join("\t")
                )
            })
        };
        match self {
            UserRestrictionCommand::Get { level, user } => {
                show(&one(&client, &level, user).get().await?);
            }
            UserRestrictionCommand::Ban {
                level,
                user,
                duration,
                reason,
                private_reason,
                exclude_alt_accounts,
            } => {
                let handle = one(&client, &level, user);
                let mut ban = handle.ban().exclude_alt_accounts(exclude_alt_accounts);
                ban = match duration {
                    Some(seconds) => ban.duration(Duration::from_secs(seconds)),
                    None => ban.permanent(),
                };
                if let Some(reason) = reason {
                    ban = ban.display_reason(reason);
                }
                if let Some(reason) = private_reason {
                    ban = ban.private_reason(reason);
                }
                show(&ban.await?);
            }
            UserRestrictionCommand::Unban { level, user } => {
                show(&one(&client, &level, user).unban().await?);
            }
            UserRestrictionCommand::List { level, limit } => {
                let mut list = all(&client, &level).list();
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&COLUMNS);
                while let Some(r) = stream.try_next().await? {
                    rows.row(&restriction_json(&r), restriction_cells(&r));
                }
                rows.finish();
            }
            UserRestrictionCommand::Logs {
                universe,
                user,
                place,
                limit,
            } => {
                let mut list = client.experience(universe).user_restrictions().logs();
                if let Some(user) = user {
                    list = list.user(user);
                }
                if let Some(place) = place {
                    list = list.place(place);
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["USER", "ACTIVE", "CREATED", "REASON"]);
                while let Some(l) = stream.try_next().await? {
                    rows.row(
                        &log_json(&l),
                        vec![
                            l.user_id.to_string(),
                            l.active.to_string(),
                            cell_opt(l.create_time),
                            l.display_reason.clone(),
                        ],
                    );
                }
                rows.finish();
            }
        }
        Ok(())
    }
}
