//! `POST /universes/v1/{universeId}/places/{placeId}/versions?versionType=…`: publish a
//! place file, streamed as the raw body
//! (<https://create.roblox.com/docs/cloud/guides/usage-place-publishing>).

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderValue, Method};
use oc_core::request::{self, Query};
use oc_core::{response, Body, Client, Endpoint, Error, Experience, Idempotency, InvalidInput};
use serde::Deserialize;

use crate::content::Content;
use crate::multipart::{frames, replayable_frames};
use crate::refusal::AREA;

/// The largest place file, in bytes (`x-roblox-size-limit`, 10 MiB).
pub const MAX_PLACE_BYTES: u64 = 10 * 1024 * 1024;

/// What a publish makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VersionType {
    /// A saved version, not published.
    #[default]
    Saved,
    /// A saved and published version.
    Published,
}

impl VersionType {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            VersionType::Saved => "Saved",
            VersionType::Published => "Published",
        }
    }
}

/// Place publishing methods on an [`Experience`].
pub trait ExperiencePlacesExt {
    /// Uploads a place file (`.rbxl` or `.rbxlx`) to `place_id` as a new saved version;
    /// [`PublishPlace::version_type`] publishes it too. Answers the new version number.
    fn publish_place(&self, place_id: u64, content: Content) -> PublishPlace<'_>;
}

impl ExperiencePlacesExt for Experience {
    fn publish_place(&self, place_id: u64, content: Content) -> PublishPlace<'_> {
        PublishPlace {
            experience: self,
            place_id,
            content,
            version_type: VersionType::Saved,
        }
    }
}

/// A place publish; `.await` it to send it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct PublishPlace<'a> {
    experience: &'a Experience,
    place_id: u64,
    content: Content,
    version_type: VersionType,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VersionAnswer {
    version_number: u64,
}

impl PublishPlace<'_> {
    /// Saved (the default) or Published.
    pub fn version_type(mut self, version_type: VersionType) -> Self {
        self.version_type = version_type;
        self
    }
}

impl Endpoint for PublishPlace<'_> {
    type Output = u64;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "publish_place";

    fn client(&self) -> &Client {
        self.experience.client()
    }

    /// Checks the input and builds the request, with no I/O: the place file is the raw
    /// body, read as it is sent (see [`UploadAsset`](crate::UploadAsset) for how a
    /// content is read).
    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let content_type = self.content.resolved_content_type()?;
        if content_type != "application/octet-stream" && content_type != "application/xml" {
            return Err(InvalidInput::new(
                "content_type",
                format!(
                    "{content_type} is not a place file (.rbxl application/octet-stream, \
                     .rbxlx application/xml)"
                ),
            )
            .into());
        }
        if self.content.is_empty() {
            return Err(InvalidInput::new("content", "must not be empty").into());
        }
        if self.content.len() > MAX_PLACE_BYTES {
            return Err(InvalidInput::new(
                "content",
                format!(
                    "is {} bytes long; the limit is {MAX_PLACE_BYTES}",
                    self.content.len()
                ),
            )
            .into());
        }
        let body = if self.content.is_replayable() {
            replayable_frames(Bytes::new(), self.content.clone(), Bytes::new())
        } else {
            frames(Bytes::new(), self.content.chunks()?, Bytes::new())
        };
        let path = Query::new()
            .pair("versionType", self.version_type.as_str())
            .with_path(&format!(
                "/universes/v1/{}/places/{}/versions",
                self.experience.universe_id(),
                self.place_id
            ));
        let mut request = request::build(Method::POST, &path, body)?;
        let headers = request.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_str(&content_type)
                .map_err(|_| InvalidInput::new("content_type", "is not a header value"))?,
        );
        headers.insert(CONTENT_LENGTH, HeaderValue::from(self.content.len()));
        Ok(request)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<u64, Error> {
        let version: VersionAnswer = response::json(&answer)?;
        Ok(version.version_number)
    }
}

oc_core::endpoint_future!(PublishPlace<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;
    use oc_core::offline;

    #[tokio::test]
    async fn builds_the_publish_and_refuses_what_cannot_be_a_place() -> Result<(), oc_core::BoxError>
    {
        let experience = Client::builder().api_key("k").build()?.experience(7);
        let publish = experience
            .publish_place(8, Content::bytes("<roblox!").file_name("p.rbxl"))
            .version_type(VersionType::Published);
        let request = offline::request(&publish)?;
        assert_eq!(request.method(), Method::POST);
        assert_eq!(
            request.uri(),
            "/universes/v1/7/places/8/versions?versionType=Published"
        );
        assert_eq!(request.headers()[CONTENT_TYPE], "application/octet-stream");
        assert_eq!(request.headers()[CONTENT_LENGTH], "8");
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        assert_eq!(request.into_body().collect().await?.to_bytes(), "<roblox!");
        let xml = offline::request(
            &experience.publish_place(8, Content::bytes("<roblox>").file_name("p.rbxlx")),
        )?;
        assert_eq!(xml.headers()[CONTENT_TYPE], "application/xml");
        assert!(xml.uri().to_string().ends_with("versionType=Saved"));
        let field = |content: Content| match offline::request(&experience.publish_place(8, content))
        {
            Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            field(Content::bytes("x").file_name("a.png")),
            "content_type"
        );
        assert_eq!(field(Content::bytes("").file_name("a.rbxl")), "content");
        assert_eq!(
            field(Content::bytes(vec![b'x'; 10 * 1024 * 1024 + 1]).file_name("a.rbxl")),
            "content"
        );
        Ok(())
    }

    #[test]
    fn parses_the_version_and_keeps_conflicts() -> Result<(), Error> {
        let experience = Client::builder().api_key("k").build()?.experience(7);
        let publish = experience.publish_place(8, Content::bytes("<roblox!").file_name("p.rbxl"));
        assert_eq!(
            offline::respond(&publish, 200, &[], r#"{"versionNumber":12}"#)?,
            12
        );
        assert!(matches!(
            offline::respond(&publish, 200, &[], r#"{"version":12}"#),
            Err(Error::Decode { .. })
        ));
        let conflict = r#"{"code":"Conflict","message":"Place not part of the universe."}"#;
        match offline::respond(&publish, 409, &[], conflict) {
            Err(Error::Conflict(api)) => {
                assert_eq!(api.message(), Some("Place not part of the universe."))
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        Ok(())
    }
}
