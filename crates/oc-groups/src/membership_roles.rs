//! Role changes of a member: `POST /cloud/v2/groups/{g}/memberships/{m}:assignRole` and
//! `:unassignRole` with `{"role":"groups/{g}/roles/{r}"}`, and the deprecated
//! `PATCH /cloud/v2/groups/{g}/memberships/{m}` with the same body, each answering the
//! membership as it now is
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>).
//!
//! Idempotency: assigning a role already held, or unassigning one not held, does nothing
//! (the reference says so), and the `PATCH` sets the member's role to a given one; all
//! three are safe to repeat, so the client retries them like reads.
//!
//! The service refuses (403) assigning the guest or owner role, changing the caller's own
//! roles, and changes by a caller who cannot manage the member's rank and the role's.

use bytes::Bytes;
use http::Method;
use oc_core::v2::PREFIX;
use oc_core::{request, Body, Client, Endpoint, Error};
use serde::Serialize;

use crate::handles::GroupMember;
use crate::limits;
use crate::memberships::{Membership, WireMembership};

#[derive(Serialize)]
struct RoleBody<'a> {
    role: &'a str,
}

/// What a call does to the member's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Assign,
    Unassign,
    Replace,
}

/// The request of a role change.
fn build(member: &GroupMember, role_id: u64, change: Change) -> Result<http::Request<Body>, Error> {
    let group = member.group.id();
    limits::id("group_id", group)?;
    limits::id("user_id", member.user_id)?;
    limits::id("role_id", role_id)?;
    let base = format!(
        "{PREFIX}/groups/{group}/memberships/{}",
        member.membership_id()
    );
    let (method, path) = match change {
        Change::Assign => (Method::POST, format!("{base}:assignRole")),
        Change::Unassign => (Method::POST, format!("{base}:unassignRole")),
        Change::Replace => (Method::PATCH, base),
    };
    let role = format!("groups/{group}/roles/{role_id}");
    request::json(method, &path, &RoleBody { role: &role })
}

/// The membership the service answered.
fn parse(member: &GroupMember, response: &http::Response<Bytes>) -> Result<Membership, Error> {
    let wire: WireMembership = oc_core::response::json(response)?;
    wire.into_membership(Some(member.group.id()))
}

macro_rules! role_change {
    ($(#[$doc:meta])* $name:ident, $change:expr, $operation:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct $name {
            member: GroupMember,
            role_id: u64,
        }

        impl $name {
            pub(crate) fn new(member: GroupMember, role_id: u64) -> Self {
                $name { member, role_id }
            }
        }

        impl Endpoint for $name {
            type Output = Membership;
            const AREA: &'static str = crate::AREA;
            const OPERATION: &'static str = $operation;

            fn client(&self) -> &Client {
                self.member.group.client()
            }

            fn build_request(&self) -> Result<http::Request<Body>, Error> {
                build(&self.member, self.role_id, $change)
            }

            fn parse(&self, response: http::Response<Bytes>) -> Result<Membership, Error> {
                parse(&self.member, &response)
            }
        }

        oc_core::endpoint_future!(static $name);
    };
}

role_change!(
    /// Gives a member a role (`:assignRole`); `.await` it to send it. Answers the
    /// membership with its roles now. Safe to repeat: a role already held is left as it is.
    AssignRole,
    Change::Assign,
    "assign_group_role"
);

role_change!(
    /// Takes a role from a member (`:unassignRole`); `.await` it to send it. Answers the
    /// membership with its roles now. Safe to repeat: a role not held is left as it is.
    UnassignRole,
    Change::Unassign,
    "unassign_group_role"
);

role_change!(
    /// Replaces a member's roles with one (the deprecated Update Group Membership);
    /// `.await` it to send it. Prefer [`AssignRole`] and [`UnassignRole`].
    UpdateMembership,
    Change::Replace,
    "update_group_membership"
);
