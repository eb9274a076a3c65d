//! Join requests: paging, the user filter, accept and decline changing what later reads
//! return, permissions, and a dropped accept, against the emulator over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use oc_core::Error;
use oc_emulator::{DropMode, FaultRule};
use oc_groups::GroupsExt;

#[tokio::test]
async fn join_requests_page_and_filter() -> Result<(), Error> {
    let emulator = seeded().await;
    let group = client(&emulator).group(GROUP);
    let all: Vec<_> = group.join_requests().try_collect().await?;
    let users: Vec<u64> = all.iter().map(|r| r.user_id).collect();
    assert_eq!(users, (20_001..=20_000 + REQUESTS).collect::<Vec<_>>());
    // The largest page is 20: three pages.
    assert_eq!(emulator.requests().len(), 3);
    assert!(all
        .iter()
        .all(|r| r.group_id == GROUP && r.create_time.is_some()));
    let limited: Vec<_> = group.join_requests().limit(25).try_collect().await?;
    assert_eq!(limited.len(), 25);
    let one: Vec<_> = group.join_requests().user(20_007).try_collect().await?;
    assert_eq!(
        one.iter().map(|r| r.user_id).collect::<Vec<_>>(),
        vec![20_007]
    );
    Ok(())
}

#[tokio::test]
async fn an_accepted_request_becomes_a_membership_and_a_declined_one_is_gone() -> Result<(), Error>
{
    let emulator = seeded().await;
    let group = client(&emulator).group(GROUP);
    group.join_request(20_001).accept().await?;
    group.join_request(20_002).decline().await?;

    let accepted: Vec<_> = group.memberships().user(20_001).try_collect().await?;
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].role_ids, vec![MEMBER]);
    let declined: Vec<_> = group.memberships().user(20_002).try_collect().await?;
    assert!(declined.is_empty());
    let pending: Vec<_> = group.join_requests().try_collect().await?;
    assert_eq!(pending.len() as u64, REQUESTS - 2);
    assert!(pending
        .iter()
        .all(|r| r.user_id != 20_001 && r.user_id != 20_002));
    assert_eq!(group.get().await?.member_count, MEMBERS + 3);

    // A decided request is gone: deciding again is 404.
    let again = group.join_request(20_002).decline().await;
    assert!(again.is_err_and(|e| e.is_not_found()));
    let again = group.join_request(20_001).accept().await;
    assert!(again.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn decisions_need_the_accept_requests_permission() -> Result<(), Error> {
    let emulator = seeded().await;
    let moderator = user_client(&emulator, MODERATOR_USER, &["group:read", "group:write"]);
    moderator.group(GROUP).join_request(20_003).accept().await?;
    let listed: Vec<_> = moderator
        .group(GROUP)
        .join_requests()
        .limit(1)
        .try_collect()
        .await?;
    assert_eq!(listed.len(), 1);
    let member = user_client(&emulator, 10_001, &["group:read", "group:write"]).group(GROUP);
    let refused = member.join_request(20_004).accept().await;
    assert_eq!(
        refused.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(403)
    );
    let refused = member.join_requests().try_collect::<Vec<_>>().await;
    assert_eq!(
        refused.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(403)
    );
    assert!(emulator.group_join_requests(GROUP).contains(&20_004));
    Ok(())
}

#[tokio::test]
async fn an_accept_dropped_after_it_was_applied_may_have_been_applied_and_is_sent_once() {
    let emulator = seeded().await;
    emulator.inject_fault(FaultRule {
        route: "groups.join_requests.accept".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    let result = client(&emulator)
        .group(GROUP)
        .join_request(20_005)
        .accept()
        .await;
    match result {
        Err(error) => assert!(error.may_have_been_applied(), "{error:?}"),
        Ok(()) => panic!("the connection was dropped"),
    }
    let accepts = emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("groups.join_requests.accept"))
        .count();
    assert_eq!(accepts, 1);
    assert_eq!(
        emulator.group_member_roles(GROUP, 20_005),
        Some(vec![MEMBER])
    );
    assert!(!emulator.group_join_requests(GROUP).contains(&20_005));
}

#[tokio::test]
async fn an_assignment_dropped_after_it_was_applied_is_retried_safely() -> Result<(), Error> {
    let emulator = seeded().await;
    emulator.inject_fault(FaultRule {
        route: "groups.memberships.assign_role".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    let membership = client(&emulator)
        .group(GROUP)
        .membership(10_003)
        .assign_role(ADMIN)
        .await?;
    assert_eq!(membership.role_ids, vec![MEMBER, ADMIN]);
    let assigns = emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("groups.memberships.assign_role"))
        .count();
    assert_eq!(assigns, 2);
    Ok(())
}
