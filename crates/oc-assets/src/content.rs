//! [`Content`]: the bytes of an upload, from a file (streamed from disk), from memory, or
//! from any async reader or stream of known length; and the content types of files.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use oc_core::{AreaError, Error, InvalidInput};
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use crate::asset::AssetType;
use crate::length::ExactLength;
use crate::refusal::AREA;

/// The chunk size of file and reader streams.
const CHUNK: usize = 64 * 1024;

/// The content type of each file extension the service takes, lower case, without the
/// dot: asset files (<https://create.roblox.com/docs/cloud/reference/features/assets>)
/// and place files (<https://create.roblox.com/docs/cloud/guides/usage-place-publishing>).
pub const EXTENSIONS: &[(&str, &str)] = &[
    ("rbxm", "model/x-rbxm"),
    ("rbxmx", "model/x-rbxm"),
    ("mp3", "audio/mpeg"),
    ("ogg", "audio/ogg"),
    ("wav", "audio/wav"),
    ("flac", "audio/flac"),
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("bmp", "image/bmp"),
    ("tga", "image/tga"),
    ("fbx", "model/fbx"),
    ("gltf", "model/gltf+json"),
    ("glb", "model/gltf-binary"),
    ("mp4", "video/mp4"),
    ("mov", "video/mov"),
    ("rbxl", "application/octet-stream"),
    ("rbxlx", "application/xml"),
];

/// The content type of a file extension (`"png"`, `".PNG"`), if the service takes it.
pub fn content_type_for_extension(extension: &str) -> Option<&'static str> {
    let extension = extension.trim_start_matches('.');
    EXTENSIONS
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(extension))
        .map(|(_, t)| *t)
}

/// The content types an asset type takes
/// (<https://create.roblox.com/docs/cloud/reference/features/assets>).
pub fn content_types_for(asset_type: &AssetType) -> &'static [&'static str] {
    const IMAGES: &[&str] = &["image/png", "image/jpeg", "image/bmp", "image/tga"];
    match asset_type {
        AssetType::Animation => &["model/x-rbxm"],
        AssetType::Audio => &["audio/mpeg", "audio/ogg", "audio/wav", "audio/flac"],
        AssetType::Decal | AssetType::Image => IMAGES,
        AssetType::Mesh => &["model/x-file-mesh-data"],
        AssetType::Model => &[
            "model/fbx",
            "model/gltf+json",
            "model/gltf-binary",
            "model/x-rbxm",
        ],
        AssetType::Video => &["video/mp4", "video/mov"],
        AssetType::Other(_) => &[],
    }
}

/// The largest file of an asset type: 20 MiB, and 3.75 GB for videos
/// (<https://create.roblox.com/docs/cloud/reference/features/assets>).
pub fn max_bytes_for(asset_type: &AssetType) -> u64 {
    match asset_type {
        AssetType::Video => MAX_VIDEO_BYTES,
        _ => MAX_ASSET_BYTES,
    }
}

/// The largest asset file but a video, in bytes.
pub const MAX_ASSET_BYTES: u64 = 20 * 1024 * 1024;
/// The largest video file, in bytes.
pub const MAX_VIDEO_BYTES: u64 = 3_750_000_000;

/// A file given to [`Content::file`] could not be read (missing, not allowed, ...): the
/// typed detail of an [`oc_core::Error::Area`], with the I/O error as its source.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}", path.display())]
#[non_exhaustive]
pub struct ContentUnreadable {
    /// The file.
    pub path: PathBuf,
    /// Why it could not be read.
    #[source]
    pub source: std::io::Error,
}

type ChunkStream = BoxStream<'static, Result<Bytes, std::io::Error>>;

/// Where the bytes come from.
#[derive(Clone)]
enum Source {
    File(PathBuf),
    Bytes(Bytes),
    /// A one-shot stream, taken by the first request built from it.
    Stream(Arc<Mutex<Option<ChunkStream>>>),
}

