//! `planwatch regions`: every region's plan side by side (counts per status, binding alerts, sorted by the share
//! lagging), one indicator across regions (`--indicator`), and the roll-up check of additive series.

use std::io::IsTerminal;

use serde::Serialize;

use super::output::{csv, opt_csv, print, print_csv, print_json};
use super::{DataArgs, Format, source};
use crate::assess::Status;
use crate::error::Error;
use crate::load::regions::read_plans;
use crate::present::words;
use crate::regions::cache::{Cache, cache_dir};
use crate::regions::{RegionIndicator, RegionRow, Regions, RollupCheck, compare};
use crate::text::{Align, Table, fmt_number, fmt_signed_pct, truncate};

/// Plans below this many load in well under a second: no progress bar for them.
const PROGRESS_FROM: usize = 200;

/// Loads and compares every region of the period, with a progress bar on a terminal for long work. A large data
/// directory's result is kept in a cache keyed by file stamps (see [`crate::regions::cache`]).
pub fn load_regions(data: &DataArgs, as_of: Option<i32>) -> Result<Regions, Error> {
    let plan = data.plan.as_deref();
    let cache = match (&data.data, cache_dir()) {
        (Some(dir), Some(cache_dir)) => Cache::open(&cache_dir, dir, plan, as_of),
        _ => None,
    };
    if let Some(regions) = cache.as_ref().and_then(Cache::read) {
        return Ok(regions);
    }
    let regions = compare_all(data, as_of)?;
    if let Some(cache) = &cache {
        cache.write(&regions);
    }
    Ok(regions)
}

fn compare_all(data: &DataArgs, as_of: Option<i32>) -> Result<Regions, Error> {
    if let Some(dir) = &data.data
        && let Some(regions) =
            crate::regions::cache::compare_units(dir, data.plan.as_deref(), as_of, &|| {})
    {
        return regions.map_err(super::in_flags);
    }
    let plans = read_plans(&source(data))?;
    let bar = if plans.len() >= PROGRESS_FROM && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(plans.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "读取各地区规划 {bar:40} {pos}/{len} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let done = || bar.inc(1);
    let result = compare(plans, data.plan.as_deref(), as_of, &done).map_err(super::in_flags);
    bar.finish_and_clear();
    result
}

#[derive(Serialize)]
struct SummaryJson {
    achieved: usize,
    ahead: usize,
    on_track: usize,
    lagging: usize,
    off_track: usize,
    not_assessable: usize,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    code: Option<&'a str>,
    status: Status,
}

#[derive(Serialize)]
struct RegionJson<'a> {
    plan: &'a str,
    region: &'a str,
    parent: Option<&'a str>,
    level: Option<&'static str>,
    as_of: i32,
    summary: SummaryJson,
    binding_alerts: usize,
    lagging_share: f64,
    indicators: Vec<IndicatorJson<'a>>,
}

#[derive(Serialize)]
struct ChildJson<'a> {
    region: &'a str,
    value: f64,
}

#[derive(Serialize)]
struct RollupJson<'a> {
    parent: &'a str,
    plan: &'a str,
    series: &'a str,
    name: &'a str,
    unit: &'a str,
    year: i32,
    parent_value: f64,
    children_sum: f64,
    difference_pct: f64,
    tolerance_pct: f64,
    within: bool,
    children: Vec<ChildJson<'a>>,
    suspect: Option<&'a str>,
}

#[derive(Serialize)]
struct RegionsJson<'a> {
    as_of: Option<i32>,
    regions: Vec<RegionJson<'a>>,
    rollup: Vec<RollupJson<'a>>,
}

#[derive(Serialize)]
struct LatestJson {
    period: String,
    value: f64,
}

#[derive(Serialize)]
struct IndicatorRowJson<'a> {
    plan: &'a str,
    region: &'a str,
    parent: Option<&'a str>,
    id: &'a str,
    code: Option<&'a str>,
    name: &'a str,
    unit: &'a str,
    latest: Option<LatestJson>,
    target: &'a str,
    target_value: Option<f64>,
    status: Status,
    required_growth_pct: Option<f64>,
}

#[derive(Serialize)]
struct ByIndicatorJson<'a> {
    as_of: Option<i32>,
    indicator: &'a str,
    name: &'a str,
    regions: Vec<IndicatorRowJson<'a>>,
}

