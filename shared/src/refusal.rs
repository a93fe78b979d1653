//! Every refusal of the API that is not about a field: its stable code, its HTTP status and its
//! sentence in both languages. The server answers these words, the app shows the same ones, and a
//! sentence's numbers come from the constants that decide them.

use crate::rules::error_codes;
use crate::rules::login::MAX_WRONG_PASSWORDS;
use crate::Lang;
use const_format::formatcp;

/// The placeholders a refusal's sentence may hold, filled in by whoever answers it.
pub const PLACEHOLDERS: [&str; 5] = ["{seconds}", "{minutes}", "{until}", "{detail}", "{status}"];

error_codes! {
    /// Why the service says no, when the answer is not about a field of a form.
    pub enum Refusal {
        /// The request carries no session, or one that has ended.
        SessionNone = "session.none",
        /// No sign-in waits for its second factor in this browser.
        LoginNotPending = "login.not_pending",
        /// No account has this username or e-mail with this password (which one is wrong is not told).
        LoginWrongCredentials = "login.wrong_credentials",
        /// Too many wrong passwords: the account's sign-in is locked until `{until}`.
        LoginLocked = "login.locked",
        /// A write from another site.
        CrossOrigin = "request.cross_origin",
        /// With `--dev`, a host that is neither loopback nor named by `--dev-host`.
        HostNotAllowed = "request.host_not_allowed",
        /// Changing the method or the password needs a second factor given just before.
        ConfirmationRequired = "authorisation.confirmation_required",
        /// The method asked for is the citizen's method already.
        MethodUnchanged = "authorisation.unchanged",
        /// No change of method waits for its push in this session.
        MethodChangeNotPending = "authorisation.not_pending",
        /// No confirmation that it is the citizen waits for its push in this session.
        ConfirmationNotPending = "confirmation.not_pending",
        /// The e-mail address is confirmed already.
        EmailVerified = "email.verified",
        /// Another account has confirmed this e-mail address.
        EmailTaken = "email.taken",
        /// No registration has this id (or none that waits for what was asked).
        RegistrationNotFound = "registration.not_found",
        /// The registration's SMS code was given already.
        RegistrationNotAwaitingSms = "registration.not_awaiting_sms",
        /// The registration does not wait for its identity to be confirmed.
        RegistrationNotAwaitingIdentity = "registration.not_awaiting_identity",
        /// A new SMS code asked for within the cool-down of the last one.
        SmsCodeTooSoon = "sms_code.resend_too_soon",
        /// Too many SMS codes within the hour.
        SmsCodeTooMany = "sms_code.too_many",
        /// No push request has this id.
        PushNotFound = "push.not_found",
        /// The push request was answered already, or has expired.
        PushNotPending = "push.not_pending",
        /// The number picked in mObywatel is not the one the page shows.
        PushWrongNumber = "push.wrong_number",
        /// A new profile asked for while the profile is valid.
        ProfileStillValid = "profile.still_valid",
        /// An extension asked for with no profile.
        ExtensionNoProfile = "extension.no_profile",
        /// A temporary profile cannot be extended.
        ExtensionTemporary = "extension.temporary",
        /// An expired profile cannot be extended.
        ExtensionExpired = "extension.expired",
        /// No extension was started in this session.
        ExtensionNotPending = "extension.not_pending",
        /// No password reset link has this token.
        ResetNotFound = "reset.not_found",
        /// The password reset link was used already.
        ResetUsed = "reset.used",
        /// The password reset link has expired.
        ResetExpired = "reset.expired",
        /// The reset's code was asked for before its new password was given.
        ResetNoPassword = "reset.no_password",
        /// No dev scenario has this name.
        ScenarioNotFound = "scenario.not_found",
        /// The body is not valid JSON.
        MalformedJson = "request.malformed_json",
        /// The body could not be read.
        Unreadable = "request.unreadable",
        /// The JSON, query or form does not fit the route.
        InvalidFields = "request.invalid_fields",
        /// The body is larger than the limit.
        TooLarge = "request.too_large",
        /// The body was sent without `Content-Type: application/json`.
        NotJson = "request.not_json",
        /// An `Idempotency-Key` used before with other data.
        IdempotencyKeyReused = "request.idempotency_key_reused",
        /// An `Idempotency-Key` that is not 1 to 64 allowed characters.
        InvalidIdempotencyKey = "request.invalid_idempotency_key",
        /// Too many requests from one address.
        RateLimited = "request.rate_limited",
        /// No API route has this path.
        RouteNotFound = "route.not_found",
        /// Too many requests in flight.
        ServiceBusy = "service.busy",
        /// The state could not be read or written.
        Storage = "internal.storage",
        /// A fault the designer asked for.
        InjectedFault = "mock.injected_fault",
        /// An `X-Mock-Fault` header that cannot be read.
        InvalidFaultHeader = "request.invalid_fault_header",
        /// A fault rule for a route there is not.
        FaultUnknownRoute = "fault.unknown_route",
        /// A fault rule's latency out of its bounds.
        FaultLatencyOutOfRange = "fault.latency_out_of_range",
        /// A fault rule's error rate out of 0 to 1.
        FaultErrorRateOutOfRange = "fault.error_rate_out_of_range",
        /// A fault rule's status out of 400 to 599.
        FaultStatusOutOfRange = "fault.status_out_of_range",
    }
}

