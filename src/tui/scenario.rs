//! The scenario panel's state: the goals, the named scenarios, the assumptions being tried and their outcome.
//! Every number comes from [`crate::scenario`]: this module only chooses assumptions (a named scenario, or one
//! value nudged by a step) and asks `scenario::run` again.

use crate::error::Error;
use crate::model::Dataset;
use crate::scenario::{
    Assumptions, Goals, InYearGrowth, NamedScenario, Outcome, PopulationPath, ScenarioBook,
    ScenarioError, Session, Start, Yearly,
};

/// The assumptions the keys adjust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Growth,
    Population,
    Fx,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Growth, Field::Population, Field::Fx];

    pub fn label_zh(self) -> &'static str {
        match self {
            Field::Growth => "GDP 年均增速",
            Field::Population => "规划期人口变化",
            Field::Fx => "人民币对美元汇率",
        }
    }

    /// How far one key press moves the value, to how many decimals it is kept, and the range it stays in
    /// (wide enough for any what-if, narrow enough that the keyboard never gives the engine a meaningless value).
    fn nudge(self) -> Nudge {
        match self {
            Field::Growth => Nudge {
                by: 0.1,
                decimals: 1,
                low: -10.0,
                high: 20.0,
            },
            Field::Population => Nudge {
                by: 5.0,
                decimals: 0,
                low: -500.0,
                high: 1000.0,
            },
            Field::Fx => Nudge {
                by: 0.05,
                decimals: 2,
                low: 1.0,
                high: 20.0,
            },
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Nudge {
    by: f64,
    decimals: i32,
    low: f64,
    high: f64,
}

impl Nudge {
    /// One step from `value`, kept to the step's decimals: 7.12 → 7.07, and 5.1 rather than 5.1000000001.
    fn from(self, value: f64, direction: f64) -> f64 {
        let scale = 10f64.powi(self.decimals);
        let next = (value + direction * self.by).clamp(self.low, self.high);
        (next * scale).round() / scale
    }
}

/// Everything the panel needs once `scenarios/` has been read for this plan.
#[derive(Debug, Clone)]
pub struct Workbench {
    /// The book, the data's defaults (base year, GDP, population, exchange rate, the plan's growth target).
    session: Session,
    plan_base_year: i32,
    /// The named scenario the assumptions start from; None: the data's defaults.
    pub choice: Option<usize>,
    pub assumptions: Assumptions,
    /// A value was changed by hand since the named scenario was chosen.
    pub adjusted: bool,
    pub field: Field,
    /// The engine's result, or why it cannot run (a gap in the data, a value out of range).
    pub outcome: Result<Outcome, String>,
    /// The newest in-year growth figure (2026年前三季度), shown beside the growth the goals need.
    pub in_year: Option<InYearGrowth>,
}

/// The panel: a workbench, or why there is none (no `scenarios/` for this plan, or a broken file).
#[derive(Debug, Clone)]
pub struct ScenarioPanel {
    pub bench: Result<Workbench, String>,
}

impl ScenarioPanel {
    /// The panel on `dataset`, starting from the newest actual data up to `as_of`.
    pub fn new(dataset: &Dataset, book: Result<ScenarioBook, Error>, as_of: i32) -> Self {
        let start = Start::Newest { up_to: Some(as_of) };
        let bench = book
            .and_then(|book| Session::open(dataset, book, start))
            .map_err(|e| e.to_string())
            .map(|session| {
                let choice = (!session.named().is_empty()).then_some(0);
                let in_year = session.in_year_growth(dataset, as_of);
                let mut bench = Workbench {
                    in_year,
                    assumptions: session.base().clone(),
                    session,
                    plan_base_year: dataset.plan.baseline_year,
                    choice,
                    adjusted: false,
                    field: Field::Growth,
                    outcome: Err(String::new()),
                };
                bench.reset();
                bench
            });
        ScenarioPanel { bench }
    }

    /// The panel made again on new data or another as-of year (a figure recorded, `[` `]`), keeping the named
    /// scenario and the assumption selected; values changed by hand go back to the scenario's.
    pub fn rebuild(&mut self, dataset: &Dataset, as_of: i32) {
        let Ok(bench) = &self.bench else {
            return;
        };
        let (choice, field) = (bench.choice, bench.field);
        let book = bench.session.book().clone();
        *self = ScenarioPanel::new(dataset, Ok(book), as_of);
        if let Ok(next) = &mut self.bench {
            next.choice = choice.filter(|&c| c < next.session.named().len());
            next.field = field;
            next.reset();
        }
    }
}

impl Workbench {
    /// Back to the chosen named scenario's values (or the data's defaults).
    pub fn reset(&mut self) {
        self.assumptions = self.session.assumptions(self.chosen());
        self.adjusted = false;
        self.recompute();
    }

    /// The next (`by` = 1) or previous (−1) named scenario, wrapping around.
    /// The plan's base year: a later start means the panel starts from newer actual data.
    pub fn plan_base_year(&self) -> i32 {
        self.plan_base_year
    }

    pub fn goals(&self) -> &Goals {
        self.session.goals()
    }

    /// The named scenarios the panel cycles through.
    pub fn named(&self) -> &[NamedScenario] {
        self.session.named()
    }

    pub fn cycle_named(&mut self, by: isize) {
        let count = self.named().len();
        if count == 0 {
            return;
        }
        let at = self.choice.unwrap_or(0);
        let next = (at + count).saturating_add_signed(by) % count;
        self.choice = Some(next);
        self.reset();
    }

    pub fn cycle_field(&mut self, by: isize) {
        let at = Field::ALL
            .iter()
            .position(|f| *f == self.field)
            .unwrap_or(0);
        let count = Field::ALL.len();
        self.field = Field::ALL[(at + count).saturating_add_signed(by) % count];
    }

    pub fn select_field(&mut self, field: Field) {
        self.field = field;
    }

    /// Moves the selected assumption one step up (`direction` = 1) or down (−1), and runs the scenario again.
    pub fn adjust(&mut self, direction: f64) {
        let field = self.field;
        let Some(current) = self.value(field) else {
            return;
        };
        let next = field.nudge().from(current, direction);
        let a = std::mem::replace(&mut self.assumptions, self.session.base().clone());
        self.assumptions = match field {
            Field::Growth => a.with_growth(next),
            Field::Population => a.with_population_change(next),
            Field::Fx => a.with_fx(next),
        };
        self.adjusted = true;
        self.recompute();
    }

    /// The single value a key adjusts. A per-year path is summarised by what the engine made of it (its
    /// average growth, its change of population, its last exchange rate), so that the first press continues
    /// from where the scenario stands.
    pub fn value(&self, field: Field) -> Option<f64> {
        let a = &self.assumptions;
        let outcome = self.outcome.as_ref().ok();
        let value = match field {
            Field::Growth => match &a.growth {
                Yearly::Constant(v) => Some(*v),
                Yearly::PerYear(_) => outcome.and_then(|o| o.average_growth_pct),
            },
            Field::Population => match &a.population {
                PopulationPath::TotalChange(total) => Some(*total),
                _ => outcome.and_then(|o| Some(o.path.last()?.population - o.base_population)),
            },
            Field::Fx => match &a.fx {
                Yearly::Constant(v) => Some(*v),
                Yearly::PerYear(_) => outcome.and_then(|o| Some(o.path.last()?.fx)),
            },
        };
        value.filter(|v| v.is_finite())
    }

    pub fn chosen(&self) -> Option<&NamedScenario> {
        self.choice.and_then(|i| self.session.named().get(i))
    }

    fn recompute(&mut self) {
        self.outcome = self.session.run(&self.assumptions).map_err(|e| message(&e));
    }
}

/// A scenario error in the panel's words: what the keys change, for the values they change.
fn message(e: &ScenarioError) -> String {
    use crate::scenario::Item;
    match e.item() {
        Some(Item::Growth | Item::Population | Item::Fx) => {
            format!("{e}：请用 ↑↓ 选中该项，←→ 调整")
        }
        Some(_) => format!("{e}：请补充数据"),
        None => e.to_string(),
    }
}
