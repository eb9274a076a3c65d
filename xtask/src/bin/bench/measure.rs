//! Load generation and measurement: wall time and the process's CPU time.

use std::future::Future;
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;

use crate::alloc;
use crate::BoxError;

/// One operation to measure, cheap to clone into each task.
pub trait Target: Clone + Send + Sync + 'static {
    /// Sends one request and checks the answer.
    fn call(&self) -> impl Future<Output = Result<(), BoxError>> + Send;
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Requests sent.
    pub requests: u64,
    /// Wall-clock time.
    pub wall: Duration,
    /// CPU time of this process (user + system, all threads); `None` where unknown.
    pub cpu: Option<Duration>,
    /// Allocator calls of this process during the run.
    pub allocations: alloc::Count,
}

impl Sample {
    /// Requests per second.
    pub fn throughput(&self) -> f64 {
        self.requests as f64 / self.wall.as_secs_f64().max(f64::MIN_POSITIVE)
    }

    /// CPU microseconds per request.
    pub fn cpu_per_request(&self) -> Option<f64> {
        Some(self.cpu?.as_secs_f64() * 1e6 / self.requests.max(1) as f64)
    }

    /// Allocations (`alloc` calls) per request.
    pub fn allocations_per_request(&self) -> f64 {
        self.allocations.allocations as f64 / self.requests.max(1) as f64
    }

    /// Reallocations (`realloc` calls) per request.
    pub fn reallocations_per_request(&self) -> f64 {
        self.allocations.reallocations as f64 / self.requests.max(1) as f64
    }
}

/// A [`Target`] behind `dyn`, so a section can list the clients it compares.
pub trait Load {
    /// Sends `requests` requests from `concurrency` tasks, each sending its share one
    /// after the other, and measures the whole.
    fn sample(
        &self,
        runtime: &Runtime,
        requests: u64,
        concurrency: usize,
    ) -> Result<Sample, BoxError>;
}

impl<T: Target> Load for T {
    fn sample(
        &self,
        runtime: &Runtime,
        requests: u64,
        concurrency: usize,
    ) -> Result<Sample, BoxError> {
        let tasks = concurrency.max(1) as u64;
        let cpu_before = cpu_time();
        let allocations_before = alloc::Count::now();
        let started = Instant::now();
        runtime.block_on(async {
            let handles: Vec<_> = (0..tasks)
                .map(|task| {
                    let share = requests / tasks + u64::from(task < requests % tasks);
                    let target = self.clone();
                    tokio::spawn(async move {
                        for _ in 0..share {
                            target.call().await?;
                        }
                        Ok::<(), BoxError>(())
                    })
                })
                .collect();
            for handle in handles {
                handle.await??;
            }
            Ok::<(), BoxError>(())
        })?;
        let wall = started.elapsed();
        let allocations = alloc::Count::now().since(allocations_before);
        let cpu = cpu_time()
            .zip(cpu_before)
            .map(|(after, before)| after.saturating_sub(before));
        Ok(Sample {
            requests,
            wall,
            cpu,
            allocations,
        })
    }
}

/// User plus system CPU time of this process so far.
#[cfg(unix)]
pub fn cpu_time() -> Option<Duration> {
    use nix::sys::resource::{getrusage, UsageWho};
    use nix::sys::time::TimeValLike;
    let usage = getrusage(UsageWho::RUSAGE_SELF).ok()?;
    let micros = usage.user_time().num_microseconds() + usage.system_time().num_microseconds();
    Some(Duration::from_micros(u64::try_from(micros).ok()?))
}

/// CPU time is not measured here.
#[cfg(not(unix))]
pub fn cpu_time() -> Option<Duration> {
    None
}

/// The median (the mean of the middle two for an even count); `None` when empty.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(middle).copied(),
        _ => Some((values.get(middle - 1)? + values.get(middle)?) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn measures_cpu_time() {
        let before = cpu_time();
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        assert!(x != 1);
        if cfg!(unix) {
            assert!(cpu_time() > before);
        }
    }

    #[derive(Clone)]
    struct Nothing;

    impl Target for Nothing {
        async fn call(&self) -> Result<(), BoxError> {
            tokio::task::yield_now().await;
            Ok(())
        }
    }

    #[test]
    fn sends_exactly_the_requests_asked() -> Result<(), BoxError> {
        let runtime = tokio::runtime::Builder::new_multi_thread().build()?;
        let sample = Nothing.sample(&runtime, 10, 3)?;
        assert_eq!(sample.requests, 10);
        assert!(sample.throughput() > 0.0);
        Ok(())
    }
}