/// The content of an upload: its bytes, their length, and optionally a content type and
/// a file name (whose extension gives the content type when none is set).
#[derive(Clone)]
pub struct Content {
    source: Source,
    len: u64,
    content_type: Option<String>,
    file_name: Option<String>,
}

impl fmt::Debug for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::File(path) => format!("file {}", path.display()),
            Source::Bytes(_) => "bytes".to_owned(),
            Source::Stream(_) => "stream".to_owned(),
        };
        f.debug_struct("Content")
            .field("source", &source)
            .field("len", &self.len)
            .field("content_type", &self.content_type)
            .field("file_name", &self.file_name)
            .finish()
    }
}

impl Content {
    /// A file, streamed from disk when sent (never read whole into memory). Reads only
    /// its size now: a file that cannot be read (missing, say) is an area error with the
    /// detail [`ContentUnreadable`]; a path that is not a file is invalid input.
    pub async fn file(path: impl AsRef<Path>) -> Result<Content, Error> {
        let path = path.as_ref();
        let metadata = tokio::fs::metadata(path).await.map_err(|source| {
            AreaError::new(
                AREA,
                ContentUnreadable {
                    path: path.to_owned(),
                    source,
                },
            )
        })?;
        if !metadata.is_file() {
            return Err(
                InvalidInput::new("content", format!("{} is not a file", path.display())).into(),
            );
        }
        Ok(Content {
            source: Source::File(path.to_owned()),
            len: metadata.len(),
            content_type: None,
            file_name: path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
        })
    }

    /// Bytes in memory. Set the content type with [`Content::content_type`] or a file
    /// name with [`Content::file_name`].
    pub fn bytes(bytes: impl Into<Bytes>) -> Content {
        let bytes = bytes.into();
        Content {
            len: bytes.len() as u64,
            source: Source::Bytes(bytes),
            content_type: None,
            file_name: None,
        }
    }

    /// Exactly `len` bytes from an async reader. Sent once: a request with this content
    /// is never retried, and a reader that ends early or runs long fails the upload.
    pub fn reader(reader: impl AsyncRead + Send + 'static, len: u64) -> Content {
        Content::stream(ReaderStream::with_capacity(reader, CHUNK), len)
    }

