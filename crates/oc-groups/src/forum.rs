//! The group forum, read: List Group Forum Categories
//! (`GET /cloud/v2/groups/{g}/forum-categories`), Posts (`…/{category}/posts`) and
//! Comments (`…/posts/{post}/comments`), each with `maxPageSize`, `pageToken` and a
//! filter of its own (<https://create.roblox.com/docs/cloud/reference/features/groups>).
//! All need the `group-forum:read` scope.
//!
//! The filters are written as the reference's examples write them (`archived==true`,
//! `pinned==true`, `repliesToCommentId==<id>`); forum ids are checked to be made of
//! letters, digits, `-` and `_` before they are put in a path or a filter.

use bytes::Bytes;
use http::Method;
use oc_core::request::{PathSegment, Query};
use oc_core::v2::{timestamp, PREFIX};
use oc_core::{request, Body, Client, Endpoint, Error, Group, Page, PagedEndpoint, Paging};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::handles::{GroupForumCategory, GroupForumPost};
use crate::limits::{self, MAX_FORUM_CATEGORIES_PAGE_SIZE, MAX_FORUM_PAGE_SIZE};
use crate::wire::{self, optional_user};

/// A forum category.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ForumCategory {
    /// Its id.
    pub id: String,
    /// The group.
    pub group_id: u64,
    /// Its name.
    pub display_name: String,
    /// Who created it.
    pub creator_id: Option<u64>,
    /// When it was created.
    pub create_time: Option<OffsetDateTime>,
    /// When it last changed.
    pub update_time: Option<OffsetDateTime>,
    /// When it was archived, if it was.
    pub archive_time: Option<OffsetDateTime>,
    /// Who archived it.
    pub archiver_id: Option<u64>,
}

/// A reaction to a comment: an emote and how many reacted with it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Reaction {
    /// The emote.
    pub emote_id: String,
    /// How many reacted with it.
    #[serde(with = "oc_core::v2::ids::int64")]
    pub count: u64,
}

/// A comment on a forum post (a post's first comment is its content).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ForumComment {
    /// Its id.
    pub id: String,
    /// The group.
    pub group_id: u64,
    /// The category.
    pub category_id: String,
    /// The post.
    pub post_id: String,
    /// Its text.
    pub text: Option<String>,
    /// Who wrote it.
    pub author_id: Option<u64>,
    /// When it was written.
    pub create_time: Option<OffsetDateTime>,
    /// When it last changed.
    pub update_time: Option<OffsetDateTime>,
    /// The reactions to it, where reactions are on.
    pub reactions: Vec<Reaction>,
}

/// A forum post.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ForumPost {
    /// Its id.
    pub id: String,
    /// The group.
    pub group_id: u64,
    /// The category.
    pub category_id: String,
    /// Its title.
    pub title: String,
    /// Whether it is pinned.
    pub pinned: bool,
    /// Whether it is locked.
    pub locked: bool,
    /// Who wrote it.
    pub author_id: Option<u64>,
    /// How many comments it has, the first (its content) included.
    pub comment_count: u64,
    /// The id of its first comment.
    pub first_comment_id: Option<String>,
    /// Its first comment, whole ([`PostView::FullWithFirstComment`], the default view).
    pub first_comment: Option<ForumComment>,
    /// When it was created.
    pub create_time: Option<OffsetDateTime>,
    /// When it last changed.
    pub update_time: Option<OffsetDateTime>,
    /// When it was archived, if it was.
    pub archive_time: Option<OffsetDateTime>,
    /// Who archived it.
    pub archiver_id: Option<u64>,
}

