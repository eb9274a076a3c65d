//! Verification of `roblox-signature`, case by case.

use std::time::Duration;

use time::OffsetDateTime;

use oc_webhook::{sign, InvalidWebhookSecret, SignatureError, Webhook, WebhookSecret};

const SECRET: &str = "my-webhook-secret";
/// The documented sample notification, compact (as `JSON.stringify` prints it).
const BODY: &[u8] = br#"{"NotificationId":"string","EventType":"SampleNotification","EventTime":"2023-12-30T16:24:24.2118874Z","EventPayload":{"UserId":1}}"#;
const T: u64 = 1_703_953_464;
/// base64(HMAC-SHA256(SECRET, "1703953464." + BODY)), computed with another
/// implementation, the way the documentation's sample code computes it.
const DOCUMENTED_MAC: &str = "pVAcbmjcMTVTRdWN8b3oUP2VBfe3rQjdD5/S8Thou8k=";

fn at(seconds: u64) -> OffsetDateTime {
    OffsetDateTime::UNIX_EPOCH + Duration::from_secs(seconds)
}

fn check(webhook: &Webhook, header: Option<&str>, body: &[u8]) -> Result<(), SignatureError> {
    webhook.verify_at(header.map(str::as_bytes), body, at(T + 5))
}

#[test]
fn a_signature_made_as_the_documentation_does_is_accepted() {
    let webhook = Webhook::new(SECRET).unwrap();
    let header = format!("t={T},v1={DOCUMENTED_MAC}");
    assert_eq!(check(&webhook, Some(&header), BODY), Ok(()));
    // And `sign` makes the same header.
    assert_eq!(sign(&WebhookSecret::new(SECRET).unwrap(), T, BODY), header);
}

#[test]
fn an_empty_secret_anyone_could_sign_with_is_refused() {
    // An empty HMAC key is public knowledge: every forged delivery would pass.
    for empty in ["", "  "] {
        assert_eq!(Webhook::new(empty).err(), Some(InvalidWebhookSecret::Empty));
        assert_eq!(
            Webhook::new(empty.to_owned()).err(),
            Some(InvalidWebhookSecret::Empty)
        );
        assert_eq!(
            WebhookSecret::new(empty).err(),
            Some(InvalidWebhookSecret::Empty)
        );
        // Not as a second secret either.
        let webhook = Webhook::new(SECRET).unwrap();
        assert_eq!(
            webhook.with_secret(empty).err(),
            Some(InvalidWebhookSecret::Empty)
        );
    }
}

