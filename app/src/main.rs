//! Mounts the portal into the page; everything else lives in the library.

fn main() {
    leptos::mount::mount_to_body(app::App);
}
