//! The assessment: a status for every indicator as of a year, with the numbers behind it and the working shown.
//! The command line, the dashboard and the reports all read these results; nothing is computed elsewhere.

pub mod annual;
pub mod as_of;
mod breaks;
pub mod growth;
mod kinds;
mod notes;
pub mod plan_view;
pub mod projection;
mod status;

use serde::Serialize;

pub use projection::{Projection, ProjectionMethod};
pub use status::{Status, status_from_ratio};

use crate::model::{Bound, Dataset, Indicator, Period, TargetKind};
use crate::text::fmt_number;

/// A value in a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
}

/// A value in a period (which may be part of a year).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PeriodValue {
    pub period: Period,
    pub value: f64,
}

/// One line of the working: what is computed, and how, with the values put in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub label: String,
    pub text: String,
}

/// What the trend says about the target year, graded as the German sustainability strategy does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionGrade {
    /// Projected to reach the target, or to miss by at most 5% of the distance still to go.
    Reaches,
    /// Misses by 5–20% of the distance.
    Near,
    /// Misses by more.
    Misses,
}

impl ProjectionGrade {
    pub fn label_zh(self) -> &'static str {
        match self {
            ProjectionGrade::Reaches => "按趋势可达成",
            ProjectionGrade::Near => "按趋势接近目标",
            ProjectionGrade::Misses => "按趋势难以达成",
        }
    }
}

/// What a note is about, for programs (`status --format json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteCode {
    /// The latest value is worse than an earlier one in the plan period.
    FellBack,
    /// The newest value is more than a year older than the as-of year.
    Stale,
    /// As of the target year or later without a figure for it.
    TargetYearMissing,
    /// A recorded value for the baseline year differs from the plan's baseline.
    BaselineRevised,
    /// The trend projection left the feasible range (a count below zero, a share outside 0–100) and was clamped.
    ProjectionClamped,
    /// The base value already met the target: it is judged as a line to hold, without a pace ratio.
    MetAtBase,
    /// The series has a break (口径调整) in the plan period: growth is measured on the new basis.
    SeriesBreak,
}

/// Something a reviewer should know beside the status, with its code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub code: NoteCode,
    pub text: String,
}

/// What the rest of the plan still asks of an indicator, settled once for every face.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Remaining {
    /// Growth a year still needed to reach the target, in percent.
    Growth { pct: f64 },
    /// A cumulative target: the amount a year still needed.
    PerYear { amount: f64 },
    /// The target year is over: the target was met, or missed (the gap says by how much).
    TargetYearPassed { year: i32, met: bool },
    /// Nothing to say (no target number, no data, a kind without a required pace).
    Nothing,
}

/// How far from the target, in the unit a reader compares it in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gap {
    /// An average-growth target against the average achieved so far: short by `points` 个百分点 (never one
    /// year's growth against a five-year average).
    AverageGrowth {
        achieved_pct: f64,
        target_pct: f64,
        points: f64,
    },
    /// A cumulative target ([125], 〔15〕): the sum achieved so far against the total, short by `share` of it.
    Cumulative { done: f64, total: f64, share: f64 },
    /// Any other target against the latest full-year value, as a share of the target (0.25 = 25%).
    Share { share: f64 },
}

/// The assessment of one indicator as of a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub id: String,
    pub status: Status,
    /// Why, in one sentence; always given for `not_assessable`.
    pub reason: String,
    /// A binding (约束性) indicator behind its path.
    pub binding_alert: bool,
    /// R < 0, or the series moving away from the target.
    pub moving_away: bool,
    /// The base the assessment starts from (y0 in year t0).
    pub baseline: Option<Point>,
    /// The newest value up to the as-of year, intra-year periods included.
    pub latest: Option<PeriodValue>,
    /// The full-year value assessed (yt in year t).
    pub assessed: Option<Point>,
    /// Eurostat's ratio of actual to required growth (or the kind's own pace ratio).
    pub ratio: Option<f64>,
    pub completion_pct: Option<f64>,
    pub elapsed_pct: Option<f64>,
    /// Growth achieved so far, a year, in percent.
    pub observed_growth_pct: Option<f64>,
    /// Growth a year the rest of the plan needs, in percent.
    pub required_growth_pct: Option<f64>,
    /// Cumulative targets: the amount a year still needed.
    pub required_per_year: Option<f64>,
    pub projection: Option<Projection>,
    pub projection_grade: Option<ProjectionGrade>,
    /// Fall-backs, stale data, a missing target-year figure, a revised baseline, a clamped projection.
    pub notes: Vec<Note>,
    pub working: Vec<Step>,
    /// What the rest of the plan still asks (see [`Remaining`]).
    pub remaining: Remaining,
    /// How far from the target, where it is not yet reached.
    pub gap: Option<Gap>,
}

