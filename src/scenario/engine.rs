//! The scenario arithmetic: the GDP path, per-capita GDP in yuan and dollars, the year the goal is reached, and
//! the growth still required. Pure and fast: the dashboard runs it on every key press.

use serde::Serialize;

use super::assumptions::Assumptions;
use super::error::ScenarioError;
use super::goals::Goals;
use crate::assess::Step;
use crate::assess::growth::{geometric_mean_growth, growth_product, required_rate};
use crate::text::{fmt_number, fmt_pct};

/// The longest span a scenario runs over.
const MAX_YEARS: i32 = 100;

/// 亿元 ÷ 万人 = 10⁴ 元 a person.
const YUAN_PER_YI_PER_WAN: f64 = 10_000.0;

/// One year of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearOutcome {
    pub year: i32,
    /// Growth assumed for the year, in percent (real where a deflator is given).
    pub growth_pct: f64,
    pub deflator_pct: Option<f64>,
    /// GDP at current prices, 亿元.
    pub gdp: f64,
    /// GDP at base-year prices, 亿元, where a deflator is given.
    pub gdp_constant_prices: Option<f64>,
    /// Year-end resident population, 万人.
    pub population: f64,
    /// 元/美元.
    pub fx: f64,
    pub per_capita_cny: f64,
    pub per_capita_usd: f64,
    pub gdp_goal_met: bool,
    pub per_capita_goal_met: bool,
}

/// The result of a scenario; field names are stable (the dashboard, the reports and JSON users read them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub base_year: i32,
    pub end_year: i32,
    pub base_gdp: f64,
    pub base_population: f64,
    /// Per-capita GDP of the base year, 元.
    pub base_per_capita_cny: f64,
    /// Every year after the base year.
    pub path: Vec<YearOutcome>,
    /// GDP in the end year (2030 for the 15th plan), 亿元.
    pub end_gdp: f64,
    /// The first year GDP reaches the goal (the base year if it already has); None if not within the plan.
    pub goal_year: Option<i32>,
    pub end_per_capita_cny: f64,
    pub end_per_capita_usd: f64,
    pub per_capita_goal_year: Option<i32>,
    pub gdp_goal_met: bool,
    pub per_capita_goal_met: bool,
    /// GDP in the end year minus the goal, 亿元 (negative: short of it).
    pub end_gdp_gap: f64,
    /// The average growth the path assumes (geometric mean), percent.
    pub average_growth_pct: Option<f64>,
    /// The same average rate every year that reaches the GDP goal exactly in the end year, percent
    /// (real where a deflator is given). None only where it has no meaning.
    pub required_growth_pct: Option<f64>,
    /// The same, for the per-capita goal under this scenario's population and exchange rate.
    pub required_growth_per_capita_pct: Option<f64>,
    /// Per-capita GDP in the end year if GDP were exactly at the goal (the report's "约3.2万美元").
    pub per_capita_cny_at_gdp_goal: f64,
    pub per_capita_usd_at_gdp_goal: f64,
    /// Which growth the rates are and how GDP is valued.
    pub price_basis: String,
    /// Which population per-capita GDP divides by.
    pub population_basis: String,
    pub working: Vec<Step>,
}

/// Checked, resolved yearly inputs.
struct Resolved {
    growth: Vec<f64>,
    deflator: Option<Vec<f64>>,
    population: Vec<f64>,
    fx: Vec<f64>,
}

/// Checks every assumption and turns it into one value per year; a clear error for anything that makes no sense.
fn resolve(a: &Assumptions, goals: &Goals) -> Result<Resolved, ScenarioError> {
    if a.end_year <= a.base_year {
        return Err(ScenarioError::Years {
            base: a.base_year,
            end: a.end_year,
        });
    }
    // A plan spans years, not centuries: a bound keeps the vectors small whatever the input.
    if a.end_year - a.base_year > MAX_YEARS {
        return Err(ScenarioError::Data(format!(
            "基期 {} 年到末年 {} 年相隔超过 {MAX_YEARS} 年：情景只测算规划期",
            a.base_year, a.end_year
        )));
    }
    if let Some((_, gap)) = a.gaps.first() {
        return Err(gap.clone());
    }
    if !(a.base_gdp.is_finite() && a.base_gdp > 0.0) {
        return Err(ScenarioError::BaseGdp(a.base_gdp));
    }
    if !(a.base_population.is_finite() && a.base_population > 0.0) {
        return Err(ScenarioError::Population {
            year: a.base_year,
            value: a.base_population,
        });
    }
    for (what, value) in [
        (format!("GDP {}", goals.gdp_label()), goals.gdp),
        (
            format!("人均 GDP {}", goals.per_capita_label()),
            goals.per_capita_usd,
        ),
    ] {
        if !(value.is_finite() && value > 0.0) {
            return Err(ScenarioError::Goal { what, value });
        }
    }
    let (first, last) = (a.base_year + 1, a.end_year);
    let years = first..=last;
    let growth = a.growth.resolve("逐年增速", first, last)?;
    if let Some((year, pct)) = years
        .clone()
        .zip(&growth)
        .find(|(_, g)| !(g.is_finite() && **g > -100.0))
    {
        return Err(ScenarioError::Growth { year, pct: *pct });
    }
    let deflator = a
        .deflator
        .as_ref()
        .map(|d| d.resolve("逐年价格平减指数", first, last))
        .transpose()?;
    if let Some((year, pct)) = deflator
        .iter()
        .flatten()
        .zip(years.clone())
        .map(|(p, y)| (y, *p))
        .find(|(_, p)| !(p.is_finite() && *p > -100.0))
    {
        return Err(ScenarioError::Deflator { year, pct });
    }
    let population = a
        .population
        .levels(a.base_population, a.base_year, a.end_year)?;
    if let Some((year, value)) = years
        .clone()
        .zip(&population)
        .find(|(_, p)| !(p.is_finite() && **p > 0.0))
    {
        return Err(ScenarioError::Population {
            year,
            value: *value,
        });
    }
    let fx = a.fx.resolve("逐年汇率", first, last)?;
    if let Some((year, value)) = years.zip(&fx).find(|(_, r)| !(r.is_finite() && **r > 0.0)) {
        return Err(ScenarioError::Fx {
            year,
            value: *value,
        });
    }
    Ok(Resolved {
        growth,
        deflator,
        population,
        fx,
    })
}

