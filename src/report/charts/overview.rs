//! The overview: how many indicators have each status, binding indicators first, then each category, then all.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{
    DrawResult, INK, LEGEND_SIZE, MUTED, Mark, NOTE_SIZE, Scale, chart_texts, fit, label, legend,
    title,
};
use crate::assess::Status;
use crate::report::{Counts, Report};

/// The colour of each status, as the dashboard and the tables name them.
pub fn status_color(status: Status) -> RGBColor {
    match status {
        Status::Achieved => RGBColor(46, 125, 50),
        Status::Ahead => RGBColor(0, 137, 123),
        Status::OnTrack => RGBColor(30, 136, 229),
        Status::Lagging => RGBColor(245, 160, 0),
        Status::OffTrack => RGBColor(198, 40, 40),
        Status::NotAssessable => RGBColor(170, 170, 170),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OverviewChart {
    title: String,
    rows: Vec<(String, Counts)>,
    legend: Vec<(Mark, String)>,
}

const ROW: f64 = 30.0;
const LABEL: f64 = 170.0;

impl OverviewChart {
    pub fn new(report: &Report<'_>) -> Self {
        let mut rows = Vec::new();
        let binding = report.binding_counts();
        if binding.total > 0 {
            rows.push(("约束性指标".to_string(), binding));
        }
        rows.extend(report.category_counts());
        rows.push(("合计".to_string(), report.counts()));
        let legend = Status::ALL
            .iter()
            .map(|s| {
                (
                    Mark::Block(status_color(*s)),
                    report.dataset.plan.status_label(*s).to_string(),
                )
            })
            .collect();
        OverviewChart {
            title: format!("截至{}年各类指标评估状态（项）", report.as_of),
            rows,
            legend,
        }
    }

    pub fn size(&self) -> (u32, u32) {
        (
            800,
            (40.0 + 20.0 + ROW * self.rows.len() as f64 + 44.0) as u32,
        )
    }

    pub fn texts(&self) -> Vec<String> {
        let mut texts = chart_texts(&self.title, &self.legend);
        texts.extend(self.rows.iter().map(|(label, _)| label.clone()));
        texts
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        s: Scale<'_>,
    ) -> DrawResult<DB> {
        let body = title(root, &self.title, s)?;
        let (_, h) = body.dim_in_pixel();
        let most = self
            .rows
            .iter()
            .map(|(_, c)| c.total)
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        let bar_width = s.width(&body) - LABEL - 40.0;
        let (right, center, left) = (
            (HPos::Right, VPos::Center),
            (HPos::Center, VPos::Center),
            (HPos::Left, VPos::Center),
        );
        for (n, (name, counts)) in self.rows.iter().enumerate() {
            let top = 10.0 + ROW * n as f64;
            let yc = top + ROW / 2.0 - 2.0;
            let name = fit(name, LABEL - 20.0, LEGEND_SIZE);
            label(
                &body,
                &name,
                LEGEND_SIZE,
                &INK,
                right,
                (s.px(LABEL - 10.0), s.px(yc)),
                s,
            )?;
            let mut x = LABEL;
            for status in Status::ALL {
                let k = counts.get(status);
                if k == 0 {
                    continue;
                }
                let seg = bar_width * k as f64 / most;
                body.draw(&Rectangle::new(
                    [
                        (s.px(x), s.px(top + 3.0)),
                        (s.px(x + seg) - 1, s.px(top + ROW - 7.0)),
                    ],
                    status_color(status).filled(),
                ))?;
                if seg >= 18.0 {
                    label(
                        &body,
                        &k.to_string(),
                        NOTE_SIZE,
                        &WHITE,
                        center,
                        (s.px(x + seg / 2.0), s.px(yc)),
                        s,
                    )?;
                }
                x += seg;
            }
            label(
                &body,
                &counts.total.to_string(),
                NOTE_SIZE,
                &MUTED,
                left,
                (s.px(x + 6.0), s.px(yc)),
                s,
            )?;
        }
        let legend_y = f64::from(h) / s.k - 22.0;
        legend(&body, &self.legend, legend_y, s)
    }
}
