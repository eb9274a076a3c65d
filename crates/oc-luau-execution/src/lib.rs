//! Roblox Open Cloud Luau execution
//! (<https://create.roblox.com/docs/cloud/reference/features/luau-execution>): run a Luau
//! script against a version of a place, wait for it to end, read its return values and
//! its logs, and give it a large binary input.
//!
//! ```no_run
//! use std::time::Duration;
//! use futures::TryStreamExt;
//! use oc_luau_execution::ExperienceLuauExt;
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let task = client
//!     .experience(1234)
//!     .luau(5678) // the latest published version; `.version(n)` picks one
//!     .run("print('hello'); return 3 + 4")
//!     .timeout(Duration::from_secs(60))
//!     .await?;
//! let done = task.wait(Duration::from_secs(120)).await?;
//! println!("{:?}", done.results()); // [7]
//! let logs: Vec<String> = task.logs().try_collect().await?;
//! # Ok(()) }
//! ```
//!
//! Inputs are checked before anything is sent: ids are positive, the script is not empty
//! and at most [`MAX_SCRIPT_BYTES`], the timeout is at most [`MAX_TIMEOUT`], a binary
//! input is at most [`MAX_BINARY_INPUT_BYTES`] and belongs to the experience, task paths
//! have the documented shape.
//!
//! Creating a task (or a binary input) is not idempotent: the client retries it only when
//! the service certainly did not take it (a 429, or no connection), and an error after it
//! may have been applied says so ([`oc_core::Error::may_have_been_applied`]).
//!
//! [`LuauTaskHandle::wait`] polls with backoff (from 1 s, honouring 429 and
//! `Retry-After`). A task that ended `FAILED` is an [`oc_core::Error::Area`] whose detail
//! is a [`LuauTaskFailed`] carrying the Luau error message; one that ended `CANCELLED`, a
//! [`LuauTaskCancelled`]. At most ten incomplete tasks may exist per place: an eleventh
//! creation is a 429 ([`oc_core::Error::RateLimited`]).

#![forbid(unsafe_code)]

mod binary_input;
mod create;
mod failure;
mod handle;
mod logs;
mod path;
mod task;

pub use binary_input::{
    BinaryInput, CreateBinaryInput, UploadBinaryInput, UploadBytes, MAX_BINARY_INPUT_BYTES,
};
pub use create::{
    CreateTask, ExperienceLuauExt, LuauPlace, MAX_SCRIPT_BYTES, MAX_TIMEOUT, MIN_TIMEOUT,
};
pub use failure::{LuauTaskCancelled, LuauTaskFailed, AREA};
pub use handle::{GetTask, LuauTaskHandle, TaskView};
pub use logs::{ListLogs, LogItem, LogMessage, MessageType, MAX_LOG_PAGE};
pub use path::{TaskPath, MAX_ID_CHARS};
pub use task::{LuauTask, TaskError, TaskErrorCode, TaskState};
