//! The update step: an event and the state in, the next state out. No terminal, no I/O: what a key does is
//! decided here and nowhere else, so every key can be tested without a screen.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{App, ListLine, Screen, Size, SortOrder};
use super::record_form::{FormOutcome, RecordForm};
use super::scenario::Field;
use super::view::{annual, help, indicator, overview, regions, scenario};

/// What the dashboard reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEvent {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize { width: u16, height: u16 },
}

impl AppEvent {
    /// The terminal's events that matter (focus changes and pastes do not).
    pub fn from_terminal(event: Event) -> Option<Self> {
        match event {
            Event::Key(key) => Some(AppEvent::Key(key)),
            Event::Mouse(mouse) => Some(AppEvent::Mouse(mouse)),
            Event::Resize(width, height) => Some(AppEvent::Resize { width, height }),
            _ => None,
        }
    }

    /// A plain key press, for tests and for the run loop alike.
    pub fn key(code: KeyCode) -> Self {
        AppEvent::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    pub fn ctrl(c: char) -> Self {
        AppEvent::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }
}

pub fn update(app: &mut App, event: AppEvent) {
    match event {
        AppEvent::Resize { width, height } => app.size = Size { width, height },
        // Key releases (sent by some terminals) would act twice.
        AppEvent::Key(key) if key.kind == KeyEventKind::Release => return,
        AppEvent::Key(key) => {
            app.message = None;
            on_key(app, key);
        }
        AppEvent::Mouse(mouse) => on_mouse(app, mouse),
    }
    keep_selection_visible(app);
}

fn on_key(app: &mut App, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // In raw mode Ctrl-C is a key, not a signal: it quits from anywhere, even while typing.
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
        app.quit = true;
        return;
    }
    if let Some(form) = &mut app.record_form {
        match form.on_key(key) {
            FormOutcome::Editing => {}
            FormOutcome::Cancelled => app.record_form = None,
            FormOutcome::Submit(figure) => app.pending_record = Some(figure),
            FormOutcome::Withdraw(w) => app.pending_withdrawal = Some(w),
        }
    } else if app.help_open {
        help_key(app, key);
    } else if app.search.editing {
        search_key(app, key, ctrl);
    } else {
        let handled = match app.screen {
            Screen::Overview => overview_key(app, key),
            Screen::Indicator => indicator_key(app, key),
            Screen::Scenario => scenario_key(app, key),
            Screen::Regions => regions::on_key(app, key),
            Screen::Annual => annual::on_key(app, key),
            Screen::Units => units_key(app, key),
        };
        if !handled {
            global_key(app, key);
        }
    }
}

/// Keys that work on every screen.
fn global_key(app: &mut App, key: KeyEvent) {
    match key.code {
        KeyCode::Char('q') => app.quit = true,
        KeyCode::Char('?') => {
            app.help_open = true;
            app.help_scroll = 0;
        }
        KeyCode::Char('a') => {
            app.screen = Screen::Annual;
            app.detail_scroll = 0;
        }
        KeyCode::Char('u') => {
            open_units(app);
            app.screen = Screen::Units;
        }
        KeyCode::Char('[') => shift_year(app, -1),
        KeyCode::Char(']') => shift_year(app, 1),
        KeyCode::Tab | KeyCode::BackTab => {
            app.screen = match app.screen {
                Screen::Scenario => Screen::Overview,
                Screen::Overview
                | Screen::Indicator
                | Screen::Annual
                | Screen::Regions
                | Screen::Units => Screen::Scenario,
            };
        }
        _ => {}
    }
}

/// The units of the period as of the dashboard's as-of and today, counted afresh.
fn open_units(app: &mut App) {
    let view = crate::units::units_view(&app.dataset, app.resolved(), app.today);
    app.units = Some(super::units::UnitsPanel::new(view));
}

