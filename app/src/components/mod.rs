//! The building blocks every screen uses: one form state, one field, one error summary, one frame,
//! one status of a call to the service.

pub mod error_summary;
pub mod field;
pub mod form;
pub mod layout;
pub mod request_status;
pub mod wizard_step;
