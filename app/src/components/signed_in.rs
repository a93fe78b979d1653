//! A page only a signed-in citizen may see. Each time it opens it asks the service who is
//! signed in (`GET /api/v1/me`, which counts as activity), then the session's new end; anyone
//! else goes to the login page and comes back here afterwards.

use super::request_status::{RequestNotice, RequestStatus};
use crate::api;
use crate::i18n::use_lang;
use crate::session::{use_session, with_return, LOGIN_PATH};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let here = use_location().pathname.get_untracked();
    let status = RequestStatus::default();
    let check = status.action(move || {
        let (navigate, here) = (navigate.clone(), here.clone());
        status.send(
            move |retries| api::me(lang.get_untracked(), retries),
            move |answer| match answer {
                Ok(citizen) => {
                    session.citizen.set(Some(citizen));
                    session.refresh();
                }
                // Signed in a moment ago: the session ended by itself (the frame says so).
                Err(_) if session.citizen.with_untracked(Option::is_some) => session.expire(),
                Err(_) => navigate(&with_return(LOGIN_PATH, &here), NavigateOptions { replace: true, ..Default::default() }),
            },
        );
    });
    check.run(());
    view! {
        <Show when=move || session.citizen.with(Option::is_some) fallback=move || view! { <RequestNotice status /> }>
            {children()}
        </Show>
    }
}
