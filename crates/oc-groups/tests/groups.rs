//! Get Group, roles and the deprecated shout, against the emulator over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use oc_core::Error;
use oc_emulator::{Config, Emulator, GroupSettings};
use oc_groups::GroupsExt;

#[tokio::test]
async fn a_group_reads_with_its_settings_and_member_count() -> Result<(), Error> {
    let emulator = seeded().await;
    let mut settings = GroupSettings::new(GROUP);
    settings.description = "Builders".into();
    settings.public_entry_allowed = true;
    settings.verified = true;
    emulator.set_group_settings(&settings).unwrap();
    let info = client(&emulator).group(GROUP).get().await?;
    assert_eq!(info.id, GROUP);
    assert_eq!(info.display_name, "Emulator Group");
    assert_eq!(info.description, "Builders");
    assert_eq!(info.owner_id, Some(OWNER));
    // The owner, the moderator and the plain members.
    assert_eq!(info.member_count, MEMBERS + 2);
    assert!(info.public_entry_allowed && info.verified && !info.locked);
    assert!(info.create_time.is_some());
    let missing = client(&emulator).group(999).get().await;
    assert!(missing.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn roles_list_by_rank_and_show_permissions_as_documented() -> Result<(), Error> {
    let emulator = seeded().await;
    let owner = client(&emulator).group(GROUP);
    let roles: Vec<_> = owner.roles().page_size(2).try_collect().await?;
    let ranks: Vec<u8> = roles.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, vec![0, 1, 100, 254, 255]);
    assert_eq!(roles[0].id, GUEST);
    assert_eq!(roles[0].member_count, None);
    assert_eq!(roles[1].member_count, Some(MEMBERS));
    assert_eq!(roles[2].member_count, Some(1));
    // The owner with group:read sees every role's permissions and the descriptions.
    assert!(roles.iter().all(|r| r.permissions.is_some()));
    assert!(roles.iter().all(|r| r.description.is_some()));
    let moderator = owner.role(MODERATOR).await?;
    let permissions = moderator.permissions.unwrap_or_default();
    assert!(permissions.change_rank && permissions.accept_requests && !permissions.ban_members);

    // A member with group:read sees the guest role's and their own.
    let member = user_client(&emulator, MODERATOR_USER, &["group:read"]).group(GROUP);
    let seen: Vec<_> = member.roles().try_collect().await?;
    let with_permissions: Vec<u64> = seen
        .iter()
        .filter(|r| r.permissions.is_some())
        .map(|r| r.id)
        .collect();
    assert_eq!(with_permissions, vec![GUEST, MODERATOR]);
    assert!(seen.iter().all(|r| r.description.is_none()));
    // Without group:read, only the guest role's.
    let guest = user_client(&emulator, MODERATOR_USER, &["group:write"]).group(GROUP);
    let moderator = guest.role(MODERATOR).await?;
    assert_eq!(moderator.permissions, None);
    assert!(guest.role(GUEST).await?.permissions.is_some());
    assert!(guest.role(12).await.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
#[allow(deprecated)]
async fn the_deprecated_shout_reads_and_can_be_switched_off() -> Result<(), Error> {
    let config = Config::from_toml_str(
        r#"
        [[users]]
        id = 1
        name = "owner"
        [[groups]]
        id = 7
        name = "Seven"
        owner = 1
        [[api_keys]]
        key = "k"
        owner = { user = 1 }
        [[api_keys.grants]]
        universe = "*"
        scopes = ["*"]
        [[group_settings]]
        group = 7
        shout = "Meeting at noon"
        "#,
    )
    .expect("the configuration parses");
    let emulator = Emulator::builder()
        .config(config.clone())
        .start()
        .await
        .expect("starts");
    let shout = client(&emulator).group(7).shout().await?;
    assert_eq!(shout.content, "Meeting at noon");
    assert_eq!(shout.poster_id, Some(1));
    assert!(shout.update_time.is_some());

    let mut off = config;
    off.groups_api.shout_endpoint = false;
    let emulator = Emulator::builder()
        .config(off)
        .start()
        .await
        .expect("starts");
    let gone = client(&emulator).group(7).shout().await;
    assert!(gone.is_err_and(|e| e.is_not_found()));
    Ok(())
}
