//! id_token verification: ES256 only, against the provider's JWKS (`/oauth/v1/certs`),
//! which is cached and refetched at most once per minimum interval on an unknown `kid`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use http::Method;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use oc_core::{Body, Client};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use crate::error::IdTokenError;

/// The claims of a verified id_token (wire spec 7.3).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct IdTokenClaims {
    /// The user id, as a string.
    pub sub: String,
    /// The display name (with `profile`).
    #[serde(default)]
    pub name: Option<String>,
    /// The user name (with `profile`).
    #[serde(default)]
    pub nickname: Option<String>,
    /// The user name (with `profile`).
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// When the account was made, in unix seconds (with `profile`).
    #[serde(default)]
    pub created_at: Option<u64>,
    /// The profile page (with `profile`).
    #[serde(default)]
    pub profile: Option<String>,
    /// The avatar picture, when present.
    #[serde(default)]
    pub picture: Option<String>,
    /// The nonce of the authorization request, echoed.
    #[serde(default)]
    pub nonce: Option<String>,
    /// The token id.
    #[serde(default)]
    pub jti: Option<String>,
    /// The issuer.
    pub iss: String,
    /// Expiry, unix seconds.
    pub exp: u64,
    /// Issue time, unix seconds.
    pub iat: u64,
    /// Not before, unix seconds.
    #[serde(default)]
    pub nbf: Option<u64>,
}

/// How tokens are checked.
#[derive(Debug, Clone)]
pub(crate) struct VerifyConfig {
    pub issuer: String,
    pub audience: String,
    pub leeway: Duration,
}

/// One JWKS as fetched.
struct KeySet {
    keys: HashMap<String, Arc<DecodingKey>>,
    fetched_at: Instant,
}

/// The cached JWKS, shared by the clones of an app.
pub(crate) struct JwksCache {
    ttl: Duration,
    min_refetch: Duration,
    keys: Mutex<Option<KeySet>>,
    last_miss_refetch: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for JwksCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwksCache")
            .field("ttl", &self.ttl)
            .field("min_refetch", &self.min_refetch)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Deserialize)]
struct JwksDoc {
    #[serde(default)]
    keys: Vec<Jwk>,
}

#[derive(Deserialize)]
struct Jwk {
    #[serde(default)]
    kty: String,
    #[serde(default)]
    crv: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    x: String,
    #[serde(default)]
    y: String,
}

impl JwksCache {
    pub fn new(ttl: Duration, min_refetch: Duration) -> Self {
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
    pub async fn key(&self, client: &Client, kid: &str) -> Result<Arc<DecodingKey>, IdTokenError> {
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
        let set = fetch(client).await?;
        let key = set.keys.get(kid).cloned();
        *lock(&self.keys) = Some(set);
        key.ok_or_else(|| IdTokenError::UnknownKid(kid.to_owned()))
    }
}

async fn fetch(client: &Client) -> Result<KeySet, IdTokenError> {
    let request = oc_core::request::build(Method::GET, "/oauth/v1/certs", Body::empty())
        .map_err(|e| IdTokenError::Jwks(e.to_string()))?;
    let doc: JwksDoc = client
        .send_json(request)
        .await
        .map_err(|e| IdTokenError::Jwks(e.to_string()))?;
    let keys = doc
        .keys
        .into_iter()
        .filter(|k| k.kty == "EC" && k.crv == "P-256")
        .filter_map(|k| {
            let kid = k.kid?;
            let key = DecodingKey::from_ec_components(&k.x, &k.y).ok()?;
            Some((kid, Arc::new(key)))
        })
        .collect();
    Ok(KeySet {
        keys,
        fetched_at: Instant::now(),
    })
}

#[derive(Deserialize)]
struct RawHeader {
    #[serde(default)]
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// Verifies an id_token and returns its claims.
pub(crate) async fn verify(
    cache: &JwksCache,
    client: &Client,
    config: &VerifyConfig,
    token: &str,
    nonce: Option<&str>,
) -> Result<IdTokenClaims, IdTokenError> {
    let header = token
        .split('.')
        .next()
        .and_then(|h| URL_SAFE_NO_PAD.decode(h).ok())
        .and_then(|h| serde_json::from_slice::<RawHeader>(&h).ok())
        .ok_or_else(|| IdTokenError::Malformed("the header is not base64url JSON".into()))?;
    if header.alg != "ES256" {
        return Err(IdTokenError::UnsupportedAlgorithm(header.alg));
    }
    let kid = header.kid.ok_or(IdTokenError::MissingKid)?;
    let key = cache.key(client, &kid).await?;
    check(&key, config, token, nonce)
}

/// The checks after the key is known: signature, issuer, audience, times, nonce.
pub(crate) fn check(
    key: &DecodingKey,
    config: &VerifyConfig,
    token: &str,
    nonce: Option<&str>,
) -> Result<IdTokenClaims, IdTokenError> {
    let mut validation = Validation::new(Algorithm::ES256);
    validation.leeway = config.leeway.as_secs();
    validation.validate_nbf = true;
    validation.set_issuer(&[&config.issuer]);
    validation.set_audience(&[&config.audience]);
    validation.required_spec_claims = HashSet::from(["exp".into(), "iss".into(), "aud".into()]);
    let data =
        jsonwebtoken::decode::<IdTokenClaims>(token, key, &validation).map_err(|e| {
            match e.kind() {
                ErrorKind::InvalidSignature => IdTokenError::BadSignature,
                ErrorKind::ExpiredSignature => IdTokenError::Expired,
                ErrorKind::ImmatureSignature => IdTokenError::NotYetValid,
                ErrorKind::InvalidIssuer => IdTokenError::WrongIssuer,
                ErrorKind::InvalidAudience => IdTokenError::WrongAudience,
                ErrorKind::InvalidAlgorithm => IdTokenError::UnsupportedAlgorithm("ES256".into()),
                _ => IdTokenError::Malformed(e.to_string()),
            }
        })?;
    let claims = data.claims;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    if claims.iat > now.saturating_add(config.leeway.as_secs()) {
        return Err(IdTokenError::IssuedInFuture);
    }
    if let Some(expected) = nonce {
        let matches = claims
            .nonce
            .as_deref()
            .is_some_and(|got| bool::from(got.as_bytes().ct_eq(expected.as_bytes())));
        if !matches {
            return Err(IdTokenError::WrongNonce);
        }
    }
    Ok(claims)
}
