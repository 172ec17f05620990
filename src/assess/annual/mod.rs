//! In-year monitoring: each line of a year's annual plan (年度计划) against the target's time schedule
//! (目标时序进度), with the working shown. One rule per annual target kind, one file each; at year end the same
//! rules give the year's verdict (完成 / 基本完成 / 未完成). The command line, the dashboard and the execution
//! report all read these results.

mod amount;
mod assigned;
mod direction;
mod growth;
mod in_step;
mod level;

use serde::Serialize;

use super::as_of::AsOf;
use super::{PeriodValue, Step, num, step};
use crate::model::{
    AnnualKind, AnnualTarget, Attribute, Better, Dataset, Indicator, Observation, Period,
};

/// A 左右 growth target is met within this many percentage points unless the target gives its own tolerance.
pub const ABOUT_GROWTH_TOLERANCE_PP: f64 = 0.5;

/// The tolerance of a 左右 annual target (its own, else ±0.5 个百分点 for growth, else the plan's share of the
/// number); None for a target that does not say 左右.
pub(crate) fn about_tolerance(target: &AnnualTarget, plan: &crate::model::Plan) -> Option<f64> {
    target.is_about().then(|| {
        target.tolerance.unwrap_or_else(|| match target.kind {
            AnnualKind::Growth => ABOUT_GROWTH_TOLERANCE_PP,
            _ => target.value.unwrap_or(0.0).abs() * plan.thresholds.about_tolerance_pct / 100.0,
        })
    })
}

/// How many earlier years the seasonal share of an amount is averaged over.
pub const SEASONAL_YEARS: i32 = 3;

/// Where an annual target stands within the year, or at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnualStatus {
    /// 符合时序进度.
    OnSchedule,
    /// 超过时序进度 (above a range's far end, or clearly beyond the line).
    Ahead,
    /// 滞后于时序进度.
    Behind,
    /// Year end: 完成.
    Met,
    /// Year end: 基本完成 (a 左右 target within its tolerance).
    BasicallyMet,
    /// Year end: 未完成.
    Missed,
    NotAssessable,
}

impl AnnualStatus {
    /// Display order: in-year verdicts, year-end verdicts, then not assessable.
    pub const ALL: [AnnualStatus; 7] = [
        AnnualStatus::Ahead,
        AnnualStatus::OnSchedule,
        AnnualStatus::Behind,
        AnnualStatus::Met,
        AnnualStatus::BasicallyMet,
        AnnualStatus::Missed,
        AnnualStatus::NotAssessable,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            AnnualStatus::OnSchedule => "符合时序进度",
            AnnualStatus::Ahead => "超过时序进度",
            AnnualStatus::Behind => "滞后于时序进度",
            AnnualStatus::Met => "完成",
            AnnualStatus::BasicallyMet => "基本完成",
            AnnualStatus::Missed => "未完成",
            AnnualStatus::NotAssessable => "无法评估",
        }
    }

    /// A symbol that reads without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            AnnualStatus::OnSchedule => "●",
            AnnualStatus::Ahead => "▲",
            AnnualStatus::Behind => "▼",
            AnnualStatus::Met => "✔",
            AnnualStatus::BasicallyMet => "◐",
            AnnualStatus::Missed => "✖",
            AnnualStatus::NotAssessable => "?",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            AnnualStatus::OnSchedule => "on_schedule",
            AnnualStatus::Ahead => "ahead",
            AnnualStatus::Behind => "behind",
            AnnualStatus::Met => "met",
            AnnualStatus::BasicallyMet => "basically_met",
            AnnualStatus::Missed => "missed",
            AnnualStatus::NotAssessable => "not_assessable",
        }
    }

    /// Behind the schedule, or missed at year end.
    pub fn is_behind(self) -> bool {
        matches!(self, AnnualStatus::Behind | AnnualStatus::Missed)
    }
}

/// Which share of the year an amount is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ElapsedBasis {
    /// The same period's share of the full year in earlier years' data.
    Seasonal,
    /// The calendar: months gone over twelve.
    Calendar,
}

/// The target as the annual plan states it (the `target` of `annual --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualTargetInfo {
    pub year: i32,
    pub text: String,
    pub kind: AnnualKind,
    pub value: Option<f64>,
    pub upper: Option<f64>,
    /// 左右: the tolerance used (absolute, in the series' unit).
    pub tolerance: Option<f64>,
    pub better: Better,
    pub source: String,
}

