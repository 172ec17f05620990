//! Everything `scenarios/` holds for a plan: the headline goals, the report's assumptions, the named scenarios.

use serde::Serialize;

use super::goals::{Defaults, Goals, RatioSpec};
use super::named::NamedScenario;
use crate::error::Error;

/// Everything in `scenarios/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioBook {
    /// The plan the goals belong to.
    pub plan: String,
    pub source: String,
    pub goals: Goals,
    pub defaults: Defaults,
    pub ratios: Vec<RatioSpec>,
    /// In file-name order.
    pub scenarios: Vec<NamedScenario>,
    /// Where the files were read from, for the output.
    pub origin: String,
    /// The data directory has no `scenarios/`: these are the shipped files, used in its place.
    pub shipped_fallback: bool,
}

impl ScenarioBook {
    /// A named scenario; an unknown name lists the known ones.
    pub fn scenario(&self, name: &str) -> Result<&NamedScenario, Error> {
        self.scenarios
            .iter()
            .find(|s| s.name == name.trim())
            .ok_or_else(|| {
                let known: Vec<&str> = self.scenarios.iter().map(|s| s.name.as_str()).collect();
                Error::Usage(format!(
                    "没有名为“{name}”的情景：可用的情景有 {}（{}）",
                    known.join("、"),
                    self.origin
                ))
            })
    }

    /// The goals are the plan's own: using them with another plan would judge it against the wrong numbers.
    pub fn check_plan(&self, plan_id: &str) -> Result<(), Error> {
        if self.plan == plan_id {
            Ok(())
        } else {
            Err(Error::Usage(format!(
                "{} 中的目标属于规划“{}”，而当前规划是“{plan_id}”：请为该规划提供 scenarios/goals.toml",
                self.origin, self.plan
            )))
        }
    }
}
