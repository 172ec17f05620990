//! `planwatch scenario --grid`: end-year GDP and per-capita dollars over growth × exchange rate and
//! growth × population, with the cells that meet the goals marked.

use serde::Serialize;

use super::args::ScenarioArgs;
use super::view::{fixed, marked, signed};
use crate::cli::output::csv as csv_table;
use crate::scenario::ScenarioResult;
use crate::scenario::grid::{
    default_fx_axis, default_growth_axis, default_population_axis, is_assumed,
};
use crate::scenario::{Axis, Grid, ScenarioError, grid};
use crate::text::{Align, Table, fmt_number, fmt_pct};

#[derive(Serialize)]
pub struct Grids {
    pub growth_by_fx: Grid,
    pub growth_by_population: Grid,
}

/// Both grids, on the axes given or the defaults around the scenario.
pub fn grids(c: &ScenarioResult, args: &ScenarioArgs) -> Result<Grids, ScenarioError> {
    let a = &c.assumptions;
    let growth = args
        .grid_growth
        .clone()
        .unwrap_or_else(|| default_growth_axis(&c.outcome));
    let fx = args
        .grid_fx
        .clone()
        .unwrap_or_else(|| default_fx_axis(&c.outcome));
    let population = args
        .grid_population
        .clone()
        .unwrap_or_else(|| default_population_axis(a, &c.outcome));
    Ok(Grids {
        growth_by_fx: grid(a, &c.goals, &growth, Axis::Fx, &fx)?,
        growth_by_population: grid(a, &c.goals, &growth, Axis::PopulationChange, &population)?,
    })
}

pub fn render(c: &ScenarioResult, g: &Grids) -> String {
    let end = c.outcome.end_year;
    let mut out = format!(
        "敏感性分析：{end} 年 GDP 与人均 GDP（美元）；✔ 表示达到目标（GDP ≥ {}，人均 ≥ {}），* 为本情景的假设\n",
        c.goals.gdp_label(),
        c.goals.per_capita_label()
    );
    for grid in [&g.growth_by_fx, &g.growth_by_population] {
        out.push_str(&format!("\n每年增速 × {}：\n", grid.axis.label_zh()));
        out.push_str(&table(c, grid).render());
    }
    out.push_str("\n增速为规划期各年相同的年均增速；其他假设同上。\n");
    out
}

fn table(c: &ScenarioResult, grid: &Grid) -> Table {
    let end = c.outcome.end_year;
    let headers: Vec<String> = std::iter::once("每年增速".to_string())
        .chain(std::iter::once(format!("{end} 年 GDP（亿元）")))
        .chain(grid.values.iter().map(|v| {
            let star = if is_assumed(&c.assumptions, grid.axis, *v, &c.outcome) {
                "*"
            } else {
                ""
            };
            let value = match grid.axis {
                Axis::Fx => fmt_number(*v, 4),
                Axis::PopulationChange => signed(*v, 2),
            };
            format!("{value}{star}")
        }))
        .collect();
    let columns: Vec<(&str, Align)> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), if i == 0 { Align::Left } else { Align::Right }))
        .collect();
    let mut t = Table::new(&columns);
    for row in &grid.rows {
        let mut cells = vec![
            fmt_pct(row.growth_pct),
            marked(row.gdp_goal_met, fixed(row.gdp, 1)),
        ];
        cells.extend(
            row.cells
                .iter()
                .map(|cell| marked(cell.per_capita_goal_met, fmt_number(cell.per_capita_usd, 0))),
        );
        t.row(cells);
    }
    t
}

/// Both grids in long form: one line per cell.
pub fn csv(g: &Grids) -> String {
    let mut rows = Vec::new();
    for grid in [&g.growth_by_fx, &g.growth_by_population] {
        let axis = match grid.axis {
            Axis::Fx => "fx",
            Axis::PopulationChange => "population_change",
        };
        for row in &grid.rows {
            for cell in &row.cells {
                rows.push(vec![
                    axis.to_string(),
                    fmt_number(row.growth_pct, 6),
                    fmt_number(cell.value, 6),
                    fmt_number(row.gdp, 4),
                    fmt_number(cell.per_capita_usd, 2),
                    row.gdp_goal_met.to_string(),
                    cell.per_capita_goal_met.to_string(),
                ]);
            }
        }
    }
    csv_table(
        &[
            "axis",
            "growth_pct",
            "value",
            "end_gdp",
            "end_per_capita_usd",
            "gdp_goal_met",
            "per_capita_goal_met",
        ],
        &rows,
    )
}
