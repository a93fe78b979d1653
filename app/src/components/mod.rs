//! The building blocks every screen uses: one form state, one field, one error summary, one frame
//! of a form page, one page heading, one status of a call to the service, one SMS code, one wait
//! for a push in mObywatel, the password's rules ticking; and the parts of the frame about the
//! session (the account menu, the timeout dialog, signed-in pages).

pub mod account_menu;
pub mod announced;
pub mod error_summary;
pub mod expiry_notice;
pub mod field;
pub mod form;
pub mod form_page;
pub mod its_you;
pub mod layout;
pub mod page_heading;
pub mod password_rules;
pub mod push_wait;
pub mod request_status;
pub mod session_timeout;
pub mod signed_in;
pub mod sms_code;
