//! The tables the command line and the export show, built once from the library's results: the terminal table,
//! CSV and the workbook sheet are renderings of these grids.

use super::grid::{Cell, Column, Grid};
use super::words;
use crate::assess::Assessment;
use crate::assess::annual::AnnualAssessment;
use crate::assess::plan_view::PlanView;
use crate::model::{Indicator, Plan};
use crate::text::truncate;

/// Headers of the status sheet's columns meant for programs (status codes): CSV has them, the workbook people
/// read does not.
pub const MACHINE_COLUMNS: &[&str] = &["状态代码"];

fn status(plan: &Plan, a: &Assessment) -> Cell {
    Cell::Status {
        symbol: a.status.symbol(),
        word: words::status_word(plan, a),
        marks: words::status_marks(a),
    }
}

fn in_year(s: Option<&AnnualAssessment>) -> Cell {
    s.map_or(Cell::None, |s| Cell::Status {
        symbol: s.status.symbol(),
        word: s.status.label_zh().to_string(),
        marks: String::new(),
    })
}

fn percent(v: Option<f64>) -> Cell {
    v.map_or(Cell::None, |value| Cell::Percent {
        value,
        decimals: words::PROGRESS_DECIMALS,
    })
}

/// What remains as a cell: a growth rate stays a number; the other cases are words.
fn remaining(i: &Indicator, a: &Assessment) -> Cell {
    match a.remaining {
        crate::assess::Remaining::Growth { pct } => Cell::SignedPercent(pct),
        _ => match words::remaining(i, a) {
            text if text == words::NONE => Cell::None,
            text => Cell::Text(text),
        },
    }
}

/// The status table a terminal shows: one row per indicator, in the plan's order.
pub fn status_table(view: &PlanView<'_>, signals: &[Option<AnnualAssessment>]) -> Grid {
    let mut grid = Grid::new(vec![
        Column::right("序号"),
        Column::left("指标"),
        Column::left("单位"),
        Column::right("基期"),
        Column::right("最新"),
        Column::left("时期"),
        Column::left("目标"),
        Column::right("完成/时间"),
        Column::right("还需年均"),
        Column::left("状态"),
        Column::left("年度计划"),
    ]);
    for (n, (i, a)) in view.items().enumerate() {
        let s = signals.get(n).and_then(Option::as_ref);
        let marker = if i.is_binding() { "◆" } else { "" };
        grid.push(vec![
            Cell::text(i.number()),
            Cell::text(format!("{marker}{}", truncate(&i.display_name(), 30))),
            Cell::text(&i.unit),
            Cell::value(a.baseline.map(|b| b.value)),
            Cell::value(a.latest.map(|l| l.value)),
            Cell::period(a.latest.map(|l| l.period)),
            Cell::text(&i.target.text),
            Cell::text(words::progress(a)),
            remaining(i, a),
            status(view.plan, a),
            in_year(s),
        ]);
    }
    grid
}

/// The status sheet: every column a spreadsheet user works with (CSV, the workbook's 指标状态).
pub fn status_sheet(view: &PlanView<'_>, signals: &[Option<AnnualAssessment>]) -> Grid {
    let mut grid = Grid::new(
        [
            "序号",
            "指标",
            "单位",
            "类别",
            "属性",
            "基期年份",
            "基期值",
            "最新时期",
            "最新值",
            "目标",
            "状态",
            "约束性预警",
            "完成度%",
            "时间进度%",
            "实际与所需增速之比",
            "还需年均增速%",
            "原因",
            "年度目标",
            "年内判断",
            "状态代码",
        ]
        .into_iter()
        .map(Column::left)
        .collect(),
    );
    for (n, (i, a)) in view.items().enumerate() {
        let s = signals.get(n).and_then(Option::as_ref);
        grid.push(vec![
            Cell::text(i.number()),
            Cell::text(i.display_name()),
            Cell::text(&i.unit),
            Cell::text(&i.category),
            Cell::text(i.attribute.label_zh()),
            a.baseline.map_or(Cell::None, |b| Cell::Number {
                value: f64::from(b.year),
                decimals: 0,
            }),
            Cell::value(a.baseline.map(|b| b.value)),
            Cell::period(a.latest.map(|l| l.period)),
            Cell::value(a.latest.map(|l| l.value)),
            Cell::text(&i.target.text),
            status(view.plan, a),
            Cell::text(if a.binding_alert { "是" } else { "" }),
            percent(a.completion_pct),
            percent(a.elapsed_pct),
            a.ratio
                .map_or(Cell::None, |value| Cell::Number { value, decimals: 2 }),
            remaining(i, a),
            Cell::text(&a.reason),
            s.map_or(Cell::None, |s| Cell::text(&s.target.text)),
            in_year(s),
            Cell::text(a.status.name()),
        ]);
    }
    grid
}