/// Runs a scenario.
impl Outcome {
    /// A miss by less than a tenth of a point of growth, reconciled with a rounded requirement: "5.4%" in a
    /// report is 5.45% to two decimals, and a path at 5.4% falls just short.
    pub fn near_miss_note(&self, goals: &Goals) -> Option<String> {
        let (average, required) = (self.average_growth_pct?, self.required_growth_pct?);
        let close = required - average;
        if self.gdp_goal_met || !(0.0..0.1).contains(&close) {
            return None;
        }
        Some(format!(
            "迈上{}精确需要年均 {}，取一位小数为 {}%；本情景 {} 略低于此，{} 年比目标少 {} 亿元",
            goals.gdp_label(),
            fmt_pct(required),
            fmt_number(required, 1),
            fmt_pct(average),
            self.end_year,
            fmt_number(-self.end_gdp_gap, 1)
        ))
    }
}

pub fn run(a: &Assumptions, goals: &Goals) -> Result<Outcome, ScenarioError> {
    let r = resolve(a, goals)?;
    let n = r.growth.len();
    let mut path = Vec::with_capacity(n);
    let (mut real, mut prices) = (1.0_f64, 1.0_f64);
    for (i, growth_pct) in r.growth.iter().enumerate() {
        let year = a.base_year + 1 + i as i32;
        let deflator_pct = r.deflator.as_ref().map(|d| d[i]);
        real *= 1.0 + growth_pct / 100.0;
        prices *= 1.0 + deflator_pct.unwrap_or(0.0) / 100.0;
        let gdp = a.base_gdp * real * prices;
        let (population, fx) = (r.population[i], r.fx[i]);
        let per_capita_cny = gdp / population * YUAN_PER_YI_PER_WAN;
        let per_capita_usd = per_capita_cny / fx;
        if !(gdp.is_finite() && per_capita_usd.is_finite()) {
            return Err(ScenarioError::Overflow(format!("{year} 年 GDP")));
        }
        path.push(YearOutcome {
            year,
            growth_pct: *growth_pct,
            deflator_pct,
            gdp,
            gdp_constant_prices: r.deflator.as_ref().map(|_| a.base_gdp * real),
            population,
            fx,
            per_capita_cny,
            per_capita_usd,
            gdp_goal_met: gdp >= goals.gdp,
            per_capita_goal_met: per_capita_usd >= goals.per_capita_usd,
        });
    }
    let last = path.last().cloned().ok_or(ScenarioError::Years {
        base: a.base_year,
        end: a.end_year,
    })?;
    let years = f64::from(a.years());
    // With a deflator the goal (current prices) is reached by real growth on top of the assumed prices.
    let price_level = r
        .deflator
        .as_deref()
        .and_then(growth_product)
        .unwrap_or(1.0);
    let required_for =
        |goal_gdp: f64| required_rate(a.base_gdp * price_level, goal_gdp, years).map(|r| r * 100.0);
    let per_capita_goal_gdp =
        goals.per_capita_usd * last.fx * last.population / YUAN_PER_YI_PER_WAN;
    let per_capita_cny_at_gdp_goal = goals.gdp / last.population * YUAN_PER_YI_PER_WAN;
    let base_per_capita_usd = a.base_gdp / a.base_population * YUAN_PER_YI_PER_WAN / r.fx[0];
    let first_year = |met: &dyn Fn(&YearOutcome) -> bool, base_met: bool| {
        if base_met {
            Some(a.base_year)
        } else {
            path.iter().find(|y| met(y)).map(|y| y.year)
        }
    };
    let goal_year = first_year(&|y| y.gdp_goal_met, a.base_gdp >= goals.gdp);
    let per_capita_goal_year = first_year(
        &|y| y.per_capita_goal_met,
        base_per_capita_usd >= goals.per_capita_usd,
    );
    let mut outcome = Outcome {
        base_year: a.base_year,
        end_year: a.end_year,
        base_gdp: a.base_gdp,
        base_population: a.base_population,
        base_per_capita_cny: a.base_gdp / a.base_population * YUAN_PER_YI_PER_WAN,
        end_gdp: last.gdp,
        goal_year,
        end_per_capita_cny: last.per_capita_cny,
        end_per_capita_usd: last.per_capita_usd,
        per_capita_goal_year,
        gdp_goal_met: last.gdp_goal_met,
        per_capita_goal_met: last.per_capita_goal_met,
        end_gdp_gap: last.gdp - goals.gdp,
        average_growth_pct: geometric_mean_growth(&r.growth).map(|g| g * 100.0),
        required_growth_pct: required_for(goals.gdp),
        required_growth_per_capita_pct: required_for(per_capita_goal_gdp),
        per_capita_cny_at_gdp_goal,
        per_capita_usd_at_gdp_goal: per_capita_cny_at_gdp_goal / last.fx,
        price_basis: match &r.deflator {
            None => "增速直接作用于现价 GDP（未单列价格因素，与规划报告测算口径相同）".to_string(),
            Some(_) => "增速为实际增速；GDP 为现价（名义）总量 = 实际增长 × 价格平减指数".to_string(),
        },
        population_basis: "人均 GDP = GDP ÷ 年末常住人口（与规划报告口径相同；统计公报按年平均常住人口计算，数值略高）".to_string(),
        working: Vec::new(),
        path,
    };
    outcome.working = working(a, goals, &outcome, price_level);
    Ok(outcome)
}

