//! `rblx-oc datastore`: standard data stores (v1).

use std::pin::pin;

use clap::Subcommand;
use futures::TryStreamExt;
use rblx_open_cloud::datastores::{DataStore, EntryInfo, EntryVersion};
use rblx_open_cloud::prelude::*;
use serde_json::{json, Value};

use super::entry_args::{parse_increment, parse_value, show, MetadataArgs, StoreArgs};
use crate::context::{Context, Failure};
use crate::output::time;

/// Standard data store commands (v1).
#[derive(Debug, Subcommand)]
pub enum Datastore {
    /// Reads an entry: its value and metadata.
    #[command(after_help = "Example:\n  rblx-oc datastore get -u 1234 -s coins user_1")]
    Get {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
    },
    /// Writes an entry.
    #[command(
        after_help = "Example:\n  rblx-oc datastore set -u 1234 -s coins user_1 50 --user-id 1"
    )]
    Set {
        #[command(flatten)]
        store: StoreArgs,
        /// The key (at most 50 bytes).
        key: String,
        /// The value, JSON (or text with --string).
        value: String,
        /// Store VALUE as a JSON string.
        #[arg(long)]
        string: bool,
        #[command(flatten)]
        metadata: MetadataArgs,
        /// Only create: fail if the key exists.
        #[arg(long)]
        exclusive_create: bool,
        /// Only write over this version.
        #[arg(long, value_name = "VERSION")]
        match_version: Option<String>,
    },
    /// Adds a number to an entry (a missing key counts as 0).
    #[command(after_help = "Example:\n  rblx-oc datastore increment -u 1234 -s coins user_1 5")]
    Increment {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
        /// What to add (an integer or a number).
        #[arg(allow_hyphen_values = true)]
        by: String,
        #[command(flatten)]
        metadata: MetadataArgs,
    },
    /// Removes an entry (its versions stay readable for a while).
    #[command(after_help = "Example:\n  rblx-oc datastore remove -u 1234 -s coins user_1")]
    Remove {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
    },
    /// Lists the keys of a data store.
    #[command(
        after_help = "Example:\n  rblx-oc datastore list-keys -u 1234 -s coins --prefix user_ --limit 100"
    )]
    ListKeys {
        #[command(flatten)]
        store: StoreArgs,
        /// Only keys starting with this.
        #[arg(long)]
        prefix: Option<String>,
        /// Every scope (keys are listed with their scope).
        #[arg(long)]
        all_scopes: bool,
        /// At most this many keys.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Lists the versions of an entry.
    #[command(
        after_help = "Example:\n  rblx-oc datastore list-versions -u 1234 -s coins user_1 --descending"
    )]
    ListVersions {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
        /// Newest first.
        #[arg(long)]
        descending: bool,
        /// At most this many versions.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Lists the data stores of an experience.
    #[command(after_help = "Example:\n  rblx-oc datastore list-stores -u 1234 --prefix player")]
    ListStores {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// Only names starting with this.
        #[arg(long)]
        prefix: Option<String>,
        /// At most this many data stores.
        #[arg(long)]
        limit: Option<usize>,
    },
}

fn handle(client: &Client, args: &StoreArgs) -> DataStore {
    let store = client.experience(args.universe).data_store(&args.store);
    match &args.scope {
        Some(scope) => store.with_scope(scope),
        None => store,
    }
}

fn info_json(key: &str, value: Option<&Value>, info: &EntryInfo) -> Value {
    let mut out = json!({
        "key": key,
        "version": info.version,
        "created": time(info.created),
        "updated": time(info.updated),
        "userIds": info.user_ids,
        "attributes": info.attributes,
    });
    if let (Some(value), Value::Object(map)) = (value, &mut out) {
        map.insert("value".into(), value.clone());
    }
    out
}

fn info_text(value: Option<&Value>, info: &EntryInfo) -> String {
    let mut text = String::new();
    if let Some(value) = value {
        text.push_str(&show(value));
        text.push('\n');
    }
    text.push_str(&format!(
        "version: {}\ncreated: {}\nupdated: {}\nuser ids: {:?}\nattributes: {}",
        info.version,
        time(info.created),
        time(info.updated),
        info.user_ids,
        Value::Object(info.attributes.clone())
    ));
    text
}

