//! Page objects: what a citizen can see and do on each screen, in the page's own terms.

pub mod account;
pub mod signin;
pub mod wizard;
