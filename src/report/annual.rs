//! The annual report's own section: the year's outcome against the year's targets (年度目标), where recorded.
//! The verdicts are the annual-plan engine's (`assess::annual`) at year end: 完成 / 基本完成 / 未完成.

use super::Report;
use super::cells::{self, GAP};
use super::document::{Document, Table};
use crate::assess::annual::{AnnualStatus, annual_plan};
use crate::assess::as_of::resolve_period;
use crate::model::Period;

pub fn section(doc: &mut Document, report: &Report<'_>, n: &str) {
    let year = report.as_of;
    doc.heading(2, format!("{n}、{year}年度目标完成情况"));
    let mut table = Table::new(&[
        ("序号", false),
        ("指标", false),
        ("年度目标", false),
        ("实际", true),
        ("完成情况", false),
        ("目标来源", false),
    ]);
    // The year's own annual plan, read at the year's end the way every face reads it.
    let as_of =
        resolve_period(report.dataset, Period::year(year)).with_annual_year(report.dataset, year);
    let annual = annual_plan(report.dataset, &as_of);
    let (mut done, mut basically, mut missed, mut pending) = (0, 0, 0, 0);
    for line in &annual.items {
        let actual = line.latest.map_or_else(
            || GAP.to_string(),
            |l| {
                if l.period.covers_year() {
                    cells::value(l.value, &line.unit)
                } else {
                    format!(
                        "{}（{}）",
                        cells::value(l.value, &line.unit),
                        l.period.label_zh()
                    )
                }
            },
        );
        let verdict = match line.status {
            AnnualStatus::Met => {
                done += 1;
                "完成"
            }
            AnnualStatus::BasicallyMet => {
                basically += 1;
                "基本完成"
            }
            AnnualStatus::Missed => {
                missed += 1;
                "未完成"
            }
            _ => {
                pending += 1;
                "全年数据未出"
            }
        };
        table.row(vec![
            // Readers see the plan's number, never an internal id.
            line.number.clone(),
            line.name.clone(),
            line.target.text.clone(),
            actual,
            verdict.to_string(),
            line.target.source.clone(),
        ]);
    }
    if table.rows.is_empty() {
        doc.paragraph(format!(
            "{year}年度目标尚未录入，本节暂不逐项对照；各指标按规划目标评估（见下节）。"
        ));
        return;
    }
    let basically = if basically > 0 {
        format!("，基本完成{basically}项")
    } else {
        String::new()
    };
    doc.paragraph(format!(
        "已录入{year}年年度目标的指标{}项：完成{done}项{basically}，未完成{missed}项，全年数据未出{pending}项。其余指标未录入年度目标，按规划目标评估（见下节）。",
        table.rows.len()
    ));
    doc.table(table);
}
