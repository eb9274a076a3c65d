//! List builders that are `Stream`s themselves: options are set on the builder, and the
//! first poll starts the paging.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{BoxStream, Stream};

/// The stream of items of a list.
pub type ItemStream<T> = BoxStream<'static, oc_core::Result<T>>;

/// The options of one kind of list, which know how to page through it.
pub trait Paged: Unpin {
    /// The item of the list.
    type Item: Send + 'static;
    /// Starts paging.
    fn into_stream(self) -> ItemStream<Self::Item>;
}

/// A list: set its options, then use it as a `Stream` of items (or call
/// [`Listing::into_stream`]). Nothing is requested before the first poll.
#[must_use = "a list does nothing until it is polled"]
pub struct Listing<P: Paged> {
    state: State<P>,
}

enum State<P: Paged> {
    Options(P),
    Running(ItemStream<P::Item>),
    Taken,
}

impl<P: Paged> Listing<P> {
    pub(crate) fn new(options: P) -> Self {
        Listing {
            state: State::Options(options),
        }
    }

    /// Changes the options, unless paging has started.
    pub(crate) fn with(mut self, change: impl FnOnce(&mut P)) -> Self {
        if let State::Options(options) = &mut self.state {
            change(options);
        }
        self
    }

    /// The items as a boxed stream.
    pub fn into_stream(self) -> ItemStream<P::Item> {
        match self.state {
            State::Options(options) => options.into_stream(),
            State::Running(stream) => stream,
            State::Taken => Box::pin(futures::stream::empty()),
        }
    }
}

impl<P: Paged> Stream for Listing<P> {
    type Item = oc_core::Result<P::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let State::Options(_) = this.state {
            if let State::Options(options) = std::mem::replace(&mut this.state, State::Taken) {
                this.state = State::Running(options.into_stream());
            }
        }
        match &mut this.state {
            State::Running(stream) => stream.as_mut().poll_next(cx),
            _ => Poll::Ready(None),
        }
    }
}

impl<P: Paged + fmt::Debug> fmt::Debug for Listing<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.state {
            State::Options(options) => f.debug_tuple("Listing").field(options).finish(),
            _ => f.write_str("Listing(started)"),
        }
    }
}

/// The page size to ask for: what is left of the limit, at most `max`.
pub(crate) fn page_size(remaining: Option<usize>, max: usize) -> usize {
    remaining.map_or(max, |left| left.clamp(1, max))
}
