//! Component tests of the wizard's steps and of the status of a call, each mounted alone in
//! headless Chromium; and of the retry policy (its waits, and its attempts against a faked `fetch`).
#![cfg(target_arch = "wasm32")]

use app::api::{retry_delay, ApiFailure, Retries};
use app::components::request_status::{RequestNotice, RequestStatus};
use app::i18n::{provide_locale, Locale};
use app::pages::{AccountPage, ConsentPage, IdentityPage, PersonalPage};
use app::session::provide_session;
use app::state::provide_wizard;
use leptos::prelude::*;
use shared::paths;
use shared::Lang;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The mounted step, and the language switch its frame would hold.
struct Step {
    root: HtmlElement,
    locale: Locale,
}

fn mount_step() -> Step {
    mount(|| view! { <AccountPage /> }.into_any())
}

/// Mounts a page in a router, with the language and a fresh wizard (storage cleared).
fn mount(page: impl FnOnce() -> AnyView + Send + 'static) -> Step {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    window().session_storage().unwrap().unwrap().clear().unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let locale = Rc::new(Cell::new(None));
    let provided = locale.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provided.set(Some(provide_locale()));
        provide_session();
        provide_wizard();
        view! { <leptos_router::components::Router>{page()}</leptos_router::components::Router> }
    });
    handle.forget();
    Step { root, locale: locale.get().unwrap() }
}

impl Step {
    fn find<T: JsCast>(&self, selector: &str) -> T {
        self.root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
    }

    fn text(&self, selector: &str) -> String {
        self.find::<HtmlElement>(selector).text_content().unwrap_or_default()
    }

    fn input(&self, id: &str) -> HtmlInputElement {
        self.find(&format!("#{id}"))
    }

    async fn type_into(&self, id: &str, value: &str) {
        let input = self.input(id);
        input.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
        leptos::task::tick().await;
    }

    async fn leave(&self, id: &str) {
        self.input(id).dispatch_event(&web_sys::FocusEvent::new("blur").unwrap()).unwrap();
        leptos::task::tick().await;
    }

    async fn press_next(&self) {
        self.find::<HtmlElement>("button[type=submit]").click();
        leptos::task::tick().await;
    }

    fn error(&self, id: &str) -> String {
        self.text(&format!("#{id}-error"))
    }

    /// Waits, a frame at a time, until `condition` holds (at most about five seconds).
    async fn until(&self, what: &str, condition: impl Fn(&Step) -> bool) {
        for _ in 0..250 {
            if condition(self) {
                return;
            }
            let frame = js_sys::Promise::new(&mut |resolve, _| {
                window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
            });
            wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
        }
        panic!("timed out waiting until {what}");
    }
}

