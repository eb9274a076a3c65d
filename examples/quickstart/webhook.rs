//! Receive Roblox webhooks: a verified, typed notification handled by a tower service.

use std::sync::{Arc, Mutex};

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rblx_open_cloud::emulator::{WebhookConfig, WebhookEvent};
use rblx_open_cloud::webhook::{Dispatcher, RecentIds, Webhook};
use rblx_open_cloud_examples::Target;
use tokio::net::TcpListener;

/// Serves a receiver on a local port and has the emulator send it a signed test
/// notification and a right-to-erasure request (Roblox itself sends webhooks only to
/// public HTTPS URLs, so this part needs the emulator: in this process, or started
/// elsewhere on this machine, which reaches the receiver on 127.0.0.1).
pub async fn run(target: &Target) -> Result<(), Box<dyn std::error::Error>> {
    let Some(emulator) = &target.emulator else {
        println!("skipped: only the emulator can send webhooks to a local server");
        return Ok(());
    };
    let secret = "quickstart-webhook-secret";
    let handled = Arc::new(Mutex::new(Vec::new()));
    let (tests, erasures) = (handled.clone(), handled.clone());
    let client = target.client.clone();
    let service = Dispatcher::new(Webhook::new(secret)?)
        .deduplicate(RecentIds::default())
        .on_test(move |notification, test| {
            let line = format!(
                "test notification {} from user {}",
                notification.id, test.user_id
            );
            tests.lock().map(|mut l| l.push(line)).ok();
            async { Ok(()) }
        })
        .on_right_to_erasure(move |_notification, request| {
            // Each universe as an `Experience` handle on our client: its data stores are
            // where the user's keys would be removed (see examples/webhook_server.rs).
            let universes: Vec<u64> = request
                .experiences(&client)
                .iter()
                .map(|experience| experience.universe_id())
                .collect();
            let line = format!("erase user {} in universes {universes:?}", request.user_id);
            erasures.lock().map(|mut l| l.push(line)).ok();
            async { Ok(()) }
        })
        .into_service();

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/roblox/webhook", listener.local_addr()?);
    let server = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    println!("receiving webhooks on {url}");

    let receiver = WebhookConfig::new(&url).secret(secret);
    for event in [
        WebhookEvent::SampleNotification {
            user: emulator.user_id(),
        },
        WebhookEvent::RightToErasureRequest {
            user: emulator.user_id(),
            universes: vec![target.universe_id],
        },
    ] {
        let delivery = emulator.send_webhook(&receiver, event).await?;
        let answered = delivery.statuses.last().copied().flatten();
        println!(
            "the emulator sent {} {} signed `{}`: answered {answered:?}",
            delivery.event_type,
            delivery.notification_id,
            delivery.signature.as_deref().unwrap_or_default(),
        );
        if !answered.is_some_and(|status| (200..300).contains(&status)) {
            return Err(format!("the receiver answered {answered:?}, not 2xx").into());
        }
    }
    // A forged delivery (wrong secret) is refused with 401; the emulator retries in vain.
    let forged = emulator
        .send_webhook(
            &WebhookConfig::new(&url).secret("wrong").retries(0),
            WebhookEvent::SampleNotification { user: 1 },
        )
        .await?;
    println!(
        "a delivery signed with the wrong secret was answered {:?}",
        forged.statuses.last().copied().flatten()
    );
    for line in handled.lock().map(|l| l.clone()).unwrap_or_default() {
        println!("handled: {line}");
    }
    server.abort();
    Ok(())
}
