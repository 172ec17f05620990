//! One rule per target kind (DOMAIN §2), one file each. Each fills the assessment's numbers, status, reason and
//! working; the helpers here (required growth, trend projection, the conclusion line) are shared by them.

mod average_growth;
mod cumulative;
mod direction;
mod in_step;
mod level;
mod maintain;
mod province_assigned;

use super::growth::required_rate;
use super::projection::project;
use super::{Assessment, Inputs, NoteCode, Point, ProjectionGrade, Status, level_met, num, step};
use crate::model::TargetKind;
use crate::text::{fmt_pct, fmt_signed_pct};

pub(super) fn assess_kind(i: &Inputs<'_>, a: &mut Assessment) {
    match &i.indicator.target.kind {
        TargetKind::AtLeast { value }
        | TargetKind::AtMost { value }
        | TargetKind::About { value, .. } => level::assess(i, a, *value),
        TargetKind::AverageGrowth { rate_pct } => average_growth::assess(i, a, *rate_pct),
        TargetKind::Cumulative {
            total,
            annual_floor,
        } => cumulative::assess(i, a, *total, *annual_floor),
        TargetKind::InStep { with } => in_step::assess(i, a, with, in_step::Compare::InStep),
        TargetKind::Above { with } => in_step::assess(i, a, with, in_step::Compare::Above),
        TargetKind::ProvinceAssigned => {
            province_assigned::assess(i, a, province_assigned::Assigner::Province)
        }
        TargetKind::Yearly => {
            province_assigned::assess(i, a, province_assigned::Assigner::AnnualPlan)
        }
        TargetKind::Direction => direction::assess(i, a),
        TargetKind::Maintain { value } => maintain::assess(i, a, *value),
        TargetKind::Rise { by } => match i.indicator.target.level(i.base_value, i.direction) {
            Some(level) => {
                a.working.push(step(
                    "目标水平",
                    format!(
                        "累计提高 {}：基期 {} {} {} = {}{}",
                        num(*by),
                        num(i.base_value.unwrap_or(level)),
                        if i.direction >= 0.0 { "+" } else { "−" },
                        num(*by),
                        num(level),
                        i.indicator.unit
                    ),
                ));
                level::assess(i, a, level);
            }
            None => not_assessable(
                i,
                a,
                format!(
                    "累计提高 {} 的目标以基期为起点，而基期（{}年）没有数值",
                    num(*by),
                    i.base_year
                ),
            ),
        },
    }
}

/// The words for a line to hold, as the direction says: a floor is a 保持线 one falls 低于, a ceiling a 控制线 one
/// goes 超出.
pub(super) struct HoldWords {
    pub line: &'static str,
    pub through: &'static str,
    pub keep: &'static str,
}

pub(super) fn hold_words(direction: f64) -> HoldWords {
    if direction >= 0.0 {
        HoldWords {
            line: "保持线",
            through: "低于",
            keep: "上",
        }
    } else {
        HoldWords {
            line: "控制线",
            through: "超出",
            keep: "内",
        }
    }
}

/// Whether a value has reached a level target `aim` (for a rise: the base plus the rise), counting the line
/// itself only where the target's words are inclusive.
pub(super) fn reached(i: &Inputs<'_>, value: f64, aim: f64) -> bool {
    let target = &i.indicator.target;
    match target.kind {
        TargetKind::Rise { .. } => target.bound().holds(value, aim, i.direction),
        _ => level_met(
            &target.kind,
            target.bound(),
            value,
            i.direction,
            i.dataset.plan.thresholds.about_tolerance_pct,
        )
        .unwrap_or(false),
    }
}

pub(super) fn not_assessable(i: &Inputs<'_>, a: &mut Assessment, reason: impl Into<String>) {
    a.status = Status::NotAssessable;
    a.reason = reason.into();
    conclude(i, a);
}

pub(super) fn conclude(i: &Inputs<'_>, a: &mut Assessment) {
    a.working.push(step(
        "结论",
        format!("{}：{}", i.dataset.plan.status_label(a.status), a.reason),
    ));
}

