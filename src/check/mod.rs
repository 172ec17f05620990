//! Checks on figures beyond what the loader refuses: values that are well-formed but probably wrong.

pub mod plausible;

pub use plausible::{Check, Warning, check_dataset};
