//! `content-md5`: base64 of the MD5 of the body, sent with writes and checked on reads
//! (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use http::HeaderName;
use md5::{Digest, Md5};
use oc_core::AreaError;

use crate::failures::{ChecksumMismatch, AREA};

/// The header the checksum travels in.
pub(crate) const CONTENT_MD5: HeaderName = HeaderName::from_static("content-md5");

/// The length of a `content-md5`: 16 bytes of MD5 in padded base64.
const MD5_TEXT_LEN: usize = 24;

/// The `content-md5` of `bytes`.
pub(crate) fn content_md5(bytes: &[u8]) -> String {
    STANDARD.encode(Md5::digest(bytes))
}

/// Whether `header` (surrounding whitespace aside) is the `content-md5` of `body`, with
/// no allocation.
pub(crate) fn header_matches(header: &[u8], body: &[u8]) -> bool {
    let mut text = [0u8; MD5_TEXT_LEN];
    match STANDARD.encode_slice(Md5::digest(body), &mut text) {
        Ok(MD5_TEXT_LEN) => header.trim_ascii() == text,
        // Cannot happen (16 bytes always encode to 24); compare the long way then.
        _ => String::from_utf8_lossy(header).trim() == content_md5(body),
    }
}

/// Checks the `content-md5` of a response against its body; a response without one is
/// taken as it is.
pub(crate) fn verify(response: &http::Response<bytes::Bytes>) -> Result<(), ChecksumMismatch> {
    let Some(header) = response.headers().get(CONTENT_MD5) else {
        return Ok(());
    };
    if header_matches(header.as_bytes(), response.body()) {
        return Ok(());
    }
    Err(ChecksumMismatch {
        expected: String::from_utf8_lossy(header.as_bytes()).trim().to_owned(),
        actual: content_md5(response.body()),
    })
}

/// [`verify`], as the call's error: `applied` when the request was a write the service
/// may have carried out (an increment).
pub(crate) fn check(
    response: &http::Response<bytes::Bytes>,
    applied: bool,
) -> Result<(), oc_core::Error> {
    verify(response).map_err(|mismatch| AreaError::new(AREA, mismatch).applied(applied).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_documented_example_form() {
        // RFC 1321 test vector: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72.
        assert_eq!(content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
        let good = http::Response::builder()
            .header("content-md5", "kAFQmDzST7DWlj99KOF/cg==")
            .body(bytes::Bytes::from_static(b"abc"));
        assert!(good.map(|r| verify(&r).is_ok()).unwrap_or(false));
        let bad = http::Response::builder()
            .header("content-md5", "kAFQmDzST7DWlj99KOF/cg==")
            .body(bytes::Bytes::from_static(b"abd"));
        assert!(matches!(
            bad.map(|r| verify(&r)),
            Ok(Err(ChecksumMismatch { .. }))
        ));
        assert!(header_matches(b" kAFQmDzST7DWlj99KOF/cg==\t", b"abc"));
        assert!(!header_matches(b"kAFQmDzST7DWlj99KOF/cg=", b"abc"));
        assert!(!header_matches(b"", b"abc"));
    }
}
