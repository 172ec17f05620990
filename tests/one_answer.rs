//! One answer, many faces: the command line, its CSV, the workbook, the report and the dashboard show the same
//! numbers, words and choices, because the library settles them once.

mod support;
mod tui_support;

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use planwatch::load::{DataSource, load, load_book};
use planwatch::tui::record_io::perform_pending;
use planwatch::tui::{App, Size};
use ratatui::crossterm::event::KeyCode;
use tui_support::{press, screen, type_keys};

fn bin() -> std::process::Command {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("planwatch"))
}

fn run(dir: Option<&Path>, args: &[&str]) -> String {
    let mut cmd = bin();
    if let Some(dir) = dir {
        cmd.arg("--data").arg(dir);
    }
    let out = cmd.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The shipped data in a directory of its own.
fn shipped_copy() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for part in ["indicators", "history", "scenarios"] {
        support::copy_dir(&root.join(part), &dir.path().join(part));
    }
    dir
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => planwatch::text::fmt_number(*f, 6),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// For the 14th plan as of 2025, every face shows the plan's own numbers (序号 1, not `gdp-growth`), the same
/// period label and the same decimals for the same cell.
#[test]
fn every_face_shows_the_same_number_period_and_value() {
    let dir = shipped_copy();
    let d = Some(dir.path());
    let plan = ["--plan", "hangzhou-14th", "--as-of", "2025"];
    fn with<'a>(plan: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
        [plan, rest].concat()
    }
    let dataset = load(
        &DataSource::Dir(dir.path().to_path_buf()),
        Some("hangzhou-14th"),
    )
    .unwrap();
    let numbers: Vec<&str> = dataset.plan.indicators.iter().map(|i| i.number()).collect();
    assert!(dataset.plan.indicators.iter().any(|i| i.number() != i.id));
    // Indicator 2 (数字经济核心产业增加值占GDP比重): latest figure 2025年前三季度.
    let (expected_value, expected_period) = ("29.1", "2025年前三季度");

    // status, table.
    let table = run(d, &with(&plan, &["status"]));
    let row = table
        .lines()
        .find(|l| l.contains("数字经济核心产业增加值占GDP比"))
        .unwrap();
    assert!(row.trim_start().starts_with("2 "), "{row}");
    assert!(
        row.contains(expected_value) && row.contains(expected_period),
        "{row}"
    );
    assert!(
        !table.contains("gdp-growth") && !table.contains("digital-share"),
        "{table}"
    );

    // status, CSV: the same column of numbers, the same period and value.
    let csv = run(d, &with(&plan, &["status", "--format", "csv"]));
    let csv_numbers: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| {
            l.trim_start_matches('\u{feff}')
                .split(',')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(csv_numbers, numbers);
    let csv_row = csv.lines().find(|l| l.starts_with("2,")).unwrap();
    assert!(
        csv_row.contains(&format!(",{expected_period},{expected_value},")),
        "{csv_row}"
    );

    // The workbook.
    let out = dir.path().join("e.xlsx");
    run(d, &with(&plan, &["export", "--out", out.to_str().unwrap()]));
    let mut book = open_workbook_auto(&out).unwrap();
    let sheet = book.worksheet_range("指标状态").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let header = &rows[0];
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let xlsx_numbers: Vec<&str> = rows[1..].iter().map(|r| r[col("序号")].as_str()).collect();
    assert_eq!(xlsx_numbers, numbers);
    let xlsx_row = rows.iter().find(|r| r[0] == "2").unwrap();
    assert_eq!(xlsx_row[col("最新时期")], expected_period);
    assert_eq!(xlsx_row[col("最新值")], expected_value);
    assert!(
        !header.contains(&"状态代码".to_string()),
        "no codes for people"
    );

    // The report.
    let report = dir.path().join("r");
    run(
        d,
        &with(
            &plan,
            &[
                "report",
                "--kind",
                "final",
                "--format",
                "md",
                "--out",
                report.to_str().unwrap(),
            ],
        ),
    );
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    let md_row = md
        .lines()
        .find(|l| l.starts_with("| 2 | 数字经济核心产业增加值占GDP比重 | % |"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        md_row.contains(&format!("{expected_value}（{expected_period}）")),
        "{md_row}"
    );

    // The dashboard: the same number, value and period; searching by the number finds it.
    let book = load_book(&DataSource::Dir(dir.path().to_path_buf()));
    let mut app = App::new(
        dataset,
        book,
        2025,
        Size {
            width: 160,
            height: 40,
        },
        false,
    );
    let shown = screen(&app);
    let line = shown
        .lines()
        .find(|l| l.contains("数字经济核心产业增加值占"))
        .unwrap();
    let cells: Vec<&str> = line.trim_matches('|').split_whitespace().collect();
    assert_eq!(cells[0], "2", "{line}");
    assert!(
        line.contains(expected_value) && line.contains(expected_period),
        "{line}"
    );
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.visible().len(), 1, "searching 2 finds indicator 2");
    assert_eq!(app.selected.as_deref(), Some("digital-share"));
}

/// `annual --as-of P`, `report --kind execution --as-of P` and the dashboard's annual view read the same annual
/// plan as of the same period.
#[test]
fn annual_execution_report_and_dashboard_choose_the_same_annual_plan() {
    let dir = shipped_copy();
    let d = Some(dir.path());
    run(
        d,
        &[
            "record",
            "1",
            "2026Q3",
            "5.6",
            "--status",
            "初步",
            "--source",
            "测试：前三季度数据",
        ],
    );
    let source = DataSource::Dir(dir.path().to_path_buf());
    let dataset = load(&source, None).unwrap();
    for p in ["2025", "2026", "2026H1", "2026Q3", "2027"] {
        let annual: serde_json::Value =
            serde_json::from_str(&run(d, &["annual", "--as-of", p, "--format", "json"])).unwrap();
        let year = annual["year"].as_i64().unwrap() as i32;
        let as_of = annual["as_of"].as_str().unwrap().to_string();

        let period: planwatch::model::Period = p.parse().unwrap();
        let mut app = App::new(
            dataset.clone(),
            load_book(&source),
            period.year,
            Size {
                width: 100,
                height: 30,
            },
            false,
        );
        app.set_annual_period(period);
        assert_eq!(
            app.annual.year, year,
            "as of {p}: the dashboard's annual plan"
        );
        assert_eq!(
            app.annual.as_of.to_string(),
            as_of,
            "as of {p}: the dashboard's period"
        );

        let out = dir.path().join(format!("exec-{p}"));
        run(
            d,
            &[
                "report",
                "--kind",
                "execution",
                "--as-of",
                p,
                "--format",
                "md",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let md = std::fs::read_to_string(out.join("report.md")).unwrap();
        let title = md.lines().next().unwrap();
        assert!(
            title.contains(&format!("杭州市{year}年")),
            "as of {p}: the execution report reads the {year} plan: {title}"
        );
    }
}

/// Recording a 2026Q3 GDP growth figure in the dashboard's form: the annual view and the scenario panel show it at
/// once, without a restart.
#[test]
fn a_figure_recorded_in_the_dashboard_reaches_the_annual_view_and_the_scenario_panel() {
    let dir = shipped_copy();
    let source = DataSource::Dir(dir.path().to_path_buf());
    let mut app = App::new(
        load(&source, None).unwrap(),
        load_book(&source),
        2026,
        Size {
            width: 120,
            height: 40,
        },
        false,
    );
    app.data_dir = Some((dir.path().to_path_buf(), None));
    let gdp = |app: &App| {
        app.annual
            .items
            .iter()
            .find(|l| l.indicator.as_deref() == Some("1"))
            .and_then(|l| l.latest)
    };
    assert!(gdp(&app).is_none(), "no in-year GDP figure yet");
    let in_year = |app: &App| app.scenario.bench.as_ref().unwrap().in_year.clone();
    assert!(in_year(&app).is_none());

    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected.as_deref(), Some("1"));
    press(&mut app, KeyCode::Char('r'));
    let form = app.record_form.as_mut().expect("the form opens");
    form.period.clear();
    form.period.push_str("2026Q3");
    type_keys(&mut app, "5.6");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "测试：前三季度数据");
    press(&mut app, KeyCode::Enter);
    perform_pending(&mut app);
    assert!(
        app.message.as_deref().unwrap_or("").contains("已录入"),
        "{:?} {:?}",
        app.message,
        app.record_form.as_ref().map(|f| &f.notice)
    );

    let latest = gdp(&app).expect("the annual view shows the new figure");
    assert_eq!(latest.period.to_string(), "2026Q3");
    assert_eq!(latest.value, 5.6);
    let y = in_year(&app).expect("the scenario panel shows it");
    assert_eq!((y.period.to_string(), y.pct), ("2026Q3".to_string(), 5.6));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    assert!(screen(&app).contains("2026年前三季度"), "{}", screen(&app));
    // `[` and `]` rebuild the panel for the year shown.
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.as_of(), 2025);
    assert!(
        in_year(&app).is_none(),
        "as of 2025 there is no 2026 figure"
    );
}

/// CSV written to a file starts with a byte-order mark on every command; `regions --as-of` takes a period.
#[test]
fn csv_to_a_file_gets_a_bom_everywhere_and_regions_take_a_period() {
    for args in [
        &["annual", "--format", "csv"][..],
        &["regions", "--format", "csv"][..],
        &["regions", "--as-of", "2026Q3", "--format", "csv"][..],
        &["status", "--format", "csv"][..],
    ] {
        let out = tempfile::NamedTempFile::new().unwrap();
        let status = bin()
            .args(args)
            .stdout(std::fs::File::create(out.path()).unwrap())
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
        let bytes = std::fs::read(out.path()).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{args:?}");
    }
}
