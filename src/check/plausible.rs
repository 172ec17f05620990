//! Plausibility checks: a figure that reads well but is probably a typo (854 for 85.4) is warned about, with
//! the reason and the file:line. A warning does not make the data invalid; `record` and `import` ask for
//! `--accept` before they keep such a figure, and the figure then carries `accepted = "理由"`.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Dataset, Observation, Origin, Period, Plausibility, TargetKind};

/// Which check fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// A share or rate in % outside 0–100.
    ShareRange,
    /// A growth or reduction rate beyond ± the plan's limit.
    GrowthLimit,
    /// More than the plan's factor away from the previous period's value.
    Jump,
    /// The sign differs from the previous period's.
    SignChange,
    /// `published` or `recorded` after today.
    FutureDate,
    /// A period that has not begun, or a final figure for a period not yet over.
    FuturePeriod,
    /// A period outside every plan the data directory holds.
    OutsidePlans,
    /// Far from the neighbouring periods of the same year (27.1 in 一季度, 275 in 上半年).
    InYear,
    /// A year-to-date amount below the same year's earlier figure (上半年 500, 前三季度 450).
    YearToDateFall,
    /// A count or amount below zero: impossible.
    Negative,
    /// A publication date before the period began: impossible.
    PublishedEarly,
}

impl Check {
    pub fn label_zh(self) -> &'static str {
        match self {
            Check::ShareRange => "比重超出 0–100",
            Check::GrowthLimit => "增速过大",
            Check::Jump => "与上期相差过大",
            Check::SignChange => "正负号与上期相反",
            Check::FutureDate => "日期在今天之后",
            Check::FuturePeriod => "时期尚未到来",
            Check::OutsidePlans => "时期不在任何规划内",
            Check::InYear => "与年内相邻时期相差过大",
            Check::YearToDateFall => "年内累计数减少",
            Check::Negative => "数量不能为负",
            Check::PublishedEarly => "发布日期早于时期",
        }
    }
}

/// One implausible figure: which series, which period, why, and where it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub series: String,
    pub series_name: String,
    pub period: Period,
    pub value: f64,
    pub check: Check,
    pub reason: String,
    pub origin: Origin,
    /// The reason given for keeping the figure, where it was accepted.
    pub accepted: Option<String>,
    /// Not merely implausible but impossible (a share of 854%, a negative amount, a date after today): no
    /// reason keeps it, `--accept` or not.
    pub impossible: bool,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} {} {}：{}（{}）",
            self.origin.file,
            self.origin.line,
            self.series_name,
            self.period.label_zh(),
            shown(self.value),
            self.reason,
            self.check.label_zh()
        )?;
        if self.impossible {
            write!(f, " [不可能的数值，不能确认保留]")?;
        } else if let Some(why) = &self.accepted {
            write!(f, " [已确认保留：{why}]")?;
        }
        Ok(())
    }
}

fn shown(v: f64) -> String {
    crate::text::fmt_number(v, 4)
}

/// What a series measures, as far as the checks need it.
struct SeriesKind {
    name: String,
    unit: String,
    /// A growth or reduction rate (增长, 降低, 下降率 …) rather than a level or a share.
    rate_of_change: bool,
    /// An amount summed from January (an annual target of kind `amount`: 社零, 投资): it cannot fall within a year.
    year_to_date: bool,
}

fn is_rate_of_change(name: &str) -> bool {
    ["增长", "增速", "增幅", "降低", "下降"]
        .iter()
        .any(|w| name.contains(w))
}

fn series_kind(dataset: &Dataset, series: &str) -> SeriesKind {
    let mut kind = series_kind_of(dataset, series);
    kind.year_to_date = dataset
        .history
        .annual_targets(series)
        .iter()
        .any(|t| t.kind == crate::model::AnnualKind::Amount);
    kind
}

fn series_kind_of(dataset: &Dataset, series: &str) -> SeriesKind {
    let growth_kind = |k: &TargetKind| {
        matches!(
            k,
            TargetKind::AverageGrowth { .. } | TargetKind::InStep { .. } | TargetKind::Above { .. }
        )
    };
    if let Some(c) = dataset.history.context_series(series) {
        let drawn_as_growth = dataset
            .plan
            .indicators
            .iter()
            .any(|i| i.series.as_deref() == Some(series) && growth_kind(&i.target.kind));
        return SeriesKind {
            name: c.name.clone(),
            unit: c.unit.clone(),
            rate_of_change: drawn_as_growth || is_rate_of_change(&c.name),
            year_to_date: false,
        };
    }
    match dataset.plan.indicator(series) {
        Some(i) => SeriesKind {
            name: format!("指标 {} {}", i.id, i.display_name()),
            unit: i.unit.clone(),
            rate_of_change: growth_kind(&i.target.kind) || is_rate_of_change(&i.name),
            year_to_date: false,
        },
        None => SeriesKind {
            name: series.to_string(),
            unit: String::new(),
            rate_of_change: false,
            year_to_date: false,
        },
    }
}

