//! The units as typed cells: one grid for the units of a period, one for a unit's lines. The terminal table, CSV,
//! the 通报 and the dashboard all render these.

use super::{Figure, Unit, UnitsView};
use crate::present::grid::{Cell, Column, Grid};

/// One row per unit, in rank order; the 考核得分 column only where the plan weighs its lines.
pub fn units_grid(view: &UnitsView) -> Grid {
    let scored = view.units.iter().any(|u| u.score.is_some());
    let mut columns = vec![
        Column::right("排名"),
        Column::left("单位"),
        Column::right("牵头指标"),
        Column::right("有数据"),
        Column::right("符合进度"),
        Column::right("滞后"),
        Column::right("其中约束性"),
        Column::right("逾期"),
        Column::right("缺情况说明"),
    ];
    if scored {
        columns.push(Column::right("考核得分"));
    }
    columns.push(Column::left("预警"));
    let mut grid = Grid::new(columns);
    for (n, u) in view.units.iter().enumerate() {
        let count = |k: usize| Cell::Number {
            value: k as f64,
            decimals: 0,
        };
        let mut row = vec![
            count(n + 1),
            Cell::text(&u.name),
            count(u.leads.len()),
            count(u.with_data),
            count(u.on_schedule),
            count(u.behind),
            count(u.binding_behind),
            count(u.overdue.len()),
            count(u.explanations_missing.len()),
        ];
        if scored {
            row.push(score_cell(u));
        }
        row.push(level_cell(u));
        grid.push(row);
    }
    grid
}

fn score_cell(u: &Unit) -> Cell {
    match u.score.as_ref().and_then(|s| s.value) {
        Some(value) => Cell::text(format!("{value:.1}")),
        None => Cell::None,
    }
}

/// The warning level in words, or 无.
pub fn level_word(u: &Unit) -> &'static str {
    u.level.map_or("无", |l| l.label_zh())
}

fn level_cell(u: &Unit) -> Cell {
    Cell::text(level_word(u))
}

/// A unit's lines (those it leads, then those it shares): figure, due date, verdict, explanation.
pub fn lines_grid(view: &UnitsView, unit: &Unit) -> Grid {
    let mut grid = Grid::new(vec![
        Column::right("序号"),
        Column::left("指标"),
        Column::left("职责"),
        Column::left("频率"),
        Column::left("本期数据"),
        Column::left("报送时限"),
        Column::left("判断"),
        Column::left("情况说明"),
    ]);
    let roles = unit
        .leads
        .iter()
        .map(|&i| (i, "牵头"))
        .chain(unit.shares.iter().map(|&i| (i, "配合")));
    for (i, role) in roles {
        let l = &view.lines[i];
        let figure = match l.figure {
            Figure::Overdue { days, .. } => format!("逾期{days}日"),
            f => f.label_zh().to_string(),
        };
        grid.push(vec![
            Cell::text(&l.number),
            Cell::text(&l.name),
            Cell::text(role),
            Cell::text(l.frequency.label_zh()),
            Cell::text(figure),
            l.figure.due().map_or(Cell::None, |d| {
                Cell::text(d.format("%Y年%-m月%-d日").to_string())
            }),
            Cell::text(&l.verdict),
            match (&l.explanation, l.explanation_missing()) {
                (Some(e), _) => Cell::text(e),
                (None, true) => Cell::text("（未报送）"),
                (None, false) => Cell::None,
            },
        ]);
    }
    grid
}
