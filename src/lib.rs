//! planwatch: monitor the indicators of a Five-Year Plan.
//!
//! The domain model ([`model`]) and loading ([`load`]) are shared by the command line, the dashboard and the
//! reports, so that every screen and document shows the same numbers, computed once.

pub mod annual_plan;
pub mod assess;
pub mod check;
pub mod cli;
pub mod durable;
pub mod error;
pub mod intake;
pub mod load;
pub mod model;
pub mod present;
pub mod problem;
pub mod regions;
pub mod report;
pub mod scenario;
pub mod sheets;
pub mod text;
pub mod tui;
pub mod units;

pub use error::Error;
