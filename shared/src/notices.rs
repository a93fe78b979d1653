//! The texts of the SMS and e-mails the service sends, in the citizen's language.

use crate::api::Authorisation;
use crate::date::Date;
use crate::i18n::{days_left_words, long_date, minutes_en, minutes_pl, CODE_MINUTES, RESET_MINUTES};
use crate::rules::confirmation::ProfileKind;
use crate::rules::confirmation::{Confirmation, VideoApp, CONFIRMATION_POINTS, IN_PERSON_DEADLINE_DAYS};
use crate::{Lang, Text};

/// An e-mail: its subject and its plain text.
pub struct Email {
    pub subject: String,
    pub text: String,
}

/// What an SMS code authorises: each SMS names it, so a code asked for by someone else reads as
/// what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeFor {
    Registration,
    Login,
    Confirmation,
    MethodChange,
    PasswordReset,
    Extension,
    PasswordChange,
    EmailVerification,
}

/// The SMS with a one-time code: what it authorises, how long it lasts, never a link.
pub fn sms_code(code: &str, what: CodeFor, lang: Lang) -> String {
    let minutes = crate::rules::sms_code::VALID_SECONDS / 60;
    let (pl, en) = match what {
        CodeFor::Registration => ("do założenia Profilu Zaufanego", "to set up your Trusted Profile"),
        CodeFor::Login => ("do logowania w Profilu Zaufanym", "to sign in to your Trusted Profile"),
        CodeFor::Confirmation => ("do potwierdzenia tożsamości w Profilu Zaufanym", "to confirm it is you in your Trusted Profile"),
        CodeFor::MethodChange => ("do zmiany metody autoryzacji w Profilu Zaufanym", "to change the authorisation method of your Trusted Profile"),
        CodeFor::PasswordReset => ("do ustawienia nowego hasła w Profilu Zaufanym", "to set a new password for your Trusted Profile"),
        CodeFor::Extension => ("do przedłużenia ważności Profilu Zaufanego", "to extend your Trusted Profile"),
        CodeFor::PasswordChange => ("do zmiany hasła w Profilu Zaufanym", "to change the password of your Trusted Profile"),
        CodeFor::EmailVerification => ("do potwierdzenia adresu e-mail w Profilu Zaufanym", "to confirm your e-mail address in your Trusted Profile"),
    };
    match lang {
        Lang::Pl => format!("Kod {pl}: {code}. Kod jest ważny {minutes} minut. Nie podawaj go nikomu."),
        Lang::En => format!("Code {en}: {code}. It is valid for {minutes} minutes. Never share it."),
    }
}

pub fn account_created(username: &str, lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Konto w serwisie Profil Zaufany zostało założone".into(),
            text: signed(format!("Dzień dobry,\n\nzałożyliśmy konto o nazwie użytkownika {username} w serwisie Profil Zaufany."), lang),
        },
        Lang::En => Email {
            subject: "Your Trusted Profile account has been created".into(),
            text: signed(format!("Hello,\n\nwe have created the account with the username {username} in the Trusted Profile service."), lang),
        },
    }
}

pub fn application_sent(number: &str, confirmation: &Confirmation, lang: Lang) -> Email {
    let next = next_step(confirmation, lang);
    match lang {
        Lang::Pl => Email {
            subject: format!("Wniosek o profil zaufany {number} został wysłany"),
            text: signed(format!("Dzień dobry,\n\nwysłaliśmy Twój wniosek o profil zaufany. Numer wniosku: {number}. Zachowaj go: będzie potrzebny do potwierdzenia tożsamości.\n\n{next}"), lang),
        },
        Lang::En => Email {
            subject: format!("Your trusted profile application {number} has been sent"),
            text: signed(format!("Hello,\n\nwe have sent your application for a trusted profile. Application number: {number}. Keep it: you will need it to confirm your identity.\n\n{next}"), lang),
        },
    }
}

