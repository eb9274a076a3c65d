//! A moderation tool: ban a player from an experience with a reason and a duration, see
//! what a place of the experience makes of it, list the active bans and the player's
//! history, then lift the ban.
//!
//! `cargo run --example ban_player` runs against a local emulator (no credentials
//! needed). Against Roblox, set `RBLX_OPEN_CLOUD_API_KEY` (with the
//! `universe.user-restriction:read` and `:write` scopes) and `RBLX_OPEN_CLOUD_UNIVERSE_ID`,
//! optionally `RBLX_OPEN_CLOUD_PLACE_ID`, and name the player to ban:
//! `cargo run --example ban_player -- 156`. The ban lasts an hour and is lifted at the end.

use std::time::Duration;

use futures::TryStreamExt;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;

/// The player banned when the example runs against an emulator and names none.
const EMULATED_PLAYER: u64 = 156;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_env_or_emulator().await?;
    let player = match std::env::args().nth(1) {
        Some(id) => id.parse().map_err(|_| format!("not a user id: {id:?}"))?,
        None if target.emulator.is_some() => EMULATED_PLAYER,
        None => {
            return Err(
                "name the player to ban: cargo run --example ban_player -- <user id>".into(),
            )
        }
    };
    let place = match std::env::var("RBLX_OPEN_CLOUD_PLACE_ID") {
        Ok(id) => Some(id.trim().parse()?),
        Err(_) => target.emulator.as_ref().map(|e| e.place_id()),
    };
    let experience = target.client.experience(target.universe_id);
    moderate(&experience, place, player).await?;
    if let Some(emulator) = target.emulator {
        emulator.shutdown().await;
    }
    Ok(())
}

/// Bans `player` from `experience` for an hour, shows the ban from `place` (inherited),
/// lists the active bans and the player's log, and lifts the ban.
pub async fn moderate(
    experience: &Experience,
    place: Option<u64>,
    player: u64,
) -> Result<(), Error> {
    let ban = experience
        .user_restriction(player)
        .ban()
        .duration(Duration::from_secs(3600))
        .display_reason("Exploiting: banned for one hour")
        .private_reason("Speed hack seen by two moderators")
        .exclude_alt_accounts(false)
        .await?;
    println!(
        "banned {player} until {}",
        ban.game_join
            .end_time()
            .map_or_else(|| "forever".to_owned(), |end| end.to_string())
    );
    assert!(ban.game_join.active);

    if let Some(place) = place {
        let seen = experience
            .place(place)
            .user_restriction(player)
            .get()
            .await?;
        println!(
            "place {place}: active {} (inherited from the experience: {})",
            seen.game_join.active, seen.game_join.inherited
        );
        assert!(seen.game_join.active && seen.game_join.inherited);
    }

    let active: Vec<_> = experience
        .user_restrictions()
        .list()
        .try_filter(|r| futures::future::ready(r.game_join.active))
        .try_collect()
        .await?;
    println!("{} active ban(s):", active.len());
    for restriction in &active {
        println!(
            "  user {} — {:?}",
            restriction.user_id, restriction.game_join.display_reason
        );
    }
    assert!(active.iter().any(|r| r.user_id == player));

    let lifted = experience.user_restriction(player).unban().await?;
    println!("unbanned {player}");
    assert!(!lifted.game_join.active);

    let history: Vec<_> = experience
        .user_restrictions()
        .logs()
        .user(player)
        .limit(10)
        .try_collect()
        .await?;
    for entry in &history {
        println!(
            "  log: {} by {:?}: active {}, {:?}",
            entry
                .create_time
                .map_or_else(|| "?".to_owned(), |t| t.to_string()),
            entry.moderator,
            entry.active,
            entry.private_reason
        );
    }
    assert!(history.len() >= 2, "the ban and the unban are logged");
    Ok(())
}
