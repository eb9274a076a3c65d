//! The OAuth 2.0 / OpenID Connect provider's state
//! (<https://create.roblox.com/docs/cloud/auth/oauth2-reference>): the registered apps, the
//! ES256 signing keys, and the authorization codes and tokens it has issued.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::EncodePrivateKey;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::config::{OAuth2AppConfig, OAuth2Config};
use crate::sync::lock;
use crate::world::{Credential, Owner, TokenSource, UniverseSelector, UserConfig};

/// Access tokens live 15 minutes; the token answer says 899 (the OAuth 2.0
/// reference).
pub(crate) const ACCESS_LIFETIME_SECS: u64 = 900;
/// Refresh tokens live 90 days (the OAuth 2.0 reference).
pub(crate) const REFRESH_LIFETIME_SECS: u64 = 90 * 86_400;
/// The id_token lifetime is undocumented; the official example decodes to 10 hours
/// (<https://create.roblox.com/docs/cloud/auth/oauth2-develop>, inferred).
pub(crate) const ID_TOKEN_LIFETIME_SECS: u64 = 36_000;

/// The unreserved alphabet codes and token ids are drawn from.
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Seconds since the epoch.
pub(crate) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

/// `len` random characters of [`ALPHABET`], from the operating system's CSPRNG.
pub(crate) fn random_string(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    fill_random(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// Fills `bytes` from the OS CSPRNG; falls back to `fastrand` only if the OS refuses, as
/// the emulator's tokens protect nothing real.
fn fill_random(bytes: &mut [u8]) {
    if getrandom::getrandom(bytes).is_err() {
        bytes.iter_mut().for_each(|b| *b = fastrand::u8(..));
    }
}

/// One P-256 signing key, published in the JWKS under `kid`.
pub(crate) struct SigningKey {
    /// The RFC 7638 thumbprint of the public key.
    pub kid: String,
    /// The public key's coordinates, base64url.
    pub x: String,
    /// See `x`.
    pub y: String,
    encoding: EncodingKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A fresh key from the OS CSPRNG.
    pub fn generate() -> Option<SigningKey> {
        let secret = loop {
            let mut bytes = [0u8; 32];
            fill_random(&mut bytes);
            // Out-of-range scalars (probability ~2^-32) are drawn again.
            if let Ok(secret) = p256::SecretKey::from_slice(&bytes) {
                break secret;
            }
        };
        let point = secret.public_key().to_encoded_point(false);
        let x = URL_SAFE_NO_PAD.encode(point.x()?);
        let y = URL_SAFE_NO_PAD.encode(point.y()?);
        // RFC 7638: the SHA-256 of the required members in lexicographic order.
        let thumbprint = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(thumbprint.as_bytes()));
        let der = secret.to_pkcs8_der().ok()?;
        Some(SigningKey {
            kid,
            x,
            y,
            encoding: EncodingKey::from_ec_der(der.as_bytes()),
        })
    }

    /// Signs `claims` as an ES256 JWS with this key's `kid`.
    pub fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.kid.clone());
        header.typ = Some("JWT".into());
        // Signing a JSON value with a valid key cannot fail.
        jsonwebtoken::encode(&header, claims, &self.encoding).unwrap_or_default()
    }

    /// The key as a JWK.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "EC", "crv": "P-256", "kid": self.kid, "x": self.x, "y": self.y,
            "use": "sig", "alg": "ES256",
        })
    }
}

/// A code handed out by `authorize`, not yet exchanged.
#[derive(Debug, Clone)]
pub(crate) struct PendingCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub nonce: Option<String>,
    pub challenge: Option<String>,
    pub user: u64,
    pub expires_at: u64,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Access,
    Refresh,
    Id,
}

/// One issued token.
#[derive(Debug, Clone)]
pub(crate) struct IssuedToken {
    pub kind: TokenKind,
    /// The authorization it belongs to (`aid`).
    pub aid: String,
    /// Tokens issued together share a pair id; revoking one revokes the pair.
    pub pair: u64,
    pub jti: String,
    pub client_id: String,
    pub user: u64,
    pub scopes: Vec<String>,
    pub issued_at: u64,
    pub expires_at: u64,
    pub revoked: bool,
    /// A refresh token is single use: set once it was exchanged.
    pub used: bool,
}

impl IssuedToken {
    /// Neither expired, revoked nor used.
    pub fn is_live(&self, now: u64) -> bool {
        !self.revoked && !self.used && now < self.expires_at
    }
}

