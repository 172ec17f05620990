//! The assumptions of a scenario: where the plan starts (base year, GDP, population) and how the growth,
//! population and exchange rate move year by year. Defaults come from the data, each with its source, and every
//! value can be changed with a builder-style setter (the dashboard adjusts them live).

use serde::Serialize;

use super::error::ScenarioError;
use super::goals::Defaults;
pub use super::item::Item;
use crate::model::{Dataset, Observation};
use crate::text::fmt_number;

/// The context series the scenario reads (history/context/).
pub const GDP_SERIES: &str = "gdp";
pub const POPULATION_SERIES: &str = "population";
pub const FX_SERIES: &str = "usd_cny";

/// A value for each year of the scenario: one for all years, or one per year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Yearly {
    Constant(f64),
    PerYear(Vec<f64>),
}

impl Yearly {
    /// One value per year from `first` to `last`; a per-year list must have exactly that many.
    pub fn resolve(
        &self,
        what: &'static str,
        first: i32,
        last: i32,
    ) -> Result<Vec<f64>, ScenarioError> {
        let expected = usize::try_from(last - first + 1).unwrap_or(0);
        match self {
            Yearly::Constant(v) => Ok(vec![*v; expected]),
            Yearly::PerYear(values) if values.len() == expected => Ok(values.clone()),
            Yearly::PerYear(values) => Err(ScenarioError::PathLength {
                what,
                expected,
                got: values.len(),
                from: first,
                to: last,
            }),
        }
    }

    /// The values as officials write them: "5.4%" or "5、5.2、5.4%".
    pub fn describe(&self, unit: &str) -> String {
        match self {
            Yearly::Constant(v) => format!("{}{unit}", fmt_number(*v, 4)),
            Yearly::PerYear(values) => {
                let list: Vec<String> = values.iter().map(|v| fmt_number(*v, 4)).collect();
                format!("{}{unit}", list.join("、"))
            }
        }
    }

    /// "每年 5.4%" or "逐年 5、5.2、5.4%".
    pub fn describe_each(&self, unit: &str) -> String {
        match self {
            Yearly::Constant(_) => format!("每年 {}", self.describe(unit)),
            Yearly::PerYear(_) => format!("逐年 {}", self.describe(unit)),
        }
    }
}

/// How the resident population (year-end 常住人口, 万人) moves from the base year to the end year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PopulationPath {
    /// A total change over the plan (万人), spread evenly over the years (the report's "+40万").
    TotalChange(f64),
    /// The same change every year (万人 a year).
    AnnualChange(f64),
    /// A level in the end year (万人), reached in equal steps.
    EndLevel(f64),
    /// A level for every year after the base year.
    Levels(Vec<f64>),
}

impl PopulationPath {
    /// The year-end population of every year from `base_year + 1` to `end_year`.
    pub fn levels(
        &self,
        base: f64,
        base_year: i32,
        end_year: i32,
    ) -> Result<Vec<f64>, ScenarioError> {
        let n = end_year - base_year;
        let step = |total: f64| -> Vec<f64> {
            (1..=n)
                .map(|i| base + total * f64::from(i) / f64::from(n))
                .collect()
        };
        match self {
            PopulationPath::TotalChange(total) => Ok(step(*total)),
            PopulationPath::AnnualChange(a) => {
                Ok((1..=n).map(|i| base + a * f64::from(i)).collect())
            }
            PopulationPath::EndLevel(level) => Ok(step(level - base)),
            PopulationPath::Levels(levels) => {
                Yearly::PerYear(levels.clone()).resolve("逐年人口", base_year + 1, end_year)
            }
        }
    }

    pub fn describe(&self, base_year: i32, end_year: i32) -> String {
        let n = f64::from((end_year - base_year).max(1));
        match self {
            PopulationPath::TotalChange(total) => format!(
                "规划期共{} {} 万人，按每年 {} 万人平均分摊",
                if *total < 0.0 { "减少" } else { "增加" },
                fmt_number(total.abs(), 2),
                fmt_number(total / n, 2)
            ),
            PopulationPath::AnnualChange(a) => format!("每年变化 {} 万人", fmt_number(*a, 2)),
            PopulationPath::EndLevel(level) => {
                format!(
                    "{end_year} 年末达到 {} 万人，逐年等量变化",
                    fmt_number(*level, 2)
                )
            }
            PopulationPath::Levels(levels) => {
                let list: Vec<String> = levels.iter().map(|v| fmt_number(*v, 2)).collect();
                format!("逐年年末人口 {} 万人", list.join("、"))
            }
        }
    }
}

/// Where one assumption came from: a vintage and source in the data, the scenario file, or the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    pub item: Item,
    pub source: String,
}

