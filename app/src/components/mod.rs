//! The building blocks every screen uses: one form state, one field, one error summary, one frame.

pub mod error_summary;
pub mod field;
pub mod form;
pub mod layout;
pub mod wizard_step;
