//! The notice every signed-in page shows from 60 days before the profile ends, and after: the
//! date, how many days are left, and one button, "Przedłuż ważność" (or, once it expired, "Załóż
//! nowy profil zaufany"). Not on the pages that do those very things. Its code downloads once
//! someone is signed in.

use crate::i18n::{tr, use_lang};
use crate::session::{use_session, EXTENSION_PATH, NEW_PROFILE_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use shared::api::{Citizen, RegistrationState};
use shared::date::Date;
use shared::i18n::{days_left_words, long_date};
use shared::rules::confirmation::ProfileKind;
use shared::validity::Validity;
use shared::{Lang, Text};

/// The notice, its code loaded when first needed (a split point in the release build).
#[cfg_attr(wasm_split, leptos::lazy)]
pub async fn expiry_notice() -> AnyView {
    view! { <ExpiryNotice /> }.into_any()
}

#[component]
pub fn ExpiryNotice() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let pathname = use_location().pathname;
    // A memo: the notice is drawn again only when what it says changes, not at every refresh of
    // the session (which would take the focus off its button).
    let notice = Memo::new(move |_| {
        let path = pathname.get();
        if path.starts_with(EXTENSION_PATH) || path.starts_with(NEW_PROFILE_PATH) {
            return None;
        }
        session.citizen.with(|c| c.as_ref().and_then(|c| notice(c, session.today(), lang.get())))
    });
    move || {
        notice.get().map(|(text, expired)| {
            let (href, action) = if expired { (NEW_PROFILE_PATH, Text::CreateNewProfile) } else { (EXTENSION_PATH, Text::ExtendValidity) };
            view! {
                <div class="notice notice--warning expiry-notice" role="region" aria-labelledby="expiry-notice-text">
                    <p class="notice__text" id="expiry-notice-text">{text}</p>
                    <A href=href attr:class="button" attr:id="expiry-notice-action">{tr(action)}</A>
                </div>
            }
        })
    }
}

/// What the notice says on `today`, and whether the profile has expired; none while it is far
/// from its end (or there is no profile yet).
fn notice(citizen: &Citizen, today: Date, lang: Lang) -> Option<(String, bool)> {
    let until = citizen.profile_valid_until.filter(|_| citizen.registration == RegistrationState::Confirmed)?;
    let validity = Validity::on(until, today);
    if !validity.needs_notice() {
        return None;
    }
    Some(match validity {
        Validity::Expired { expired_on } => (Text::ExpiredNotice.get(lang).replace("{date}", &long_date(expired_on, lang)), true),
        Validity::Valid { days_left } => {
            let valid = Text::ProfileValidFor.get(lang).replace("{date}", &long_date(until, lang)).replace("{left}", &days_left_words(days_left, lang));
            let next = match citizen.profile_kind {
                ProfileKind::Ordinary => Text::ExpiryNoticeOrdinary,
                ProfileKind::Temporary => Text::ExpiryNoticeTemporary,
            };
            (format!("{valid} {}", next.get(lang)), false)
        }
    })
}
