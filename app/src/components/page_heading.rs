//! A page's heading: focused when the citizen arrives from another page of the portal, so a
//! screen reader starts reading there; not on the first page of a visit, where Tab's first stop
//! must stay the skip link.

use leptos::html::H1;
use leptos::prelude::*;

/// Whether the next page shown is the first of this visit.
#[derive(Clone, Copy)]
pub struct FirstPage(pub StoredValue<bool>);

#[component]
pub fn PageHeading(children: Children) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    if let Some(FirstPage(first)) = use_context::<FirstPage>() {
        if !first.get_value() {
            request_animation_frame(move || {
                if let Some(h1) = heading.get_untracked() {
                    let _ = h1.focus();
                }
            });
        }
        first.set_value(false);
    }
    view! { <h1 class="heading" tabindex="-1" node_ref=heading>{children()}</h1> }
}
