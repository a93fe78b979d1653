//! The code sent by e-mail to confirm an extension (and a changed address): shaped and limited
//! like the SMS code, with its own messages and codes, so the page tells which code is wrong.

use super::error_codes;
use super::sms_code::{self, SmsCodeError};
use crate::Lang;

error_codes! {
    /// Why a code from an e-mail is refused.
    pub enum EmailCodeError {
        Required = "email_code.required",
        Format = "email_code.format",
        /// Not the code sent; the answer tells how many tries are left.
        Wrong = "email_code.wrong",
        Expired = "email_code.expired",
        /// Every try is used up; a new code must be requested.
        NoTriesLeft = "email_code.no_tries_left",
    }
}

impl EmailCodeError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz kod z e-maila", "Enter the code from the e-mail"),
            Self::Format => ("Kod z e-maila ma 6 cyfr", "The code from the e-mail has 6 digits"),
            Self::Wrong => (
                "Kod z e-maila jest niepoprawny. Sprawdź e-mail i wpisz kod ponownie",
                "The code from the e-mail is not correct. Check the e-mail and enter the code again",
            ),
            Self::Expired => ("Kod z e-maila wygasł. Wyślij nowy kod", "The code from the e-mail has expired. Send a new code"),
            Self::NoTriesLeft => (
                "Kod z e-maila został zablokowany po 3 błędnych próbach. Wyślij nowy kod",
                "The code from the e-mail was blocked after 3 wrong tries. Send a new code",
            ),
        };
        lang.pick(pl, en)
    }
}

impl From<SmsCodeError> for EmailCodeError {
    fn from(error: SmsCodeError) -> EmailCodeError {
        match error {
            SmsCodeError::Required => EmailCodeError::Required,
            SmsCodeError::Format => EmailCodeError::Format,
            SmsCodeError::Wrong => EmailCodeError::Wrong,
            SmsCodeError::Expired => EmailCodeError::Expired,
            SmsCodeError::NoTriesLeft => EmailCodeError::NoTriesLeft,
        }
    }
}

/// Checks the shape of a typed or pasted code, as `sms_code::parse` does, and answers its digits.
pub fn parse(input: &str) -> Result<String, EmailCodeError> {
    sms_code::parse(input).map_err(EmailCodeError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_e_mail_code_is_shaped_like_an_sms_code_with_its_own_errors() {
        assert_eq!(parse(" 654 321"), Ok("654321".into()));
        assert_eq!(parse(""), Err(EmailCodeError::Required));
        assert_eq!(parse("65432"), Err(EmailCodeError::Format));
        for error in SmsCodeError::ALL {
            let mapped = EmailCodeError::from(*error);
            assert_eq!(mapped.code().strip_prefix("email_code."), error.code().strip_prefix("sms_code."));
            assert_ne!(mapped.message(Lang::Pl), error.message(Lang::Pl));
        }
    }
}
