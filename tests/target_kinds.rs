//! Issue 22 on the real binary: targets met at the base, strict and inclusive lines, cumulative gaps, "higher than",
//! yearly targets, a rise of a level, and series breaks, on `tests/fixtures/target-kinds` (made-up values, written
//! by its gen.py; a plan 2019–2023 with base 2018, one indicator per case).

mod support;
#[path = "tui_support/mod.rs"]
mod tui_support;

use planwatch::load::{DataSource, load};
use planwatch::tui::{App, Size};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use support::{fixture, planwatch, stdout};

fn data() -> String {
    fixture("target-kinds")
}

fn explain(id: &str, as_of: i32) -> String {
    stdout(&[
        "--data",
        &data(),
        "explain",
        id,
        "--as-of",
        &as_of.to_string(),
    ])
}

fn status(as_of: i32) -> Vec<Value> {
    let v = support::json(&[
        "--data",
        &data(),
        "status",
        "--format",
        "json",
        "--as-of",
        &as_of.to_string(),
    ]);
    v["indicators"].as_array().unwrap().clone()
}

fn item<'a>(items: &'a [Value], id: &str) -> &'a Value {
    items.iter().find(|i| i["id"] == id).unwrap()
}

fn midterm_report(as_of: i32) -> String {
    let out = tempfile::tempdir().unwrap();
    planwatch()
        .args([
            "--data",
            &data(),
            "report",
            "--kind",
            "midterm",
            "--format",
            "md",
        ])
        .args(["--as-of", &as_of.to_string(), "--out"])
        .arg(out.path())
        .assert()
        .success();
    std::fs::read_to_string(out.path().join("report.md")).unwrap()
}

