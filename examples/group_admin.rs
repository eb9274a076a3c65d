//! A group admin's routine: accept the pending join requests that match a rule, promote a
//! member to a role, and list who holds that role.
//!
//! `cargo run --example group_admin` runs against a local emulator started in this
//! process and seeded with a group (roles, members, join requests). To run it against
//! Roblox, set `RBLX_OPEN_CLOUD_API_KEY` (a key with the `group:read` and `group:write`
//! permissions) or `RBLX_OPEN_CLOUD_ACCESS_TOKEN`, and `RBLX_OPEN_CLOUD_GROUP_ID`; then
//! only the requests of the users listed in `RBLX_OPEN_CLOUD_ACCEPT_USER_IDS`
//! (comma-separated) are accepted, and `RBLX_OPEN_CLOUD_PROMOTE_USER_ID` is given the role
//! named `RBLX_OPEN_CLOUD_PROMOTE_ROLE` when both are set.

use std::collections::BTreeSet;

use futures::TryStreamExt;
use rblx_open_cloud::emulator::{
    Emulator, EmulatorHandle, GroupJoinRequestConfig, GroupMemberConfig, GroupRoleConfig,
};
use rblx_open_cloud::groups::{GroupsExt, JoinRequest, Membership};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud::{ClientBuilder, InvalidInput};

/// The group to administer.
pub const ENV_GROUP_ID: &str = "RBLX_OPEN_CLOUD_GROUP_ID";
/// The users whose join requests are accepted, comma-separated.
pub const ENV_ACCEPT_USER_IDS: &str = "RBLX_OPEN_CLOUD_ACCEPT_USER_IDS";
/// The member to promote.
pub const ENV_PROMOTE_USER_ID: &str = "RBLX_OPEN_CLOUD_PROMOTE_USER_ID";
/// The name of the role to promote them to.
pub const ENV_PROMOTE_ROLE: &str = "RBLX_OPEN_CLOUD_PROMOTE_ROLE";

/// What to do.
pub struct Plan {
    /// Whether to accept a pending request.
    pub accept: Box<dyn Fn(&JoinRequest) -> bool + Send + Sync>,
    /// A member to give a role to, and the role's name.
    pub promote: Option<(u64, String)>,
}

/// What was done.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The users whose requests were accepted.
    pub accepted: Vec<u64>,
    /// How many requests are left pending.
    pub still_pending: usize,
    /// The promoted member's membership, as it is now.
    pub promoted: Option<Membership>,
    /// The users holding the role promoted to.
    pub role_members: Vec<u64>,
}

/// Runs the plan on `group`.
pub async fn run(group: &Group, plan: &Plan) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let pending: Vec<JoinRequest> = group.join_requests().try_collect().await?;
    for request in &pending {
        if !(plan.accept)(request) {
            outcome.still_pending += 1;
            continue;
        }
        match group.join_request(request.user_id).accept().await {
            Ok(()) => outcome.accepted.push(request.user_id),
            // The service may have taken it before the connection failed: an accept is
            // not repeated blindly, the membership tells.
            Err(error) if error.may_have_been_applied() => {
                let member: Vec<_> = group
                    .memberships()
                    .user(request.user_id)
                    .try_collect()
                    .await?;
                if member.is_empty() {
                    return Err(error);
                }
                outcome.accepted.push(request.user_id);
            }
            Err(error) => return Err(error),
        }
    }
    println!(
        "accepted {} join request(s): {:?}; {} left pending",
        outcome.accepted.len(),
        outcome.accepted,
        outcome.still_pending
    );

    let Some((user_id, role_name)) = &plan.promote else {
        return Ok(outcome);
    };
    let roles: Vec<_> = group.roles().try_collect().await?;
    let role = roles
        .iter()
        .find(|r| r.display_name.eq_ignore_ascii_case(role_name))
        .ok_or_else(|| {
            InvalidInput::new(
                "promote_role",
                format!("the group has no role named {role_name:?}"),
            )
        })?;
    // Safe to repeat: assigning a role already held changes nothing.
    let membership = group.membership(*user_id).assign_role(role.id).await?;
    println!(
        "user {user_id} now holds the roles {:?} (highest {:?})",
        membership.role_ids, membership.role_id
    );
    outcome.promoted = Some(membership);
    let holders: Vec<_> = group.memberships().role(role.id).try_collect().await?;
    outcome.role_members = holders.iter().map(|m| m.user_id).collect();
    println!(
        "{} member(s) hold {:?}: {:?}",
        outcome.role_members.len(),
        role.display_name,
        outcome.role_members
    );
    Ok(outcome)
}

