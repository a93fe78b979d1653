//! Prints what each rule costs per call, timed over a million calls: the cost of one keystroke.

use shared::api::ValidateRequest;
use shared::date::Date;
use shared::rules::{email, id_card::IdCardNumber, password, pesel::Pesel, phone::PhoneNumber, username};
use std::hint::black_box;
use std::time::Instant;

const CALLS: u32 = 1_000_000;

fn per_call(name: &str, mut f: impl FnMut()) {
    let start = Instant::now();
    for _ in 0..CALLS {
        f();
    }
    println!("{name:<34} {:>8.1} ns/call", start.elapsed().as_nanos() as f64 / f64::from(CALLS));
}

fn main() {
    per_call("username::validate", || {
        let _ = black_box(username::validate(black_box("jan_kowalski-1985")));
    });
    per_call("password::validate", || {
        let _ = black_box(password::validate(black_box("Tajne#Haslo1")));
    });
    per_call("Pesel::parse", || {
        let _ = black_box(Pesel::parse(black_box("44051401359")));
    });
    per_call("IdCardNumber::parse", || {
        let _ = black_box(IdCardNumber::parse(black_box("ABS123456")));
    });
    per_call("PhoneNumber::parse", || {
        let _ = black_box(PhoneNumber::parse(black_box("+48 600 123 456")));
    });
    per_call("email::validate", || {
        let _ = black_box(email::validate(black_box("jan.kowalski@example.pl")));
    });
    let today = Date::new(2026, 11, 24).expect("a real date");
    let account = ValidateRequest {
        username: Some("jan_kowalski".into()),
        password: Some("Tajne#Haslo1".into()),
        password_repeat: Some("Tajne#Haslo1".into()),
        ..Default::default()
    };
    per_call("validate(account step, 3 fields)", || {
        let _ = black_box(shared::validate(black_box(&account), today));
    });
}
