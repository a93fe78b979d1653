//! PESEL: 11 digits `YYMMDDZZZXQ`; the month carries the century, the date must exist, the tenth
//! digit gives the sex, the last is a check digit (weights 1,3,7,9,1,3,7,9,1,3).

use super::error_codes;
pub use crate::date::Date;
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
/// The youngest age at which a profile can be set up.
pub const MIN_AGE: u16 = 13;

error_codes! {
    /// Why a PESEL is refused.
    pub enum PeselError {
        Required = "pesel.required",
        NotDigits = "pesel.not_digits",
        WrongLength = "pesel.wrong_length",
        InvalidDate = "pesel.invalid_date",
        Checksum = "pesel.checksum",
        /// The PESEL already has an active profile; only the server knows.
        HasActiveProfile = "pesel.has_active_profile",
        /// The owner restricted ("zastrzegł") the PESEL; only the server knows.
        Restricted = "pesel.restricted",
        /// The applicant is younger than 13.
        TooYoung = "pesel.too_young",
    }
}

impl PeselError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz numer PESEL", "Enter your PESEL number"),
            Self::NotDigits => ("Numer PESEL może zawierać tylko cyfry", "The PESEL number can contain only digits"),
            Self::WrongLength => ("Wpisz 11 cyfr numeru PESEL", "Enter the 11 digits of your PESEL number"),
            Self::InvalidDate => (
                "Numer PESEL zawiera nieistniejącą datę urodzenia. Sprawdź pierwsze 6 cyfr",
                "The PESEL number holds a date of birth that does not exist. Check the first 6 digits",
            ),
            Self::Checksum => {
                ("Numer PESEL jest niepoprawny. Sprawdź, czy nie ma w nim literówki", "The PESEL number is not valid. Check it for a typing mistake")
            }
            Self::HasActiveProfile => {
                ("Dla tego numeru PESEL istnieje już aktywny profil zaufany", "An active trusted profile already exists for this PESEL number")
            }
            Self::Restricted => (
                "Ten numer PESEL jest zastrzeżony. Cofnij zastrzeżenie w aplikacji mObywatel lub w urzędzie",
                "This PESEL number is restricted. Lift the restriction in the mObywatel app or at an office",
            ),
            Self::TooYoung => {
                ("Profil zaufany może założyć osoba, która ma co najmniej 13 lat", "You must be at least 13 years old to set up a trusted profile")
            }
        };
        lang.pick(pl, en)
    }
}

/// The sex recorded in a PESEL.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
}

impl Sex {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Sex::Male => lang.pick("mężczyzna", "male"),
            Sex::Female => lang.pick("kobieta", "female"),
        }
    }
}

/// A valid PESEL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pesel {
    digits: [u8; 11],
    birth_date: Date,
}

impl Pesel {
    /// Parses a PESEL, ignoring spaces and dashes (as in "440 514 013 59" or "440514-01359").
    pub fn parse(input: &str) -> Result<Pesel, PeselError> {
        let input = &crate::text::without_separators(input);
        if input.is_empty() {
            return Err(PeselError::Required);
        }
        if !input.chars().all(|c| c.is_ascii_digit()) {
            return Err(PeselError::NotDigits);
        }
        let digits: [u8; 11] = input.bytes().map(|b| b - b'0').collect::<Vec<u8>>().try_into().map_err(|_| PeselError::WrongLength)?;
        let birth_date = birth_date(&digits).ok_or(PeselError::InvalidDate)?;
        if check_digit(&digits) != digits[10] {
            return Err(PeselError::Checksum);
        }
        Ok(Pesel { digits, birth_date })
    }

    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    pub fn sex(&self) -> Sex {
        if self.digits[9] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Full years of age on `today`.
    pub fn age_on(&self, today: Date) -> u16 {
        let born = self.birth_date;
        let had_birthday = (today.month, today.day) >= (born.month, born.day);
        today.year.saturating_sub(born.year).saturating_sub(u16::from(!had_birthday))
    }
}

impl fmt::Display for Pesel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.digits.iter().try_for_each(|d| write!(f, "{d}"))
    }
}

