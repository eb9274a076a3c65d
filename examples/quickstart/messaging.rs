//! Publish messages to the live servers of an experience.

use std::time::Instant;

use rblx_open_cloud::emulator::FaultRule;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;

/// Publishes a text and a JSON message, shows a local refusal and, on the emulator, a
/// retried 429.
pub async fn run(target: &Target) -> Result<(), Error> {
    let experience = target.client.experience(target.universe_id);
    println!("publishing to universe {}", experience.universe_id());

    experience
        .publish_message("quickstart", "Hello from rblx-open-cloud!")
        .await?;
    println!("published a text message to topic \"quickstart\"");

    // Messages are strings: encode structured data yourself.
    let event = serde_json::json!({"kind": "restart", "in_seconds": 300});
    experience
        .publish_message("server events/restarts", event.to_string())
        .await?;
    println!("published a JSON message to topic \"server events/restarts\" (the topic is percent-encoded)");

    // Bad input is refused before anything is sent.
    match experience
        .publish_message("quickstart", "x".repeat(2000))
        .await
    {
        Err(Error::InvalidInput(why)) => println!("refused locally, nothing sent: {why}"),
        other => println!("unexpected answer to an over-long message: {other:?}"),
    }

    if let Some(emulator) = &target.emulator {
        // Make the emulator answer 429 once: the client waits as told and retries.
        // (An emulator started elsewhere gets the rule over its control surface.)
        emulator
            .inject_fault(FaultRule {
                route: "messaging.publish".into(),
                status: Some(429),
                times: Some(1),
                retry_after_secs: Some(1),
                ..FaultRule::default()
            })
            .await?;
        let started = Instant::now();
        experience
            .publish_message("quickstart", "after a 429")
            .await?;
        println!(
            "the emulator answered 429 with Retry-After: 1; the client waited and the retry succeeded ({:.1} s)",
            started.elapsed().as_secs_f64()
        );

        println!("the emulator received:");
        for message in emulator.published_messages().await? {
            println!(
                "  universe {} topic {:?}: {}",
                message.universe_id, message.topic, message.message
            );
        }
    }
    Ok(())
}
