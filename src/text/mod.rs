//! Text for people: tables aligned by display width, and numbers written the way officials write them.

mod number;
mod sanitize;
mod table;
mod wrap;

pub use number::{fmt_number, fmt_pct, fmt_signed_pct};
pub use sanitize::{first_control, is_control, neutralise_formula, strip_controls};
pub use table::{Align, Table, display_width, pad, truncate};
pub use wrap::wrap;
