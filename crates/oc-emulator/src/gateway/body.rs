//! The request body as handlers read it: the connection's body with a read deadline, so
//! that a body that trickles in (one byte every two seconds) is cut off and answered 408,
//! as hyper cuts off slow headers.

use std::collections::VecDeque;
use std::future::Future as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use tokio::time::{Instant, Sleep};

/// How many bytes of a body must arrive within one read timeout: a slower body is cut off.
/// A body that keeps up with 64 KiB per timeout (2 KiB/s with the default 30 s) is never
/// cut off, however long it is.
pub(crate) const BYTES_PER_TIMEOUT: usize = 64 * 1024;

/// Why reading a body failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BodyError {
    /// The connection failed or the client went away.
    #[error("the body could not be read: {0}")]
    Connection(#[from] hyper::Error),
    /// Fewer than [`BYTES_PER_TIMEOUT`] bytes arrived within the read timeout.
    #[error("the body arrived too slowly")]
    TooSlow,
}

/// A request body with a read deadline.
#[derive(Debug)]
pub(crate) struct RequestBody {
    inner: Source,
    /// Bytes read ahead and put back, yielded before the rest.
    unread: Option<Bytes>,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
    /// Bytes received since the deadline was last moved.
    received: usize,
    timed_out: Arc<AtomicBool>,
}

impl RequestBody {
    /// Wraps a connection's body: each [`BYTES_PER_TIMEOUT`] bytes must arrive within
    /// `timeout` of the previous ones (or of the start).
    pub fn new(inner: Incoming, timeout: Duration) -> Self {
        Self::with_source(Source::Connection(inner), timeout)
    }

    /// A body that yields `chunks` one frame each, then ends: a body without a
    /// connection, cut where the caller likes (the fuzz targets feed bodies this way).
    pub fn from_chunks(chunks: impl IntoIterator<Item = Bytes>, timeout: Duration) -> Self {
        Self::with_source(Source::Chunks(chunks.into_iter().collect()), timeout)
    }

    fn with_source(inner: Source, timeout: Duration) -> Self {
        RequestBody {
            inner,
            unread: None,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
            received: 0,
            timed_out: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Puts bytes read ahead back: the next frame yields them (after any put back
    /// before).
    pub fn unread(&mut self, bytes: Bytes) {
        self.unread = Some(match self.unread.take() {
            None => bytes,
            Some(earlier) => [earlier, bytes].concat().into(),
        });
    }

    /// A flag that turns true once the body was cut off for being too slow.
    pub fn timed_out_flag(&self) -> Arc<AtomicBool> {
        self.timed_out.clone()
    }
}

/// Where a body's bytes come from.
#[derive(Debug)]
enum Source {
    /// A connection.
    Connection(Incoming),
    /// Chunks given whole (see [`RequestBody::from_chunks`]).
    Chunks(VecDeque<Bytes>),
}

impl Body for RequestBody {
    type Data = Bytes;
    type Error = BodyError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BodyError>>> {
        let this = &mut *self;
        if let Some(bytes) = this.unread.take() {
            return Poll::Ready(Some(Ok(Frame::data(bytes))));
        }
        let polled = match &mut this.inner {
            Source::Connection(inner) => Pin::new(inner).poll_frame(cx),
            Source::Chunks(chunks) => Poll::Ready(chunks.pop_front().map(|c| Ok(Frame::data(c)))),
        };
        match polled {
            Poll::Ready(Some(Ok(frame))) => {
                this.received += frame.data_ref().map_or(0, Bytes::len);
                if this.received >= BYTES_PER_TIMEOUT {
                    this.received = 0;
                    let next = Instant::now() + this.timeout;
                    this.deadline.as_mut().reset(next);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(error))) => Poll::Ready(Some(Err(error.into()))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => match this.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.timed_out.store(true, Ordering::Relaxed);
                    Poll::Ready(Some(Err(BodyError::TooSlow)))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.unread.is_none()
            && match &self.inner {
                Source::Connection(inner) => inner.is_end_stream(),
                Source::Chunks(chunks) => chunks.is_empty(),
            }
    }

    fn size_hint(&self) -> SizeHint {
        let extra = self.unread.as_ref().map_or(0, |b| b.len() as u64);
        let inner = match &self.inner {
            Source::Connection(inner) => inner.size_hint(),
            Source::Chunks(chunks) => {
                SizeHint::with_exact(chunks.iter().map(|c| c.len() as u64).sum())
            }
        };
        let mut hint = SizeHint::new();
        hint.set_lower(inner.lower().saturating_add(extra));
        if let Some(upper) = inner.upper() {
            hint.set_upper(upper.saturating_add(extra));
        }
        hint
    }
}

/// Whether a body's flag says it was cut off.
pub(crate) fn timed_out(flag: &AtomicBool) -> bool {
    flag.load(Ordering::Relaxed)
}
