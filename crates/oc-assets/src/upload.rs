//! `POST /assets/v1/assets`: upload a new asset for a user or a group.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderValue, Method};
use oc_core::{request, validate, Body, Client, Group, Idempotency, InvalidInput, User};
use serde_json::json;

use crate::asset::{AssetType, Creator};
use crate::content::{content_types_for, max_bytes_for, Content};
use crate::error::Error;
use crate::multipart::{self, FilePart};
use crate::operation::{self, AssetOperation};
use crate::update::UpdateAsset;

/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

/// Asset methods on a creator: a [`User`] or a [`Group`].
pub trait CreatorAssetsExt {
    /// Uploads `content` as a new asset of `asset_type` named `name`, owned by this
    /// creator. Await the returned request to send it.
    fn upload_asset(
        &self,
        asset_type: AssetType,
        name: impl Into<String>,
        content: Content,
    ) -> UploadAsset<'_>;

    /// Updates asset `asset_id`: its content, name or description.
    fn update_asset(&self, asset_id: u64) -> UpdateAsset<'_>;
}

macro_rules! creator_ext {
    ($handle:ty, $variant:ident) => {
        impl CreatorAssetsExt for $handle {
            fn upload_asset(
                &self,
                asset_type: AssetType,
                name: impl Into<String>,
                content: Content,
            ) -> UploadAsset<'_> {
                UploadAsset {
                    client: self.client(),
                    creator: Creator::$variant(self.id()),
                    asset_type,
                    name: name.into(),
                    description: String::new(),
                    expected_price: None,
                    content,
                }
            }

            fn update_asset(&self, asset_id: u64) -> UpdateAsset<'_> {
                UpdateAsset::new(self.client(), asset_id)
            }
        }
    };
}

creator_ext!(User, User);
creator_ext!(Group, Group);

/// An upload; `.await` it to send it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UploadAsset<'a> {
    client: &'a Client,
    creator: Creator,
    asset_type: AssetType,
    name: String,
    description: String,
    expected_price: Option<u64>,
    content: Content,
}

impl UploadAsset<'_> {
    /// Sets the description (at most 1000 characters).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Sets the price in Robux the caller expects to pay; the service refuses the upload
    /// when the real price is higher.
    pub fn expected_price(mut self, robux: u64) -> Self {
        self.expected_price = Some(robux);
        self
    }

    /// Checks the input and builds the request, with no I/O (a file is opened when the
    /// body is first read). A one-shot stream content is taken by the first call.
    pub fn build_request(&self) -> Result<http::Request<Body>, Error> {
        validate::non_empty("name", &self.name).map_err(oc_core::Error::from)?;
        validate::max_chars("description", &self.description, MAX_DESCRIPTION_CHARS)
            .map_err(oc_core::Error::from)?;
        let content_type = check_content(&self.asset_type, &self.content)?;
        let mut context = json!({ "creator": self.creator.to_json() });
        if let (Some(price), Some(object)) = (self.expected_price, context.as_object_mut()) {
            object.insert("expectedPrice".into(), price.into());
        }
        let body = json!({
            "assetType": self.asset_type.as_str(),
            "displayName": self.name,
            "description": self.description,
            "creationContext": context,
        });
        let form = multipart::encode(
            body.to_string().as_bytes(),
            Some(FilePart {
                name: "fileContent",
                content: &self.content,
                content_type,
            }),
        )
        .map_err(oc_core::Error::from)?;
        form_request(Method::POST, "/assets/v1/assets", form)
    }
}

/// Checks the content against its asset type: a known content type the type takes, not
/// empty, not over the type's cap. Returns the content type.
pub(crate) fn check_content(asset_type: &AssetType, content: &Content) -> Result<String, Error> {
    let invalid = |field: &'static str, reason: String| -> Error {
        oc_core::Error::from(InvalidInput::new(field, reason)).into()
    };
    let accepted = content_types_for(asset_type);
    if accepted.is_empty() {
        return Err(invalid(
            "asset_type",
            format!("{asset_type:?} cannot be uploaded"),
        ));
    }
    let content_type = content
        .resolved_content_type()
        .map_err(oc_core::Error::from)?;
    if !accepted.contains(&content_type.as_str()) {
        return Err(invalid(
            "content_type",
            format!(
                "{content_type} is not taken for {asset_type} (takes {})",
                accepted.join(", ")
            ),
        ));
    }
    check_size(content, max_bytes_for(asset_type))?;
    Ok(content_type)
}

