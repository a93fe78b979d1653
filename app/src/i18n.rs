//! The citizen's language: a signal in context, kept in local storage and in `<html lang>`.

use leptos::prelude::*;
use shared::{Lang, Refusal, Text};

const STORAGE_KEY: &str = "pz.lang";

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

/// Provides the language remembered on this device (Polish the first time) and keeps the page's
/// `lang` attribute and the storage in step with it.
pub fn provide_locale() -> Locale {
    let storage = window().local_storage().ok().flatten();
    let remembered = storage.as_ref().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).and_then(|tag| Lang::from_tag(&tag));
    let locale = Locale(RwSignal::new(remembered.unwrap_or_default()));
    provide_context(locale);
    Effect::new(move |_| {
        let lang = locale.0.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, lang.tag());
        }
    });
    locale
}

/// The current language, as a signal.
pub fn use_lang() -> Signal<Lang> {
    let Locale(lang) = expect_context::<Locale>();
    lang.into()
}

/// A refusal's sentence (one without placeholders) in the current language, for use in views.
pub fn tr_refusal(refusal: Refusal) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || refusal.message(lang.get())
}

/// A fixed text in the current language, for use in views.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}
