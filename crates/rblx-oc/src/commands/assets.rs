//! `rblx-oc assets`: upload (with a progress bar on a terminal), get, versions, rollback,
//! archive, restore.

use std::path::PathBuf;
use std::pin::pin;
use std::time::Duration;

use clap::{ArgGroup, Subcommand};
use futures::TryStreamExt;
use rblx_open_cloud::assets::{Asset, AssetType, AssetVersion};
use rblx_open_cloud::prelude::*;
use serde_json::{json, Value};

use crate::context::{Context, Failure};
use crate::output::time_opt;
use crate::progress::{file_content, spinner};
use crate::wire_names;

/// Asset commands.
#[derive(Debug, Subcommand)]
pub enum Assets {
    /// Uploads a file as a new asset of a user or a group and waits for it.
    #[command(
        group(ArgGroup::new("creator").required(true).args(["user", "group"])),
        after_help = "Examples:\n  rblx-oc assets upload logo.png --type Decal --name Logo --user 1234\n  rblx-oc assets upload theme.mp3 --type Audio --name Theme --group 7 --expected-price 0"
    )]
    Upload {
        /// The file (its extension gives the content type).
        file: PathBuf,
        /// The asset type: Decal, Image, Audio, Model, Mesh, Animation, Video.
        #[arg(long = "type", value_name = "TYPE")]
        asset_type: String,
        /// The asset's name.
        #[arg(long)]
        name: String,
        /// Its description.
        #[arg(long)]
        description: Option<String>,
        /// The owning user.
        #[arg(long)]
        user: Option<u64>,
        /// The owning group.
        #[arg(long)]
        group: Option<u64>,
        /// The most Robux the upload may cost; the service refuses it when the price is
        /// higher.
        #[arg(long, value_name = "ROBUX")]
        expected_price: Option<u64>,
        /// How long to wait for the upload's operation, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 120)]
        wait: u64,
    },
    /// Shows an asset.
    #[command(after_help = "Example:\n  rblx-oc assets get 16989283104")]
    Get {
        /// The asset id.
        asset: u64,
    },
    /// Lists an asset's versions, newest first.
    #[command(after_help = "Example:\n  rblx-oc assets versions 16989283104 --limit 10")]
    Versions {
        /// The asset id.
        asset: u64,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Makes an earlier version the current one again.
    #[command(after_help = "Example:\n  rblx-oc assets rollback 16989283104 3")]
    Rollback {
        /// The asset id.
        asset: u64,
        /// The version to go back to.
        version: u64,
    },
    /// Archives an asset (hides it; restore undoes it).
    #[command(after_help = "Example:\n  rblx-oc assets archive 16989283104")]
    Archive {
        /// The asset id.
        asset: u64,
    },
    /// Restores an archived asset.
    #[command(after_help = "Example:\n  rblx-oc assets restore 16989283104")]
    Restore {
        /// The asset id.
        asset: u64,
    },
}

fn asset_json(a: &Asset) -> Value {
    json!({
        "id": a.id,
        "name": a.name,
        "description": a.description,
        "assetType": a.asset_type.to_string(),
        "revisionId": a.revision_id,
        "revisionTime": time_opt(a.revision_time),
        "moderationState": a.moderation_state.as_ref().map(wire_names::moderation_state),
        "state": a.state.as_ref().map(wire_names::asset_state),
    })
}

fn asset_text(a: &Asset) -> String {
    format!(
        "id: {}\nname: {}\ntype: {}\nrevision: {}\nmoderation: {}\nstate: {}",
        a.id,
        a.name,
        a.asset_type,
        a.revision_id.as_deref().unwrap_or("-"),
        a.moderation_state
            .as_ref()
            .map_or_else(|| "-".to_owned(), wire_names::moderation_state),
        a.state
            .as_ref()
            .map_or_else(|| "-".to_owned(), wire_names::asset_state),
    )
}

fn version_json(v: &AssetVersion) -> Value {
    json!({
        "assetId": v.asset_id,
        "version": v.version,
        "moderationState": v.moderation_state.as_ref().map(wire_names::moderation_state),
        "published": v.published,
    })
}

impl Assets {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        !matches!(self, Assets::Get { .. } | Assets::Versions { .. })
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let out = ctx.out;
        match self {
            Assets::Upload {
                file,
                asset_type,
                name,
                description,
                user,
                group,
                expected_price,
                wait,
            } => {
                let (content, bar) = file_content("file", &file)?;
                let asset_type = AssetType::parse(&asset_type);
                let result = match (user, group) {
                    (Some(user), _) => {
                        let user = client.user(user);
                        let mut upload = user.upload_asset(asset_type, name, content);
                        if let Some(description) = description {
                            upload = upload.description(description);
                        }
                        if let Some(robux) = expected_price {
                            upload = upload.expected_price(robux);
                        }
                        upload.await
                    }
                    (None, Some(group)) => {
                        let group = client.group(group);
                        let mut upload = group.upload_asset(asset_type, name, content);
                        if let Some(description) = description {
                            upload = upload.description(description);
                        }
                        if let Some(robux) = expected_price {
                            upload = upload.expected_price(robux);
                        }
                        upload.await
                    }
                    (None, None) => {
                        return Err(crate::context::invalid("--user", "give --user or --group"))
                    }
                };
                bar.finish_and_clear();
                let operation = result?;
                let spin = spinner("waiting for the asset");
                let asset = operation.wait(Duration::from_secs(wait)).await;
                spin.finish_and_clear();
                let asset = asset?;
                out.one(&asset_json(&asset), || asset_text(&asset));
            }
            Assets::Get { asset } => {
                let asset = client.asset(asset).get().await?;
                out.one(&asset_json(&asset), || asset_text(&asset));
            }
            Assets::Versions { asset, limit } => {
                let mut list = client.asset(asset).versions();
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["VERSION", "MODERATION", "PUBLISHED"]);
                while let Some(v) = stream.try_next().await? {
                    rows.row(
                        &version_json(&v),
                        vec![
                            v.version.to_string(),
                            v.moderation_state
                                .as_ref()
                                .map_or_else(|| "-".to_owned(), wire_names::moderation_state),
                            v.published
                                .map_or_else(|| "-".to_owned(), |p| p.to_string()),
                        ],
                    );
                }
                rows.finish();
            }
            Assets::Rollback { asset, version } => {
                let v = client.asset(asset).rollback(version).await?;
                out.one(&version_json(&v), || {
                    format!("asset {asset}: now version {}", v.version)
                });
            }
            Assets::Archive { asset } => {
                let a = client.asset(asset).archive().await?;
                out.one(&asset_json(&a), || asset_text(&a));
            }
            Assets::Restore { asset } => {
                let a = client.asset(asset).restore().await?;
                out.one(&asset_json(&a), || asset_text(&a));
            }
        }
        Ok(())
    }
}
