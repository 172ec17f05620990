//! The headline goals ("两个三万") and the report's own assumptions, read from `scenarios/goals.toml` (by
//! [`crate::load`]), so that every number has its source in a data file.

use serde::Serialize;

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
