//! What every chart shares: sizes, colours, text, the title and the legend. Legends and titles are placed by
//! estimating text width from display columns rather than asking a font, so that an SVG comes out the same
//! whether or not a font is installed.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::glyphs::Glyphs;
use crate::text::{display_width, truncate};

/// The result of drawing on a backend.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// How a chart is drawn: the pixel scale (SVG at 1, PNG larger for print) and, for a bitmap, the glyphs to draw
/// its text with.
#[derive(Debug, Clone, Copy)]
pub struct Scale<'a> {
    pub k: f64,
    pub glyphs: Option<&'a Glyphs>,
}

impl Scale<'_> {
    pub fn px(self, v: f64) -> i32 {
        (v * self.k).round() as i32
    }

    pub fn upx(self, v: f64) -> u32 {
        (v * self.k).round().max(0.0) as u32
    }

    pub fn size(self, v: f64) -> f64 {
        v * self.k
    }

    /// Width in unscaled pixels of an area.
    pub fn width<DB: DrawingBackend>(self, area: &DrawingArea<DB, Shift>) -> f64 {
        f64::from(area.dim_in_pixel().0) / self.k
    }
}

pub const INK: RGBColor = RGBColor(33, 33, 33);
pub const MUTED: RGBColor = RGBColor(110, 110, 110);
pub const HISTORY: RGBColor = RGBColor(31, 78, 160);
pub const PATH: RGBColor = RGBColor(130, 130, 130);
pub const TARGET: RGBColor = RGBColor(192, 0, 0);
pub const PROJECTION: RGBColor = RGBColor(230, 120, 0);
pub const REFERENCE: RGBColor = RGBColor(46, 125, 50);
pub const ANNUAL: RGBColor = RGBColor(123, 31, 162);
pub const REQUIRED: RGBColor = RGBColor(0, 121, 107);

/// A text style in the family the font module registers (for the axis labels plotters draws itself).
pub fn text(size: f64, s: Scale<'_>, color: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from((FontFamily::SansSerif, s.size(size))).color(color)
}

/// Draws a text of `size` at `pos` (already scaled pixels), anchored as `anchor` says: as SVG text, or glyph by
/// glyph into a bitmap.
pub fn label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &str,
    size: f64,
    color: &'static RGBColor,
    anchor: (HPos, VPos),
    pos: (i32, i32),
    s: Scale<'_>,
) -> DrawResult<DB> {
    match s.glyphs {
        Some(glyphs) => glyphs.draw(area, t, s.size(size) / 1.24, color, anchor, pos),
        None => area.draw_text(
            t,
            &text(size, s, color).pos(Pos::new(anchor.0, anchor.1)),
            pos,
        ),
    }
}

/// Rough width of a text in pixels: a CJK character is one em, other characters half.
pub fn text_width(t: &str, size: f64) -> f64 {
    display_width(t) as f64 * size / 2.0 / 1.24 * 1.05
}

/// Text cut to fit `width` pixels at `size`.
pub fn fit(t: &str, width: f64, size: f64) -> String {
    let columns = (width / (size / 2.0 / 1.24 * 1.05)).floor().max(1.0) as usize;
    truncate(t, columns)
}

/// Draws the title centred at the top; returns the area below it.
pub fn title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    t: &str,
    s: Scale<'_>,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let width = s.width(root);
    let line = fit(t, width - 40.0, TITLE_SIZE);
    let at = (s.px(width / 2.0), s.px(10.0));
    label(
        root,
        &line,
        TITLE_SIZE,
        &INK,
        (HPos::Center, VPos::Top),
        at,
        s,
    )?;
    Ok(root.split_vertically(s.px(42.0)).1)
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Line(RGBColor),
    /// A line with a filled marker: measured values.
    LineDot(RGBColor),
    /// A hollow marker: estimates and preliminary figures.
    Hollow(RGBColor),
    /// A hollow square: the table's baseline.
    Square(RGBColor),
    Dashed(RGBColor),
    /// A dashed line ending in a marker: a projection.
    DashDot(RGBColor),
    /// A dotted line: a growth rate still required.
    Dotted(RGBColor),
    Dot(RGBColor),
    Band(RGBColor),
    Block(RGBColor),
}

/// Text sizes, in pixels of the 800-pixel canvas. A chart is printed about 156–170 mm wide (590–640 CSS pixels),
/// so 15 pixels here are at least 11 at the rendered size.
pub const TICK_SIZE: f64 = 15.0;
pub const LEGEND_SIZE: f64 = 15.0;
pub const NOTE_SIZE: f64 = 14.0;
pub const TITLE_SIZE: f64 = 19.0;

