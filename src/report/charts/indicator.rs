//! One indicator's chart: its history, the straight path from baseline to target (the 时序进度 line), the trend
//! projection with its interval, the target line, and what the target kind adds (annual targets, the growth still
//! required, the series it must keep in step with). Every value comes from the data or the assessment.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{
    ANNUAL, DrawResult, HISTORY, MUTED, Mark, NOTE_SIZE, PATH, PROJECTION, REFERENCE, REQUIRED,
    Scale, TARGET, chart_texts, fit, label, padded_range, title, with_legend, year_chart,
};
use crate::assess::{Assessment, Status};
use crate::model::{Dataset, Indicator, ObservationStatus, TargetKind};
use crate::text::{fmt_number, fmt_pct};

/// The trend drawn from the last value the fit used to the target year.
#[derive(Debug, Clone, PartialEq)]
struct ProjectionMarks {
    from: (i32, f64),
    year: i32,
    value: f64,
    interval: Option<(f64, f64)>,
}

/// Everything one indicator's chart shows, gathered from the data and the assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorChart {
    title: String,
    years: (i32, i32),
    history: Vec<(i32, f64)>,
    /// Years whose value is an estimate or a preliminary figure (drawn hollow).
    provisional: Vec<i32>,
    /// The table's baseline, where no value of that year is in the history.
    baseline: Option<(i32, f64)>,
    path: Option<[(i32, f64); 2]>,
    target: Option<f64>,
    reference: Vec<(i32, f64)>,
    annual: Vec<(i32, f64, Option<f64>)>,
    required: Option<(i32, i32, f64)>,
    projection: Option<ProjectionMarks>,
    note: Option<String>,
    legend: Vec<(Mark, String)>,
}

pub const SIZE: (u32, u32) = (800, 450);

