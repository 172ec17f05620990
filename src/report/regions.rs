//! The optional regional section (`report … --regions`): every region's plan side by side as a table and a chart,
//! the regions lagging on each shared indicator, and the roll-up findings. The groupings are the library's
//! ([`crate::regions::Regions`]); this only words them.

use super::Report;
use super::charts::ChartIndex;
use super::document::{Document, Table};
use crate::assess::Status;
use crate::regions::Regions;
use crate::text::fmt_number;

pub fn section(
    doc: &mut Document,
    report: &Report<'_>,
    regions: &Regions,
    charts: &ChartIndex,
    n: &str,
) {
    let plan = &report.dataset.plan;
    let label = |s: Status| format!("{} {}", s.symbol(), plan.status_label(s));
    doc.heading(2, format!("{n}、各地区对照"));
    let keys = regions.common_keys();
    doc.paragraph(format!(
        "以下对照同一规划期内 {} 个地区的规划（{}），按滞后（含严重滞后）指标所占比例从高到低排列；各地区按各自规划的目标评估，截至{}年。共同指标 {} 项（按共同编码或指标名称对应）。",
        regions.rows.len(),
        regions
            .rows
            .iter()
            .take(6)
            .map(|r| r.region.as_str())
            .collect::<Vec<_>>()
            .join("、")
            + if regions.rows.len() > 6 { "等" } else { "" },
        regions
            .as_of_year()
            .map_or("—".to_string(), |y| y.to_string()),
        keys.len()
    ));

    doc.heading(3, "（一）各地区评估结果");
    let mut columns: Vec<(String, bool)> = vec![
        ("地区".into(), false),
        ("指标数".into(), true),
        ("滞后占比".into(), true),
        ("约束性预警".into(), true),
    ];
    columns.extend(
        Status::ALL
            .iter()
            .map(|s| (plan.status_label(*s).to_string(), true)),
    );
    let columns: Vec<(&str, bool)> = columns.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let mut table = Table::new(&columns);
    for r in &regions.rows {
        let mut row = vec![
            r.region.clone(),
            r.total().to_string(),
            format!("{}%", fmt_number(r.lagging_share() * 100.0, 0)),
            r.binding_alerts.to_string(),
        ];
        row.extend(Status::ALL.iter().map(|s| r.count(*s).to_string()));
        table.row(row);
    }
    doc.table(table);

    if !keys.is_empty() {
        doc.heading(3, "（二）共同指标对照");
        let mut columns: Vec<(&str, bool)> = vec![("地区", false)];
        columns.extend(keys.iter().map(|(_, name)| (name.as_str(), false)));
        let mut table = Table::new(&columns);
        for r in &regions.rows {
            let mut row = vec![r.region.clone()];
            row.extend(keys.iter().map(|(k, _)| {
                r.indicator_by_key(k)
                    .map_or("—".to_string(), |i| label(i.status))
            }));
            table.row(row);
        }
        doc.table(table);
        if let Some(stem) = &charts.regions {
            doc.chart(stem.clone(), "各地区共同指标评估状态");
        }
    }

    doc.heading(3, "（三）滞后指标涉及的地区");
    let lagging = regions.lagging_by_indicator();
    if lagging.is_empty() {
        doc.paragraph("各地区的共同指标均无滞后。");
    } else {
        doc.bullets(
            lagging
                .iter()
                .map(|l| {
                    let names: Vec<String> = l
                        .regions
                        .iter()
                        .map(|(r, i)| format!("{}（{}）", r.region, label(i.status)))
                        .collect();
                    format!(
                        "{}：{} 个地区滞后——{}",
                        l.name,
                        l.regions.len(),
                        names.join("、")
                    )
                })
                .collect(),
        );
    }

    let issues: Vec<_> = regions.rollup_issues().collect();
    if !regions.rollup.is_empty() {
        doc.heading(3, "（四）下辖地区合计与本级数核对");
        if issues.is_empty() {
            doc.paragraph(format!(
                "地区生产总值等总量指标共核对 {} 项（地区、指标、年份），下辖地区合计与本级数之差均在允许范围内。",
                regions.rollup.len()
            ));
        } else {
            doc.paragraph(format!(
                "总量指标共核对 {} 项（地区、指标、年份），其中 {} 项下辖地区合计与本级数之差超过允许范围，需核实数据：",
                regions.rollup.len(),
                issues.len()
            ));
            doc.bullets(issues.iter().map(|c| c.sentence()).collect());
        }
    }
}
