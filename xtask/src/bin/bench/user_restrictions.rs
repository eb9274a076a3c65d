//! Sections: user restrictions (Cloud v2), get and update (a ban with a duration and
//! reasons, under `updateMask=gameJoinRestriction` with an idempotency key), bare
//! hyper-util against this project's client. Both send the same query and body and parse
//! the answer as JSON.

use std::future::IntoFuture;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use oc_core::time::OffsetDateTime;
use oc_user_restrictions::{ExperienceUserRestrictionsExt, UserRestriction};
use tokio::runtime::Runtime;

use crate::args::Options;
use crate::emulator::Emulator;
use crate::measure::{Load, Target};
use crate::report::{self, Goals, Section};
use crate::{bare, client, BoxError};

/// The user read and banned.
const USER: u64 = 156;
/// The ban's length.
const DURATION: Duration = Duration::from_secs(3600);
const REASON: &str = "Exploiting (bench)";

/// The same goals as the foundation's.
const GOALS: Goals = Goals {
    min_throughput_ratio: 0.9,
    max_cpu_ratio: 1.3,
};

/// Get or ban by hand.
#[derive(Clone)]
struct BareRestriction {
    client: Client<HttpConnector, Full<Bytes>>,
    url: Arc<str>,
    api_key: HeaderValue,
    update: bool,
    keys: Arc<AtomicU64>,
}

impl Target for BareRestriction {
    async fn call(&self) -> Result<(), BoxError> {
        let builder = Request::builder()
            .header(HeaderName::from_static("x-api-key"), self.api_key.clone())
            .header(
                USER_AGENT,
                HeaderValue::from_static(oc_core::DEFAULT_USER_AGENT),
            );
        let request = if self.update {
            let key = self.keys.fetch_add(1, Ordering::Relaxed);
            let first_sent = oc_core::v2::timestamp::format(OffsetDateTime::now_utc());
            let uri = format!(
                "{}?updateMask=gameJoinRestriction&idempotencyKey.key=bare-{}-{key}\
                 &idempotencyKey.firstSent={}",
                self.url,
                std::process::id(),
                first_sent.replace(':', "%3A")
            );
            let body = serde_json::json!({"gameJoinRestriction": {
                "active": true,
                "duration": oc_core::v2::duration::format(DURATION),
                "privateReason": REASON,
                "displayReason": REASON,
            }});
            builder
                .method(Method::PATCH)
                .uri(uri)
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(Full::new(Bytes::from(serde_json::to_vec(&body)?)))?
        } else {
            builder
                .method(Method::GET)
                .uri(&*self.url)
                .body(Full::new(Bytes::new()))?
        };
        let response = self.client.request(request).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        if status != StatusCode::OK {
            return Err(format!("answered {status}: {}", String::from_utf8_lossy(&body)).into());
        }
        let _restriction: serde_json::Value = serde_json::from_slice(&body)?;
        Ok(())
    }
}

/// Get or ban through the client.
#[derive(Clone)]
struct ClientRestriction {
    restriction: UserRestriction,
    update: bool,
}

impl Target for ClientRestriction {
    async fn call(&self) -> Result<(), BoxError> {
        if self.update {
            self.restriction
                .ban()
                .duration(DURATION)
                .private_reason(REASON)
                .display_reason(REASON)
                .await?;
        } else {
            self.restriction.get().await?;
        }
        Ok(())
    }
}

/// Measures get and update at each concurrency level of `options`.
pub fn run(
    runtime: &Runtime,
    emulator: &Emulator,
    options: &Options,
) -> Result<Vec<Section>, BoxError> {
    let _context = runtime.enter();
    let client = client::client(&emulator.base_url, &emulator.api_key)?;
    let restriction = client
        .experience(emulator.universe_id)
        .user_restriction(USER);
    runtime.block_on(restriction.ban().duration(DURATION).into_future())?;
    let url: Arc<str> = format!(
        "{}/cloud/v2/universes/{}/user-restrictions/{USER}",
        emulator.base_url, emulator.universe_id
    )
    .into();

    let mut sections = Vec::new();
    for (section_name, update) in [("restriction-get", false), ("restriction-update", true)] {
        if !options.runs_section(section_name) {
            continue;
        }
        let bare = || -> Result<Box<dyn Load>, BoxError> {
            Ok(Box::new(BareRestriction {
                client: bare::client(),
                url: url.clone(),
                api_key: HeaderValue::from_str(&emulator.api_key)?,
                update,
                keys: Arc::new(AtomicU64::new(0)),
            }))
        };
        let ours = || -> Result<Box<dyn Load>, BoxError> {
            let client = client::client(&emulator.base_url, &emulator.api_key)?;
            Ok(Box::new(ClientRestriction {
                restriction: client
                    .experience(emulator.universe_id)
                    .user_restriction(USER),
                update,
            }))
        };
        let contenders = report::contenders(options, &bare, &ours);
        let title = if update {
            "user restrictions: ban (update), PATCH .../user-restrictions/{user}?updateMask=gameJoinRestriction"
        } else {
            "user restrictions: get, GET .../user-restrictions/{user}"
        };
        let mut section = Section::new(title.to_owned(), GOALS);
        for &concurrency in &options.concurrency {
            section.measure(runtime, &contenders, concurrency, options)?;
        }
        sections.push(section);
    }
    Ok(sections)
}
