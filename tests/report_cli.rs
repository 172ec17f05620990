//! `planwatch report` on the real binary: both kinds, from the shipped data, the 十四五 data and a fixture with
//! post-baseline values (tests/fixtures/report, fictional numbers). The PNG checks need a CJK font installed
//! (fonts-noto-cjk or fonts-wqy-microhei; .ci/run installs one).

use std::collections::BTreeMap;
use std::path::Path;

mod support;

use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;
use support::planwatch;

fn fixture() -> String {
    support::fixture("report")
}

/// Data arguments for each data set the tests use.
fn data(set: &str) -> Vec<String> {
    match set {
        "fixture" => vec!["--data".into(), fixture()],
        "14th" => vec!["--plan".into(), "hangzhou-14th".into()],
        _ => vec!["--plan".into(), "hangzhou-15th".into()],
    }
}

fn report(
    set: &str,
    kind: &str,
    as_of: i32,
    out: &Path,
    extra: &[&str],
) -> assert_cmd::assert::Assert {
    planwatch()
        .args(data(set))
        .args([
            "report",
            "--kind",
            kind,
            "--as-of",
            &as_of.to_string(),
            "--out",
        ])
        .arg(out)
        .args(extra)
        .assert()
}

fn status(set: &str, as_of: i32) -> Value {
    let out = planwatch()
        .args(data(set))
        .args(["status", "--format", "json", "--as-of", &as_of.to_string()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The cells of the Markdown table row that starts with `label`.
fn md_row(md: &str, label: &str) -> Vec<String> {
    let line = md
        .lines()
        .find(|l| l.starts_with(&format!("| {label} |")))
        .unwrap_or_else(|| panic!("no row {label}"));
    line.trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().to_string())
        .collect()
}

/// The report's 合计 row against `planwatch status`'s summary: same total and the same count for every status.
fn assert_counts_match(md: &str, status: &Value) {
    let row = md_row(md, "合计");
    let summary = &status["summary"];
    let expected = [
        summary["total"].as_u64().unwrap(),
        summary["achieved"].as_u64().unwrap(),
        summary["ahead"].as_u64().unwrap(),
        summary["on_track"].as_u64().unwrap(),
        summary["lagging"].as_u64().unwrap(),
        summary["off_track"].as_u64().unwrap(),
        summary["not_assessable"].as_u64().unwrap(),
    ];
    let got: Vec<u64> = row[1..].iter().map(|c| c.parse().unwrap()).collect();
    assert_eq!(
        got, expected,
        "合计 row {row:?} against status summary {summary}"
    );
}

fn assert_svg(path: &Path) {
    let text = read(path);
    let doc =
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        doc.root_element().tag_name().name(),
        "svg",
        "{}",
        path.display()
    );
    assert!(
        doc.descendants().any(|n| n.has_tag_name("text")),
        "{} has no text",
        path.display()
    );
}

/// Whether this machine has a CJK font for PNG charts. Without one the PNG checks are skipped, with a message:
/// `cargo test` still passes on a bare machine; CI installs a font (`.ci/run`) so that they run there.
fn system_has_cjk_font() -> bool {
    let found = planwatch::report::font::find(None).is_ok_and(|s| s.font().is_some());
    if !found {
        eprintln!(
            "SKIPPED: PNG checks need a CJK font (apt-get install fonts-wqy-microhei or fonts-noto-cjk)"
        );
    }
    found
}

fn assert_png(path: &Path) {
    if !system_has_cjk_font() {
        return;
    }
    let bytes = std::fs::read(path).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert!(
        info.width >= 800 && info.height >= 300,
        "{}: {}×{}",
        path.display(),
        info.width,
        info.height
    );
    // Not blank: some pixels are far from white.
    let dark = buf[..info.buffer_size()]
        .chunks(3)
        .filter(|p| p.iter().all(|c| *c < 128))
        .count();
    assert!(dark > 500, "{}: only {dark} dark pixels", path.display());
}

/// The number of the indicator named `name` in the first table row that shows it.
fn number_in_tables(md: &str, name: &str) -> String {
    md.lines()
        .find(|l| l.starts_with("| ") && l.contains(&format!("{name} | ")))
        .and_then(|l| l.split(" | ").next())
        .map(|cell| cell.trim_start_matches("| ").to_string())
        .unwrap_or_else(|| panic!("{name} not in any table"))
}

/// Checks a generated report against the status of the same data: sections, counts, every indicator with a
/// chart (SVG and PNG that parse) or listed among those with too few values for one, every lagging indicator
/// analysed.
fn check_report(out: &Path, set: &str, as_of: i32, kind: &str) {
    let md = read(&out.join("report.md"));
    let html = read(&out.join("report.html"));
    let status = status(set, as_of);
    for section in [
        "、总体情况",
        "、分类评估",
        "、滞后指标分析",
        "、下一步工作",
        "附录一 评估方法与阈值",
        "数据来源与版本",
        "计算过程",
        "各指标走势图",
    ] {
        assert!(md.contains(section), "report.md lacks {section}");
        assert!(html.contains(section), "report.html lacks {section}");
    }
    match kind {
        "midterm" => assert!(md.contains("中期评估报告")),
        "final" => assert!(md.contains("总结评估报告") && md.contains("已经结束")),
        _ => assert!(
            md.contains(&format!("{as_of}年度监测报告"))
                && md.contains(&format!("{as_of}年度目标完成情况"))
        ),
    }
    assert_counts_match(&md, &status);
    let indicators = status["indicators"].as_array().unwrap();
    let mut charts = 0;
    for ind in indicators {
        let name = ind["name"].as_str().unwrap();
        // Readers see the plan's number; the 十四五 data keep descriptive ids internal and number them.
        let id = if set == "14th" {
            let internal = ind["id"].as_str().unwrap();
            assert!(
                !md.contains(internal) && !html.contains(internal),
                "internal id {internal} shown to readers"
            );
            number_in_tables(&md, name)
        } else {
            ind["id"].as_str().unwrap().to_string()
        };
        let id = id.as_str();
        assert!(
            md.contains(&format!("| {id} | ")),
            "indicator {id} missing from the tables"
        );
        assert!(
            html.contains(&html_escape(name)),
            "indicator {id} {name} missing from the HTML"
        );
        let stem = format!("indicator-{id}");
        let behind = matches!(ind["status"].as_str().unwrap(), "lagging" | "off_track");
        if md.contains(&format!("charts/{stem}.svg")) {
            assert_svg(&out.join(format!("charts/{stem}.svg")));
            assert_png(&out.join(format!("charts/{stem}.png")));
            charts += 1;
        } else {
            // No chart only where fewer than two years' values leave nothing to show, said once in the appendix.
            let without = md
                .lines()
                .find(|l| l.contains("的年度数值不足两个"))
                .unwrap_or_else(|| panic!("no chart for {id}, and no word why"));
            let listed = without
                .split_once("序号")
                .and_then(|(_, rest)| rest.split_once("的指标"))
                .is_some_and(|(list, _)| list.split('、').any(|n| n == id));
            assert!(listed && !behind, "no chart for {id}: {without}");
        }
        let analysed = md.lines().any(|l| {
            l.starts_with("### （") && l.contains(&format!("）{id} ")) && !l.contains("附录")
        });
        assert_eq!(
            behind, analysed,
            "indicator {id}: behind {behind}, analysed {analysed}"
        );
    }
    // The overview where some indicator can be assessed.
    if md.contains("charts/overview.svg") {
        assert_svg(&out.join("charts/overview.svg"));
        assert_png(&out.join("charts/overview.png"));
    } else {
        assert!(
            indicators
                .iter()
                .all(|i| i["status"].as_str() == Some("not_assessable")),
            "no overview chart"
        );
    }
    // Every chart the document shows is inline in the HTML.
    let shown = md.matches("](charts/").count();
    assert_eq!(html.matches("<svg").count(), shown);
    assert!(
        shown > charts,
        "{shown} charts shown for {charts} indicators"
    );
    assert_self_contained(&html);
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn assert_self_contained(html: &str) {
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "script in HTML"
    );
    for bad in [
        "<link",
        "<img",
        "<iframe",
        "src=\"http",
        "href=\"http",
        "url(http",
        "@import",
    ] {
        assert!(!html.contains(bad), "HTML refers outside itself: {bad}");
    }
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn midterm_report_from_fixture_data() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("midterm");
    report("fixture", "midterm", 2028, &out, &[])
        .success()
        .stdout(predicates::str::contains("已生成中期评估报告"));
    check_report(&out, "fixture", 2028, "midterm");
    let md = read(&out.join("report.md"));
    assert!(
        md.contains("规划实施已满3年（2026—2028年）"),
        "mid-term framing"
    );
    assert!(md.contains("时间进度60%"));
    // The lagging analysis: binding first, then the rest, with the numbers of the assessment.
    let first = md
        .find("（二）25 非化石能源占能源消费总量比重（约束性）")
        .unwrap();
    let later = md.find("）1 地区生产总值增长").unwrap();
    assert!(first < later);
    assert!(md.contains("今后需年均增长6.12%"), "required growth of 25");
    assert!(md.contains("90%预测区间"));
    assert!(md.contains("3项约束性指标进度滞后"));
    assert!(md.contains("【待填写】"));
    // The sources appendix names every value's source, never the data file it was recorded in.
    assert!(!md.contains("history/") && !md.contains(".toml"));
    assert!(md.contains("背景数据：地区生产总值"));
    // The headline goals: the scenario engine's numbers, as `planwatch scenario` prints them.
    assert!(md.contains("、“两个三万”目标测算"));
    // The scenarios start from the latest actual GDP (2028), and say so.
    assert!(md.contains("测算起点：自 2028 年起测算"));
    assert!(
        md.contains("从2028年的基数出发，2030年迈上3万亿元需年均增长"),
        "growth still needed from the latest GDP"
    );
    for (name, end_gdp) in scenario_end_gdp("fixture", &["基准", "冲刺"]) {
        let row = md_row(&md, &name);
        assert_eq!(
            row[2],
            planwatch::text::fmt_number(end_gdp, 1),
            "2030 GDP of {name}"
        );
    }
    assert!(md.contains("概率测算：") && md.contains("随机种子2026"));
    assert!(md.contains("](charts/gdp-scenarios.svg)"));
    assert_svg(&out.join("charts/gdp-scenarios.svg"));
    assert_png(&out.join("charts/gdp-scenarios.png"));
}

/// 2030 GDP of each named scenario, from `planwatch scenario --name N --format json`.
fn scenario_end_gdp(set: &str, names: &[&str]) -> Vec<(String, f64)> {
    names
        .iter()
        .map(|name| {
            let out = planwatch()
                .args(data(set))
                .args(["scenario", "--name", name, "--format", "json"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            let v: Value = serde_json::from_slice(&out).unwrap();
            (name.to_string(), v["end_gdp"].as_f64().unwrap())
        })
        .collect()
}

#[test]
fn annual_report_from_fixture_data() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("annual");
    report("fixture", "annual", 2028, &out, &[]).success();
    check_report(&out, "fixture", 2028, "annual");
    let md = read(&out.join("report.md"));
    assert!(md.contains("2028年是规划实施的第3年"));
    assert!(
        md.contains("已录入2028年年度目标的指标3项：完成1项，未完成2项"),
        "annual targets"
    );
    let gdp = md_row(&md, "1");
    assert_eq!(
        gdp[2..5],
        ["5.0".to_string(), "4.5%".to_string(), "未完成".to_string()]
    );
}

#[test]
fn reports_from_the_shipped_15th_plan_data() {
    let tmp = tempfile::tempdir().unwrap();
    for (kind, as_of) in [("midterm", 2028), ("annual", 2026)] {
        let out = tmp.path().join(kind);
        report("15th", kind, as_of, &out, &[]).success();
        check_report(&out, "15th", as_of, kind);
        let md = read(&out.join("report.md"));
        // No values after 2025 are shipped: the report says so and why, indicator by indicator.
        assert!(md.contains("无法评估的指标及原因"));
        assert!(md.contains("项无法评估，主要原因是基期之后的统计数据尚未发布或尚未录入"));
        assert!(md.contains("省下达的年度目标尚未录入"));
        assert!(md.contains("可评估的指标中未发现滞后指标"));
        for (name, end_gdp) in scenario_end_gdp("15th", &["基准", "跳一跳", "低增长", "高增长"])
        {
            assert_eq!(
                md_row(&md, &name)[2],
                planwatch::text::fmt_number(end_gdp, 1),
                "2030 GDP of {name}"
            );
        }
        assert!(out.join("charts/gdp-scenarios.png").is_file() || !system_has_cjk_font());
    }
}

#[test]
fn reports_from_the_14th_plan_data() {
    let tmp = tempfile::tempdir().unwrap();
    for (kind, as_of) in [("midterm", 2023), ("annual", 2025), ("final", 2025)] {
        let out = tmp.path().join(kind);
        report("14th", kind, as_of, &out, &[]).success();
        check_report(&out, "14th", as_of, kind);
    }
    // A mid-term evaluation of a finished plan is refused, with the kind that fits; --force writes it anyway.
    let refused = tmp.path().join("late-midterm");
    report("14th", "midterm", 2025, &refused, &[])
        .code(2)
        .stderr(
            predicates::str::contains("--kind final").and(predicates::str::contains("--force")),
        );
    assert!(!refused.exists());
    report("14th", "midterm", 2025, &refused, &["--force"])
        .success()
        .stderr(predicates::str::contains("不宜作中期评估"));
    // A final evaluation before the end year is refused too.
    report("15th", "final", 2028, &tmp.path().join("early-final"), &[])
        .code(2)
        .stderr(predicates::str::contains("--kind midterm"));
    // The final report says the target year has passed, and states the GDP gap against the average.
    let fin = read(&tmp.path().join("final/report.md"));
    assert!(
        fin.contains("目标年已过：2025年目标未实现"),
        "target year passed"
    );
    assert!(
        !fin.contains("今后需年均增长"),
        "growth still needed after the end year"
    );
    assert!(
        fin.contains("低于年均6%的目标"),
        "GDP gap against the average target"
    );
    assert!(
        fin.lines()
            .filter(|l| l.contains("已实现年均增长"))
            .all(|l| !l.contains("占目标值")),
        "one year's growth compared with the average target"
    );
    // At the end of the plan, the four indicators the 2025 report names as lagging are analysed.
    let md = read(&tmp.path().join("annual/report.md"));
    // The shipped goals belong to the 15th plan: the section says why it is left out.
    assert!(md.contains("、总量目标测算") && md.contains("本节从略"));
    for name in [
        "数字经济核心产业增加值占GDP比重",
        "城市空气质量优良天数比率",
        "地区生产总值年均增长",
        "实际利用外资",
    ] {
        let heading = md
            .lines()
            .find(|l| l.starts_with("### （") && l.contains(name));
        assert!(heading.is_some(), "{name} not analysed as lagging");
    }
}

#[test]
fn hostile_names_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    report("fixture", "midterm", 2028, &out, &[]).success();
    let html = read(&out.join("report.html"));
    assert_self_contained(&html);
    assert!(
        !html.contains("<b>") && !html.contains("onerror=alert"),
        "markup from the data in the HTML"
    );
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;b&gt;恶意名称&lt;/b&gt;"
    ));
    let md = read(&out.join("report.md"));
    assert!(md.contains("\\<script\\>alert(\"x\")\\</script\\>\\&\\<b\\>恶意名称\\</b\\>"));
    // Every `<` in the Markdown is escaped, so no renderer reads it as HTML.
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "unescaped < in report.md"
    );
    let svg = read(&out.join("charts/indicator-4.svg"));
    assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script"));
    assert_svg(&out.join("charts/indicator-4.svg"));
}

