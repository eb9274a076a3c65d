//! `rblx-oc webhook listen`: a local receiver that verifies each delivery's signature and
//! prints it.

use std::path::PathBuf;

use clap::Subcommand;
use http::StatusCode;
use hyper_util::service::TowerToHyperService;
use rblx_open_cloud::webhook::{Dispatcher, Event, Notification, Outcome, Webhook};
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::context::{invalid, read_file, Context, Failure};
use crate::local_http;
use crate::output::time;

/// The largest delivery body accepted.
const MAX_BODY: usize = 1024 * 1024;

/// Webhook commands.
#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Receives webhook deliveries, verifies their signature and prints each (one JSON
    /// line with --json). Deliveries with a bad signature are answered 401 and reported
    /// on stderr.
    #[command(
        after_help = "Example:\n  rblx-oc webhook listen --secret-file webhook-secret.txt --port 8080 --json"
    )]
    Listen {
        /// A file holding the webhook secret.
        #[arg(long, value_name = "FILE")]
        secret_file: PathBuf,
        /// The port (0 picks a free one; the address is printed on stderr).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Stop after this many verified deliveries.
        #[arg(long, value_name = "N")]
        count: Option<u64>,
    },
}

fn event_json(event: &Event) -> Value {
    match event {
        Event::Sample(sample) => json!({"type": "sample", "userId": sample.user_id}),
        Event::RightToErasure(request) => json!({
            "type": "rightToErasure",
            "userId": request.user_id,
            "universeIds": request.universe_ids,
        }),
        Event::Unknown(raw) => json!({"type": "unknown", "payload": raw}),
        _ => json!({"type": "other"}),
    }
}

fn delivery_json(n: &Notification) -> Value {
    json!({
        "id": n.id,
        "eventType": n.event_type,
        "eventTime": time(n.event_time),
        "event": event_json(&n.event),
    })
}

impl WebhookCommand {
    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let WebhookCommand::Listen {
            secret_file,
            port,
            bind,
            count,
        } = self;
        let secret = String::from_utf8(read_file("--secret-file", &secret_file)?)
            .map_err(|_| invalid("--secret-file", "the file is not UTF-8"))?;
        let webhook = Webhook::new(secret.trim().to_owned())
            .map_err(|e| invalid("--secret-file", e.to_string()))?;
        // No handler: every verified delivery is "unhandled", answered 200 and printed here.
        let service = Dispatcher::new(webhook)
            .unhandled_status(StatusCode::OK)
            .into_service()
            .body_limit(MAX_BODY);
        let listener = TcpListener::bind((bind.as_str(), port))
            .await
            .map_err(|e| Failure::Local(format!("cannot listen on {bind}:{port}: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Failure::Local(e.to_string()))?;
        eprintln!("listening on http://{addr}");
        let (sender, deliveries) = std::sync::mpsc::channel::<Notification>();
        let mut received = 0u64;
        while count.is_none_or(|n| received < n) {
            let (stream, peer) = listener
                .accept()
                .await
                .map_err(|e| Failure::Local(format!("the listener failed: {e}")))?;
            let sender = sender.clone();
            let observed = service.clone().observe(move |outcome| match outcome {
                Outcome::Unhandled { notification } => {
                    let _ = sender.send(notification.clone());
                }
                Outcome::Rejected(reason) => {
                    eprintln!("rejected a delivery from {peer}: {reason}");
                }
                _ => {}
            });
            local_http::serve_one(stream, TowerToHyperService::new(observed)).await;
            // One connection, one request: at most one delivery is waiting.
            for notification in deliveries.try_iter() {
                received += 1;
                let value = delivery_json(&notification);
                ctx.out.one(&value, || {
                    format!(
                        "{} {} {}",
                        time(notification.event_time),
                        notification.event_type,
                        notification.id
                    )
                });
            }
        }
        Ok(())
    }
}