/// How much of each post's first comment a post list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum PostView {
    /// Only the first comment's id (`FULL`).
    Full,
    /// The first comment whole (`FULL_WITH_FIRST_COMMENT`, the service's default).
    #[default]
    FullWithFirstComment,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireCategory {
    path: String,
    group_forum_category_id: Option<String>,
    display_name: String,
    creator: Option<String>,
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    update_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    archive_time: Option<OffsetDateTime>,
    archiver: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireMessage {
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    update_time: Option<OffsetDateTime>,
    plain_text: Option<String>,
    author: Option<String>,
    message_reaction: Vec<Reaction>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireComment {
    path: String,
    group_forum_comment_id: Option<String>,
    message: Option<WireMessage>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WirePost {
    path: String,
    group_forum_post_id: Option<String>,
    title: String,
    pinned: bool,
    locked: bool,
    author: Option<String>,
    #[serde(with = "crate::wire::int64_option")]
    comment_count: Option<u64>,
    first_comment: Option<WireComment>,
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    update_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    archive_time: Option<OffsetDateTime>,
    archiver: Option<String>,
}

/// A segment of a resource path, or what the caller asked about.
fn segment_or(path: &str, collection: &str, asked: &str) -> String {
    wire::segment_after(path, collection)
        .unwrap_or(asked)
        .to_owned()
}

impl WireCategory {
    fn into_category(self, group: u64) -> Result<ForumCategory, Error> {
        let id = match self.group_forum_category_id.filter(|id| !id.is_empty()) {
            Some(id) => id,
            None => wire::segment_after(&self.path, "forum-categories")
                .map(str::to_owned)
                .ok_or_else(|| {
                    Error::decode(
                        format!("a forum category without an id: {:?}", self.path),
                        None,
                    )
                })?,
        };
        Ok(ForumCategory {
            id,
            group_id: group,
            display_name: self.display_name,
            creator_id: optional_user("creator", self.creator.as_deref())?,
            create_time: self.create_time,
            update_time: self.update_time,
            archive_time: self.archive_time,
            archiver_id: optional_user("archiver", self.archiver.as_deref())?,
        })
    }
}

impl WireComment {
    /// The comment; `None` for a reference holding only its path (the `FULL` view).
    fn into_comment(self, post: &GroupForumPost) -> Result<(String, Option<ForumComment>), Error> {
        let id = match self.group_forum_comment_id.filter(|id| !id.is_empty()) {
            Some(id) => id,
            None => wire::segment_after(&self.path, "comments")
                .map(str::to_owned)
                .ok_or_else(|| {
                    Error::decode(
                        format!("a forum comment without an id: {:?}", self.path),
                        None,
                    )
                })?,
        };
        let Some(message) = self.message else {
            return Ok((id, None));
        };
        let comment = ForumComment {
            id: id.clone(),
            group_id: post.category.group.id(),
            category_id: segment_or(&self.path, "forum-categories", &post.category.category_id),
            post_id: segment_or(&self.path, "posts", &post.post_id),
            text: message.plain_text,
            author_id: optional_user("author", message.author.as_deref())?,
            create_time: message.create_time,
            update_time: message.update_time,
            reactions: message.message_reaction,
        };
        Ok((id, Some(comment)))
    }
}

impl WirePost {
    fn into_post(self, category: &GroupForumCategory) -> Result<ForumPost, Error> {
        let id = match self.group_forum_post_id.filter(|id| !id.is_empty()) {
            Some(id) => id,
            None => wire::segment_after(&self.path, "posts")
                .map(str::to_owned)
                .ok_or_else(|| {
                    Error::decode(format!("a forum post without an id: {:?}", self.path), None)
                })?,
        };
        let handle = category.post(id.clone());
        let (first_comment_id, first_comment) = match self.first_comment {
            Some(first) => {
                let (id, comment) = first.into_comment(&handle)?;
                (Some(id), comment)
            }
            None => (None, None),
        };
        Ok(ForumPost {
            id,
            group_id: category.group.id(),
            category_id: segment_or(&self.path, "forum-categories", &category.category_id),
            title: self.title,
            pinned: self.pinned,
            locked: self.locked,
            author_id: optional_user("author", self.author.as_deref())?,
            comment_count: self.comment_count.unwrap_or_default(),
            first_comment_id,
            first_comment,
            create_time: self.create_time,
            update_time: self.update_time,
            archive_time: self.archive_time,
            archiver_id: optional_user("archiver", self.archiver.as_deref())?,
        })
    }
}

/// The forum categories of a group: a `Stream` of [`ForumCategory`]. Archived categories
/// are left out unless [`ListForumCategories::include_archived`] is chosen.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListForumCategories {
    group: Group,
    include_archived: bool,
    paging: Paging<ForumCategory>,
}

impl ListForumCategories {
    pub(crate) fn new(group: Group) -> Self {
        ListForumCategories {
            group,
            include_archived: false,
            paging: Paging::new(MAX_FORUM_CATEGORIES_PAGE_SIZE),
        }
    }

    /// Lists archived categories too (`archived==true`).
    pub fn include_archived(mut self) -> Self {
        self.include_archived = true;
        self
    }
}

/// The posts of a forum category: a `Stream` of [`ForumPost`].
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListForumPosts {
    category: GroupForumCategory,
    pinned_only: bool,
    view: Option<PostView>,
    paging: Paging<ForumPost>,
}

impl ListForumPosts {
    pub(crate) fn new(category: GroupForumCategory) -> Self {
        ListForumPosts {
            category,
            pinned_only: false,
            view: None,
            paging: Paging::new(MAX_FORUM_PAGE_SIZE),
        }
    }

    /// Only the pinned posts (`pinned==true`; the service has no filter for the others).
    pub fn pinned_only(mut self) -> Self {
        self.pinned_only = true;
        self
    }

    /// How much of each first comment to read (the service's default: all of it).
    pub fn view(mut self, view: PostView) -> Self {
        self.view = Some(view);
        self
    }
}

/// The comments of a forum post: a `Stream` of [`ForumComment`]; the comments on the post
/// itself (its first comment included) unless [`ListForumComments::replies_to`] names a
/// comment whose replies to list.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListForumComments {
    post: GroupForumPost,
    replies_to: Option<String>,
    paging: Paging<ForumComment>,
}

impl ListForumComments {
    pub(crate) fn new(post: GroupForumPost) -> Self {
        ListForumComments {
            post,
            replies_to: None,
            paging: Paging::new(MAX_FORUM_PAGE_SIZE),
        }
    }

    /// Lists the replies to comment `comment_id` instead (`repliesToCommentId==<id>`).
    pub fn replies_to(mut self, comment_id: impl Into<String>) -> Self {
        self.replies_to = Some(comment_id.into());
        self
    }
}

/// `…/groups/{g}/forum-categories`, checked.
fn categories_path(group: &Group) -> Result<String, Error> {
    limits::id("group_id", group.id())?;
    Ok(format!("{PREFIX}/groups/{}/forum-categories", group.id()))
}

/// `…/forum-categories/{c}`, checked.
fn category_path(category: &GroupForumCategory) -> Result<String, Error> {
    limits::forum_id("category_id", &category.category_id)?;
    Ok(format!(
        "{}/{}",
        categories_path(&category.group)?,
        PathSegment(&category.category_id)
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CategoriesPage {
    #[serde(default)]
    group_forum_categories: Vec<WireCategory>,
    #[serde(default)]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostsPage {
    #[serde(default)]
    group_forum_posts: Vec<WirePost>,
    #[serde(default)]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentsPage {
    #[serde(default)]
    group_forum_comments: Vec<WireComment>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListForumCategories {
    type Output = Page<ForumCategory>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_group_forum_categories";

    fn client(&self) -> &Client {
        self.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = categories_path(&self.group)?;
        let query = self
            .paging
            .query_v2(Query::new())
            .pair_opt("filter", self.include_archived.then_some("archived==true"));
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<ForumCategory>, Error> {
        let wire: CategoriesPage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .group_forum_categories
                .into_iter()
                .map(|c| c.into_category(self.group.id()))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl Endpoint for ListForumPosts {
    type Output = Page<ForumPost>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_group_forum_posts";

    fn client(&self) -> &Client {
        self.category.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = format!("{}/posts", category_path(&self.category)?);
        let view = self.view.map(|view| match view {
            PostView::Full => "FULL",
            PostView::FullWithFirstComment => "FULL_WITH_FIRST_COMMENT",
        });
        let query = self
            .paging
            .query_v2(Query::new())
            .pair_opt("filter", self.pinned_only.then_some("pinned==true"))
            .pair_opt("view", view);
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<ForumPost>, Error> {
        let wire: PostsPage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .group_forum_posts
                .into_iter()
                .map(|p| p.into_post(&self.category))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl Endpoint for ListForumComments {
    type Output = Page<ForumComment>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_group_forum_comments";

    fn client(&self) -> &Client {
        self.post.category.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        limits::forum_id("post_id", &self.post.post_id)?;
        if let Some(comment) = &self.replies_to {
            limits::forum_id("replies_to", comment)?;
        }
        let path = format!(
            "{}/posts/{}/comments",
            category_path(&self.post.category)?,
            PathSegment(&self.post.post_id)
        );
        let query = self.paging.query_v2(Query::new()).pair_opt(
            "filter",
            self.replies_to
                .as_ref()
                .map(|id| format!("repliesToCommentId=={id}")),
        );
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<ForumComment>, Error> {
        let wire: CommentsPage = oc_core::response::json(&response)?;
        let mut items = Vec::with_capacity(wire.group_forum_comments.len());
        for comment in wire.group_forum_comments {
            let (id, full) = comment.into_comment(&self.post)?;
            items.push(full.unwrap_or_else(|| ForumComment {
                id,
                group_id: self.post.category.group.id(),
                category_id: self.post.category.category_id.clone(),
                post_id: self.post.post_id.clone(),
                text: None,
                author_id: None,
                create_time: None,
                update_time: None,
                reactions: Vec::new(),
            }));
        }
        Ok(Page {
            items,
            next_cursor: wire.next_page_token,
        })
    }
}

macro_rules! paged {
    ($($ty:ident => $item:ty),+) => {$(
        impl PagedEndpoint for $ty {
            type Item = $item;

            fn paging(&self) -> &Paging<$item> {
                &self.paging
            }

            fn paging_mut(&mut self) -> &mut Paging<$item> {
                &mut self.paging
            }
        }
    )+};
}

paged!(
    ListForumCategories => ForumCategory,
    ListForumPosts => ForumPost,
    ListForumComments => ForumComment
);

oc_core::list_stream!(ListForumCategories, ListForumPosts, ListForumComments);
