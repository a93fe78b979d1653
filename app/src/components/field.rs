//! One text input with its label, hint and error, wired to a `FormState` (GOV.UK pattern).

use super::form::FormState;
use crate::i18n::use_lang;
use leptos::prelude::*;
use shared::api::Field;
use shared::Text;

#[component]
pub fn TextField(
    form: FormState,
    field: Field,
    /// The `autocomplete` token, e.g. `username` or `new-password`.
    autocomplete: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    /// The `inputmode` hint for on-screen keyboards, e.g. `numeric`.
    #[prop(optional)]
    input_mode: Option<&'static str>,
    #[prop(optional)] hint: Option<Text>,
    /// The label when the field's own does not fit the page, e.g. "Nowe hasło".
    #[prop(optional)]
    label: Option<Text>,
    /// Shown under the input, e.g. the password rules or the username check.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let id = field.key();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = Memo::new(move |_| form.error(field, lang.get()));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = [hint.map(|_| hint_id.as_str()), error.with(Option::is_some).then_some(error_id.as_str())].into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let value = form.value(field);
    view! {
        <div class="field" class:field--error=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{move || label.map_or_else(|| field.label(lang.get()), |label| label.get(lang.get()))}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{move || hint.get(lang.get())}</p> })}
            <p class="field__error" id=error_id aria-live="polite">
                {move || error.get().map(|message| view! {
                    <span class="visually-hidden">{move || lang.get().pick("Błąd: ", "Error: ")}</span>
                    {message}
                })}
            </p>
            <input
                class="field__input"
                id=id
                name=id
                type=input_type
                inputmode=input_mode
                autocomplete=autocomplete
                spellcheck="false"
                autocapitalize="none"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    form.on_change(field);
                }
                on:blur=move |_| form.on_blur(field)
            />
            {children.map(|children| children())}
        </div>
    }
}
