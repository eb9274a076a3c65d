//! The request and response body type of the transport.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::BodyExt;

use crate::error::BoxError;

type Factory = Arc<dyn Fn() -> Body + Send + Sync>;

/// A body: empty, bytes in memory, or a stream.
///
/// A body in memory (or one made by [`Body::replayable`]) can be sent again, so the retry
/// layer can repeat its request; a one-shot stream cannot, and its request is sent once.
pub struct Body {
    kind: Kind,
}

enum Kind {
    Empty,
    Full(Option<Bytes>),
    Stream(UnsyncBoxBody<Bytes, BoxError>),
    Replayable {
        factory: Factory,
        current: Box<Body>,
    },
}

impl Body {
    /// An empty body.
    pub fn empty() -> Self {
        Body { kind: Kind::Empty }
    }

    /// A body of bytes in memory.
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        Body {
            kind: Kind::Full(Some(bytes.into())),
        }
    }

    /// A one-shot streaming body (sent once, never retried).
    pub fn stream<B>(body: B) -> Self
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        Body {
            kind: Kind::Stream(body.map_err(Into::into).boxed_unsync()),
        }
    }

    /// A streaming body that `factory` can make again (for example by reopening a
    /// file), so its request can be retried.
    pub fn replayable(factory: impl Fn() -> Body + Send + Sync + 'static) -> Self {
        let factory: Factory = Arc::new(factory);
        let current = Box::new(factory());
        Body {
            kind: Kind::Replayable { factory, current },
        }
    }

    /// A fresh copy of this body, if it can be sent again.
    pub fn try_clone(&self) -> Option<Body> {
        match &self.kind {
            Kind::Empty => Some(Body::empty()),
            Kind::Full(bytes) => Some(Body {
                kind: Kind::Full(bytes.clone()),
            }),
            Kind::Stream(_) => None,
            Kind::Replayable { factory, .. } => Some(Body {
                kind: Kind::Replayable {
                    factory: Arc::clone(factory),
                    current: Box::new(factory()),
                },
            }),
        }
    }

    /// `true` when [`Body::try_clone`] can make a copy (everything but one-shot streams).
    pub fn is_replayable(&self) -> bool {
        !matches!(self.kind, Kind::Stream(_))
    }

    /// The bytes of a body held in memory, or the body itself when it is a stream.
    pub fn into_bytes(self) -> Result<Bytes, Body> {
        match self.kind {
            Kind::Empty => Ok(Bytes::new()),
            Kind::Full(bytes) => Ok(bytes.unwrap_or_default()),
            kind => Err(Body { kind }),
        }
    }

    /// The bytes of a body held in memory (`None` for streams).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.kind {
            Kind::Empty => Some(&[]),
            Kind::Full(bytes) => Some(bytes.as_deref().unwrap_or_default()),
            _ => None,
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Empty => f.write_str("Body::Empty"),
            Kind::Full(bytes) => write!(
                f,
                "Body::Full({} bytes)",
                bytes.as_ref().map_or(0, Bytes::len)
            ),
            Kind::Stream(_) => f.write_str("Body::Stream"),
            Kind::Replayable { .. } => f.write_str("Body::Replayable"),
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body::full(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::full(bytes)
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::full(text)
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::full(Bytes::from_static(text.as_bytes()))
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match &mut self.kind {
            Kind::Empty => Poll::Ready(None),
            Kind::Full(bytes) => Poll::Ready(
                bytes
                    .take()
                    .filter(|b| !b.is_empty())
                    .map(|b| Ok(Frame::data(b))),
            ),
            Kind::Stream(stream) => Pin::new(stream).poll_frame(cx),
            Kind::Replayable { current, .. } => Pin::new(current.as_mut()).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Empty => true,
            Kind::Full(bytes) => bytes.as_ref().is_none_or(Bytes::is_empty),
            Kind::Stream(stream) => stream.is_end_stream(),
            Kind::Replayable { current, .. } => current.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Empty => SizeHint::with_exact(0),
            Kind::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Kind::Stream(stream) => stream.size_hint(),
            Kind::Replayable { current, .. } => current.size_hint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn full_bodies_clone_and_streams_do_not() -> Result<(), BoxError> {
        let body = Body::full("hello");
        let copy = body.try_clone().ok_or("full body must clone")?;
        assert_eq!(copy.collect().await?.to_bytes(), "hello");
        assert_eq!(body.collect().await?.to_bytes(), "hello");

        let stream = Body::stream(http_body_util::Full::new(Bytes::from_static(b"x")));
        assert!(stream.try_clone().is_none());
        assert!(!stream.is_replayable());
        assert!(stream.into_bytes().is_err());
        assert_eq!(
            Body::full("abc").into_bytes().ok(),
            Some(Bytes::from_static(b"abc"))
        );
        assert!(Body::full("x").is_replayable() && Body::empty().is_replayable());

        let replay = Body::replayable(|| Body::full("again"));
        let second = replay.try_clone().ok_or("replayable body must clone")?;
        assert_eq!(replay.collect().await?.to_bytes(), "again");
        assert_eq!(second.collect().await?.to_bytes(), "again");
        Ok(())
    }
}
