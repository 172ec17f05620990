//! Small drawing helpers every screen and overlay shares: clearing, fitting and clipping text, chips, key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::style::Palette;
use crate::text::{self, Align, display_width};
use crate::tui::keys::KeyHelp;

/// Clears `area` for an overlay. A wide character just left of it would reach into the overlay and be cut in
/// half on the terminal: it is blanked too.
pub fn clear(area: Rect, buf: &mut Buffer) {
    ratatui::widgets::Clear.render(area, buf);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    if left < buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        if display_width(buf[(left, y)].symbol()) > 1 {
            buf[(left, y)].reset();
        }
    }
}

/// `s` cut to `width` columns (never through a character) and padded to exactly `width`.
pub fn fit(s: &str, width: usize, align: Align) -> String {
    text::pad(&text::truncate(s, width), width, align)
}

/// Styled pieces cut to `width` columns; the piece that crosses the edge is truncated with `…`.
pub fn clip(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for span in spans {
        let w = display_width(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let room = width.saturating_sub(used);
        if room > 0 {
            out.push(Span::styled(
                text::truncate(&span.content, room),
                span.style,
            ));
        }
        break;
    }
    Line::from(out)
}

/// Lays out "chips" (groups of spans that belong together) left to right, starting a new line where the next
/// chip would not fit; a chip wider than the line is cut.
pub fn flow(chips: Vec<Vec<Span<'static>>>, width: usize, gap: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for chip in chips {
        let w: usize = chip.iter().map(|s| display_width(&s.content)).sum();
        let sep = if current.is_empty() { 0 } else { gap };
        if !current.is_empty() && used + sep + w > width {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        } else if sep > 0 {
            current.push(Span::raw(" ".repeat(sep)));
            used += sep;
        }
        if current.is_empty() && w > width {
            lines.push(clip(chip, width));
            continue;
        }
        used += w;
        current.extend(chip);
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

/// Key hints as one line, dropping those that do not fit.
pub fn hints(keys: &[KeyHelp], palette: Palette, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for k in keys {
        let w = display_width(k.keys) + 1 + display_width(k.action);
        let sep = if spans.is_empty() { 0 } else { 2 };
        if used + sep + w > width {
            break;
        }
        if sep > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(k.keys, palette.key()));
        spans.push(Span::raw(format!(" {}", k.action)));
        used += sep + w;
    }
    Line::from(spans)
}

/// A number as the plan table writes it, or "—" for a gap.
pub fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| text::fmt_number(v, 2))
}
