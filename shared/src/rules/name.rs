//! Personal names (first name, second name, surname): letters (Polish ones too), with single inner
//! spaces, hyphens or apostrophes between letters; at most 60 characters. A name is judged and kept
//! in Unicode's composed form (NFC), its inner runs of spaces made one: "Zażółć" typed decomposed,
//! or "Kowalska  Nowak" with two spaces, is the citizen's name as they meant it.

use super::error_codes;
use crate::text::{collapse_spaces, nfc};
use crate::Lang;
use validator::ValidateLength;

pub const MAX_LEN: u64 = 60;
const JOINERS: [char; 4] = [' ', '-', '\'', '’'];

error_codes! {
    /// Why a name is refused.
    pub enum NameError {
        Required = "name.required",
        TooLong = "name.too_long",
        Format = "name.format",
    }
}

/// Which name a message speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamePart {
    First,
    Second,
    Surname,
}

impl NameError {
    pub fn message(self, part: NamePart, lang: Lang) -> String {
        // The Polish noun capitalised to open a sentence and in lower case (accusative) after "Wpisz".
        let (noun_pl, object_pl, noun_en) = match part {
            NamePart::First => ("Imię", "imię", "first name"),
            NamePart::Second => ("Drugie imię", "drugie imię", "second name"),
            NamePart::Surname => ("Nazwisko", "nazwisko", "surname"),
        };
        match (self, lang) {
            (Self::Required, Lang::Pl) => format!("Wpisz {object_pl}"),
            (Self::Required, Lang::En) => format!("Enter your {noun_en}"),
            (Self::TooLong, Lang::Pl) => format!("{noun_pl} może mieć najwyżej {MAX_LEN} znaków"),
            (Self::TooLong, Lang::En) => format!("The {noun_en} must be at most {MAX_LEN} characters long"),
            (Self::Format, Lang::Pl) => format!("{noun_pl} może zawierać tylko litery oraz pojedynczą spację, łącznik (-) lub apostrof (') między literami"),
            (Self::Format, Lang::En) => format!("The {noun_en} can contain only letters, with a single space, hyphen (-) or apostrophe (') between letters"),
        }
    }
}

/// A name as it is judged, sent and kept: NFC, no space around it, one space between its parts.
pub fn normalise(input: &str) -> String {
    collapse_spaces(&nfc(input))
}

/// Checks a name as `normalise` makes it; answers it so.
pub fn validate(input: &str) -> Result<String, NameError> {
    let name = normalise(input);
    if name.is_empty() {
        return Err(NameError::Required);
    }
    if !name.validate_length(None, Some(MAX_LEN), None) {
        return Err(NameError::TooLong);
    }
    let letters_joined = name.split(JOINERS).all(|piece| !piece.is_empty() && piece.chars().all(char::is_alphabetic));
    if !letters_joined {
        return Err(NameError::Format);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_names() {
        for ok in ["Jan", "Żaneta", "Anna Maria", "Kowalska-Nowak", "O'Connor", "D’Artagnan", " Łukasz "] {
            assert!(validate(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_digits_symbols_and_dangling_joiners() {
        assert_eq!(validate("   "), Err(NameError::Required));
        for bad in ["Jan2", "Jan.", "-Jan", "Jan-", "Jan--Maria", "Jan -Maria", "Jan@", "'"] {
            assert_eq!(validate(bad), Err(NameError::Format), "{bad}");
        }
        assert_eq!(validate(&"a".repeat(61)), Err(NameError::TooLong));
    }

    #[test]
    fn a_decomposed_name_or_a_double_space_is_the_same_name() {
        assert_eq!(validate("Zaz\u{307}o\u{301}łc\u{301}").as_deref(), Ok("Zażółć"));
        assert_eq!(validate(" Kowalska  Nowak ").as_deref(), Ok("Kowalska Nowak"));
        assert_eq!(validate("Anna\t Maria").as_deref(), Ok("Anna Maria"));
    }

    #[test]
    fn messages_name_the_field() {
        assert_eq!(NameError::Required.message(NamePart::Surname, Lang::Pl), "Wpisz nazwisko");
        assert_eq!(NameError::Required.message(NamePart::First, Lang::En), "Enter your first name");
    }
}
