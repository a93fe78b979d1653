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
    use shared::rules::confirmation::{Confirmation, ProfileKind};
    let now = (js_sys::Date::now() / 1000.0) as i64;
    shared::api::SessionInfo {
        citizen: Some(Citizen {
            username: "jan_kowalski".into(),
            first_name: "Jan".into(),
            surname: "Kowalski".into(),
            authorisation: Authorisation::Sms,
            registration: RegistrationState::Confirmed,
            application_number: Some("PZ-1".into()),
            confirmation: Confirmation::EId {},
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
    assert_eq!(step.text("#profile-state"), "Twój profil zaufany jest ważny do 25 listopada 2029 r.");
    step.locale.0.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(step.text("#profile-state"), "Your trusted profile is valid until 25 November 2029.");
    assert_eq!(step.text("#sign-out"), "Sign out");
}
