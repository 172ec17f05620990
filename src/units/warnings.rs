//! Graded warnings (分级约谈): each rule of the plan ([`WarningRule`], defaults in [`crate::model::default_rules`])
//! looked at against a unit's lines; a rule met gives a warning at its level with the lines that met it.

use chrono::NaiveDate;
use serde::Serialize;

use super::UnitLine;
use super::calendar::{Figure, late_beyond};
use crate::model::{Trigger, WarningLevel, WarningRule};

/// One rule met: its level, the reason in words, and the lines (by id) behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub level: WarningLevel,
    pub trigger: Trigger,
    pub reason: String,
    pub lines: Vec<String>,
}

/// The warnings a unit leading `lines` gets under `rules` on `today`, 约谈 first.
pub fn evaluate(rules: &[WarningRule], lines: &[&UnitLine], today: NaiveDate) -> Vec<Warning> {
    let mut out: Vec<Warning> = rules
        .iter()
        .filter_map(|rule| {
            let hit: Vec<&UnitLine> = lines
                .iter()
                .copied()
                .filter(|l| meets(rule, l, today))
                .collect();
            (!hit.is_empty() && hit.len() >= rule.at_least).then(|| Warning {
                level: rule.level,
                trigger: rule.trigger,
                reason: reason(rule, &hit),
                lines: hit.iter().map(|l| l.id.clone()).collect(),
            })
        })
        .collect();
    out.sort_by_key(|w| std::cmp::Reverse(w.level));
    out
}

fn meets(rule: &WarningRule, line: &UnitLine, today: NaiveDate) -> bool {
    match rule.trigger {
        Trigger::Behind => line.is_behind(),
        Trigger::BindingBehind => line.is_behind() && line.binding,
        Trigger::BehindTwice => line.behind_before.is_some(),
        Trigger::Overdue => line.figure.is_overdue(),
        Trigger::OverdueLong => match line.figure {
            Figure::Overdue { due, .. } => late_beyond(due, today, rule.months, rule.days),
            _ => false,
        },
        Trigger::ExplanationMissing => line.explanation_missing(),
    }
}

fn names(lines: &[&UnitLine]) -> String {
    lines
        .iter()
        .map(|l| format!("“{}”", l.name))
        .collect::<Vec<_>>()
        .join("、")
}

fn reason(rule: &WarningRule, hit: &[&UnitLine]) -> String {
    let n = hit.len();
    let what = match rule.trigger {
        Trigger::Behind => format!("{n}项指标滞后于时序进度：{}", names(hit)),
        Trigger::BindingBehind => format!("{n}项约束性指标滞后：{}", names(hit)),
        Trigger::BehindTwice => {
            let each: Vec<String> = hit
                .iter()
                .map(|l| {
                    let before = l
                        .behind_before
                        .map(crate::present::words::period)
                        .unwrap_or_default();
                    format!("“{}”（{before}起）", l.name)
                })
                .collect();
            format!("{n}项指标连续两期滞后：{}", each.join("、"))
        }
        Trigger::Overdue => {
            let each: Vec<String> = hit.iter().map(|l| overdue_words(l)).collect();
            format!("{n}项数据逾期未报：{}", each.join("；"))
        }
        Trigger::OverdueLong => {
            let limit = match (rule.months, rule.days) {
                (m, 0) => format!("{m}个月"),
                (0, d) => format!("{d}日"),
                (m, d) => format!("{m}个月{d}日"),
            };
            format!("{n}项数据逾期超过{limit}：{}", names(hit))
        }
        Trigger::ExplanationMissing => {
            format!("{n}项滞后指标未报送情况说明：{}", names(hit))
        }
    };
    format!("{}：{what}", rule.level.label_zh())
}

/// "“社会消费品零售总额”2027年上半年数据应于2027年7月20日前报送，已逾期31日".
pub fn overdue_words(line: &UnitLine) -> String {
    match line.figure {
        Figure::Overdue { period, due, days } => format!(
            "“{}”{}数据应于{}前报送，已逾期{days}日",
            line.name,
            crate::present::words::period(period),
            due.format("%Y年%-m月%-d日")
        ),
        _ => format!("“{}”", line.name),
    }
}
