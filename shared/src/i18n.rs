//! The two languages of the portal and the typed table of every user-facing text outside the rules.

use crate::date::Date;
use crate::rules::{confirmation, login, password, sms_code};
use const_format::formatcp;
use serde::{Deserialize, Serialize};

/// How long a code sent by SMS or e-mail may be used, in minutes, as the texts say it.
pub const CODE_MINUTES: i64 = sms_code::VALID_SECONDS / 60;
/// How long a push in mObywatel waits for its answer, in minutes.
const PUSH_MINUTES: i64 = login::PUSH_VALID_SECONDS / 60;
/// The digits of an SMS code.
const CODE_DIGITS: usize = sms_code::LENGTH;
/// How long a temporary profile is valid, in months, as the texts say it.
const TEMPORARY_MONTHS: i64 = confirmation::TEMPORARY_MONTHS as i64;
/// How long an ordinary profile is valid, in years.
const ORDINARY_YEARS: i64 = (confirmation::ORDINARY_MONTHS / 12) as i64;
/// The days within which a citizen confirms in person.
const IN_PERSON_DAYS: i64 = confirmation::IN_PERSON_DEADLINE_DAYS;
/// How long a password reset link works, in minutes.
pub const RESET_MINUTES: i64 = password::RESET_LINK_SECONDS / 60;
/// "3 lata", "3 years": how long an ordinary profile is valid.
const ORDINARY_PL: &str = formatcp!("{} {}", ORDINARY_YEARS, plural_pl(ORDINARY_YEARS, ("rok", "lata", "lat")));
const ORDINARY_EN: &str = formatcp!("{} {}", ORDINARY_YEARS, plural_en(ORDINARY_YEARS, "year", "years"));
/// "3 miesiące", "3 months": how long a temporary profile is valid.
const TEMPORARY_PL: &str = formatcp!("{} {}", TEMPORARY_MONTHS, plural_pl(TEMPORARY_MONTHS, ("miesiąc", "miesiące", "miesięcy")));
const TEMPORARY_EN: &str = formatcp!("{} {}", TEMPORARY_MONTHS, plural_en(TEMPORARY_MONTHS, "month", "months"));

/// The Polish noun after a count, from its forms for 1, for 2–4 (not 12–14) and for the rest:
/// `plural_pl(3, ("rok", "lata", "lat"))` is "lata".
pub const fn plural_pl(n: i64, forms: (&'static str, &'static str, &'static str)) -> &'static str {
    match (n, n % 10, n % 100) {
        (1, _, _) => forms.0,
        (_, 2..=4, tens) if !(tens >= 12 && tens <= 14) => forms.1,
        _ => forms.2,
    }
}

/// The English noun after a count: `plural_en(1, "year", "years")`.
pub const fn plural_en(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "minutę", "minuty" or "minut" after a count, as in "ważny 5 minut", "masz na to 2 minuty".
pub const fn minutes_pl(n: i64) -> &'static str {
    plural_pl(n, ("minutę", "minuty", "minut"))
}

/// "minuty" or "minut" after "w ciągu" and a count.
const fn minutes_pl_genitive(n: i64) -> &'static str {
    if n == 1 {
        "minuty"
    } else {
        "minut"
    }
}

/// "minute" or "minutes" after a count.
pub const fn minutes_en(n: i64) -> &'static str {
    plural_en(n, "minute", "minutes")
}

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
                let quality = parts.find_map(|p| p.trim().strip_prefix("q=")).map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
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

/// Declares `Text` with its variants and the list of them all.
macro_rules! texts {
    ($($name:ident,)+) => {
        /// Every fixed text of the user interface, in both languages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text {
            $($name,)+
        }

        impl Text {
            /// Every text, for the tests that look at them all.
            pub const ALL: &'static [Text] = &[$(Text::$name,)+];
        }
    };
}

