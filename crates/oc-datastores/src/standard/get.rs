//! Get an entry (`GET …/datastore/entries/entry`) or one of its versions
//! (`GET …/datastore/entries/entry/versions/version`).

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use bytes::Bytes;
use http::Method;
use serde::de::DeserializeOwned;

use super::{build, entry_query, EntryInfo};
use crate::checksum;
use crate::error::Error;
use crate::handles::DataStore;
use oc_core::Body;

impl DataStore {
    /// Gets the value of `key` as JSON, with its [`EntryInfo`].
    pub fn get(&self, key: impl Into<String>) -> GetEntry<'_, serde_json::Value> {
        self.get_as(key)
    }

    /// Gets the value of `key` as a `T`, with its [`EntryInfo`].
    pub fn get_as<T: DeserializeOwned>(&self, key: impl Into<String>) -> GetEntry<'_, T> {
        GetEntry {
            store: self,
            key: key.into(),
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

/// Checks the checksum and parses a value answer (body and metadata headers).
pub(crate) fn read_value<T: DeserializeOwned>(
    response: &http::Response<Bytes>,
) -> Result<(T, EntryInfo), Error> {
    checksum::verify(response)?;
    let value = serde_json::from_slice(response.body()).map_err(|e| {
        oc_core::Error::decode(
            "the entry value is not the expected JSON",
            Some(Box::new(e) as _),
        )
    })?;
    Ok((value, EntryInfo::from_headers(response.headers())?))
}

/// A get of an entry; `.await` it for the value and its [`EntryInfo`]. A missing or
/// deleted key is [`oc_core::Error::NotFound`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetEntry<'a, T> {
    store: &'a DataStore,
    key: String,
    value: PhantomData<fn() -> T>,
}

impl<T> GetEntry<'_, T> {
    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
        let query = entry_query(self.store, &self.key)?;
        build(
            self.store.experience().universe_id(),
            Method::GET,
            "/datastore/entries/entry",
            &query,
            Body::empty(),
        )
    }
}

impl<'a, T: DeserializeOwned + 'a> IntoFuture for GetEntry<'a, T> {
    type Output = Result<(T, EntryInfo), Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            let response = self.store.experience().client().send(request).await?;
            read_value(&response)
        })
    }
}

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

    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
        oc_core::validate::non_empty("version", &self.version)?;
        let query = entry_query(self.store, &self.key)?.pair("versionId", &self.version);
        build(
            self.store.experience().universe_id(),
            Method::GET,
            "/datastore/entries/entry/versions/version",
            &query,
            Body::empty(),
        )
    }
}

impl<'a, T: DeserializeOwned + 'a> IntoFuture for GetVersion<'a, T> {
    type Output = Result<(T, EntryInfo), Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            let response = self.store.experience().client().send(request).await?;
            read_value(&response)
        })
    }
}