/// Where a scenario starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The newest year with an actual GDP figure, up to `up_to` (an as-of year; without one, the plan's last
    /// year but one) and not before the plan's base year: what has happened is not projected again.
    Newest { up_to: Option<i32> },
    /// A base year asked for.
    Year(i32),
}

/// Everything a scenario assumes. Rates are in percent (5.4 = 5.4%), GDP in 亿元, population in 万人 (year-end),
/// exchange rates in 元/美元.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumptions {
    pub base_year: i32,
    /// Which year the scenario starts from and why, in words.
    pub start: String,
    pub end_year: i32,
    pub base_gdp: f64,
    pub base_population: f64,
    pub growth: Yearly,
    pub population: PopulationPath,
    pub fx: Yearly,
    /// Growth of prices (GDP deflator, %): when given, `growth` is real and the GDP path nominal.
    pub deflator: Option<Yearly>,
    pub provenance: Vec<Provenance>,
    /// Defaults the data could not give; `run` reports the first one until a setter fills it.
    #[serde(skip)]
    pub gaps: Vec<(Item, ScenarioError)>,
}

impl Assumptions {
    /// Defaults from the data, starting where `start` says, with the report's assumptions in `defaults`: GDP
    /// and population of the base year, the plan's GDP growth target, the population change over the plan, the
    /// exchange rate of `defaults.fx_year`. Started after the plan's base year (newer actual data), the
    /// population follows a path to the plan's end-year population (the plan's base population plus the
    /// change), and the exchange rate is the newest recorded up to the base year. A value the data lack is a
    /// gap, reported by `run` until a setter gives it.
    pub fn from_dataset_with(dataset: &Dataset, defaults: &Defaults, start: Start) -> Assumptions {
        let history = &dataset.history;
        let plan_base = dataset.plan.baseline_year;
        let end_year = dataset.plan.end_year;
        let observation = |series: &str, year: i32| {
            history
                .yearly(series, year)
                .into_iter()
                .find(|o| o.period.year == year)
        };
        let (base_year, start_text) = match start {
            Start::Year(year) => (year, format!("自 {year} 年起测算（设定）")),
            Start::Newest { up_to } => {
                let limit = up_to.unwrap_or(end_year - 1).min(end_year - 1);
                let by = up_to.map_or(String::new(), |y| format!("截至 {y} 年"));
                let newest = history
                    .yearly(GDP_SERIES, limit)
                    .last()
                    .map(|o| o.period.year)
                    .filter(|y| *y > plan_base);
                match newest {
                    Some(year) => (
                        year,
                        format!(
                            "自 {year} 年起测算：{year} 年是{by}有实际地区生产总值的最新年份（规划基期为 {plan_base} 年），已发生的年份按实际值，不再按情景推算"
                        ),
                    ),
                    None => (
                        plan_base,
                        format!(
                            "自规划基期 {plan_base} 年起测算：{by}数据中尚无 {plan_base} 年以后的实际地区生产总值"
                        ),
                    ),
                }
            }
        };
        let rebased = base_year > plan_base && base_year < end_year;
        let mut a = Assumptions {
            base_year,
            start: start_text,
            end_year,
            base_gdp: f64::NAN,
            base_population: f64::NAN,
            growth: Yearly::Constant(f64::NAN),
            population: PopulationPath::TotalChange(defaults.population_change),
            fx: Yearly::Constant(f64::NAN),
            deflator: None,
            provenance: Vec::new(),
            gaps: Vec::new(),
        };
        match observation(GDP_SERIES, base_year) {
            Some(o) => {
                a.base_gdp = o.value;
                let text = format!(
                    "{base_year} 年地区生产总值 {} 亿元（{}）",
                    fmt_number(o.value, 2),
                    cite(o)
                );
                a.note(Item::BaseGdp, text);
            }
            None => a.gaps.push((
                Item::BaseGdp,
                missing(Item::BaseGdp, "地区生产总值", GDP_SERIES, base_year),
            )),
        }
        // The plan's population path: its base year's population plus the change over the plan, reached in equal
        // steps. Re-based, the scenario keeps the plan's end-year population rather than adding the whole change
        // again over fewer years.
        let plan_path = observation(POPULATION_SERIES, plan_base).map(|o| {
            let years = f64::from((end_year - plan_base).max(1));
            let level_at = move |year: i32| {
                o.value + defaults.population_change * f64::from(year - plan_base) / years
            };
            (o, level_at)
        });
        match (observation(POPULATION_SERIES, base_year), &plan_path) {
            (Some(o), _) => {
                a.base_population = o.value;
                let text = format!(
                    "{base_year} 年末常住人口 {} 万人（{}）",
                    fmt_number(o.value, 2),
                    cite(o)
                );
                a.note(Item::BasePopulation, text);
            }
            (None, Some((plan_o, level_at))) if rebased => {
                a.base_population = level_at(base_year);
                let text = format!(
                    "{base_year} 年末常住人口 {} 万人：数据中尚无该年实际值，按规划人口路径推算（{plan_base} 年末 {} 万人，规划期增加 {} 万人，逐年等量）",
                    fmt_number(a.base_population, 2),
                    fmt_number(plan_o.value, 2),
                    fmt_number(defaults.population_change, 2)
                );
                a.note(Item::BasePopulation, text);
            }
            (None, _) => a.gaps.push((
                Item::BasePopulation,
                missing(
                    Item::BasePopulation,
                    "年末常住人口",
                    POPULATION_SERIES,
                    base_year,
                ),
            )),
        }
        let population = match &plan_path {
            Some((plan_o, level_at)) if rebased => {
                let end_level = level_at(end_year);
                a.population = PopulationPath::EndLevel(end_level);
                format!(
                    "{end_year} 年末达到 {} 万人，即规划的 {end_year} 年人口（{plan_base} 年末 {} 万人加规划期增加 {} 万人），自 {base_year} 年起逐年等量变化（规划报告「{}」）",
                    fmt_number(end_level, 2),
                    fmt_number(plan_o.value, 2),
                    fmt_number(defaults.population_change, 2),
                    defaults.population_quote
                )
            }
            _ => format!(
                "{}（规划报告「{}」）",
                a.population.describe(base_year, end_year),
                defaults.population_quote
            ),
        };
        a.note(Item::Population, population);
        // The report holds the exchange rate of `fx_year`; started later, the newest rate recorded by then.
        let fx = if rebased {
            history
                .yearly(FX_SERIES, base_year)
                .into_iter()
                .rfind(|o| o.period.year >= defaults.fx_year)
        } else {
            observation(FX_SERIES, defaults.fx_year)
        };
        match fx {
            Some(o) if rebased => {
                a.fx = Yearly::Constant(o.value);
                let text = format!(
                    "每年 {} 元/美元，即截至 {base_year} 年有记录的最新年平均汇率（{} 年；{}；规划报告按 {} 年水平：「{}」）",
                    fmt_number(o.value, 4),
                    o.period.year,
                    cite(o),
                    defaults.fx_year,
                    defaults.fx_quote
                );
                a.note(Item::Fx, text);
            }
            Some(o) => {
                a.fx = Yearly::Constant(o.value);
                let text = format!(
                    "每年 {} 元/美元，即 {} 年平均汇率（{}；规划报告「{}」）",
                    fmt_number(o.value, 4),
                    defaults.fx_year,
                    cite(o),
                    defaults.fx_quote
                );
                a.note(Item::Fx, text);
            }
            None => a.gaps.push((
                Item::Fx,
                missing(Item::Fx, "人民币对美元汇率", FX_SERIES, defaults.fx_year),
            )),
        }
        let indicator = dataset.plan.indicator(&defaults.growth_indicator);
        match indicator.and_then(|i| i.target.kind.value().map(|v| (i, v))) {
            Some((indicator, rate)) => {
                a.growth = Yearly::Constant(rate);
                let text = format!(
                    "每年 {}%：规划指标 {} {} 的目标“{}”",
                    fmt_number(rate, 4),
                    indicator.id,
                    indicator.name,
                    indicator.target.text
                );
                a.note(Item::Growth, text);
            }
            None => a.gaps.push((
                Item::Growth,
                ScenarioError::NoGrowthTarget {
                    indicator: defaults.growth_indicator.clone(),
                },
            )),
        }
        a.note(
            Item::Deflator,
            "未设价格平减指数：增速直接作用于现价总量（与规划报告测算口径相同）".to_string(),
        );
        a
    }

