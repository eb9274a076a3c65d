//! The body of the fuzz target, shared by cargo-fuzz and the stable fallback driver.

use std::time::Duration;

use time::OffsetDateTime;

use crate::notification::Notification;
use crate::signature::SignatureHeader;
use crate::webhook::Webhook;

/// Feeds `data` to the header parser, the verifier and the notification parser: the
/// first line is taken as a `roblox-signature` value, the rest as the body. Must never
/// panic, whatever `data` is.
pub fn fuzz_body(data: &[u8]) {
    let (header, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    if let Ok(text) = std::str::from_utf8(header) {
        let _ = SignatureHeader::parse(text);
    }
    // A non-empty constant secret: never refused.
    if let Ok(webhook) = Webhook::new("fuzz-secret") {
        let webhook = webhook.tolerance(Duration::from_secs(600));
        let now = OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let _ = webhook.verify_at(Some(header), body, now);
    }
    let _ = Notification::parse(body);
    let _ = Notification::parse(data);
}
