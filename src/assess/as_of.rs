//! What an as-of means, settled once: the command line, the dashboard, the reports and the export all ask
//! [`resolve`] which five-year year, which annual plan and which period of it a request is about, so that
//! `annual --as-of P`, `report --kind execution --as-of P` and the dashboard's annual view always read the same
//! annual plan as of the same period.

use serde::Serialize;

use crate::model::{AsOfOutOfRange, Dataset, Period, Plan};

/// The years a plan can be assessed as of: its base year to its end year.
pub fn as_of_range(plan: &Plan) -> (i32, i32) {
    (plan.baseline_year, plan.end_year)
}

/// An as-of request resolved against the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsOf {
    /// The period asked for, or the newest period with data when none was asked for.
    pub period: Period,
    /// The five-year plan is assessed on full years up to this one.
    pub year: i32,
    /// The annual plan (年度计划) read: the period's year's, or — in the plan's first spring, before any figure
    /// of the new year is in while its annual plan is already approved — the next year's.
    pub annual_year: i32,
    /// The period the annual plan is read as of: the newest period with data when it falls in the annual plan's
    /// year, the year's end for a year already over, else the period asked for.
    pub annual_period: Period,
}

impl AsOf {
    /// The same request read against another year's annual plan (`annual --year 2026`).
    pub fn with_annual_year(self, dataset: &Dataset, year: i32) -> AsOf {
        AsOf {
            annual_year: year,
            annual_period: annual_period(dataset, self.period, year),
            ..self
        }
    }
}

/// Resolves what the user asked for (a year, a part of one, or nothing: the newest data) against the plan's years
/// and the data: the five-year year, the annual plan and the period it is read as of.
pub fn resolve(dataset: &Dataset, asked: Option<Period>) -> Result<AsOf, AsOfOutOfRange> {
    let period = check_as_of_period(dataset, asked)?;
    Ok(resolve_period(dataset, period))
}

/// [`resolve`] for a period already checked against the plan (the dashboard's `[` `]` move within the plan).
pub fn resolve_period(dataset: &Dataset, period: Period) -> AsOf {
    let annual_year = default_plan_year(dataset, period);
    AsOf {
        period,
        year: period.year,
        annual_year,
        annual_period: annual_period(dataset, period, annual_year),
    }
}

/// The annual plan to show as of a period: the period's year's, or — before any figure of the next year is in,
/// while its plan is already approved (the plan's first spring) — the next year's.
fn default_plan_year(dataset: &Dataset, as_of: Period) -> i32 {
    let has = |year: i32| !dataset.history.annual_targets_for(year).is_empty();
    if !has(as_of.year) && has(as_of.year + 1) && as_of.year < dataset.plan.end_year {
        as_of.year + 1
    } else {
        as_of.year
    }
}

fn annual_period(dataset: &Dataset, period: Period, annual_year: i32) -> Period {
    if period.year > annual_year {
        return Period::year(annual_year);
    }
    let newest = dataset.default_as_of_period();
    if period.is_full_year() && period.year == annual_year && newest.year == annual_year {
        newest
    } else {
        period
    }
}

/// The as-of year asked for, checked against the plan; the latest year with data when none is asked for.
pub fn check_as_of(dataset: &Dataset, asked: Option<i32>) -> Result<i32, AsOfOutOfRange> {
    match asked {
        None => Ok(dataset.default_as_of()),
        Some(year) => check_as_of_period(dataset, Some(Period::year(year))).map(|p| p.year),
    }
}

/// The as-of period asked for (a year, or a part of one: 2026Q3, 2026H1, 2026-08), checked against the plan's
/// years; the newest period with data when none is asked for.
pub fn check_as_of_period(
    dataset: &Dataset,
    asked: Option<Period>,
) -> Result<Period, AsOfOutOfRange> {
    let plan = &dataset.plan;
    let (first, last) = as_of_range(plan);
    match asked {
        None => Ok(dataset.default_as_of_period()),
        Some(p) if (first..=last).contains(&p.year) => Ok(p),
        Some(p) => Err(AsOfOutOfRange {
            year: p.year,
            asked: p,
            plan: plan.short_or_name().to_string(),
            first,
            last,
        }),
    }
}