    /// The number of years from the base year to the end year.
    pub fn years(&self) -> i32 {
        self.end_year - self.base_year
    }

    /// Records where an assumption came from, replacing what was said before; a set value fills its gap.
    pub fn note(&mut self, item: Item, source: String) {
        self.gaps.retain(|(i, _)| *i != item);
        match self.provenance.iter_mut().find(|p| p.item == item) {
            Some(p) => p.source = source,
            None => self.provenance.push(Provenance { item, source }),
        }
    }

    pub fn provenance_of(&self, item: Item) -> Option<&str> {
        self.provenance
            .iter()
            .find(|p| p.item == item)
            .map(|p| p.source.as_str())
    }

    /// The assumptions besides growth that every one of `all` takes from the same place, with that place:
    /// what a comparison of scenarios states once, as their common ground.
    pub fn common_provenance(all: &[&Assumptions]) -> Vec<(Item, String)> {
        let Some(first) = all.first() else {
            return Vec::new();
        };
        [
            Item::BaseGdp,
            Item::BasePopulation,
            Item::Population,
            Item::Fx,
            Item::Deflator,
        ]
        .into_iter()
        .filter(|item| {
            all.iter()
                .all(|a| a.provenance_of(*item) == first.provenance_of(*item))
        })
        .filter_map(|item| first.provenance_of(item).map(|s| (item, s.to_string())))
        .collect()
    }

