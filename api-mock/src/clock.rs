//! What time it is for the mock, and so which day it is in Poland (CET/CEST). Tests (and designers,
//! through the dev routes) can move it forward to see codes expire and cooldowns end.

use shared::date::{Date, Weekday};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const DAY: i64 = 86_400;

/// The mock's clock: the system's time plus an offset shared by every clone.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// Seconds since 1970-01-01 UTC.
    pub fn now(&self) -> i64 {
        system_now() + self.offset_seconds.load(Ordering::Relaxed)
    }

    /// Sets the clock to `now` (seconds since 1970-01-01 UTC); it runs on from there.
    pub fn set(&self, now: i64) {
        self.offset_seconds.store(now - system_now(), Ordering::Relaxed);
    }

    /// How far the clock is from the system's, in seconds.
    pub fn offset(&self) -> i64 {
        self.offset_seconds.load(Ordering::Relaxed)
    }

    /// Moves the clock forward (or back, with a negative number).
    pub fn advance(&self, seconds: i64) {
        self.offset_seconds.fetch_add(seconds, Ordering::Relaxed);
    }

    /// Today's date in Poland.
    pub fn today(&self) -> Date {
        warsaw_date(self.now())
    }
}

fn system_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// The date in Poland at `utc` seconds.
pub fn warsaw_date(utc: i64) -> Date {
    Date::from_days_since_epoch((utc + warsaw_offset(utc)).div_euclid(DAY))
}

/// The date and time in Poland at `utc` seconds, e.g. `2026-11-25 14:05:09`.
pub fn warsaw_time(utc: i64) -> String {
    let seconds = (utc + warsaw_offset(utc)).rem_euclid(DAY);
    format!("{} {:02}:{:02}:{:02}", warsaw_date(utc), seconds / 3_600, seconds % 3_600 / 60, seconds % 60)
}

/// Poland's offset from UTC at `utc`, in seconds: UTC+2 from the last Sunday of March to the last
/// Sunday of October (both at 01:00 UTC), UTC+1 otherwise.
fn warsaw_offset(utc: i64) -> i64 {
    let utc_date = Date::from_days_since_epoch(utc.div_euclid(DAY));
    let switch = |month: u8| {
        let last_day = Date::new(utc_date.year, month, 31).expect("March and October have 31 days");
        let back_to_sunday = (0..7).find(|&n| last_day.add_days(-n).weekday() == Weekday::Sunday).unwrap_or(0);
        last_day.add_days(-back_to_sunday).days_since_epoch() * DAY + 3_600
    };
    if (switch(3)..switch(10)).contains(&utc) {
        2 * 3_600
    } else {
        3_600
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(date: (u16, u8, u8), hour: i64) -> i64 {
        Date::new(date.0, date.1, date.2).unwrap().days_since_epoch() * DAY + hour * 3_600
    }

    #[test]
    fn the_polish_date_turns_at_local_midnight() {
        // Winter, UTC+1: 23:30 UTC is already the next day in Warsaw.
        assert_eq!(warsaw_date(utc((2026, 11, 24), 22) + 1_800).to_string(), "2026-11-24");
        assert_eq!(warsaw_date(utc((2026, 11, 24), 23) + 1_800).to_string(), "2026-11-25");
        // Summer, UTC+2: 22:30 UTC is the next day.
        assert_eq!(warsaw_date(utc((2026, 7, 1), 21) + 1_800).to_string(), "2026-07-01");
        assert_eq!(warsaw_date(utc((2026, 7, 1), 22) + 1_800).to_string(), "2026-07-02");
    }

    #[test]
    fn summer_time_runs_from_the_last_sunday_of_march_to_that_of_october() {
        // 2026: 29 March and 25 October. At 22:30 UTC the day before, the offset is still +1.
        assert_eq!(warsaw_date(utc((2026, 3, 28), 22) + 1_800).to_string(), "2026-03-28");
        assert_eq!(warsaw_date(utc((2026, 3, 29), 22) + 1_800).to_string(), "2026-03-30");
        assert_eq!(warsaw_date(utc((2026, 10, 25), 22) + 1_800).to_string(), "2026-10-25");
    }

    #[test]
    fn the_polish_time_of_day_follows_the_offset() {
        assert_eq!(warsaw_time(utc((2026, 11, 24), 23) + 1_809), "2026-11-25 00:30:09");
        assert_eq!(warsaw_time(utc((2026, 7, 1), 12)), "2026-07-01 14:00:00");
    }
}
