//! The command line, the dashboard and the report list the lagging indicators in one order: binding first, then
//! 严重滞后 before 滞后, then the plan's order (the library's `PlanView::behind`).

mod support;

use planwatch::load::{DataSource, load, load_book};
use planwatch::tui::app::ListLine;
use planwatch::tui::{App, AppEvent, Size, update};
use ratatui::crossterm::event::KeyCode;
use support::{fixture, stdout};

const AS_OF: i32 = 2028;

/// The order the fixture's statuses call for: binding 23 (严重滞后), 25 and 29 (滞后); then expected 3 and 8
/// (严重滞后), 1 and 12 (滞后).
const EXPECTED: [&str; 7] = ["23", "25", "29", "3", "8", "1", "12"];

fn cli_order() -> Vec<String> {
    let out = stdout(&[
        "--data",
        &fixture("report"),
        "status",
        "--as-of",
        &AS_OF.to_string(),
    ]);
    out.lines()
        .skip_while(|l| !l.starts_with("滞后指标"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect()
}

fn dashboard_order() -> Vec<String> {
    let source = DataSource::Dir(fixture("report").into());
    let dataset = load(&source, None).unwrap();
    let book = load_book(&source);
    let size = Size {
        width: 120,
        height: 40,
    };
    let mut app = App::new(dataset, book, AS_OF, size, false);
    update(&mut app, AppEvent::key(KeyCode::Char('l')));
    assert!(app.filter.lagging_only);
    app.lines()
        .into_iter()
        .filter_map(|line| match line {
            ListLine::Indicator(index) => Some(app.dataset.plan.indicators[index].id.clone()),
            ListLine::Category { .. } => None,
        })
        .collect()
}

fn report_order() -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    support::planwatch()
        .args([
            "--data",
            &fixture("report"),
            "report",
            "--kind",
            "midterm",
            "--as-of",
            &AS_OF.to_string(),
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    md.lines()
        .skip_while(|l| !l.contains("、滞后指标分析"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("### （"))
        .filter_map(|l| {
            let after = l.split_once('）')?.1;
            after.split_whitespace().next().map(str::to_string)
        })
        .collect()
}

#[test]
fn cli_dashboard_and_report_list_lagging_indicators_in_the_same_order() {
    let cli = cli_order();
    assert_eq!(cli, EXPECTED, "command line");
    assert_eq!(dashboard_order(), cli, "dashboard");
    assert_eq!(report_order(), cli, "report");
}
