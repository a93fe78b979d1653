//! Where a page's call to the service stands, shown one way everywhere: checking, busy, failed.

use crate::api::{ApiFailure, Retries};
use crate::i18n::{tr, use_lang};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Text;
use std::future::Future;

/// The stage of the page's current call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Progress {
    #[default]
    Idle,
    Sending,
    /// The service was busy or silent: the next attempt starts in this many whole seconds.
    Waiting(u32),
    /// No usable answer: the retries are used up, the time ran out or the answer was unexpected.
    Failed,
}

/// The state of one page's calls: created once by the page, given to its actions and its view.
#[derive(Clone, Copy, Default)]
pub struct RequestStatus {
    progress: RwSignal<Progress>,
    /// The action that started the last call; "Spróbuj ponownie" runs it again.
    last_action: StoredValue<Option<Callback<()>>>,
}

impl RequestStatus {
    /// Whether a call or its retries are under way ("Dalej" sends nothing meanwhile).
    pub fn busy(self) -> Signal<bool> {
        Signal::derive(move || matches!(self.progress.get(), Progress::Sending | Progress::Waiting(_)))
    }

    /// A page action that may call the service through `send`: it does nothing while a call is
    /// under way, and "Spróbuj ponownie" runs it again (reading the citizen's answers afresh).
    pub fn action(self, run: impl Fn() + Send + Sync + 'static) -> Callback<()> {
        let run = Callback::new(move |()| run());
        Callback::new(move |()| {
            if self.busy().get_untracked() {
                return;
            }
            self.last_action.set_value(Some(run));
            run.run(());
        })
    }

    /// Starts `call` with reported retries and shows how it goes; `on_answer` gets the answer,
    /// unless the call failed (then the failure shows, with "Spróbuj ponownie").
    pub fn send<T, F>(self, call: impl FnOnce(Retries) -> F, on_answer: impl FnOnce(T) + 'static)
    where
        F: Future<Output = Result<T, ApiFailure>> + 'static,
    {
        let progress = self.progress;
        progress.set(Progress::Sending);
        let on_wait = Callback::new(move |left: Option<u32>| progress.set(left.map_or(Progress::Sending, Progress::Waiting)));
        let answer = call(Retries::Reported(on_wait));
        spawn_local(async move {
            match answer.await {
                Ok(answer) => {
                    progress.set(Progress::Idle);
                    on_answer(answer);
                }
                Err(_) => progress.set(Progress::Failed),
            }
        });
    }

    fn run_last_action_again(self) {
        if let Some(action) = self.last_action.get_value() {
            action.run(());
        }
    }
}

/// The call's progress in a polite live region (with a visible countdown while busy), and its failure as an alert with "Spróbuj
/// ponownie" (which leaves focus on this block, not on the vanished button).
#[component]
pub fn RequestNotice(status: RequestStatus) -> impl IntoView {
    let lang = use_lang();
    let block = NodeRef::<Div>::new();
    let progress = status.progress;
    let message = move || match progress.get() {
        Progress::Sending => Text::Checking.get(lang.get()).to_owned(),
        Progress::Waiting(_) => Text::ServiceBusy.get(lang.get()).to_owned(),
        Progress::Idle | Progress::Failed => String::new(),
    };
    // The seconds tick outside the live region: a screen reader hears the busy state once per
    // wait, not every second.
    let countdown = move || match progress.get() {
        Progress::Waiting(seconds) => Text::RetryIn.get(lang.get()).replace("{seconds}", &seconds.to_string()),
        _ => String::new(),
    };
    let try_again = move |_| {
        if let Some(block) = block.get_untracked() {
            let _ = block.focus();
        }
        status.run_last_action_again();
    };
    view! {
        <div class="request-status" tabindex="-1" node_ref=block>
            <div class:notice=move || matches!(progress.get(), Progress::Waiting(_))>
                <p class="request-status__progress" role="status">{message}</p>
                <p class="request-status__countdown" aria-hidden="true">{countdown}</p>
            </div>
            <Show when=move || progress.get() == Progress::Failed>
                <div class="notice notice--error" role="alert">
                    <p class="notice__text">{tr(Text::ServiceFailed)}</p>
                    <button type="button" id="retry-request" class="button button--secondary" on:click=try_again>{tr(Text::TryAgain)}</button>
                </div>
            </Show>
        </div>
    }
}
