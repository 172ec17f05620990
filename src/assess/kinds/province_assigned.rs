//! Targets set year by year: assigned by the province (完成省下达目标), or a plan's own annual-plan targets where the
//! five-year plan states no number (保持在合理区间、各年度视情提出). Met or missed per recorded year.

use super::super::growth::elapsed;
use super::super::{Assessment, Inputs, Status, num, step};
use super::{conclude, not_assessable};

/// Who sets each year's target, and so how it is named.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Assigner {
    /// 省下达目标.
    Province,
    /// The year's annual plan (年度计划): 年度目标.
    AnnualPlan,
}

impl Assigner {
    /// The target's name in a sentence: 省下达目标 / 年度目标.
    fn target(self) -> &'static str {
        match self {
            Assigner::Province => "省下达目标",
            Assigner::AnnualPlan => "年度目标",
        }
    }

    /// The short word before a year's value: 下达 / 年度目标.
    fn short(self) -> &'static str {
        match self {
            Assigner::Province => "下达",
            Assigner::AnnualPlan => "年度目标",
        }
    }
}

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment, by: Assigner) {
    let history = &i.dataset.history;
    let targets: Vec<_> = history
        .annual_targets(i.indicator.series_id())
        .iter()
        .filter(|t| t.year > i.base_year && t.year <= i.as_of)
        .collect();
    if targets.is_empty() {
        return not_assessable(
            i,
            a,
            match by {
                Assigner::Province => format!(
                    "省下达的年度目标尚未录入（截至{}年）：取得逐年下达值后方可评估",
                    i.as_of
                ),
                Assigner::AnnualPlan => format!(
                    "年度计划的目标尚未录入（截至{}年）：录入各年度目标（annual_target）后方可评估",
                    i.as_of
                ),
            },
        );
    }
    let mut results = Vec::new();
    for t in &targets {
        if let (Some(v), Some(line)) =
            (history.year_value(i.indicator.series_id(), t.year), t.value)
        {
            let met = t.met_by(v, i.indicator.better)
                || (t.is_about() && by == Assigner::AnnualPlan && about_met(i, t, v));
            results.push((t.year, v, (line, t.upper), met));
        }
    }
    if results.is_empty() {
        return not_assessable(
            i,
            a,
            format!(
                "已录入{}，但 {}–{} 年尚无实际数据",
                by.target(),
                i.base_year + 1,
                i.as_of
            ),
        );
    }
    let unit = &i.indicator.unit;
    let texts: std::collections::BTreeMap<i32, &str> =
        targets.iter().map(|t| (t.year, t.text.as_str())).collect();
    let listed: Vec<String> = results
        .iter()
        .map(|(y, v, (low, upper), m)| {
            let assigned = match upper {
                Some(high) => format!("{}—{}{unit}（区间）", num(*low), num(*high)),
                None => format!("{}{unit}", num(*low)),
            };
            let assigned = match (by, texts.get(y)) {
                (Assigner::AnnualPlan, Some(text)) => format!("{assigned}（{text}）"),
                _ => assigned,
            };
            format!(
                "{y}年 实际 {}{unit} 对{} {assigned}：{}",
                num(*v),
                by.short(),
                if *m { "完成" } else { "未完成" }
            )
        })
        .collect();
    a.working.push(step("逐年对照", listed.join("；")));
    let misses = results.iter().filter(|r| !r.3).count();
    let last_missed = results.last().is_some_and(|r| !r.3);
    let last_year = results.last().map_or(i.as_of, |r| r.0);
    a.elapsed_pct = elapsed(i.base_year, last_year, i.target_year).map(|e| e * 100.0);
    a.status = match (misses, last_missed) {
        (0, _) if last_year >= i.target_year => Status::Achieved,
        (0, _) => Status::OnTrack,
        (1, _) | (_, false) => Status::Lagging,
        _ => Status::OffTrack,
    };
    a.reason = if misses == 0 {
        format!("{} 个年度均完成{}", results.len(), by.target())
    } else {
        format!(
            "{} 个年度中 {} 个未完成{}",
            results.len(),
            misses,
            by.target()
        )
    };
    conclude(i, a);
}

/// An annual target of about a number (5.5%左右) is met within its tolerance below it (as the in-year engine
/// reads it: the target's own, else ±0.5 个百分点 for growth, else the plan's share of the number).
fn about_met(i: &Inputs<'_>, t: &crate::model::AnnualTarget, value: f64) -> bool {
    let (Some(line), Some(tolerance)) = (
        t.value,
        super::super::annual::about_tolerance(t, &i.dataset.plan),
    ) else {
        return false;
    };
    i.direction * (value - line) >= -tolerance - 1e-9
}
