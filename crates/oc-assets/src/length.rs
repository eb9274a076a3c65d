//! [`ExactLength`]: a stream that must yield exactly the length the request declared, so a
//! reader that ends early or runs long fails the upload instead of sending a body that
//! does not match its `Content-Length`.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::Stream;

pin_project_lite::pin_project! {
    /// Counts the bytes of the inner stream against the expected length.
    pub(crate) struct ExactLength<S> {
        #[pin]
        inner: S,
        remaining: u64,
        expected: u64,
    }
}

impl<S> ExactLength<S> {
    /// Expects exactly `len` bytes.
    pub(crate) fn new(inner: S, len: u64) -> Self {
        ExactLength {
            inner,
            remaining: len,
            expected: len,
        }
    }
}

impl<S> Stream for ExactLength<S>
where
    S: Stream<Item = Result<Bytes, std::io::Error>>,
{
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        match this.inner.poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                let len = chunk.len() as u64;
                if len > *this.remaining {
                    return Poll::Ready(Some(Err(std::io::Error::other(format!(
                        "the content is longer than the {} bytes declared",
                        this.expected
                    )))));
                }
                *this.remaining -= len;
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(None) if *this.remaining > 0 => {
                let sent = *this.expected - *this.remaining;
                *this.remaining = 0;
                Poll::Ready(Some(Err(std::io::Error::other(format!(
                    "the content ended after {sent} of the {} bytes declared",
                    this.expected
                )))))
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::{stream, StreamExt};

    async fn run(chunks: &[&'static str], len: u64) -> Vec<Result<Bytes, String>> {
        let inner = stream::iter(chunks.iter().map(|c| Ok(Bytes::from_static(c.as_bytes()))));
        ExactLength::new(inner, len)
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
            .await
    }

    #[tokio::test]
    async fn exact_short_and_long_streams() {
        assert!(run(&["ab", "cd"], 4).await.iter().all(Result::is_ok));
        let short = run(&["ab"], 4).await;
        assert!(short.last().is_some_and(Result::is_err));
        let long = run(&["ab", "cde"], 4).await;
        assert!(long.last().is_some_and(Result::is_err));
    }
}
