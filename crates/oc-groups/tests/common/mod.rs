//! What the integration tests share: an emulator seeded with a group, and clients.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use oc_core::{Client, RetryConfig};
use oc_emulator::{
    ApiKeyConfig, Emulator, EmulatorHandle, Grant, GroupJoinRequestConfig, GroupMemberConfig,
    GroupRoleConfig, Owner, UniverseSelector, DEFAULT_GROUP_ID,
};

/// The group of the built-in world.
pub const GROUP: u64 = DEFAULT_GROUP_ID;
/// Its owner.
pub const OWNER: u64 = 3000;
/// Its default roles' ids (group × 1000 + rank).
pub const GUEST: u64 = GROUP * 1000;
pub const MEMBER: u64 = GROUP * 1000 + 1;
pub const ADMIN: u64 = GROUP * 1000 + 254;
pub const OWNER_ROLE: u64 = GROUP * 1000 + 255;
/// A role added by [`seeded`]: rank 100, may change ranks and accept requests.
pub const MODERATOR: u64 = GROUP * 1000 + 100;
/// A member holding [`MODERATOR`].
pub const MODERATOR_USER: u64 = 9001;
/// The plain members [`seeded`] adds: users 10001 to 10000 + [`MEMBERS`].
pub const MEMBERS: u64 = 230;
/// The join requests [`seeded`] adds: users 20001 to 20000 + [`REQUESTS`].
pub const REQUESTS: u64 = 45;

/// An emulator with the built-in world and no rate limits.
pub async fn emulator() -> EmulatorHandle {
    Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .expect("the emulator starts")
}

/// The built-in group with a moderator role and member, [`MEMBERS`] members and
/// [`REQUESTS`] join requests, seeded through the handle.
pub async fn seeded() -> EmulatorHandle {
    let emulator = emulator().await;
    let mut moderator = GroupRoleConfig::new(GROUP, "Moderator", 100);
    moderator.permissions = Some(
        [
            "viewWallPosts",
            "viewForums",
            "changeRank",
            "acceptRequests",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    emulator.set_group_role(&moderator).unwrap();
    let mut member = GroupMemberConfig::new(GROUP, MODERATOR_USER);
    member.ranks = vec![100];
    emulator.add_group_member(&member).unwrap();
    for user in 10_001..=10_000 + MEMBERS {
        emulator
            .add_group_member(&GroupMemberConfig::new(GROUP, user))
            .unwrap();
    }
    for user in 20_001..=20_000 + REQUESTS {
        emulator
            .add_group_join_request(&GroupJoinRequestConfig::new(GROUP, user))
            .unwrap();
    }
    emulator
}

/// A client of the emulator with its key, retrying quickly.
pub fn client(emulator: &EmulatorHandle) -> Client {
    client_with_key(emulator, &emulator.api_key())
}

/// A client of the emulator with another key.
pub fn client_with_key(emulator: &EmulatorHandle, key: &str) -> Client {
    Client::builder()
        .base_url(emulator.base_url())
        .api_key(key)
        .retry(
            RetryConfig::default()
                .with_max_attempts(3)
                .with_backoff(Duration::from_millis(5), Duration::from_millis(20)),
        )
        .build()
        .expect("a client")
}

/// Adds a key of user `user` holding `scopes` and returns a client using it.
pub fn user_client(emulator: &EmulatorHandle, user: u64, scopes: &[&str]) -> Client {
    let key = format!("key-of-{user}-{}", scopes.join("+"));
    emulator.add_api_key(&ApiKeyConfig {
        key: key.clone(),
        owner: Owner::User(user),
        grants: vec![Grant {
            universe: UniverseSelector::All,
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        }],
    });
    client_with_key(emulator, &key)
}