impl Assessment {
    /// The distance still to go in the target's direction, as a share of the target (for sorting by gap): the
    /// same number as [`Gap`], worked out once in [`gap_working`].
    pub fn gap_share(&self, indicator: &Indicator) -> Option<f64> {
        gap_working(indicator, self).map(|w| w.share)
    }
}

/// The gap's numbers: what is compared with what, and the share still to go.
struct GapWorking {
    target: f64,
    current: f64,
    share: f64,
    /// What `current` is, for the working ("累计" for a cumulative sum, "当前" otherwise).
    current_label: &'static str,
}

/// The one definition of the gap: an average-growth target against the average achieved (never one year's growth);
/// a cumulative target against the sum achieved (never the latest single year); a rise against the level it asks
/// (base + rise); any other number against the latest full-year value, else the base.
fn gap_working(indicator: &Indicator, a: &Assessment) -> Option<GapWorking> {
    let direction = indicator.better.sign();
    let (target, current, current_label) = match indicator.target.kind {
        TargetKind::AverageGrowth { rate_pct } => (rate_pct, a.observed_growth_pct?, "当前"),
        // The sum achieved, from its share of the total (rounded off the float noise of the round trip).
        TargetKind::Cumulative { total, .. } => {
            let done = a.completion_pct? / 100.0 * total;
            (total, (done * 1e9).round() / 1e9, "累计")
        }
        _ => {
            let target = indicator
                .target
                .level(a.baseline.map(|p| p.value), direction)?;
            let current = a.assessed.or(a.baseline).map(|p| p.value)?;
            (target, current, "当前")
        }
    };
    if target == 0.0 {
        return None;
    }
    let sign = if matches!(indicator.target.kind, TargetKind::Cumulative { .. }) {
        1.0
    } else {
        direction
    };
    Some(GapWorking {
        target,
        current,
        share: (sign * (target - current) / target.abs()).max(0.0),
        current_label,
    })
}

/// Every indicator of a plan assessed as of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanAssessment {
    pub as_of: i32,
    pub items: Vec<Assessment>,
}

impl PlanAssessment {
    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.items.iter().find(|a| a.id == id)
    }

    /// How many indicators have each status.
    pub fn count(&self, status: Status) -> usize {
        self.items.iter().filter(|a| a.status == status).count()
    }

    pub fn binding_alerts(&self) -> usize {
        self.items.iter().filter(|a| a.binding_alert).count()
    }
}

/// Assesses every indicator of the plan as of `as_of`.
pub fn assess_plan(dataset: &Dataset, as_of: i32) -> PlanAssessment {
    let items = dataset
        .plan
        .indicators
        .iter()
        .map(|i| assess_indicator(dataset, i, as_of))
        .collect();
    PlanAssessment { as_of, items }
}

/// Everything one indicator's assessment needs, gathered once.
pub(crate) struct Inputs<'a> {
    pub dataset: &'a Dataset,
    pub indicator: &'a Indicator,
    pub as_of: i32,
    /// Base year t0 (the table's year for this indicator, else the plan's).
    pub base_year: i32,
    pub base_value: Option<f64>,
    pub target_year: i32,
    pub direction: f64,
    /// Full-year values after the base year, up to the as-of year and the target year.
    pub since_base: Vec<Point>,
    /// Every full-year value up to the as-of year, before the base too.
    pub all_years: Vec<Point>,
}

impl Inputs<'_> {
    pub fn years_total(&self) -> i32 {
        self.target_year - self.base_year
    }
}

