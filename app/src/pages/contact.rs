//! Registration step 3, contact: the e-mail address and the mobile number, each typed twice.

use super::{registration_caption, registration_form, CONTACT_PATH};
use crate::components::field::TextField;
use crate::components::form_page::FormPage;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::paths::{next_step, previous_step};
use shared::Text;

#[component]
pub fn ContactPage() -> impl IntoView {
    let form = registration_form(&[Field::Email, Field::EmailRepeat, Field::Phone, Field::PhoneRepeat]);
    let navigate = use_navigate();
    let on_valid = Callback::new(move |()| navigate(next_step(CONTACT_PATH), Default::default()));
    view! {
        <FormPage caption=registration_caption(CONTACT_PATH) heading=Text::ContactHeading intro=Text::ContactIntro form back=previous_step(CONTACT_PATH) on_valid>
            <TextField form field=Field::Email autocomplete="email" input_type="email" />
            <TextField form field=Field::EmailRepeat autocomplete="email" input_type="email" />
            <TextField form field=Field::Phone autocomplete="tel-national" input_type="tel" hint=Text::PhoneHint />
            <TextField form field=Field::PhoneRepeat autocomplete="tel-national" input_type="tel" />
        </FormPage>
    }
}
