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

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rblx_open_cloud::core::request::{self, Query};
use rblx_open_cloud::emulator::{WebhookConfig, WebhookEvent};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud::webhook::{Dispatcher, RecentIds, Webhook, WebhookService};
use rblx_open_cloud::Body;
use rblx_open_cloud_examples::Target;
use tokio::net::TcpListener;

/// The data store holding per-player data, one key per player.
const DATA_STORE: &str = "PlayerData";
/// The secret used with the emulator, when `ROBLOX_WEBHOOK_SECRET` is not set.
const EMULATOR_SECRET: &str = "example-webhook-secret";

/// Removes `user_id`'s key (`Player_<user id>`) from the experience's [`DATA_STORE`].
/// A key that is not there is fine: there is nothing to erase.
///
/// This sends the documented v1 request (`DELETE .../standard-datastores/datastore/
/// entries/entry?datastoreName=..&entryKey=..`) through the client; with the data stores
/// API crate it is `experience.data_store(DATA_STORE).remove(key).await`.
async fn erase_user(experience: &Experience, user_id: u64) -> Result<(), Error> {
    let key = format!("Player_{user_id}");
    let path = Query::new()
        .pair("datastoreName", DATA_STORE)
        .pair("entryKey", &key)
        .with_path(&format!(
            "/datastores/v1/universes/{}/standard-datastores/datastore/entries/entry",
            experience.universe_id()
        ));
    let delete = request::build(http::Method::DELETE, &path, Body::empty())?;
    match experience.client().send(delete).await {
        Ok(_) => {
            println!(
                "  universe {}: removed {key} from {DATA_STORE}",
                experience.universe_id()
            );
            Ok(())
        }
        Err(error) if error.is_not_found() => {
            println!(
                "  universe {}: no {key} in {DATA_STORE}",
                experience.universe_id()
            );
            Ok(())
        }
        Err(error) => Err(error),
    }
}

/// The receiver: test notifications are logged, erasure requests erase the user in every
/// experience named; a failure answers 500, so Roblox delivers the request again.
fn service(client: Client, secret: &str) -> WebhookService {
    Dispatcher::new(Webhook::new(secret))
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
    let server = tokio::spawn(serve(listener, service(target.client.clone(), &secret)));

    if let Some(emulator) = &target.emulator {
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
            let delivery = emulator.send_webhook(&receiver, event).await;
            let statuses: Vec<String> = delivery
                .attempts
                .iter()
                .map(|a| {
                    a.status
                        .map_or_else(|| "no answer".into(), |s| s.to_string())
                })
                .collect();
            println!(
                "the emulator delivered {} {}: {}",
                delivery.event_type,
                delivery.notification_id,
                statuses.join(", then ")
            );
        }
    }

    println!("serving until Ctrl-C");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = server => {}
    }
    Ok(())
}
