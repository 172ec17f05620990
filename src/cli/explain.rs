//! `planwatch explain ID`: the working for one indicator, to redo by hand or in a spreadsheet.

use serde::Serialize;

use super::data::resolve_as_of;
use super::format::Format;
use super::output::{csv, print, print_csv, print_json};
use crate::assess::annual::{AnnualAssessment, annual_plan, in_year_signal};
use crate::assess::as_of::AsOf;
use crate::assess::{Assessment, Step, assess_indicator};
use crate::error::Error;
use crate::model::{Dataset, Period};
use crate::text::{Align, Table, display_width, pad};

#[derive(Serialize)]
struct ExplainJson<'a> {
    id: &'a str,
    name: String,
    as_of: i32,
    as_of_period: String,
    assessment: &'a Assessment,
    /// The indicator's line of the as-of year's annual plan, with its working.
    in_year: Option<&'a AnnualAssessment>,
}

#[derive(Serialize)]
struct ExplainAnnualJson<'a> {
    id: &'a str,
    name: &'a str,
    as_of: String,
    annual: &'a AnnualAssessment,
}

fn working_lines(working: &[Step]) -> String {
    let label_width = working
        .iter()
        .map(|s| display_width(&s.label))
        .max()
        .unwrap_or(0);
    working
        .iter()
        .map(|s| format!("{}  {}\n", pad(&s.label, label_width, Align::Left), s.text))
        .collect()
}

fn annual_text(s: &AnnualAssessment, as_of: Period) -> String {
    format!(
        "\n{}年年度计划 · 截至 {}：{} {}\n{}",
        s.target.year,
        as_of.heading_zh(),
        s.status.symbol(),
        s.status.label_zh(),
        working_lines(&s.working)
    )
}

/// A line of the annual plan that is not a five-year plan indicator (社会消费品零售总额), by its series id.
fn run_annual_only(
    dataset: &Dataset,
    id: &str,
    resolved: &AsOf,
    format: Format,
) -> Result<i32, Error> {
    let plan = annual_plan(dataset, resolved);
    let as_of = resolved.annual_period;
    let Some(a) = plan.get(id) else {
        return Err(super::data::in_flags(Error::UnknownIndicator(
            id.to_string(),
        )));
    };
    match format {
        Format::Json => print_json(&ExplainAnnualJson {
            id,
            name: &a.name,
            as_of: as_of.to_string(),
            annual: a,
        })?,
        Format::Table | Format::Csv => {
            let mut out = format!(
                "年度计划指标 {}（{}）· 截至 {}\n",
                a.name,
                if a.unit.is_empty() {
                    "无单位"
                } else {
                    &a.unit
                },
                as_of.heading_zh()
            );
            out.push_str(&annual_text(a, as_of));
            out.push_str(&sources(dataset, &a.series, as_of.year));
            print(&out)?;
        }
    }
    Ok(0)
}

pub fn run(
    dataset: &Dataset,
    id: &str,
    as_of: Option<Period>,
    format: Format,
) -> Result<i32, Error> {
    let resolved = resolve_as_of(dataset, as_of)?;
    let Some(indicator) = dataset.plan.find(id) else {
        return run_annual_only(dataset, id, &resolved, format);
    };
    let (period, as_of) = (resolved.period, resolved.year);
    let a = assess_indicator(dataset, indicator, as_of);
    let signal = in_year_signal(dataset, indicator, &resolved);
    match format {
        Format::Json => print_json(&ExplainJson {
            id,
            name: indicator.display_name(),
            as_of,
            as_of_period: period.to_string(),
            assessment: &a,
            in_year: signal.as_ref(),
        })?,
        Format::Csv => {
            // The working as a two-column table, to redo the calculation in a spreadsheet.
            let mut rows = vec![
                vec![
                    "指标".to_string(),
                    format!("{} {}", indicator.id, indicator.display_name()),
                ],
                vec!["截至".to_string(), as_of.to_string()],
                vec![
                    "状态".to_string(),
                    dataset.plan.status_label(a.status).to_string(),
                ],
            ];
            rows.extend(
                a.working
                    .iter()
                    .map(|s| vec![s.label.clone(), s.text.clone()]),
            );
            print_csv(&csv(&["项目", "内容"], &rows))?;
        }
        Format::Table => {
            let mut out = format!(
                "指标 {} {}（{}，{}，{}）· 截至 {}\n状态：{} {}{}\n\n",
                indicator.id,
                indicator.display_name(),
                if indicator.unit.is_empty() {
                    "无单位"
                } else {
                    &indicator.unit
                },
                indicator.category,
                indicator.attribute.label_zh(),
                as_of,
                a.status.symbol(),
                dataset.plan.status_label(a.status),
                if a.binding_alert {
                    "（约束性指标预警）"
                } else {
                    ""
                }
            );
            out.push_str(&working_lines(&a.working));
            if let Some(s) = &signal {
                out.push_str(&annual_text(s, period));
            }
            out.push_str(&sources(dataset, indicator.series_id(), as_of));
            print(&out)?;
        }
    }
    Ok(0)
}

/// Every value of the series with its vintage and source.
fn sources(dataset: &Dataset, series: &str, as_of: i32) -> String {
    let rows = dataset.history.vintages_up_to(series, as_of);
    if rows.is_empty() && dataset.history.withdrawn(series).is_empty() {
        return "\n数据来源：尚无记录的数据。\n".to_string();
    }
    let mut table = Table::new(&[
        ("时期", Align::Left),
        ("数值", Align::Right),
        ("状态", Align::Left),
        ("采用", Align::Left),
        ("来源", Align::Left),
    ]);
    for (o, in_use) in rows {
        table.row(vec![
            o.period.label_zh(),
            crate::text::fmt_number(o.value, 4),
            o.status.label_zh().to_string(),
            if in_use { "✔" } else { "旧版本" }.to_string(),
            format!("{}（{}:{}）", o.source, o.origin.file, o.origin.line),
        ]);
    }
    for w in dataset.history.withdrawn(series) {
        let o = &w.observation;
        table.row(vec![
            o.period.label_zh(),
            crate::text::fmt_number(o.value, 4),
            o.status.label_zh().to_string(),
            format!("已撤回（{}）", w.reason),
            format!("{}（{}:{}）", o.source, w.origin.file, w.origin.line),
        ]);
    }
    format!("\n数据来源与版本：\n{}", table.render())
}
