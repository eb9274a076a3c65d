//! A task's logs: `GET …/luau-execution-sessions/{s}/tasks/{t}/logs?maxPageSize=&pageToken=&view=`,
//! answering `luauExecutionSessionTaskLogs` (chunks of messages) and `nextPageToken`
//! (<https://create.roblox.com/docs/cloud/reference/LuauExecutionSessionTaskLog>).

use std::fmt;

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::failure::AREA;
use crate::path::TaskPath;

/// The largest page the service gives (larger values are coerced to it), and its default.
pub const MAX_LOG_PAGE: usize = 10_000;

/// The kind of a log message, as the engine's `MessageType` names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessageType {
    /// `MESSAGE_TYPE_UNSPECIFIED` (or no type).
    Unspecified,
    /// `OUTPUT`: `print()` (the engine's `MessageOutput`).
    Output,
    /// `INFO`: the engine's `MessageInfo`.
    Info,
    /// `WARNING`: `warn()` (the engine's `MessageWarning`).
    Warning,
    /// `ERROR`: the engine's `MessageError`.
    Error,
    /// A type this client does not know, as the service spelled it.
    Other(String),
}

impl MessageType {
    /// Reads the wire spelling (`"WARNING"`).
    pub fn parse(text: &str) -> MessageType {
        match text {
            "" | "MESSAGE_TYPE_UNSPECIFIED" => MessageType::Unspecified,
            "OUTPUT" => MessageType::Output,
            "INFO" => MessageType::Info,
            "WARNING" => MessageType::Warning,
            "ERROR" => MessageType::Error,
            other => MessageType::Other(other.to_owned()),
        }
    }

    /// The wire spelling.
    pub fn as_str(&self) -> &str {
        match self {
            MessageType::Unspecified => "MESSAGE_TYPE_UNSPECIFIED",
            MessageType::Output => "OUTPUT",
            MessageType::Info => "INFO",
            MessageType::Warning => "WARNING",
            MessageType::Error => "ERROR",
            MessageType::Other(other) => other,
        }
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A log message with its type and time (the STRUCTURED view).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LogMessage {
    /// The text.
    pub message: String,
    /// When it was produced.
    pub create_time: Option<OffsetDateTime>,
    /// Its kind.
    pub message_type: MessageType,
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for String {}
    impl Sealed for super::LogMessage {}
}

/// What a log list yields: `String` (the FLAT view) or [`LogMessage`] (the STRUCTURED
/// view).
pub trait LogItem: sealed::Sealed + Clone + Send + Sync + Unpin + 'static {
    /// The `view` query value.
    const VIEW: &'static str;

    #[doc(hidden)]
    fn from_chunk(chunk: WireChunk) -> Vec<Self>;
}

impl LogItem for String {
    const VIEW: &'static str = "FLAT";

    fn from_chunk(chunk: WireChunk) -> Vec<String> {
        if chunk.messages.is_empty() {
            chunk
                .structured_messages
                .into_iter()
                .map(|m| m.message)
                .collect()
        } else {
            chunk.messages
        }
    }
}

impl LogItem for LogMessage {
    const VIEW: &'static str = "STRUCTURED";

    fn from_chunk(chunk: WireChunk) -> Vec<LogMessage> {
        if chunk.structured_messages.is_empty() {
            chunk
                .messages
                .into_iter()
                .map(|message| LogMessage {
                    message,
                    create_time: None,
                    message_type: MessageType::Unspecified,
                })
                .collect()
        } else {
            chunk
                .structured_messages
                .into_iter()
                .map(|m| LogMessage {
                    message: m.message,
                    create_time: m.create_time,
                    message_type: MessageType::parse(m.message_type.as_deref().unwrap_or("")),
                })
                .collect()
        }
    }
}

/// One chunk of a log page, as the service writes it (either list may be absent).
#[doc(hidden)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireChunk {
    #[serde(default)]
    messages: Vec<String>,
    #[serde(default)]
    structured_messages: Vec<WireLogMessage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLogMessage {
    #[serde(default)]
    message: String,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(default)]
    message_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    luau_execution_session_task_logs: Vec<WireChunk>,
    #[serde(default)]
    next_page_token: Option<String>,
}

