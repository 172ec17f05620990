//! In-year monitoring on the real binary: the annual plan, `--as-of` periods, the in-year signal in `status` and
//! `explain`, and the plan-execution report whose opening sentence matches `annual --format json`.

mod support;

use std::path::Path;

use serde_json::Value;
use support::planwatch;

/// A copy of the shipped data, optionally with the test-only annual-plan overlay.
fn shipped_copy(overlay: bool) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for d in ["indicators", "history", "scenarios"] {
        support::copy_dir(&root.join(d), &dir.path().join(d));
    }
    if overlay {
        support::copy_dir(
            &root.join("tests/fixtures/annual/history"),
            &dir.path().join("history"),
        );
    }
    dir
}

fn append_gdp_growth(dir: &Path, period: &str, value: f64) {
    let file = dir.join("history/context/gdp-growth.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(&format!(
        "\n[[observation]]\nperiod = \"{period}\"\nvalue = {value}\nstatus = \"preliminary\"\nsource = \"测试\"\nrecorded = 2026-10-20\n"
    ));
    std::fs::write(file, text).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = planwatch()
        .arg("--data")
        .arg(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&run(dir, args)).unwrap()
}

fn line<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .unwrap_or_else(|| panic!("no line {id}"))
}

#[test]
fn a_q3_gdp_figure_gets_a_verdict_and_becomes_the_default_as_of() {
    for (value, status) in [(5.4, "on_schedule"), (4.6, "behind")] {
        let dir = shipped_copy(false);
        append_gdp_growth(dir.path(), "2026Q3", value);
        let v = json(
            dir.path(),
            &["annual", "--year", "2026", "--format", "json"],
        );
        assert_eq!(v["year"], 2026);
        assert_eq!(v["as_of"], "2026Q3");
        let gdp = line(&v, "1");
        assert_eq!(gdp["status"], status, "{gdp}");
        assert_eq!(gdp["latest"]["period"], "2026Q3");
        assert_eq!(gdp["latest"]["value"], value);
        assert_eq!(gdp["target"]["kind"], "growth");
        assert_eq!(gdp["target"]["text"], "GDP增长5%—5.5%");
        // 社零 has its 2026 targets but no figure: not assessable, with the reason.
        let retail = line(&v, "retail_sales");
        assert_eq!(retail["status"], "not_assessable");
        assert!(retail["latest"].is_null());
        assert!(
            retail["reason"]
                .as_str()
                .unwrap()
                .contains("尚无2026年的年内数据")
        );
        for key in [
            "indicators",
            "with_data",
            "on_schedule",
            "behind",
            "ahead",
            "not_assessable",
        ] {
            assert!(v["summary"][key].is_u64(), "summary.{key}");
        }
        assert_eq!(v["summary"]["indicators"], 3);
        assert_eq!(v["summary"]["with_data"], 1);

        let table = run(dir.path(), &["status"]);
        assert!(table.contains("截至 2026 年前三季度"), "{table}");
        let gdp_row = table
            .lines()
            .find(|l| l.contains("地区生产总值(GDP)增长"))
            .unwrap();
        assert!(
            gdp_row.contains(&value.to_string()) && gdp_row.contains("2026年前三季度"),
            "{gdp_row}"
        );
        let label = if status == "behind" {
            "滞后于时序进度"
        } else {
            "符合时序进度"
        };
        assert!(gdp_row.contains(label), "{gdp_row}");
        let s = json(dir.path(), &["status", "--format", "json"]);
        assert_eq!(s["as_of_period"], "2026Q3");
        assert_eq!(s["indicators"][0]["in_year"]["status"], status);
        assert_eq!(s["indicators"][0]["latest"]["period"], "2026Q3");
    }
}

#[test]
fn explain_shows_the_in_year_working() {
    let dir = shipped_copy(false);
    append_gdp_growth(dir.path(), "2026Q3", 4.6);
    let text = run(dir.path(), &["explain", "1"]);
    assert!(
        text.contains("2026年年度计划 · 截至 2026 年前三季度"),
        "{text}"
    );
    assert!(text.contains("4.6% 对目标线 5%"), "{text}");
    assert!(text.contains("滞后于时序进度"), "{text}");
    // An annual-plan-only line, by its series id.
    let text = run(dir.path(), &["explain", "retail_sales"]);
    assert!(text.contains("社会消费品零售总额突破1万亿元"), "{text}");
    let v = json(dir.path(), &["explain", "1", "--format", "json"]);
    assert!(!v["in_year"]["working"].as_array().unwrap().is_empty());
}

#[test]
fn as_of_accepts_periods_and_refuses_bad_ones() {
    let dir = shipped_copy(false);
    append_gdp_growth(dir.path(), "2026H1", 5.1);
    append_gdp_growth(dir.path(), "2026Q3", 5.4);
    // An earlier period cuts off later figures.
    let v = json(
        dir.path(),
        &["annual", "--as-of", "2026H1", "--format", "json"],
    );
    assert_eq!(v["as_of"], "2026H1");
    assert_eq!(line(&v, "1")["latest"]["value"], 5.1);
    let s = json(
        dir.path(),
        &["status", "--as-of", "2026H1", "--format", "json"],
    );
    assert_eq!(s["as_of"], 2026);
    assert_eq!(s["as_of_period"], "2026H1");
    run(dir.path(), &["explain", "1", "--as-of", "2026-08"]);
    for bad in ["2026Q5", "2026-13", "H1"] {
        let out = planwatch()
            .arg("--data")
            .arg(dir.path())
            .args(["annual", "--as-of", bad])
            .assert()
            .failure()
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains("不是有效的时期"), "{err}");
    }
    let out = planwatch()
        .arg("--data")
        .arg(dir.path())
        .args(["status", "--as-of", "2040Q1"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("不在规划"));
}

