//! The province's assigned target (完成省下达目标): not assessable until the assigned number is recorded; then the
//! value to date against it, like a level.

use super::{AnnualStatus, Line, Verdict, against_line};

pub(super) fn assess(l: &Line<'_>) -> Verdict {
    if l.target.value.is_none() {
        return Verdict::new(
            AnnualStatus::NotAssessable,
            "省下达的目标数值尚未录入，无法对照",
            Vec::new(),
        );
    }
    let what = format!("{}数值", l.latest.period.label_zh());
    against_line(l, &what)
}