impl Refusal {
    /// The HTTP status the API answers this refusal with.
    pub fn status(self) -> u16 {
        use Refusal::*;
        match self {
            MalformedJson
            | Unreadable
            | InvalidFields
            | IdempotencyKeyReused
            | InvalidIdempotencyKey
            | InvalidFaultHeader
            | FaultUnknownRoute
            | FaultLatencyOutOfRange
            | FaultErrorRateOutOfRange
            | FaultStatusOutOfRange => 400,
            SessionNone | LoginWrongCredentials => 401,
            CrossOrigin | HostNotAllowed | ConfirmationRequired => 403,
            RegistrationNotFound | PushNotFound | ResetNotFound | ScenarioNotFound | RouteNotFound => 404,
            LoginNotPending
            | MethodUnchanged
            | MethodChangeNotPending
            | ConfirmationNotPending
            | EmailVerified
            | EmailTaken
            | RegistrationNotAwaitingSms
            | RegistrationNotAwaitingIdentity
            | PushNotPending
            | ProfileStillValid
            | ExtensionNoProfile
            | ExtensionTemporary
            | ExtensionExpired
            | ExtensionNotPending
            | ResetNoPassword => 409,
            ResetUsed | ResetExpired => 410,
            TooLarge => 413,
            NotJson => 415,
            PushWrongNumber => 422,
            LoginLocked => 423,
            SmsCodeTooSoon | SmsCodeTooMany | RateLimited => 429,
            Storage => 500,
            ServiceBusy | InjectedFault => 503,
        }
    }

