//! `POST /universes/v1/{universeId}/places/{placeId}/versions?versionType=…`: publish a
//! place file, streamed as the raw body.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderValue, Method};
use oc_core::request::{self, Query};
use oc_core::{Body, Error, Experience, Idempotency, InvalidInput};
use serde::Deserialize;

use crate::content::Content;
use crate::multipart::frames;

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

    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, Error> {
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
            let content = self.content.clone();
            Body::replayable(move || match content.chunks() {
                Ok(chunks) => frames(bytes::Bytes::new(), chunks, bytes::Bytes::new()),
                Err(e) => Body::stream(http_body_util::StreamBody::new(futures::stream::once(
                    async move {
                        Err::<http_body::Frame<bytes::Bytes>, _>(std::io::Error::other(
                            e.to_string(),
                        ))
                    },
                ))),
            })
        } else {
            frames(
                bytes::Bytes::new(),
                self.content.chunks()?,
                bytes::Bytes::new(),
            )
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
                .map_err(|e| InvalidInput::new("content_type", e.to_string()))?,
        );
        headers.insert(CONTENT_LENGTH, HeaderValue::from(self.content.len()));
        Idempotency::NonIdempotent.mark(&mut request);
        Ok(request)
    }
}

impl<'a> IntoFuture for PublishPlace<'a> {
    type Output = Result<u64, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            let answer: VersionAnswer = self.experience.client().send_json(request).await?;
            Ok(answer.version_number)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oc_core::Client;

    #[test]
    fn builds_the_publish_and_refuses_what_cannot_be_a_place() -> Result<(), Error> {
        let experience = Client::builder().api_key("k").build()?.experience(7);
        let request = experience
            .publish_place(8, Content::bytes("<roblox!").file_name("p.rbxl"))
            .version_type(VersionType::Published)
            .build_request()?;
        assert_eq!(
            request.uri(),
            "/universes/v1/7/places/8/versions?versionType=Published"
        );
        assert_eq!(request.headers()[CONTENT_TYPE], "application/octet-stream");
        assert_eq!(request.headers()[CONTENT_LENGTH], "8");
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let xml = experience
            .publish_place(8, Content::bytes("<roblox>").file_name("p.rbxlx"))
            .build_request()?;
        assert_eq!(xml.headers()[CONTENT_TYPE], "application/xml");
        assert!(xml.uri().to_string().ends_with("versionType=Saved"));
        let field = |content: Content| match experience.publish_place(8, content).build_request() {
            Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            field(Content::bytes("x").file_name("a.png")),
            "content_type"
        );
        assert_eq!(
            field(Content::bytes(vec![b'x'; 10 * 1024 * 1024 + 1]).file_name("a.rbxl")),
            "content"
        );
        Ok(())
    }
}
