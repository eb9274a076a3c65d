//! Generate User Thumbnail: `GET /cloud/v2/users/{user_id}:generateThumbnail?size=&format=
//! &shape=` (<https://create.roblox.com/docs/cloud/reference/features/users>), answering a
//! long-running operation whose output is the thumbnail's URI, polled at
//! `GET /cloud/v2/users/{user_id}/operations/{operation_id}`. The service usually answers
//! it done at once.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::{Operation, OperationOutput};
use oc_core::{Body, Client, Endpoint, Error, InvalidInput, User};
use serde::Deserialize;

use crate::profile::AREA;
use crate::user_id;

/// The side of a thumbnail in pixels: the sizes the service renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ThumbnailSize {
    /// 48 × 48.
    Px48,
    /// 50 × 50.
    Px50,
    /// 60 × 60.
    Px60,
    /// 75 × 75.
    Px75,
    /// 100 × 100.
    Px100,
    /// 110 × 110.
    Px110,
    /// 150 × 150.
    Px150,
    /// 180 × 180.
    Px180,
    /// 352 × 352.
    Px352,
    /// 420 × 420, the service's default.
    #[default]
    Px420,
    /// 720 × 720.
    Px720,
}

impl ThumbnailSize {
    /// Every size, smallest first.
    pub const ALL: [ThumbnailSize; 11] = [
        ThumbnailSize::Px48,
        ThumbnailSize::Px50,
        ThumbnailSize::Px60,
        ThumbnailSize::Px75,
        ThumbnailSize::Px100,
        ThumbnailSize::Px110,
        ThumbnailSize::Px150,
        ThumbnailSize::Px180,
        ThumbnailSize::Px352,
        ThumbnailSize::Px420,
        ThumbnailSize::Px720,
    ];

    /// The side in pixels.
    pub fn pixels(self) -> u32 {
        match self {
            ThumbnailSize::Px48 => 48,
            ThumbnailSize::Px50 => 50,
            ThumbnailSize::Px60 => 60,
            ThumbnailSize::Px75 => 75,
            ThumbnailSize::Px100 => 100,
            ThumbnailSize::Px110 => 110,
            ThumbnailSize::Px150 => 150,
            ThumbnailSize::Px180 => 180,
            ThumbnailSize::Px352 => 352,
            ThumbnailSize::Px420 => 420,
            ThumbnailSize::Px720 => 720,
        }
    }

    /// The size of `pixels`, when the service renders it.
    pub fn from_pixels(pixels: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|size| size.pixels() == pixels)
    }
}

/// The image format of a thumbnail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ThumbnailFormat {
    /// PNG, the service's default.
    #[default]
    Png,
    /// JPEG.
    Jpeg,
}

impl ThumbnailFormat {
    /// The name on the wire (`PNG`, `JPEG`).
    pub fn as_str(self) -> &'static str {
        match self {
            ThumbnailFormat::Png => "PNG",
            ThumbnailFormat::Jpeg => "JPEG",
        }
    }
}

/// The shape of a thumbnail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ThumbnailShape {
    /// A circle, the service's default.
    #[default]
    Round,
    /// A square.
    Square,
}

impl ThumbnailShape {
    /// The name on the wire (`ROUND`, `SQUARE`).
    pub fn as_str(self) -> &'static str {
        match self {
            ThumbnailShape::Round => "ROUND",
            ThumbnailShape::Square => "SQUARE",
        }
    }
}

/// A generated avatar thumbnail: the output of the thumbnail operation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserThumbnail {
    /// Where the image is (a CDN URI).
    #[serde(default)]
    pub image_uri: String,
}

impl OperationOutput for UserThumbnail {
    const AREA: &'static str = AREA;

    /// Thumbnail operations are named `users/{user_id}/operations/{operation_id}` and
    /// polled under `/cloud/v2/`; any other path is refused.
    fn poll_path(operation_path: &str) -> Result<String, Error> {
        let path = operation_path.trim_start_matches('/');
        let segments: Vec<&str> = path.split('/').collect();
        let valid = matches!(
            segments.as_slice(),
            ["users", user, "operations", id]
                if !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit()) && !id.is_empty()
        );
        if !valid {
            return Err(InvalidInput::new(
                "operation",
                "a thumbnail operation is users/{user_id}/operations/{operation_id}",
            )
            .into());
        }
        oc_core::v2::operation::v2_poll_path(path)
    }
}