/// The units view's keys: its own step, then what it asks of the dashboard (leave, open a line).
fn units_key(app: &mut App, key: KeyEvent) -> bool {
    use super::units::UnitsOutcome;
    let Some(panel) = &mut app.units else {
        return false;
    };
    if matches!(key.code, KeyCode::Char('[') | KeyCode::Char(']')) {
        // Another year: the units are counted again for it.
        shift_year(
            app,
            if key.code == KeyCode::Char('[') {
                -1
            } else {
                1
            },
        );
        open_units(app);
        return true;
    }
    match panel.on_key(key) {
        UnitsOutcome::Handled => {}
        UnitsOutcome::Unhandled => return false,
        UnitsOutcome::Back => app.screen = Screen::Overview,
        UnitsOutcome::Open(id) => {
            if app.dataset.plan.indicators.iter().any(|i| i.id == id) {
                app.selected = Some(id);
                app.detail_scroll = 0;
                app.screen = Screen::Indicator;
            } else if let Some(n) = app.annual.items.iter().position(|a| a.id == id) {
                app.annual_selected = n;
                app.screen = Screen::Annual;
            }
        }
    }
    true
}

fn shift_year(app: &mut App, by: i32) {
    let (first, last) = app.year_range();
    let wanted = app.as_of() + by;
    if wanted < first {
        app.message = Some(format!("已是最早的评估年份 {first} 年（规划基期）"));
    } else if wanted > last {
        app.message = Some(format!("已是最晚的评估年份 {last} 年（规划目标年）"));
    } else {
        app.set_as_of(wanted);
    }
}

fn help_key(app: &mut App, key: KeyEvent) {
    match key.code {
        KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => app.help_open = false,
        KeyCode::Char('q') => app.quit = true,
        KeyCode::Up | KeyCode::Char('k') => app.help_scroll = app.help_scroll.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => scroll_help(app, 1),
        KeyCode::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
        KeyCode::PageDown => scroll_help(app, 10),
        KeyCode::Home => app.help_scroll = 0,
        _ => {}
    }
}

fn scroll_help(app: &mut App, by: u16) {
    app.help_scroll = app
        .help_scroll
        .saturating_add(by)
        .min(help::max_scroll(app));
}

fn search_key(app: &mut App, key: KeyEvent, ctrl: bool) {
    match key.code {
        KeyCode::Esc => {
            app.search.query.clear();
            app.search.editing = false;
        }
        KeyCode::Enter => app.search.editing = false,
        KeyCode::Backspace => {
            app.search.query.pop();
        }
        KeyCode::Char('u') if ctrl => app.search.query.clear(),
        KeyCode::Char(c) if !ctrl => app.search.query.push(c),
        KeyCode::Up => move_selection(app, -1),
        KeyCode::Down => move_selection(app, 1),
        _ => {}
    }
    app.offset = 0;
}

fn overview_key(app: &mut App, key: KeyEvent) -> bool {
    let page = isize::try_from(overview::body_rows(app).max(1)).unwrap_or(1);
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => move_selection(app, -1),
        KeyCode::Down | KeyCode::Char('j') => move_selection(app, 1),
        KeyCode::PageUp => move_selection(app, -page),
        KeyCode::PageDown => move_selection(app, page),
        KeyCode::Home | KeyCode::Char('g') => move_selection(app, isize::MIN),
        KeyCode::End | KeyCode::Char('G') => move_selection(app, isize::MAX),
        KeyCode::Enter | KeyCode::Right => open_selected(app),
        KeyCode::Char('/') => app.search.editing = true,
        KeyCode::Char('b') => app.filter.binding_only = !app.filter.binding_only,
        KeyCode::Char('l') => app.filter.lagging_only = !app.filter.lagging_only,
        KeyCode::Char('c') => cycle_category(app, true),
        KeyCode::Char('C') => cycle_category(app, false),
        KeyCode::Char('s') => {
            app.sort = match app.sort {
                SortOrder::Plan => SortOrder::Gap,
                SortOrder::Gap => SortOrder::Plan,
            }
        }
        KeyCode::Char('x') => clear_all(app),
        KeyCode::Char('d') => regions::open(app),
        KeyCode::Esc => {
            if !app.search.query.is_empty() {
                app.search.query.clear();
            } else if app.filter.is_active() {
                app.filter = Default::default();
            } else {
                app.message = Some("按 q 退出，按 ? 查看全部按键".to_string());
            }
        }
        _ => return false,
    }
    true
}

