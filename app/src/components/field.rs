//! One field shell for every control (thaw's `Field`, the GOV.UK pattern): what names it (a label,
//! a legend over a group, or the control's own label after a lone checkbox), its hint, its error
//! with the prefix a screen reader reads first, and the ids that tie them to the control
//! (`aria-describedby`, `aria-invalid`). Text inputs, radio groups, checkboxes and selects are all
//! drawn inside it.

use super::form::FormState;
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use shared::api::Field;
use shared::Text;

/// What names a field.
#[derive(Clone, Copy)]
pub enum Caption {
    /// A `<label for=id>` above one control (a text input, a select).
    Label(Signal<String>),
    /// A `<fieldset>` with its `<legend>` around a group of radios or checkboxes; the group carries
    /// the hint and the error.
    Legend(Text),
    /// Nothing above: a lone checkbox, named by its own label after it.
    Inline,
}

/// What a control takes from its shell: the ids of the hint and the error showing now, and whether
/// the field is in error.
#[derive(Clone, Copy)]
pub struct Aria {
    described_by: Signal<Option<String>>,
    invalid: Signal<bool>,
}

impl Aria {
    /// The value of `aria-describedby`, if anything describes the control now.
    pub fn described_by(self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        move || self.described_by.get()
    }

    /// The value of `aria-invalid`.
    pub fn invalid(self) -> impl Fn() -> &'static str + Clone + Send + Sync + 'static {
        move || if self.invalid.get() { "true" } else { "false" }
    }
}

/// The shell of one field: `id` names the control (a group's first choice or its summary link
/// target may differ); the hint is `{id}-hint`, the error `{id}-error`. A group (`Caption::Legend`)
/// is described on its `<fieldset>`; any other control gets `aria` to put on itself.
#[component]
pub fn FieldShell<C, V>(
    id: String,
    caption: Caption,
    #[prop(default = None)] hint: Option<Text>,
    /// The message to show now; a field that cannot be in error leaves it out.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// Draws the control(s) with the ids the shell gives them.
    control: C,
) -> impl IntoView
where
    C: FnOnce(Aria) -> V,
    V: IntoView + 'static,
{
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = error.unwrap_or_else(|| Signal::stored(None));
    let invalid = Signal::derive(move || message.with(Option::is_some));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        Signal::derive(move || {
            let ids: Vec<&str> = [hint.map(|_| hint_id.as_str()), invalid.get().then_some(error_id.as_str())].into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    let aria = Aria { described_by, invalid };
    let hint = hint.map(|hint| view! { <p class="field__hint" id=hint_id>{tr(hint)}</p> });
    let error = error.map(|_| view! { <ErrorMessage id=error_id message /> });
    let field_class = move || if invalid.get() { "field field--error" } else { "field" };
    match caption {
        Caption::Label(label) => view! {
            <div class=field_class>
                <label class="field__label" for=id>{move || label.get()}</label>
                {hint}
                {error}
                {control(aria)}
            </div>
        }
        .into_any(),
        Caption::Legend(legend) => view! {
            <div class=field_class>
                <fieldset class="fieldset" aria-describedby=aria.described_by()>
                    <legend class="fieldset__legend">{tr(legend)}</legend>
                    {hint}
                    {error}
                    {control(aria)}
                </fieldset>
            </div>
        }
        .into_any(),
        Caption::Inline => view! {
            <div class=field_class>
                {hint}
                {error}
                {control(aria)}
            </div>
        }
        .into_any(),
    }
}

/// A field's error, announced as it changes, with "Błąd: " before it for screen readers.
#[component]
fn ErrorMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    let prefix = tr(Text::ErrorPrefix);
    view! {
        <p class="field__error" id=id aria-live="polite">
            {move || message.get().map(|message| view! { <span class="visually-hidden">{prefix}</span>{message} })}
        </p>
    }
}

/// Whether a choice is one of a group (a radio) or ticked on its own (a checkbox).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ChoiceKind {
    Radio,
    Checkbox,
}

/// One radio or checkbox with its label after it and, if given, its own hint under it; a lone
/// checkbox takes its shell's `aria`.
#[component]
pub fn Choice<K, F>(
    kind: ChoiceKind,
    id: String,
    /// A radio group's name.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] value: Option<&'static str>,
    checked: K,
    /// Called with the new state when the citizen changes it.
    on_change: F,
    #[prop(optional)] hint: Option<Text>,
    #[prop(optional)] aria: Option<Aria>,
    /// The label's content.
    children: Children,
) -> impl IntoView
where
    K: Fn() -> bool + Send + Sync + 'static,
    F: Fn(bool) + 'static,
{
    let (class, input_type) = match kind {
        ChoiceKind::Radio => ("radio", "radio"),
        ChoiceKind::Checkbox => ("checkbox", "checkbox"),
    };
    let hint_id = format!("{id}-hint");
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            let shell = aria.and_then(|aria| aria.described_by()());
            let ids: Vec<String> = [hint.map(|_| hint_id.clone()), shell].into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || aria.map(|aria| aria.invalid()());
    view! {
        <div class=class>
            <input class=format!("{class}__input") type=input_type name=name id=id.clone() value=value
                aria-describedby=described_by
                aria-invalid=invalid
                prop:checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev)) />
            <label class=format!("{class}__label") for=id>{children()}</label>
            {hint.map(|hint| view! { <p class=format!("{class}__hint") id=hint_id>{tr(hint)}</p> })}
        </div>
    }
}

/// A text input in its shell, wired to a `FormState`.
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
    let error = Memo::new(move |_| form.error(field, lang.get()));
    let caption = Caption::Label(Signal::derive(move || label.map_or_else(|| field.label(lang.get()), |label| label.get(lang.get())).to_owned()));
    let value = form.value(field);
    let control = move |aria: Aria| {
        view! {
            <input
                class="field__input"
                id=id
                name=id
                type=input_type
                inputmode=input_mode
                autocomplete=autocomplete
                spellcheck="false"
                autocapitalize="none"
                aria-invalid=aria.invalid()
                aria-describedby=aria.described_by()
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    form.on_change(field);
                }
                on:blur=move |_| form.on_blur(field)
            />
            {children.map(|children| children())}
        }
    };
    view! { <FieldShell id=id.to_owned() caption hint error control /> }
}
