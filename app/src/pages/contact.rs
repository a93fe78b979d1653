//! Registration step 3, contact: the e-mail address and the mobile number, each typed twice.

use super::STEPS;
use crate::components::field::TextField;
use crate::components::form::FormState;
use crate::components::wizard_step::WizardStep;
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::Text;

#[component]
pub fn ContactPage() -> impl IntoView {
    let form = FormState::new(&[Field::Email, Field::EmailRepeat, Field::Phone, Field::PhoneRepeat], use_wizard());
    let navigate = use_navigate();
    let on_valid = Callback::new(move |()| navigate(STEPS[3], Default::default()));
    view! {
        <WizardStep step=3u8 heading=Text::ContactHeading intro=Text::ContactIntro form back=STEPS[1] on_valid>
            <TextField form field=Field::Email autocomplete="email" input_type="email" />
            <TextField form field=Field::EmailRepeat autocomplete="email" input_type="email" />
            <TextField form field=Field::Phone autocomplete="tel-national" input_type="tel" hint=Text::PhoneHint />
            <TextField form field=Field::PhoneRepeat autocomplete="tel-national" input_type="tel" />
        </WizardStep>
    }
}
