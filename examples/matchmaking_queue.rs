//! Matchmaking with a memory-store queue: many producer tasks add waiting players, a
//! consumer reads batches with an invisibility window, pairs the players up and discards
//! what it matched. A consumer that crashes after reading (it never discards) loses
//! nothing: its batch reappears once the window is over and is matched then.
//!
//! `cargo run --example matchmaking_queue` runs against a local emulator (no credentials
//! needed), moving its clock past the window instead of waiting. Against Roblox, set
//! `RBLX_OPEN_CLOUD_API_KEY` (with the `memory-store.queue:add`, `:dequeue` and `:discard`
//! scopes) and `RBLX_OPEN_CLOUD_UNIVERSE_ID`; the example then waits out the window.

use std::time::Duration;

use rblx_open_cloud::memory_stores::Queue;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;
use serde::{Deserialize, Serialize};

/// How long a read hides its batch.
pub const WINDOW: Duration = Duration::from_secs(30);

/// A player waiting for a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Player {
    /// The player's user id.
    pub id: u64,
    /// Their skill rating.
    pub skill: u32,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_env_or_emulator().await?;
    let experience = target.client.experience(target.universe_id);
    let queue = experience.memory_store_queue("matchmaking-example");

    enqueue(&queue, 1..=40, 8).await?;
    let lost = crashed_consumer(&queue, 10).await?;
    println!("a consumer read {lost} players and crashed before discarding them");
    let matched = match_all(&queue, 10).await?;
    println!(
        "matched {} pairs; the crashed batch is still hidden",
        matched.len()
    );

    match target.emulator.as_ref().and_then(|e| e.local_handle()) {
        Some(emulator) => emulator.advance_clock(WINDOW + Duration::from_secs(1)),
        None => tokio::time::sleep(WINDOW + Duration::from_secs(1)).await,
    }
    let recovered = match_all(&queue, 10).await?;
    println!(
        "after the window: matched {} more pairs from the crashed batch",
        recovered.len()
    );
    if let Some(emulator) = target.emulator {
        emulator.shutdown().await;
    }
    Ok(())
}

/// Adds the players `ids` to `queue` from `producers` concurrent tasks, each player
/// expiring after ten minutes in line.
pub async fn enqueue(
    queue: &Queue,
    ids: std::ops::RangeInclusive<u64>,
    producers: usize,
) -> Result<(), Error> {
    let ids: Vec<u64> = ids.collect();
    let chunk = ids.len().div_ceil(producers.max(1)).max(1);
    let mut tasks = tokio::task::JoinSet::new();
    for part in ids.chunks(chunk) {
        let queue = queue.clone();
        let part = part.to_vec();
        tasks.spawn(async move {
            for id in part {
                let player = Player {
                    id,
                    skill: 1000 + (id as u32 % 7) * 50,
                };
                queue
                    .add(&player)
                    .expiration(Duration::from_secs(600))
                    .await?;
            }
            Ok::<(), Error>(())
        });
    }
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(result) => result?,
            Err(panicked) => std::panic::resume_unwind(panicked.into_panic()),
        }
    }
    Ok(())
}

/// A consumer that reads a batch of `batch` players and dies before discarding it:
/// returns how many it read.
pub async fn crashed_consumer(queue: &Queue, batch: u32) -> Result<usize, Error> {
    let read = queue
        .read_as::<Player>(batch)
        .invisibility_window(WINDOW)
        .await?;
    Ok(read.items.len())
}

/// Reads batches of `batch` players until the queue shows none, pairs neighbours by skill
/// and discards each batch once matched. Returns the pairs.
pub async fn match_all(queue: &Queue, batch: u32) -> Result<Vec<(Player, Player)>, Error> {
    let mut pairs = Vec::new();
    loop {
        let read = queue
            .read_as::<Player>(batch)
            .invisibility_window(WINDOW)
            .await?;
        let Some(read_id) = read.read_id else {
            return Ok(pairs);
        };
        let mut players = read.items;
        players.sort_by_key(|p| p.skill);
        let mut players = players.into_iter();
        while let (Some(a), Some(b)) = (players.next(), players.next()) {
            pairs.push((a, b));
        }
        // An odd player out goes back in line before the batch is discarded.
        for player in players {
            queue.add(&player).await?;
        }
        queue.discard(read_id).await?;
    }
}
