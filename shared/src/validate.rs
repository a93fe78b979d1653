//! The one function that checks a set of fields: the app calls it as the citizen types and on
//! "Dalej"; api-mock calls it on every request that carries them. Rules that depend on the date
//! (age, call windows) take `today` from the caller: the browser's date, or api-mock's clock.

use crate::api::{Field, FieldError, PeselFacts, ValidateRequest, ValidateResponse};
use crate::date::Date;
use crate::rules::confirmation::{self, ConfirmationError, ConsentError};
use crate::rules::email_code::EmailCodeError;
use crate::rules::login::{self, LoginError};
use crate::rules::name::{NameError, NamePart};
use crate::rules::repeat::{self, EmailRepeatError, PasswordRepeatError, PhoneRepeatError};
use crate::rules::sms_code::SmsCodeError;
use crate::rules::{email, email::EmailError, id_card, id_card::IdCardError, name, password, password::PasswordError};
use crate::rules::{pesel, pesel::Pesel, pesel::PeselError, phone::PhoneError, phone::PhoneNumber, username, username::UsernameError};
use crate::Lang;
use std::collections::BTreeMap;

/// One problem with one field, typed by the rule that found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Username(UsernameError),
    Password(PasswordError),
    PasswordRepeat(PasswordRepeatError),
    Name(NamePart, NameError),
    Pesel(PeselError),
    Email(EmailError),
    EmailRepeat(EmailRepeatError),
    Phone(PhoneError),
    PhoneRepeat(PhoneRepeatError),
    IdCard(IdCardError),
    Confirmation(ConfirmationError),
    Consent(ConsentError),
    SmsCode(SmsCodeError),
    EmailCode(EmailCodeError),
    Login(LoginError),
}

impl Problem {
    pub fn code(self) -> &'static str {
        match self {
            Problem::Username(e) => e.code(),
            Problem::Password(e) => e.code(),
            Problem::PasswordRepeat(e) => e.code(),
            Problem::Name(_, e) => e.code(),
            Problem::Pesel(e) => e.code(),
            Problem::Email(e) => e.code(),
            Problem::EmailRepeat(e) => e.code(),
            Problem::Phone(e) => e.code(),
            Problem::PhoneRepeat(e) => e.code(),
            Problem::IdCard(e) => e.code(),
            Problem::Confirmation(e) => e.code(),
            Problem::Consent(e) => e.code(),
            Problem::SmsCode(e) => e.code(),
            Problem::EmailCode(e) => e.code(),
            Problem::Login(e) => e.code(),
        }
    }

    pub fn message(self, lang: Lang) -> String {
        match self {
            Problem::Username(e) => e.message(lang).into(),
            Problem::Password(e) => e.message(lang).into(),
            Problem::PasswordRepeat(e) => e.message(lang).into(),
            Problem::Name(part, e) => e.message(part, lang),
            Problem::Pesel(e) => e.message(lang).into(),
            Problem::Email(e) => e.message(lang).into(),
            Problem::EmailRepeat(e) => e.message(lang).into(),
            Problem::Phone(e) => e.message(lang).into(),
            Problem::PhoneRepeat(e) => e.message(lang).into(),
            Problem::IdCard(e) => e.message(lang).into(),
            Problem::Confirmation(e) => e.message(lang).into(),
            Problem::Consent(e) => e.message(lang).into(),
            Problem::SmsCode(e) => e.message(lang).into(),
            Problem::EmailCode(e) => e.message(lang).into(),
            Problem::Login(e) => e.message(lang).into(),
        }
    }

    /// The problem an API answer names by `code` for `field`, so the app renders the message in
    /// the citizen's language (and again after a switch) instead of keeping the server's words.
    pub fn from_code(field: Field, code: &str) -> Option<Problem> {
        let name_part = |part| NameError::from_code(code).map(|e| Problem::Name(part, e));
        match field {
            Field::Username => UsernameError::from_code(code).map(Problem::Username),
            Field::Password => PasswordError::from_code(code).map(Problem::Password).or_else(|| LoginError::from_code(code).map(Problem::Login)),
            Field::PasswordRepeat => PasswordRepeatError::from_code(code).map(Problem::PasswordRepeat),
            Field::FirstName => name_part(NamePart::First),
            Field::SecondName => name_part(NamePart::Second),
            Field::Surname => name_part(NamePart::Surname),
            Field::Pesel => PeselError::from_code(code).map(Problem::Pesel),
            Field::Email => EmailError::from_code(code).map(Problem::Email),
            Field::EmailRepeat => EmailRepeatError::from_code(code).map(Problem::EmailRepeat),
            Field::Phone => PhoneError::from_code(code).map(Problem::Phone),
            Field::PhoneRepeat => PhoneRepeatError::from_code(code).map(Problem::PhoneRepeat),
            Field::IdCard => IdCardError::from_code(code).map(Problem::IdCard),
            Field::Confirmation => ConfirmationError::from_code(code).map(Problem::Confirmation),
            Field::Consent => ConsentError::from_code(code).map(Problem::Consent),
            Field::SmsCode => SmsCodeError::from_code(code).map(Problem::SmsCode),
            Field::Login => LoginError::from_code(code).map(Problem::Login),
            Field::EmailCode => EmailCodeError::from_code(code).map(Problem::EmailCode),
            Field::CurrentPassword => PasswordError::from_code(code).map(Problem::Password).or_else(|| LoginError::from_code(code).map(Problem::Login)),
        }
    }

    pub fn to_field_error(self, lang: Lang) -> FieldError {
        FieldError { code: self.code().to_owned(), message: self.message(lang) }
    }
}

