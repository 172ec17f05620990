//! Getting figures in and out with the real binary, on a copy of the shipped data: record, template → fill →
//! import, export, plausibility checks, and writes interrupted by kill -9.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use support::{data_copy, history_texts, planwatch};

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planwatch()
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn latest(dir: &Path, id: &str, as_of: &str) -> Value {
    let (code, out, err) = run(dir, &["status", "--as-of", as_of, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()["latest"]
        .clone()
}

const URBAN: &str = "history/context/urbanisation.toml";

#[test]
fn record_then_status_keeps_comments_and_validates() {
    let tmp = data_copy();
    let dir = tmp.path();
    let before = std::fs::read_to_string(dir.join(URBAN)).unwrap();
    let (code, out, err) = run(
        dir,
        &[
            "record",
            "3",
            "2026",
            "85.4",
            "--status",
            "preliminary",
            "--source",
            "2026年统计公报（测试）",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已录入") && out.contains(URBAN), "{out}");
    let after = std::fs::read_to_string(dir.join(URBAN)).unwrap();
    assert!(
        after.starts_with(&before),
        "the file's comments and earlier entries are kept as they were"
    );
    assert!(after.contains("# A series shared by"));
    assert!(after.ends_with(&format!(
        "\n[[observation]]\nperiod = \"2026\"\nvalue = 85.4\nstatus = \"preliminary\"\nsource = \"2026年统计公报（测试）\"\nrecorded = {}\n",
        chrono::Local::now().date_naive()
    )), "{after}");
    assert_eq!(latest(dir, "3", "2026")["value"], 85.4);
    let (code, out, _) = run(dir, &["validate"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("数据有效") && !out.contains("合理性提示"),
        "{out}"
    );
    // The same figure again changes nothing.
    let (code, out, _) = run(
        dir,
        &[
            "record", "3", "2026", "85.4", "--status", "初步", "--source", "x",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("未改动"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.join(URBAN)).unwrap(), after);
}

#[test]
fn the_854_typo_is_stopped_until_accepted() {
    let tmp = data_copy();
    let dir = tmp.path();
    let before = history_texts(dir);
    let args = [
        "record",
        "3",
        "2026",
        "854",
        "--status",
        "preliminary",
        "--source",
        "公报",
    ];
    let (code, out, _) = run(dir, &args);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("比重超出 0–100") && out.contains("--accept"),
        "{out}"
    );
    assert_eq!(history_texts(dir), before, "nothing written");
    // Issue 23: a share of 854% is impossible, not implausible: no reason keeps it.
    let mut accepted = args.to_vec();
    accepted.extend(["--accept", "与公报核对无误（测试）"]);
    let (code, out, _) = run(dir, &accepted);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("不可能"), "{out}");
    assert_eq!(history_texts(dir), before, "nothing written");
    // An implausible figure (8.54 after 85: a tenth) is kept once a reason is given.
    let mut accepted: Vec<&str> = args.to_vec();
    accepted[3] = "8.54";
    let (code, out, _) = run(dir, &accepted);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--accept"), "{out}");
    accepted.extend(["--accept", "与公报核对无误（测试）"]);
    let (code, out, _) = run(dir, &accepted);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(dir.join(URBAN)).unwrap();
    assert!(
        text.contains("accepted = \"与公报核对无误（测试）\""),
        "{text}"
    );
    let (code, out, _) = run(dir, &["validate"]);
    assert_eq!(code, 0, "warnings alone leave the data valid: {out}");
    assert!(
        out.contains("合理性提示") && out.contains("8.54") && out.contains("已确认保留"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{URBAN}:")),
        "warnings name file:line: {out}"
    );
    let (_, json, _) = run(dir, &["validate", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["valid"], true);
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["check"] == "jump")
    );
}

#[test]
fn record_refuses_bad_figures_in_chinese_and_writes_nothing() {
    let tmp = data_copy();
    let dir = tmp.path();
    let before = history_texts(dir);
    for (args, expected) in [
        (
            vec![
                "record", "3", "2026/03", "85.4", "--status", "初步", "--source", "s",
            ],
            "不是有效的时期",
        ),
        (
            vec![
                "record", "3", "2026", "85,4%", "--status", "初步", "--source", "s",
            ],
            "不是数字",
        ),
        (
            vec![
                "record", "3", "2026", "85.4", "--status", "大概", "--source", "s",
            ],
            "无法识别",
        ),
        (
            vec![
                "record", "3", "2026", "85.4", "--status", "初步", "--source", " ",
            ],
            "来源",
        ),
        (
            vec![
                "record", "99", "2026", "85.4", "--status", "初步", "--source", "s",
            ],
            "不在规划",
        ),
        (
            vec![
                "record",
                "3",
                "2026",
                "85.4",
                "--status",
                "初步",
                "--source",
                "s",
                "--published",
                "2027-02-30",
            ],
            "不是日期",
        ),
        (
            vec![
                "record", "3", "2024", "84.9", "--status", "初步", "--source", "s",
            ],
            "不会被采用",
        ),
    ] {
        let (code, out, err) = run(dir, &args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            format!("{out}{err}").contains(expected),
            "{args:?}: {out}{err}"
        );
    }
    assert_eq!(history_texts(dir), before);
    // The built-in data cannot be written to.
    planwatch()
        .args([
            "record", "3", "2026", "85.4", "--status", "初步", "--source", "s",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--data"));
}

#[test]
fn record_creates_the_history_file_a_series_lacks() {
    let tmp = data_copy();
    let dir = tmp.path();
    let (code, out, err) = run(
        dir,
        &[
            "record",
            "5",
            "2026",
            "9.8",
            "--status",
            "预计",
            "--source",
            "测试来源",
            "--quote",
            "约9.8平方米",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(dir.join("history/hangzhou-15th/05.toml")).unwrap();
    assert!(
        text.starts_with("# 指标 5「单位GDP建设用地使用面积」"),
        "{text}"
    );
    assert!(
        text.contains("indicator = \"5\"\nunit = \"平方米/万元\"\n"),
        "{text}"
    );
    assert_eq!(latest(dir, "5", "2026")["value"], 9.8);
    assert_eq!(run(dir, &["validate"]).0, 0);
}

/// The template's rows as the import will read them, header first.
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// Fills a template the way a department would: the value, status and source of some indicators, with the
/// visible value header renamed. Returns the path of the filled workbook.
fn fill(template: &Path, figures: &[(&str, f64, &str)], out: &Path) {
    let rows = sheet_rows(template, "报送表");
    let headers: Vec<String> = rows[0].iter().map(text).collect();
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("报送表").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let mut t = text(cell);
            if r == 0 && t == "数值" {
                t = "2026年数值（请填写）".to_string();
            }
            match cell {
                Data::Float(f) => sheet.write_number(r as u32, c as u16, *f).unwrap(),
                _ => sheet.write_string(r as u32, c as u16, t).unwrap(),
            };
        }
        if r == 0 {
            continue;
        }
        let key = text(&row[0]);
        if let Some((_, value, status)) = figures.iter().find(|(id, _, _)| *id == key) {
            let r = r as u32;
            sheet.write_number(r, col("数值") as u16, *value).unwrap();
            sheet.write_string(r, col("状态") as u16, *status).unwrap();
            sheet
                .write_string(r, col("来源") as u16, "2026年统计公报（测试）")
                .unwrap();
            sheet
                .write_string(r, col("发布日期") as u16, "2026/11/20")
                .unwrap();
        }
    }
    book.save(out).unwrap();
}

#[test]
fn template_fill_import_apply_and_import_again() {
    let tmp = data_copy();
    let dir = tmp.path();
    let template = dir.join("报送表.xlsx");
    let (code, out, err) = run(
        dir,
        &[
            "template",
            "--out",
            template.to_str().unwrap(),
            "--period",
            "2026",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let rows = sheet_rows(&template, "报送表");
    let headers: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        &headers[..6],
        ["指标代码", "序号", "指标", "单位", "牵头单位", "期别"]
    );
    assert_eq!(
        rows.len(),
        34,
        "31 indicators, the 2026 annual-only lines and the header"
    );
    let urban = rows.iter().find(|r| text(&r[0]) == "3").unwrap();
    assert_eq!(text(&urban[5]), "2026年");
    assert_eq!(
        urban[6],
        Data::Float(85.0),
        "the last recorded value, for reference"
    );
    // The same file again: refused without --force.
    assert_eq!(
        run(dir, &["template", "--out", template.to_str().unwrap()]).0,
        2
    );

    let filled = dir.join("已填.xlsx");
    fill(
        &template,
        &[("3", 85.4, "初步"), ("5", 9.8, "预计"), ("8", 3.6, "初步")],
        &filled,
    );
    let before = history_texts(dir);
    let (code, out, _) = run(dir, &["import", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("新增 3 条") && out.contains("报送表 第 6 行") && out.contains("尚未写入"),
        "{out}"
    );
    assert_eq!(history_texts(dir), before, "a preview writes nothing");

    let (code, out, _) = run(dir, &["import", filled.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("已写入 3 条数据"), "{out}");
    assert_eq!(latest(dir, "3", "2026")["value"], 85.4);
    assert_eq!(latest(dir, "5", "2026")["value"], 9.8);
    assert_eq!(latest(dir, "8", "2026")["value"], 3.6);
    let text_after = std::fs::read_to_string(dir.join(URBAN)).unwrap();
    assert!(
        text_after.contains("published = 2026-11-20"),
        "{text_after}"
    );
    let applied = history_texts(dir);

    let (code, out, _) = run(dir, &["import", filled.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("与已有数据相同，不改动 3 条") && out.contains("没有需要写入的改动"),
        "{out}"
    );
    assert_eq!(
        history_texts(dir),
        applied,
        "importing the same file twice changes nothing"
    );

    // A revision: a new vintage, the old one kept.
    let revised = dir.join("修订.xlsx");
    fill(&template, &[("3", 85.5, "最终")], &revised);
    let (code, out, _) = run(
        dir,
        &[
            "import",
            revised.to_str().unwrap(),
            "--apply",
            "--accept",
            "测试",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("修订") && out.contains("原为 85.4（初步）"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.join(URBAN)).unwrap();
    assert!(text.contains("value = 85.4") && text.contains("value = 85.5"));
}

#[test]
fn import_names_sheet_row_and_column_of_every_problem() {
    let tmp = data_copy();
    let dir = tmp.path();
    let csv = dir.join("报送.csv");
    std::fs::write(
        &csv,
        "\u{feff}序号,指标,期别,数值,状态,来源\n\
         3,常住人口城镇化率,2026,85.4,初步,公报\n\
         3,常住人口城镇化率,2026,85.5,初步,公报\n\
         8,研发,2026年,abc,大概,\n\
         99,无此指标,2026,1,初步,公报\n\
         5,建设用地,2026,,,\n\
         2,劳动生产率,2026,296,初步,公报\n",
    )
    .unwrap();
    let before = history_texts(dir);
    let (code, out, _) = run(dir, &["import", csv.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 2, "{out}");
    for expected in [
        "报送.csv 第 3 行 C 列（期别）：与第 2 行重复",
        "报送.csv 第 4 行 D 列（数值）：“abc”不是数字",
        "报送.csv 第 4 行 E 列（状态）",
        "报送.csv 第 4 行 F 列（来源）",
        "报送.csv 第 5 行",
        "不在规划",
        "5 行已填，1 行未填",
        "需要确认",
        "与上期相差过大",
        "未写入任何数据",
    ] {
        assert!(out.contains(expected), "missing “{expected}”: {out}");
    }
    assert_eq!(history_texts(dir), before);
}

#[test]
fn export_has_the_sheets_with_numeric_cells() {
    let tmp = data_copy();
    let dir = tmp.path();
    let out = dir.join("监测数据.xlsx");
    let (code, stdout, err) = run(
        dir,
        &["export", "--out", out.to_str().unwrap(), "--as-of", "2026"],
    );
    assert_eq!(code, 0, "{stdout}{err}");
    let book = open_workbook_auto(&out).unwrap();
    assert_eq!(book.sheet_names(), ["指标状态", "2026年度计划", "观测值"]);
    let status = sheet_rows(&out, "指标状态");
    assert_eq!(status.len(), 32);
    let gdp = &status[1];
    assert_eq!(text(&gdp[0]), "1");
    assert_eq!(gdp[6], Data::Float(5.3), "baseline as a number");
    assert!(
        text(&gdp[10]).contains("无法评估")
            || text(&gdp[10]).contains("符合")
            || !text(&gdp[10]).is_empty()
    );
    assert!(
        !text(&gdp[10]).contains("not_assessable"),
        "statuses in words"
    );
    let observations = sheet_rows(&out, "观测值");
    assert!(observations.len() > 50);
    assert!(
        observations[1..]
            .iter()
            .all(|r| matches!(r[4], Data::Float(_))),
        "values are numeric cells"
    );
    // Without --force an existing file is kept.
    assert_eq!(run(dir, &["export", "--out", out.to_str().unwrap()]).0, 2);
}

#[test]
fn openpyxl_opens_template_and_export() {
    let probe = StdCommand::new("python3")
        .args(["-c", "import openpyxl"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "跳过：没有 python3 的 openpyxl（pip install openpyxl），未用 openpyxl 检查工作簿"
        );
        return;
    }
    let tmp = data_copy();
    let dir = tmp.path();
    let template = dir.join("t.xlsx");
    let export = dir.join("e.xlsx");
    assert_eq!(
        run(
            dir,
            &[
                "template",
                "--out",
                template.to_str().unwrap(),
                "--period",
                "2026"
            ]
        )
        .0,
        0
    );
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["报送表"]
assert ws.column_dimensions["A"].hidden, "id column hidden"
assert ws.freeze_panes == "A2"
kinds = sorted(dv.type for dv in ws.data_validations.dataValidation)
assert kinds == ["decimal", "list"], kinds
hdr = [c.value for c in ws[1]]
col = {h: i + 1 for i, h in enumerate(hdr)}
for r in range(2, ws.max_row + 1):
    if ws.cell(r, 1).value == "3":
        ws.cell(r, col["数值"]).value = 85.4
        ws.cell(r, col["状态"]).value = "初步"
        ws.cell(r, col["来源"]).value = "openpyxl 测试"
wb.save(sys.argv[2])
e = openpyxl.load_workbook(sys.argv[3])
assert e.sheetnames[0] == "指标状态" and e.sheetnames[-1] == "观测值", e.sheetnames
assert isinstance(e["观测值"]["E2"].value, float), e["观测值"]["E2"].value
"#;
    let filled = dir.join("f.xlsx");
    assert_eq!(
        run(dir, &["export", "--out", export.to_str().unwrap()]).0,
        0
    );
    let out = StdCommand::new("python3")
        .args(["-c", script])
        .arg(&template)
        .arg(&filled)
        .arg(&export)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, stdout, _) = run(dir, &["import", filled.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(latest(dir, "3", "2026")["value"], 85.4);
}

#[test]
fn template_by_department() {
    let tmp = data_copy();
    let dir = tmp.path();
    let plan = dir.join("indicators/hangzhou-15th.toml");
    let plan_text = std::fs::read_to_string(&plan).unwrap();
    let plan_text = plan_text
        .replacen(
            "name = \"常住人口城镇化率\"\n",
            "name = \"常住人口城镇化率\"\ndepartment = \"市统计局\"\n",
            1,
        )
        .replacen(
            "name = \"全员劳动生产率\"\n",
            "name = \"全员劳动生产率\"\ndepartment = \"市统计局\"\n",
            1,
        );
    std::fs::write(&plan, plan_text).unwrap();
    let out = dir.join("统计局.xlsx");
    let (code, stdout, err) = run(
        dir,
        &[
            "template",
            "--out",
            out.to_str().unwrap(),
            "--period",
            "2026Q3",
            "--department",
            "市统计局",
        ],
    );
    assert_eq!(code, 0, "{stdout}{err}");
    let rows = sheet_rows(&out, "报送表");
    assert_eq!(rows.len(), 3);
    assert_eq!(text(&rows[1][4]), "市统计局");
    // The 期别 column shows the period in words (issue 23); import reads it back.
    assert_eq!(text(&rows[1][5]), "2026年前三季度");
    let (code, _, err) = run(
        dir,
        &[
            "template",
            "--out",
            dir.join("x.xlsx").to_str().unwrap(),
            "--department",
            "市财政局",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("市统计局"), "{err}");
}

/// kill -9 at many moments of `import --apply`: every history file stays readable and either as it was or as the
/// full import leaves it, and once the data directory is read again, either all files are old or all are new.
#[test]
fn import_killed_at_any_moment_leaves_every_file_old_or_new() {
    let seed = data_copy();
    let template = seed.path().join("t.xlsx");
    assert_eq!(
        run(
            seed.path(),
            &[
                "template",
                "--out",
                template.to_str().unwrap(),
                "--period",
                "2026"
            ]
        )
        .0,
        0
    );
    let figures: Vec<(String, f64)> = (1..=16).map(|i| (i.to_string(), 0.0)).collect();
    // Values close to each series' last one, so that no plausibility check asks for confirmation.
    let rows = sheet_rows(&template, "报送表");
    let chosen: Vec<(String, f64)> = figures
        .iter()
        .filter_map(|(id, _)| {
            let row = rows.iter().find(|r| text(&r[0]) == *id)?;
            match row[6] {
                Data::Float(last) => Some((id.clone(), last)),
                _ => Some((id.clone(), 1.0)),
            }
        })
        .collect();
    let as_refs: Vec<(&str, f64, &str)> = chosen
        .iter()
        .map(|(id, v)| (id.as_str(), *v, "预计"))
        .collect();
    let filled = seed.path().join("filled.xlsx");
    fill(&template, &as_refs, &filled);

    let old = history_texts(seed.path());
    let full = data_copy();
    let (code, out, _) = run(
        full.path(),
        &["import", filled.to_str().unwrap(), "--apply"],
    );
    assert_eq!(code, 0, "{out}");
    let new = history_texts(full.path());
    let changed: Vec<&PathBuf> = new.keys().filter(|k| old.get(*k) != new.get(*k)).collect();
    assert!(
        changed.len() >= 10,
        "the import touches many files: {}",
        changed.len()
    );

    // How long a full run takes, to spread the kills over it.
    let timing = data_copy();
    let started = std::time::Instant::now();
    run(
        timing.path(),
        &["import", filled.to_str().unwrap(), "--apply"],
    );
    let span = started.elapsed().as_micros().max(1000) as u64;

    let binary = assert_cmd::cargo::cargo_bin("planwatch");
    let runs = 60u64;
    let (mut all_old, mut all_new, mut mid_write) = (0, 0, 0);
    for i in 0..runs {
        let tmp = data_copy();
        let dir = tmp.path();
        let mut child = StdCommand::new(&binary)
            .arg("--data")
            .arg(dir)
            .args(["import", filled.to_str().unwrap(), "--apply"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Most of a run is reading and checking; the kills crowd towards the end, where the files are written.
        std::thread::sleep(std::time::Duration::from_micros(span / 2 + span * i / runs));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Right after the kill: every file parses and is either old or new.
        let now = history_texts(dir);
        if now != old
            && now
                .iter()
                .any(|(p, t)| new.get(p) != Some(t) && p.extension().is_some_and(|e| e == "toml"))
        {
            mid_write += 1;
        }
        for (path, text) in &now {
            if path.extension().is_some_and(|e| e == "toml") {
                assert!(
                    text.parse::<toml::Table>().is_ok(),
                    "run {i}: {} does not parse",
                    path.display()
                );
                let is_old = old.get(path) == Some(text);
                let is_new = new.get(path) == Some(text);
                assert!(
                    is_old || is_new,
                    "run {i}: {} is neither old nor new",
                    path.display()
                );
            }
        }
        // Once read again (validate completes or undoes the interrupted write): all old or all new.
        let (code, out, _) = run(dir, &["validate"]);
        assert_eq!(code, 0, "run {i}: {out}");
        let after = history_texts(dir);
        if after == old {
            all_old += 1;
        } else if after == new {
            all_new += 1;
        } else {
            let mixed: Vec<_> = after
                .keys()
                .filter(|k| old.get(*k) != after.get(*k) && new.get(*k) != after.get(*k))
                .collect();
            panic!("run {i}: some files old, some new: {mixed:?}");
        }
    }
    eprintln!(
        "kill -9 during import --apply: {all_old} runs ended with the old data, {all_new} with the new; \
         {mid_write} were killed in the middle of writing (some files renamed, others not)"
    );
}

#[test]
fn a_piped_import_shows_no_progress_bar() {
    let tmp = data_copy();
    let dir = tmp.path();
    let template = dir.join("t.xlsx");
    run(
        dir,
        &[
            "template",
            "--out",
            template.to_str().unwrap(),
            "--period",
            "2026",
        ],
    );
    let (code, _, err) = run(dir, &["import", template.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
}

/// LibreOffice Calc opens the exported workbook: its first sheet, converted to CSV, is the status table.
#[test]
fn libreoffice_opens_the_export() {
    let calc = [
        "/usr/lib/libreoffice/program/libsclo.so",
        "/usr/lib64/libreoffice/program/libsclo.so",
    ];
    let has_soffice = StdCommand::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_soffice || !calc.iter().any(|p| Path::new(p).exists()) {
        eprintln!(
            "跳过：没有 LibreOffice Calc（Debian/Ubuntu：libreoffice-calc-nogui），未用 LibreOffice 打开导出的工作簿"
        );
        return;
    }
    let tmp = data_copy();
    let dir = tmp.path();
    let out = dir.join("export.xlsx");
    assert_eq!(run(dir, &["export", "--out", out.to_str().unwrap()]).0, 0);
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
    let status = StdCommand::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            // Comma-separated, quoted, UTF-8 (76): the default encoding follows the locale, which a test
            // environment may not set.
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(dir)
        .arg(&out)
        .output()
        .unwrap();
    let csv = std::fs::read_to_string(dir.join("export.csv")).unwrap_or_else(|_| {
        panic!(
            "LibreOffice did not convert ({}): {}{}",
            status.status,
            String::from_utf8_lossy(&status.stdout),
            String::from_utf8_lossy(&status.stderr)
        )
    });
    assert!(
        csv.contains("常住人口城镇化率") && csv.contains("序号"),
        "{csv}"
    );
}

#[test]
fn a_reason_to_keep_is_written_only_where_a_check_fired() {
    let tmp = data_copy();
    let dir = tmp.path();
    let (code, out, _) = run(
        dir,
        &[
            "record",
            "3",
            "2026",
            "85.4",
            "--status",
            "初步",
            "--source",
            "公报",
            "--accept",
            "不需要",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(dir.join(URBAN)).unwrap();
    assert!(
        text.contains("value = 85.4") && !text.contains("accepted"),
        "{text}"
    );
}

#[test]
fn a_plan_sets_its_own_plausibility_limits() {
    let tmp = data_copy();
    let dir = tmp.path();
    let plan = dir.join("indicators/hangzhou-15th.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let with = |table: &str| text.replacen("[labels]", &format!("{table}\n\n[labels]"), 1);
    std::fs::write(&plan, with("[plausibility]\nfactor = 20")).unwrap();
    let (code, out, _) = run(
        dir,
        &[
            "record", "3", "2026", "854", "--status", "初步", "--source", "公报",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        out.contains("比重超出 0–100") && !out.contains("与上期相差过大"),
        "{out}"
    );
    std::fs::write(&plan, with("[plausibility]\nfactor = 0.5")).unwrap();
    let (code, out, _) = run(dir, &["validate"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("plausibility.factor") && out.contains("倍数应为大于 1 的数字"),
        "{out}"
    );
}