pub fn run(
    data: &DataArgs,
    as_of: Option<i32>,
    indicator: Option<&str>,
    format: Format,
) -> Result<i32, Error> {
    let regions = load_regions(data, as_of).map_err(super::in_flags)?;
    match indicator {
        Some(query) => {
            let (key, name) = regions.resolve_indicator(query).ok_or_else(|| {
                Error::Usage(format!(
                    "各地区规划中都没有序号、共同编码或名称为“{query}”的指标"
                ))
            })?;
            by_indicator(&regions, &key, &name, format)?;
        }
        None => overview(&regions, format)?,
    }
    Ok(0)
}

fn summary(row: &RegionRow) -> SummaryJson {
    SummaryJson {
        achieved: row.count(Status::Achieved),
        ahead: row.count(Status::Ahead),
        on_track: row.count(Status::OnTrack),
        lagging: row.count(Status::Lagging),
        off_track: row.count(Status::OffTrack),
        not_assessable: row.count(Status::NotAssessable),
    }
}

fn rollup_json(c: &RollupCheck) -> RollupJson<'_> {
    RollupJson {
        parent: &c.parent_region,
        plan: &c.parent_plan,
        series: &c.series,
        name: &c.series_name,
        unit: &c.unit,
        year: c.year,
        parent_value: c.parent_value,
        children_sum: c.children_sum,
        difference_pct: c.difference_pct,
        tolerance_pct: c.tolerance_pct,
        within: c.within,
        children: c
            .children
            .iter()
            .map(|(region, value)| ChildJson {
                region,
                value: *value,
            })
            .collect(),
        suspect: c.suspect.as_ref().map(|s| s.region.as_str()),
    }
}

fn overview(regions: &Regions, format: Format) -> Result<(), Error> {
    match format {
        Format::Json => print_json(&RegionsJson {
            as_of: regions.as_of_year(),
            regions: regions
                .rows
                .iter()
                .map(|r| RegionJson {
                    plan: &r.plan_id,
                    region: &r.region,
                    parent: r.parent.as_deref(),
                    level: r.level.map(|l| l.label_zh()),
                    as_of: r.as_of,
                    summary: summary(r),
                    binding_alerts: r.binding_alerts,
                    lagging_share: r.lagging_share(),
                    indicators: r
                        .indicators
                        .iter()
                        .map(|i| IndicatorJson {
                            id: &i.id,
                            code: i.code.as_deref(),
                            status: i.status,
                        })
                        .collect(),
                })
                .collect(),
            rollup: regions.rollup.iter().map(rollup_json).collect(),
        }),
        Format::Csv => {
            let mut headers = vec!["规划", "地区", "上级地区", "截至"];
            headers.extend(Status::ALL.iter().map(|s| s.label_zh()));
            headers.extend(["约束性预警", "滞后占比%"]);
            let rows: Vec<Vec<String>> = regions
                .rows
                .iter()
                .map(|r| {
                    let mut row = vec![
                        r.plan_id.clone(),
                        r.region.clone(),
                        r.parent.clone().unwrap_or_default(),
                        r.as_of.to_string(),
                    ];
                    row.extend(Status::ALL.iter().map(|s| r.count(*s).to_string()));
                    row.push(r.binding_alerts.to_string());
                    row.push(opt_csv(Some(r.lagging_share() * 100.0)));
                    row
                })
                .collect();
            print_csv(&csv(&headers, &rows))
        }
        Format::Table => print(&overview_table(regions)),
    }
}

fn overview_table(regions: &Regions) -> String {
    let mut out = match regions.as_of_year() {
        Some(year) => format!(
            "各地区规划指标监测 · 截至 {year} 年 · {} 个地区（按滞后占比排序）\n\n",
            regions.rows.len()
        ),
        None => "没有可比较的地区规划\n".to_string(),
    };
    let mut columns = vec![
        ("地区", Align::Left),
        ("上级", Align::Left),
        ("截至", Align::Right),
    ];
    let heads: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{}{}", s.symbol(), s.label_zh()))
        .collect();
    columns.extend(heads.iter().map(|h| (h.as_str(), Align::Right)));
    columns.extend([("约束性预警", Align::Right), ("滞后占比", Align::Right)]);
    let mut table = Table::new(&columns);
    for r in &regions.rows {
        let mut row = vec![
            truncate(&r.region, 20),
            r.parent.clone().unwrap_or_else(|| "—".into()),
            r.as_of.to_string(),
        ];
        row.extend(Status::ALL.iter().map(|s| r.count(*s).to_string()));
        row.push(r.binding_alerts.to_string());
        row.push(format!("{}%", fmt_number(r.lagging_share() * 100.0, 0)));
        table.row(row);
    }
    out.push_str(&table.render());
    out.push_str(&rollup_text(regions));
    out
}

