//! The assumptions of a scenario by name, for provenance lines and for errors about one of them.

use serde::Serialize;

/// Which assumption a provenance line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    BaseGdp,
    BasePopulation,
    Growth,
    Population,
    Fx,
    Deflator,
}

impl Item {
    pub fn label_zh(self) -> &'static str {
        match self {
            Item::BaseGdp => "基期 GDP",
            Item::BasePopulation => "基期人口",
            Item::Growth => "增速",
            Item::Population => "人口",
            Item::Fx => "汇率",
            Item::Deflator => "价格",
        }
    }
}
