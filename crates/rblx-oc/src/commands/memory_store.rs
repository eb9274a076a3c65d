//! `rblx-oc memory-store`: queues, sorted maps, and flushing an experience's memory store.

use std::pin::pin;
use std::time::Duration;

use clap::Subcommand;
use futures::TryStreamExt;
use rblx_open_cloud::memory_stores::{SortKey, SortedMapItem};
use rblx_open_cloud::prelude::*;
use serde_json::{json, Value};

use super::entry_args::{parse_value, show};
use crate::context::{Context, Failure};
use crate::output::{cell_opt, time_opt};
use crate::progress::spinner;

/// Memory store commands.
#[derive(Debug, Subcommand)]
pub enum MemoryStore {
    /// Queues: add, read, discard.
    #[command(subcommand)]
    Queue(QueueCommand),
    /// Sorted maps: get, create, update, delete, list.
    #[command(subcommand)]
    SortedMap(SortedMapCommand),
    /// Flushes (empties) the experience's whole memory store and waits for it.
    #[command(after_help = "Example:\n  rblx-oc memory-store flush -u 1234")]
    Flush {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// How long to wait for the flush, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 120)]
        wait: u64,
    },
}

/// Queue commands.
#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Adds an item (JSON) to a queue.
    #[command(
        after_help = "Example:\n  rblx-oc memory-store queue add -u 1234 matchmaking '{\"player\":156}' --priority 1"
    )]
    Add {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The queue.
        queue: String,
        /// The item, JSON (or text with --string).
        data: String,
        /// Store DATA as a JSON string.
        #[arg(long)]
        string: bool,
        /// Its priority (higher is read first).
        #[arg(long, allow_hyphen_values = true)]
        priority: Option<f64>,
        /// Its lifetime, in seconds.
        #[arg(long, value_name = "SECONDS")]
        expiration: Option<u64>,
    },
    /// Reads items, hiding them from other readers for the invisibility window.
    #[command(
        after_help = "Example:\n  rblx-oc memory-store queue read -u 1234 matchmaking --count 10 --invisibility 60"
    )]
    Read {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The queue.
        queue: String,
        /// How many items.
        #[arg(long, default_value_t = 1)]
        count: u32,
        /// Seconds the items stay hidden from other readers.
        #[arg(long, value_name = "SECONDS")]
        invisibility: Option<u64>,
        /// Read nothing unless `count` items are there.
        #[arg(long)]
        all_or_nothing: bool,
    },
    /// Removes the items of a read, by its read id.
    #[command(
        after_help = "Example:\n  rblx-oc memory-store queue discard -u 1234 matchmaking \"$READ_ID\""
    )]
    Discard {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The queue.
        queue: String,
        /// The read id that `read` printed.
        read_id: String,
    },
}

/// Sorted map commands.
#[derive(Debug, Subcommand)]
pub enum SortedMapCommand {
    /// Reads an item.
    #[command(
        after_help = "Example:\n  rblx-oc memory-store sorted-map get -u 1234 leaderboard player-156"
    )]
    Get {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The sorted map.
        map: String,
        /// The key.
        key: String,
    },
    /// Creates an item; fails if the key exists.
    #[command(
        after_help = "Example:\n  rblx-oc memory-store sorted-map create -u 1234 leaderboard player-156 3 --sort-key 3 --expiration 3600"
    )]
    Create {
        #[command(flatten)]
        write: MapWrite,
    },
    /// Updates an item (or creates it with --allow-missing).
    #[command(
        after_help = "Example:\n  rblx-oc memory-store sorted-map update -u 1234 leaderboard player-156 4 --sort-key 4 --allow-missing"
    )]
    Update {
        #[command(flatten)]
        write: MapWrite,
        /// Create the item when it is missing.
        #[arg(long)]
        allow_missing: bool,
    },
    /// Deletes an item (only at this etag with --etag).
    #[command(
        after_help = "Example:\n  rblx-oc memory-store sorted-map delete -u 1234 leaderboard player-156"
    )]
    Delete {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The sorted map.
        map: String,
        /// The key.
        key: String,
        /// Delete only if the item is still at this etag.
        #[arg(long)]
        etag: Option<String>,
    },
    /// Lists the items in sort order.
    #[command(
        after_help = "Example:\n  rblx-oc memory-store sorted-map list -u 1234 leaderboard --descending --limit 10"
    )]
    List {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The sorted map.
        map: String,
        /// Highest first.
        #[arg(long)]
        descending: bool,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
}

/// What `create` and `update` take.
#[derive(Debug, clap::Args)]
pub struct MapWrite {
    /// The experience (universe) id.
    #[arg(long, short = 'u')]
    universe: u64,
    /// The sorted map.
    map: String,
    /// The key.
    key: String,
    /// The value, JSON (or text with --string).
    value: String,
    /// Store VALUE as a JSON string.
    #[arg(long)]
    string: bool,
    /// The sort key: a number, else a string.
    #[arg(long, allow_hyphen_values = true)]
    sort_key: Option<String>,
    /// The item's lifetime, in seconds.
    #[arg(long, value_name = "SECONDS")]
    expiration: Option<u64>,
}

fn sort_key(raw: &str) -> SortKey {
    match raw.parse::<f64>() {
        Ok(number) if number.is_finite() => SortKey::Numeric(number),
        _ => SortKey::String(raw.to_owned()),
    }
}

fn sort_key_json(key: &SortKey) -> Value {
    match key {
        SortKey::Numeric(n) => json!(n),
        SortKey::String(s) => json!(s),
        _ => Value::Null,
    }
}

