//! Small browser chores shared by components: moving focus and naming the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the element with this id and scrolls it into view, as a skip link or an error
/// summary link should (the browser's own jump would not focus an input).
pub fn focus_by_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Keeps `document.title` as "<page> – Profil Zaufany" in the current language.
pub fn use_page_title<T: std::fmt::Display>(page: impl Fn() -> T + Send + Sync + 'static) {
    let service = crate::i18n::tr(shared::Text::ServiceName);
    Effect::new(move |_| document().set_title(&format!("{} – {}", page(), service())));
}
