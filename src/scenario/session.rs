//! A scenario session: the one place where the command line, the dashboard and the reports get their scenarios.
//! It owns what `scenarios/` holds for the plan (the book), the data's default assumptions, the named runs and
//! the simulation settings, so that the three faces start from the same assumptions and show the same numbers.

use serde::Serialize;

use super::assumptions::{Assumptions, Start};
use super::book::ScenarioBook;
use super::engine::{Outcome, run};
use super::error::ScenarioError;
use super::goals::Goals;
use super::named::NamedScenario;
use super::ratio::{RatioRequirement, ratio_requirements};
use super::simulate::{Fit, SimulationOutcome, SimulationSpec, simulate};
use crate::error::Error;
use crate::model::Dataset;

/// How the probability simulation runs unless told otherwise: the same paths and seed give the same numbers in
/// every face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SimulationSettings {
    pub paths: usize,
    pub seed: u64,
    /// Years of growth history the distribution is fitted to, ending at the base year.
    pub fit_years: i32,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings {
            paths: 100_000,
            seed: 2026,
            fit_years: 5,
        }
    }
}

/// The book of a plan with the data's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    book: ScenarioBook,
    base: Assumptions,
    pub simulation: SimulationSettings,
}

/// One scenario's result, as every face shows it (the command line, the report, the dashboard): the assumptions,
/// the engine's outcome (which carries the growth a year the goal needs from the start, the newest actual GDP)
/// and what it means for the indicators defined as a share of GDP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    /// The named scenario the assumptions come from; None: the data's defaults.
    pub scenario: Option<NamedScenario>,
    pub goals: Goals,
    pub assumptions: Assumptions,
    #[serde(flatten)]
    pub outcome: Outcome,
    pub ratios: Vec<RatioRequirement>,
}

impl ScenarioResult {
    /// The scenario's name as people read it; the data's defaults where no named scenario was chosen.
    pub fn name(&self) -> &str {
        self.scenario
            .as_ref()
            .map_or("数据默认假设", |s| s.name.as_str())
    }

    pub fn description(&self) -> &str {
        self.scenario
            .as_ref()
            .map_or("", |s| s.description.as_str())
    }

    /// The scenario's own growth assumption, as its file states it (5.4%, 5.0/5.2/5.4%).
    pub fn growth_label(&self) -> Option<String> {
        self.scenario.as_ref().and_then(NamedScenario::growth_label)
    }
}

/// The newest recorded GDP up to a year, and the growth a year the goal still needs from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestGdp {
    pub year: i32,
    pub gdp: f64,
    /// Where the figure comes from, with its status (初步数, 预计数).
    pub source: String,
    /// Growth a year, in percent, from `year` to the plan's end; None in the end year or later.
    pub required_pct: Option<f64>,
}

/// An in-year growth figure of the plan's growth indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct InYearGrowth {
    pub name: String,
    pub period: crate::model::Period,
    pub pct: f64,
}

impl Session {
    /// A session on `dataset` with the defaults of its data, starting where `start` says (by default from the
    /// newest actual data: [`Start::Newest`]). The book must belong to the plan: its goals would judge another
    /// plan by the wrong numbers.
    pub fn open(dataset: &Dataset, book: ScenarioBook, start: Start) -> Result<Session, Error> {
        book.check_plan(&dataset.plan.id)?;
        let base = Assumptions::from_dataset_with(dataset, &book.defaults, start);
        Ok(Session {
            book,
            base,
            simulation: SimulationSettings::default(),
        })
    }

    pub fn book(&self) -> &ScenarioBook {
        &self.book
    }

    /// The newest in-year figure of the growth indicator (地区生产总值增长, 2026年前三季度) after the newest
    /// full year, up to `as_of`: what the year is doing, beside the growth the goals need.
    pub fn in_year_growth(&self, dataset: &Dataset, as_of: i32) -> Option<InYearGrowth> {
        let indicator = dataset
            .plan
            .indicator(&self.book.defaults.growth_indicator)?;
        let latest = dataset.history.latest(indicator.series_id(), as_of)?;
        (!latest.period.covers_year()).then(|| InYearGrowth {
            name: indicator.display_name(),
            period: latest.period,
            pct: latest.value,
        })
    }

    pub fn goals(&self) -> &Goals {
        &self.book.goals
    }

    /// The data's defaults, before any named scenario or setting.
    pub fn base(&self) -> &Assumptions {
        &self.base
    }