impl IndicatorChart {
    pub fn new(dataset: &Dataset, ind: &Indicator, a: &Assessment, as_of: i32) -> Self {
        let history_data = &dataset.history;
        let series = ind.series_id();
        let observations = history_data.yearly(series, as_of);
        let history: Vec<(i32, f64)> = observations
            .iter()
            .map(|o| (o.period.year, o.value))
            .collect();
        let provisional: Vec<i32> = observations
            .iter()
            .filter(|o| {
                matches!(
                    o.status,
                    ObservationStatus::Estimate | ObservationStatus::Preliminary
                )
            })
            .map(|o| o.period.year)
            .collect();
        let baseline = a
            .baseline
            .filter(|b| !history.iter().any(|(y, _)| *y == b.year))
            .map(|b| (b.year, b.value));
        let target_year = ind.target.year;
        let mut legend = Vec::new();
        if history.len() > provisional.len() {
            legend.push((Mark::LineDot(HISTORY), "实际值".to_string()));
        }
        if !provisional.is_empty() {
            legend.push((Mark::Hollow(HISTORY), "预计数、初步数".to_string()));
        }
        if history.windows(2).any(|w| w[1].0 - w[0].0 > 1) {
            legend.push((Mark::Dotted(MUTED), "缺少数据的年份".to_string()));
        }
        if baseline.is_some() {
            legend.push((Mark::Square(PATH), "基期（规划表）".to_string()));
        }

        let kind = &ind.target.kind;
        let path = crate::assess::plan_view::plan_path(ind, a)
            .map(|[from, to]| [(from.year, from.value), (to.year, to.value)]);
        if path.is_some() {
            legend.push((Mark::Dashed(PATH), "基期至目标的进度线".to_string()));
        }

        let (target, target_label) = match kind {
            TargetKind::AverageGrowth { rate_pct } => {
                (Some(*rate_pct), format!("目标：{}", ind.target.text))
            }
            TargetKind::Cumulative { annual_floor, .. } => (
                *annual_floor,
                format!(
                    "每年底线 {}",
                    annual_floor.map_or(String::new(), |f| fmt_number(f, 4))
                ),
            ),
            other => (
                other
                    .value()
                    .filter(|_| !matches!(other, TargetKind::InStep { .. })),
                format!("目标 {}（{}年）", ind.target.text, target_year),
            ),
        };
        if target.is_some() {
            legend.push((Mark::Line(TARGET), target_label));
        }

        let last_year = a
            .assessed
            .map_or(a.baseline.map_or(as_of, |b| b.year), |p| p.year);
        let required = match kind {
            TargetKind::AverageGrowth { .. } => a
                .required_growth_pct
                .map(|r| (r, format!("其余年份所需年均增速 {}", fmt_pct(r)))),
            TargetKind::Cumulative { .. } => a.required_per_year.map(|r| {
                (
                    r,
                    format!("其余每年需完成 {}{}", fmt_number(r, 2), ind.unit),
                )
            }),
            _ => None,
        }
        .filter(|_| last_year < target_year)
        .map(|(value, label)| {
            legend.push((Mark::Dotted(REQUIRED), label));
            (last_year + 1, target_year, value)
        });

        let reference = match kind {
            TargetKind::InStep { with } => {
                let other = dataset.plan.indicator(with);
                let id = other.map_or(with.as_str(), |o| o.series_id());
                let values: Vec<(i32, f64)> = history_data
                    .yearly(id, as_of)
                    .iter()
                    .map(|o| (o.period.year, o.value))
                    .collect();
                if !values.is_empty() {
                    let name = other.map_or(with.clone(), |o| o.display_name());
                    legend.push((Mark::LineDot(REFERENCE), format!("对照：{name}")));
                }
                values
            }
            _ => Vec::new(),
        };

        let annual: Vec<(i32, f64, Option<f64>)> = history_data
            .annual_targets(series)
            .iter()
            .filter(|t| t.year <= target_year)
            .filter_map(|t| t.value.map(|v| (t.year, v, t.upper)))
            .collect();
        if !annual.is_empty() {
            legend.push((Mark::Block(ANNUAL), "年度目标".to_string()));
        }

        let projection = a.projection.as_ref().and_then(|p| {
            let from_value = history
                .iter()
                .find(|(y, _)| *y == p.to_year)
                .map(|(_, v)| *v)
                .or(a.baseline.filter(|b| b.year == p.to_year).map(|b| b.value))?;
            Some(ProjectionMarks {
                from: (p.to_year, from_value),
                year: p.year,
                value: p.value,
                interval: p.low.zip(p.high),
            })
        });
        if let Some(p) = &projection {
            legend.push((Mark::DashDot(PROJECTION), "趋势外推".to_string()));
            if p.interval.is_some() {
                legend.push((Mark::Band(PROJECTION), "90%预测区间".to_string()));
            }
        }

        let note = if history.is_empty() {
            // The tables may show a figure within the year or the plan's base: what is missing is a year's figure.
            Some(format!("截至{as_of}年暂无年度数据"))
        } else if a.status == Status::NotAssessable {
            Some(format!("无法评估：{}", a.reason))
        } else {
            None
        };

        let first = history
            .first()
            .map(|h| h.0)
            .into_iter()
            .chain(a.baseline.map(|b| b.year))
            .chain(Some(dataset.plan.baseline_year))
            .min()
            .unwrap_or(dataset.plan.baseline_year);
        let years = (first.min(target_year - 1), target_year);
        let reference = reference
            .into_iter()
            .filter(|(y, _)| *y >= years.0)
            .collect();
        let unit = if ind.unit.is_empty() {
            String::new()
        } else {
            format!("（{}）", ind.unit)
        };
        IndicatorChart {
            title: format!(
                "{} {}{unit}　{}{}",
                ind.number(),
                ind.display_name(),
                if ind.is_binding() { "约束性·" } else { "" },
                dataset.plan.status_label(a.status)
            ),
            years,
            history,
            provisional,
            baseline,
            path,
            target,
            reference,
            annual,
            required,
            projection,
            note,
            legend,
        }
    }

    /// Whether the chart shows more than its table: a course of at least two values, or a trend. A base alone
    /// with a line to the target says nothing the tables do not.
    pub fn has_something_to_show(&self) -> bool {
        self.history.len() + usize::from(self.baseline.is_some()) >= 2 || self.projection.is_some()
    }

    /// Every string the chart draws, for the font check.
    pub fn texts(&self) -> Vec<String> {
        let mut texts = chart_texts(&self.title, &self.legend);
        texts.extend(self.note.clone());
        texts
    }

