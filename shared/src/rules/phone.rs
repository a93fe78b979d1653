//! Polish mobile number: 9 digits, optionally after +48 (or 0048), spaces and hyphens allowed;
//! kept normalised as E.164 (`+48XXXXXXXXX`).

use super::error_codes;
use crate::pattern::Regex;
use crate::Lang;
use std::fmt;

/// The national number, after separators are removed, with an optional country code.
pub const PATTERN: &str = r"^(?:\+48|0048)?[0-9]{9}$";
/// The first two digits of Polish mobile numbers in the national numbering plan.
pub const MOBILE_PREFIXES: [&str; 13] = ["45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"];

thread_local! {
    static SHAPE: Regex = Regex::new(PATTERN);
}

error_codes! {
    /// Why a phone number is refused.
    pub enum PhoneError {
        Required = "phone.required",
        Format = "phone.format",
        NotMobile = "phone.not_mobile",
    }
}

impl PhoneError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz numer telefonu komórkowego", "Enter your mobile phone number"),
            Self::Format => (
                "Wpisz 9 cyfr numeru telefonu, np. 600 123 456 lub +48 600 123 456",
                "Enter the 9 digits of the phone number, for example 600 123 456 or +48 600 123 456",
            ),
            Self::NotMobile => (
                "Wpisz numer telefonu komórkowego w polskiej sieci. Na ten numer wyślemy kody SMS",
                "Enter a mobile number on a Polish network. We will send SMS codes to it",
            ),
        };
        lang.pick(pl, en)
    }
}

/// A valid Polish mobile number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    national: String,
}

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        let compact = crate::text::without_separators(input);
        if compact.is_empty() {
            return Err(PhoneError::Required);
        }
        if !SHAPE.with(|shape| shape.is_match(&compact)) {
            return Err(PhoneError::Format);
        }
        // The pattern ends in nine ASCII digits: the national number.
        let national = &compact[compact.len() - 9..];
        if !MOBILE_PREFIXES.contains(&&national[..2]) {
            return Err(PhoneError::NotMobile);
        }
        Ok(PhoneNumber { national: national.to_owned() })
    }

    /// The number in E.164: `+48` and nine digits.
    pub fn e164(&self) -> String {
        format!("+48{}", self.national)
    }

    /// The national number in groups of three, as a form shows it: `600 123 456`.
    pub fn national_spaced(&self) -> String {
        format!("{} {} {}", &self.national[..3], &self.national[3..6], &self.national[6..])
    }

    /// The number with all but the last three digits hidden, for logs and screens.
    pub fn masked(&self) -> String {
        format!("+48 *** *** {}", &self.national[6..])
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_usual_way_of_writing_normalises_to_e164() {
        for written in ["600123456", "600 123 456", "600-123-456", "+48 600 123 456", "+48600123456", "0048 600-123-456"] {
            assert_eq!(PhoneNumber::parse(written).unwrap().e164(), "+48600123456", "{written}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_polish_mobile() {
        assert_eq!(PhoneNumber::parse(" "), Err(PhoneError::Required));
        for bad in ["60012345", "6001234567", "+49 600 123 456", "600.123.456", "(600) 123 456", "６００１２３４５６"] {
            assert_eq!(PhoneNumber::parse(bad), Err(PhoneError::Format), "{bad}");
        }
        assert_eq!(PhoneNumber::parse("22 123 45 67"), Err(PhoneError::NotMobile));
    }

    #[test]
    fn masked_shows_only_the_last_three_digits() {
        assert_eq!(PhoneNumber::parse("600123456").unwrap().masked(), "+48 *** *** 456");
        assert_eq!(PhoneNumber::parse("+48600123456").unwrap().national_spaced(), "600 123 456");
    }
}
