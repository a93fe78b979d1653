//! Registration step 5, consent to the rules of the trusted profile and the trusted signature.

use super::{registration_caption, registration_form, CONSENT_PATH};
use crate::components::field::{Caption, Choice, ChoiceKind, FieldShell};
use crate::components::form_page::FormPage;
use crate::i18n::{tr, use_lang};
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::paths::{next_step, previous_step};
use shared::Text;

#[component]
pub fn ConsentPage() -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    let form = registration_form(&[Field::Consent]);
    let navigate = use_navigate();
    let on_valid = Callback::new(move |()| navigate(next_step(CONSENT_PATH), Default::default()));
    let error = Memo::new(move |_| form.error(Field::Consent, lang.get()));
    view! {
        <FormPage caption=registration_caption(CONSENT_PATH) heading=Text::ConsentHeading intro=Text::ConsentIntro form back=previous_step(CONSENT_PATH) on_valid>
            <FieldShell id="consent".to_owned() caption=Caption::Inline error control=move |aria| view! {
                <Choice kind=ChoiceKind::Checkbox id="consent".to_owned() aria
                    checked=move || wizard.consent.get()
                    on_change=move |checked| { wizard.consent.set(checked); form.on_change(Field::Consent); }>
                    {tr(Text::ConsentLabel)}
                </Choice>
            } />
        </FormPage>
    }
}
