//! How long a profile has left, and what follows from it: when the citizen is warned (in every
//! signed-in page, and by SMS and e-mail on the reminder days), whether it can be extended, and
//! what an extension gives. The app and api-mock both judge by these, on the service's `today`.

use crate::date::Date;
use crate::rules::confirmation::ProfileKind;

/// From how many days before the end every signed-in page warns the citizen.
pub const NOTICE_DAYS: i64 = 60;
/// The days before the end on which a reminder goes by SMS and by e-mail (0: the last day).
pub const REMINDER_DAYS: [i64; 5] = [60, 30, 7, 1, 0];
/// What an extension gives, counted from the day it is made.
pub const EXTENSION_MONTHS: u32 = crate::rules::confirmation::ORDINARY_MONTHS;

/// Where a confirmed profile stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// Valid, with this many days after today (0: today is its last day).
    Valid { days_left: i64 },
    /// Its last day has passed; it expired on the day after `valid_until`.
    Expired { expired_on: Date },
}

impl Validity {
    /// The validity of a profile whose last day is `valid_until`, on `today`.
    pub fn on(valid_until: Date, today: Date) -> Validity {
        let days_left = valid_until.days_since_epoch() - today.days_since_epoch();
        match days_left >= 0 {
            true => Validity::Valid { days_left },
            false => Validity::Expired { expired_on: valid_until.add_days(1) },
        }
    }

    /// Whether the citizen should be warned now: within `NOTICE_DAYS` of the end, or after it.
    pub fn needs_notice(self) -> bool {
        match self {
            Validity::Valid { days_left } => days_left <= NOTICE_DAYS,
            Validity::Expired { .. } => true,
        }
    }

    /// The reminder due on this day or before it and not yet superseded: the latest of
    /// `REMINDER_DAYS` not after today (`None` before the first or once expired).
    pub fn due_reminder(self) -> Option<i64> {
        match self {
            Validity::Valid { days_left } => REMINDER_DAYS.into_iter().filter(|days| *days >= days_left).min(),
            Validity::Expired { .. } => None,
        }
    }
}

/// Why a profile cannot be extended now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotExtendable {
    /// A temporary (video) profile is replaced by a new ordinary one, never extended.
    Temporary,
    /// It has expired: a new profile is made instead.
    Expired,
}

/// Whether a profile of `kind`, valid until `valid_until`, can be extended on `today`; if so, its
/// new last day.
pub fn extension(kind: ProfileKind, valid_until: Date, today: Date) -> Result<Date, NotExtendable> {
    match (kind, Validity::on(valid_until, today)) {
        (ProfileKind::Temporary, _) => Err(NotExtendable::Temporary),
        (ProfileKind::Ordinary, Validity::Expired { .. }) => Err(NotExtendable::Expired),
        (ProfileKind::Ordinary, Validity::Valid { .. }) => Ok(today.add_months(EXTENSION_MONTHS)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn a_profile_is_valid_through_its_last_day_and_expired_the_day_after() {
        let last = day(2023, 10, 30);
        assert_eq!(Validity::on(last, day(2023, 10, 30)), Validity::Valid { days_left: 0 });
        assert_eq!(Validity::on(last, day(2023, 9, 30)), Validity::Valid { days_left: 30 });
        assert_eq!(Validity::on(last, day(2023, 10, 31)), Validity::Expired { expired_on: day(2023, 10, 31) });
        assert_eq!(Validity::on(last, day(2026, 11, 30)), Validity::Expired { expired_on: day(2023, 10, 31) });
    }

    #[test]
    fn the_notice_shows_from_sixty_days_before_and_after_the_end() {
        let last = day(2027, 1, 29);
        assert!(!Validity::on(last, last.add_days(-61)).needs_notice());
        assert!(Validity::on(last, last.add_days(-60)).needs_notice());
        assert!(Validity::on(last, last).needs_notice());
        assert!(Validity::on(last, last.add_days(1)).needs_notice());
    }

    #[test]
    fn the_reminder_due_is_the_latest_whose_day_has_come() {
        let last = day(2027, 1, 29);
        let due = |days_before: i64| Validity::on(last, last.add_days(-days_before)).due_reminder();
        assert_eq!(due(61), None);
        assert_eq!(due(60), Some(60));
        assert_eq!(due(31), Some(60));
        assert_eq!(due(30), Some(30));
        assert_eq!(due(8), Some(30));
        assert_eq!(due(7), Some(7));
        assert_eq!(due(2), Some(7));
        assert_eq!(due(1), Some(1));
        assert_eq!(due(0), Some(0));
        assert_eq!(due(-1), None, "expired: no reminder");
    }

    #[test]
    fn only_a_valid_ordinary_profile_is_extended_three_years_from_the_day() {
        let today = day(2026, 11, 30);
        assert_eq!(extension(ProfileKind::Ordinary, day(2026, 12, 10), today), Ok(day(2029, 11, 30)));
        assert_eq!(extension(ProfileKind::Ordinary, today, today), Ok(day(2029, 11, 30)), "on its last day");
        assert_eq!(extension(ProfileKind::Ordinary, day(2026, 11, 29), today), Err(NotExtendable::Expired));
        assert_eq!(extension(ProfileKind::Temporary, day(2026, 12, 10), today), Err(NotExtendable::Temporary));
        assert_eq!(extension(ProfileKind::Ordinary, day(2028, 3, 1), day(2028, 2, 29)), Ok(day(2031, 2, 28)), "29 February + 3 years");
    }
}
