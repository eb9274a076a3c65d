//! `rblx-oc ordered-datastore`: ordered data stores, v1 or (with `--v2`) Cloud v2.

use std::pin::pin;

use clap::{Args, Subcommand};
use futures::TryStreamExt;
use rblx_open_cloud::datastores::OrderedEntry;
use rblx_open_cloud::prelude::*;
use serde_json::json;

use crate::context::{Context, Failure};
use crate::output::{List, Output};

/// Ordered data store commands.
#[derive(Debug, Args)]
pub struct Ordered {
    /// Use the Cloud v2 endpoints instead of v1.
    #[arg(long, global = true)]
    v2: bool,
    #[command(subcommand)]
    command: OrderedCommand,
}

/// Which data store: `--universe`, `--store`, `--scope`.
#[derive(Debug, Clone, Args)]
pub struct OrderedStore {
    /// The experience (universe) id.
    #[arg(long, short = 'u')]
    universe: u64,
    /// The ordered data store name.
    #[arg(long, short = 's')]
    store: String,
    /// The scope (default `global`).
    #[arg(long)]
    scope: Option<String>,
}

/// The ordered data store commands.
#[derive(Debug, Subcommand)]
pub enum OrderedCommand {
    /// Reads an entry's value.
    #[command(after_help = "Example:\n  rblx-oc ordered-datastore get -u 1234 -s points user_1")]
    Get {
        #[command(flatten)]
        store: OrderedStore,
        /// The key.
        key: String,
    },
    /// Writes an entry (creates or updates it).
    #[command(
        after_help = "Example:\n  rblx-oc ordered-datastore set -u 1234 -s points user_1 10"
    )]
    Set {
        #[command(flatten)]
        store: OrderedStore,
        /// The key.
        key: String,
        /// The value.
        #[arg(allow_hyphen_values = true)]
        value: i64,
        /// Only create: fail if the entry exists.
        #[arg(long, conflicts_with = "only_update")]
        only_create: bool,
        /// Only update: fail if the entry is missing.
        #[arg(long)]
        only_update: bool,
    },
    /// Adds to an entry's value.
    #[command(
        after_help = "Example:\n  rblx-oc ordered-datastore increment -u 1234 -s points user_1 -- -3"
    )]
    Increment {
        #[command(flatten)]
        store: OrderedStore,
        /// The key.
        key: String,
        /// What to add.
        #[arg(allow_hyphen_values = true)]
        by: i64,
    },
    /// Removes an entry.
    #[command(
        after_help = "Example:\n  rblx-oc ordered-datastore remove -u 1234 -s points user_1"
    )]
    Remove {
        #[command(flatten)]
        store: OrderedStore,
        /// The key.
        key: String,
    },
    /// Lists the entries, sorted by value.
    #[command(
        after_help = "Example:\n  rblx-oc ordered-datastore list -u 1234 -s points --descending --limit 10"
    )]
    List {
        #[command(flatten)]
        store: OrderedStore,
        /// Highest first.
        #[arg(long)]
        descending: bool,
        /// Only values at least this.
        #[arg(long, allow_hyphen_values = true)]
        min: Option<i64>,
        /// Only values at most this.
        #[arg(long, allow_hyphen_values = true)]
        max: Option<i64>,
        /// At most this many entries.
        #[arg(long)]
        limit: Option<usize>,
    },
}

fn row(rows: &mut List, e: &OrderedEntry) {
    rows.row(
        &json!({"key": e.key, "scope": e.scope, "value": e.value}),
        vec![e.key.clone(), e.value.to_string(), e.scope.clone()],
    );
}

fn value(out: &Output, key: &str, value: i64) {
    out.one(&json!({"key": key, "value": value}), || value.to_string());
}

/// The same calls on the v1 and the v2 handle, which share their method names.
macro_rules! run_on {
    ($handle:ident, $command:expr, $out:expr) => {{
        let out = $out;
        match $command {
            OrderedCommand::Get { key, .. } => value(out, &key, $handle.get(&key).await?),
            OrderedCommand::Set {
                key,
                value: v,
                only_create,
                only_update,
                ..
            } => {
                let written = $handle
                    .set(&key, v)
                    .exclusive_create(only_create)
                    .exclusive_update(only_update)
                    .await?;
                value(out, &key, written);
            }
            OrderedCommand::Increment { key, by, .. } => {
                value(out, &key, $handle.increment(&key, by).await?)
            }
            OrderedCommand::Remove { key, .. } => {
                $handle.remove(&key).await?;
                out.done(json!({"removed": key}), &format!("removed {key}"));
            }
            OrderedCommand::List {
                descending,
                min,
                max,
                limit,
                ..
            } => {
                let mut list = $handle.list_entries();
                if descending {
                    list = list.descending();
                }
                if let Some(min) = min {
                    list = list.min(min);
                }
                if let Some(max) = max {
                    list = list.max(max);
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["KEY", "VALUE", "SCOPE"]);
                while let Some(entry) = stream.try_next().await? {
                    row(&mut rows, &entry);
                }
                rows.finish();
            }
        }
    }};
}

impl OrderedCommand {
    fn store(&self) -> &OrderedStore {
        match self {
            OrderedCommand::Get { store, .. }
            | OrderedCommand::Set { store, .. }
            | OrderedCommand::Increment { store, .. }
            | OrderedCommand::Remove { store, .. }
            | OrderedCommand::List { store, .. } => store,
        }
    }
}

impl Ordered {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        matches!(
            self.command,
            OrderedCommand::Set { .. }
                | OrderedCommand::Increment { .. }
                | OrderedCommand::Remove { .. }
        )
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let args = self.command.store().clone();
        let experience = client.experience(args.universe);
        if self.v2 {
            let mut store = experience.ordered_data_store_v2(&args.store);
            if let Some(scope) = &args.scope {
                store = store.with_scope(scope);
            }
            run_on!(store, self.command, &ctx.out);
        } else {
            let mut store = experience.ordered_data_store(&args.store);
            if let Some(scope) = &args.scope {
                store = store.with_scope(scope);
            }
            run_on!(store, self.command, &ctx.out);
        }
        Ok(())
    }
}