/// The outcome of checking a set of fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub errors: BTreeMap<Field, Vec<Problem>>,
    /// The PESEL, when one was sent and is valid.
    pub pesel: Option<Pesel>,
}

impl Report {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first problem of a field, the one shown beside it.
    pub fn first(&self, field: Field) -> Option<Problem> {
        self.errors.get(&field).and_then(|problems| problems.first().copied())
    }

    /// Records `outcome`'s error, if any, against `field`; answers the value when there is none.
    pub fn add<T, E>(&mut self, field: Field, outcome: Result<T, E>, problem: impl FnOnce(E) -> Problem) -> Option<T> {
        outcome.map_err(|e| self.errors.entry(field).or_default().push(problem(e))).ok()
    }

    pub fn to_response(&self, lang: Lang) -> ValidateResponse {
        ValidateResponse {
            errors: self.errors.iter().map(|(field, problems)| (*field, problems.iter().map(|p| p.to_field_error(lang)).collect())).collect(),
            pesel: self.pesel.map(|p| PeselFacts { birth_date: p.birth_date(), sex: p.sex() }),
        }
    }
}

/// The text fields a registration may leave out; every other text field, the way of confirming
/// and the consent are required.
pub const OPTIONAL_IN_REGISTRATION: [Field; 2] = [Field::SecondName, Field::IdCard];

/// Checks a whole registration: like `validate`, with a missing required field reported as not
/// filled in.
pub fn validate_registration(request: &ValidateRequest, today: Date) -> Report {
    let mut complete = request.clone();
    for field in Field::TEXT.into_iter().filter(|f| !OPTIONAL_IN_REGISTRATION.contains(f)) {
        if complete.get(field).is_none() {
            complete.set(field, String::new());
        }
    }
    complete.consent.get_or_insert(false);
    let mut report = validate(&complete, today);
    if complete.confirmation.is_none() {
        report.add(Field::Confirmation, Err::<(), _>(ConfirmationError::Required), Problem::Confirmation);
    }
    report
}

/// Checks the account's fields alone (the registration's first step): the username, the password
/// and its repeat, as `validate` does, so a page asking only these needs no other rule.
pub fn validate_account(username: &str, password: &str, password_repeat: &str) -> Report {
    let mut report = Report::default();
    check_account(&mut report, Some(username), Some(password), Some(password_repeat));
    report
}

