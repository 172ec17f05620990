//! The dashboard's 录入数据 form: opened with `r` in an indicator's view, keys through the pure update step,
//! the figure recorded through the same path as `planwatch record`, and the screen showing it.

mod tui_support;

use planwatch::load::DataSource;
use planwatch::tui::record_form::{FormField, Notice};
use planwatch::tui::record_io::perform_pending;
use planwatch::tui::{App, Screen, Size};
use ratatui::crossterm::event::KeyCode;
use tui_support::{AS_OF, assert_no_cut_characters, buffer, press, screen, type_keys};

/// The dashboard on a writable copy of the fixture, on indicator 3 (常住人口城镇化率).
fn writable_app(dir: &std::path::Path) -> App {
    let source = DataSource::Dir(dir.to_path_buf());
    let dataset = planwatch::load::load(&source, None).unwrap();
    let book = planwatch::load::load_book(&source);
    let mut app = App::new(
        dataset,
        book,
        AS_OF,
        Size {
            width: 80,
            height: 24,
        },
        false,
    );
    app.data_dir = Some((dir.to_path_buf(), None));
    // The date `--today` would give: reproducible whatever the clock says.
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    type_keys(&mut app, "jj");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected.as_deref(), Some("3"));
    app
}

fn fill(app: &mut App, period: &str, value: &str, source: &str) {
    let form = app.record_form.as_mut().unwrap();
    form.period.clear();
    form.period.push_str(period);
    assert_eq!(form.focus, FormField::Value);
    type_keys(app, value);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    type_keys(app, source);
}

#[test]
fn a_without_a_data_directory_explains_why_nothing_opens() {
    let mut app = tui_support::app(80, 24);
    type_keys(&mut app, "jj");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('r'));
    assert!(app.record_form.is_none());
    assert!(app.message.as_deref().unwrap().contains("不能在此录入"));
}

#[test]
fn the_form_records_a_figure_and_the_screen_shows_it() {
    let tmp = tui_support::data_dir();
    let mut app = writable_app(tmp.path());
    press(&mut app, KeyCode::Char('r'));
    assert!(app.record_form.is_some());
    // Issue 23: never a year after the newest with data (the fixture's data reach 2027; it used to offer 2028).
    assert_eq!(app.record_form.as_ref().unwrap().period, "2027");
    fill(&mut app, "2025", "85.1", "测试来源");
    assert_no_cut_characters(&buffer(&app));
    insta::assert_snapshot!("record_form_80x24", screen(&app));
    press(&mut app, KeyCode::Enter);
    assert!(
        app.pending_record.is_some(),
        "the update step only asks; the loop records"
    );
    perform_pending(&mut app);
    assert!(app.record_form.is_none(), "{:?}", app.record_form);
    assert_eq!(app.screen, Screen::Indicator);
    assert!(
        app.message.as_deref().unwrap().contains("已录入"),
        "{:?}",
        app.message
    );
    assert_eq!(
        app.dataset.history.year_value("urbanisation", 2025),
        Some(85.1)
    );
    let text = screen(&app);
    assert!(text.contains("已录入"), "{text}");
    let file =
        std::fs::read_to_string(tmp.path().join("history/context/urbanisation.toml")).unwrap();
    assert!(
        file.contains("value = 85.1") && file.contains("source = \"测试来源\""),
        "{file}"
    );
}