texts! {
    ServiceName,
    SkipToContent,
    SwitchLanguage,
    RegistrationTitle,
    StepOf,
    ErrorPrefix,
    AccountHeading,
    AccountIntro,
    UsernameHint,
    PasswordHint,
    Next,
    ErrorSummaryTitle,
    Checking,
    ServiceBusy,
    RetryIn,
    ServiceFailed,
    TryAgain,
    Back,
    PersonalHeading,
    PeselHint,
    BirthDate,
    Sex,
    ContactHeading,
    ContactIntro,
    PhoneHint,
    UsernameFree,
    RuleMet,
    RuleNotMet,
    IdentityHeading,
    IdentityIntro,
    MethodLegend,
    MethodVideo,
    MethodVideoHint,
    MethodInPerson,
    MethodInPersonHint,
    MethodBank,
    MethodBankHint,
    MethodEId,
    MethodEIdHint,
    VideoAppLegend,
    CallWindowsLegend,
    ConfirmationPoint,
    Provider,
    ChooseFromList,
    ConsentHeading,
    ConsentIntro,
    ConsentLabel,
    ReviewHeading,
    ReviewIntro,
    ReviewAccount,
    ReviewPersonal,
    ReviewContact,
    ReviewIdentity,
    Change,
    SmsHeading,
    SmsIntro,
    SmsResend,
    SmsResendIn,
    SmsResent,
    SmsTriesLeft,
    NoRegistration,
    SubmittedHeading,
    ApplicationNumber,
    KeepNumber,
    WhatNext,
    ProfileTemporary,
    ProfileOrdinary,
    HelpTitle,
    HelpBody,
    HelpHours,
    AccessibilityStatement,
    AccessibilityHeading,
    AccessibilityBody,
    NotFoundHeading,
    NotFoundBody,
    BackToStart,
    HomeTitle,
    HomeWhat,
    HomeWhy,
    SignIn,
    Register,
    NoAccount,
    SignedOut,
    MyAccount,
    SignOut,
    SignInCaption,
    SessionExpired,
    SignInAgain,
    Confirm,
    SmsIntroYourPhone,
    PushHeading,
    PushIntro,
    PushCheckNumber,
    PushWaiting,
    PushRefused,
    PushExpired,
    PushNoPhone,
    SendSmsCode,
    Greeting,
    ProfileValidUntil,
    ProfileExpired,
    ApplicationWaitsFor,
    ApplicationWaitsForSms,
    WaitsForVideo,
    WaitsForInPerson,
    WaitsForBank,
    WaitsForEId,
    TimeoutHeading,
    TimeoutBody,
    TimeoutLeft,
    ExtendSession,
    TrustedProfile,
    ProfileDetailsHeading,
    UserDataHeading,
    SecondNameLabel,
    PhoneLabel,
    ProfileKindLabel,
    KindOrdinary,
    KindTemporary,
    ValidUntilLabel,
    ExpiredOn,
    CreatedByLabel,
    CreatedInPerson,
    ConfirmedOnLabel,
    ApplicationHeading,
    ApplicationStateLabel,
    AwaitingSmsState,
    AwaitingIdentityState,
    AppliedOnLabel,
    AuthorisationHeading,
    MethodSms,
    MethodPush,
    ChangeMethod,
    MethodChoiceLegend,
    CurrentMethod,
    MethodBackToSmsHint,
    ItsYouHeading,
    ItsYouIntro,
    ItsYouPushIntro,
    ItsYouRefused,
    ItsYouExpired,
    MethodPushHeading,
    MethodPushIntro,
    MethodPushRefused,
    MethodPushExpired,
    MethodChanged,
    MethodNow,
    BackToProfile,
    ForgotUsername,
    ForgotUsernameIntro,
    Remind,
    CheckEmailHeading,
    UsernameSent,
    GoToLogin,
    ForgotPassword,
    ForgotPasswordIntro,
    ChangePassword,
    ResetLinkSent,
    NewPasswordHeading,
    NewPassword,
    Save,
    SetNewPassword,
    PasswordChanged,
    PasswordChangedBody,
    ResetLinkExplain,
    AskForNewLink,
    ProfileValidFor,
    ExpiryNoticeOrdinary,
    ExpiryNoticeTemporary,
    ExpiredNotice,
    AccountKept,
    ExtendValidity,
    ExtendOrChange,
    CreateNewProfile,
    ExtendIntro,
    ExtendUntil,
    ExtendCodesHeading,
    ExtendCodesIntro,
    ResendCodes,
    CodesResent,
    ExtendedHeading,
    ExtendedBody,
    GoToProfileDetails,
    TemporaryCannotExtend,
    TemporaryCannotExtendBody,
    ExpiredCannotExtend,
    NoProfileYet,
    NoProfileYetBody,
    NewProfileIntroExpired,
    NewProfileIntroTemporary,
    NewProfileWayLegend,
    NewProfileByBank,
    NewProfileByBankHint,
    NewProfileByEId,
    NewProfileByEIdHint,
    ChooseProviderHeading,
    ChooseProviderIntro,
    GoToProvider,
    EIdHeading,
    EIdIntro,
    NewProfileCancelled,
    NewProfileDoneHeading,
    NewProfileNotDone,
    CannotSignIn,
    ExtendedWay,
    ExtendedOnLabel,
    ChangePasswordIntro,
    NewPasswordRepeat,
    PasswordChangedSignedInBody,
    BackToAccount,
    YourSessions,
    YourSessionsIntro,
    ThisDevice,
    UnknownDevice,
    SessionSignedInAt,
    SessionLastSeen,
    SignOutEverywhere,
    SignedOutEverywhere,
    EmailUnverified,
    EmailUnverifiedWhy,
    ConfirmEmail,
    EmailCodeHeading,
    EmailCodeSentLead,
    EmailConfirmedBody,
    EmailCodeResend,
    EmailCodeResent,
    EmailConfirmed,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Text::ServiceName => ("Profil Zaufany", "Trusted Profile"),
            Text::SkipToContent => ("Przejdź do treści", "Skip to main content"),
            Text::SwitchLanguage => ("English", "Polski"),
            Text::RegistrationTitle => ("Rejestracja", "Registration"),
            Text::StepOf => ("Krok {step} z {total}", "Step {step} of {total}"),
            // Read out before a field's error by screen readers, hidden on screen.
            Text::ErrorPrefix => ("Błąd: ", "Error: "),
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
            Text::ServiceBusy => (
                "Serwis jest teraz przeciążony. Spróbujemy ponownie za chwilę. Twoje dane są zachowane.",
                "The service is busy right now. We will try again in a moment. Your answers are kept.",
            ),
            Text::RetryIn => ("Ponowna próba za {seconds} s", "Trying again in {seconds} s"),
            Text::ServiceFailed => (
                "Nie udało się połączyć z serwisem. Twoje dane są zachowane – spróbuj ponownie.",
                "We could not reach the service. Your answers are kept – please try again.",
            ),
            Text::TryAgain => ("Spróbuj ponownie", "Try again"),
            Text::Back => ("Wstecz", "Back"),
            Text::PersonalHeading => ("Dane osobowe", "Your personal details"),
            Text::PeselHint => ("11 cyfr. Datę urodzenia i płeć odczytamy z numeru PESEL.", "11 digits. We read your date of birth and sex from it."),
            Text::BirthDate => ("Data urodzenia", "Date of birth"),
            Text::Sex => ("Płeć", "Sex"),
            Text::ContactHeading => ("Dane kontaktowe", "Your contact details"),
            Text::ContactIntro => (
                "Na ten numer telefonu wyślemy kody SMS i informacje o statusie Twoich spraw, a na adres e-mail potwierdzenie wniosku.",
                "We will send SMS codes and updates on your matters to this phone, and the confirmation of your application to this e-mail address.",
            ),
            Text::PhoneHint => ("Numer w polskiej sieci komórkowej, np. 600 123 456", "A number on a Polish mobile network, for example 600 123 456"),
            Text::UsernameFree => ("Ta nazwa użytkownika jest wolna", "This username is available"),
            Text::RuleMet => ("spełnione", "met"),
            Text::RuleNotMet => ("jeszcze niespełnione", "not met yet"),
            Text::IdentityHeading => ("Jak chcesz potwierdzić tożsamość?", "How do you want to confirm your identity?"),
            Text::IdentityIntro => (
                "Profil zaufany zacznie działać, gdy potwierdzimy, że to Ty.",
                "Your trusted profile starts working once we have confirmed it is you.",
            ),
            Text::MethodLegend => ("Sposób potwierdzenia", "Way of confirming"),
            Text::MethodVideo => ("Rozmowa wideo z urzędnikiem", "A video call with an official"),
            Text::MethodVideoHint => (
                formatcp!("Bez wizyty w urzędzie. Dostaniesz tymczasowy profil zaufany ważny {}.", TEMPORARY_PL),
                formatcp!("No visit to an office. You get a temporary trusted profile, valid for {}.", TEMPORARY_EN),
            ),
            Text::MethodInPerson => ("Osobiście w punkcie potwierdzającym", "In person at a confirmation point"),
            Text::MethodInPersonHint => (
                formatcp!("W oddziale ZUS, urzędzie gminy lub urzędzie skarbowym, w ciągu {} dni. Profil ważny {}.", IN_PERSON_DAYS, ORDINARY_PL),
                formatcp!("At a ZUS branch, a municipal office or a tax office, within {} days. The profile is valid for {}.", IN_PERSON_DAYS, ORDINARY_EN),
            ),
            Text::MethodBank => ("Przez bank lub innego dostawcę", "Through a bank or another provider"),
            Text::MethodBankHint => (
                formatcp!("W bankowości internetowej lub w Envelo. Profil ważny {}.", ORDINARY_PL),
                formatcp!("In online banking or in Envelo. The profile is valid for {}.", ORDINARY_EN),
            ),
            Text::MethodEId => ("E-dowodem", "With an e-ID card"),
            Text::MethodEIdHint => (
                formatcp!("Dowodem osobistym z warstwą elektroniczną i telefonem z NFC lub czytnikiem. Profil ważny {}.", ORDINARY_PL),
                formatcp!("With an ID card with a chip and an NFC phone or a card reader. The profile is valid for {}.", ORDINARY_EN),
            ),
            Text::VideoAppLegend => ("Przez jaką aplikację ma zadzwonić urzędnik?", "Which app should the official call you through?"),
            Text::CallWindowsLegend => (
                "Kiedy urzędnik może zadzwonić? Zaznacz co najmniej jeden przedział godzin.",
                "When may the official call? Choose at least one time window.",
            ),
            Text::ConfirmationPoint => ("Punkt potwierdzający", "Confirmation point"),
            Text::Provider => ("Bank lub dostawca", "Bank or provider"),
            Text::ChooseFromList => ("Wybierz z listy", "Choose from the list"),
            Text::ConsentHeading => ("Zasady profilu zaufanego", "Rules of the trusted profile"),
            Text::ConsentIntro => (
                "Profil zaufany potwierdza Twoją tożsamość w usługach publicznych, a podpis zaufany ma moc podpisu własnoręcznego w sprawach urzędowych.",
                "The trusted profile confirms your identity in public services, and the trusted signature counts as a handwritten signature in official matters.",
            ),
            Text::ConsentLabel => (
                "Oświadczam, że znam zasady dotyczące profilu zaufanego i podpisu zaufanego",
                "I confirm that I know the rules of the trusted profile and the trusted signature",
            ),
            Text::ReviewHeading => ("Sprawdź swoje dane", "Check your answers"),
            Text::ReviewIntro => (
                "Po naciśnięciu „Dalej” założymy konto i wyślemy kod SMS na Twój telefon.",
                "When you press “Next”, we will create your account and send an SMS code to your phone.",
            ),
            Text::ReviewAccount => ("Konto", "Account"),
            Text::ReviewPersonal => ("Dane osobowe", "Personal details"),
            Text::ReviewContact => ("Dane kontaktowe", "Contact details"),
            Text::ReviewIdentity => ("Potwierdzenie tożsamości", "Confirming your identity"),
            Text::Change => ("Zmień", "Change"),
            Text::SmsHeading => ("Wpisz kod z SMS-a", "Enter the code from the text message"),
            Text::SmsIntro => (
                formatcp!("Wysłaliśmy {}-cyfrowy kod na numer {{phone}}. Kod jest ważny {} {}.", CODE_DIGITS, CODE_MINUTES, minutes_pl(CODE_MINUTES)),
                formatcp!("We sent a {}-digit code to {{phone}}. It is valid for {} {}.", CODE_DIGITS, CODE_MINUTES, minutes_en(CODE_MINUTES)),
            ),
            Text::SmsResend => ("Wyślij kod ponownie", "Send the code again"),
            Text::SmsResendIn => ("Nowy kod możesz wysłać za {seconds} s", "You can send a new code in {seconds} s"),
            Text::SmsResent => ("Wysłaliśmy nowy kod", "We have sent a new code"),
            Text::SmsTriesLeft => ("Pozostałe próby: {tries}", "Tries left: {tries}"),
            Text::NoRegistration => (
                "Nie masz rozpoczętej rejestracji w tej karcie przeglądarki. Zacznij od początku.",
                "There is no registration in progress in this browser tab. Start from the beginning.",
            ),
            Text::SubmittedHeading => ("Wniosek został wysłany", "Your application has been sent"),
            Text::ApplicationNumber => ("Numer wniosku", "Application number"),
            Text::KeepNumber => (
                "Zachowaj ten numer: będzie potrzebny do potwierdzenia tożsamości. Wysłaliśmy go też e-mailem.",
                "Keep this number: you will need it to confirm your identity. We have also sent it by e-mail.",
            ),
            Text::WhatNext => ("Co dalej?", "What happens next"),
            Text::ProfileTemporary => (formatcp!("Tymczasowy profil zaufany ({})", TEMPORARY_PL), formatcp!("Temporary trusted profile ({})", TEMPORARY_EN)),
            Text::ProfileOrdinary => (formatcp!("Profil zaufany ({})", ORDINARY_PL), formatcp!("Trusted profile ({})", ORDINARY_EN)),
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
            Text::HomeTitle => ("Strona główna", "Home"),
            Text::HomeWhat => (
                "Profil zaufany to bezpłatny sposób potwierdzania tożsamości w internecie: logujesz się nim do e-urzędów i podpisujesz dokumenty podpisem zaufanym.",
                "The trusted profile is a free way to prove who you are online: you sign in to public e-services with it and sign documents with the trusted signature.",
            ),
            Text::HomeWhy => (
                "Załóż go raz i załatwiaj sprawy urzędowe bez wychodzenia z domu.",
                "Set it up once and deal with official matters without leaving home.",
            ),
            Text::SignIn => ("Zaloguj się", "Sign in"),
            Text::Register => ("Zarejestruj się", "Register"),
            Text::NoAccount => ("Nie masz jeszcze profilu zaufanego?", "No trusted profile yet?"),
            Text::SignedOut => ("Wylogowano", "You have been signed out"),
            Text::MyAccount => ("Moje konto", "My account"),
            Text::SignOut => ("Wyloguj", "Sign out"),
            Text::SignInCaption => ("Logowanie", "Signing in"),
            Text::SessionExpired => ("Twoja sesja wygasła. Zaloguj się ponownie", "Your session has expired. Sign in again"),
            Text::SignInAgain => ("Zaloguj się ponownie", "Sign in again"),
            Text::Confirm => ("Potwierdź", "Confirm"),
            Text::SmsIntroYourPhone => (
                formatcp!("Wysłaliśmy {}-cyfrowy kod na Twój numer telefonu komórkowego. Kod jest ważny {} {}.", CODE_DIGITS, CODE_MINUTES, minutes_pl(CODE_MINUTES)),
                formatcp!("We sent a {}-digit code to your mobile phone. It is valid for {} {}.", CODE_DIGITS, CODE_MINUTES, minutes_en(CODE_MINUTES)),
            ),
            Text::PushHeading => ("Potwierdź logowanie w aplikacji mObywatel", "Confirm the sign-in in the mObywatel app"),
            Text::PushIntro => (
                formatcp!("Wysłaliśmy powiadomienie do aplikacji mObywatel na Twoim telefonie. Aplikacja pokaże trzy liczby: wybierz tę, którą widzisz na tej stronie, i potwierdź logowanie. Masz na to {} {}.", PUSH_MINUTES, minutes_pl(PUSH_MINUTES)),
                formatcp!("We sent a notification to the mObywatel app on your phone. The app shows three numbers: pick the one you see on this page, then confirm the sign-in. You have {} {}.", PUSH_MINUTES, minutes_en(PUSH_MINUTES)),
            ),
            Text::PushCheckNumber => ("Liczba kontrolna", "Check number"),
            Text::PushWaiting => ("Czekamy na potwierdzenie w aplikacji mObywatel…", "Waiting for your confirmation in mObywatel…"),
            Text::PushRefused => ("Logowanie zostało odrzucone w aplikacji mObywatel", "The sign-in was refused in the mObywatel app"),
            Text::PushExpired => (
                formatcp!("Logowanie nie zostało potwierdzone w ciągu {} {}. Możesz dostać kod SMS zamiast powiadomienia.", PUSH_MINUTES, minutes_pl_genitive(PUSH_MINUTES)),
                formatcp!("The sign-in was not confirmed within {} {}. You can get an SMS code instead.", PUSH_MINUTES, minutes_en(PUSH_MINUTES)),
            ),
            Text::PushNoPhone => ("Nie masz teraz dostępu do aplikacji?", "Cannot use the app right now?"),
            Text::SendSmsCode => ("Wyślij kod SMS", "Send an SMS code"),
            Text::Greeting => ("Dzień dobry, {name}", "Hello, {name}"),
            // The Polish date ends in "r.", which also ends the sentence.
            Text::ProfileValidUntil => ("Twój profil zaufany jest ważny do {date}", "Your trusted profile is valid until {date}."),
            Text::ProfileExpired => ("Twój profil zaufany wygasł {date}", "Your trusted profile expired on {date}."),
            Text::ApplicationWaitsFor => ("Twój wniosek {number} czeka na {what}.", "Your application {number} is waiting for {what}."),
            Text::ApplicationWaitsForSms => ("Twój wniosek czeka na kod z SMS-a.", "Your application is waiting for the code from the text message."),
            Text::WaitsForVideo => ("rozmowę wideo z urzędnikiem", "the video call with an official"),
            Text::WaitsForInPerson => ("potwierdzenie tożsamości w punkcie potwierdzającym", "your visit to the confirmation point"),
            Text::WaitsForBank => ("potwierdzenie przez bank lub innego dostawcę", "confirmation by your bank or provider"),
            Text::WaitsForEId => ("potwierdzenie e-dowodem", "confirmation with your e-ID card"),
            Text::TimeoutHeading => ("Twoja sesja wkrótce wygaśnie", "Your session is about to end"),
            Text::TimeoutBody => (
                "Nie widzimy Twojej aktywności, więc dla bezpieczeństwa wkrótce Cię wylogujemy. Czy chcesz przedłużyć sesję?",
                "We have not seen any activity, so for your security we will sign you out soon. Do you want to extend your session?",
            ),
            Text::TimeoutLeft => ("Pozostały czas: {time}", "Time left: {time}"),
            Text::ExtendSession => ("Przedłuż sesję", "Extend the session"),
            Text::TrustedProfile => ("Profil zaufany", "Trusted profile"),
            Text::ProfileDetailsHeading => ("Szczegóły profilu", "Profile details"),
            Text::UserDataHeading => ("Dane użytkownika", "User details"),
            Text::SecondNameLabel => ("Drugie imię", "Second name"),
            Text::PhoneLabel => ("Numer telefonu", "Phone number"),
            Text::ProfileKindLabel => ("Rodzaj profilu", "Type of profile"),
            Text::KindOrdinary => ("Zwykły", "Ordinary"),
            Text::KindTemporary => ("Tymczasowy", "Temporary"),
            Text::ValidUntilLabel => ("Ważny do", "Valid until"),
            Text::ExpiredOn => ("Wygasł {date}", "Expired on {date}"),
            Text::CreatedByLabel => ("Sposób utworzenia/przedłużenia", "How it was created or extended"),
            Text::CreatedInPerson => ("W punkcie potwierdzającym: {point}", "At a confirmation point: {point}"),
            Text::ConfirmedOnLabel => ("Data potwierdzenia", "Confirmed on"),
            Text::ApplicationHeading => ("Wniosek o profil zaufany", "Your application for a trusted profile"),
            Text::ApplicationStateLabel => ("Stan wniosku", "Status"),
            Text::AwaitingSmsState => ("Czeka na kod z SMS-a", "Waiting for the code from the text message"),
            Text::AwaitingIdentityState => ("Czeka na potwierdzenie tożsamości", "Waiting for your identity to be confirmed"),
            Text::AppliedOnLabel => ("Data złożenia wniosku", "Applied on"),
            Text::AuthorisationHeading => ("Metoda autoryzacji", "Authorisation method"),
            Text::MethodSms => ("Kod SMS", "SMS code"),
            Text::MethodPush => ("Powiadomienie push w aplikacji mObywatel", "Push notification in the mObywatel app"),
            Text::ChangeMethod => ("Zmień metodę autoryzacji", "Change the authorisation method"),
            Text::MethodChoiceLegend => ("Jak chcesz potwierdzać logowanie i operacje?", "How do you want to confirm sign-ins and operations?"),
            Text::CurrentMethod => ("obecna metoda", "current method"),
            Text::MethodBackToSmsHint => ("W każdej chwili możesz wrócić do potwierdzania logowania przez SMS z kodem.", "You can go back to confirming sign-ins with an SMS code at any time."),
            Text::ItsYouHeading => ("Potwierdź, że to Ty", "Confirm it is you"),
            Text::ItsYouIntro => ("Zanim wprowadzisz tę zmianę, potwierdź, że to Ty.", "Before you make this change, confirm it is you."),
            Text::ItsYouPushIntro => (formatcp!("Zanim wprowadzisz tę zmianę, potwierdź, że to Ty: wysłaliśmy powiadomienie do aplikacji mObywatel. Aplikacja pokaże trzy liczby: wybierz tę, którą widzisz na tej stronie, i potwierdź. Masz na to {} {}.", PUSH_MINUTES, minutes_pl(PUSH_MINUTES)), formatcp!("Before you make this change, confirm it is you: we sent a notification to the mObywatel app. The app shows three numbers: pick the one you see on this page, then confirm. You have {} {}.", PUSH_MINUTES, minutes_en(PUSH_MINUTES))),
            Text::ItsYouRefused => ("Potwierdzenie zostało odrzucone w aplikacji mObywatel. Nic się nie zmieniło.", "The confirmation was refused in the mObywatel app. Nothing has changed."),
            Text::ItsYouExpired => (formatcp!("Nie potwierdzono w ciągu {} {}. Nic się nie zmieniło.", PUSH_MINUTES, minutes_pl_genitive(PUSH_MINUTES)), formatcp!("It was not confirmed within {} {}. Nothing has changed.", PUSH_MINUTES, minutes_en(PUSH_MINUTES))),
            Text::MethodPushHeading => ("Potwierdź zmianę w aplikacji mObywatel", "Confirm the change in the mObywatel app"),
            Text::MethodPushIntro => (formatcp!("Wysłaliśmy prośbę o potwierdzenie zmiany do aplikacji mObywatel. Aplikacja pokaże trzy liczby: wybierz tę, którą widzisz na tej stronie, i zatwierdź zmianę. Masz na to {} {}.", PUSH_MINUTES, minutes_pl(PUSH_MINUTES)), formatcp!("We sent a request to confirm the change to the mObywatel app. The app shows three numbers: pick the one you see on this page, then approve the change. You have {} {}.", PUSH_MINUTES, minutes_en(PUSH_MINUTES))),
            Text::MethodPushRefused => ("Zmiana została odrzucona w aplikacji mObywatel. Metoda autoryzacji się nie zmieniła.", "The change was refused in the mObywatel app. Your authorisation method has not changed."),
            Text::MethodPushExpired => (
                formatcp!("Zmiana nie została zatwierdzona w ciągu {} {}. Metoda autoryzacji się nie zmieniła.", PUSH_MINUTES, minutes_pl_genitive(PUSH_MINUTES)),
                formatcp!("The change was not approved within {} {}. Your authorisation method has not changed.", PUSH_MINUTES, minutes_en(PUSH_MINUTES)),
            ),
            Text::MethodChanged => ("Metoda autoryzacji została zmieniona", "Your authorisation method has been changed"),
            Text::MethodNow => ("Od teraz logowanie i operacje potwierdzasz tak: {method}. Wysłaliśmy Ci e-mail o tej zmianie.", "From now on you confirm sign-ins and operations with: {method}. We have sent you an e-mail about this change."),
            Text::BackToProfile => ("Wróć do szczegółów profilu", "Back to the profile details"),
            Text::ForgotUsername => ("Nie pamiętam nazwy użytkownika", "I forgot my username"),
            Text::ForgotUsernameIntro => ("Wpisz adres e-mail podany przy rejestracji. Wyślemy na niego Twoją nazwę użytkownika.", "Enter the e-mail address you gave when you registered. We will send your username to it."),
            Text::Remind => ("Przypomnij", "Remind me"),
            Text::CheckEmailHeading => ("Sprawdź skrzynkę e-mail", "Check your e-mail"),
            Text::UsernameSent => ("Jeśli konto z tym adresem e-mail istnieje, wysłaliśmy na nie nazwę użytkownika.", "If an account with this e-mail address exists, we have sent its username to it."),
            Text::GoToLogin => ("Przejdź do strony logowania", "Go to the sign-in page"),
            Text::ForgotPassword => ("Nie pamiętam hasła", "I forgot my password"),
            Text::ForgotPasswordIntro => ("Podaj nazwę użytkownika i numer PESEL. Wyślemy link do zmiany hasła na adres e-mail podany przy rejestracji.", "Enter your username and PESEL number. We will send a link to change your password to the e-mail address you gave when you registered."),
            Text::ChangePassword => ("Zmień hasło", "Change the password"),
            Text::ResetLinkSent => (
                formatcp!("Sprawdź skrzynkę e-mail: jeśli dane są poprawne, wysłaliśmy link do zmiany hasła. Link działa {} {}.", RESET_MINUTES, minutes_pl(RESET_MINUTES)),
                formatcp!("Check your e-mail: if the details are correct, we have sent a link to change your password. The link works for {} {}.", RESET_MINUTES, minutes_en(RESET_MINUTES)),
            ),
            Text::NewPasswordHeading => ("Wpisz nowe hasło", "Choose a new password"),
            Text::NewPassword => ("Nowe hasło", "New password"),
            Text::Save => ("Zapisz", "Save"),
            Text::SetNewPassword => ("Ustaw nowe hasło", "Set the new password"),
            Text::PasswordChanged => ("Hasło zostało zmienione", "Your password has been changed"),
            Text::PasswordChangedBody => ("Zakończyliśmy wszystkie Twoje sesje i wysłaliśmy Ci e-mail o zmianie. Zaloguj się nowym hasłem.", "We have ended all your sessions and sent you an e-mail about the change. Sign in with your new password."),
            Text::ResetLinkExplain => (
                formatcp!("Link działa raz, przez {} {} od wysłania. Poproś o nowy link.", RESET_MINUTES, minutes_pl(RESET_MINUTES)),
                formatcp!("A link works once, for {} {} after it was sent. Ask for a new one.", RESET_MINUTES, minutes_en(RESET_MINUTES)),
            ),
            Text::AskForNewLink => ("Poproś o nowy link", "Ask for a new link"),
            Text::ProfileValidFor => ("Twój profil zaufany jest ważny do {date} ({left}).", "Your trusted profile is valid until {date} ({left})."),
            Text::ExpiryNoticeOrdinary => ("Przedłuż go w kilka minut, by dalej logować się do e-usług.", "Extend it in a few minutes to keep signing in to e-services."),
            Text::ExpiryNoticeTemporary => ("Profilu tymczasowego nie można przedłużyć: załóż nowy, zwykły profil przez bank lub e-dowodem.", "A temporary profile cannot be extended: make a new, ordinary profile through a bank or with your e-ID card."),
            Text::ExpiredNotice => ("Twój profil zaufany wygasł {date} Twoje konto zostało zachowane: załóż nowy profil zaufany.", "Your trusted profile expired on {date}. Your account is kept: make a new trusted profile."),
            Text::AccountKept => ("Twoje konto zostało zachowane: logujesz się jak dotąd i w kilka minut założysz nowy profil zaufany przez bank lub e-dowodem.", "Your account is kept: you sign in as before, and in a few minutes you can make a new trusted profile through a bank or with your e-ID card."),
            Text::ExtendValidity => ("Przedłuż ważność", "Extend validity"),
            Text::ExtendOrChange => ("Przedłuż ważność lub zmień dane", "Extend validity or change details"),
            Text::CreateNewProfile => ("Załóż nowy profil zaufany", "Make a new trusted profile"),
            Text::ExtendIntro => ("Sprawdź adres e-mail i numer telefonu. Jeśli się zmieniły, wpisz nowe: na te dane wyślemy kody, którymi potwierdzisz przedłużenie.", "Check your e-mail address and phone number. If they have changed, enter the new ones: we will send the codes that confirm the extension to them."),
            Text::ExtendUntil => ("Po przedłużeniu profil będzie ważny do {date}", "Once extended, the profile will be valid until {date}."),
            Text::ExtendCodesHeading => ("Wpisz kody z SMS-a i z e-maila", "Enter the codes from the text message and the e-mail"),
            Text::ExtendCodesIntro => (formatcp!("Kod SMS wysłaliśmy na numer {{phone}}, a kod e-mail na adres {{email}}. Oba są ważne {} {}.", CODE_MINUTES, minutes_pl(CODE_MINUTES)), formatcp!("We have sent the SMS code to {{phone}} and the e-mail code to {{email}}. Both are valid for {} {}.", CODE_MINUTES, minutes_en(CODE_MINUTES))),
            Text::ResendCodes => ("Wyślij kody ponownie", "Send the codes again"),
            Text::CodesResent => ("Wysłaliśmy nowe kody.", "We have sent new codes."),
            Text::ExtendedHeading => ("Profil przedłużony do {date}", "Profile extended until {date}"),
            Text::ExtendedBody => ("Wysłaliśmy Ci e-mail z potwierdzeniem. Twój profil zaufany działa bez przerwy.", "We have sent you a confirmation e-mail. Your trusted profile works without a break."),
            Text::GoToProfileDetails => ("Przejdź do szczegółów profilu", "Go to the profile details"),
            Text::TemporaryCannotExtend => ("Profilu tymczasowego nie można przedłużyć", "A temporary profile cannot be extended"),
            Text::TemporaryCannotExtendBody => (
                formatcp!("Twój profil tymczasowy, potwierdzony w rozmowie wideo, jest ważny do {{date}} Zamiast go przedłużać, załóż profil zwykły, ważny {}: przez bank lub innego dostawcę albo e-dowodem.", ORDINARY_PL),
                formatcp!("Your temporary profile, confirmed in a video call, is valid until {{date}}. Instead of extending it, make an ordinary profile, valid for {}: through a bank or another provider, or with your e-ID card.", ORDINARY_EN),
            ),
            Text::ExpiredCannotExtend => ("Wygasłego profilu nie można przedłużyć", "An expired profile cannot be extended"),
            Text::NoProfileYet => ("Nie masz jeszcze aktywnego profilu zaufanego", "You do not have an active trusted profile yet"),
            Text::NoProfileYetBody => ("Twój wniosek czeka na potwierdzenie tożsamości. Szczegóły znajdziesz w szczegółach profilu.", "Your application is waiting for your identity to be confirmed. See the profile details."),
            Text::NewProfileIntroExpired => ("Twój profil zaufany wygasł {date} Konto zostało zachowane: nowy profil założysz w kilka minut, bez wizyty w urzędzie.", "Your trusted profile expired on {date}. Your account is kept: you can make a new profile in a few minutes, without visiting an office."),
            Text::NewProfileIntroTemporary => (
                formatcp!("Twój profil tymczasowy jest ważny do {{date}} Profil zwykły, ważny {}, założysz w kilka minut.", ORDINARY_PL),
                formatcp!("Your temporary profile is valid until {{date}}. You can make an ordinary profile, valid for {}, in a few minutes.", ORDINARY_EN),
            ),
            Text::NewProfileWayLegend => ("Jak chcesz potwierdzić tożsamość?", "How do you want to confirm your identity?"),
            Text::NewProfileByBank => ("Załóż profil zaufany przez bank lub innego dostawcę", "Make a trusted profile through a bank or another provider"),
            Text::NewProfileByBankHint => ("Zalogujesz się w swoim banku lub w Envelo, a dostawca potwierdzi Twoją tożsamość.", "You sign in to your bank or to Envelo, and the provider confirms your identity."),
            Text::NewProfileByEId => ("Załóż profil zaufany e-dowodem", "Make a trusted profile with your e-ID card"),
            Text::NewProfileByEIdHint => ("Potrzebujesz dowodu osobistego z warstwą elektroniczną, jego kodu PIN (4 cyfry) i telefonu z NFC lub czytnika.", "You need an ID card with an electronic layer, its PIN (4 digits), and a phone with NFC or a card reader."),
            Text::ChooseProviderHeading => ("Wybierz bank lub dostawcę", "Choose your bank or provider"),
            Text::ChooseProviderIntro => ("Przejdziesz na stronę dostawcy. Po potwierdzeniu tożsamości wrócisz tutaj z aktywnym profilem.", "You will go to the provider's site. Once your identity is confirmed, you come back here with an active profile."),
            Text::GoToProvider => ("Przejdź do dostawcy", "Go to the provider"),
            Text::EIdHeading => ("Załóż profil zaufany e-dowodem", "Make a trusted profile with your e-ID card"),
            Text::EIdIntro => ("Przygotuj dowód osobisty z warstwą elektroniczną i jego kod PIN. Na następnej stronie przyłożysz dowód do telefonu z NFC lub czytnika i wpiszesz PIN.", "Have your ID card with an electronic layer and its PIN ready. On the next page you hold the card to an NFC phone or a card reader and enter the PIN."),
            Text::NewProfileCancelled => ("Tożsamość nie została potwierdzona, więc nowy profil nie powstał. Spróbuj ponownie albo wybierz inny sposób.", "Your identity was not confirmed, so no new profile was made. Try again or choose another way."),
            Text::NewProfileDoneHeading => ("Nowy profil zaufany jest aktywny", "Your new trusted profile is active"),
            Text::NewProfileNotDone => ("Nowy profil jeszcze nie powstał", "The new profile has not been made yet"),
            Text::CannotSignIn => ("Nie możesz się zalogować? Jeśli nie masz konta albo nie pamiętasz danych, zarejestruj się ponownie i wybierz sposób potwierdzenia tożsamości. Pomoże Ci też centrum pomocy:", "Cannot sign in? If you have no account or cannot recover your details, register again and choose how to confirm your identity. The help centre can help too:"),
            Text::ExtendedWay => ("Przedłużenie kodami z SMS-a i e-maila", "Extended with codes by text message and e-mail"),
            Text::ExtendedOnLabel => ("Data przedłużenia", "Extended on"),
            Text::ChangePasswordIntro => ("Wpisz hasło, którego używasz teraz, i wybierz nowe. Po zmianie zakończymy Twoje sesje na innych urządzeniach.", "Enter the password you use now and choose a new one. Once it is changed, we end your sessions on other devices."),
            Text::NewPasswordRepeat => ("Powtórz nowe hasło", "Repeat the new password"),
            Text::PasswordChangedSignedInBody => ("Zakończyliśmy Twoje sesje na innych urządzeniach i wysłaliśmy Ci e-mail o zmianie. Na tym urządzeniu jesteś nadal zalogowany.", "We have ended your sessions on other devices and sent you an e-mail about the change. You are still signed in on this device."),
            Text::BackToAccount => ("Wróć do konta", "Back to your account"),
            Text::YourSessions => ("Twoje sesje", "Your sessions"),
            Text::YourSessionsIntro => ("Urządzenia, na których jesteś teraz zalogowany. Jeśli któregoś nie znasz, wyloguj się ze wszystkich urządzeń i zmień hasło.", "The devices you are signed in on now. If you do not recognise one, sign out on all devices and change your password."),
            Text::ThisDevice => ("to urządzenie", "this device"),
            Text::UnknownDevice => ("Nieznana przeglądarka", "Unknown browser"),
            Text::SessionSignedInAt => ("Zalogowano", "Signed in"),
            Text::SessionLastSeen => ("Ostatnia aktywność", "Last activity"),
            Text::SignOutEverywhere => ("Wyloguj ze wszystkich urządzeń", "Sign out on all devices"),
            Text::SignedOutEverywhere => ("Wylogowano ze wszystkich urządzeń", "You have been signed out on all devices"),
            Text::EmailUnverified => ("niepotwierdzony", "not confirmed"),
            Text::EmailUnverifiedWhy => ("Niepotwierdzonym adresem e-mail nie zalogujesz się i nie dostaniesz na niego przypomnienia nazwy użytkownika.", "You cannot sign in with an unconfirmed e-mail address, nor get username reminders at it."),
            Text::ConfirmEmail => ("Potwierdź adres e-mail", "Confirm your e-mail address"),
            Text::EmailCodeHeading => ("Wpisz kod z e-maila", "Enter the code from the e-mail"),
            Text::EmailCodeSentLead => (
                formatcp!("Wysłaliśmy {}-cyfrowy kod na adres e-mail Twojego konta. Kod jest ważny {} {}.", CODE_DIGITS, CODE_MINUTES, minutes_pl(CODE_MINUTES)),
                formatcp!("We sent a {}-digit code to your account's e-mail address. It is valid for {} {}.", CODE_DIGITS, CODE_MINUTES, minutes_en(CODE_MINUTES)),
            ),
            Text::EmailConfirmedBody => ("Od teraz możesz logować się tym adresem i dostawać na niego przypomnienie nazwy użytkownika.", "From now on you can sign in with this address and get username reminders at it."),
            Text::EmailCodeResend => ("Wyślij kod ponownie", "Send the code again"),
            Text::EmailCodeResent => ("Wysłaliśmy nowy kod na Twój adres e-mail", "We have sent a new code to your e-mail address"),
            Text::EmailConfirmed => ("Adres e-mail został potwierdzony", "Your e-mail address has been confirmed"),
        };
        lang.pick(pl, en)
    }
}

