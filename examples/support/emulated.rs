//! The emulator as the examples see it: started in this process, or started elsewhere
//! (`oc-emulator`) and reached only by its URL, through its control surface under
//! `/_emulator/v1` (an emulator-only extension that Roblox does not have).

use bytes::Bytes;
use http::{Method, Request};
use rblx_open_cloud::emulator::{DropMode, EmulatorHandle, FaultRule, WebhookConfig, WebhookEvent};
use rblx_open_cloud::{Body, Client, Error};
use serde::Deserialize;
use serde_json::{json, Value};

/// The path prefix of the emulator's control surface.
pub const CONTROL_PREFIX: &str = "/_emulator/v1";

/// An emulator: in this process, or elsewhere behind the client's base URL.
pub struct Emulated {
    /// The in-process emulator, when there is one.
    local: Option<EmulatorHandle>,
    /// The client whose base URL is the emulator (with its API key).
    client: Client,
    world: World,
}

/// The world's first ids, as the control surface reports them.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct World {
    universe_id: u64,
    place_id: u64,
    user_id: u64,
}

/// The emulator's built-in OAuth2 app.
pub struct OAuth2AppInfo {
    /// The client id.
    pub client_id: String,
    /// The client secret, when the app has one.
    pub client_secret: Option<String>,
    /// The issuer the emulator writes in its tokens (`<public URL>/oauth/`).
    pub issuer: String,
}

impl std::fmt::Debug for OAuth2AppInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuth2AppInfo")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("issuer", &self.issuer)
            .finish()
    }
}

/// A published message the emulator received.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// The universe.
    pub universe_id: u64,
    /// The topic.
    pub topic: String,
    /// The message.
    pub message: String,
}

/// The outcome of a webhook delivery.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The `EventType`.
    pub event_type: String,
    /// The `NotificationId`.
    pub notification_id: String,
    /// The signature of the last attempt.
    pub signature: Option<String>,
    /// The receiver's status of each attempt (`None`: no answer).
    pub statuses: Vec<Option<u16>>,
}

impl Emulated {
    /// The emulator started in this process; `client` points at it.
    pub fn local(emulator: EmulatorHandle, client: Client) -> Emulated {
        let world = World {
            universe_id: emulator.universe_id(),
            place_id: emulator.place_id(),
            user_id: emulator.user_id(),
        };
        Emulated {
            local: Some(emulator),
            client,
            world,
        }
    }

    /// The emulator behind `client`'s base URL, if it answers the control surface: `None`
    /// when the base URL is no emulator (its answer is 404).
    pub async fn remote(client: &Client) -> Result<Option<Emulated>, Error> {
        let world: World = match get(client, "/world").await {
            Ok(world) => world,
            Err(error) if error.is_not_found() => return Ok(None),
            Err(error) => return Err(error),
        };
        Ok(Some(Emulated {
            local: None,
            client: client.clone(),
            world,
        }))
    }

    /// The emulator's handle, when it runs in this process.
    pub fn local_handle(&self) -> Option<&EmulatorHandle> {
        self.local.as_ref()
    }

    /// Whether the emulator runs in this process.
    pub fn is_local(&self) -> bool {
        self.local.is_some()
    }

    /// Its first universe.
    pub fn universe_id(&self) -> u64 {
        self.world.universe_id
    }

    /// The first place of its first universe.
    pub fn place_id(&self) -> u64 {
        self.world.place_id
    }

    /// Its first user.
    pub fn user_id(&self) -> u64 {
        self.world.user_id
    }

