//! `PATCH /assets/v1/assets/{assetId}?updateMask=…`: new content, name or description for
//! an existing asset.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use oc_core::request::Query;
use oc_core::{validate, Body, Client, InvalidInput};
use serde_json::json;

use crate::content::{Content, MAX_ASSET_BYTES, MAX_VIDEO_BYTES};
use crate::error::Error;
use crate::multipart::{self, FilePart};
use crate::operation::AssetOperation;
use crate::upload::{check_size, form_request, send_form, MAX_DESCRIPTION_CHARS};

/// An update; `.await` it to send it. Set at least one of content, name, description.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateAsset<'a> {
    client: &'a Client,
    asset_id: u64,
    name: Option<String>,
    description: Option<String>,
    content: Option<Content>,
}

impl<'a> UpdateAsset<'a> {
    pub(crate) fn new(client: &'a Client, asset_id: u64) -> Self {
        UpdateAsset {
            client,
            asset_id,
            name: None,
            description: None,
            content: None,
        }
    }

    /// New content (the service updates the content of models only).
    pub fn content(mut self, content: Content) -> Self {
        self.content = Some(content);
        self
    }

    /// A new display name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// A new description (at most 1000 characters).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let invalid = |field: &'static str, reason: &str| -> Error {
            oc_core::Error::from(InvalidInput::new(field, reason)).into()
        };
        if self.name.is_none() && self.description.is_none() && self.content.is_none() {
            return Err(invalid(
                "update",
                "set the content, the name or the description",
            ));
        }
        if let Some(name) = &self.name {
            validate::non_empty("name", name).map_err(oc_core::Error::from)?;
        }
        if let Some(description) = &self.description {
            validate::max_chars("description", description, MAX_DESCRIPTION_CHARS)
                .map_err(oc_core::Error::from)?;
        }
        let mut body = json!({ "assetId": self.asset_id });
        let mut mask = Vec::new();
        if let Some(object) = body.as_object_mut() {
            if let Some(name) = &self.name {
                object.insert("displayName".into(), name.clone().into());
                mask.push("displayName");
            }
            if let Some(description) = &self.description {
                object.insert("description".into(), description.clone().into());
                mask.push("description");
            }
        }
        let file = match &self.content {
            None => None,
            Some(content) => {
                let content_type = content
                    .resolved_content_type()
                    .map_err(oc_core::Error::from)?;
                let max = if content_type.starts_with("video/") {
                    MAX_VIDEO_BYTES
                } else {
                    MAX_ASSET_BYTES
                };
                check_size(content, max)?;
                Some(FilePart {
                    name: "fileContent",
                    content,
                    content_type,
                })
            }
        };
        let form =
            multipart::encode(body.to_string().as_bytes(), file).map_err(oc_core::Error::from)?;
        let query = if mask.is_empty() {
            Query::new()
        } else {
            Query::new().pair("updateMask", mask.join(","))
        };
        let path = query.with_path(&format!("/assets/v1/assets/{}", self.asset_id));
        form_request(Method::PATCH, &path, form)
    }
}

impl<'a> IntoFuture for UpdateAsset<'a> {
    type Output = Result<AssetOperation, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            send_form(self.client, request).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CreatorAssetsExt;

    #[test]
    fn builds_the_mask_and_refuses_an_empty_update() -> Result<(), Error> {
        let user = Client::builder().api_key("k").build()?.user(1);
        let request = user
            .update_asset(9)
            .name("N")
            .description("D")
            .build_request()?;
        assert_eq!(request.method(), Method::PATCH);
        assert_eq!(
            request.uri(),
            "/assets/v1/assets/9?updateMask=displayName%2Cdescription"
        );
        assert!(matches!(
            user.update_asset(9).build_request(),
            Err(Error::Core(oc_core::Error::InvalidInput(_)))
        ));
        Ok(())
    }
}
