//! Every input rule of the Profil Zaufany portal, in one place: username, password, PESEL, ID card
//! number, Polish mobile number, e-mail and personal names, each with typed errors that serialise
//! to stable codes and carry Polish and English messages; plus the request and response types the
//! app and api-mock exchange. The browser (wasm32) and the server run this very code, so they can
//! never disagree. This crate never does I/O and never reads a clock.

pub mod api;
pub mod date;
pub mod i18n;
pub mod notices;
pub mod paths;
pub mod pattern;
pub mod refusal;
pub mod rules;
pub mod text;
pub mod validate;
pub mod validity;

pub use i18n::{Lang, Text};
pub use refusal::Refusal;
pub use validate::{validate, Problem, Report};
