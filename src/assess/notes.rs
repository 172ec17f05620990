//! Notes a reviewer needs beside the status: a fall-back from a better year, stale data, a missing target-year
//! figure, a revised baseline. (A clamped projection is noted where the projection is made.) Each note has a code
//! for programs and a sentence for people.

use super::{Assessment, Inputs, Note, NoteCode, num};
use crate::model::TargetKind;

/// Adds every note that applies, after the kind's rule has run.
pub(super) fn add_notes(i: &Inputs<'_>, a: &mut Assessment) {
    fell_back(i, a);
    stale(i, a);
    target_year_missing(i, a);
    baseline_revised(i, a);
}

/// "2 个百分点" for a percentage, "1.3万人" otherwise.
fn amount(value: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{} 个百分点", num(value)),
        _ => format!("{}{unit}", num(value)),
    }
}

/// The latest full-year value is worse than an earlier year of the plan period. Only for levels: a yearly
/// growth rate or a yearly amount of a cumulative target may well be lower than last year's without going back.
fn fell_back(i: &Inputs<'_>, a: &mut Assessment) {
    let level = is_level(&i.indicator.target.kind);
    let Some((latest, earlier)) = i.since_base.split_last() else {
        return;
    };
    if !level {
        return;
    }
    let best = earlier
        .iter()
        .copied()
        .max_by(|x, y| (i.direction * x.value).total_cmp(&(i.direction * y.value)));
    let Some(best) = best.filter(|b| i.direction * (latest.value - b.value) < 0.0) else {
        return;
    };
    let unit = &i.indicator.unit;
    let (worse, moved) = if i.direction > 0.0 {
        ("低于", "回落")
    } else {
        ("高于", "回升")
    };
    push(
        a,
        NoteCode::FellBack,
        format!(
            "{}年 {}{unit}{worse}{}年的 {}{unit}：较规划期内此前最好水平{moved} {}",
            latest.year,
            num(latest.value),
            best.year,
            num(best.value),
            amount((latest.value - best.value).abs(), unit)
        ),
    );
}

/// A target on the indicator's level (not a rate, a sum or a comparison): where a baseline and a fall-back mean
/// what they say.
fn is_level(kind: &TargetKind) -> bool {
    matches!(
        kind,
        TargetKind::AtLeast { .. }
            | TargetKind::AtMost { .. }
            | TargetKind::About { .. }
            | TargetKind::Maintain { .. }
            | TargetKind::Rise { .. }
            | TargetKind::Direction
    )
}

/// The newest value is more than a year older than the as-of year.
fn stale(i: &Inputs<'_>, a: &mut Assessment) {
    let Some(newest) = a.latest.map(|l| l.period.year) else {
        return;
    };
    let gap = i.as_of - newest;
    if gap > 1 {
        push(
            a,
            NoteCode::Stale,
            format!(
                "最新数据为 {newest} 年，比截至年份 {} 年早 {gap} 年：评估反映的是 {newest} 年的情况",
                i.as_of
            ),
        );
    }
}

/// As of the target year or later, without a figure for it.
fn target_year_missing(i: &Inputs<'_>, a: &mut Assessment) {
    let t = i.target_year;
    if i.as_of < t || i.since_base.iter().any(|p| p.year == t) {
        return;
    }
    let used = i
        .since_base
        .last()
        .map_or("尚无规划期内的年度数据".to_string(), |p| {
            format!("评估依据 {} 年的数据", p.year)
        });
    push(
        a,
        NoteCode::TargetYearMissing,
        format!("截至 {} 年，尚无目标年 {t} 年的数据：{used}", i.as_of),
    );
}

/// A recorded value for the baseline year differs from the plan table's baseline (levels only: elsewhere the
/// baseline does not enter the assessment).
fn baseline_revised(i: &Inputs<'_>, a: &mut Assessment) {
    // After a series break the base is the new basis's, not the table's.
    if !is_level(&i.indicator.target.kind)
        || a.notes.iter().any(|n| n.code == NoteCode::SeriesBreak)
    {
        return;
    }
    let (Some(table), Some(recorded)) = (
        i.indicator.baseline_value(),
        i.dataset
            .history
            .yearly(i.indicator.series_id(), i.base_year)
            .into_iter()
            .find(|o| o.period.year == i.base_year),
    ) else {
        return;
    };
    if (table - recorded.value).abs() <= 1e-9 * table.abs().max(1.0) {
        return;
    }
    let unit = &i.indicator.unit;
    push(
        a,
        NoteCode::BaselineRevised,
        format!(
            "规划表基期 {} 年为 {}{unit}，录入的 {} 年{}数为 {}{unit}（差 {}）：进度和所需增速按规划表基期 {}{unit} 计算，趋势外推用录入值",
            i.base_year,
            num(table),
            i.base_year,
            recorded.status.label_zh(),
            num(recorded.value),
            amount((recorded.value - table).abs(), unit),
            num(table)
        ),
    );
}

pub(crate) fn push(a: &mut Assessment, code: NoteCode, text: String) {
    a.notes.push(Note { code, text });
}
