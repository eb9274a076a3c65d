//! Sections of results and the table they print.

use tokio::runtime::Runtime;

use crate::args::Options;
use crate::measure::{median, Load, Sample};
use crate::BoxError;

/// What the project's client must reach against the baseline (reported, not enforced).
#[derive(Debug, Clone, Copy)]
pub struct Goals {
    /// Lowest acceptable throughput, ours over the baseline's.
    pub min_throughput_ratio: f64,
    /// Highest acceptable CPU time per request, ours over the baseline's.
    pub max_cpu_ratio: f64,
}

/// A client to compare: its name, and how to build a fresh one.
pub type Contender<'a> = (
    &'static str,
    &'a dyn Fn() -> Result<Box<dyn Load>, BoxError>,
);

/// The bare client and ours, as `options.clients` selects them (the bare one first).
pub fn contenders<'a>(
    options: &Options,
    bare: &'a dyn Fn() -> Result<Box<dyn Load>, BoxError>,
    ours: &'a dyn Fn() -> Result<Box<dyn Load>, BoxError>,
) -> Vec<Contender<'a>> {
    let mut contenders: Vec<Contender<'a>> = Vec::new();
    if options.measures("bare") {
        contenders.push((crate::bare::NAME, bare));
    }
    if options.measures("ours") {
        contenders.push((crate::client::NAME, ours));
    }
    contenders
}

/// The medians of one client at one concurrency level.
#[derive(Debug)]
pub struct Row {
    /// Tasks sharing the client.
    pub concurrency: usize,
    /// Which client.
    pub client: &'static str,
    /// Median requests per second.
    pub throughput: f64,
    /// Half the range of the runs' throughputs, relative to the median.
    pub spread: f64,
    /// Median CPU microseconds per request.
    pub cpu_per_request: Option<f64>,
    /// Median allocations per request (the whole process's, every thread).
    pub allocations: f64,
    /// Median reallocations per request.
    pub reallocations: f64,
}

/// One benchmark: rows by concurrency, the baseline first in each group.
#[derive(Debug)]
pub struct Section {
    title: String,
    goals: Goals,
    rows: Vec<Row>,
}

impl Section {
    /// An empty section.
    pub fn new(title: String, goals: Goals) -> Section {
        Section {
            title,
            goals,
            rows: Vec::new(),
        }
    }

    /// Measures each contender `options.runs` times at `concurrency`, taking turns (who goes
    /// first alternates) so that drift in the emulator touches all alike. Each run builds
    /// the contender afresh (a new connection pool, so no run inherits another's
    /// connection layout) and warms it up first. The first contender is the baseline.
    pub fn measure(
        &mut self,
        runtime: &Runtime,
        contenders: &[Contender<'_>],
        concurrency: usize,
        options: &Options,
    ) -> Result<(), BoxError> {
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); contenders.len()];
        for run in 1..=options.runs {
            let mut order: Vec<usize> = (0..contenders.len()).collect();
            if run % 2 == 0 {
                order.reverse();
            }
            for index in order {
                let (name, build) = &contenders[index];
                let load = build()?;
                load.sample(runtime, options.warmup, concurrency)?;
                let sample = load.sample(runtime, options.requests, concurrency)?;
                eprintln!(
                    "  run {run}/{}: {name} at concurrency {concurrency}: {:.0} req/s, {} CPU µs/req, {:.1} allocs/req",
                    options.runs,
                    sample.throughput(),
                    sample.cpu_per_request().map_or("?".into(), |c| format!("{c:.1}")),
                    sample.allocations_per_request(),
                );
                samples[index].push(sample);
            }
        }
        for ((name, _), samples) in contenders.iter().zip(samples) {
            let throughputs: Vec<f64> = samples.iter().map(Sample::throughput).collect();
            let throughput = median(throughputs.clone()).unwrap_or_default();
            let low = throughputs.iter().copied().fold(f64::INFINITY, f64::min);
            let high = throughputs.iter().copied().fold(0.0, f64::max);
            self.rows.push(Row {
                concurrency,
                client: name,
                throughput,
                spread: (high - low) / 2.0 / throughput.max(f64::MIN_POSITIVE),
                cpu_per_request: median(
                    samples.iter().filter_map(Sample::cpu_per_request).collect(),
                ),
                allocations: median(
                    samples
                        .iter()
                        .map(Sample::allocations_per_request)
                        .collect(),
                )
                .unwrap_or_default(),
                reallocations: median(
                    samples
                        .iter()
                        .map(Sample::reallocations_per_request)
                        .collect(),
                )
                .unwrap_or_default(),
            });
        }
        Ok(())
    }

    /// Prints the table; whether every goal was met.
    pub fn print(&self, options: &Options) -> bool {
        println!();
        println!("== {} ==", self.title);
        println!(
            "{} requests per run, median of {} runs, after {} warm-up requests; client CPU only; \
             allocs/req: alloc (+realloc) calls of the bench process",
            options.requests, options.runs, options.warmup
        );
        let header = format!(
            "{:>11}  {:<16} {:>9} {:>7} {:>11} {:>13}  {:<23} {}",
            "concurrency",
            "client",
            "req/s",
            "spread",
            "CPU µs/req",
            "allocs/req",
            "req/s vs baseline",
            "CPU vs baseline"
        );
        println!("{}", header.trim_end());
        let mut all_met = true;
        let mut baseline: Option<&Row> = None;
        for row in &self.rows {
            if baseline.is_none_or(|b| b.concurrency != row.concurrency) {
                baseline = Some(row);
            }
            let mut throughput_verdict = String::new();
            let mut cpu_verdict = String::new();
            if let Some(base) = baseline.filter(|b| !std::ptr::eq(*b, row)) {
                let ratio = row.throughput / base.throughput.max(f64::MIN_POSITIVE);
                let met = ratio >= self.goals.min_throughput_ratio;
                all_met &= met;
                throughput_verdict = verdict(ratio, '≥', self.goals.min_throughput_ratio, met);
                if let (Some(ours), Some(theirs)) = (row.cpu_per_request, base.cpu_per_request) {
                    let ratio = ours / theirs.max(f64::MIN_POSITIVE);
                    let met = ratio <= self.goals.max_cpu_ratio;
                    all_met &= met;
                    cpu_verdict = verdict(ratio, '≤', self.goals.max_cpu_ratio, met);
                } else {
                    cpu_verdict = "not measured".into();
                }
            }
            let line = format!(
                "{:>11}  {:<16} {:>9.0} {:>6.1}% {:>11} {:>13}  {:<23} {}",
                row.concurrency,
                row.client,
                row.throughput,
                row.spread * 100.0,
                row.cpu_per_request
                    .map_or("?".into(), |c| format!("{c:.1}")),
                format!("{:.1} (+{:.1})", row.allocations, row.reallocations),
                throughput_verdict,
                cpu_verdict
            );
            println!("{}", line.trim_end());
        }
        all_met
    }
}

fn verdict(ratio: f64, relation: char, goal: f64, met: bool) -> String {
    format!(
        "{ratio:.3} ({relation} {goal:.2} {})",
        if met { "met" } else { "MISSED" }
    )
}
