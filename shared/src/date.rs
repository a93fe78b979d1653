//! Calendar dates (proleptic Gregorian) without a clock: the caller says what day it is.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian), shown as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date, if it exists (29 February only in leap years).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    /// Reads `YYYY-MM-DD`; the date must exist.
    fn from_str(text: &str) -> Result<Date, String> {
        let mut parts = text.splitn(3, '-').map(str::parse::<u16>);
        let mut next = || parts.next().and_then(Result::ok);
        match (next(), next(), next()) {
            (Some(y), Some(m), Some(d)) => u8::try_from(m).ok().zip(u8::try_from(d).ok()).and_then(|(m, d)| Date::new(y, m, d)),
            _ => None,
        }
        .ok_or_else(|| format!("not a date in YYYY-MM-DD form: {text}"))
    }
}

/// In the OpenAPI document a date is the string it serialises to.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date)))
            .examples(["2026-12-01"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        <std::borrow::Cow<'de, str>>::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

impl Weekday {
    pub fn name(self, lang: crate::Lang) -> &'static str {
        let (pl, en) = match self {
            Weekday::Monday => ("poniedziałek", "Monday"),
            Weekday::Tuesday => ("wtorek", "Tuesday"),
            Weekday::Wednesday => ("środa", "Wednesday"),
            Weekday::Thursday => ("czwartek", "Thursday"),
            Weekday::Friday => ("piątek", "Friday"),
            Weekday::Saturday => ("sobota", "Saturday"),
            Weekday::Sunday => ("niedziela", "Sunday"),
        };
        lang.pick(pl, en)
    }
}

/// Days of the week, Monday first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Date {
    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01, by Howard Hinnant's `civil_from_days`.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The same day `months` later; the last day of the month when that month is shorter
    /// (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, months: u32) -> Date {
        let index = u32::from(self.month) - 1 + months;
        let (year, month) = (self.year + (index / 12) as u16, (index % 12) as u8 + 1);
        Date { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    pub fn weekday(self) -> Weekday {
        const MONDAY_FIRST: [Weekday; 7] =
            [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];
        // 1970-01-01 was a Thursday.
        MONDAY_FIRST[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// Monday to Friday. (Public holidays are not modelled.)
    pub fn is_working_day(self) -> bool {
        !matches!(self.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// The next `count` working days after this date.
    pub fn next_working_days(self, count: usize) -> Vec<Date> {
        (1..).map(|n| self.add_days(n)).filter(|d| d.is_working_day()).take(count).collect()
    }
}

pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds in a day.
const SECONDS_A_DAY: i64 = 86_400;

/// The date in Poland at `utc` seconds.
pub fn warsaw_date(utc: i64) -> Date {
    Date::from_days_since_epoch((utc + warsaw_offset(utc)).div_euclid(SECONDS_A_DAY))
}

/// The date and time in Poland at `utc` seconds, e.g. `2026-11-25 14:05:09`.
pub fn warsaw_time(utc: i64) -> String {
    let seconds = (utc + warsaw_offset(utc)).rem_euclid(SECONDS_A_DAY);
    format!("{} {:02}:{:02}:{:02}", warsaw_date(utc), seconds / 3_600, seconds % 3_600 / 60, seconds % 60)
}

/// The moment `utc` in RFC 3339 with Poland's offset, e.g. `2026-11-25T14:05:09+01:00`.
pub fn warsaw_rfc3339(utc: i64) -> String {
    let offset_hours = warsaw_offset(utc) / 3_600;
    format!("{}+{offset_hours:02}:00", warsaw_time(utc).replace(' ', "T"))
}

/// Poland's offset from UTC at `utc`, in seconds: UTC+2 from the last Sunday of March to the last
/// Sunday of October (both at 01:00 UTC), UTC+1 otherwise.
pub fn warsaw_offset(utc: i64) -> i64 {
    let utc_date = Date::from_days_since_epoch(utc.div_euclid(SECONDS_A_DAY));
    let switch = |month: u8| {
        let last_day = Date::new(utc_date.year, month, 31).expect("March and October have 31 days");
        let back_to_sunday = (0..7).find(|&n| last_day.add_days(-n).weekday() == Weekday::Sunday).unwrap_or(0);
        last_day.add_days(-back_to_sunday).days_since_epoch() * SECONDS_A_DAY + 3_600
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

    #[test]
    fn dates_round_trip_through_serde() {
        let date = Date::new(2024, 2, 29).unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2024-02-29\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
        assert!(serde_json::from_str::<Date>("\"2023-02-29\"").is_err());
    }

    #[test]
    fn days_and_weekdays_follow_the_calendar() {
        let date = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(date(2023, 10, 31).weekday(), Weekday::Tuesday);
        assert_eq!(date(2026, 11, 24).weekday(), Weekday::Tuesday);
        assert_eq!(date(2024, 2, 28).add_days(1), date(2024, 2, 29));
        assert_eq!(date(2023, 12, 31).add_days(1), date(2024, 1, 1));
        assert_eq!(date(1800, 1, 1).add_days(-1), date(1799, 12, 31));
        for days in [-100_000, -1, 0, 1, 59, 365, 10_957, 200_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn months_are_added_by_the_calendar() {
        let date = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(date(2026, 11, 24).add_months(3), date(2027, 2, 24));
        assert_eq!(date(2026, 11, 24).add_months(36), date(2029, 11, 24));
        assert_eq!(date(2027, 11, 30).add_months(3), date(2028, 2, 29));
        assert_eq!(date(2026, 1, 31).add_months(1), date(2026, 2, 28));
    }

    #[test]
    fn working_days_skip_the_weekend() {
        let friday = Date::new(2026, 11, 27).unwrap();
        assert_eq!(friday.next_working_days(2), [Date::new(2026, 11, 30).unwrap(), Date::new(2026, 12, 1).unwrap()]);
    }

    fn utc(date: (u16, u8, u8), hour: i64) -> i64 {
        Date::new(date.0, date.1, date.2).unwrap().days_since_epoch() * 86_400 + hour * 3_600
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
        assert_eq!(warsaw_rfc3339(utc((2026, 7, 1), 12)), "2026-07-01T14:00:00+02:00");
        assert_eq!(warsaw_rfc3339(utc((2026, 11, 24), 23) + 1_809), "2026-11-25T00:30:09+01:00");
    }
}
