//! `POST /assets/v1/assets/{assetId}:archive` and `…:restore`
//! (<https://create.roblox.com/docs/cloud/reference/features/assets>): both answer the
//! [`Asset`], whose [`state`](Asset::state) says the outcome.
//!
//! Both may be repeated by the retry layer: archiving an archived asset (or restoring an
//! active one) leaves it as it is, so a repeat of one that was applied lands in the same
//! state.

use bytes::Bytes;
use http::Method;
use oc_core::request;
use oc_core::{Body, Client, Endpoint, Error};

use crate::asset::Asset;
use crate::handle::AssetHandle;
use crate::refusal::AREA;

macro_rules! state_change {
    ($name:ident, $verb:literal, $operation:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct $name<'a> {
            asset: &'a AssetHandle,
        }

        impl<'a> $name<'a> {
            pub(crate) fn new(asset: &'a AssetHandle) -> Self {
                $name { asset }
            }
        }

        impl Endpoint for $name<'_> {
            type Output = Asset;
            const AREA: &'static str = AREA;
            const OPERATION: &'static str = $operation;

            fn client(&self) -> &Client {
                &self.asset.client
            }

            /// No body: the request message is empty.
            fn build_request(&self) -> Result<http::Request<Body>, Error> {
                let path = format!("{}:{}", self.asset.path()?, $verb);
                request::build(Method::POST, &path, Body::empty())
            }

            fn parse(&self, response: http::Response<Bytes>) -> Result<Asset, Error> {
                oc_core::response::json(&response)
            }
        }

        oc_core::endpoint_future!($name<'a>);
    };
}

state_change!(
    ArchiveAsset,
    "archive",
    "archive_asset",
    "An archive; `.await` it for the [`Asset`], now [`Archived`](crate::AssetState::Archived)."
);
state_change!(
    RestoreAsset,
    "restore",
    "restore_asset",
    "A restore; `.await` it for the [`Asset`], now [`Active`](crate::AssetState::Active)."
);
