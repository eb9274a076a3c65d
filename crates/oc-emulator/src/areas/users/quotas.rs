//! List Asset Quotas: a user's quotas, filtered by `quotaType == X && assetType == Y`.

use http::StatusCode;
use serde_json::{json, Value};

use super::config::{AssetQuotaConfig, QUOTA_ASSET_TYPES, QUOTA_TYPES};
use super::state::UsersState;
use super::user_of;
use crate::gateway::page_token::{page, PageRequest, PageSizes};
use crate::gateway::proto_json::{format_timestamp, parse_timestamp};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;
use crate::world::Owner;

/// 10 quotas a page unless told, 100 at most.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

/// What a filter keeps: the quota type and the asset type, each when given.
#[derive(Debug, Default, PartialEq, Eq)]
struct Filter {
    quota_type: Option<&'static str>,
    asset_type: Option<&'static str>,
}

/// `RateLimitUpload`, `RATE_LIMIT_UPLOAD` and `"RATE_LIMIT_UPLOAD"` are one value: the
/// reference's example writes PascalCase, the enum SCREAMING_SNAKE.
fn normalized(text: &str) -> String {
    text.trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .replace('_', "")
        .to_ascii_lowercase()
}

fn known(value: &str, names: &[&'static str]) -> Option<&'static str> {
    let wanted = normalized(value);
    names
        .iter()
        .copied()
        .find(|name| normalized(name) == wanted)
}

/// Parses the filter: `==` comparisons of `quotaType` and `assetType` joined by `&&`.
fn parse_filter(text: &str) -> Result<Filter, V2Error> {
    let invalid = || V2Error::invalid_argument("The provided filter is invalid.");
    let mut filter = Filter::default();
    if text.trim().is_empty() {
        return Ok(filter);
    }
    for clause in text.split("&&") {
        let (field, value) = clause.split_once("==").ok_or_else(invalid)?;
        let field = field.trim();
        match field {
            "quotaType" | "quota_type" => {
                filter.quota_type = Some(known(value, QUOTA_TYPES).ok_or_else(invalid)?);
            }
            "assetType" | "asset_type" => {
                filter.asset_type = Some(known(value, QUOTA_ASSET_TYPES).ok_or_else(invalid)?);
            }
            _ => return Err(invalid()),
        }
    }
    Ok(filter)
}

fn quota_json(quota: &AssetQuotaConfig) -> Value {
    let mut body = json!({
        "path": format!("users/{}/asset-quotas/{}", quota.user, quota.id()),
        "quotaType": quota.quota_type,
        "assetType": quota.asset_type,
        "usage": quota.usage,
        "capacity": quota.capacity,
        "period": quota.period,
    });
    if let Some(time) = quota.usage_reset_time.as_deref().and_then(parse_timestamp) {
        body["usageResetTime"] = json!(format_timestamp(time));
    }
    body
}

/// List Asset Quotas.
pub(super) fn list(ctx: &Ctx<'_>) -> Reply {
    try_list(ctx).unwrap_or_else(|error| error.reply())
}

fn try_list(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let user = user_of(ctx)?.id;
    // Only the user's own quotas (inferred: the reference does not say whose quotas a
    // caller may read; a creator's quotas are their own business).
    if ctx.credential.owner != Owner::User(user) {
        return Err(V2Error::new(
            V2Code::PermissionDenied,
            "Only the user's own asset quotas can be listed.",
        ));
    }
    let filter = parse_filter(ctx.query.get("filter").unwrap_or_default())?;
    let request = PageRequest::from_ctx(ctx, SIZES)?;
    let area = ctx.area::<UsersState>();
    let quotas: Vec<AssetQuotaConfig> = lock(&area.quotas)
        .get(&user)
        .map(|all| {
            all.values()
                .filter(|q| filter.quota_type.is_none_or(|t| t == q.quota_type))
                .filter(|q| filter.asset_type.is_none_or(|t| t == q.asset_type))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let page = page(&quotas, AssetQuotaConfig::id, &request)?;
    let items: Vec<Value> = page.items.iter().map(quota_json).collect();
    Ok(responses::json(
        StatusCode::OK,
        &json!({ "assetQuotas": items, "nextPageToken": page.next_page_token }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_take_either_spelling_and_refuse_the_rest() {
        assert_eq!(
            parse_filter("quotaType == RateLimitUpload && assetType == Audio").ok(),
            Some(Filter {
                quota_type: Some("RATE_LIMIT_UPLOAD"),
                asset_type: Some("AUDIO"),
            })
        );
        assert_eq!(
            parse_filter("asset_type == \"MESH_PART\"").ok(),
            Some(Filter {
                quota_type: None,
                asset_type: Some("MESH_PART"),
            })
        );
        assert_eq!(parse_filter("").ok(), Some(Filter::default()));
        for bad in [
            "period == Month",
            "assetType = Audio",
            "assetType == Nope",
            "x",
        ] {
            assert!(parse_filter(bad).is_err(), "{bad}");
        }
    }
}
