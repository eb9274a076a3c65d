//! The client benchmarks, built and run in release by `cargo xtask bench`.
//!
//! Each section measures one operation through a bare hyper-util client (the baseline) and
//! through this project's client, both against the emulator, which runs as a separate
//! process so that the CPU time measured is the client's alone. Sections today:
//! [`messaging`], [`datastores`], [`datastores_v2`], [`user_restrictions`], [`memory_stores`]
//! and [`assets`] (a 100 MiB upload,
//! with peak memory). A new
//! one is a module like them, with its bare and client [`measure::Target`]s in [`bare`] and
//! [`client`]. [`oauth2`] and [`webhook`] are the exceptions: they measure id_token
//! verification and notification verification and parsing, with no network in the loop.
//! Allocations are counted by the bench's global allocator ([`alloc`]).

mod alloc;
mod args;
mod assets;
mod bare;
mod client;
mod datastores;
mod datastores_v2;
mod emulator;
mod measure;
mod memory_stores;
mod messaging;
mod oauth2;
mod report;
mod user_restrictions;
mod webhook;

use std::process::ExitCode;

use args::Options;
use emulator::Emulator;

/// Any error of the benchmarks; `Send` so it can cross from a task.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprint!("bench: {error}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench: error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<(), BoxError> {
    if cfg!(debug_assertions) {
        eprintln!("bench: warning: a debug build measures little; run `cargo xtask bench`");
    }
    let emulator = Emulator::start(&options.emulator)?;
    println!(
        "emulator: {} (pid {}), universe {}",
        emulator.base_url,
        emulator.pid(),
        emulator.universe_id
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let sections = messaging::run(&runtime, &emulator, options).and_then(|messaging| {
        let mut sections: Vec<_> = messaging.into_iter().collect();
        sections.extend(datastores::run(&runtime, &emulator, options)?);
        sections.extend(user_restrictions::run(&runtime, &emulator, options)?);
        sections.extend(datastores_v2::run(&runtime, &emulator, options)?);
        sections.extend(memory_stores::run(&runtime, &emulator, options)?);
        Ok(sections)
    });
    let upload = if options.runs_section("assets") {
        assets::run(&runtime, &emulator, options).map(Some)
    } else {
        Ok(None)
    };
    drop(runtime);
    let sections = sections.inspect_err(|_| emulator.print_log_tail())?;
    let upload = upload.inspect_err(|_| emulator.print_log_tail())?;
    let mut all_met = true;
    for section in &sections {
        all_met &= section.print(options);
    }
    if let Some(upload) = upload {
        all_met &= upload.print();
    }
    if options.runs_section("oauth2") {
        all_met &= oauth2::run(&emulator, options)?;
    }
    if options.runs_section("webhook") {
        all_met &= webhook::run(options)?;
    }
    println!(
        "{}",
        if all_met {
            "goals: all met"
        } else {
            "goals: some missed (reported, not enforced)"
        }
    );
    Ok(())
}
