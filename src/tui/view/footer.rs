//! The status line at the bottom of every screen: the search box while typing, a one-off message, or the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{clip, hints, palette};
use crate::text::display_width;
use crate::tui::app::App;
use crate::tui::keys::{KeyHelp, SEARCH_HINTS};

pub fn render(app: &App, keys: &[KeyHelp], area: Rect, buf: &mut Buffer) {
    line(app, keys, usize::from(area.width)).render(area, buf);
}

fn line(app: &App, keys: &[KeyHelp], width: usize) -> Line<'static> {
    let p = palette(app);
    if app.search.editing {
        let prompt = vec![
            Span::styled("/ 搜索（名称或序号）：", p.key()),
            Span::raw(app.search.query.clone()),
            Span::styled("_", p.key()),
        ];
        let used: usize = prompt.iter().map(|s| display_width(&s.content)).sum();
        let mut spans = prompt;
        let rest = hints(SEARCH_HINTS, p, width.saturating_sub(used + 3));
        if !rest.spans.is_empty() {
            spans.push(Span::raw("   "));
            spans.extend(rest.spans);
        }
        return clip(spans, width);
    }
    if let Some(message) = &app.message {
        return clip(vec![Span::styled(message.clone(), p.title())], width);
    }
    hints(keys, p, width)
}
