//! The group admin example against an emulator in this process: the requests matching
//! the rule become memberships, the others stay pending, and the promoted member is
//! listed among the role's holders.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../group_admin.rs"]
#[allow(dead_code)]
mod group_admin;

use rblx_open_cloud::emulator::Emulator;
use rblx_open_cloud::Client;

#[tokio::test]
async fn matching_requests_are_accepted_and_a_member_is_promoted() {
    let emulator = Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .unwrap();
    let plan = group_admin::seed(&emulator).unwrap();
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()
        .unwrap();
    let group = client.group(emulator.group_id());

    let outcome = group_admin::run(&group, &plan).await.unwrap();
    assert_eq!(outcome.accepted, vec![202, 204, 206]);
    assert_eq!(outcome.still_pending, 3);
    assert_eq!(
        emulator.group_join_requests(group.id()),
        vec![201, 203, 205]
    );
    let moderator = emulator.group_role_id(group.id(), 100).unwrap();
    let member = emulator.group_role_id(group.id(), 1).unwrap();
    let promoted = outcome.promoted.unwrap();
    assert_eq!(promoted.user_id, 202);
    assert_eq!(promoted.role_ids, vec![member, moderator]);
    assert_eq!(outcome.role_members, vec![202]);
    for user in [204, 206] {
        assert_eq!(
            emulator.group_member_roles(group.id(), user),
            Some(vec![member])
        );
    }

    // A second run finds nothing new to accept and promotes again harmlessly.
    let again = group_admin::run(&group, &plan).await.unwrap();
    assert!(again.accepted.is_empty());
    assert_eq!(again.role_members, vec![202]);
    emulator.shutdown().await;
}
