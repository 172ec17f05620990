//! The year's work through planwatch, on the real binary and a fictional 2027 annual plan (测试数据（虚构）):
//! the plan imported from its table, an annual-only line recorded by name, the data call for one department with
//! its 情况说明 column, the explanation imported and shown in the execution report, whose opening sentence
//! counts the annual plan's lines as `annual --format json` does.

mod support;

use std::path::Path;

use serde_json::Value;
use support::planwatch;

const TODAY: &str = "2027-08-20";

fn plan_csv() -> String {
    support::fixture("annual-plan-2027/2027.csv")
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = planwatch()
        .args(["--today", TODAY, "--data"])
        .arg(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let out = planwatch()
        .args(["--today", TODAY, "--data"])
        .arg(dir)
        .args(args)
        .assert()
        .failure()
        .get_output()
        .clone();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The shipped data with the 2026 urbanisation rate the plan's "提高0.3个百分点" needs, and the plan imported.
fn imported() -> tempfile::TempDir {
    let dir = support::data_copy();
    let d = dir.path();
    run(
        d,
        &[
            "record",
            "3",
            "2026",
            "85.6",
            "--status",
            "初步",
            "--source",
            "测试数据（虚构）",
        ],
    );
    let before = support::history_texts(d);
    let dry = run(d, &["annual-plan", "import", &plan_csv(), "--year", "2027"]);
    assert!(dry.contains("新增 24 项"), "{dry}");
    assert!(dry.contains("以上为预览"), "{dry}");
    assert_eq!(
        before,
        support::history_texts(d),
        "a dry run writes nothing"
    );
    let applied = run(
        d,
        &[
            "annual-plan",
            "import",
            &plan_csv(),
            "--year",
            "2027",
            "--apply",
        ],
    );
    assert!(applied.contains("已写入 24 项年度目标"), "{applied}");
    // Every earlier byte of a file that had lines already is kept: the 2027 target is appended.
    let retail = "history/context/retail-sales.toml";
    let after = support::history_texts(d);
    let (old, new) = (&before[Path::new(retail)], &after[Path::new(retail)]);
    assert!(
        new.starts_with(old.as_str()) && new.contains("value = 11000.0"),
        "{new}"
    );
    let again = run(d, &["annual-plan", "import", &plan_csv(), "--year", "2027"]);
    assert!(
        again.contains("不变 24 项") && again.contains("没有需要写入的改动"),
        "{again}"
    );
    dir
}

fn annual_json(dir: &Path) -> Value {
    serde_json::from_str(&run(
        dir,
        &[
            "annual", "--year", "2027", "--as-of", "2027H1", "--format", "json",
        ],
    ))
    .unwrap()
}

fn line<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("no line {name}"))
}

