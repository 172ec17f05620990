//! The GDP scenario fan: recorded GDP, each named scenario's path from the base year, the goal line, and the
//! simulated 10%–90% range of the end year.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{
    DrawResult, HISTORY, Mark, Scale, TARGET, chart_texts, padded_range, title, with_legend,
    year_chart,
};
use crate::report::headline::HeadlineFigures;

/// One colour per scenario, in file order (repeating after six).
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 121, 107),
    RGBColor(230, 120, 0),
    RGBColor(123, 31, 162),
    RGBColor(46, 125, 50),
    RGBColor(173, 20, 87),
    RGBColor(93, 64, 55),
];
const BAND: RGBColor = RGBColor(90, 120, 170);

#[derive(Debug, Clone, PartialEq)]
pub struct FanChart {
    title: String,
    years: (i32, i32),
    actual: Vec<(i32, f64)>,
    scenarios: Vec<(RGBColor, Vec<(i32, f64)>)>,
    goal: f64,
    /// From the base point to the 10% and 90% points of the end year.
    band: Option<((i32, f64), i32, f64, f64)>,
    legend: Vec<(Mark, String)>,
}

pub const SIZE: (u32, u32) = (800, 470);

impl FanChart {
    pub fn new(c: &HeadlineFigures) -> Self {
        let base = (c.base.base_year, c.base.base_gdp);
        let mut legend = Vec::new();
        let actual: Vec<(i32, f64)> = c.actual.iter().map(|p| (p.year, p.value)).collect();
        if !actual.is_empty() {
            legend.push((Mark::LineDot(HISTORY), "实际值".to_string()));
        }
        let scenarios: Vec<(RGBColor, Vec<(i32, f64)>)> = c
            .runs
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let color = PALETTE[n % PALETTE.len()];
                let rate = r.growth_label().map_or(String::new(), |g| format!(" {g}"));
                legend.push((Mark::Dashed(color), format!("{}{rate}", r.name())));
                let mut path = vec![(r.outcome.base_year, r.outcome.base_gdp)];
                path.extend(r.outcome.path.iter().map(|y| (y.year, y.gdp)));
                (color, path)
            })
            .collect();
        legend.push((
            Mark::Dashed(TARGET),
            format!("目标 {}", c.goals.gdp_label()),
        ));
        let band = c.simulation.as_ref().ok().map(|(_, o)| {
            legend.push((Mark::Band(BAND), "模拟10%—90%区间".to_string()));
            (base, c.base.end_year, o.end_gdp.p10, o.end_gdp.p90)
        });
        let first = actual.first().map_or(base.0, |a| a.0.min(base.0));
        FanChart {
            title: "地区生产总值：实际值与各情景测算（亿元）".to_string(),
            years: (first, c.base.end_year),
            actual,
            scenarios,
            goal: c.goals.gdp,
            band,
            legend,
        }
    }

    pub fn texts(&self) -> Vec<String> {
        chart_texts(&self.title, &self.legend)
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        s: Scale<'_>,
    ) -> DrawResult<DB> {
        let body = title(root, &self.title, s)?;
        let plot = with_legend(&body, &self.legend, s)?;
        let mut values: Vec<f64> = self.actual.iter().map(|p| p.1).collect();
        values.extend(
            self.scenarios
                .iter()
                .flat_map(|(_, p)| p.iter().map(|v| v.1)),
        );
        values.push(self.goal);
        values.extend(self.band.iter().flat_map(|b| [b.2, b.3]));
        let mut chart = year_chart(&plot, self.years, padded_range(values), 0, s)?;
        let (x0, x1) = (f64::from(self.years.0) - 0.5, f64::from(self.years.1) + 0.5);
        let line = |c: RGBColor, w: f64| c.stroke_width(s.upx(w));
        if let Some(((by, bv), end, p10, p90)) = self.band {
            let polygon = vec![
                (f64::from(by), bv),
                (f64::from(end), p90),
                (f64::from(end), p10),
            ];
            chart.draw_series(std::iter::once(Polygon::new(
                polygon,
                BAND.mix(0.18).filled(),
            )))?;
            let bar = vec![(f64::from(end), p10), (f64::from(end), p90)];
            chart.draw_series(std::iter::once(PathElement::new(bar, line(BAND, 1.5))))?;
        }
        let goal = vec![(x0, self.goal), (x1, self.goal)];
        chart.draw_series(DashedLineSeries::new(
            goal,
            s.px(6.0),
            s.px(4.0),
            line(TARGET, 1.6),
        ))?;
        for (color, path) in &self.scenarios {
            let points: Vec<(f64, f64)> = path.iter().map(|(y, v)| (f64::from(*y), *v)).collect();
            let end = points.last().copied();
            chart.draw_series(DashedLineSeries::new(
                points,
                s.px(6.0),
                s.px(3.0),
                line(*color, 2.0),
            ))?;
            if let Some(end) = end {
                chart.draw_series(std::iter::once(Circle::new(
                    end,
                    s.upx(3.5),
                    color.filled(),
                )))?;
            }
        }
        if !self.actual.is_empty() {
            let points: Vec<(f64, f64)> = self
                .actual
                .iter()
                .map(|(y, v)| (f64::from(*y), *v))
                .collect();
            chart.draw_series(LineSeries::new(points.clone(), line(HISTORY, 2.4)))?;
            let dot = |p| Circle::new(p, s.upx(3.5), HISTORY.filled());
            chart.draw_series(points.into_iter().map(dot))?;
        }
        Ok(())
    }
}
