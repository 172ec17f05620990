//! Targets the province assigns year by year (完成省下达目标): met or missed per recorded year.

use super::super::growth::elapsed;
use super::super::{Assessment, Inputs, Status, num, step};
use super::{conclude, not_assessable};

pub(super) fn assess(i: &Inputs<'_>, a: &mut Assessment) {
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
                "省下达的年度目标尚未录入（截至{}年）：取得逐年下达值后方可评估",
                i.as_of
            ),
        );
    }
    let mut results = Vec::new();
    for t in &targets {
        if let (Some(v), Some(line)) =
            (history.year_value(i.indicator.series_id(), t.year), t.value)
        {
            let met = t.met_by(v, i.indicator.better);
            results.push((t.year, v, (line, t.upper), met));
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
        .map(|(y, v, (low, upper), m)| {
            let assigned = match upper {
                Some(high) => format!("{}—{}{unit}（区间）", num(*low), num(*high)),
                None => format!("{}{unit}", num(*low)),
            };
            format!(
                "{y}年 实际 {}{unit} 对下达 {assigned}：{}",
                num(*v),
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
