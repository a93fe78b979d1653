//! ID card number ("seria i numer dowodu osobistego"): 3 letters and 6 digits; letters count
//! A=10 … Z=35, weights 7,3,1,9,7,3,1,7,3, and the weighted sum is divisible by 10.

use super::error_codes;
use crate::Lang;
use std::fmt;

const WEIGHTS: [u32; 9] = [7, 3, 1, 9, 7, 3, 1, 7, 3];

error_codes! {
    /// Why an ID card number is refused.
    pub enum IdCardError {
        Required = "id_card.required",
        Format = "id_card.format",
        Checksum = "id_card.checksum",
    }
}

impl IdCardError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz serię i numer dowodu osobistego", "Enter the series and number of your ID card"),
            Self::Format => (
                "Wpisz 3 litery serii i 6 cyfr numeru dowodu, np. ABC123456",
                "Enter the 3 letters of the series and the 6 digits of the number, for example ABC123456",
            ),
            Self::Checksum => (
                "Seria i numer dowodu są niepoprawne. Sprawdź, czy nie ma w nich literówki",
                "The ID card series and number are not valid. Check them for a typing mistake",
            ),
        };
        lang.pick(pl, en)
    }
}

/// A valid ID card number, upper-case, with no spaces.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdCardNumber(String);

impl IdCardNumber {
    /// Parses a number as printed or typed: case, spaces and dashes do not matter.
    pub fn parse(input: &str) -> Result<IdCardNumber, IdCardError> {
        let compact = crate::text::without_separators(input).to_ascii_uppercase();
        if compact.is_empty() {
            return Err(IdCardError::Required);
        }
        let well_formed = compact.len() == 9 && compact.bytes().take(3).all(|b| b.is_ascii_uppercase()) && compact.bytes().skip(3).all(|b| b.is_ascii_digit());
        if !well_formed {
            return Err(IdCardError::Format);
        }
        let sum: u32 = compact.chars().zip(WEIGHTS).map(|(c, w)| c.to_digit(36).unwrap_or(0) * w).sum();
        if !sum.is_multiple_of(10) {
            return Err(IdCardError::Checksum);
        }
        Ok(IdCardNumber(compact))
    }
}

impl fmt::Display for IdCardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_examples() {
        assert!(IdCardNumber::parse("AYW036733").is_ok());
        assert!(IdCardNumber::parse("ABS123456").is_ok());
        assert_eq!(IdCardNumber::parse("AYW036731"), Err(IdCardError::Checksum));
    }

    #[test]
    fn case_and_spaces_do_not_matter() {
        assert_eq!(IdCardNumber::parse(" abs 123456 ").unwrap().to_string(), "ABS123456");
        assert_eq!(IdCardNumber::parse("ABS-123456").unwrap().to_string(), "ABS123456");
    }

    #[test]
    fn the_shape_is_three_letters_and_six_digits() {
        assert_eq!(IdCardNumber::parse(""), Err(IdCardError::Required));
        for bad in ["AB1234567", "ABCD12345", "ABS12345", "ABS1234567", "ĄBS123456", "AB-123456"] {
            assert_eq!(IdCardNumber::parse(bad), Err(IdCardError::Format), "{bad}");
        }
    }
}
