//! How likely is the goal? Growth is drawn each year from a normal distribution fitted to the history (or given),
//! with a seeded ChaCha8 generator: the same seed gives the same result on every platform.

use rand::SeedableRng;
use rand::distr::Distribution;
use rand::rngs::ChaCha8Rng;
use serde::Serialize;
use statrs::distribution::Normal;
use statrs::statistics::Statistics;

use super::assumptions::Assumptions;
use super::engine::run;
use super::error::ScenarioError;
use super::goals::Goals;
use crate::model::Dataset;

pub use super::limits::{MAX_MEAN_PCT, MAX_PATHS, MAX_SD_PCT};

/// The growth distribution and the size of the simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationSpec {
    /// Mean growth a year, percent.
    pub mean: f64,
    /// Standard deviation of growth a year, percentage points.
    pub sd: f64,
    pub paths: usize,
    pub seed: u64,
}

/// Where a fitted distribution came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// The plan indicator asked for, and the series its observations are recorded under.
    pub indicator: String,
    pub series: String,
    pub years: Vec<i32>,
    pub values: Vec<f64>,
    pub mean: f64,
    pub sd: f64,
}

impl SimulationSpec {
    /// Mean and sample standard deviation of the full-year values of a plan indicator (or a series) from `from`
    /// to `to`: for GDP growth, indicator "1".
    pub fn fit(
        dataset: &Dataset,
        indicator: &str,
        from: i32,
        to: i32,
    ) -> Result<Fit, ScenarioError> {
        if from > to {
            return Err(ScenarioError::Data(format!(
                "拟合年份范围颠倒：起始年份 {from} 晚于截止年份 {to}，请交换两者"
            )));
        }
        let series = dataset
            .plan
            .indicator(indicator)
            .map_or(indicator, |i| i.series_id());
        let points: Vec<(i32, f64)> = dataset
            .history
            .yearly(series, to)
            .into_iter()
            .filter(|o| o.period.year >= from)
            .map(|o| (o.period.year, o.value))
            .collect();
        if points.len() < 2 {
            return Err(ScenarioError::FitData {
                indicator: indicator.to_string(),
                from,
                to,
                got: points.len(),
            });
        }
        let values: Vec<f64> = points.iter().map(|p| p.1).collect();
        Ok(Fit {
            indicator: indicator.to_string(),
            series: series.to_string(),
            years: points.iter().map(|p| p.0).collect(),
            mean: values.iter().mean(),
            sd: values.iter().std_dev(),
            values,
        })
    }
}

/// The 10%, 50% and 90% points of a distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Band {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationOutcome {
    pub spec: SimulationSpec,
    /// Share of paths with GDP at or above the goal in the end year.
    pub p_gdp_goal: f64,
    /// Share of paths with per-capita GDP at or above the goal in the end year.
    pub p_per_capita_goal: f64,
    /// Share of paths that have reached the GDP goal by each year.
    pub p_gdp_goal_by_year: Vec<(i32, f64)>,
    pub end_gdp: Band,
    pub end_per_capita_usd: Band,
}

/// Simulates `spec.paths` growth paths; population, exchange rate and prices follow the assumptions.
pub fn simulate(
    a: &Assumptions,
    goals: &Goals,
    spec: &SimulationSpec,
) -> Result<SimulationOutcome, ScenarioError> {
    if spec.paths == 0 || spec.paths > MAX_PATHS {
        return Err(ScenarioError::Paths(spec.paths));
    }
    if !(spec.mean > -100.0 && spec.mean <= MAX_MEAN_PCT) {
        return Err(ScenarioError::Mean(spec.mean));
    }
    if !(spec.sd >= 0.0 && spec.sd <= MAX_SD_PCT) {
        return Err(ScenarioError::Sd(spec.sd));
    }
    // The deterministic run checks the rest and gives prices, and the end year's population and exchange rate.
    let base = run(a, goals)?;
    let (population, fx) =
        base.path
            .last()
            .map(|y| (y.population, y.fx))
            .ok_or(ScenarioError::Years {
                base: a.base_year,
                end: a.end_year,
            })?;
    let price_factors: Vec<f64> = base
        .path
        .iter()
        .map(|y| 1.0 + y.deflator_pct.unwrap_or(0.0) / 100.0)
        .collect();
    let standard = Normal::standard();
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let mut reached_by = vec![0usize; price_factors.len()];
    let mut end_gdp = Vec::with_capacity(spec.paths);
    for _ in 0..spec.paths {
        let mut gdp = a.base_gdp;
        let mut reached = gdp >= goals.gdp;
        for (year, price) in price_factors.iter().enumerate() {
            let growth = spec.mean + spec.sd * standard.sample(&mut rng);
            // A draw below −100% would make GDP negative: the economy cannot shrink below nothing.
            gdp *= (1.0 + growth / 100.0).max(0.0) * price;
            reached |= gdp >= goals.gdp;
            if reached {
                reached_by[year] += 1;
            }
        }
        end_gdp.push(gdp);
    }
    end_gdp.sort_by(f64::total_cmp);
    let paths = spec.paths as f64;
    let to_usd = 10_000.0 / population / fx;
    let band = |scale: f64| Band {
        p10: quantile(&end_gdp, 0.1) * scale,
        p50: quantile(&end_gdp, 0.5) * scale,
        p90: quantile(&end_gdp, 0.9) * scale,
    };
    let per_capita_goal_gdp = goals.per_capita_usd / to_usd;
    let at_least = |threshold: f64| {
        (end_gdp.len() - end_gdp.partition_point(|g| *g < threshold)) as f64 / paths
    };
    Ok(SimulationOutcome {
        spec: spec.clone(),
        p_gdp_goal: at_least(goals.gdp),
        p_per_capita_goal: at_least(per_capita_goal_gdp),
        p_gdp_goal_by_year: reached_by
            .iter()
            .enumerate()
            .map(|(i, n)| (a.base_year + 1 + i as i32, *n as f64 / paths))
            .collect(),
        end_gdp: band(1.0),
        end_per_capita_usd: band(to_usd),
    })
}

/// Linear interpolation between order statistics (the common "type 7" quantile) of sorted values.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let h = p.clamp(0.0, 1.0) * last as f64;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    let (a, b) = (
        sorted.get(lo).copied().unwrap_or(f64::NAN),
        sorted.get(hi).copied().unwrap_or(f64::NAN),
    );
    a + (h - h.floor()) * (b - a)
}

#[cfg(test)]
mod tests {
    use super::quantile;

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.1) - 1.4).abs() < 1e-12);
        assert!(quantile(&[], 0.5).is_nan());
    }
}
