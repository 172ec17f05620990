//! Many regions: the three-district fixture (`tests/fixtures/regions/`, made-up values marked as test data) —
//! `planwatch regions` as a table, JSON and CSV, one indicator across regions, the roll-up check in `regions` and
//! `validate`, and the dashboard's regions view with its switch to another region's plan.

mod tui_support;

use std::path::PathBuf;

use assert_cmd::Command;
use planwatch::load::{DataSource, load};
use planwatch::tui::{App, AppEvent, RegionsPanel, Size, apply_switch, update};
use ratatui::crossterm::event::KeyCode;
use tui_support::{assert_no_cut_characters, buffer, screen};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regions")
}

fn planwatch(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("planwatch")
        .unwrap()
        .arg("--data")
        .arg(fixture())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = planwatch(args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn regions_json_has_the_shape_of_the_issue() {
    let v = json(&["regions", "--format", "json"]);
    assert_eq!(v["as_of"], 2027);
    let regions = v["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 4);
    for r in regions {
        for key in [
            "plan",
            "region",
            "parent",
            "summary",
            "binding_alerts",
            "indicators",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        let summary = r["summary"].as_object().unwrap();
        let keys: Vec<&str> = summary.keys().map(String::as_str).collect();
        for key in [
            "achieved",
            "ahead",
            "on_track",
            "lagging",
            "off_track",
            "not_assessable",
        ] {
            assert!(keys.contains(&key), "{key} missing in {summary:?}");
        }
        let total: u64 = summary.values().map(|n| n.as_u64().unwrap()).sum();
        assert_eq!(total as usize, r["indicators"].as_array().unwrap().len());
        for i in r["indicators"].as_array().unwrap() {
            assert!(i["id"].is_string() && i.get("code").is_some() && i["status"].is_string());
        }
    }
    // Sorted by the share lagging: 甲区 has all three behind, the city none.
    let order: Vec<&str> = regions
        .iter()
        .map(|r| r["region"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["甲区", "丙区", "乙区", "测试市"]);
    assert_eq!(regions[0]["summary"]["lagging"], 1);
    assert_eq!(regions[0]["summary"]["off_track"], 2);
    assert_eq!(regions[0]["binding_alerts"], 1);
    assert_eq!(regions[0]["parent"], "测试市");
    assert_eq!(regions[3]["parent"], serde_json::Value::Null);
}

#[test]
fn one_indicator_lists_the_four_plans() {
    let v = json(&["regions", "--indicator", "1", "--format", "json"]);
    let rows = v["regions"].as_array().unwrap();
    let plans: Vec<&str> = rows.iter().map(|r| r["plan"].as_str().unwrap()).collect();
    assert_eq!(plans.len(), 4, "{plans:?}");
    for p in ["fixture-city", "fixture-a", "fixture-b", "fixture-c"] {
        assert!(plans.contains(&p), "{p} missing: {plans:?}");
    }
    let a = rows.iter().find(|r| r["plan"] == "fixture-a").unwrap();
    assert_eq!(a["status"], "lagging");
    assert_eq!(a["latest"]["value"], 3.6);
    assert_eq!(a["target"], "5以上");
    assert!(a["required_growth_pct"].as_f64().unwrap() > 5.0);
    // By shared code or name too, and as a table.
    let by_code = json(&["regions", "--indicator", "研发强度", "--format", "json"]);
    assert_eq!(by_code["regions"].as_array().unwrap().len(), 4);
    let (code, out, _) = planwatch(&["regions", "--indicator", "地区生产总值增长"]);
    assert_eq!(code, 0);
    for region in ["测试市", "甲区", "乙区", "丙区"] {
        assert!(out.contains(region), "{out}");
    }
    let (code, _, err) = planwatch(&["regions", "--indicator", "不存在的指标"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("不存在的指标"), "{err}");
}

#[test]
fn rollup_names_the_district_and_both_sums() {
    let (code, out, _) = planwatch(&["regions"]);
    assert_eq!(code, 0);
    assert!(out.contains("下辖地区合计 3643.5亿元"), "{out}");
    assert!(out.contains("测试市本级数 3470亿元"), "{out}");
    assert!(out.contains("+5%"), "{out}");
    assert!(out.contains("其中丙区当年增长"), "{out}");
    // Earlier years add up: one finding only.
    assert!(out.contains("4 项中有 1 项"), "{out}");

    let (code, out, _) = planwatch(&["validate"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("history/context/gdp.toml:35:1"), "{out}");
    assert!(
        out.contains("3643.5") && out.contains("3470") && out.contains("丙区"),
        "{out}"
    );

    let v = json(&["regions", "--format", "json"]);
    let failing: Vec<&serde_json::Value> = v["rollup"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["within"] == false)
        .collect();
    assert_eq!(failing.len(), 1);
    assert_eq!(failing[0]["year"], 2027);
    assert_eq!(failing[0]["parent_value"], 3470.0);
    assert_eq!(failing[0]["children_sum"], 3643.5);
    assert_eq!(failing[0]["suspect"], "丙区");
}

#[test]
fn rollup_tolerance_is_the_parent_plans() {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(), dir.path());
    let city = dir.path().join("indicators/fixture-city.toml");
    let text = std::fs::read_to_string(&city).unwrap();
    // The city allows 6%: the district sum, 5% off, now passes.
    let with = text.replacen(
        "[[indicator]]",
        "[thresholds]\nrollup_tolerance_pct = 6.0\n\n[[indicator]]",
        1,
    );
    std::fs::write(&city, with).unwrap();
    let out = Command::cargo_bin("planwatch")
        .unwrap()
        .arg("--data")
        .arg(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
}

#[test]
fn rates_cannot_be_declared_additive() {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(), dir.path());
    let file = dir.path().join("history/context-a/gdp.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("unit = \"亿元\"", "unit = \"%\"")).unwrap();
    let out = Command::cargo_bin("planwatch")
        .unwrap()
        .arg("--data")
        .arg(dir.path())
        .args(["--plan", "fixture-a", "validate"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("history/context-a/gdp.toml:5:"), "{text}");
    assert!(text.contains("不能跨地区相加"), "{text}");
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The dashboard on the city's plan, with the regions of the fixture.
fn dashboard(width: u16, height: u16) -> App {
    let source = DataSource::Dir(fixture());
    let dataset = load(&source, Some("fixture-city")).unwrap();
    let plans = planwatch::load::regions::read_plans(&source).unwrap();
    let regions = planwatch::regions::compare(plans, Some("fixture-city"), None, &|| {}).unwrap();
    let mut app = App::new(
        dataset,
        planwatch::load::load_book(&source),
        2027,
        Size { width, height },
        false,
    );
    app.regions = Some(RegionsPanel::new(regions, source));
    app
}

fn press(app: &mut App, code: KeyCode) {
    update(app, AppEvent::key(code));
}

#[test]
fn dashboard_regions_view_shows_the_matrix() {
    let mut app = dashboard(120, 40);
    press(&mut app, KeyCode::Char('d'));
    assert_no_cut_characters(&buffer(&app));
    let text = screen(&app);
    insta::assert_snapshot!("regions_view_120x40", text);
    // Every region, every shared indicator's status as a symbol and a word, the roll-up finding.
    for region in ["测试市", "甲区", "乙区", "丙区"] {
        assert!(text.contains(region), "{text}");
    }
    assert!(
        text.contains("✖ 严重滞后") && text.contains("? 无法评估"),
        "{text}"
    );
    assert!(text.contains("汇总核对"), "{text}");
}

#[test]
fn dashboard_switches_to_another_regions_plan() {
    let mut app = dashboard(120, 40);
    // The run loop applies a switch after every key: with none asked for, nothing changes.
    apply_switch(&mut app);
    assert!(app.regions.is_some());
    press(&mut app, KeyCode::Char('d'));
    apply_switch(&mut app);
    assert!(app.regions.is_some());
    // The city is selected (the dashboard's plan); 甲区 is the first row (most lagging).
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.switch_to.as_deref(), Some("fixture-a"));
    apply_switch(&mut app);
    assert_eq!(app.dataset.plan.id, "fixture-a");
    assert!(
        app.regions.is_some(),
        "the regions stay for the next switch"
    );
    let text = screen(&app);
    insta::assert_snapshot!("regions_switched_to_district_120x40", text);
    assert!(
        text.contains("甲区国民经济和社会发展第十五个五年规划"),
        "{text}"
    );
    assert!(text.contains("已切换到甲区"), "{text}");
}

#[test]
fn regions_view_survives_any_size() {
    for (w, h) in [(40, 10), (60, 15), (80, 24), (200, 60)] {
        let mut app = dashboard(w, h);
        press(&mut app, KeyCode::Char('d'));
        for key in [
            KeyCode::Down,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::End,
            KeyCode::PageUp,
        ] {
            press(&mut app, key);
            assert_no_cut_characters(&buffer(&app));
        }
    }
}

#[test]
fn report_with_regions_has_the_regional_section() {
    // The report fixture (with scenario files) and the three districts in one directory.
    let dir = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    copy(&root.join("tests/fixtures/report"), dir.path());
    std::fs::remove_dir_all(dir.path().join("history/context")).ok();
    copy(&fixture(), dir.path());
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("report");
    let run = Command::cargo_bin("planwatch")
        .unwrap()
        .arg("--data")
        .arg(dir.path())
        .args([
            "--plan",
            "fixture-city",
            "report",
            "--kind",
            "annual",
            "--as-of",
            "2027",
            "--regions",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let start = md.find("、各地区对照").expect("regional section");
    let end = md[start..].find("\n## ").map_or(md.len(), |e| start + e);
    let section = &md[start..end];
    assert!(
        section.contains("| 甲区 | ▼ 滞后 | ✖ 严重滞后 | ✖ 严重滞后 |"),
        "{section}"
    );
    assert!(
        section.contains("单位GDP能耗降低：2 个地区滞后——甲区（✖ 严重滞后）、丙区（▼ 滞后）"),
        "{section}"
    );
    assert!(section.contains("下辖地区合计 3643.5亿元"), "{section}");
    assert!(section.contains("charts/regions.svg"), "{section}");
    let svg = std::fs::read_to_string(out.join("charts/regions.svg")).unwrap();
    assert!(svg.contains("甲区") && svg.contains("GDP增长"));
    // Nothing internal in what officials read: no plan ids.
    assert!(!section.contains("fixture-"), "{section}");
    // Without --regions: no such section.
    let plain = out_dir.path().join("plain");
    let run = Command::cargo_bin("planwatch")
        .unwrap()
        .arg("--data")
        .arg(dir.path())
        .args([
            "--plan",
            "fixture-city",
            "report",
            "--kind",
            "annual",
            "--as-of",
            "2027",
            "--out",
        ])
        .arg(&plain)
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(
        !std::fs::read_to_string(plain.join("report.md"))
            .unwrap()
            .contains("各地区对照")
    );
}

#[test]
fn a_region_reads_its_own_context_directory() {
    // 甲区's plan reads history/context-a/, not the city's history/context/: its GDP is its own.
    let source = DataSource::Dir(fixture());
    let a = load(&source, Some("fixture-a")).unwrap();
    assert_eq!(a.history.year_value("gdp", 2027), Some(1160.0));
    let city = load(&source, Some("fixture-city")).unwrap();
    assert_eq!(city.history.year_value("gdp", 2027), Some(3470.0));
    assert_eq!(a.plan.parent.as_deref(), Some("测试市"));
    assert_eq!(a.plan.region_level.map(|l| l.label_zh()), Some("区县"));
}

#[test]
fn bad_region_fields_are_named() {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(), dir.path());
    let file = dir.path().join("indicators/fixture-b.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("level = \"区县\"", "level = \"乡镇\"")
            .replace("context = \"context-b\"", "context = \"../b\""),
    )
    .unwrap();
    let out = Command::cargo_bin("planwatch")
        .unwrap()
        .arg("--data")
        .arg(dir.path())
        .args(["regions"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("indicators/fixture-b.toml:9:") && err.contains("地区层级“乡镇”"),
        "{err}"
    );
    assert!(
        err.contains("indicators/fixture-b.toml:10:") && err.contains("背景数据目录“../b”"),
        "{err}"
    );
}

#[path = "../benches/support/generate.rs"]
mod generate;

/// The cache keyed by file stamps gives the same answer, and a changed file is read and checked again.
#[test]
fn cached_regions_are_revalidated_when_a_file_changes() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    generate::generate(data.path(), planwatch::regions::cache::MIN_PLANS).unwrap();
    let run = || {
        Command::cargo_bin("planwatch")
            .unwrap()
            .env("PLANWATCH_CACHE_DIR", cache.path())
            .arg("--data")
            .arg(data.path())
            .args(["regions", "--format", "json"])
            .output()
            .unwrap()
    };
    let cold = run();
    assert!(
        cold.status.success(),
        "{}",
        String::from_utf8_lossy(&cold.stderr)
    );
    assert_eq!(
        std::fs::read_dir(cache.path())
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("regions-"))
            .count(),
        1,
        "one cache file of the comparison"
    );
    let warm = run();
    assert_eq!(cold.stdout, warm.stdout);
    let v: serde_json::Value = serde_json::from_slice(&warm.stdout).unwrap();
    assert_eq!(
        v["regions"].as_array().unwrap().len(),
        planwatch::regions::cache::MIN_PLANS
    );

    // A broken value in one file: the next run reads everything again and reports it.
    let file = data.path().join("history/gen-00007/03.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("status = \"final\"", "status = \"guess\"", 1),
    )
    .unwrap();
    let broken = run();
    assert_eq!(broken.status.code(), Some(2));
    let err = String::from_utf8(broken.stderr).unwrap();
    assert!(err.contains("history/gen-00007/03.toml"), "{err}");
}

/// Each region's statuses are written in its own plan's words, in the table as in CSV.
#[test]
fn regions_speak_each_plans_own_status_words() {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(), dir.path());
    let plan = dir.path().join("indicators/fixture-a.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let text = text.replacen(
        "\n[[indicator]]",
        "\n[labels]\nlagging = \"进度偏慢\"\n\n[[indicator]]",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("planwatch"))
            .arg("--data")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run(&["regions", "--indicator", "1"]);
    let a = table.lines().find(|l| l.starts_with("甲区")).unwrap();
    assert!(a.contains("进度偏慢"), "{a}");
    let b = table.lines().find(|l| l.starts_with("乙区")).unwrap();
    assert!(!b.contains("进度偏慢"), "{b}");
    let csv = run(&["regions", "--indicator", "1", "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.contains("甲区") && l.contains("进度偏慢")),
        "{csv}"
    );
}
