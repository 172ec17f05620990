//! Named scenarios (`scenarios/*.toml`): a name, a description saying where its numbers come from, and the
//! assumptions it changes; everything it does not state keeps the data's default.

use serde::Serialize;

use super::assumptions::{Assumptions, Item, PopulationPath, Yearly};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedScenario {
    pub name: String,
    pub description: String,
    /// Where the scenario's numbers come from (a quote of the report, or "示意").
    pub source: String,
    /// The file it was read from, for messages.
    pub file: String,
    pub growth: Option<Yearly>,
    pub population: Option<PopulationPath>,
    pub fx: Option<Yearly>,
    pub deflator: Option<Yearly>,
}

impl NamedScenario {
    /// The scenario's assumptions laid over `base`, each marked as coming from this scenario.
    pub fn apply(&self, base: Assumptions) -> Assumptions {
        let mut a = base;
        let from = format!("情景“{}”，{}", self.name, self.file);
        if let Some(growth) = &self.growth {
            a = a
                .with_growth_yearly(growth.clone())
                .with_source(Item::Growth, &from);
        }
        if let Some(population) = &self.population {
            a = a
                .with_population(population.clone())
                .with_source(Item::Population, &from);
        }
        if let Some(fx) = &self.fx {
            a = a.with_fx_yearly(fx.clone()).with_source(Item::Fx, &from);
        }
        if let Some(deflator) = &self.deflator {
            a = a
                .with_deflator_yearly(deflator.clone())
                .with_source(Item::Deflator, &from);
        }
        a
    }

    /// The growth rate as a short label for tables ("5.4%", "逐年 5、5.2…%").
    pub fn growth_label(&self) -> Option<String> {
        self.growth.as_ref().map(|g| g.describe("%"))
    }
}
