//! Offline checks of the requests the builders make.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use http::Method;
use oc_core::{Client, Experience, Idempotency};

use crate::ExperienceDataStoresExt;

fn experience() -> Experience {
    Client::builder()
        .api_key("k")
        .build()
        .expect("client")
        .experience(42)
}

fn query(request: &http::Request<oc_core::Body>) -> Vec<(String, String)> {
    form_pairs(request.uri().query().unwrap_or_default())
}

fn form_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (decode(k), decode(v))
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn set_sends_the_value_its_md5_and_metadata() -> Result<(), oc_core::Error> {
    let experience = experience();
    let store = experience.data_store("a b").with_scope("s&1");
    let mut attributes = serde_json::Map::new();
    attributes.insert("k".into(), serde_json::json!("v"));
    let request = store
        .set("k/1", &serde_json::json!({"x": 1}))
        .user_ids([5, 6])
        .attributes(attributes)
        .match_version("V")
        .build_request()?;
    assert_eq!(request.method(), Method::POST);
    assert_eq!(
        request.uri().path(),
        "/datastores/v1/universes/42/standard-datastores/datastore/entries/entry"
    );
    assert_eq!(
        query(&request),
        pairs(&[
            ("datastoreName", "a b"),
            ("scope", "s&1"),
            ("entryKey", "k/1"),
            ("matchVersion", "V")
        ])
    );
    assert_eq!(request.body().as_bytes(), Some(&br#"{"x":1}"#[..]));
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.headers()["content-md5"], "rD70jKoI+j7V4CXaae3GRQ==");
    assert_eq!(request.headers()["roblox-entry-userids"], "[5,6]");
    assert_eq!(request.headers()["roblox-entry-attributes"], r#"{"k":"v"}"#);
    assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
    let plain = store.set("k", &1).build_request()?;
    assert_eq!(Idempotency::of(&plain), Idempotency::Idempotent);
    assert!(!plain.headers().contains_key("roblox-entry-userids"));
    let create = store.set("k", &1).exclusive_create(true).build_request()?;
    assert_eq!(Idempotency::of(&create), Idempotency::NonIdempotent);
    assert!(query(&create).contains(&("exclusiveCreate".into(), "true".into())));
    Ok(())
}

#[test]
fn increments_are_non_idempotent_and_carry_the_amount() -> Result<(), oc_core::Error> {
    let experience = experience();
    let store = experience.data_store("n");
    let request = store.increment("k", 2.5).build_request()?;
    assert_eq!(
        request.uri().path(),
        "/datastores/v1/universes/42/standard-datastores/datastore/entries/entry/increment"
    );
    assert!(query(&request).contains(&("incrementBy".into(), "2.5".into())));
    assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
    let ordered = experience
        .ordered_data_store("o")
        .increment("k", -3)
        .build_request()?;
    assert_eq!(Idempotency::of(&ordered), Idempotency::NonIdempotent);
    assert_eq!(ordered.body().as_bytes(), Some(&br#"{"amount":-3}"#[..]));
    Ok(())
}

#[test]
fn all_scopes_handles_split_keys_and_list_every_scope() -> Result<(), oc_core::Error> {
    let experience = experience();
    let all = experience.data_store("d").all_scopes();
    let get = all.get("sc/key/with/slashes").build_request()?;
    assert_eq!(
        query(&get),
        pairs(&[
            ("datastoreName", "d"),
            ("scope", "sc"),
            ("entryKey", "key/with/slashes")
        ])
    );
    let list = all.list_keys().prefix("p");
    let options = format!("{list:?}");
    assert!(options.contains("prefix: Some(\"p\")"), "{options}");
    Ok(())
}

#[test]
fn ordered_requests_use_encoded_path_segments() -> Result<(), oc_core::Error> {
    let experience = experience();
    let store = experience.ordered_data_store("a/b c").with_scope("s#1");
    let create = store.set("k?1", 3).exclusive_create(true).build_request()?;
    assert_eq!(create.method(), Method::POST);
    assert_eq!(
        create.uri().path(),
        "/ordered-data-stores/v1/universes/42/orderedDataStores/a%2Fb%20c/scopes/s%231/entries"
    );
    assert_eq!(query(&create), pairs(&[("id", "k?1")]));
    assert_eq!(Idempotency::of(&create), Idempotency::NonIdempotent);
    let update = store.set("k?1", 3).exclusive_update(true).build_request()?;
    assert_eq!(update.method(), Method::PATCH);
    assert!(update.uri().path().ends_with("/entries/k%3F1"));
    assert_eq!(query(&update), pairs(&[("allow_missing", "false")]));
    let upsert = store.set("k", 3).build_request()?;
    assert_eq!(query(&upsert), pairs(&[("allow_missing", "true")]));
    assert_eq!(upsert.body().as_bytes(), Some(&br#"{"value":3}"#[..]));
    let increment = store.increment("k", 1).build_request()?;
    assert!(increment.uri().path().ends_with("/entries/k:increment"));
    Ok(())
}