    /// The sentence, with its placeholders (see `PLACEHOLDERS`) still in it.
    pub fn message(self, lang: Lang) -> &'static str {
        use Refusal::*;
        let (pl, en) = match self {
            SessionNone => ("Nie jesteś zalogowany albo Twoja sesja wygasła. Zaloguj się", "You are not signed in, or your session has ended. Sign in"),
            LoginNotPending => (
                "W tej przeglądarce nie ma logowania czekającego na potwierdzenie. Zaloguj się ponownie.",
                "There is no sign-in waiting for confirmation in this browser. Please sign in again.",
            ),
            LoginWrongCredentials => (
                "Nazwa użytkownika, adres e-mail lub hasło są niepoprawne. Sprawdź je i spróbuj ponownie",
                "The username, e-mail address or password is not correct. Check them and try again",
            ),
            LoginLocked => (
                formatcp!(
                    "Po {} błędnych próbach logowanie na to konto jest zablokowane do {{until}}. Spróbuj ponownie później lub zmień hasło",
                    MAX_WRONG_PASSWORDS
                ),
                formatcp!(
                    "After {} wrong tries, signing in to this account is locked until {{until}}. Try again later or change your password",
                    MAX_WRONG_PASSWORDS
                ),
            ),
            CrossOrigin => (
                "Ta prośba przyszła z innej strony, więc jej nie przyjęliśmy. Korzystaj ze stron serwisu.",
                "This request came from another site, so it is refused. Use the service's own pages.",
            ),
            HostNotAllowed => (
                "Ta nazwa hosta jest niedozwolona: narzędzia deweloperskie odpowiadają tylko adresom lokalnym i nazwom podanym w --dev-host.",
                "This host is not allowed: the dev tools answer loopback hosts and the names given by --dev-host.",
            ),
            ConfirmationRequired => {
                ("Najpierw potwierdź, że to Ty: kodem SMS albo w aplikacji mObywatel", "First confirm it is you: with an SMS code or in the mObywatel app")
            }
            MethodUnchanged => ("Wybierz metodę inną niż obecna", "Choose a method other than your current one"),
            MethodChangeNotPending | ConfirmationNotPending => (
                "Prośba o potwierdzenie już nie czeka na odpowiedź. Metoda autoryzacji się nie zmieniła.",
                "The request is no longer waiting for an answer. Your authorisation method has not changed.",
            ),
            EmailVerified => ("Ten adres e-mail jest już potwierdzony", "This e-mail address is confirmed already"),
            EmailTaken => (
                "Ten adres e-mail potwierdziło już inne konto. Aby logować się adresem, zmień go przy przedłużaniu profilu.",
                "Another account has confirmed this e-mail address already. To sign in with an address, change it when you extend your profile.",
            ),
            RegistrationNotFound => ("Nie ma takiego wniosku", "There is no such registration"),
            RegistrationNotAwaitingSms => {
                ("Ten wniosek został już potwierdzony kodem z SMS-a", "This registration has already been confirmed with its SMS code")
            }
            RegistrationNotAwaitingIdentity => {
                ("Ten wniosek nie czeka na potwierdzenie tożsamości", "This registration is not waiting for its identity to be confirmed")
            }
            SmsCodeTooSoon => {
                ("Kod wysłaliśmy przed chwilą. Nowy możesz dostać za {seconds} s", "We sent a code a moment ago. You can get a new one in {seconds} s")
            }
            SmsCodeTooMany => (
                "Wysłaliśmy już zbyt wiele kodów w ciągu godziny. Spróbuj ponownie za {minutes} min",
                "We have sent too many codes within the hour. Try again in {minutes} min",
            ),
            PushNotFound => ("Nie ma takiej prośby o potwierdzenie", "There is no such push request"),
            PushNotPending => ("Ta prośba została już rozpatrzona albo wygasła", "This request was already answered, or has expired"),
            PushWrongNumber => {
                ("To nie jest liczba widoczna na stronie, więc prośba została odrzucona", "This is not the number the page shows, so the request is refused")
            }
            ProfileStillValid => {
                ("Twój profil zaufany jest ważny: zamiast zakładać nowy, przedłuż go.", "Your trusted profile is valid: extend it instead of making a new one.")
            }
            ExtensionNoProfile => ("Nie masz jeszcze profilu zaufanego do przedłużenia", "You have no trusted profile to extend yet"),
            ExtensionTemporary => (
                "Profilu tymczasowego nie można przedłużyć: załóż nowy profil przez bank lub e-dowodem",
                "A temporary profile cannot be extended: make a new profile through a bank or with your e-ID card",
            ),
            ExtensionExpired => {
                ("Profil wygasł i nie można go przedłużyć: załóż nowy profil", "The profile has expired and cannot be extended: make a new profile")
            }
            ExtensionNotPending => {
                ("Przedłużenie nie zostało rozpoczęte albo wygasło. Zacznij od początku.", "No extension is in progress, or it has expired. Start again.")
            }
            ResetNotFound => ("Link do zmiany hasła jest nieprawidłowy", "The link to change your password is not valid"),
            ResetUsed => ("Link do zmiany hasła został już użyty", "The link to change your password has already been used"),
            ResetExpired => ("Link do zmiany hasła wygasł", "The link to change your password has expired"),
            ResetNoPassword => ("Najpierw ustaw nowe hasło", "First choose the new password"),
            ScenarioNotFound => ("Nie ma takiego scenariusza: zobacz GET /api/dev/scenarios", "There is no such scenario: see GET /api/dev/scenarios"),
            MalformedJson => ("Treść nie jest poprawnym JSON-em: {detail}", "The body is not valid JSON: {detail}"),
            Unreadable => ("Nie udało się odczytać treści: {detail}", "The body could not be read: {detail}"),
            InvalidFields => ("Dane nie pasują do tej ścieżki: {detail}", "The data does not fit this route: {detail}"),
            TooLarge => ("Treść jest dłuższa niż {detail} bajtów", "The request body is larger than {detail} bytes"),
            NotJson => {
                ("Wyślij treść jako JSON z nagłówkiem Content-Type: application/json", "Send the body as JSON with the header Content-Type: application/json")
            }
            IdempotencyKeyReused => ("Ten klucz Idempotency-Key został już użyty z innymi danymi", "This Idempotency-Key was already used with other data"),
            InvalidIdempotencyKey => {
                ("Idempotency-Key to od 1 do 64 liter, cyfr, znaków '-', '_' lub '.'", "Idempotency-Key must be 1 to 64 letters, digits, '-', '_' or '.'")
            }
            RateLimited => ("Zbyt wiele prób. Spróbuj ponownie za {seconds} s", "Too many attempts. Try again in {seconds} s"),
            RouteNotFound => ("Nie ma takiej ścieżki API", "There is no such API route"),
            ServiceBusy => ("Serwis jest teraz przeciążony. Spróbuj ponownie za chwilę.", "The service is busy right now. Try again in a moment."),
            Storage => ("Serwis nie mógł zapisać ani odczytać danych. Spróbuj ponownie.", "The service could not save or read its state. Try again."),
            InjectedFault => ("Celowa awaria: serwis odpowiada {status}", "An injected fault: the mock answers {status} on purpose"),
            InvalidFaultHeader => (
                "X-Mock-Fault: {detail}. Przykład: \"503, latency_ms=800\" lub \"504, after_handling\"",
                "X-Mock-Fault: {detail}. Example: \"503, latency_ms=800\" or \"504, after_handling\"",
            ),
            FaultUnknownRoute => ("Nie ma takiej ścieżki: {detail}", "No such route: {detail}"),
            FaultLatencyOutOfRange => ("Opóźnienie poza zakresem: {detail}", "A latency out of range: {detail}"),
            FaultErrorRateOutOfRange => ("error_rate musi być od 0 do 1", "error_rate must be 0 to 1"),
            FaultStatusOutOfRange => ("status musi być od 400 do 599", "status must be 400 to 599"),
        };
        lang.pick(pl, en)
    }

    /// The sentence with each `(placeholder, value)` filled in, e.g. `[("{seconds}", "42")]`.
    pub fn say(self, lang: Lang, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.message(lang).to_owned(), |sentence, (placeholder, value)| sentence.replace(placeholder, value))
    }

    /// A throttled refusal's sentence (`{seconds}`, `{minutes}`) for a wait of `retry_after` seconds.
    pub fn say_wait(self, lang: Lang, retry_after: u32) -> String {
        self.say(lang, &[("{seconds}", &retry_after.to_string()), ("{minutes}", &retry_after.div_ceil(60).to_string())])
    }
}

