//! The state of one form: each field's value and whether its error may show yet, the report of
//! `shared::validate` derived from the values, and what the server answered.

use leptos::prelude::*;
use shared::api::{Field, FieldError, ValidateRequest};
use shared::{Lang, Report};
use std::collections::BTreeMap;

/// One input: its value, whether the citizen typed in it, and whether they have left it since.
#[derive(Clone, Copy)]
pub struct FieldInput {
    pub field: Field,
    pub value: RwSignal<String>,
    dirty: RwSignal<bool>,
    touched: RwSignal<bool>,
}

/// A form over a fixed list of fields, in the order they appear on the page.
#[derive(Clone, Copy)]
pub struct FormState {
    inputs: StoredValue<Vec<FieldInput>>,
    /// Set by the first "Dalej": from then on every error shows, and the summary too.
    pub submitted: RwSignal<bool>,
    /// The server's field errors of the last check, cleared field by field as the citizen edits.
    server_errors: RwSignal<BTreeMap<Field, Vec<FieldError>>>,
    pub report: Memo<Report>,
}

impl FormState {
    pub fn new(fields: &[Field]) -> FormState {
        let inputs: Vec<FieldInput> = fields
            .iter()
            .map(|&field| FieldInput { field, value: RwSignal::new(String::new()), dirty: RwSignal::new(false), touched: RwSignal::new(false) })
            .collect();
        let request = {
            let inputs = inputs.clone();
            move || {
                let mut request = ValidateRequest::default();
                inputs.iter().for_each(|input| {
                    request.set(input.field, input.value.get());
                });
                request
            }
        };
        FormState {
            inputs: StoredValue::new(inputs),
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(BTreeMap::new()),
            report: Memo::new(move |_| shared::validate(&request(), crate::dom::today())),
        }
    }

    pub fn input(&self, field: Field) -> FieldInput {
        self.inputs.with_value(|inputs| *inputs.iter().find(|i| i.field == field).expect("the field belongs to this form"))
    }

    pub fn fields(&self) -> Vec<Field> {
        self.inputs.with_value(|inputs| inputs.iter().map(|i| i.field).collect())
    }

    /// The values as the API takes them, read without tracking.
    pub fn request(&self) -> ValidateRequest {
        let mut request = ValidateRequest::default();
        self.inputs.with_value(|inputs| {
            inputs.iter().for_each(|i| {
                request.set(i.field, i.value.get_untracked());
            })
        });
        request
    }

    pub fn on_input(&self, field: Field, value: String) {
        let input = self.input(field);
        input.value.set(value);
        input.dirty.set(true);
        self.server_errors.update(|errors| {
            errors.remove(&field);
        });
    }

    /// Leaving a field the citizen typed in lets its errors show from then on.
    pub fn on_blur(&self, field: Field) {
        let input = self.input(field);
        if input.dirty.get_untracked() {
            input.touched.set(true);
        }
    }

    pub fn set_server_errors(&self, errors: BTreeMap<Field, Vec<FieldError>>) {
        self.server_errors.set(errors);
    }

    /// The message to show beside a field now, if any: the rule's first, else the server's.
    pub fn error(&self, field: Field, lang: Lang) -> Option<String> {
        let input = self.input(field);
        if !(input.touched.get() || self.submitted.get()) {
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

    pub fn is_valid_untracked(&self) -> bool {
        self.report.with_untracked(Report::is_valid)
    }
}