/// The fonts an SVG names for its text: CJK fonts first, so that no viewer falls back to one without Chinese.
pub const SVG_FONTS: &str = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif";

/// Names the CJK font list wherever plotters wrote the generic family.
pub fn with_cjk_fonts(svg: &str) -> String {
    svg.replace(
        "font-family=\"sans-serif\"",
        &format!("font-family=\"{SVG_FONTS}\""),
    )
}

/// One row of legend entries, centred at height `y` (unscaled pixels from the area's top).
pub fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(Mark, String)],
    y: f64,
    s: Scale<'_>,
) -> DrawResult<DB> {
    let size = LEGEND_SIZE;
    let sample = 24.0;
    let gap = 18.0;
    let widths: Vec<f64> = entries
        .iter()
        .map(|(_, label)| sample + 6.0 + text_width(label, size))
        .collect();
    let total: f64 = widths.iter().sum::<f64>() + gap * entries.len().saturating_sub(1) as f64;
    let mut x = ((s.width(area) - total) / 2.0).max(8.0);
    for ((mark, text), width) in entries.iter().zip(widths) {
        let (x0, x1, yc) = (s.px(x), s.px(x + sample), s.px(y));
        match *mark {
            Mark::Line(c) => area.draw(&PathElement::new(
                vec![(x0, yc), (x1, yc)],
                c.stroke_width(s.upx(2.0)),
            ))?,
            Mark::Dashed(c) => {
                let third = (x1 - x0) / 3;
                area.draw(&PathElement::new(
                    vec![(x0, yc), (x0 + third, yc)],
                    c.stroke_width(s.upx(2.0)),
                ))?;
                area.draw(&PathElement::new(
                    vec![(x1 - third, yc), (x1, yc)],
                    c.stroke_width(s.upx(2.0)),
                ))?;
            }
            Mark::LineDot(c) => {
                area.draw(&PathElement::new(
                    vec![(x0, yc), (x1, yc)],
                    c.stroke_width(s.upx(2.0)),
                ))?;
                area.draw(&Circle::new(((x0 + x1) / 2, yc), s.upx(4.0), c.filled()))?;
            }
            Mark::Hollow(c) => area.draw(&Circle::new(
                ((x0 + x1) / 2, yc),
                s.upx(4.5),
                c.stroke_width(s.upx(2.0)),
            ))?,
            Mark::Square(c) => area.draw(&Rectangle::new(
                [
                    ((x0 + x1) / 2 - s.px(5.0), yc - s.px(5.0)),
                    ((x0 + x1) / 2 + s.px(5.0), yc + s.px(5.0)),
                ],
                c.stroke_width(s.upx(2.0)),
            ))?,
            Mark::DashDot(c) => {
                let third = (x1 - x0) / 3;
                area.draw(&PathElement::new(
                    vec![(x0, yc), (x0 + third, yc)],
                    c.stroke_width(s.upx(2.0)),
                ))?;
                area.draw(&Circle::new((x1 - s.px(4.0), yc), s.upx(4.0), c.filled()))?;
            }
            Mark::Dotted(c) => {
                let step = s.px(5.0).max(1);
                let mut x = x0;
                while x < x1 {
                    area.draw(&Circle::new((x, yc), s.upx(1.3), c.filled()))?;
                    x += step;
                }
            }
            Mark::Dot(c) => area.draw(&Circle::new(((x0 + x1) / 2, yc), s.upx(4.0), c.filled()))?,
            Mark::Band(c) => area.draw(&Rectangle::new(
                [(x0, yc - s.px(6.0)), (x1, yc + s.px(6.0))],
                c.mix(0.25).filled(),
            ))?,
            Mark::Block(c) => area.draw(&Rectangle::new(
                [
                    (x0 + s.px(5.0), yc - s.px(6.0)),
                    (x1 - s.px(5.0), yc + s.px(6.0)),
                ],
                c.filled(),
            ))?,
        }
        let at = (s.px(x + sample + 6.0), yc);
        self::label(area, text, size, &INK, (HPos::Left, VPos::Center), at, s)?;
        x += width + gap;
    }
    Ok(())
}

/// Legend rows under a chart: four entries a row.
const LEGEND_ROW: usize = 4;