    /// Its built-in OAuth2 app.
    pub async fn oauth2_app(&self) -> Result<OAuth2AppInfo, Error> {
        if let Some(emulator) = &self.local {
            return Ok(OAuth2AppInfo {
                client_id: emulator.oauth2_client_id(),
                client_secret: emulator.oauth2_client_secret(),
                issuer: emulator.oauth2_issuer(),
            });
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct App {
            client_id: String,
            client_secret: Option<String>,
            issuer: String,
        }
        let app: App = get(&self.client, "/oauth2/app").await?;
        Ok(OAuth2AppInfo {
            client_id: app.client_id,
            client_secret: app.client_secret,
            issuer: app.issuer,
        })
    }

    /// Adds a fault rule.
    pub async fn inject_fault(&self, rule: FaultRule) -> Result<(), Error> {
        if let Some(emulator) = &self.local {
            emulator.inject_fault(rule);
            return Ok(());
        }
        let drop = rule.drop.map(|mode| match mode {
            DropMode::BeforeApply => "before_apply",
            DropMode::AfterApply => "after_apply",
        });
        let body = json!({
            "route": rule.route,
            "status": rule.status,
            "times": rule.times,
            "fraction": rule.fraction,
            "latency_ms": rule.latency_ms,
            "drop": drop,
            "retry_after_secs": rule.retry_after_secs,
            "repeat_cursor": rule.repeat_cursor,
            "empty_pages": rule.empty_pages,
        });
        call(&self.client, Method::POST, "/faults", Some(&body)).await?;
        Ok(())
    }

    /// The messages published so far.
    pub async fn published_messages(&self) -> Result<Vec<Message>, Error> {
        if let Some(emulator) = &self.local {
            return Ok(emulator
                .published_messages()
                .into_iter()
                .map(|m| Message {
                    universe_id: m.universe_id,
                    topic: m.topic,
                    message: m.message,
                })
                .collect());
        }
        #[derive(Deserialize)]
        struct Messages {
            messages: Vec<Message>,
        }
        let messages: Messages = get(&self.client, "/messaging/messages").await?;
        Ok(messages.messages)
    }

    /// Has the emulator deliver `event` to `target`, signed and retried as Roblox does.
    pub async fn send_webhook(
        &self,
        target: &WebhookConfig,
        event: WebhookEvent,
    ) -> Result<Delivery, Error> {
        if let Some(emulator) = &self.local {
            let delivery = emulator.send_webhook(target, event).await;
            return Ok(Delivery {
                event_type: delivery.event_type,
                notification_id: delivery.notification_id,
                signature: delivery.attempts.last().map(|a| a.signature.clone()),
                statuses: delivery.attempts.iter().map(|a| a.status).collect(),
            });
        }
        let event = match event {
            WebhookEvent::SampleNotification { user } => {
                json!({"event": "SampleNotification", "user": user})
            }
            WebhookEvent::RightToErasureRequest { user, universes } => {
                json!({"event": "RightToErasureRequest", "user": user, "universes": universes})
            }
        };
        let body = json!({
            "target": {
                "url": target.url,
                "secret": target.secret,
                "timeout_ms": target.timeout_ms,
                "retries": target.retries,
                "retry_interval_ms": target.retry_interval_ms,
            },
            "event": event,
        });
        let answer = call(&self.client, Method::POST, "/webhooks/send", Some(&body)).await?;
        let delivery: Value = serde_json::from_slice(&answer)
            .map_err(|e| Error::decode("the control surface's answer", Some(e.into())))?;
        let text = |name: &str| delivery[name].as_str().unwrap_or_default().to_owned();
        let attempts = delivery["attempts"].as_array().cloned().unwrap_or_default();
        Ok(Delivery {
            event_type: text("eventType"),
            notification_id: text("notificationId"),
            signature: attempts
                .last()
                .and_then(|a| a["signature"].as_str())
                .map(str::to_owned),
            statuses: attempts
                .iter()
                .map(|a| a["status"].as_u64().and_then(|s| u16::try_from(s).ok()))
                .collect(),
        })
    }

    /// Stops the emulator when it runs in this process (one started elsewhere keeps
    /// running).
    pub async fn shutdown(&self) {
        if let Some(emulator) = &self.local {
            emulator.shutdown().await;
        }
    }
}

/// GETs a control route and parses its JSON answer.
async fn get<T: serde::de::DeserializeOwned>(client: &Client, path: &str) -> Result<T, Error> {
    let answer = call(client, Method::GET, path, None).await?;
    serde_json::from_slice(&answer)
        .map_err(|e| Error::decode("the control surface's answer", Some(e.into())))
}

/// Sends a request to a control route (the client adds its base URL and API key).
async fn call(
    client: &Client,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> Result<Bytes, Error> {
    let mut request = Request::builder()
        .method(method)
        .uri(format!("{CONTROL_PREFIX}{path}"));
    let body = match body {
        Some(body) => {
            request = request.header(http::header::CONTENT_TYPE, "application/json");
            Body::full(body.to_string())
        }
        None => Body::empty(),
    };
    let request = request
        .body(body)
        .map_err(|e| Error::decode("a control request", Some(e.into())))?;
    Ok(client.send(request).await?.into_body())
}
