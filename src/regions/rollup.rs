//! The roll-up check: where a region and all its children record an additive series (GDP, 社零, 投资) for a year,
//! the children's sum should match the region's figure within a share (the parent plan's
//! `rollup_tolerance_pct`, 2% unless set). Only series declared `additive` are summed: never rates or shares.

use super::RegionRow;
use crate::model::Origin;
use crate::text::fmt_number;

/// A child whose growth that year parts most from the parent's: where to look first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Suspect {
    pub region: String,
    pub growth_pct: f64,
    pub parent_growth_pct: f64,
}

/// One series in one year of one parent region against its children.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RollupCheck {
    pub parent_region: String,
    pub parent_plan: String,
    pub series: String,
    pub series_name: String,
    pub unit: String,
    pub year: i32,
    pub parent_value: f64,
    /// Where the parent's figure is recorded.
    pub parent_origin: Origin,
    /// Each child region with its figure, in region order.
    pub children: Vec<(String, f64)>,
    pub children_sum: f64,
    /// (sum − parent) / parent, in percent.
    pub difference_pct: f64,
    pub tolerance_pct: f64,
    pub within: bool,
    pub suspect: Option<Suspect>,
}

impl RollupCheck {
    /// The finding in a sentence, for officials: both sums, the difference and the children's figures.
    pub fn sentence(&self) -> String {
        let children: Vec<String> = self
            .children
            .iter()
            .map(|(r, v)| format!("{r} {}", fmt_number(*v, 2)))
            .collect();
        let mut s = format!(
            "{}{}年{}：下辖地区合计 {}{unit}，与{}本级数 {}{unit} 相差 {}%（超过 {}%）；各地区为 {}",
            self.parent_region,
            self.year,
            self.series_name,
            fmt_number(self.children_sum, 2),
            self.parent_region,
            fmt_number(self.parent_value, 2),
            signed(self.difference_pct),
            fmt_number(self.tolerance_pct, 2),
            children.join("、"),
            unit = self.unit,
        );
        if let Some(x) = &self.suspect {
            s.push_str(&format!(
                "；其中{}当年增长 {}%，与{}的 {}% 相差最大，请先核对",
                x.region,
                signed(x.growth_pct),
                self.parent_region,
                signed(x.parent_growth_pct)
            ));
        }
        s
    }
}

fn signed(v: f64) -> String {
    let s = fmt_number(v, 2);
    if v > 0.0 { format!("+{s}") } else { s }
}

/// Every roll-up check among `rows` (up to `as_of` where given), parents in row order, years ascending.
pub fn rollup_checks(rows: &[RegionRow], as_of: Option<i32>) -> Vec<RollupCheck> {
    let mut checks = Vec::new();
    for parent in rows {
        let mut children: Vec<&RegionRow> = rows
            .iter()
            .filter(|r| r.parent.as_deref() == Some(parent.region.as_str()))
            .collect();
        if children.is_empty() {
            continue;
        }
        children.sort_by(|a, b| a.region.cmp(&b.region));
        for series in &parent.additive {
            let child_series: Option<Vec<_>> = children
                .iter()
                .map(|c| {
                    c.additive
                        .iter()
                        .find(|s| s.id == series.id && s.unit == series.unit)
                })
                .collect();
            let Some(child_series) = child_series else {
                continue;
            };
            for (&year, (parent_value, origin)) in &series.years {
                if as_of.is_some_and(|y| year > y) || *parent_value == 0.0 {
                    continue;
                }
                let values: Option<Vec<f64>> = child_series
                    .iter()
                    .map(|s| s.years.get(&year).map(|(v, _)| *v))
                    .collect();
                let Some(values) = values else { continue };
                let sum: f64 = values.iter().sum();
                let difference_pct = (sum - parent_value) / parent_value.abs() * 100.0;
                let tolerance_pct = parent.rollup_tolerance_pct;
                let within = difference_pct.abs() <= tolerance_pct;
                let suspect = if within {
                    None
                } else {
                    suspect(series, &child_series, &children, year)
                };
                checks.push(RollupCheck {
                    parent_region: parent.region.clone(),
                    parent_plan: parent.plan_id.clone(),
                    series: series.id.clone(),
                    series_name: series.name.clone(),
                    unit: series.unit.clone(),
                    year,
                    parent_value: *parent_value,
                    parent_origin: origin.clone(),
                    children: children
                        .iter()
                        .zip(&values)
                        .map(|(c, v)| (c.region.clone(), *v))
                        .collect(),
                    children_sum: sum,
                    difference_pct,
                    tolerance_pct,
                    within,
                    suspect,
                });
            }
        }
    }
    checks
}

/// The child whose growth into `year` parts most from the parent's, where both have the year before.
fn suspect(
    parent: &super::AdditiveSeries,
    children: &[&super::AdditiveSeries],
    rows: &[&RegionRow],
    year: i32,
) -> Option<Suspect> {
    let growth = |s: &super::AdditiveSeries| -> Option<f64> {
        let now = s.years.get(&year)?.0;
        let before = s.years.get(&(year - 1))?.0;
        (before != 0.0).then(|| (now / before - 1.0) * 100.0)
    };
    let parent_growth = growth(parent)?;
    children
        .iter()
        .zip(rows)
        .filter_map(|(s, r)| growth(s).map(|g| (r, g)))
        .max_by(|a, b| {
            (a.1 - parent_growth)
                .abs()
                .total_cmp(&(b.1 - parent_growth).abs())
        })
        .map(|(r, g)| Suspect {
            region: r.region.clone(),
            growth_pct: g,
            parent_growth_pct: parent_growth,
        })
}
