//! `planwatch scenario` on the real binary: the report's arithmetic, the named scenarios side by side, the
//! sensitivity grid, the simulation's reproducibility, and clear errors (exit 2) for inputs that make no sense.

use std::path::Path;

mod support;

use planwatch::text::display_width;
use serde_json::Value;
use support::{json, planwatch, stdout};

/// Exit status 2 and the message on standard error.
fn fails(args: &[&str]) -> String {
    let out = planwatch()
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn growth_5_4_reproduces_the_reports_arithmetic() {
    let v = json(&["scenario", "--growth", "5.4", "--format", "json"]);
    // 23011 × 1.054^5 = 29932.19: 5.4% itself falls 67.8 亿元 short of 3万亿 ("需5.4%以上").
    assert!(
        (num(&v["end_gdp"]) - 29_932.19).abs() < 0.005,
        "{}",
        v["end_gdp"]
    );
    assert_eq!(v["goal_year"], Value::Null);
    assert!((num(&v["end_per_capita_usd"]) - 32_081.50).abs() < 0.01);
    // (30000 / 23011)^(1/5) − 1 = 5.45%.
    assert_eq!(
        (num(&v["required_growth_pct"]) * 100.0).round() / 100.0,
        5.45
    );
    // At exactly 3万亿: 30000 亿元 ÷ (1270.4 + 40) 万人 = 228,938 元 ÷ 7.12 = 32,154 美元.
    assert_eq!(num(&v["per_capita_cny_at_gdp_goal"]).round(), 228_938.0);
    assert_eq!(num(&v["per_capita_usd_at_gdp_goal"]).round(), 32_154.0);
    let path = v["path"].as_array().unwrap();
    assert_eq!(path.len(), 5);
    for key in [
        "year",
        "gdp",
        "population",
        "per_capita_cny",
        "per_capita_usd",
    ] {
        assert!(path.iter().all(|y| !y[key].is_null()), "{key}");
    }
    assert_eq!(path[4]["year"], 2030);
    assert_eq!(num(&path[4]["population"]), 1310.4);
    let provenance = v["assumptions"]["provenance"].to_string();
    assert!(
        provenance.contains("history/context/gdp.toml") && provenance.contains("命令行 --growth"),
        "{provenance}"
    );
}

#[test]
fn scenario_and_required_agree() {
    let required = json(&[
        "required", "--from", "23011", "--to", "30000", "--years", "5", "--format", "json",
    ]);
    let scenario = json(&["scenario", "--format", "json"]);
    let rounded = (num(&scenario["required_growth_pct"]) * 100.0).round() / 100.0;
    assert_eq!(num(&required["required_growth_pct"]), rounded);
}

#[test]
fn table_shows_sources_path_conclusions_and_working() {
    let out = stdout(&["scenario", "--growth", "5.4"]);
    for expected in [
        "假设与来源",
        "history/context/gdp.toml",
        "2024 年平均汇率",
        "2030          5.40%      29932.2",
        "规划期内未迈上 3万亿元",
        "需年均增长       5.45%",
        "折合 32154 美元",
        "研发经费支出",
        "(30000 / 23011)^(1/5) − 1 = 5.45%",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn per_year_path_and_early_goal() {
    let v = json(&["scenario", "--growth-path", "8,8,8,8,8", "--format", "json"]);
    assert_eq!(v["goal_year"], 2029);
    let v = json(&[
        "scenario",
        "--growth-path",
        "5.0,5.2,5.4,5.4,5.4",
        "--population-growth",
        "60",
        "--fx",
        "7.3",
        "--format",
        "json",
    ]);
    let expected = 23011.0 * 1.05 * 1.052 * 1.054f64.powi(3);
    assert!((num(&v["end_gdp"]) - expected).abs() < 1e-6);
    assert_eq!(num(&v["path"][4]["population"]), 1330.4);
    assert_eq!(num(&v["path"][0]["fx"]), 7.3);
}

#[test]
fn compare_prints_the_named_scenarios_side_by_side() {
    let out = stdout(&["scenario", "--compare"]);
    let table: Vec<&str> = out.lines().skip(2).take_while(|l| !l.is_empty()).collect();
    assert!(
        table[0].contains("基准") && table[0].contains("跳一跳") && table[0].contains("低增长"),
        "{out}"
    );
    let widths: Vec<usize> = table.iter().map(|l| display_width(l)).collect();
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "not aligned:\n{out}"
    );
    assert!(out.contains("示意性假设"), "{out}");
    insta::with_settings!({ snapshot_path => "scenario_snapshots" }, {
        insta::assert_snapshot!("scenario_compare", out);
    });

    let v = json(&["scenario", "--compare", "--format", "json"]);
    let names: Vec<&str> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scenario"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["基准", "跳一跳", "低增长", "高增长"]);
    let csv = stdout(&["scenario", "--compare", "--format", "csv"]);
    assert!(
        csv.starts_with("scenario,average_growth_pct,end_gdp,goal_year"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 5);
}

#[test]
fn named_scenario_with_a_flag_on_top() {
    let v = json(&[
        "scenario",
        "--name",
        "跳一跳",
        "--fx",
        "7.3",
        "--format",
        "json",
    ]);
    assert_eq!(v["scenario"]["name"], "跳一跳");
    assert_eq!(num(&v["assumptions"]["growth"]["value"]), 5.4);
    assert_eq!(num(&v["path"][4]["fx"]), 7.3);
    let out = stdout(&["scenario", "--name", "低增长"]);
    assert!(out.starts_with("情景：低增长 — 示意性假设"), "{out}");
}

#[test]
fn grid_marks_the_cells_that_meet_the_goal() {
    let out = stdout(&["scenario", "--grid"]);
    assert!(
        out.contains("每年增速 × 汇率") && out.contains("每年增速 × 规划期人口增量"),
        "{out}"
    );
    assert!(out.contains("7.12*") && out.contains("+40*"), "{out}");
    // The row at the rate the goal needs (5.45%, rounded up) meets the GDP goal; 5.00% does not.
    let row = |prefix: &str| {
        out.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap()
            .to_string()
    };
    assert!(row("5.45%").contains("✔ 30003.3"), "{out}");
    assert!(!row("5.00%").contains("✔ 29368.5"), "{out}");
    let v = json(&[
        "scenario",
        "--grid",
        "--grid-growth",
        "5,6",
        "--grid-fx",
        "7,8",
        "--format",
        "json",
    ]);
    let rows = v["grids"]["growth_by_fx"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["gdp_goal_met"], true);
    assert_eq!(rows[0]["cells"][1]["per_capita_goal_met"], false);
    assert!(
        stdout(&["scenario", "--grid", "--format", "csv"]).starts_with("axis,growth_pct,value")
    );
}

#[test]
fn simulation_is_reproducible_for_a_seed() {
    let args = [
        "scenario",
        "--simulate",
        "--paths",
        "20000",
        "--seed",
        "7",
        "--format",
        "json",
    ];
    let first = json(&args);
    assert_eq!(first["simulation"], json(&args)["simulation"]);
    let other = json(&[
        "scenario",
        "--simulate",
        "--paths",
        "20000",
        "--seed",
        "8",
        "--format",
        "json",
    ]);
    assert_ne!(
        first["simulation"]["end_gdp"],
        other["simulation"]["end_gdp"]
    );
    let sim = &first["simulation"];
    // Fitted to the GDP growth of 2020–2025: mean 4.92%, sd 2.29.
    assert_eq!(sim["fit"]["years"].as_array().unwrap().len(), 6);
    assert!((num(&sim["spec"]["mean"]) - 4.9167).abs() < 1e-4);
    let p = num(&sim["p_gdp_goal"]);
    assert!((0.0..=1.0).contains(&p));
    let band = &sim["end_gdp"];
    assert!(num(&band["p10"]) < num(&band["p50"]) && num(&band["p50"]) < num(&band["p90"]));
    let out = stdout(&[
        "scenario",
        "--simulate",
        "--mean",
        "5.45",
        "--sd",
        "0",
        "--paths",
        "100",
    ]);
    assert!(out.contains("迈上 3万亿元 的概率"), "{out}");
}

#[test]
fn nonsense_inputs_are_clear_errors() {
    let cases: [(&[&str], &str); 8] = [
        (&["--fx", "0"], "汇率应为正数"),
        (&["--fx", "-7.12"], "汇率应为正数"),
        (&["--population-2030", "-5"], "2030 年常住人口为 -5 万人"),
        (&["--base-population", "0"], "人口应为正数"),
        (&["--growth", "-100"], "增速应大于 −100%"),
        (&["--growth-path", "5,5"], "逐年增速应有 5 个数"),
        (&["--name", "不存在"], "可用的情景有 基准、跳一跳、低增长"),
        (&["--simulate", "--paths", "0"], "模拟路径数为 0"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["scenario"];
        all.extend_from_slice(args);
        let err = fails(&all);
        assert!(err.contains(expected), "{all:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// The shipped data in a directory of its own, optionally without `scenarios/`.
fn data_dir(with_scenarios: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut parts = vec!["indicators", "history"];
    if with_scenarios {
        parts.push("scenarios");
    }
    for part in parts {
        support::copy_dir(&root.join(part), &dir.path().join(part));
    }
    dir
}

#[test]
fn a_broken_scenario_file_is_reported_with_its_place() {
    let dir = data_dir(true);
    std::fs::write(
        dir.path().join("scenarios/9-bad.toml"),
        "name = \"坏\"\ndescription = \"x\"\ngrowth = \"5\"\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let err = fails(&["--data", data, "scenario", "--compare"]);
    assert!(
        err.contains("scenarios/9-bad.toml:3:10: 字段 growth:"),
        "{err}"
    );
}

#[test]
fn scenarios_from_a_data_directory() {
    let dir = data_dir(true);
    std::fs::write(
        dir.path().join("scenarios/5-mine.toml"),
        "name = \"自拟\"\ndescription = \"测试用：逐年增速与人口\"\ngrowth_path = [6.0, 6.0, 5.0, 5.0, 5.0]\npopulation_end = 1300.0\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let v = json(&[
        "--data", data, "scenario", "--name", "自拟", "--format", "json",
    ]);
    assert_eq!(num(&v["path"][4]["population"]), 1300.0);
    assert!((num(&v["end_gdp"]) - 23011.0 * 1.06f64.powi(2) * 1.05f64.powi(3)).abs() < 1e-6);

    let without = data_dir(false);
    let out = stdout(&[
        "--data",
        without.path().to_str().unwrap(),
        "scenario",
        "--compare",
    ]);
    assert!(out.contains("中没有 scenarios/"), "{out}");
}
