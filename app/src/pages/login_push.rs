//! The second factor in mObywatel: the check number shown large, and the page learns the answer
//! by itself (it asks every 2 seconds while it waits, and stops when the citizen leaves):
//! accepted — signed in; refused — said plainly; unanswered for 2 minutes — "Wyślij kod SMS".

use super::NoSignInWaiting;
use crate::api::{self, Refused};
use crate::components::page_heading::PageHeading;
use crate::components::push_wait::{CheckNumber, PushWait};
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::{return_path, use_session, with_return, LOGIN_CODE_PATH, LOGIN_PATH};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::api::PushState;
use shared::Text;

#[component]
pub fn LoginPushPage() -> impl IntoView {
    use_page_title(tr(Text::PushHeading));
    super::preload_account();
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let back_to = StoredValue::new(return_path(use_query_map().with_untracked(|q| q.get("powrot"))));
    let not_pending = RwSignal::new(false);
    let refusal = RwSignal::new(None::<Refused>);
    let status = RequestStatus::default();
    let signed_in = {
        let navigate = navigate.clone();
        move || {
            let navigate = navigate.clone();
            spawn_local(async move {
                if let Ok(info) = api::session(lang.get_untracked()).await {
                    session.apply(info);
                }
                session.login.set(None);
                navigate(&back_to.get_value(), Default::default());
            });
        }
    };
    let wait = PushWait::start(
        session.login.with_untracked(|l| l.as_ref().and_then(|s| s.check_number.clone())),
        api::push_status,
        move |state| {
            if state == PushState::Accepted {
                signed_in();
            }
        },
        move |refused| {
            if refused.is_login_not_pending() {
                not_pending.set(true);
            }
        },
    );
    let state = wait.state;

    let send_sms = status.action(move || {
        refusal.set(None);
        let navigate = navigate.clone();
        status.send(
            move |retries| api::login_by_sms(lang.get_untracked(), retries),
            move |answer| match answer {
                Ok(started) => {
                    session.login.set(Some(started));
                    navigate(&with_return(LOGIN_CODE_PATH, &back_to.get_value()), Default::default());
                }
                Err(refused) if refused.is_login_not_pending() => not_pending.set(true),
                Err(refused) => refusal.set(Some(refused)),
            },
        );
    });
    let sign_in_again = move || with_return(LOGIN_PATH, &back_to.get_value());
    move || {
        if not_pending.get() {
            return view! { <NoSignInWaiting back_to=back_to.get_value() /> }.into_any();
        }
        view! {
            <div class="narrow">
                <p class="caption">{tr(Text::SignInCaption)}</p>
                <PageHeading>{tr(Text::PushHeading)}</PageHeading>
                <p class="lead">{tr(Text::PushIntro)}</p>
                <CheckNumber wait />
                <div role="alert">
                    {move || match state.get() {
                        PushState::Refused => Some(view! {
                            <div class="notice notice--error">
                                <p class="notice__text" id="push-refused">{tr(Text::PushRefused)}</p>
                                <A href=sign_in_again() attr:class="button">{tr(Text::SignInAgain)}</A>
                            </div>
                        }.into_any()),
                        PushState::Expired => Some(view! {
                            <div class="notice notice--error"><p class="notice__text" id="push-expired">{tr(Text::PushExpired)}</p></div>
                        }.into_any()),
                        PushState::Pending | PushState::Accepted => None,
                    }}
                </div>
                <Show when=move || matches!(state.get(), PushState::Pending | PushState::Expired)>
                    <div class="other-way">
                        <p>{move || (state.get() == PushState::Pending).then(tr(Text::PushNoPhone))}</p>
                        <button type="button" id="send-sms-code" class="button" class:button--secondary=move || state.get() == PushState::Pending
                            on:click=move |_| send_sms.run(())>
                            {tr(Text::SendSmsCode)}
                        </button>
                    </div>
                </Show>
                {move || refusal.with(|r| r.as_ref().and_then(|r| r.message(lang.get()))).map(|message| view! {
                    <div class="notice notice--error" role="alert"><p class="notice__text">{message}</p></div>
                })}
                <RequestNotice status />
            </div>
        }
        .into_any()
    }
}