#[test]
fn a_tampered_body_or_a_wrong_secret_is_a_mismatch() {
    let header = format!("t={T},v1={DOCUMENTED_MAC}");
    let tampered = String::from_utf8(BODY.to_vec())
        .unwrap()
        .replace("\"UserId\":1", "\"UserId\":2");
    assert_eq!(
        check(
            &Webhook::new(SECRET).unwrap(),
            Some(&header),
            tampered.as_bytes()
        ),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        check(
            &Webhook::new("another-secret").unwrap(),
            Some(&header),
            BODY
        ),
        Err(SignatureError::Mismatch)
    );
    // The timestamp is covered too.
    let moved = format!("t={},v1={DOCUMENTED_MAC}", T + 1);
    assert_eq!(
        check(&Webhook::new(SECRET).unwrap(), Some(&moved), BODY),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn stale_and_future_timestamps_are_refused() {
    let secret = WebhookSecret::new(SECRET).unwrap();
    let webhook = Webhook::new(secret.clone()).unwrap();
    let now = at(T);
    let stale = sign(&secret, T - 601, BODY);
    assert!(matches!(
        webhook.verify_at(Some(stale.as_bytes()), BODY, now),
        Err(SignatureError::Expired { age }) if age == Duration::from_secs(601)
    ));
    let future = sign(&secret, T + 601, BODY);
    assert!(matches!(
        webhook.verify_at(Some(future.as_bytes()), BODY, now),
        Err(SignatureError::FromTheFuture { ahead }) if ahead == Duration::from_secs(601)
    ));
    for edge in [T - 600, T + 600] {
        let header = sign(&secret, edge, BODY);
        assert_eq!(
            webhook.verify_at(Some(header.as_bytes()), BODY, now),
            Ok(())
        );
    }
    let strict = webhook.tolerance(Duration::from_secs(300));
    let old = sign(&secret, T - 301, BODY);
    assert!(strict.verify_at(Some(old.as_bytes()), BODY, now).is_err());
    // The real clock: a fresh signature passes `verify`.
    let now = u64::try_from(OffsetDateTime::now_utc().unix_timestamp()).unwrap();
    let fresh = sign(&secret, now, BODY);
    assert_eq!(strict.verify(Some(fresh.as_bytes()), BODY), Ok(()));
}

#[test]
fn missing_partial_and_garbage_headers_are_refused_without_panicking() {
    let webhook = Webhook::new(SECRET).unwrap();
    assert_eq!(check(&webhook, None, BODY), Err(SignatureError::Missing));
    assert_eq!(
        check(&webhook, Some(&format!("t={T}")), BODY),
        Err(SignatureError::Unsigned)
    );
    assert!(matches!(
        webhook.verify_at(Some(&[0xff, 0xfe, b'=']), BODY, at(T)),
        Err(SignatureError::Malformed(_))
    ));
    for garbage in [
        "",
        " ",
        ",,,",
        "garbage",
        "t=abc,v1=xyz",
        "t=,v1=",
        &format!("v1={DOCUMENTED_MAC}"),
        &format!("t=-{T},v1={DOCUMENTED_MAC}"),
        &format!("t={T}{T}{T},v1={DOCUMENTED_MAC}"),
        &format!("t={T},t={T},v1={DOCUMENTED_MAC}"),
        "t=1=2=3",
        "\u{0}\u{1}",
        "t=１７０３９５３４６４,v1=x",
    ] {
        let result = check(&webhook, Some(garbage), BODY);
        assert!(
            matches!(result, Err(SignatureError::Malformed(_))),
            "{garbage:?}: {result:?}"
        );
    }
    for wrong in [
        format!("t={T},v1="),
        format!("t={T},v1=not base64!"),
        format!("t={T},v1={}", &DOCUMENTED_MAC[..20]),
        format!("t={T},v1={DOCUMENTED_MAC}{DOCUMENTED_MAC}"),
    ] {
        assert_eq!(
            check(&webhook, Some(&wrong), BODY),
            Err(SignatureError::Mismatch),
            "{wrong:?}"
        );
    }
}

#[test]
fn parts_may_come_in_any_order_with_spaces() {
    let webhook = Webhook::new(SECRET).unwrap();
    for header in [
        format!("v1={DOCUMENTED_MAC},t={T}"),
        format!("  t = {T} ,  v1 = {DOCUMENTED_MAC}  "),
        format!("v0=legacy, v1={DOCUMENTED_MAC} ,t={T},"),
    ] {
        assert_eq!(check(&webhook, Some(&header), BODY), Ok(()), "{header:?}");
    }
}

#[test]
fn one_right_signature_among_several_is_enough() {
    let old = WebhookSecret::new("old-secret").unwrap();
    let rotated = sign(&old, T, BODY);
    let old_mac = rotated.split_once("v1=").unwrap().1;
    let webhook = Webhook::new(SECRET).unwrap();
    for header in [
        format!("t={T},v1={old_mac},v1={DOCUMENTED_MAC}"),
        format!("t={T},v1={DOCUMENTED_MAC},v1={old_mac}"),
        format!("t={T},v1=garbage,v1={DOCUMENTED_MAC}"),
    ] {
        assert_eq!(check(&webhook, Some(&header), BODY), Ok(()), "{header:?}");
    }
    assert_eq!(
        check(
            &webhook,
            Some(&format!("t={T},v1={old_mac},v1={old_mac}")),
            BODY
        ),
        Err(SignatureError::Mismatch)
    );
    // Several secrets: a signature made with any of them passes.
    let rotating = Webhook::new(SECRET).unwrap().with_secret(old).unwrap();
    assert_eq!(check(&rotating, Some(&rotated), BODY), Ok(()));
}
