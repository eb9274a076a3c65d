//! Delete an entry: `DELETE …/datastore/entries/entry`. The service keeps a tombstone
//! version (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use bytes::Bytes;
use http::Method;
use oc_core::{Body, Client, Endpoint, Error};

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

impl Endpoint for RemoveEntry<'_> {
    type Output = ();
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "remove_entry";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let query = entry_query(self.store, &self.key)?;
        build(
            self.store.experience(),
            Method::DELETE,
            "/datastore/entries/entry",
            &query,
            Body::empty(),
        )
    }

    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(RemoveEntry<'a>);