/// The working, to redo by hand: every formula with the values put in.
fn working(a: &Assumptions, goals: &Goals, o: &Outcome, price_level: f64) -> Vec<Step> {
    let Some(last) = o.path.last() else {
        return Vec::new();
    };
    let n = a.years();
    let step = |label: &str, text: String| Step {
        label: label.to_string(),
        text,
    };
    let growth_factors: Vec<String> = o
        .path
        .iter()
        .map(|y| fmt_number(1.0 + y.growth_pct / 100.0, 6))
        .collect();
    let uniform = o
        .path
        .windows(2)
        .all(|w| w[0].growth_pct == w[1].growth_pct);
    let growth_text = if uniform {
        format!("{}^{n}", growth_factors.first().map_or("", String::as_str))
    } else {
        growth_factors.join("×")
    };
    let prices = if price_level == 1.0 {
        String::new()
    } else {
        format!(" × {}（价格）", fmt_number(price_level, 6))
    };
    let mut steps = vec![
        step(
            &format!("{} 年 GDP", o.end_year),
            format!(
                "{} × {growth_text}{prices} = {} 亿元",
                fmt_number(a.base_gdp, 2),
                fmt_number(o.end_gdp, 2)
            ),
        ),
        step(
            &format!("{} 年末人口", o.end_year),
            format!(
                "{} {} {} = {} 万人",
                fmt_number(a.base_population, 2),
                if last.population >= a.base_population {
                    "+"
                } else {
                    "−"
                },
                fmt_number((last.population - a.base_population).abs(), 2),
                fmt_number(last.population, 2)
            ),
        ),
        step(
            "人均 GDP",
            format!(
                "{} 亿元 ÷ {} 万人 = {} 元；÷ {} 元/美元 = {} 美元",
                fmt_number(o.end_gdp, 2),
                fmt_number(last.population, 2),
                fmt_number(o.end_per_capita_cny, 0),
                fmt_number(last.fx, 4),
                fmt_number(o.end_per_capita_usd, 0)
            ),
        ),
    ];
    if let Some(req) = o.required_growth_pct {
        let base = if price_level == 1.0 {
            fmt_number(a.base_gdp, 2)
        } else {
            format!(
                "({} × {})",
                fmt_number(a.base_gdp, 2),
                fmt_number(price_level, 6)
            )
        };
        steps.push(step(
            "需年均增长",
            format!(
                "({} / {base})^(1/{n}) − 1 = {}（{}目标）",
                fmt_number(goals.gdp, 2),
                fmt_pct(req),
                goals.gdp_label()
            ),
        ));
    }
    steps.push(step(
        "达到目标时人均",
        format!(
            "{} 亿元 ÷ {} 万人 ÷ {} = {} 美元（GDP 恰为 {} 时）",
            fmt_number(goals.gdp, 2),
            fmt_number(last.population, 2),
            fmt_number(last.fx, 4),
            fmt_number(o.per_capita_usd_at_gdp_goal, 0),
            goals.gdp_label()
        ),
    ));
    if let Some(req) = o.required_growth_per_capita_pct {
        steps.push(step(
            "人均目标需增长",
            format!(
                "{} 美元 × {} × {} 万人 = {} 亿元，需年均增长 {}",
                fmt_number(goals.per_capita_usd, 2),
                fmt_number(last.fx, 4),
                fmt_number(last.population, 2),
                fmt_number(
                    goals.per_capita_usd * last.fx * last.population / YUAN_PER_YI_PER_WAN,
                    2
                ),
                fmt_pct(req)
            ),
        ));
    }
    steps
}
