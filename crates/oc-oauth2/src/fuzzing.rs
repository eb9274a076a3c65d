//! Entry points for the fuzz targets (the workspace's `oc-fuzz` crate): the parsers of
//! the service's bytes that no public item reaches without a socket, namely the token
//! endpoint's answer and the id_token's header and claims. Not part of the API: these
//! may change at any time.

use bytes::Bytes;
use jsonwebtoken::DecodingKey;
use oc_core::Error;

use crate::app::OAuth2App;
use crate::error::IdTokenError;
use crate::id_token::{check, key_id, Expected, IdTokenClaims};
use crate::userinfo::UserInfo;

/// What an authorization-code exchange of `app` makes of the token endpoint's answer
/// (`status`, `headers`, `body`): the grant's parse and its error mapping, before the
/// id_token is verified.
pub fn token_answer(
    app: &OAuth2App,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<(), Error> {
    let exchange = app.exchange_code("fuzz-code");
    oc_core::offline::respond(
        &exchange.grant(),
        status,
        headers,
        Bytes::copy_from_slice(body),
    )
    .map(drop)
}

/// The id_token's header, as verification reads it before fetching anything: the `kid`
/// of an ES256 token.
pub fn id_token_key_id(token: &str) -> Result<String, IdTokenError> {
    key_id(token)
}

/// What an id_token must say for [`id_token_claims`].
#[derive(Debug, Clone, Copy)]
pub struct Expectations<'a> {
    /// The P-256 public key's `x` and `y`, base64url.
    pub key: (&'a str, &'a str),
    /// The issuer the token must name.
    pub issuer: &'a str,
    /// The client id the token must be for.
    pub audience: &'a str,
    /// The leeway on its times, in seconds.
    pub leeway_secs: u64,
    /// The nonce it must echo, if any.
    pub nonce: Option<&'a str>,
}

/// The checks of an id_token once its key is known (signature, claims, issuer, audience,
/// times, nonce), then the user its subject names, as a token exchange does.
pub fn id_token_claims(token: &str, expected: &Expectations<'_>) -> Result<UserInfo, Error> {
    let key = DecodingKey::from_ec_components(expected.key.0, expected.key.1).map_err(|_| {
        IdTokenError::Malformed {
            reason: "the fuzz key is not a P-256 key",
            source: None,
        }
    })?;
    let expected = Expected {
        issuer: expected.issuer,
        audience: expected.audience,
        leeway_secs: expected.leeway_secs,
        nonce: expected.nonce,
    };
    let claims: IdTokenClaims = check(&key, &expected, token)?;
    UserInfo::from_claims(&claims)
}
