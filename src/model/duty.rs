//! Who answers for a figure, as a plan states it: when a period's figure is due (报送时限) and the graded warnings
//! (分级约谈) a unit gets. These are local policy: the defaults here are a starting point, and a plan file's
//! `[units]` table changes them (see README "责任单位与分级预警"). The reckoning is in [`crate::units`].

use serde::Serialize;

use super::period::{Period, PeriodPart};

/// Which periods a due clause is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// 月后: a month's cumulative figure.
    Month,
    /// 季后: a quarter's (一季度, 前三季度).
    Quarter,
    /// 半年后: the first half (上半年); falls back to the quarter's clause where none is given.
    Half,
    /// 年后: the full year.
    Year,
    /// 期后: any period.
    Any,
}

impl DueKind {
    fn word(self) -> &'static str {
        match self {
            DueKind::Month => "月后",
            DueKind::Quarter => "季后",
            DueKind::Half => "半年后",
            DueKind::Year => "年后",
            DueKind::Any => "期后",
        }
    }

    /// The kind of a period, for finding its clause: a figure covering the whole year is a year's.
    pub fn of(period: Period) -> DueKind {
        if period.covers_year() {
            return DueKind::Year;
        }
        match period.part {
            PeriodPart::Month(_) => DueKind::Month,
            PeriodPart::Half(_) => DueKind::Half,
            _ => DueKind::Quarter,
        }
    }
}

/// One clause of a due rule: figures of `kind` are due `days` days after the period ends (季后20日).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueClause {
    pub kind: DueKind,
    pub days: u32,
}

/// The forms a due clause is written in, for messages.
pub const DUE_FORMS: &str =
    "月后15日、季后20日、半年后20日、年后45日、期后20日（天数为 0–366 的整数）";

impl DueClause {
    /// Reads "季后20日" (also 季度后、季后20天); None where the words are not one of [`DUE_FORMS`].
    pub fn parse(text: &str) -> Option<DueClause> {
        let text = text.trim();
        let kinds: [(&[&str], DueKind); 5] = [
            (&["半年后", "半年度后"], DueKind::Half),
            (&["月后", "月度后"], DueKind::Month),
            (&["季后", "季度后"], DueKind::Quarter),
            (&["年后", "年度后"], DueKind::Year),
            (&["期后"], DueKind::Any),
        ];
        let (kind, rest) = kinds.iter().find_map(|(words, kind)| {
            words
                .iter()
                .find_map(|w| text.strip_prefix(w))
                .map(|rest| (*kind, rest))
        })?;
        let digits = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('天'))?
            .trim();
        let days: u32 = digits.parse().ok()?;
        (days <= 366).then_some(DueClause { kind, days })
    }

    pub fn text(self) -> String {
        format!("{}{}日", self.kind.word(), self.days)
    }
}

/// Built-in due clauses: monthly figures 15 days after the month, quarterly and half-year ones 20 days after,
/// the year's 45 days after (the statistics bureau's preliminary year figures come out in late January–February).
pub const DEFAULT_DUE: [DueClause; 3] = [
    DueClause {
        kind: DueKind::Month,
        days: 15,
    },
    DueClause {
        kind: DueKind::Quarter,
        days: 20,
    },
    DueClause {
        kind: DueKind::Year,
        days: 45,
    },
];

/// The clause that applies to a period among `clauses` (the line's own first, then the plan's, then the built-in
/// ones): the period's own kind, a half year falling back to the quarter's, then any 期后 clause.
pub fn due_clause(period: Period, layers: &[&[DueClause]]) -> DueClause {
    let wanted: &[DueKind] = match DueKind::of(period) {
        DueKind::Half => &[DueKind::Half, DueKind::Quarter, DueKind::Any],
        DueKind::Month => &[DueKind::Month, DueKind::Any],
        DueKind::Quarter => &[DueKind::Quarter, DueKind::Any],
        DueKind::Year | DueKind::Any => &[DueKind::Year, DueKind::Any],
    };
    for layer in layers.iter().chain(std::iter::once(&&DEFAULT_DUE[..])) {
        for k in wanted {
            if let Some(c) = layer.iter().find(|c| c.kind == *k) {
                return *c;
            }
        }
    }
    // The built-in layer has every kind but Half and Any, and Half falls back to Quarter.
    DEFAULT_DUE[1]
}

/// A warning's grade: 提醒 (reminder), then 约谈 (called in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum WarningLevel {
    #[serde(rename = "提醒")]
    Remind,
    #[serde(rename = "约谈")]
    Summon,
}

