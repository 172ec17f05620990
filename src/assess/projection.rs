//! Where the trend leads by the target year: a compound trend, and an ordinary least-squares line with a
//! prediction interval from Student's t distribution and the probability of reaching the target.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

use super::growth::cagr;

/// Central share of the prediction interval (90%: from the 5th to the 95th percentile).
pub const INTERVAL_LEVEL: f64 = 0.90;

/// How many recent yearly values the trend is fitted to.
pub const TREND_WINDOW: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionMethod {
    /// OLS line through the recent values, with a prediction interval.
    LeastSquares,
    /// Compound growth between the first and last recent values (two points: no interval).
    CompoundTrend,
    /// Mean yearly change, for series that have no compound rate (zero or negative values).
    LinearTrend,
}

impl ProjectionMethod {
    pub fn label_zh(self) -> &'static str {
        match self {
            ProjectionMethod::LeastSquares => "最小二乘线性趋势",
            ProjectionMethod::CompoundTrend => "复合增长趋势",
            ProjectionMethod::LinearTrend => "年均变化量趋势",
        }
    }
}

/// A projection of one series to a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    pub year: i32,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Probability of being on the right side of the target in `year` (0–1), where an interval exists.
    pub probability: Option<f64>,
    pub method: ProjectionMethod,
    /// The compound-trend value beside the OLS one, for comparison.
    pub compound_value: Option<f64>,
    /// Years of the values the fit used.
    pub from_year: i32,
    pub to_year: i32,
    pub points: usize,
}

/// The OLS fit y = a + b·x.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineFit {
    pub intercept: f64,
    pub slope: f64,
    /// Residual standard error s (n − 2 degrees of freedom); None with two points.
    pub residual_se: Option<f64>,
    pub n: usize,
    pub mean_x: f64,
    pub sxx: f64,
}

impl LineFit {
    pub fn at(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }

    /// Standard error of a new observation at x: s·√(1 + 1/n + (x − x̄)²/Sxx).
    pub fn prediction_se(&self, x: f64) -> Option<f64> {
        let s = self.residual_se?;
        Some(s * (1.0 + 1.0 / self.n as f64 + (x - self.mean_x).powi(2) / self.sxx).sqrt())
    }
}

/// Ordinary least squares; needs two distinct x values.
pub fn fit_line(points: &[(f64, f64)]) -> Option<LineFit> {
    let n = points.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / nf;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / nf;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx.is_nan() || sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    let residual_se = (n > 2).then(|| {
        let sse: f64 = points
            .iter()
            .map(|p| (p.1 - (intercept + slope * p.0)).powi(2))
            .sum();
        (sse / (nf - 2.0)).sqrt()
    });
    let fit = LineFit {
        intercept,
        slope,
        residual_se,
        n,
        mean_x,
        sxx,
    };
    (slope.is_finite() && intercept.is_finite()).then_some(fit)
}

