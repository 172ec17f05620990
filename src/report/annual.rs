//! The annual report's own section: the year's outcome against the year's targets (年度目标), where recorded.

use super::Report;
use super::cells::{self, GAP};
use super::document::{Document, Table};

pub fn section(doc: &mut Document, report: &Report<'_>, n: &str) {
    let year = report.as_of;
    let history = &report.dataset.history;
    doc.heading(2, format!("{n}、{year}年度目标完成情况"));
    let mut table = Table::new(&[
        ("序号", false),
        ("指标", false),
        ("年度目标", false),
        ("实际", true),
        ("完成情况", false),
        ("目标来源", false),
    ]);
    let (mut done, mut missed, mut pending) = (0, 0, 0);
    for (ind, _) in report.items() {
        let series = ind.series_id();
        let Some(target) = history.annual_target(series, year) else {
            continue;
        };
        let full_year = history.year_value(series, year);
        let (actual, verdict) = match full_year {
            Some(v) if target.met_by(v, ind.better) => {
                done += 1;
                (cells::value(v, &ind.unit), "完成".to_string())
            }
            Some(v) => {
                missed += 1;
                (cells::value(v, &ind.unit), "未完成".to_string())
            }
            None => {
                pending += 1;
                let partial = history
                    .latest(series, year)
                    .filter(|o| o.period.year == year)
                    .map(|o| {
                        format!(
                            "{}（{}）",
                            cells::value(o.value, &ind.unit),
                            o.period.label_zh()
                        )
                    });
                (
                    partial.unwrap_or_else(|| GAP.to_string()),
                    "全年数据未出".to_string(),
                )
            }
        };
        table.row(vec![
            ind.number().to_string(),
            cells::name(ind),
            target.text.clone(),
            actual,
            verdict,
            target.source.clone(),
        ]);
    }
    if table.rows.is_empty() {
        doc.paragraph(format!(
            "{year}年度目标尚未录入，本节暂不逐项对照；各指标按规划目标评估（见下节）。"
        ));
        return;
    }
    doc.paragraph(format!(
        "已录入{year}年年度目标的指标{}项：完成{done}项，未完成{missed}项，全年数据未出{pending}项。其余指标未录入年度目标，按规划目标评估（见下节）。",
        table.rows.len()
    ));
    doc.table(table);
}
