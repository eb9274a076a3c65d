//! `rblx-oc`: the command line for Roblox Open Cloud, a thin layer over the
//! `rblx-open-cloud` library. See the crate's README for every command group.

mod commands;
mod context;
mod exit;
mod local_http;
mod output;
mod progress;
mod wire_names;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::json;

use crate::commands::{
    assets::Assets,
    datastore::Datastore,
    datastore_v2::DatastoreV2,
    instance::InstanceCommand,
    luau::Luau,
    memory_store::MemoryStore,
    messaging::Messaging,
    oauth2::OAuth2Command,
    ordered::Ordered,
    people::{
        GroupCommand, InventoryCommand, NotificationCommand, SubscriptionCommand, UserCommand,
    },
    universe::{PlaceCommand, UniverseCommand},
    user_restriction::UserRestrictionCommand,
    webhook::WebhookCommand,
};
use crate::context::{Context, Failure, Global};

/// The command line for Roblox Open Cloud.
#[derive(Debug, Parser)]
#[command(
    name = "rblx-oc",
    version,
    about = "The command line for Roblox Open Cloud",
    long_about = "The command line for Roblox Open Cloud: data stores, messaging, universes and \
places, Luau execution, assets, user restrictions, ... Each command is one library call of \
rblx-open-cloud. Results print as text, or as JSON with --json (lists: one object per line).",
    after_help = exit::HELP_FOOTER
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// MessagingService: publish to a topic.
    #[command(subcommand)]
    Messaging(Messaging),
    /// Standard data stores (v1): get, set, increment, remove, list keys, versions, stores.
    #[command(subcommand)]
    Datastore(Datastore),
    /// Standard data stores through Cloud v2: revisions, etags, delete/undelete, snapshots.
    #[command(subcommand, name = "datastore-v2")]
    DatastoreV2(DatastoreV2),
    /// Ordered data stores (v1, or Cloud v2 with --v2): get, set, increment, remove, list.
    OrderedDatastore(Ordered),
    /// Experiences (universes): settings, server restarts.
    #[command(subcommand)]
    Universe(UniverseCommand),
    /// Places: settings, publishing a place file.
    #[command(subcommand)]
    Place(PlaceCommand),
    /// Luau execution: run a script against a place version.
    #[command(subcommand)]
    Luau(Luau),
    /// User restrictions (bans): get, ban, unban, list, logs.
    #[command(subcommand)]
    UserRestriction(UserRestrictionCommand),
    /// Assets: upload, get, versions, rollback, archive, restore.
    #[command(subcommand)]
    Assets(Assets),
    /// Users: profiles, avatar thumbnails.
    #[command(subcommand)]
    User(UserCommand),
    /// Groups: details, roles, members, join requests.
    #[command(subcommand)]
    Group(GroupCommand),
    /// Inventories: the items a user owns.
    #[command(subcommand)]
    Inventory(InventoryCommand),
    /// Experience notifications to users.
    #[command(subcommand)]
    Notification(NotificationCommand),
    /// Subscriptions to an experience's subscription products.
    #[command(subcommand)]
    Subscription(SubscriptionCommand),
    /// Instances of a place (Engine Instance API): get, children, update a script's source.
    #[command(subcommand)]
    Instance(InstanceCommand),
    /// Memory stores: queues, sorted maps, flushing.
    #[command(subcommand)]
    MemoryStore(MemoryStore),
    /// OAuth 2.0: sign in with Roblox from a terminal.
    #[command(subcommand)]
    Oauth2(OAuth2Command),
    /// Webhooks: a local receiver that verifies signatures.
    #[command(subcommand)]
    Webhook(WebhookCommand),
    /// Prints a shell completion script.
    #[command(
        after_help = "Example:\n  rblx-oc completions bash > /etc/bash_completion.d/rblx-oc"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

impl Command {
    fn is_write(&self) -> bool {
        match self {
            Command::Messaging(c) => c.is_write(),
            Command::Datastore(c) => c.is_write(),
            Command::DatastoreV2(c) => c.is_write(),
            Command::OrderedDatastore(c) => c.is_write(),
            Command::Universe(c) => c.is_write(),
            Command::Place(c) => c.is_write(),
            Command::Luau(c) => c.is_write(),
            Command::UserRestriction(c) => c.is_write(),
            Command::Assets(c) => c.is_write(),
            Command::User(_) | Command::Inventory(_) | Command::Subscription(_) => false,
            Command::Notification(_) => true,
            Command::Oauth2(_) | Command::Webhook(_) | Command::Completions { .. } => false,
            Command::Group(c) => c.is_write(),
            Command::Instance(c) => c.is_write(),
            Command::MemoryStore(c) => c.is_write(),
        }
    }