/// Draws `entries` as rows at the bottom of `body` and returns the area above them for the plot.
pub fn with_legend<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    entries: &[(Mark, String)],
    s: Scale<'_>,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (_, h) = body.dim_in_pixel();
    let rows = entries.len().div_ceil(LEGEND_ROW);
    let height = s.px(14.0 + 24.0 * rows as f64);
    let (plot, area) = body.split_vertically(h as i32 - height);
    for (n, row) in entries.chunks(LEGEND_ROW).enumerate() {
        legend(&area, row, 14.0 + 24.0 * n as f64, s)?;
    }
    Ok(plot)
}

/// The plotting context of a chart over years: a tick for every whole year, a light horizontal grid, values
/// labelled with up to `decimals` decimals.
pub type YearChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

pub fn year_chart<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    years: (i32, i32),
    values: (f64, f64),
    decimals: usize,
    s: Scale<'_>,
) -> Result<YearChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1) = (f64::from(years.0) - 0.5, f64::from(years.1) + 0.5);
    // As many labels as years: the axis then steps by whole years.
    let labels = usize::try_from(years.1 - years.0 + 1).unwrap_or(1);
    let mut chart = ChartBuilder::on(plot)
        .margin_left(s.px(10.0))
        .margin_right(s.px(24.0))
        .margin_top(s.px(4.0))
        .x_label_area_size(s.px(32.0))
        .y_label_area_size(s.px(84.0))
        .build_cartesian_2d(x0..x1, values.0..values.1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .axis_style(MUTED)
        .x_labels(labels)
        .y_labels(6)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| crate::text::fmt_number(*y, decimals))
        .label_style(text(TICK_SIZE, s, &INK))
        .draw()?;
    Ok(chart)
}

/// Beyond this magnitude a value is off the chart: the axis arithmetic of plotters needs a finite span.
const MAX_MAGNITUDE: f64 = 1e100;

/// A value range with some room around it: never empty, always finite, and wide enough for the axis to find its
/// ticks (a span far below the values' precision would not be).
pub fn padded_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        let v = v.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE);
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    let span = hi - lo;
    let least = (lo.abs().max(hi.abs()) * 1e-6).max(1e-6);
    let pad = if span >= least {
        span * 0.12
    } else {
        (hi.abs() * 0.1).max(1.0)
    };
    (lo - pad, hi + pad)
}

/// The strings a chart draws besides its own labels — title, legend, and the digits and signs of the axes — for
/// the font check.
pub fn chart_texts(title: &str, entries: &[(Mark, String)]) -> Vec<String> {
    let mut texts = vec![title.to_string(), "0123456789.-−".to_string()];
    texts.extend(entries.iter().map(|(_, l)| l.clone()));
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_have_room_and_are_never_empty() {
        assert_eq!(padded_range([]), (0.0, 1.0));
        let (lo, hi) = padded_range([5.0, 5.0]);
        assert!(lo < 5.0 && hi > 5.0);
        let (lo, hi) = padded_range([0.0, 10.0, f64::NAN]);
        assert!(lo < 0.0 && hi > 10.0);
    }

    /// Whatever the values, the range is finite and plotters draws an axis on it (no panic, no endless loop).
    #[test]
    fn extreme_values_still_make_an_axis() {
        for values in [
            vec![-1e300, 1e300],
            vec![1e15, 1e15 + 0.001],
            vec![f64::MAX, f64::MIN_POSITIVE],
            vec![0.0, 0.0],
            vec![-5e-324, 5e-324],
        ] {
            let range = padded_range(values.clone());
            assert!(
                range.0.is_finite() && range.1.is_finite() && range.0 < range.1,
                "{values:?}"
            );
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
                let s = Scale {
                    k: 1.0,
                    glyphs: None,
                };
                year_chart(&root, (2020, 2030), range, 2, s).unwrap();
            }
            assert!(svg.contains("<svg"));
        }
    }

    proptest::proptest! {
        #[test]
        fn ranges_are_finite_and_ordered(values in proptest::collection::vec(proptest::num::f64::ANY, 0..8)) {
            let (lo, hi) = padded_range(values);
            proptest::prop_assert!(lo.is_finite() && hi.is_finite() && lo < hi);
            proptest::prop_assert!((hi - lo).is_finite());
        }
    }

    #[test]
    fn long_titles_are_cut_to_the_width() {
        let long = "很长的指标名称".repeat(20);
        let cut = fit(&long, 400.0, 18.0);
        assert!(text_width(&cut, 18.0) <= 400.0 + 18.0);
        assert!(cut.ends_with('…'));
    }
}
