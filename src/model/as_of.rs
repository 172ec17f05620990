//! An as-of year or period outside the years a plan can be assessed for: the one error every face reports the
//! same way (the command line names the flag that set it).

use super::Period;

/// An as-of year (or a period of one) outside the years a plan can be assessed for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct AsOfOutOfRange {
    pub year: i32,
    /// The period asked for (2031, 2031Q3).
    pub asked: Period,
    pub plan: String,
    pub first: i32,
    pub last: i32,
}

impl AsOfOutOfRange {
    fn message(&self) -> String {
        let what = if self.asked.is_full_year() {
            format!("截至年份 {} 年", self.year)
        } else {
            format!("截至时期 {}（{}）", self.asked, self.asked.label_zh())
        };
        format!(
            "{what}不在规划“{}”的评估范围内：应为 {}–{} 之间的年份，或其中的时期（如 {}Q3、{}H1）",
            self.plan, self.first, self.last, self.last, self.last
        )
    }
}
