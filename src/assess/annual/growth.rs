//! A growth rate to reach in the year (GDP 增长5%—5.5%): the growth to date (累计增长) against the target; for a
//! range the low end is the line and above the high end is 超额.

use super::{Line, Verdict, against_line};

pub(super) fn assess(l: &Line<'_>) -> Verdict {
    let what = format!("{}累计增长", l.latest.period.label_zh());
    against_line(l, &what)
}
