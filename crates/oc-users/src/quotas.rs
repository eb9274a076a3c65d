//! List Asset Quotas: `GET /cloud/v2/users/{user_id}/asset-quotas?maxPageSize=&pageToken=
//! &filter=` (<https://create.roblox.com/docs/cloud/reference/features/users>), answering
//! `assetQuotas` and `nextPageToken`. Needs `asset:read`.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::time::OffsetDateTime;
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging, User};
use serde::Deserialize;

use crate::profile::AREA;
use crate::user_id;
use oc_core::wire_enum;

/// The largest page the service gives (larger values are coerced to 100).
const MAX_PAGE: usize = 100;

wire_enum! {
    /// What a quota limits.
    QuotaType {
        Unspecified = "QUOTA_TYPE_UNSPECIFIED",
        RateLimitUpload = "RATE_LIMIT_UPLOAD",
        RateLimitCreatorStoreDistribute = "RATE_LIMIT_CREATOR_STORE_DISTRIBUTE",
    }
}

wire_enum! {
    /// The period a quota is counted over.
    QuotaPeriod {
        Unspecified = "PERIOD_UNSPECIFIED",
        Month = "MONTH",
        Day = "DAY",
    }
}

wire_enum! {
    /// The asset type a quota is for.
    QuotaAssetType {
        Unspecified = "ASSET_TYPE_UNSPECIFIED",
        Image = "IMAGE",
        Tshirt = "TSHIRT",
        Audio = "AUDIO",
        Mesh = "MESH",
        Lua = "LUA",
        Hat = "HAT",
        Place = "PLACE",
        Model = "MODEL",
        Shirt = "SHIRT",
        Pants = "PANTS",
        Decal = "DECAL",
        Head = "HEAD",
        Face = "FACE",
        Gear = "GEAR",
        Animation = "ANIMATION",
        Torso = "TORSO",
        RightArm = "RIGHT_ARM",
        LeftArm = "LEFT_ARM",
        LeftLeg = "LEFT_LEG",
        RightLeg = "RIGHT_LEG",
        YoutubeVideo = "YOUTUBE_VIDEO",
        App = "APP",
        Code = "CODE",
        Plugin = "PLUGIN",
        SolidModel = "SOLID_MODEL",
        MeshPart = "MESH_PART",
        HairAccessory = "HAIR_ACCESSORY",
        FaceAccessory = "FACE_ACCESSORY",
        NeckAccessory = "NECK_ACCESSORY",
        ShoulderAccessory = "SHOULDER_ACCESSORY",
        FrontAccessory = "FRONT_ACCESSORY",
        BackAccessory = "BACK_ACCESSORY",
        WaistAccessory = "WAIST_ACCESSORY",
        ClimbAnimation = "CLIMB_ANIMATION",
        DeathAnimation = "DEATH_ANIMATION",
        FallAnimation = "FALL_ANIMATION",
        IdleAnimation = "IDLE_ANIMATION",
        JumpAnimation = "JUMP_ANIMATION",
        RunAnimation = "RUN_ANIMATION",
        SwimAnimation = "SWIM_ANIMATION",
        WalkAnimation = "WALK_ANIMATION",
        PoseAnimation = "POSE_ANIMATION",
        LocalizationTableManifest = "LOCALIZATION_TABLE_MANIFEST",
        LocalizationTableTranslation = "LOCALIZATION_TABLE_TRANSLATION",
        EmoteAnimation = "EMOTE_ANIMATION",
        Video = "VIDEO",
        TexturePack = "TEXTURE_PACK",
        TshirtAccessory = "TSHIRT_ACCESSORY",
        ShirtAccessory = "SHIRT_ACCESSORY",
        PantsAccessory = "PANTS_ACCESSORY",
        JacketAccessory = "JACKET_ACCESSORY",
        SweaterAccessory = "SWEATER_ACCESSORY",
        ShortsAccessory = "SHORTS_ACCESSORY",
        LeftShoeAccessory = "LEFT_SHOE_ACCESSORY",
        RightShoeAccessory = "RIGHT_SHOE_ACCESSORY",
        DressSkirtAccessory = "DRESS_SKIRT_ACCESSORY",
        FontFamily = "FONT_FAMILY",
        FontFace = "FONT_FACE",
        MeshHiddenSurfaceRemoval = "MESH_HIDDEN_SURFACE_REMOVAL",
        EyebrowAccessory = "EYEBROW_ACCESSORY",
        EyelashAccessory = "EYELASH_ACCESSORY",
        MoodAnimation = "MOOD_ANIMATION",
        DynamicHead = "DYNAMIC_HEAD",
        CodeSnippet = "CODE_SNIPPET",
        AdsVideo = "ADS_VIDEO",
    }
}

