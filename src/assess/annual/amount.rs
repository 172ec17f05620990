//! An amount to complete in the year (社零 突破1万亿元, 固定资产投资): the share of the year's target completed to
//! date against the share of the year gone. The share gone is the same period's share of the full year in earlier
//! years' data (seasonality: first halves are light), averaged over up to [`SEASONAL_YEARS`] years, where the data
//! hold it; else the calendar share. The working says which.

use super::{AnnualStatus, ElapsedBasis, Line, SEASONAL_YEARS, Verdict, against_line};
use crate::assess::{num, step};
use crate::model::Better;

pub(super) fn assess(l: &Line<'_>) -> Verdict {
    if l.year_end {
        return against_line(l, "全年累计");
    }
    let unit = l.unit;
    let now = l.latest;
    let Some((line, _)) = l.line_and_far() else {
        return Verdict::new(
            AnnualStatus::NotAssessable,
            "年度目标未给出数值",
            Vec::new(),
        );
    };
    if line <= 0.0 {
        return Verdict::new(
            AnnualStatus::NotAssessable,
            "年度总量目标不为正数，无法计算完成比例",
            Vec::new(),
        );
    }
    let mut working = Vec::new();
    let completion = now.value / line;
    working.push(step(
        "完成比例",
        format!(
            "{} {}{unit} ÷ 全年目标 {}{unit} = {:.1}%",
            now.period.label_zh(),
            num(now.value),
            num(line),
            completion * 100.0
        ),
    ));
    let (elapsed, basis) = seasonal_share(l, &mut working).map_or_else(
        || {
            let share = now.period.calendar_share();
            working.push(step(
                "时序进度",
                format!(
                    "往年同期数据不足，按日历进度：{} 个月 ÷ 12 = {:.1}%",
                    now.period.part.months(),
                    share * 100.0
                ),
            ));
            (share, ElapsedBasis::Calendar)
        },
        |s| (s, ElapsedBasis::Seasonal),
    );
    let ratio = completion / elapsed;
    let lower = l.better == Better::Lower;
    working.push(step(
        "对照",
        format!(
            "完成比例 {:.1}% ÷ 时序进度 {:.1}% = {}（{}）",
            completion * 100.0,
            elapsed * 100.0,
            num((ratio * 10000.0).round() / 10000.0),
            if lower {
                "不超过 1 为符合；越低越好"
            } else {
                "不低于 1 为符合"
            }
        ),
    ));
    let ahead = l.ahead_ratio();
    let status = if lower {
        if ratio * ahead <= 1.0 {
            AnnualStatus::Ahead
        } else if ratio <= 1.0 {
            AnnualStatus::OnSchedule
        } else {
            AnnualStatus::Behind
        }
    } else if ratio >= ahead {
        AnnualStatus::Ahead
    } else if ratio >= 1.0 {
        AnnualStatus::OnSchedule
    } else {
        AnnualStatus::Behind
    };
    let basis_text = match basis {
        ElapsedBasis::Seasonal => "往年同期占全年比重",
        ElapsedBasis::Calendar => "日历进度",
    };
    let reason = format!(
        "完成全年目标的 {:.1}%，时序进度（{basis_text}）{:.1}%",
        completion * 100.0,
        elapsed * 100.0
    );
    Verdict {
        status,
        reason,
        completion_pct: Some(completion * 100.0),
        elapsed_pct: Some(elapsed * 100.0),
        elapsed_basis: Some(basis),
        line: Some(line),
        working,
    }
}

/// The same period's average share of the full year over the earlier years that have both figures.
fn seasonal_share(l: &Line<'_>, working: &mut Vec<crate::assess::Step>) -> Option<f64> {
    let history = &l.dataset.history;
    let period = l.latest.period;
    let mut shares = Vec::new();
    for year in (period.year - SEASONAL_YEARS..period.year).rev() {
        let part = history.period_value(l.series, period.in_year(year));
        let full = history.year_value(l.series, year);
        if let (Some(part), Some(full)) = (part, full)
            && full > 0.0
        {
            let share = part.value / full;
            working.push(step(
                "往年同期",
                format!(
                    "{} {}{} ÷ 全年 {}{} = {:.1}%",
                    part.period.label_zh(),
                    num(part.value),
                    l.unit,
                    num(full),
                    l.unit,
                    share * 100.0
                ),
            ));
            shares.push(share);
        }
    }
    if shares.is_empty() {
        return None;
    }
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    working.push(step(
        "时序进度",
        format!(
            "按季节性：往年同期占全年比重的平均值（{} 年）= {:.1}%",
            shares.len(),
            mean * 100.0
        ),
    ));
    Some(mean)
}
