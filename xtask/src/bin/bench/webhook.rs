//! Section: webhook notifications verified and parsed per second, on one core, with no
//! network (the work a receiver does per delivery).

use std::hint::black_box;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use oc_webhook::{sign, Event, Webhook, WebhookSecret};

use crate::args::Options;
use crate::measure::{cpu_time, median};
use crate::BoxError;

/// The goal: notifications verified and parsed per second on one core.
const GOAL_PER_SECOND: f64 = 500_000.0;
/// Notifications per measured run (the bench's `--requests` is multiplied by this).
const PER_REQUEST: u64 = 25;

/// A typical right-to-erasure request, about 300 bytes.
fn body() -> String {
    format!(
        r#"{{"NotificationId":"{}","EventType":"RightToErasureRequest","EventTime":"{}","EventPayload":{{"UserId":{},"GameIds":[{}]}}}}"#,
        "5a1f27c3-9a0e-4b8e-a1f2-3c4d5e6f7a8b",
        "2023-12-30T16:24:24.2118874Z",
        1_234_567_890_u64,
        (0..12)
            .map(|i| (4_500_000_000_u64 + i * 1_111_111).to_string())
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// Measures and prints; whether the goal was met.
pub fn run(options: &Options) -> Result<bool, BoxError> {
    let secret = WebhookSecret::new("a-webhook-secret-of-typical-length")?;
    let webhook = Webhook::new(secret.clone())?;
    let body = body();
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let header = sign(&secret, now, body.as_bytes());
    let once = || -> Result<(), BoxError> {
        let notification = webhook.verify_and_parse(
            Some(black_box(header.as_bytes())),
            black_box(body.as_bytes()),
        )?;
        match notification.event {
            Event::RightToErasure(request) if request.universe_ids.len() == 12 => Ok(()),
            other => Err(format!("unexpected event {other:?}").into()),
        }
    };
    for _ in 0..options.warmup * PER_REQUEST {
        once()?;
    }
    let count = options.requests * PER_REQUEST;
    let mut rates = Vec::new();
    let mut cpu = Vec::new();
    for run in 1..=options.runs {
        let cpu_before = cpu_time();
        let started = Instant::now();
        for _ in 0..count {
            once()?;
        }
        let wall = started.elapsed().as_secs_f64();
        let rate = count as f64 / wall.max(f64::MIN_POSITIVE);
        if let Some(used) = cpu_time().zip(cpu_before).map(|(a, b)| a.saturating_sub(b)) {
            cpu.push(used.as_secs_f64() * 1e9 / count as f64);
        }
        eprintln!(
            "  run {run}/{}: webhook verify+parse: {rate:.0}/s",
            options.runs
        );
        rates.push(rate);
    }
    let rate = median(rates).unwrap_or_default();
    let met = rate >= GOAL_PER_SECOND;
    println!();
    println!("== webhook: verify roblox-signature and parse a notification ==");
    println!(
        "{}-byte RightToErasureRequest body, {count} notifications per run, median of {} runs, one thread",
        body.len(),
        options.runs
    );
    println!(
        "{rate:.0} notifications/s, {} CPU ns each; goal ≥ {GOAL_PER_SECOND:.0}/s: {}",
        median(cpu).map_or("?".into(), |ns| format!("{ns:.0}")),
        if met { "met" } else { "MISSED" }
    );
    Ok(met)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_typical() {
        let body = body();
        assert!((280..=320).contains(&body.len()), "{}", body.len());
        assert!(oc_webhook::Notification::parse(body.as_bytes()).is_ok());
    }
}
