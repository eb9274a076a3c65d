//! Memberships: paging, filters, role changes and their rules, against the emulator over
//! real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use oc_core::Error;
use oc_emulator::{GroupConfig, GroupMemberConfig};
use oc_groups::{ClientGroupsExt, GroupsExt, Membership, UserGroupsExt};

fn users(memberships: &[Membership]) -> Vec<u64> {
    memberships.iter().map(|m| m.user_id).collect()
}

#[tokio::test]
async fn memberships_page_through_many_pages_with_and_without_a_limit() -> Result<(), Error> {
    let emulator = seeded().await;
    let group = client(&emulator).group(GROUP);
    let all: Vec<_> = group.memberships().page_size(7).try_collect().await?;
    let mut expected = vec![OWNER, MODERATOR_USER];
    expected.extend(10_001..=10_000 + MEMBERS);
    assert_eq!(users(&all), expected);
    let pages = emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("groups.memberships.list"))
        .count();
    assert_eq!(pages, expected.len().div_ceil(7));

    // The service's largest pages (100) by default.
    emulator.clear_requests();
    let all: Vec<_> = group.memberships().try_collect().await?;
    assert_eq!(all.len(), expected.len());
    assert_eq!(emulator.requests().len(), expected.len().div_ceil(100));

    // A limit stops early and asks only for what it needs.
    emulator.clear_requests();
    let some: Vec<_> = group
        .memberships()
        .page_size(20)
        .limit(45)
        .try_collect()
        .await?;
    assert_eq!(users(&some), expected[..45].to_vec());
    assert_eq!(emulator.requests().len(), 3);

    let owner = &all[0];
    assert_eq!(owner.group_id, GROUP);
    assert_eq!(owner.role_id, Some(OWNER_ROLE));
    assert_eq!(owner.role_ids, vec![OWNER_ROLE]);
    assert_eq!(owner.membership_id, group.membership(OWNER).membership_id());
    Ok(())
}

#[tokio::test]
async fn filters_by_user_role_and_across_groups() -> Result<(), Error> {
    let emulator = seeded().await;
    let client = client(&emulator);
    let group = client.group(GROUP);
    let one: Vec<_> = group.memberships().user(10_005).try_collect().await?;
    assert_eq!(users(&one), vec![10_005]);
    let none: Vec<_> = group.memberships().user(77).try_collect().await?;
    assert!(none.is_empty());
    let moderators: Vec<_> = group.memberships().role(MODERATOR).try_collect().await?;
    assert_eq!(users(&moderators), vec![MODERATOR_USER]);
    let members: Vec<_> = group
        .memberships()
        .role(MEMBER)
        .page_size(50)
        .try_collect()
        .await?;
    assert_eq!(members.len() as u64, MEMBERS);

    // A second group where user 10001 is a member too.
    emulator.add_group(GroupConfig {
        id: 5000,
        name: "Other".into(),
        owner: 10_002,
    });
    emulator
        .add_group_member(&GroupMemberConfig::new(5000, 10_001))
        .unwrap();
    let found: Vec<_> = client
        .group_memberships_of([10_001, 10_002, 55])
        .page_size(1)
        .try_collect()
        .await?;
    let pairs: Vec<(u64, u64)> = found.iter().map(|m| (m.group_id, m.user_id)).collect();
    assert_eq!(
        pairs,
        vec![
            (GROUP, 10_001),
            (GROUP, 10_002),
            (5000, 10_001),
            (5000, 10_002)
        ]
    );
    assert_eq!(found[3].role_id, Some(5000 * 1000 + 255));
    let mine: Vec<_> = client
        .user(10_001)
        .group_memberships()
        .try_collect()
        .await?;
    assert_eq!(
        mine.iter().map(|m| m.group_id).collect::<Vec<_>>(),
        vec![GROUP, 5000]
    );
    Ok(())
}