/// The account's fields that were sent, checked into `report`.
fn check_account(report: &mut Report, username: Option<&str>, password: Option<&str>, password_repeat: Option<&str>) {
    if let Some(value) = username {
        report.add(Field::Username, username::validate(value), Problem::Username);
    }
    if let Some(value) = password {
        report.add(Field::Password, password::validate(value), Problem::Password);
    }
    if let Some(value) = password_repeat {
        let original = password.unwrap_or_default();
        let outcome = repeat::check(value, |r| r == original, PasswordRepeatError::Required, PasswordRepeatError::Mismatch);
        report.add(Field::PasswordRepeat, outcome, Problem::PasswordRepeat);
    }
}

/// Checks a change of password while signed in: the current one filled in (whether it is right
/// only the server knows), the new one by the rules and unlike the current one, and its repeat.
pub fn validate_password_change(current: &str, password: &str, password_repeat: &str) -> Report {
    let mut report = Report::default();
    report.add(Field::CurrentPassword, login::validate_password(current), Problem::Login);
    check_account(&mut report, None, Some(password), Some(password_repeat));
    if !current.is_empty() && report.first(Field::Password).is_none() && current == password {
        report.add(Field::Password, Err::<(), _>(PasswordError::SameAsCurrent), Problem::Password);
    }
    report
}

/// Checks a sign-in form: both fields filled in (whether they are right only the server knows).
pub fn validate_login(login_value: &str, password: &str) -> Report {
    let mut report = Report::default();
    report.add(Field::Login, login::validate(login_value), Problem::Login);
    report.add(Field::Password, login::validate_password(password), Problem::Login);
    report
}

/// The contact details of an extension, checked: the address trimmed and lower-case, the phone a
/// Polish mobile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub email: String,
    pub phone: PhoneNumber,
}

/// Checks the contact details an extension confirms or changes: both required, by the rules of
/// registration.
pub fn validate_contact(email_value: &str, phone_value: &str) -> Result<Contact, Report> {
    let mut report = Report::default();
    let email = report.add(Field::Email, email::validate(email_value), Problem::Email).map(|e| e.to_ascii_lowercase());
    let phone = report.add(Field::Phone, PhoneNumber::parse(phone_value), Problem::Phone);
    match (email, phone) {
        (Some(email), Some(phone)) => Ok(Contact { email, phone }),
        _ => Err(report),
    }
}

/// The answers as they are sent and kept: each valid name in NFC with single inner spaces, the
/// PESEL and the ID card number without spaces or dashes, the e-mail addresses trimmed, lower-case,
/// their domains in ASCII (punycode), the phones in E.164; an answer its rule refuses stays as typed
/// (so the server names its problem), and the passwords and the username are never touched.
/// What the citizen typed is what the check-your-answers page shows.
pub fn normalised(request: &ValidateRequest) -> ValidateRequest {
    let mut sent = request.clone();
    let normalise = |field: Field, value: &str| -> Option<String> {
        match field {
            Field::FirstName | Field::SecondName | Field::Surname => name::validate(value).ok(),
            Field::Pesel => Pesel::parse(value).ok().map(|p| p.to_string()),
            Field::IdCard => id_card::IdCardNumber::parse(value).ok().map(|n| n.to_string()),
            Field::Email | Field::EmailRepeat => email::validate(value).ok().map(|e| e.to_ascii_lowercase()),
            Field::Phone | Field::PhoneRepeat => PhoneNumber::parse(value).ok().map(|p| p.e164()),
            _ => None,
        }
    };
    for field in Field::TEXT {
        if let Some(better) = request.get(field).and_then(|value| normalise(field, value)) {
            sent.set(field, better);
        }
    }
    sent
}

