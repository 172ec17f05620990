//! Maintain/hold targets (65以上 → 65以上, 32 → 32): every year on the right side of the line.

use super::super::growth::elapsed;
use super::super::{Assessment, Inputs, Point, Status, num, step};
use super::{add_projection, conclude, hold_words, no_data_reason, not_assessable};

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment, line: f64) {
    add_projection(i, a, line);
    if i.since_base.is_empty() {
        return not_assessable(i, a, no_data_reason(i));
    }
    let unit = &i.indicator.unit;
    let bound = i.indicator.target.bound();
    let words = hold_words(i.direction);
    let holds = |p: &Point| bound.holds(p.value, line, i.direction);
    let below: Vec<&Point> = i.since_base.iter().filter(|p| !holds(p)).collect();
    let listed: Vec<String> = i
        .since_base
        .iter()
        .map(|p| format!("{}年 {}{unit}", p.year, num(p.value)))
        .collect();
    a.working.push(step(
        "逐年对照",
        format!(
            "{} {}{unit}{}：{}",
            words.line,
            num(line),
            crate::model::Bound::stated(&i.indicator.target.text)
                .map(|b| format!("（{}）", b.label_zh()))
                .unwrap_or_default(),
            listed.join("、")
        ),
    ));
    let last = *i.since_base.last().unwrap_or(&Point {
        year: i.as_of,
        value: line,
    });
    a.elapsed_pct = elapsed(i.base_year, last.year, i.target_year).map(|e| e * 100.0);
    let last_below = !holds(&last);
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
                "{}年为 {}{unit}，{}{} {}",
                last.year,
                num(last.value),
                if bound == crate::model::Bound::Inclusive || last.value != line {
                    words.through
                } else {
                    "触及"
                },
                words.line,
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
