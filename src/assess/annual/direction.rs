//! A direction only (稳步提高, 持续缩小): the value to date against the same period a year earlier.

use super::{AnnualStatus, Line, Verdict, fmt_signed};
use crate::assess::{num, step};

pub(super) fn assess(l: &Line<'_>) -> Verdict {
    let unit = l.unit;
    let now = l.latest;
    let earlier = now.period.in_year(now.period.year - 1);
    let Some(prev) = l.dataset.history.period_value(l.series, earlier) else {
        return Verdict::new(
            AnnualStatus::NotAssessable,
            format!("缺少上年同期（{}）数据，无法判断方向", earlier.label_zh()),
            vec![step(
                "对照",
                format!("上年同期 {} 无数据", earlier.label_zh()),
            )],
        );
    };
    let change = now.value - prev.value;
    let right_way = l.direction() * change > 0.0;
    let way = if l.better.sign() > 0.0 {
        "提高"
    } else {
        "下降"
    };
    let working = vec![step(
        "对照上年同期",
        format!(
            "{} {}{unit} − {} {}{unit} = {}{unit}（目标要求{}）",
            now.period.label_zh(),
            num(now.value),
            earlier.label_zh(),
            num(prev.value),
            fmt_signed(change),
            way
        ),
    )];
    let status = match (l.year_end, right_way) {
        (true, true) => AnnualStatus::Met,
        (true, false) => AnnualStatus::Missed,
        (false, true) => AnnualStatus::OnSchedule,
        (false, false) => AnnualStatus::Behind,
    };
    let reason = if right_way {
        format!("比上年同期{way} {}{unit}", num(change.abs()))
    } else if change == 0.0 {
        format!("与上年同期持平，未{way}")
    } else {
        format!(
            "比上年同期{} {}{unit}，与目标方向相反",
            if change > 0.0 { "提高" } else { "下降" },
            num(change.abs())
        )
    };
    Verdict::new(status, reason, working)
}
