//! Waiting for an answer in mObywatel, for signing in and for every operation a push confirms:
//! the check number shown large, and the answer learnt by asking every 2 seconds while it is
//! pending (the asking stops when the page goes).

use crate::api::{ApiFailure, Refused};
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{PushState, PushStatus};
use shared::{Lang, Text};
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

/// How often the page asks whether the push was answered.
const POLL_EVERY: Duration = Duration::from_secs(2);

/// One push request as the page sees it.
#[derive(Clone, Copy)]
pub struct PushWait {
    pub check_number: RwSignal<Option<String>>,
    pub state: RwSignal<PushState>,
}

impl PushWait {
    /// Asks `call` now and every 2 seconds while the request is pending: `on_answered` hears the
    /// answer once it is no longer pending, `on_refused` a refusal (no request pending). A busy or
    /// silent service is asked again at the next tick.
    pub fn start<F>(
        check_number: Option<String>,
        call: impl Fn(Lang) -> F + 'static,
        on_answered: impl Fn(PushState) + 'static,
        on_refused: impl Fn(Refused) + 'static,
    ) -> PushWait
    where
        F: Future<Output = Result<Result<PushStatus, Refused>, ApiFailure>> + 'static,
    {
        let lang = use_lang();
        let wait = PushWait { check_number: RwSignal::new(check_number), state: RwSignal::new(PushState::Pending) };
        let (call, on_answered, on_refused) = (Rc::new(call), Rc::new(on_answered), Rc::new(on_refused));
        let asking = Rc::new(Cell::new(false));
        let ask = move || {
            if wait.state.get_untracked() != PushState::Pending || asking.replace(true) {
                return;
            }
            let (asking, on_answered, on_refused) = (asking.clone(), on_answered.clone(), on_refused.clone());
            let answer = call(lang.get_untracked());
            spawn_local(async move {
                let answer = answer.await;
                asking.set(false);
                match answer {
                    Ok(Ok(push)) => {
                        wait.check_number.set(Some(push.check_number));
                        wait.state.set(push.state);
                        if push.state != PushState::Pending {
                            on_answered(push.state);
                        }
                    }
                    Ok(Err(refusal)) => on_refused(refusal),
                    Err(_) => {}
                }
            });
        };
        ask.clone()();
        if let Ok(poll) = set_interval_with_handle(ask, POLL_EVERY) {
            on_cleanup(move || poll.clear());
        }
        wait
    }
}

/// The check number, and "Czekamy na potwierdzenie…" while the request is pending.
#[component]
pub fn CheckNumber(wait: PushWait) -> impl IntoView {
    view! {
        <div class="check-number">
            <p class="check-number__label">{tr(Text::PushCheckNumber)}</p>
            <p class="check-number__value" id="check-number">{move || wait.check_number.get()}</p>
        </div>
        <p class="push-state" role="status">{move || (wait.state.get() == PushState::Pending).then(tr(Text::PushWaiting))}</p>
    }
}
