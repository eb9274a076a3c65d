//! `rblx-oc datastore-v2`: standard data stores through Cloud v2.

use std::pin::pin;

use clap::Subcommand;
use futures::TryStreamExt;
use rblx_open_cloud::datastores::{DataStoreEntry, DataStoreV2, DataStoreV2Info, EntryRevision};
use rblx_open_cloud::prelude::*;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::entry_args::{parse_increment, parse_value, show, MetadataArgs, StoreArgs};
use crate::context::{invalid, Context, Failure};
use crate::output::{cell_opt, time, time_opt};

/// Standard data store commands (Cloud v2).
#[derive(Debug, Subcommand)]
pub enum DatastoreV2 {
    /// Reads an entry (the latest, a revision, or the value at a time).
    #[command(
        after_help = "Example:\n  rblx-oc datastore-v2 get -u 1234 -s coins user_1 --at 2026-01-01T00:00:00Z"
    )]
    Get {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
        /// This revision instead of the latest.
        #[arg(long, conflicts_with = "at")]
        revision: Option<String>,
        /// The value at this time (RFC 3339).
        #[arg(long)]
        at: Option<String>,
    },
    /// Writes an entry (creates it if missing).
    #[command(
        after_help = "Example:\n  rblx-oc datastore-v2 set -u 1234 -s coins user_1 50 --match-etag \"$ETAG\""
    )]
    Set {
        #[command(flatten)]
        write: WriteArgs,
        /// Only write over this etag.
        #[arg(long, value_name = "ETAG")]
        match_etag: Option<String>,
    },
    /// Creates an entry; fails if the key exists.
    #[command(after_help = "Example:\n  rblx-oc datastore-v2 create -u 1234 -s coins user_1 0")]
    Create {
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Adds an integer to an entry (a missing key starts at it).
    #[command(after_help = "Example:\n  rblx-oc datastore-v2 increment -u 1234 -s coins user_1 5")]
    Increment {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
        /// What to add.
        #[arg(allow_hyphen_values = true)]
        by: String,
        #[command(flatten)]
        metadata: MetadataArgs,
    },
    /// Removes an entry.
    #[command(after_help = "Example:\n  rblx-oc datastore-v2 remove -u 1234 -s coins user_1")]
    Remove {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
    },
    /// Lists the keys of a data store.
    #[command(
        after_help = "Example:\n  rblx-oc datastore-v2 list-keys -u 1234 -s coins --prefix user_"
    )]
    ListKeys {
        #[command(flatten)]
        store: StoreArgs,
        /// Only keys starting with this.
        #[arg(long)]
        prefix: Option<String>,
        /// Every scope.
        #[arg(long)]
        all_scopes: bool,
        /// Deleted keys too.
        #[arg(long)]
        show_deleted: bool,
        /// At most this many keys.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Lists the revisions of an entry.
    #[command(
        after_help = "Example:\n  rblx-oc datastore-v2 list-revisions -u 1234 -s coins user_1 --limit 10"
    )]
    ListRevisions {
        #[command(flatten)]
        store: StoreArgs,
        /// The key.
        key: String,
        /// At most this many revisions.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Lists the data stores of an experience.
    #[command(after_help = "Example:\n  rblx-oc datastore-v2 list-stores -u 1234 --show-deleted")]
    ListStores {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// Only names starting with this.
        #[arg(long)]
        prefix: Option<String>,
        /// Deleted data stores too.
        #[arg(long)]
        show_deleted: bool,
        /// At most this many data stores.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Deletes a data store (it can be undeleted for 30 days).
    #[command(after_help = "Example:\n  rblx-oc datastore-v2 delete-store -u 1234 -s old_coins")]
    DeleteStore {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The data store name.
        #[arg(long, short = 's')]
        store: String,
    },
    /// Undeletes a deleted data store.
    #[command(after_help = "Example:\n  rblx-oc datastore-v2 undelete-store -u 1234 -s old_coins")]
    UndeleteStore {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The data store name.
        #[arg(long, short = 's')]
        store: String,
    },
    /// Snapshots every data store of an experience (at most once per UTC day).
    #[command(after_help = "Example:\n  rblx-oc datastore-v2 snapshot -u 1234")]
    Snapshot {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
    },
}

/// What `set` and `create` take.
#[derive(Debug, clap::Args)]
pub struct WriteArgs {
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
}

fn handle(client: &Client, args: &StoreArgs) -> DataStoreV2 {
    let store = client.experience(args.universe).data_store_v2(&args.store);
    match &args.scope {
        Some(scope) => store.with_scope(scope),
        None => store,
    }
}

fn entry_json(entry: &DataStoreEntry) -> Value {
    json!({
        "key": entry.key,
        "scope": entry.scope,
        "value": entry.value,
        "version": entry.version,
        "etag": entry.etag,
        "state": entry.state.to_string(),
        "created": time(entry.created),
        "updated": time(entry.updated),
        "userIds": entry.user_ids,
        "attributes": entry.attributes,
    })
}

fn entry_text(entry: &DataStoreEntry) -> String {
    format!(
        "{}\nversion: {}\netag: {}\nstate: {}\ncreated: {}\nupdated: {}\nuser ids: {:?}\nattributes: {}",
        show(&entry.value),
        entry.version,
        entry.etag,
        entry.state,
        time(entry.created),
        time(entry.updated),
        entry.user_ids,
        Value::Object(entry.attributes.clone())
    )
}

fn revision_json(r: &EntryRevision) -> Value {
    json!({
        "version": r.version,
        "etag": r.etag,
        "deleted": r.deleted,
        "state": r.state.to_string(),
        "created": time(r.created),
        "objectCreated": time(r.object_created),
    })
}

fn store_json(s: &DataStoreV2Info) -> Value {
    json!({
        "name": s.name,
        "created": time_opt(s.created),
        "state": s.state.as_ref().map(|state| state.to_string()),
        "expireTime": time_opt(s.expire_time),
    })
}

fn store_text(s: &DataStoreV2Info) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        s.name,
        cell_opt(s.created),
        s.state
            .as_ref()
            .map_or_else(|| "-".to_owned(), |state| state.to_string()),
        cell_opt(s.expire_time)
    )
}