/// One line of the annual plan assessed as of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualAssessment {
    /// The five-year plan indicator's id where the line is one, else the series id.
    pub id: String,
    /// The number people read (序号): the line's number in the annual plan's table, else its place in the plan
    /// as read — never an internal series id.
    pub number: String,
    pub series: String,
    /// The five-year plan indicator the line coincides with.
    pub indicator: Option<String>,
    pub name: String,
    pub unit: String,
    pub attribute: Attribute,
    pub target: AnnualTargetInfo,
    /// The newest figure of the plan year up to the as-of period.
    pub latest: Option<PeriodValue>,
    pub status: AnnualStatus,
    pub reason: String,
    /// Amounts: share of the year's target done, and the share of the year gone, in percent.
    pub completion_pct: Option<f64>,
    pub elapsed_pct: Option<f64>,
    pub elapsed_basis: Option<ElapsedBasis>,
    /// Growth and level targets: the line the value was held against (a range's near end).
    pub line: Option<f64>,
    pub working: Vec<Step>,
    /// 牵头单位: the annual line's, else the plan indicator's.
    pub department: Option<String>,
    /// 情况说明 sent with the latest figure (原因及下一步措施), where one was sent.
    pub explanation: Option<String>,
    /// Behind the schedule (or missed) and no explanation sent with the figure.
    pub explanation_missing: bool,
}

/// How many lines have each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AnnualSummary {
    pub indicators: usize,
    pub with_data: usize,
    pub on_schedule: usize,
    pub behind: usize,
    pub ahead: usize,
    pub met: usize,
    pub basically_met: usize,
    pub missed: usize,
    pub not_assessable: usize,
}

/// A year's annual plan assessed as of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualPlanAssessment {
    pub year: i32,
    pub as_of: Period,
    pub items: Vec<AnnualAssessment>,
}

impl AnnualPlanAssessment {
    pub fn get(&self, id: &str) -> Option<&AnnualAssessment> {
        let id = id.trim();
        self.items
            .iter()
            .find(|a| a.id == id || a.series == id || a.name == id)
    }

    pub fn count(&self, status: AnnualStatus) -> usize {
        self.items.iter().filter(|a| a.status == status).count()
    }

    /// The lines behind the schedule (or missed) whose lead unit has sent no 情况说明.
    pub fn missing_explanations(&self) -> Vec<&AnnualAssessment> {
        self.items
            .iter()
            .filter(|a| a.explanation_missing)
            .collect()
    }

    pub fn with(&self, status: AnnualStatus) -> Vec<&AnnualAssessment> {
        self.items.iter().filter(|a| a.status == status).collect()
    }

    /// The period the figures reach: the as-of period, or — where a whole year is asked for but only part of it has
    /// figures — the newest period with a figure (so that a report on 2026 with data to 2026Q3 says 前三季度).
    pub fn reached(&self) -> Period {
        if !self.as_of.covers_year() || self.as_of.year != self.year {
            return self.as_of;
        }
        let newest = self
            .items
            .iter()
            .filter_map(|a| a.latest)
            .map(|l| l.period)
            .max();
        match newest {
            Some(p) if !p.covers_year() => p,
            _ => self.as_of,
        }
    }

    pub fn summary(&self) -> AnnualSummary {
        AnnualSummary {
            indicators: self.items.len(),
            with_data: self.items.iter().filter(|a| a.latest.is_some()).count(),
            on_schedule: self.count(AnnualStatus::OnSchedule),
            behind: self.count(AnnualStatus::Behind),
            ahead: self.count(AnnualStatus::Ahead),
            met: self.count(AnnualStatus::Met),
            basically_met: self.count(AnnualStatus::BasicallyMet),
            missed: self.count(AnnualStatus::Missed),
            not_assessable: self.count(AnnualStatus::NotAssessable),
        }
    }
}

