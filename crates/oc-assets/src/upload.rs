//! `POST /assets/v1/assets`: upload a new asset for a user or a group
//! (<https://create.roblox.com/docs/cloud/reference/features/assets>).

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderValue, Method};
use oc_core::{
    request, validate, Body, Client, Endpoint, Error, Group, Idempotency, InvalidInput, User,
};
use serde_json::json;

use crate::asset::{AssetType, Creator};
use crate::content::{content_types_for, max_bytes_for, Content};
use crate::multipart::{self, FilePart};
use crate::operation::AssetOperation;
use crate::refusal::{self, AREA};
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
}

impl Endpoint for UploadAsset<'_> {
    type Output = AssetOperation;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "upload_asset";

    fn client(&self) -> &Client {
        self.client
    }

    /// Checks the input and builds the multipart request, with no I/O (a file is opened
    /// when the body is first read, and reopened for a retry). A one-shot stream content
    /// is taken from its shared slot by the first request built: a second one is invalid
    /// input, so such an upload is sent once and never retried.
    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        validate::non_empty("name", &self.name)?;
        validate::max_chars("description", &self.description, MAX_DESCRIPTION_CHARS)?;
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
        )?;
        form_request(Method::POST, "/assets/v1/assets", form)
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

oc_core::endpoint_future!(UploadAsset<'a>);

/// Checks the content against its asset type: a known content type the type takes, not
/// empty, not over the type's cap. Returns the content type.
pub(crate) fn check_content(asset_type: &AssetType, content: &Content) -> Result<String, Error> {
    let invalid =
        |field: &'static str, reason: String| -> Error { InvalidInput::new(field, reason).into() };
    let accepted = content_types_for(asset_type);
    if accepted.is_empty() {
        return Err(invalid(
            "asset_type",
            format!("{asset_type:?} cannot be uploaded"),
        ));
    }
    let content_type = content.resolved_content_type()?;
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
        return Err(InvalidInput::new("content", "must not be empty").into());
    }
    if content.len() > max {
        return Err(InvalidInput::new(
            "content",
            format!("is {} bytes long; the limit is {max}", content.len()),
        )
        .into());
    }
    Ok(())
}