/// The operation of a thumbnail generation: done with its [`UserThumbnail`] (usually at
/// once), or running, to [`get`](Operation::get) once or [`wait`](Operation::wait) on.
pub type ThumbnailOperation = Operation<UserThumbnail>;

/// Generate User Thumbnail; `.await` it for the [`ThumbnailOperation`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GenerateThumbnail<'a> {
    pub(crate) user: &'a User,
    pub(crate) size: Option<ThumbnailSize>,
    pub(crate) format: Option<ThumbnailFormat>,
    pub(crate) shape: Option<ThumbnailShape>,
}

impl GenerateThumbnail<'_> {
    /// The size (420 × 420 unless set).
    pub fn size(mut self, size: ThumbnailSize) -> Self {
        self.size = Some(size);
        self
    }

    /// The format (PNG unless set).
    pub fn format(mut self, format: ThumbnailFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// The shape (round unless set).
    pub fn shape(mut self, shape: ThumbnailShape) -> Self {
        self.shape = Some(shape);
        self
    }
}

impl Endpoint for GenerateThumbnail<'_> {
    type Output = ThumbnailOperation;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "generate_thumbnail";

    fn client(&self) -> &Client {
        self.user.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let id = user_id::checked(self.user)?;
        let query = Query::new()
            .pair_opt("size", self.size.map(|s| s.pixels().to_string()))
            .pair_opt("format", self.format.map(ThumbnailFormat::as_str))
            .pair_opt("shape", self.shape.map(ThumbnailShape::as_str));
        let path = format!("{}/users/{id}:generateThumbnail", oc_core::v2::PREFIX);
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<ThumbnailOperation, Error> {
        Operation::from_answer(self.user.client(), &response)
    }
}

oc_core::endpoint_future!(GenerateThumbnail<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserProfileExt;
    use oc_core::offline;

    fn user() -> Result<User, Error> {
        Ok(Client::builder().api_key("k").build()?.user(45348281))
    }

    #[test]
    fn options_go_in_the_query_as_the_service_spells_them() -> Result<(), Error> {
        let user = user()?;
        let plain = offline::request(&user.thumbnail())?;
        assert_eq!(plain.uri(), "/cloud/v2/users/45348281:generateThumbnail");
        let all = user
            .thumbnail()
            .size(ThumbnailSize::Px150)
            .format(ThumbnailFormat::Jpeg)
            .shape(ThumbnailShape::Square);
        assert_eq!(
            offline::request(&all)?.uri(),
            "/cloud/v2/users/45348281:generateThumbnail?size=150&format=JPEG&shape=SQUARE"
        );
        assert_eq!(ThumbnailSize::from_pixels(720), Some(ThumbnailSize::Px720));
        assert_eq!(ThumbnailSize::from_pixels(64), None);
        Ok(())
    }

    #[test]
    fn a_captured_answer_is_done_and_polls_go_under_users() -> Result<(), Error> {
        let user = user()?;
        let captured = r#"{"path":"users/45348281/operations/eyJOb25jZSI6","done":true,"response":{"@type":"apis.roblox.com/roblox.open_cloud.cloud.v2.GenerateUserThumbnailResponse","imageUri":"https://tr.rbxcdn.com/x/420/420/AvatarHeadshot/Png/isCircular"}}"#;
        let operation = offline::respond(&user.thumbnail(), 200, &[], captured)?;
        assert!(operation.is_done());
        assert_eq!(
            operation.output().map(|t| t.image_uri.as_str()),
            Some("https://tr.rbxcdn.com/x/420/420/AvatarHeadshot/Png/isCircular")
        );
        let poll = offline::request(&operation.get())?;
        assert_eq!(
            poll.uri(),
            "/cloud/v2/users/45348281/operations/eyJOb25jZSI6"
        );
        for bad in [
            "operations/x",
            "users/1/other/x",
            "users/x/operations/y",
            "users/1/operations/",
        ] {
            let resumed = ThumbnailOperation::resume(user.client().clone(), bad);
            assert!(
                matches!(
                    offline::request(&resumed.get()),
                    Err(Error::InvalidInput(_))
                ),
                "{bad}"
            );
        }
        Ok(())
    }
}