#[wasm_bindgen_test]
async fn no_error_shows_while_the_citizen_is_still_in_the_field() {
    let step = mount_step();
    step.type_into("username", "jan.kowalski").await;
    assert_eq!(step.error("username"), "");
    assert_eq!(step.input("username").get_attribute("aria-invalid").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn leaving_a_username_with_a_dot_shows_the_polish_error() {
    let step = mount_step();
    step.type_into("username", "jan.kowalski").await;
    step.leave("username").await;
    assert!(step.error("username").contains("Nazwa użytkownika może zawierać tylko litery"), "{}", step.error("username"));
    let input = step.input("username");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("username-hint username-error"));
}

#[wasm_bindgen_test]
async fn fixing_the_username_clears_the_error_as_the_citizen_types() {
    let step = mount_step();
    step.type_into("username", "jan.kowalski").await;
    step.leave("username").await;
    step.type_into("username", "jan_kowalski").await;
    assert_eq!(step.error("username"), "");
    assert_eq!(step.input("username").get_attribute("aria-invalid").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn leaving_an_untouched_field_shows_nothing() {
    let step = mount_step();
    step.leave("username").await;
    assert_eq!(step.error("username"), "");
}

#[wasm_bindgen_test]
async fn a_different_repeat_is_reported_once_left() {
    let step = mount_step();
    step.type_into("password", "Tajne#Haslo1").await;
    step.type_into("password_repeat", "Tajne#Haslo2").await;
    step.leave("password_repeat").await;
    assert!(step.error("password_repeat").contains("Hasła nie są takie same"));
    step.type_into("password", "Tajne#Haslo2").await;
    assert_eq!(step.error("password_repeat"), "");
}

#[wasm_bindgen_test]
async fn next_on_an_empty_form_shows_a_summary_linking_to_every_field() {
    let step = mount_step();
    step.press_next().await;
    let summary: HtmlElement = step.find(".error-summary");
    assert!(!summary.hidden());
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let links = summary.query_selector_all("a").unwrap();
    let hrefs: Vec<String> = (0..links.length()).map(|i| links.get(i).unwrap().unchecked_into::<HtmlElement>().get_attribute("href").unwrap()).collect();
    assert_eq!(hrefs, ["#username", "#password", "#password_repeat"]);
    assert!(step.text(".error-summary").contains("Wpisz nazwę użytkownika"));
    assert_eq!(step.error("password"), "Błąd: Wpisz hasło");
}

#[wasm_bindgen_test]
async fn a_summary_link_moves_focus_to_its_field() {
    let step = mount_step();
    step.press_next().await;
    step.find::<HtmlElement>(".error-summary a[href='#password']").click();
    leptos::task::tick().await;
    assert_eq!(document().active_element().unwrap().id(), "password");
}

#[wasm_bindgen_test]
async fn the_summary_shrinks_as_errors_are_fixed() {
    let step = mount_step();
    step.press_next().await;
    step.type_into("username", "jan_kowalski").await;
    assert_eq!(step.find::<HtmlElement>(".error-summary").query_selector_all("a").unwrap().length(), 2);
}

#[wasm_bindgen_test]
async fn switching_to_english_translates_labels_and_errors() {
    let step = mount_step();
    step.type_into("username", "łukasz").await;
    step.leave("username").await;
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("label[for=username]"), "Username");
    assert!(step.error("username").contains("cannot contain Polish letters"), "{}", step.error("username"));
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn the_answers_are_kept_for_this_tab_but_never_the_password() {
    let step = mount_step();
    step.type_into("username", "jan_kowalski").await;
    step.type_into("password", "Tajne#Haslo1").await;
    leptos::task::tick().await;
    let saved = window().session_storage().unwrap().unwrap().get_item("pz.registration").unwrap().unwrap();
    assert!(saved.contains("jan_kowalski"), "{saved}");
    assert!(!saved.contains("Tajne#Haslo1"), "the password must never be stored: {saved}");
}

#[wasm_bindgen_test]
async fn a_valid_form_is_sent_and_an_unreachable_service_is_told_plainly() {
    // The test page has no API behind it: the username check answers 404, which the step reports.
    let step = mount_step();
    step.type_into("username", "jan_kowalski").await;
    step.type_into("password", "Tajne#Haslo1").await;
    step.type_into("password_repeat", "Tajne#Haslo1").await;
    step.press_next().await;
    assert!(step.find::<HtmlElement>(".error-summary").hidden());
    step.until("the failure notice shows", |s| s.root.query_selector(".notice--error").unwrap().is_some()).await;
    assert!(step.text(".notice--error").contains("Nie udało się połączyć z serwisem"));
}

#[wasm_bindgen_test]
async fn a_valid_pesel_shows_the_birth_date_and_sex_it_holds() {
    let step = mount(|| view! { <PersonalPage /> }.into_any());
    assert_eq!(step.text(".pesel-facts"), "");
    step.type_into("pesel", "44051401359").await;
    let facts = step.text(".pesel-facts");
    assert!(facts.contains("1944-05-14") && facts.contains("mężczyzna"), "{facts}");
    step.type_into("pesel", "44051401358").await;
    assert_eq!(step.text(".pesel-facts"), "", "nothing is read from an invalid PESEL");
}

#[wasm_bindgen_test]
async fn names_pesels_and_addresses_typed_the_way_people_write_them_pass_in_the_browser() {
    let step = mount(|| view! { <PersonalPage /> }.into_any());
    for (id, typed) in [("first_name", "Zaz\u{307}o\u{301}łc\u{301}"), ("surname", "Kowalska  Nowak"), ("pesel", "440 514 013 59")] {
        step.type_into(id, typed).await;
        step.leave(id).await;
        assert_eq!(step.error(id), "", "{id}: {typed}");
    }
    assert!(step.text(".pesel-facts").contains("1944-05-14"));
    step.root.remove();
    let step = mount(|| view! { <app::pages::ContactPage /> }.into_any());
    for (id, typed) in [("email", "jan@żółw.pl"), ("email_repeat", "jan@xn--w-uga1v8h.pl"), ("phone", "600-123 456")] {
        step.type_into(id, typed).await;
        step.leave(id).await;
        assert_eq!(step.error(id), "", "{id}: {typed}");
    }
}

#[wasm_bindgen_test]
async fn the_check_your_answers_page_shows_what_was_typed_and_sends_it_normalised() {
    let service = FakeRoutes::install(&[("/api/v1/registrations", 201, r#"{"id":"r-1"}"#, None)]);
    let step = mount(|| {
        let wizard = app::state::use_wizard();
        for (field, typed) in [
            (shared::api::Field::Username, "jan_kowalski"),
            (shared::api::Field::Password, "Tajne#Haslo1"),
            (shared::api::Field::PasswordRepeat, "Tajne#Haslo1"),
            (shared::api::Field::FirstName, "Zaz\u{307}o\u{301}łc\u{301}"),
            (shared::api::Field::Surname, "Kowalska  Nowak"),
            (shared::api::Field::Pesel, "440 514 013 59"),
            (shared::api::Field::Email, "jan@żółw.pl"),
            (shared::api::Field::EmailRepeat, "jan@żółw.pl"),
            (shared::api::Field::Phone, "600 123 456"),
            (shared::api::Field::PhoneRepeat, "600-123-456"),
        ] {
            wizard.value(field).set(typed.into());
        }
        wizard.choice.update(|c| c.method = Some(shared::rules::confirmation::ConfirmationMethod::EId));
        wizard.consent.set(true);
        view! { <app::pages::ReviewPage /> }.into_any()
    });
    let shown = step.root.text_content().unwrap_or_default();
    assert!(shown.contains("440 514 013 59") && shown.contains("jan@żółw.pl") && shown.contains("Kowalska  Nowak"), "{shown}");
    step.press_next().await;
    step.until("the registration is sent", |_| !service.bodies().is_empty()).await;
    let sent: serde_json::Value = serde_json::from_str(&service.bodies()[0]).unwrap();
    assert_eq!(sent["first_name"], "Zażółć");
    assert_eq!(sent["surname"], "Kowalska Nowak");
    assert_eq!(sent["pesel"], "44051401359");
    assert_eq!(sent["email"], "jan@xn--w-uga1v8h.pl");
    assert_eq!(sent["phone"], "+48600123456");
    assert_eq!(sent["password"], "Tajne#Haslo1");
}

#[wasm_bindgen_test]
async fn choosing_a_way_of_confirming_reveals_only_its_details() {
    let step = mount(|| view! { <IdentityPage /> }.into_any());
    let present = |selector: &str| step.root.query_selector(selector).unwrap().is_some();
    assert!(!present("#video-app-teams") && !present("#point"));
    step.find::<HtmlElement>("#confirmation").click();
    leptos::task::tick().await;
    assert!(present("#video-app-teams") && present(".day__windows input"), "the video call asks for the app and the windows");
    assert_eq!(step.root.query_selector_all(".day__windows input").unwrap().length(), 25, "5 working days of 5 windows");
    step.find::<HtmlElement>("#method-in_person").click();
    leptos::task::tick().await;
    assert!(present("#point") && !present("#video-app-teams"));
}

#[wasm_bindgen_test]
async fn each_days_call_windows_are_headed_by_the_weekday_and_the_date_in_words() {
    let step = mount(|| view! { <IdentityPage /> }.into_any());
    step.find::<HtmlElement>("#confirmation").click();
    leptos::task::tick().await;
    // The first window's id holds its date: "window-2026-11-26-8".
    let id = step.find::<HtmlElement>(".day__windows input").id();
    let date: shared::date::Date = id["window-".len().."window-".len() + 10].parse().unwrap();
    assert_eq!(step.text(".day__name"), shared::i18n::day_and_date(date, Lang::Pl));
    assert!(step.text(".day__name").contains(", "), "{}", step.text(".day__name"));
    assert!(!step.text(".day__name").contains(&date.to_string()), "not the ISO date");
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text(".day__name"), shared::i18n::day_and_date(date, Lang::En));
}

#[wasm_bindgen_test]
async fn next_without_a_way_of_confirming_or_its_details_says_what_is_missing() {
    let step = mount(|| view! { <IdentityPage /> }.into_any());
    step.press_next().await;
    assert_eq!(step.error("confirmation"), "Błąd: Wybierz sposób potwierdzenia tożsamości");
    step.find::<HtmlElement>("#confirmation").click();
    leptos::task::tick().await;
    assert_eq!(step.error("confirmation"), "Błąd: Wybierz aplikację, przez którą zadzwoni urzędnik");
    step.find::<HtmlElement>("#video-app-skype").click();
    leptos::task::tick().await;
    assert!(step.error("confirmation").contains("Wybierz co najmniej jeden przedział godzin"));
}

#[wasm_bindgen_test]
async fn a_group_is_described_by_its_error_with_the_prefix_in_the_citizens_language() {
    let step = mount(|| view! { <IdentityPage /> }.into_any());
    let fieldset = || step.find::<HtmlElement>("fieldset");
    assert_eq!(fieldset().get_attribute("aria-describedby"), None, "nothing describes the group before an error");
    step.locale.0.set(Lang::En);
    step.press_next().await;
    assert_eq!(fieldset().get_attribute("aria-describedby").as_deref(), Some("confirmation-error"));
    assert!(step.error("confirmation").starts_with("Error: "), "{}", step.error("confirmation"));
    assert!(step.text("legend").len() > 3, "the group is named by its legend");
}

#[wasm_bindgen_test]
async fn a_step_is_numbered_by_its_place_in_the_steps_and_a_select_by_its_label() {
    let step = mount(|| view! { <IdentityPage /> }.into_any());
    assert!(step.root.text_content().unwrap().contains("Krok 4 z 6"), "{}", step.root.text_content().unwrap());
    step.find::<HtmlElement>("#method-in_person").click();
    leptos::task::tick().await;
    assert_eq!(step.text("label[for=point]"), "Punkt potwierdzający");
}

#[wasm_bindgen_test]
async fn the_consent_must_be_ticked() {
    let step = mount(|| view! { <ConsentPage /> }.into_any());
    step.press_next().await;
    assert!(step.error("consent").contains("Potwierdź, że znasz zasady"));
    assert_eq!(step.input("consent").get_attribute("aria-invalid").as_deref(), Some("true"));
    step.find::<HtmlElement>("#consent").click();
    leptos::task::tick().await;
    assert_eq!(step.error("consent"), "");
}

#[wasm_bindgen_test]
fn the_wait_before_a_retry_doubles_and_varies_by_half_either_way() {
    assert_eq!(retry_delay(1, None, 0.0), 0.5);
    assert_eq!(retry_delay(1, None, 0.5), 1.0);
    assert_eq!(retry_delay(2, None, 0.5), 2.0);
    assert_eq!(retry_delay(3, None, 0.5), 4.0);
    assert_eq!(retry_delay(3, None, 0.0), 2.0);
    let longest = retry_delay(3, None, 0.999_999);
    assert!(longest > 5.99 && longest < 6.0, "{longest}");
}

#[wasm_bindgen_test]
fn the_wait_is_never_shorter_than_the_servers_retry_after() {
    assert_eq!(retry_delay(1, Some(5), 0.0), 5.0);
    assert_eq!(retry_delay(3, Some(2), 0.5), 4.0, "a longer backoff wins over a short Retry-After");
}

#[wasm_bindgen_test]
fn no_single_wait_is_longer_than_30_seconds() {
    assert_eq!(retry_delay(1, Some(120), 0.3), 30.0);
    assert_eq!(retry_delay(8, None, 0.9), 30.0);
}

/// Mounts the notice of a call that never ends, and returns the callback its retries report to.
fn mount_waiting_call() -> (Step, Callback<Option<u32>>) {
    let reported = Arc::new(Mutex::new(None));
    let slot = reported.clone();
    let step = mount(move || {
        let status = RequestStatus::default();
        let never_answered = move |retries| {
            if let Retries::Reported(on_wait) = retries {
                *slot.lock().unwrap() = Some(on_wait);
            }
            std::future::pending::<Result<(), ApiFailure>>()
        };
        status.send(never_answered, |()| {});
        view! { <RequestNotice status /> }.into_any()
    });
    let on_wait = reported.lock().unwrap().expect("a call sent through the status reports its waits");
    (step, on_wait)
}

#[wasm_bindgen_test]
async fn a_busy_service_is_told_once_with_a_visible_countdown_in_polish_and_english() {
    let (step, on_wait) = mount_waiting_call();
    leptos::task::tick().await;
    assert_eq!(step.text("[role=status]"), "Sprawdzamy dane…");
    on_wait.run(Some(3));
    leptos::task::tick().await;
    let busy = "Serwis jest teraz przeciążony. Spróbujemy ponownie za chwilę. Twoje dane są zachowane.";
    assert_eq!(step.text("[role=status]"), busy);
    assert_eq!(step.text(".request-status__countdown[aria-hidden=true]"), "Ponowna próba za 3 s");
    on_wait.run(Some(2));
    leptos::task::tick().await;
    assert_eq!(step.text("[role=status]"), busy, "the live region does not change every second");
    assert_eq!(step.text(".request-status__countdown"), "Ponowna próba za 2 s");
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("[role=status]"), "The service is busy right now. We will try again in a moment. Your answers are kept.");
    assert_eq!(step.text(".request-status__countdown"), "Trying again in 2 s");
    assert!(step.root.query_selector("[role=alert]").unwrap().is_none(), "waiting is not a failure");
    on_wait.run(None);
    leptos::task::tick().await;
    assert_eq!(step.text("[role=status]"), "Checking your details…");
    assert_eq!(step.text(".request-status__countdown"), "");
}

#[wasm_bindgen_test]
async fn a_failed_call_is_alerted_with_a_button_that_runs_the_action_again() {
    let runs = Arc::new(AtomicU32::new(0));
    let counted = runs.clone();
    let step = mount(move || {
        let status = RequestStatus::default();
        let action = status.action(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            status.send(|_| async { Err::<(), _>(ApiFailure::Unexpected(500)) }, |()| {});
        });
        action.run(());
        view! { <RequestNotice status /> }.into_any()
    });
    step.until("the failure shows", |s| s.root.query_selector("[role=alert]").unwrap().is_some()).await;
    let alert: HtmlElement = step.find("[role=alert]");
    assert_eq!(alert.class_name(), "notice notice--error");
    assert_eq!(step.text("[role=alert] p"), "Nie udało się połączyć z serwisem. Twoje dane są zachowane – spróbuj ponownie.");
    let button: HtmlElement = step.find("[role=alert] button#retry-request");
    assert_eq!(button.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(button.text_content().as_deref(), Some("Spróbuj ponownie"));
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    button.click();
    leptos::task::tick().await;
    assert_eq!(runs.load(Ordering::SeqCst), 2, "the button runs the action again");
    assert_eq!(document().active_element().unwrap().class_name(), "request-status", "focus stays with the status, not on the body");
    step.until("the second failure shows", |s| s.root.query_selector("#retry-request").unwrap().is_some()).await;
}

#[wasm_bindgen_test]
async fn while_a_call_is_under_way_the_action_sends_nothing_more() {
    let runs = Arc::new(AtomicU32::new(0));
    let counted = runs.clone();
    mount(move || {
        let status = RequestStatus::default();
        let action = status.action(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            status.send(|_| std::future::pending::<Result<(), ApiFailure>>(), |()| {});
        });
        action.run(());
        action.run(());
        view! { <RequestNotice status /> }.into_any()
    });
    leptos::task::tick().await;
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

/// For the length of one test: a `fetch` that answers requests whose path or `Idempotency-Key`
/// holds `fake-NNN` with status NNN and `Retry-After: 2`, counting them and keeping their keys
/// (others go through), and a `Math.random` giving 0 (the shortest jitter). One test only: two at
/// once would restore each other's fakes.
struct FakeService {
    fetch: JsValue,
    random: JsValue,
}

impl FakeService {
    fn install() -> FakeService {
        let global = js_sys::global();
        let math = js_sys::Reflect::get(&global, &"Math".into()).unwrap();
        let fetch = js_sys::Reflect::get(&global, &"fetch".into()).unwrap();
        let random = js_sys::Reflect::get(&math, &"random".into()).unwrap();
        let fake = js_sys::Function::new_with_args(
            "original",
            "globalThis.fakeCalls = 0;
             globalThis.fakeKeys = [];
             return (request, init) => {
                 const key = request.headers?.get('Idempotency-Key') ?? '';
                 const status = /fake-(\\d{3})/.exec((request.url ?? String(request)) + ' ' + key);
                 if (!status) return original.call(globalThis, request, init);
                 globalThis.fakeCalls += 1;
                 if (key) globalThis.fakeKeys.push(key);
                 return Promise.resolve(new Response('{}', { status: Number(status[1]), headers: { 'Retry-After': '2' } }));
             };",
        );
        js_sys::Reflect::set(&global, &"fetch".into(), &fake.call1(&JsValue::NULL, &fetch).unwrap()).unwrap();
        js_sys::Reflect::set(&math, &"random".into(), &js_sys::Function::new_no_args("return 0;")).unwrap();
        FakeService { fetch, random }
    }

    /// The `Idempotency-Key` of every request answered, in order.
    fn keys(&self) -> Vec<String> {
        let keys = js_sys::Reflect::get(&js_sys::global(), &"fakeKeys".into()).unwrap();
        js_sys::Array::from(&keys).iter().map(|k| k.as_string().unwrap()).collect()
    }

    /// The requests answered since the last call.
    fn take_calls(&self) -> f64 {
        let global = js_sys::global();
        let calls = js_sys::Reflect::get(&global, &"fakeCalls".into()).unwrap().as_f64().unwrap();
        js_sys::Reflect::set(&global, &"fakeCalls".into(), &0.into()).unwrap();
        calls
    }
}

impl Drop for FakeService {
    fn drop(&mut self) {
        let global = js_sys::global();
        js_sys::Reflect::set(&global, &"fetch".into(), &self.fetch).unwrap();
        js_sys::Reflect::set(&js_sys::Reflect::get(&global, &"Math".into()).unwrap(), &"random".into(), &self.random).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_busy_service_is_asked_four_times_in_all_with_one_key_but_an_unexpected_answer_or_a_background_check_once() {
    let service = FakeService::install();
    let waits = Arc::new(Mutex::new(Vec::new()));
    let reported = waits.clone();
    let on_wait = Callback::new(move |left: Option<u32>| reported.lock().unwrap().push(left));

    let request = shared::api::ValidateRequest::default();
    let answer = app::api::register(&request, "reg-fake-503", Lang::Pl, Retries::Reported(on_wait)).await;
    assert!(matches!(answer, Err(ApiFailure::Unexpected(503))), "{answer:?}");
    assert_eq!(service.take_calls(), 4.0);
    assert_eq!(service.keys(), ["reg-fake-503"; 4], "every retry names the same registration");
    let waited_two_seconds = [Some(2), Some(1), None];
    assert_eq!(*waits.lock().unwrap(), waited_two_seconds.repeat(3), "Retry-After: 2 outlasts 0.5, 1 and 2 s of backoff");

    waits.lock().unwrap().clear();
    let answer = app::api::resend_code("fake-500", Lang::Pl, Retries::Reported(on_wait)).await;
    assert!(matches!(answer, Err(ApiFailure::Unexpected(500))), "{answer:?}");
    assert_eq!(service.take_calls(), 1.0);
    assert!(waits.lock().unwrap().is_empty());

    let answer = app::api::username_availability("fake-503".to_owned(), Lang::Pl, Retries::Never).await;
    assert!(matches!(answer, Err(ApiFailure::Unexpected(503))), "{answer:?}");
    assert_eq!(service.take_calls(), 1.0);
}

#[wasm_bindgen_test]
fn each_registration_gets_its_own_plain_idempotency_key_of_128_bits() {
    let (first, second) = (app::api::new_idempotency_key(), app::api::new_idempotency_key());
    assert_ne!(first, second);
    for key in [first, second] {
        assert!(key.len() == 36 && key.starts_with("reg-") && key[4..].bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    }
}

// Signing in: the login form, the SMS code, the session's timeout dialog.

/// For the length of one test: a `fetch` that answers the paths given with a fixed status, JSON
/// body and headers, keeping the bodies it was sent (other requests go through).
struct FakeRoutes {
    fetch: JsValue,
}

impl FakeRoutes {
    /// `routes`: path → (status, JSON body, Retry-After header if any).
    fn install(routes: &[(&str, u16, &str, Option<u32>)]) -> FakeRoutes {
        let table = js_sys::Object::new();
        for (path, status, body, retry_after) in routes {
            let answer = js_sys::Array::of3(&JsValue::from(*status), &JsValue::from_str(body), &retry_after.map_or(JsValue::NULL, JsValue::from));
            js_sys::Reflect::set(&table, &JsValue::from_str(path), &answer).unwrap();
        }
        let global = js_sys::global();
        let fetch = js_sys::Reflect::get(&global, &"fetch".into()).unwrap();
        let fake = js_sys::Function::new_with_args(
            "original, routes",
            "globalThis.fakeBodies = [];
             return (request, init) => {
                 const answer = routes[new URL(request.url ?? String(request), location.href).pathname];
                 if (!answer) return original.call(globalThis, request, init);
                 const [status, body, retryAfter] = answer;
                 const headers = { 'Content-Type': 'application/json' };
                 if (retryAfter !== null) headers['Retry-After'] = String(retryAfter);
                 return request.clone().text().then(sent => {
                     globalThis.fakeBodies.push(sent);
                     return new Response(status === 204 ? null : body, { status, headers });
                 });
             };",
        );
        js_sys::Reflect::set(&global, &"fetch".into(), &fake.call2(&JsValue::NULL, &fetch, &table).unwrap()).unwrap();
        FakeRoutes { fetch }
    }

    /// The bodies of the requests answered, in order.
    fn bodies(&self) -> Vec<String> {
        let bodies = js_sys::Reflect::get(&js_sys::global(), &"fakeBodies".into()).unwrap();
        js_sys::Array::from(&bodies).iter().map(|b| b.as_string().unwrap()).collect()
    }
}

impl Drop for FakeRoutes {
    fn drop(&mut self) {
        js_sys::Reflect::set(&js_sys::global(), &"fetch".into(), &self.fetch).unwrap();
    }
}

fn mount_login() -> Step {
    mount(|| view! { <app::pages::LoginPage /> }.into_any())
}

impl Step {
    fn summary_links(&self) -> Vec<(String, String)> {
        let links = self.find::<HtmlElement>(".error-summary").query_selector_all("a").unwrap();
        (0..links.length())
            .map(|i| links.get(i).unwrap().unchecked_into::<HtmlElement>())
            .map(|a| (a.get_attribute("href").unwrap(), a.text_content().unwrap()))
            .collect()
    }

    fn focused_class(&self) -> String {
        document().active_element().map(|e| e.class_name()).unwrap_or_default()
    }
}

#[wasm_bindgen_test]
async fn signing_in_with_nothing_typed_lists_both_fields_in_a_focused_summary_in_polish_and_english() {
    let step = mount_login();
    assert_eq!(step.text("label[for=login]"), "Nazwa użytkownika lub adres e-mail");
    assert_eq!(step.input("login").get_attribute("autocomplete").as_deref(), Some("username"));
    assert_eq!(step.input("password").get_attribute("autocomplete").as_deref(), Some("current-password"));
    assert_eq!(step.input("password").type_(), "password");
    assert_eq!(step.text("button[type=submit]"), "Zaloguj się");
    step.press_next().await;
    assert_eq!(
        step.summary_links(),
        [("#login".to_owned(), "Wpisz nazwę użytkownika lub adres e-mail".to_owned()), ("#password".to_owned(), "Wpisz hasło".to_owned())]
    );
    step.until("the summary takes focus", |s| s.focused_class() == "error-summary").await;
    assert_eq!(step.error("password"), "Błąd: Wpisz hasło");
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("label[for=login]"), "Username or e-mail address");
    assert_eq!(step.error("login"), "Error: Enter your username or e-mail address");
    assert_eq!(step.text("button[type=submit]"), "Sign in");
}

#[wasm_bindgen_test]
async fn a_field_error_shows_only_once_the_citizen_leaves_the_field() {
    let step = mount_login();
    step.type_into("login", "x").await;
    step.type_into("login", "  ").await;
    assert_eq!(step.error("login"), "");
    step.leave("login").await;
    assert_eq!(step.error("login"), "Błąd: Wpisz nazwę użytkownika lub adres e-mail");
    assert!(step.find::<HtmlElement>(".error-summary").hidden(), "no summary before the form is sent");
}

#[wasm_bindgen_test]
async fn a_wrong_pair_is_one_message_from_its_code_and_a_language_switch_translates_it() {
    let service = FakeRoutes::install(&[("/api/v1/login", 401, r#"{"error":{"code":"login.wrong_credentials","message":"the server's own words"}}"#, None)]);
    let step = mount_login();
    step.type_into("login", " jan_kowalski ").await;
    step.type_into("password", "Tajne#Haslo1").await;
    step.press_next().await;
    step.until("the refusal shows", |s| !s.find::<HtmlElement>(".error-summary").hidden()).await;
    assert_eq!(service.bodies(), [r#"{"login":"jan_kowalski","password":"Tajne#Haslo1"}"#], "the identifier is sent trimmed");
    let polish = "Nazwa użytkownika, adres e-mail lub hasło są niepoprawne. Sprawdź je i spróbuj ponownie";
    assert_eq!(step.summary_links(), [("#login".to_owned(), polish.to_owned())]);
    step.until("the summary takes focus", |s| s.focused_class() == "error-summary").await;
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    let english = "The username, e-mail address or password is not correct. Check them and try again";
    assert_eq!(step.summary_links(), [("#login".to_owned(), english.to_owned())]);
}

#[wasm_bindgen_test]
async fn a_locked_sign_in_says_until_when_in_polish_time_and_a_field_error_code_is_rendered_locally() {
    let service = FakeRoutes::install(&[(
        "/api/v1/login",
        423,
        r#"{"error":{"code":"login.locked","message":"locked"},"locked_until":"2026-11-25T14:35:00+01:00"}"#,
        None,
    )]);
    let step = mount_login();
    step.type_into("login", "jan_kowalski").await;
    step.type_into("password", "zle").await;
    step.press_next().await;
    step.until("the lock shows", |s| s.text(".error-summary").contains("14:35")).await;
    assert!(step.text(".error-summary").contains("zablokowane do 14:35 (czasu polskiego)"), "{}", step.text(".error-summary"));
    drop(service);

    let _service =
        FakeRoutes::install(&[("/api/v1/login", 422, r#"{"errors":{"password":[{"code":"login.password_required","message":"server words"}]}}"#, None)]);
    step.press_next().await;
    step.until("the field error shows", |s| !s.error("password").is_empty()).await;
    assert_eq!(step.error("password"), "Błąd: Wpisz hasło");
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.error("password"), "Error: Enter your password");
}

#[wasm_bindgen_test]
async fn the_sign_in_code_takes_a_pasted_123_456_and_a_wrong_one_tells_the_tries_left() {
    let service = FakeRoutes::install(&[(
        "/api/v1/login/sms-code",
        422,
        r#"{"errors":{"code":[{"code":"sms_code.wrong","message":"server words"}]},"tries_left":2}"#,
        None,
    )]);
    let step = mount(|| view! { <app::pages::LoginCodePage /> }.into_any());
    let input = step.input("code");
    assert_eq!(input.get_attribute("autocomplete").as_deref(), Some("one-time-code"));
    assert_eq!(input.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(step.text("h1"), "Wpisz kod z SMS-a");
    step.type_into("code", "123 456").await;
    step.leave("code").await;
    assert_eq!(step.error("code"), "", "a pasted code with a space is a valid code");
    step.press_next().await;
    step.until("the refusal shows", |s| !s.error("code").is_empty()).await;
    assert_eq!(service.bodies(), [r#"{"code":"123456"}"#]);
    assert_eq!(step.error("code"), "Błąd: Kod jest niepoprawny. Sprawdź SMS i wpisz kod ponownie");
    assert_eq!(step.text(".tries-left"), "Pozostałe próby: 2");
    step.type_into("code", "12 34").await;
    step.press_next().await;
    assert_eq!(step.error("code"), "Błąd: Kod z SMS-a ma 6 cyfr");
}

#[wasm_bindgen_test]
async fn the_registrations_code_step_says_dalej_and_the_sign_ins_says_potwierdz() {
    // Seed 000 ends the registration with "Dalej"; seed 004 confirms a sign-in with "Potwierdź".
    let step = mount(|| {
        app::state::use_wizard().registration_id.set(Some("r-1".into()));
        view! { <app::pages::SmsCodePage /> }.into_any()
    });
    assert_eq!(step.text("h1"), "Wpisz kod z SMS-a");
    assert_eq!(step.text("button[type=submit]"), "Dalej");
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("button[type=submit]"), "Next");
    step.root.remove();

    let step = mount(|| view! { <app::pages::LoginCodePage /> }.into_any());
    assert_eq!(step.text("button[type=submit]"), "Potwierdź");
    step.root.remove();
}

#[wasm_bindgen_test]
async fn no_sign_in_waiting_sends_the_citizen_back_to_the_login_page() {
    let _service = FakeRoutes::install(&[("/api/v1/login/sms-code", 409, r#"{"error":{"code":"login.not_pending","message":"server words"}}"#, None)]);
    let step = mount(|| view! { <app::pages::LoginCodePage /> }.into_any());
    step.type_into("code", "123456").await;
    step.press_next().await;
    step.until("the page says so", |s| s.root.query_selector("a[href^='/logowanie']").unwrap().is_some()).await;
    assert!(step.text(".narrow").contains("W tej przeglądarce nie ma logowania czekającego na potwierdzenie"));
    assert_eq!(step.text("a[href^='/logowanie']"), "Zaloguj się ponownie");
}

/// A session of Jan Kowalski ending in `expires_in` seconds, warned `warn_before` seconds ahead.
fn session_info(expires_in: i64, warn_before: i64) -> shared::api::SessionInfo {
    use shared::api::{Authorisation, Citizen, RegistrationState};
    use shared::rules::confirmation::{ConfirmationMethod, ProfileKind};
    let now = (js_sys::Date::now() / 1000.0) as i64;
    shared::api::SessionInfo {
        citizen: Some(Citizen {
            username: "jan_kowalski".into(),
            first_name: "Jan".into(),
            surname: "Kowalski".into(),
            authorisation: Authorisation::Sms,
            registration: RegistrationState::Confirmed,
            application_number: Some("PZ-1".into()),
            confirmation_method: ConfirmationMethod::EId,
            profile_kind: ProfileKind::Ordinary,
            profile_valid_until: shared::date::Date::new(2029, 11, 25),
        }),
        pending: None,
        expires_in: Some(expires_in),
        warn_before,
        idle_timeout: 900,
        now,
        today: shared::date::warsaw_date(now),
    }
}

#[wasm_bindgen_test]
async fn the_timeout_warning_takes_focus_and_extending_closes_it() {
    let extended = serde_json::to_string(&session_info(900, 120)).unwrap();
    let service = FakeRoutes::install(&[("/api/v1/session/extend", 200, &extended, None)]);
    let step = mount(|| {
        app::session::use_session().apply(session_info(3, 2));
        view! { <app::components::session_timeout::SessionTimeout /> }.into_any()
    });
    let dialog: web_sys::HtmlDialogElement = step.find("dialog");
    assert!(!dialog.open(), "no warning before its time");
    step.until("the warning opens", |_| dialog.open()).await;
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("alertdialog"));
    assert_eq!(step.text(&format!("#{}", dialog.get_attribute("aria-labelledby").unwrap())), "Twoja sesja wkrótce wygaśnie");
    assert!(step.text(&format!("#{}", dialog.get_attribute("aria-describedby").unwrap())).contains("Czy chcesz przedłużyć sesję?"));
    step.until("focus moves into the dialog", |_| document().active_element().map(|e| e.id()).as_deref() == Some("extend-session")).await;
    assert_eq!(step.text("#extend-session"), "Przedłuż sesję");
    assert_eq!(step.text("#timeout-sign-out"), "Wyloguj");
    assert!(step.text("[role=timer]").starts_with("Pozostały czas: 0:0"), "{}", step.text("[role=timer]"));
    step.find::<HtmlElement>("#extend-session").click();
    step.until("the extended session closes the warning", |_| !dialog.open()).await;
    assert_eq!(service.bodies(), [""], "one extension asked for");
}

#[wasm_bindgen_test]
async fn the_citizens_name_opens_a_menu_that_esc_closes_back_onto_the_button() {
    let step = mount(|| {
        app::session::use_session().apply(session_info(900, 120));
        view! { <app::components::account_menu::AccountMenu /> }.into_any()
    });
    leptos::task::tick().await;
    let button: HtmlElement = step.find("#account-menu-button");
    assert_eq!(button.text_content().as_deref(), Some("Jan Kowalski"));
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(step.find::<HtmlElement>("#account-menu").hidden());
    button.click();
    leptos::task::tick().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(!step.find::<HtmlElement>("#account-menu").hidden());
    assert_eq!(step.text("#account-menu a[href='/konto']"), "Moje konto");
    assert_eq!(step.text("#account-menu-profile"), "Profil zaufany");
    assert_eq!(step.text("#account-menu ul[aria-labelledby=account-menu-profile] a[href='/konto/profil-zaufany']"), "Szczegóły profilu");
    assert_eq!(step.text("#account-menu button"), "Wyloguj");
    step.find::<HtmlElement>("#account-menu a").focus().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().active_element().unwrap().dispatch_event(&escape).unwrap();
    leptos::task::tick().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(step.find::<HtmlElement>("#account-menu").hidden());
    assert_eq!(document().active_element().unwrap().id(), "account-menu-button");
}

#[wasm_bindgen_test]
async fn the_account_greets_the_citizen_and_says_until_when_the_profile_is_valid_in_words() {
    let info = session_info(900, 120);
    let citizen = serde_json::to_string(info.citizen.as_ref().unwrap()).unwrap();
    let session = serde_json::to_string(&info).unwrap();
    let _service = FakeRoutes::install(&[("/api/v1/me", 200, &citizen, None), ("/api/v1/session", 200, &session, None)]);
    let step = mount(|| view! { <app::pages::MyAccountPage /> }.into_any());
    step.until("the account shows", |s| s.root.query_selector("#profile-state").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Dzień dobry, Jan Kowalski");
    let days = shared::date::Date::new(2029, 11, 25).unwrap().days_since_epoch() - info.today.days_since_epoch();
    assert_eq!(step.text("#profile-state"), format!("Twój profil zaufany jest ważny do 25 listopada 2029 r. (jeszcze {days} dni)."));
    assert_eq!(step.find::<HtmlElement>("#profile-action").get_attribute("href").as_deref(), Some(paths::EXTENSION_PATH));
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("#profile-state"), format!("Your trusted profile is valid until 25 November 2029 ({days} more days)."));
    assert_eq!(step.text("#profile-action"), "Extend validity or change details");
    assert_eq!(step.text("#sign-out"), "Sign out");
}

/// The session of Jan Kowalski whose `kind` of profile has its last day `days_left` from today.
fn session_ending_in(days_left: i64, kind: shared::rules::confirmation::ProfileKind) -> shared::api::SessionInfo {
    let mut info = session_info(900, 120);
    let citizen = info.citizen.as_mut().unwrap();
    citizen.profile_valid_until = Some(info.today.add_days(days_left));
    citizen.profile_kind = kind;
    info
}

#[wasm_bindgen_test]
async fn a_profile_ten_days_from_its_end_shows_the_notice_with_the_date_and_one_button() {
    use shared::rules::confirmation::ProfileKind;
    let info = session_ending_in(10, ProfileKind::Ordinary);
    let until = shared::i18n::long_date(info.today.add_days(10), Lang::Pl);
    let step = mount(move || {
        app::session::use_session().apply(info);
        view! { <app::components::expiry_notice::ExpiryNotice /> }.into_any()
    });
    leptos::task::tick().await;
    assert_eq!(
        step.text("#expiry-notice-text"),
        format!("Twój profil zaufany jest ważny do {until} (jeszcze 10 dni). Przedłuż go w kilka minut, by dalej logować się do e-usług.")
    );
    assert_eq!(step.text("#expiry-notice-action"), "Przedłuż ważność");
    assert_eq!(step.find::<HtmlElement>("#expiry-notice-action").get_attribute("href").as_deref(), Some(paths::EXTENSION_PATH));
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert!(step.text("#expiry-notice-text").ends_with("(10 more days). Extend it in a few minutes to keep signing in to e-services."));
    assert_eq!(step.text("#expiry-notice-action"), "Extend validity");
}

#[wasm_bindgen_test]
async fn no_notice_far_from_the_end_and_an_expired_profile_offers_a_new_one() {
    use shared::rules::confirmation::ProfileKind;
    let far = session_ending_in(61, ProfileKind::Ordinary);
    let step = mount(move || {
        app::session::use_session().apply(far);
        view! { <app::components::expiry_notice::ExpiryNotice /> }.into_any()
    });
    leptos::task::tick().await;
    assert!(step.root.query_selector("#expiry-notice-text").unwrap().is_none(), "61 days before: no notice");
    let expired = session_ending_in(-1, ProfileKind::Ordinary);
    let today = shared::i18n::long_date(expired.today, Lang::Pl);
    let step = mount(move || {
        app::session::use_session().apply(expired);
        view! { <app::components::expiry_notice::ExpiryNotice /> }.into_any()
    });
    leptos::task::tick().await;
    assert_eq!(step.text("#expiry-notice-text"), format!("Twój profil zaufany wygasł {today} Twoje konto zostało zachowane: załóż nowy profil zaufany."));
    assert_eq!(step.find::<HtmlElement>("#expiry-notice-action").get_attribute("href").as_deref(), Some(paths::NEW_PROFILE_PATH));
}

#[wasm_bindgen_test]
async fn the_extension_sends_the_contact_details_then_both_codes_and_a_wrong_one_shows_at_its_field() {
    let (citizen, session) = signed_in_routes();
    let start = r#"{"email":"jan@example.pl","phone":"600 100 004","valid_until":"2026-12-10","extended_until":"2029-11-30"}"#;
    let sent = r#"{"phone":"+48 *** *** 004","email":"j***@example.pl","expires_in":300,"resend_available_in":60}"#;
    let _service = FakeRoutes::install(&[
        ("/api/v1/me", 200, &citizen, None),
        ("/api/v1/session", 200, &session, None),
        ("/api/v1/me/profile/extension", 200, start, None),
    ]);
    let step = mount(|| view! { <app::pages::ExtensionPage /> }.into_any());
    step.until("the contact details show", |s| s.root.query_selector("#email").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Przedłuż ważność lub zmień dane");
    assert_eq!(step.input("email").value(), "jan@example.pl");
    assert_eq!(step.input("phone").value(), "600 100 004");
    assert_eq!(step.text("#extended-until"), "Po przedłużeniu profil będzie ważny do 30 listopada 2029 r.");
    drop(_service);
    let wrong = r#"{"errors":{"email_code":[{"code":"email_code.wrong","message":"server words"}]},"tries_left":{"email_code":2}}"#;
    let service = FakeRoutes::install(&[("/api/v1/me/profile/extension", 200, sent, None), ("/api/v1/me/profile/extension/codes", 422, wrong, None)]);
    step.press_next().await;
    step.until("the codes show", |s| s.root.query_selector("#email_code").unwrap().is_some()).await;
    assert_eq!(service.bodies()[0], r#"{"email":"jan@example.pl","phone":"600 100 004"}"#);
    assert_eq!(step.text("h1"), "Wpisz kody z SMS-a i z e-maila");
    assert!(step.text(".lead").contains("+48 *** *** 004") && step.text(".lead").contains("j***@example.pl"));
    step.type_into("code", "123 456").await;
    step.type_into("email_code", "000000").await;
    step.press_next().await;
    step.until("the e-mail code is refused", |s| {
        s.root.query_selector("#email_code-error").unwrap().is_some_and(|e| !e.text_content().unwrap_or_default().is_empty())
    })
    .await;
    assert_eq!(service.bodies()[1], r#"{"code":"123456","email_code":"000000"}"#);
    assert_eq!(step.text("#email_code-error"), "Błąd: Kod z e-maila jest niepoprawny. Sprawdź e-mail i wpisz kod ponownie");
    assert_eq!(step.text("#email_code-tries-left"), "Pozostałe próby: 2");
    assert_eq!(step.text("#code-tries-left"), "");
}

// The account: the profile's details, the change of authorisation method, recovery.

/// The routes a signed-in page asks first: who is signed in, and the session.
fn signed_in_routes() -> (String, String) {
    let info = session_info(900, 120);
    (serde_json::to_string(info.citizen.as_ref().unwrap()).unwrap(), serde_json::to_string(&info).unwrap())
}

/// Details like the fixture citizens': Jan Kowalski with `confirmation` and `profile`.
fn profile_details(
    confirmation: shared::rules::confirmation::Confirmation,
    profile: Option<shared::api::ProfileFacts>,
    registration: shared::api::RegistrationState,
) -> String {
    use shared::api::{Authorisation, ProfileDetails};
    serde_json::to_string(&ProfileDetails {
        username: "jan_kowalski".into(),
        first_name: "Jan".into(),
        second_name: None,
        surname: "Kowalski".into(),
        pesel: "*******1359".into(),
        email: "jan_kowalski@example.pl".into(),
        email_verified: true,
        phone: "+48 *** *** 004".into(),
        authorisation: Authorisation::Sms,
        registration,
        application_number: Some("PZ-2026-000003".into()),
        confirmation,
        applied_on: shared::date::Date::new(2026, 11, 2).unwrap(),
        profile,
    })
    .unwrap()
}

fn mount_profile(details: &str) -> (Step, FakeRoutes) {
    let (citizen, session) = signed_in_routes();
    let service =
        FakeRoutes::install(&[("/api/v1/me", 200, &citizen, None), ("/api/v1/session", 200, &session, None), ("/api/v1/me/profile", 200, details, None)]);
    let step = mount(|| view! { <app::pages::ProfilePage /> }.into_any());
    (step, service)
}

#[wasm_bindgen_test]
async fn the_profile_shows_the_masked_pesel_the_polish_date_and_the_provider_it_was_created_by() {
    use shared::api::{ProfileFacts, RegistrationState};
    use shared::rules::confirmation::{Confirmation, ProfileKind};
    let date = |y, m, d| shared::date::Date::new(y, m, d).unwrap();
    let facts = ProfileFacts { kind: ProfileKind::Ordinary, confirmed_on: date(2026, 11, 25), valid_until: date(2029, 11, 25), extended_on: None };
    let (step, _service) = mount_profile(&profile_details(Confirmation::Bank { provider: "envelo".into() }, Some(facts), RegistrationState::Confirmed));
    step.until("the details show", |s| s.root.query_selector("#profile-pesel").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Szczegóły profilu");
    assert_eq!(step.text("#profile-username"), "jan_kowalski");
    assert_eq!(step.text("#profile-pesel"), "*******1359");
    assert_eq!(step.text("#profile-phone"), "+48 *** *** 004");
    assert!(step.root.query_selector("#profile-second-name").unwrap().is_none(), "no second name, no line");
    assert_eq!(step.text("#profile-kind"), "Zwykły");
    assert_eq!(step.text("#profile-valid-until"), "25 listopada 2029 r.");
    assert_eq!(step.text("#profile-created-by"), "Przez bank lub innego dostawcę: Envelo (Poczta Polska)");
    assert_eq!(step.text("#profile-confirmed-on"), "25 listopada 2026 r.");
    assert_eq!(step.text("#profile-authorisation"), "Kod SMS");
    assert_eq!(step.find::<HtmlElement>("#change-method").get_attribute("href").as_deref(), Some(paths::METHOD_PATH));
    assert!(step.root.query_selector("#next-step").unwrap().is_none());
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("#profile-valid-until"), "25 November 2029");
    assert_eq!(step.text("#profile-created-by"), "Through a bank or another provider: Envelo (Poczta Polska)");
}

#[wasm_bindgen_test]
async fn an_expired_profile_says_the_day_it_expired() {
    use shared::api::{ProfileFacts, RegistrationState};
    use shared::rules::confirmation::{Confirmation, ProfileKind};
    let date = |y, m, d| shared::date::Date::new(y, m, d).unwrap();
    let facts = ProfileFacts { kind: ProfileKind::Ordinary, confirmed_on: date(2020, 10, 30), valid_until: date(2023, 10, 30), extended_on: None };
    let way = Confirmation::InPerson { point: "us-gdansk".into() };
    let (step, _service) = mount_profile(&profile_details(way, Some(facts), RegistrationState::Confirmed));
    step.until("the details show", |s| s.root.query_selector("#profile-valid-until").unwrap().is_some()).await;
    assert_eq!(step.text("#profile-valid-until"), "Wygasł 31 października 2023 r.");
    assert_eq!(step.text("#profile-created-by"), "W punkcie potwierdzającym: Pierwszy Urząd Skarbowy w Gdańsku");
}

#[wasm_bindgen_test]
async fn an_application_awaiting_a_visit_shows_its_number_and_what_happens_next_instead_of_a_validity() {
    use shared::api::RegistrationState;
    use shared::rules::confirmation::Confirmation;
    let way = Confirmation::InPerson { point: "zus-krakow".into() };
    let (step, _service) = mount_profile(&profile_details(way, None, RegistrationState::AwaitingIdentity));
    step.until("the details show", |s| s.root.query_selector("#application-number").unwrap().is_some()).await;
    assert_eq!(step.text("#application-state"), "Czeka na potwierdzenie tożsamości");
    assert_eq!(step.text("#application-number"), "PZ-2026-000003");
    assert_eq!(step.text("#application-way"), "W punkcie potwierdzającym: ZUS Oddział w Krakowie");
    assert_eq!(step.text("#application-applied-on"), "2 listopada 2026 r.");
    assert!(step.text("#next-step").contains("W ciągu 14 dni przyjdź z dowodem osobistym"), "{}", step.text("#next-step"));
    assert!(step.root.query_selector("#profile-valid-until").unwrap().is_none());
}

fn mount_method_change(routes: &[(&str, u16, &str, Option<u32>)]) -> (Step, FakeRoutes) {
    let (citizen, session) = signed_in_routes();
    let mut all = vec![("/api/v1/me", 200, citizen.as_str(), None), ("/api/v1/session", 200, session.as_str(), None)];
    all.extend_from_slice(routes);
    let service = FakeRoutes::install(&all);
    let step = mount(|| view! { <app::pages::MethodChangePage /> }.into_any());
    (step, service)
}

#[wasm_bindgen_test]
async fn the_current_method_is_checked_and_marked_and_choosing_it_again_is_an_error_at_the_field_and_in_the_summary() {
    let (step, service) = mount_method_change(&[]);
    step.until("the choice shows", |s| s.root.query_selector("#method-sms").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Zmień metodę autoryzacji");
    assert_eq!(step.text("label[for=method-sms]"), "Kod SMS (obecna metoda)");
    assert_eq!(step.text("label[for=method-push]"), "Powiadomienie push w aplikacji mObywatel");
    assert!(step.input("method-sms").checked() && !step.input("method-push").checked());
    assert_eq!(step.text("#method-hint"), "W każdej chwili możesz wrócić do potwierdzania logowania przez SMS z kodem.");
    step.press_next().await;
    assert_eq!(step.text("#method-error"), "Błąd: Wybierz metodę inną niż obecna");
    assert_eq!(step.summary_links(), [("#method-sms".to_owned(), "Wybierz metodę inną niż obecna".to_owned())]);
    assert!(service.bodies().iter().all(|b| b.is_empty()), "nothing is sent: {:?}", service.bodies());
    step.find::<HtmlElement>("#method-push").click();
    leptos::task::tick().await;
    assert_eq!(step.text("#method-error"), "");
}

#[wasm_bindgen_test]
async fn choosing_push_sends_it_and_shows_the_check_number_to_compare_in_mobywatel() {
    let sent = r#"{"method":"push","phone":"+48 *** *** 004","check_number":"42","expires_in":120,"resend_available_in":0}"#;
    let pending = r#"{"state":"pending","check_number":"42","expires_in":118}"#;
    let (step, service) = mount_method_change(&[("/api/v1/me/authorisation", 200, sent, None), ("/api/v1/me/authorisation/push", 200, pending, None)]);
    step.until("the choice shows", |s| s.root.query_selector("#method-push").unwrap().is_some()).await;
    step.find::<HtmlElement>("#method-push").click();
    leptos::task::tick().await;
    step.press_next().await;
    step.until("the push step shows", |s| s.root.query_selector("#check-number").unwrap().is_some()).await;
    assert!(service.bodies().contains(&r#"{"method":"push"}"#.to_owned()), "{:?}", service.bodies());
    assert_eq!(step.text("h1"), "Potwierdź zmianę w aplikacji mObywatel");
    assert_eq!(step.text("#check-number"), "42");
}

#[wasm_bindgen_test]
async fn a_change_without_a_recent_second_factor_asks_to_confirm_it_is_you_with_the_current_method_first() {
    let required = r#"{"error":{"code":"authorisation.confirmation_required","message":"server words"}}"#;
    let sent = r#"{"method":"sms","phone":"+48 *** *** 004","check_number":null,"expires_in":300,"resend_available_in":60}"#;
    let (step, _service) = mount_method_change(&[("/api/v1/me/authorisation", 403, required, None), ("/api/v1/session/confirmation", 200, sent, None)]);
    step.until("the choice shows", |s| s.root.query_selector("#method-push").unwrap().is_some()).await;
    step.find::<HtmlElement>("#method-push").click();
    leptos::task::tick().await;
    step.press_next().await;
    step.until("the confirmation step shows", |s| s.root.query_selector("#code").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Potwierdź, że to Ty");
    assert!(step.text("form .lead").contains("+48 *** *** 004"), "{}", step.text("form .lead"));
    assert_eq!(step.text("button[type=submit]"), "Potwierdź");
}

/// Mounts the new password page for the link `#token`, whose check answers `status` and `body`.
async fn mount_new_password(status: u16, body: &str) -> (Step, FakeRoutes) {
    window().location().set_hash("tok123").unwrap();
    let service = FakeRoutes::install(&[("/api/v1/recovery/password/tok123", status, body, None)]);
    let step = mount(|| view! { <app::pages::NewPasswordPage /> }.into_any());
    step.until("the link is checked", |s| s.root.query_selector("h1").unwrap().is_some()).await;
    window().location().set_hash("").unwrap();
    (step, service)
}

#[wasm_bindgen_test]
async fn the_new_password_ticks_the_rules_as_they_are_met_and_a_different_repeat_is_an_error() {
    let (step, _service) = mount_new_password(200, r#"{"expires_in":1700}"#).await;
    assert_eq!(step.text("h1"), "Wpisz nowe hasło");
    assert_eq!(step.text("label[for=password]"), "Nowe hasło");
    assert_eq!(step.text("label[for=password_repeat]"), "Powtórz hasło");
    let met = |step: &Step| step.root.query_selector_all("#password-rules .rules__item--met").unwrap().length();
    assert_eq!(met(&step), 0);
    step.type_into("password", "tajne").await;
    assert_eq!(met(&step), 1, "only the lower-case letter");
    step.type_into("password", "Tajne#Haslo1").await;
    assert_eq!(met(&step), 4);
    step.type_into("password_repeat", "Tajne#Haslo2").await;
    step.leave("password_repeat").await;
    assert!(step.error("password_repeat").contains("Hasła nie są takie same"), "{}", step.error("password_repeat"));
    assert_eq!(step.text("button[type=submit]"), "Zapisz");
    step.press_next().await;
    assert_eq!(step.summary_links().len(), 1);
}

#[wasm_bindgen_test]
async fn a_used_reset_link_is_said_plainly_with_the_way_to_ask_again() {
    let (step, _service) = mount_new_password(410, r#"{"error":{"code":"reset.used","message":"server words"}}"#).await;
    assert_eq!(step.text("h1"), "Link do zmiany hasła został już użyty");
    assert_eq!(step.find::<HtmlElement>("#ask-again").get_attribute("href").as_deref(), Some(paths::FORGOT_PASSWORD_PATH));
}

#[wasm_bindgen_test]
async fn the_username_reminder_checks_the_address_as_typed_and_then_says_the_same_whatever_the_service_knows() {
    let service = FakeRoutes::install(&[("/api/v1/recovery/username", 202, "", None)]);
    let step = mount(|| view! { <app::pages::ForgotUsernamePage /> }.into_any());
    assert_eq!(step.text("h1"), "Nie pamiętam nazwy użytkownika");
    assert_eq!(step.text("label[for=email]"), "Adres e-mail");
    assert_eq!(step.text("button[type=submit]"), "Przypomnij");
    step.type_into("email", "jan@").await;
    step.leave("email").await;
    let format = "Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl";
    assert_eq!(step.error("email"), format!("Błąd: {format}"));
    step.press_next().await;
    assert_eq!(step.summary_links(), [("#email".to_owned(), format.to_owned())]);
    assert!(service.bodies().is_empty(), "nothing is sent while the address is wrong");
    step.type_into("email", " jan@example.pl ").await;
    step.press_next().await;
    step.until("the confirmation shows", |s| s.root.query_selector("#email-sent").unwrap().is_some()).await;
    assert_eq!(service.bodies(), [r#"{"email":"jan@example.pl"}"#]);
    assert_eq!(step.text("h1"), "Sprawdź skrzynkę e-mail");
    assert_eq!(step.text("#email-sent"), "Jeśli konto z tym adresem e-mail istnieje, wysłaliśmy na nie nazwę użytkownika.");
    assert_eq!(step.find::<HtmlElement>("#go-to-login").get_attribute("href").as_deref(), Some(paths::LOGIN_PATH));
}

#[wasm_bindgen_test]
async fn a_sign_in_within_the_minute_of_the_last_code_says_how_long_to_wait_in_both_languages() {
    let too_soon = r#"{"error":{"code":"sms_code.resend_too_soon","message":"server words"}}"#;
    let _service = FakeRoutes::install(&[("/api/v1/login", 429, too_soon, Some(42))]);
    let step = mount_login();
    step.type_into("login", "dariusz_kaminski").await;
    step.type_into("password", "Haslo#Testowe1").await;
    step.press_next().await;
    step.until("the refusal shows", |s| !s.summary_links().is_empty()).await;
    assert_eq!(step.summary_links(), [("#login".to_owned(), "Kod wysłaliśmy przed chwilą. Nowy możesz dostać za 42 s".to_owned())]);
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.summary_links(), [("#login".to_owned(), "We sent a code a moment ago. You can get a new one in 42 s".to_owned())]);
}

fn mount_password_change(routes: &[(&str, u16, &str, Option<u32>)]) -> (Step, FakeRoutes) {
    let (citizen, session) = signed_in_routes();
    let mut all = vec![("/api/v1/me", 200, citizen.as_str(), None), ("/api/v1/session", 200, session.as_str(), None)];
    all.extend_from_slice(routes);
    let service = FakeRoutes::install(&all);
    let step = mount(|| view! { <app::pages::PasswordChangePage /> }.into_any());
    (step, service)
}

impl Step {
    async fn fill_password_change(&self, current: &str, new: &str, repeat: &str) {
        self.until("the form shows", |s| s.root.query_selector("#current_password").unwrap().is_some()).await;
        self.type_into("current_password", current).await;
        self.type_into("password", new).await;
        self.type_into("password_repeat", repeat).await;
    }
}

#[wasm_bindgen_test]
async fn changing_the_password_asks_the_current_one_and_refuses_a_common_new_one_before_sending() {
    let (step, service) = mount_password_change(&[]);
    step.until("the form shows", |s| s.root.query_selector("#current_password").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Zmień hasło");
    assert_eq!(step.text("label[for=current_password]"), "Obecne hasło");
    assert_eq!(step.text("label[for=password]"), "Nowe hasło");
    assert_eq!(step.text("label[for=password_repeat]"), "Powtórz nowe hasło");
    assert_eq!(step.input("current_password").get_attribute("autocomplete").as_deref(), Some("current-password"));
    assert_eq!(step.input("password").get_attribute("autocomplete").as_deref(), Some("new-password"));
    assert!(step.root.query_selector("#password-rules").unwrap().is_some(), "the rules tick under the new password");
    step.press_next().await;
    assert_eq!(step.error("current_password"), "Błąd: Wpisz hasło");
    step.fill_password_change("Haslo#Testowe1", "Haslo123!", "Haslo123!").await;
    step.leave("password").await;
    assert!(step.error("password").contains("To hasło jest zbyt popularne"), "{}", step.error("password"));
    step.press_next().await;
    assert!(service.bodies().iter().all(|b| b.is_empty()), "nothing is sent: {:?}", service.bodies());
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert!(step.error("password").contains("This password is too common"), "{}", step.error("password"));
    step.type_into("password", "Haslo#Testowe1").await;
    step.type_into("password_repeat", "Haslo#Testowe1").await;
    step.leave("password").await;
    assert_eq!(step.error("password"), "Error: The new password must differ from the current one");
}

#[wasm_bindgen_test]
async fn a_wrong_current_password_shows_at_its_field_in_the_language_shown() {
    let wrong = r#"{"errors":{"current_password":[{"code":"password.current_wrong","message":"server words"}]}}"#;
    let (step, service) = mount_password_change(&[("/api/v1/me/password", 422, wrong, None)]);
    step.fill_password_change("Zle#Haslo123", "Nowe#Haslo12", "Nowe#Haslo12").await;
    step.press_next().await;
    step.until("the refusal shows", |s| !s.error("current_password").is_empty()).await;
    assert_eq!(step.error("current_password"), "Błąd: Obecne hasło jest niepoprawne. Sprawdź je i wpisz ponownie");
    assert!(service.bodies().contains(&r#"{"current_password":"Zle#Haslo123","password":"Nowe#Haslo12","password_repeat":"Nowe#Haslo12"}"#.to_owned()));
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.error("current_password"), "Error: The current password is not correct. Check it and type it again");
}

#[wasm_bindgen_test]
async fn a_password_change_without_a_recent_second_factor_confirms_it_is_you_first() {
    let required = r#"{"error":{"code":"authorisation.confirmation_required","message":"server words"}}"#;
    let sent = r#"{"method":"sms","phone":"+48 *** *** 004","check_number":null,"expires_in":300,"resend_available_in":60}"#;
    let (step, _service) = mount_password_change(&[("/api/v1/me/password", 403, required, None), ("/api/v1/session/confirmation", 200, sent, None)]);
    step.fill_password_change("Haslo#Testowe1", "Nowe#Haslo12", "Nowe#Haslo12").await;
    step.press_next().await;
    step.until("the confirmation step shows", |s| s.root.query_selector("#code").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Potwierdź, że to Ty");
    assert!(step.text(".caption").contains("Zmień hasło"), "{}", step.text(".caption"));
}

#[wasm_bindgen_test]
async fn the_password_is_changed_and_the_page_says_the_other_sessions_ended() {
    let (step, _service) = mount_password_change(&[("/api/v1/me/password", 204, "", None)]);
    step.fill_password_change("Haslo#Testowe1", "Nowe#Haslo12", "Nowe#Haslo12").await;
    step.press_next().await;
    step.until("the change is done", |s| s.root.query_selector("#password-changed").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Hasło zostało zmienione");
    assert!(step.text("#password-changed").contains("na innych urządzeniach"), "{}", step.text("#password-changed"));
}

#[wasm_bindgen_test]
async fn the_account_lists_the_sessions_this_device_marked_in_polish_time() {
    let (citizen, session) = signed_in_routes();
    // 2026-11-25 13:05 UTC is 14:05 in Poland (winter time); 2026-07-01 10:00 UTC is 12:00 (summer).
    let sessions = r#"{"sessions":[{"current":true,"device":"Chromium on Linux","signed_in_at":1795611900,"last_seen":1795611900},{"current":false,"device":"","signed_in_at":1782900000,"last_seen":1782900000}]}"#;
    let _service =
        FakeRoutes::install(&[("/api/v1/me", 200, &citizen, None), ("/api/v1/session", 200, &session, None), ("/api/v1/me/sessions", 200, sessions, None)]);
    let step = mount(|| view! { <app::pages::MyAccountPage /> }.into_any());
    step.until("the sessions show", |s| s.root.query_selector("#session-1").unwrap().is_some()).await;
    assert_eq!(step.text("#sessions-heading"), "Twoje sesje");
    assert_eq!(step.text("#session-0 h3"), "Chromium on Linux (to urządzenie)");
    assert!(step.text("#session-0").contains("25 listopada 2026 r., 14:05"), "{}", step.text("#session-0"));
    assert_eq!(step.text("#session-1 h3"), "Nieznana przeglądarka");
    assert!(step.text("#session-1").contains("1 lipca 2026 r., 12:00"), "{}", step.text("#session-1"));
    assert_eq!(step.text("#sign-out-everywhere"), "Wyloguj ze wszystkich urządzeń");
    assert_eq!(step.find::<HtmlElement>("#change-password").get_attribute("href").as_deref(), Some("/konto/zmiana-hasla"));
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("#session-0 h3"), "Chromium on Linux (this device)");
    assert!(step.text("#session-0").contains("25 November 2026, 14:05"), "{}", step.text("#session-0"));
}

#[wasm_bindgen_test]
async fn an_unconfirmed_address_is_marked_with_why_and_the_way_to_confirm_it() {
    use shared::api::RegistrationState;
    use shared::rules::confirmation::Confirmation;
    let details =
        profile_details(Confirmation::EId {}, None, RegistrationState::AwaitingIdentity).replace(r#""email_verified":true"#, r#""email_verified":false"#);
    let (step, _service) = mount_profile(&details);
    step.until("the details show", |s| s.root.query_selector("#profile-email").unwrap().is_some()).await;
    assert_eq!(step.text("#profile-email"), "jan_kowalski@example.pl (niepotwierdzony)");
    assert!(step.text("#email-unverified-why").contains("nie zalogujesz się"), "{}", step.text("#email-unverified-why"));
    assert_eq!(step.find::<HtmlElement>("#confirm-email").get_attribute("href").as_deref(), Some("/konto/potwierdzenie-e-maila"));
    assert_eq!(step.text("#confirm-email"), "Potwierdź adres e-mail");
}

#[wasm_bindgen_test]
async fn a_confirmed_address_has_no_mark_and_no_button() {
    use shared::api::RegistrationState;
    use shared::rules::confirmation::Confirmation;
    let (step, _service) = mount_profile(&profile_details(Confirmation::EId {}, None, RegistrationState::AwaitingIdentity));
    step.until("the details show", |s| s.root.query_selector("#profile-email").unwrap().is_some()).await;
    assert_eq!(step.text("#profile-email"), "jan_kowalski@example.pl");
    assert!(step.root.query_selector("#confirm-email").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_wrong_e_mail_code_is_worded_as_the_e_mail_s_and_the_right_one_confirms_the_address() {
    let (citizen, session) = signed_in_routes();
    let wrong = r#"{"errors":{"code":[{"code":"sms_code.wrong","message":"server words"}]},"tries_left":2}"#;
    let _service = FakeRoutes::install(&[
        ("/api/v1/me", 200, &citizen, None),
        ("/api/v1/session", 200, &session, None),
        ("/api/v1/me/email/verification", 200, r#"{"resend_available_in":60}"#, None),
        ("/api/v1/me/email/verification/code", 422, wrong, None),
    ]);
    let step = mount(|| view! { <app::pages::EmailVerificationPage /> }.into_any());
    step.until("the code field shows", |s| s.root.query_selector("#email_code").unwrap().is_some()).await;
    assert_eq!(step.text("h1"), "Wpisz kod z e-maila");
    assert_eq!(step.text("label[for=email_code]"), "Kod z e-maila");
    step.type_into("email_code", "123 456").await;
    step.press_next().await;
    step.until("the refusal shows", |s| !s.error("email_code").is_empty()).await;
    assert!(step.error("email_code").contains("Kod z e-maila jest niepoprawny"), "{}", step.error("email_code"));
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert!(step.error("email_code").contains("The code from the e-mail is not correct"), "{}", step.error("email_code"));
}

#[wasm_bindgen_test]
async fn an_address_confirmed_meanwhile_says_so_instead_of_a_code_field() {
    let (citizen, session) = signed_in_routes();
    let verified = r#"{"error":{"code":"email.verified","message":"server words"}}"#;
    let _service = FakeRoutes::install(&[
        ("/api/v1/me", 200, &citizen, None),
        ("/api/v1/session", 200, &session, None),
        ("/api/v1/me/email/verification", 409, verified, None),
    ]);
    let step = mount(|| view! { <app::pages::EmailVerificationPage /> }.into_any());
    step.until("the refusal shows", |s| s.root.query_selector("#email-not-sent").unwrap().is_some()).await;
    assert_eq!(step.text("#email-not-sent"), "Ten adres e-mail jest już potwierdzony");
}
