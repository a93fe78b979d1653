//! The SMS authorisation code: 6 digits, valid for a few minutes, a limited number of tries.

use super::error_codes;
use crate::Lang;

pub const LENGTH: usize = 6;
/// How long a code may be used after it is sent.
pub const VALID_SECONDS: i64 = 5 * 60;
/// Wrong tries before the code is spent and a new one must be requested.
pub const TRIES: u8 = 3;
/// How long after one code another may be requested.
pub const RESEND_COOLDOWN_SECONDS: i64 = 60;

error_codes! {
    /// Why an SMS code is refused.
    pub enum SmsCodeError {
        Required = "sms_code.required",
        Format = "sms_code.format",
        /// Not the code sent; the answer tells how many tries are left.
        Wrong = "sms_code.wrong",
        Expired = "sms_code.expired",
        /// Every try is used up; a new code must be requested.
        NoTriesLeft = "sms_code.no_tries_left",
    }
}

impl SmsCodeError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz kod z SMS-a", "Enter the code from the text message"),
            Self::Format => ("Kod z SMS-a ma 6 cyfr", "The code from the text message has 6 digits"),
            Self::Wrong => {
                ("Kod jest niepoprawny. Sprawdź SMS i wpisz kod ponownie", "The code is not correct. Check the text message and enter the code again")
            }
            Self::Expired => ("Kod wygasł. Wyślij nowy kod", "The code has expired. Send a new code"),
            Self::NoTriesLeft => ("Kod został zablokowany po 3 błędnych próbach. Wyślij nowy kod", "The code was blocked after 3 wrong tries. Send a new code"),
        };
        lang.pick(pl, en)
    }
}

/// Checks the shape of a typed or pasted code (spaces are ignored) and answers its digits.
pub fn parse(input: &str) -> Result<String, SmsCodeError> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err(SmsCodeError::Required);
    }
    if digits.len() != LENGTH || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SmsCodeError::Format);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_six_digits_and_pasted_spaces_do_not_matter() {
        assert_eq!(parse("123456"), Ok("123456".into()));
        assert_eq!(parse(" 123 456 "), Ok("123456".into()));
        assert_eq!(parse(""), Err(SmsCodeError::Required));
        for bad in ["12345", "1234567", "12345a", "１２３４５６"] {
            assert_eq!(parse(bad), Err(SmsCodeError::Format), "{bad}");
        }
    }
}
