//! The whole validation of a data directory, as one library answer: the plan and history the loader checks, the
//! scenario files, the roll-ups of regions to their parents, and the figures no reason can make possible. The
//! command line only prints it.

use chrono::NaiveDate;

use super::{Warning, check_dataset};
use crate::error::Error;
use crate::load::{DataSource, Problem, load, load_book, plan_years};
use crate::model::Dataset;
use crate::regions::Regions;

/// Everything `validate` reports.
#[derive(Debug)]
pub struct Validation {
    /// The plan with its history, where it could be read.
    pub dataset: Option<Dataset>,
    /// Every problem: the data are invalid while there is one.
    pub problems: Vec<Problem>,
    /// Plausibility warnings: shown, the data stay valid.
    pub warnings: Vec<Warning>,
    /// Named scenarios in the directory's own `scenarios/`.
    pub scenarios: usize,
    /// The directory has no `scenarios/`: the shipped ones are used.
    pub scenario_fallback: bool,
}

impl Validation {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// Observations of the plan's history, every vintage counted.
    pub fn observations(&self) -> usize {
        self.dataset.as_ref().map_or(0, |ds| {
            ds.history
                .series_ids()
                .map(|id| ds.history.all_vintages(id).len())
                .sum()
        })
    }
}

/// Validates `source` (the plan `plan`, or the running one) as of `today`. `regions` reads every region of the
/// period (the caller's cache and progress bar); it is asked only where some plan names a parent region, since
/// only then is there anything to add up.
pub fn validate(
    source: &DataSource,
    plan: Option<&str>,
    today: NaiveDate,
    regions: impl FnOnce() -> Result<Regions, Error>,
) -> Result<Validation, Error> {
    let loaded = load(source, plan);
    let (dataset, mut problems) = match loaded {
        Ok(ds) => (Some(ds), Vec::new()),
        Err(Error::Invalid(problems)) => (None, problems),
        Err(other) => return Err(other),
    };
    // The scenario files are data too: goals, named scenarios.
    let (scenarios, scenario_fallback) = match load_book(source) {
        Ok(book) if book.shipped_fallback => (0, true),
        Ok(book) => (book.scenarios.len(), false),
        Err(Error::Invalid(found)) => {
            problems.extend(found);
            (0, false)
        }
        Err(other) => return Err(other),
    };
    // Many regions in one directory: the children's sums against the parents'. Where no plan names a parent the
    // data were read and checked above, and reading them again would only double the time.
    let has_parents = || {
        if let DataSource::Dir(dir) = source
            && let Some(checked) = crate::load::units::check(dir)
        {
            return checked.units.iter().any(|u| u.has_parent);
        }
        crate::load::regions::read_plans(source)
            .map(|set| set.plans().any(|p| p.parent.is_some()))
            .unwrap_or(true)
    };
    if dataset.is_some() && problems.is_empty() && has_parents() {
        match regions() {
            Ok(regions) => problems.extend(regions.rollup_issues().map(|c| Problem {
                file: c.parent_origin.file.clone(),
                line: c.parent_origin.line,
                column: 1,
                field: format!("{}.{}", c.series, c.year),
                message: format!("汇总核对不符：{}", c.sentence()),
            })),
            Err(Error::Invalid(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    let (impossible, warnings): (Vec<_>, Vec<_>) = match &dataset {
        Some(ds) => check_dataset(ds, &plan_years(source), today),
        None => Vec::new(),
    }
    .into_iter()
    .partition(|w| w.impossible);
    // An impossible figure (a share of 854%) is a problem of the data, whatever reason was written with it.
    problems.extend(impossible.into_iter().map(|w| Problem {
        file: w.origin.file.clone(),
        line: w.origin.line,
        column: 1,
        field: "value".to_string(),
        message: format!(
            "不可能的数值：{} {} {}：{}（{}）",
            w.series_name,
            w.period.label_zh(),
            crate::text::fmt_number(w.value, 4),
            w.reason,
            w.check.label_zh()
        ),
    }));
    Ok(Validation {
        dataset,
        problems,
        warnings,
        scenarios,
        scenario_fallback,
    })
}
