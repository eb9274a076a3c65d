//! The `roblox-signature` header: `t=<unix seconds>,v1=<base64 HMAC-SHA256>`.

use std::fmt;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::secret::WebhookSecret;

/// The name of the header Roblox signs deliveries in.
pub const SIGNATURE_HEADER: &str = "roblox-signature";

/// At most this many `v1` values are looked at; a header with more is malformed.
pub const MAX_SIGNATURES: usize = 8;

/// Why a delivery's signature was refused. Every variant answers 401.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// There is no `roblox-signature` header.
    Missing,
    /// The header is not a list of `key=value` parts with one numeric `t`.
    Malformed(&'static str),
    /// The header has a timestamp but no `v1` signature: the webhook was set up without a
    /// secret, and this receiver has one.
    Unsigned,
    /// The timestamp is older than the tolerance.
    Expired {
        /// How old it is.
        age: Duration,
    },
    /// The timestamp is further in the future than the tolerance.
    FromTheFuture {
        /// How far ahead it is.
        ahead: Duration,
    },
    /// No `v1` value is the HMAC of the body under any configured secret.
    Mismatch,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::Missing => write!(f, "no {SIGNATURE_HEADER} header"),
            SignatureError::Malformed(why) => write!(f, "malformed {SIGNATURE_HEADER}: {why}"),
            SignatureError::Unsigned => {
                write!(
                    f,
                    "{SIGNATURE_HEADER} has no v1 signature (webhook without a secret?)"
                )
            }
            SignatureError::Expired { age } => {
                write!(f, "signature timestamp is {} s old", age.as_secs())
            }
            SignatureError::FromTheFuture { ahead } => {
                write!(
                    f,
                    "signature timestamp is {} s in the future",
                    ahead.as_secs()
                )
            }
            SignatureError::Mismatch => f.write_str("signature does not match"),
        }
    }
}

impl std::error::Error for SignatureError {}

/// A parsed `roblox-signature` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader<'a> {
    /// The timestamp, as written (the digits the MAC covers).
    timestamp_text: &'a str,
    /// The timestamp in Unix seconds.
    timestamp: u64,
    /// The `v1` values, decoded (the first `decoded` of them); a value that is not base64
    /// of 32 bytes is left out (it can match nothing).
    signatures: [[u8; 32]; MAX_SIGNATURES],
    decoded: usize,
    /// How many `v1` parts the header had, decodable or not.
    v1_parts: usize,
}

impl<'a> SignatureHeader<'a> {
    /// Parses a header value. The parts may come in any order, with spaces around them
    /// and around `=`; unknown keys (future schemes) are ignored; empty parts are
    /// skipped. Exactly one `t`, made of at most 19 digits, is required.
    pub fn parse(value: &'a str) -> Result<Self, SignatureError> {
        let mut timestamp = None;
        let mut signatures = [[0u8; 32]; MAX_SIGNATURES];
        let mut decoded = 0;
        let mut v1_parts = 0;
        for part in value.split(',') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((key, value)) = part.split_once('=') else {
                return Err(SignatureError::Malformed("a part is not key=value"));
            };
            let value = value.trim();
            match key.trim() {
                "t" => {
                    if timestamp.is_some() {
                        return Err(SignatureError::Malformed("more than one t"));
                    }
                    timestamp = Some(value);
                }
                "v1" => {
                    v1_parts += 1;
                    if v1_parts > MAX_SIGNATURES {
                        return Err(SignatureError::Malformed("too many v1 values"));
                    }
                    if let (Some(mac), Some(slot)) =
                        (decode_mac(value), signatures.get_mut(decoded))
                    {
                        *slot = mac;
                        decoded += 1;
                    }
                }
                _ => {}
            }
        }
        let timestamp_text = timestamp.ok_or(SignatureError::Malformed("no t"))?;
        if timestamp_text.is_empty()
            || timestamp_text.len() > 19
            || !timestamp_text.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(SignatureError::Malformed("t is not a number of seconds"));
        }
        let timestamp = timestamp_text
            .parse()
            .map_err(|_| SignatureError::Malformed("t is not a number of seconds"))?;
        Ok(SignatureHeader {
            timestamp_text,
            timestamp,
            signatures,
            decoded,
            v1_parts,
        })
    }

    /// The timestamp in Unix seconds.
    pub fn timestamp(&self) -> u64 {
        self.timestamp
    }

    /// The decodable `v1` values.
    fn macs(&self) -> &[[u8; 32]] {
        &self.signatures[..self.decoded]
    }

    /// How many `v1` values the header carries.
    pub fn signature_count(&self) -> usize {
        self.v1_parts
    }

    /// Whether one of the `v1` values is the MAC of `body` under one of `secrets`,
    /// compared in constant time.
    pub(crate) fn matches(&self, secrets: &[WebhookSecret], body: &[u8]) -> bool {
        use subtle::ConstantTimeEq as _;
        let mut found = subtle::Choice::from(0);
        for secret in secrets {
            let expected = secret.mac(self.timestamp_text, body);
            for signature in self.macs() {
                found |= expected.ct_eq(signature);
            }
        }
        found.into()
    }
}

