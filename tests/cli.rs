//! The real binary on the shipped data and on fixtures: list, status, validate, explain, required.

mod support;

use planwatch::text::display_width;
use predicates::prelude::*;
use serde_json::Value;
use support::{fixture, json, planwatch};

/// The annex of the plan report, cell for cell: id, name, unit, 2025 cell (None where blank), 2030 cell,
/// attribute, level.
type AnnexRow = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
);

const ANNEX: [AnnexRow; 31] = [
    (
        "1",
        "地区生产总值(GDP)增长",
        "%",
        Some("5.3左右"),
        "5以上",
        "expected",
        "national",
    ),
    (
        "2",
        "全员劳动生产率",
        "万元/人",
        Some("29.6"),
        "35",
        "expected",
        "national",
    ),
    (
        "3",
        "常住人口城镇化率",
        "%",
        Some("85"),
        "86",
        "expected",
        "national",
    ),
    (
        "4",
        "货物和服务贸易进出口总额占全省份额",
        "%",
        Some("21.5(2024年)"),
        "22",
        "expected",
        "provincial",
    ),
    (
        "5",
        "单位GDP建设用地使用面积",
        "平方米/万元",
        Some("10.04"),
        "8.8",
        "expected",
        "provincial",
    ),
    (
        "6",
        "规模以上人工智能核心产业营业收入",
        "亿元",
        Some("3553(2024年)"),
        "6000",
        "expected",
        "city",
    ),
    (
        "7",
        "数字贸易额",
        "亿元",
        Some("3350"),
        "5000",
        "expected",
        "city",
    ),
    (
        "8",
        "研发支出与地区生产总值之比",
        "%",
        Some("4左右"),
        "4.5",
        "expected",
        "national",
    ),
    (
        "9",
        "每万人高价值发明专利拥有量",
        "件",
        Some("63.7"),
        "78",
        "expected",
        "national",
    ),
    (
        "10",
        "数字经济核心产业增加值占GDP比重",
        "%",
        Some("力争30"),
        "32",
        "expected",
        "national",
    ),
    (
        "11",
        "战略性新兴产业增加值占规上工业增加值比重",
        "%",
        Some("45"),
        "46",
        "expected",
        "provincial",
    ),
    (
        "12",
        "城镇新增就业人数",
        "万人",
        Some("﹥25"),
        "﹥25",
        "expected",
        "national",
    ),
    (
        "13",
        "居民人均可支配收入增长",
        "%",
        Some("与经济增长基本同步"),
        "与经济增长同步",
        "expected",
        "national",
    ),
    (
        "16",
        "劳动年龄人口平均受教育年限",
        "年",
        None,
        "12.6",
        "expected",
        "national",
    ),
    (
        "17.1",
        "执业医师数",
        "人",
        Some("4.9"),
        "5.0",
        "expected",
        "national",
    ),
    (
        "17.2",
        "注册护士数",
        "人",
        Some("未出"),
        "6.02",
        "expected",
        "national",
    ),
    (
        "20",
        "养老机构护理型床位占比",
        "%",
        Some("71"),
        "75",
        "expected",
        "national",
    ),
    (
        "18",
        "1-3岁以下婴幼儿入托率",
        "%",
        Some("23.6(2024年)"),
        "28",
        "expected",
        "national",
    ),
    (
        "19",
        "人均预期寿命",
        "岁",
        Some("84.18"),
        "84.3",
        "expected",
        "national",
    ),
    (
        "21",
        "文化及相关产业增加值",
        "亿元",
        Some("3600"),
        "5000",
        "expected",
        "provincial",
    ),
    (
        "22",
        "纠纷前端化解率",
        "%",
        None,
        "43",
        "expected",
        "provincial",
    ),
    (
        "14",
        "家庭可支配收入(按三口之家计算)10万-50万元群体比例",
        "%",
        Some("85左右"),
        "稳步提高",
        "expected",
        "provincial",
    ),
    (
        "15",
        "城乡收入倍差",
        "",
        Some("1.63"),
        "1.58左右",
        "expected",
        "provincial",
    ),
    (
        "23",
        "单位GDP二氧化碳排放降低",
        "%",
        None,
        "完成省下达目标",
        "binding",
        "national",
    ),
    (
        "24",
        "单位GDP用水量下降率",
        "%",
        None,
        "完成省下达目标",
        "binding",
        "provincial",
    ),
    (
        "25",
        "非化石能源占能源消费总量比重",
        "%",
        Some("20"),
        "25",
        "binding",
        "national",
    ),
    (
        "26",
        "城市细颗粒物(PM2.5)平均浓度",
        "微克/立方米",
        Some("29"),
        "完成省下达目标",
        "binding",
        "national",
    ),
    (
        "27",
        "优良水体比例",
        "%",
        Some("100"),
        "完成省下达目标",
        "binding",
        "national",
    ),
    (
        "28",
        "森林覆盖率",
        "%",
        Some("65以上"),
        "65以上",
        "binding",
        "national",
    ),
    (
        "29",
        "粮食综合生产能力",
        "亿斤",
        Some("32"),
        "32",
        "binding",
        "national",
    ),
    (
        "30",
        "能源综合生产能力",
        "万吨标煤",
        Some("340"),
        "400",
        "expected",
        "national",
    ),
];

