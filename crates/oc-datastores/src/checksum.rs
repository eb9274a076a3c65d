//! `content-md5`: base64 of the MD5 of the body, sent with writes and checked on reads
//! (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use md5::{Digest, Md5};
use oc_core::AreaError;

use crate::failures::{ChecksumMismatch, AREA};

/// The `content-md5` of `bytes`.
pub(crate) fn content_md5(bytes: &[u8]) -> String {
    STANDARD.encode(Md5::digest(bytes))
}

/// Checks the `content-md5` of a response against its body; a response without one is
/// taken as it is.
pub(crate) fn verify(response: &http::Response<bytes::Bytes>) -> Result<(), ChecksumMismatch> {
    let Some(header) = response.headers().get("content-md5") else {
        return Ok(());
    };
    let expected = String::from_utf8_lossy(header.as_bytes()).trim().to_owned();
    let actual = content_md5(response.body());
    if expected == actual {
        Ok(())
    } else {
        Err(ChecksumMismatch { expected, actual })
    }
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
    }
}
