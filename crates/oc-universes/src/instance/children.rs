//! `GET /cloud/v2/universes/{u}/places/{p}/instances/{instance_id}:listChildren`
//! (<https://create.roblox.com/docs/cloud/reference/Instance#Cloud_ListInstanceChildren>).
//!
//! Each page is an operation whose response holds the children and the next page token:
//! `{"instances":[…],"nextPageToken":"…"}`. The one pager fetches a page, waits on its
//! operation, and passes the token back as `pageToken` on the next call.

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::operation::v2_poll_path;
use oc_core::v2::{Operation, OperationOutput, PollConfig};
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use super::Instance;
use crate::handles::InstanceHandle;

/// The largest page the service gives (larger values are coerced to 200).
pub const MAX_CHILDREN_PAGE: usize = 200;

/// How long the list waits on one page's operation, unless set with
/// [`ListChildren::page_timeout`].
pub const DEFAULT_PAGE_TIMEOUT: Duration = Duration::from_secs(60);

impl InstanceHandle {
    /// Lists the instance's direct children: a `Stream` of [`Instance`], page after page,
    /// each page's operation waited on. Nothing is requested before the first poll.
    pub fn list_children(&self) -> ListChildren {
        ListChildren {
            instance: self.clone(),
            paging: Paging::new(MAX_CHILDREN_PAGE),
            page_timeout: DEFAULT_PAGE_TIMEOUT,
            poll: PollConfig::default(),
        }
    }
}

/// The children of an instance: a `Stream` of [`Instance`].
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListChildren {
    instance: InstanceHandle,
    paging: Paging<Instance>,
    page_timeout: Duration,
    poll: PollConfig,
}

impl ListChildren {
    /// How long to wait on each page's operation (default one minute).
    pub fn page_timeout(mut self, timeout: Duration) -> Self {
        self.page_timeout = timeout;
        self
    }

    /// How each page's operation is polled (default: at once, then after 1 s, doubling
    /// up to 30 s).
    pub fn poll_config(mut self, config: PollConfig) -> Self {
        self.poll = config;
        self
    }
}

/// The response of a `:listChildren` operation.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChildrenPage {
    #[serde(default)]
    instances: Option<Vec<Instance>>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl OperationOutput for ChildrenPage {
    const AREA: &'static str = crate::AREA;

    fn poll_path(operation_path: &str) -> oc_core::Result<String> {
        v2_poll_path(operation_path)
    }
}

impl From<ChildrenPage> for Page<Instance> {
    fn from(page: ChildrenPage) -> Self {
        Page {
            items: page.instances.unwrap_or_default(),
            next_cursor: page.next_page_token,
        }
    }
}

/// One `:listChildren` call, answering the page's operation.
struct StartPage<'a>(&'a ListChildren);

impl Endpoint for StartPage<'_> {
    type Output = Operation<ChildrenPage>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_instance_children";

    fn client(&self) -> &Client {
        self.0.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        self.0.build_request()
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Operation<ChildrenPage>, Error> {
        Ok(Operation::from_answer(self.client(), &answer)?.poll_config(self.0.poll))
    }
}

impl Endpoint for ListChildren {
    type Output = Page<Instance>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_instance_children";

    fn client(&self) -> &Client {
        self.instance.place.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = format!("{}:listChildren", self.instance.path()?);
        let query = self.paging.query_v2(Query::new());
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    /// A page whose operation the service answered done; a running one is an error here
    /// (the list's stream waits on it instead).
    fn parse(&self, answer: http::Response<Bytes>) -> Result<Page<Instance>, Error> {
        let operation = StartPage(self).parse(answer)?;
        match operation.into_output() {
            Some(page) => Ok(page.into()),
            None => Err(Error::decode(
                "the page's operation is still running; the list's stream waits on it",
                None,
            )),
        }
    }
}

impl PagedEndpoint for ListChildren {
    type Item = Instance;

    fn paging(&self) -> &Paging<Instance> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<Instance> {
        &mut self.paging
    }

    async fn fetch_page(&self) -> oc_core::Result<Page<Instance>> {
        let operation = self.client().execute(&StartPage(self)).await?;
        Ok(operation.wait(self.page_timeout).await?.into())
    }
}

oc_core::list_stream!(ListChildren);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PlaceUniversesExt;
    use oc_core::offline;

    fn list() -> Result<ListChildren, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(1)
            .place(2)
            .root_instance()
            .list_children())
    }

    #[test]
    fn pages_are_asked_with_the_v2_parameters() -> Result<(), Error> {
        let request = offline::request(&list()?)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/1/places/2/instances/root:listChildren?maxPageSize=200"
        );
        let request = offline::request(&list()?.page_size(500).cursor("tok en").limit(7))?;
        assert_eq!(
            request.uri().query(),
            Some("maxPageSize=7&pageToken=tok+en")
        );
        Ok(())
    }

    #[test]
    fn a_done_page_carries_its_children_and_token() -> Result<(), Error> {
        let list = list()?;
        let page = offline::respond(
            &list,
            200,
            &[],
            r#"{"path":"universes/1/places/2/instances/root/operations/p1","done":true,
            "response":{"@type":"type.googleapis.com/roblox.open_cloud.cloud.v2.ListInstanceChildrenResponse",
            "instances":[{"path":"universes/1/places/2/instances/aa","hasChildren":true,
            "engineInstance":{"Id":"aa","Parent":"bb","Name":"Workspace","Details":{}}}],"nextPageToken":"next"}}"#,
        )?;
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].name, "Workspace");
        assert_eq!(page.next_cursor.as_deref(), Some("next"));
        let last = offline::respond(
            &list,
            200,
            &[],
            r#"{"path":"p/operations/x","done":true,"response":{"instances":[],"nextPageToken":""}}"#,
        )?;
        assert!(last.items.is_empty() && last.next_cursor.as_deref() == Some(""));
        let running =
            offline::respond(&list, 200, &[], r#"{"path":"p/operations/x","done":false}"#);
        assert!(matches!(running, Err(Error::Decode { .. })), "{running:?}");
        Ok(())
    }
}
