//! Asset versions (<https://create.roblox.com/docs/cloud/reference/features/assets>):
//! [`AssetVersion`], `GET /assets/v1/assets/{assetId}/versions` (a `Stream`, newest
//! first), `GET …/versions/{versionNumber}` and `POST …/versions:rollback`.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::{
    Body, Client, Endpoint, Error, Idempotency, InvalidInput, Page, PagedEndpoint, Paging,
};
use serde::Deserialize;
use serde_json::json;

use crate::asset::{Creator, ModerationState};
use crate::handle::AssetHandle;
use crate::refusal::{self, AREA};

/// The largest page of versions (1 to 50; the service answers 8 by default).
pub const MAX_VERSIONS_PAGE: usize = 50;

/// One version of an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssetVersion {
    /// The asset id.
    pub asset_id: u64,
    /// The version number, from 1.
    pub version: u64,
    /// Who made it, when the answer says.
    pub creator: Option<Creator>,
    /// Its moderation state, when the answer says.
    pub moderation_state: Option<ModerationState>,
    /// Whether it is the published version (places only; `None` for other assets).
    pub published: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawVersion {
    #[serde(default)]
    path: String,
    #[serde(default)]
    creation_context: Option<RawContext>,
    #[serde(default)]
    moderation_result: Option<RawModeration>,
    #[serde(default)]
    published: Option<bool>,
}

#[derive(Deserialize)]
struct RawContext {
    #[serde(default)]
    creator: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawModeration {
    #[serde(default)]
    moderation_state: Option<String>,
}

/// An id written as a number or a string of digits.
fn id_of(value: Option<&serde_json::Value>) -> Option<u64> {
    match value? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

impl RawVersion {
    /// The version, its asset id and number read from `path`
    /// (`assets/{assetId}/versions/{n}`).
    fn into_version(self) -> Result<AssetVersion, Error> {
        let bad = || Error::decode(format!("bad asset version path {:?}", self.path), None);
        let mut parts = self.path.trim_start_matches('/').split('/');
        let (Some("assets"), Some(asset), Some("versions"), Some(number), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(bad());
        };
        let (asset_id, version) = match (asset.parse(), number.parse()) {
            (Ok(asset), Ok(number)) => (asset, number),
            _ => return Err(bad()),
        };
        let creator = self.creation_context.and_then(|c| c.creator).and_then(|c| {
            match (id_of(c.get("userId")), id_of(c.get("groupId"))) {
                (Some(user), _) => Some(Creator::User(user)),
                (None, Some(group)) => Some(Creator::Group(group)),
                (None, None) => None,
            }
        });
        Ok(AssetVersion {
            asset_id,
            version,
            creator,
            moderation_state: self
                .moderation_result
                .and_then(|m| m.moderation_state)
                .map(|s| ModerationState::parse(&s)),
            published: self.published,
        })
    }
}

/// A version answer.
fn version_of(response: &http::Response<Bytes>) -> Result<AssetVersion, Error> {
    oc_core::response::json::<RawVersion>(response)?.into_version()
}

/// Version numbers start at 1.
fn check_version(version: u64) -> Result<(), InvalidInput> {
    if version == 0 {
        return Err(InvalidInput::new("version", "version numbers start at 1"));
    }
    Ok(())
}

/// An asset's versions, newest first: a `Stream` of [`AssetVersion`]. Nothing is
/// requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListAssetVersions {
    asset: AssetHandle,
    paging: Paging<AssetVersion>,
}

impl ListAssetVersions {
    pub(crate) fn new(asset: AssetHandle) -> Self {
        ListAssetVersions {
            asset,
            paging: Paging::new(MAX_VERSIONS_PAGE),
        }
    }
}

/// The page: the object form `{"assetVersions":[…],"nextPageToken":"…"}` the service
/// answers, or the bare array its reference declares.
#[derive(Deserialize)]
#[serde(untagged)]
enum WirePage {
    Object {
        #[serde(default, rename = "assetVersions")]
        asset_versions: Vec<RawVersion>,
        #[serde(default, rename = "nextPageToken")]
        next_page_token: Option<String>,
    },
    Array(Vec<RawVersion>),
}

impl Endpoint for ListAssetVersions {
    type Output = Page<AssetVersion>;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "list_asset_versions";

    fn client(&self) -> &Client {
        &self.asset.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = format!("{}/versions", self.asset.path()?);
        let path = self.paging.query_v2(Query::new()).with_path(&path);
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<AssetVersion>, Error> {
        let (raw, next) = match oc_core::response::json::<WirePage>(&response)? {
            WirePage::Object {
                asset_versions,
                next_page_token,
            } => (asset_versions, next_page_token),
            WirePage::Array(versions) => (versions, None),
        };
        Ok(Page {
            items: raw
                .into_iter()
                .map(RawVersion::into_version)
                .collect::<Result<_, _>>()?,
            next_cursor: next.filter(|t| !t.is_empty()),
        })
    }
}

impl PagedEndpoint for ListAssetVersions {
    type Item = AssetVersion;

    fn paging(&self) -> &Paging<AssetVersion> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<AssetVersion> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListAssetVersions);

/// A get of one version; `.await` it for the [`AssetVersion`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAssetVersion<'a> {
    asset: &'a AssetHandle,
    version: u64,
}

impl<'a> GetAssetVersion<'a> {
    pub(crate) fn new(asset: &'a AssetHandle, version: u64) -> Self {
        GetAssetVersion { asset, version }
    }
}

impl Endpoint for GetAssetVersion<'_> {
    type Output = AssetVersion;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "get_asset_version";

    fn client(&self) -> &Client {
        &self.asset.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.asset.path()?;
        check_version(self.version)?;
        let path = format!("{path}/versions/{}", self.version);
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<AssetVersion, Error> {
        version_of(&response)
    }
}

oc_core::endpoint_future!(GetAssetVersion<'a>);

/// A rollback; `.await` it for the [`AssetVersion`] rolled back to (the service answers
/// the target version). An archived asset is refused with an
/// [`AssetRefused`](crate::AssetRefused) of kind [`Archived`](crate::RefusalKind::Archived).
///
/// **Sent once.** A rollback makes an older version's content current, and the service
/// records that change as a new version, so a repeat of a rollback that was applied
/// would add another version and, were the asset updated meanwhile, undo that update. It
/// is therefore [`Idempotency::NonIdempotent`]: the retry layer repeats it only when the
/// service certainly did not take it; otherwise the error says
/// [`may_have_been_applied`](oc_core::Error::may_have_been_applied), and
/// [`AssetHandle::get`] shows where the asset stands.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct RollbackAsset<'a> {
    asset: &'a AssetHandle,
    version: u64,
}

impl<'a> RollbackAsset<'a> {
    pub(crate) fn new(asset: &'a AssetHandle, version: u64) -> Self {
        RollbackAsset { asset, version }
    }
}

impl Endpoint for RollbackAsset<'_> {
    type Output = AssetVersion;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "rollback_asset";

    fn client(&self) -> &Client {
        &self.asset.client
    }

    /// A JSON body, as the reference's own sample and the clients in use send (its schema
    /// says `multipart/form-data`).
    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.asset.path()?;
        check_version(self.version)?;
        let body = json!({
            "assetVersion": format!("assets/{}/versions/{}", self.asset.id, self.version),
        });
        request::json(Method::POST, &format!("{path}/versions:rollback"), &body)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<AssetVersion, Error> {
        version_of(&response)
    }

    fn parse_error(&self, error: Error) -> Error {
        refusal::refine(error)
    }
}

oc_core::endpoint_future!(RollbackAsset<'a>);
