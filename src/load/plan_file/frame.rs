//! What the indicator and target readers share: the frame they are checked against, and the number check.

use toml::Spanned;

/// What indicators are checked against: the plan's categories and years, where [plan] could be read.
pub(super) struct Frame {
    pub(super) categories: Option<Vec<String>>,
    pub(super) years: Option<(i32, i32)>,
}

pub(super) fn finite(
    v: Spanned<f64>,
    field: &str,
    bad: &mut impl FnMut(std::ops::Range<usize>, &str, String),
) -> Option<f64> {
    match crate::load::value_problem(*v.get_ref()) {
        None => Some(*v.get_ref()),
        Some(message) => {
            bad(v.span(), field, message);
            None
        }
    }
}
