//! Sorted-map items: Create `POST …/memory-store/sorted-maps/{map}/items?id={key}`, Get
//! and Update (`GET` and `PATCH …/items/{key}[?allowMissing=true]`), Delete
//! (`DELETE …/items/{key}[?etag=…]`)
//! (<https://create.roblox.com/docs/cloud/reference/features/memory-store>).

use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2;
use oc_core::{AreaError, Body, Client, Endpoint, Error, Idempotency, InvalidInput};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::failures::{EtagMismatch, ItemAlreadyExists};
use crate::handles::SortedMap;
use crate::limits::{self, MAX_SORT_KEY_CHARS};
use crate::resource::{SortKey, SortedMapItem, WireMapItem};

impl SortedMap {
    /// Creates the item `key` (1 to [`MAX_KEY_CHARS`](crate::MAX_KEY_CHARS) characters)
    /// with `value`; fails with an [`ItemAlreadyExists`] detail when the key is taken.
    /// Await the returned request to send it.
    ///
    /// A create is not repeated once the service may have applied it: a repeat would
    /// fail as "already exists" and hide the success.
    pub fn create<T: Serialize + ?Sized>(
        &self,
        key: impl Into<String>,
        value: &T,
    ) -> CreateSortedMapItem {
        CreateSortedMapItem {
            write: Write::new(self.clone(), key.into(), value),
        }
    }

    /// Reads the item `key`, its value as JSON; a missing or expired item is a
    /// [`NotFound`](oc_core::Error::NotFound). Await the returned request to send it.
    pub fn get(&self, key: impl Into<String>) -> GetSortedMapItem<'_, Value> {
        self.get_as(key)
    }

    /// [`SortedMap::get`], the value read as `T`.
    pub fn get_as<T: DeserializeOwned>(&self, key: impl Into<String>) -> GetSortedMapItem<'_, T> {
        GetSortedMapItem {
            map: self,
            key: key.into(),
            output: PhantomData,
        }
    }

    /// Replaces the item `key` with `value`. Await the returned request to send it.
    ///
    /// The update replaces the whole item: a sort key or expiration left out is not
    /// kept (an omitted sort key removes the item's). A missing item is a
    /// [`NotFound`](oc_core::Error::NotFound) unless
    /// [`UpdateSortedMapItem::allow_missing`] creates it.
    pub fn update<T: Serialize + ?Sized>(
        &self,
        key: impl Into<String>,
        value: &T,
    ) -> UpdateSortedMapItem {
        UpdateSortedMapItem {
            write: Write::new(self.clone(), key.into(), value),
            allow_missing: None,
        }
    }

    /// Deletes the item `key` (a missing one too). Await the returned request to send
    /// it.
    pub fn delete(&self, key: impl Into<String>) -> DeleteSortedMapItem {
        DeleteSortedMapItem {
            map: self.clone(),
            key: key.into(),
            etag: None,
        }
    }
}

/// What a create or an update writes.
#[derive(Debug, Clone)]
struct Write {
    map: SortedMap,
    key: String,
    value: Result<Value, String>,
    sort_key: SortKey,
    expiration: Option<Duration>,
}

impl Write {
    fn new<T: Serialize + ?Sized>(map: SortedMap, key: String, value: &T) -> Self {
        Write {
            map,
            key,
            value: serde_json::to_value(value).map_err(|e| e.to_string()),
            sort_key: SortKey::None,
            expiration: None,
        }
    }

    /// The body: `value`, `ttl`, the sort key, and `id` (the key).
    fn body(&self) -> Result<Value, InvalidInput> {
        let mut body = Map::new();
        body.insert("id".into(), json!(self.key));
        body.insert("value".into(), limits::value("value", &self.value)?);
        if let Some(expiration) = self.expiration {
            limits::expiration(expiration)?;
            body.insert("ttl".into(), json!(v2::duration::format(expiration)));
        }
        match &self.sort_key {
            SortKey::Numeric(number) => {
                limits::finite("sort_key", *number)?;
                body.insert("numericSortKey".into(), json!(number));
            }
            SortKey::String(text) => {
                oc_core::validate::max_chars("sort_key", text, MAX_SORT_KEY_CHARS)?;
                body.insert("stringSortKey".into(), json!(text));
            }
            SortKey::None => {}
        }
        Ok(Value::Object(body))
    }
}

macro_rules! write_options {
    ($ty:ident) => {
        impl $ty {
            /// The item's sort key: a number (`5.0`) or a string (`"gold"`), at most
            /// [`MAX_SORT_KEY_CHARS`](crate::MAX_SORT_KEY_CHARS) characters.
            pub fn sort_key(mut self, sort_key: impl Into<SortKey>) -> Self {
                self.write.sort_key = sort_key.into();
                self
            }

            /// How long the item lives: whole seconds, 1 s to
            /// [`MAX_EXPIRATION_SECONDS`](crate::MAX_EXPIRATION_SECONDS). The
            /// service's default applies without it.
            pub fn expiration(mut self, expiration: Duration) -> Self {
                self.write.expiration = Some(expiration);
                self
            }
        }
    };
}

