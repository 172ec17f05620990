//! The units view's state (key `u`): the units of the period with their counts and warning level; Enter lists a
//! unit's lines, Enter again opens the indicator. The state and its pure key step are here; the drawing is in
//! `view/units.rs`.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::units::UnitsView;

/// The units of the period and what is selected.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitsPanel {
    pub view: UnitsView,
    /// The selected unit (in rank order).
    pub selected: usize,
    /// The unit whose lines are listed, if one is open.
    pub open: Option<usize>,
    /// The selected line of the open unit.
    pub line: usize,
}

/// What a key asks of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitsOutcome {
    /// Done within the view.
    Handled,
    /// Leave the view.
    Back,
    /// Open the line with this id (a five-year indicator, or an annual plan's own line).
    Open(String),
    /// Not a key of this view.
    Unhandled,
}

impl UnitsPanel {
    pub fn new(view: UnitsView) -> Self {
        UnitsPanel {
            view,
            selected: 0,
            open: None,
            line: 0,
        }
    }

    /// The lines of the open unit (those it leads, then those it shares), as indexes into the view's lines.
    pub fn open_lines(&self) -> Vec<usize> {
        self.open
            .and_then(|u| self.view.units.get(u))
            .map(|u| u.leads.iter().chain(&u.shares).copied().collect())
            .unwrap_or_default()
    }

    fn move_by(&mut self, by: isize) {
        let lines = self.open_lines().len();
        let (at, len) = match self.open {
            Some(_) => (&mut self.line, lines),
            None => (&mut self.selected, self.view.units.len()),
        };
        let last = isize::try_from(len.saturating_sub(1)).unwrap_or(0);
        let now = isize::try_from(*at).unwrap_or(0);
        *at = usize::try_from(now.saturating_add(by).clamp(0, last)).unwrap_or(0);
    }

    /// The pure update step for this view's keys.
    pub fn on_key(&mut self, key: KeyEvent) -> UnitsOutcome {
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(1),
            KeyCode::Home | KeyCode::Char('g') => self.move_by(isize::MIN),
            KeyCode::End | KeyCode::Char('G') => self.move_by(isize::MAX),
            KeyCode::Enter | KeyCode::Right => match self.open {
                None if self.selected < self.view.units.len() => {
                    self.open = Some(self.selected);
                    self.line = 0;
                }
                None => {}
                Some(_) => {
                    let lines = self.open_lines();
                    if let Some(&i) = lines.get(self.line) {
                        return UnitsOutcome::Open(self.view.lines[i].id.clone());
                    }
                }
            },
            KeyCode::Esc | KeyCode::Left | KeyCode::Char('h') => {
                if self.open.take().is_none() {
                    return UnitsOutcome::Back;
                }
            }
            _ => return UnitsOutcome::Unhandled,
        }
        UnitsOutcome::Handled
    }
}
