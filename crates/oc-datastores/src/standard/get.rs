//! Get an entry (`GET …/datastore/entries/entry`) or one of its versions
//! (`GET …/datastore/entries/entry/versions/version`):
//! <https://create.roblox.com/docs/cloud/reference/DataStore>.

use std::marker::PhantomData;

use bytes::Bytes;
use http::Method;
use oc_core::{Body, Client, Endpoint, Error};
use serde::de::DeserializeOwned;

use super::{build, entry_query, EntryInfo};
use crate::checksum;
use crate::handles::DataStore;

impl DataStore {
    /// Gets the value of `key` as JSON, with its [`EntryInfo`].
    pub fn get(&self, key: impl Into<String>) -> GetEntry<'_, serde_json::Value> {
        self.get_entry(key.into())
    }

    /// Gets the value of `key` as a `T`, with its [`EntryInfo`].
    pub fn get_as<T: DeserializeOwned>(&self, key: impl Into<String>) -> GetEntry<'_, T> {
        self.get_entry(key.into())
    }

    /// The get endpoint of `key`, read as a `T`.
    fn get_entry<T: DeserializeOwned>(&self, key: String) -> GetEntry<'_, T> {
        GetEntry {
            store: self,
            key,
            value: PhantomData,
        }
    }

    /// Gets the value of `key` at `version`, with that version's [`EntryInfo`].
    pub fn get_version(
        &self,
        key: impl Into<String>,
        version: impl Into<String>,
    ) -> GetVersion<'_, serde_json::Value> {
        GetVersion {
            store: self,
            key: key.into(),
            version: version.into(),
            value: PhantomData,
        }
    }
}

/// Checks the checksum and parses a value answer (body and metadata headers). A checksum
/// mismatch is a [`ChecksumMismatch`](crate::ChecksumMismatch) detail, marked applied
/// when the request was a write.
pub(crate) fn read_value<T: DeserializeOwned>(
    response: &http::Response<Bytes>,
    write: bool,
) -> Result<(T, EntryInfo), Error> {
    checksum::check(response, write)?;
    let value = oc_core::response::json(response)?;
    Ok((value, EntryInfo::from_headers(response.headers())?))
}

/// A get of an entry; `.await` it for the value and its [`EntryInfo`]. A missing or
/// deleted key is [`oc_core::Error::NotFound`]; a `content-md5` that does not match the
/// value is a [`ChecksumMismatch`](crate::ChecksumMismatch) detail.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetEntry<'a, T> {
    store: &'a DataStore,
    key: String,
    value: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Endpoint for GetEntry<'_, T> {
    type Output = (T, EntryInfo);
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "get_entry";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let query = entry_query(self.store, &self.key)?;
        build(
            self.store.experience(),
            Method::GET,
            "/datastore/entries/entry",
            &query,
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<(T, EntryInfo), Error> {
        read_value(&response, false)
    }
}

oc_core::endpoint_future!(<T> GetEntry<'a, T> where T: DeserializeOwned + 'a);

/// A get of one version of an entry; `.await` it for the value and its [`EntryInfo`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetVersion<'a, T> {
    store: &'a DataStore,
    key: String,
    version: String,
    value: PhantomData<fn() -> T>,
}

impl<'a, T> GetVersion<'a, T> {
    /// Reads the value as a `U` instead.
    pub fn as_type<U: DeserializeOwned>(self) -> GetVersion<'a, U> {
        GetVersion {
            store: self.store,
            key: self.key,
            version: self.version,
            value: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Endpoint for GetVersion<'_, T> {
    type Output = (T, EntryInfo);
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "get_entry_version";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        oc_core::validate::non_empty("version", &self.version)?;
        let query = entry_query(self.store, &self.key)?.pair("versionId", &self.version);
        build(
            self.store.experience(),
            Method::GET,
            "/datastore/entries/entry/versions/version",
            &query,
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<(T, EntryInfo), Error> {
        read_value(&response, false)
    }
}

oc_core::endpoint_future!(<T> GetVersion<'a, T> where T: DeserializeOwned + 'a);
