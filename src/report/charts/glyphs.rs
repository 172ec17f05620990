//! Text in PNG charts, drawn glyph by glyph. plotters 0.3.7 places each bitmap glyph at its pen position without
//! its side bearing, which spaces Chinese text unevenly (目 标); drawing the outlines here at their true bounds
//! keeps the spacing the font designed. SVG text is left to the viewer and does not come here.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A font ready to draw text into a bitmap.
#[derive(Debug, Clone)]
pub struct Glyphs {
    font: FontRef<'static>,
}

impl Glyphs {
    pub fn new(data: &'static [u8]) -> Option<Self> {
        FontRef::try_from_slice(data)
            .ok()
            .map(|font| Glyphs { font })
    }

    /// Draws `text` with an em of `em_px` pixels, anchored at `pos` as `anchor` says.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        text: &str,
        em_px: f64,
        color: &RGBColor,
        anchor: (HPos, VPos),
        pos: (i32, i32),
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let units = self.font.units_per_em().unwrap_or(1000.0);
        let scale = PxScale::from(em_px as f32 * self.font.height_unscaled() / units);
        let scaled = self.font.as_scaled(scale);
        let mut x = 0.0f32;
        let mut previous = None;
        let mut glyphs = Vec::new();
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                x += scaled.kern(p, id);
            }
            glyphs.push(id.with_scale_and_position(scale, point(x, 0.0)));
            x += scaled.h_advance(id);
            previous = Some(id);
        }
        let dx = match anchor.0 {
            HPos::Left => 0.0,
            HPos::Center => -x / 2.0,
            HPos::Right => -x,
        };
        let baseline = match anchor.1 {
            VPos::Top => scaled.ascent(),
            VPos::Center => (scaled.ascent() + scaled.descent()) / 2.0,
            VPos::Bottom => scaled.descent(),
        };
        let mut pixels: Vec<(i32, i32, f32)> = Vec::new();
        for glyph in glyphs {
            if let Some(outline) = self.font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                let (ox, oy) = (
                    pos.0 as f32 + dx + bounds.min.x,
                    pos.1 as f32 + baseline + bounds.min.y,
                );
                outline.draw(|gx, gy, coverage| {
                    if coverage > 0.0 {
                        pixels.push((
                            (ox + gx as f32).round() as i32,
                            (oy + gy as f32).round() as i32,
                            coverage,
                        ));
                    }
                });
            }
        }
        for (px, py, coverage) in pixels {
            area.draw_pixel((px, py), &color.mix(f64::from(coverage.min(1.0))))?;
        }
        Ok(())
    }
}
