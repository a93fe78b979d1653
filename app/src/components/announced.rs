//! A short notice a screen reader reads out on arrival ("Wylogowano", "Twoja sesja wygasła"):
//! its live region is in the page first and the words come a frame later, since a region that
//! arrives with its words already in it is often not read.

use crate::i18n::use_lang;
use leptos::prelude::*;
use shared::Text;

#[component]
pub fn Announced(text: Text) -> impl IntoView {
    let lang = use_lang();
    let shown = RwSignal::new(false);
    request_animation_frame(move || {
        shown.try_set(true);
    });
    view! {
        <div class="notice" role="status">
            <p class="notice__text">{move || shown.get().then(|| text.get(lang.get()))}</p>
        </div>
    }
}
