//! The texts of the SMS and e-mails the service sends, in the citizen's language.

use crate::api::Authorisation;
use crate::rules::confirmation::{Confirmation, VideoApp, CONFIRMATION_POINTS, IN_PERSON_DEADLINE_DAYS};
use crate::{Lang, Text};

/// An e-mail: its subject and its plain text.
pub struct Email {
    pub subject: String,
    pub text: String,
}

pub fn sms_code(code: &str, lang: Lang) -> String {
    match lang {
        Lang::Pl => format!("Profil Zaufany: Twój kod autoryzacyjny to {code}. Kod jest ważny 5 minut. Nie podawaj go nikomu."),
        Lang::En => format!("Trusted Profile: your authorisation code is {code}. It is valid for 5 minutes. Never share it."),
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

/// "Nie pamiętam hasła": the link to set a new password (single use, valid 30 minutes).
pub fn password_reset_link(link: &str, lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Zmiana hasła w Profilu Zaufanym".into(),
            text: signed(format!("Dzień dobry,\n\naby ustawić nowe hasło, otwórz ten link (działa raz, przez 30 minut):\n{link}\n\nJeśli to nie Ty prosiłeś o zmianę hasła, zignoruj tę wiadomość: Twoje hasło się nie zmieni."), lang),
        },
        Lang::En => Email {
            subject: "Changing your Trusted Profile password".into(),
            text: signed(format!("Hello,\n\nto set a new password, open this link (it works once, for 30 minutes):\n{link}\n\nIf you did not ask to change your password, ignore this message: your password stays as it is."), lang),
        },
    }
}

/// The password was changed, and every session of the account ended.
pub fn password_changed(lang: Lang) -> Email {
    match lang {
        Lang::Pl => Email {
            subject: "Hasło w Profilu Zaufanym zostało zmienione".into(),
            text: signed("Dzień dobry,\n\nTwoje hasło w Profilu Zaufanym zostało zmienione, a wszystkie otwarte sesje zakończone.\n\nJeśli to nie Ty zmieniłeś hasło, natychmiast zadzwoń do centrum pomocy.".into(), lang),
        },
        Lang::En => Email {
            subject: "Your Trusted Profile password has been changed".into(),
            text: signed("Hello,\n\nyour Trusted Profile password has been changed, and every open session has ended.\n\nIf you did not change it, call the help centre at once.".into(), lang),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_sms_carries_the_code() {
        assert!(sms_code("042917", Lang::En).contains("042917"));
    }
}
