//! Registration step 4, how identity will be confirmed: a video call (its app and call windows),
//! a confirmation point, a bank or Envelo, or the e-ID card. Details show under the chosen way.

use super::{registration_caption, registration_form, IDENTITY_PATH};
use crate::components::field::{Aria, Caption, Choice, ChoiceKind, FieldShell};
use crate::components::form_page::FormPage;
use crate::i18n::{tr, use_lang};
use crate::session::use_session;
use crate::state::{use_wizard, ConfirmationChoice};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::i18n::day_and_date;
use shared::paths::{next_step, previous_step};
use shared::rules::confirmation::ConfirmationMethod;
use shared::rules::confirmation::{offered_call_windows, CallWindow, VideoApp, CONFIRMATION_POINTS, PROVIDERS};
use shared::Text;

#[component]
pub fn IdentityPage() -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    let form = registration_form(&[Field::Confirmation]);
    let navigate = use_navigate();
    let on_valid = Callback::new(move |()| navigate(next_step(IDENTITY_PATH), Default::default()));
    let choice = wizard.choice;
    let change = move |update: Box<dyn FnOnce(&mut ConfirmationChoice)>| {
        choice.update(|c| update(c));
        form.on_change(Field::Confirmation);
    };
    let error = Memo::new(move |_| form.error(Field::Confirmation, lang.get()));
    let method_option = move |method: ConfirmationMethod, label: Text, hint: Text| {
        let id = if method == ConfirmationMethod::Video { "confirmation".to_owned() } else { format!("method-{}", method.key()) };
        view! {
            <Choice kind=ChoiceKind::Radio id name="method" value=method.key() hint
                checked=move || choice.with(|c| c.method == Some(method))
                on_change=move |_| change(Box::new(move |c| c.method = Some(method)))>
                {tr(label)}
            </Choice>
        }
    };
    let select = move |id: &'static str, label: Text, options: AnyView, on_choose: fn(&mut ConfirmationChoice, String)| {
        view! {
            <FieldShell id=id.to_owned() caption=Caption::Label(Signal::derive(move || label.get(lang.get()).to_owned())) control=move |aria: Aria| view! {
                <select class="field__input" id=id aria-describedby=aria.described_by()
                    on:change=move |ev| { let chosen = event_target_value(&ev); change(Box::new(move |c| on_choose(c, chosen))) }>
                    {options}
                </select>
            } />
        }
    };
    let points = move || {
        view! {
            <option value="" selected=move || choice.with(|c| c.point.is_empty())>{tr(Text::ChooseFromList)}</option>
            {CONFIRMATION_POINTS.iter().map(|p| view! {
                <option value=p.id selected=move || choice.with(|c| c.point == p.id)>
                    {move || format!("{} – {}, {}", p.kind.name(lang.get()), p.name, p.address)}
                </option>
            }).collect_view()}
        }
        .into_any()
    };
    let providers = move || {
        view! {
            <option value="" selected=move || choice.with(|c| c.provider.is_empty())>{tr(Text::ChooseFromList)}</option>
            {PROVIDERS.iter().map(|(id, name)| view! {
                <option value=*id selected=move || choice.with(|c| c.provider == *id)>{*name}</option>
            }).collect_view()}
        }
        .into_any()
    };
    view! {
        <FormPage caption=registration_caption(IDENTITY_PATH) heading=Text::IdentityHeading intro=Text::IdentityIntro form back=previous_step(IDENTITY_PATH) on_valid>
            <FieldShell id="confirmation".to_owned() caption=Caption::Legend(Text::MethodLegend) error control=move |_| view! {
                {method_option(ConfirmationMethod::Video, Text::MethodVideo, Text::MethodVideoHint)}
                <Show when=move || choice.with(|c| c.method == Some(ConfirmationMethod::Video))>
                    <VideoDetails change />
                </Show>
                {method_option(ConfirmationMethod::InPerson, Text::MethodInPerson, Text::MethodInPersonHint)}
                <Show when=move || choice.with(|c| c.method == Some(ConfirmationMethod::InPerson))>
                    <div class="conditional">
                        {select("point", Text::ConfirmationPoint, points(), |c, point| c.point = point)}
                    </div>
                </Show>
                {method_option(ConfirmationMethod::Bank, Text::MethodBank, Text::MethodBankHint)}
                <Show when=move || choice.with(|c| c.method == Some(ConfirmationMethod::Bank))>
                    <div class="conditional">
                        {select("provider", Text::Provider, providers(), |c, provider| c.provider = provider)}
                    </div>
                </Show>
                {method_option(ConfirmationMethod::EId, Text::MethodEId, Text::MethodEIdHint)}
            } />
        </FormPage>
    }
}

/// The video call's app and the windows in which the official may call.
#[component]
fn VideoDetails(change: impl Fn(Box<dyn FnOnce(&mut ConfirmationChoice)>) + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let choice = use_wizard().choice;
    let app_option = move |app: VideoApp| {
        let id = format!("video-app-{}", if app == VideoApp::Skype { "skype" } else { "teams" });
        view! {
            <Choice kind=ChoiceKind::Radio id name="video-app"
                checked=move || choice.with(|c| c.video_app == Some(app))
                on_change=move |_| change(Box::new(move |c| c.video_app = Some(app)))>
                {app.name()}
            </Choice>
        }
    };
    // The next working days by the service's date in Poland, wherever the citizen is.
    let session = use_session();
    let days = Memo::new(move |_| offered_call_windows(session.today()).chunk_by(|a, b| a.date == b.date).map(<[CallWindow]>::to_vec).collect::<Vec<_>>());
    view! {
        <div class="conditional">
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--small">{tr(Text::VideoAppLegend)}</legend>
                {app_option(VideoApp::Teams)}
                {app_option(VideoApp::Skype)}
            </fieldset>
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--small">{tr(Text::CallWindowsLegend)}</legend>
                {move || days.get().into_iter().map(|day| {
                    let date = day[0].date;
                    view! {
                        <fieldset class="fieldset day">
                            <legend class="day__name">{move || day_and_date(date, lang.get())}</legend>
                            <div class="day__windows">
                                {day.into_iter().map(|window| {
                                    let id = format!("window-{}-{}", window.date, window.from_hour);
                                    view! {
                                        <Choice kind=ChoiceKind::Checkbox id
                                            checked=move || choice.with(|c| c.windows.contains(&window))
                                            on_change=move |_| change(Box::new(move |c| {
                                                match c.windows.iter().position(|w| *w == window) {
                                                    Some(at) => { c.windows.remove(at); }
                                                    None => { c.windows.push(window); c.windows.sort(); }
                                                }
                                            }))>
                                            {window.hours()}
                                        </Choice>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
            </fieldset>
        </div>
    }
}
