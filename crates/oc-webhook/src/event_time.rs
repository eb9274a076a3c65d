//! [`EventTime`]: when Roblox says an event happened, as .NET writes it
//! (`2023-12-30T16:24:24.2118874Z`, seven fractional digits).

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An RFC 3339 timestamp with up to nine fractional digits, kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventTime {
    text: String,
    /// Seconds since the Unix epoch (negative before 1970).
    seconds: i64,
    /// Nanoseconds within the second.
    nanos: u32,
}

impl EventTime {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `None` when it is not that.
    pub fn parse(text: &str) -> Option<EventTime> {
        EventTime::parse_owned(text.to_owned()).ok()
    }

    /// [`parse`](Self::parse), keeping `text` (given back when it is not a timestamp).
    pub(crate) fn parse_owned(text: String) -> Result<EventTime, String> {
        match EventTime::fields(&text) {
            Some((seconds, nanos)) => Ok(EventTime {
                text,
                seconds,
                nanos,
            }),
            None => Err(text),
        }
    }

    /// The seconds since the epoch and the nanoseconds of `text`.
    fn fields(text: &str) -> Option<(i64, u32)> {
        let b = text.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let year = digits(b, 0, 4)?;
        let month = digits(b, 5, 2)?;
        let day = digits(b, 8, 2)?;
        let hour = digits(b, 11, 2)?;
        let minute = digits(b, 14, 2)?;
        let second = digits(b, 17, 2)?;
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut rest = &b[19..];
        let mut nanos = 0u32;
        if let Some((b'.', fraction)) = rest.split_first() {
            let len = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
            if len == 0 || len > 9 {
                return None;
            }
            for (i, digit) in fraction[..len].iter().enumerate() {
                nanos += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
            }
            rest = &fraction[len..];
        }
        let offset = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = digits(&[*h1, *h2], 0, 2)?;
                let minutes = digits(&[*m1, *m2], 0, 2)?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let offset = hours * 3600 + minutes * 60;
                if *sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
        Some((seconds, nanos))
    }

    /// The timestamp as Roblox wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds within the second (the seven digits .NET writes are 100 ns ticks).
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The instant, as a [`SystemTime`].
    pub fn to_system_time(&self) -> SystemTime {
        let within = Duration::from_nanos(u64::from(self.nanos));
        match u64::try_from(self.seconds) {
            Ok(after) => UNIX_EPOCH + Duration::from_secs(after) + within,
            Err(_) => UNIX_EPOCH - Duration::from_secs(self.seconds.unsigned_abs()) + within,
        }
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The number written in `b[at..at + len]`, all ASCII digits.
fn digits(b: &[u8], at: usize, len: usize) -> Option<i64> {
    let slice = b.get(at..at + len)?;
    slice.iter().try_fold(0i64, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotnet_timestamps_parse() -> Result<(), String> {
        let time = EventTime::parse("2023-12-30T16:24:24.2118874Z").ok_or("parse")?;
        assert_eq!(time.unix_seconds(), 1_703_953_464);
        assert_eq!(time.subsec_nanos(), 211_887_400);
        assert_eq!(time.as_str(), "2023-12-30T16:24:24.2118874Z");
        assert_eq!(
            time.to_system_time(),
            UNIX_EPOCH + Duration::new(1_703_953_464, 211_887_400)
        );
        let offset = EventTime::parse("2023-12-30T18:24:24+02:00").ok_or("offset")?;
        assert_eq!(offset.unix_seconds(), 1_703_953_464);
        let leap = EventTime::parse("2000-02-29T00:00:00Z").ok_or("leap")?;
        assert_eq!(leap.unix_seconds(), 951_782_400);
        let old = EventTime::parse("1969-12-31T23:59:59.5Z").ok_or("old")?;
        assert_eq!((old.unix_seconds(), old.subsec_nanos()), (-1, 500_000_000));
        Ok(())
    }

    #[test]
    fn other_text_is_refused() {
        for bad in [
            "",
            "2023-12-30",
            "2023-12-30T16:24:24",
            "2023-13-30T16:24:24Z",
            "2023-02-29T16:24:24Z",
            "2023-12-30T16:24:24.Z",
            "2023-12-30T16:24:24.1234567890Z",
            "2023-12-30T16:24:24.12x",
            "2023-12-30T24:00:00Z",
            "２023-12-30T16:24:24Z",
            "2023-12-30T16:24:24+2:00",
        ] {
            assert_eq!(EventTime::parse(bad), None, "{bad:?}");
        }
    }
}
