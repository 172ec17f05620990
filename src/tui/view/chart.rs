//! The indicator chart: the recorded history, the straight path from baseline to target, the trend projection
//! with its interval, and the target line. Every point comes from `History`, the plan or the `Assessment`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget};

use super::style::{Palette, Series};
use super::{clip, palette};
use crate::assess::Assessment;
use crate::model::{Indicator, ObservationStatus, TargetKind};
use crate::text::fmt_number;
use crate::tui::app::App;

/// The lines of one chart, as (x = year, y = value) points.
#[derive(Debug, Default, PartialEq)]
pub struct ChartData {
    pub history: Vec<(f64, f64)>,
    /// The recorded values that are estimates or preliminary figures (drawn apart from final ones).
    pub provisional: Vec<(f64, f64)>,
    pub path: Vec<(f64, f64)>,
    pub trend: Vec<(f64, f64)>,
    pub low: Vec<(f64, f64)>,
    pub high: Vec<(f64, f64)>,
    /// Yearly targets assigned or set (年度目标), where recorded.
    pub annual: Vec<(f64, f64)>,
    /// The target line's label and value.
    pub target: Option<(String, f64)>,
}

fn year(y: i32) -> f64 {
    f64::from(y)
}

impl ChartData {
    pub fn new(app: &App, indicator: &Indicator, a: &Assessment) -> Self {
        let observations = app
            .dataset
            .history
            .yearly(indicator.series_id(), app.as_of());
        let history: Vec<(f64, f64)> = observations
            .iter()
            .map(|o| (year(o.period.year), o.value))
            .collect();
        let provisional = observations
            .iter()
            .filter(|o| {
                matches!(
                    o.status,
                    ObservationStatus::Estimate | ObservationStatus::Preliminary
                )
            })
            .map(|o| (year(o.period.year), o.value))
            .collect();
        let kind = &indicator.target.kind;
        let level = matches!(
            kind,
            TargetKind::AtLeast { .. }
                | TargetKind::AtMost { .. }
                | TargetKind::About { .. }
                | TargetKind::Maintain { .. }
        );
        let target = match kind {
            TargetKind::AverageGrowth { rate_pct } => {
                Some((format!("年均目标 {}", indicator.target.text), *rate_pct))
            }
            TargetKind::Cumulative {
                annual_floor: Some(floor),
                ..
            } => Some(("每年下限".to_string(), *floor)),
            _ if level => kind
                .value()
                .map(|v| (format!("目标 {}", indicator.target.text), v)),
            _ => None,
        };
        let path = crate::assess::plan_view::plan_path(indicator, a).map_or(Vec::new(), |ends| {
            ends.iter().map(|p| (year(p.year), p.value)).collect()
        });
        // The projection starts where the record ends (or at the baseline when nothing is recorded yet).
        let start = history
            .last()
            .copied()
            .or(a.baseline.map(|b| (year(b.year), b.value)));
        let (mut trend, mut low, mut high) = (Vec::new(), Vec::new(), Vec::new());
        if let (Some(p), Some(start)) = (&a.projection, start) {
            let at = year(p.year);
            trend = vec![start, (at, p.value)];
            if let (Some(l), Some(h)) = (p.low, p.high) {
                low = vec![start, (at, l)];
                high = vec![start, (at, h)];
            }
        }
        let annual = app
            .dataset
            .history
            .annual_targets(indicator.series_id())
            .iter()
            .filter(|t| t.year <= indicator.target.year)
            .filter_map(|t| t.value.map(|v| (year(t.year), v)))
            .collect();
        ChartData {
            history,
            provisional,
            path,
            trend,
            low,
            high,
            annual,
            target,
        }
    }

    fn all_points(&self) -> impl Iterator<Item = &(f64, f64)> {
        self.history
            .iter()
            .chain(&self.path)
            .chain(&self.trend)
            .chain(&self.low)
            .chain(&self.high)
            .chain(&self.annual)
    }

    /// The years shown: from the first point to the target year.
    fn x_bounds(&self, target_year: f64) -> Option<[f64; 2]> {
        let mut xs = self.all_points().map(|p| p.0).peekable();
        xs.peek()?;
        let (min, max) = xs.fold((target_year, target_year), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
        Some(if min < max {
            [min, max]
        } else {
            [max - 1.0, max]
        })
    }

    /// The values shown, with a margin so that no line sits on the frame.
    fn y_bounds(&self) -> Option<[f64; 2]> {
        let target = self.target.as_ref().map(|t| t.1);
        value_bounds(self.all_points().map(|p| p.1).chain(target))
    }
}

/// The points split where a year is missing, so that no line bridges a gap.
fn consecutive_runs(points: &[(f64, f64)]) -> Vec<&[(f64, f64)]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].0 - points[i - 1].0 > 1.5 {
            runs.push(&points[start..i]);
            start = i;
        }
    }
    runs
}

/// The range of the finite values, with a margin so that no line sits on the frame.
pub(super) fn value_bounds(values: impl Iterator<Item = f64>) -> Option<[f64; 2]> {
    let mut ys = values.filter(|y| y.is_finite()).peekable();
    ys.peek()?;
    let (min, max) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    let margin = if max > min {
        (max - min) * 0.08
    } else {
        (max.abs() * 0.05).max(1.0)
    };
    Some([min - margin, max + margin])
}