/// The opening sentence's numbers, in order.
fn numbers(sentence: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in sentence.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() {
            out.push(current.parse().unwrap());
            current.clear();
        }
    }
    out
}

#[test]
fn the_execution_report_opens_in_the_official_form_with_the_json_counts() {
    let dir = shipped_copy(true);
    let v = json(
        dir.path(),
        &["annual", "--as-of", "2026H1", "--format", "json"],
    );
    let s = &v["summary"];
    // The fixture's 41 lines: 32 with half-year data, 23 on schedule, 9 behind (computed, not recorded).
    assert_eq!(s["indicators"], 41);
    assert_eq!(s["with_data"], 32);
    assert_eq!(s["on_schedule"], 23);
    assert_eq!(s["behind"], 9);
    assert_eq!(s["ahead"], 0);
    assert_eq!(s["not_assessable"], 9);
    // Seasonal share for 项目投资 (2025H1 1900 of 4000 = 47.5%), calendar share for 实际利用外资.
    assert_eq!(line(&v, "t25")["elapsed_basis"], "seasonal");
    assert_eq!(line(&v, "t25")["elapsed_pct"], 47.5);
    assert_eq!(line(&v, "t26")["elapsed_basis"], "calendar");

    let out = dir.path().join("report");
    planwatch()
        .arg("--data")
        .arg(dir.path())
        .args([
            "report",
            "--kind",
            "execution",
            "--as-of",
            "2026H1",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.starts_with("# 关于杭州市2026年上半年国民经济和社会发展计划执行情况的报告"),
        "{md}"
    );
    let first = md
        .lines()
        .skip_while(|l| !l.starts_with("## 一、总体情况"))
        .nth(2)
        .unwrap();
    assert!(first.starts_with("市人代会审定的"), "{first}");
    assert!(first.contains("项指标有半年度数据，其中"), "{first}");
    assert!(
        first.contains("项符合目标时序进度：地区生产总值(GDP)增长、"),
        "{first}"
    );
    assert!(
        first.contains("项指标相对目标时序进度滞后：一般公共预算收入增长、"),
        "{first}"
    );
    assert_eq!(
        numbers(&first.replace("PM2.5", "").replace("(GDP)", "")),
        vec![
            s["indicators"].as_u64().unwrap(),
            s["with_data"].as_u64().unwrap(),
            s["on_schedule"].as_u64().unwrap(),
            s["behind"].as_u64().unwrap(),
        ],
        "{first}"
    );
    // Every behind line is named, with a chart.
    for l in v["indicators"].as_array().unwrap() {
        if l["status"] == "behind" {
            let name = l["name"].as_str().unwrap();
            assert!(first.contains(name), "{name}");
            let id = l["id"].as_str().unwrap();
            assert!(out.join(format!("charts/annual-{id}.svg")).exists(), "{id}");
        }
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("相对目标时序进度滞后"));
    assert!(!html.contains("history/") && !html.contains("not_assessable"));
    // The table has a row for every line.
    assert_eq!(md.matches("| 符合时序进度 |").count(), 23);
    assert_eq!(md.matches("| 滞后于时序进度 |").count(), 9);
}

#[test]
fn annual_table_and_csv_list_every_line() {
    let dir = shipped_copy(true);
    let table = run(dir.path(), &["annual", "--as-of", "2026H1"]);
    assert!(table.contains("截至 2026 年上半年"), "{table}");
    assert!(table.contains("市人代会审定的41项指标中，32项指标有半年度数据"));
    let csv = run(
        dir.path(),
        &["annual", "--as-of", "2026H1", "--format", "csv"],
    );
    assert_eq!(csv.lines().count(), 42);
    assert!(csv.contains("behind"));
}

#[test]
fn in_the_plans_first_spring_the_shipped_data_show_the_2026_plan_without_figures() {
    let v = support::json(&["annual", "--format", "json"]);
    assert_eq!(v["year"], 2026);
    assert_eq!(v["as_of"], "2025");
    assert_eq!(v["summary"]["indicators"], 3);
    assert_eq!(v["summary"]["not_assessable"], 3);
    let texts: Vec<&str> = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["target"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "GDP增长5%—5.5%",
            "社会消费品零售总额增长5%左右",
            "社会消费品零售总额突破1万亿元"
        ]
    );
    // Every shipped target has its source.
    for l in v["indicators"].as_array().unwrap() {
        assert!(!l["target"]["source"].as_str().unwrap().is_empty());
    }
    let status = support::stdout(&["status"]);
    assert!(
        status.contains("尚无全年数据，五年规划指标暂无法评估"),
        "{status}"
    );
}