/// Checks every field present in `request` with the rules of `crate::rules`, on the day `today`.
pub fn validate(request: &ValidateRequest, today: Date) -> Report {
    let mut report = Report::default();
    check_account(&mut report, request.username.as_deref(), request.password.as_deref(), request.password_repeat.as_deref());
    for (field, part, value) in [
        (Field::FirstName, NamePart::First, &request.first_name),
        (Field::SecondName, NamePart::Second, &request.second_name),
        (Field::Surname, NamePart::Surname, &request.surname),
    ] {
        let optional_and_empty = part == NamePart::Second && value.as_deref().is_some_and(|v| v.trim().is_empty());
        if let Some(value) = value.as_deref().filter(|_| !optional_and_empty) {
            report.add(field, name::validate(value), |e| Problem::Name(part, e));
        }
    }
    if let Some(value) = &request.pesel {
        let old_enough = |p: Pesel| if p.age_on(today) >= pesel::MIN_AGE { Ok(p) } else { Err(PeselError::TooYoung) };
        report.pesel = report.add(Field::Pesel, Pesel::parse(value).and_then(old_enough), Problem::Pesel);
    }
    if let Some(value) = &request.email {
        report.add(Field::Email, email::validate(value), Problem::Email);
    }
    if let Some(value) = &request.email_repeat {
        let original = email::normalise(request.email.as_deref().unwrap_or_default());
        let outcome = repeat::check(value, |r| email::normalise(r) == original, EmailRepeatError::Required, EmailRepeatError::Mismatch);
        report.add(Field::EmailRepeat, outcome, Problem::EmailRepeat);
    }
    if let Some(value) = &request.phone {
        report.add(Field::Phone, PhoneNumber::parse(value), Problem::Phone);
    }
    if let Some(value) = &request.phone_repeat {
        let original = request.phone.as_deref().unwrap_or_default();
        let same = |r: &str| match (PhoneNumber::parse(original), PhoneNumber::parse(r)) {
            (Ok(a), Ok(b)) => a == b,
            _ => r.trim() == original.trim(),
        };
        let outcome = repeat::check(value, same, PhoneRepeatError::Required, PhoneRepeatError::Mismatch);
        report.add(Field::PhoneRepeat, outcome, Problem::PhoneRepeat);
    }
    if let Some(value) = &request.id_card {
        report.add(Field::IdCard, id_card::IdCardNumber::parse(value), Problem::IdCard);
    }
    if let Some(value) = &request.confirmation {
        report.add(Field::Confirmation, confirmation::validate(value, today), Problem::Confirmation);
    }
    if let Some(value) = request.consent {
        report.add(Field::Consent, confirmation::validate_consent(value), Problem::Consent);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 24).unwrap()
    }

    fn request(fields: &[(&str, &str)]) -> ValidateRequest {
        let object: serde_json::Map<String, serde_json::Value> = fields.iter().map(|(k, v)| (k.to_string(), serde_json::Value::from(*v))).collect();
        serde_json::from_value(serde_json::Value::Object(object)).unwrap()
    }

    #[test]
    fn what_people_type_the_way_they_write_it_passes() {
        let report = validate(
            &request(&[
                ("first_name", "Zaz\u{307}o\u{301}łc\u{301}"),
                ("surname", "Kowalska  Nowak"),
                ("pesel", "440 514 013 59"),
                ("id_card", "ABS-123456"),
                ("email", "jan@żółw.pl"),
                ("email_repeat", "JAN@xn--w-uga1v8h.pl"),
                ("phone", "600-123 456"),
            ]),
            today(),
        );
        assert!(report.is_valid(), "{report:?}");
    }

    #[test]
    fn the_answers_are_sent_normalised_and_a_refused_one_as_typed() {
        let typed = request(&[
            ("username", "Jan_K"),
            ("password", " Tajne#Haslo1 "),
            ("first_name", "Zaz\u{307}o\u{301}łc\u{301}"),
            ("second_name", ""),
            ("surname", " Kowalska  Nowak "),
            ("pesel", "440 514-013 59"),
            ("id_card", "abs 123456"),
            ("email", "Jan@Żółw.pl"),
            ("phone", "600 123 456"),
            ("phone_repeat", "60012"),
        ]);
        let sent = normalised(&typed);
        let expected = request(&[
            ("username", "Jan_K"),
            ("password", " Tajne#Haslo1 "),
            ("first_name", "Zażółć"),
            ("second_name", ""),
            ("surname", "Kowalska Nowak"),
            ("pesel", "44051401359"),
            ("id_card", "ABS123456"),
            ("email", "jan@xn--w-uga1v8h.pl"),
            ("phone", "+48600123456"),
            ("phone_repeat", "60012"),
        ]);
        assert_eq!(sent, expected);
        assert_eq!(validate(&sent, today()), validate(&typed, today()));
    }

    #[test]
    fn only_the_fields_sent_are_checked() {
        assert!(validate(&ValidateRequest::default(), today()).is_valid());
        let report = validate(&request(&[("username", "jan.kowalski")]), today());
        assert_eq!(report.errors.keys().copied().collect::<Vec<_>>(), [Field::Username]);
        assert_eq!(report.first(Field::Username), Some(Problem::Username(UsernameError::ForbiddenChar)));
    }

    #[test]
    fn a_whole_valid_form_passes_and_reports_the_pesel() {
        let report = validate(
            &request(&[
                ("username", "jan_kowalski"),
                ("password", "Tajne#Haslo1"),
                ("password_repeat", "Tajne#Haslo1"),
                ("first_name", "Jan"),
                ("second_name", ""),
                ("surname", "Kowalski-Nowak"),
                ("pesel", "44051401359"),
                ("email", "Jan@Example.pl"),
                ("email_repeat", "jan@example.pl "),
                ("phone", "600 123 456"),
                ("phone_repeat", "+48600123456"),
                ("id_card", "ABS123456"),
            ]),
            today(),
        );
        assert!(report.is_valid(), "{:?}", report.errors);
        assert_eq!(report.pesel.unwrap().to_string(), "44051401359");
    }

    #[test]
    fn repeats_are_compared_with_their_originals() {
        let report = validate(
            &request(&[
                ("password", "Tajne#Haslo1"),
                ("password_repeat", "Tajne#Haslo2"),
                ("email", "a@b.pl"),
                ("email_repeat", "a@c.pl"),
                ("phone", "600123456"),
                ("phone_repeat", "600123457"),
            ]),
            today(),
        );
        assert_eq!(report.first(Field::PasswordRepeat), Some(Problem::PasswordRepeat(PasswordRepeatError::Mismatch)));
        assert_eq!(report.first(Field::EmailRepeat), Some(Problem::EmailRepeat(EmailRepeatError::Mismatch)));
        assert_eq!(report.first(Field::PhoneRepeat), Some(Problem::PhoneRepeat(PhoneRepeatError::Mismatch)));
    }

    #[test]
    fn the_response_carries_codes_and_messages_in_the_language_asked() {
        let report = validate(&request(&[("pesel", "44051401358"), ("surname", "")]), today());
        let json = serde_json::to_value(report.to_response(Lang::En)).unwrap();
        assert_eq!(json["errors"]["pesel"][0]["code"], "pesel.checksum");
        assert_eq!(json["errors"]["surname"][0]["message"], "Enter your surname");
        assert!(json.get("pesel").is_none());
        let valid = serde_json::to_value(validate(&request(&[("pesel", "44051401359")]), today()).to_response(Lang::Pl)).unwrap();
        assert_eq!(valid, serde_json::json!({"errors": {}, "pesel": {"birth_date": "1944-05-14", "sex": "M"}}));
    }

    #[test]
    fn every_field_has_its_own_slot_and_its_key_is_its_json_name() {
        let mut request = ValidateRequest::default();
        for field in Field::TEXT {
            assert!(request.set(field, field.key().to_owned()));
        }
        assert!(!request.set(Field::Consent, "true".into()), "consent is not text");
        for field in [Field::Confirmation, Field::Consent, Field::SmsCode] {
            assert_eq!(serde_json::to_value(field).unwrap(), field.key());
        }
        let json = serde_json::to_value(&request).unwrap();
        for field in Field::TEXT {
            assert_eq!(request.get(field), Some(field.key()));
            assert_eq!(json[field.key()], field.key());
            assert_eq!(serde_json::to_value(field).unwrap(), field.key());
        }
    }

    #[test]
    fn a_registration_reports_every_missing_field_and_nothing_else() {
        let report = validate_registration(&request(&[("second_name", "")]), today());
        let missing: Vec<Field> = report.errors.keys().copied().collect();
        let mut expected: Vec<Field> = Field::TEXT.into_iter().filter(|f| !OPTIONAL_IN_REGISTRATION.contains(f)).collect();
        expected.extend([Field::Confirmation, Field::Consent]);
        expected.sort();
        assert_eq!(expected.len(), 12);
        assert_eq!(missing, expected);
        assert_eq!(report.first(Field::Confirmation), Some(Problem::Confirmation(ConfirmationError::Required)));
        assert_eq!(report.first(Field::Consent), Some(Problem::Consent(ConsentError::Required)));
        assert_eq!(report.first(Field::Username), Some(Problem::Username(UsernameError::Required)));
    }

    #[test]
    fn a_complete_registration_passes() {
        let mut complete = request(&[
            ("username", "jan_kowalski"),
            ("password", "Tajne#Haslo1"),
            ("password_repeat", "Tajne#Haslo1"),
            ("first_name", "Jan"),
            ("surname", "Kowalski"),
            ("pesel", "44051401359"),
            ("email", "jan@example.pl"),
            ("email_repeat", "jan@example.pl"),
            ("phone", "600123456"),
            ("phone_repeat", "600 123 456"),
        ]);
        complete.confirmation = Some(crate::rules::confirmation::Confirmation::EId {});
        complete.consent = Some(true);
        let report = validate_registration(&complete, today());
        assert!(report.is_valid(), "{:?}", report.errors);
    }

    #[test]
    fn the_applicant_must_be_thirteen_on_the_day() {
        // Born 2013-11-24: month 31 is November in the 2000s.
        let first_ten = "1331240000";
        let digits: Vec<u8> = first_ten.bytes().map(|b| b - b'0').collect();
        let pesel = format!("{first_ten}{}", pesel::check_digit(&digits));
        let check = |day| validate(&ValidateRequest { pesel: Some(pesel.clone()), ..Default::default() }, day).first(Field::Pesel);
        assert_eq!(check(Date::new(2026, 11, 23).unwrap()), Some(Problem::Pesel(PeselError::TooYoung)));
        assert_eq!(check(Date::new(2026, 11, 24).unwrap()), None);
    }

    #[test]
    fn an_answer_s_code_reads_back_as_the_problem_for_its_field() {
        let report = validate(&request(&[("pesel", "44051401358"), ("surname", ""), ("username", "a")]), today());
        for (field, problems) in &report.errors {
            for problem in problems {
                assert_eq!(Problem::from_code(*field, problem.code()), Some(*problem));
            }
        }
        assert_eq!(Problem::from_code(Field::Login, "login.required"), Some(Problem::Login(LoginError::Required)));
        assert_eq!(Problem::from_code(Field::Password, "login.password_required"), Some(Problem::Login(LoginError::PasswordRequired)));
        assert_eq!(Problem::from_code(Field::SmsCode, "pesel.checksum"), None);
        assert_eq!(validate_login(" ", "").errors.len(), 2);
        assert!(validate_login("jan@example.pl", "x").is_valid());
    }

    #[test]
    fn contact_details_are_both_required_and_come_out_normalised() {
        let contact = validate_contact(" Jan@Example.PL ", "600 123 456").unwrap();
        assert_eq!((contact.email.as_str(), contact.phone.e164()), ("jan@example.pl", "+48600123456".to_owned()));
        let report = validate_contact("", "22 123 45 67").unwrap_err();
        assert_eq!(report.first(Field::Email), Some(Problem::Email(EmailError::Required)));
        assert_eq!(report.first(Field::Phone), Some(Problem::Phone(PhoneError::NotMobile)));
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_str::<ValidateRequest>(r#"{"usrname": "x"}"#).is_err());
        assert!(serde_json::from_str::<ValidateRequest>(r#"{"username": 5}"#).is_err());
    }
}
