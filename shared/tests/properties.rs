//! Property tests of the rules against independent implementations written here.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use shared::api::{Field, ValidateRequest};
use shared::date::Date;
use shared::rules::id_card::{IdCardError, IdCardNumber};
use shared::rules::pesel::{Pesel, PeselError, Sex};
use shared::rules::phone::{PhoneNumber, MOBILE_PREFIXES};
use shared::validate::{validate_account, validate_registration};

/// The calendar date `offset` days after 1800-01-01, by the `time` crate: a calendar written by
/// others, so a mistake in the crate's own date arithmetic cannot hide in its oracle.
fn date_after_1800(offset: i64) -> (i64, u32, u32) {
    let start = time::Date::from_calendar_date(1800, time::Month::January, 1).expect("a date");
    let date = start + time::Duration::days(offset);
    (i64::from(date.year()), u32::from(u8::from(date.month())), u32::from(date.day()))
}

/// A PESEL built the way the registry documents it; the check digit is chosen so that the
/// weighted sum of all eleven digits (weights 1,3,7,9,1,3,7,9,1,3,1) ends in 0.
fn independent_pesel(year: i64, month: u32, day: u32, serial: u32, male: bool) -> String {
    let century_offset = match year {
        1800..=1899 => 80,
        1900..=1999 => 0,
        2000..=2099 => 20,
        2100..=2199 => 40,
        _ => 60,
    };
    let sex_digit = (serial / 1000 % 5) * 2 + u32::from(male);
    let first_ten = format!("{:02}{:02}{:02}{:03}{}", year % 100, month + century_offset, day, serial % 1000, sex_digit);
    let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1];
    let check = (0..10)
        .find(|q| {
            let digits = first_ten.chars().map(|c| c.to_digit(10).unwrap()).chain([*q]);
            digits.zip(weights).map(|(d, w)| d * w).sum::<u32>() % 10 == 0
        })
        .unwrap();
    format!("{first_ten}{check}")
}

const DAYS_1800_TO_2300: i64 = 182_621;

#[test]
fn the_independent_calendar_starts_where_it_should() {
    assert_eq!(date_after_1800(0), (1800, 1, 1));
    assert_eq!(date_after_1800(DAYS_1800_TO_2300 - 1), (2299, 12, 31));
    assert_eq!(date_after_1800(59), (1800, 3, 1)); // 1800 was not a leap year
    assert_eq!(independent_pesel(1944, 5, 14, 2013, true), "44051401359"); // the published example
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_generated_pesel_is_valid_with_its_date_and_sex(offset in 0..DAYS_1800_TO_2300, serial in 0u32..100_000, male: bool) {
        let (year, month, day) = date_after_1800(offset);
        let text = independent_pesel(year, month, day, serial, male);
        let pesel = Pesel::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
        prop_assert_eq!(pesel.birth_date().to_string(), format!("{year:04}-{month:02}-{day:02}"));
        prop_assert_eq!(pesel.sex(), if male { Sex::Male } else { Sex::Female });
        prop_assert_eq!(pesel.to_string(), text);
    }

    #[test]
    fn every_one_digit_change_of_a_pesel_is_refused(offset in 0..DAYS_1800_TO_2300, serial in 0u32..100_000, male: bool, position in 0usize..11, delta in 1u8..10) {
        let (year, month, day) = date_after_1800(offset);
        let mut bytes = independent_pesel(year, month, day, serial, male).into_bytes();
        bytes[position] = b'0' + (bytes[position] - b'0' + delta) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        let outcome = Pesel::parse(&changed);
        prop_assert!(matches!(outcome, Err(PeselError::Checksum | PeselError::InvalidDate)), "{} gave {:?}", changed, outcome);
    }

    #[test]
    fn id_card_numbers_with_the_right_check_digit_pass_and_one_digit_changes_fail(
        letters in "[A-Z]{3}", digits in "[0-9]{5}", position in 3usize..9, delta in 1u32..10,
    ) {
        let value = |c: char| c.to_digit(36).unwrap();
        let letters_sum: u32 = letters.chars().zip([7, 3, 1]).map(|(c, w)| value(c) * w).sum();
        let digits_sum: u32 = digits.chars().zip([7, 3, 1, 7, 3]).map(|(c, w)| value(c) * w).sum();
        let check = (0..10).find(|c| (letters_sum + c * 9 + digits_sum).is_multiple_of(10)).unwrap();
        let number = format!("{letters}{check}{digits}");
        prop_assert!(IdCardNumber::parse(&number).is_ok(), "{}", number);
        let mut chars: Vec<char> = number.chars().collect();
        chars[position] = char::from_digit((chars[position].to_digit(10).unwrap() + delta) % 10, 10).unwrap();
        let changed: String = chars.into_iter().collect();
        prop_assert_eq!(IdCardNumber::parse(&changed), Err(IdCardError::Checksum), "{}", changed);
    }

    #[test]
    fn any_written_form_of_a_mobile_normalises_to_e164(
        prefix in proptest::sample::select(MOBILE_PREFIXES.to_vec()), rest in "[0-9]{7}",
        country in proptest::sample::select(vec!["", "+48", "+48 ", "0048", "0048-"]),
        separators in proptest::collection::vec(proptest::sample::select(vec!["", " ", "-"]), 9),
    ) {
        let national = format!("{prefix}{rest}");
        let written: String = national.chars().zip(&separators).map(|(c, s)| format!("{c}{s}")).collect();
        let number = PhoneNumber::parse(&format!("{country}{written}")).unwrap();
        prop_assert_eq!(number.e164(), format!("+48{national}"));
    }

    #[test]
    fn the_account_step_alone_finds_what_the_whole_registration_finds_in_its_fields(
        username in "[a-zA-Z0-9_.ąę -]{0,34}", password in "[a-zA-Z0-9#!ł ]{0,20}", same: bool, repeat in "[a-zA-Z0-9#!]{0,20}",
    ) {
        let repeat = if same { password.clone() } else { repeat };
        let alone = validate_account(&username, &password, &repeat);
        let request = ValidateRequest { username: Some(username), password: Some(password), password_repeat: Some(repeat), ..Default::default() };
        let whole = validate_registration(&request, Date::new(2026, 11, 30).unwrap());
        for field in [Field::Username, Field::Password, Field::PasswordRepeat] {
            prop_assert_eq!(alone.errors.get(&field), whole.errors.get(&field), "{:?}", field);
        }
        prop_assert!(alone.errors.keys().all(|field| matches!(field, Field::Username | Field::Password | Field::PasswordRepeat)));
    }
}

