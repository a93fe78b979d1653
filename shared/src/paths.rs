//! Every page's path in the app, written once: the app's route table, its links and redirects,
//! the server's links (the password reset e-mail, the provider's way back) and the browser
//! journeys' page objects all read them here; xtask's benchmark too, by including this file, so
//! it depends on nothing.

/// The front door.
pub const HOME_PATH: &str = "/";

/// The registration's first step, the account: its username and password.
pub const ACCOUNT_STEP_PATH: &str = "/rejestracja/konto";
/// Step 2, the personal details.
pub const PERSONAL_PATH: &str = "/rejestracja/dane-osobowe";
/// Step 3, the contact details.
pub const CONTACT_PATH: &str = "/rejestracja/kontakt";
/// Step 4, how the identity will be confirmed.
pub const IDENTITY_PATH: &str = "/rejestracja/potwierdzenie-tozsamosci";
/// Step 5, the consent.
pub const CONSENT_PATH: &str = "/rejestracja/zgoda";
/// Step 6, "Sprawdź dane".
pub const REVIEW_PATH: &str = "/rejestracja/sprawdz";
/// The wizard's steps before the SMS code, in order: a step's number is its place here.
pub const REGISTRATION_STEPS: [&str; 6] = [ACCOUNT_STEP_PATH, PERSONAL_PATH, CONTACT_PATH, IDENTITY_PATH, CONSENT_PATH, REVIEW_PATH];
/// The registration's SMS code, after the steps.
pub const SMS_CODE_PATH: &str = "/rejestracja/kod-sms";
/// "Wniosek został wysłany".
pub const SUBMITTED_PATH: &str = "/rejestracja/wniosek-wyslany";

/// The login page.
pub const LOGIN_PATH: &str = "/logowanie";
/// The SMS code of a sign-in.
pub const LOGIN_CODE_PATH: &str = "/logowanie/kod";
/// The push of a sign-in, answered in mObywatel.
pub const LOGIN_PUSH_PATH: &str = "/logowanie/mobywatel";

/// The first page of the account, where signing in leads unless asked otherwise.
pub const ACCOUNT_PATH: &str = "/konto";
/// "Szczegóły profilu".
pub const PROFILE_PATH: &str = "/konto/profil-zaufany";
/// "Zmień metodę autoryzacji".
pub const METHOD_PATH: &str = "/konto/metoda-autoryzacji";
/// "Zmień hasło" while signed in.
pub const PASSWORD_CHANGE_PATH: &str = "/konto/zmiana-hasla";
/// "Potwierdź adres e-mail".
pub const EMAIL_VERIFICATION_PATH: &str = "/konto/potwierdzenie-e-maila";
/// "Przedłuż ważność lub zmień dane".
pub const EXTENSION_PATH: &str = "/konto/przedluz-waznosc";
/// "Załóż nowy profil zaufany"; the provider sends the citizen back here when they cancelled or it
/// refused.
pub const NEW_PROFILE_PATH: &str = "/konto/nowy-profil";
/// A new profile through a bank or Envelo.
pub const NEW_PROFILE_BANK_PATH: &str = "/konto/nowy-profil/bank";
/// A new profile with the e-ID card.
pub const NEW_PROFILE_E_ID_PATH: &str = "/konto/nowy-profil/e-dowod";
/// Where the provider sends the citizen back once the identity is confirmed.
pub const NEW_PROFILE_DONE_PATH: &str = "/konto/nowy-profil/gotowe";

/// "Nie pamiętam nazwy użytkownika".
pub const FORGOT_USERNAME_PATH: &str = "/nie-pamietam-nazwy-uzytkownika";
/// "Nie pamiętam hasła".
pub const FORGOT_PASSWORD_PATH: &str = "/nie-pamietam-hasla";
/// Where the password reset link of the e-mail leads; the token follows after `#`, so it never
/// reaches a server's log.
pub const NEW_PASSWORD_PATH: &str = "/nie-pamietam-hasla/nowe-haslo";

/// "Deklaracja dostępności".
pub const ACCESSIBILITY_PATH: &str = "/deklaracja-dostepnosci";

/// The number of a registration step (1 for the account), if `path` is one.
pub fn step_number(path: &str) -> Option<u8> {
    REGISTRATION_STEPS.iter().position(|step| *step == path).map(|at| at as u8 + 1)
}

/// The step after `step` (the SMS code after the last).
pub fn next_step(step: &str) -> &'static str {
    let at = REGISTRATION_STEPS.iter().position(|s| *s == step).expect("a registration step");
    REGISTRATION_STEPS.get(at + 1).copied().unwrap_or(SMS_CODE_PATH)
}

/// The step before `step` (the front door before the first).
pub fn previous_step(step: &str) -> &'static str {
    let at = REGISTRATION_STEPS.iter().position(|s| *s == step).expect("a registration step");
    at.checked_sub(1).map_or(HOME_PATH, |before| REGISTRATION_STEPS[before])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_by_their_order() {
        assert_eq!(step_number(ACCOUNT_STEP_PATH), Some(1));
        assert_eq!(step_number(IDENTITY_PATH), Some(4));
        assert_eq!(step_number(REVIEW_PATH), Some(6));
        assert_eq!(step_number(SMS_CODE_PATH), None);
    }

    #[test]
    fn each_step_leads_to_the_next_and_back() {
        for pair in REGISTRATION_STEPS.windows(2) {
            assert_eq!(next_step(pair[0]), pair[1]);
            assert_eq!(previous_step(pair[1]), pair[0]);
        }
        assert_eq!(next_step(REVIEW_PATH), SMS_CODE_PATH);
    }
}
