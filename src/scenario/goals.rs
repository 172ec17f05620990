//! The headline goals ("两个三万") and the report's own assumptions, read from `scenarios/goals.toml`, so that
//! every number has its source in a data file.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::load::Problem;
use crate::load::document::Document;
use crate::text::fmt_number;

/// The goals a scenario is judged against: GDP in the end year (亿元) and per-capita GDP in dollars.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goals {
    pub gdp: f64,
    pub per_capita_usd: f64,
    pub source: String,
    pub quote: String,
}

impl Goals {
    pub fn new(gdp: f64, per_capita_usd: f64) -> Goals {
        Goals {
            gdp,
            per_capita_usd,
            source: String::new(),
            quote: String::new(),
        }
    }

    /// "3万亿元", as the report writes the GDP goal.
    pub fn gdp_label(&self) -> String {
        wan(self.gdp, "亿元")
    }

    /// "3万美元".
    pub fn per_capita_label(&self) -> String {
        wan(self.per_capita_usd, "美元")
    }
}

/// A number in 万 where it is large enough: 30000 → "3万", 23011 → "2.3011万".
fn wan(value: f64, unit: &str) -> String {
    if value.abs() >= 10_000.0 {
        format!("{}万{unit}", fmt_number(value / 10_000.0, 4))
    } else {
        format!("{}{unit}", fmt_number(value, 2))
    }
}

/// The report's assumptions for computing the goals, used as defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Defaults {
    /// The plan indicator whose target is the default growth rate (GDP growth, "5以上").
    pub growth_indicator: String,
    /// Change of the resident population over the plan, 万人.
    pub population_change: f64,
    pub population_quote: String,
    /// The year whose average exchange rate is held for the whole plan.
    pub fx_year: i32,
    pub fx_quote: String,
}

/// An indicator defined as a share of GDP, and the name of its numerator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioSpec {
    pub indicator: String,
    pub numerator: String,
    /// A context series holding the numerator itself (亿元), where the data have one.
    pub context: Option<String>,
    pub quote: String,
}

/// What `goals.toml` holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalsFile {
    pub plan: String,
    pub source: String,
    pub goals: Goals,
    pub defaults: Defaults,
    pub ratios: Vec<RatioSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoals {
    gdp: Spanned<f64>,
    per_capita_usd: Spanned<f64>,
    quote: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    growth_indicator: String,
    population_change: Spanned<f64>,
    population_quote: String,
    fx_year: i32,
    fx_quote: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRatio {
    indicator: String,
    numerator: String,
    context: Option<String>,
    #[serde(default)]
    quote: String,
}

/// Reads `goals.toml`, reporting every problem with its place.
pub(super) fn read_goals(doc: &Document<'_>, problems: &mut Vec<Problem>) -> Option<GoalsFile> {
    doc.unknown_keys(&["plan", "source", "goals", "defaults", "ratio"], problems);
    let before = problems.len();
    let plan: Option<String> = super::named::field(doc, "plan", problems);
    let source: Option<String> = super::named::field(doc, "source", problems);
    let goals = required(doc, "goals", problems).and_then(|v| {
        doc.read::<RawGoals>(v, "goals")
            .map_err(|p| problems.push(p))
            .ok()
    });
    let defaults = required(doc, "defaults", problems).and_then(|v| {
        doc.read::<RawDefaults>(v, "defaults")
            .map_err(|p| problems.push(p))
            .ok()
    });
    let mut ratios = Vec::new();
    for (index, value) in doc.array("ratio", problems) {
        match doc.read::<RawRatio>(value, &format!("ratio[{}]", index + 1)) {
            Ok(r) => ratios.push(RatioSpec {
                indicator: r.indicator,
                numerator: r.numerator,
                context: r.context,
                quote: r.quote,
            }),
            Err(p) => problems.push(p),
        }
    }
    if let Some(g) = &goals {
        for (value, field) in [
            (&g.gdp, "goals.gdp"),
            (&g.per_capita_usd, "goals.per_capita_usd"),
        ] {
            if !(value.get_ref().is_finite() && *value.get_ref() > 0.0) {
                problems.push(doc.problem(
                    value.span(),
                    field,
                    format!("目标值 {} 应为正数", value.get_ref()),
                ));
            }
        }
    }
    if let Some(d) = &defaults
        && !d.population_change.get_ref().is_finite()
    {
        problems.push(doc.problem(
            d.population_change.span(),
            "defaults.population_change",
            "应为有限的数（万人）",
        ));
    }
    if plan.is_none() {
        problems.push(doc.problem(
            0..0,
            "plan",
            "缺少 plan：请写明目标属于哪个规划（规划 id，如 \"hangzhou-15th\"）",
        ));
    }
    let (Some(plan), Some(goals), Some(defaults)) = (plan, goals, defaults) else {
        return None;
    };
    if problems.len() > before {
        return None;
    }
    let source = source.unwrap_or_default();
    Some(GoalsFile {
        goals: Goals {
            gdp: goals.gdp.into_inner(),
            per_capita_usd: goals.per_capita_usd.into_inner(),
            source: source.clone(),
            quote: goals.quote,
        },
        defaults: Defaults {
            growth_indicator: defaults.growth_indicator,
            population_change: defaults.population_change.into_inner(),
            population_quote: defaults.population_quote,
            fx_year: defaults.fx_year,
            fx_quote: defaults.fx_quote,
        },
        plan,
        source,
        ratios,
    })
}

fn required<'d, 'a>(
    doc: &'d Document<'a>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'d Spanned<toml::de::DeValue<'a>>> {
    let value = doc.get(key);
    if value.is_none() {
        problems.push(doc.problem(0..0, key, format!("缺少 [{key}] 表")));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_the_report_writes_them() {
        let g = Goals::new(30_000.0, 30_000.0);
        assert_eq!(g.gdp_label(), "3万亿元");
        assert_eq!(g.per_capita_label(), "3万美元");
        assert_eq!(Goals::new(8_000.0, 1.0).gdp_label(), "8000亿元");
    }
}
