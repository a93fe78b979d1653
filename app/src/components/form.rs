//! The state of one form: its text answers, which fields the citizen has typed in and left,
//! whether it was submitted, what the rules report (a `Memo<Report>` the page makes: the whole
//! registration for a wizard step, `validate_login` for signing in) and what the server answered.

use leptos::prelude::*;
use shared::api::{Field, FieldError};
use shared::{Lang, Problem, Report};
use std::collections::BTreeMap;

/// Text answers, a signal a field, in form order.
#[derive(Clone, Copy)]
pub struct TextAnswers(StoredValue<Vec<(Field, RwSignal<String>)>>);

impl TextAnswers {
    /// Answers for `fields`, each starting as `initial` says.
    pub fn new(fields: impl IntoIterator<Item = Field>, initial: impl Fn(Field) -> String) -> TextAnswers {
        TextAnswers(StoredValue::new(fields.into_iter().map(|f| (f, RwSignal::new(initial(f)))).collect()))
    }

    /// The answer of a text field.
    pub fn value(&self, field: Field) -> RwSignal<String> {
        self.0.with_value(|answers| answers.iter().find(|(f, _)| *f == field).map(|(_, v)| *v).expect("a text field of these answers"))
    }

    /// Every field with its answer's signal.
    pub fn each(&self) -> Vec<(Field, RwSignal<String>)> {
        self.0.get_value()
    }
}

/// Whether the citizen typed in a field, and whether they have left it since.
#[derive(Clone, Copy)]
struct Marks {
    field: Field,
    dirty: RwSignal<bool>,
    touched: RwSignal<bool>,
}

/// The form of one page over some fields, in page order.
#[derive(Clone, Copy)]
pub struct FormState {
    marks: StoredValue<Vec<Marks>>,
    answers: TextAnswers,
    /// Set by the first submit: from then on every error of the form shows, and the summary too.
    pub submitted: RwSignal<bool>,
    /// The server's field errors of the last answer, as codes, cleared field by field as the
    /// citizen edits.
    server_errors: RwSignal<BTreeMap<Field, Vec<FieldError>>>,
    report: Memo<Report>,
}

impl FormState {
    /// A form over `fields`, typed into `answers`, judged by `report`.
    pub fn new(fields: &[Field], answers: TextAnswers, report: Memo<Report>) -> FormState {
        let marks = fields.iter().map(|&field| Marks { field, dirty: RwSignal::new(false), touched: RwSignal::new(false) }).collect();
        FormState { marks: StoredValue::new(marks), answers, submitted: RwSignal::new(false), server_errors: RwSignal::new(BTreeMap::new()), report }
    }

    fn marks(&self, field: Field) -> Marks {
        self.marks.with_value(|marks| *marks.iter().find(|m| m.field == field).expect("the field belongs to this form"))
    }

    pub fn fields(&self) -> Vec<Field> {
        self.marks.with_value(|marks| marks.iter().map(|m| m.field).collect())
    }

    /// The answer of a text field.
    pub fn value(&self, field: Field) -> RwSignal<String> {
        self.answers.value(field)
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
            .or_else(|| self.server_errors.with(|errors| errors.get(&field).and_then(|e| e.first()).map(|e| field_message(field, e, lang))))
    }

    /// Every error shown now, in page order, for the summary.
    pub fn errors(&self, lang: Lang) -> Vec<(Field, String)> {
        self.fields().into_iter().filter_map(|field| self.error(field, lang).map(|message| (field, message))).collect()
    }

    /// Whether this form's own fields pass the rules and the server had nothing against them.
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

/// A server's field error in `lang`: the rule's own message for a known code, else the server's words.
pub fn field_message(field: Field, error: &FieldError, lang: Lang) -> String {
    Problem::from_code(field, &error.code).map_or_else(|| error.message.clone(), |problem| problem.message(lang))
}
