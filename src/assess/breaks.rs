//! Bases and breaks in a series (口径): where a series breaks (a census revision, new monitoring sites), growth,
//! CAGR and the trend are measured on the new basis only — from the first value on it, or from the year before
//! through the published comparable growth — and the working says where the break is. Observations that state
//! different bases (年末, 年均) are told.

use super::notes::push;
use super::{Assessment, Inputs, NoteCode, Point, num, step};
use crate::model::{Basis, TargetKind};

/// Moves the base of a level target past a break in its series, and keeps earlier values out of the trend.
pub(super) fn apply_break(i: &mut Inputs<'_>, a: &mut Assessment) {
    let history = &i.dataset.history;
    let series = i.indicator.series_id();
    let levels = matches!(
        i.indicator.target.kind,
        TargetKind::AtLeast { .. }
            | TargetKind::AtMost { .. }
            | TargetKind::About { .. }
            | TargetKind::Direction
    );
    let Some(b) = history.last_break(series, i.as_of).filter(|_| levels) else {
        return;
    };
    let unit = &i.indicator.unit;
    let reason = &b.reason;
    let first_new = i.all_years.iter().find(|p| p.year == b.year).copied();
    let text = if b.year <= i.base_year {
        format!(
            "{}年起统计口径调整（{reason}）：基期已在新口径上；{}年以前的数值口径不同，不参与增速和趋势外推",
            b.year, b.year
        )
    } else if let Some(new) = first_new {
        let base = match b.comparable_growth_pct {
            Some(g) if g > -100.0 => Point {
                year: b.year - 1,
                value: new.value / (1.0 + g / 100.0),
            },
            _ => new,
        };
        let from = if base.year == new.year {
            format!("以{}年新口径数值 {}{unit} 为起点", new.year, num(new.value))
        } else {
            format!(
                "按公布的可比增速 {}% 折算{}年新口径数值 {}/(1 + {}%) = {}{unit} 为起点",
                num(b.comparable_growth_pct.unwrap_or(0.0)),
                base.year,
                num(new.value),
                num(b.comparable_growth_pct.unwrap_or(0.0)),
                num(super::kinds::round4(base.value))
            )
        };
        i.base_year = base.year;
        i.base_value = Some(base.value);
        a.baseline = Some(base);
        format!(
            "{}年起统计口径调整（{reason}）：增速、年均增速和趋势外推只用新口径数据，{from}；{}年以前的数值不与其后比较",
            b.year, b.year
        )
    } else {
        format!(
            "{}年起统计口径调整（{reason}）：尚无新口径数值，进度仍按旧口径计算，解读时请注意",
            b.year
        )
    };
    if b.year <= i.base_year || first_new.is_some() {
        let base_year = i.base_year;
        i.all_years.retain(|p| p.year >= b.year);
        i.since_base.retain(|p| p.year > base_year);
    }
    a.assessed = i.since_base.last().copied();
    a.working.push(step("口径调整", text.clone()));
    push(a, NoteCode::SeriesBreak, text);
}

/// Tells where the observations used state different bases (年末, 年均).
pub(super) fn tell_bases(i: &Inputs<'_>, a: &mut Assessment) {
    let history = &i.dataset.history;
    let used: Vec<(i32, Basis)> = history
        .yearly(i.indicator.series_id(), i.as_of)
        .into_iter()
        .filter(|o| o.period.year >= i.base_year)
        .filter_map(|o| history.basis(o).map(|b| (o.period.year, b)))
        .collect();
    let Some(first) = used.first() else {
        return;
    };
    if used.iter().all(|(_, b)| *b == first.1) {
        a.working
            .push(step("统计口径", format!("{}数", first.1.label_zh())));
        return;
    }
    let listed: Vec<String> = used
        .iter()
        .map(|(y, b)| format!("{y}年 {}数", b.label_zh()))
        .collect();
    let text = format!(
        "所用数据口径不一致（{}）：年末数与年均数不宜直接比较增速，请核对或标注口径调整",
        listed.join("、")
    );
    a.working.push(step("统计口径", text.clone()));
    push(a, NoteCode::SeriesBreak, text);
}
