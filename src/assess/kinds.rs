//! One rule per target kind (DOMAIN §2). Each fills the assessment's numbers, status, reason and working.

use super::growth::{
    actual_to_required_ratio, cagr, completion, elapsed, geometric_mean_growth, growth_product,
    linear_ratio, required_average_rate, required_rate,
};
use super::projection::project;
use super::{
    Assessment, Inputs, Point, ProjectionGrade, Status, level_met, num, num4, status_from_ratio,
    step,
};
use crate::model::TargetKind;
use crate::text::{fmt_pct, fmt_signed_pct};

pub(super) fn assess_kind(i: &Inputs<'_>, a: &mut Assessment) {
    match &i.indicator.target.kind {
        TargetKind::AtLeast { value }
        | TargetKind::AtMost { value }
        | TargetKind::About { value, .. } => level(i, a, *value),
        TargetKind::AverageGrowth { rate_pct } => average_growth(i, a, *rate_pct),
        TargetKind::Cumulative {
            total,
            annual_floor,
        } => cumulative(i, a, *total, *annual_floor),
        TargetKind::InStep { with } => in_step(i, a, with),
        TargetKind::ProvinceAssigned => province_assigned(i, a),
        TargetKind::Direction => direction_only(i, a),
        TargetKind::Maintain { value } => maintain(i, a, *value),
    }
}

fn not_assessable(i: &Inputs<'_>, a: &mut Assessment, reason: impl Into<String>) {
    a.status = Status::NotAssessable;
    a.reason = reason.into();
    conclude(i, a);
}

fn no_data_reason(i: &Inputs<'_>) -> String {
    format!(
        "基期（{}年）之后尚无年度数据（截至{}年）",
        i.base_year, i.as_of
    )
}

