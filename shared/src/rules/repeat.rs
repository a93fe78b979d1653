//! A value typed twice (password, e-mail, phone) must be typed the same both times.

use super::error_codes;
use crate::Lang;

error_codes! {
    /// Why the repeated password is refused.
    pub enum PasswordRepeatError {
        Required = "password_repeat.required",
        Mismatch = "password_repeat.mismatch",
    }
}

error_codes! {
    /// Why the repeated e-mail address is refused.
    pub enum EmailRepeatError {
        Required = "email_repeat.required",
        Mismatch = "email_repeat.mismatch",
    }
}

error_codes! {
    /// Why the repeated phone number is refused.
    pub enum PhoneRepeatError {
        Required = "phone_repeat.required",
        Mismatch = "phone_repeat.mismatch",
    }
}

impl PasswordRepeatError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz hasło ponownie", "Enter the password again"),
            Self::Mismatch => ("Hasła nie są takie same. Wpisz to samo hasło dwa razy", "The passwords do not match. Enter the same password twice"),
        };
        lang.pick(pl, en)
    }
}

impl EmailRepeatError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz adres e-mail ponownie", "Enter the e-mail address again"),
            Self::Mismatch => ("Adresy e-mail nie są takie same", "The e-mail addresses do not match"),
        };
        lang.pick(pl, en)
    }
}

impl PhoneRepeatError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz numer telefonu ponownie", "Enter the phone number again"),
            Self::Mismatch => ("Numery telefonu nie są takie same", "The phone numbers do not match"),
        };
        lang.pick(pl, en)
    }
}

/// Whether the repeat was left empty or differs; `same` decides equality (exact for a password,
/// on the normalised form for an e-mail address or a phone number).
pub fn check<E>(repeat: &str, same: impl FnOnce(&str) -> bool, required: E, mismatch: E) -> Result<(), E> {
    if repeat.is_empty() {
        Err(required)
    } else if same(repeat) {
        Ok(())
    } else {
        Err(mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repeat_must_be_typed_and_equal() {
        let password = "Abcdefg1";
        let check_password = |r| check(r, |r| r == password, PasswordRepeatError::Required, PasswordRepeatError::Mismatch);
        assert_eq!(check_password(""), Err(PasswordRepeatError::Required));
        assert_eq!(check_password("Abcdefg2"), Err(PasswordRepeatError::Mismatch));
        assert_eq!(check_password("abcdefg1"), Err(PasswordRepeatError::Mismatch));
        assert_eq!(check_password("Abcdefg1"), Ok(()));
    }
}