pub fn profile_confirmed(valid_until: &str, lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Twój profil zaufany został potwierdzony".into(),
            text: signed(format!("Dzień dobry,\n\npotwierdziliśmy Twoją tożsamość. Twój profil zaufany jest ważny do {valid_until}."), lang),
        },
        Lang::En => Email {
            subject: "Your trusted profile has been confirmed".into(),
            text: signed(format!("Hello,\n\nwe have confirmed your identity. Your trusted profile is valid until {valid_until}."), lang),
        },
    }
}

/// An e-mail's text with the sign-off and the help centre's contact under it.
fn signed(text: String, lang: Lang) -> String {
    let team = lang.pick("Zespół Profilu Zaufanego", "The Trusted Profile team");
    format!("{text}\n\n{team}\n\n{}: {}, {}", Text::HelpTitle.get(lang), Text::HelpBody.get(lang), Text::HelpHours.get(lang))
}

/// What the citizen does next for the chosen way of confirming.
pub fn next_step(confirmation: &Confirmation, lang: Lang) -> String {
    match confirmation {
        Confirmation::Video { app, .. } => lang
            .pick(
                "W wybranym przez Ciebie czasie zadzwoni do Ciebie urzędnik przez {app}. Link do rozmowy wyślemy e-mailem. Przygotuj dowód osobisty.",
                "An official will call you through {app} in the time you chose. We will e-mail you the link to the call. Have your ID card ready.",
            )
            .replace("{app}", app.map_or("Skype / Microsoft Teams", VideoApp::name)),
        Confirmation::InPerson { point } => {
            let place = CONFIRMATION_POINTS.iter().find(|p| p.id == point).map_or(point.clone(), |p| format!("{}, {}", p.name, p.address));
            lang.pick(
                "W ciągu {days} dni przyjdź z dowodem osobistym i numerem wniosku do punktu: {place}.",
                "Within {days} days, come with your ID card and the application number to: {place}.",
            )
            .replace("{days}", &IN_PERSON_DEADLINE_DAYS.to_string())
            .replace("{place}", &place)
        }
        Confirmation::Bank { .. } => {
            lang.pick("Zaloguj się do banku lub u dostawcy i potwierdź wniosek.", "Log in to your bank or provider and confirm the application.").into()
        }
        Confirmation::EId {} => lang
            .pick(
                "Potwierdź wniosek e-dowodem: przyłóż dowód do telefonu z NFC lub czytnika.",
                "Confirm the application with your e-ID card: hold it to an NFC phone or a card reader.",
            )
            .into(),
    }
}

/// The method of confirming changed: so that a change made by someone else does not go unnoticed.
pub fn authorisation_changed(method: Authorisation, lang: Lang) -> Email {
    let (pl, en) = match method {
        Authorisation::Sms => ("kod SMS", "an SMS code"),
        Authorisation::Push => ("powiadomienie push w aplikacji mObywatel", "a push notification in the mObywatel app"),
    };
    match lang {
        Lang::Pl => Email {
            subject: "Zmieniono metodę autoryzacji w Profilu Zaufanym".into(),
            text: signed(format!("Dzień dobry,\n\nod teraz logowanie i operacje w Profilu Zaufanym potwierdzasz tak: {pl}.\n\nJeśli to nie Ty zmieniłeś metodę, zadzwoń do centrum pomocy i zmień hasło."), lang),
        },
        Lang::En => Email {
            subject: "Your Trusted Profile authorisation method has changed".into(),
            text: signed(format!("Hello,\n\nfrom now on you confirm sign-ins and operations in the Trusted Profile with {en}.\n\nIf you did not make this change, call the help centre and change your password."), lang),
        },
    }
}