/// The assessment of one indicator.
pub fn assess_indicator(dataset: &Dataset, indicator: &Indicator, as_of: i32) -> Assessment {
    let history = &dataset.history;
    let base_year = indicator
        .baseline
        .as_ref()
        .map_or(dataset.plan.baseline_year, |b| b.year);
    // The table's baseline; where the table has none (blank, 未出), a recorded value for that year.
    let base_value = indicator
        .baseline_value()
        .or_else(|| history.year_value(indicator.series_id(), base_year));
    let target_year = indicator.target.year;
    let all_years: Vec<Point> = history
        .yearly(indicator.series_id(), as_of)
        .into_iter()
        .map(|o| Point {
            year: o.period.year,
            value: o.value,
        })
        .collect();
    let since_base = all_years
        .iter()
        .copied()
        .filter(|p| p.year > base_year && p.year <= target_year)
        .collect();
    let mut inputs = Inputs {
        dataset,
        indicator,
        as_of,
        base_year,
        base_value,
        target_year,
        direction: indicator.better.sign(),
        since_base,
        all_years,
    };

    let mut a = Assessment {
        id: indicator.id.clone(),
        status: Status::NotAssessable,
        reason: String::new(),
        binding_alert: false,
        moving_away: false,
        baseline: base_value.map(|value| Point {
            year: base_year,
            value,
        }),
        latest: history
            .latest(indicator.series_id(), as_of)
            .map(|o| PeriodValue {
                period: o.period,
                value: o.value,
            }),
        assessed: inputs.since_base.last().copied(),
        ratio: None,
        completion_pct: None,
        elapsed_pct: None,
        observed_growth_pct: None,
        required_growth_pct: None,
        required_per_year: None,
        projection: None,
        projection_grade: None,
        notes: Vec::new(),
        working: Vec::new(),
        remaining: Remaining::Nothing,
        gap: None,
    };
    describe_inputs(&inputs, &mut a);
    breaks::apply_break(&mut inputs, &mut a);
    breaks::tell_bases(&inputs, &mut a);
    kinds::assess_kind(&inputs, &mut a);
    apply_binding_rule(&inputs, &mut a);
    describe_gap(indicator, &mut a);
    a.gap = gap(indicator, &a);
    a.remaining = remaining(indicator, &a, as_of);
    notes::add_notes(&inputs, &mut a);
    // A clamped projection is told in the projection's own line of the working, a break or a base already met in
    // their own lines: those are not told twice.
    let told: Vec<String> = a
        .notes
        .iter()
        .filter(|n| n.code != NoteCode::ProjectionClamped)
        .filter(|n| !a.working.iter().any(|s| s.text.contains(&n.text)))
        .map(|n| n.text.clone())
        .collect();
    for text in told {
        a.working.push(step("提示", text));
    }
    a
}

fn describe_inputs(inputs: &Inputs<'_>, a: &mut Assessment) {
    let ind = inputs.indicator;
    let unit = &ind.unit;
    let base = match (&ind.baseline, inputs.base_value) {
        (Some(b), Some(v)) if b.value.is_some() => {
            format!("{}年 {}{unit}（规划表：{}）", b.year, num(v), b.text)
        }
        (_, Some(v)) => format!(
            "{}年 {}{unit}（规划表未列，取历史数据）",
            inputs.base_year,
            num(v)
        ),
        (Some(b), None) => format!("{}年 无数值（规划表：{}）", b.year, b.text),
        (None, None) => "规划表中基期为空".to_string(),
    };
    a.working.push(step("基期", base));
    let latest = match &a.latest {
        Some(l) => format!("{} {}{unit}", l.period.label_zh(), num(l.value)),
        None => format!("截至{}年无数据", inputs.as_of),
    };
    a.working.push(step("最新数据", latest));
    // Progress is measured on full years; a newer intra-year figure is shown, not assessed.
    if let (Some(l), Some(assessed)) = (&a.latest, inputs.since_base.last())
        && !l.period.is_full_year()
    {
        a.working.push(step(
            "评估所用",
            format!(
                "{}年 {}{unit}（按年度值评估；{}为年内累计数，仅供参考）",
                assessed.year,
                num(assessed.value),
                l.period.label_zh()
            ),
        ));
    }
    let target = format!(
        "{}年 {}（类型：{}{}）",
        inputs.target_year,
        ind.target.text,
        ind.target.kind.label_zh(),
        ind.target
            .kind
            .value()
            .map(|v| format!("，{}{unit}", num(v)))
            .unwrap_or_default()
    );
    a.working.push(step("目标", target));
}

/// The distance still to go as a share of the target, as the report's lagging analysis quotes it.
/// What the rest of the plan still asks: nothing "still needed" once the target year is over.
fn remaining(indicator: &Indicator, a: &Assessment, as_of: i32) -> Remaining {
    let year = indicator.target.year;
    if as_of >= year {
        return match a.status {
            Status::NotAssessable => Remaining::Nothing,
            status => Remaining::TargetYearPassed {
                year,
                met: status == Status::Achieved,
            },
        };
    }
    match (a.required_growth_pct, a.required_per_year) {
        (Some(pct), _) if pct.is_finite() => Remaining::Growth { pct },
        (None, Some(amount)) if amount.is_finite() => Remaining::PerYear { amount },
        _ => Remaining::Nothing,
    }
}

