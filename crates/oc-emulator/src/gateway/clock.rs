//! Time: the emulator's [`Clock`], which tests move forward instead of waiting, and
//! timestamps in the form the v1 services write them: RFC 3339, UTC, with the seven
//! fractional digits of a .NET `DateTime` (e.g. `2022-02-18T22:38:59.9244932Z`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The time the v2 routes see: the system time plus an offset that only grows
/// ([`EmulatorHandle::advance_clock`](crate::EmulatorHandle::advance_clock)), so a test
/// reaches an expiry without sleeping.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    /// How far the clock was moved forward, in nanoseconds.
    offset_nanos: AtomicU64,
}

impl Clock {
    /// The current time.
    pub fn now(&self) -> SystemTime {
        let now = SystemTime::now();
        let offset = Duration::from_nanos(self.offset_nanos.load(Ordering::SeqCst));
        now.checked_add(offset).unwrap_or(now)
    }

    /// The current time, for the `time` crate.
    pub fn now_utc(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::from(self.now())
    }

    /// Moves the clock forward by `by` (saturating at about 584 years).
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        let _ = self
            .offset_nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |offset| {
                Some(offset.saturating_add(nanos))
            });
    }
}

/// The current time, formatted.
pub(crate) fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

/// `time` formatted with 100-nanosecond precision; times before 1970 print as the epoch.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    let since_epoch = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since_epoch.as_secs();
    let ticks = since_epoch.subsec_nanos() / 100;
    let days = secs / 86_400;
    let of_day = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{ticks:07}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_clock_moves_forward_when_told() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(86_400));
        let moved = clock.now().duration_since(before).unwrap_or_default();
        assert!(moved >= Duration::from_secs(86_400));
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        assert!(clock.now() > before);
    }

    #[test]
    fn formats_like_the_service() {
        let time = UNIX_EPOCH + Duration::new(1_645_223_939, 924_493_200);
        assert_eq!(rfc3339(time), "2022-02-18T22:38:59.9244932Z");
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.0000000Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(rfc3339(leap), "2000-02-29T00:00:00.0000000Z");
    }
}