/// Projects yearly values `(year, value)` (sorted, distinct years) to `year`, and the chance of reaching
/// `target` where higher (`direction` = +1) or lower (−1) is better.
pub fn project(
    values: &[(i32, f64)],
    year: i32,
    target: Option<f64>,
    direction: f64,
) -> Option<Projection> {
    let recent = &values[values.len().saturating_sub(TREND_WINDOW)..];
    let (first, last) = (recent.first()?, recent.last()?);
    if recent.len() < 2 || last.0 >= year || first.0 >= last.0 {
        return None;
    }
    let span = f64::from(last.0 - first.0);
    let ahead = f64::from(year - last.0);
    let compound = cagr(first.1, last.1, span).map(|rate| last.1 * (1.0 + rate).powf(ahead));
    let base = Projection {
        year,
        value: 0.0,
        low: None,
        high: None,
        probability: None,
        method: ProjectionMethod::CompoundTrend,
        compound_value: compound,
        from_year: first.0,
        to_year: last.0,
        points: recent.len(),
    };
    if recent.len() >= 3 {
        let points: Vec<(f64, f64)> = recent.iter().map(|(y, v)| (f64::from(*y), *v)).collect();
        if let Some(fit) = fit_line(&points) {
            let x = f64::from(year);
            let value = fit.at(x);
            let (mut low, mut high, mut probability) = (None, None, None);
            if let Some(se) = fit.prediction_se(x) {
                let df = (fit.n - 2) as f64;
                if se > 0.0 {
                    if let Ok(t) = StudentsT::new(0.0, 1.0, df) {
                        let q = t.inverse_cdf(0.5 + INTERVAL_LEVEL / 2.0);
                        low = Some(value - q * se);
                        high = Some(value + q * se);
                        probability = target.map(|target| {
                            let z = (target - value) / se;
                            if direction >= 0.0 {
                                1.0 - t.cdf(z)
                            } else {
                                t.cdf(z)
                            }
                        });
                    }
                } else {
                    // A perfect fit: the interval has no width and the outcome is certain on this trend.
                    low = Some(value);
                    high = Some(value);
                    probability = target.map(|target| {
                        if direction * (value - target) >= 0.0 {
                            1.0
                        } else {
                            0.0
                        }
                    });
                }
            }
            if value.is_finite() {
                return Some(Projection {
                    value,
                    low,
                    high,
                    probability,
                    method: ProjectionMethod::LeastSquares,
                    ..base
                });
            }
        }
    }
    match compound {
        Some(value) if value.is_finite() => Some(Projection { value, ..base }),
        _ => {
            let value = last.1 + (last.1 - first.1) / span * ahead;
            value.is_finite().then_some(Projection {
                value,
                method: ProjectionMethod::LinearTrend,
                ..base
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ols_matches_a_hand_calculation() {
        // y = 1 + 2x exactly, then one point off the line.
        let fit = fit_line(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]).unwrap();
        assert!((fit.slope - 2.0).abs() < 1e-12 && (fit.intercept - 1.0).abs() < 1e-12);
        let fit = fit_line(&[(0.0, 0.0), (1.0, 1.0), (2.0, 1.0), (3.0, 2.0)]).unwrap();
        // slope = Sxy/Sxx = 3/5; intercept = 1 − 0.6·1.5 = 0.1; SSE = 0.2 → s = √0.1.
        assert!((fit.slope - 0.6).abs() < 1e-12);
        assert!((fit.intercept - 0.1).abs() < 1e-12);
        assert!((fit.residual_se.unwrap() - 0.1f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn interval_and_probability_follow_the_t_distribution() {
        let values = [
            (2020, 83.3),
            (2021, 83.6),
            (2022, 84.0),
            (2023, 84.2),
            (2024, 84.8),
            (2025, 85.0),
        ];
        let p = project(&values, 2030, Some(86.0), 1.0).unwrap();
        assert_eq!(p.method, ProjectionMethod::LeastSquares);
        let (low, high) = (p.low.unwrap(), p.high.unwrap());
        assert!(low < p.value && p.value < high);
        // Target below the central projection: more likely than not.
        assert!(p.value > 86.0 && p.probability.unwrap() > 0.5);
        // Lower-is-better flips the probability.
        let q = project(&values, 2030, Some(86.0), -1.0).unwrap();
        assert!((p.probability.unwrap() + q.probability.unwrap() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn too_few_points_give_no_interval() {
        let p = project(&[(2024, 100.0), (2025, 110.0)], 2030, Some(150.0), 1.0).unwrap();
        assert_eq!(p.method, ProjectionMethod::CompoundTrend);
        assert!(p.low.is_none() && p.probability.is_none());
        assert!((p.value - 110.0 * 1.1f64.powi(5)).abs() < 1e-9);
        assert!(project(&[(2025, 1.0)], 2030, None, 1.0).is_none());
        let p = project(&[(2024, -1.0), (2025, 1.0)], 2030, None, 1.0).unwrap();
        assert_eq!(p.method, ProjectionMethod::LinearTrend);
        assert_eq!(p.value, 11.0);
    }
}
