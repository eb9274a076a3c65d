//! The typed failures of a task: [`LuauTaskFailed`] and [`LuauTaskCancelled`], the
//! details of the [`oc_core::Error::Area`] that waiting on such a task gives.

use oc_core::{AreaError, Error};

use crate::path::TaskPath;
use crate::task::{LuauTask, TaskErrorCode};

/// The API area, as errors and tracing name it.
pub const AREA: &str = "luau-execution";

/// A task that ended `FAILED`: an unhandled script error (with the Luau error message),
/// a timeout, output over the size limit, or a failure of the service.
///
/// ```no_run
/// # use oc_luau_execution::{ExperienceLuauExt, LuauTaskFailed, TaskErrorCode};
/// # async fn demo(experience: oc_core::Experience) -> Result<(), oc_core::Error> {
/// let task = experience.luau(5678).run("error('no such player')").await?;
/// match task.wait(std::time::Duration::from_secs(60)).await {
///     Ok(done) => println!("{:?}", done.results()),
///     Err(error) => match error.detail::<LuauTaskFailed>() {
///         Some(failed) if failed.error_code == TaskErrorCode::ScriptError => {
///             eprintln!("the script failed: {}", failed.message)
///         }
///         _ => return Err(error),
///     },
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the Luau task {path} failed ({error_code}): {message}")]
#[non_exhaustive]
pub struct LuauTaskFailed {
    /// Why it failed.
    pub error_code: TaskErrorCode,
    /// The service's message: for a script error, the Luau error message.
    pub message: String,
    /// The task.
    pub path: TaskPath,
    /// The task as the service last described it.
    pub task: Box<LuauTask>,
}

/// A task that ended `CANCELLED` (stopped by its user).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the Luau task {path} was cancelled")]
#[non_exhaustive]
pub struct LuauTaskCancelled {
    /// The task.
    pub path: TaskPath,
    /// The task as the service last described it.
    pub task: Box<LuauTask>,
}

/// The error of a task that ended failed or cancelled; `None` for any other task.
pub(crate) fn failure_of(task: &LuauTask) -> Option<Error> {
    use crate::task::TaskState;
    match task.state {
        TaskState::Failed => {
            let (error_code, message) = task
                .error
                .as_ref()
                .map(|e| (e.code.clone(), e.message.clone()))
                .unwrap_or((TaskErrorCode::Unspecified, String::new()));
            Some(
                AreaError::new(
                    AREA,
                    LuauTaskFailed {
                        error_code,
                        message,
                        path: task.path.clone(),
                        task: Box::new(task.clone()),
                    },
                )
                .into(),
            )
        }
        TaskState::Cancelled => Some(
            AreaError::new(
                AREA,
                LuauTaskCancelled {
                    path: task.path.clone(),
                    task: Box::new(task.clone()),
                },
            )
            .into(),
        ),
        _ => None,
    }
}
