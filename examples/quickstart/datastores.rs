//! Data stores: a standard store round trip and an ordered-store leaderboard.

use futures::TryStreamExt;
use rblx_open_cloud::datastores::PreconditionFailed;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;

/// Sets, gets, increments, lists keys and versions, removes; then fills a leaderboard and
/// reads its top entries.
pub async fn run(target: &Target) -> Result<(), Error> {
    let experience = target.client.experience(target.universe_id);
    let store = experience.data_store("quickstart_players");

    let profile = serde_json::json!({"name": "builderman", "level": 3});
    let written = store.set("player_1", &profile).user_ids([1]).await?;
    println!("set player_1: version {}", written.version);

    let (value, info) = store.get("player_1").await?;
    println!(
        "get player_1: {value} (version {}, users {:?})",
        info.version, info.user_ids
    );

    let (visits, _) = store.increment("visits", 1).await?;
    println!("incremented visits to {visits}");

    // Writing over a newer version is refused, and the error carries the current value.
    store
        .set("player_1", &serde_json::json!({"level": 4}))
        .await?;
    let stale = store
        .set("player_1", &serde_json::json!({"level": 5}))
        .match_version(&written.version)
        .await;
    match stale
        .as_ref()
        .err()
        .and_then(|e| e.detail::<PreconditionFailed>())
    {
        Some(PreconditionFailed {
            current: Some((current, _)),
            ..
        }) => println!("stale write refused; the current value is {current}"),
        _ => println!("unexpected answer to a stale write: {stale:?}"),
    }

    let keys: Vec<_> = store.list_keys().try_collect().await?;
    println!(
        "keys: {:?}",
        keys.iter().map(|k| &k.key).collect::<Vec<_>>()
    );

    let versions: Vec<_> = store.list_versions("player_1").try_collect().await?;
    println!("player_1 has {} versions, newest first", versions.len());
    if let Some(oldest) = versions.last() {
        let (first_value, _) = oldest.get_value().await?;
        println!("the oldest version held {first_value}");
    }

    store.remove("player_1").await?;
    store.remove("visits").await?;
    println!("removed player_1 and visits (the service keeps tombstone versions)");

    let board = experience.ordered_data_store("quickstart_wins");
    for (player, wins) in [("alice", 12), ("bob", 7), ("carol", 30), ("dave", 0)] {
        board.set(player, wins).await?;
    }
    board.increment("bob", 10).await?;
    let top: Vec<_> = board
        .list_entries()
        .descending()
        .limit(3)
        .try_collect()
        .await?;
    println!("leaderboard:");
    for (rank, entry) in top.iter().enumerate() {
        println!("  {}. {} with {} wins", rank + 1, entry.key, entry.value);
    }
    let some_wins: Vec<_> = board
        .list_entries()
        .ascending()
        .min(1)
        .max(15)
        .try_collect()
        .await?;
    println!(
        "players with 1 to 15 wins: {:?}",
        some_wins.iter().map(|e| &e.key).collect::<Vec<_>>()
    );
    for player in ["alice", "bob", "carol", "dave"] {
        board.remove(player).await?;
    }
    Ok(())
}
