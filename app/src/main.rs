//! Starts the portal: downloads the code of the page asked for (when it is a lazy page), mounts the
//! app into the page, and marks the moment it became interactive (for measuring).

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let path = leptos::prelude::window().location().pathname().unwrap_or_default();
        app::preload_page_at(&path).await;
        // A task of its own for drawing the page, after the one that compiled the code: two shorter
        // tasks keep a slow phone answering input in between (Lighthouse's total blocking time).
        app::api::sleep(0).await;
        leptos::mount::mount_to_body(app::App);
        if let Some(performance) = leptos::prelude::window().performance() {
            let _ = performance.mark(app::INTERACTIVE_MARK);
        }
    });
}