/// A task's log messages, oldest first: a `Stream` of `String`s (FLAT) or of
/// [`LogMessage`]s (STRUCTURED), across pages and chunks. The page size counts messages.
/// Nothing is requested before the first poll.
#[must_use = "a list does nothing until it is polled"]
pub struct ListLogs<T> {
    client: Client,
    path: TaskPath,
    paging: Paging<T>,
}

impl<T> Clone for ListLogs<T> {
    fn clone(&self) -> Self {
        ListLogs {
            client: self.client.clone(),
            path: self.path.clone(),
            paging: self.paging.clone(),
        }
    }
}

impl<T> fmt::Debug for ListLogs<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListLogs")
            .field("path", &self.path)
            .field("paging", &self.paging)
            .finish()
    }
}

impl<T> ListLogs<T> {
    pub(crate) fn new(client: Client, path: TaskPath) -> Self {
        ListLogs {
            client,
            path,
            paging: Paging::new(MAX_LOG_PAGE),
        }
    }
}

impl<T: LogItem> Endpoint for ListLogs<T> {
    type Output = Page<T>;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "list_luau_task_logs";

    fn client(&self) -> &Client {
        &self.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let base = format!("{}/logs", self.path.request_path()?);
        let query = self.paging.query_v2(Query::new()).pair("view", T::VIEW);
        request::build(Method::GET, &query.with_path(&base), Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Page<T>, Error> {
        let page: WirePage = oc_core::response::json(&answer)?;
        Ok(Page {
            items: page
                .luau_execution_session_task_logs
                .into_iter()
                .flat_map(T::from_chunk)
                .collect(),
            next_cursor: page.next_page_token,
        })
    }
}

impl<T: LogItem> PagedEndpoint for ListLogs<T> {
    type Item = T;

    fn paging(&self) -> &Paging<T> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<T> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListLogs<String>, ListLogs<LogMessage>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceLuauExt;
    use oc_core::offline;

    const PATH: &str = "universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t";

    #[test]
    fn both_views_build_and_read() -> Result<(), Error> {
        let client = Client::builder().api_key("k").build()?;
        let handle = client.experience(1).luau_task(PATH)?;
        let flat = handle.logs().limit(5).cursor("tok");
        assert_eq!(
            offline::request(&flat)?.uri(),
            format!("/cloud/v2/{PATH}/logs?maxPageSize=5&pageToken=tok&view=FLAT").as_str()
        );
        let page = offline::respond(
            &flat,
            200,
            &[],
            r#"{"luauExecutionSessionTaskLogs":[{"path":"x/logs/1","messages":["hello","multi\nline"]},{"path":"x/logs/2"}],"nextPageToken":""}"#,
        )?;
        assert_eq!(page.items, ["hello", "multi\nline"]);
        assert_eq!(page.next_cursor.as_deref(), Some(""));

        let structured = handle.structured_logs();
        assert_eq!(
            offline::request(&structured)?.uri().query(),
            Some("maxPageSize=10000&view=STRUCTURED")
        );
        let page = offline::respond(
            &structured,
            200,
            &[],
            r#"{"luauExecutionSessionTaskLogs":[{"structuredMessages":[{"message":"w","createTime":"2024-10-01T02:31:46.304Z","messageType":"WARNING"},{"message":"n","messageType":"NEW"}]}],"nextPageToken":"next"}"#,
        )?;
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[0].message_type, MessageType::Warning);
        assert!(page.items[0].create_time.is_some());
        assert_eq!(page.items[1].message_type, MessageType::Other("NEW".into()));
        assert_eq!(page.next_cursor.as_deref(), Some("next"));
        Ok(())
    }
}
