//! Direction-only targets (稳步提高): the sign and steadiness of the yearly changes.

use super::super::growth::elapsed;
use super::super::{Assessment, Inputs, Point, Status, num, step};
use super::{conclude, no_data_reason, not_assessable};

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment) {
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
        let fell = changes.iter().any(|c| *c < 0.0);
        let flat = changes.contains(&0.0);
        let what = match (fell, flat) {
            (true, true) => "有年份回落、有年份持平",
            (true, false) => "有年份回落",
            _ => "有年份持平",
        };
        (
            Status::Lagging,
            format!("总体向目标方向变化，但{what}，不够稳步"),
        )
    } else {
        (Status::OffTrack, "与基期相比未向目标方向变化".to_string())
    };
    conclude(i, a);
}
