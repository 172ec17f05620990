//! Rendering: `&App` is a widget. Nothing here changes state or computes an assessment; it lays out what the
//! library computed. Text is measured by display width (CJK = 2 columns) and cut only with [`text::truncate`].

pub mod annual;
mod chart;
mod footer;
pub mod help;
pub mod indicator;
pub mod overview;
pub mod regions;
pub mod scenario;
mod small;
pub mod style;
pub mod units;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::app::{App, Screen};
use style::Palette;
pub use widgets::{clear, clip, fit, flow, hints, number};

/// Below this size the screens cannot show a useful row; a notice is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if too_small(area) {
            small::render(area, buf);
            return;
        }
        match self.screen {
            Screen::Overview => overview::render(self, area, buf),
            Screen::Indicator => indicator::render(self, area, buf),
            Screen::Scenario => scenario::render(self, area, buf),
            Screen::Regions => regions::render(self, area, buf),
            Screen::Annual => annual::render(self, area, buf),
            Screen::Units => units::render(self, area, buf),
        }
        if let Some(form) = &self.record_form {
            crate::tui::record_form::render(form, palette(self), area, buf);
        }
        if self.help_open {
            help::render(self, area, buf);
        }
    }
}

pub(crate) fn palette(app: &App) -> Palette {
    Palette::new(app.color)
}

/// The whole screen as the dashboard sees it (the last size reported), for layout questions asked by `update`.
pub fn screen_area(app: &App) -> Rect {
    Rect::new(0, 0, app.size.width, app.size.height)
}