/// Decodes a standard base64 (padded or not) HMAC-SHA256.
fn decode_mac(value: &str) -> Option<[u8; 32]> {
    // 32 bytes are 44 characters with padding; anything longer cannot be one.
    if value.len() > 44 {
        return None;
    }
    let mut out = [0u8; 33];
    let trimmed = value.trim_end_matches('=');
    let decoded = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode_slice(trimmed, &mut out)
        .ok()?;
    if decoded != 32 {
        return None;
    }
    let mut mac = [0u8; 32];
    mac.copy_from_slice(&out[..32]);
    Some(mac)
}

/// The `roblox-signature` value Roblox would send for `body` at `timestamp` (Unix
/// seconds): `t=<timestamp>,v1=<base64(HMAC-SHA256(secret, "<timestamp>.<body>"))>`.
///
/// For tests of a receiver, and for senders such as the emulator.
///
/// ```
/// use oc_webhook::{sign, WebhookSecret};
/// # fn main() -> Result<(), oc_webhook::InvalidWebhookSecret> {
/// let header = sign(&WebhookSecret::new("s3cret")?, 1_700_000_000, br#"{"a":1}"#);
/// assert!(header.starts_with("t=1700000000,v1="));
/// # Ok(())
/// # }
/// ```
pub fn sign(secret: &WebhookSecret, timestamp: u64, body: &[u8]) -> String {
    let mac = secret.mac(&timestamp.to_string(), body);
    format!("t={timestamp},v1={}", STANDARD.encode(mac))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_parse_in_any_order_with_spaces() -> Result<(), SignatureError> {
        let mac = STANDARD.encode([7u8; 32]);
        let header = format!(" v1 = {mac} ,  t= 1700000000 , v0=ignored,,");
        let parsed = SignatureHeader::parse(&header)?;
        assert_eq!(parsed.timestamp(), 1_700_000_000);
        assert_eq!(parsed.macs(), [[7u8; 32]]);
        let unpadded = format!("t=1,v1={}", mac.trim_end_matches('='));
        assert_eq!(SignatureHeader::parse(&unpadded)?.macs().len(), 1);
        Ok(())
    }

    #[test]
    fn malformed_headers_are_errors() {
        for bad in [
            "",
            "garbage",
            "v1=abc",
            "t=",
            "t=abc",
            "t=-5",
            "t=1.5",
            "t=99999999999999999999",
            "t=1,t=2",
            "t=1,v1",
        ] {
            assert!(
                matches!(
                    SignatureHeader::parse(bad),
                    Err(SignatureError::Malformed(_))
                ),
                "{bad:?}"
            );
        }
        let many = format!("t=1{}", ",v1=x".repeat(MAX_SIGNATURES + 1));
        assert!(SignatureHeader::parse(&many).is_err());
    }

    #[test]
    fn undecodable_signatures_are_kept_out() -> Result<(), SignatureError> {
        let parsed = SignatureHeader::parse("t=1,v1=!!!,v1=AAAA")?;
        assert_eq!(parsed.signature_count(), 2);
        assert!(parsed.macs().is_empty());
        Ok(())
    }
}
