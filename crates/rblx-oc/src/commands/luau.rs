//! `rblx-oc luau run`: run a Luau script against a place version and report its outcome.

use std::path::PathBuf;
use std::pin::pin;
use std::time::Duration;

use clap::Subcommand;
use futures::TryStreamExt;
use rblx_open_cloud::luau_execution::{LuauTask, LuauTaskFailed, LuauTaskHandle};
use rblx_open_cloud::prelude::*;
use serde_json::{json, Value};

use crate::context::{invalid, read_file, Context, Failure};
use crate::progress::spinner;

/// Luau execution commands.
#[derive(Debug, Subcommand)]
pub enum Luau {
    /// Runs a script file, waits for it, prints its logs and results. Exits 0 when the task
    /// completed, 1 when it failed.
    #[command(
        after_help = "Example:\n  rblx-oc luau run tests/smoke.luau --universe 1234 --place 5678 --version 42"
    )]
    Run {
        /// The Luau script file.
        file: PathBuf,
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The place id.
        #[arg(long, short = 'p')]
        place: u64,
        /// The place version (default: the latest published).
        #[arg(long)]
        version: Option<u64>,
        /// The script's own timeout on the service, in seconds.
        #[arg(long, value_name = "SECONDS")]
        task_timeout: Option<u64>,
        /// How long to wait for the task to end, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 600)]
        wait: u64,
        /// How often to ask whether the task ended, in seconds.
        #[arg(long, value_name = "SECONDS")]
        poll_interval: Option<f64>,
    },
}

impl Luau {
    /// Whether the command changes something (creating a task is not idempotent).
    pub fn is_write(&self) -> bool {
        true
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let Luau::Run {
            file,
            universe,
            place,
            version,
            task_timeout,
            wait,
            poll_interval,
        } = self;
        let script = String::from_utf8(read_file("file", &file)?)
            .map_err(|_| invalid("file", "the script is not UTF-8"))?;
        let experience = client.experience(universe);
        let mut target = experience.luau(place);
        if let Some(version) = version {
            target = target.version(version);
        }
        let mut create = target.run(script);
        if let Some(seconds) = task_timeout {
            create = create.timeout(Duration::from_secs(seconds));
        }
        let spin = spinner("creating the task");
        let mut task = match create.await {
            Ok(task) => task,
            Err(e) => {
                spin.finish_and_clear();
                return Err(e.into());
            }
        };
        if let Some(seconds) = poll_interval {
            let interval = Duration::try_from_secs_f64(seconds)
                .map_err(|_| invalid("--poll-interval", "not a number of seconds"))?;
            task = task.poll_interval(interval);
        }
        spin.set_message(format!("waiting for {}", task.path()));
        let outcome = task.wait(Duration::from_secs(wait)).await;
        spin.finish_and_clear();
        let (done, failure) = match outcome {
            Ok(done) => (done, None),
            Err(e) => match e.detail::<LuauTaskFailed>() {
                Some(failed) => ((*failed.task).clone(), Some(failed.message.clone())),
                None => return Err(e.into()),
            },
        };
        let logs = read_logs(&task).await?;
        report(ctx, &task, &done, &logs, failure.as_deref());
        if failure.is_some() {
            Err(Failure::Reported)
        } else {
            Ok(())
        }
    }
}

async fn read_logs(task: &LuauTaskHandle) -> Result<Vec<String>, Failure> {
    let mut logs = Vec::new();
    let mut stream = pin!(task.logs());
    while let Some(line) = stream.try_next().await? {
        logs.push(line);
    }
    Ok(logs)
}

fn report(
    ctx: &Context,
    task: &LuauTaskHandle,
    done: &LuauTask,
    logs: &[String],
    failure: Option<&str>,
) {
    let results = done.results.clone().unwrap_or_default();
    let value = json!({
        "path": task.path().to_string(),
        "state": done.state.to_string(),
        "results": results,
        "logs": logs,
        "error": done.error.as_ref().map(|e| json!({"code": e.code.to_string(), "message": e.message})),
    });
    if ctx.out.json {
        ctx.out.one(&value, String::new);
        return;
    }
    let mut text: Vec<String> = logs.to_vec();
    match failure {
        Some(message) => {
            // The failure goes to stderr; the logs stay on stdout.
            eprintln!("task failed: {message}");
        }
        None => text.push(format!("results: {}", Value::Array(results))),
    }
    ctx.out.one(&value, || text.join("\n"));
}