#[tokio::test]
async fn a_role_is_assigned_and_unassigned_and_read_back() -> Result<(), Error> {
    let emulator = seeded().await;
    let group = client(&emulator).group(GROUP);
    let member = group.membership(10_010);
    let after = member.assign_role(MODERATOR).await?;
    assert_eq!(after.role_ids, vec![MEMBER, MODERATOR]);
    assert_eq!(after.role_id, Some(MODERATOR));
    // Assigning again changes nothing.
    let again = member.assign_role(MODERATOR).await?;
    assert_eq!(again.role_ids, vec![MEMBER, MODERATOR]);
    assert_eq!(again.update_time, after.update_time);
    assert_eq!(
        emulator.group_member_roles(GROUP, 10_010),
        Some(vec![MEMBER, MODERATOR])
    );
    let listed: Vec<_> = group.memberships().role(MODERATOR).try_collect().await?;
    assert_eq!(users(&listed), vec![MODERATOR_USER, 10_010]);

    let after = member.unassign_role(MEMBER).await?;
    assert_eq!(after.role_ids, vec![MODERATOR]);
    // Unassigning a role not held changes nothing.
    assert_eq!(
        member.unassign_role(MEMBER).await?.role_ids,
        vec![MODERATOR]
    );
    let read: Vec<_> = group.memberships().user(10_010).try_collect().await?;
    assert_eq!(read[0].role_ids, vec![MODERATOR]);
    assert_eq!(read[0].role_id, Some(MODERATOR));
    // The last role cannot be taken away.
    let last = member.unassign_role(MODERATOR).await;
    assert_eq!(
        last.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(400)
    );

    // The deprecated PATCH replaces the roles with one.
    #[allow(deprecated)]
    let replaced = member.update_role(ADMIN).await?;
    assert_eq!(replaced.role_ids, vec![ADMIN]);
    assert_eq!(
        emulator.group_member_roles(GROUP, 10_010),
        Some(vec![ADMIN])
    );
    Ok(())
}

/// The HTTP status of a failed call.
fn status<T: std::fmt::Debug>(result: Result<T, Error>) -> u16 {
    match result {
        Err(error) => error.status().map_or(0, |s| s.as_u16()),
        Ok(value) => panic!("succeeded: {value:?}"),
    }
}

#[tokio::test]
async fn role_changes_follow_the_documented_rules() -> Result<(), Error> {
    let emulator = seeded().await;
    let owner = client(&emulator).group(GROUP);
    // Guest and owner roles cannot be assigned.
    assert_eq!(
        status(owner.membership(10_001).assign_role(GUEST).await),
        403
    );
    assert_eq!(
        status(owner.membership(10_001).assign_role(OWNER_ROLE).await),
        403
    );
    // Callers cannot change their own roles.
    assert_eq!(
        status(owner.membership(OWNER).assign_role(ADMIN).await),
        403
    );
    // Unknown role: 400; unknown member: 404.
    assert_eq!(status(owner.membership(10_001).assign_role(4).await), 400);
    assert!(owner
        .membership(77)
        .assign_role(MEMBER)
        .await
        .is_err_and(|e| e.is_not_found()));

    // A moderator (rank 100, changeRank) manages lower members and roles only.
    let moderator = user_client(&emulator, MODERATOR_USER, &["group:write"]).group(GROUP);
    assert_eq!(
        status(moderator.membership(10_001).assign_role(ADMIN).await),
        403
    );
    assert_eq!(
        status(moderator.membership(10_001).assign_role(MODERATOR).await),
        403
    );
    // A plain member cannot change ranks at all.
    let member = user_client(&emulator, 10_002, &["group:write"]).group(GROUP);
    assert_eq!(
        status(member.membership(10_001).assign_role(MEMBER).await),
        403
    );
    // Nothing changed.
    assert_eq!(
        emulator.group_member_roles(GROUP, 10_001),
        Some(vec![MEMBER])
    );

    // Without group:write the gateway refuses.
    let reader = user_client(&emulator, OWNER, &["group:read"]).group(GROUP);
    assert_eq!(
        status(reader.membership(10_001).assign_role(ADMIN).await),
        403
    );
    Ok(())
}
