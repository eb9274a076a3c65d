//! Offline checks of every endpoint: the request it builds, what it refuses before
//! sending, and how it reads answers (the captured ones where there are some).

use oc_core::{offline, Client, Error, Idempotency};

use crate::{ClientGroupsExt, GroupsExt, PostView, UserGroupsExt};

fn client() -> Result<Client, Error> {
    Client::builder().api_key("k").build()
}

/// The path and query of the request an endpoint builds.
fn target<E: oc_core::Endpoint>(endpoint: &E) -> Result<String, Error> {
    Ok(offline::request(endpoint)?.uri().to_string())
}

/// The field of the invalid-input error a build ends in.
fn refused<E: oc_core::Endpoint>(endpoint: &E) -> String {
    match offline::request(endpoint) {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("not refused: {:?}", other.map(|r| r.uri().to_string())),
    }
}

#[test]
fn reads_build_their_paths_and_filters() -> Result<(), Error> {
    let client = client()?;
    let group = client.group(7);
    assert_eq!(target(&group.get())?, "/cloud/v2/groups/7");
    assert_eq!(target(&group.role(9))?, "/cloud/v2/groups/7/roles/9");
    assert_eq!(
        target(&group.roles())?,
        "/cloud/v2/groups/7/roles?maxPageSize=20"
    );
    assert_eq!(
        target(&group.memberships().limit(5))?,
        "/cloud/v2/groups/7/memberships?maxPageSize=5"
    );
    assert_eq!(
        target(&group.memberships().user(156))?,
        "/cloud/v2/groups/7/memberships?maxPageSize=100&filter=user+%3D%3D+%27users%2F156%27"
    );
    assert_eq!(
        target(&group.memberships().role(9).cursor("t"))?,
        "/cloud/v2/groups/7/memberships?maxPageSize=100&pageToken=t\
         &filter=role+%3D%3D+%27groups%2F7%2Froles%2F9%27"
    );
    assert_eq!(
        target(&client.group_memberships_of([1, 2]))?,
        "/cloud/v2/groups/-/memberships?maxPageSize=100\
         &filter=user+in+%5B%27users%2F1%27%2C+%27users%2F2%27%5D"
    );
    assert_eq!(
        target(&client.user(3).group_memberships())?,
        "/cloud/v2/groups/-/memberships?maxPageSize=100&filter=user+in+%5B%27users%2F3%27%5D"
    );
    assert_eq!(
        target(&group.join_requests().user(4).page_size(50))?,
        "/cloud/v2/groups/7/join-requests?maxPageSize=20&filter=user+%3D%3D+%27users%2F4%27"
    );
    assert_eq!(
        target(&group.forum_categories().include_archived())?,
        "/cloud/v2/groups/7/forum-categories?maxPageSize=10&filter=archived%3D%3Dtrue"
    );
    let category = group.forum_category("c-1");
    assert_eq!(
        target(&category.posts().pinned_only().view(PostView::Full))?,
        "/cloud/v2/groups/7/forum-categories/c-1/posts?maxPageSize=100\
         &filter=pinned%3D%3Dtrue&view=FULL"
    );
    assert_eq!(
        target(&category.post("p-1").comments().replies_to("k_2"))?,
        "/cloud/v2/groups/7/forum-categories/c-1/posts/p-1/comments?maxPageSize=100\
         &filter=repliesToCommentId%3D%3Dk_2"
    );
    #[allow(deprecated)]
    let shout = group.shout();
    assert_eq!(target(&shout)?, "/cloud/v2/groups/7/shout");
    Ok(())
}

