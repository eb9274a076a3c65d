//! Get an entry: `GET …/scopes/{scope}/entries/{key}`, at its latest revision, at a
//! revision (`{key}@{revisionId}`) or at a point in time (`{key}@latest:{time}`)
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use std::marker::PhantomData;

use bytes::Bytes;
use http::Method;
use oc_core::{request, Body, Client, Endpoint, Error, InvalidInput};
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use super::entry::{DataStoreEntry, WireEntry};
use crate::handles::DataStoreV2;

/// Which revision a get reads.
#[derive(Debug, Clone, PartialEq)]
enum Which {
    Latest,
    Revision(String),
    At(OffsetDateTime),
}

impl DataStoreV2 {
    /// Gets the value of `key` as JSON, with its [`DataStoreEntry`].
    pub fn get(&self, key: impl Into<String>) -> GetEntry<'_, serde_json::Value> {
        self.get_entry(key.into(), Which::Latest)
    }

    /// Gets the value of `key` as a `T`, with its [`DataStoreEntry`].
    pub fn get_as<T: DeserializeOwned>(&self, key: impl Into<String>) -> GetEntry<'_, T> {
        self.get_entry(key.into(), Which::Latest)
    }

    /// Gets the value of `key` at `revision` (a revision id, the v1 version id), with
    /// that revision's [`DataStoreEntry`]. An unknown revision is a 400 from the service.
    pub fn get_version(
        &self,
        key: impl Into<String>,
        revision: impl Into<String>,
    ) -> GetEntry<'_, serde_json::Value> {
        self.get_entry(key.into(), Which::Revision(revision.into()))
    }

    /// Gets the value `key` had at `time` (after 1970, at most 10 minutes ahead), with
    /// that revision's [`DataStoreEntry`]. A key deleted or not yet created then is
    /// [`oc_core::Error::NotFound`].
    pub fn get_at(
        &self,
        key: impl Into<String>,
        time: OffsetDateTime,
    ) -> GetEntry<'_, serde_json::Value> {
        self.get_entry(key.into(), Which::At(time))
    }

    fn get_entry<T: DeserializeOwned>(&self, key: String, which: Which) -> GetEntry<'_, T> {
        GetEntry {
            store: self,
            key,
            which,
            value: PhantomData,
        }
    }
}

/// A get of an entry; `.await` it for the value and its [`DataStoreEntry`]. A missing or
/// deleted key is [`oc_core::Error::NotFound`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetEntry<'a, T> {
    store: &'a DataStoreV2,
    key: String,
    which: Which,
    value: PhantomData<fn() -> T>,
}

impl<'a, T> GetEntry<'a, T> {
    /// Reads the value as a `U` instead.
    pub fn as_type<U: DeserializeOwned>(self) -> GetEntry<'a, U> {
        GetEntry {
            store: self.store,
            key: self.key,
            which: self.which,
            value: PhantomData,
        }
    }

    /// The `@` suffix of the entry segment. A key holding `@` must be read with
    /// `@latest`, or the part after its last `@` would be taken for a revision.
    fn suffix(&self) -> Result<String, InvalidInput> {
        Ok(match &self.which {
            Which::Latest if self.key.contains('@') => "@latest".to_owned(),
            Which::Latest => String::new(),
            Which::Revision(revision) => {
                oc_core::validate::non_empty("version", revision)?;
                if revision.contains(['@', '/', '?', '#', '%']) || revision == "latest" {
                    return Err(InvalidInput::new("version", "is not a revision id"));
                }
                format!("@{revision}")
            }
            Which::At(time) => {
                if time.unix_timestamp() <= 0 {
                    return Err(InvalidInput::new("time", "must be after 1970-01-01"));
                }
                format!("@latest:{}", oc_core::v2::timestamp::format(*time))
            }
        })
    }
}

/// Parses an entry answer into its value as a `T` and the entry.
pub(crate) fn read_entry<T: DeserializeOwned>(
    store: &DataStoreV2,
    key: &str,
    response: &http::Response<Bytes>,
) -> Result<(T, DataStoreEntry), Error> {
    let wire: WireEntry = oc_core::response::json(response)?;
    let (scope, key) = store.locate(key)?;
    let entry = wire.into_entry(scope, key)?;
    let value = T::deserialize(&entry.value).map_err(|e| {
        Error::decode(
            "the value is not of the type asked for",
            Some(Box::new(e) as _),
        )
    })?;
    Ok((value, entry))
}

impl<T: DeserializeOwned> Endpoint for GetEntry<'_, T> {
    type Output = (T, DataStoreEntry);
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "get_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.store.entry_path(&self.key, &self.suffix()?)?;
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<(T, DataStoreEntry), Error> {
        read_entry(self.store, &self.key, &response)
    }
}

oc_core::endpoint_future!(<T> GetEntry<'a, T> where T: DeserializeOwned + 'a);
