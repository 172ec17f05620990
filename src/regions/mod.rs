//! Many regions side by side: one row per plan with its counts per status, the indicators regions share (by a
//! common `code`, else by name), and the roll-up check of additive series between a region and its children.
//!
//! Every number comes from [`crate::assess`]; this module only lines plans up. It keeps a compact row per plan
//! and drops the plan's history as soon as the row is made, so thousands of regions fit in memory.

pub mod cache;
mod rollup;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use rollup::{RollupCheck, Suspect, rollup_checks};

use crate::assess::as_of::as_of_range;
use crate::assess::plan_view::PlanView;
use crate::assess::{PeriodValue, Status, assess_plan};
use crate::error::Error;
use crate::load::regions::PlanSet;
use crate::model::AsOfOutOfRange;
use crate::model::{Dataset, Origin, Plan, RegionLevel};

/// One indicator of one region as assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionIndicator {
    pub id: String,
    pub code: Option<String>,
    pub name: String,
    pub unit: String,
    pub binding: bool,
    pub status: Status,
    #[serde(with = "cache::latest")]
    pub latest: Option<PeriodValue>,
    pub target_text: String,
    pub target_value: Option<f64>,
    pub required_growth_pct: Option<f64>,
}

impl RegionIndicator {
    /// What lines indicators of different plans up: the shared code, else the name.
    pub fn key(&self) -> &str {
        self.code.as_deref().unwrap_or(&self.name)
    }
}

/// The yearly figures of an additive context series (GDP, 社零, 投资) of one region, for the roll-up check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdditiveSeries {
    pub id: String,
    pub name: String,
    pub unit: String,
    /// Year → (value, where it is recorded).
    pub years: BTreeMap<i32, (f64, Origin)>,
}

/// One region's plan, assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionRow {
    pub plan_id: String,
    pub plan_name: String,
    pub region: String,
    pub parent: Option<String>,
    pub level: Option<RegionLevel>,
    pub as_of: i32,
    /// Counts in the order of [`Status::ALL`].
    pub counts: [usize; 6],
    pub binding_alerts: usize,
    /// The plan's own words for each status, in the order of [`Status::ALL`] (a plan may say 进度滞后).
    pub labels: Vec<String>,
    pub indicators: Vec<RegionIndicator>,
    pub additive: Vec<AdditiveSeries>,
    pub rollup_tolerance_pct: f64,
}

impl RegionRow {
    pub fn count(&self, status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.counts[i])
    }

    /// The status in this plan's own words.
    pub fn label(&self, status: Status) -> &str {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .and_then(|i| self.labels.get(i))
            .map_or(status.label_zh(), String::as_str)
    }

    pub fn total(&self) -> usize {
        self.indicators.len()
    }

    /// Lagging and off-track indicators as a share of all (0 where the plan has none).
    pub fn lagging_share(&self) -> f64 {
        let behind = self.count(Status::Lagging) + self.count(Status::OffTrack);
        if self.total() == 0 {
            0.0
        } else {
            behind as f64 / self.total() as f64
        }
    }

    /// The indicator matching `key` (a shared code, else a name).
    pub fn indicator_by_key(&self, key: &str) -> Option<&RegionIndicator> {
        self.indicators.iter().find(|i| i.key() == key)
    }
}

/// Assesses one plan as of `as_of` (its own latest year with data where None) and keeps the compact row.
pub fn region_row(dataset: &Dataset, as_of: Option<i32>) -> RegionRow {
    let as_of = as_of.unwrap_or_else(|| dataset.default_as_of());
    let plan = &dataset.plan;
    let result = assess_plan(dataset, as_of);
    let view = PlanView::new(plan, &result);
    let plan_counts = view.counts();
    let mut counts = [0; 6];
    for (i, s) in Status::ALL.iter().enumerate() {
        counts[i] = plan_counts.get(*s);
    }
    let indicators = view
        .items()
        .map(|(ind, a)| RegionIndicator {
            id: ind.number().to_string(),
            code: ind.code.clone(),
            name: ind.display_name(),
            unit: ind.unit.clone(),
            binding: ind.is_binding(),
            status: a.status,
            latest: a.latest,
            target_text: ind.target.text.clone(),
            target_value: ind.target.kind.value(),
            required_growth_pct: a.required_growth_pct,
        })
        .collect();
    let additive = dataset
        .history
        .context
        .iter()
        .filter(|c| c.additive)
        .map(|c| AdditiveSeries {
            id: c.id.clone(),
            name: c.name.clone(),
            unit: c.unit.clone(),
            years: dataset
                .history
                .yearly(&c.id, i32::MAX)
                .into_iter()
                .map(|o| (o.period.year, (o.value, o.origin.clone())))
                .collect(),
        })
        .collect();
    RegionRow {
        plan_id: plan.id.clone(),
        plan_name: plan.name.clone(),
        region: plan.region.clone(),
        parent: plan.parent.clone(),
        level: plan.region_level,
        as_of,
        counts,
        binding_alerts: result.binding_alerts(),
        labels: Status::ALL
            .iter()
            .map(|s| plan.status_label(*s).to_string())
            .collect(),
        indicators,
        additive,
        rollup_tolerance_pct: plan.thresholds.rollup_tolerance_pct,
    }
}

/// Every region of one period, sorted by the share lagging (most first), with the roll-up checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regions {
    /// The year asked for; None: each plan as of its latest year with data.
    pub as_of: Option<i32>,
    /// The plan the period was chosen by (`--plan`, or the plan running now).
    pub reference: String,
    pub rows: Vec<RegionRow>,
    pub rollup: Vec<RollupCheck>,
}