/// An asset quota of a user: how much of it is used, out of how much, per period.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AssetQuota {
    /// Its resource path (`users/{user_id}/asset-quotas/{asset_quota_id}`).
    #[serde(default)]
    pub path: String,
    /// What it limits.
    #[serde(default = "unspecified_quota")]
    pub quota_type: QuotaType,
    /// The asset type it is for.
    #[serde(default = "unspecified_asset")]
    pub asset_type: QuotaAssetType,
    /// The current usage.
    #[serde(default, with = "oc_core::v2::ids::int64")]
    pub usage: i64,
    /// The capacity.
    #[serde(default, with = "oc_core::v2::ids::int64")]
    pub capacity: i64,
    /// The period it is counted over.
    #[serde(default = "unspecified_period")]
    pub period: QuotaPeriod,
    /// When the usage resets.
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    pub usage_reset_time: Option<OffsetDateTime>,
}

fn unspecified_quota() -> QuotaType {
    QuotaType::Unspecified
}

fn unspecified_asset() -> QuotaAssetType {
    QuotaAssetType::Unspecified
}

fn unspecified_period() -> QuotaPeriod {
    QuotaPeriod::Unspecified
}

/// A user's asset quotas: a `Stream` of [`AssetQuota`]. Nothing is requested before the
/// first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListAssetQuotas {
    pub(crate) user: User,
    pub(crate) quota_type: Option<QuotaType>,
    pub(crate) asset_type: Option<QuotaAssetType>,
    pub(crate) paging: Paging<AssetQuota>,
}

impl ListAssetQuotas {
    /// Only quotas of this type.
    pub fn quota_type(mut self, quota_type: QuotaType) -> Self {
        self.quota_type = Some(quota_type);
        self
    }

    /// Only quotas for this asset type.
    pub fn asset_type(mut self, asset_type: QuotaAssetType) -> Self {
        self.asset_type = Some(asset_type);
        self
    }

    /// The `filter`: `quotaType == X && assetType == Y`, either alone, or none. Values are
    /// written as the enum spells them (the reference's example writes PascalCase, which
    /// names the same values).
    fn filter(&self) -> Result<Option<String>, Error> {
        let mut clauses = Vec::new();
        for (field, value) in [
            ("quotaType", self.quota_type.as_ref().map(QuotaType::as_str)),
            (
                "assetType",
                self.asset_type.as_ref().map(QuotaAssetType::as_str),
            ),
        ] {
            let Some(value) = value else { continue };
            if value.is_empty()
                || !value
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                || value.ends_with("_UNSPECIFIED")
            {
                return Err(oc_core::InvalidInput::new(
                    field,
                    format!("{value:?} is not a value to filter by"),
                )
                .into());
            }
            clauses.push(format!("{field} == {value}"));
        }
        Ok((!clauses.is_empty()).then(|| clauses.join(" && ")))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    asset_quotas: Vec<AssetQuota>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListAssetQuotas {
    type Output = Page<AssetQuota>;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "list_asset_quotas";

    fn client(&self) -> &Client {
        self.user.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let id = user_id::checked(&self.user)?;
        let query = self
            .paging
            .query_v2(Query::new())
            .pair_opt("filter", self.filter()?);
        let path = format!("{}/users/{id}/asset-quotas", oc_core::v2::PREFIX);
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<AssetQuota>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire.asset_quotas,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListAssetQuotas {
    type Item = AssetQuota;

    fn paging(&self) -> &Paging<AssetQuota> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<AssetQuota> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListAssetQuotas);

/// A new list of `user`'s quotas.
pub(crate) fn list(user: &User) -> ListAssetQuotas {
    ListAssetQuotas {
        user: user.clone(),
        quota_type: None,
        asset_type: None,
        paging: Paging::new(MAX_PAGE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserProfileExt;
    use oc_core::offline;

    #[test]
    fn the_filter_joins_what_was_set() -> Result<(), Error> {
        let user = Client::builder().api_key("k").build()?.user(5);
        let all = user
            .asset_quotas()
            .quota_type(QuotaType::RateLimitUpload)
            .asset_type(QuotaAssetType::Audio)
            .limit(3);
        assert_eq!(
            offline::request(&all)?.uri(),
            "/cloud/v2/users/5/asset-quotas?maxPageSize=3&filter=quotaType+%3D%3D+RATE_LIMIT_UPLOAD+%26%26+assetType+%3D%3D+AUDIO"
        );
        assert_eq!(
            offline::request(&user.asset_quotas())?.uri(),
            "/cloud/v2/users/5/asset-quotas?maxPageSize=100"
        );
        for bad in [
            user.asset_quotas().quota_type(QuotaType::Unspecified),
            user.asset_quotas()
                .asset_type(QuotaAssetType::Other("a b".into())),
        ] {
            assert!(matches!(
                offline::request(&bad),
                Err(Error::InvalidInput(_))
            ));
        }
        let page = offline::respond(
            &user.asset_quotas(),
            200,
            &[],
            r#"{"assetQuotas":[{"path":"users/5/asset-quotas/q","quotaType":"RATE_LIMIT_UPLOAD","assetType":"AUDIO","usage":"3","capacity":100,"period":"MONTH","usageResetTime":"2024-02-01T00:00:00Z"}],"nextPageToken":""}"#,
        )?;
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].usage, 3);
        assert_eq!(page.items[0].period, QuotaPeriod::Month);
        Ok(())
    }
}