    /// The same rate every year.
    pub fn with_growth(self, pct: f64) -> Self {
        self.with_growth_yearly(Yearly::Constant(pct))
    }

    /// One rate per year after the base year.
    pub fn with_growth_path(self, pct: Vec<f64>) -> Self {
        self.with_growth_yearly(Yearly::PerYear(pct))
    }

    pub fn with_growth_yearly(mut self, growth: Yearly) -> Self {
        let text = format!("{}（设定）", growth.describe_each("%"));
        self.growth = growth;
        self.note(Item::Growth, text);
        self
    }

    /// A total change over the plan, in 万人 (the report: +40).
    pub fn with_population_change(self, total: f64) -> Self {
        self.with_population(PopulationPath::TotalChange(total))
    }

    /// The same change every year, in 万人.
    pub fn with_population_annual_change(self, per_year: f64) -> Self {
        self.with_population(PopulationPath::AnnualChange(per_year))
    }

    /// The year-end population of the end year, in 万人.
    pub fn with_population_end(self, level: f64) -> Self {
        self.with_population(PopulationPath::EndLevel(level))
    }

    pub fn with_population(mut self, path: PopulationPath) -> Self {
        let text = format!("{}（设定）", path.describe(self.base_year, self.end_year));
        self.population = path;
        self.note(Item::Population, text);
        self
    }

    /// The same exchange rate every year (元/美元).
    pub fn with_fx(self, rate: f64) -> Self {
        self.with_fx_yearly(Yearly::Constant(rate))
    }

    pub fn with_fx_path(self, rates: Vec<f64>) -> Self {
        self.with_fx_yearly(Yearly::PerYear(rates))
    }

    pub fn with_fx_yearly(mut self, fx: Yearly) -> Self {
        let text = format!("{}（设定）", fx.describe_each(" 元/美元"));
        self.fx = fx;
        self.note(Item::Fx, text);
        self
    }

    /// Price growth (GDP deflator, %) each year: the growth rates become real, the GDP path nominal.
    pub fn with_deflator(self, pct: f64) -> Self {
        self.with_deflator_yearly(Yearly::Constant(pct))
    }

    pub fn with_deflator_path(self, pct: Vec<f64>) -> Self {
        self.with_deflator_yearly(Yearly::PerYear(pct))
    }

    pub fn with_deflator_yearly(mut self, deflator: Yearly) -> Self {
        let text = format!(
            "价格平减指数{}（设定）：增速为实际增速，GDP 为现价（名义）总量 = 基期 × Π(1+实际增速)(1+价格涨幅)",
            deflator.describe_each("%")
        );
        self.deflator = Some(deflator);
        self.note(Item::Deflator, text);
        self
    }

    pub fn with_base_gdp(mut self, gdp: f64) -> Self {
        self.base_gdp = gdp;
        let text = format!(
            "{} 年地区生产总值 {} 亿元（设定）",
            self.base_year,
            fmt_number(gdp, 2)
        );
        self.note(Item::BaseGdp, text);
        self
    }

    pub fn with_base_population(mut self, population: f64) -> Self {
        self.base_population = population;
        let text = format!(
            "{} 年末常住人口 {} 万人（设定）",
            self.base_year,
            fmt_number(population, 2)
        );
        self.note(Item::BasePopulation, text);
        self
    }

    /// Says where a value set just before came from (a named scenario's file, a flag) instead of "设定".
    pub fn with_source(mut self, item: Item, source: &str) -> Self {
        if let Some(p) = self.provenance.iter_mut().find(|p| p.item == item) {
            p.source = p.source.replace("（设定）", &format!("（{source}）"));
        }
        self
    }
}

/// "初步数；来源 …；history/context/gdp.toml:63": the vintage and where the value was written down.
fn cite(o: &Observation) -> String {
    format!(
        "{}数；来源 {}；{}:{}",
        o.status.label_zh(),
        o.source,
        o.origin.file,
        o.origin.line
    )
}

fn missing(item: Item, name: &'static str, series: &'static str, year: i32) -> ScenarioError {
    ScenarioError::MissingData {
        item,
        name,
        series,
        year,
    }
}
