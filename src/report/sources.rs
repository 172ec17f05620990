//! The appendices that let a reader check the report: the method with the plan's thresholds, the values of each
//! year, and every value used with its period, vintage and source.

use super::Report;
use super::cells::{self, GAP};
use super::document::Table;
use super::headline::SERIES;
use crate::assess::Status;
use crate::assess::projection::{INTERVAL_LEVEL, TREND_WINDOW};
use crate::text::fmt_number;

/// The method as the assessment applies it, with this plan's thresholds.
pub fn method(report: &Report<'_>) -> Vec<String> {
    let plan = &report.dataset.plan;
    let t = &plan.thresholds;
    let n = |v: f64| fmt_number(v, 4);
    let l = |s: Status| plan.status_label(s);
    let (achieved, ahead, on_track) = (l(Status::Achieved), l(Status::Ahead), l(Status::OnTrack));
    let (lagging, off_track, unknown) = (
        l(Status::Lagging),
        l(Status::OffTrack),
        l(Status::NotAssessable),
    );
    vec![
        format!("状态分类：{achieved}、{ahead}、{on_track}、{lagging}、{off_track}，缺少数据的为{unknown}（沿用国家“十四五”规划中期评估的表述）。"),
        format!(
            "水平类目标（达到、降至、左右）：增速比 R 为已实现年均增速与所需年均增速（取绝对值）之比，乘以方向系数（欧盟统计局可持续发展目标监测方法）；已实现年均增速 =（最新值 ÷ 基期值）的（1 ÷ 已过年数）次方 − 1，所需年均增速 =（目标值 ÷ 基期值）的（1 ÷ 规划年数）次方 − 1，方向系数在越高越好时取 +1、越低越好时取 −1；数值非正时改用年均变化量之比。已达到目标为“{achieved}”；R ≥ {} 为“{ahead}”；{} ≤ R < {} 为“{on_track}”；{} ≤ R < {} 为“{lagging}”；R < {} 为“{off_track}”。",
            n(t.ahead_ratio), n(t.on_track_ratio), n(t.ahead_ratio), n(t.lagging_ratio), n(t.on_track_ratio), n(t.lagging_ratio)
        ),
        format!("“左右”类目标：与目标值相差不超过目标值的 {}% 即视为达到。", n(t.about_tolerance_pct)),
        "时序进度：目标完成度（最新值 − 基期值）÷（目标值 − 基期值）对时间进度（已过年数 ÷ 规划年数）。".to_string(),
        "还需年均增长：（目标值 ÷ 最新值）的（1 ÷ 剩余年数）次方 − 1。".to_string(),
        "年均增速目标：已实现各年增速的几何平均与目标增速之比为 R；其余年份所需年均增速 =（（1 + 目标增速）的规划年数次方 ÷ 已实现各年（1 + 增速）之积）的（1 ÷ 剩余年数）次方 − 1。".to_string(),
        "累计目标：累计完成量占目标的比例与时间进度之比为 R；其余每年需完成量为（目标 − 已完成）/剩余年数；设有每年底线的，任一年未高于底线即为滞后。".to_string(),
        format!(
            "同步增长目标：逐年并按几何平均比较本指标与对照指标的增速，低于对照不超过 {} 个百分点视为同步，超过其 3 倍为“{off_track}”。",
            n(t.in_step_tolerance_pp)
        ),
        format!("完成省下达目标：逐年对照录入的下达值；下达值未录入时为“{unknown}”。"),
        format!("方向性目标（稳步提高）：每年均向目标方向变化为“{on_track}”，总体向好但有回落为“{lagging}”，未向目标方向变化为“{off_track}”。"),
        format!("保持类目标：每年均保持在目标线之内为“{on_track}”（到目标年仍保持为“{achieved}”）；曾未保持但已恢复为“{lagging}”；最新一年未保持为“{off_track}”。"),
        format!("约束性指标：增速比 R < 1 即判为“{lagging}”，凡“{lagging}”“{off_track}”均列为预警。"),
        format!(
            "趋势外推：取最近 {TREND_WINDOW} 个年度值（含基期）的最小二乘线性趋势推至目标年，给出 {}% 预测区间（t 分布）和达到目标的概率；数据点少于 3 个时按复合增长趋势推算，不给区间。外推值未达目标的差距不超过剩余差距的 {}% 为“按趋势可达成”，{}%—{}% 为“按趋势接近目标”，超过为“按趋势难以达成”。",
            fmt_number(INTERVAL_LEVEL * 100.0, 0),
            n(t.projection_on_track_pct),
            n(t.projection_on_track_pct),
            n(t.projection_near_pct)
        ),
        "以上阈值为本次评估采用的参数，可按评估机构的要求调整后重新评估。".to_string(),
    ]
}