impl WarningLevel {
    pub fn label_zh(self) -> &'static str {
        match self {
            WarningLevel::Remind => "提醒",
            WarningLevel::Summon => "约谈",
        }
    }

    pub fn from_name(name: &str) -> Option<WarningLevel> {
        match name.trim() {
            "提醒" | "remind" => Some(WarningLevel::Remind),
            "约谈" | "summon" => Some(WarningLevel::Summon),
            _ => None,
        }
    }
}

/// What a warning rule looks at in a unit's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A line behind the schedule (滞后).
    Behind,
    /// A binding (约束性) line behind.
    BindingBehind,
    /// The same line behind in this period and the one before (连续两期滞后).
    BehindTwice,
    /// A figure due and not received (逾期).
    Overdue,
    /// A figure overdue by more than the rule's `months` and `days`.
    OverdueLong,
    /// A line behind without its 情况说明.
    ExplanationMissing,
}

impl Trigger {
    /// The codes a plan file writes, with the Chinese names also accepted, in the order listed to users.
    pub const NAMES: [(&'static str, &'static str, Trigger); 6] = [
        ("behind", "指标滞后", Trigger::Behind),
        ("binding_behind", "约束性指标滞后", Trigger::BindingBehind),
        ("behind_twice", "连续两期滞后", Trigger::BehindTwice),
        ("overdue", "数据逾期", Trigger::Overdue),
        ("overdue_long", "逾期超过时限", Trigger::OverdueLong),
        (
            "explanation_missing",
            "缺少情况说明",
            Trigger::ExplanationMissing,
        ),
    ];

    pub fn from_name(name: &str) -> Option<Trigger> {
        let name = name.trim();
        Trigger::NAMES
            .iter()
            .find(|(code, zh, _)| *code == name || *zh == name)
            .map(|(_, _, t)| *t)
    }
}

/// One graded-warning rule: a unit with at least `at_least` lines meeting `trigger` gets `level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WarningRule {
    pub level: WarningLevel,
    pub trigger: Trigger,
    pub at_least: usize,
    /// [`Trigger::OverdueLong`]: overdue by more than this many calendar months plus `days` days.
    pub months: u32,
    pub days: u32,
}

impl WarningRule {
    pub const fn new(level: WarningLevel, trigger: Trigger) -> WarningRule {
        WarningRule {
            level,
            trigger,
            at_least: 1,
            months: 0,
            days: 0,
        }
    }
}

/// The built-in rules (the and the district documents' practice): 提醒 for a line behind, a figure
/// overdue or an explanation missing; 约谈 for a binding line behind, the same line behind two periods running,
/// or a figure overdue by more than a month.
pub fn default_rules() -> Vec<WarningRule> {
    use Trigger::*;
    use WarningLevel::*;
    vec![
        WarningRule::new(Remind, Behind),
        WarningRule::new(Remind, Overdue),
        WarningRule::new(Remind, ExplanationMissing),
        WarningRule::new(Summon, BindingBehind),
        WarningRule::new(Summon, BehindTwice),
        WarningRule {
            months: 1,
            ..WarningRule::new(Summon, OverdueLong)
        },
    ]
}

/// The plan's reporting calendar and warning rules (`[units]` in the plan file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitsPolicy {
    /// The plan's due clauses (before the built-in [`DEFAULT_DUE`]).
    pub due: Vec<DueClause>,
    pub rules: Vec<WarningRule>,
}

impl Default for UnitsPolicy {
    fn default() -> Self {
        UnitsPolicy {
            due: Vec::new(),
            rules: default_rules(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_words_are_read_exactly() {
        assert_eq!(
            DueClause::parse("季后20日"),
            Some(DueClause {
                kind: DueKind::Quarter,
                days: 20
            })
        );
        assert_eq!(
            DueClause::parse("半年后 10 天").unwrap().kind,
            DueKind::Half
        );
        assert_eq!(DueClause::parse("年后45日").unwrap().days, 45);
        assert_eq!(DueClause::parse("季后二十日"), None);
        assert_eq!(DueClause::parse("季后400日"), None);
        assert_eq!(DueClause::parse("20日"), None);
        assert_eq!(DueClause::parse("季后20日").unwrap().text(), "季后20日");
    }

    #[test]
    fn a_line_clause_wins_and_a_half_year_falls_back_to_the_quarter() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        let line = [DueClause::parse("月后10日").unwrap()];
        let plan = [DueClause::parse("季后25日").unwrap()];
        assert_eq!(due_clause(p("2027-08"), &[&line, &plan]).days, 10);
        assert_eq!(due_clause(p("2027H1"), &[&line, &plan]).days, 25);
        assert_eq!(due_clause(p("2027"), &[&line, &plan]).days, 45);
        assert_eq!(due_clause(p("2027Q4"), &[]).kind, DueKind::Year);
        let any = [DueClause::parse("期后30日").unwrap()];
        assert_eq!(due_clause(p("2027Q1"), &[&any]).days, 30);
    }
}
