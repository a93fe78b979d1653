//! The registration wizard's answers: a signal each, shared by every step through context and
//! kept in session storage, so back and forward, a reload and a change of language keep them
//! while a new tab starts clean. The passwords are never stored.

use crate::components::form::TextAnswers;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api::{Field, ValidateRequest};
use shared::rules::confirmation::{CallWindow, Confirmation, ConfirmationMethod, VideoApp};
use std::collections::BTreeMap;

const STORAGE_KEY: &str = "pz.registration";
const NEVER_STORED: [Field; 3] = [Field::Password, Field::PasswordRepeat, Field::SmsCode];

/// The way of confirming as the citizen is choosing it: details of every method are kept, so
/// switching between methods loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationChoice {
    pub method: Option<ConfirmationMethod>,
    pub video_app: Option<VideoApp>,
    pub windows: Vec<CallWindow>,
    pub point: String,
    pub provider: String,
}

impl ConfirmationChoice {
    /// The confirmation the API takes; `None` until a method is chosen.
    pub fn to_confirmation(&self) -> Option<Confirmation> {
        Some(match self.method? {
            ConfirmationMethod::Video => Confirmation::Video { app: self.video_app, windows: self.windows.clone() },
            ConfirmationMethod::InPerson => Confirmation::InPerson { point: self.point.clone() },
            ConfirmationMethod::Bank => Confirmation::Bank { provider: self.provider.clone() },
            ConfirmationMethod::EId => Confirmation::EId {},
        })
    }
}

/// The application as sent: its number and the way of confirming chosen for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitted {
    pub number: String,
    pub choice: ConfirmationChoice,
}

/// What is kept in session storage.
#[derive(Default, Serialize, Deserialize)]
struct Saved {
    texts: BTreeMap<Field, String>,
    choice: ConfirmationChoice,
    consent: bool,
    registration_id: Option<String>,
    submitted: Option<Submitted>,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    texts: TextAnswers,
    pub choice: RwSignal<ConfirmationChoice>,
    pub consent: RwSignal<bool>,
    /// Set once the API has created the registration (then the SMS code step follows).
    pub registration_id: RwSignal<Option<String>>,
    /// Set once the SMS code is confirmed.
    pub submitted: RwSignal<Option<Submitted>>,
}

/// Provides the wizard, restored from this tab's session storage, and keeps the storage in step.
pub fn provide_wizard() -> Wizard {
    let storage = window().session_storage().ok().flatten();
    let saved: Saved = storage.as_ref().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).and_then(|json| crate::json::parse(&json)).unwrap_or_default();
    // The text answers: every text field of the API but the ID card (not asked), and the SMS code.
    let fields = Field::TEXT.into_iter().filter(|f| *f != Field::IdCard).chain([Field::SmsCode]);
    let wizard = Wizard {
        texts: TextAnswers::new(fields, |f| saved.texts.get(&f).cloned().unwrap_or_default()),
        choice: RwSignal::new(saved.choice),
        consent: RwSignal::new(saved.consent),
        registration_id: RwSignal::new(saved.registration_id),
        submitted: RwSignal::new(saved.submitted),
    };
    provide_context(wizard);
    Effect::new(move |_| {
        let saved = Saved {
            texts: wizard.texts.each().into_iter().filter(|(f, _)| !NEVER_STORED.contains(f)).map(|(f, v)| (f, v.get())).collect(),
            choice: wizard.choice.get(),
            consent: wizard.consent.get(),
            registration_id: wizard.registration_id.get(),
            submitted: wizard.submitted.get(),
        };
        if let (Some(storage), Some(json)) = (&storage, crate::json::write(&saved)) {
            let _ = storage.set_item(STORAGE_KEY, &json);
        }
    });
    wizard
}

pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}

impl Wizard {
    pub fn value(&self, field: Field) -> RwSignal<String> {
        self.texts.value(field)
    }

    /// The text answers, for a step's form.
    pub fn texts(&self) -> TextAnswers {
        self.texts
    }

    /// Every answer as the API takes it (tracked: a derived value re-runs when any answer changes).
    pub fn request(&self) -> ValidateRequest {
        let mut request = ValidateRequest::default();
        for (field, value) in self.texts.each() {
            request.set(field, value.get());
        }
        request.confirmation = self.choice.with(ConfirmationChoice::to_confirmation);
        request.consent = Some(self.consent.get());
        request
    }

    /// The application is sent: keeps what the confirmation page shows and forgets every answer,
    /// so a next registration in this tab starts clean.
    pub fn finish(&self, number: String) {
        self.submitted.set(Some(Submitted { number, choice: self.choice.get_untracked() }));
        self.texts.each().into_iter().for_each(|(_, v)| v.set(String::new()));
        self.choice.set(ConfirmationChoice::default());
        self.consent.set(false);
        self.registration_id.set(None);
    }
}