pub(super) fn no_data_reason(i: &Inputs<'_>) -> String {
    format!(
        "基期（{}年）之后尚无年度数据（截至{}年）",
        i.base_year, i.as_of
    )
}

/// The value growth is measured from now: the latest full year after the base, else the base itself, else the
/// latest value before the base.
pub(super) fn current_point(i: &Inputs<'_>) -> Option<Point> {
    i.since_base
        .last()
        .copied()
        .or(i.base_value.map(|value| Point {
            year: i.base_year,
            value,
        }))
        .or(i.all_years.last().copied())
}

/// Points for a trend: every recorded year, with the table's baseline where no value is recorded for that year.
fn trend_points(i: &Inputs<'_>) -> Vec<(i32, f64)> {
    let mut points: Vec<(i32, f64)> = i.all_years.iter().map(|p| (p.year, p.value)).collect();
    if let Some(v) = i.base_value
        && !points.iter().any(|p| p.0 == i.base_year)
        && i.base_year <= i.as_of
    {
        points.push((i.base_year, v));
        points.sort_by_key(|p| p.0);
    }
    points
}

/// The values a level can take: a share (a level in %) 0–100, anything else at least 0 where the record never
/// went below 0 (counts, amounts, rates per person).
fn feasible_range(i: &Inputs<'_>, points: &[(i32, f64)]) -> (Option<f64>, Option<f64>) {
    if i.indicator.unit == "%" {
        (Some(0.0), Some(100.0))
    } else if points.iter().all(|p| p.1 >= 0.0) {
        (Some(0.0), None)
    } else {
        (None, None)
    }
}

/// Keeps a projection inside the feasible range; says what was clamped, if anything.
fn clamp_projection(
    i: &Inputs<'_>,
    p: &mut super::Projection,
    range: (Option<f64>, Option<f64>),
) -> Option<String> {
    let (low_bound, high_bound) = range;
    let clamp = |v: f64| {
        let v = low_bound.map_or(v, |lo| v.max(lo));
        high_bound.map_or(v, |hi| v.min(hi))
    };
    let before = (p.value, p.low, p.high);
    p.value = clamp(p.value);
    p.low = p.low.map(clamp);
    p.high = p.high.map(clamp);
    if (p.value, p.low, p.high) == before {
        return None;
    }
    let unit = &i.indicator.unit;
    let bounds = match (low_bound, high_bound) {
        (Some(lo), Some(hi)) => format!("{}–{}{unit}", num(lo), num(hi)),
        (Some(lo), None) => format!("不小于 {}{unit}", num(lo)),
        (None, Some(hi)) => format!("不大于 {}{unit}", num(hi)),
        (None, None) => String::new(),
    };
    let interval = match (before.1, before.2, p.low, p.high) {
        (Some(l0), Some(h0), Some(l), Some(h)) if (l0, h0) != (l, h) => format!(
            "，预测区间 {}–{}{unit} 截为 {}–{}{unit}",
            num(round4(l0)),
            num(round4(h0)),
            num(round4(l)),
            num(round4(h))
        ),
        _ => String::new(),
    };
    let value = if before.0 == p.value {
        String::new()
    } else {
        format!(
            "趋势外推值 {}{unit} 超出可能的取值范围，按 {}{unit} 计",
            num(round4(before.0)),
            num(round4(p.value))
        )
    };
    let text = format!("{value}{interval}（取值范围 {bounds}）");
    Some(text.trim_start_matches('，').to_string())
}

