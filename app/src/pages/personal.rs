//! Registration step 2, personal data: names and PESEL; the birth date and sex read from the
//! PESEL are shown, not typed.

use super::{registration_caption, registration_form, PERSONAL_PATH};
use crate::components::field::TextField;
use crate::components::form_page::FormPage;
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::paths::{next_step, previous_step};
use shared::Text;

#[component]
pub fn PersonalPage() -> impl IntoView {
    let lang = use_lang();
    let form = registration_form(&[Field::FirstName, Field::SecondName, Field::Surname, Field::Pesel]);
    let navigate = use_navigate();
    let on_valid = Callback::new(move |()| navigate(next_step(PERSONAL_PATH), Default::default()));
    let facts = move || form.report().with(|report| report.pesel.map(|p| (p.birth_date().to_string(), p.sex().label(lang.get()))));
    view! {
        <FormPage caption=registration_caption(PERSONAL_PATH) heading=Text::PersonalHeading form back=previous_step(PERSONAL_PATH) on_valid>
            <TextField form field=Field::FirstName autocomplete="given-name" />
            <TextField form field=Field::SecondName autocomplete="additional-name" />
            <TextField form field=Field::Surname autocomplete="family-name" />
            <TextField form field=Field::Pesel autocomplete="off" input_mode="numeric" hint=Text::PeselHint />
            <div class="pesel-facts" aria-live="polite">
                {move || facts().map(|(born, sex)| view! {
                    <dl class="summary-list">
                        <div class="summary-list__row"><dt>{tr(Text::BirthDate)}</dt><dd>{born}</dd></div>
                        <div class="summary-list__row"><dt>{tr(Text::Sex)}</dt><dd>{sex}</dd></div>
                    </dl>
                })}
            </div>
        </FormPage>
    }
}