    async fn run(self, ctx: &Context) -> Result<(), Failure> {
        match self {
            Command::Messaging(c) => c.run(ctx).await,
            Command::Datastore(c) => c.run(ctx).await,
            Command::DatastoreV2(c) => c.run(ctx).await,
            Command::OrderedDatastore(c) => c.run(ctx).await,
            Command::Universe(c) => c.run(ctx).await,
            Command::Place(c) => c.run(ctx).await,
            Command::Luau(c) => c.run(ctx).await,
            Command::UserRestriction(c) => c.run(ctx).await,
            Command::Assets(c) => c.run(ctx).await,
            Command::User(c) => c.run(ctx).await,
            Command::Group(c) => c.run(ctx).await,
            Command::Inventory(c) => c.run(ctx).await,
            Command::Notification(c) => c.run(ctx).await,
            Command::Subscription(c) => c.run(ctx).await,
            Command::Instance(c) => c.run(ctx).await,
            Command::MemoryStore(c) => c.run(ctx).await,
            Command::Oauth2(c) => c.run(ctx).await,
            Command::Webhook(c) => c.run(ctx).await,
            Command::Completions { shell } => {
                let mut command = <Cli as clap::CommandFactory>::command();
                clap_complete::generate(shell, &mut command, "rblx-oc", &mut std::io::stdout());
                Ok(())
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context::new(cli.global);
    let write = cli.command.is_write();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return report(&ctx, Failure::Local(format!("cannot start: {e}")), write),
    };
    match runtime.block_on(cli.command.run(&ctx)) {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(failure) => report(&ctx, failure, write),
    }
}

/// Prints a failure on stderr (JSON with `--json`) and picks its exit code.
fn report(ctx: &Context, failure: Failure, write: bool) -> ExitCode {
    let (code, message, api) = match &failure {
        Failure::Api(error) => (
            exit::for_error(error, write),
            error.to_string(),
            Some(error),
        ),
        Failure::Local(message) => (exit::OTHER, message.clone(), None),
        Failure::Reported => return ExitCode::from(exit::OTHER),
    };
    let api_error = api.and_then(|e| e.api_error());
    if ctx.out.json {
        let document = json!({"error": {
            "exitCode": code,
            "kind": exit::kind(code),
            "message": message,
            "status": api_error.map(|a| a.status().as_u16()),
            "code": api_error.and_then(|a| a.code()),
            "apiMessage": api_error.and_then(|a| a.message()),
            "mayHaveBeenApplied": api.is_some_and(|e| e.may_have_been_applied()),
        }});
        eprintln!("{document}");
    } else {
        eprintln!("error: {message}");
        if let Some(api_error) = api_error {
            if let (Some(code), Some(text)) = (api_error.code(), api_error.message()) {
                eprintln!("  {code}: {text}");
            }
        }
        if code == exit::MAY_HAVE_BEEN_APPLIED {
            eprintln!("  the write may have been applied: check before repeating it");
        }
    }
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The leaf subcommands (full names) whose help shows no `rblx-oc ...` example.
    fn without_example(
        command: &clap::Command,
        prefix: &str,
        leaves: &mut usize,
        missing: &mut Vec<String>,
    ) {
        for sub in command.get_subcommands() {
            let name = format!("{prefix} {}", sub.get_name());
            if sub.has_subcommands() {
                without_example(sub, &name, leaves, missing);
                continue;
            }
            *leaves += 1;
            let has = [sub.get_after_help(), sub.get_after_long_help()]
                .into_iter()
                .flatten()
                .any(|text| text.to_string().contains("rblx-oc "));
            if !has {
                missing.push(name);
            }
        }
    }

    #[test]
    fn every_subcommand_help_has_an_example() {
        let (mut leaves, mut missing) = (0, Vec::new());
        without_example(&Cli::command(), "rblx-oc", &mut leaves, &mut missing);
        assert!(leaves > 50, "the walk found {leaves} subcommands");
        assert!(missing.is_empty(), "no example in --help: {missing:#?}");
    }
}