/// "Nie pamiętam nazwy użytkownika": the usernames of the accounts with this e-mail address.
pub fn username_reminder(usernames: &[String], lang: Lang) -> Email {
    let names = usernames.join(", ");
    match lang {
        Lang::Pl => Email {
            subject: "Przypomnienie nazwy użytkownika w Profilu Zaufanym".into(),
            text: signed(
                format!(
                    "Dzień dobry,\n\nTwoja nazwa użytkownika w Profilu Zaufanym: {names}\n\nJeśli to nie Ty prosiłeś o przypomnienie, zignoruj tę wiadomość."
                ),
                lang,
            ),
        },
        Lang::En => Email {
            subject: "Your Trusted Profile username".into(),
            text: signed(
                format!("Hello,\n\nyour username in the Trusted Profile: {names}\n\nIf you did not ask for this reminder, ignore this message."),
                lang,
            ),
        },
    }
}

/// "Nie pamiętam hasła": the link to set a new password (single use, valid `RESET_MINUTES`).
pub fn password_reset_link(link: &str, lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Zmiana hasła w Profilu Zaufanym".into(),
            text: signed(format!("Dzień dobry,\n\naby ustawić nowe hasło, otwórz ten link (działa raz, przez {RESET_MINUTES} {}):\n{link}\n\nJeśli to nie Ty prosiłeś o zmianę hasła, zignoruj tę wiadomość: Twoje hasło się nie zmieni.", minutes_pl(RESET_MINUTES)), lang),
        },
        Lang::En => Email {
            subject: "Changing your Trusted Profile password".into(),
            text: signed(format!("Hello,\n\nto set a new password, open this link (it works once, for {RESET_MINUTES} {}):\n{link}\n\nIf you did not ask to change your password, ignore this message: your password stays as it is.", minutes_en(RESET_MINUTES)), lang),
        },
    }
}

/// The password was changed, and every session of the account ended.
pub fn password_changed(lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Hasło w Profilu Zaufanym zostało zmienione".into(),
            text: signed("Dzień dobry,\n\nTwoje hasło w Profilu Zaufanym zostało zmienione, a pozostałe otwarte sesje zakończone.\n\nJeśli to nie Ty zmieniłeś hasło, natychmiast zadzwoń do centrum pomocy.".into(), lang),
        },
        Lang::En => Email {
            subject: "Your Trusted Profile password has been changed".into(),
            text: signed("Hello,\n\nyour Trusted Profile password has been changed, and every other open session has ended.\n\nIf you did not change it, call the help centre at once.".into(), lang),
        },
    }
}

/// The e-mail with the code that verifies the address, so it may sign in and get reminders.
pub fn email_verification_code(code: &str, lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Kod do potwierdzenia adresu e-mail".into(),
            text: signed(format!("Dzień dobry,\n\n{}\n\nPo potwierdzeniu możesz logować się tym adresem zamiast nazwy użytkownika.\n\nJeśli to nie Ty, zignoruj tę wiadomość.", sms_code(code, CodeFor::EmailVerification, lang)), lang),
        },
        Lang::En => Email {
            subject: "Your code to confirm the e-mail address".into(),
            text: signed(format!("Hello,\n\n{}\n\nOnce confirmed, you can sign in with this address instead of your username.\n\nIf this was not you, ignore this message.", sms_code(code, CodeFor::EmailVerification, lang)), lang),
        },
    }
}

/// What to do before a profile of `kind` ends: extend it, or (temporary) make an ordinary one.
/// No link: the citizen goes to the service by themselves, so a reminder never looks like phishing.
fn before_expiry_steps(kind: ProfileKind, lang: Lang) -> &'static str {
    match kind {
        ProfileKind::Ordinary => lang.pick(
            "Aby go przedłużyć, zaloguj się na pz.gov.pl i wybierz „Przedłuż ważność”.",
            "To extend it, sign in at pz.gov.pl and choose “Extend validity”.",
        ),
        ProfileKind::Temporary => lang.pick(
            "Profilu tymczasowego nie można przedłużyć: zaloguj się na pz.gov.pl i załóż nowy profil przez bank lub e-dowodem.",
            "A temporary profile cannot be extended: sign in at pz.gov.pl and make a new profile through a bank or with your e-ID card.",
        ),
    }
}

