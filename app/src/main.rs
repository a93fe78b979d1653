//! Mounts the portal into the page and marks the moment it became interactive (for measuring).

fn main() {
    leptos::mount::mount_to_body(app::App);
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(app::INTERACTIVE_MARK);
    }
}
