//! `planwatch scenario`: what-if runs for the headline goals. The assumptions come from the data, then a named
//! scenario, then the flags; the library computes, this module only chooses what to print.

pub(super) mod args;
mod compare;
mod grid;
mod sim;
mod view;

use serde::Serialize;

use super::output::{print, print_csv, print_json};
use crate::cli::data::{DataArgs, load_data, source};
use crate::cli::format::Format;
use crate::error::Error;
use crate::load::load_book;
use crate::scenario::{
    Assumptions, Goals, Item, NamedScenario, ScenarioError, ScenarioResult, Session, Start,
};
use args::ScenarioArgs;

pub fn run(data: &DataArgs, args: &ScenarioArgs) -> Result<i32, Error> {
    let dataset = load_data(data)?;
    let start = match args.base_year {
        Some(year) => Start::Year(year),
        None => Start::Newest { up_to: None },
    };
    let mut session = Session::open(&dataset, load_book(&source(data))?, start)?;
    session.simulation.paths = args.paths;
    session.simulation.seed = args.seed;
    let goals = goals(&session, args);
    if args.compare {
        let mut all = Vec::with_capacity(session.named().len());
        for s in session.named() {
            let a = apply_flags(session.assumptions(Some(s)), args);
            all.push(
                session
                    .result(&dataset, &goals, Some(s), a)
                    .map_err(|e| scenario_error(e, Some(s)))?,
            );
        }
        return compare::print_compare(session.book(), &all, args.format);
    }
    let named = args
        .name
        .as_deref()
        .map(|n| session.scenario(n))
        .transpose()?;
    let a = apply_flags(session.assumptions(named), args);
    let computed = session
        .result(&dataset, &goals, named, a)
        .map_err(|e| scenario_error(e, named))?;
    let grids = if args.grid {
        Some(grid::grids(&computed, args).map_err(|e| scenario_error(e, named))?)
    } else {
        None
    };
    let simulation = if args.simulate {
        Some(
            sim::simulation(&dataset, &session, &computed, args)
                .map_err(|e| scenario_error(e, named))?,
        )
    } else {
        None
    };
    match args.format {
        Format::Json => print_json(&ScenarioJson {
            computed: &computed,
            grids: grids.as_ref(),
            simulation: simulation.as_ref(),
        })?,
        Format::Csv => print_csv(&match (&grids, &simulation) {
            (Some(_), Some(_)) => {
                return Err(Error::Usage(
                    "CSV 一次只能输出一张表：请分开运行 --grid 与 --simulate".into(),
                ));
            }
            (Some(g), None) => grid::csv(g),
            (None, Some(s)) => sim::csv(s),
            (None, None) => view::csv(&computed),
        })?,
        Format::Table => {
            let mut out = view::header(&computed);
            match (&grids, &simulation) {
                (None, None) => out.push_str(&view::body(&computed)),
                _ => {
                    if let Some(g) = &grids {
                        out.push_str(&grid::render(&computed, g));
                    }
                    if let Some(s) = &simulation {
                        out.push_str(&sim::render(&computed, s));
                    }
                }
            }
            print(&out)?;
        }
    }
    Ok(0)
}

#[derive(Serialize)]
struct ScenarioJson<'a> {
    #[serde(flatten)]
    computed: &'a ScenarioResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    grids: Option<&'a grid::Grids>,
    #[serde(skip_serializing_if = "Option::is_none")]
    simulation: Option<&'a sim::Simulation>,
}

/// The goals of the data, or those given on the command line.
fn goals(session: &Session, args: &ScenarioArgs) -> Goals {
    let mut goals = session.goals().clone();
    let mut changed = Vec::new();
    if let Some(gdp) = args.goal_gdp {
        goals.gdp = gdp;
        changed.push("--goal-gdp");
    }
    if let Some(usd) = args.goal_per_capita_usd {
        goals.per_capita_usd = usd;
        changed.push("--goal-per-capita-usd");
    }
    if !changed.is_empty() {
        goals.source = format!("命令行 {}（不是规划的目标）", changed.join("、"));
        goals.quote.clear();
    }
    goals
}

