//! The headline goals ("两个三万": GDP and per-capita GDP in the plan's end year) under the named scenarios of
//! `scenarios/`, run by the scenario engine. Nothing is computed here: the engine runs each scenario and the
//! simulation, `assess::growth` gives the growth still required from the latest actual value.

use crate::assess::Point;
use crate::model::Dataset;
use crate::scenario::assumptions::{FX_SERIES, GDP_SERIES, POPULATION_SERIES};
use crate::scenario::{
    Assumptions, Fit, Goals, LatestGdp, ScenarioBook, ScenarioResult, Session, SimulationOutcome,
    Start,
};

/// The series the scenarios read, for the sources appendix.
pub const SERIES: [&str; 3] = [GDP_SERIES, POPULATION_SERIES, FX_SERIES];

/// Everything the section reports, computed.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineFigures {
    pub goals: Goals,
    pub base: Assumptions,
    pub runs: Vec<ScenarioResult>,
    /// Scenarios the engine refused, with its reason.
    pub failures: Vec<(String, String)>,
    pub simulation: Result<(Fit, SimulationOutcome), String>,
    /// Recorded GDP up to the as-of year, for the chart.
    pub actual: Vec<Point>,
    pub latest: Option<LatestGdp>,
}

/// The section's content, or why there is none for this plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Headline {
    Unavailable(String),
    Computed(Box<HeadlineFigures>),
}

impl Headline {
    pub fn computed(&self) -> Option<&HeadlineFigures> {
        match self {
            Headline::Computed(c) => Some(c),
            Headline::Unavailable(_) => None,
        }
    }
}

pub fn build(dataset: &Dataset, book: Option<&ScenarioBook>, as_of: i32) -> Headline {
    let Some(book) = book else {
        return Headline::Unavailable("未提供总量目标及其测算口径".to_string());
    };
    // The reader is told what is missing; how to provide it goes to the terminal (Report::notes_for_editors).
    if book.check_plan(&dataset.plan.id).is_err() {
        return Headline::Unavailable("已有的总量目标属于其他规划".to_string());
    }
    let start = Start::Newest { up_to: Some(as_of) };
    let session = match Session::open(dataset, book.clone(), start) {
        Ok(session) => session,
        Err(e) => return Headline::Unavailable(e.to_string()),
    };
    let goals = session.goals().clone();
    let base = session.base().clone();
    let mut runs = Vec::new();
    let mut failures = Vec::new();
    for (scenario, result) in session.results_named(dataset) {
        match result {
            Ok(result) => runs.push(result),
            Err(e) => failures.push((scenario.name, e.to_string())),
        }
    }
    let simulation = session
        .simulate_default(dataset, &base)
        .map_err(|e| e.to_string());
    let observations = dataset.history.yearly(GDP_SERIES, as_of);
    let actual: Vec<Point> = observations
        .iter()
        .map(|o| Point {
            year: o.period.year,
            value: o.value,
        })
        .collect();
    let latest = session.latest_gdp(dataset, as_of);
    Headline::Computed(Box::new(HeadlineFigures {
        goals,
        base,
        runs,
        failures,
        simulation,
        actual,
        latest,
    }))
}

impl HeadlineFigures {
    /// Where each assumption the scenarios share came from, in the engine's words.
    pub fn common_assumptions(&self) -> Vec<String> {
        Assumptions::common_provenance(&[&self.base])
            .into_iter()
            .map(|(item, source)| format!("{}：{}", item.label_zh(), for_readers(&source)))
            .collect()
    }
}

/// A provenance as readers see it: the parts naming a data file ("history/context/gdp.toml:63") or a scenario file
/// are left out — they are for whoever keeps the data, and `planwatch scenario` prints them.
pub(super) fn for_readers(source: &str) -> String {
    let internal = |part: &str| {
        part.contains(".toml") || part.contains("history/") || part.contains("scenarios/")
    };
    let mut kept: Vec<String> = Vec::new();
    for part in source.split('；') {
        if internal(part) {
            // A bracket the left-out part closes stays: "（初步数；来源 …；history/…:63）" keeps its "）".
            let closing: String = part
                .chars()
                .rev()
                .take_while(|c| "）)」》】".contains(*c))
                .collect();
            match kept.last_mut() {
                Some(last) => last.push_str(&closing),
                None => kept.push(closing),
            }
            continue;
        }
        kept.push({
            // "（scenarios/jump.toml）" inside a part.
            match (part.find('（'), part.rfind('）')) {
                (Some(a), Some(b)) if b > a && internal(&part[a..b]) => {
                    format!("{}{}", &part[..a], &part[b + '）'.len_utf8()..])
                }
                _ => part.to_string(),
            }
        });
    }
    kept.join("；")
}
