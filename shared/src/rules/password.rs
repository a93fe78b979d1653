//! Password ("Hasło"): at least 8 characters with an upper-case letter, a lower-case letter and a
//! digit or special character, and not one of the passwords everybody tries first (ASVS 2.1.7:
//! a bundled list, judged offline, never a network call).

use super::error_codes;
use crate::Lang;
use validator::ValidateLength;

pub const MIN_LEN: u64 = 8;
/// How long a link to set a new password works (once), in seconds.
pub const RESET_LINK_SECONDS: i64 = 30 * 60;
/// An upper bound keeps hashing cheap and bodies small; long passphrases still fit.
pub const MAX_LEN: u64 = 128;

error_codes! {
    /// Why a password is refused.
    pub enum PasswordError {
        Required = "password.required",
        TooShort = "password.too_short",
        TooLong = "password.too_long",
        NoUppercase = "password.no_uppercase",
        NoLowercase = "password.no_lowercase",
        NoDigitOrSpecial = "password.no_digit_or_special",
        /// A common password with digits or signs added ("Haslo123!", "Qwerty1!").
        Common = "password.common",
        /// Changing the password: the new one is the one in use.
        SameAsCurrent = "password.same_as_current",
        /// Changing the password: the current one typed is not the one in use.
        CurrentWrong = "password.current_wrong",
    }
}

impl PasswordError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz hasło", "Enter a password"),
            Self::TooShort => ("Hasło musi mieć co najmniej 8 znaków", "The password must be at least 8 characters long"),
            Self::TooLong => ("Hasło może mieć najwyżej 128 znaków", "The password must be at most 128 characters long"),
            Self::NoUppercase => ("Hasło musi zawierać co najmniej jedną dużą literę", "The password must contain at least one upper-case letter"),
            Self::NoLowercase => ("Hasło musi zawierać co najmniej jedną małą literę", "The password must contain at least one lower-case letter"),
            Self::NoDigitOrSpecial => (
                "Hasło musi zawierać co najmniej jedną cyfrę lub znak specjalny, np. # lub %",
                "The password must contain at least one digit or special character, such as # or %",
            ),
            Self::Common => (
                "To hasło jest zbyt popularne i łatwe do odgadnięcia. Wymyśl inne, np. z kilku niezwiązanych ze sobą słów",
                "This password is too common and easy to guess. Choose another, for example a few unrelated words",
            ),
            Self::SameAsCurrent => ("Nowe hasło musi się różnić od obecnego", "The new password must differ from the current one"),
            Self::CurrentWrong => {
                ("Obecne hasło jest niepoprawne. Sprawdź je i wpisz ponownie", "The current password is not correct. Check it and type it again")
            }
        };
        lang.pick(pl, en)
    }
}

/// Each requirement of the password and whether `password` meets it, in the order shown to the
/// citizen; a password is valid when all are met.
pub fn requirements(password: &str) -> [(PasswordError, bool); 4] {
    let chars = || password.chars();
    [
        (PasswordError::TooShort, password.validate_length(Some(MIN_LEN), None, None)),
        (PasswordError::NoUppercase, chars().any(char::is_uppercase)),
        (PasswordError::NoLowercase, chars().any(char::is_lowercase)),
        (PasswordError::NoDigitOrSpecial, chars().any(|c| c.is_ascii_digit() || !(c.is_alphanumeric() || c.is_whitespace()))),
    ]
}

pub fn validate(password: &str) -> Result<(), PasswordError> {
    if password.is_empty() {
        return Err(PasswordError::Required);
    }
    if !password.validate_length(None, Some(MAX_LEN), None) {
        return Err(PasswordError::TooLong);
    }
    match requirements(password).into_iter().find(|(_, met)| !met) {
        Some((unmet, _)) => Err(unmet),
        None if is_common(password) => Err(PasswordError::Common),
        None => Ok(()),
    }
}