/// How long a profile has left, in words: "jeszcze 10 dni", "jeszcze 1 dzień", "to ostatni dzień".
pub fn days_left_words(days_left: i64, lang: Lang) -> String {
    match (lang, days_left) {
        (Lang::Pl, 0) => "to ostatni dzień".into(),
        (Lang::Pl, 1) => "jeszcze 1 dzień".into(),
        (Lang::Pl, days) => format!("jeszcze {days} dni"),
        (Lang::En, 0) => "this is the last day".into(),
        (Lang::En, 1) => "1 more day".into(),
        (Lang::En, days) => format!("{days} more days"),
    }
}

/// A date in words, as in a letter: "25 listopada 2029 r." in Polish, "25 November 2029" in English.
pub fn long_date(date: Date, lang: Lang) -> String {
    const PL: [&str; 12] =
        ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"];
    const EN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let month = usize::from(date.month) - 1;
    match lang {
        Lang::Pl => format!("{} {} {} r.", date.day, PL[month], date.year),
        Lang::En => format!("{} {} {}", date.day, EN[month], date.year),
    }
}

/// A day as a calendar names it: "czwartek, 26 listopada 2026" in Polish, "Thursday 26 November
/// 2026" in English (the long date without the letter's "r.").
pub fn day_and_date(date: Date, lang: Lang) -> String {
    let long = long_date(date, lang);
    let long = long.strip_suffix(" r.").unwrap_or(&long);
    match lang {
        Lang::Pl => format!("{}, {long}", date.weekday().name(lang)),
        Lang::En => format!("{} {long}", date.weekday().name(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_polish_date_ends_its_sentence_with_its_own_period() {
        // "25 listopada 2029 r." ends in a period: a Polish text must not add another after it.
        let date = long_date(Date::new(2029, 11, 25).unwrap(), Lang::Pl);
        for text in Text::ALL {
            let rendered = text.get(Lang::Pl).replace("{date}", &date);
            assert!(!rendered.contains("r.."), "{text:?}: {rendered}");
        }
    }

    #[test]
    fn texts_say_the_times_their_constants_decide() {
        assert_eq!(Text::SmsIntro.get(Lang::Pl), "Wysłaliśmy 6-cyfrowy kod na numer {phone}. Kod jest ważny 5 minut.");
        assert_eq!(Text::ProfileTemporary.get(Lang::Pl), "Tymczasowy profil zaufany (3 miesiące)");
        assert_eq!(Text::ProfileOrdinary.get(Lang::En), "Trusted profile (3 years)");
        assert!(Text::MethodInPersonHint.get(Lang::Pl).contains("w ciągu 14 dni. Profil ważny 3 lata."));
        assert!(Text::ResetLinkExplain.get(Lang::Pl).contains("przez 30 minut od wysłania"));
        assert!(Text::TemporaryCannotExtendBody.get(Lang::En).contains("until {date}. Instead"), "a placeholder survives formatcp");
        assert_eq!(
            (
                plural_pl(1, ("rok", "lata", "lat")),
                plural_pl(4, ("rok", "lata", "lat")),
                plural_pl(12, ("rok", "lata", "lat")),
                plural_pl(22, ("rok", "lata", "lat"))
            ),
            ("rok", "lata", "lat", "lata")
        );
        assert_eq!(Text::SmsIntro.get(Lang::En), "We sent a 6-digit code to {phone}. It is valid for 5 minutes.");
        assert!(Text::ExtendCodesIntro.get(Lang::Pl).ends_with("Oba są ważne 5 minut."));
        assert!(Text::PushIntro.get(Lang::Pl).ends_with("Masz na to 2 minuty."));
        assert!(Text::PushExpired.get(Lang::Pl).starts_with("Logowanie nie zostało potwierdzone w ciągu 2 minut."));
        assert!(Text::MethodPushExpired.get(Lang::En).starts_with("The change was not approved within 2 minutes."));
    }

    #[test]
    fn polish_minutes_agree_with_their_count() {
        let forms: Vec<&str> = [1, 2, 4, 5, 12, 14, 22, 25].map(minutes_pl).to_vec();
        assert_eq!(forms, ["minutę", "minuty", "minuty", "minut", "minut", "minut", "minuty", "minut"]);
        assert_eq!((minutes_pl_genitive(1), minutes_pl_genitive(2)), ("minuty", "minut"));
        assert_eq!((minutes_en(1), minutes_en(5)), ("minute", "minutes"));
    }

    #[test]
    fn a_long_date_names_the_month_in_the_genitive_in_polish() {
        let date = Date::new(2029, 11, 25).unwrap();
        assert_eq!(long_date(date, Lang::Pl), "25 listopada 2029 r.");
        assert_eq!(long_date(date, Lang::En), "25 November 2029");
        assert_eq!(long_date(Date::new(2026, 3, 1).unwrap(), Lang::Pl), "1 marca 2026 r.");
    }

    #[test]
    fn a_day_is_named_by_its_weekday_then_its_date_in_words() {
        let date = Date::new(2026, 11, 26).unwrap();
        assert_eq!(day_and_date(date, Lang::Pl), "czwartek, 26 listopada 2026");
        assert_eq!(day_and_date(date, Lang::En), "Thursday 26 November 2026");
    }

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
