//! The state of one step's form: which of its fields the citizen has typed in and left, whether
//! "Dalej" was pressed, the report of `shared::validate::validate_registration` over all the
//! wizard's answers (so what a registration requires is required on its step), and what the
//! server answered. The answers themselves live in the wizard.

use crate::dom::today;
use crate::state::Wizard;
use leptos::prelude::*;
use shared::api::{Field, FieldError};
use shared::validate::validate_registration;
use shared::{Lang, Report};
use std::collections::BTreeMap;

/// Whether the citizen typed in a field, and whether they have left it since.
#[derive(Clone, Copy)]
struct Marks {
    field: Field,
    dirty: RwSignal<bool>,
    touched: RwSignal<bool>,
}

/// The form of one step over some of the wizard's fields, in page order.
#[derive(Clone, Copy)]
pub struct FormState {
    marks: StoredValue<Vec<Marks>>,
    wizard: Wizard,
    /// Set by the first "Dalej": from then on every error of the step shows, and the summary too.
    pub submitted: RwSignal<bool>,
    /// The server's field errors of the last check, cleared field by field as the citizen edits.
    server_errors: RwSignal<BTreeMap<Field, Vec<FieldError>>>,
    report: Memo<Report>,
}

impl FormState {
    pub fn new(fields: &[Field], wizard: Wizard) -> FormState {
        let marks = fields.iter().map(|&field| Marks { field, dirty: RwSignal::new(false), touched: RwSignal::new(false) }).collect();
        FormState {
            marks: StoredValue::new(marks),
            wizard,
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(BTreeMap::new()),
            report: Memo::new(move |_| validate_registration(&wizard.request(), today())),
        }
    }

    fn marks(&self, field: Field) -> Marks {
        self.marks.with_value(|marks| *marks.iter().find(|m| m.field == field).expect("the field belongs to this form"))
    }

    pub fn fields(&self) -> Vec<Field> {
        self.marks.with_value(|marks| marks.iter().map(|m| m.field).collect())
    }

    /// The answer of a text field.
    pub fn value(&self, field: Field) -> RwSignal<String> {
        self.wizard.value(field)
    }

    /// The citizen changed a field (typed, chose, ticked).
    pub fn on_change(&self, field: Field) {
        self.marks(field).dirty.set(true);
        self.server_errors.update(|errors| {
            errors.remove(&field);
        });
    }

    /// Leaving a field the citizen typed in lets its errors show from then on.
    pub fn on_blur(&self, field: Field) {
        let marks = self.marks(field);
        if marks.dirty.get_untracked() {
            marks.touched.set(true);
        }
    }

    pub fn set_server_errors(&self, errors: BTreeMap<Field, Vec<FieldError>>) {
        self.server_errors.set(errors);
    }

    /// Whether the server refused any field (tracked).
    pub fn has_server_errors(&self) -> bool {
        self.server_errors.with(|errors| !errors.is_empty())
    }

    /// The message to show beside a field now, if any: the rule's first, else the server's.
    pub fn error(&self, field: Field, lang: Lang) -> Option<String> {
        if !(self.marks(field).touched.get() || self.submitted.get()) {
            return None;
        }
        self.report
            .with(|report| report.first(field).map(|problem| problem.message(lang)))
            .or_else(|| self.server_errors.with(|errors| errors.get(&field).and_then(|e| e.first()).map(|e| e.message.clone())))
    }

    /// Every error shown now, in page order, for the summary.
    pub fn errors(&self, lang: Lang) -> Vec<(Field, String)> {
        self.fields().into_iter().filter_map(|field| self.error(field, lang).map(|message| (field, message))).collect()
    }

    /// Whether this step's own fields pass the rules and the server had nothing against them.
    pub fn is_valid_untracked(&self) -> bool {
        let fields = self.fields();
        let rules_pass = self.report.with_untracked(|report| fields.iter().all(|f| report.first(*f).is_none()));
        rules_pass && self.server_errors.with_untracked(|errors| fields.iter().all(|f| !errors.contains_key(f)))
    }

    /// What the rules found, e.g. the PESEL's birth date and sex.
    pub fn report(&self) -> Memo<Report> {
        self.report
    }
}
