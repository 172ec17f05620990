//! The small palette of the dashboard. Colour only ever repeats what a symbol or a word already says, so that
//! under `NO_COLOR` (or on a monochrome terminal) nothing is lost: the palette then keeps only bold and reverse.

use ratatui::style::{Color, Modifier, Style};

use crate::assess::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    color: bool,
}

impl Palette {
    pub fn new(color: bool) -> Self {
        Palette { color }
    }

    pub fn has_color(self) -> bool {
        self.color
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn status_color(status: Status) -> Color {
        match status {
            Status::Achieved => Color::LightGreen,
            Status::Ahead => Color::Cyan,
            Status::OnTrack => Color::Green,
            Status::Lagging => Color::Yellow,
            Status::OffTrack => Color::LightRed,
            Status::NotAssessable => Color::Gray,
        }
    }

    pub fn status(self, status: Status) -> Style {
        let style = self.fg(Self::status_color(status));
        if status.is_behind() {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    /// Binding indicators behind their path: the headline of every review.
    pub fn alert(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::LightBlue).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The part of a progress bar already covered (colour mode only; without colour the bar uses characters).
    pub fn bar_done(self, status: Status) -> Style {
        Style::new().bg(Self::status_color(status)).fg(Color::Black)
    }

    pub fn bar_todo(self) -> Style {
        Style::new().bg(Color::DarkGray).fg(Color::White)
    }

    /// Chart series: history, plan path, trend, interval, target.
    pub fn series(self, which: Series) -> Style {
        self.fg(match which {
            Series::History => Color::LightCyan,
            Series::Path => Color::Gray,
            Series::Trend => Color::Yellow,
            Series::Interval => Color::DarkGray,
            Series::Target => Color::LightGreen,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    History,
    Path,
    Trend,
    Interval,
    Target,
}
