//! `GET /oauth/v1/certs`: the provider's signing keys (JWKS), and their cache, refetched
//! at most once per minimum interval on an unknown `kid`
//! (<https://create.roblox.com/docs/cloud/reference/oauth2>).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::Method;
use jsonwebtoken::DecodingKey;
use oc_core::{Body, Client, Endpoint, Error};
use serde::Deserialize;

use crate::app::lock;
use crate::error::IdTokenError;

/// A JSON Web Key Set as the provider publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Jwks {
    /// The keys.
    #[serde(default)]
    pub keys: Vec<Jwk>,
}

/// One public key of a [`Jwks`] (an EC P-256 key for ES256).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Jwk {
    /// The key type (`EC`).
    #[serde(default)]
    pub kty: String,
    /// The curve (`P-256`).
    #[serde(default)]
    pub crv: String,
    /// The key id id_tokens name in their header.
    #[serde(default)]
    pub kid: Option<String>,
    /// The algorithm (`ES256`), when named.
    #[serde(default)]
    pub alg: Option<String>,
    /// The x coordinate, base64url.
    #[serde(default)]
    pub x: String,
    /// The y coordinate, base64url.
    #[serde(default)]
    pub y: String,
}

/// Fetches the JWKS; see [`OAuth2App::fetch_certs`](crate::OAuth2App::fetch_certs).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct FetchCerts<'a> {
    client: &'a Client,
}

impl<'a> FetchCerts<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        FetchCerts { client }
    }
}

impl Endpoint for FetchCerts<'_> {
    type Output = Jwks;
    const AREA: &'static str = crate::error::AREA;
    const OPERATION: &'static str = "fetch_certs";

    fn client(&self) -> &Client {
        self.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        oc_core::request::build(Method::GET, "/oauth/v1/certs", Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Jwks, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(FetchCerts<'a>);

/// One JWKS as fetched: its usable ES256 keys by `kid`.
struct KeySet {
    keys: HashMap<String, Arc<DecodingKey>>,
    fetched_at: Instant,
}

impl KeySet {
    fn new(jwks: Jwks) -> Self {
        let keys = jwks
            .keys
            .into_iter()
            .filter(|k| k.kty == "EC" && k.crv == "P-256")
            .filter_map(|k| {
                let key = DecodingKey::from_ec_components(&k.x, &k.y).ok()?;
                Some((k.kid?, Arc::new(key)))
            })
            .collect();
        KeySet {
            keys,
            fetched_at: Instant::now(),
        }
    }
}

/// The cached JWKS, shared by the clones of an app.
pub(crate) struct JwksCache {
    ttl: Duration,
    min_refetch: Duration,
    keys: Mutex<Option<KeySet>>,
    last_miss_refetch: Mutex<Option<Instant>>,
}

impl JwksCache {
    pub(crate) fn new(ttl: Duration, min_refetch: Duration) -> Self {
        JwksCache {
            ttl,
            min_refetch,
            keys: Mutex::new(None),
            last_miss_refetch: Mutex::new(None),
        }
    }

    /// The key with `kid`: from the cache while it is fresh; a stale or empty cache is
    /// refetched; a `kid` missing from a fresh cache triggers one refetch unless one
    /// happened within the minimum interval.
    pub(crate) async fn key(
        &self,
        client: &Client,
        kid: &str,
    ) -> Result<Arc<DecodingKey>, IdTokenError> {
        let cached = {
            let keys = lock(&self.keys);
            keys.as_ref()
                .filter(|set| set.fetched_at.elapsed() < self.ttl)
                .map(|set| set.keys.get(kid).cloned())
        };
        match cached {
            Some(Some(key)) => return Ok(key),
            Some(None) => {
                let mut last = lock(&self.last_miss_refetch);
                if last.is_some_and(|at| at.elapsed() < self.min_refetch) {
                    return Err(IdTokenError::UnknownKid(kid.to_owned()));
                }
                *last = Some(Instant::now());
            }
            None => {}
        }
        let jwks = FetchCerts::new(client)
            .await
            .map_err(|e| IdTokenError::Jwks(Arc::new(e)))?;
        let set = KeySet::new(jwks);
        let key = set.keys.get(kid).cloned();
        *lock(&self.keys) = Some(set);
        key.ok_or_else(|| IdTokenError::UnknownKid(kid.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oc_core::offline;

    #[test]
    fn builds_the_request_and_keeps_only_p256_keys_with_a_kid() -> Result<(), Error> {
        let client = Client::builder().build()?;
        let fetch = FetchCerts::new(&client);
        let request = offline::request(&fetch)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/oauth/v1/certs");
        // The x and y of RFC 7515 appendix A.3's P-256 key.
        let x = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
        let y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
        let body = format!(
            r#"{{"keys":[{{"kty":"EC","crv":"P-256","kid":"k1","alg":"ES256","x":"{x}","y":"{y}"}},
                {{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}},
                {{"kty":"RSA","kid":"r1","n":"AQAB","e":"AQAB"}}]}}"#
        );
        let jwks = offline::respond(&fetch, 200, &[], body)?;
        assert_eq!(jwks.keys.len(), 3);
        assert_eq!(jwks.keys[0].kid.as_deref(), Some("k1"));
        let set = KeySet::new(jwks);
        assert_eq!(set.keys.keys().collect::<Vec<_>>(), ["k1"]);
        let bad = offline::respond(&fetch, 500, &[], "");
        assert!(bad.is_err_and(|e| e.is_retryable()));
        Ok(())
    }
}
