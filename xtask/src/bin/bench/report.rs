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
    /// Against the baseline (`None` for the baseline itself): the medians, over the
    /// rounds, of this client's figure over the baseline's in the same round.
    pub paired: Option<Paired>,
}

/// Ratios to the baseline taken round by round: each round measures both clients one
/// after the other, so a ratio within a round is free of what drifts between rounds (the
/// machine's load, the emulator's state); the median of those ratios is the figure the
/// goals are checked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paired {
    /// Median of the rounds' throughput ratios (ours over the baseline's).
    pub throughput: f64,
    /// Median of the rounds' CPU-per-request ratios; `None` where CPU is not measured.
    pub cpu: Option<f64>,
}

impl Paired {
    /// The paired ratios of `samples` against `baseline`, round by round (rounds missing
    /// from either side are left out); `None` when there is no round to pair.
    pub fn of(samples: &[Sample], baseline: &[Sample]) -> Option<Paired> {
        let rounds = || samples.iter().zip(baseline);
        let throughput = median(
            rounds()
                .map(|(ours, base)| ours.throughput() / base.throughput().max(f64::MIN_POSITIVE))
                .collect(),
        )?;
        let cpu = median(
            rounds()
                .filter_map(|(ours, base)| {
                    Some(ours.cpu_per_request()? / base.cpu_per_request()?.max(f64::MIN_POSITIVE))
                })
                .collect(),
        );
        Some(Paired { throughput, cpu })
    }
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
        let baseline = samples.first().cloned().unwrap_or_default();
        for (index, ((name, _), samples)) in contenders.iter().zip(samples).enumerate() {
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
                paired: if index == 0 {
                    None
                } else {
                    Paired::of(&samples, &baseline)
                },
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
        println!(
            "vs baseline: the median over the runs of ours / baseline within the same run \
             (ratio of the medians in brackets)"
        );
        let header = format!(
            "{:>11}  {:<16} {:>9} {:>7} {:>11} {:>13}  {:<31} {}",
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
                let of_medians = row.throughput / base.throughput.max(f64::MIN_POSITIVE);
                let ratio = row.paired.map_or(of_medians, |p| p.throughput);
                let met = ratio >= self.goals.min_throughput_ratio;
                all_met &= met;
                throughput_verdict = format!(
                    "{} [{of_medians:.3}]",
                    verdict(ratio, '≥', self.goals.min_throughput_ratio, met)
                );
                if let (Some(ours), Some(theirs)) = (row.cpu_per_request, base.cpu_per_request) {
                    let of_medians = ours / theirs.max(f64::MIN_POSITIVE);
                    let ratio = row.paired.and_then(|p| p.cpu).unwrap_or(of_medians);
                    let met = ratio <= self.goals.max_cpu_ratio;
                    all_met &= met;
                    cpu_verdict = format!(
                        "{} [{of_medians:.3}]",
                        verdict(ratio, '≤', self.goals.max_cpu_ratio, met)
                    );
                } else {
                    cpu_verdict = "not measured".into();
                }
            }
            let line = format!(
                "{:>11}  {:<16} {:>9.0} {:>6.1}% {:>11} {:>13}  {:<31} {}",
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::alloc;

    fn sample(wall_ms: u64, cpu_ms: Option<u64>) -> Sample {
        Sample {
            requests: 1000,
            wall: Duration::from_millis(wall_ms),
            cpu: cpu_ms.map(Duration::from_millis),
            allocations: alloc::Count::default(),
        }
    }

    #[test]
    fn paired_ratios_follow_the_rounds_not_the_medians() {
        // The machine slows down round by round; ours is 10% slower within each round.
        let baseline = [
            sample(100, Some(50)),
            sample(200, Some(100)),
            sample(300, Some(150)),
        ];
        let ours = [
            sample(110, Some(60)),
            sample(220, Some(120)),
            sample(330, Some(180)),
        ];
        let paired = Paired::of(&ours, &baseline);
        let paired = paired.map(|p| (p.throughput, p.cpu));
        let (throughput, cpu) = paired.unwrap_or_default();
        assert!((throughput - 100.0 / 110.0).abs() < 1e-9, "{throughput}");
        assert!(cpu.is_some_and(|c| (c - 1.2).abs() < 1e-9), "{cpu:?}");
        assert_eq!(Paired::of(&ours, &[]), None);
        let unmeasured = Paired::of(&[sample(100, None)], &[sample(100, Some(1))]);
        assert_eq!(unmeasured.and_then(|p| p.cpu), None);
    }
}
