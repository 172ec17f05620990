//! The dashboard's annual plan view (key `a`): a snapshot on the test-only annual plan of
//! `tests/fixtures/annual/` as of 2026H1, its keys through the pure update step, and the overview's note in the
//! plan's first year.

mod tui_support;

use std::path::Path;

use planwatch::load::load_book;
use planwatch::load::{DataSource, load};
use planwatch::model::Dataset;
use planwatch::tui::{App, Screen, Size};
use ratatui::crossterm::event::KeyCode;
use tui_support::{assert_no_cut_characters, buffer, press, screen};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The shipped data, with the annual-plan overlay when asked.
fn dataset(overlay: bool) -> (Dataset, planwatch::scenario::ScenarioBook) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for d in ["indicators", "history", "scenarios"] {
        copy_dir(&root.join(d), &dir.path().join(d));
    }
    if overlay {
        copy_dir(
            &root.join("tests/fixtures/annual/history"),
            &dir.path().join("history"),
        );
    }
    let source = DataSource::Dir(dir.path().to_path_buf());
    (load(&source, None).unwrap(), load_book(&source).unwrap())
}

fn annual_app(width: u16, height: u16) -> App {
    let (data, book) = dataset(true);
    let mut app = App::new(data, Ok(book), 2026, Size { width, height }, false);
    app.set_annual_period("2026H1".parse().unwrap());
    press(&mut app, KeyCode::Char('a'));
    app
}

#[test]
fn annual_view_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let app = annual_app(w, h);
        assert_eq!(app.screen, Screen::Annual);
        assert_no_cut_characters(&buffer(&app));
        insta::assert_snapshot!(format!("annual_{w}x{h}"), screen(&app));
    }
}

#[test]
fn annual_view_keys() {
    let mut app = annual_app(120, 40);
    let text = screen(&app);
    assert!(text.contains("截至 2026 年上半年"), "{text}");
    assert!(
        text.contains("市人代会审定的41项指标中，32项指标有半年度数据"),
        "{text}"
    );
    // The first line is GDP growth, linked to the plan's indicator 1: Enter opens it.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Indicator);
    assert_eq!(app.selected.as_deref(), Some("1"));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.screen, Screen::Annual);
    // The third line (社零) is the annual plan's own: Enter explains instead.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.annual_selected, 2);
    let text = screen(&app);
    assert!(text.contains("时序进度：按季节性"), "{text}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Annual);
    assert!(app.message.as_deref().unwrap().contains("年度计划独有"));
    press(&mut app, KeyCode::End);
    assert_eq!(app.annual_selected, 40);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.annual_selected, 40);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.annual_selected, 0);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Overview);
    // Every size renders without a cut character.
    for (w, h) in [(40, 10), (41, 12), (60, 15), (200, 60)] {
        app.size = Size {
            width: w,
            height: h,
        };
        press(&mut app, KeyCode::Char('a'));
        assert_no_cut_characters(&buffer(&app));
    }
}

#[test]
fn the_first_year_overview_points_to_the_annual_plan() {
    let (data, book) = dataset(false);
    let app = App::new(
        data,
        Ok(book),
        2025,
        Size {
            width: 200,
            height: 40,
        },
        false,
    );
    let text = screen(&app);
    let mut small = App::new(
        dataset(false).0,
        Ok(dataset(false).1),
        2025,
        Size {
            width: 80,
            height: 24,
        },
        false,
    );
    small.size = Size {
        width: 80,
        height: 24,
    };
    insta::assert_snapshot!("first_year_overview_80x24", screen(&small));
    assert!(
        text.contains("尚无全年数据，五年规划指标暂无法评估；")
            && text.contains("按 a 查看2026年年度计划执行情况：3项指标，0项有年内数据"),
        "{text}"
    );
}

#[test]
fn the_indicator_view_shows_the_in_year_signal_beside_the_five_year_status() {
    let mut app = annual_app(120, 60);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Indicator);
    let text = screen(&app);
    assert!(
        text.contains("2026年年度计划（截至2026年上半年）"),
        "{text}"
    );
    assert!(
        text.contains("● 符合时序进度：2026年上半年累计增长"),
        "{text}"
    );
}

/// `r` on an annual-only line opens the 录入数据 form for its series, headed by its name only (no internal id);
/// on the shipped (read-only) data it says why it cannot.
#[test]
fn r_opens_the_record_form_for_an_annual_only_line() {
    let mut app = annual_app(120, 40);
    press(&mut app, KeyCode::Char('r'));
    assert!(app.record_form.is_none());
    assert!(app.message.as_deref().unwrap_or("").contains("内置数据"));
    app.data_dir = Some((std::env::temp_dir(), None));
    app.message = None;
    let index = app
        .annual
        .items
        .iter()
        .position(|a| a.indicator.is_none())
        .expect("an annual-only line");
    app.annual_selected = index;
    press(&mut app, KeyCode::Char('r'));
    let line = &app.annual.items[index];
    let form = app.record_form.as_ref().expect("the form opens");
    assert_eq!(form.indicator, line.series);
    assert_eq!(form.title, line.name);
    assert!(form.number.is_empty());
    let shown = screen(&app);
    assert!(
        shown.contains(&format!("指标 {}（单位", line.name)),
        "{shown}"
    );
}
