//! Sensitivity grids: end-year GDP and per-capita dollars over growth × exchange rate and growth × population,
//! each cell one run of the engine.

use serde::Serialize;

use super::assumptions::{Assumptions, PopulationPath, Yearly};
use super::engine::{Outcome, run};
use super::error::ScenarioError;
use super::goals::Goals;

/// The second axis of a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// Exchange rate, 元/美元, held every year.
    Fx,
    /// Population change over the plan, 万人.
    PopulationChange,
}

impl Axis {
    pub fn label_zh(self) -> &'static str {
        match self {
            Axis::Fx => "汇率（元/美元）",
            Axis::PopulationChange => "规划期人口增量（万人）",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridCell {
    pub value: f64,
    pub per_capita_usd: f64,
    pub per_capita_goal_met: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridRow {
    pub growth_pct: f64,
    /// End-year GDP does not depend on the exchange rate or the population: one per row.
    pub gdp: f64,
    pub gdp_goal_met: bool,
    pub cells: Vec<GridCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    pub axis: Axis,
    pub values: Vec<f64>,
    pub rows: Vec<GridRow>,
}

/// The grid of `growth` (percent, the same every year) by `values` of `axis`; other assumptions as in `base`.
pub fn grid(
    base: &Assumptions,
    goals: &Goals,
    growth: &[f64],
    axis: Axis,
    values: &[f64],
) -> Result<Grid, ScenarioError> {
    let mut rows = Vec::with_capacity(growth.len());
    for g in growth {
        let with_growth = base.clone().with_growth(*g);
        let gdp = run(&with_growth, goals)?;
        let mut cells = Vec::with_capacity(values.len());
        for v in values {
            let a = match axis {
                Axis::Fx => with_growth.clone().with_fx(*v),
                Axis::PopulationChange => with_growth
                    .clone()
                    .with_population(PopulationPath::TotalChange(*v)),
            };
            let o: Outcome = run(&a, goals)?;
            cells.push(GridCell {
                value: *v,
                per_capita_usd: o.end_per_capita_usd,
                per_capita_goal_met: o.per_capita_goal_met,
            });
        }
        rows.push(GridRow {
            growth_pct: *g,
            gdp: gdp.end_gdp,
            gdp_goal_met: gdp.gdp_goal_met,
            cells,
        });
    }
    Ok(Grid {
        axis,
        values: values.to_vec(),
        rows,
    })
}

/// Default growth axis: half-point steps around the rate the goal needs, the needed rate itself included
/// (rounded up to 0.01 so that its row meets the goal).
pub fn default_growth_axis(outcome: &Outcome) -> Vec<f64> {
    let mut axis: Vec<f64> = (0..6).map(|i| 4.0 + 0.5 * f64::from(i)).collect();
    if let Some(req) = outcome
        .required_growth_pct
        .filter(|r| r.is_finite() && r.abs() < 1000.0)
    {
        let req = (req * 100.0).ceil() / 100.0;
        if !axis.iter().any(|a| (a - req).abs() < 1e-9) {
            axis.push(req);
        }
    }
    axis.sort_by(f64::total_cmp);
    axis
}

/// Default exchange-rate axis: the assumed end-year rate ± 0.2 and ± 0.4.
pub fn default_fx_axis(outcome: &Outcome) -> Vec<f64> {
    let fx = outcome.path.last().map_or(7.0, |y| y.fx);
    [-0.4, -0.2, 0.0, 0.2, 0.4]
        .iter()
        .map(|d| ((fx + d) * 10_000.0).round() / 10_000.0)
        .filter(|v| *v > 0.0)
        .collect()
}

/// Default population axis: none, half, the assumed, one and a half and twice the assumed change.
pub fn default_population_axis(a: &Assumptions, outcome: &Outcome) -> Vec<f64> {
    let change = outcome
        .path
        .last()
        .map_or(0.0, |y| y.population - a.base_population);
    let change = if change.abs() < 1e-9 { 10.0 } else { change };
    [0.0, 0.5, 1.0, 1.5, 2.0]
        .iter()
        .map(|k| (change * k * 100.0).round() / 100.0)
        .collect()
}

/// Whether a grid axis value is the one the scenario assumes (to point it out in the table).
pub fn is_assumed(a: &Assumptions, axis: Axis, value: f64, outcome: &Outcome) -> bool {
    match (axis, &a.fx) {
        (Axis::Fx, Yearly::Constant(fx)) => (fx - value).abs() < 1e-9,
        (Axis::Fx, Yearly::PerYear(_)) => false,
        (Axis::PopulationChange, _) => outcome
            .path
            .last()
            .is_some_and(|y| (y.population - a.base_population - value).abs() < 1e-6),
    }
}