    fn values(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self.history.iter().map(|p| p.1).collect();
        v.extend(self.baseline.map(|b| b.1));
        v.extend(self.path.iter().flat_map(|p| [p[0].1, p[1].1]));
        v.extend(self.target);
        v.extend(self.reference.iter().map(|p| p.1));
        v.extend(
            self.annual
                .iter()
                .flat_map(|t| std::iter::once(t.1).chain(t.2)),
        );
        v.extend(self.required.map(|r| r.2));
        if let Some(p) = &self.projection {
            v.push(p.value);
            v.extend(p.interval.iter().flat_map(|(l, h)| [*l, *h]));
        }
        v
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        s: Scale<'_>,
    ) -> DrawResult<DB> {
        let mut body = title(root, &self.title, s)?;
        if let Some(note) = &self.note {
            let line = fit(note, s.width(&body) - 60.0, NOTE_SIZE);
            let at = (s.px(s.width(&body) / 2.0), 0);
            label(
                &body,
                &line,
                NOTE_SIZE,
                &MUTED,
                (HPos::Center, VPos::Top),
                at,
                s,
            )?;
            body = body.split_vertically(s.px(24.0)).1;
        }
        let plot = with_legend(&body, &self.legend, s)?;
        let mut chart = year_chart(&plot, self.years, padded_range(self.values()), 2, s)?;
        let (x0, x1) = (f64::from(self.years.0) - 0.5, f64::from(self.years.1) + 0.5);
        let line = |c: RGBColor, w: f64| c.stroke_width(s.upx(w));
        let dashed = |points: Vec<(f64, f64)>, c: RGBColor| {
            DashedLineSeries::new(points, s.px(6.0), s.px(4.0), line(c, 1.6))
        };
        if let Some(t) = self.target {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x0, t), (x1, t)],
                line(TARGET, 1.6),
            )))?;
        }
        if let Some([a, b]) = self.path {
            chart.draw_series(dashed(vec![fy(a), fy(b)], PATH))?;
        }
        if let Some((from, to, value)) = self.required {
            let points = vec![(f64::from(from) - 0.5, value), (f64::from(to) + 0.3, value)];
            chart.draw_series(DashedLineSeries::new(
                points,
                s.px(2.0),
                s.px(3.0),
                line(REQUIRED, 2.0),
            ))?;
        }
        for (year, value, upper) in &self.annual {
            let (xa, xb) = (f64::from(*year) - 0.3, f64::from(*year) + 0.3);
            let top = upper.unwrap_or(*value);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(xa, *value), (xb, top)],
                ANNUAL.mix(0.35).filled(),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(xa, *value), (xb, *value)],
                line(ANNUAL, 2.5),
            )))?;
        }
        if let Some(p) = &self.projection {
            let end = f64::from(p.year);
            if let Some((low, high)) = p.interval {
                let band = vec![fy(p.from), (end, high), (end, low)];
                chart.draw_series(std::iter::once(Polygon::new(
                    band,
                    PROJECTION.mix(0.18).filled(),
                )))?;
                let bar = vec![(end, low), (end, high)];
                chart.draw_series(std::iter::once(PathElement::new(
                    bar,
                    line(PROJECTION, 1.2),
                )))?;
            }
            chart.draw_series(dashed(vec![fy(p.from), (end, p.value)], PROJECTION))?;
            chart.draw_series(std::iter::once(Circle::new(
                (end, p.value),
                s.upx(4.0),
                PROJECTION.filled(),
            )))?;
        }
        let none = Vec::new();
        for (series, provisional, color, width) in [
            (&self.reference, &none, REFERENCE, 2.0),
            (&self.history, &self.provisional, HISTORY, 2.4),
        ] {
            // Consecutive years are joined by a line; a missing year leaves a thin dotted bridge, not a measured line.
            for pair in series.windows(2) {
                let (a, b) = (fy(pair[0]), fy(pair[1]));
                if pair[1].0 - pair[0].0 == 1 {
                    chart.draw_series(LineSeries::new(vec![a, b], line(color, width)))?;
                } else {
                    chart.draw_series(DashedLineSeries::new(
                        vec![a, b],
                        s.px(2.0),
                        s.px(4.0),
                        line(MUTED, 1.2),
                    ))?;
                }
            }
            for &(year, value) in series.iter() {
                let at = fy((year, value));
                if provisional.contains(&year) {
                    chart.draw_series(std::iter::once(Circle::new(
                        at,
                        s.upx(width * 1.4),
                        WHITE.filled(),
                    )))?;
                    chart.draw_series(std::iter::once(Circle::new(
                        at,
                        s.upx(width * 1.4),
                        line(color, 2.0),
                    )))?;
                } else {
                    chart.draw_series(std::iter::once(Circle::new(
                        at,
                        s.upx(width * 1.4),
                        color.filled(),
                    )))?;
                }
            }
        }
        if let Some(b) = self.baseline {
            let half = s.px(5.0);
            chart.draw_series(std::iter::once(
                EmptyElement::at(fy(b))
                    + Rectangle::new([(-half, -half), (half, half)], line(PATH, 2.0)),
            ))?;
        }
        Ok(())
    }
}

fn fy((year, value): (i32, f64)) -> (f64, f64) {
    (f64::from(year), value)
}
