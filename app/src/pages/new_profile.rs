//! "Załóż nowy profil zaufany", after the old one expired or instead of a temporary one: the two
//! ways, "przez bank lub innego dostawcę" (then the bank or Envelo) and "e-dowodem" (then what to
//! have ready); the browser goes to the provider, which sends the citizen back to the last page:
//! the new profile active, with its date.

use crate::api::{self, Refused};
use crate::components::error_summary::SummaryEntry;
use crate::components::field::{Caption, Choice, ChoiceKind, FieldShell};
use crate::components::form::{FormState, TextAnswers};
use crate::components::form_page::FormPage;
use crate::components::page_heading::PageHeading;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::signed_in::SignedIn;
use crate::dom::use_page_title;
use crate::i18n::{tr, tr_refusal, use_lang};
use crate::session::{use_session, EXTENSION_PATH, NEW_PROFILE_BANK_PATH, NEW_PROFILE_E_ID_PATH, NEW_PROFILE_PATH, PROFILE_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api::{Citizen, NewProfileRequest, RegistrationState};
use shared::i18n::long_date;
use shared::rules::confirmation::{ConfirmationError, ProfileKind, PROVIDERS};
use shared::validity::Validity;
use shared::{Refusal, Report, Text};

#[component]
pub fn NewProfilePage() -> impl IntoView {
    use_page_title(tr(Text::CreateNewProfile));
    view! {
        <SignedIn>
            <ChooseWay />
        </SignedIn>
    }
}

#[component]
pub fn NewProfileBankPage() -> impl IntoView {
    view! {
        <SignedIn>
            <ChooseProvider />
        </SignedIn>
    }
}

#[component]
pub fn NewProfileEIdPage() -> impl IntoView {
    view! {
        <SignedIn>
            <EIdStart />
        </SignedIn>
    }
}

#[component]
pub fn NewProfileDonePage() -> impl IntoView {
    view! {
        <SignedIn>
            <NewProfileDone />
        </SignedIn>
    }
}

/// Why the citizen makes a new profile, in a sentence: it expired on a day, or it is temporary.
fn intro(citizen: &Citizen, today: shared::date::Date, lang: shared::Lang) -> Option<String> {
    let until = citizen.profile_valid_until.filter(|_| citizen.registration == RegistrationState::Confirmed)?;
    Some(match (Validity::on(until, today), citizen.profile_kind) {
        (Validity::Expired { expired_on }, _) => Text::NewProfileIntroExpired.get(lang).replace("{date}", &long_date(expired_on, lang)),
        (Validity::Valid { .. }, ProfileKind::Temporary) => Text::NewProfileIntroTemporary.get(lang).replace("{date}", &long_date(until, lang)),
        (Validity::Valid { .. }, ProfileKind::Ordinary) => return None,
    })
}

/// Whether the citizen has an ordinary profile valid today (it is extended, not replaced).
fn ordinary_and_valid(citizen: &Citizen, today: shared::date::Date) -> bool {
    citizen.registration == RegistrationState::Confirmed
        && citizen.profile_kind == ProfileKind::Ordinary
        && citizen.profile_valid_until.is_some_and(|until| matches!(Validity::on(until, today), Validity::Valid { .. }))
}

/// The two ways, each a link to its page; a note when the provider did not confirm.
#[component]
fn ChooseWay() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let cancelled = use_query_map().with_untracked(|query| query.get("anulowano").is_some());
    let still_valid = move || session.citizen.with(|c| c.as_ref().is_some_and(|c| ordinary_and_valid(c, session.today())));
    let lead = move || session.citizen.with(|c| c.as_ref().and_then(|c| intro(c, session.today(), lang.get())));
    let way = |href: &'static str, id: &'static str, label: Text, hint: Text| {
        view! {
            <li class="way">
                <A href=href attr:class="way__link" attr:id=id>{tr(label)}</A>
                <p class="way__hint">{tr(hint)}</p>
            </li>
        }
    };
    view! {
        <div class="narrow">
            {cancelled.then(|| view! {
                <div class="notice notice--error" role="alert"><p class="notice__text" id="new-profile-cancelled">{tr(Text::NewProfileCancelled)}</p></div>
            })}
            <PageHeading>{tr(Text::CreateNewProfile)}</PageHeading>
            <Show
                when=move || !still_valid()
                fallback=|| view! {
                    <p class="lead">{tr_refusal(Refusal::ProfileStillValid)}</p>
                    <p><A href=EXTENSION_PATH attr:class="button" attr:id="extend-instead">{tr(Text::ExtendOrChange)}</A></p>
                }
            >
                <p class="lead" id="new-profile-intro">{lead}</p>
                <h2 class="heading-small">{tr(Text::NewProfileWayLegend)}</h2>
                <ul class="ways">
                    {way(NEW_PROFILE_BANK_PATH, "new-profile-bank", Text::NewProfileByBank, Text::NewProfileByBankHint)}
                    {way(NEW_PROFILE_E_ID_PATH, "new-profile-e-id", Text::NewProfileByEId, Text::NewProfileByEIdHint)}
                </ul>
            </Show>
        </div>
    }
}