/// The users whose requests the seeded emulator has, and the member it promotes.
pub const SEEDED_REQUESTS: std::ops::RangeInclusive<u64> = 201..=206;
/// The members the seeded emulator has besides the owner.
pub const SEEDED_MEMBERS: std::ops::RangeInclusive<u64> = 101..=103;
/// The role the seeded plan promotes to.
pub const SEEDED_ROLE: &str = "Moderator";

/// Seeds the emulator's group: a `Moderator` role (rank 100), three members, six join
/// requests; and the plan for it: accept the even user ids, promote the first of them.
pub fn seed(emulator: &EmulatorHandle) -> Result<Plan, Box<dyn std::error::Error>> {
    let group = emulator.group_id();
    emulator.set_group_role(&GroupRoleConfig::new(group, SEEDED_ROLE, 100))?;
    for user in SEEDED_MEMBERS {
        emulator.add_group_member(&GroupMemberConfig::new(group, user))?;
    }
    for user in SEEDED_REQUESTS {
        emulator.add_group_join_request(&GroupJoinRequestConfig::new(group, user))?;
    }
    Ok(Plan {
        accept: Box::new(|request| request.user_id % 2 == 0),
        promote: Some((202, SEEDED_ROLE.to_owned())),
    })
}

/// The plan the environment describes, for Roblox.
fn plan_from_env() -> Result<Plan, Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let accept: BTreeSet<u64> = match var(ENV_ACCEPT_USER_IDS) {
        None => BTreeSet::new(),
        Some(list) => list
            .split(',')
            .map(|id| id.trim().parse::<u64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("{ENV_ACCEPT_USER_IDS} must list user ids: {list:?}"))?,
    };
    let promote = match (var(ENV_PROMOTE_USER_ID), var(ENV_PROMOTE_ROLE)) {
        (Some(user), Some(role)) => Some((
            user.trim()
                .parse()
                .map_err(|_| format!("{ENV_PROMOTE_USER_ID} must be a user id: {user:?}"))?,
            role,
        )),
        _ => None,
    };
    Ok(Plan {
        accept: Box::new(move |request| accept.contains(&request.user_id)),
        promote,
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let credentials = var("RBLX_OPEN_CLOUD_API_KEY")
        .or_else(|| var("RBLX_OPEN_CLOUD_ACCESS_TOKEN"))
        .is_some();
    if let (true, Some(group_id)) = (credentials, var(ENV_GROUP_ID)) {
        let group_id: u64 = group_id
            .trim()
            .parse()
            .map_err(|_| format!("{ENV_GROUP_ID} must be a number, not {group_id:?}"))?;
        let client = ClientBuilder::from_env()?.build()?;
        println!(
            "using {} with the credentials from the environment",
            client.base_url()
        );
        run(&client.group(group_id), &plan_from_env()?).await?;
        return Ok(());
    }
    let emulator = Emulator::start().await?;
    println!(
        "no credentials and group in the environment: started the local emulator at {}",
        emulator.base_url()
    );
    let plan = seed(&emulator)?;
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()?;
    run(&client.group(emulator.group_id()), &plan).await?;
    emulator.shutdown().await;
    Ok(())
}