/// Refuses empty content and content over `max` bytes.
pub(crate) fn check_size(content: &Content, max: u64) -> Result<(), Error> {
    if content.is_empty() {
        return Err(oc_core::Error::from(InvalidInput::new("content", "must not be empty")).into());
    }
    if content.len() > max {
        return Err(oc_core::Error::from(InvalidInput::new(
            "content",
            format!("is {} bytes long; the limit is {max}", content.len()),
        ))
        .into());
    }
    Ok(())
}

/// A non-idempotent request carrying a form, with its exact `Content-Length`.
pub(crate) fn form_request(
    method: Method,
    path: &str,
    form: multipart::Form,
) -> Result<http::Request<Body>, Error> {
    let mut request = request::build(method, path, form.body)?;
    let headers = request.headers_mut();
    headers.insert(CONTENT_TYPE, form.content_type);
    headers.insert(CONTENT_LENGTH, HeaderValue::from(form.len));
    Idempotency::NonIdempotent.mark(&mut request);
    Ok(request)
}

/// Sends an upload or update and reads its operation.
pub(crate) async fn send_form(
    client: &Client,
    request: http::Request<Body>,
) -> Result<AssetOperation, Error> {
    let response = client.send(request).await.map_err(Error::from_core)?;
    operation::from_upload_answer(client, response.body())
}

impl<'a> IntoFuture for UploadAsset<'a> {
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
    use http_body_util::BodyExt;

    fn user() -> Result<User, oc_core::Error> {
        Ok(Client::builder().api_key("k").build()?.user(42))
    }

    fn invalid_field(result: Result<http::Request<Body>, Error>) -> Option<String> {
        match result {
            Err(Error::Core(oc_core::Error::InvalidInput(invalid))) => {
                Some(invalid.field().to_owned())
            }
            _ => None,
        }
    }

    #[tokio::test]
    async fn builds_a_multipart_upload() -> Result<(), oc_core::BoxError> {
        let user = user()?;
        let content = Content::bytes(&b"\x89PNG\r\n\x1a\n"[..]).file_name("a.png");
        let upload = user
            .upload_asset(AssetType::Decal, "Name", content)
            .description("D")
            .expected_price(5);
        let request = upload.build_request()?;
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "/assets/v1/assets");
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let declared: u64 = request.headers()[CONTENT_LENGTH].to_str()?.parse()?;
        assert!(request.headers()[CONTENT_TYPE]
            .to_str()?
            .starts_with("multipart/form-data; boundary="));
        let bytes = request.into_body().collect().await?.to_bytes();
        assert_eq!(bytes.len() as u64, declared);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(r#""assetType":"Decal""#), "{text}");
        assert!(text.contains(r#""creator":{"userId":"42"}"#), "{text}");
        assert!(text.contains(r#""expectedPrice":5"#), "{text}");
        assert!(text.contains("Content-Type: image/png"), "{text}");
        Ok(())
    }

    #[test]
    fn refuses_bad_input_before_sending() -> Result<(), oc_core::Error> {
        let user = user()?;
        let png = || Content::bytes("x").file_name("a.png");
        let cases = [
            (user.upload_asset(AssetType::Decal, "", png()), "name"),
            (
                user.upload_asset(AssetType::Decal, "n", png())
                    .description("d".repeat(1001)),
                "description",
            ),
            (
                user.upload_asset(AssetType::Decal, "n", Content::bytes("x")),
                "content_type",
            ),
            (
                user.upload_asset(AssetType::Audio, "n", png()),
                "content_type",
            ),
            (
                user.upload_asset(AssetType::Decal, "n", Content::bytes("").file_name("a.png")),
                "content",
            ),
            (
                user.upload_asset(
                    AssetType::Decal,
                    "n",
                    Content::bytes(vec![0u8; 20 * 1024 * 1024 + 1]).file_name("a.png"),
                ),
                "content",
            ),
            (
                user.upload_asset(AssetType::Other("Hat".into()), "n", png()),
                "asset_type",
            ),
        ];
        for (upload, field) in cases {
            assert_eq!(
                invalid_field(upload.build_request()).as_deref(),
                Some(field)
            );
        }
        Ok(())
    }
}