/// What a grant issues tokens for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IssueRequest<'a> {
    /// The `iss` of the tokens: `<public URL>/oauth/`.
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub user: u64,
    /// The user's profile, for the `profile` claims of the id_token.
    pub profile: Option<&'a UserConfig>,
    pub scopes: &'a [String],
    pub aid: Option<&'a str>,
    pub nonce: Option<&'a str>,
}

/// The tokens of one successful grant.
#[derive(Debug)]
pub(crate) struct Grant {
    pub access_token: String,
    pub refresh_token: String,
    pub id_token: Option<String>,
    pub scopes: Vec<String>,
}

#[derive(Debug, Default)]
struct Issued {
    codes: HashMap<String, PendingCode>,
    /// Codes in the order they were made (and expire), to drop the oldest first.
    code_order: VecDeque<String>,
    tokens: HashMap<String, IssuedToken>,
    /// Tokens in the order they were issued, to drop the oldest first.
    token_order: VecDeque<String>,
    next_pair: u64,
}

impl Issued {
    /// Removes expired and exchanged codes from the front, then the oldest beyond `max`.
    fn trim_codes(&mut self, now: u64, max: usize) {
        while let Some(oldest) = self.code_order.front() {
            let keep = self
                .codes
                .get(oldest)
                .is_some_and(|c| now < c.expires_at && self.codes.len() <= max)
                && self.code_order.len() <= max.saturating_mul(2);
            if keep {
                break;
            }
            if let Some(oldest) = self.code_order.pop_front() {
                self.codes.remove(&oldest);
            }
        }
    }

    /// Removes expired tokens from the front, then the oldest beyond `max`.
    fn trim_tokens(&mut self, now: u64, max: usize) {
        while let Some(oldest) = self.token_order.front() {
            let keep = self
                .tokens
                .get(oldest)
                .is_some_and(|t| now < t.expires_at && self.tokens.len() <= max)
                && self.token_order.len() <= max.saturating_mul(2);
            if keep {
                break;
            }
            if let Some(oldest) = self.token_order.pop_front() {
                self.tokens.remove(&oldest);
            }
        }
    }
}

/// The provider.
#[derive(Debug)]
pub(crate) struct OAuth2Provider {
    apps: Mutex<Vec<OAuth2AppConfig>>,
    limits: OAuth2Config,
    /// The signing keys, newest last; all are published.
    keys: Mutex<Vec<Arc<SigningKey>>>,
    issued: Mutex<Issued>,
}

impl Default for OAuth2Provider {
    fn default() -> Self {
        OAuth2Provider::new(Vec::new(), OAuth2Config::default())
    }
}

impl OAuth2Provider {
    /// The provider of these apps, with one fresh signing key.
    pub fn new(apps: Vec<OAuth2AppConfig>, limits: OAuth2Config) -> Self {
        OAuth2Provider {
            apps: Mutex::new(apps),
            limits,
            keys: Mutex::new(SigningKey::generate().map(Arc::new).into_iter().collect()),
            issued: Mutex::new(Issued::default()),
        }
    }

    /// An app by client id.
    pub fn app(&self, client_id: &str) -> Option<OAuth2AppConfig> {
        lock(&self.apps)
            .iter()
            .find(|a| a.client_id == client_id)
            .cloned()
    }

    /// The first app, if any.
    pub fn first_app(&self) -> Option<OAuth2AppConfig> {
        lock(&self.apps).first().cloned()
    }

    /// Registers an app, replacing one with the same client id.
    pub fn add_app(&self, app: OAuth2AppConfig) {
        let mut apps = lock(&self.apps);
        match apps.iter_mut().find(|a| a.client_id == app.client_id) {
            Some(existing) => *existing = app,
            None => apps.push(app),
        }
    }

    /// The JWKS.
    pub fn jwks(&self) -> Value {
        let keys: Vec<Value> = lock(&self.keys).iter().map(|k| k.jwk()).collect();
        json!({ "keys": keys })
    }

    /// Adds a new signing key; older keys stay published. Returns the new `kid`.
    pub fn rotate_key(&self) -> String {
        match SigningKey::generate() {
            Some(key) => {
                let kid = key.kid.clone();
                lock(&self.keys).push(Arc::new(key));
                kid
            }
            None => String::new(),
        }
    }

    /// Stops publishing every key but the newest.
    pub fn retire_old_keys(&self) {
        let mut keys = lock(&self.keys);
        let keep = keys.len().saturating_sub(1);
        keys.drain(..keep);
    }