/// The value growth is measured from now: the latest full year after the base, else the base itself, else the
/// latest value before the base.
fn current_point(i: &Inputs<'_>) -> Option<Point> {
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

/// Trend projection to the target year, and how far it lands from the target.
fn add_projection(i: &Inputs<'_>, a: &mut Assessment, target: f64) {
    let points = trend_points(i);
    let Some(p) = project(&points, i.target_year, Some(target), i.direction) else {
        let why = if points.len() < 2 {
            "年度数据不足两个，无法外推趋势"
        } else {
            "最新数据已到目标年，无需外推"
        };
        a.working.push(step("趋势外推", why));
        return;
    };
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
    text.push_str(&format!("；{}", grade.label_zh()));
    a.working.push(step("趋势外推", text));
    a.projection = Some(p);
    a.projection_grade = Some(grade);
}

fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// The compound rate still needed from the current value to a level target.
fn add_required_growth(i: &Inputs<'_>, a: &mut Assessment, target: f64) {
    let Some(current) = current_point(i) else {
        return;
    };
    let years = i.target_year - current.year;
    if years <= 0 {
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
                    "数值非正，不计复合增速；按年均变化量计：({} − {})/{} = {}",
                    num(target),
                    num(current.value),
                    years,
                    num(per_year)
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

fn level(i: &Inputs<'_>, a: &mut Assessment, target: f64) {
    let thresholds = &i.dataset.plan.thresholds;
    add_required_growth(i, a, target);
    add_projection(i, a, target);
    let unit = &i.indicator.unit;
    let missing_base = || {
        let text = i
            .indicator
            .baseline
            .as_ref()
            .map_or("规划表中基期为空".to_string(), |b| {
                format!("基期值未公布（规划表：{}）", b.text)
            });
        format!("{text}，无法计算进度")
    };
    let Some(latest) = i.since_base.last().copied() else {
        let reason = if i.base_value.is_none() {
            missing_base()
        } else {
            no_data_reason(i)
        };
        return not_assessable(i, a, reason);
    };
    let (t0, t, big_t) = (i.base_year, latest.year, i.target_year);
    let yt = latest.value;
    let met = level_met(
        &i.indicator.target.kind,
        yt,
        i.direction,
        thresholds.about_tolerance_pct,
    )
    .unwrap_or(false);
    let Some(y0) = i.base_value else {
        // Without a base there is no pace to measure, but a level reached, or a target year passed, still speaks.
        if met {
            a.status = Status::Achieved;
            a.reason = format!(
                "{t}年已达 {}{unit}，达到目标 {}（缺少基期，不计算进度）",
                num(yt),
                i.indicator.target.text
            );
        } else if t >= big_t {
            a.status = Status::Lagging;
            a.reason = format!(
                "目标年 {big_t} 未达成：{}{unit}，目标 {}（缺少基期，无法计算 R）",
                num(yt),
                i.indicator.target.text
            );
        } else {
            return not_assessable(i, a, missing_base());
        }
        return conclude(i, a);
    };
    a.elapsed_pct = elapsed(t0, t, big_t).map(|e| e * 100.0);
    // Completion only means something while the target lies ahead of the base.
    a.completion_pct = completion(y0, yt, target)
        .filter(|_| i.direction * (target - y0) > 0.0)
        .map(|c| c * 100.0);
    if let (Some(c), Some(e)) = (a.completion_pct, a.elapsed_pct) {
        a.working.push(step(
            "时序进度",
            format!(
                "完成度 (yt − y0)/(yT − y0) = ({} − {})/({} − {}) = {}；时间进度 ({} − {})/({} − {}) = {}",
                num(yt),
                num(y0),
                num(target),
                num(y0),
                fmt_pct(c),
                t,
                t0,
                big_t,
                t0,
                fmt_pct(e)
            ),
        ));
    }

    let observed = cagr(y0, yt, f64::from(t - t0));
    let required = cagr(y0, target, f64::from(big_t - t0));
    let ratio = match (observed, required) {
        (Some(obs), Some(req)) => {
            a.observed_growth_pct = Some(obs * 100.0);
            a.working.push(step(
                "实际年均增速",
                format!(
                    "CAGR_obs = (yt/y0)^(1/(t − t0)) − 1 = ({}/{})^(1/{}) − 1 = {}",
                    num(yt),
                    num(y0),
                    t - t0,
                    fmt_signed_pct(obs * 100.0)
                ),
            ));
            a.working.push(step(
                "所需年均增速",
                format!(
                    "CAGR_req = (yT/y0)^(1/(T − t0)) − 1 = ({}/{})^(1/{}) − 1 = {}",
                    num(target),
                    num(y0),
                    big_t - t0,
                    fmt_signed_pct(req * 100.0)
                ),
            ));
            let r = actual_to_required_ratio(obs, req, i.direction);
            if let Some(r) = r {
                a.working.push(step(
                    "实际/所需增速比 R",
                    format!(
                        "R = d·CAGR_obs/|CAGR_req| = {}×{}/{} = {}",
                        i.direction,
                        num4(obs * 100.0),
                        num4(req.abs() * 100.0),
                        num4(r)
                    ),
                ));
            }
            r
        }
        _ => {
            let r = linear_ratio(
                y0,
                yt,
                target,
                f64::from(t - t0),
                f64::from(big_t - t0),
                i.direction,
            );
            if let Some(r) = r {
                a.working.push(step(
                    "实际/所需变化比 R",
                    format!(
                        "数值非正或为零，不计复合增速，按年均变化量计：R = d·((yt − y0)/(t − t0))/|(yT − y0)/(T − t0)| = {}",
                        num4(r)
                    ),
                ));
            }
            r
        }
    };
    a.ratio = ratio;

    if met {
        a.status = Status::Achieved;
        a.reason = format!(
            "{}年已达 {}{unit}，达到目标 {}",
            t,
            num(yt),
            i.indicator.target.text
        );
    } else if let Some(r) = ratio {
        a.moving_away = r < 0.0;
        a.status = status_from_ratio(r, thresholds);
        if t >= big_t {
            a.status = a.status.min(Status::Lagging);
        }
        let pace = match (a.completion_pct, a.elapsed_pct) {
            (Some(c), Some(e)) => format!("，时序进度 {} 对时间进度 {}", fmt_pct(c), fmt_pct(e)),
            _ => String::new(),
        };
        a.reason = if a.moving_away {
            format!("R = {}，指标向背离目标的方向变化{pace}", num4(r))
        } else if t >= big_t {
            format!(
                "目标年 {big_t} 未达成：{}{unit}，目标 {}（R = {}）",
                num(yt),
                i.indicator.target.text,
                num4(r)
            )
        } else {
            format!(
                "R = {}（实际增速为所需的 {:.0}%）{pace}",
                num4(r),
                r * 100.0
            )
        };
    } else {
        a.status = Status::Lagging;
        a.moving_away = i.direction * (yt - y0) < 0.0;
        a.reason = format!(
            "基期已等于目标值 {}，目前 {}{unit}，未保持在目标上",
            num(target),
            num(yt)
        );
    }
    conclude(i, a);
}

fn conclude(i: &Inputs<'_>, a: &mut Assessment) {
    a.working.push(step(
        "结论",
        format!("{}：{}", i.dataset.plan.status_label(a.status), a.reason),
    ));
}

fn average_growth(i: &Inputs<'_>, a: &mut Assessment, target_pct: f64) {
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
        return not_assessable(i, a, "增速低于 −100%，无法计算几何平均");
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
    let goal = (1.0 + target_pct / 100.0).powi(i32::try_from(total).unwrap_or(0));
    a.completion_pct = (goal > 1.0).then(|| (product - 1.0) / (goal - 1.0) * 100.0);
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

fn cumulative(i: &Inputs<'_>, a: &mut Assessment, total: f64, floor: Option<f64>) {
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
        let per_year = (total - sum).max(0.0) / f64::from(remaining_years);
        a.required_per_year = Some(per_year);
        a.working.push(step(
            "其余每年需完成",
            format!(
                "({} − {})/{} = {}{unit}",
                num(total),
                num(sum),
                remaining_years,
                num(per_year)
            ),
        ));
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

fn in_step(i: &Inputs<'_>, a: &mut Assessment, with: &str) {
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
        return not_assessable(i, a, "增速低于 −100%，无法计算几何平均");
    };
    let tol = thresholds.in_step_tolerance_pp;
    let per_year: Vec<String> = pairs
        .iter()
        .map(|(y, o, r)| {
            format!(
                "{y}年 {}% 对 {}%（{}）",
                num(*o),
                num(*r),
                if o - r >= -tol { "同步" } else { "慢于" }
            )
        })
        .collect();
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
    let last_year = pairs.last().map_or(i.base_year, |p| p.0);
    a.elapsed_pct = elapsed(i.base_year, last_year, i.target_year).map(|e| e * 100.0);
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

fn province_assigned(i: &Inputs<'_>, a: &mut Assessment) {
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
            format!(
                "省下达的年度目标尚未录入（截至{}年）：请在 history/ 中以 [[annual_target]] 记录每年的下达值",
                i.as_of
            ),
        );
    }
    let mut results = Vec::new();
    for t in &targets {
        if let Some(v) = history.year_value(i.indicator.series_id(), t.year) {
            let met = t.met_by(v, i.indicator.better);
            results.push((t.year, v, t.value, met));
        }
    }
    if results.is_empty() {
        return not_assessable(
            i,
            a,
            format!(
                "已录入下达目标，但 {}–{} 年尚无实际数据",
                i.base_year + 1,
                i.as_of
            ),
        );
    }
    let unit = &i.indicator.unit;
    let listed: Vec<String> = results
        .iter()
        .map(|(y, v, t, m)| {
            format!(
                "{y}年 实际 {}{unit} 对下达 {}{unit}：{}",
                num(*v),
                num(*t),
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
        format!("{} 个年度均完成省下达目标", results.len())
    } else {
        format!("{} 个年度中 {} 个未完成省下达目标", results.len(), misses)
    };
    conclude(i, a);
}

fn direction_only(i: &Inputs<'_>, a: &mut Assessment) {
    let mut points: Vec<Point> = Vec::new();
    if let Some(v) = i.base_value {
        points.push(Point {
            year: i.base_year,
            value: v,
        });
    }
    points.extend(i.since_base.iter().copied());
    if i.since_base.is_empty() || points.len() < 2 {
        return not_assessable(
            i,
            a,
            if i.since_base.is_empty() {
                no_data_reason(i)
            } else {
                "只有一个数据点，无法判断方向".to_string()
            },
        );
    }
    let changes: Vec<f64> = points
        .windows(2)
        .map(|w| i.direction * (w[1].value - w[0].value))
        .collect();
    let net = i.direction * (points[points.len() - 1].value - points[0].value);
    let steady = changes.iter().all(|c| *c > 0.0);
    let listed: Vec<String> = points
        .iter()
        .map(|p| format!("{}年 {}", p.year, num(p.value)))
        .collect();
    a.working.push(step("逐年变化", listed.join(" → ")));
    a.moving_away = net < 0.0;
    let last_year = points[points.len() - 1].year;
    a.elapsed_pct = elapsed(i.base_year, last_year, i.target_year).map(|e| e * 100.0);
    (a.status, a.reason) = if steady {
        (Status::OnTrack, "每年均向目标方向变化（稳步）".to_string())
    } else if net > 0.0 {
        (
            Status::Lagging,
            "总体向目标方向变化，但有年份回落，不够稳步".to_string(),
        )
    } else {
        (Status::OffTrack, "与基期相比未向目标方向变化".to_string())
    };
    conclude(i, a);
}

fn maintain(i: &Inputs<'_>, a: &mut Assessment, line: f64) {
    add_projection(i, a, line);
    if i.since_base.is_empty() {
        return not_assessable(i, a, no_data_reason(i));
    }
    let unit = &i.indicator.unit;
    let below: Vec<&Point> = i
        .since_base
        .iter()
        .filter(|p| i.direction * (p.value - line) < 0.0)
        .collect();
    let listed: Vec<String> = i
        .since_base
        .iter()
        .map(|p| format!("{}年 {}{unit}", p.year, num(p.value)))
        .collect();
    a.working.push(step(
        "逐年对照",
        format!("保持线 {}{unit}：{}", num(line), listed.join("、")),
    ));
    let last = *i.since_base.last().unwrap_or(&Point {
        year: i.as_of,
        value: line,
    });
    a.elapsed_pct = elapsed(i.base_year, last.year, i.target_year).map(|e| e * 100.0);
    let last_below = i.direction * (last.value - line) < 0.0;
    (a.status, a.reason) = if below.is_empty() {
        let status = if last.year >= i.target_year {
            Status::Achieved
        } else {
            Status::OnTrack
        };
        (
            status,
            format!("每年均保持在 {} 的要求之内", i.indicator.target.text),
        )
    } else if last_below {
        a.moving_away = true;
        (
            Status::OffTrack,
            format!(
                "{}年为 {}{unit}，低于保持线 {}",
                last.year,
                num(last.value),
                i.indicator.target.text
            ),
        )
    } else {
        let years: Vec<String> = below.iter().map(|p| p.year.to_string()).collect();
        (
            Status::Lagging,
            format!(
                "{} 年曾未保持在 {} 之内，现已恢复",
                years.join("、"),
                i.indicator.target.text
            ),
        )
    };
    conclude(i, a);
}
