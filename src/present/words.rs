//! The words and number forms people read, in one place: every face that shows a period, a latest value, a
//! progress, what remains or a status writes it through here.

use crate::assess::{Assessment, Gap, Remaining};
use crate::model::{Indicator, Period, Plan};
use crate::text::{fmt_number, fmt_pct, fmt_signed_pct};

/// A gap in a table.
pub const NONE: &str = "—";

/// Decimals of an indicator's values (baseline, latest, target) wherever they are read: a figure as it was
/// published (0.018, 85.4, 23011), trailing zeros dropped, never a computed value's noise beyond four places.
pub const VALUE_DECIMALS: usize = 4;

/// Decimals of a share of the way (完成度, 时间进度).
pub const PROGRESS_DECIMALS: usize = 0;

/// A value as read in a table: 29.6, 23011, — for none.
pub fn value(v: Option<f64>) -> String {
    v.map_or_else(|| NONE.to_string(), |v| fmt_number(v, VALUE_DECIMALS))
}

/// A value with its unit: 5.3%, 3553亿元.
pub fn value_with_unit(v: f64, unit: &str) -> String {
    format!("{}{unit}", fmt_number(v, VALUE_DECIMALS))
}

/// A period as people name it: 2025年, 2026年前三季度, 2026年1—8月.
pub fn period(p: Period) -> String {
    p.label_zh()
}

/// The period of a value, — for none.
pub fn period_or_none(p: Option<Period>) -> String {
    p.map_or_else(|| NONE.to_string(), period)
}

/// 时序进度 against time: "28.6%/40%" (完成度 / 时间进度), — where either is unknown.
pub fn progress(a: &Assessment) -> String {
    shares(a.completion_pct, a.elapsed_pct)
}

/// A share done against a share of the time: "28%/40%" (the annual plan's 完成/时序 too).
pub fn shares(done: Option<f64>, time: Option<f64>) -> String {
    match (done, time) {
        (Some(c), Some(e)) => format!(
            "{}%/{}%",
            fmt_number(c, PROGRESS_DECIMALS),
            fmt_number(e, PROGRESS_DECIMALS)
        ),
        _ => NONE.to_string(),
    }
}

/// The status in the plan's own words (a plan may call 滞后 something else).
pub fn status_word(plan: &Plan, a: &Assessment) -> String {
    plan.status_label(a.status).to_string()
}

/// The marks beside a status: ⚠ a binding alert, ※ notes to read.
pub fn status_marks(a: &Assessment) -> String {
    format!(
        "{}{}",
        if a.binding_alert { " ⚠" } else { "" },
        if a.notes.is_empty() { "" } else { " ※" }
    )
}

/// Symbol and word, the binding alert, and ※ where the assessment has notes: readable without colour.
pub fn status_cell(plan: &Plan, a: &Assessment) -> String {
    format!(
        "{} {}{}",
        a.status.symbol(),
        status_word(plan, a),
        status_marks(a)
    )
}

/// What the rest of the plan still needs, in a table's cell: +5.45%, 每年12亿元, 目标年已过，未实现, —.
pub fn remaining(indicator: &Indicator, a: &Assessment) -> String {
    match a.remaining {
        Remaining::Growth { pct } => fmt_signed_pct(pct),
        Remaining::PerYear { amount } => {
            format!("每年{}", value_with_unit(amount, &indicator.unit))
        }
        Remaining::TargetYearPassed { met: false, .. } => "目标年已过，未实现".to_string(),
        Remaining::TargetYearPassed { met: true, .. } | Remaining::Nothing => NONE.to_string(),
    }
}

/// [`remaining`] for a narrow column beside the unit column: the amount without its unit (每年25), a passed
/// target in short (已过，未实现).
pub fn remaining_short(indicator: &Indicator, a: &Assessment) -> String {
    match a.remaining {
        Remaining::PerYear { amount } => format!("每年{}", fmt_number(amount, VALUE_DECIMALS)),
        Remaining::TargetYearPassed { met: false, .. } => "已过，未实现".to_string(),
        _ => remaining(indicator, a),
    }
}

/// How far from the target, in a sentence: in 个百分点 for an average-growth target, as a share of the target
/// otherwise.
pub fn gap(g: &Gap) -> String {
    match *g {
        Gap::AverageGrowth {
            achieved_pct,
            target_pct,
            points,
        } => format!(
            "已实现年均增长{}，低于年均{}%的目标{}个百分点",
            fmt_pct(achieved_pct),
            fmt_number(target_pct, 2),
            fmt_number(points, 2)
        ),
        Gap::Cumulative { done, total, share } => format!(
            "累计完成{}，距累计目标{}尚差{:.1}%（占目标值）",
            fmt_number(done, VALUE_DECIMALS),
            fmt_number(total, VALUE_DECIMALS),
            share * 100.0
        ),
        Gap::Share { share } => format!("按最新值距目标尚差{}（占目标值）", fmt_pct(share * 100.0)),
    }
}

/// The year a goal is first reached, in a table's cell: 2028年, 基期2025年已达到, 规划期内未达到.
pub fn reached_in(year: Option<i32>, base_year: i32) -> String {
    match year {
        Some(y) if y == base_year => format!("基期{y}年已达到"),
        Some(y) => format!("{y}年"),
        None => "规划期内未达到".to_string(),
    }
}

/// Whether a goal is met, in a table's cell.
pub fn met(met: bool) -> &'static str {
    if met { "达到" } else { "未达到" }
}
