//! How the report writes values: numbers as an official document writes them, a dash for a gap.

use crate::assess::Assessment;
use crate::model::{Indicator, Plan};
use crate::present::words;
use crate::text::fmt_number;

pub const GAP: &str = "—";

/// Chinese ordinal for section numbers: 一, 二, … 二十.
pub fn ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// A value with its unit: 5.3%, 3553亿元, 1.63.
pub fn value(v: f64, unit: &str) -> String {
    words::value_with_unit(v, unit)
}

/// The baseline as the table states it, with the year where it is not the plan's base year.
pub fn baseline(ind: &Indicator, a: &Assessment, plan_base_year: i32) -> String {
    match (&ind.baseline, a.baseline) {
        (Some(b), _) if b.value.is_some() || a.baseline.is_none() => {
            if b.year != plan_base_year && !b.text.contains('年') {
                format!("{}（{}年）", b.text, b.year)
            } else {
                b.text.clone()
            }
        }
        (_, Some(p)) => format!("{}（{}年，历史数据）", fmt_number(p.value, 2), p.year),
        (None, None) => GAP.to_string(),
        (Some(b), None) => b.text.clone(),
    }
}

/// The newest value with its period: 31.4（2025年）.
pub fn latest(a: &Assessment) -> String {
    a.latest.map_or_else(
        || GAP.to_string(),
        |l| {
            format!(
                "{}（{}）",
                words::value(Some(l.value)),
                words::period(l.period)
            )
        },
    )
}

/// The target as the table states it, with its year where that is not the plan's end.
pub fn target(ind: &Indicator, plan_end_year: i32) -> String {
    if ind.target.year != plan_end_year {
        format!("{}（{}年）", ind.target.text, ind.target.year)
    } else {
        ind.target.text.clone()
    }
}

/// The status in the plan's words, with the binding alert.
/// The status word, the binding alert, and ※ where the assessment has notes (listed in the report).
pub fn status(plan: &Plan, a: &Assessment) -> String {
    let label = plan.status_label(a.status);
    let mark = if a.notes.is_empty() { "" } else { "※" };
    if a.binding_alert {
        format!("{label}（约束性预警）{mark}")
    } else {
        format!("{label}{mark}")
    }
}

/// 时序进度 against time: "28.6% / 40%".
pub fn progress(a: &Assessment) -> String {
    words::progress(a)
}

/// What the rest of the plan needs: a growth rate, or an amount a year for cumulative targets; nothing once the
/// target year is over (the assessment's [`crate::assess::Remaining`]).
pub fn required(ind: &Indicator, a: &Assessment) -> String {
    words::remaining(ind, a)
}

/// The unit column: a dash where the indicator has none (城乡收入倍差).
pub fn unit(ind: &Indicator) -> String {
    if ind.unit.is_empty() {
        GAP.to_string()
    } else {
        ind.unit.clone()
    }
}

/// The name with the level marker of the annex (▲ 省指标, ★ 市指标).
pub fn name(ind: &Indicator) -> String {
    format!("{}{}", ind.marker(), ind.display_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_in_official_documents() {
        assert_eq!(ordinal(1), "一");
        assert_eq!(ordinal(10), "十");
        assert_eq!(ordinal(12), "十二");
        assert_eq!(ordinal(31), "三十一");
    }

    #[test]
    fn values_carry_their_units() {
        assert_eq!(value(5.30, "%"), "5.3%");
        assert_eq!(value(3553.0, "亿元"), "3553亿元");
    }
}