/// The last day a period covers.
pub fn period_end(period: Period) -> NaiveDate {
    let month = u32::from(period.part.months());
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(period.year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(period.year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
}

/// Every plausibility warning in a dataset. `plan_years` are the (baseline year, end year) of every plan the
/// data directory holds; `today` is the date checked against.
pub fn check_dataset(
    dataset: &Dataset,
    plan_years: &[(i32, i32)],
    today: NaiveDate,
) -> Vec<Warning> {
    let limits = dataset.plan.plausibility;
    let window = plan_window(dataset, plan_years, &limits);
    let mut warnings = Vec::new();
    for series in dataset.history.series_ids() {
        let kind = series_kind(dataset, series);
        let newest = dataset.history.series(series);
        for obs in dataset.history.all_vintages(series) {
            let previous = newest
                .iter()
                .rev()
                .find(|p| p.period < obs.period && same_part(p.period, obs.period))
                .copied();
            let same_year = |p: &&&Observation| p.period.year == obs.period.year;
            let neighbours = InYear {
                before: newest
                    .iter()
                    .rev()
                    .filter(same_year)
                    .find(|p| p.period < obs.period)
                    .copied(),
                after: newest
                    .iter()
                    .filter(same_year)
                    .find(|p| p.period > obs.period)
                    .copied(),
            };
            let mut found = check_one(obs, previous, &kind, &limits, window, today);
            found.extend(in_year(obs, &neighbours, &kind, &limits));
            for (check, reason) in found {
                let impossible = is_impossible(check, obs, &kind, today);
                warnings.push(Warning {
                    impossible,
                    series: series.to_string(),
                    series_name: kind.name.clone(),
                    period: obs.period,
                    value: obs.value,
                    check,
                    reason,
                    origin: obs.origin.clone(),
                    accepted: obs.accepted.clone(),
                });
            }
        }
    }
    warnings.sort_by(|a, b| (&a.origin.file, a.origin.line).cmp(&(&b.origin.file, b.origin.line)));
    warnings
}

/// The figures of the same year next to one being checked (newest vintages).
struct InYear<'a> {
    before: Option<&'a Observation>,
    after: Option<&'a Observation>,
}

/// Whether a check's finding is impossible rather than implausible: a share outside 0–100, a count or amount
/// below zero, a fall of more than 100%, a publication date before the period or after today.
fn is_impossible(check: Check, obs: &Observation, kind: &SeriesKind, today: NaiveDate) -> bool {
    match check {
        Check::ShareRange | Check::Negative | Check::PublishedEarly => true,
        Check::GrowthLimit => kind.rate_of_change && obs.value < -100.0,
        Check::FutureDate => obs.published.is_some_and(|d| d > today),
        _ => false,
    }
}

/// The checks within the year: against the same year's neighbouring periods (a level 10× off, a growth rate to
/// date that jumps tenfold, a year-to-date amount that falls).
fn in_year(
    obs: &Observation,
    near: &InYear<'_>,
    kind: &SeriesKind,
    limits: &Plausibility,
) -> Vec<(Check, String)> {
    let mut found = Vec::new();
    let v = obs.value;
    let months = |o: &Observation| f64::from(o.period.part.months());
    let off = |r: f64| r > limits.factor || r < 1.0 / limits.factor;
    if kind.rate_of_change {
        if let Some(p) = near.before
            && p.value != 0.0
            && v.abs() >= 10.0 * p.value.abs()
            && (v - p.value).abs() >= 5.0
        {
            found.push((
                Check::InYear,
                format!(
                    "年内累计增速从 {}（{}）跳到 {}，相差十倍以上，请核对小数点",
                    shown(p.value),
                    p.period.label_zh(),
                    shown(v)
                ),
            ));
        }
        return found;
    }
    if kind.year_to_date
        && let Some(p) = near.before
        && v < p.value
    {
        found.push((
            Check::YearToDateFall,
            format!(
                "年内累计数不会减少：{} 为 {}，本期只有 {}，请核对",
                p.period.label_zh(),
                shown(p.value),
                shown(v)
            ),
        ));
    }
    // A level (PM2.5) keeps its size through the year, a year-to-date amount grows with the months: a figure is
    // off only where it is off both ways.
    let neighbour = [near.before, near.after].into_iter().flatten().find(|n| {
        n.value != 0.0
            && v != 0.0
            && n.value * v > 0.0
            && off(v / n.value)
            && off((v / months(obs)) / (n.value / months(n)))
    });
    if let Some(n) = neighbour {
        found.push((
            Check::InYear,
            format!(
                "是同年 {}（{}）的 {} 倍，超出 {} 倍的合理范围，请核对单位和小数点",
                n.period.label_zh(),
                shown(n.value),
                shown(((v / n.value) * 100.0).round() / 100.0),
                shown(limits.factor)
            ),
        ));
    }
    found
}

/// The years any plan covers, from `years_before_baseline` before its baseline to its end.
fn plan_window(dataset: &Dataset, plan_years: &[(i32, i32)], limits: &Plausibility) -> (i32, i32) {
    let own = (dataset.plan.baseline_year, dataset.plan.end_year);
    let first = plan_years
        .iter()
        .chain([&own])
        .map(|(b, _)| *b)
        .min()
        .unwrap_or(own.0);
    let last = plan_years
        .iter()
        .chain([&own])
        .map(|(_, e)| *e)
        .max()
        .unwrap_or(own.1);
    (first - limits.years_before_baseline, last)
}

/// Periods compared with each other: full years with full years, 前三季度 with 前三季度.
fn same_part(a: Period, b: Period) -> bool {
    a.part == b.part
}

fn check_one(
    obs: &Observation,
    previous: Option<&Observation>,
    kind: &SeriesKind,
    limits: &Plausibility,
    window: (i32, i32),
    today: NaiveDate,
) -> Vec<(Check, String)> {
    let mut found = Vec::new();
    let v = obs.value;
    if kind.rate_of_change {
        if v.abs() > limits.growth_limit_pct {
            found.push((
                Check::GrowthLimit,
                format!(
                    "增速（降幅）{}% 超过 ±{}%，请核对是否多写或少写了小数点",
                    shown(v),
                    shown(limits.growth_limit_pct)
                ),
            ));
        }
    } else if kind.unit == "%" && !(0.0..=100.0).contains(&v) {
        found.push((
            Check::ShareRange,
            format!(
                "单位为 % 的比重或比率应在 0–100 之间，{} 超出范围，请核对小数点",
                shown(v)
            ),
        ));
    } else if v < 0.0 && !kind.unit.is_empty() && !kind.unit.contains('‰') && kind.unit != "%" {
        found.push((
            Check::Negative,
            format!(
                "单位为“{}”的数量或金额不能为负，{} 不可能",
                kind.unit,
                shown(v)
            ),
        ));
    }
    if kind.rate_of_change && v < -100.0 {
        found.push((
            Check::GrowthLimit,
            format!("降幅不能超过 100%，{}% 不可能", shown(v)),
        ));
    }
    let start = NaiveDate::from_ymd_opt(obs.period.year, 1, 1).unwrap_or(NaiveDate::MAX);
    if let Some(d) = obs.published
        && d < start
    {
        found.push((
            Check::PublishedEarly,
            format!(
                "发布日期 {d} 早于时期 {} 的开始，不可能",
                obs.period.label_zh()
            ),
        ));
    }
    if let Some(prev) = previous {
        let p = prev.value;
        if p * v < 0.0 {
            found.push((
                Check::SignChange,
                format!("上期（{}）为 {}，本期正负号相反", prev.period, shown(p)),
            ));
        } else if !kind.rate_of_change && p != 0.0 && v != 0.0 {
            let ratio = v / p;
            if ratio > limits.factor || ratio < 1.0 / limits.factor {
                found.push((
                    Check::Jump,
                    format!(
                        "是上期（{}，{}）的 {} 倍，超出 {} 倍的合理范围，请核对单位和小数点",
                        prev.period,
                        shown(p),
                        shown((ratio * 100.0).round() / 100.0),
                        shown(limits.factor)
                    ),
                ));
            }
        }
    }
    for (date, what) in [
        (obs.published, "发布日期"),
        (Some(obs.recorded), "录入日期"),
    ] {
        if let Some(d) = date
            && d > today
        {
            found.push((
                Check::FutureDate,
                format!("{what} {d} 在今天（{today}）之后"),
            ));
        }
    }
    if start > today {
        found.push((
            Check::FuturePeriod,
            format!("时期 {} 尚未开始（今天是 {today}）", obs.period),
        ));
    } else if period_end(obs.period) > today
        && obs.status > crate::model::ObservationStatus::Preliminary
    {
        found.push((
            Check::FuturePeriod,
            format!(
                "时期 {} 到 {} 才结束，却标为{}数；尚未结束的时期请用“预计”",
                obs.period,
                period_end(obs.period),
                obs.status.label_zh()
            ),
        ));
    }
    if obs.period.year < window.0 || obs.period.year > window.1 {
        found.push((
            Check::OutsidePlans,
            format!(
                "{} 年不在数据目录中任何规划的范围内（{}–{} 年）",
                obs.period.year, window.0, window.1
            ),
        ));
    }
    found
}

#[cfg(test)]
mod tests;
