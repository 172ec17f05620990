//! The regions matrix as a chart: one row per region (most lagging first), one column per shared indicator, each
//! cell in its status's colour; the table beside it in the report carries the symbols and words.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::overview::status_color;
use super::style::{DrawResult, INK, MUTED, Mark, Scale, chart_texts, fit, label, legend, title};
use crate::assess::Status;
use crate::regions::Regions;

/// Rows drawn at most; the report's table lists every region.
pub const MAX_ROWS: usize = 60;
const ROW: f64 = 22.0;
const LABEL: f64 = 120.0;
const HEAD: f64 = 50.0;

#[derive(Debug, Clone, PartialEq)]
pub struct RegionsChart {
    title: String,
    columns: Vec<String>,
    /// Region name, then a status per column (None: the region's plan lacks the indicator).
    rows: Vec<(String, Vec<Option<Status>>)>,
    legend: Vec<(Mark, String)>,
}

impl RegionsChart {
    pub fn new(regions: &Regions, labels: impl Fn(Status) -> String) -> Self {
        let keys = regions.common_keys();
        let rows = regions
            .rows
            .iter()
            .take(MAX_ROWS)
            .map(|r| {
                let cells = keys
                    .iter()
                    .map(|(k, _)| r.indicator_by_key(k).map(|i| i.status))
                    .collect();
                (r.region.clone(), cells)
            })
            .collect();
        let mut legend: Vec<(Mark, String)> = Status::ALL
            .iter()
            .map(|s| (Mark::Block(status_color(*s)), labels(*s)))
            .collect();
        legend.push((Mark::Block(RGBColor(240, 240, 240)), "无此指标".to_string()));
        let shown = regions.rows.len().min(MAX_ROWS);
        let title = if shown < regions.rows.len() {
            format!("各地区共同指标评估状态（滞后占比最高的 {shown} 个地区）")
        } else {
            "各地区共同指标评估状态".to_string()
        };
        RegionsChart {
            title,
            columns: keys.into_iter().map(|(k, _)| k).collect(),
            rows,
            legend,
        }
    }

    pub fn size(&self) -> (u32, u32) {
        let height = 40.0 + HEAD + ROW * self.rows.len() as f64 + 70.0;
        (1000, height as u32)
    }

    pub fn texts(&self) -> Vec<String> {
        let mut texts = chart_texts(&self.title, &self.legend);
        texts.extend(self.columns.iter().cloned());
        texts.extend(self.rows.iter().map(|(r, _)| r.clone()));
        texts
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        s: Scale<'_>,
    ) -> DrawResult<DB> {
        let body = title(root, &self.title, s)?;
        let (_, h) = body.dim_in_pixel();
        let columns = self.columns.len().max(1) as f64;
        let cell = ((s.width(&body) - LABEL - 20.0) / columns).clamp(8.0, 80.0);
        for (n, name) in self.columns.iter().enumerate() {
            let x = LABEL + cell * (n as f64 + 0.5);
            let text = fit(name, HEAD - 8.0, 11.0);
            // Narrow columns: every other heading one line lower, so that neighbours do not overlap.
            let y = if cell < 40.0 && n % 2 == 1 {
                HEAD - 28.0
            } else {
                HEAD - 12.0
            };
            label(
                &body,
                &text,
                11.0,
                &INK,
                (HPos::Center, VPos::Center),
                (s.px(x), s.px(y)),
                s,
            )?;
        }
        for (r, (region, cells)) in self.rows.iter().enumerate() {
            let top = HEAD + ROW * r as f64;
            let name = fit(region, LABEL - 12.0, 12.0);
            label(
                &body,
                &name,
                12.0,
                &INK,
                (HPos::Right, VPos::Center),
                (s.px(LABEL - 8.0), s.px(top + ROW / 2.0)),
                s,
            )?;
            for (c, status) in cells.iter().enumerate() {
                let x = LABEL + cell * c as f64;
                let color = status.map_or(RGBColor(240, 240, 240), status_color);
                body.draw(&Rectangle::new(
                    [
                        (s.px(x + 1.0), s.px(top + 1.0)),
                        (s.px(x + cell - 1.0), s.px(top + ROW - 1.0)),
                    ],
                    color.filled(),
                ))?;
            }
        }
        if self.rows.is_empty() {
            label(
                &body,
                "没有地区",
                12.0,
                &MUTED,
                (HPos::Left, VPos::Top),
                (s.px(LABEL), s.px(HEAD)),
                s,
            )?;
        }
        let legend_y = f64::from(h) / s.k - 40.0;
        legend(&body, &self.legend[..4], legend_y, s)?;
        legend(&body, &self.legend[4..], legend_y + 22.0, s)
    }
}
