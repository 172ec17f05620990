//! `planwatch units` on the real binary: the fictional 2027 annual plan of tests/fixtures/units, with one binding
//! line behind and one department (市财政局) sending nothing; and the same view through the library.

mod support;

use planwatch::assess::as_of::resolve;
use planwatch::load::{DataSource, load};
use planwatch::model::{Dataset, Trigger, WarningLevel};
use planwatch::units::{Unit, UnitsView, no_leads_message, units_view};
use serde_json::Value;
use support::planwatch;

fn overlay() -> tempfile::TempDir {
    let dir = support::data_copy();
    support::copy_dir(
        &std::path::Path::new(&support::fixture("units")).join("history"),
        &dir.path().join("history"),
    );
    dir
}

/// The overlay loaded through the library (the directory is dropped once read).
fn overlay_data() -> Dataset {
    let dir = overlay();
    load(&DataSource::Dir(dir.path().to_path_buf()), None).unwrap()
}

/// Standard error of a run that fails.
fn failure(dir: Option<&std::path::Path>, args: &[&str]) -> String {
    let mut cmd = planwatch();
    if let Some(dir) = dir {
        cmd.arg("--data").arg(dir);
    }
    let out = cmd
        .args(args)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

/// `units --unit NAME` as of 2027H1 on `today`, as a table.
fn one_unit(dir: &std::path::Path, today: &str, name: &str) -> String {
    let dir = dir.to_str().unwrap();
    support::stdout(&[
        "--data", dir, "units", "--as-of", "2027H1", "--today", today, "--unit", name,
    ])
}

fn units_json(dir: &std::path::Path, today: &str) -> Value {
    let out = planwatch()
        .arg("--data")
        .arg(dir)
        .args([
            "units", "--as-of", "2027H1", "--today", today, "--format", "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn unit_in<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
}

#[test]
fn every_unit_with_its_counts_overdue_figures_and_levels() {
    let dir = overlay();
    let v = units_json(dir.path(), "2027-08-20");
    assert_eq!(v["as_of"], "2027H1");
    assert_eq!(v["today"], "2027-08-20");
    let mut keys: Vec<&str> = unit_in(&v, "市发改委")
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = [
        "name",
        "lines",
        "with_data",
        "behind",
        "binding_behind",
        "overdue",
        "explanations_missing",
        "level",
        "reasons",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(v["units"].as_array().unwrap().len(), 5);

    let fin = unit_in(&v, "市财政局");
    assert_eq!(
        (fin["lines"].as_u64(), fin["with_data"].as_u64()),
        (Some(2), Some(0))
    );
    let overdue = fin["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 2);
    assert_eq!(overdue[0]["name"], "一般公共预算收入增长");
    assert_eq!(overdue[0]["period"], "2027H1");
    assert_eq!(overdue[0]["due"], "2027-07-20");
    assert_eq!(overdue[1]["due"], "2027-07-25");
    assert_eq!(fin["level"], "提醒");
    assert!(fin["reasons"][0].as_str().unwrap().contains("逾期"));

    let eco = unit_in(&v, "市生态环境局");
    assert_eq!(eco["behind"], 1);
    assert_eq!(eco["binding_behind"], 1);
    assert_eq!(eco["level"], "约谈");
    assert_eq!(eco["explanations_missing"][0]["id"], "u-pm25");
    let reasons: Vec<&str> = eco["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("约谈") && r.contains("约束性"))
    );

    let commerce = unit_in(&v, "市商务局");
    assert_eq!(
        (commerce["behind"].as_u64(), commerce["level"].as_str()),
        (Some(1), Some("提醒"))
    );
    assert!(
        commerce["explanations_missing"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(unit_in(&v, "市发改委")["level"], Value::Null);
    assert!(
        unit_in(&v, "市发改委")["reasons"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn before_the_due_date_the_figures_are_not_yet_due() {
    let dir = overlay();
    let v = units_json(dir.path(), "2027-07-05");
    let fin = unit_in(&v, "市财政局");
    assert!(fin["overdue"].as_array().unwrap().is_empty());
    assert_eq!(fin["level"], Value::Null);
    let out = one_unit(dir.path(), "2027-07-05", "市财政局");
    assert!(
        out.contains("未到期") && out.contains("2027年7月20日"),
        "{out}"
    );
}

#[test]
fn one_unit_lists_its_lines_with_the_score_working() {
    let dir = overlay();
    let out = one_unit(dir.path(), "2027-08-20", "市商务局");
    assert!(
        out.contains("社会消费品零售总额增长") && out.contains("实际使用外资"),
        "{out}"
    );
    assert!(
        out.contains("以旧换新"),
        "the explanation sent is shown: {out}"
    );
    assert!(
        out.contains("得分 = 已得权重 10 ÷ 应考核权重 20 × 100 = 50.0"),
        "{out}"
    );
}

#[test]
fn the_shipped_plan_without_leads_is_told_where_and_how_to_fill_them() {
    let out = planwatch()
        .args(["units"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("indicators/hangzhou-15th.toml"), "{err}");
    assert!(err.contains("planwatch units assign"), "{err}");
    assert!(!err.contains("（department）"), "{err}");
}

#[test]
fn bad_units_settings_are_named_by_file_line_and_field() {
    let dir = overlay();
    let plan = dir.path().join("indicators/hangzhou-15th.toml");
    let mut text = std::fs::read_to_string(&plan).unwrap();
    text = text.replacen(
        "[[indicator]]",
        "[units]\ndue = [\"季后二十日\"]\n\n[[units.warning]]\nlevel = \"警告\"\nwhen = \"behind\"\n\n[[indicator]]",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let err = failure(Some(dir.path()), &["units", "--as-of", "2027H1"]);
    assert!(
        err.contains("indicators/hangzhou-15th.toml") && err.contains("units.due"),
        "{err}"
    );
    assert!(
        err.contains("季后20日"),
        "the forms understood are listed: {err}"
    );
    assert!(
        err.contains("units.warning[1].level") && err.contains("提醒 或 约谈"),
        "{err}"
    );
}

/// `report --kind notice` into a fresh directory; the Markdown written.
fn notice(dir: &std::path::Path, extra: &[&str], as_of: &str, today: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("notice");
    planwatch()
        .arg("--data")
        .arg(dir)
        .args(extra)
        .args([
            "--today", today, "report", "--kind", "notice", "--as-of", as_of,
        ])
        .args(["--format", "md,html,docx", "--out"])
        .arg(&target)
        .assert()
        .success();
    assert!(target.join("report.docx").is_file() && target.join("report.html").is_file());
    std::fs::read_to_string(target.join("report.md")).unwrap()
}

#[test]
fn the_notice_ranks_the_units_and_lists_the_overdue_and_the_warnings() {
    let dir = overlay();
    let md = notice(dir.path(), &[], "2027H1", "2027-08-20");
    let first = md.find("| 1 | 市发改委").expect(&md);
    let last = md.find("| 5 | 市财政局").expect(&md);
    assert!(first < last);
    assert!(
        md.contains("“一般公共预算收入增长”2027年上半年数据应于2027年7月20日前报送，已逾期31日"),
        "{md}"
    );
    assert!(md.contains("对市生态环境局予以约谈"), "{md}");
    assert!(
        md.contains("得分 = 已得权重 10 ÷ 应考核权重 20 × 100 = 50.0"),
        "{md}"
    );
    assert!(
        !md.contains("u-pm25") && !md.contains("planwatch"),
        "nothing internal: {md}"
    );
}

#[test]
fn in_a_regions_directory_the_notice_ranks_the_districts() {
    let md = notice(
        std::path::Path::new(&support::fixture("regions")),
        &["--plan", "fixture-city"],
        "2027",
        "2028-03-20",
    );
    let rank = |region: &str| md.find(&format!("| {region} |")).expect(&md);
    assert!(md.contains("各区县排名"), "{md}");
    assert!(
        rank("乙区") < rank("丙区") && rank("丙区") < rank("甲区"),
        "{md}"
    );
    assert!(md.contains("| 1 | 乙区 | 3 | 3 | 3 | 100.0% |"), "{md}");
    assert!(md.contains("对甲区予以约谈"), "{md}");
}

// The library's view of the same data.

fn view(data: &Dataset, today: &str) -> UnitsView {
    let as_of = resolve(data, Some("2027H1".parse().unwrap())).unwrap();
    units_view(data, &as_of, today.parse().unwrap())
}

fn unit<'a>(v: &'a UnitsView, name: &str) -> &'a Unit {
    v.units.iter().find(|u| u.name == name).unwrap()
}

#[test]
fn each_unit_gets_its_counts_level_and_reasons() {
    let data = overlay_data();
    let v = view(&data, "2027-08-20");
    let names: Vec<&str> = v.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    // Ranked by the share on schedule: 市发改委 1/1, 市科技局 1/2 (R&D not due), 市商务局 1/2, then 0/….
    assert_eq!(names[0], "市发改委");

    let eco = unit(&v, "市生态环境局");
    assert_eq!(
        (
            eco.leads.len(),
            eco.with_data,
            eco.behind,
            eco.binding_behind
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(eco.level, Some(WarningLevel::Summon));
    assert_eq!(eco.explanations_missing.len(), 1);
    let triggers: Vec<_> = eco.warnings.iter().map(|w| w.trigger).collect();
    assert!(triggers.contains(&Trigger::BindingBehind));
    assert!(triggers.contains(&Trigger::BehindTwice));
    assert!(eco.warnings[0].reason.starts_with("约谈"));

    let fin = unit(&v, "市财政局");
    assert_eq!(
        (fin.leads.len(), fin.with_data, fin.overdue.len()),
        (2, 0, 2)
    );
    // 31 days late is not more than a month past 7月20日: 提醒, not 约谈.
    assert_eq!(fin.level, Some(WarningLevel::Remind));
    let dues: Vec<_> = fin
        .overdue
        .iter()
        .map(|&i| v.lines[i].figure.due().unwrap().to_string())
        .collect();
    assert_eq!(dues, ["2027-07-20", "2027-07-25"]);

    let commerce = unit(&v, "市商务局");
    assert_eq!(
        (commerce.behind, commerce.explanations_missing.len()),
        (1, 0)
    );
    assert_eq!(commerce.level, Some(WarningLevel::Remind));
    assert_eq!(unit(&v, "市发改委").level, None);
    // Shared lines: 市统计局 shares GDP and leads nothing.
    assert!(v.units.iter().all(|u| u.name != "市统计局"));
    assert_eq!(v.unit("市统计局").unwrap().shares.len(), 1);
}

#[test]
fn before_the_due_day_nothing_is_overdue() {
    let data = overlay_data();
    let v = view(&data, "2027-07-05");
    let fin = unit(&v, "市财政局");
    assert!(fin.overdue.is_empty());
    assert_eq!(fin.level, None);
    assert!(v.lines.iter().any(|l| l.figure.label_zh() == "未到期"));
}

#[test]
fn a_figure_more_than_a_month_late_calls_the_unit_in() {
    let data = overlay_data();
    let v = view(&data, "2027-08-26");
    assert_eq!(unit(&v, "市财政局").level, Some(WarningLevel::Summon));
}

#[test]
fn weights_give_a_score_with_its_working_and_none_without() {
    let data = overlay_data();
    let v = view(&data, "2027-08-20");
    let commerce = unit(&v, "市商务局").score.clone().unwrap();
    assert_eq!(commerce.value, Some(50.0));
    assert!(
        commerce.working.contains("10 ÷ 应考核权重 20"),
        "{}",
        commerce.working
    );
    assert_eq!(
        unit(&v, "市财政局").score.as_ref().unwrap().value,
        Some(0.0)
    );
    assert!(unit(&v, "市科技局").score.is_none());
}

#[test]
fn the_shipped_plan_names_no_lead_and_the_message_says_how_to_fill_it() {
    let data = load(&DataSource::Shipped, None).unwrap();
    let as_of = resolve(&data, None).unwrap();
    let v = units_view(&data, &as_of, "2026-12-03".parse().unwrap());
    assert!(!v.any_lead());
    let m = no_leads_message(&data.plan);
    assert!(
        m.contains("indicators/hangzhou-15th.toml") && m.contains("units assign"),
        "{m}"
    );
}

/// `units assign` with a 分工表, as of 2027H1.
fn assign(dir: &std::path::Path, sheet: &std::path::Path, apply: bool) -> (i32, String) {
    let mut cmd = planwatch();
    cmd.arg("--data")
        .arg(dir)
        .args(["--as-of", "2027H1", "units", "assign"])
        .arg(sheet);
    if apply {
        cmd.arg("--apply");
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn assign_previews_names_every_problem_and_writes_nothing_until_clean() {
    let dir = overlay();
    let before = support::history_texts(dir.path());
    let plan = dir.path().join("indicators/hangzhou-15th.toml");
    let plan_before = std::fs::read_to_string(&plan).unwrap();
    let sheet = dir.path().join("分工表.csv");
    std::fs::write(
        &sheet,
        "序号,指标,牵头单位,责任单位\n1,地区生产总值(GDP)增长,市发改委,市统计局、市财政局\n,税收收入增长,市税务局,\n99,不存在的指标,市某局,\n2,全员劳动生产率,,\n",
    )
    .unwrap();
    let (code, out) = assign(dir.path(), &sheet, true);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("第 4 行 B 列（指标）") && out.contains("不存在的指标"),
        "{out}"
    );
    assert!(out.contains("第 5 行 C 列（牵头单位）"), "{out}");
    assert_eq!(support::history_texts(dir.path()), before);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), plan_before);

    std::fs::write(
        &sheet,
        "序号,指标,牵头单位,责任单位\n1,地区生产总值(GDP)增长,市发改委,市统计局、市财政局\n,税收收入增长,市税务局,\n",
    )
    .unwrap();
    let (code, out) = assign(dir.path(), &sheet, false);
    assert_eq!((code, out.contains("预览：未写入")), (0, true), "{out}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), plan_before);
    let (code, out) = assign(dir.path(), &sheet, true);
    assert_eq!(code, 0, "{out}");
    // The plan file gains two lines and keeps every other byte.
    let after = std::fs::read_to_string(&plan).unwrap();
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !plan_before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(
        added,
        [
            "department = \"市发改委\"",
            "responsible = [\"市统计局\", \"市财政局\"]"
        ]
    );
    assert_eq!(after.lines().count(), plan_before.lines().count() + 2);
    let tax =
        std::fs::read_to_string(dir.path().join("history/context/zz-units-tax.toml")).unwrap();
    assert!(
        tax.contains("department = \"市税务局\"") && !tax.contains("市财政局"),
        "{tax}"
    );
    // The units now follow the sheet.
    let v = units_json(dir.path(), "2027-08-20");
    assert_eq!(unit_in(&v, "市税务局")["lines"], 1);
    assert_eq!(unit_in(&v, "市财政局")["lines"], 1);
}

#[test]
fn assign_reads_an_xlsx_sheet() {
    let dir = overlay();
    let sheet = dir.path().join("分工表.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["序号", "指标", "牵头单位", "责任单位"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 23.0).unwrap();
    ws.write_string(1, 2, "市生态环境局").unwrap();
    book.save(&sheet).unwrap();
    let (code, out) = assign(dir.path(), &sheet, false);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("单位GDP二氧化碳排放降低") && out.contains("新增"),
        "{out}"
    );
}
