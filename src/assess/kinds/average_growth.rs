//! Average-growth targets (GDP 5%以上 a year): the geometric mean achieved against the target, and the rate
//! the remaining years need.

use super::super::growth::{elapsed, geometric_mean_growth, growth_product, required_average_rate};
use super::super::{Assessment, Inputs, Status, num, num4, status_from_ratio, step};
use super::{conclude, no_data_reason, not_assessable};
use crate::text::fmt_pct;

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment, target_pct: f64) {
    let thresholds = &i.dataset.plan.thresholds;
    let total = usize::try_from(i.years_total()).unwrap_or(0);
    let rates: Vec<f64> = i.since_base.iter().map(|p| p.value).collect();
    let years: Vec<i32> = i.since_base.iter().map(|p| p.year).collect();
    if let Some(target) = i
        .dataset
        .history
        .annual_target(i.indicator.series_id(), i.as_of.max(i.base_year + 1))
    {
        a.working.push(step(
            "年度目标",
            format!("{}年：{}（{}）", target.year, target.text, target.source),
        ));
    }
    if rates.is_empty() {
        // What the whole plan needs is known from the start.
        a.required_growth_pct = Some(target_pct);
        return not_assessable(i, a, no_data_reason(i));
    }
    let k = rates.len();
    let missing: Vec<i32> = (i.base_year + 1..=years.last().copied().unwrap_or(i.base_year))
        .filter(|y| !years.contains(y))
        .collect();
    a.elapsed_pct = elapsed(
        i.base_year,
        *years.last().unwrap_or(&i.base_year),
        i.target_year,
    )
    .map(|e| e * 100.0);
    let (Some(mean), Some(product)) = (geometric_mean_growth(&rates), growth_product(&rates))
    else {
        return not_assessable(
            i,
            a,
            "有年份增速为 −100% 或更低（总量归零或为负），无法计算几何平均",
        );
    };
    a.observed_growth_pct = Some(mean * 100.0);
    let listed: Vec<String> = i
        .since_base
        .iter()
        .map(|p| format!("{}年 {}%", p.year, num(p.value)))
        .collect();
    a.working.push(step(
        "已实现年均增速",
        format!(
            "几何平均 (Π(1+g_i))^(1/k) − 1，k = {k}：{} → {}",
            listed.join("、"),
            fmt_pct(mean * 100.0)
        ),
    ));
    if !missing.is_empty() {
        a.working.push(step(
            "缺失年份",
            format!("{:?} 无数据，按已有年份计算", missing),
        ));
    }
    let factor = 1.0 + target_pct / 100.0;
    let goal = factor.powi(i32::try_from(total).unwrap_or(0));
    a.completion_pct = (goal > 1.0).then(|| (product - 1.0) / (goal - 1.0) * 100.0);
    // Growth compounds: by year k of N the target path has done ((1+g*)^k − 1)/((1+g*)^N − 1) of the cumulative
    // growth, less than k/N. Against that share, 5.3% in the first year of "5以上" reads as ahead, not behind.
    let elapsed_years = i32::try_from(k).unwrap_or(0);
    if let Some(c) = a.completion_pct {
        let due = (factor.powi(elapsed_years) - 1.0) / (goal - 1.0) * 100.0;
        a.working.push(step(
            "时序进度",
            format!(
                "累计增长完成度 (Π(1+g_i) − 1)/((1+g*)^N − 1) = ({} − 1)/({}^{} − 1) = {}；时间进度按目标增速复利计 ((1+g*)^k − 1)/((1+g*)^N − 1) = ({}^{} − 1)/({}^{} − 1) = {}（按年数计 {}）",
                num4(product),
                num(factor),
                total,
                fmt_pct(c),
                num(factor),
                k,
                num(factor),
                total,
                fmt_pct(due),
                fmt_pct(a.elapsed_pct.unwrap_or(f64::NAN))
            ),
        ));
        a.elapsed_pct = Some(due);
    }
    if k < total
        && let Some(rest) = required_average_rate(target_pct, &rates, total)
    {
        a.required_growth_pct = Some(rest * 100.0);
        a.working.push(step(
            "其余年份所需年均增速",
            format!(
                "((1+g*)^N/Π(1+g_i))^(1/(N−k)) − 1 = ({}^{}/{})^(1/{}) − 1 = {}",
                num(1.0 + target_pct / 100.0),
                total,
                num4(product),
                total - k,
                fmt_pct(rest * 100.0)
            ),
        ));
    }
    let ratio = if target_pct > 0.0 {
        Some(mean * 100.0 / target_pct)
    } else {
        None
    };
    a.ratio = ratio;
    if let Some(r) = ratio {
        a.working.push(step(
            "实际/目标增速比 R",
            format!(
                "R = {}/{} = {}",
                fmt_pct(mean * 100.0),
                fmt_pct(target_pct),
                num4(r)
            ),
        ));
    }
    let text = &i.indicator.target.text;
    if product >= goal && goal > 0.0 {
        a.status = Status::Achieved;
        a.reason = format!(
            "累计增长已达 {} 年均 {}% 的总量要求",
            total,
            num(target_pct)
        );
    } else if k >= total {
        a.status = match ratio {
            Some(r) if mean * 100.0 >= target_pct => {
                status_from_ratio(r, thresholds).max(Status::OnTrack)
            }
            Some(r) => status_from_ratio(r, thresholds).min(Status::Lagging),
            None => Status::Lagging,
        };
        a.reason = format!("规划期年均增长 {}，目标 {text}", fmt_pct(mean * 100.0));
    } else {
        a.status = match ratio {
            Some(r) => status_from_ratio(r, thresholds),
            None if mean * 100.0 >= target_pct => Status::OnTrack,
            None => Status::Lagging,
        };
        a.reason = format!(
            "前 {k} 年年均增长 {}，目标 {text}{}",
            fmt_pct(mean * 100.0),
            a.required_growth_pct
                .map(|r| format!("，其余年份需年均 {}", fmt_pct(r)))
                .unwrap_or_default()
        );
    }
    a.moving_away = mean < 0.0 && target_pct > 0.0;
    conclude(i, a);
}
