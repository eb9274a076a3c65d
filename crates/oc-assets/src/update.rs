//! `PATCH /assets/v1/assets/{assetId}?updateMask=…`: new content, name or description for
//! an existing asset (<https://create.roblox.com/docs/cloud/reference/features/assets>).

use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::{validate, Body, Client, Endpoint, Error, Idempotency, InvalidInput};
use serde_json::json;

use crate::content::{Content, MAX_ASSET_BYTES, MAX_VIDEO_BYTES};
use crate::multipart::{self, FilePart};
use crate::operation::AssetOperation;
use crate::refusal::{self, AREA};
use crate::upload::{check_size, form_request, MAX_DESCRIPTION_CHARS};

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
}

impl Endpoint for UpdateAsset<'_> {
    type Output = AssetOperation;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "update_asset";

    fn client(&self) -> &Client {
        self.client
    }

    /// Checks the input and builds the multipart request, with no I/O (see
    /// [`UploadAsset`](crate::UploadAsset) for how the content is read).
    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        if self.name.is_none() && self.description.is_none() && self.content.is_none() {
            return Err(InvalidInput::new(
                "update",
                "set the content, the name or the description",
            )
            .into());
        }
        if let Some(name) = &self.name {
            validate::non_empty("name", name)?;
        }
        if let Some(description) = &self.description {
            validate::max_chars("description", description, MAX_DESCRIPTION_CHARS)?;
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
                let content_type = content.resolved_content_type()?;
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
        let form = multipart::encode(body.to_string().as_bytes(), file)?;
        let query = if mask.is_empty() {
            Query::new()
        } else {
            Query::new().pair("updateMask", mask.join(","))
        };
        let path = query.with_path(&format!("/assets/v1/assets/{}", self.asset_id));
        form_request(Method::PATCH, &path, form)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<AssetOperation, Error> {
        AssetOperation::from_answer(self.client, &response)
    }

    fn parse_error(&self, error: Error) -> Error {
        refusal::refine(error)
    }
}

oc_core::endpoint_future!(UpdateAsset<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::{AssetRefused, RefusalKind};
    use crate::CreatorAssetsExt;
    use http_body_util::BodyExt;
    use oc_core::offline;

    #[tokio::test]
    async fn builds_the_mask_and_the_form() -> Result<(), oc_core::BoxError> {
        let user = Client::builder().api_key("k").build()?.user(1);
        let update = user.update_asset(9).name("N").description("D");
        let request = offline::request(&update)?;
        assert_eq!(request.method(), Method::PATCH);
        assert_eq!(
            request.uri(),
            "/assets/v1/assets/9?updateMask=displayName%2Cdescription"
        );
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let text =
            String::from_utf8_lossy(&request.into_body().collect().await?.to_bytes()).into_owned();
        assert!(
            text.contains(r#"{"assetId":9,"description":"D","displayName":"N"}"#),
            "{text}"
        );
        assert!(!text.contains("fileContent"), "{text}");

        let content = Content::bytes("<roblox!").file_name("m.rbxm");
        let request = offline::request(&user.update_asset(9).content(content))?;
        assert_eq!(request.uri(), "/assets/v1/assets/9");
        let declared: u64 = request.headers()["content-length"].to_str()?.parse()?;
        let bytes = request.into_body().collect().await?.to_bytes();
        assert_eq!(bytes.len() as u64, declared);
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("Content-Type: model/x-rbxm\r\n\r\n<roblox!\r\n"),
            "{text}"
        );
        Ok(())
    }

    #[test]
    fn refuses_an_empty_update_and_bad_fields() -> Result<(), Error> {
        let user = Client::builder().api_key("k").build()?.user(1);
        let field = |update: UpdateAsset<'_>| match offline::request(&update) {
            Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(field(user.update_asset(9)), "update");
        assert_eq!(field(user.update_asset(9).name("")), "name");
        assert_eq!(
            field(user.update_asset(9).description("d".repeat(1001))),
            "description"
        );
        assert_eq!(
            field(user.update_asset(9).content(Content::bytes("x"))),
            "content_type"
        );
        assert_eq!(
            field(
                user.update_asset(9)
                    .content(Content::bytes("").file_name("m.rbxm"))
            ),
            "content"
        );
        Ok(())
    }

    #[test]
    fn parses_the_operation_and_refusals() -> Result<(), Error> {
        let user = Client::builder().api_key("k").build()?.user(1);
        let update = user.update_asset(9).name("N");
        let done = r#"{"done":true,"response":{"assetId":"9","displayName":"N","assetType":"Model","revisionId":"2"}}"#;
        let operation = offline::respond(&update, 200, &[], done)?;
        assert_eq!(operation.output().map(|a| a.name.as_str()), Some("N"));
        let moderated = r#"{"code":"INVALID_ARGUMENT","message":"AssetName is moderated."}"#;
        let error = offline::respond(&update, 400, &[], moderated).err();
        assert_eq!(
            error
                .as_ref()
                .and_then(|e| e.detail::<AssetRefused>())
                .map(|r| r.kind),
            Some(RefusalKind::ModeratedName)
        );
        assert!(error.is_some_and(|e| e.status().is_some()));
        assert!(offline::respond(&update, 404, &[], "").is_err_and(|e| e.is_not_found()));
        Ok(())
    }
}