#[test]
fn writes_build_their_bodies_and_idempotency() -> Result<(), Error> {
    let client = client()?;
    let group = client.group(7);
    let member = group.membership(45_348_281);
    assert_eq!(member.membership_id(), "NDUzNDgyODE");
    for (request, method, path) in [
        (
            offline::request(&member.assign_role(9))?,
            "POST",
            "/cloud/v2/groups/7/memberships/NDUzNDgyODE:assignRole",
        ),
        (
            offline::request(&member.unassign_role(9))?,
            "POST",
            "/cloud/v2/groups/7/memberships/NDUzNDgyODE:unassignRole",
        ),
        (
            #[allow(deprecated)]
            offline::request(&member.update_role(9))?,
            "PATCH",
            "/cloud/v2/groups/7/memberships/NDUzNDgyODE",
        ),
    ] {
        assert_eq!(request.method().as_str(), method);
        assert_eq!(request.uri(), path);
        assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);
        let body = request
            .body()
            .as_bytes()
            .map(|b| b.to_vec())
            .unwrap_or_default();
        assert_eq!(body, br#"{"role":"groups/7/roles/9"}"#);
    }
    for (request, path) in [
        (
            offline::request(&group.join_request(5).accept())?,
            "/cloud/v2/groups/7/join-requests/5:accept",
        ),
        (
            offline::request(&group.join_request(5).decline())?,
            "/cloud/v2/groups/7/join-requests/5:decline",
        ),
    ] {
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri(), path);
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        assert_eq!(
            request.body().as_bytes().map(|b| b.to_vec()),
            Some(b"{}".to_vec())
        );
    }
    Ok(())
}

#[test]
fn every_documented_limit_is_checked_before_sending() -> Result<(), Error> {
    let client = client()?;
    assert_eq!(refused(&client.group(0).get()), "group_id");
    assert_eq!(refused(&client.group(0).roles()), "group_id");
    assert_eq!(refused(&client.group(7).role(0)), "role_id");
    assert_eq!(refused(&client.group(7).memberships().user(0)), "user");
    assert_eq!(refused(&client.group(7).memberships().role(0)), "role");
    assert_eq!(
        refused(&client.group(7).memberships().user(1).role(2)),
        "filter"
    );
    assert_eq!(
        refused(&client.group_memberships_of(std::iter::empty())),
        "user_ids"
    );
    assert_eq!(refused(&client.group_memberships_of(1..=51)), "user_ids");
    assert!(offline::request(&client.group_memberships_of(1..=50)).is_ok());
    assert_eq!(refused(&client.group_memberships_of([1, 0])), "user_ids");
    assert_eq!(refused(&client.user(1).group_memberships().role(3)), "role");
    assert_eq!(refused(&client.group(7).join_requests().user(0)), "user");
    assert_eq!(
        refused(&client.group(7).membership(0).assign_role(1)),
        "user_id"
    );
    assert_eq!(
        refused(&client.group(7).membership(1).unassign_role(0)),
        "role_id"
    );
    assert_eq!(
        refused(&client.group(7).join_request(0).accept()),
        "user_id"
    );
    assert_eq!(
        refused(&client.group(0).join_request(1).decline()),
        "group_id"
    );
    assert_eq!(
        refused(&client.group(7).forum_category("").posts()),
        "category_id"
    );
    assert_eq!(
        refused(&client.group(7).forum_category("a/b").posts()),
        "category_id"
    );
    assert_eq!(
        refused(&client.group(7).forum_category("c").post("p q").comments()),
        "post_id"
    );
    assert_eq!(
        refused(
            &client
                .group(7)
                .forum_category("c")
                .post("p")
                .comments()
                .replies_to("x' || true")
        ),
        "replies_to"
    );
    Ok(())
}

