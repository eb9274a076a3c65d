//! `GET /assets/v1/assets/{assetId}?readMask=…`
//! (<https://create.roblox.com/docs/cloud/reference/features/assets>).

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, InvalidInput};

use crate::asset::Asset;
use crate::handle::AssetHandle;
use crate::refusal::AREA;

/// A get; `.await` it for the [`Asset`]. Fields the answer leaves out read as empty.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAsset<'a> {
    asset: &'a AssetHandle,
    read_mask: Vec<String>,
}

impl<'a> GetAsset<'a> {
    pub(crate) fn new(asset: &'a AssetHandle) -> Self {
        GetAsset {
            asset,
            read_mask: Vec::new(),
        }
    }

    /// The fields to answer, as `Asset` names them (`description`, `displayName`,
    /// `previews`, `twitchSocialLink`, `state`, …); added to any named before.
    pub fn read_mask<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.read_mask.extend(fields.into_iter().map(Into::into));
        self
    }
}

/// A field name: letters, digits, `_` and `.` (no comma, which separates them).
fn check_field(field: &str) -> Result<(), InvalidInput> {
    let well_formed = !field.is_empty()
        && field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if well_formed {
        Ok(())
    } else {
        Err(InvalidInput::new(
            "read_mask",
            format!("{field:?} is not a field name"),
        ))
    }
}

impl Endpoint for GetAsset<'_> {
    type Output = Asset;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "get_asset";

    fn client(&self) -> &Client {
        &self.asset.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.asset.path()?;
        for field in &self.read_mask {
            check_field(field)?;
        }
        let mask = (!self.read_mask.is_empty()).then(|| self.read_mask.join(","));
        let path = Query::new().pair_opt("readMask", mask).with_path(&path);
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Asset, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(GetAsset<'a>);
