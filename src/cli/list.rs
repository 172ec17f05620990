//! `planwatch list`: the plan's indicators as the annex prints them.

use serde::Serialize;

use super::format::Format;
use super::output::{csv, opt_csv, print, print_csv, print_json};
use crate::error::Error;
use crate::model::{Dataset, Indicator};
use crate::text::{Align, Table};

/// The JSON contract of `list --format json` (README): one element per measured indicator.
#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    name: &'a str,
    group: Option<&'a str>,
    unit: &'a str,
    category: &'a str,
    attribute: crate::model::Attribute,
    level: Option<crate::model::Level>,
    better: crate::model::Better,
    baseline: Option<&'a crate::model::Baseline>,
    target: &'a crate::model::Target,
    average_or_cumulative: Option<&'a str>,
    note: &'a str,
}

fn to_json(i: &Indicator) -> IndicatorJson<'_> {
    IndicatorJson {
        id: &i.id,
        name: &i.name,
        group: i.group.as_deref(),
        unit: &i.unit,
        category: &i.category,
        attribute: i.attribute,
        level: i.level,
        better: i.better,
        baseline: i.baseline.as_ref(),
        target: &i.target,
        average_or_cumulative: i.average_or_cumulative.as_deref(),
        note: &i.note,
    }
}

pub fn run(dataset: &Dataset, format: Format) -> Result<i32, Error> {
    let plan = &dataset.plan;
    match format {
        Format::Json => print_json(&plan.indicators.iter().map(to_json).collect::<Vec<_>>())?,
        Format::Csv => {
            let rows: Vec<Vec<String>> = plan
                .indicators
                .iter()
                .map(|i| {
                    vec![
                        i.id.clone(),
                        i.display_name(),
                        i.unit.clone(),
                        i.category.clone(),
                        i.attribute.label_zh().to_string(),
                        i.level_label().to_string(),
                        i.baseline
                            .as_ref()
                            .map_or(String::new(), |b| b.year.to_string()),
                        opt_csv(i.baseline_value()),
                        i.baseline
                            .as_ref()
                            .map_or(String::new(), |b| b.text.clone()),
                        i.target.year.to_string(),
                        opt_csv(i.target.kind.value()),
                        i.target.text.clone(),
                        i.target.kind.name().to_string(),
                        i.average_or_cumulative.clone().unwrap_or_default(),
                        i.note.clone(),
                    ]
                })
                .collect();
            let headers = [
                "序号",
                "指标名称",
                "单位",
                "类别",
                "属性",
                "层级",
                "基期年份",
                "基期值",
                "基期原文",
                "目标年份",
                "目标值",
                "目标原文",
                "目标类型",
                "年均/累计",
                "备注",
            ];
            print_csv(&csv(&headers, &rows))?;
        }
        Format::Table => {
            let mut out = format!(
                "{}（{}{}–{}年，基期 {}年）主要指标 {} 项\n\n",
                plan.name,
                if plan.short_name.trim().is_empty() {
                    String::new()
                } else {
                    format!("{}，", plan.short_name)
                },
                plan.start_year,
                plan.end_year,
                plan.baseline_year,
                plan.indicators.len()
            );
            for category in &crate::assess::plan_view::category_order(plan) {
                let members: Vec<&Indicator> = plan
                    .indicators
                    .iter()
                    .filter(|i| &i.category == category)
                    .collect();
                out.push_str(&format!("【{category}】{} 项\n", members.len()));
                let mut table = Table::new(&[
                    ("序号", Align::Right),
                    ("指标", Align::Left),
                    ("单位", Align::Left),
                    ("基期", Align::Left),
                    ("目标", Align::Left),
                    ("年均/累计", Align::Left),
                    ("类型", Align::Left),
                    ("属性", Align::Left),
                    ("层级", Align::Left),
                ]);
                for i in members {
                    let baseline = i.baseline.as_ref().map_or("—".to_string(), |b| {
                        if b.year != plan.baseline_year && !b.text.contains('年') {
                            format!("{}({}年)", b.text, b.year)
                        } else {
                            b.text.clone()
                        }
                    });
                    table.row(vec![
                        i.id.clone(),
                        format!("{}{}", i.marker(), i.display_name()),
                        i.unit.clone(),
                        baseline,
                        i.target.text.clone(),
                        i.average_or_cumulative.clone().unwrap_or_default(),
                        i.target.kind.label_zh().to_string(),
                        i.attribute.label_zh().to_string(),
                        i.level_label().to_string(),
                    ]);
                }
                out.push_str(&table.render());
                out.push('\n');
            }
            out.push_str("注：▲ 为省规划新增指标，★ 为市规划新增指标。\n");
            print(&out)?;
        }
    }
    Ok(0)
}
