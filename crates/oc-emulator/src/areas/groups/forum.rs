//! The group forum, read-only: List Group Forum Categories (filter `archived == true`
//! shows archived ones too; by default they are hidden), List Group Forum Posts (filter
//! `pinned == true` only; `view` `FULL` or `FULL_WITH_FIRST_COMMENT`) and List Group Forum
//! Comments (filter `repliesToCommentId == '<id>'`; by default the comments on the post
//! itself, its first comment included). Every list is in the order the forum was seeded.
//! The caller needs `viewForums` in the group.

use http::StatusCode;
use serde_json::{json, Value};

use super::access::Standing;
use super::filter::{self, invalid_filter, Operand};
use super::state::{Category, Comment, GroupRecord, Post};
use super::{json, with_group};
use crate::gateway::page_token::{page, PageRequest, PageSizes};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};

/// Categories: 10 a page, at most 10.
const CATEGORY_SIZES: PageSizes = PageSizes {
    default: 10,
    max: 10,
};
/// Posts and comments: 10 a page unless asked, at most 100.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

/// The value of a one-comparison filter on `field` with `==`; `None` without a filter.
fn equals(ctx: &Ctx<'_>, field: &str) -> Result<Option<String>, V2Error> {
    let Some(text) = ctx.query.get("filter").filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    match filter::parse(text)? {
        filter::Comparison {
            field: found,
            operand: Operand::Equals(value),
        } if found == field => Ok(Some(value)),
        _ => Err(invalid_filter()),
    }
}

fn not_found(what: &str) -> V2Error {
    V2Error::new(V2Code::NotFound, format!("The {what} does not exist."))
}

/// The category of the path.
fn category<'a>(ctx: &Ctx<'_>, record: &'a GroupRecord) -> Result<&'a Category, V2Error> {
    let id = ctx.param("forum_category_id").unwrap_or_default();
    record
        .forum
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| not_found("forum category"))
}

/// The post of the path.
fn post<'a>(ctx: &Ctx<'_>, category: &'a Category) -> Result<&'a Post, V2Error> {
    let id = ctx.param("post_id").unwrap_or_default();
    category
        .posts
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| not_found("forum post"))
}

/// `GET /cloud/v2/groups/{group_id}/forum-categories`.
pub(crate) fn categories(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, _| {
        let request = PageRequest::from_ctx(ctx, CATEGORY_SIZES)?;
        // `archived == false` (the default) hides archived categories; `archived == true`
        // lists them with the others (inferred from the reference's wording).
        let archived = match equals(ctx, "archived")?.as_deref() {
            None => false,
            Some(v) if v.eq_ignore_ascii_case("false") => false,
            Some(v) if v.eq_ignore_ascii_case("true") => true,
            Some(_) => return Err(invalid_filter()),
        };
        Standing::of(record, ctx.credential).require("viewForums")?;
        let shown: Vec<&Category> = record
            .forum
            .iter()
            .filter(|c| archived || !c.archived)
            .collect();
        let page = page(&shown, |c| c.seq, &request)?;
        let items: Vec<Value> = page
            .items
            .iter()
            .map(|c| json::category(record, c))
            .collect();
        Ok(responses::json(
            StatusCode::OK,
            &json!({ "groupForumCategories": items, "nextPageToken": page.next_page_token }),
        ))
    })
    .unwrap_or_else(|error| error.reply())
}

/// `GET …/forum-categories/{forum_category_id}/posts`.
pub(crate) fn posts(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, _| {
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        // Only `pinned == true` is supported; `pinned == false` is refused, as the
        // reference says.
        let pinned_only = match equals(ctx, "pinned")?.as_deref() {
            None => false,
            Some(v) if v.eq_ignore_ascii_case("true") => true,
            Some(_) => return Err(invalid_filter()),
        };
        // The reference calls both FULL and FULL_WITH_FIRST_COMMENT the default; the
        // `firstComment` description ("by default … fully populated") decides it.
        let full_first = match ctx.query.non_empty("view") {
            None => true,
            Some(v) if v.eq_ignore_ascii_case("VIEW_UNSPECIFIED") => true,
            Some(v) if v.eq_ignore_ascii_case("FULL_WITH_FIRST_COMMENT") => true,
            Some(v) if v.eq_ignore_ascii_case("FULL") => false,
            Some(_) => {
                return Err(V2Error::invalid_argument(
                    "view must be FULL or FULL_WITH_FIRST_COMMENT.",
                ))
            }
        };
        Standing::of(record, ctx.credential).require("viewForums")?;
        let category = category(ctx, record)?;
        let shown: Vec<&Post> = category
            .posts
            .iter()
            .filter(|p| !pinned_only || p.pinned)
            .collect();
        let page = page(&shown, |p| p.seq, &request)?;
        let items: Vec<Value> = page
            .items
            .iter()
            .map(|p| json::post(record, category, p, full_first))
            .collect();
        Ok(responses::json(
            StatusCode::OK,
            &json!({ "groupForumPosts": items, "nextPageToken": page.next_page_token }),
        ))
    })
    .unwrap_or_else(|error| error.reply())
}

/// `GET …/posts/{post_id}/comments`.
pub(crate) fn comments(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, _| {
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let replies_to = equals(ctx, "repliesToCommentId")?.filter(|id| !id.is_empty());
        Standing::of(record, ctx.credential).require("viewForums")?;
        let category = category(ctx, record)?;
        let post = post(ctx, category)?;
        if let Some(target) = &replies_to {
            if !post.comments.iter().any(|c| &c.id == target) {
                return Err(not_found("forum comment"));
            }
        }
        let shown: Vec<&Comment> = post
            .comments
            .iter()
            .filter(|c| c.replies_to == replies_to)
            .collect();
        let page = page(&shown, |c| c.seq, &request)?;
        let items: Vec<Value> = page
            .items
            .iter()
            .map(|c| json::comment(record, category, post, c))
            .collect();
        Ok(responses::json(
            StatusCode::OK,
            &json!({ "groupForumComments": items, "nextPageToken": page.next_page_token }),
        ))
    })
    .unwrap_or_else(|error| error.reply())
}
