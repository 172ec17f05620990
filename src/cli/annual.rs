//! `planwatch annual`: the year's annual plan (年度计划), each line with its newest in-year figure and its verdict
//! against the target's time schedule (目标时序进度).

use serde::Serialize;

use super::data::resolve_as_of;
use super::format::Format;
use super::output::{csv, opt_csv, print, print_csv, print_json};
use crate::assess::annual::{
    AnnualAssessment, AnnualPlanAssessment, AnnualStatus, AnnualSummary, annual_plan,
};
use crate::assess::as_of::AsOf;
use crate::error::Error;
use crate::model::{Dataset, Period};
use crate::text::{Align, Table, truncate};

/// One line in JSON: the library's assessment as it is, with the status in words beside its code.
#[derive(Serialize)]
struct LineJson<'a> {
    #[serde(flatten)]
    line: &'a AnnualAssessment,
    status_label: &'static str,
}

#[derive(Serialize)]
struct AnnualJson<'a> {
    year: i32,
    as_of: String,
    summary: AnnualSummary,
    indicators: Vec<LineJson<'a>>,
}

fn line_json(a: &AnnualAssessment) -> LineJson<'_> {
    LineJson {
        line: a,
        status_label: a.status.label_zh(),
    }
}

/// The annual plan and as-of period asked for (see [`crate::assess::as_of`]); `--year` picks another year's
/// plan, a past year's read at its end.
pub fn year_and_as_of(
    dataset: &Dataset,
    year: Option<i32>,
    as_of: Option<Period>,
) -> Result<AsOf, Error> {
    let resolved = resolve_as_of(dataset, as_of)?;
    Ok(match year {
        Some(year) => resolved.with_annual_year(dataset, year),
        None => resolved,
    })
}

pub fn run(
    dataset: &Dataset,
    year: Option<i32>,
    as_of: Option<Period>,
    format: Format,
) -> Result<i32, Error> {
    let resolved = year_and_as_of(dataset, year, as_of)?;
    let (year, as_of) = (resolved.annual_year, resolved.annual_period);
    let result = annual_plan(dataset, &resolved);
    match format {
        Format::Json => print_json(&AnnualJson {
            year,
            as_of: as_of.to_string(),
            summary: result.summary(),
            indicators: result.items.iter().map(line_json).collect(),
        })?,
        Format::Csv => {
            let headers = [
                "序号",
                "指标",
                "单位",
                "属性",
                "年度目标",
                "目标类型",
                "最新时期",
                "最新值",
                "完成比例%",
                "时序进度%",
                "判断",
                "判断代码",
                "原因",
                "目标来源",
            ];
            let rows: Vec<Vec<String>> = result
                .items
                .iter()
                .map(|a| {
                    vec![
                        a.number.clone(),
                        a.name.clone(),
                        a.unit.clone(),
                        a.attribute.label_zh().to_string(),
                        a.target.text.clone(),
                        a.target.kind.label_zh().to_string(),
                        a.latest
                            .map_or(String::new(), |l| crate::present::words::period(l.period)),
                        opt_csv(a.latest.map(|l| l.value)),
                        opt_csv(a.completion_pct),
                        opt_csv(a.elapsed_pct),
                        a.status.label_zh().to_string(),
                        a.status.name().to_string(),
                        a.reason.clone(),
                        a.target.source.clone(),
                    ]
                })
                .collect();
            print_csv(&csv(&headers, &rows))?;
        }
        Format::Table => print(&table(dataset, &result))?,
    }
    Ok(0)
}

fn table(dataset: &Dataset, result: &AnnualPlanAssessment) -> String {
    let mut out = format!(
        "{}{}年国民经济和社会发展计划 · 截至 {}\n",
        dataset.plan.region,
        result.year,
        result.as_of.heading_zh()
    );
    if result.items.is_empty() {
        out.push_str(&format!(
            "\n数据中尚未录入{}年的年度目标：年度目标以 [[annual_target]] 记录在各指标的数据文件中（见 README“年度计划”）。\n",
            result.year
        ));
        return out;
    }
    let counts: Vec<String> = AnnualStatus::ALL
        .iter()
        .map(|s| (s, result.count(*s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} {} {n}", s.symbol(), s.label_zh()))
        .collect();
    out.push_str(&format!(
        "{}\n{}\n\n",
        crate::report::execution::opening_sentence(&dataset.plan, result),
        counts.join("  ")
    ));
    let mut table = Table::new(&[
        ("序号", Align::Right),
        ("指标", Align::Left),
        ("单位", Align::Left),
        ("年度目标", Align::Left),
        ("最新", Align::Right),
        ("时期", Align::Left),
        ("完成/时序", Align::Right),
        ("判断", Align::Left),
    ]);
    for a in &result.items {
        let progress = crate::present::words::shares(a.completion_pct, a.elapsed_pct);
        table.row(vec![
            a.number.clone(),
            truncate(&a.name, 24),
            a.unit.clone(),
            truncate(&a.target.text, 24),
            crate::present::words::value(a.latest.map(|l| l.value)),
            crate::present::words::period_or_none(a.latest.map(|l| l.period)),
            progress,
            format!("{} {}", a.status.symbol(), a.status.label_zh()),
        ]);
    }
    out.push_str(&table.render());
    out.push_str("\n完成/时序：年度总量目标的完成比例对时序进度（往年同期占全年比重，数据不足时按日历）\n\n原因：\n");
    for (n, a) in result.items.iter().enumerate() {
        out.push_str(&format!(
            "  {} {} {}：{}\n",
            a.status.symbol(),
            n + 1,
            a.name,
            a.reason
        ));
        if let Some(e) = &a.explanation {
            out.push_str(&format!("      情况说明：{e}\n"));
        }
    }
    out.push_str(&crate::present::annual::missing_explanations(result));
    out
}