impl DatastoreV2 {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        !matches!(
            self,
            DatastoreV2::Get { .. }
                | DatastoreV2::ListKeys { .. }
                | DatastoreV2::ListRevisions { .. }
                | DatastoreV2::ListStores { .. }
        )
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let out = ctx.out;
        match self {
            DatastoreV2::Get {
                store,
                key,
                revision,
                at,
            } => {
                let store = handle(&client, &store);
                let (_, entry) = match (revision, at) {
                    (Some(revision), _) => store.get_version(&key, revision).await?,
                    (None, Some(at)) => {
                        let at = OffsetDateTime::parse(&at, &Rfc3339)
                            .map_err(|e| invalid("--at", format!("not an RFC 3339 time: {e}")))?;
                        store.get_at(&key, at).await?
                    }
                    (None, None) => store.get(&key).await?,
                };
                out.one(&entry_json(&entry), || entry_text(&entry));
            }
            DatastoreV2::Set { write, match_etag } => {
                let entry = write_entry(&client, write, false, match_etag).await?;
                out.one(&entry_json(&entry), || entry_text(&entry));
            }
            DatastoreV2::Create { write } => {
                let entry = write_entry(&client, write, true, None).await?;
                out.one(&entry_json(&entry), || entry_text(&entry));
            }
            DatastoreV2::Increment {
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
                let (_, entry) = write.await?;
                out.one(&entry_json(&entry), || entry_text(&entry));
            }
            DatastoreV2::Remove { store, key } => {
                handle(&client, &store).remove(&key).await?;
                out.done(json!({"removed": key}), &format!("removed {key}"));
            }
            DatastoreV2::ListKeys {
                store,
                prefix,
                all_scopes,
                show_deleted,
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
                if show_deleted {
                    list = list.show_deleted();
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
            DatastoreV2::ListRevisions { store, key, limit } => {
                let store = handle(&client, &store);
                let mut list = store.list_versions(&key);
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["REVISION", "CREATED", "STATE"]);
                while let Some(r) = stream.try_next().await? {
                    rows.row(
                        &revision_json(&r),
                        vec![r.version.clone(), time(r.created), r.state.to_string()],
                    );
                }
                rows.finish();
            }
            DatastoreV2::ListStores {
                universe,
                prefix,
                show_deleted,
                limit,
            } => {
                let mut list = client.experience(universe).list_data_stores_v2();
                if let Some(prefix) = prefix {
                    list = list.prefix(prefix);
                }
                if show_deleted {
                    list = list.show_deleted();
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["NAME", "CREATED", "STATE", "EXPIRES"]);
                while let Some(s) = stream.try_next().await? {
                    rows.row(&store_json(&s), vec![store_text(&s)]);
                }
                rows.finish();
            }
            DatastoreV2::DeleteStore { universe, store } => {
                let info = client
                    .experience(universe)
                    .data_store_v2(&store)
                    .delete_store()
                    .await?;
                out.one(&store_json(&info), || store_text(&info));
            }
            DatastoreV2::UndeleteStore { universe, store } => {
                let info = client
                    .experience(universe)
                    .data_store_v2(&store)
                    .undelete_store()
                    .await?;
                out.one(&store_json(&info), || store_text(&info));
            }
            DatastoreV2::Snapshot { universe } => {
                let snapshot = client.experience(universe).snapshot_data_stores().await?;
                let value = json!({
                    "newSnapshotTaken": snapshot.new_snapshot_taken,
                    "latestSnapshotTime": time_opt(snapshot.latest_snapshot_time),
                });
                out.one(&value, || {
                    format!(
                        "new snapshot taken: {}\nlatest snapshot: {}",
                        snapshot.new_snapshot_taken,
                        cell_opt(snapshot.latest_snapshot_time)
                    )
                });
            }
        }
        Ok(())
    }
}

async fn write_entry(
    client: &Client,
    args: WriteArgs,
    create: bool,
    match_etag: Option<String>,
) -> Result<DataStoreEntry, Failure> {
    let value = parse_value(&args.value, args.string)?;
    let attributes = args.metadata.attributes()?;
    let store = handle(client, &args.store);
    let mut write = if create {
        store.create(&args.key, &value)
    } else {
        store.set(&args.key, &value)
    };
    write = write.user_ids(args.metadata.user_ids);
    if let Some(attributes) = attributes {
        write = write.attributes(attributes);
    }
    if let Some(etag) = match_etag {
        write = write.match_version(etag);
    }
    Ok(write.await?)
}