fn version_json(v: &EntryVersion) -> Value {
    json!({
        "version": v.version,
        "deleted": v.deleted,
        "contentLength": v.content_length,
        "created": time(v.created),
        "objectCreated": time(v.object_created),
    })
}

fn version_cells(v: &EntryVersion) -> Vec<String> {
    vec![
        v.version.clone(),
        time(v.created),
        v.deleted.to_string(),
        v.content_length.to_string(),
    ]
}

impl Datastore {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            Datastore::Set { .. } | Datastore::Increment { .. } | Datastore::Remove { .. }
        )
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let out = ctx.out;
        match self {
            Datastore::Get { store, key } => {
                let (value, info) = handle(&client, &store).get(&key).await?;
                out.one(&info_json(&key, Some(&value), &info), || {
                    info_text(Some(&value), &info)
                });
            }
            Datastore::Set {
                store,
                key,
                value,
                string,
                metadata,
                exclusive_create,
                match_version,
            } => {
                let value = parse_value(&value, string)?;
                let attributes = metadata.attributes()?;
                let store = handle(&client, &store);
                let mut write = store
                    .set(&key, &value)
                    .user_ids(metadata.user_ids)
                    .exclusive_create(exclusive_create);
                if let Some(attributes) = attributes {
                    write = write.attributes(attributes);
                }
                if let Some(version) = match_version {
                    write = write.match_version(version);
                }
                let written = write.await?;
                out.one(
                    &json!({"key": key, "version": version_json(&written)}),
                    || format!("wrote {key}: version {}", written.version),
                );
            }
            Datastore::Increment {
                store,
                key,
                by,
                metadata,
            } => {
                let by = parse_increment(&by)?;
                let attributes = metadata.attributes()?;
                let store = handle(&client, &store);
                let mut write = store.increment(&key, by).user_ids(metadata.user_ids);
                if let Some(attributes) = attributes {
                    write = write.attributes(attributes);
                }
                let (value, info) = write.await?;
                let value = Value::Number(value);
                out.one(&info_json(&key, Some(&value), &info), || {
                    info_text(Some(&value), &info)
                });
            }
            Datastore::Remove { store, key } => {
                handle(&client, &store).remove(&key).await?;
                out.done(json!({"removed": key}), &format!("removed {key}"));
            }
            Datastore::ListKeys {
                store,
                prefix,
                all_scopes,
                limit,
            } => {
                let mut store = handle(&client, &store);
                if all_scopes {
                    store = store.all_scopes();
                }
                let mut list = store.list_keys();
                if let Some(prefix) = prefix {
                    list = list.prefix(prefix);
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["SCOPE", "KEY"]);
                while let Some(item) = stream.try_next().await? {
                    rows.row(
                        &json!({"scope": item.scope, "key": item.key}),
                        vec![item.scope.clone(), item.key.clone()],
                    );
                }
                rows.finish();
            }
            Datastore::ListVersions {
                store,
                key,
                descending,
                limit,
            } => {
                let store = handle(&client, &store);
                let mut list = store.list_versions(&key);
                if descending {
                    list = list.descending();
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["VERSION", "CREATED", "DELETED", "LENGTH"]);
                while let Some(v) = stream.try_next().await? {
                    rows.row(&version_json(&v), version_cells(&v));
                }
                rows.finish();
            }
            Datastore::ListStores {
                universe,
                prefix,
                limit,
            } => {
                let mut list = client.experience(universe).list_data_stores();
                if let Some(prefix) = prefix {
                    list = list.prefix(prefix);
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["NAME", "CREATED"]);
                while let Some(s) = stream.try_next().await? {
                    rows.row(
                        &json!({"name": s.name, "created": time(s.created)}),
                        vec![s.name.clone(), time(s.created)],
                    );
                }
                rows.finish();
            }
        }
        Ok(())
    }
}
