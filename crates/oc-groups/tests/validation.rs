//! Every documented limit is refused before anything is sent: the emulator's request log
//! stays empty.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use oc_core::Error;
use oc_groups::{ClientGroupsExt, GroupsExt, UserGroupsExt};

fn field<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
#[allow(deprecated)]
async fn invalid_input_never_reaches_the_emulator() {
    let emulator = seeded().await;
    emulator.clear_requests();
    let client = client(&emulator);
    let group = client.group(GROUP);
    let none = client.group(0);
    assert_eq!(field(none.get().await), "group_id");
    assert_eq!(field(none.shout().await), "group_id");
    assert_eq!(
        field(none.roles().try_collect::<Vec<_>>().await),
        "group_id"
    );
    assert_eq!(field(group.role(0).await), "role_id");
    assert_eq!(
        field(none.memberships().try_collect::<Vec<_>>().await),
        "group_id"
    );
    assert_eq!(
        field(group.memberships().user(0).try_collect::<Vec<_>>().await),
        "user"
    );
    assert_eq!(
        field(group.memberships().role(0).try_collect::<Vec<_>>().await),
        "role"
    );
    assert_eq!(
        field(
            group
                .memberships()
                .user(1)
                .role(2)
                .try_collect::<Vec<_>>()
                .await
        ),
        "filter"
    );
    assert_eq!(
        field(
            client
                .group_memberships_of(1..=51)
                .try_collect::<Vec<_>>()
                .await
        ),
        "user_ids"
    );
    assert_eq!(
        field(
            client
                .group_memberships_of([])
                .try_collect::<Vec<_>>()
                .await
        ),
        "user_ids"
    );
    assert_eq!(
        field(
            client
                .user(0)
                .group_memberships()
                .try_collect::<Vec<_>>()
                .await
        ),
        "user_ids"
    );
    assert_eq!(
        field(
            client
                .user(1)
                .group_memberships()
                .role(2)
                .try_collect::<Vec<_>>()
                .await
        ),
        "role"
    );
    assert_eq!(
        field(group.membership(0).assign_role(MEMBER).await),
        "user_id"
    );
    assert_eq!(field(group.membership(1).assign_role(0).await), "role_id");
    assert_eq!(field(group.membership(1).unassign_role(0).await), "role_id");
    assert_eq!(
        field(group.membership(0).update_role(MEMBER).await),
        "user_id"
    );
    assert_eq!(
        field(none.membership(1).assign_role(MEMBER).await),
        "group_id"
    );
    assert_eq!(
        field(group.join_requests().user(0).try_collect::<Vec<_>>().await),
        "user"
    );
    assert_eq!(field(group.join_request(0).accept().await), "user_id");
    assert_eq!(field(group.join_request(0).decline().await), "user_id");
    assert_eq!(
        field(none.forum_categories().try_collect::<Vec<_>>().await),
        "group_id"
    );
    assert_eq!(
        field(
            group
                .forum_category("")
                .posts()
                .try_collect::<Vec<_>>()
                .await
        ),
        "category_id"
    );
    assert_eq!(
        field(
            group
                .forum_category("../x")
                .posts()
                .try_collect::<Vec<_>>()
                .await
        ),
        "category_id"
    );
    assert_eq!(
        field(
            group
                .forum_category("c")
                .post("")
                .comments()
                .try_collect::<Vec<_>>()
                .await
        ),
        "post_id"
    );
    assert_eq!(
        field(
            group
                .forum_category("c")
                .post("p")
                .comments()
                .replies_to("a'b")
                .try_collect::<Vec<_>>()
                .await
        ),
        "replies_to"
    );
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}
