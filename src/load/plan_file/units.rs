//! The plan file's `[units]` table (报送时限 and 分级预警 rules) and the per-line `due` and `weight` keys that
//! `[[indicator]]` and `[[annual_target]]` share. Every problem names the field and says what is expected.

use serde::Deserialize;
use toml::Spanned;

use crate::load::document::Document;
use crate::model::{
    DUE_FORMS, DueClause, Trigger, UnitsPolicy, WarningLevel, WarningRule, default_rules,
};
use crate::problem::Problem;

/// `due = "季后20日"` or `due = ["月后15日", "季后20日"]`.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum RawDue {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnits {
    due: Option<Spanned<RawDue>>,
    /// Replaces the built-in rules where given.
    warning: Option<Vec<Spanned<RawWarning>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWarning {
    level: Spanned<String>,
    when: Spanned<String>,
    at_least: Option<Spanned<i64>>,
    months: Option<Spanned<i64>>,
    days: Option<Spanned<i64>>,
}

/// The due clauses a `due` key states, each checked; a clause repeated for the same kind of period is a problem.
pub(crate) fn due(
    doc: &Document<'_>,
    raw: Option<&Spanned<RawDue>>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Vec<DueClause> {
    let Some(raw) = raw else {
        return Vec::new();
    };
    let texts: Vec<&String> = match raw.get_ref() {
        RawDue::One(t) => vec![t],
        RawDue::Many(v) => v.iter().collect(),
    };
    let mut out: Vec<DueClause> = Vec::new();
    for text in texts {
        match DueClause::parse(text) {
            Some(c) if out.iter().any(|o| o.kind == c.kind) => problems.push(doc.problem(
                raw.span(),
                field.to_string(),
                format!("报送时限“{text}”与前面的同类时限重复：每类时期只能写一个"),
            )),
            Some(c) => out.push(c),
            None => problems.push(doc.problem(
                raw.span(),
                field.to_string(),
                format!("报送时限“{text}”无法识别：应写成 {DUE_FORMS}"),
            )),
        }
    }
    out
}

/// A line's 考核权重: a non-negative finite number.
pub(crate) fn weight(
    doc: &Document<'_>,
    raw: Option<&Spanned<f64>>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    let raw = raw?;
    let w = *raw.get_ref();
    if w.is_finite() && (0.0..=1e6).contains(&w) {
        Some(w)
    } else {
        problems.push(doc.problem(
            raw.span(),
            field.to_string(),
            format!("考核权重 {w} 无效：应为 0–1000000 之间的数字（如 10）"),
        ));
        None
    }
}

/// The `[units]` table as the plan's policy; a table absent gives the defaults.
pub(super) fn check_units(
    doc: &Document<'_>,
    raw: RawUnits,
    problems: &mut Vec<Problem>,
) -> UnitsPolicy {
    let due = due(doc, raw.due.as_ref(), "units.due", problems);
    let rules = match raw.warning {
        None => default_rules(),
        Some(list) => list
            .iter()
            .enumerate()
            .filter_map(|(n, w)| warning(doc, w, &format!("units.warning[{}]", n + 1), problems))
            .collect(),
    };
    UnitsPolicy { due, rules }
}

fn warning(
    doc: &Document<'_>,
    raw: &Spanned<RawWarning>,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<WarningRule> {
    let w = raw.get_ref();
    let before = problems.len();
    let level = WarningLevel::from_name(w.level.get_ref());
    if level.is_none() {
        problems.push(doc.problem(
            w.level.span(),
            format!("{path}.level"),
            format!("预警等级“{}”无法识别：应为 提醒 或 约谈", w.level.get_ref()),
        ));
    }
    let trigger = Trigger::from_name(w.when.get_ref());
    if trigger.is_none() {
        let known: Vec<String> = Trigger::NAMES
            .iter()
            .map(|(code, zh, _)| format!("{code}（{zh}）"))
            .collect();
        problems.push(doc.problem(
            w.when.span(),
            format!("{path}.when"),
            format!(
                "预警条件“{}”无法识别：应为 {}",
                w.when.get_ref(),
                known.join("、")
            ),
        ));
    }
    let mut count = |v: &Option<Spanned<i64>>, field: &str, min: i64, default: u32| -> u32 {
        match v {
            None => default,
            Some(v) if (min..=10_000).contains(v.get_ref()) => *v.get_ref() as u32,
            Some(v) => {
                problems.push(doc.problem(
                    v.span(),
                    format!("{path}.{field}"),
                    format!("应为 {min}–10000 之间的整数，现为 {}", v.get_ref()),
                ));
                default
            }
        }
    };
    let at_least = count(&w.at_least, "at_least", 1, 1);
    let months = count(&w.months, "months", 0, 0);
    let days = count(&w.days, "days", 0, 0);
    if trigger != Some(Trigger::OverdueLong) && (w.months.is_some() || w.days.is_some()) {
        problems.push(doc.problem(
            raw.span(),
            path.to_string(),
            "months、days 只用于条件 overdue_long（逾期超过时限）",
        ));
    }
    if trigger == Some(Trigger::OverdueLong) && months == 0 && days == 0 {
        problems.push(doc.problem(
            raw.span(),
            path.to_string(),
            "条件 overdue_long（逾期超过时限）需要写明时限：months = 1 或 days = 30",
        ));
    }
    if problems.len() > before {
        return None;
    }
    Some(WarningRule {
        level: level?,
        trigger: trigger?,
        at_least: at_least as usize,
        months,
        days,
    })
}
