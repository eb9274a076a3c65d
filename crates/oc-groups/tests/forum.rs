//! The group forum: categories, posts and comments, their filters, views and paging,
//! against the emulator over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use oc_core::Error;
use oc_emulator::{ForumCategoryConfig, ForumCommentConfig, ForumPostConfig};
use oc_groups::{GroupsExt, PostView};

/// Seeds: an archived category and a category with 25 posts (every fifth pinned); the
/// first post has 12 comments on it, the last of them replying to the fifth.
async fn forum() -> (oc_emulator::EmulatorHandle, String) {
    let emulator = seeded().await;
    let mut archived = ForumCategoryConfig::new(GROUP, "Old");
    archived.archived = true;
    emulator.add_group_forum_category(&archived).unwrap();
    let mut general = ForumCategoryConfig::new(GROUP, "General");
    general.id = Some("general".into());
    for n in 0..25 {
        let mut post = ForumPostConfig::new(format!("Post {n}"), format!("Body {n}"));
        post.pinned = n % 5 == 0;
        post.author = Some(10_000 + n);
        if n == 0 {
            for c in 0..12 {
                let mut comment = ForumCommentConfig::new(format!("Comment {c}"));
                comment.id = Some(format!("c{c}"));
                if c == 11 {
                    comment.replies_to = Some("c4".into());
                }
                post.comments.push(comment);
            }
        }
        general.posts.push(post);
    }
    let id = emulator.add_group_forum_category(&general).unwrap();
    (emulator, id)
}

#[tokio::test]
async fn categories_hide_archived_ones_unless_asked() -> Result<(), Error> {
    let (emulator, id) = forum().await;
    let group = client(&emulator).group(GROUP);
    let shown: Vec<_> = group.forum_categories().try_collect().await?;
    assert_eq!(
        shown.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        vec![id.as_str()]
    );
    assert_eq!(shown[0].display_name, "General");
    assert_eq!(shown[0].creator_id, Some(OWNER));
    let all: Vec<_> = group
        .forum_categories()
        .include_archived()
        .try_collect()
        .await?;
    assert_eq!(all.len(), 2);
    assert!(all[0].archive_time.is_some());
    Ok(())
}

#[tokio::test]
async fn posts_page_filter_pinned_and_take_a_view() -> Result<(), Error> {
    let (emulator, id) = forum().await;
    let category = client(&emulator).group(GROUP).forum_category(id);
    let posts: Vec<_> = category.posts().page_size(4).try_collect().await?;
    assert_eq!(posts.len(), 25);
    assert_eq!(posts[3].title, "Post 3");
    assert_eq!(posts[3].author_id, Some(10_003));
    let first = posts[0]
        .first_comment
        .as_ref()
        .and_then(|c| c.text.as_deref());
    assert_eq!(first, Some("Body 0"));
    assert_eq!(posts[0].comment_count, 13);
    let pinned: Vec<_> = category.posts().pinned_only().try_collect().await?;
    let titles: Vec<_> = pinned.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Post 0", "Post 5", "Post 10", "Post 15", "Post 20"]
    );
    let limited: Vec<_> = category.posts().limit(6).try_collect().await?;
    assert_eq!(limited.len(), 6);
    let bare: Vec<_> = category
        .posts()
        .view(PostView::Full)
        .limit(1)
        .try_collect()
        .await?;
    assert_eq!(bare[0].first_comment, None);
    assert_eq!(bare[0].first_comment_id, posts[0].first_comment_id);
    let unknown = client(&emulator)
        .group(GROUP)
        .forum_category("nope")
        .posts();
    assert!(unknown
        .try_collect::<Vec<_>>()
        .await
        .is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn comments_list_the_post_s_own_or_the_replies_to_one() -> Result<(), Error> {
    let (emulator, id) = forum().await;
    let ids = emulator.group_forum_posts(GROUP, &id);
    let (post_id, comment_ids) = ids[0].clone();
    let post = client(&emulator)
        .group(GROUP)
        .forum_category(id)
        .post(post_id);
    let comments: Vec<_> = post.comments().page_size(5).try_collect().await?;
    // The first comment (the content) and the 11 direct ones; not the reply.
    assert_eq!(comments.len(), 12);
    assert_eq!(comments[0].id, comment_ids[0]);
    assert_eq!(comments[0].text.as_deref(), Some("Body 0"));
    assert_eq!(comments[1].id, "c0");
    assert!(comments.iter().all(|c| c.id != "c11"));
    let replies: Vec<_> = post.comments().replies_to("c4").try_collect().await?;
    assert_eq!(
        replies.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        vec!["c11"]
    );
    assert_eq!(replies[0].author_id, Some(OWNER));
    Ok(())
}

#[tokio::test]
async fn the_forum_needs_its_scope() {
    let (emulator, _) = forum().await;
    let without = user_client(&emulator, OWNER, &["group:read"]).group(GROUP);
    let refused = without.forum_categories().try_collect::<Vec<_>>().await;
    assert_eq!(
        refused.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(403)
    );
}