/// A request carrying a form, with its exact `Content-Length` (the body streams, so the
/// length is declared up front rather than left to chunked encoding).
pub(crate) fn form_request(
    method: Method,
    path: &str,
    form: multipart::Form,
) -> Result<http::Request<Body>, Error> {
    let mut request = request::build(method, path, form.body)?;
    let headers = request.headers_mut();
    headers.insert(CONTENT_TYPE, form.content_type);
    headers.insert(CONTENT_LENGTH, HeaderValue::from(form.len));
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::{AssetRefused, RefusalKind};
    use crate::OperationFailed;
    use http_body_util::BodyExt;
    use oc_core::offline;

    fn user() -> Result<User, Error> {
        Ok(Client::builder().api_key("k").build()?.user(42))
    }

    fn invalid_field(result: Result<http::Request<Body>, Error>) -> Option<String> {
        match result {
            Err(Error::InvalidInput(invalid)) => Some(invalid.field().to_owned()),
            _ => None,
        }
    }

    fn png() -> Content {
        Content::bytes(&b"\x89PNG\r\n\x1a\n"[..]).file_name("a.png")
    }

    #[tokio::test]
    async fn builds_a_multipart_upload() -> Result<(), oc_core::BoxError> {
        let user = user()?;
        let upload = user
            .upload_asset(AssetType::Decal, "Name", png())
            .description("D")
            .expected_price(5);
        let request = offline::request(&upload)?;
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "/assets/v1/assets");
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let declared: u64 = request.headers()[CONTENT_LENGTH].to_str()?.parse()?;
        assert!(request.headers()[CONTENT_TYPE]
            .to_str()?
            .starts_with("multipart/form-data; boundary="));
        assert!(request.body().is_replayable());
        let bytes = request.into_body().collect().await?.to_bytes();
        assert_eq!(bytes.len() as u64, declared);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(r#""assetType":"Decal""#), "{text}");
        assert!(text.contains(r#""displayName":"Name""#), "{text}");
        assert!(text.contains(r#""description":"D""#), "{text}");
        assert!(text.contains(r#""creator":{"userId":"42"}"#), "{text}");
        assert!(text.contains(r#""expectedPrice":5"#), "{text}");
        assert!(
            text.contains("name=\"fileContent\"; filename=\"a.png\""),
            "{text}"
        );
        assert!(text.contains("Content-Type: image/png"), "{text}");

        let group = Client::builder().api_key("k").build()?.group(7);
        let request = offline::request(&group.upload_asset(AssetType::Image, "G", png()))?;
        let text =
            String::from_utf8_lossy(&request.into_body().collect().await?.to_bytes()).into_owned();
        assert!(text.contains(r#""creator":{"groupId":"7"}"#), "{text}");
        assert!(!text.contains("expectedPrice"), "{text}");
        Ok(())
    }

    #[test]
    fn a_one_shot_stream_is_taken_by_the_first_request() -> Result<(), Error> {
        let user = user()?;
        let chunks = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"x"))]);
        let content = Content::stream(chunks, 1).content_type("image/png");
        let upload = user.upload_asset(AssetType::Decal, "n", content);
        let request = offline::request(&upload)?;
        assert!(!request.body().is_replayable());
        assert_eq!(
            invalid_field(offline::request(&upload)).as_deref(),
            Some("content")
        );
        Ok(())
    }

    #[test]
    fn parses_done_pending_and_refused_answers() -> Result<(), Error> {
        let user = user()?;
        let upload = user.upload_asset(AssetType::Decal, "n", png());
        let pending = r#"{"path":"operations/abc","done":false}"#;
        let operation = offline::respond(&upload, 200, &[], pending)?;
        assert!(!operation.is_done());
        assert_eq!(operation.id(), "abc");
        let operation = offline::respond(&upload, 200, &[], r#"{"operationId":"xyz"}"#)?;
        assert!(!operation.is_done());
        assert_eq!(operation.path(), "operations/xyz");
        let done = r#"{"path":"operations/abc","done":true,"response":{"assetId":"5","assetType":"Decal","revisionId":"1","revisionCreateTime":"2023-12-30T16:24:24.2118874Z"}}"#;
        let operation = offline::respond(&upload, 200, &[], done)?;
        let asset = operation.output();
        assert_eq!(asset.map(|a| a.id), Some(5));
        assert_eq!(
            asset
                .and_then(|a| a.revision_time)
                .map(|t| t.unix_timestamp()),
            Some(1_703_953_464)
        );
        assert!(matches!(
            offline::respond(&upload, 200, &[], r#"{"done":false}"#),
            Err(Error::Decode { .. })
        ));
        assert!(matches!(
            offline::respond(&upload, 200, &[], r#"{"done":true}"#),
            Err(Error::Decode { .. })
        ));

        // Refused in the finished operation: no HTTP answer to keep.
        let failed = r#"{"path":"operations/abc","done":true,"error":{"code":400,"message":"AssetName is moderated."}}"#;
        let error = offline::respond(&upload, 200, &[], failed).err();
        let refused = error.as_ref().and_then(|e| e.detail::<AssetRefused>());
        assert_eq!(refused.map(|r| r.kind), Some(RefusalKind::ModeratedName));
        assert!(error.as_ref().is_some_and(|e| e.api_error().is_none()));
        let failed = r#"{"done":true,"error":{"code":13,"message":"internal"}}"#;
        let error = offline::respond(&upload, 200, &[], failed).err();
        assert_eq!(
            error
                .as_ref()
                .and_then(|e| e.detail::<OperationFailed>())
                .map(|f| f.code),
            Some(13)
        );

        // Refused in a 400: the answer is kept.
        let cases = [
            (r#""InvalidImage""#, RefusalKind::InvalidFile),
            ("AssetName is moderated.", RefusalKind::ModeratedName),
            (
                "AssetDescription is moderated.",
                RefusalKind::ModeratedDescription,
            ),
            (
                "Expected price 5 is lower than the actual price 10.",
                RefusalKind::PriceTooLow,
            ),
        ];
        for (message, kind) in cases {
            let body = serde_json::json!({ "code": "INVALID_ARGUMENT", "message": message });
            let error = offline::respond(&upload, 400, &[], body.to_string()).err();
            let refused = error.as_ref().and_then(|e| e.detail::<AssetRefused>());
            assert_eq!(refused.map(|r| r.kind), Some(kind), "{message}");
            assert_eq!(refused.map(|r| r.message.as_str()), Some(message));
            assert_eq!(
                error.as_ref().and_then(Error::status),
                Some(http::StatusCode::BAD_REQUEST)
            );
            assert!(error.is_some_and(|e| e.certainly_not_applied()));
        }
        let other = r#"{"code":"INVALID_ARGUMENT","message":"Invalid argument. Failed to parse the request or the file."}"#;
        assert!(matches!(
            offline::respond(&upload, 400, &[], other),
            Err(Error::Api(_))
        ));
        assert!(matches!(
            offline::respond(
                &upload,
                403,
                &[],
                r#"{"code":"PERMISSION_DENIED","message":"no"}"#
            ),
            Err(Error::Forbidden(_))
        ));
        let unavailable = offline::respond(&upload, 503, &[], "").err();
        assert!(unavailable.is_some_and(|e| e.may_have_been_applied()));
        Ok(())
    }

    #[test]
    fn refuses_bad_input_before_sending() -> Result<(), Error> {
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
                invalid_field(offline::request(&upload)).as_deref(),
                Some(field)
            );
        }
        Ok(())
    }
}
