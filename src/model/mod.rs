//! The domain model: a plan, its indicators and targets, and the observed history.

mod history;
mod period;
mod plan;

pub use history::{AnnualTarget, ContextSeries, History, Observation, ObservationStatus, Origin};
pub use period::{Period, PeriodParseError, PeriodPart};
pub use plan::{
    Attribute, Baseline, Better, Indicator, Level, Plan, RegionLevel, StatusLabels, Target,
    TargetKind, Thresholds,
};

/// A plan with its history: everything the assessment, the dashboard and the reports read.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub plan: Plan,
    pub history: History,
}

impl Dataset {
    /// The year to assess when none is asked for: the latest year with data, within the plan's span.
    pub fn default_as_of(&self) -> i32 {
        self.history
            .latest_year()
            .unwrap_or(self.plan.baseline_year)
            .clamp(self.plan.baseline_year, self.plan.end_year)
    }
}
