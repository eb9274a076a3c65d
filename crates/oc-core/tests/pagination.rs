//! The one pager against the emulator's list of data stores, written as a list endpoint
//! the way the API crates write theirs.

mod common;

use bytes::Bytes;
use common::*;
use futures::{StreamExt, TryStreamExt};
use oc_core::pagination::{PagedEndpoint, Paging};
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, Page, PagerConfig, PaginationError};
use oc_emulator::FaultRule;
use serde::Deserialize;

/// `GET /datastores/v1/universes/{universeId}/standard-datastores`: a v1 cursor list.
#[derive(Debug, Clone)]
struct ListStores {
    client: Client,
    universe: u64,
    paging: Paging<String>,
}

fn list_stores(client: &Client, universe: u64) -> ListStores {
    ListStores {
        client: client.clone(),
        universe,
        paging: Paging::new(3),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    datastores: Vec<WireStore>,
    next_page_cursor: Option<String>,
}

#[derive(Deserialize)]
struct WireStore {
    name: String,
}

impl Endpoint for ListStores {
    type Output = Page<String>;
    const AREA: &'static str = "test";
    const OPERATION: &'static str = "list_stores";

    fn client(&self) -> &Client {
        &self.client
    }

    fn build_request(&self) -> oc_core::Result<http::Request<Body>> {
        let query = self.paging.query_v1(Query::new());
        let path = format!(
            "/datastores/v1/universes/{}/standard-datastores",
            self.universe
        );
        request::build(http::Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> oc_core::Result<Page<String>> {
        let wire: Wire = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire.datastores.into_iter().map(|d| d.name).collect(),
            next_cursor: wire.next_page_cursor,
        })
    }
}

impl PagedEndpoint for ListStores {
    type Item = String;

    fn paging(&self) -> &Paging<String> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<String> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListStores);

#[tokio::test]
async fn pages_follow_the_cursor_and_honour_the_limit() -> oc_core::Result<()> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    let names: Vec<String> = (0..7).map(|i| format!("store-{i}")).collect();
    for name in &names {
        emulator.add_data_store(universe, name);
    }
    let client = client_for(&emulator);

    let all: Vec<String> = list_stores(&client, universe).try_collect().await?;
    assert_eq!(all, names);
    assert_eq!(hits(&emulator, "datastores.list"), 3);

    let some: Vec<String> = list_stores(&client, universe)
        .limit(4)
        .try_collect()
        .await?;
    assert_eq!(some, names[..4]);
    assert_eq!(
        hits(&emulator, "datastores.list"),
        5,
        "4 items need 2 pages of 3"
    );

    let small: Vec<String> = list_stores(&client, universe)
        .page_size(2)
        .try_collect()
        .await?;
    assert_eq!(small, names);
    assert_eq!(hits(&emulator, "datastores.list"), 9);
    Ok(())
}

#[tokio::test]
async fn nothing_is_requested_before_the_first_poll() -> oc_core::Result<()> {
    let emulator = emulator().await;
    let client = client_for(&emulator);
    let list = list_stores(&client, emulator.universe_id()).limit(2);
    assert_eq!(hits(&emulator, "datastores.list"), 0);
    let request = oc_core::offline::request(&list)?;
    assert_eq!(request.uri().query(), Some("limit=2"));
    drop(list);
    assert_eq!(hits(&emulator, "datastores.list"), 0);
    Ok(())
}

#[tokio::test]
async fn a_repeated_cursor_stops_the_pager_with_an_error() {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    for i in 0..5 {
        emulator.add_data_store(universe, &format!("store-{i}"));
    }
    emulator.inject_fault(FaultRule {
        route: "datastores.list".into(),
        repeat_cursor: true,
        ..FaultRule::default()
    });
    let client = client_for(&emulator);
    let results: Vec<oc_core::Result<String>> = list_stores(&client, universe)
        .page_size(2)
        .take(50)
        .collect()
        .await;
    assert!(
        results.len() < 10,
        "the pager looped: {} results",
        results.len()
    );
    assert!(
        matches!(
            results.last(),
            Some(Err(Error::Pagination(
                PaginationError::RepeatedCursor { .. }
            )))
        ),
        "{results:?}"
    );
}

