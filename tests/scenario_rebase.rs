//! Scenarios start from the newest actual data: with 2026 GDP and population recorded, the command line, the
//! dashboard's scenario panel and the annual report all start from 2026 and keep the plan's 2030 population.

mod support;

use std::path::Path;

use planwatch::load::{DataSource, load, load_book};
use planwatch::tui::{App, Size};
use serde_json::Value;
use support::planwatch;

/// The plan's 2030 population: 2025 year-end 1270.4万 plus the report's +40万.
const PLAN_END_POPULATION: f64 = 1310.4;
const GDP_2026: f64 = 24250.0;
/// A made-up 2026 population for the test (not a statistic).
const POPULATION_2026: f64 = 1279.5;

fn append(path: &Path, value: f64) {
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push_str(&format!(
        "\n[[observation]]\nperiod = \"2026\"\nvalue = {value}\nstatus = \"preliminary\"\nsource = \"测试数据（非统计数）\"\nquote = \"测试\"\nrecorded = 2027-03-01\n"
    ));
    std::fs::write(path, text).unwrap();
}

/// The shipped data with 2026 GDP and population recorded.
fn data_2026() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for sub in ["indicators", "history", "scenarios"] {
        support::copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    append(&dir.path().join("history/context/gdp.toml"), GDP_2026);
    append(
        &dir.path().join("history/context/population.toml"),
        POPULATION_2026,
    );
    dir
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn cli_json(dir: &Path, extra: &[&str]) -> Value {
    let out = planwatch()
        .arg("--data")
        .arg(dir)
        .args(["scenario", "--format", "json"])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn the_command_line_starts_from_the_newest_actual_year() {
    let dir = data_2026();
    let v = cli_json(dir.path(), &[]);
    assert_eq!(v["base_year"], 2026);
    assert!(close(v["base_gdp"].as_f64().unwrap(), GDP_2026));
    assert!(close(
        v["base_population"].as_f64().unwrap(),
        POPULATION_2026
    ));
    let path = v["path"].as_array().unwrap();
    assert_eq!(path.len(), 4, "2027–2030");
    let last = &path[3];
    assert_eq!(last["year"], 2030);
    assert!(close(
        last["population"].as_f64().unwrap(),
        PLAN_END_POPULATION
    ));
    let start = v["assumptions"]["start"].as_str().unwrap();
    assert!(
        start.contains("2026 年是有实际地区生产总值的最新年份"),
        "{start}"
    );
    // 2027: the base year's GDP grown once at the plan's 5%, not 2025's.
    assert!(close(path[0]["gdp"].as_f64().unwrap(), GDP_2026 * 1.05));
}

#[test]
fn an_explicit_base_year_keeps_the_plans_end_population() {
    // The shipped data: no 2026 figures. The base GDP is given; the population follows the plan's path.
    let out = planwatch()
        .args([
            "scenario",
            "--format",
            "json",
            "--base-year",
            "2026",
            "--base-gdp",
            "24250",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["base_year"], 2026);
    assert!(close(v["base_population"].as_f64().unwrap(), 1278.4));
    let last = v["path"].as_array().unwrap().last().unwrap().clone();
    assert!(close(
        last["population"].as_f64().unwrap(),
        PLAN_END_POPULATION
    ));
    assert!(
        v["assumptions"]["start"]
            .as_str()
            .unwrap()
            .contains("命令行 --base-year")
    );
}

#[test]
fn the_dashboard_panel_shows_the_same_start() {
    let dir = data_2026();
    let source = DataSource::Dir(dir.path().to_path_buf());
    let dataset = load(&source, None).unwrap();
    let book = load_book(&source);
    let size = Size {
        width: 120,
        height: 40,
    };
    let app = App::new(dataset, book, 2026, size, false);
    let bench = app.scenario.bench.as_ref().unwrap();
    let o = bench.outcome.as_ref().unwrap();
    let cli = cli_json(dir.path(), &["--name", "基准"]);
    assert_eq!(o.base_year, 2026);
    assert!(close(o.base_gdp, GDP_2026));
    assert!(close(
        o.path.last().unwrap().population,
        PLAN_END_POPULATION
    ));
    assert!(close(o.end_gdp, cli["end_gdp"].as_f64().unwrap()));
}

#[test]
fn the_annual_report_shows_the_same_start() {
    let dir = data_2026();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    planwatch()
        .arg("--data")
        .arg(dir.path())
        .args(["report", "--kind", "annual", "--as-of", "2026", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("测算起点：自 2026 年起测算"), "start");
    assert!(md.contains("2026 年地区生产总值 24250 亿元"), "base GDP");
    assert!(
        md.contains("2030 年末达到 1310.4 万人"),
        "plan's 2030 population"
    );
    let cli = cli_json(dir.path(), &["--name", "基准"]);
    let gdp = planwatch::text::fmt_number(cli["end_gdp"].as_f64().unwrap(), 1);
    assert!(
        md.contains(&gdp),
        "基准 2030 GDP {gdp} as the command line computes it"
    );
}
