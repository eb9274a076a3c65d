//! Offline checks of the lifecycle requests (get, versions, rollback, archive, restore)
//! and the parse of their answers.

use http::Method;
use oc_core::offline::{request, respond};
use oc_core::{Client, Error, Idempotency};

use crate::{AssetRefused, AssetState, ClientAssetsExt, Creator, ModerationState, RefusalKind};

fn client() -> Result<Client, Error> {
    Client::builder().api_key("k").build()
}

#[test]
fn requests_go_where_the_reference_says() -> Result<(), oc_core::BoxError> {
    let client = client()?;
    let asset = client.asset(42);
    let get = request(&asset.get())?;
    assert_eq!(
        (get.method(), get.uri().to_string()),
        (&Method::GET, "/assets/v1/assets/42".into())
    );
    let masked = request(&asset.get().read_mask(["description", "displayName"]))?;
    assert_eq!(
        masked.uri(),
        "/assets/v1/assets/42?readMask=description%2CdisplayName"
    );
    let list = request(&asset.versions().page_size(5).cursor("t"))?;
    assert_eq!(
        list.uri(),
        "/assets/v1/assets/42/versions?maxPageSize=5&pageToken=t"
    );
    let full = request(&asset.versions().page_size(500))?;
    assert_eq!(full.uri(), "/assets/v1/assets/42/versions?maxPageSize=50");
    let version = request(&asset.version(3))?;
    assert_eq!(version.uri(), "/assets/v1/assets/42/versions/3");
    assert_eq!(Idempotency::of(&version), Idempotency::Idempotent);
    let rollback = request(&asset.rollback(2))?;
    assert_eq!(rollback.method(), Method::POST);
    assert_eq!(rollback.uri(), "/assets/v1/assets/42/versions:rollback");
    assert_eq!(rollback.headers()["content-type"], "application/json");
    assert_eq!(
        rollback.body().as_bytes(),
        Some(&br#"{"assetVersion":"assets/42/versions/2"}"#[..])
    );
    assert_eq!(Idempotency::of(&rollback), Idempotency::NonIdempotent);
    let archive = request(&asset.archive())?;
    assert_eq!(archive.uri(), "/assets/v1/assets/42:archive");
    assert_eq!(archive.body().as_bytes(), Some(&b""[..]));
    assert_eq!(Idempotency::of(&archive), Idempotency::Idempotent);
    let restore = request(&asset.restore())?;
    assert_eq!(restore.uri(), "/assets/v1/assets/42:restore");
    Ok(())
}

#[test]
fn versions_parse_in_both_list_forms() -> Result<(), Error> {
    let client = client()?;
    let asset = client.asset(18_508_967_120);
    let captured = r#"{"assetVersions":[{"path":"assets/18508967120/versions/2","creationContext":{"creator":{"userId":"45348281"}},"moderationResult":{"moderationState":"Approved"}},
        {"path":"assets/18508967120/versions/1","creationContext":{"creator":{"groupId":7}},"moderationResult":{"moderationState":"MODERATION_STATE_REVIEWING"},"published":true}],"nextPageToken":"n"}"#;
    let page = respond(&asset.versions(), 200, &[], captured)?;
    assert_eq!(page.next_cursor.as_deref(), Some("n"));
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].version, 2);
    assert_eq!(page.items[0].creator, Some(Creator::User(45_348_281)));
    assert_eq!(
        page.items[0].moderation_state,
        Some(ModerationState::Approved)
    );
    assert_eq!(page.items[1].creator, Some(Creator::Group(7)));
    assert_eq!(
        page.items[1].moderation_state,
        Some(ModerationState::Reviewing)
    );
    assert_eq!(page.items[1].published, Some(true));
    let bare = respond(
        &asset.versions(),
        200,
        &[],
        r#"[{"path":"assets/1/versions/4"}]"#,
    )?;
    assert_eq!((bare.items[0].asset_id, bare.items[0].version), (1, 4));
    assert_eq!(bare.next_cursor, None);
    let last = respond(
        &asset.versions(),
        200,
        &[],
        r#"{"assetVersions":[],"nextPageToken":""}"#,
    )?;
    assert_eq!(last.next_cursor, None);
    for bad in [
        r#"[{"path":"assets/x/versions/1"}]"#,
        r#"[{"path":"nope"}]"#,
        r#"[{}]"#,
    ] {
        assert!(respond(&asset.versions(), 200, &[], bad).is_err(), "{bad}");
    }
    Ok(())
}

#[test]
fn lifecycle_answers_parse_and_refusals_are_typed() -> Result<(), Error> {
    let client = client()?;
    let asset = client.asset(5);
    let archived = respond(
        &asset.archive(),
        200,
        &[],
        r#"{"path":"assets/5","assetId":"5","assetType":"Model","state":"Archived"}"#,
    )?;
    assert_eq!(archived.state, Some(AssetState::Archived));
    let rolled = respond(
        &asset.rollback(2),
        200,
        &[],
        r#"{"path":"assets/5/versions/2"}"#,
    )?;
    assert_eq!(rolled.version, 2);
    let refused = respond(
        &asset.rollback(2),
        400,
        &[],
        r#"{"code":400,"message":"Invalid argument. The asset is archived; restore it first."}"#,
    );
    let kind = refused
        .as_ref()
        .err()
        .and_then(|e| e.detail::<AssetRefused>())
        .map(|r| r.kind);
    assert_eq!(kind, Some(RefusalKind::Archived));
    assert!(refused.is_err_and(|e| e.certainly_not_applied()));
    let missing = respond(
        &asset.version(9),
        404,
        &[],
        r#"{"code":404,"message":"Asset version doesn't exist"}"#,
    );
    assert!(missing.is_err_and(|e| e.is_not_found()));
    Ok(())
}