/// The roll-up findings as text (shared with `validate`'s wording).
pub fn rollup_text(regions: &Regions) -> String {
    if regions.rollup.is_empty() {
        return String::new();
    }
    let issues: Vec<&RollupCheck> = regions.rollup_issues().collect();
    if issues.is_empty() {
        return format!(
            "\n汇总核对：{} 项（地区 × 序列 × 年份）下辖地区合计与本级数一致（在允许差额以内）。\n",
            regions.rollup.len()
        );
    }
    let mut out = format!(
        "\n汇总核对：{} 项中有 {} 项下辖地区合计与本级数不符：\n",
        regions.rollup.len(),
        issues.len()
    );
    for c in issues {
        out.push_str(&format!("  ✖ {}\n", c.sentence()));
    }
    out
}

fn by_indicator(regions: &Regions, key: &str, name: &str, format: Format) -> Result<(), Error> {
    let rows: Vec<(&RegionRow, &RegionIndicator)> = regions.by_key(key);
    match format {
        Format::Json => print_json(&ByIndicatorJson {
            as_of: regions.as_of_year(),
            indicator: key,
            name,
            regions: rows
                .iter()
                .map(|(r, i)| IndicatorRowJson {
                    plan: &r.plan_id,
                    region: &r.region,
                    parent: r.parent.as_deref(),
                    id: &i.id,
                    code: i.code.as_deref(),
                    name: &i.name,
                    unit: &i.unit,
                    latest: i.latest.map(|l| LatestJson {
                        period: l.period.to_string(),
                        value: l.value,
                    }),
                    target: &i.target_text,
                    target_value: i.target_value,
                    status: i.status,
                    required_growth_pct: i.required_growth_pct,
                })
                .collect(),
        }),
        Format::Csv => {
            let headers = [
                "规划",
                "地区",
                "上级地区",
                "序号",
                "共同编码",
                "指标名称",
                "单位",
                "最新时期",
                "最新值",
                "目标",
                "状态",
                "状态代码",
                "还需年均增速%",
            ];
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|(r, i)| {
                    vec![
                        r.plan_id.clone(),
                        r.region.clone(),
                        r.parent.clone().unwrap_or_default(),
                        i.id.clone(),
                        i.code.clone().unwrap_or_default(),
                        i.name.clone(),
                        i.unit.clone(),
                        i.latest.map_or(String::new(), |l| words::period(l.period)),
                        opt_csv(i.latest.map(|l| l.value)),
                        i.target_text.clone(),
                        r.label(i.status).to_string(),
                        i.status.name().to_string(),
                        opt_csv(i.required_growth_pct),
                    ]
                })
                .collect();
            print_csv(&csv(&headers, &rows))
        }
        Format::Table => {
            let mut out = format!(
                "{name} · 各地区对照（{} 个地区，按滞后占比排序）\n\n",
                rows.len()
            );
            let mut table = Table::new(&[
                ("地区", Align::Left),
                ("序号", Align::Right),
                ("单位", Align::Left),
                ("最新", Align::Right),
                ("时期", Align::Left),
                ("目标", Align::Left),
                ("还需年均", Align::Right),
                ("状态", Align::Left),
            ]);
            for (r, i) in &rows {
                table.row(vec![
                    truncate(&r.region, 20),
                    i.id.clone(),
                    i.unit.clone(),
                    words::value(i.latest.map(|l| l.value)),
                    words::period_or_none(i.latest.map(|l| l.period)),
                    i.target_text.clone(),
                    i.required_growth_pct
                        .map_or("—".to_string(), fmt_signed_pct),
                    format!("{} {}", i.status.symbol(), r.label(i.status)),
                ]);
            }
            out.push_str(&table.render());
            print(&out)
        }
    }
}
