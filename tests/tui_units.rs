//! The dashboard's units view (key `u`) on the fictional 2027 annual plan of `tests/fixtures/units/` as of 2027H1
//! on 2027-08-20: a snapshot, and its keys through the pure update step — Enter lists a unit's lines, Enter again
//! opens the line.

mod support;
mod tui_support;

use std::path::Path;

use planwatch::load::{DataSource, load};
use planwatch::tui::units::{UnitsOutcome, UnitsPanel};
use planwatch::tui::{App, Screen, Size};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{assert_no_cut_characters, buffer, press, screen};

fn units_app(width: u16, height: u16) -> App {
    let dir = support::data_copy();
    support::copy_dir(
        &Path::new(&support::fixture("units")).join("history"),
        &dir.path().join("history"),
    );
    let data = load(&DataSource::Dir(dir.path().to_path_buf()), None).unwrap();
    let mut app = App::new(
        data,
        Err(planwatch::Error::OutputEmpty),
        2027,
        Size { width, height },
        false,
    );
    app.set_annual_period("2027H1".parse().unwrap());
    app.today = "2027-08-20".parse().unwrap();
    press(&mut app, KeyCode::Char('u'));
    app
}

#[test]
fn units_view_snapshots() {
    for (w, h) in [(80, 24), (120, 30)] {
        let mut app = units_app(w, h);
        assert_eq!(app.screen, Screen::Units);
        assert_no_cut_characters(&buffer(&app));
        insta::assert_snapshot!(format!("units_{w}x{h}"), screen(&app));
        press(&mut app, KeyCode::End);
        press(&mut app, KeyCode::Enter);
        assert_no_cut_characters(&buffer(&app));
        insta::assert_snapshot!(format!("units_open_{w}x{h}"), screen(&app));
    }
}

#[test]
fn enter_lists_a_units_lines_and_enter_again_opens_the_line() {
    let mut app = units_app(120, 30);
    let text = screen(&app);
    assert!(
        text.contains("市生态环境局") && text.contains("约谈"),
        "{text}"
    );
    // Rank 4 is 市生态环境局, leading the binding PM2.5 line behind.
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(
        text.contains("细颗粒物(PM2.5)平均浓度") && text.contains("牵头"),
        "{text}"
    );
    press(&mut app, KeyCode::Enter);
    // An annual plan's own line opens in the annual view, selected.
    assert_eq!(app.screen, Screen::Annual);
    assert_eq!(app.annual.items[app.annual_selected].id, "u-pm25");
    press(&mut app, KeyCode::Char('u'));
    // Another year: the units are counted again as of it.
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.screen, Screen::Units);
    assert_eq!(app.units.as_ref().unwrap().view.as_of.year, 2026);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn the_pure_step_moves_opens_and_goes_back() {
    let app = units_app(80, 24);
    let mut panel: UnitsPanel = app.units.clone().unwrap();
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(panel.on_key(key(KeyCode::Up)), UnitsOutcome::Handled);
    assert_eq!(panel.selected, 0);
    panel.on_key(key(KeyCode::End));
    assert_eq!(panel.selected, panel.view.units.len() - 1);
    panel.on_key(key(KeyCode::Enter));
    assert_eq!(panel.open, Some(panel.selected));
    assert_eq!(panel.open_lines().len(), 2, "市财政局 leads two lines");
    panel.on_key(key(KeyCode::Down));
    panel.on_key(key(KeyCode::Down));
    assert_eq!(panel.line, 1, "the selection stays on the unit's lines");
    assert_eq!(
        panel.on_key(key(KeyCode::Enter)),
        UnitsOutcome::Open("u-tax".into())
    );
    assert_eq!(panel.on_key(key(KeyCode::Esc)), UnitsOutcome::Handled);
    assert_eq!(panel.open, None);
    assert_eq!(panel.on_key(key(KeyCode::Esc)), UnitsOutcome::Back);
    assert_eq!(
        panel.on_key(key(KeyCode::Char('z'))),
        UnitsOutcome::Unhandled
    );
}
