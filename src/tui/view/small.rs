//! The notice for a terminal too small to show a screen: as much of it as fits, never a panic.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::text::truncate;

pub fn render(area: Rect, buf: &mut Buffer) {
    if area.width < 2 {
        // No room for a Chinese character: an ASCII sign that something is there.
        buf.set_string(area.x, area.y, "!", ratatui::style::Style::new());
        return;
    }
    let width = usize::from(area.width);
    let lines: Vec<Line> = [
        "终端窗口太小".to_string(),
        format!("当前 {}x{}", area.width, area.height),
        format!("至少需要 {MIN_WIDTH}x{MIN_HEIGHT}"),
        "请放大窗口；按 q 退出".to_string(),
    ]
    .iter()
    .map(|s| Line::from(truncate(s, width)))
    .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
