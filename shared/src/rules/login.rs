//! Signing in: the username or e-mail ("Nazwa użytkownika lub adres e-mail") and the password.
//! Only presence is checked in the form; whether the pair is right only the server can tell, and
//! it never says which of the two was wrong.

use super::error_codes;
use crate::{Lang, Refusal};

/// Wrong passwords in a row that lock an account's sign-in.
pub const MAX_WRONG_PASSWORDS: u32 = 5;
/// How long a locked sign-in stays locked.
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
/// How long a push request waits in mObywatel for an answer.
pub const PUSH_VALID_SECONDS: i64 = 2 * 60;

error_codes! {
    /// Why a sign-in form cannot be sent (the server's refusals are `Refusal`s).
    pub enum LoginError {
        /// The username or e-mail field is empty.
        Required = "login.required",
        /// The password field is empty.
        PasswordRequired = "login.password_required",
    }
}

impl LoginError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz nazwę użytkownika lub adres e-mail", "Enter your username or e-mail address"),
            Self::PasswordRequired => ("Wpisz hasło", "Enter your password"),
        };
        lang.pick(pl, en)
    }
}

/// The lock-out message with its end, `locked_until` being RFC 3339 in Polish time as the API
/// answers it: "… zablokowane do 14:35 (czasu polskiego) …".
pub fn locked_message(locked_until: &str, lang: Lang) -> String {
    let time = locked_until.get(11..16).unwrap_or(locked_until);
    let until = match lang {
        Lang::Pl => format!("{time} (czasu polskiego)"),
        Lang::En => format!("{time} (Polish time)"),
    };
    Refusal::LoginLocked.say(lang, &[("{until}", &until)])
}

/// Checks that both fields are filled in; answers the identifier trimmed.
pub fn validate(login: &str) -> Result<&str, LoginError> {
    let login = login.trim();
    if login.is_empty() {
        return Err(LoginError::Required);
    }
    Ok(login)
}

/// Checks that a password was typed (its rules were checked when it was set).
pub fn validate_password(password: &str) -> Result<&str, LoginError> {
    if password.is_empty() {
        return Err(LoginError::PasswordRequired);
    }
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fields_are_required_and_the_identifier_is_trimmed() {
        assert_eq!(validate("  jan_kowalski "), Ok("jan_kowalski"));
        assert_eq!(validate(" "), Err(LoginError::Required));
        assert_eq!(validate_password(""), Err(LoginError::PasswordRequired));
        assert_eq!(validate_password(" x"), Ok(" x"), "a password is taken as typed");
    }

    #[test]
    fn the_lock_message_names_the_time_in_poland() {
        let message = locked_message("2026-11-25T14:35:00+01:00", Lang::Pl);
        assert!(message.contains("do 14:35 (czasu polskiego)"), "{message}");
        assert!(locked_message("2026-07-01T09:05:00+02:00", Lang::En).contains("until 09:05 (Polish time)"));
    }
}