/// In the OpenAPI document a refusal is its code, one of the listed ones.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Refusal {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(Refusal::ALL.iter().map(|r| r.code())))
            .examples(["session.none"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(sentence: &str) -> Vec<&'static str> {
        PLACEHOLDERS.into_iter().filter(|p| sentence.contains(p)).collect()
    }

    #[test]
    fn every_refusal_has_both_languages_with_the_same_placeholders() {
        for refusal in Refusal::ALL {
            let (pl, en) = (refusal.message(Lang::Pl), refusal.message(Lang::En));
            assert!(!pl.trim().is_empty() && !en.trim().is_empty(), "{refusal:?} lacks a sentence");
            assert_ne!(pl, en, "{refusal:?} is not translated");
            assert_eq!(placeholders(pl), placeholders(en), "{refusal:?}: the languages fill in different values");
            let braces = |s: &str| s.matches('{').count();
            assert_eq!(braces(pl), placeholders(pl).len(), "{refusal:?}: a placeholder that nobody fills in: {pl}");
            assert_eq!(braces(en), placeholders(en).len(), "{refusal:?}: a placeholder that nobody fills in: {en}");
        }
    }

    #[test]
    fn every_code_is_unique_and_reads_back() {
        for refusal in Refusal::ALL {
            assert_eq!(Refusal::from_code(refusal.code()), Some(*refusal));
            assert!((400..=599).contains(&refusal.status()), "{refusal:?}");
        }
        let mut codes: Vec<_> = Refusal::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Refusal::ALL.len());
    }

    #[test]
    fn numbers_come_from_the_constants_that_decide_them() {
        assert!(Refusal::LoginLocked.message(Lang::Pl).contains(&format!("Po {MAX_WRONG_PASSWORDS} błędnych")));
        assert_eq!(Refusal::SmsCodeTooMany.say_wait(Lang::En, 61), "We have sent too many codes within the hour. Try again in 2 min");
        assert_eq!(Refusal::SmsCodeTooSoon.say_wait(Lang::Pl, 42), "Kod wysłaliśmy przed chwilą. Nowy możesz dostać za 42 s");
    }

    #[test]
    fn a_refusal_serialises_as_its_code() {
        assert_eq!(serde_json::to_string(&Refusal::ResetUsed).unwrap(), "\"reset.used\"");
        assert_eq!(serde_json::from_str::<Refusal>("\"session.none\"").unwrap(), Refusal::SessionNone);
        assert!(serde_json::from_str::<Refusal>("\"no.such\"").is_err());
    }
}
