//! Feature `tracing`: one span per call with its fields, an event per retry, no secret.
#![cfg(feature = "tracing")]

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use oc_emulator::FaultRule;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// Every span field and event field recorded, as `name=value` lines.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

struct Lines<'a>(&'a mut Vec<String>, &'a str);

impl Visit for Lines<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .push(format!("{}.{}={:?}", self.1, field.name(), value));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0
            .push(format!("{}.{}={}", self.1, field.name(), value));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorder {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        if let Ok(mut lines) = self.0.lock() {
            lines.push(format!("span {}", attrs.metadata().name()));
            attrs.record(&mut Lines(&mut lines, "span"));
        }
    }
    fn on_record(&self, _: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Ok(mut lines) = self.0.lock() {
            values.record(&mut Lines(&mut lines, "span"));
        }
    }
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if let Ok(mut lines) = self.0.lock() {
            event.record(&mut Lines(&mut lines, "event"));
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_call_is_one_span_with_its_fields_and_no_secret() -> oc_core::Result<()> {
    let recorder = Recorder::default();
    let subscriber = tracing_subscriber::registry().with(recorder.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        route: "messaging.publish".into(),
        status: Some(429),
        retry_after_secs: Some(0),
        times: Some(1),
        ..FaultRule::default()
    });
    let client = client_for(&emulator);
    client
        .send(publish(
            emulator.universe_id(),
            "topic",
            "a secret message body",
        ))
        .await?;

    let lines = recorder.0.lock().map(|l| l.clone()).unwrap_or_default();
    let text = lines.join("\n");
    for expected in [
        "span open_cloud.call",
        "span.area=raw",
        "span.operation=send",
        "span.method=POST",
        "span.path=/messaging-service/v1/universes/1000/topics/topic",
        "span.status=200",
        "span.attempts=2",
        "event.attempt=1",
        "event.wait_ms=",
        "event.cause=status 429",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(text.contains("span.duration_ms="), "{text}");
    for secret in [emulator.api_key(), "a secret message body".to_owned()] {
        assert!(!text.contains(&secret), "{secret} leaked into:\n{text}");
    }
    Ok(())
}
