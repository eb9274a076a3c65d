//! A webhook receiver: verifies Roblox's notifications and, on a right-to-erasure
//! request, removes the user's key from each experience's `PlayerData` data store.
//!
//! `cargo run --example webhook_server` serves on `127.0.0.1:8090` (or `WEBHOOK_ADDR`)
//! and, with no credentials in the environment, acts on a local emulator which it has
//! deliver a test notification and an erasure request to the server. Against Roblox set
//! `RBLX_OPEN_CLOUD_API_KEY` (a key allowed to delete data store entries),
//! `RBLX_OPEN_CLOUD_UNIVERSE_ID` and `ROBLOX_WEBHOOK_SECRET` (the secret entered on the
//! Creator Hub), and expose the server over HTTPS (a reverse proxy) at the URL the
//! webhook is configured with. Ctrl-C stops it.

use std::net::SocketAddr;
use std::time::Duration;

use futures::TryStreamExt;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rblx_open_cloud::emulator::{WebhookConfig, WebhookEvent};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud::webhook::{Dispatcher, RecentIds, Webhook, WebhookService};
use rblx_open_cloud_examples::Target;
use tokio::net::TcpListener;

/// The data store holding per-player data, one key per player.
const DATA_STORE: &str = "PlayerData";
/// The secret used with the emulator, when `ROBLOX_WEBHOOK_SECRET` is not set.
const EMULATOR_SECRET: &str = "example-webhook-secret";

/// Removes `user_id`'s keys from the experience's [`DATA_STORE`]: `Player_<user id>` and
/// any `Player_<user id>_<suffix>` (e.g. `Player_3000_inventory`). A key already gone is
/// fine: there is nothing left to erase. Returns how many keys were removed.
async fn erase_user(experience: &Experience, user_id: u64) -> Result<usize, Error> {
    let store = experience.data_store(DATA_STORE);
    let base = format!("Player_{user_id}");
    let related = format!("{base}_");
    let keys: Vec<String> = store
        .list_keys()
        .prefix(base.clone())
        .into_stream()
        .map_ok(|item| item.key)
        .try_filter(|key| std::future::ready(*key == base || key.starts_with(&related)))
        .try_collect()
        .await?;
    let mut removed = 0;
    for key in &keys {
        match store.remove(key.clone()).await {
            Ok(()) => removed += 1,
            Err(error) if error.is_not_found() => {}
            Err(error) => return Err(error),
        }
    }
    println!(
        "  universe {}: removed {removed} key(s) of user {user_id} from {DATA_STORE}",
        experience.universe_id()
    );
    Ok(removed)
}

/// The receiver: test notifications are logged, erasure requests erase the user in every
/// experience named; a failure answers 500, so Roblox delivers the request again.
fn service(client: Client, webhook: Webhook) -> WebhookService {
    Dispatcher::new(webhook)
        .deduplicate(RecentIds::default())
        .on_test(|notification, test| async move {
            println!(
                "test notification {} from user {} at {}",
                notification.id, test.user_id, notification.event_time
            );
            Ok(())
        })
        .on_right_to_erasure(move |notification, request| {
            let experiences = request.experiences(&client);
            async move {
                println!(
                    "right-to-erasure request {} for user {} in {} experience(s)",
                    notification.id,
                    request.user_id,
                    experiences.len()
                );
                for experience in &experiences {
                    erase_user(experience, request.user_id).await?;
                }
                Ok(())
            }
        })
        .on_error(|notification, error| {
            eprintln!("notification {} not handled: {error}", notification.id);
        })
        .into_service()
}

/// Serves `service` on `listener` until the process ends.
async fn serve(listener: TcpListener, service: WebhookService) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let service = TowerToHyperService::new(service.clone());
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_env_or_emulator().await?;
    let secret = match std::env::var("ROBLOX_WEBHOOK_SECRET") {
        Ok(secret) if !secret.is_empty() => secret,
        _ if target.emulator.is_some() => EMULATOR_SECRET.to_owned(),
        _ => return Err("set ROBLOX_WEBHOOK_SECRET to the webhook's secret".into()),
    };
    let addr: SocketAddr = std::env::var("WEBHOOK_ADDR")
        .unwrap_or_else(|_| "127.0.0.1:8090".into())
        .parse()?;
    let listener = TcpListener::bind(addr).await?;
    let url = format!("http://{}/roblox/webhook", listener.local_addr()?);
    println!("listening for notifications on {url}");
    let server = tokio::spawn(serve(
        listener,
        service(target.client.clone(), Webhook::new(&secret)?),
    ));

    if let Some(emulator) = &target.emulator {
        // Give the user something to erase, next to another player's data that must stay.
        let store = target
            .client
            .experience(target.universe_id)
            .data_store(DATA_STORE);
        let user = emulator.user_id();
        store
            .set(format!("Player_{user}"), &serde_json::json!({"coins": 10}))
            .await?;
        store
            .set(format!("Player_{user}_inventory"), &["sword"])
            .await?;
        store
            .set(
                format!("Player_{}", user + 1),
                &serde_json::json!({"coins": 3}),
            )
            .await?;
        let receiver = WebhookConfig::new(&url).secret(&secret);
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
            let statuses: Vec<String> = delivery
                .statuses
                .iter()
                .map(|status| status.map_or_else(|| "no answer".into(), |s| s.to_string()))
                .collect();
            println!(
                "the emulator delivered {} {}: {}",
                delivery.event_type,
                delivery.notification_id,
                statuses.join(", then ")
            );
        }
        // Listing still shows deleted keys until they are purged; a get tells which ones
        // still hold data (inferred from the standard data stores guide,
        // https://create.roblox.com/docs/cloud/guides/data-stores).
        let listed: Vec<String> = store
            .list_keys()
            .into_stream()
            .map_ok(|item| item.key)
            .try_collect()
            .await?;
        for key in listed {
            match store.get(key.clone()).await {
                Ok((value, _)) => println!("  {key}: still holds {value}"),
                Err(error) if error.is_not_found() => println!("  {key}: erased"),
                Err(error) => return Err(error.into()),
            }
        }
    }

    println!("serving until Ctrl-C");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = server => {}
    }
    Ok(())
}