#[test]
fn list_json_matches_the_annex_cell_for_cell() {
    let list = json(&["list", "--format", "json"]);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 31);
    for (item, (id, name, unit, base, target, attribute, level)) in items.iter().zip(ANNEX) {
        assert_eq!(item["id"], id);
        assert_eq!(item["name"], name, "{id}");
        assert_eq!(item["unit"], unit, "{id}");
        assert_eq!(item["attribute"], attribute, "{id}");
        assert_eq!(item["level"], level, "{id}");
        assert_eq!(item["target"]["text"], target, "{id}");
        assert_eq!(item["target"]["year"], 2030, "{id}");
        match base {
            None => assert!(item["baseline"].is_null(), "{id}"),
            Some(text) => assert_eq!(item["baseline"]["text"], text, "{id}"),
        }
    }
    // Numbers only where the cell has one; the words keep their meaning in the kind.
    let by_id = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();
    assert_eq!(by_id("17.2")["baseline"]["value"], Value::Null);
    assert_eq!(by_id("4")["baseline"]["year"], 2024);
    assert_eq!(by_id("1")["target"]["kind"], "average_growth");
    assert_eq!(by_id("12")["target"]["kind"], "cumulative");
    assert_eq!(by_id("12")["target"]["value"], 125.0);
    assert_eq!(by_id("12")["average_or_cumulative"], "[125]");
    assert_eq!(by_id("13")["target"]["kind"], "in_step");
    assert_eq!(by_id("13")["target"]["value"], Value::Null);
    assert_eq!(by_id("14")["target"]["kind"], "direction");
    assert_eq!(by_id("15")["target"]["kind"], "about");
    assert_eq!(by_id("23")["target"]["kind"], "province_assigned");
    assert_eq!(by_id("28")["target"]["kind"], "maintain");
    assert_eq!(by_id("29")["target"]["kind"], "maintain");
    let categories: Vec<&str> = items
        .iter()
        .map(|i| i["category"].as_str().unwrap())
        .collect();
    for (category, count) in [
        ("经济发展", 7),
        ("创新驱动", 4),
        ("民生福祉", 12),
        ("绿色低碳", 6),
        ("安全保障", 2),
    ] {
        assert_eq!(
            categories.iter().filter(|c| **c == category).count(),
            count,
            "{category}"
        );
    }
}

#[test]
fn list_table_and_csv() {
    let out = planwatch()
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("【民生福祉】12 项") && text.contains("▲货物和服务贸易进出口总额占全省份额")
    );
    let out = planwatch()
        .args(["list", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 32);
    assert!(text.starts_with("序号,指标名称,单位"));
}

#[test]
fn status_prints_all_31_rows_aligned_from_any_directory() {
    let out = planwatch()
        .arg("status")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("序号")).unwrap();
    let status_col = |line: &str| {
        line.find(['✔', '▲', '●', '▼', '✖', '?'])
            .map(|i| display_width(&line[..i]))
    };
    let header_col = display_width(&lines[header][..lines[header].find("状态").unwrap()]);
    let rows: Vec<&&str> = lines[header + 2..]
        .iter()
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(rows.len(), 31, "{text}");
    for row in rows {
        assert_eq!(status_col(row), Some(header_col), "misaligned: {row}");
    }
}