fn item_json(item: &SortedMapItem) -> Value {
    json!({
        "key": item.key,
        "value": item.value,
        "etag": item.etag,
        "sortKey": sort_key_json(&item.sort_key),
        "expireTime": time_opt(item.expire_time),
    })
}

fn item_text(item: &SortedMapItem) -> String {
    format!(
        "{}\netag: {}\nsort key: {}\nexpires: {}",
        show(&item.value),
        item.etag,
        sort_key_json(&item.sort_key),
        cell_opt(item.expire_time)
    )
}

impl MemoryStore {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        !matches!(
            self,
            MemoryStore::SortedMap(SortedMapCommand::Get { .. } | SortedMapCommand::List { .. })
        )
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let out = ctx.out;
        match self {
            MemoryStore::Queue(QueueCommand::Add {
                universe,
                queue,
                data,
                string,
                priority,
                expiration,
            }) => {
                let data = parse_value(&data, string)?;
                let queue = client.experience(universe).memory_store_queue(queue);
                let mut add = queue.add(&data);
                if let Some(priority) = priority {
                    add = add.priority(priority);
                }
                if let Some(seconds) = expiration {
                    add = add.expiration(Duration::from_secs(seconds));
                }
                let item = add.await?;
                let value = json!({
                    "id": item.id,
                    "data": item.data,
                    "priority": item.priority,
                    "expireTime": time_opt(item.expire_time),
                });
                out.one(&value, || format!("added {}", item.id));
            }
            MemoryStore::Queue(QueueCommand::Read {
                universe,
                queue,
                count,
                invisibility,
                all_or_nothing,
            }) => {
                let queue = client.experience(universe).memory_store_queue(queue);
                let mut read = queue.read(count).all_or_nothing(all_or_nothing);
                if let Some(seconds) = invisibility {
                    read = read.invisibility_window(Duration::from_secs(seconds));
                }
                let batch = read.await?;
                let value = json!({"readId": batch.read_id, "items": batch.items});
                out.one(&value, || {
                    let mut lines: Vec<String> = batch.items.iter().map(Value::to_string).collect();
                    lines.push(format!(
                        "read id: {}",
                        batch.read_id.as_deref().unwrap_or("-")
                    ));
                    lines.join("\n")
                });
            }
            MemoryStore::Queue(QueueCommand::Discard {
                universe,
                queue,
                read_id,
            }) => {
                client
                    .experience(universe)
                    .memory_store_queue(queue)
                    .discard(&read_id)
                    .await?;
                out.done(json!({"discarded": read_id}), "discarded");
            }
            MemoryStore::SortedMap(SortedMapCommand::Get { universe, map, key }) => {
                let map = client.experience(universe).memory_store_sorted_map(map);
                let item = map.get(&key).await?;
                out.one(&item_json(&item), || item_text(&item));
            }
            MemoryStore::SortedMap(SortedMapCommand::Create { write }) => {
                let value = parse_value(&write.value, write.string)?;
                let map = client
                    .experience(write.universe)
                    .memory_store_sorted_map(&write.map);
                let mut create = map.create(&write.key, &value);
                if let Some(key) = &write.sort_key {
                    create = create.sort_key(sort_key(key));
                }
                if let Some(seconds) = write.expiration {
                    create = create.expiration(Duration::from_secs(seconds));
                }
                let item = create.await?;
                out.one(&item_json(&item), || item_text(&item));
            }
            MemoryStore::SortedMap(SortedMapCommand::Update {
                write,
                allow_missing,
            }) => {
                let value = parse_value(&write.value, write.string)?;
                let map = client
                    .experience(write.universe)
                    .memory_store_sorted_map(&write.map);
                let mut update = map.update(&write.key, &value).allow_missing(allow_missing);
                if let Some(key) = &write.sort_key {
                    update = update.sort_key(sort_key(key));
                }
                if let Some(seconds) = write.expiration {
                    update = update.expiration(Duration::from_secs(seconds));
                }
                let item = update.await?;
                out.one(&item_json(&item), || item_text(&item));
            }
            MemoryStore::SortedMap(SortedMapCommand::Delete {
                universe,
                map,
                key,
                etag,
            }) => {
                let map = client.experience(universe).memory_store_sorted_map(map);
                let mut delete = map.delete(&key);
                if let Some(etag) = etag {
                    delete = delete.etag(etag);
                }
                delete.await?;
                out.done(json!({"deleted": key}), &format!("deleted {key}"));
            }
            MemoryStore::SortedMap(SortedMapCommand::List {
                universe,
                map,
                descending,
                limit,
            }) => {
                let map = client.experience(universe).memory_store_sorted_map(map);
                let mut list = map.list();
                if descending {
                    list = list.descending();
                }
                if let Some(limit) = limit {
                    list = list.limit(limit);
                }
                let mut stream = pin!(list);
                let mut rows = out.list(&["KEY", "SORT KEY", "VALUE"]);
                while let Some(item) = stream.try_next().await? {
                    rows.row(
                        &item_json(&item),
                        vec![
                            item.key.clone(),
                            sort_key_json(&item.sort_key).to_string(),
                            item.value.to_string(),
                        ],
                    );
                }
                rows.finish();
            }
            MemoryStore::Flush { universe, wait } => {
                let operation = client.experience(universe).flush_memory_store().await?;
                let spin = spinner("flushing");
                let done = operation.wait(Duration::from_secs(wait)).await;
                spin.finish_and_clear();
                done?;
                out.done(json!({"flushed": true}), "flushed");
            }
        }
        Ok(())
    }
}
