//! Delete an entry: `DELETE …/datastore/entries/entry`. The service keeps a tombstone
//! version (wire spec 2.6).

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use oc_core::Body;

use super::{build, entry_query};
use crate::handles::DataStore;

impl DataStore {
    /// Deletes `key`. A key that does not exist is [`oc_core::Error::NotFound`].
    pub fn remove(&self, key: impl Into<String>) -> RemoveEntry<'_> {
        RemoveEntry {
            store: self,
            key: key.into(),
        }
    }
}

/// A delete of an entry; `.await` it to send it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct RemoveEntry<'a> {
    store: &'a DataStore,
    key: String,
}

impl RemoveEntry<'_> {
    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
        let query = entry_query(self.store, &self.key)?;
        build(
            self.store.experience().universe_id(),
            Method::DELETE,
            "/datastore/entries/entry",
            &query,
            Body::empty(),
        )
    }
}

impl<'a> IntoFuture for RemoveEntry<'a> {
    type Output = Result<(), oc_core::Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            self.store.experience().client().send(request).await?;
            Ok(())
        })
    }
}
