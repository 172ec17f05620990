//! Checks on figures beyond what the loader refuses: values that are well-formed but probably wrong.

pub mod plausible;
pub mod validate;

pub use plausible::{Check, Warning, check_dataset};
pub use validate::{Validation, validate};