/// The words under the passwords people choose first, Polish and English, as `base` leaves them:
/// the lists of breached passwords are mostly these with digits and signs around them.
const COMMON_WORDS: [&str; 96] = [
    "haslo",
    "haselko",
    "password",
    "passw",
    "pass",
    "qwerty",
    "qwertyuiop",
    "qwertz",
    "asdfgh",
    "asdfghjkl",
    "zxcvbn",
    "zxcvbnm",
    "qazwsx",
    "qazwsxedc",
    "zaqxsw",
    "zaq",
    "zaqwsx",
    "wsx",
    "qwe",
    "qweasd",
    "qweasdzxc",
    "abc",
    "abcd",
    "abcde",
    "abcdef",
    "abcdefgh",
    "aaa",
    "aaaa",
    "admin",
    "administrator",
    "root",
    "user",
    "login",
    "welcome",
    "witaj",
    "witam",
    "polska",
    "poland",
    "warszawa",
    "krakow",
    "kochanie",
    "kocham",
    "kochamcie",
    "iloveyou",
    "love",
    "misiek",
    "misiaczek",
    "monika",
    "magda",
    "agnieszka",
    "kasia",
    "marcin",
    "mateusz",
    "michal",
    "tomek",
    "piotrek",
    "lukasz",
    "bartek",
    "dragon",
    "monkey",
    "master",
    "shadow",
    "sunshine",
    "princess",
    "football",
    "pilka",
    "legia",
    "lech",
    "barcelona",
    "realmadrid",
    "superman",
    "batman",
    "matrix",
    "starwars",
    "pokemon",
    "minecraft",
    "google",
    "facebook",
    "samsung",
    "lenovo",
    "apple",
    "test",
    "tester",
    "testowe",
    "dupa",
    "zaufany",
    "profil",
    "profilzaufany",
    "gov",
    "mobywatel",
    "obywatel",
    "pesel",
    "secret",
    "tajne",
    "zmiana",
    "zmienmnie",
];

/// `password` as the list compares it: its letters only, in lower case, with Polish letters as
/// their plain twins and `@`, `$` as the letters they stand for ("Hasło123!" → "haslo", "P@ss" → "pass").
fn base(password: &str) -> String {
    password
        .chars()
        .map(|c| match c {
            '@' => 'a',
            '$' => 's',
            other => other,
        })
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ą' => 'a',
            'ć' => 'c',
            'ę' => 'e',
            'ł' => 'l',
            'ń' => 'n',
            'ó' => 'o',
            'ś' => 's',
            'ź' | 'ż' => 'z',
            other => other,
        })
        .collect()
}

/// Whether `password` is a common word with digits or signs around it, or that word twice.
pub fn is_common(password: &str) -> bool {
    let base = base(password);
    let half = base.len() / 2;
    let doubled = base.len().is_multiple_of(2) && base.is_char_boundary(half) && base[..half] == base[half..];
    COMMON_WORDS.iter().any(|word| *word == base || (doubled && *word == &base[..half]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_common_passwords_dressed_up_with_digits_and_signs() {
        for common in ["Haslo123!", "Qwerty1!", "Hasło2024#", "Password1", "P@ssword1", "Polska123!", "Kochanie1", "QwertyQwerty1", "Zaq12wsx!"] {
            assert_eq!(validate(common), Err(PasswordError::Common), "{common}");
        }
        for fine in ["Haslo#Testowe1", "Tajne#Haslo1", "Nowe#Haslo12", "Zielony-Rower-7"] {
            assert_eq!(validate(fine), Ok(()), "{fine}");
        }
    }

    #[test]
    fn accepts_the_seed_kinds_of_password() {
        for ok in ["Abcdefg1", "Abcdefg#", "abcdefG%", "Zażółć1gęś", "Hasło Bardzo Długie!"] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn names_the_first_unmet_requirement() {
        assert_eq!(validate(""), Err(PasswordError::Required));
        assert_eq!(validate("Ab1"), Err(PasswordError::TooShort));
        assert_eq!(validate("abcdefg1"), Err(PasswordError::NoUppercase));
        assert_eq!(validate("ABCDEFG1"), Err(PasswordError::NoLowercase));
        assert_eq!(validate("Abcdefgh"), Err(PasswordError::NoDigitOrSpecial));
        assert_eq!(validate("Abcd efgh"), Err(PasswordError::NoDigitOrSpecial));
        assert_eq!(validate(&format!("Aa1{}", "x".repeat(126))), Err(PasswordError::TooLong));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(validate("Ąęółść1"), Err(PasswordError::TooShort));
        assert_eq!(validate("Ąęółść1ż"), Ok(()));
    }

    #[test]
    fn requirements_tick_one_by_one() {
        let met = |p: &str| requirements(p).iter().filter(|(_, m)| *m).count();
        assert_eq!(met(""), 0);
        assert_eq!(met("a"), 1);
        assert_eq!(met("aA"), 2);
        assert_eq!(met("aA#"), 3);
        assert_eq!(met("aA#aaaaa"), 4);
    }
}