#[test]
fn status_json_has_the_contract_fields() {
    let status = json(&["status", "--format", "json"]);
    assert_eq!(status["as_of"], 2025);
    let items = status["indicators"].as_array().unwrap();
    assert_eq!(items.len(), 31);
    let vocabulary = [
        "achieved",
        "ahead",
        "on_track",
        "lagging",
        "off_track",
        "not_assessable",
    ];
    for item in items {
        assert!(vocabulary.contains(&item["status"].as_str().unwrap()));
        for field in [
            "id",
            "reason",
            "binding_alert",
            "latest",
            "ratio",
            "completion_pct",
            "elapsed_pct",
            "required_growth_pct",
            "projection",
        ] {
            assert!(item.get(field).is_some(), "{field} missing in {item}");
        }
        if item["status"] == "not_assessable" {
            assert!(!item["reason"].as_str().unwrap().is_empty());
        }
    }
    // Nothing after the 2025 baseline yet: every series says why it cannot be assessed.
    assert!(items.iter().all(|i| i["status"] == "not_assessable"));
    let gdp = &items[0];
    assert_eq!(gdp["required_growth_pct"], 5.0);
    let urbanisation = items.iter().find(|i| i["id"] == "3").unwrap();
    assert_eq!(urbanisation["projection"]["year"], 2030);
    assert!(urbanisation["projection"]["probability"].as_f64().unwrap() > 0.5);
}

