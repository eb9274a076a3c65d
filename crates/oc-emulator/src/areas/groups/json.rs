//! The resources of the groups API as JSON
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>), and membership ids.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Map, Value};

use super::access::Standing;
use super::config::PERMISSIONS;
use super::state::{Category, Comment, GroupRecord, Member, Post, Role};
use crate::gateway::proto_json::format_timestamp;

/// A membership's id: base64url of the decimal user id without padding (`NDUzNDgyODE` is
/// user 45348281), as the service writes it.
pub(crate) fn membership_id(user: u64) -> String {
    URL_SAFE_NO_PAD.encode(user.to_string())
}

/// The user of a membership id: the base64url form, or the user id itself (the reference
/// allows a user id in place of a membership id).
pub(crate) fn membership_user(id: &str) -> Option<u64> {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        return id.parse().ok().filter(|u| *u > 0);
    }
    let decoded = URL_SAFE_NO_PAD.decode(id.trim_end_matches('=')).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|u| *u > 0)
}

/// `Group`.
pub(crate) fn group(record: &GroupRecord) -> Value {
    json!({
        "path": format!("groups/{}", record.id),
        "createTime": format_timestamp(record.create_time),
        "updateTime": format_timestamp(record.update_time),
        "id": record.id.to_string(),
        "displayName": record.name,
        "description": record.settings.description,
        "owner": format!("users/{}", record.owner),
        "memberCount": record.members.len(),
        "publicEntryAllowed": record.settings.public_entry_allowed,
        "locked": record.settings.locked,
        "verified": record.settings.verified,
    })
}

/// `GroupRole`, as `standing` may see it: everyone sees the guest role's permissions, a
/// member holding `group:read` their own roles', the owner holding it every role's; the
/// description and times only the owner.
pub(crate) fn role(record: &GroupRecord, role: &Role, standing: &Standing, read: bool) -> Value {
    let mut body = Map::new();
    body.insert(
        "path".into(),
        json!(format!("groups/{}/roles/{}", record.id, role.id)),
    );
    if standing.owner {
        body.insert(
            "createTime".into(),
            json!(format_timestamp(role.create_time)),
        );
        body.insert(
            "updateTime".into(),
            json!(format_timestamp(role.update_time)),
        );
    }
    body.insert("id".into(), json!(role.id.to_string()));
    body.insert("displayName".into(), json!(role.name));
    if standing.owner {
        body.insert("description".into(), json!(role.description));
    }
    body.insert("rank".into(), json!(role.rank));
    if role.rank != 0 {
        let count = record
            .members
            .values()
            .filter(|m| m.roles.contains(&role.id))
            .count();
        body.insert("memberCount".into(), json!(count));
    }
    let visible = role.rank == 0 || (read && (standing.owner || standing.roles.contains(&role.id)));
    if visible {
        let permissions: Map<String, Value> = PERMISSIONS
            .iter()
            .map(|name| ((*name).to_owned(), json!(role.grants(name))))
            .collect();
        body.insert("permissions".into(), Value::Object(permissions));
    }
    Value::Object(body)
}

/// `GroupMembership`: `role` is the highest-ranked role, `roles` every role held.
pub(crate) fn membership(record: &GroupRecord, user: u64, member: &Member) -> Value {
    let roles: Vec<String> = record
        .roles_of(member)
        .iter()
        .map(|r| format!("groups/{}/roles/{}", record.id, r.id))
        .collect();
    let mut body = Map::new();
    body.insert(
        "path".into(),
        json!(format!(
            "groups/{}/memberships/{}",
            record.id,
            membership_id(user)
        )),
    );
    body.insert(
        "createTime".into(),
        json!(format_timestamp(member.create_time)),
    );
    body.insert(
        "updateTime".into(),
        json!(format_timestamp(member.update_time)),
    );
    body.insert("user".into(), json!(format!("users/{user}")));
    if let Some(highest) = roles.last() {
        body.insert("role".into(), json!(highest));
    }
    body.insert("roles".into(), json!(roles));
    Value::Object(body)
}

/// `GroupJoinRequest`; its id is the user id.
pub(crate) fn join_request(record: &GroupRecord, user: u64, time: time::OffsetDateTime) -> Value {
    json!({
        "path": format!("groups/{}/join-requests/{user}", record.id),
        "createTime": format_timestamp(time),
        "user": format!("users/{user}"),
    })
}

/// `GroupForumCategory`.
pub(crate) fn category(record: &GroupRecord, category: &Category) -> Value {
    let mut body = json!({
        "path": format!("groups/{}/forum-categories/{}", record.id, category.id),
        "createTime": format_timestamp(category.time),
        "updateTime": format_timestamp(category.time),
        "groupForumCategoryId": category.id,
        "displayName": category.display_name,
        "creator": format!("users/{}", category.creator),
    });
    if category.archived {
        body["archiveTime"] = json!(format_timestamp(category.time));
        body["archiver"] = json!(format!("users/{}", category.creator));
    }
    body
}

/// The path of a post.
fn post_path(record: &GroupRecord, category: &Category, post: &Post) -> String {
    format!(
        "groups/{}/forum-categories/{}/posts/{}",
        record.id, category.id, post.id
    )
}

/// `GroupForumComment`.
pub(crate) fn comment(
    record: &GroupRecord,
    category: &Category,
    post: &Post,
    comment: &Comment,
) -> Value {
    json!({
        "path": format!("{}/comments/{}", post_path(record, category, post), comment.id),
        "groupForumCommentId": comment.id,
        "message": {
            "createTime": format_timestamp(comment.time),
            "updateTime": format_timestamp(comment.time),
            "plainText": comment.text,
            "author": format!("users/{}", comment.author),
            "messageReaction": [],
        },
    })
}

/// `GroupForumPost`; its first comment whole, or only its `path` when `full_first` is
/// false (the `FULL` view).
pub(crate) fn post(
    record: &GroupRecord,
    category: &Category,
    post: &Post,
    full_first: bool,
) -> Value {
    let first = post.comments.first().map(|first| {
        if full_first {
            comment(record, category, post, first)
        } else {
            json!({ "path": format!("{}/comments/{}", post_path(record, category, post), first.id) })
        }
    });
    let mut body = json!({
        "path": post_path(record, category, post),
        "createTime": format_timestamp(post.time),
        "updateTime": format_timestamp(post.time),
        "pinned": post.pinned,
        "locked": post.locked,
        "groupForumPostId": post.id,
        "title": post.title,
        "author": format!("users/{}", post.author),
        "commentCount": post.comments.len(),
    });
    if let Some(first) = first {
        body["firstComment"] = first;
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_ids_are_base64url_of_the_user_id() {
        assert_eq!(membership_id(45_348_281), "NDUzNDgyODE");
        assert_eq!(membership_id(1_599_940_985), "MTU5OTk0MDk4NQ");
        assert_eq!(membership_user("NDUzNDgyODE"), Some(45_348_281));
        assert_eq!(membership_user("45348281"), Some(45_348_281));
        assert_eq!(membership_user("MTU5OTk0MDk4NQ=="), Some(1_599_940_985));
        assert_eq!(membership_user(""), None);
        assert_eq!(membership_user("0"), None);
        assert_eq!(membership_user("bm90IGEgbnVtYmVy"), None);
    }
}
