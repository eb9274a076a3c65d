//! Delete an entry: `DELETE …/entries/{key}`, which writes a tombstone revision
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use bytes::Bytes;
use http::Method;
use oc_core::{request, Body, Client, Endpoint, Error};

use crate::handles::DataStoreV2;

impl DataStoreV2 {
    /// Deletes `key`. A key that does not exist (or is deleted already) is
    /// [`oc_core::Error::NotFound`].
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
    store: &'a DataStoreV2,
    key: String,
}

impl Endpoint for RemoveEntry<'_> {
    type Output = ();
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "remove_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.store.entry_path(&self.key, "")?;
        request::build(Method::DELETE, &path, Body::empty())
    }

    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(RemoveEntry<'a>);
