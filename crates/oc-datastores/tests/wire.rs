//! The emulator answers requests spelled the ways other clients send them, and input
//! limits with the documented error bodies.

mod common;

use common::experience;
use http::Method;
use oc_core::request::build;
use oc_core::{Body, Error};
use oc_datastores::ExperienceDataStoresExt;
use serde_json::Value;

const BASE: &str = "/datastores/v1/universes/1000/standard-datastores";

async fn get(experience: &oc_core::Experience, path: &str) -> Result<Value, Error> {
    let request = build(Method::GET, path, Body::empty())?;
    send_json(experience, request).await
}

async fn send_json(
    experience: &oc_core::Experience,
    request: http::Request<Body>,
) -> Result<Value, Error> {
    let response = experience.client().send(request).await?;
    oc_core::response::json(&response)
}

/// The status and JSON body of the service's error answer; anything else fails the test.
fn error_body(result: Result<Value, Error>) -> (u16, Value) {
    let answer = match &result {
        Err(e) => e
            .api_error()
            .map(|api| (api.status().as_u16(), serde_json::from_slice(api.body()))),
        Ok(_) => None,
    };
    match answer {
        Some((status, Ok(body))) => (status, body),
        _ => panic!("expected an error answer with a JSON body, got {result:?}"),
    }
}

#[tokio::test]
async fn names_and_booleans_are_accepted_in_any_case() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    experience
        .data_store("d")
        .with_scope("s")
        .set("k", &1)
        .await?;
    let page = get(
        &experience,
        &format!("{BASE}/datastore/entries?DatastoreName=d&AllScopes=True"),
    )
    .await?;
    assert_eq!(
        page["keys"],
        serde_json::json!([{"scope": "s", "key": "k"}])
    );
    assert_eq!(page["nextPageCursor"], "");
    let (status, body) = error_body(
        get(
            &experience,
            &format!("{BASE}/datastore/entries?datastoreName=d&scope=s&allScopes=true"),
        )
        .await,
    );
    assert_eq!(status, 400);
    assert_eq!(body["error"], "INVALID_ARGUMENT");
    Ok(())
}

#[tokio::test]
async fn input_limits_get_the_documented_error_shape() {
    let (_emulator, experience) = experience().await;
    let long = "k".repeat(51);
    let cases = [
        (format!("{BASE}/datastore/entries/entry?datastoreName=d&entryKey={long}"), "InvalidEntryKey"),
        (format!("{BASE}/datastore/entries/entry?datastoreName={long}&entryKey=k"), "InvalidDataStoreName"),
        (format!("{BASE}/datastore/entries/entry?datastoreName=d&scope=&entryKey=k"), "InvalidDataStoreScope"),
        (format!("{BASE}/datastore/entries?datastoreName=d&cursor=nope"), "InvalidCursor"),
        (format!("{BASE}/datastore/entries/entry/versions/version?datastoreName=d&entryKey=k&versionId=1"), "InvalidVersionId"),
        (format!("{BASE}/datastore/entries/entry/versions?datastoreName=d&entryKey=k&sortOrder=Sideways"), "InvalidSortOrder"),
    ];
    for (path, code) in cases {
        let (status, body) = error_body(get(&experience, &path).await);
        assert_eq!(status, 400, "{path}");
        assert_eq!(body["error"], "INVALID_ARGUMENT");
        assert_eq!(
            body["errorDetails"][0]["errorDetailType"],
            "DatastoreErrorInfo"
        );
        assert_eq!(
            body["errorDetails"][0]["datastoreErrorCode"], code,
            "{path}"
        );
    }
    let (status, body) = error_body(
        get(
            &experience,
            &format!("{BASE}/datastore/entries/entry?datastoreName=none&entryKey=k"),
        )
        .await,
    );
    assert_eq!((status, &body["error"]), (404, &Value::from("NOT_FOUND")));

    let mut set = build(
        Method::POST,
        &format!("{BASE}/datastore/entries/entry?datastoreName=d&entryKey=k&exclusiveCreate=True&matchVersion=x"),
        Body::full("1"),
    )
    .unwrap();
    set.headers_mut().insert(
        "roblox-entry-userids",
        http::HeaderValue::from_static("[1,2,3,4,5]"),
    );
    let (status, body) = error_body(send_json(&experience, set).await);
    assert_eq!(status, 400);
    assert_eq!(
        body["errorDetails"][0]["datastoreErrorCode"],
        "ExclusiveCreateAndMatchVersionCannotBeSet"
    );
    let mut set = build(
        Method::POST,
        &format!("{BASE}/datastore/entries/entry?datastoreName=d&entryKey=k"),
        Body::full("1"),
    )
    .unwrap();
    set.headers_mut().insert(
        "roblox-entry-userids",
        http::HeaderValue::from_static("1,2,3,4,5"),
    );
    let (_, body) = error_body(send_json(&experience, set).await);
    assert_eq!(
        body["errorDetails"][0]["datastoreErrorCode"],
        "InvalidUserIds"
    );
    let set = build(
        Method::POST,
        &format!("{BASE}/datastore/entries/entry?datastoreName=d&entryKey=k"),
        Body::full("not json"),
    )
    .unwrap();
    let (_, body) = error_body(send_json(&experience, set).await);
    assert_eq!(
        body["errorDetails"][0]["datastoreErrorCode"],
        "ContentNotJson"
    );
    // A value over 4 MiB: 400 with ContentTooBig.
    let huge = format!("\"{}\"", "x".repeat(4 * 1024 * 1024));
    let set = build(
        Method::POST,
        &format!("{BASE}/datastore/entries/entry?datastoreName=d&entryKey=k"),
        Body::full(huge),
    )
    .unwrap();
    let (status, body) = error_body(send_json(&experience, set).await);
    assert_eq!(status, 400);
    assert_eq!(body["error"], "INVALID_ARGUMENT");
    assert_eq!(
        body["errorDetails"][0]["datastoreErrorCode"],
        "ContentTooBig"
    );
}

#[tokio::test]
async fn ordered_errors_use_the_code_shape_and_paths_ignore_case() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    experience.ordered_data_store("o").set("k", 0).await?;
    let entry = get(
        &experience,
        "/ordered-data-stores/v1/universes/1000/orderedDatastores/o/scopes/global/entries/k",
    )
    .await?;
    assert_eq!(entry["id"], "k");
    assert!(entry.get("value").is_none(), "0 is left out: {entry}");
    let (status, body) = error_body(
        get(
            &experience,
            "/ordered-data-stores/v1/universes/1000/orderedDataStores/o/scopes/global/entries?filter=entry%3E3",
        )
        .await,
    );
    assert_eq!(status, 400);
    assert_eq!(body["code"], "INVALID_ARGUMENT");
    assert!(body.get("message").is_some());
    let page = get(
        &experience,
        "/ordered-data-stores/v1/universes/1000/orderedDataStores/o/scopes/global/entries?max_page_size=1000&order_by=DESC",
    )
    .await?;
    assert_eq!(page["entries"].as_array().map(Vec::len), Some(1));
    Ok(())
}
