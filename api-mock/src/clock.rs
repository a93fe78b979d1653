//! What time it is for the mock, and so which day it is in Poland (CET/CEST). Tests (and designers,
//! through the dev routes) can move it forward to see codes expire and cooldowns end. It stays
//! within the years 1 to 9999 in Poland: set or moved past an end, it stops at that end.

use shared::date::Date;
pub use shared::date::{warsaw_date, warsaw_time};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const DAY: i64 = 86_400;
/// 0001-01-01T00:00:00Z, the first moment the clock shows.
pub const EARLIEST: i64 = -62_135_596_800;
/// 9999-12-31T21:59:59Z, the last moment the clock shows: still 31 December 9999 in Poland.
pub const LATEST: i64 = 253_402_293_599;

/// The mock's clock: the system's time plus an offset shared by every clone.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// Seconds since 1970-01-01 UTC.
    pub fn now(&self) -> i64 {
        system_now().saturating_add(self.offset_seconds.load(Ordering::Relaxed)).clamp(EARLIEST, LATEST)
    }

    /// Sets the clock to `now` (seconds since 1970-01-01 UTC, kept within `EARLIEST..=LATEST`); it
    /// runs on from there.
    pub fn set(&self, now: i64) {
        self.offset_seconds.store(now.clamp(EARLIEST, LATEST) - system_now(), Ordering::Relaxed);
    }

    /// How far the clock is from the system's, in seconds.
    pub fn offset(&self) -> i64 {
        self.offset_seconds.load(Ordering::Relaxed)
    }

    /// Moves the clock forward (or back, with a negative number).
    pub fn advance(&self, seconds: i64) {
        self.set(self.now().saturating_add(seconds));
    }

    /// Today's date in Poland.
    pub fn today(&self) -> Date {
        warsaw_date(self.now())
    }
}

fn system_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Seconds since 1970-01-01 UTC of an RFC 3339 date and time (`2023-10-31T23:59:00+01:00`,
/// `2023-10-31T22:59:00.5Z`; fractions of a second are dropped), as JSON Schema's `date-time`
/// reads it: `T` and `Z` upper case, years 1 to 9999, no leap second.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let number = |from: usize, to: usize| -> Option<i64> {
        let digits = bytes.get(from..to)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !separators.iter().all(|&(at, byte)| bytes.get(at) == Some(&byte)) {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let date = Date::new(u16::try_from(year).ok().filter(|y| *y >= 1)?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest.as_bytes() {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(text.len() - 5, text.len() - 3)?, number(text.len() - 2, text.len())?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            (hours * 3_600 + minutes * 60) * if *sign == b'-' { -1 } else { 1 }
        }
        _ => return None,
    };
    Some(date.days_since_epoch() * DAY + hour * 3_600 + minute * 60 + second - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3339_is_read_with_its_offset() {
        assert_eq!(parse_rfc3339("2023-10-31T12:00:00Z"), Some(1_698_753_600));
        assert_eq!(parse_rfc3339("2023-10-31T13:00:00+01:00"), Some(1_698_753_600));
        assert_eq!(parse_rfc3339("2023-10-31T10:30:00.999-01:30"), Some(1_698_753_600));
        assert_eq!(parse_rfc3339("2023-10-31T23:59:00+01:00").map(warsaw_time).as_deref(), Some("2023-10-31 23:59:00"));
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), Some(EARLIEST));
        assert_eq!(parse_rfc3339("9999-12-31T21:59:59Z"), Some(LATEST));
        for wrong in [
            "2023-10-31",
            "2023-10-31 12:00:00Z",
            "2023-10-31t12:00:00z",
            "2023-02-29T12:00:00Z",
            "2024-01-01T12:99:00Z",
            "2023-10-31T12:00:60Z",
            "2023-10-31T12:00:00",
            "2023-10-31T12:00:00.Z",
            "2023-10-31T12:00:00+1:00",
            "2023-10-31T12:00:00+24:00",
            "0000-01-01T00:00:00Z",
            "+023-10-31T12:00:00Z",
            "2023-10-31T12:00:00Zł",
        ] {
            assert_eq!(parse_rfc3339(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn the_clock_stops_at_the_years_1_and_9999() {
        let clock = Clock::default();
        clock.set(i64::MAX);
        assert_eq!((clock.now(), clock.today().to_string()), (LATEST, "9999-12-31".to_owned()));
        clock.advance(i64::MIN);
        assert_eq!((clock.now(), clock.today().to_string()), (EARLIEST, "0001-01-01".to_owned()));
    }
}
