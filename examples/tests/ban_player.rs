//! The ban_player example against an emulator started here: ban, the place's view,
//! the active bans, the log, the unban; then a ban that runs out on the emulator's clock.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, dead_code)]

#[path = "../ban_player.rs"]
mod ban_player;

use std::time::Duration;

use rblx_open_cloud::emulator::Emulator;
use rblx_open_cloud::prelude::*;

#[tokio::test]
async fn the_moderation_tool_bans_lists_and_unbans() {
    // Rate limits on, as on Roblox: the example stays within two updates per player.
    let emulator = Emulator::start().await.unwrap();
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()
        .unwrap();
    let experience = client.experience(emulator.universe_id());
    ban_player::moderate(&experience, Some(emulator.place_id()), 156)
        .await
        .unwrap();
    let logs = emulator.user_restriction_logs(emulator.universe_id());
    assert_eq!(logs.len(), 2);
    assert!(!logs[0].active && logs[1].active);

    // Another hour-long ban runs out once the emulator's clock has moved an hour on.
    experience
        .user_restriction(157)
        .ban()
        .duration(Duration::from_secs(3600))
        .await
        .unwrap();
    emulator.advance_clock(Duration::from_secs(3600));
    let after = experience.user_restriction(157).get().await.unwrap();
    assert!(!after.game_join.active);
}
