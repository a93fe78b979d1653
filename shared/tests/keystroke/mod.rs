//! What one keystroke's checks cost: one list of calls, timed natively (examples/validation_cost.rs) and in Chromium (tests/keystroke_cost.rs).

use shared::api::ValidateRequest;
use shared::date::Date;
use shared::rules::{email, id_card::IdCardNumber, password, pesel::Pesel, phone::PhoneNumber, username};
use shared::validate::{validate_account, validate_registration};
use std::hint::black_box;

/// The budget of one keystroke's checks (the performance issue), in nanoseconds.
const KEYSTROKE_BUDGET_NS: f64 = 50_000.0;

/// Times each rule and the account step's checks over `calls` calls (after a tenth as many to warm up), reading the
/// clock `now_ns`; answers the lines to print, in ns per call.
pub fn measure(calls: u32, now_ns: impl Fn() -> f64) -> Vec<String> {
    let per_call = |f: &dyn Fn()| {
        (0..calls / 10).for_each(|_| f());
        let start = now_ns();
        (0..calls).for_each(|_| f());
        (now_ns() - start) / f64::from(calls)
    };
    let today = Date::new(2026, 11, 24).expect("a real date");
    let account = ValidateRequest {
        username: Some("jan_kowalski".into()),
        password: Some("Tajne#Haslo1".into()),
        password_repeat: Some("Tajne#Haslo1".into()),
        ..Default::default()
    };
    let answered = ValidateRequest {
        first_name: Some("Jan".into()),
        surname: Some("Kowalski".into()),
        pesel: Some("44051401359".into()),
        email: Some("jan.kowalski@example.pl".into()),
        email_repeat: Some("jan.kowalski@example.pl".into()),
        phone: Some("+48 600 123 456".into()),
        phone_repeat: Some("600123456".into()),
        ..account.clone()
    };
    let cases: [(&str, &dyn Fn()); 8] = [
        ("username::validate", &|| {
            let _ = black_box(username::validate(black_box("jan_kowalski-1985")));
        }),
        ("password::validate", &|| {
            let _ = black_box(password::validate(black_box("Tajne#Haslo1")));
        }),
        ("Pesel::parse", &|| {
            let _ = black_box(Pesel::parse(black_box("44051401359")));
        }),
        ("IdCardNumber::parse", &|| {
            let _ = black_box(IdCardNumber::parse(black_box("ABS123456")));
        }),
        ("PhoneNumber::parse", &|| {
            let _ = black_box(PhoneNumber::parse(black_box("+48 600 123 456")));
        }),
        ("email::validate", &|| {
            let _ = black_box(email::validate(black_box("jan.kowalski@example.pl")));
        }),
        ("validate(account step, 3 fields)", &|| {
            let _ = black_box(shared::validate(black_box(&account), today));
        }),
        // What the account step runs on each keystroke (app/src/pages/account.rs).
        ("validate_account(account step, as the app)", &|| {
            let _ = black_box(validate_account(black_box("jan_kowalski"), black_box("Tajne#Haslo1"), black_box("Tajne#Haslo1")));
        }),
    ];
    let mut lines: Vec<String> = cases.iter().map(|(name, f)| format!("{name:<48} {:>8.1} ns/call", per_call(*f))).collect();
    // The most a keystroke runs: a later step judges the whole registration (app/src/pages/mod.rs,
    // `registration_form`), here with the account, personal data and contact answered.
    let keystroke = per_call(&|| {
        let _ = black_box(validate_registration(black_box(&answered), today));
    });
    let verdict = if keystroke <= KEYSTROKE_BUDGET_NS { "within" } else { "OVER" };
    lines.push(format!(
        "{:<48} {keystroke:>8.1} ns/call ({verdict} the {} µs budget a keystroke)",
        "validate_registration(a later step, as the app)",
        KEYSTROKE_BUDGET_NS / 1000.0
    ));
    lines
}