    /// Signs `claims` with the newest key.
    pub fn sign(&self, claims: &Value) -> String {
        let key = lock(&self.keys).last().cloned();
        key.map(|k| k.sign(claims)).unwrap_or_default()
    }

    /// Records a code for a consented authorization, expiring after the configured
    /// lifetime; drops expired codes, and the oldest beyond the configured count.
    pub fn add_code(&self, mut code: PendingCode) -> String {
        let now = now_secs();
        code.expires_at = now.saturating_add(self.limits.code_lifetime_secs);
        let value = random_string(32);
        let mut issued = lock(&self.issued);
        issued.codes.insert(value.clone(), code);
        issued.code_order.push_back(value.clone());
        issued.trim_codes(now, self.limits.max_pending_codes);
        value
    }

    /// How many codes wait to be exchanged (expired ones not yet removed included).
    pub fn pending_codes(&self) -> usize {
        let mut issued = lock(&self.issued);
        issued.trim_codes(now_secs(), self.limits.max_pending_codes);
        issued.codes.len()
    }

    /// Takes a code out (codes are single use, even when the exchange then fails).
    pub fn take_code(&self, code: &str) -> Option<PendingCode> {
        lock(&self.issued).codes.remove(code)
    }

    /// A token the provider issued.
    pub fn token(&self, token: &str) -> Option<IssuedToken> {
        lock(&self.issued).tokens.get(token).cloned()
    }

    /// Marks a live refresh token used; `None` when it is not a live refresh token of
    /// `client_id`.
    pub fn use_refresh_token(&self, token: &str, client_id: &str) -> Option<IssuedToken> {
        let now = now_secs();
        let mut issued = lock(&self.issued);
        let record = issued.tokens.get_mut(token)?;
        if record.kind != TokenKind::Refresh || record.client_id != client_id {
            return None;
        }
        if !record.is_live(now) {
            return None;
        }
        record.used = true;
        Some(record.clone())
    }

    /// Revokes `token` and every token issued with it.
    pub fn revoke(&self, token: &str, client_id: &str) {
        let mut issued = lock(&self.issued);
        let Some(pair) = issued
            .tokens
            .get(token)
            .filter(|t| t.client_id == client_id)
            .map(|t| t.pair)
        else {
            return;
        };
        for record in issued.tokens.values_mut().filter(|t| t.pair == pair) {
            record.revoked = true;
        }
    }