#[tokio::test]
async fn the_pager_config_is_the_clients() -> oc_core::Result<()> {
    let emulator = emulator().await;
    let client = builder_for(&emulator)
        .pager(PagerConfig::default().with_max_empty_pages(3))
        .build()?;
    assert_eq!(client.pager_config().max_empty_pages, 3);
    Ok(())
}

/// A service that answers empty pages, each with a fresh cursor, forever.
async fn endless_empty_pages() -> oc_emulator::EmulatorHandle {
    let emulator = emulator().await;
    for i in 0..3 {
        emulator.add_data_store(emulator.universe_id(), &format!("store-{i}"));
    }
    emulator.inject_fault(FaultRule {
        route: "datastores.list".into(),
        empty_pages: true,
        ..FaultRule::default()
    });
    emulator
}

#[tokio::test]
async fn a_run_of_empty_pages_stops_the_list_with_an_error() -> oc_core::Result<()> {
    let emulator = endless_empty_pages().await;
    let client = builder_for(&emulator)
        .pager(PagerConfig::default().with_max_empty_pages(4))
        .build()?;
    let results: Vec<oc_core::Result<String>> = list_stores(&client, emulator.universe_id())
        .take(1000)
        .collect()
        .await;
    match &results[..] {
        [Err(Error::Pagination(PaginationError::EmptyPages { pages: 4 }))] => {}
        other => panic!("expected the empty-page error alone, got {other:?}"),
    }
    assert_eq!(hits(&emulator, "datastores.list"), 4);
    Ok(())
}

#[tokio::test]
async fn a_limit_bounds_the_requests_as_well_as_the_items() -> oc_core::Result<()> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    for i in 0..20 {
        emulator.add_data_store(universe, &format!("store-{i:02}"));
    }
    // Empty pages scattered among real ones, never three in a row on purpose: whatever
    // the draw, a limit of 5 with a run bound of 3 may send at most 5 + 3 requests.
    emulator.inject_fault(FaultRule {
        route: "datastores.list".into(),
        empty_pages: true,
        fraction: Some(0.6),
        ..FaultRule::default()
    });
    let client = builder_for(&emulator)
        .pager(PagerConfig::default().with_max_empty_pages(3))
        .build()?;
    for _ in 0..5 {
        emulator.clear_requests();
        let results: Vec<oc_core::Result<String>> = list_stores(&client, universe)
            .page_size(1)
            .limit(5)
            .collect()
            .await;
        let sent = hits(&emulator, "datastores.list");
        assert!(
            sent <= 5 + 3,
            "{sent} requests for a limit of 5: {results:?}"
        );
        match results.last() {
            Some(Ok(_)) => assert_eq!(results.len(), 5),
            Some(Err(Error::Pagination(
                PaginationError::TooManyPages { requests: 8 } | PaginationError::EmptyPages { .. },
            ))) => {}
            other => panic!("unexpected end {other:?}"),
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_list_resumes_when_the_service_pages_again() -> oc_core::Result<()> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    let names: Vec<String> = (0..4).map(|i| format!("store-{i}")).collect();
    for name in &names {
        emulator.add_data_store(universe, name);
    }
    // Two empty pages first, then the real list: below the bound, nothing is lost.
    emulator.inject_fault(FaultRule {
        route: "datastores.list".into(),
        empty_pages: true,
        times: Some(2),
        ..FaultRule::default()
    });
    let client = client_for(&emulator);
    let listed: Vec<String> = list_stores(&client, universe).try_collect().await?;
    assert_eq!(listed, names);
    Ok(())
}