/// Every Polish letter, small and capital.
const POLISH_LETTERS: &str = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ";

/// A request of every text field set to `value`.
fn every_field(value: &str) -> ValidateRequest {
    let mut request = ValidateRequest::default();
    for field in Field::TEXT {
        request.set(field, value.to_owned());
    }
    request
}

proptest! {
    #[test]
    fn normalising_twice_changes_nothing(value in "[ \ta-zA-ZąęłżźćńóśĄĘŁŻŹĆŃÓŚ\u{301}\u{307}\u{328}0-9@.+-]{0,30}") {
        let once = shared::validate::normalised(&every_field(&value));
        prop_assert_eq!(shared::validate::normalised(&once), once.clone());
        prop_assert_eq!(shared::rules::name::normalise(&shared::rules::name::normalise(&value)), shared::rules::name::normalise(&value));
        prop_assert_eq!(shared::rules::email::normalise(&shared::rules::email::normalise(&value)), shared::rules::email::normalise(&value));
    }

    #[test]
    fn nfc_and_nfd_of_polish_names_judge_alike(name in "[aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻ]{1,20}( [aąćęłńóśźżA-ZĄĆĘŁŃÓŚŹŻ]{1,10})?") {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = name.nfd().collect();
        // Every field but the passwords, which are compared as typed.
        let text_fields = |value: &str| {
            let mut request = every_field(value);
            (request.password, request.password_repeat) = (None, None);
            request
        };
        let (composed, decomposed) = (text_fields(&name), text_fields(&nfd));
        let today = Date::new(2026, 11, 30).unwrap();
        prop_assert_eq!(shared::validate(&composed, today), shared::validate(&decomposed, today));
        prop_assert_eq!(shared::rules::name::validate(&nfd), shared::rules::name::validate(&name));
    }

    #[test]
    fn a_pesel_grouped_with_spaces_or_dashes_is_the_same_pesel(
        offset in 0i64..146_000, serial in 0u32..5000, male: bool,
        separators in proptest::collection::vec(proptest::sample::select(vec!["", "", " ", "-", " - "]), 11),
    ) {
        let (year, month, day) = date_after_1800(offset);
        let text = independent_pesel(year, month, day, serial, male);
        let written: String = text.chars().zip(&separators).map(|(c, s)| format!("{c}{s}")).collect();
        prop_assert_eq!(Pesel::parse(&written), Pesel::parse(&text));
    }
}

#[test]
fn every_polish_letter_judges_alike_composed_and_decomposed() {
    use unicode_normalization::UnicodeNormalization;
    for letter in POLISH_LETTERS.chars() {
        let composed = format!("{letter}a");
        let decomposed: String = composed.nfd().collect();
        let (a, b) = (shared::rules::name::validate(&composed), shared::rules::name::validate(&decomposed));
        assert_eq!(a, b, "{letter}");
        assert!(a.is_ok(), "{letter}");
        let email = format!("jan@{}.pl", letter.to_lowercase());
        assert_eq!(shared::rules::email::validate(&email), shared::rules::email::validate(&email.nfd().collect::<String>()), "{email}");
    }
}
