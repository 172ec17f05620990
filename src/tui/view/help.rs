//! The `?` overlay: every key, by screen, from the one list in `keys.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::style::Palette;
use super::{clip, palette};
use crate::text::{Align, display_width, pad};
use crate::tui::app::App;
use crate::tui::keys::{HELP_SECTION, KeyHelp, SECTIONS};
use crate::tui::view::annual;

const MAX_WIDTH: u16 = 78;

/// Every screen's keys: the list in `keys`, the annual plan's and the record form's from their views, then the
/// help screen's own.
fn sections() -> Vec<(&'static str, &'static [KeyHelp])> {
    let mut all = SECTIONS.to_vec();
    // The regions view's keys follow the overview's, whose `d` opens it.
    let at = all
        .iter()
        .position(|(name, _)| *name == "指标总览")
        .map_or(all.len(), |n| n + 1);
    all.insert(at, ("地区对照", super::regions::KEYS));
    all.push(("年度计划", annual::KEYS));
    all.push(("各单位", super::units::KEYS));
    all.push(("录入数据", crate::tui::record_form::FORM_KEYS));
    all.push(HELP_SECTION);
    all
}

fn content(p: Palette) -> Vec<Line<'static>> {
    let sections = sections();
    let key_width = sections
        .iter()
        .flat_map(|(_, keys)| keys.iter())
        .map(|k| display_width(k.keys))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for (n, (title, keys)) in sections.iter().enumerate() {
        if n > 0 {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(*title, p.heading())));
        for k in keys.iter() {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(pad(k.keys, key_width, Align::Left), p.key()),
                Span::raw("  "),
                Span::raw(k.action),
            ]));
        }
    }
    lines
}

/// Where the overlay goes on a screen of `area`.
fn popup(area: Rect, content_height: usize) -> Rect {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let wanted = u16::try_from(content_height + 2).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(wanted);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// How far the help can scroll at the current size.
pub fn max_scroll(app: &App) -> u16 {
    max_scroll_in(super::screen_area(app), content(palette(app)).len())
}

fn max_scroll_in(area: Rect, lines: usize) -> u16 {
    let inner = popup(area, lines).height.saturating_sub(2);
    u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_sub(inner)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let lines = content(p);
    let rect = popup(area, lines.len());
    super::clear(rect, buf);
    let scroll = app.help_scroll.min(max_scroll_in(area, lines.len()));
    let more = usize::from(scroll) + usize::from(rect.height.saturating_sub(2)) < lines.len();
    let mut block = Block::bordered()
        .title(Line::from(Span::styled(" 按键帮助 · Esc 关闭 ", p.title())))
        .border_style(p.heading());
    if more {
        block = block.title_bottom(Line::from(" ↓ 更多 "));
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    let width = usize::from(inner.width);
    for (row, line) in lines
        .into_iter()
        .skip(usize::from(scroll))
        .take(usize::from(inner.height))
        .enumerate()
    {
        let Ok(row) = u16::try_from(row) else { break };
        clip(line.spans, width).render(Rect::new(inner.x, inner.y + row, inner.width, 1), buf);
    }
}
