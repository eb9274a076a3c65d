//! Section: MessagingService publish, bare hyper-util against this project's client.

use tokio::runtime::Runtime;

use crate::args::Options;
use crate::emulator::Emulator;
use crate::measure::Load;
use crate::report::{self, Goals, Section};
use crate::{bare, client, BoxError};

/// The topic published to.
const TOPIC: &str = "bench";
/// The message published: a realistic small JSON payload, as a string.
const MESSAGE: &str =
    r#"{"event":"server-restart","inMinutes":5,"reason":"scheduled maintenance"}"#;

/// The project's client may be this much slower and costlier than the bare one.
const GOALS: Goals = Goals {
    min_throughput_ratio: 0.9,
    max_cpu_ratio: 1.3,
};

/// Measures publishing at each concurrency level of `options` (`None` when the section is
/// not asked for).
pub fn run(
    runtime: &Runtime,
    emulator: &Emulator,
    options: &Options,
) -> Result<Option<Section>, BoxError> {
    if !options.runs_section("publish") {
        return Ok(None);
    }
    let _context = runtime.enter();
    let bare = || -> Result<Box<dyn Load>, BoxError> {
        Ok(Box::new(bare::Publish::new(
            &emulator.base_url,
            &emulator.api_key,
            emulator.universe_id,
            TOPIC,
            MESSAGE,
        )?))
    };
    let ours = || -> Result<Box<dyn Load>, BoxError> {
        let client = client::client(&emulator.base_url, &emulator.api_key)?;
        Ok(Box::new(client::Publish::new(
            &client,
            emulator.universe_id,
            TOPIC,
            MESSAGE,
        )))
    };
    let contenders = report::contenders(options, &bare, &ours);
    let mut section = Section::new(
        format!(
            "messaging: publish_message, POST .../universes/{}/topics/{TOPIC}",
            emulator.universe_id
        ),
        GOALS,
    );
    for &concurrency in &options.concurrency {
        section.measure(runtime, &contenders, concurrency, options)?;
    }
    Ok(Some(section))
}
