//! The target over the id_token's parse: its header, read before anything is fetched,
//! and its claims, checked once the signature is (the target signs what it is given with
//! a key of its own, so the claims are reached).

use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey};
use oc_oauth2::fuzzing::{id_token_claims, id_token_key_id, Expectations};
use p256::pkcs8::EncodePrivateKey;

/// The issuer the target's tokens must name.
pub const ISSUER: &str = "https://apis.roblox.com/oauth/";
/// The client id the target's tokens must be for.
pub const AUDIENCE: &str = "fuzz-client";
/// The nonce checked on inputs of even length.
pub const NONCE: &str = "fuzz-nonce";

/// A fixed P-256 key: its signing half, and its public `x` and `y` (base64url).
struct Key {
    encoding: EncodingKey,
    x: String,
    y: String,
}

fn key() -> Option<&'static Key> {
    static KEY: OnceLock<Option<Key>> = OnceLock::new();
    KEY.get_or_init(|| {
        // Any scalar below the group order: the key need not be secret.
        let secret = p256::SecretKey::from_slice(&[0x42; 32]).ok()?;
        let point = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(
            &secret.public_key(),
            false,
        );
        let x = URL_SAFE_NO_PAD.encode(point.x()?);
        let y = URL_SAFE_NO_PAD.encode(point.y()?);
        let der = secret.to_pkcs8_der().ok()?;
        Some(Key {
            encoding: EncodingKey::from_ec_der(der.as_bytes()),
            x,
            y,
        })
    })
    .as_ref()
}

/// Whether the target's key could be made; the claims are not reached without it.
pub fn ready() -> bool {
    key().is_some()
}

/// The input is an id_token (not UTF-8: read lossily). Its header is read as
/// verification reads it. Then, when the input begins with `{`, it is taken as the
/// claims JSON of an ES256 token; otherwise its first two segments are the token's
/// header and claims. Either is signed with the target's key and checked.
pub fn id_token(data: &[u8]) {
    let _ = outcome(data);
}

/// What [`id_token`] does, saying whether the claims passed every check.
pub(crate) fn outcome(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    let _ = id_token_key_id(&text);
    let Some(key) = key() else {
        return false;
    };
    let message = if text.trim_start().starts_with('{') {
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"ES256","kid":"fuzz","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(data)
        )
    } else {
        // The signature is the target's: what comes after the second `.` is dropped.
        match text.match_indices('.').nth(1) {
            Some((second_dot, _)) => text[..second_dot].to_owned(),
            None => text.clone().into_owned(),
        }
    };
    let Ok(signature) =
        jsonwebtoken::crypto::sign(message.as_bytes(), &key.encoding, Algorithm::ES256)
    else {
        return false;
    };
    let token = format!("{message}.{signature}");
    let expected = Expectations {
        key: (&key.x, &key.y),
        issuer: ISSUER,
        audience: AUDIENCE,
        leeway_secs: 60,
        nonce: (data.len() % 2 == 0).then_some(NONCE),
    };
    match id_token_claims(&token, &expected) {
        Ok(user) => {
            let _ = format!("{user:?}");
            true
        }
        Err(error) => {
            crate::inspect(&error);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_claims_seeds_pass_every_check_and_the_others_do_not() {
        assert!(ready());
        for (name, data) in crate::endpoints::tests::seeds("id_token") {
            let expected = name == "claims" || name == "token";
            assert_eq!(outcome(&data), expected, "{name}");
        }
    }
}
