//! In-step targets (与经济增长同步) and above targets (高于经济增长): growth against the named indicator's, year by
//! year and on average. In step allows a small shortfall (the plan's tolerance); above asks for more, strictly.

use super::super::growth::{elapsed, geometric_mean_growth};
use super::super::{Assessment, Inputs, Status, num, num4, step};
use super::{conclude, no_data_reason, not_assessable};
use crate::text::fmt_pct;

/// What the comparison asks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Compare {
    /// 同步: growth at least the other's, less the tolerance.
    InStep,
    /// 高于: growth above the other's, every year and on average.
    Above,
}

impl Compare {
    /// Whether a margin (own − other, in 个百分点) meets it.
    fn meets(self, margin: f64, tolerance: f64) -> bool {
        match self {
            Compare::InStep => margin >= -tolerance,
            Compare::Above => margin > 0.0,
        }
    }
}

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment, with: &str, compare: Compare) {
    let thresholds = &i.dataset.plan.thresholds;
    let history = &i.dataset.history;
    let other = i.dataset.plan.indicator(with);
    let other_name = other.map_or(with.to_string(), |o| o.name.clone());
    let other_series = other.map_or(with, |o| o.series_id());
    let pairs: Vec<(i32, f64, f64)> = i
        .since_base
        .iter()
        .filter_map(|p| {
            history
                .year_value(other_series, p.year)
                .map(|o| (p.year, p.value, o))
        })
        .collect();
    if pairs.is_empty() {
        let reason = if i.since_base.is_empty() {
            no_data_reason(i)
        } else {
            format!("指标 {with}（{other_name}）在同年份没有数据，无法比较")
        };
        return not_assessable(i, a, reason);
    }
    let own: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let reference: Vec<f64> = pairs.iter().map(|p| p.2).collect();
    let (Some(own_mean), Some(ref_mean)) = (
        geometric_mean_growth(&own),
        geometric_mean_growth(&reference),
    ) else {
        return not_assessable(
            i,
            a,
            "有年份增速为 −100% 或更低（总量归零或为负），无法计算几何平均",
        );
    };
    let tol = thresholds.in_step_tolerance_pp;
    let per_year: Vec<String> = pairs
        .iter()
        .map(|(y, o, r)| {
            let words = match (compare, compare.meets(o - r, tol)) {
                (Compare::InStep, true) => "同步".to_string(),
                (Compare::InStep, false) => "慢于".to_string(),
                (Compare::Above, true) => format!("高于 {:.1} 个百分点", o - r),
                (Compare::Above, false) => format!("未高于，差 {:.1} 个百分点", r - o),
            };
            format!("{y}年 {}% 对 {}%（{words}）", num(*o), num(*r))
        })
        .collect();
    let years_missed = pairs
        .iter()
        .filter(|(_, o, r)| !compare.meets(o - r, tol))
        .count();
    a.working.push(step(
        "逐年比较",
        format!(
            "本指标对指标 {with}（{other_name}）：{}",
            per_year.join("；")
        ),
    ));
    let gap = (own_mean - ref_mean) * 100.0;
    a.observed_growth_pct = Some(own_mean * 100.0);
    a.ratio = (ref_mean > 0.0).then(|| own_mean / ref_mean);
    if let Some(r) = a.ratio {
        a.working.push(step(
            "同步比 R",
            format!(
                "R = 本指标年均增速/指标 {with} 年均增速 = {}/{} = {}",
                fmt_pct(own_mean * 100.0),
                fmt_pct(ref_mean * 100.0),
                num4(r)
            ),
        ));
    }
    let last_year = pairs.last().map_or(i.base_year, |p| p.0);
    a.elapsed_pct = elapsed(i.base_year, last_year, i.target_year).map(|e| e * 100.0);
    if compare == Compare::Above {
        return above(
            i,
            a,
            (own_mean, ref_mean),
            &other_name,
            years_missed,
            last_year,
        );
    }
    a.working.push(step(
        "年均比较",
        format!(
            "几何平均：本指标 {}，指标 {with} {}，差 {} 个百分点（容差 {} 个百分点）",
            fmt_pct(own_mean * 100.0),
            fmt_pct(ref_mean * 100.0),
            num(gap),
            num(tol)
        ),
    ));
    a.status = if gap >= -tol {
        if last_year >= i.target_year {
            Status::Achieved
        } else {
            Status::OnTrack
        }
    } else if gap >= -3.0 * tol {
        Status::Lagging
    } else {
        Status::OffTrack
    };
    a.reason = format!(
        "年均增长 {}，{}年均增长 {}，相差 {} 个百分点",
        fmt_pct(own_mean * 100.0),
        other_name,
        fmt_pct(ref_mean * 100.0),
        num((gap * 100.0).round() / 100.0)
    );
    if !i.indicator.note.is_empty() || i.indicator.unit == "%" {
        a.working.push(step("口径", "比较按记录的增速进行；收入增速为名义增速、GDP 增速为按可比价格计算时，口径不同，解读时请注意"));
    }
    conclude(i, a);
}

/// 高于: above on average and every year is on track (achieved in the target year); above on average with a year
/// below, lagging; not above on average, off track when more than a point below.
fn above(
    i: &Inputs<'_>,
    a: &mut Assessment,
    (own_mean, ref_mean): (f64, f64),
    other_name: &str,
    years_missed: usize,
    last_year: i32,
) {
    let margin = (own_mean - ref_mean) * 100.0;
    a.working.push(step(
        "年均比较",
        format!(
            "几何平均：本指标 {:.1}%，{other_name} {:.1}%，{} {:.1} 个百分点（目标为高于，不含相等）",
            own_mean * 100.0,
            ref_mean * 100.0,
            if margin > 0.0 { "高出" } else { "低" },
            margin.abs()
        ),
    ));
    a.status = match (margin > 0.0, years_missed) {
        (true, 0) if last_year >= i.target_year => Status::Achieved,
        (true, 0) => Status::OnTrack,
        (true, _) => Status::Lagging,
        (false, _) if margin >= -1.0 => Status::Lagging,
        (false, _) => Status::OffTrack,
    };
    a.moving_away = margin <= 0.0;
    a.reason = if margin > 0.0 {
        format!(
            "年均增长 {:.1}%，高于{other_name}年均增长 {:.1}%，高出 {:.1} 个百分点{}",
            own_mean * 100.0,
            ref_mean * 100.0,
            margin,
            if years_missed > 0 {
                format!("；其中 {years_missed} 个年度未高于")
            } else {
                String::new()
            }
        )
    } else {
        format!(
            "年均增长 {:.1}%，未高于{other_name}年均增长 {:.1}%，低 {:.1} 个百分点",
            own_mean * 100.0,
            ref_mean * 100.0,
            -margin
        )
    };
    conclude(i, a);
}
