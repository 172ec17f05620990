//! Cumulative targets ([125] over five years): the sum so far against elapsed time, the yearly floor (﹥25),
//! and the amount a year still needed.

use super::super::growth::elapsed;
use super::super::{Assessment, Inputs, Status, num, num4, status_from_ratio, step};
use super::{conclude, no_data_reason, not_assessable};
use crate::text::fmt_pct;

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment, total: f64, floor: Option<f64>) {
    let thresholds = &i.dataset.plan.thresholds;
    let n = i.years_total();
    if i.since_base.is_empty() {
        if n > 0 {
            a.required_per_year = Some(total / f64::from(n));
        }
        return not_assessable(i, a, no_data_reason(i));
    }
    let sum: f64 = i.since_base.iter().map(|p| p.value).sum();
    let last_year = i.since_base.last().map_or(i.base_year, |p| p.year);
    let elapsed_share = elapsed(i.base_year, last_year, i.target_year).unwrap_or(1.0);
    let share = if total != 0.0 { sum / total } else { 1.0 };
    a.completion_pct = Some(share * 100.0);
    a.elapsed_pct = Some(elapsed_share * 100.0);
    let unit = &i.indicator.unit;
    let listed: Vec<String> = i
        .since_base
        .iter()
        .map(|p| format!("{}年 {}", p.year, num(p.value)))
        .collect();
    a.working.push(step(
        "累计完成",
        format!(
            "{} = {}{unit}，占目标 {}{unit} 的 {}；时间进度 {}",
            listed.join(" + "),
            num(sum),
            num(total),
            fmt_pct(share * 100.0),
            fmt_pct(elapsed_share * 100.0)
        ),
    ));
    let remaining_years = n - (last_year - i.base_year);
    if remaining_years > 0 {
        let share_left = (total - sum).max(0.0) / f64::from(remaining_years);
        // The yearly floor binds every year: the need is never below it.
        let per_year = floor.map_or(share_left, |f| share_left.max(f));
        a.required_per_year = Some(per_year);
        let text = match floor {
            Some(f) => format!(
                "max(({} − {})/{}, 每年底线 {}) = max({}, {}) = {}{unit}{}",
                num(total),
                num(sum),
                remaining_years,
                num(f),
                num(share_left),
                num(f),
                num(per_year),
                if f > share_left {
                    "（按剩余总量平均已低于每年底线，以底线为准）"
                } else {
                    ""
                }
            ),
            None => format!(
                "({} − {})/{} = {}{unit}",
                num(total),
                num(sum),
                remaining_years,
                num(per_year)
            ),
        };
        a.working.push(step("其余每年需完成", text));
    }
    let ratio = (elapsed_share > 0.0).then(|| share / elapsed_share);
    a.ratio = ratio;
    if let Some(r) = ratio {
        a.working.push(step(
            "进度比 R",
            format!(
                "完成度/时间进度 = {}/{} = {}",
                fmt_pct(share * 100.0),
                fmt_pct(elapsed_share * 100.0),
                num4(r)
            ),
        ));
    }
    let below: Vec<String> = floor
        .map(|f| {
            i.since_base
                .iter()
                .filter(|p| p.value <= f)
                .map(|p| format!("{}年 {}", p.year, num(p.value)))
                .collect()
        })
        .unwrap_or_default();
    if let Some(f) = floor {
        a.working.push(step(
            "每年底线",
            if below.is_empty() {
                format!("每年均高于 {}{unit}", num(f))
            } else {
                format!("未高于 {}{unit}：{}", num(f), below.join("、"))
            },
        ));
    }
    if sum >= total {
        a.status = Status::Achieved;
        a.reason = format!(
            "累计 {}{unit}，已完成五年目标 {}{unit}",
            num(sum),
            num(total)
        );
    } else {
        a.status = ratio.map_or(Status::Lagging, |r| status_from_ratio(r, thresholds));
        if last_year >= i.target_year {
            a.status = a.status.min(Status::Lagging);
        }
        if !below.is_empty() {
            a.status = a.status.min(Status::Lagging);
        }
        a.reason = format!(
            "累计 {}{unit}，完成 {}，时间进度 {}",
            num(sum),
            fmt_pct(share * 100.0),
            fmt_pct(elapsed_share * 100.0)
        );
        if !below.is_empty() {
            a.reason
                .push_str(&format!("；{} 未达每年底线", below.join("、")));
        }
    }
    conclude(i, a);
}