fn clear_all(app: &mut App) {
    app.search.query.clear();
    app.filter = Default::default();
}

/// All categories, then each in turn, then all again.
fn cycle_category(app: &mut App, forward: bool) {
    let count = app.category_order().len();
    if count == 0 {
        return;
    }
    app.filter.category = match (app.filter.category, forward) {
        (None, true) => Some(0),
        (None, false) => Some(count - 1),
        (Some(c), true) if c + 1 < count => Some(c + 1),
        (Some(c), false) if c > 0 => Some(c - 1),
        (Some(_), _) => None,
    };
}

fn open_selected(app: &mut App) {
    if app.selected_item().is_some() && app.visible().iter().any(|&i| is_selected(app, i)) {
        app.screen = Screen::Indicator;
        app.detail_scroll = 0;
    }
}

fn indicator_key(app: &mut App, key: KeyEvent) -> bool {
    let page = indicator::page(app);
    match key.code {
        KeyCode::Esc | KeyCode::Backspace | KeyCode::Left | KeyCode::Char('h') => {
            app.screen = Screen::Overview
        }
        KeyCode::Up | KeyCode::Char('k') => app.detail_scroll = app.detail_scroll.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => scroll_details(app, 1),
        KeyCode::PageUp => app.detail_scroll = app.detail_scroll.saturating_sub(page),
        KeyCode::PageDown => scroll_details(app, page),
        KeyCode::Home | KeyCode::Char('g') => app.detail_scroll = 0,
        KeyCode::End | KeyCode::Char('G') => app.detail_scroll = indicator::max_scroll(app),
        KeyCode::Char('n') => {
            move_selection(app, 1);
            app.detail_scroll = 0;
        }
        KeyCode::Char('p') => {
            move_selection(app, -1);
            app.detail_scroll = 0;
        }
        KeyCode::Char('r') => open_record_form(app),
        _ => return false,
    }
    true
}

/// Opens the 录入数据 form for the selected indicator, for the year after the as-of year's latest figure.
fn open_record_form(app: &mut App) {
    if app.data_dir.is_none() {
        app.message = Some("看板打开的是内置数据，不能在此录入".to_string());
        return;
    }
    let Some((indicator, assessment)) = app.selected_item() else {
        return;
    };
    let period = super::record_form::default_period(
        assessment.latest.map(|l| l.period),
        app.as_of(),
        app.today,
    );
    app.record_form = Some(RecordForm::new(
        &indicator.id,
        &indicator.display_name(),
        &indicator.unit,
        &period.to_string(),
    ));
}

fn scenario_key(app: &mut App, key: KeyEvent) -> bool {
    if key.code == KeyCode::Esc {
        app.screen = Screen::Overview;
        return true;
    }
    // Without a workbench (no scenarios/ for this plan) only the global keys apply.
    let Ok(bench) = &mut app.scenario.bench else {
        return false;
    };
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => bench.cycle_field(-1),
        KeyCode::Down | KeyCode::Char('j') => bench.cycle_field(1),
        KeyCode::Left | KeyCode::Char('h') | KeyCode::Char('-') => bench.adjust(-1.0),
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Char('+') | KeyCode::Char('=') => {
            bench.adjust(1.0)
        }
        KeyCode::Char('n') => bench.cycle_named(1),
        KeyCode::Char('p') => bench.cycle_named(-1),
        KeyCode::Char('r') => bench.reset(),
        _ => return false,
    }
    true
}

/// A click on an assumption selects it.
fn click_field(app: &mut App, row: u16) {
    let field: Option<Field> = scenario::field_at(app, row);
    if let (Some(field), Ok(bench)) = (field, &mut app.scenario.bench) {
        bench.select_field(field);
    }
}

