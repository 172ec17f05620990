//! One annual-plan line's chart for the execution report: the year's figures to date by months covered, the same
//! periods a year earlier, and the target line (for an amount: the year's target and the schedule to date).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{
    DrawResult, HISTORY, MUTED, Mark, PROJECTION, Scale, TARGET, chart_texts, padded_range, title,
    with_legend, year_chart,
};
use crate::assess::annual::AnnualAssessment;
use crate::model::{AnnualKind, Dataset};

pub const SIZE: (u32, u32) = (800, 400);

#[derive(Debug, Clone, PartialEq)]
pub struct AnnualChart {
    title: String,
    this_year: Vec<(f64, f64)>,
    last_year: Vec<(f64, f64)>,
    target: Option<f64>,
    /// Amounts: the schedule to date, as an amount (elapsed share × target), at the latest month.
    schedule: Option<(f64, f64)>,
    legend: Vec<(Mark, String)>,
}

impl AnnualChart {
    pub fn new(dataset: &Dataset, a: &AnnualAssessment) -> Self {
        let year = a.target.year;
        let as_of = a.latest.map(|l| l.period);
        let points = |y: i32| -> Vec<(f64, f64)> {
            dataset
                .history
                .series(&a.series)
                .into_iter()
                .filter(|o| o.period.year == y)
                .filter(|o| y < year || as_of.is_some_and(|p| o.period <= p))
                .map(|o| (f64::from(o.period.part.months()), o.value))
                .collect()
        };
        let this_year = points(year);
        let last_year = points(year - 1);
        let line = match (a.target.better, a.target.upper) {
            (crate::model::Better::Lower, Some(u)) => Some(u),
            _ => a.target.value,
        };
        let schedule = match (a.target.kind, a.elapsed_pct, line, as_of) {
            (AnnualKind::Amount, Some(e), Some(t), Some(p)) => {
                Some((f64::from(p.part.months()), e / 100.0 * t))
            }
            _ => None,
        };
        let mut legend = vec![(Mark::Line(HISTORY), format!("{year}年"))];
        if !last_year.is_empty() {
            legend.push((Mark::Line(MUTED), format!("{}年同期", year - 1)));
        }
        if line.is_some() {
            legend.push((Mark::Dashed(TARGET), format!("年度目标 {}", a.target.text)));
        }
        if schedule.is_some() {
            legend.push((Mark::Dot(PROJECTION), "时序进度".to_string()));
        }
        AnnualChart {
            title: if a.unit.is_empty() {
                format!("{}（横轴为累计月数）", a.name)
            } else {
                format!("{}（{}；横轴为累计月数）", a.name, a.unit)
            },
            this_year,
            last_year,
            target: line,
            schedule,
            legend,
        }
    }

    pub fn texts(&self) -> Vec<String> {
        chart_texts(&self.title, &self.legend)
    }

    fn values(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .this_year
            .iter()
            .chain(&self.last_year)
            .map(|p| p.1)
            .collect();
        v.extend(self.target);
        v.extend(self.schedule.map(|s| s.1));
        v
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        s: Scale<'_>,
    ) -> DrawResult<DB> {
        let body = title(root, &self.title, s)?;
        let plot = with_legend(&body, &self.legend, s)?;
        let range = padded_range(self.values());
        // Enough decimals that six ticks over a narrow range (a ratio such as 1.66—1.67) stay distinct.
        let step = (range.1 - range.0) / 6.0;
        let decimals = (-step.log10()).ceil().clamp(0.0, 6.0) as usize;
        let mut chart = year_chart(&plot, (1, 12), range, decimals.max(1), s)?;
        let stroke = |c: RGBColor, w: f64| c.stroke_width(s.upx(w));
        if let Some(t) = self.target {
            chart.draw_series(DashedLineSeries::new(
                vec![(0.5, t), (12.5, t)],
                s.px(6.0),
                s.px(4.0),
                stroke(TARGET, 1.6),
            ))?;
        }
        for (points, color) in [(&self.last_year, MUTED), (&self.this_year, HISTORY)] {
            chart.draw_series(LineSeries::new(points.iter().copied(), stroke(color, 2.0)))?;
            chart.draw_series(
                points
                    .iter()
                    .map(|p| Circle::new(*p, s.upx(3.5), color.filled())),
            )?;
        }
        if let Some(p) = self.schedule {
            chart.draw_series(std::iter::once(Circle::new(
                p,
                s.upx(5.0),
                PROJECTION.filled(),
            )))?;
        }
        Ok(())
    }
}