/// Every assumption given as a flag, over the data's defaults and the named scenario.
fn apply_flags(mut a: Assumptions, args: &ScenarioArgs) -> Assumptions {
    let flag =
        |a: Assumptions, item: Item, name: &str| a.with_source(item, &format!("命令行 {name}"));
    if args.base_year.is_some() {
        a.start = a.start.replace("（设定）", "（命令行 --base-year）");
    }
    if let Some(gdp) = args.base_gdp {
        a = flag(a.with_base_gdp(gdp), Item::BaseGdp, "--base-gdp");
    }
    if let Some(p) = args.base_population {
        a = flag(
            a.with_base_population(p),
            Item::BasePopulation,
            "--base-population",
        );
    }
    if let Some(g) = args.growth {
        a = flag(a.with_growth(g), Item::Growth, "--growth");
    }
    if let Some(path) = &args.growth_path {
        a = flag(
            a.with_growth_path(path.clone()),
            Item::Growth,
            "--growth-path",
        );
    }
    if let Some(p) = args.population_growth {
        a = flag(
            a.with_population_change(p),
            Item::Population,
            "--population-growth",
        );
    }
    if let Some(p) = args.population_annual {
        a = flag(
            a.with_population_annual_change(p),
            Item::Population,
            "--population-annual",
        );
    }
    if let Some(p) = args.population_end {
        a = flag(
            a.with_population_end(p),
            Item::Population,
            "--population-2030",
        );
    }
    if let Some(fx) = args.fx {
        a = flag(a.with_fx(fx), Item::Fx, "--fx");
    }
    if let Some(path) = &args.fx_path {
        a = flag(a.with_fx_path(path.clone()), Item::Fx, "--fx-path");
    }
    if let Some(d) = args.deflator {
        a = flag(a.with_deflator(d), Item::Deflator, "--deflator");
    }
    if let Some(path) = &args.deflator_path {
        a = flag(
            a.with_deflator_path(path.clone()),
            Item::Deflator,
            "--deflator-path",
        );
    }
    a
}

/// A scenario error as a usage error (exit 2), naming the scenario file where one is involved and the flag that
/// sets the value in question.
pub fn scenario_error(e: ScenarioError, scenario: Option<&NamedScenario>) -> Error {
    let hint = flag_hint(&e);
    match scenario {
        Some(s) => Error::Usage(format!("情景“{}”（{}）：{e}{hint}", s.name, s.file)),
        None => Error::Usage(format!("{e}{hint}")),
    }
}

/// How to set on the command line what a scenario error is about.
fn flag_hint(e: &ScenarioError) -> String {
    let flags = match e {
        ScenarioError::Mean(_) => "--mean",
        ScenarioError::Sd(_) => "--sd",
        ScenarioError::Paths(_) => "--paths",
        ScenarioError::FitData { .. } => "--fit-from / --fit-to，或用 --mean 与 --sd 指定分布",
        ScenarioError::MissingData { item, .. } => {
            return format!("：请补充数据，或用 {} 指定", item_flags(*item));
        }
        _ => match e.item() {
            Some(item) => return format!("：请检查 {} 或情景文件", item_flags(item)),
            None => return String::new(),
        },
    };
    format!("（{flags}）")
}

/// The flags that set an assumption.
fn item_flags(item: Item) -> &'static str {
    match item {
        Item::BaseGdp => "--base-gdp",
        Item::BasePopulation => "--base-population",
        Item::Growth => "--growth / --growth-path",
        Item::Population => "--base-population、--population-*",
        Item::Fx => "--fx / --fx-path",
        Item::Deflator => "--deflator / --deflator-path",
    }
}
