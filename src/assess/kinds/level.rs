//! Level targets (at least / at most / about 左右): Eurostat's ratio R of actual to required compound growth,
//! with time-sequenced completion (时序进度) beside it.

use super::super::growth::{actual_to_required_ratio, cagr, completion, elapsed, linear_ratio};
use super::super::{
    Assessment, Inputs, NoteCode, Status, about_band, num, num4, status_from_ratio, step,
};
use super::{
    add_projection, add_required_growth, conclude, no_data_reason, not_assessable, reached,
};
use crate::model::{Bound, TargetKind};
use crate::text::{fmt_pct, fmt_signed_pct};

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment, target: f64) {
    let thresholds = &i.dataset.plan.thresholds;
    let unit = &i.indicator.unit;
    // An "about" (左右) target counts as reached inside its band: growth and trend aim at the band's near edge.
    let band = about_band(&i.indicator.target.kind, thresholds.about_tolerance_pct);
    let aim = match band {
        Some((low, high)) => {
            let near = if i.direction >= 0.0 { low } else { high };
            a.working.push(step(
                "目标区间",
                format!(
                    "“{}” 即 {}–{}{unit}：进入区间即视为达到，所需增速和趋势判断以区间近端 {}{unit} 为准",
                    i.indicator.target.text,
                    num(low),
                    num(high),
                    num(near)
                ),
            ));
            near
        }
        None => target,
    };
    add_required_growth(i, a, aim);
    add_projection(i, a, aim);
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
    let met = reached(i, yt, target);
    // Said where the words state a bound ("5以上", "＜5.5"); a bare number is inclusive without saying so.
    if let Some(bound) = Bound::stated(&i.indicator.target.text) {
        a.working.push(step(
            "界限",
            format!(
                "“{}” {}：{}年 {}{unit} {}",
                i.indicator.target.text,
                bound.label_zh(),
                t,
                num(yt),
                if met { "已达到" } else { "未达到" }
            ),
        ));
    }
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
    if met_at_base(i, y0, target) {
        return hold_the_line(i, a, y0, latest, met);
    }
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
        a.reason = match band {
            Some((low, high)) => format!(
                "{}年 {}{unit}，进入目标区间 {}–{}{unit}（{}）",
                t,
                num(yt),
                num(low),
                num(high),
                i.indicator.target.text
            ),
            None => format!(
                "{}年已达 {}{unit}，达到目标 {}",
                t,
                num(yt),
                i.indicator.target.text
            ),
        };
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

/// A floor (以上/＞/≥) or ceiling (以下/＜/≤) the base value already satisfies: nothing to grow towards.
fn met_at_base(i: &Inputs<'_>, y0: f64, target: f64) -> bool {
    matches!(
        i.indicator.target.kind,
        TargetKind::AtLeast { .. } | TargetKind::AtMost { .. }
    ) && reached(i, y0, target)
}

/// A target met at the base is a line to hold: on track while it holds, lagging once it falls through; never a
/// pace ratio against a required growth that is negative.
fn hold_the_line(
    i: &Inputs<'_>,
    a: &mut Assessment,
    y0: f64,
    latest: super::super::Point,
    holds: bool,
) {
    let unit = &i.indicator.unit;
    let text = &i.indicator.target.text;
    let note = format!(
        "基期（{}年 {}{unit}）已满足目标 {text}：按保持线评估（保持即符合预期），不计算增速比 R",
        i.base_year,
        num(y0)
    );
    super::super::notes::push(a, NoteCode::MetAtBase, note.clone());
    a.working.push(step("基期已达标", note));
    let side = super::hold_words(i.direction);
    (a.status, a.reason) = if holds {
        let status = if latest.year >= i.target_year {
            Status::Achieved
        } else {
            Status::OnTrack
        };
        (
            status,
            format!(
                "基期已达到目标 {text}，{}年 {}{unit}，仍保持在线{}",
                latest.year,
                num(latest.value),
                side.keep
            ),
        )
    } else {
        a.moving_away = true;
        (
            Status::Lagging,
            format!(
                "基期已达到目标 {text}，但{}年为 {}{unit}，{}{} {text}",
                latest.year,
                num(latest.value),
                side.through,
                side.line
            ),
        )
    };
    conclude(i, a);
}