#[test]
fn captured_answers_parse() -> Result<(), Error> {
    let client = client()?;
    let group = client.group(5_850_082);
    let info = offline::respond(
        &group.get(),
        200,
        &[],
        r#"{"path":"groups/5850082","createTime":"2020-03-29T18:15:20.100Z","updateTime":"2024-05-12T13:17:41.639132600Z","id":"5850082","displayName":"MightyPart Games","description":"Hello World!","owner":"users/45348281","memberCount":99,"publicEntryAllowed":true,"locked":false,"verified":false}"#,
    )?;
    assert_eq!(info.id, 5_850_082);
    assert_eq!(info.owner_id, Some(45_348_281));
    assert_eq!(info.member_count, 99);
    assert!(info.public_entry_allowed);
    let page = offline::respond(
        &group.memberships(),
        200,
        &[],
        r#"{"groupMemberships":[{"path":"groups/5850082/memberships/NDUzNDgyODE","createTime":"2020-03-29T18:15:20.100Z","updateTime":"2020-03-29T18:15:20.100Z","user":"users/45348281","role":"groups/5850082/roles/38353811"}],"nextPageToken":""}"#,
    )?;
    let membership = &page.items[0];
    assert_eq!(membership.user_id, 45_348_281);
    assert_eq!(membership.membership_id, "NDUzNDgyODE");
    assert_eq!(membership.role_id, Some(38_353_811));
    assert_eq!(membership.role_ids, vec![38_353_811]);
    let shout = offline::respond(
        &{
            #[allow(deprecated)]
            group.shout()
        },
        200,
        &[],
        r#"{"path":"groups/5850082/shout","createTime":"2020-03-31T18:36:51.607Z","updateTime":"2023-09-17T20:35:48.213Z","content":"Hello World!","poster":"users/45348281"}"#,
    )?;
    assert_eq!(shout.content, "Hello World!");
    assert_eq!(shout.poster_id, Some(45_348_281));
    let roles = offline::respond(
        &group.roles(),
        200,
        &[],
        r#"{"groupRoles":[{"path":"groups/5850082/roles/1","id":"1","displayName":"Guest","rank":0,"description":"","permissions":{"viewWallPosts":true,"viewForums":true}},{"path":"groups/5850082/roles/38353811","id":"38353811","displayName":"Member","rank":1,"memberCount":"98"}],"nextPageToken":"38353811"}"#,
    )?;
    assert_eq!(roles.next_cursor.as_deref(), Some("38353811"));
    let guest = &roles.items[0];
    assert_eq!(guest.member_count, None);
    let permissions = guest.permissions.unwrap_or_default();
    assert!(permissions.view_forums && permissions.view_wall_posts && !permissions.change_rank);
    assert_eq!(roles.items[1].member_count, Some(98));
    assert_eq!(roles.items[1].permissions, None);
    let requests = offline::respond(
        &group.join_requests(),
        200,
        &[],
        r#"{"groupJoinRequests":[{"path":"groups/5850082/join-requests/2655994471","createTime":"2024-01-01T00:00:00Z","user":"users/2655994471"}],"nextPageToken":""}"#,
    )?;
    assert_eq!(requests.items[0].user_id, 2_655_994_471);
    assert!(offline::respond(&group.join_request(1).accept(), 200, &[], "{}").is_ok());
    Ok(())
}

#[test]
fn posts_read_both_views_of_their_first_comment() -> Result<(), Error> {
    let client = client()?;
    let posts = client.group(7).forum_category("c").posts();
    let page = offline::respond(
        &posts,
        200,
        &[],
        r#"{"groupForumPosts":[
            {"path":"groups/7/forum-categories/c/posts/p","groupForumPostId":"p","title":"Hi","pinned":true,"author":"users/3","commentCount":"2",
             "firstComment":{"path":"groups/7/forum-categories/c/posts/p/comments/f"}},
            {"path":"groups/7/forum-categories/c/posts/q","title":"Yo","commentCount":1,
             "firstComment":{"path":"groups/7/forum-categories/c/posts/q/comments/g","groupForumCommentId":"g",
               "message":{"plainText":"body","author":"users/4","messageReaction":[{"emoteId":"e","count":"3"}]}}}]}"#,
    )?;
    assert_eq!(page.items[0].id, "p");
    assert_eq!(page.items[0].comment_count, 2);
    assert_eq!(page.items[0].first_comment_id.as_deref(), Some("f"));
    assert_eq!(page.items[0].first_comment, None);
    assert_eq!(page.items[1].id, "q");
    let first = page.items[1]
        .first_comment
        .as_ref()
        .map(|c| (c.text.as_deref(), c.author_id, c.reactions.len()));
    assert_eq!(first, Some((Some("body"), Some(4), 1)));
    assert_eq!(page.next_cursor, None);
    Ok(())
}