#[test]
fn a_floor_met_at_the_base_is_a_line_held_and_one_met_later_is_achieved_early() {
    let items = status(2019);
    let held = item(&items, "3");
    assert_eq!(held["status"], "on_track", "{held}");
    assert_eq!(held["status_label"], "基本符合预期");
    assert!(
        held["ratio"].is_null(),
        "no pace ratio against a negative need: {held}"
    );
    assert!(
        held["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["code"] == "met_at_base")
    );
    let text = explain("3", 2019);
    assert!(
        text.contains("基期已达标") && text.contains("按保持线评估"),
        "{text}"
    );
    assert!(!text.contains("实际/所需增速比 R"), "{text}");
    let early = item(&items, "4");
    assert_eq!(early["status"], "achieved", "{early}");
    assert_eq!(early["status_label"], "提前实现");
}

#[test]
fn a_strict_ceiling_is_not_met_by_its_number_and_an_inclusive_one_is() {
    let items = status(2019);
    assert_ne!(item(&items, "5")["status"], "achieved", "＜5.5 with 5.5");
    assert_eq!(item(&items, "6")["status"], "achieved", "5.5以下 with 5.5");
    assert_eq!(item(&items, "5")["target"]["bound"], "strict");
    assert!(item(&items, "6")["target"].get("bound").is_none());
    let strict = explain("5", 2019);
    assert!(
        strict.contains("“＜5.5” 不含本数") && strict.contains("未达到"),
        "{strict}"
    );
    let inclusive = explain("6", 2019);
    assert!(
        inclusive.contains("“5.5以下” 含本数") && inclusive.contains("已达到"),
        "{inclusive}"
    );
}

#[test]
fn a_maintained_ceiling_reads_as_exceeded() {
    let text = explain("8", 2019);
    assert!(text.contains("超出控制线 ＜5.5"), "{text}");
    assert!(!text.contains("低于保持线"), "{text}");
}

/// 〔15〕 with 3.0 and 0.5 achieved: (15 − 3.5)/15 = 76.7% in explain, JSON and the report (was 96.67%).
#[test]
fn a_cumulative_gap_is_from_the_sum_in_every_face() {
    let text = explain("7", 2020);
    assert!(
        text.contains("(目标 − 累计)/|目标| = (15 − 3.5)/15 = 76.7%"),
        "{text}"
    );
    assert!(!text.contains("96.67%"), "{text}");
    let items = status(2020);
    let gap = &item(&items, "7")["gap"];
    assert_eq!(gap["kind"], "cumulative");
    assert_eq!(gap["done"], 3.5);
    assert!(
        (gap["share"].as_f64().unwrap() - 11.5 / 15.0).abs() < 1e-9,
        "{gap}"
    );
    let report = midterm_report(2020);
    assert!(
        report.contains("累计完成3.5，距累计目标15尚差76.7%"),
        "{report}"
    );
    assert!(!report.contains("96.67%"));
}

#[test]
fn higher_than_gdp_is_judged_above_with_the_margin() {
    let items = status(2020);
    let prod = item(&items, "2");
    assert_eq!(prod["target"]["kind"], "above");
    assert_eq!(prod["target"]["with"], "1");
    assert_eq!(prod["status"], "on_track", "{prod}");
    let reason = prod["reason"].as_str().unwrap();
    assert!(
        reason.contains("高于地区生产总值增长") && reason.contains("高出 1.0 个百分点"),
        "{reason}"
    );
    let text = explain("2", 2020);
    assert!(
        text.contains("2019年 7% 对 6%（高于 1.0 个百分点）"),
        "{text}"
    );
    assert!(
        text.contains("2020年 5% 对 4%（高于 1.0 个百分点）"),
        "{text}"
    );
}

/// A yearly GDP target against 2019's "6%以上" and 2020's "5.5%左右": 年度目标 in explain, JSON, the report and the
/// dashboard, never 省下达.
#[test]
fn a_yearly_target_reads_annual_target_in_every_face() {
    let text = explain("1", 2020);
    assert!(text.contains("对年度目标 6%（6%以上）：完成"), "{text}");
    assert!(
        text.contains("对年度目标 5.5%（5.5%左右）：未完成"),
        "{text}"
    );
    assert!(!text.contains("省下达") && !text.contains("下达"), "{text}");
    let items = status(2020);
    let gdp = item(&items, "1");
    assert_eq!(gdp["target"]["kind"], "yearly");
    let reason = gdp["reason"].as_str().unwrap();
    assert!(
        reason.contains("年度目标") && !reason.contains("省"),
        "{reason}"
    );
    let report = midterm_report(2020);
    assert!(report.contains("2 个年度中 1 个未完成年度目标"), "{report}");
    assert!(!report.contains("未完成省下达目标"));
    // The dashboard: the overview's lagging list and the indicator's own screen.
    let dataset = load(&DataSource::Dir(data().into()), None).unwrap();
    let size = Size {
        width: 120,
        height: 40,
    };
    let book = planwatch::load::load_book(&DataSource::Dir(data().into())).unwrap();
    let mut app = App::new(dataset, Ok(book), 2020, size, false);
    tui_support::press(&mut app, KeyCode::Enter);
    let screen = tui_support::screen(&app);
    assert!(screen.contains("年度目标"), "{screen}");
    assert!(!screen.contains("省下达"), "{screen}");
}

#[test]
fn a_rise_of_one_is_measured_from_the_base() {
    let text = explain("9", 2019);
    assert!(text.contains("累计提高 1：基期 60 + 1 = 61%"), "{text}");
    let items = status(2019);
    let rise = item(&items, "9");
    assert_eq!(rise["target"]["kind"], "rise");
    assert_eq!(rise["target"]["by"], 1.0);
    assert_eq!(rise["status"], "ahead", "{rise}");
}

/// A break at 2020: growth from the 2020 value on the new basis (120 → 126: +5%), not from the 2018 base of 95.
#[test]
fn a_series_break_measures_growth_on_the_new_basis_and_explain_says_so() {
    let text = explain("10", 2021);
    assert!(
        text.contains("2020年起统计口径调整（普查后口径调整（测试数据））"),
        "{text}"
    );
    assert!(text.contains("以2020年新口径数值 120万人 为起点"), "{text}");
    assert!(text.contains("(126/120)^(1/1) − 1 = +5.00%"), "{text}");
    assert!(!text.contains("126/95"), "{text}");
    let items = status(2021);
    let b = item(&items, "10");
    assert_eq!(b["baseline"]["year"], 2020);
    assert!(
        (b["observed_growth_pct"].as_f64().unwrap() - 5.0).abs() < 1e-9,
        "{b}"
    );
    assert!(
        b["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["code"] == "series_break")
    );
    assert_eq!(b["projection"]["from_year"], 2020, "{b}");
}

/// The problems `validate` names for a data directory: the fixture with `edit` applied to one of its files.
fn problems(file: &str, edit: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(std::path::Path::new(&data()), dir.path());
    let path = dir.path().join(file);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edit {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    std::fs::write(&path, text).unwrap();
    let out = planwatch()
        .arg("--data")
        .arg(dir.path())
        .arg("validate")
        .assert()
        .failure()
        .get_output()
        .clone();
    String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout)
}

/// Wrong new fields are named with file, line and field, in Chinese.
#[test]
fn wrong_bases_breaks_and_kind_fields_are_named() {
    let err = problems(
        "history/fixture-kinds/10.toml",
        &[
            ("basis = \"年均\"", "basis = \"季末\""),
            ("reason = \"普查后口径调整（测试数据）\"", "reason = \" \""),
        ],
    );
    assert!(
        err.contains("统计口径“季末”无法识别：应为 年末 或 年均"),
        "{err}"
    );
    assert!(err.contains("10.toml:") && err.contains(".basis"), "{err}");
    assert!(err.contains("break[1].reason"), "{err}");
    let err = problems(
        "indicators/fixture-kinds.toml",
        &[
            ("kind = \"rise\", by = 1.0", "kind = \"rise\""),
            (
                "value = 150.0, text = \"150\"",
                "value = 150.0, by = 2.0, text = \"150\"",
            ),
        ],
    );
    assert!(
        err.contains("目标类型 rise 需要字段 by（例如 by = 1）"),
        "{err}"
    );
    assert!(err.contains("目标类型 at_least 不使用字段 by"), "{err}");
}