/// The years with an annual plan recorded (any annual target), oldest first.
pub fn plan_years(dataset: &Dataset) -> Vec<i32> {
    let mut years: Vec<i32> = dataset
        .history
        .series_with_targets()
        .flat_map(|s| dataset.history.annual_targets(s).iter().map(|t| t.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The annual plan of `year` as of `as_of`: every series with a target for that year, in the plan table's order
/// (`order`), then the five-year plan's order, then the remaining series by id.
pub fn assess_annual_plan(dataset: &Dataset, year: i32, as_of: Period) -> AnnualPlanAssessment {
    let plan = &dataset.plan;
    let mut lines: Vec<(u32, usize, &str, &AnnualTarget)> = dataset
        .history
        .annual_targets_for(year)
        .into_iter()
        .map(|(series, t)| {
            let position = plan
                .indicators
                .iter()
                .position(|i| i.series_id() == series)
                .unwrap_or(usize::MAX);
            (t.order.unwrap_or(u32::MAX), position, series, t)
        })
        .collect();
    lines.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    let items = lines
        .into_iter()
        .enumerate()
        .map(|(n, (_, _, series, t))| {
            let mut line = assess_annual_target(dataset, series, t, as_of);
            if line.number.is_empty() {
                line.number = (n + 1).to_string();
            }
            line
        })
        .collect();
    AnnualPlanAssessment { year, as_of, items }
}

/// The annual plan an as-of request means ([`AsOf::annual_year`] as of [`AsOf::annual_period`]): the one reading
/// of it that the command line, the dashboard, the reports and the export all show.
pub fn annual_plan(dataset: &Dataset, as_of: &AsOf) -> AnnualPlanAssessment {
    assess_annual_plan(dataset, as_of.annual_year, as_of.annual_period)
}

/// The in-year signal of a five-year plan indicator: its line of the annual plan the as-of means, if it has one.
pub fn in_year_signal(
    dataset: &Dataset,
    indicator: &Indicator,
    as_of: &AsOf,
) -> Option<AnnualAssessment> {
    let target = dataset
        .history
        .annual_target(indicator.series_id(), as_of.annual_year)?;
    Some(assess_annual_target(
        dataset,
        indicator.series_id(),
        target,
        as_of.annual_period,
    ))
}

/// The in-year signal of every indicator of the plan, in the plan's order (the status table's 年度计划 column).
pub fn in_year_signals(dataset: &Dataset, as_of: &AsOf) -> Vec<Option<AnnualAssessment>> {
    dataset
        .plan
        .indicators
        .iter()
        .map(|i| in_year_signal(dataset, i, as_of))
        .collect()
}

/// Everything one rule needs.
pub(crate) struct Line<'a> {
    pub dataset: &'a Dataset,
    pub series: &'a str,
    pub target: &'a AnnualTarget,
    pub unit: &'a str,
    pub better: Better,
    pub tolerance: Option<f64>,
    pub latest: &'a Observation,
    /// The latest figure covers the whole year: the year-end verdict applies.
    pub year_end: bool,
}

impl Line<'_> {
    pub fn direction(&self) -> f64 {
        self.better.sign()
    }

    /// The line to clear (a range's near end) and, for a range, the far end (beyond it: 超额).
    pub fn line_and_far(&self) -> Option<(f64, Option<f64>)> {
        let low = self.target.value?;
        Some(match (self.better, self.target.upper) {
            (Better::Higher, upper) => (low, upper),
            (Better::Lower, Some(upper)) => (upper, Some(low)),
            (Better::Lower, None) => (low, None),
        })
    }

    pub fn ahead_ratio(&self) -> f64 {
        self.dataset.plan.thresholds.ahead_ratio
    }
}

/// What a rule concludes.
pub(crate) struct Verdict {
    pub status: AnnualStatus,
    pub reason: String,
    pub completion_pct: Option<f64>,
    pub elapsed_pct: Option<f64>,
    pub elapsed_basis: Option<ElapsedBasis>,
    pub line: Option<f64>,
    pub working: Vec<Step>,
}

impl Verdict {
    pub fn new(status: AnnualStatus, reason: impl Into<String>, working: Vec<Step>) -> Self {
        Verdict {
            status,
            reason: reason.into(),
            completion_pct: None,
            elapsed_pct: None,
            elapsed_basis: None,
            line: None,
            working,
        }
    }
}

/// One line of an annual plan as of a period.
pub fn assess_annual_target(
    dataset: &Dataset,
    series: &str,
    target: &AnnualTarget,
    as_of: Period,
) -> AnnualAssessment {
    let plan = &dataset.plan;
    let indicator = plan.indicators.iter().find(|i| i.series_id() == series);
    let context = dataset.history.context_series(series);
    let name = target
        .name
        .clone()
        .or_else(|| indicator.map(Indicator::display_name))
        .or_else(|| context.map(|c| c.name.clone()))
        .unwrap_or_else(|| series.to_string());
    let unit = indicator
        .map(|i| i.unit.clone())
        .or_else(|| context.map(|c| c.unit.clone()))
        .unwrap_or_default();
    let better = target
        .better
        .or(indicator.map(|i| i.better))
        .unwrap_or(Better::Higher);
    let attribute = target
        .attribute
        .or(indicator.map(|i| i.attribute))
        .unwrap_or(Attribute::Expected);
    let tolerance = about_tolerance(target, plan);
    let year = target.year;
    let latest = dataset
        .history
        .series(series)
        .into_iter()
        .rfind(|o| o.period.year == year && (as_of.year > year || o.period <= as_of));

    let mut working = vec![step(
        "年度目标",
        format!(
            "{}年：{}（{}{}；{}；来源：{}）",
            year,
            target.text,
            target.kind.label_zh(),
            match (target.value, target.upper) {
                (Some(v), Some(u)) => format!("，区间 {}—{}{unit}", num(v), num(u)),
                (Some(v), None) => format!("，{}{unit}", num(v)),
                _ => String::new(),
            },
            match better {
                Better::Higher => "越高越好",
                Better::Lower => "越低越好",
            },
            target.source
        ),
    )];
    if let Some(tol) = tolerance {
        let basis = if target.tolerance.is_some() {
            "目标自带容差".to_string()
        } else if target.kind == AnnualKind::Growth {
            format!("“左右”增速目标默认 ±{ABOUT_GROWTH_TOLERANCE_PP} 个百分点")
        } else {
            format!(
                "“左右”默认为目标值的 ±{}%",
                num(plan.thresholds.about_tolerance_pct)
            )
        };
        // A band around a rate is a difference of rates: in 个百分点.
        let band_unit = if unit == "%" { "个百分点" } else { &unit };
        working.push(step(
            "左右容差",
            format!("±{}{band_unit}（{basis}）", num(tol)),
        ));
    }

    let verdict = match latest {
        _ if as_of.year < year => Verdict::new(
            AnnualStatus::NotAssessable,
            format!("截至{}尚无{year}年的年内数据", as_of.label_zh()),
            working,
        ),
        None => Verdict::new(
            AnnualStatus::NotAssessable,
            format!(
                "截至{}尚无{year}年的年内数据",
                if as_of.year > year {
                    format!("{year}年末")
                } else {
                    as_of.label_zh()
                }
            ),
            working,
        ),
        Some(obs) => {
            let year_end = obs.period.covers_year();
            working.push(step(
                "最新数据",
                format!(
                    "{} {}{unit}（{}，{}）{}",
                    obs.period.label_zh(),
                    num(obs.value),
                    obs.status.label_zh(),
                    obs.source,
                    if year_end {
                        "；已有全年数据，给出年度完成情况"
                    } else {
                        "；年内累计数，对照目标时序进度"
                    }
                ),
            ));
            let line = Line {
                dataset,
                series,
                target,
                unit: &unit,
                better,
                tolerance,
                latest: obs,
                year_end,
            };
            let mut v = match target.kind {
                AnnualKind::Growth => growth::assess(&line),
                AnnualKind::Level => level::assess(&line),
                AnnualKind::Amount => amount::assess(&line),
                AnnualKind::Direction => direction::assess(&line),
                AnnualKind::InStep => in_step::assess(&line),
                AnnualKind::Assigned => assigned::assess(&line),
            };
            working.append(&mut v.working);
            v.working = working;
            v
        }
    };
    let mut working = verdict.working;
    working.push(step(
        "结论",
        format!("{}：{}", verdict.status.label_zh(), verdict.reason),
    ));
    AnnualAssessment {
        id: indicator.map_or_else(|| series.to_string(), |i| i.id.clone()),
        number: target.order.map_or_else(String::new, |o| o.to_string()),
        series: series.to_string(),
        indicator: indicator.map(|i| i.id.clone()),
        name,
        unit,
        attribute,
        target: AnnualTargetInfo {
            year,
            text: target.text.clone(),
            kind: target.kind,
            value: target.value,
            upper: target.upper,
            tolerance,
            better,
            source: target.source.clone(),
        },
        latest: latest.map(|o| PeriodValue {
            period: o.period,
            value: o.value,
        }),
        status: verdict.status,
        reason: verdict.reason,
        completion_pct: verdict.completion_pct,
        elapsed_pct: verdict.elapsed_pct,
        elapsed_basis: verdict.elapsed_basis,
        line: verdict.line,
        working,
        department: target
            .department
            .clone()
            .or_else(|| indicator.and_then(|i| i.department.clone())),
        explanation: latest.and_then(|o| o.explanation.clone()),
        explanation_missing: verdict.status.is_behind()
            && latest.is_none_or(|o| o.explanation.is_none()),
    }
}

/// The shared rule of growth and level targets: the value to date against the line, direction-aware.
/// Beyond a range's far end, or past the line by the plan's ahead ratio where there is no range, is 超过时序进度;
/// a 左右 target short of the line by no more than its tolerance is on schedule (at year end: 基本完成).
pub(crate) fn against_line(l: &Line<'_>, what: &str) -> Verdict {
    let unit = l.unit;
    let v = l.latest.value;
    let Some((line, far)) = l.line_and_far() else {
        return Verdict::new(
            AnnualStatus::NotAssessable,
            "年度目标未给出数值",
            Vec::new(),
        );
    };
    let d = l.direction();
    let gap = d * (v - line);
    let lower = l.better == Better::Lower;
    // A strict line (＞、低于) is not cleared by the number itself; an inclusive one (以上、以下) is.
    let strict = crate::model::Bound::of_text(&l.target.text) == crate::model::Bound::Strict;
    let clears = crate::model::Bound::of_text(&l.target.text).holds(v, line, d);
    let side = match (lower, strict) {
        (true, false) => "不高于",
        (false, false) => "不低于",
        (true, true) => "低于",
        (false, true) => "高于",
    };
    // A difference of two rates or shares is in 个百分点, not in percent.
    let points = if unit == "%" { "个百分点" } else { unit };
    let mut working = vec![step(
        "对照",
        format!(
            "{what} {}{unit} 对目标线 {}{unit}（{side}{}）：差 {}{points}",
            num(v),
            num(line),
            if far.is_some() {
                if lower {
                    "区间上限"
                } else {
                    "区间下限"
                }
            } else {
                "目标值"
            },
            fmt_signed(v - line)
        ),
    )];
    let within_tolerance = l.tolerance.is_some_and(|t| !clears && gap >= -t - 1e-9);
    let beyond_far = far.is_some_and(|f| d * (v - f) > 0.0);
    let clearly_ahead = far.is_none()
        && line > 0.0
        && if lower {
            v * l.ahead_ratio() <= line
        } else {
            v >= line * l.ahead_ratio()
        };
    if !l.year_end && far.is_none() && line > 0.0 && clears {
        working.push(step(
            "超过时序进度的标准",
            format!(
                "无区间时，{} {}{unit}（目标线{} {} 倍）为明显超过",
                if lower { "不高于" } else { "不低于" },
                num(if lower {
                    line / l.ahead_ratio()
                } else {
                    line * l.ahead_ratio()
                }),
                if lower { "除以" } else { "乘以" },
                num(l.ahead_ratio())
            ),
        ));
    }
    let (status, reason) = if l.year_end {
        if clears {
            let extra = if beyond_far { "，超额完成" } else { "" };
            (
                AnnualStatus::Met,
                format!(
                    "全年{what} {}{unit}，达到目标 {}{extra}",
                    num(v),
                    l.target.text
                ),
            )
        } else if within_tolerance {
            (
                AnnualStatus::BasicallyMet,
                format!(
                    "全年{what} {}{unit}，低于目标线 {}{unit} 但在“左右”容差内",
                    num(v),
                    num(line)
                ),
            )
        } else {
            (
                AnnualStatus::Missed,
                format!(
                    "全年{what} {}{unit}，未达到目标 {}（差 {}{points}）",
                    num(v),
                    l.target.text,
                    num((v - line).abs())
                ),
            )
        }
    } else if clears && (beyond_far || clearly_ahead) {
        (
            AnnualStatus::Ahead,
            format!(
                "{what} {}{unit}，{}目标 {}",
                num(v),
                if beyond_far {
                    "超出区间"
                } else {
                    "明显好于"
                },
                l.target.text
            ),
        )
    } else if clears {
        (
            AnnualStatus::OnSchedule,
            format!("{what} {}{unit}，达到目标线 {}{unit}", num(v), num(line)),
        )
    } else if within_tolerance {
        (
            AnnualStatus::OnSchedule,
            format!(
                "{what} {}{unit}，略低于目标线 {}{unit}，在“左右”容差内",
                num(v),
                num(line)
            ),
        )
    } else {
        (
            AnnualStatus::Behind,
            format!(
                "{what} {}{unit}，{}目标线 {}{unit}（差 {}{points}）",
                num(v),
                if lower { "高于" } else { "低于" },
                num(line),
                num((v - line).abs())
            ),
        )
    };
    let mut verdict = Verdict::new(status, reason, working);
    verdict.line = Some(line);
    verdict
}

/// A signed number for the working: +0.4, −0.6.
pub(crate) fn fmt_signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", num(v))
    } else {
        format!("−{}", num(-v))
    }
}

#[cfg(test)]
pub(crate) mod tests;
