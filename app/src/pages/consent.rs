//! Registration step 5, consent to the rules of the trusted profile and the trusted signature.

use super::{registration_caption, registration_form, STEPS};
use crate::components::form_page::FormPage;
use crate::i18n::{tr, use_lang};
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::Text;

#[component]
pub fn ConsentPage() -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    let form = registration_form(&[Field::Consent]);
    let navigate = use_navigate();
    let on_valid = Callback::new(move |()| navigate(STEPS[5], Default::default()));
    let error = Memo::new(move |_| form.error(Field::Consent, lang.get()));
    view! {
        <FormPage caption=registration_caption(Some(5)) heading=Text::ConsentHeading intro=Text::ConsentIntro form back=STEPS[3] on_valid>
            <div class="field" class:field--error=move || error.with(Option::is_some)>
                <p class="field__error" id="consent-error" aria-live="polite">
                    {move || error.get().map(|message| view! { <span class="visually-hidden">{move || lang.get().pick("Błąd: ", "Error: ")}</span>{message} })}
                </p>
                <div class="checkbox">
                    <input class="checkbox__input" type="checkbox" id="consent" aria-describedby=move || error.with(Option::is_some).then_some("consent-error")
                        aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                        prop:checked=move || wizard.consent.get()
                        on:change=move |ev| { wizard.consent.set(event_target_checked(&ev)); form.on_change(Field::Consent); } />
                    <label class="checkbox__label" for="consent">{tr(Text::ConsentLabel)}</label>
                </div>
            </div>
        </FormPage>
    }
}
