//! `planwatch explain ID`: the working for one indicator, to redo by hand or in a spreadsheet.

use serde::Serialize;

use super::output::{print, print_json};
use super::{Format, as_of_year};
use crate::assess::{Assessment, assess_indicator};
use crate::error::Error;
use crate::model::Dataset;
use crate::text::{Align, Table, display_width, pad};

#[derive(Serialize)]
struct ExplainJson<'a> {
    id: &'a str,
    name: String,
    as_of: i32,
    assessment: &'a Assessment,
}

pub fn run(dataset: &Dataset, id: &str, as_of: Option<i32>, format: Format) -> Result<i32, Error> {
    let indicator = dataset
        .plan
        .indicator(id)
        .ok_or_else(|| super::in_flags(Error::UnknownIndicator(id.to_string())))?;
    let as_of = as_of_year(dataset, as_of)?;
    let a = assess_indicator(dataset, indicator, as_of);
    match format {
        Format::Json => print_json(&ExplainJson {
            id,
            name: indicator.display_name(),
            as_of,
            assessment: &a,
        })?,
        Format::Table | Format::Csv => {
            let mut out = format!(
                "指标 {} {}（{}，{}，{}）· 截至 {} 年\n状态：{} {}{}\n\n",
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
            let label_width = a
                .working
                .iter()
                .map(|s| display_width(&s.label))
                .max()
                .unwrap_or(0);
            for s in &a.working {
                out.push_str(&format!(
                    "{}  {}\n",
                    pad(&s.label, label_width, Align::Left),
                    s.text
                ));
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
    if rows.is_empty() {
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
    format!("\n数据来源与版本：\n{}", table.render())
}