/// Each indicator's values year by year, from the base year to the as-of year, with the target.
pub fn yearly_table(report: &Report<'_>) -> Table {
    let plan = &report.dataset.plan;
    let history = &report.dataset.history;
    let years: Vec<i32> = (plan.baseline_year..=report.as_of).collect();
    let headers: Vec<String> = years
        .iter()
        .map(|y| {
            if *y == plan.baseline_year {
                format!("{y}（基期）")
            } else {
                y.to_string()
            }
        })
        .collect();
    let mut columns: Vec<(&str, bool)> = vec![("序号", false), ("指标", false), ("单位", false)];
    columns.extend(headers.iter().map(|h| (h.as_str(), true)));
    columns.push(("目标", true));
    let mut table = Table::new(&columns);
    for (i, a) in report.items() {
        let mut row = vec![i.number().to_string(), cells::name(i), cells::unit(i)];
        // The base year shows the base the assessment used (the table's, else the recorded value).
        let base = a
            .baseline
            .filter(|b| b.year == plan.baseline_year)
            .map(|b| b.value);
        row.extend(years.iter().map(|y| {
            let value = if *y == plan.baseline_year { base } else { None };
            value
                .or_else(|| history.year_value(i.series_id(), *y))
                .map_or_else(|| GAP.to_string(), |v| fmt_number(v, 2))
        }));
        row.push(cells::target(i, plan.end_year));
        table.row(row);
    }
    table
}

/// The sources of the appendix's tables, each written out once and cited by its number (〔1〕) in the rows.
#[derive(Debug, Default)]
pub struct Sources(Vec<String>);

impl Sources {
    /// The citation of `source`, numbered in order of first use.
    pub fn cite(&mut self, source: &str) -> String {
        let n = match self.0.iter().position(|s| s == source) {
            Some(at) => at + 1,
            None => {
                self.0.push(source.to_string());
                self.0.len()
            }
        };
        format!("〔{n}〕")
    }

    /// The list: "〔1〕杭州市人民政府《…》".
    pub fn list(&self) -> Vec<String> {
        self.0
            .iter()
            .enumerate()
            .map(|(k, s)| format!("〔{}〕{s}", k + 1))
            .collect()
    }
}

/// Every vintage of every value up to the as-of year, the one in use marked; sources cited from `sources`.
pub fn values_table(report: &Report<'_>, sources: &mut Sources) -> Table {
    let history = &report.dataset.history;
    let mut table = Table::new(&[
        ("指标", false),
        ("时期", false),
        ("数值", true),
        ("版本", false),
        ("发布日期", false),
        ("采用", false),
        ("来源", false),
        ("可靠性", false),
    ]);
    // The plan's indicators, then the context series the headline goals were computed from.
    let mut series_list: Vec<(String, &str, &str)> = report
        .items()
        .map(|(i, _)| {
            (
                format!("{} {}", i.number(), i.display_name()),
                i.series_id(),
                i.unit.as_str(),
            )
        })
        .collect();
    if report.headline.computed().is_some() {
        for id in SERIES {
            if let Some(c) = history.context_series(id) {
                series_list.push((format!("背景数据：{}", c.name), id, c.unit.as_str()));
            }
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (label, series, unit) in series_list {
        if seen.contains(&series) {
            continue;
        }
        seen.push(series);
        // One row per vintage; a withdrawn entry is never a version: it is listed as taken back, with why.
        let mut row = |o: &crate::model::Observation, use_word: String| {
            vec![
                label.clone(),
                o.period.label_zh(),
                cells::value(o.value, unit),
                o.status.label_zh().to_string(),
                o.published
                    .map_or_else(|| GAP.to_string(), |d| d.to_string()),
                use_word,
                sources.cite(&o.source),
                o.reliability.clone(),
            ]
        };
        for (o, used) in history.vintages_up_to(series, report.as_of) {
            table.row(row(o, if used { "采用" } else { "旧版本" }.to_string()));
        }
        for w in history.withdrawn(series) {
            if w.observation.period.year <= report.as_of {
                table.row(row(
                    &w.observation,
                    format!("已撤回（{}，{}）", w.recorded, w.reason),
                ));
            }
        }
    }
    table
}

/// The annual targets recorded for the plan's indicators, with their sources; none if there are none.
pub fn annual_targets_table(report: &Report<'_>, sources: &mut Sources) -> Option<Table> {
    let history = &report.dataset.history;
    let mut table = Table::new(&[
        ("指标", false),
        ("年份", false),
        ("年度目标", false),
        ("来源", false),
        ("可靠性", false),
    ]);
    for (i, _) in report.items() {
        for t in history.annual_targets(i.series_id()) {
            table.row(vec![
                format!("{} {}", i.number(), i.display_name()),
                t.year.to_string(),
                t.text.clone(),
                sources.cite(&t.source),
                t.reliability.clone(),
            ]);
        }
    }
    (!table.rows.is_empty()).then_some(table)
}