    /// Issues access, refresh and (with `openid`) id tokens, naming `issuer` in them;
    /// `profile` is the user's, for the profile claims.
    pub fn issue(&self, request: &IssueRequest<'_>) -> Grant {
        let IssueRequest {
            issuer,
            client_id,
            user,
            profile,
            scopes,
            aid,
            nonce,
        } = *request;
        let now = now_secs();
        let aid = aid.map_or_else(uuid, str::to_owned);
        let access_jti = format!("AT.{}", random_string(20));
        // The access token names scopes in the `name:read` form for bare scope names
        // (inferred: decoded from the example in
        // https://create.roblox.com/docs/cloud/auth/oauth2-develop).
        let token_scope = scopes
            .iter()
            .map(|s| {
                if s.contains(':') {
                    s.clone()
                } else {
                    format!("{s}:read")
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let access_token = self.sign(&json!({
            "sub": user.to_string(), "aid": aid, "scope": token_scope, "jti": access_jti,
            "nbf": now, "exp": now + ACCESS_LIFETIME_SECS, "iat": now, "iss": issuer,
            "aud": client_id,
        }));
        let refresh_jti = format!("RT.{}", random_string(20));
        let refresh_token = self.refresh_token_string();
        let id_token = scopes.iter().any(|s| s == "openid").then(|| {
            let mut claims = json!({
                "sub": user.to_string(), "jti": format!("ID.{}", random_string(20)),
                "nbf": now, "exp": now + ID_TOKEN_LIFETIME_SECS, "iat": now, "iss": issuer,
                "aud": client_id,
            });
            if scopes.iter().any(|s| s == "profile") {
                if let (Some(user), Some(object)) = (profile, claims.as_object_mut()) {
                    for (name, value) in profile_claims(user) {
                        object.insert(name.into(), value);
                    }
                }
            }
            if let (Some(nonce), Some(object)) = (nonce, claims.as_object_mut()) {
                object.insert("nonce".into(), nonce.into());
            }
            self.sign(&claims)
        });
        let mut issued = lock(&self.issued);
        issued.trim_tokens(now, self.limits.max_issued_tokens.saturating_sub(3));
        issued.next_pair += 1;
        let pair = issued.next_pair;
        let record = |kind, jti: String, lifetime| IssuedToken {
            kind,
            aid: aid.clone(),
            pair,
            jti,
            client_id: client_id.to_owned(),
            user,
            scopes: scopes.to_vec(),
            issued_at: now,
            expires_at: now + lifetime,
            revoked: false,
            used: false,
        };
        let mut keep = |token: &String, record: IssuedToken| {
            issued.tokens.insert(token.clone(), record);
            issued.token_order.push_back(token.clone());
        };
        keep(
            &access_token,
            record(TokenKind::Access, access_jti, ACCESS_LIFETIME_SECS),
        );
        keep(
            &refresh_token,
            record(TokenKind::Refresh, refresh_jti, REFRESH_LIFETIME_SECS),
        );
        if let Some(id_token) = &id_token {
            keep(
                id_token,
                record(TokenKind::Id, "ID".into(), ID_TOKEN_LIFETIME_SECS),
            );
        }
        Grant {
            access_token,
            refresh_token,
            id_token,
            scopes: scopes.to_vec(),
        }
    }

    /// A refresh token shaped like the service's: a compact JWE with an empty key segment
    /// (inferred from the official examples). Only the provider reads it, by lookup.
    fn refresh_token_string(&self) -> String {
        let kid = lock(&self.keys)
            .last()
            .map(|k| k.kid.clone())
            .unwrap_or_default();
        let header = json!({"alg": "dir", "enc": "A256CBC-HS512", "kid": kid, "typ": "JWT"});
        let mut iv = [0u8; 16];
        let mut body = [0u8; 96];
        let mut tag = [0u8; 32];
        fill_random(&mut iv);
        fill_random(&mut body);
        fill_random(&mut tag);
        format!(
            "{}..{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(iv),
            URL_SAFE_NO_PAD.encode(body),
            URL_SAFE_NO_PAD.encode(tag)
        )
    }
}

impl TokenSource for OAuth2Provider {
    /// The credential of a live access token, for routes that accept OAuth: the granted
    /// universe scopes on the app's authorized universes, other scopes (e.g. `asset:write`)
    /// on every universe.
    fn credential(&self, token: &str) -> Option<Arc<Credential>> {
        let record = self.token(token)?;
        if record.kind != TokenKind::Access || !record.is_live(now_secs()) {
            return None;
        }
        let app = self.app(&record.client_id)?;
        let (universe_scopes, other_scopes): (Vec<String>, Vec<String>) = record
            .scopes
            .iter()
            .cloned()
            .partition(|s| s.starts_with("universe"));
        let mut grants: Vec<(UniverseSelector, Vec<String>)> = app
            .universes
            .iter()
            .map(|u| (UniverseSelector::Id(*u), universe_scopes.clone()))
            .collect();
        grants.push((UniverseSelector::All, other_scopes));
        Some(Arc::new(Credential {
            owner: Owner::User(record.user),
            pool: format!("oauth2:{}", record.aid),
            oauth: true,
            grants,
        }))
    }
}

/// The profile claims of a user (the OAuth 2.0 reference's userinfo and id_token).
pub(crate) fn profile_claims(user: &UserConfig) -> Vec<(&'static str, Value)> {
    let display = user
        .display_name
        .clone()
        .unwrap_or_else(|| user.name.clone());
    vec![
        ("name", display.into()),
        ("nickname", user.name.clone().into()),
        ("preferred_username", user.name.clone().into()),
        // The emulator's users have no creation date; a fixed one stands in.
        ("created_at", 1_584_682_495u64.into()),
        (
            "profile",
            format!("https://www.roblox.com/users/{}/profile", user.id).into(),
        ),
    ]
}

/// A random UUID (version 4) for authorization ids.
fn uuid() -> String {
    let mut b = [0u8; 16];
    fill_random(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The S256 PKCE challenge of a verifier.
pub(crate) fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn keys_sign_verifiable_es256_tokens() {
        let key = SigningKey::generate().unwrap();
        let token = key.sign(&json!({"sub": "1", "exp": now_secs() + 60}));
        let decoding = jsonwebtoken::DecodingKey::from_ec_components(&key.x, &key.y).unwrap();
        let mut validation = jsonwebtoken::Validation::new(Algorithm::ES256);
        validation.validate_aud = false;
        let data = jsonwebtoken::decode::<Value>(&token, &decoding, &validation).unwrap();
        assert_eq!(data.header.kid.as_deref(), Some(key.kid.as_str()));
        assert_eq!(data.claims["sub"], "1");
        assert_eq!(key.kid.len(), 43);
    }

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