#[test]
fn status_csv_has_a_row_per_series() {
    let out = planwatch()
        .args(["status", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 32);
}

/// The official evaluation of the 14th plan names four lagging indicators; the tool must flag those and no other.
#[test]
fn the_14th_plan_reaches_the_official_verdicts() {
    let status = json(&[
        "status",
        "--plan",
        "hangzhou-14th",
        "--as-of",
        "2025",
        "--format",
        "json",
    ]);
    let items = status["indicators"].as_array().unwrap();
    let of = |id: &str| {
        items.iter().find(|i| i["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let flagged = |id: &str| ["lagging", "off_track"].contains(&of(id).as_str());
    for id in [
        "gdp-growth",
        "digital-share",
        "air-quality",
        "foreign-capital",
    ] {
        assert!(flagged(id), "{id} should lag: {}", of(id));
    }
    for id in [
        "gdp-level",
        "rd-intensity",
        "income-gap",
        "life-expectancy",
        "urbanisation",
    ] {
        assert_eq!(of(id), "achieved", "{id}");
    }
    assert_eq!(
        items
            .iter()
            .filter(|i| flagged(i["id"].as_str().unwrap()))
            .count(),
        4
    );
    let air = items.iter().find(|i| i["id"] == "air-quality").unwrap();
    assert_eq!(air["binding_alert"], true);
}

#[test]
fn validate_accepts_the_shipped_data() {
    planwatch()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicates::str::contains("数据有效"));
    planwatch()
        .args(["validate", "--plan", "hangzhou-14th"])
        .assert()
        .success();
}

#[test]
fn validate_reports_every_broken_file_with_its_place() {
    let assert = planwatch()
        .args(["validate", "--data", &fixture("invalid")])
        .assert()
        .code(2);
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let problems: Vec<&str> = text.lines().filter(|l| l.starts_with("history/")).collect();
    assert_eq!(problems.len(), 7, "{text}");
    for (file, needle) in [
        ("bad-toml.toml:4:", "TOML"),
        ("duplicate-period.toml:12:", "重复"),
        ("nan.toml:6:9:", "nan"),
        ("unknown-indicator.toml:1:13:", "99"),
        ("unknown-key.toml:6:1:", "vaule"),
        ("wrong-type.toml:6:9:", "数字"),
        ("wrong-unit.toml:2:8:", "万人"),
    ] {
        assert!(
            problems
                .iter()
                .any(|p| p.contains(file) && p.contains(needle)),
            "{file} {needle}\n{text}"
        );
    }
    let report = {
        let out = planwatch()
            .args([
                "validate",
                "--data",
                &fixture("invalid"),
                "--format",
                "json",
            ])
            .assert()
            .code(2);
        serde_json::from_slice::<Value>(&out.get_output().stdout).unwrap()
    };
    assert_eq!(report["valid"], false);
    assert_eq!(report["problems"].as_array().unwrap().len(), 7);
    assert!(report["problems"][0]["line"].as_u64().unwrap() > 0);
}

#[test]
fn a_broken_plan_reports_all_its_problems_and_other_commands_exit_2() {
    let assert = planwatch()
        .args(["validate", "--data", &fixture("invalid-plan")])
        .assert()
        .code(2);
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("broken.toml:6:14")
            && text.contains("colour")
            && text.contains("indicator[2].target.value"),
        "{text}"
    );
    planwatch()
        .args(["status", "--data", &fixture("invalid")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nan.toml:6:9"));
}

#[test]
fn explain_shows_the_working_for_every_series() {
    for (id, ..) in ANNEX {
        planwatch()
            .args(["explain", id])
            .assert()
            .success()
            .stdout(predicates::str::contains("结论"));
    }
    let out = planwatch()
        .args([
            "explain",
            "digital-share",
            "--plan",
            "hangzhou-14th",
            "--as-of",
            "2025",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("R = d·CAGR_obs/|CAGR_req|") && text.contains("(28.8/26.6)^(1/4)"),
        "{text}"
    );
    // The 2025 Q1–Q3 figure is shown but the assessment says it used the 2024 full-year value.
    assert!(
        text.contains("评估所用") && text.contains("2025年前三季度"),
        "{text}"
    );
    planwatch()
        .args(["explain", "99"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("99"));
}

#[test]
fn required_growth_for_three_trillion() {
    planwatch()
        .args([
            "required", "--from", "23011", "--to", "30000", "--years", "5",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("5.45%"));
    assert_eq!(
        json(&[
            "required", "--from", "23011", "--to", "30000", "--years", "5", "--format", "json"
        ])["required_growth_pct"],
        5.45
    );
    planwatch()
        .args(["required", "--from", "0", "--to", "1", "--years", "5"])
        .assert()
        .code(2);
}

#[test]
fn bad_arguments_are_clear_errors() {
    planwatch()
        .args(["status", "--as-of", "2040"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("2025–2030"));
    planwatch()
        .args(["status", "--data", "/nonexistent"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("indicators"));
    planwatch()
        .args(["status", "--plan", "nope"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("hangzhou-15th"));
}

#[test]
fn without_a_terminal_the_default_is_the_status_table() {
    planwatch()
        .assert()
        .success()
        .stdout(predicates::str::contains("指标监测"));
}

#[test]
fn validate_checks_the_scenario_files_too() {
    planwatch()
        .args(["validate", "--data", &fixture("invalid-scenario")])
        .assert()
        .code(2)
        .stdout(
            predicates::str::contains("scenarios/fast.toml:4:10")
                .and(predicates::str::contains("growth")),
        );
    planwatch()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicates::str::contains("4 个命名情景"));
}

/// A data directory with the shipped plan and history, no scenarios/, and no short name for the plan.
#[test]
fn validate_and_titles_say_what_the_data_have() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(&root.join("indicators"), &dir.path().join("indicators"));
    support::copy_dir(&root.join("history"), &dir.path().join("history"));
    let plan = dir.path().join("indicators/hangzhou-15th.toml");
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("short_name = \"十五五\"", "short_name = \"\"");
    std::fs::write(&plan, text).unwrap();
    let data = dir.path().to_str().unwrap();
    let out = support::stdout(&["--data", data, "--plan", "hangzhou-15th", "validate"]);
    assert!(
        out.contains("没有 scenarios/（情景测算使用内置情景文件）"),
        "{out}"
    );
    assert!(!out.contains("个命名情景"), "{out}");
    let out = support::stdout(&["--data", data, "--plan", "hangzhou-15th", "status"]);
    assert!(!out.contains("（）"), "{out}");
}
