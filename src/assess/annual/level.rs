//! A level or ratio to reach or stay under (研发投入强度 3.4%左右; PM2.5 不高于 30): the value at the latest date
//! against the line, direction-aware (for "lower is better" the line is the ceiling).

use super::{Line, Verdict, against_line};

pub(super) fn assess(l: &Line<'_>) -> Verdict {
    let what = format!("{}水平", l.latest.period.label_zh());
    against_line(l, &what)
}
