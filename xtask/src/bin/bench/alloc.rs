//! Allocations counted process-wide: the bench's global allocator is the system one
//! wrapped by `stats_alloc`, which counts every call in atomics (a crate, because the
//! workspace forbids the `unsafe` a `GlobalAlloc` needs).

use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Allocator calls so far, every thread of the process included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// `alloc` and `alloc_zeroed` calls.
    pub allocations: u64,
    /// `realloc` calls.
    pub reallocations: u64,
}

impl Count {
    /// The counts now.
    pub fn now() -> Count {
        let stats = GLOBAL.stats();
        Count {
            allocations: stats.allocations as u64,
            reallocations: stats.reallocations as u64,
        }
    }

    /// The calls made since `earlier`.
    pub fn since(self, earlier: Count) -> Count {
        Count {
            allocations: self.allocations.saturating_sub(earlier.allocations),
            reallocations: self.reallocations.saturating_sub(earlier.reallocations),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_allocations() {
        let before = Count::now();
        let boxed = std::hint::black_box(Box::new([0u8; 64]));
        drop(boxed);
        assert!(Count::now().since(before).allocations >= 1);
    }
}