#[test]
fn a_typo_asks_for_a_confirmation_then_is_kept_with_the_reason() {
    let tmp = tui_support::data_dir();
    let mut app = writable_app(tmp.path());
    press(&mut app, KeyCode::Char('r'));
    fill(&mut app, "2025", "8.51", "测试来源");
    press(&mut app, KeyCode::Enter);
    perform_pending(&mut app);
    let form = app.record_form.as_ref().expect("still open");
    let Notice::Confirm(warnings) = &form.notice else {
        panic!("{:?}", form.notice);
    };
    assert!(
        warnings.iter().any(|w| w.contains("与上期相差过大")),
        "{warnings:?}"
    );
    assert_no_cut_characters(&buffer(&app));
    insta::assert_snapshot!("record_form_confirm_80x24", screen(&app));
    let before =
        std::fs::read_to_string(tmp.path().join("history/context/urbanisation.toml")).unwrap();
    assert!(
        !before.contains("8.51"),
        "nothing written before the confirmation"
    );
    // No figure is kept without a reason (issue 23): Enter alone keeps asking.
    press(&mut app, KeyCode::Enter);
    perform_pending(&mut app);
    assert!(app.record_form.is_some());
    type_keys(&mut app, "已与公报核对");
    press(&mut app, KeyCode::Enter);
    perform_pending(&mut app);
    assert!(app.record_form.is_none());
    let after =
        std::fs::read_to_string(tmp.path().join("history/context/urbanisation.toml")).unwrap();
    assert!(
        after.contains("value = 8.51") && after.contains("accepted = \"已与公报核对\""),
        "{after}"
    );
}

#[test]
fn an_impossible_share_is_refused_in_the_form_without_a_confirmation() {
    let tmp = tui_support::data_dir();
    let mut app = writable_app(tmp.path());
    press(&mut app, KeyCode::Char('r'));
    fill(&mut app, "2025", "851", "测试来源");
    press(&mut app, KeyCode::Enter);
    perform_pending(&mut app);
    let form = app.record_form.as_ref().expect("still open");
    let Notice::Refused(problems) = &form.notice else {
        panic!("{:?}", form.notice);
    };
    assert!(
        problems.iter().any(|p| p.contains("不可能")),
        "{problems:?}"
    );
    let after =
        std::fs::read_to_string(tmp.path().join("history/context/urbanisation.toml")).unwrap();
    assert!(!after.contains("851"));
}

#[test]
fn ctrl_w_withdraws_the_figure_in_use_with_a_reason() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let tmp = tui_support::data_dir();
    let mut app = writable_app(tmp.path());
    press(&mut app, KeyCode::Char('r'));
    fill(&mut app, "2025", "85.1", "测试来源");
    press(&mut app, KeyCode::Enter);
    perform_pending(&mut app);
    assert_eq!(
        app.dataset.history.year_value("urbanisation", 2025),
        Some(85.1)
    );
    press(&mut app, KeyCode::Char('r'));
    let form = app.record_form.as_mut().unwrap();
    form.period = "2025".into();
    planwatch::tui::update(
        &mut app,
        planwatch::tui::AppEvent::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)),
    );
    assert_eq!(app.record_form.as_ref().unwrap().notice, Notice::Withdraw);
    press(&mut app, KeyCode::Enter);
    assert!(
        app.pending_withdrawal.is_none(),
        "no withdrawal without a reason"
    );
    type_keys(&mut app, "录错了（测试）");
    press(&mut app, KeyCode::Enter);
    perform_pending(&mut app);
    assert!(app.record_form.is_none(), "{:?}", app.record_form);
    assert!(
        app.message.as_deref().unwrap().contains("已撤回"),
        "{:?}",
        app.message
    );
    assert_ne!(
        app.dataset.history.year_value("urbanisation", 2025),
        Some(85.1)
    );
    let after =
        std::fs::read_to_string(tmp.path().join("history/context/urbanisation.toml")).unwrap();
    assert!(after.contains("withdrawn = \"录错了（测试）\""), "{after}");
}

#[test]
fn a_bad_value_is_refused_in_the_form_and_esc_closes_it() {
    let tmp = tui_support::data_dir();
    let mut app = writable_app(tmp.path());
    press(&mut app, KeyCode::Char('r'));
    fill(&mut app, "2025", "八十五", "测试来源");
    press(&mut app, KeyCode::Enter);
    assert!(app.pending_record.is_none());
    let form = app.record_form.as_ref().unwrap();
    assert!(matches!(&form.notice, Notice::Refused(p) if p[0].contains("不是数字")));
    press(&mut app, KeyCode::Esc);
    assert!(app.record_form.is_none());
    assert_eq!(app.screen, Screen::Indicator);
    // q typed into the form is text, not quit.
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
}
