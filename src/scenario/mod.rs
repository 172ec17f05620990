//! What-if scenarios for the headline goals: "if GDP grows 5.0 / 5.4 / 6% a year, do we reach 3万亿? in which
//! year? what is per-capita GDP in dollars under this population and exchange rate? how likely is it?"
//!
//! - [`assumptions`]: the inputs, with defaults from the data and where each came from;
//! - [`engine`]: one deterministic run ([`run`]);
//! - [`book`] / [`named`] / [`goals`]: what `scenarios/*.toml` hold (read by [`crate::load::load_book`]) — the
//!   goals, the report's assumptions, named scenarios;
//! - [`session`]: the book, the defaults, named runs and simulation settings every face uses;
//! - [`grid`]: sensitivity tables; [`simulate`]: Monte Carlo; [`ratio`]: share-of-GDP indicators under a path.

pub mod assumptions;
pub mod book;
pub mod engine;
mod error;
pub mod goals;
pub mod grid;
mod item;
mod limits;
pub mod named;
pub mod ratio;
pub mod session;
pub mod simulate;

pub use assumptions::{Assumptions, PopulationPath, Provenance, Start, Yearly};
pub use book::ScenarioBook;
pub use engine::{Outcome, YearOutcome, run};
pub use error::ScenarioError;
pub use goals::{Defaults, Goals, RatioSpec};
pub use grid::{Axis, Grid, grid};
pub use item::Item;
pub use named::NamedScenario;
pub use ratio::{RatioRequirement, ratio_requirements};
pub use session::{InYearGrowth, LatestGdp, ScenarioResult, Session, SimulationSettings};
pub use simulate::{Band, Fit, SimulationOutcome, SimulationSpec, simulate};

#[cfg(test)]
mod tests;
