//! What-if scenarios for the headline goals: "if GDP grows 5.0 / 5.4 / 6% a year, do we reach 3万亿? in which
//! year? what is per-capita GDP in dollars under this population and exchange rate? how likely is it?"
//!
//! - [`assumptions`]: the inputs, with defaults from the data and where each came from;
//! - [`engine`]: one deterministic run ([`run`]);
//! - [`files`] / [`named`] / [`goals`]: `scenarios/*.toml` — the goals, the report's assumptions, named scenarios;
//! - [`grid`]: sensitivity tables; [`simulate`]: Monte Carlo; [`ratio`]: share-of-GDP indicators under a path.

pub mod assumptions;
pub mod engine;
mod error;
pub mod files;
pub mod goals;
pub mod grid;
pub mod named;
pub mod ratio;
pub mod simulate;

pub use assumptions::{Assumptions, Item, PopulationPath, Provenance, Yearly};
pub use engine::{Outcome, YearOutcome, run};
pub use error::ScenarioError;
pub use files::{ScenarioBook, load_book, load_goals, load_scenarios};
pub use goals::{Defaults, Goals, RatioSpec};
pub use grid::{Axis, Grid, grid};
pub use named::NamedScenario;
pub use ratio::{RatioRequirement, ratio_requirements};
pub use simulate::{Band, Fit, SimulationOutcome, SimulationSpec, simulate};

#[cfg(test)]
mod tests;