/// The SMS reminder before a profile ends (60, 30, 7 and 1 days before, and on its last day), in
/// full Polish (or English) and with no link to click.
pub fn expiry_reminder_sms(kind: ProfileKind, valid_until: Date, days_left: i64, lang: Lang) -> String {
    let (date, left, steps) = (long_date(valid_until, lang), days_left_words(days_left, lang), before_expiry_steps(kind, lang));
    let never = lang.pick("Nie wysyłamy linków w SMS-ach.", "We never send links by text message.");
    match lang {
        Lang::Pl => format!("Profil Zaufany: Twój profil zaufany jest ważny do {date} ({left}). {steps} {never}"),
        Lang::En => format!("Trusted Profile: your trusted profile is valid until {date} ({left}). {steps} {never}"),
    }
}

/// The e-mail reminder sent with `expiry_reminder_sms`.
pub fn expiry_reminder_email(kind: ProfileKind, valid_until: Date, days_left: i64, lang: Lang) -> Email {
    let (date, left, steps) = (long_date(valid_until, lang), days_left_words(days_left, lang), before_expiry_steps(kind, lang));
    match lang {
        Lang::Pl => Email {
            subject: format!("Twój profil zaufany jest ważny do {date}"),
            text: signed(format!("Dzień dobry,\n\nTwój profil zaufany jest ważny do {date} ({left}). {steps} To zajmie kilka minut.\n\nGdy profil wygaśnie, Twoje konto zostanie: zalogujesz się i założysz nowy profil przez bank lub e-dowodem.\n\nNie wysyłamy linków do logowania. Jeśli ktoś prosi Cię o kliknięcie w link, by przedłużyć profil, to nie my."), lang),
        },
        Lang::En => Email {
            subject: format!("Your trusted profile is valid until {date}"),
            text: signed(format!("Hello,\n\nyour trusted profile is valid until {date} ({left}). {steps} It takes a few minutes.\n\nWhen the profile expires, your account stays: you will sign in and make a new profile through a bank or with your e-ID card.\n\nWe never send sign-in links. If someone asks you to click a link to extend your profile, it is not us."), lang),
        },
    }
}

/// The code of the e-mail that confirms an extension (and the address, when it is new).
pub fn extension_code_email(code: &str, lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Kod do przedłużenia profilu zaufanego".into(),
            text: signed(format!("Dzień dobry,\n\nTwój kod do przedłużenia profilu zaufanego to {code}. Kod jest ważny {CODE_MINUTES} {}. Nie podawaj go nikomu.\n\nJeśli to nie Ty przedłużasz profil, zignoruj tę wiadomość i zadzwoń do centrum pomocy.", minutes_pl(CODE_MINUTES)), lang),
        },
        Lang::En => Email {
            subject: "Your code to extend the trusted profile".into(),
            text: signed(format!("Hello,\n\nyour code to extend the trusted profile is {code}. It is valid for {CODE_MINUTES} {}. Never share it.\n\nIf you are not extending your profile, ignore this message and call the help centre.", minutes_en(CODE_MINUTES)), lang),
        },
    }
}

/// The profile was extended until `valid_until`.
pub fn profile_extended(valid_until: Date, lang: Lang) -> Email {
    let date = long_date(valid_until, lang);
    match lang {
        Lang::Pl => Email {
            subject: format!("Profil zaufany przedłużony do {date}"),
            text: signed(format!("Dzień dobry,\n\nprzedłużyliśmy Twój profil zaufany. Jest ważny do {date}"), lang),
        },
        Lang::En => Email {
            subject: format!("Trusted profile extended until {date}"),
            text: signed(format!("Hello,\n\nwe have extended your trusted profile. It is valid until {date}."), lang),
        },
    }
}