    /// Exactly `len` bytes from a stream of chunks, sent once (see [`Content::reader`]).
    pub fn stream<S, E>(stream: S, len: u64) -> Content
    where
        S: futures::Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let stream: ChunkStream = stream.map_err(std::io::Error::other).boxed();
        Content {
            source: Source::Stream(Arc::new(Mutex::new(Some(stream)))),
            len,
            content_type: None,
            file_name: None,
        }
    }

    /// Sets the content type (e.g. `image/png`), instead of the one of the extension.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Content {
        self.content_type = Some(content_type.into());
        self
    }

    /// Sets the file name sent with the upload; its extension gives the content type when
    /// none is set.
    pub fn file_name(mut self, name: impl Into<String>) -> Content {
        self.file_name = Some(name.into());
        self
    }

    /// The length in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// `true` when there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file name, if any.
    pub fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The content type: the explicit one (lower-cased, without parameters), else the
    /// one of the file name's extension; an invalid-input error when neither gives one.
    pub fn resolved_content_type(&self) -> Result<String, InvalidInput> {
        if let Some(explicit) = &self.content_type {
            let essence = explicit
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            if EXTENSIONS.iter().any(|(_, t)| *t == essence) || essence == "model/x-file-mesh-data"
            {
                return Ok(essence);
            }
            return Err(InvalidInput::new(
                "content_type",
                format!("{explicit:?} is not a content type the service takes"),
            ));
        }
        let Some(name) = &self.file_name else {
            return Err(InvalidInput::new(
                "content_type",
                "no content type and no file name to take it from",
            ));
        };
        let extension = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        content_type_for_extension(&extension)
            .map(str::to_owned)
            .ok_or_else(|| {
                InvalidInput::new(
                    "content_type",
                    format!("the extension of {name:?} has no known content type"),
                )
            })
    }

    /// Whether the content can be read again for a retry.
    pub(crate) fn is_replayable(&self) -> bool {
        !matches!(self.source, Source::Stream(_))
    }

    /// A stream of the bytes, checked to be exactly [`Content::len`] long. Files are
    /// opened when the stream is first polled. A one-shot stream is taken: a second call
    /// is an invalid-input error.
    pub(crate) fn chunks(&self) -> Result<ChunkStream, InvalidInput> {
        let stream: ChunkStream = match &self.source {
            Source::File(path) => {
                let path = path.clone();
                stream::once(async move { tokio::fs::File::open(path).await })
                    .map_ok(|file| ReaderStream::with_capacity(file, CHUNK))
                    .try_flatten()
                    .boxed()
            }
            Source::Bytes(bytes) => stream::iter([Ok(bytes.clone())]).boxed(),
            Source::Stream(slot) => slot
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
                .ok_or_else(|| {
                    InvalidInput::new("content", "a stream can be sent once only; it was sent")
                })?,
        };
        Ok(ExactLength::new(stream, self.len).boxed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[tokio::test]
    async fn a_file_that_cannot_be_read_keeps_its_io_error() {
        let path = std::env::temp_dir().join("oc-assets-no-such-dir/missing.png");
        let error = Content::file(&path).await.err();
        let unreadable = error.as_ref().and_then(|e| e.detail::<ContentUnreadable>());
        assert_eq!(unreadable.map(|u| u.path.as_path()), Some(path.as_path()));
        assert_eq!(
            unreadable.map(|u| u.source.kind()),
            Some(std::io::ErrorKind::NotFound)
        );
        let source = error.as_ref().and_then(|e| e.source());
        assert!(
            source.is_some_and(|s| s.is::<std::io::Error>()),
            "{error:?}"
        );
        assert!(error.is_some_and(|e| e.certainly_not_applied()));
        let directory = Content::file(std::env::temp_dir()).await;
        assert!(
            matches!(&directory, Err(Error::InvalidInput(i)) if i.field() == "content"),
            "{directory:?}"
        );
    }

    #[test]
    fn every_extension_of_the_table_maps() {
        let table = [
            ("a.rbxm", "model/x-rbxm"),
            ("a.RBXMX", "model/x-rbxm"),
            ("a.mp3", "audio/mpeg"),
            ("a.ogg", "audio/ogg"),
            ("a.wav", "audio/wav"),
            ("a.flac", "audio/flac"),
            ("a.png", "image/png"),
            ("a.jpeg", "image/jpeg"),
            ("a.jpg", "image/jpeg"),
            ("a.bmp", "image/bmp"),
            ("a.tga", "image/tga"),
            ("a.fbx", "model/fbx"),
            ("a.gltf", "model/gltf+json"),
            ("a.glb", "model/gltf-binary"),
            ("a.mp4", "video/mp4"),
            ("a.mov", "video/mov"),
            ("a.rbxl", "application/octet-stream"),
            ("a.rbxlx", "application/xml"),
        ];
        for (name, expected) in table {
            let content = Content::bytes("x").file_name(name);
            assert_eq!(content.resolved_content_type().as_deref(), Ok(expected));
        }
        let unknown = Content::bytes("x").file_name("a.gif");
        assert_eq!(
            unknown
                .resolved_content_type()
                .map_err(|e| e.field().to_owned()),
            Err("content_type".to_owned())
        );
        assert!(Content::bytes("x").resolved_content_type().is_err());
        let explicit = Content::bytes("x").content_type("Image/PNG; q=1");
        assert_eq!(explicit.resolved_content_type().as_deref(), Ok("image/png"));
        assert!(Content::bytes("x")
            .content_type("image/gif")
            .resolved_content_type()
            .is_err());
    }
}
