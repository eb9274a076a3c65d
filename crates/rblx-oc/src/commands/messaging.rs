//! `rblx-oc messaging`: MessagingService.

use clap::Subcommand;
use rblx_open_cloud::prelude::*;
use serde_json::json;

use crate::context::{Context, Failure};

/// MessagingService commands.
#[derive(Debug, Subcommand)]
pub enum Messaging {
    /// Publishes a message to a topic of an experience's live servers.
    #[command(
        after_help = "Example:\n  rblx-oc messaging publish --universe 1234 announcements 'Server restart at noon'"
    )]
    Publish {
        /// The experience (universe) id.
        #[arg(long, short = 'u')]
        universe: u64,
        /// The topic (at most 80 characters).
        topic: String,
        /// The message (at most 1024 characters; encode structured data yourself).
        message: String,
        /// Let the retries repeat a publish that may have been delivered (duplicates possible).
        #[arg(long)]
        allow_duplicates: bool,
    },
}

impl Messaging {
    /// Whether the command changes something.
    pub fn is_write(&self) -> bool {
        true
    }

    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let client = ctx.client()?;
        match self {
            Messaging::Publish {
                universe,
                topic,
                message,
                allow_duplicates,
            } => {
                client
                    .experience(universe)
                    .publish_message(&topic, message)
                    .allow_duplicates(allow_duplicates)
                    .await?;
                ctx.out.done(
                    json!({"published": true, "topic": topic}),
                    &format!("published to {topic}"),
                );
            }
        }
        Ok(())
    }
}
