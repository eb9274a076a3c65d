//! This process's resident memory, from `/proc/self/status`.
//!
//! The emulator runs in this process (the soak injects faults and reads published messages
//! and assets through its handle, which the binary does not offer), so the numbers include
//! the client, the runtime and the soak's own ledger, not the emulator alone.

/// Resident memory now and at its peak, in KiB (`None` where `/proc` is not available).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// `VmRSS`: resident now.
    pub rss_kib: u64,
    /// `VmHWM`: the peak so far.
    pub peak_kib: u64,
}

/// Reads this process's `VmRSS` and `VmHWM`.
pub fn sample() -> Option<Sample> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse(&status)
}

fn parse(status: &str) -> Option<Sample> {
    let field = |name: &str| {
        status.lines().find_map(|line| {
            let rest = line.strip_prefix(name)?.strip_prefix(':')?;
            rest.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()
        })
    };
    Some(Sample {
        rss_kib: field("VmRSS")?,
        peak_kib: field("VmHWM")?,
    })
}

/// KiB as MiB with one decimal.
pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// A signed difference of KiB as MiB with one decimal.
pub fn mib_delta(kib: i64) -> String {
    format!("{:+.1} MiB", kib as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rss_and_peak() {
        let status = "Name:\tsoak\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\n";
        assert_eq!(
            parse(status),
            Some(Sample {
                rss_kib: 10240,
                peak_kib: 20480
            })
        );
        assert_eq!(parse("Name:\tsoak\n"), None);
        assert_eq!(mib(1536), "1.5 MiB");
    }
}
