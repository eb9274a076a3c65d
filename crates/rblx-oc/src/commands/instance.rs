//! `rblx-oc instance`: a place's instances through the Engine Instance API (scripts).

use std::path::PathBuf;
use std::pin::pin;
use std::time::Duration;

use clap::{Subcommand, ValueEnum};
use futures::TryStreamExt;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud::universes::{Instance, InstanceHandle};
use serde_json::{json, Value};

use crate::context::{invalid, read_file, Context, Failure};
use crate::progress::spinner;

/// Which place and instance.
#[derive(Debug, Clone, clap::Args)]
pub struct Target {
    /// The experience (universe) id.
    #[arg(long, short = 'u')]
    universe: u64,
    /// The place id.
    #[arg(long, short = 'p')]
    place: u64,
    /// The instance id (`root` for the data model).
    #[arg(default_value = "root")]
    instance: String,
    /// How long to wait for the operation, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    wait: u64,
}

/// The kind of script whose source `update` sets.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScriptKind {
    /// A `Script`.
    Script,
    /// A `LocalScript`.
    LocalScript,
    /// A `ModuleScript`.
    ModuleScript,
}

/// Instance commands.
#[derive(Debug, Subcommand)]
pub enum InstanceCommand {
    /// Shows an instance (a script's source included).
    #[command(
        after_help = "Example:\n  rblx-oc instance get -u 1234 -p 5678 44b188da-ce63-2b47-02e9-c68d004815fc"
    )]
    Get {
        #[command(flatten)]
        target: Target,
    },
    /// Lists an instance's children.
    #[command(after_help = "Example:\n  rblx-oc instance children -u 1234 -p 5678 root")]
    Children {
        #[command(flatten)]
        target: Target,
    },
    /// Replaces a script's source with a file's.
    #[command(
        after_help = "Example:\n  rblx-oc instance update -u 1234 -p 5678 44b188da-ce63-2b47-02e9-c68d004815fc --source src/main.server.luau"
    )]
    Update {
        #[command(flatten)]
        target: Target,
        /// The file holding the new source.
        #[arg(long)]
        source: PathBuf,
        /// The kind of script.
        #[arg(long, value_enum, default_value_t = ScriptKind::Script)]
        kind: ScriptKind,
    },
}

fn handle(client: &Client, target: &Target) -> InstanceHandle {
    client
        .experience(target.universe)
        .place(target.place)
        .instance(target.instance.clone())
}

fn instance_json(i: &Instance) -> Value {
    json!({
        "path": i.path,
        "id": i.id,
        "parentId": i.parent_id,
        "name": i.name,
        "className": i.class_name(),
        "hasChildren": i.has_children,
        "source": i.source(),
    })
}

fn instance_text(i: &Instance) -> String {
    let mut text = format!(
        "id: {}\nname: {}\nclass: {}\nparent: {}\nhas children: {}",
        i.id,
        i.name,
        i.class_name().unwrap_or("-"),
        i.parent_id.as_deref().unwrap_or("-"),
        i.has_children
    );
    if let Some(source) = i.source() {
        text.push_str("\nsource:\n");
        text.push_str(source);
    }
    text
}

impl InstanceCommand {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        matches!(self, InstanceCommand::Update { .. })
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        let out = ctx.out;
        match self {
            InstanceCommand::Get { target } => {
                let spin = spinner("reading the instance");
                let got = handle(&client, &target)
                    .get()
                    .wait(Duration::from_secs(target.wait))
                    .await;
                spin.finish_and_clear();
                let i = got?;
                out.one(&instance_json(&i), || instance_text(&i));
            }
            InstanceCommand::Children { target } => {
                let instance = handle(&client, &target);
                let list = instance
                    .list_children()
                    .page_timeout(Duration::from_secs(target.wait));
                let mut stream = pin!(list);
                let mut rows = out.list(&["ID", "NAME", "CLASS", "CHILDREN"]);
                while let Some(i) = stream.try_next().await? {
                    rows.row(
                        &instance_json(&i),
                        vec![
                            i.id.clone(),
                            i.name.clone(),
                            i.class_name().unwrap_or("-").to_owned(),
                            i.has_children.to_string(),
                        ],
                    );
                }
                rows.finish();
            }
            InstanceCommand::Update {
                target,
                source,
                kind,
            } => {
                let text = String::from_utf8(read_file("--source", &source)?)
                    .map_err(|_| invalid("--source", "the file is not UTF-8"))?;
                let update = handle(&client, &target).update();
                let update = match kind {
                    ScriptKind::Script => update.script_source(text),
                    ScriptKind::LocalScript => update.local_script_source(text),
                    ScriptKind::ModuleScript => update.module_script_source(text),
                };
                let spin = spinner("updating the instance");
                let updated = update.wait(Duration::from_secs(target.wait)).await;
                spin.finish_and_clear();
                let i = updated?;
                out.one(&instance_json(&i), || instance_text(&i));
            }
        }
        Ok(())
    }
}