#[test]
fn the_annual_plan_is_imported_understood_fed_and_reported() {
    let dir = imported();
    let d = dir.path();
    let v = annual_json(d);
    let lines = v["indicators"].as_array().unwrap();
    assert_eq!(lines.len(), 24);
    let kinds: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap(),
                l["target"]["kind"].as_str().unwrap(),
            )
        })
        .collect();
    for (name, kind) in [
        ("地区生产总值增长", "growth"),
        ("社会消费品零售总额", "amount"),
        ("研发经费投入强度", "level"),
        ("城乡收入倍差", "direction"),
        ("居民人均可支配收入增长", "in_step"),
        ("单位GDP二氧化碳排放降低", "assigned"),
        ("常住人口城镇化率", "level"),
    ] {
        assert!(kinds.contains(&(name, kind)), "{name} {kind}: {kinds:?}");
    }
    let retail = line(&v, "社会消费品零售总额");
    assert_eq!(retail["target"]["value"], 11000.0);
    assert_eq!(line(&v, "常住人口城镇化率")["target"]["value"], 85.9);
    assert_eq!(line(&v, "城镇调查失业率")["target"]["better"], "lower");
    let range = line(&v, "税收收入增长");
    assert_eq!(
        (
            range["target"]["value"].as_f64(),
            range["target"]["upper"].as_f64()
        ),
        (Some(5.0), Some(5.5))
    );

    // An annual-only line recorded by its name, then given a verdict.
    let recorded = run(
        d,
        &[
            "record",
            "一般公共预算收入增长",
            "2027H1",
            "4.2",
            "--status",
            "初步",
            "--source",
            "测试数据（虚构）",
        ],
    );
    assert!(recorded.contains("已录入"), "{recorded}");
    let v = annual_json(d);
    let revenue = line(&v, "一般公共预算收入增长");
    assert_eq!(revenue["status"], "behind");
    assert_eq!(revenue["explanation_missing"], true);
    assert_eq!(revenue["department"], "市财政局");

    // The data call of one department: its lines, annual-only ones included, with a 情况说明 column.
    let out = d.join("财政局.xlsx");
    let said = run(
        d,
        &[
            "template",
            "--period",
            "2027H1",
            "--department",
            "市财政局",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(said.contains("3 个指标"), "{said}");
    let strings = xlsx_strings(&out);
    for s in [
        "情况说明",
        "一般公共预算收入增长",
        "民生支出占一般公共预算支出比重",
        "税收收入增长",
    ] {
        assert!(strings.iter().any(|t| t == s), "{s}: {strings:?}");
    }
    assert!(!strings.iter().any(|t| t == "地区生产总值增长"));

    // The department's figures come back with an explanation for the line behind schedule.
    let key = |name: &str| {
        let i = strings.iter().position(|t| t == name).unwrap();
        strings[i - 2].clone()
    };
    let filled = d.join("财政局.csv");
    std::fs::write(
        &filled,
        format!(
            "指标代码,序号,指标,期别,数值,状态,来源,情况说明\n\
             {},年度5,一般公共预算收入增长,2027年上半年,4.3,修订,测试数据（虚构）,受政策性减收影响；下一步加强税源监控。\n\
             {},年度21,民生支出占一般公共预算支出比重,2027年上半年,72.1,初步,测试数据（虚构）,\n",
            key("一般公共预算收入增长"),
            key("民生支出占一般公共预算支出比重")
        ),
    )
    .unwrap();
    let imported = run(d, &["import", filled.to_str().unwrap(), "--apply"]);
    assert!(imported.contains("已写入 2 条数据"), "{imported}");
    let v = annual_json(d);
    assert_eq!(
        line(&v, "一般公共预算收入增长")["explanation_missing"],
        false
    );
    assert_eq!(
        line(&v, "民生支出占一般公共预算支出比重")["explanation_missing"],
        true
    );
    let table = run(d, &["annual", "--year", "2027", "--as-of", "2027H1"]);
    assert!(
        table.contains("尚未报送情况说明的1项：民生支出占一般公共预算支出比重（市财政局）"),
        "{table}"
    );

    // The execution report: the explanation beside its line, the missing one named, the counts of `annual`.
    let report = d.join("报告");
    run(
        d,
        &[
            "report",
            "--kind",
            "execution",
            "--as-of",
            "2027H1",
            "--format",
            "md",
            "--out",
            report.to_str().unwrap(),
        ],
    );
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    assert!(
        md.contains("情况说明（市财政局）：受政策性减收影响；下一步加强税源监控。"),
        "{md}"
    );
    assert!(md.contains("（牵头单位尚未报送情况说明）"));
    let s = &v["summary"];
    let opening = format!(
        "市人代会审定的{}项指标中，{}项指标有半年度数据",
        s["indicators"], s["with_data"]
    );
    assert_eq!(s["indicators"], 24);
    assert!(md.contains(&opening), "{opening}\n{md}");
    assert!(md.contains(&format!("{}项指标相对目标时序进度滞后", s["behind"])));
}

#[test]
fn guessed_words_are_refused_with_the_forms_and_nothing_is_written() {
    let dir = support::data_copy();
    let d = dir.path();
    let bad = d.join("bad.csv");
    std::fs::write(
        &bad,
        "序号,指标,单位,年度目标,属性,牵头单位,规划指标,频率,来源\n\
         1,一般公共预算收入增长,%,增长约五个点,预期性,市财政局,,月,测试数据（虚构）\n\
         2,税收收入增长,%,增长5%,预期性,,,旬,测试数据（虚构）\n\
         3,某指标,%,6%以上,预期性,市财政局,99,,\n",
    )
    .unwrap();
    let before = support::history_texts(d);
    let out = fails(
        d,
        &[
            "annual-plan",
            "import",
            bad.to_str().unwrap(),
            "--year",
            "2027",
            "--apply",
        ],
    );
    assert!(
        out.contains("第 2 行 D 列（年度目标）：年度目标“增长约五个点”无法识别"),
        "{out}"
    );
    assert!(out.contains("可用的写法为 增长5%—5.5%"), "{out}");
    assert!(out.contains("第 3 行 F 列（牵头单位）"), "{out}");
    assert!(out.contains("第 3 行 H 列（频率）"), "{out}");
    assert!(
        out.contains("第 4 行 G 列（规划指标）") && out.contains("第 4 行 I 列（来源）"),
        "{out}"
    );
    assert!(out.contains("未写入任何数据"), "{out}");
    assert_eq!(before, support::history_texts(d));
}

#[test]
fn next_years_table_starts_from_this_years_lines() {
    let dir = imported();
    let d = dir.path();
    let out = d.join("2028.xlsx");
    let said = run(
        d,
        &[
            "annual-plan",
            "template",
            "--year",
            "2028",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        said.contains("24 行") && said.contains("按 2027 年年度计划预填"),
        "{said}"
    );
    let strings = xlsx_strings(&out);
    assert!(strings.iter().any(|s| s == "突破1.1万亿元"), "{strings:?}");
    // The first time, the five-year plan's indicators.
    let first = d.join("2026.xlsx");
    let said = run(
        d,
        &[
            "annual-plan",
            "template",
            "--year",
            "2026",
            "--out",
            first.to_str().unwrap(),
        ],
    );
    assert!(said.contains("按《"), "{said}");
}

/// The shared strings of a workbook, in order (what a person would read in its cells).
fn xlsx_strings(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/sharedStrings.xml").unwrap(), &mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("si"))
        .map(|si| {
            si.descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect()
        })
        .collect()
}
