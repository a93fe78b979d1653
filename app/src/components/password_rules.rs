//! The password's requirements under its field (the registration's account step, a new password
//! after a reset), each ticked as soon as it is met.

use crate::i18n::use_lang;
use leptos::prelude::*;
use shared::rules::password;
use shared::Text;

#[component]
pub fn PasswordRules(value: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    let rules = move || password::requirements(&value.get());
    view! {
        <ul class="rules" id="password-rules">
            {move || rules().into_iter().map(|(rule, met)| view! {
                <li class="rules__item" class:rules__item--met=met>
                    <span class="rules__mark" aria-hidden="true">{if met { "✓" } else { "✗" }}</span>
                    {rule.message(lang.get())}
                    <span class="visually-hidden">{format!(" – {}", if met { Text::RuleMet.get(lang.get()) } else { Text::RuleNotMet.get(lang.get()) })}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}