/// How far from the target (see [`Gap`]); none where there is no shortfall to state.
fn gap(indicator: &Indicator, a: &Assessment) -> Option<Gap> {
    if let TargetKind::AverageGrowth { rate_pct } = indicator.target.kind {
        let achieved = a.observed_growth_pct?;
        let points = rate_pct - achieved;
        return (points > 0.0).then_some(Gap::AverageGrowth {
            achieved_pct: achieved,
            target_pct: rate_pct,
            points,
        });
    }
    let w = gap_working(indicator, a).filter(|w| w.share > 0.0)?;
    Some(match indicator.target.kind {
        TargetKind::Cumulative { total, .. } => Gap::Cumulative {
            done: w.current,
            total,
            share: w.share,
        },
        _ => Gap::Share { share: w.share },
    })
}

fn describe_gap(indicator: &Indicator, a: &mut Assessment) {
    let Some(w) = gap_working(indicator, a).filter(|w| w.share > 0.0) else {
        return;
    };
    let cumulative = matches!(indicator.target.kind, TargetKind::Cumulative { .. });
    let text = format!(
        "{}(目标 − {})/|目标| = {}({} − {})/{} = {}",
        if cumulative { "" } else { "d·" },
        w.current_label,
        if cumulative {
            String::new()
        } else {
            format!("{}×", indicator.better.sign())
        },
        num(w.target),
        num(w.current),
        num(w.target.abs()),
        if cumulative {
            format!("{:.1}%", w.share * 100.0)
        } else {
            crate::text::fmt_pct(w.share * 100.0)
        }
    );
    a.working.push(step("距目标差距", text));
}

/// Binding indicators (约束性): any shortfall is at least lagging, and is flagged.
fn apply_binding_rule(inputs: &Inputs<'_>, a: &mut Assessment) {
    if !inputs.indicator.is_binding() {
        return;
    }
    let shortfall = a.ratio.is_some_and(|r| r < 1.0);
    if shortfall && matches!(a.status, Status::OnTrack | Status::Ahead) {
        a.working.push(step(
            "约束性指标",
            format!(
                "约束性指标不允许进度不足：R = {} < 1，状态由“{}”降为“滞后”",
                num4(a.ratio.unwrap_or(0.0)),
                a.status.label_zh()
            ),
        ));
        a.status = Status::Lagging;
        a.reason = format!(
            "约束性指标进度不足（R = {} < 1）；{}",
            num4(a.ratio.unwrap_or(0.0)),
            a.reason
        );
    }
    a.binding_alert = a.status.is_behind();
}

pub(crate) fn step(label: &str, text: impl Into<String>) -> Step {
    Step {
        label: label.to_string(),
        text: text.into(),
    }
}

/// A number for the working: up to four decimals, no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    fmt_number(v, 4)
}

pub(crate) fn num4(v: f64) -> String {
    format!("{v:.4}")
}

/// The band of an "about" (左右) target: the value ± its tolerance (given, else a share of the value).
pub fn about_band(kind: &TargetKind, about_tolerance_pct: f64) -> Option<(f64, f64)> {
    match kind {
        TargetKind::About {
            value: t,
            tolerance,
        } => {
            let tol = tolerance.unwrap_or(t.abs() * about_tolerance_pct / 100.0);
            Some((t - tol, t + tol))
        }
        _ => None,
    }
}

/// Whether a level has reached the target of a level-type kind. A strict line (＞50, 低于5.5) is not reached by
/// the number itself; an inclusive one (50以上, 5.5以下) is.
pub fn level_met(
    kind: &TargetKind,
    bound: Bound,
    value: f64,
    direction: f64,
    about_tolerance_pct: f64,
) -> Option<bool> {
    match kind {
        TargetKind::AtLeast { value: t } => Some(bound.holds(value, *t, 1.0)),
        TargetKind::AtMost { value: t } => Some(bound.holds(value, *t, -1.0)),
        TargetKind::About {
            value: t,
            tolerance,
        } => {
            let tol = tolerance.unwrap_or(t.abs() * about_tolerance_pct / 100.0);
            Some(direction * (value - t) >= -tol)
        }
        TargetKind::Maintain { value: t } => Some(bound.holds(value, *t, direction)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