/// To the old address, when an extension changed the contact details: so that a change made by
/// someone else does not go unnoticed.
pub fn contact_changed(lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Zmieniono dane kontaktowe w Profilu Zaufanym".into(),
            text: signed("Dzień dobry,\n\nprzy przedłużeniu profilu zaufanego zmieniono adres e-mail lub numer telefonu konta. Kody i powiadomienia trafiają odtąd na nowe dane.\n\nJeśli to nie Ty, natychmiast zadzwoń do centrum pomocy.".into(), lang),
        },
        Lang::En => Email {
            subject: "Your Trusted Profile contact details have changed".into(),
            text: signed("Hello,\n\nwhen the trusted profile was extended, the account's e-mail address or phone number was changed. Codes and messages go to the new details from now on.\n\nIf this was not you, call the help centre at once.".into(), lang),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_names_the_date_and_the_days_left_in_full_polish_and_no_link() {
        let until = Date::new(2026, 12, 10).unwrap();
        let sms = expiry_reminder_sms(ProfileKind::Ordinary, until, 10, Lang::Pl);
        assert_eq!(
            sms,
            "Profil Zaufany: Twój profil zaufany jest ważny do 10 grudnia 2026 r. (jeszcze 10 dni). Aby go przedłużyć, zaloguj się na pz.gov.pl i wybierz „Przedłuż ważność”. Nie wysyłamy linków w SMS-ach."
        );
        assert!(expiry_reminder_sms(ProfileKind::Ordinary, until, 0, Lang::Pl).contains("(to ostatni dzień)"));
        assert!(expiry_reminder_sms(ProfileKind::Temporary, until, 1, Lang::En).contains("(1 more day). A temporary profile cannot be extended"));
        for lang in Lang::ALL {
            let email = expiry_reminder_email(ProfileKind::Ordinary, until, 7, lang);
            for text in [email.text.as_str(), &expiry_reminder_sms(ProfileKind::Temporary, until, 60, lang)] {
                assert!(!text.contains("http"), "{text}");
            }
        }
    }

    #[test]
    fn the_application_e_mail_carries_its_number_and_the_next_step() {
        let email = application_sent("PZ-2026-000123", &Confirmation::InPerson { point: "zus-krakow".into() }, Lang::Pl);
        assert!(email.subject.contains("PZ-2026-000123"));
        assert!(email.text.contains("Numer wniosku: PZ-2026-000123"));
        assert!(email.text.contains("W ciągu 14 dni"));
        assert!(email.text.contains("ul. Pędzichów 27, 31-080 Kraków"));
    }

    #[test]
    fn every_e_mail_ends_with_the_help_centre() {
        let email = profile_confirmed("2029-11-25", Lang::En);
        assert!(
            email.text.ends_with("The Trusted Profile team\n\nHelp centre: E-mail: pz-pomoc@coi.gov.pl, phone: +48 42 253 54 50, Monday to Friday, 7:00–18:00"),
            "{}",
            email.text
        );
    }

    #[test]
    fn each_sms_carries_its_code_names_what_it_authorises_and_no_link() {
        let all = [
            CodeFor::Registration,
            CodeFor::Login,
            CodeFor::Confirmation,
            CodeFor::MethodChange,
            CodeFor::PasswordReset,
            CodeFor::Extension,
            CodeFor::PasswordChange,
            CodeFor::EmailVerification,
        ];
        for lang in [Lang::Pl, Lang::En] {
            let texts: Vec<String> = all.iter().map(|what| sms_code("042917", *what, lang)).collect();
            for text in &texts {
                assert!(text.contains("042917") && !text.contains("http") && text.chars().count() <= 160, "{text}");
            }
            let distinct: std::collections::HashSet<_> = texts.iter().collect();
            assert_eq!(distinct.len(), all.len(), "each purpose reads differently");
        }
        assert_eq!(
            sms_code("042917", CodeFor::MethodChange, Lang::Pl),
            "Kod do zmiany metody autoryzacji w Profilu Zaufanym: 042917. Kod jest ważny 5 minut. Nie podawaj go nikomu."
        );
    }
}