/// Year labels that fit `width` columns: every year, or every 2nd/5th/10th, or the two ends.
fn year_labels(bounds: [f64; 2], width: u16) -> Vec<String> {
    // Years are small integers; the bounds are whole years.
    let (first, last) = (bounds[0].round() as i64, bounds[1].round() as i64);
    let span = (last - first).max(1);
    let fits = |labels: i64| labels * 6 <= i64::from(width);
    for step in [1, 2, 5, 10] {
        if span % step == 0 && fits(span / step + 1) {
            return (0..=span / step)
                .map(|k| (first + k * step).to_string())
                .collect();
        }
    }
    vec![first.to_string(), last.to_string()]
}

fn value_labels(bounds: [f64; 2]) -> Vec<String> {
    let range = bounds[1] - bounds[0];
    let decimals = if range < 1.0 {
        3
    } else if range < 10.0 {
        2
    } else if range < 100.0 {
        1
    } else {
        0
    };
    let mid = (bounds[0] + bounds[1]) / 2.0;
    [bounds[0], mid, bounds[1]]
        .iter()
        .map(|v| fmt_number(*v, decimals))
        .collect()
}

fn legend(data: &ChartData, p: Palette) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(" ")];
    let mut item = |sample: &'static str, name: String, series: Series| {
        spans.push(Span::styled(sample, p.series(series)));
        spans.push(Span::raw(format!("{name}  ")));
    };
    if data.history.len() > data.provisional.len() {
        item("━", "历史".to_string(), Series::History);
    }
    if !data.provisional.is_empty() {
        item("▄", "预计/初步".to_string(), Series::History);
    }
    if !data.path.is_empty() {
        item("•", "规划路径".to_string(), Series::Path);
    }
    if !data.trend.is_empty() {
        item("━", "趋势外推".to_string(), Series::Trend);
    }
    if !data.low.is_empty() {
        let level = (crate::assess::projection::INTERVAL_LEVEL * 100.0).round();
        item("⠤", format!("{level}%区间"), Series::Interval);
    }
    if !data.annual.is_empty() {
        item("█", "年度目标".to_string(), Series::Target);
    }
    if let Some((label, _)) = &data.target {
        item("▀", label.clone(), Series::Target);
    }
    spans
}

pub(super) fn dataset(
    points: &[(f64, f64)],
    marker: Marker,
    graph_type: GraphType,
    style: ratatui::style::Style,
) -> Dataset<'_> {
    Dataset::default()
        .data(points)
        .marker(marker)
        .graph_type(graph_type)
        .style(style)
}

pub fn render(app: &App, indicator: &Indicator, a: &Assessment, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let data = ChartData::new(app, indicator, a);
    let title = format!(" 走势（截至 {} 年）", app.as_of());
    let block = Block::bordered()
        .title(Line::from(Span::styled(title, p.title())))
        .title_bottom(clip(
            legend(&data, p),
            usize::from(area.width.saturating_sub(2)),
        ))
        .border_style(p.dim());
    let target_year = year(indicator.target.year);
    let (Some(x), Some(y)) = (data.x_bounds(target_year), data.y_bounds()) else {
        Paragraph::new(Span::styled(
            " 暂无数据：没有基期值，也没有记录的年度值",
            p.dim(),
        ))
        .block(block)
        .render(area, buf);
        return;
    };
    let target_line = data
        .target
        .as_ref()
        .map(|(_, v)| vec![(x[0], *v), (x[1], *v)])
        .unwrap_or_default();
    let line = |points, marker, series| dataset(points, marker, GraphType::Line, p.series(series));
    let points =
        |points, marker, series| dataset(points, marker, GraphType::Scatter, p.series(series));
    let final_points: Vec<(f64, f64)> = data
        .history
        .iter()
        .filter(|h| !data.provisional.contains(h))
        .copied()
        .collect();
    let runs = consecutive_runs(&data.history);
    let mut datasets = vec![
        line(&target_line, Marker::HalfBlock, Series::Target),
        line(&data.path, Marker::Dot, Series::Path),
        line(&data.low, Marker::Braille, Series::Interval),
        line(&data.high, Marker::Braille, Series::Interval),
        line(&data.trend, Marker::Braille, Series::Trend),
        points(&data.annual, Marker::Block, Series::Target),
    ];
    // A missing year is left as a gap: only consecutive years are joined.
    datasets.extend(
        runs.iter()
            .map(|run| line(run, Marker::Braille, Series::History)),
    );
    // The recorded values themselves, visible even where there is only one; estimates apart.
    datasets.push(points(&final_points, Marker::Dot, Series::History));
    datasets.push(points(&data.provisional, Marker::Bar, Series::History));
    let unit = Span::styled(indicator.unit.clone(), p.dim());
    draw(datasets, block, [x, y], Some(unit), p, area, buf);
}

/// A chart with year labels that fit and three value labels; the legend is the block's bottom title.
pub(super) fn draw(
    datasets: Vec<Dataset<'_>>,
    block: Block<'_>,
    [x, y]: [[f64; 2]; 2],
    y_title: Option<Span<'static>>,
    p: Palette,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut y_axis = Axis::default()
        .bounds(y)
        .labels(value_labels(y))
        .style(p.dim());
    if let Some(title) = y_title {
        y_axis = y_axis.title(title);
    }
    Chart::new(datasets)
        .block(block)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds(x)
                .labels(year_labels(x, area.width.saturating_sub(10)))
                .labels_alignment(ratatui::layout::Alignment::Right)
                .style(p.dim()),
        )
        .y_axis(y_axis)
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_year_splits_the_line() {
        let points = [(2020.0, 1.0), (2021.0, 2.0), (2024.0, 3.0), (2025.0, 4.0)];
        let runs = consecutive_runs(&points);
        assert_eq!(runs, vec![&points[..2], &points[2..]]);
        assert!(consecutive_runs(&[]).is_empty());
    }
}