/// Asks the service for the application `request`, then sends the browser to the provider.
fn go_to_provider(status: RequestStatus, refused: RwSignal<Option<Refused>>, request: impl Fn() -> NewProfileRequest + Send + Sync + 'static) -> Callback<()> {
    let lang = use_lang();
    status.action(move || {
        refused.set(None);
        let request = request();
        status.send(
            move |retries| async move { api::new_profile(&request, lang.get_untracked(), retries).await },
            move |answer| match answer {
                Ok(started) => {
                    let _ = window().location().assign(&started.provider_url);
                }
                Err(refusal) => refused.set(Some(refusal)),
            },
        );
    })
}

/// The service's refusal of the application, for the summary, linking to `href`.
fn refusal_entries(refused: RwSignal<Option<Refused>>, href: &'static str) -> Signal<Vec<SummaryEntry>> {
    let lang = use_lang();
    Signal::derive(move || {
        refused
            .with(|r| {
                r.as_ref().and_then(|r| match r {
                    Refused::Fields { errors, .. } => {
                        errors.values().flatten().next().map(|e| crate::components::form::field_message(shared::api::Field::Confirmation, e, lang.get()))
                    }
                    other => other.message(lang.get()),
                })
            })
            .map(|message| SummaryEntry { href: href.to_owned(), message })
            .into_iter()
            .collect()
    })
}

/// The banks and Envelo as radios; "Przejdź do dostawcy".
#[component]
fn ChooseProvider() -> impl IntoView {
    let lang = use_lang();
    let (chosen, status, refused, missing) = (RwSignal::new(None::<&'static str>), RequestStatus::default(), RwSignal::new(None), RwSignal::new(false));
    let form = FormState::new(&[], TextAnswers::new([], |_| String::new()), Memo::new(|_| Report::default()));
    let first = "#provider-pko";
    let go = go_to_provider(status, refused, move || NewProfileRequest::Bank { provider: chosen.get_untracked().unwrap_or_default().to_owned() });
    let on_valid = Callback::new(move |()| {
        missing.set(chosen.get_untracked().is_none());
        if !missing.get_untracked() {
            go.run(());
        }
    });
    let error = move || missing.get().then(|| ConfirmationError::UnknownProvider.message(lang.get()).to_owned());
    let other_errors = {
        let refused = refusal_entries(refused, first);
        Signal::derive(move || error().map(|message| SummaryEntry { href: first.to_owned(), message }).into_iter().chain(refused.get()).collect())
    };
    view! {
        <FormPage heading=Text::ChooseProviderHeading intro=Text::ChooseProviderIntro form on_valid busy=status.busy() other_errors back=NEW_PROFILE_PATH
            submit=Text::GoToProvider>
            <FieldShell id="provider".to_owned() caption=Caption::Legend(Text::Provider) error=Signal::derive(error)
                control=move |_| PROVIDERS.iter().map(|&(id, name)| view! {
                    <Choice kind=ChoiceKind::Radio id=format!("provider-{id}") name="provider" value=id
                        checked=move || chosen.get() == Some(id)
                        on_change=move |_| {
                            chosen.set(Some(id));
                            missing.set(false);
                        }>
                        {name}
                    </Choice>
                }).collect_view() />
            <RequestNotice status />
        </FormPage>
    }
}

/// What to have ready for the e-ID card; "Dalej" goes to it.
#[component]
fn EIdStart() -> impl IntoView {
    let (status, refused) = (RequestStatus::default(), RwSignal::new(None));
    let form = FormState::new(&[], TextAnswers::new([], |_| String::new()), Memo::new(|_| Report::default()));
    let on_valid = go_to_provider(status, refused, || NewProfileRequest::EId {});
    let other_errors = refusal_entries(refused, "#main");
    view! {
        <FormPage heading=Text::EIdHeading intro=Text::EIdIntro form on_valid busy=status.busy() other_errors back=NEW_PROFILE_PATH>
            <RequestNotice status />
        </FormPage>
    }
}

/// Back from the provider: the new profile with its date, or that none was made.
#[component]
fn NewProfileDone() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let active = move || {
        session.citizen.with(|c| {
            c.as_ref()
                .filter(|c| c.profile_kind == ProfileKind::Ordinary && c.registration == RegistrationState::Confirmed)
                .and_then(|c| c.profile_valid_until.filter(|until| matches!(Validity::on(*until, session.today()), Validity::Valid { .. })))
        })
    };
    let heading = Signal::derive(move || tr(if active().is_some() { Text::NewProfileDoneHeading } else { Text::NewProfileNotDone })().to_owned());
    use_page_title(move || heading.get());
    view! {
        <div class="narrow">
            {move || match active() {
                Some(until) => view! {
                    <div class="panel"><PageHeading>{heading}</PageHeading></div>
                    <p class="lead" id="new-profile-valid-until">{move || Text::ProfileValidUntil.get(lang.get()).replace("{date}", &long_date(until, lang.get()))}</p>
                }
                .into_any(),
                None => view! {
                    <PageHeading>{heading}</PageHeading>
                    <p class="lead">{tr(Text::NewProfileCancelled)}</p>
                    <p><A href=NEW_PROFILE_PATH attr:id="choose-again">{tr(Text::CreateNewProfile)}</A></p>
                }
                .into_any(),
            }}
            <p><A href=PROFILE_PATH attr:id="go-to-profile">{tr(Text::GoToProfileDetails)}</A></p>
        </div>
    }
}