/// The check digit the first ten digits call for.
pub fn check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum();
    ((10 - sum % 10) % 10) as u8
}

fn birth_date(digits: &[u8; 11]) -> Option<Date> {
    let two = |i: usize| digits[i] * 10 + digits[i + 1];
    let coded_month = two(2);
    let century = match coded_month / 20 {
        0 => 1900,
        1 => 2000,
        2 => 2100,
        3 => 2200,
        _ => 1800,
    };
    Date::new(century + u16::from(two(0)), coded_month % 20, two(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_example_is_valid_and_a_changed_check_digit_is_not() {
        let pesel = Pesel::parse("44051401359").unwrap();
        assert_eq!(pesel.birth_date().to_string(), "1944-05-14");
        assert_eq!(pesel.sex(), Sex::Male);
        assert_eq!(Pesel::parse("44051401358"), Err(PeselError::Checksum));
    }

    #[test]
    fn spaces_and_dashes_as_people_group_it_do_not_matter() {
        for written in ["440 514 013 59", "440514-01359", " 44-05-14-01359 ", "440514 01359"] {
            assert_eq!(Pesel::parse(written).map(|p| p.to_string()).as_deref(), Ok("44051401359"), "{written}");
        }
    }

    #[test]
    fn the_month_carries_the_century() {
        assert_eq!(Pesel::parse("02270803624").unwrap().birth_date().to_string(), "2002-07-08");
        assert_eq!(Pesel::parse("02270803624").unwrap().sex(), Sex::Female);
        let date = |coded_month: u8| {
            let mut d = [0, 1, coded_month / 10, coded_month % 10, 1, 5, 1, 2, 3, 4, 0];
            d[10] = check_digit(&d);
            let text: String = d.iter().map(|d| char::from(b'0' + d)).collect();
            Pesel::parse(&text).unwrap().birth_date().to_string()
        };
        assert_eq!(date(81), "1801-01-15");
        assert_eq!(date(1), "1901-01-15");
        assert_eq!(date(21), "2001-01-15");
        assert_eq!(date(41), "2101-01-15");
        assert_eq!(date(61), "2201-01-15");
    }

    #[test]
    fn the_date_must_exist() {
        // 29 February 2001 (month 22) does not exist; 2000 was a leap year (month 22, year 00).
        let with_check = |first_ten: &str| {
            let digits: Vec<u8> = first_ten.bytes().map(|b| b - b'0').collect();
            format!("{first_ten}{}", check_digit(&digits))
        };
        assert_eq!(Pesel::parse(&with_check("0122290000")), Err(PeselError::InvalidDate));
        assert!(Pesel::parse(&with_check("0022290000")).is_ok());
        assert_eq!(Pesel::parse(&with_check("0013010000")), Err(PeselError::InvalidDate));
        assert_eq!(Pesel::parse(&with_check("0004310000")), Err(PeselError::InvalidDate));
        assert_eq!(Pesel::parse(&with_check("0001000000")), Err(PeselError::InvalidDate));
    }

    #[test]
    fn input_errors_are_told_apart() {
        assert_eq!(Pesel::parse("  "), Err(PeselError::Required));
        assert_eq!(Pesel::parse("4405140135a"), Err(PeselError::NotDigits));
        assert_eq!(Pesel::parse("440514.01359"), Err(PeselError::NotDigits));
        assert_eq!(Pesel::parse("4405140135"), Err(PeselError::WrongLength));
        assert_eq!(Pesel::parse("440514013590"), Err(PeselError::WrongLength));
        assert!(Pesel::parse(" 44051401359 ").is_ok());
    }

    #[test]
    fn age_counts_full_years() {
        let pesel = Pesel::parse("44051401359").unwrap();
        assert_eq!(pesel.age_on(Date::new(2026, 5, 13).unwrap()), 81);
        assert_eq!(pesel.age_on(Date::new(2026, 5, 14).unwrap()), 82);
    }
}
