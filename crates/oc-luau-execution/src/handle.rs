//! A handle on one task: get it (`GET …/luau-execution-sessions/{s}/tasks/{t}?view=`),
//! wait for it to end, list its logs
//! (<https://create.roblox.com/docs/cloud/reference/LuauExecutionSessionTask>).

use std::future::IntoFuture;
use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::{poll_until, PollConfig};
use oc_core::{Body, Client, Endpoint, EndpointFuture, Error};

use crate::failure::{failure_of, AREA};
use crate::logs::{ListLogs, LogMessage};
use crate::path::TaskPath;
use crate::task::LuauTask;

/// What a get answers: BASIC leaves the script out, FULL includes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TaskView {
    /// Every field but the script (the default).
    #[default]
    Basic,
    /// Every field.
    Full,
}

impl TaskView {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskView::Basic => "BASIC",
            TaskView::Full => "FULL",
        }
    }
}

/// A task: [`get`](LuauTaskHandle::get) it, [`wait`](LuauTaskHandle::wait) for it to end,
/// list its [`logs`](LuauTaskHandle::logs).
///
/// Made by [`LuauPlace::run`](crate::LuauPlace::run), or by
/// [`LuauTaskHandle::resume`] from a path saved earlier.
#[derive(Debug, Clone)]
pub struct LuauTaskHandle {
    client: Client,
    path: TaskPath,
    task: Option<LuauTask>,
    poll: PollConfig,
}

impl LuauTaskHandle {
    /// A handle on the task at `path`
    /// (`universes/{u}/places/{p}/versions/{v}/luau-execution-sessions/{s}/tasks/{t}`);
    /// a path of another shape is an [`Error::InvalidInput`].
    pub fn resume(client: Client, path: &str) -> Result<Self, Error> {
        Ok(LuauTaskHandle {
            client,
            path: path.parse()?,
            task: None,
            poll: PollConfig::default(),
        })
    }

    /// A handle on the task at `path`.
    pub fn from_path(client: Client, path: TaskPath) -> Self {
        LuauTaskHandle {
            client,
            path,
            task: None,
            poll: PollConfig::default(),
        }
    }

    pub(crate) fn from_task(client: Client, task: LuauTask) -> Self {
        LuauTaskHandle {
            client,
            path: task.path.clone(),
            task: Some(task),
            poll: PollConfig::default(),
        }
    }

    /// The task's path.
    pub fn path(&self) -> &TaskPath {
        &self.path
    }

    /// The task as the call that created it answered it (`None` for a resumed handle).
    pub fn task(&self) -> Option<&LuauTask> {
        self.task.as_ref()
    }

    /// Sets how [`wait`](LuauTaskHandle::wait) polls (default: at once, then after 1 s,
    /// doubling up to 30 s).
    pub fn poll_config(mut self, config: PollConfig) -> Self {
        self.poll = config;
        self
    }

    /// Sets the pause after the first poll of [`wait`](LuauTaskHandle::wait) (it doubles
    /// after each poll; at least [`oc_core::v2::poll::MIN_INTERVAL`]).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll = self.poll.with_first_interval(interval);
        self
    }

    /// Reads the task once, in its BASIC view (no script) unless
    /// [`GetTask::view`] says otherwise.
    pub fn get(&self) -> GetTask<'_> {
        GetTask {
            client: &self.client,
            path: &self.path,
            view: TaskView::Basic,
        }
    }

    /// Polls the task until it ends, for at most `timeout`: at once, then after 1 s,
    /// doubling (see [`poll_until`]); a 429 pauses at least its `Retry-After`.
    ///
    /// Answers the task once `COMPLETE` (or in a state this client does not know). A task
    /// that ended `FAILED` is an [`Error::Area`] whose detail is a
    /// [`LuauTaskFailed`](crate::LuauTaskFailed), one `CANCELLED` a
    /// [`LuauTaskCancelled`](crate::LuauTaskCancelled); [`Error::Timeout`] when the next
    /// poll would start after `timeout`.
    pub fn wait(&self, timeout: Duration) -> EndpointFuture<'_, LuauTask> {
        EndpointFuture::from_future(async move {
            poll_until(timeout, self.poll, || {
                let get = self.get().into_future();
                async move {
                    let task = get.await?;
                    if task.state.is_running() {
                        return Ok(None);
                    }
                    match failure_of(&task) {
                        Some(error) => Err(error),
                        None => Ok(Some(task)),
                    }
                }
            })
            .await
        })
    }

    /// The task's log messages, oldest first, as plain text: a `Stream` of `String`s, one
    /// per `print()` call (even when it holds newlines).
    pub fn logs(&self) -> ListLogs<String> {
        ListLogs::new(self.client.clone(), self.path.clone())
    }

    /// The task's log messages with their type and time: a `Stream` of [`LogMessage`]s.
    pub fn structured_logs(&self) -> ListLogs<LogMessage> {
        ListLogs::new(self.client.clone(), self.path.clone())
    }
}

/// One read of a task; `.await` it for the [`LuauTask`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetTask<'a> {
    client: &'a Client,
    path: &'a TaskPath,
    view: TaskView,
}

impl GetTask<'_> {
    /// The view to read: [`TaskView::Full`] includes the script.
    pub fn view(mut self, view: TaskView) -> Self {
        self.view = view;
        self
    }
}

impl Endpoint for GetTask<'_> {
    type Output = LuauTask;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "get_luau_task";

    fn client(&self) -> &Client {
        self.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = Query::new()
            .pair("view", self.view.as_str())
            .with_path(&self.path.request_path()?);
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<LuauTask, Error> {
        LuauTask::from_answer(&answer)
    }
}

oc_core::endpoint_future!(GetTask<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ExperienceLuauExt, LuauTaskFailed, TaskErrorCode};
    use oc_core::offline;

    const PATH: &str = "universes/1/places/2/versions/3/luau-execution-sessions/s-1/tasks/t-1";

    #[test]
    fn gets_the_documented_path_in_either_view() -> Result<(), Error> {
        let client = Client::builder().api_key("k").build()?;
        let handle = client.experience(1).luau_task(PATH)?;
        let basic = offline::request(&handle.get())?;
        assert_eq!(basic.uri(), format!("/cloud/v2/{PATH}?view=BASIC").as_str());
        let full = offline::request(&handle.get().view(TaskView::Full))?;
        assert_eq!(full.uri().query(), Some("view=FULL"));
        assert!(matches!(
            client.experience(9).luau_task(PATH),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            LuauTaskHandle::resume(client.clone(), "universes/1/places/2"),
            Err(Error::InvalidInput(_))
        ));
        let task = offline::respond(
            &handle.get(),
            200,
            &[],
            format!(
                r#"{{"path":"{PATH}","state":"FAILED","error":{{"code":"SCRIPT_ERROR","message":"x"}}}}"#
            ),
        )?;
        let failure = failure_of(&task);
        let failed = failure.as_ref().and_then(|e| e.detail::<LuauTaskFailed>());
        assert_eq!(
            failed.map(|f| (&f.error_code, f.message.as_str())),
            Some((&TaskErrorCode::ScriptError, "x"))
        );
        Ok(())
    }
}