/// Trend projection to the target year, and how far it lands from the target (for an "about" target: from the
/// band's near edge, the value it counts as reached at).
pub(super) fn add_projection(i: &Inputs<'_>, a: &mut Assessment, target: f64) {
    let points = trend_points(i);
    let Some(mut p) = project(&points, i.target_year, Some(target), i.direction) else {
        let why = if points.len() < 2 {
            "年度数据不足两个，无法外推趋势"
        } else {
            "最新数据已到目标年，无需外推"
        };
        a.working.push(step("趋势外推", why));
        return;
    };
    let clamped = clamp_projection(i, &mut p, feasible_range(i, &points));
    let current = current_point(i).map_or(p.value, |c| c.value);
    let miss = i.direction * (target - p.value);
    let distance = (target - current).abs();
    let grade = if miss <= 0.0 {
        ProjectionGrade::Reaches
    } else if distance == 0.0 {
        ProjectionGrade::Misses
    } else {
        let share = miss / distance * 100.0;
        let t = &i.dataset.plan.thresholds;
        if share <= t.projection_on_track_pct {
            ProjectionGrade::Reaches
        } else if share <= t.projection_near_pct {
            ProjectionGrade::Near
        } else {
            ProjectionGrade::Misses
        }
    };
    let unit = &i.indicator.unit;
    let mut text = format!(
        "{}（{}–{}年 {} 个年度值）推至{}年：{}{unit}",
        p.method.label_zh(),
        p.from_year,
        p.to_year,
        p.points,
        p.year,
        num(round4(p.value))
    );
    match (p.low, p.high, p.probability) {
        (Some(low), Some(high), Some(prob)) => text.push_str(&format!(
            "，{}%预测区间 {}–{}{unit}（t 分布，自由度 {}），达到目标的概率 {}",
            (super::projection::INTERVAL_LEVEL * 100.0).round(),
            num(round4(low)),
            num(round4(high)),
            p.points.saturating_sub(2),
            fmt_pct(prob * 100.0)
        )),
        _ => text.push_str("；数据点少于 3 个，不给出预测区间和概率"),
    }
    if let (Some(c), super::ProjectionMethod::LeastSquares) = (p.compound_value, p.method) {
        text.push_str(&format!("；复合增长趋势则为 {}{unit}", num(round4(c))));
    }
    if let Some(c) = &clamped {
        text.push_str(&format!("；{c}"));
        super::notes::push(a, NoteCode::ProjectionClamped, c.clone());
    }
    let in_band = matches!(i.indicator.target.kind, TargetKind::About { .. })
        && grade == ProjectionGrade::Reaches;
    text.push_str(&format!(
        "；{}",
        if in_band {
            "按趋势可进入目标区间"
        } else {
            grade.label_zh()
        }
    ));
    a.working.push(step("趋势外推", text));
    a.projection = Some(p);
    a.projection_grade = Some(grade);
}

pub(super) fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// The compound rate still needed from the current value to a level target.
pub(super) fn add_required_growth(i: &Inputs<'_>, a: &mut Assessment, target: f64) {
    let Some(current) = current_point(i) else {
        return;
    };
    let years = i.target_year - current.year;
    if years <= 0 {
        return;
    }
    if reached(i, current.value, target) {
        a.working.push(step(
            "还需年均增长",
            format!(
                "{}年 {} 已达到目标 {}，无需再增长（保持即可）",
                current.year,
                num(current.value),
                i.indicator.target.text
            ),
        ));
        return;
    }
    match required_rate(current.value, target, f64::from(years)) {
        Some(rate) => {
            a.required_growth_pct = Some(rate * 100.0);
            a.working.push(step(
                "还需年均增长",
                format!(
                    "(目标/当前)^(1/剩余年数) − 1 = ({}/{})^(1/{}) − 1 = {}（{}年起 {} 年；折合每年 {}）",
                    num(target),
                    num(current.value),
                    years,
                    fmt_signed_pct(rate * 100.0),
                    current.year,
                    years,
                    change_text((target - current.value) / f64::from(years), &i.indicator.unit)
                ),
            ));
        }
        None => {
            let per_year = (target - current.value) / f64::from(years);
            a.working.push(step(
                "还需年均变化",
                format!(
                    "数值非正，不计复合增速；按年均变化量计：({} − {})/{} = {}（每年）",
                    num(target),
                    num(current.value),
                    years,
                    change_text(per_year, &i.indicator.unit)
                ),
            ));
        }
    }
}

/// A yearly change in the indicator's unit; a change of a percentage is in percentage points.
fn change_text(delta: f64, unit: &str) -> String {
    let sign = if delta < 0.0 { "−" } else { "+" };
    match unit {
        "%" => format!("{sign}{} 个百分点", crate::text::fmt_number(delta.abs(), 2)),
        _ => format!("{sign}{}{unit}", crate::text::fmt_number(delta.abs(), 2)),
    }
}
