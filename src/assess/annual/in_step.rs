//! In step with the economy (与经济增长同步; 高于GDP增速): the line's growth to date against GDP growth for the
//! same period. 同步 is met at GDP's growth or above; 高于 only above it.

use super::{AnnualStatus, Line, Verdict, fmt_signed};
use crate::assess::{num, step};
use crate::model::{Bound, Dataset};

/// The economy's growth series (地区生产总值增长): a context series or a plan indicator's series whose name says so.
pub(crate) fn economy_growth(dataset: &Dataset) -> Option<(String, String)> {
    let says = |name: &str| {
        (name.contains("生产总值") || name.contains("GDP")) && name.contains("增长")
            || name.contains("增速") && name.contains("生产总值")
    };
    dataset
        .history
        .context
        .iter()
        .find(|c| c.unit == "%" && says(&c.name))
        .map(|c| (c.id.clone(), c.name.clone()))
        .or_else(|| {
            dataset
                .plan
                .indicators
                .iter()
                .find(|i| i.unit == "%" && says(&i.name))
                .map(|i| (i.series_id().to_string(), i.display_name()))
        })
}

pub(super) fn assess(l: &Line<'_>) -> Verdict {
    let unit = l.unit;
    let now = l.latest;
    let Some((reference, name)) = economy_growth(l.dataset) else {
        return Verdict::new(
            AnnualStatus::NotAssessable,
            "数据中没有地区生产总值增长的序列，无法对照",
            Vec::new(),
        );
    };
    let Some(gdp) = l.dataset.history.period_value(&reference, now.period) else {
        return Verdict::new(
            AnnualStatus::NotAssessable,
            format!("{}的{}尚无数据，无法对照", now.period.label_zh(), name),
            vec![step(
                "对照",
                format!("{} {} 无数据", now.period.label_zh(), name),
            )],
        );
    };
    let strict = Bound::of_text(&l.target.text) == Bound::Strict;
    let gap = now.value - gdp.value;
    let clears = if strict { gap > 0.0 } else { gap >= 0.0 };
    let points = if unit == "%" { "个百分点" } else { unit };
    let working = vec![step(
        "对照经济增长",
        format!(
            "{} 增长 {}{unit}，{} {}{unit}：差 {}{points}（目标要求{}）",
            now.period.label_zh(),
            num(now.value),
            name,
            num(gdp.value),
            fmt_signed(gap),
            if strict {
                "高于经济增速"
            } else {
                "不低于经济增速"
            }
        ),
    )];
    let status = match (l.year_end, clears) {
        (true, true) => AnnualStatus::Met,
        (true, false) => AnnualStatus::Missed,
        (false, true) => AnnualStatus::OnSchedule,
        (false, false) => AnnualStatus::Behind,
    };
    let reason = if clears {
        format!(
            "增长 {}{unit}，{}经济增长 {}{unit}",
            num(now.value),
            if gap > 0.0 { "高于" } else { "与" },
            num(gdp.value)
        ) + if gap > 0.0 { "" } else { "持平" }
    } else {
        format!(
            "增长 {}{unit}，{}经济增长 {}{unit}（差 {}{points}）",
            num(now.value),
            if gap < 0.0 { "低于" } else { "仅持平" },
            num(gdp.value),
            num(gap.abs())
        )
    };
    let mut v = Verdict::new(status, reason, working);
    v.line = Some(gdp.value);
    v
}
