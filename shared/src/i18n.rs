//! The two languages of the portal and the typed table of every user-facing text outside the rules.

use serde::{Deserialize, Serialize};

/// A language the portal speaks. Polish is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Pl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Pl, Lang::En];

    /// The BCP 47 tag, as used in `lang` attributes and `Accept-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Pl => "pl",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "pl" => Some(Lang::Pl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The preferred supported language of an `Accept-Language` header (RFC 9110 q-values);
    /// Polish when none is supported.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .enumerate()
            .filter_map(|(position, item)| {
                let mut parts = item.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (quality > 0.0).then_some((quality, position, lang))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map_or(Lang::Pl, |(_, _, lang)| lang)
    }

    /// Picks the text of this language from a Polish and an English one.
    pub fn pick(self, pl: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Pl => pl,
            Lang::En => en,
        }
    }
}

/// Every fixed text of the user interface, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    ServiceName,
    SkipToContent,
    SwitchLanguage,
    RegistrationTitle,
    StepOf,
    AccountHeading,
    AccountIntro,
    UsernameHint,
    PasswordHint,
    Next,
    ErrorSummaryTitle,
    Checking,
    ServerUnreachable,
    AccountDone,
    AccountDoneBody,
    HelpTitle,
    HelpBody,
    HelpHours,
    AccessibilityStatement,
    AccessibilityHeading,
    AccessibilityBody,
    NotFoundHeading,
    NotFoundBody,
    BackToStart,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Text::ServiceName => ("Profil Zaufany", "Trusted Profile"),
            Text::SkipToContent => ("Przejdź do treści", "Skip to main content"),
            Text::SwitchLanguage => ("English", "Polski"),
            Text::RegistrationTitle => ("Rejestracja", "Registration"),
            Text::StepOf => ("Krok {step} z {total}", "Step {step} of {total}"),
            Text::AccountHeading => ("Utwórz konto", "Create your account"),
            Text::AccountIntro => (
                "Wybierz nazwę użytkownika i hasło. Nazwy użytkownika nie zmienisz później.",
                "Choose a username and a password. You cannot change the username later.",
            ),
            Text::UsernameHint => (
                "Może zawierać duże i małe litery, cyfry, podkreślenie (_) i łącznik (-). Bez polskich znaków, spacji i kropki.",
                "It may contain upper- and lower-case letters, digits, underscore (_) and hyphen (-). No Polish letters, spaces or dots.",
            ),
            Text::PasswordHint => (
                "Co najmniej 8 znaków, w tym duża litera, mała litera oraz cyfra lub znak specjalny, np. # lub %.",
                "At least 8 characters, including an upper-case letter, a lower-case letter and a digit or a special character such as # or %.",
            ),
            Text::Next => ("Dalej", "Next"),
            Text::ErrorSummaryTitle => ("Popraw błędy w formularzu", "There is a problem"),
            Text::Checking => ("Sprawdzamy dane…", "Checking your details…"),
            Text::ServerUnreachable => (
                "Nie udało się połączyć z serwisem. Sprawdź połączenie z internetem i spróbuj ponownie.",
                "We could not reach the service. Check your internet connection and try again.",
            ),
            Text::AccountDone => ("Dane konta są poprawne", "Your account details are correct"),
            Text::AccountDoneBody => (
                "Serwis sprawdził nazwę użytkownika i hasło tymi samymi regułami co formularz.",
                "The service checked your username and password with the same rules as this form.",
            ),
            Text::HelpTitle => ("Centrum pomocy", "Help centre"),
            Text::HelpBody => ("E-mail: pz-pomoc@coi.gov.pl, telefon: +48 42 253 54 50", "E-mail: pz-pomoc@coi.gov.pl, phone: +48 42 253 54 50"),
            Text::HelpHours => ("od poniedziałku do piątku w godz. 7:00–18:00", "Monday to Friday, 7:00–18:00"),
            Text::AccessibilityStatement => ("Deklaracja dostępności", "Accessibility statement"),
            Text::AccessibilityHeading => ("Deklaracja dostępności serwisu Profil Zaufany", "Accessibility statement of the Trusted Profile service"),
            Text::AccessibilityBody => (
                "Serwis ma spełniać wymagania WCAG 2.1 na poziomie AA (ustawa z dnia 4 kwietnia 2019 r. o dostępności cyfrowej). Każdy ekran sprawdzamy automatycznie narzędziem axe-core i przechodzimy samą klawiaturą. Problemy z dostępnością zgłoś do centrum pomocy.",
                "The service aims to meet WCAG 2.1 level AA (the Polish Digital Accessibility Act of 4 April 2019). Every screen is checked automatically with axe-core and walked through by keyboard alone. Report accessibility problems to the help centre.",
            ),
            Text::NotFoundHeading => ("Nie znaleziono strony", "Page not found"),
            Text::NotFoundBody => ("Sprawdź, czy adres jest poprawny.", "Check that the address is correct."),
            Text::BackToStart => ("Wróć do rejestracji", "Back to registration"),
        };
        lang.pick(pl, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality_supported_language() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9,pl;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("de-DE, pl;q=0.5, en;q=0.4"), Lang::Pl);
        assert_eq!(Lang::from_accept_language("pl;q=0.2, en;q=0.7"), Lang::En);
        assert_eq!(Lang::from_accept_language("en;q=0, pl;q=0.1"), Lang::Pl);
    }

    #[test]
    fn accept_language_falls_back_to_polish() {
        assert_eq!(Lang::from_accept_language(""), Lang::Pl);
        assert_eq!(Lang::from_accept_language("de, fr;q=0.5"), Lang::Pl);
        assert_eq!(Lang::from_accept_language("en;q=abc"), Lang::Pl);
    }

    #[test]
    fn equal_quality_keeps_the_header_order() {
        assert_eq!(Lang::from_accept_language("en, pl"), Lang::En);
        assert_eq!(Lang::from_accept_language("pl, en"), Lang::Pl);
    }
}