#[test]
fn the_same_data_give_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    report("fixture", "midterm", 2028, &a, &[]).success();
    report("fixture", "midterm", 2028, &b, &[]).success();
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(bytes == &fb[path], "{path} differs between two runs");
    }
    assert!(!read(&a.join("report.md")).contains("生成时间"));
    let c = tmp.path().join("c");
    report("fixture", "midterm", 2028, &c, &["--stamp"]).success();
    assert!(read(&c.join("report.md")).contains("生成时间："));
}

#[test]
fn an_existing_report_is_kept_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    report("fixture", "annual", 2027, &out, &[]).success();
    let before = files(&out);
    report("fixture", "midterm", 2028, &out, &[])
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(files(&out), before, "the report changed without --force");
    report("fixture", "midterm", 2028, &out, &["--force"]).success();
    assert!(read(&out.join("report.md")).contains("中期评估报告"));
    // Nothing left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn a_directory_that_is_not_a_report_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    report("fixture", "midterm", 2028, tmp.path(), &["--force"])
        .code(2)
        .stderr(predicates::str::contains("不会覆盖"));
    assert_eq!(read(&tmp.path().join("notes.txt")), "mine");
}

#[test]
fn without_a_cjk_font_png_is_skipped_with_a_warning_and_svg_is_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let not_a_font = tmp.path().join("not-a-font.ttf");
    std::fs::write(&not_a_font, "plain text").unwrap();
    let (plain, with_font) = (tmp.path().join("plain"), tmp.path().join("font"));
    report(
        "fixture",
        "midterm",
        2028,
        &plain,
        &["--font", not_a_font.to_str().unwrap()],
    )
    .success()
    .stderr(
        predicates::str::contains("未生成 PNG 图表")
            .and(predicates::str::contains("不是可识别的字体文件")),
    );
    report("fixture", "midterm", 2028, &with_font, &[]).success();
    let (a, b) = (files(&plain), files(&with_font));
    assert!(
        a.keys().all(|k| !k.ends_with(".png")),
        "PNG written without a font"
    );
    // SVG and the documents do not depend on the font; the Word document embeds the PNG charts and the manifest
    // lists them, so those do.
    for (path, bytes) in a
        .iter()
        .filter(|(p, _)| p.as_str() != "report.docx" && !p.ends_with(".planwatch-report"))
    {
        assert!(bytes == &b[path], "{path} depends on the font");
    }
    if system_has_cjk_font() {
        assert!(b.keys().any(|k| k.ends_with(".png")));
    }
}

#[test]
fn bad_arguments_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    report("fixture", "midterm", 2040, &out, &[])
        .code(2)
        .stderr(predicates::str::contains("--as-of 2040"));
    report(
        "fixture",
        "midterm",
        2028,
        &out,
        &["--font", "/nonexistent/font.ttc"],
    )
    .code(2)
    .stderr(predicates::str::contains("无法读取字体文件"));
    planwatch()
        .args(["report", "--kind", "weekly", "--as-of", "2028", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(!out.exists());
}