impl Regions {
    /// The as-of year to state: the one asked for, else the latest of the plans'.
    pub fn as_of_year(&self) -> Option<i32> {
        self.as_of
            .or_else(|| self.rows.iter().map(|r| r.as_of).max())
    }

    /// The reference plan's row.
    pub fn reference_row(&self) -> Option<&RegionRow> {
        self.rows.iter().find(|r| r.plan_id == self.reference)
    }

    /// The indicators regions share, in the reference plan's order: keys found in at least two plans.
    pub fn common_keys(&self) -> Vec<(String, String)> {
        let Some(reference) = self.reference_row().or_else(|| self.rows.first()) else {
            return Vec::new();
        };
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for row in &self.rows {
            let mut keys: Vec<&str> = row.indicators.iter().map(RegionIndicator::key).collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                *seen.entry(k).or_default() += 1;
            }
        }
        let min = if self.rows.len() > 1 { 2 } else { 1 };
        reference
            .indicators
            .iter()
            .filter(|i| seen.get(i.key()).is_some_and(|n| *n >= min))
            .map(|i| (i.key().to_string(), i.name.clone()))
            .collect()
    }

    /// The key (shared code or name) of the indicator `query` names: an id, code or name in the reference plan,
    /// else a code or name any plan uses.
    pub fn resolve_indicator(&self, query: &str) -> Option<(String, String)> {
        let query = query.trim();
        let hit = |i: &&RegionIndicator| i.code.as_deref() == Some(query) || i.name == query;
        if let Some(reference) = self.reference_row()
            && let Some(i) = reference
                .indicators
                .iter()
                .find(|i| i.id == query)
                .or_else(|| reference.indicators.iter().find(hit))
        {
            return Some((i.key().to_string(), i.name.clone()));
        }
        self.rows
            .iter()
            .flat_map(|r| r.indicators.iter())
            .find(hit)
            .map(|i| (i.key().to_string(), i.name.clone()))
    }

    /// Per region, the indicator with `key`, in the order of the rows.
    pub fn by_key(&self, key: &str) -> Vec<(&RegionRow, &RegionIndicator)> {
        self.rows
            .iter()
            .filter_map(|r| r.indicator_by_key(key).map(|i| (r, i)))
            .collect()
    }

    /// For each shared indicator some region lags on, the regions lagging (off track first, then by region
    /// order): indicators with the most regions lagging first, then in the reference plan's order.
    pub fn lagging_by_indicator(&self) -> Vec<LaggingIndicator<'_>> {
        let mut out: Vec<LaggingIndicator<'_>> = self
            .common_keys()
            .into_iter()
            .filter_map(|(key, name)| {
                let mut regions: Vec<(&RegionRow, &RegionIndicator)> = self
                    .by_key(&key)
                    .into_iter()
                    .filter(|(_, i)| i.status.is_behind())
                    .collect();
                regions.sort_by_key(|(_, i)| i.status);
                (!regions.is_empty()).then_some(LaggingIndicator { key, name, regions })
            })
            .collect();
        // Stable: equal counts keep the reference plan's order.
        out.sort_by_key(|l| std::cmp::Reverse(l.regions.len()));
        out
    }

    /// The roll-up checks that fail.
    pub fn rollup_issues(&self) -> impl Iterator<Item = &RollupCheck> {
        self.rollup.iter().filter(|c| !c.within)
    }
}

/// A shared indicator with the regions that lag on it.
#[derive(Debug, Clone, PartialEq)]
pub struct LaggingIndicator<'a> {
    pub key: String,
    pub name: String,
    pub regions: Vec<(&'a RegionRow, &'a RegionIndicator)>,
}

/// Sorts rows by the share lagging (most first), then binding alerts, then region name.
pub fn sort_rows(rows: &mut [RegionRow]) {
    rows.sort_by(|a, b| {
        b.lagging_share()
            .total_cmp(&a.lagging_share())
            .then(b.binding_alerts.cmp(&a.binding_alerts))
            .then(a.region.cmp(&b.region))
            .then(a.plan_id.cmp(&b.plan_id))
    });
}

/// Loads every plan of the period of `plan` (or of the plan running now), assesses each, and checks roll-ups.
/// `as_of` outside the period is an error naming the period. `done` is called after each plan.
pub fn compare(
    mut plans: PlanSet,
    plan: Option<&str>,
    as_of: Option<i32>,
    done: &(dyn Fn() + Sync),
) -> Result<Regions, Error> {
    let reference = plans.keep_period_of(plan)?;
    if let (Some(year), Some(p)) = (as_of, plans.plans().next()) {
        check_year(p, year)?;
    }
    let mut rows = plans.map_datasets(done, |ds| region_row(&ds, as_of))?;
    let rollup = rollup_checks(&rows, as_of);
    sort_rows(&mut rows);
    Ok(Regions {
        as_of,
        reference,
        rows,
        rollup,
    })
}

/// The plans of a period share their years: the year asked for must be one the plans can be assessed as of.
fn check_year(plan: &Plan, year: i32) -> Result<(), Error> {
    let (first, last) = as_of_range(plan);
    if (first..=last).contains(&year) {
        return Ok(());
    }
    Err(Error::AsOf(AsOfOutOfRange {
        year,
        asked: crate::model::Period::year(year),
        plan: plan.short_name.clone(),
        first,
        last,
    }))
}

#[cfg(test)]
mod tests;