fn scroll_details(app: &mut App, by: u16) {
    app.detail_scroll = app
        .detail_scroll
        .saturating_add(by)
        .min(indicator::max_scroll(app));
}

fn is_selected(app: &App, index: usize) -> bool {
    let id = app
        .dataset
        .plan
        .indicators
        .get(index)
        .map(|i| i.id.as_str());
    id.is_some() && id == app.selected.as_deref()
}

/// Moves the selection `by` indicators through the visible list (headings are skipped), stopping at the ends.
fn move_selection(app: &mut App, by: isize) {
    let visible = app.visible();
    if visible.is_empty() {
        return;
    }
    let current = visible.iter().position(|&i| is_selected(app, i));
    let last = visible.len() - 1;
    let next = match current {
        None => 0,
        Some(at) if by < 0 => at.saturating_sub(by.unsigned_abs()),
        Some(at) => at.saturating_add(by.unsigned_abs()).min(last),
    };
    app.selected = app
        .dataset
        .plan
        .indicators
        .get(visible[next])
        .map(|i| i.id.clone());
}

fn on_mouse(app: &mut App, mouse: MouseEvent) {
    if app.help_open {
        match mouse.kind {
            MouseEventKind::ScrollUp => app.help_scroll = app.help_scroll.saturating_sub(1),
            MouseEventKind::ScrollDown => scroll_help(app, 1),
            _ => {}
        }
        return;
    }
    match (app.screen, mouse.kind) {
        (Screen::Overview, MouseEventKind::ScrollUp) => move_selection(app, -1),
        (Screen::Overview, MouseEventKind::ScrollDown) => move_selection(app, 1),
        (Screen::Overview, MouseEventKind::Down(MouseButton::Left)) => {
            click_row(app, mouse.column, mouse.row)
        }
        (Screen::Indicator, MouseEventKind::ScrollUp) => {
            app.detail_scroll = app.detail_scroll.saturating_sub(1)
        }
        (Screen::Indicator, MouseEventKind::ScrollDown) => scroll_details(app, 1),
        (Screen::Scenario, MouseEventKind::Down(MouseButton::Left)) => click_field(app, mouse.row),
        (Screen::Annual, MouseEventKind::ScrollUp) => annual::move_selection(app, -1),
        (Screen::Annual, MouseEventKind::ScrollDown) => annual::move_selection(app, 1),
        _ => {}
    }
}

/// A click selects a row; a click on the selected row opens it.
fn click_row(app: &mut App, column: u16, row: u16) {
    let Some(line) = overview::line_at(app, column, row) else {
        return;
    };
    let Some(ListLine::Indicator(index)) = app.lines().get(line).cloned() else {
        return;
    };
    if is_selected(app, index) {
        open_selected(app);
    } else {
        app.selected = app.dataset.plan.indicators.get(index).map(|i| i.id.clone());
    }
}

/// After any change: the selection is one of the visible indicators (or none when nothing is visible), and
/// the overview's scroll offset shows it, with its category heading where there is room.
fn keep_selection_visible(app: &mut App) {
    let visible = app.visible();
    if !visible.iter().any(|&i| is_selected(app, i)) {
        // Keep the old selection while nothing is visible, so that clearing a search brings it back.
        if let Some(&first) = visible.first() {
            app.selected = app.dataset.plan.indicators.get(first).map(|i| i.id.clone());
        }
    }
    let lines = app.lines();
    let rows = overview::body_rows(app).max(1);
    let max_offset = lines.len().saturating_sub(rows);
    let Some(at) = lines
        .iter()
        .position(|l| matches!(l, ListLine::Indicator(i) if is_selected(app, *i)))
    else {
        app.offset = app.offset.min(max_offset);
        return;
    };
    let heading_above = at > 0 && matches!(lines[at - 1], ListLine::Category { .. });
    let top = if heading_above { at - 1 } else { at };
    if top < app.offset {
        app.offset = top;
    } else if at >= app.offset + rows {
        app.offset = at + 1 - rows;
    }
    app.offset = app.offset.min(max_offset);
}
