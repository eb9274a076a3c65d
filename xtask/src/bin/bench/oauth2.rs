//! Section: id_token verification (ES256 against the provider's JWKS) with the JWKS cached,
//! on one core, and the cost of a cache miss (a fresh app fetches the JWKS first).

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Empty;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use oc_oauth2::{CodeVerifier, OAuth2App};

use crate::args::Options;
use crate::emulator::Emulator;
use crate::measure::{cpu_time, median};
use crate::BoxError;

/// The client id of the emulator's built-in OAuth2 app (`DEFAULT_OAUTH2_CLIENT_ID`).
const CLIENT_ID: &str = "7000000000000000001";
/// Its secret (`DEFAULT_OAUTH2_CLIENT_SECRET`).
const CLIENT_SECRET: &str = "RBX-oc-emulator-default-client-secret";
/// A redirect URI registered for it.
const REDIRECT_URI: &str = "http://localhost/callback";
/// Verifications per second wanted with the JWKS cached, on one core.
const GOAL_PER_SEC: f64 = 20_000.0;
/// Cache misses measured per run.
const MISSES: usize = 200;

/// Measures, prints, and tells whether the goal was met.
pub fn run(emulator: &Emulator, options: &Options) -> Result<bool, BoxError> {
    // One thread: the figure is per core.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(measure(emulator, options))
}

fn app(client: &oc_core::Client) -> Result<OAuth2App, BoxError> {
    Ok(OAuth2App::builder(CLIENT_ID, REDIRECT_URI)
        .client_secret(CLIENT_SECRET)
        // The emulator signs its id_tokens with its own address as the issuer.
        .issuer(format!("{}/oauth/", client.base_url()))
        .build(client)?)
}

/// A real id_token: the authorization code flow against the emulator, with the token
/// answer read raw to keep the id_token itself.
async fn id_token(client: &oc_core::Client) -> Result<String, BoxError> {
    let app = app(client)?;
    let verifier = CodeVerifier::generate(128)?;
    let uri = app
        .authorization_uri("openid profile")
        .code_verifier(&verifier)
        .build()?;
    let browser = HyperClient::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let response = browser.get(uri.parse()?).await?;
    let location = response
        .headers()
        .get(http::header::LOCATION)
        .ok_or("authorize did not redirect")?
        .to_str()?
        .to_owned();
    let code = location
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))
        .ok_or("no code in the redirect")?
        .to_owned();
    let form = format!(
        "grant_type=authorization_code&code={code}&code_verifier={}&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}",
        verifier.expose_secret()
    );
    let request = http::Request::post("/oauth/v1/token")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(oc_core::Body::full(form))?;
    let answer: serde_json::Value = serde_json::from_slice(client.send(request).await?.body())?;
    Ok(answer["id_token"]
        .as_str()
        .ok_or("no id_token in the answer")?
        .to_owned())
}

async fn measure(emulator: &Emulator, options: &Options) -> Result<bool, BoxError> {
    let client = oc_core::Client::builder()
        .base_url(&emulator.base_url)
        .build()?;
    let token = id_token(&client).await?;

    let cached = app(&client)?;
    for _ in 0..options.warmup.max(1) {
        cached.verify_id_token(&token).await?;
    }
    let mut rates = Vec::new();
    let mut cpu_each = Vec::new();
    for _ in 0..options.runs {
        let cpu_start = cpu_time();
        let start = Instant::now();
        for _ in 0..options.requests {
            cached.verify_id_token(&token).await?;
        }
        let wall = start.elapsed();
        rates.push(options.requests as f64 / wall.as_secs_f64());
        if let (Some(before), Some(after)) = (cpu_start, cpu_time()) {
            cpu_each.push((after - before).as_secs_f64() / options.requests as f64);
        }
    }
    let rate = median(rates).unwrap_or_default();
    let raw = raw_decode(&client, &token, options).await?;

    let mut misses = Vec::new();
    for _ in 0..MISSES {
        let fresh = app(&client)?;
        let start = Instant::now();
        fresh.verify_id_token(&token).await?;
        misses.push(start.elapsed().as_secs_f64());
    }
    let miss = Duration::from_secs_f64(median(misses).unwrap_or_default());
    let hit = Duration::from_secs_f64(1.0 / rate.max(f64::MIN_POSITIVE));

    let met = rate >= GOAL_PER_SEC;
    println!();
    println!("oauth2: id_token verification (ES256, JWKS cached), one core");
    println!(
        "  {rate:>10.0} verifications/s (median of {} runs of {}), {:.1} µs each{}",
        options.runs,
        options.requests,
        hit.as_secs_f64() * 1e6,
        median(cpu_each)
            .map(|c| format!(", {:.1} µs CPU each", c * 1e6))
            .unwrap_or_default()
    );
    println!(
        "  baseline: jsonwebtoken::decode alone with a ready key: {raw:.0}/s (the ES256 \
         signature check is most of the cost)"
    );
    println!(
        "  cache miss (fresh app: GET /oauth/v1/certs, then verify): median {:.0} µs over {MISSES}",
        miss.as_secs_f64() * 1e6
    );
    println!(
        "  goal >= {GOAL_PER_SEC:.0}/s: {}",
        if met { "met" } else { "missed" }
    );
    Ok(met)
}

/// The same checks with `jsonwebtoken::decode` and a key built once: what the signature
/// and claim checks cost without the app around them.
async fn raw_decode(
    client: &oc_core::Client,
    token: &str,
    options: &Options,
) -> Result<f64, BoxError> {
    let request = http::Request::get("/oauth/v1/certs").body(oc_core::Body::empty())?;
    let jwks: serde_json::Value = serde_json::from_slice(client.send(request).await?.body())?;
    let kid = jsonwebtoken::decode_header(token)?.kid.ok_or("no kid")?;
    let jwk = jwks["keys"]
        .as_array()
        .and_then(|keys| keys.iter().find(|k| k["kid"] == kid.as_str()))
        .ok_or("kid not in the JWKS")?;
    let key = jsonwebtoken::DecodingKey::from_ec_components(
        jwk["x"].as_str().ok_or("no x")?,
        jwk["y"].as_str().ok_or("no y")?,
    )?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    validation.set_audience(&[CLIENT_ID]);
    validation.set_issuer(&[format!("{}/oauth/", client.base_url())]);
    let mut rates = Vec::new();
    for _ in 0..options.runs {
        let start = Instant::now();
        for _ in 0..options.requests {
            jsonwebtoken::decode::<serde_json::Value>(token, &key, &validation)?;
        }
        rates.push(options.requests as f64 / start.elapsed().as_secs_f64());
    }
    Ok(median(rates).unwrap_or_default())
}
