//! Offline checks of the requests the builders make (`oc_core::offline::request`).

use http::Method;
use oc_core::offline::request;
use oc_core::{Client, Error, Experience, Idempotency};

use crate::ExperienceDataStoresExt;

pub(crate) fn experience() -> Experience {
    Client::builder()
        .api_key("k")
        .build()
        .expect("client")
        .experience(42)
}

fn query(request: &http::Request<oc_core::Body>) -> Vec<(String, String)> {
    form_urlencoded_pairs(request.uri().query().unwrap_or_default())
}

fn form_urlencoded_pairs(query: &str) -> Vec<(String, String)> {
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

fn invalid_field<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

const ENTRY: &str = "/datastores/v1/universes/42/standard-datastores/datastore/entries/entry";

#[test]
fn set_sends_the_value_its_md5_and_metadata() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store("a b").with_scope("s&1");
    let mut attributes = serde_json::Map::new();
    attributes.insert("k".into(), serde_json::json!("v"));
    let set = request(
        &store
            .set("k/1", &serde_json::json!({"x": 1}))
            .user_ids([5, 6])
            .attributes(attributes)
            .match_version("V"),
    )?;
    assert_eq!(set.method(), Method::POST);
    assert_eq!(set.uri().path(), ENTRY);
    assert_eq!(
        query(&set),
        pairs(&[
            ("datastoreName", "a b"),
            ("scope", "s&1"),
            ("entryKey", "k/1"),
            ("matchVersion", "V")
        ])
    );
    assert_eq!(set.body().as_bytes(), Some(&br#"{"x":1}"#[..]));
    assert_eq!(set.headers()["content-type"], "application/json");
    assert_eq!(set.headers()["content-md5"], "rD70jKoI+j7V4CXaae3GRQ==");
    assert_eq!(set.headers()["roblox-entry-userids"], "[5,6]");
    assert_eq!(set.headers()["roblox-entry-attributes"], r#"{"k":"v"}"#);
    assert_eq!(Idempotency::of(&set), Idempotency::NonIdempotent);
    let plain = request(&store.set("k", &1))?;
    assert_eq!(Idempotency::of(&plain), Idempotency::Idempotent);
    assert!(!plain.headers().contains_key("roblox-entry-userids"));
    let create = request(&store.set("k", &1).exclusive_create(true))?;
    assert_eq!(Idempotency::of(&create), Idempotency::NonIdempotent);
    assert!(query(&create).contains(&("exclusiveCreate".into(), "true".into())));
    Ok(())
}

#[test]
fn reads_and_removes_name_the_entry_in_the_query() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store("d");
    let get = request(&store.get("k"))?;
    assert_eq!((get.method(), get.uri().path()), (&Method::GET, ENTRY));
    let entry = pairs(&[
        ("datastoreName", "d"),
        ("scope", "global"),
        ("entryKey", "k"),
    ]);
    assert_eq!(query(&get), entry);
    assert_eq!(Idempotency::of(&get), Idempotency::Idempotent);
    let version = request(&store.get_version("k", "V1"))?;
    assert_eq!(version.uri().path(), format!("{ENTRY}/versions/version"));
    assert!(query(&version).contains(&("versionId".into(), "V1".into())));
    let remove = request(&store.remove("k"))?;
    assert_eq!((remove.method(), query(&remove)), (&Method::DELETE, entry));
    Ok(())
}

#[test]
fn increments_are_non_idempotent_and_carry_the_amount() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store("n");
    let increment = request(&store.increment("k", 2.5))?;
    assert_eq!(increment.uri().path(), format!("{ENTRY}/increment"));
    assert!(query(&increment).contains(&("incrementBy".into(), "2.5".into())));
    assert_eq!(Idempotency::of(&increment), Idempotency::NonIdempotent);
    let ordered = request(&experience.ordered_data_store("o").increment("k", -3))?;
    assert_eq!(Idempotency::of(&ordered), Idempotency::NonIdempotent);
    assert_eq!(ordered.body().as_bytes(), Some(&br#"{"amount":-3}"#[..]));
    Ok(())
}

#[test]
fn lists_page_with_limit_and_cursor() -> Result<(), Error> {
    let experience = experience();
    let all = experience.data_store("d").all_scopes();
    let keys = request(&all.list_keys().prefix("p").limit(7).cursor("c1"))?;
    assert_eq!(
        keys.uri().path(),
        "/datastores/v1/universes/42/standard-datastores/datastore/entries"
    );
    assert_eq!(
        query(&keys),
        pairs(&[
            ("datastoreName", "d"),
            ("allScopes", "true"),
            ("prefix", "p"),
            ("limit", "7"),
            ("cursor", "c1")
        ])
    );
    let stores = request(&experience.list_data_stores().prefix("s"))?;
    assert_eq!(
        stores.uri().path(),
        "/datastores/v1/universes/42/standard-datastores"
    );
    assert_eq!(query(&stores), pairs(&[("prefix", "s"), ("limit", "100")]));
    let after = time::OffsetDateTime::from_unix_timestamp(1_704_164_645).expect("a time");
    let versions = request(
        &experience
            .data_store("d")
            .list_versions("k")
            .after(after)
            .ascending()
            .page_size(10),
    )?;
    assert_eq!(versions.uri().path(), format!("{ENTRY}/versions"));
    assert_eq!(
        query(&versions),
        pairs(&[
            ("datastoreName", "d"),
            ("scope", "global"),
            ("entryKey", "k"),
            ("startTime", "2024-01-02T03:04:05Z"),
            ("sortOrder", "Ascending"),
            ("limit", "10")
        ])
    );
    Ok(())
}

#[test]
fn all_scopes_handles_split_keys() -> Result<(), Error> {
    let experience = experience();
    let all = experience.data_store("d").all_scopes();
    let get = request(&all.get("sc/key/with/slashes"))?;
    assert_eq!(
        query(&get),
        pairs(&[
            ("datastoreName", "d"),
            ("scope", "sc"),
            ("entryKey", "key/with/slashes")
        ])
    );
    assert_eq!(invalid_field(request(&all.get("no-scope"))), "key");
    Ok(())
}

#[test]
fn ordered_requests_use_encoded_path_segments() -> Result<(), Error> {
    let experience = experience();
    let store = experience.ordered_data_store("a/b c").with_scope("s#1");
    let create = request(&store.set("k?1", 3).exclusive_create(true))?;
    assert_eq!(create.method(), Method::POST);
    assert_eq!(
        create.uri().path(),
        "/ordered-data-stores/v1/universes/42/orderedDataStores/a%2Fb%20c/scopes/s%231/entries"
    );
    assert_eq!(query(&create), pairs(&[("id", "k?1")]));
    assert_eq!(Idempotency::of(&create), Idempotency::NonIdempotent);
    let update = request(&store.set("k?1", 3).exclusive_update(true))?;
    assert_eq!(update.method(), Method::PATCH);
    assert!(update.uri().path().ends_with("/entries/k%3F1"));
    assert_eq!(query(&update), pairs(&[("allow_missing", "false")]));
    assert_eq!(Idempotency::of(&update), Idempotency::Idempotent);
    let upsert = request(&store.set("k", 3))?;
    assert_eq!(query(&upsert), pairs(&[("allow_missing", "true")]));
    assert_eq!(upsert.body().as_bytes(), Some(&br#"{"value":3}"#[..]));
    let increment = request(&store.increment("k", 1))?;
    assert!(increment.uri().path().ends_with("/entries/k:increment"));
    let get = request(&store.get("k"))?;
    assert_eq!(get.method(), Method::GET);
    assert!(get.uri().path().ends_with("/entries/k"));
    let remove = request(&store.remove("k"))?;
    assert_eq!(remove.method(), Method::DELETE);
    Ok(())
}

#[test]
fn ordered_dot_segments_are_refused_before_sending() {
    let experience = experience();
    for dots in [".", ".."] {
        let named = experience.ordered_data_store(dots);
        assert_eq!(invalid_field(request(&named.get("k"))), "name");
        assert_eq!(invalid_field(request(&named.list_entries())), "name");
        let scoped = experience.ordered_data_store("o").with_scope(dots);
        assert_eq!(invalid_field(request(&scoped.set("k", 1))), "scope");
        assert_eq!(invalid_field(request(&scoped.list_entries())), "scope");
        let store = experience.ordered_data_store("o");
        assert_eq!(invalid_field(request(&store.get(dots))), "key");
        assert_eq!(invalid_field(request(&store.set(dots, 1))), "key");
        let create = store.set(dots, 1).exclusive_create(true);
        assert_eq!(invalid_field(request(&create)), "key");
        assert_eq!(invalid_field(request(&store.increment(dots, 1))), "key");
        assert_eq!(invalid_field(request(&store.remove(dots))), "key");
        let all = experience.ordered_data_store("o").all_scopes();
        assert_eq!(
            invalid_field(request(&all.get(format!("{dots}/k")))),
            "scope"
        );
        assert_eq!(invalid_field(request(&all.get(format!("s/{dots}")))), "key");
    }
    // Dots inside a segment are fine.
    let store = experience.ordered_data_store("a.b").with_scope("...");
    assert!(request(&store.get(".k")).is_ok());
}

#[test]
fn standard_dot_names_travel_in_the_query_untouched() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store(".").with_scope("..");
    let get = request(&store.get(".."))?;
    assert_eq!(get.uri().path(), ENTRY);
    assert_eq!(
        query(&get),
        pairs(&[("datastoreName", "."), ("scope", ".."), ("entryKey", "..")])
    );
    Ok(())
}
