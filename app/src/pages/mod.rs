//! One module a screen.

mod accessibility;
mod account;
mod not_found;

pub use accessibility::AccessibilityPage;
pub use account::AccountPage;
pub use not_found::NotFoundPage;

/// How many steps the registration wizard has before the SMS code.
pub const REGISTRATION_STEPS: u8 = 6;
