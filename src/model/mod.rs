//! The domain model: a plan, its indicators and targets, and the observed history.

mod as_of;
mod duty;
mod history;
mod period;
mod plan;

pub use as_of::AsOfOutOfRange;
pub use duty::{
    DUE_FORMS, DueClause, DueKind, Trigger, UnitsPolicy, WarningLevel, WarningRule, default_rules,
    due_clause,
};
pub use history::{
    AnnualKind, AnnualTarget, ContextSeries, History, Observation, ObservationStatus, Origin,
    Withdrawn,
};
pub use history::{Basis, SeriesBreak};
pub use period::{Frequency, Period, PeriodParseError, PeriodPart};
pub use plan::{
    Attribute, Baseline, Better, Bound, Indicator, Level, Plan, Plausibility, RegionLevel,
    StatusLabels, Target, TargetKind, Thresholds,
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

    /// Whether any indicator has a full-year value within the plan's years up to `as_of`: in the plan's first year
    /// there is none, and the five-year assessment can only say 无法评估 (the annual plan is where to look).
    pub fn has_full_plan_year(&self, as_of: i32) -> bool {
        let start = self.plan.start_year;
        self.plan.indicators.iter().any(|i| {
            self.history
                .yearly(i.series_id(), as_of)
                .iter()
                .any(|o| o.period.year >= start)
        })
    }

    /// The period to assess when none is asked for: the newest period with data (2026Q3 once a first-three-quarters
    /// figure is recorded), within the plan's span; the default year's full year otherwise.
    pub fn default_as_of_period(&self) -> Period {
        let year = self.default_as_of();
        match self.history.latest_period() {
            Some(p) if p.year > year && p.year <= self.plan.end_year => p,
            Some(p) if p.year == year => p,
            _ => Period::year(year),
        }
    }
}