/// A create of a sorted-map item; `.await` it for the [`SortedMapItem`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateSortedMapItem {
    write: Write,
}

write_options!(CreateSortedMapItem);

impl Endpoint for CreateSortedMapItem {
    type Output = SortedMapItem;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "create_sorted_map_item";

    fn client(&self) -> &Client {
        self.write.map.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.write.map.items_path()?;
        limits::key(&self.write.key)?;
        let query = Query::new().pair("id", &self.write.key);
        request::json(Method::POST, &query.with_path(&path), &self.write.body()?)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<SortedMapItem, Error> {
        let wire: WireMapItem = oc_core::response::json(&response)?;
        wire.into_item(Some(&self.write.key))
    }

    /// 409 (`ALREADY_EXISTS`, under `code` or `error`) is an [`ItemAlreadyExists`].
    fn parse_error(&self, error: Error) -> Error {
        match error {
            Error::Conflict(api) => AreaError::new(
                crate::AREA,
                ItemAlreadyExists {
                    key: self.write.key.clone(),
                },
            )
            .with_api(*api)
            .into(),
            other => other,
        }
    }
}

oc_core::endpoint_future!(static CreateSortedMapItem);

/// A read of a sorted-map item; `.await` it for the [`SortedMapItem`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetSortedMapItem<'a, T> {
    map: &'a SortedMap,
    key: String,
    output: PhantomData<fn() -> T>,
}

impl<T> Clone for GetSortedMapItem<'_, T> {
    fn clone(&self) -> Self {
        GetSortedMapItem {
            map: self.map,
            key: self.key.clone(),
            output: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Endpoint for GetSortedMapItem<'_, T> {
    type Output = SortedMapItem<T>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_sorted_map_item";

    fn client(&self) -> &Client {
        self.map.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        request::build(Method::GET, &self.map.item_path(&self.key)?, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<SortedMapItem<T>, Error> {
        let wire: WireMapItem = oc_core::response::json(&response)?;
        wire.into_item(Some(&self.key))
    }
}

oc_core::endpoint_future!(<T> GetSortedMapItem<'a, T> where T: DeserializeOwned + 'a);

/// A replacement of a sorted-map item; `.await` it for the [`SortedMapItem`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateSortedMapItem {
    write: Write,
    allow_missing: Option<bool>,
}

write_options!(UpdateSortedMapItem);

impl UpdateSortedMapItem {
    /// `true`: create the item when it is missing (an upsert).
    pub fn allow_missing(mut self, allow: bool) -> Self {
        self.allow_missing = Some(allow);
        self
    }
}

impl Endpoint for UpdateSortedMapItem {
    type Output = SortedMapItem;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "update_sorted_map_item";

    fn client(&self) -> &Client {
        self.write.map.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.write.map.item_path(&self.write.key)?;
        let query = Query::new().pair_opt(
            "allowMissing",
            self.allow_missing.map(|a| if a { "true" } else { "false" }),
        );
        request::json(Method::PATCH, &query.with_path(&path), &self.write.body()?)
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<SortedMapItem, Error> {
        let wire: WireMapItem = oc_core::response::json(&response)?;
        wire.into_item(Some(&self.write.key))
    }
}

oc_core::endpoint_future!(static UpdateSortedMapItem);

/// A delete of a sorted-map item; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteSortedMapItem {
    map: SortedMap,
    key: String,
    etag: Option<String>,
}

impl DeleteSortedMapItem {
    /// Deletes only if the item's etag is still `etag` (from a read); otherwise the
    /// service answers 409, an [`EtagMismatch`] detail.
    pub fn etag(mut self, etag: impl Into<String>) -> Self {
        self.etag = Some(etag.into());
        self
    }
}

impl Endpoint for DeleteSortedMapItem {
    type Output = ();
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "delete_sorted_map_item";

    fn client(&self) -> &Client {
        self.map.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.map.item_path(&self.key)?;
        if let Some(etag) = &self.etag {
            oc_core::validate::non_empty("etag", etag)?;
        }
        let query = Query::new().pair_opt("etag", self.etag.as_deref());
        request::build(Method::DELETE, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, _response: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }

    /// 409 on a conditional delete is an [`EtagMismatch`].
    fn parse_error(&self, error: Error) -> Error {
        match (error, &self.etag) {
            (Error::Conflict(api), Some(etag)) => AreaError::new(
                crate::AREA,
                EtagMismatch {
                    key: self.key.clone(),
                    etag: etag.clone(),
                },
            )
            .with_api(*api)
            .into(),
            (other, _) => other,
        }
    }
}

oc_core::endpoint_future!(static DeleteSortedMapItem);