    /// The named scenarios, in file-name order.
    pub fn named(&self) -> &[NamedScenario] {
        &self.book.scenarios
    }

    /// A named scenario by its name; an unknown name lists the known ones.
    pub fn scenario(&self, name: &str) -> Result<&NamedScenario, Error> {
        self.book.scenario(name)
    }

    /// The assumptions of a named scenario laid over the defaults (the defaults alone for `None`).
    pub fn assumptions(&self, named: Option<&NamedScenario>) -> Assumptions {
        match named {
            Some(s) => s.apply(self.base.clone()),
            None => self.base.clone(),
        }
    }

    /// One run against the plan's goals.
    pub fn run(&self, assumptions: &Assumptions) -> Result<Outcome, ScenarioError> {
        run(assumptions, self.goals())
    }

    /// One scenario's whole result under `goals` (the book's, or the command line's overrides).
    pub fn result(
        &self,
        dataset: &Dataset,
        goals: &Goals,
        scenario: Option<&NamedScenario>,
        assumptions: Assumptions,
    ) -> Result<ScenarioResult, ScenarioError> {
        let outcome = run(&assumptions, goals)?;
        let ratios = self.ratios(dataset, &outcome);
        Ok(ScenarioResult {
            scenario: scenario.cloned(),
            goals: goals.clone(),
            assumptions,
            outcome,
            ratios,
        })
    }

    /// Every named scenario's result on the defaults, or why the engine refused it.
    pub fn results_named(
        &self,
        dataset: &Dataset,
    ) -> Vec<(NamedScenario, Result<ScenarioResult, ScenarioError>)> {
        self.named()
            .iter()
            .map(|s| {
                let result = self.result(dataset, self.goals(), Some(s), self.assumptions(Some(s)));
                (s.clone(), result)
            })
            .collect()
    }

    /// The newest recorded GDP up to `up_to`, and the growth a year the GDP goal needs from it.
    pub fn latest_gdp(&self, dataset: &Dataset, up_to: i32) -> Option<LatestGdp> {
        let o = dataset
            .history
            .yearly(super::assumptions::GDP_SERIES, up_to)
            .into_iter()
            .last()?;
        let years_left = self.base.end_year - o.period.year;
        Some(LatestGdp {
            year: o.period.year,
            gdp: o.value,
            source: format!("{}（{}）", o.source, o.status.label_zh()),
            required_pct: (years_left > 0)
                .then(|| {
                    crate::assess::growth::required_rate(
                        o.value,
                        self.goals().gdp,
                        f64::from(years_left),
                    )
                })
                .flatten()
                .map(|r| r * 100.0),
        })
    }

    /// What a run means for the indicators defined as a share of GDP.
    pub fn ratios(&self, dataset: &Dataset, outcome: &Outcome) -> Vec<RatioRequirement> {
        ratio_requirements(dataset, &self.book.ratios, outcome)
    }

    /// The years the growth distribution is fitted to by default: `fit_years` years up to the base year.
    pub fn fit_window(&self, base_year: i32) -> (i32, i32) {
        (base_year - self.simulation.fit_years, base_year)
    }

    /// The growth distribution of the plan's growth indicator over `from`–`to`.
    pub fn fit(&self, dataset: &Dataset, from: i32, to: i32) -> Result<Fit, ScenarioError> {
        SimulationSpec::fit(dataset, &self.book.defaults.growth_indicator, from, to)
    }

    /// The simulation as every face runs it by default: growth fitted over the default window before the base
    /// year, the session's paths and seed, on `assumptions`.
    pub fn simulate_default(
        &self,
        dataset: &Dataset,
        assumptions: &Assumptions,
    ) -> Result<(Fit, SimulationOutcome), ScenarioError> {
        let (from, to) = self.fit_window(assumptions.base_year);
        let fit = self.fit(dataset, from, to)?;
        let outcome = self.simulate(assumptions, self.goals(), fit.mean, fit.sd)?;
        Ok((fit, outcome))
    }

    /// The simulation with a given distribution (mean and standard deviation of growth, in percent).
    pub fn simulate(
        &self,
        assumptions: &Assumptions,
        goals: &Goals,
        mean: f64,
        sd: f64,
    ) -> Result<SimulationOutcome, ScenarioError> {
        let spec = SimulationSpec {
            mean,
            sd,
            paths: self.simulation.paths,
            seed: self.simulation.seed,
        };
        simulate(assumptions, goals, &spec)
    }
}
