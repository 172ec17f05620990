//! Issue 23: nothing wrong gets in. What departments really type (a percent cell, the tool's own period words),
//! bounded workbooks, impossible versus implausible figures, checks within the year, withdrawal, and Chinese
//! argument errors — each on the real binary.

mod support;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use support::{data_copy, history_texts, planwatch};

const TODAY: &str = "2026-12-03";
const HEADERS: [&str; 15] = [
    "指标代码",
    "序号",
    "指标",
    "单位",
    "牵头单位",
    "期别",
    "上次数值",
    "上次期别",
    "数值",
    "状态",
    "来源",
    "原文",
    "发布日期",
    "备注",
    "确认理由",
];

/// Runs the binary on a data directory with `--today 2026-12-03`: exit status, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planwatch()
        .arg("--data")
        .arg(dir)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// One filled row of a 报送表: (id, name, unit, period, value as a cell).
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    unit: &'a str,
    period: &'a str,
    value: f64,
    percent: bool,
}

/// A 报送表 as a department fills it: the template's columns, the value cell maybe percent-formatted.
fn workbook(path: &Path, rows: &[Row<'_>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("报送表").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let percent = Format::new().set_num_format("0.0%");
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, text) in [
            (0, row.id),
            (1, row.id),
            (2, row.name),
            (3, row.unit),
            (5, row.period),
            (9, "初步"),
            (10, "2026年前三季度统计月报（测试）"),
        ] {
            sheet.write_string(r, c, text).unwrap();
        }
        if row.percent {
            sheet
                .write_number_with_format(r, 8, row.value, &percent)
                .unwrap();
        } else {
            sheet.write_number(r, 8, row.value).unwrap();
        }
    }
    book.save(path).unwrap();
}

fn urban(value: f64, percent: bool, period: &str) -> Row<'_> {
    Row {
        id: "3",
        name: "常住人口城镇化率",
        unit: "%",
        period,
        value,
        percent,
    }
}

#[test]
fn a_percent_cell_imports_as_the_percentage_it_shows() {
    let tmp = data_copy();
    let dir = tmp.path();
    let file = dir.join("城镇化.xlsx");
    workbook(&file, &[urban(0.854, true, "2026年前三季度")]);
    let (code, out, err) = run(dir, &["import", file.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2026年前三季度 85.4%"), "{out}");
    let text = std::fs::read_to_string(dir.join("history/context/urbanisation.toml")).unwrap();
    assert!(
        text.contains("period = \"2026Q3\"\nvalue = 85.4\n"),
        "{text}"
    );
    assert!(!text.contains("0.854"));
    // A percent cell for an amount in 亿元 is refused with the reason, never scaled in silence.
    let file = dir.join("文化.xlsx");
    let culture = Row {
        id: "21",
        name: "文化及相关产业增加值",
        unit: "亿元",
        period: "2026年1-9月",
        value: 0.5,
        percent: true,
    };
    workbook(&file, &[culture]);
    let before = history_texts(dir);
    let (code, out, _) = run(dir, &["import", file.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("I 列（数值）") && out.contains("百分比格式"),
        "{out}"
    );
    assert_eq!(history_texts(dir), before);
}

#[test]
fn the_tools_own_period_words_are_read() {
    let tmp = data_copy();
    let dir = tmp.path();
    for (i, period) in ["2026年前三季度", "2026年1-9月", "2026年1—9月"]
        .iter()
        .enumerate()
    {
        let file = dir.join(format!("{i}.xlsx"));
        workbook(&file, &[urban(85.4, false, period)]);
        let (code, out, err) = run(dir, &["import", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{period}: {out}{err}");
        assert!(out.contains("2026年前三季度"), "{out}");
    }
    // 前三季度 with a 年份 column.
    let csv = dir.join("年份.csv");
    std::fs::write(
        &csv,
        "序号,年份,期别,数值,状态,来源\n3,2026,前三季度,85.4,初步,公报\n",
    )
    .unwrap();
    let (code, out, err) = run(dir, &["import", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2026年前三季度"), "{out}");
    // On the command line too.
    let (code, out, err) = run(
        dir,
        &[
            "record",
            "3",
            "2026年前三季度",
            "85.4",
            "--status",
            "初步",
            "--source",
            "x",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2026年前三季度"), "{out}");
}

#[test]
fn the_template_offers_the_latest_finished_period_and_names_the_import() {
    let tmp = data_copy();
    let dir = tmp.path();
    let out_file = dir.join("报送表.xlsx");
    let (code, out, err) = run(dir, &["template", "--out", out_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("期别 2026年前三季度"), "{out}");
    assert!(out.contains(&format!("--data {}", dir.display())), "{out}");
    // The template as written imports once filled: its 期别 reads back.
    let (code, out, _) = run(dir, &["import", out_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        // 31 plan indicators and the 2026 annual plan's two annual-only lines (社零增长, 社零).
        out.contains("33 行未填")
            && out.contains("3 常住人口城镇化率")
            && out.contains("年度3 社会消费品零售总额"),
        "{out}"
    );
}

#[test]
fn the_in_year_typo_is_stopped_and_accept_needs_a_reason() {
    let tmp = data_copy();
    let dir = tmp.path();
    let pm = |period: &str, value: &str, extra: &[&str]| {
        let mut args = vec![
            "record", "26", period, value, "--status", "初步", "--source", "月报",
        ];
        args.extend_from_slice(extra);
        run(dir, &args)
    };
    let (code, out, err) = pm("2026Q1", "27.1", &[]);
    assert_eq!(code, 0, "{out}{err}");
    let before = history_texts(dir);
    let (code, out, _) = pm("2026H1", "275", &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("与年内相邻时期相差过大") && out.contains("2026年一季度"),
        "{out}"
    );
    assert_eq!(history_texts(dir), before);
    // --accept without a reason is an argument error, in Chinese; an empty reason is refused.
    let (code, _, err) = pm("2026H1", "275", &["--accept"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("参数") && err.contains("--accept") && !err.contains("error:"),
        "{err}"
    );
    let (code, _, err) = pm("2026H1", "275", &["--accept", " "]);
    assert_eq!(code, 2);
    assert!(err.contains("确认理由"), "{err}");
    assert_eq!(history_texts(dir), before);
    // A reason keeps it.
    let (code, out, _) = pm("2026H1", "275", &["--accept", "已与监测站核对（测试）"]);
    assert_eq!(code, 0, "{out}");
    // 854 for a % share is refused even with a reason.
    let before = history_texts(dir);
    let (code, out, _) = run(
        dir,
        &[
            "record", "3", "2026", "854", "--status", "初步", "--source", "x", "--accept", "理由",
        ],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("不可能"), "{out}");
    // And in a workbook with --accept "理由".
    let file = dir.join("854.xlsx");
    workbook(&file, &[urban(854.0, false, "2026")]);
    let (code, out, _) = run(
        dir,
        &[
            "import",
            file.to_str().unwrap(),
            "--apply",
            "--accept",
            "理由",
        ],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("不可能"), "{out}");
    let (code, _, err) = run(
        dir,
        &["import", file.to_str().unwrap(), "--apply", "--accept"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("--accept"), "{err}");
    assert_eq!(history_texts(dir), before);
}

#[test]
fn a_withdrawn_figure_leaves_status_and_reads_withdrawn_in_explain() {
    let tmp = data_copy();
    let dir = tmp.path();
    let (code, out, err) = run(
        dir,
        &[
            "record", "26", "2026Q1", "27.1", "--status", "初步", "--source", "月报",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = run(dir, &["status", "--as-of", "2026Q1"]);
    assert_eq!(code, 0);
    assert!(out.contains("27.1"), "{out}");
    let (code, out, err) = run(
        dir,
        &[
            "record",
            "--withdraw",
            "26",
            "2026年一季度",
            "--reason",
            "录错了监测点（测试）",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已撤回") && out.contains("没有数值"), "{out}");
    let text = std::fs::read_to_string(dir.join("history/hangzhou-15th/26.toml"))
        .or_else(|_| {
            let found = history_texts(dir)
                .into_iter()
                .find(|(_, t)| t.contains("withdrawn"))
                .map(|(_, t)| t)
                .unwrap();
            Ok::<_, ()>(found)
        })
        .unwrap();
    assert!(
        text.contains("withdrawn = \"录错了监测点（测试）\""),
        "{text}"
    );
    let (_, out, _) = run(dir, &["status", "--as-of", "2026Q1"]);
    assert!(!out.contains("27.1"), "{out}");
    let (code, out, _) = run(dir, &["explain", "26", "--as-of", "2026Q1"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("已撤回") && out.contains("27.1"), "{out}");
    let (code, out, _) = run(dir, &["validate"]);
    assert_eq!(code, 0, "{out}");
    // The right figure can be recorded again on the same day.
    let (code, out, err) = run(
        dir,
        &[
            "record", "26", "2026Q1", "27.1", "--status", "初步", "--source", "月报",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    // Nothing to withdraw: refused, nothing written.
    let before = history_texts(dir);
    let (code, _, err) = run(
        dir,
        &["record", "--withdraw", "26", "2027", "--reason", "x"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("没有已录入的数值"), "{err}");
    assert_eq!(history_texts(dir), before);
}

#[test]
fn filled_rows_are_never_ignored_in_silence() {
    let tmp = data_copy();
    let dir = tmp.path();
    // No header row: the rows cannot be placed.
    let file = dir.join("无表头.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, v) in [
        "3",
        "3",
        "常住人口城镇化率",
        "%",
        "",
        "2026",
        "",
        "",
        "85.4",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *v).unwrap();
    }
    book.save(&file).unwrap();
    let (code, out, err) = run(dir, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("没有找到报送表的表头"), "{err}");
    // A formula without a cached result names the cell.
    let file = dir.join("公式.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("报送表").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [(0, "3"), (1, "3"), (5, "2026"), (9, "初步"), (10, "公报")] {
        sheet.write_string(1, c, v).unwrap();
    }
    sheet
        .write_formula(1, 8, rust_xlsxwriter::Formula::new("=85+0.4"))
        .unwrap();
    book.save(&file).unwrap();
    let (code, out, _) = run(dir, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("第 2 行 I 列（数值）") && out.contains("请在 Excel 中重新计算并保存"),
        "{out}"
    );
    // An edited hidden id that disagrees with the visible 序号.
    let file = dir.join("代码.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("报送表").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        (0, "5"),
        (1, "3"),
        (2, "常住人口城镇化率"),
        (5, "2026"),
        (9, "初步"),
        (10, "公报"),
    ] {
        sheet.write_string(1, c, v).unwrap();
    }
    sheet.write_number(1, 8, 85.4).unwrap();
    book.save(&file).unwrap();
    let (code, out, _) = run(dir, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("隐藏的指标代码“5”与本行序号“3”不一致"),
        "{out}"
    );
}

/// Runs an import and measures it: exit status, stderr, wall time, peak resident memory of the child in KiB.
fn timed_import(dir: &Path, file: &Path) -> (i32, String, Duration, u64) {
    let start = Instant::now();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("planwatch"))
        .arg("--data")
        .arg(dir)
        .args(["--today", TODAY, "import"])
        .arg(file)
        .arg("--apply")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let elapsed = start.elapsed();
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct given.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
        elapsed,
        usage.ru_maxrss as u64,
    )
}

/// A workbook whose sheet XML is `sheet` (written by rust_xlsxwriter, the sheet replaced), deflated.
fn book_with_sheet(path: &Path, sheet: &mut dyn FnMut(&mut dyn Write)) {
    let base = {
        let mut book = Workbook::new();
        book.add_worksheet().set_name("报送表").unwrap();
        book.save_to_buffer().unwrap()
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(base)).unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut out = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        if entry.name().unwrap() == "xl/worksheets/sheet1.xml" {
            drop(entry);
            out.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            sheet(&mut out);
        } else {
            out.raw_copy_file(entry).unwrap();
        }
    }
    out.finish().unwrap();
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

fn assert_refused_quickly(dir: &Path, file: &Path, expected: &str) {
    let before = history_texts(dir);
    let (code, err, elapsed, rss_kib) = timed_import(dir, file);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(expected), "{err}");
    assert!(!err.contains("error") && !err.contains("panicked"), "{err}");
    // A guard against a hang or a whole-sheet read, not a speed measurement (debug build, shared CI cores).
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
    assert!(rss_kib < 300 * 1024, "{rss_kib} KiB");
    assert_eq!(history_texts(dir), before);
}

#[test]
fn a_cell_at_xfd1048576_is_refused_in_chinese() {
    let tmp = data_copy();
    let dir = tmp.path();
    let file = dir.join("远.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "序号").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&file).unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() < 16 * 1024);
    assert_refused_quickly(dir, &file, "XFD1048576");
}

#[test]
fn a_zip_bomb_is_refused_in_chinese() {
    let tmp = data_copy();
    let dir = tmp.path();
    let file = dir.join("炸弹.xlsx");
    let spaces = vec![b' '; 1 << 20];
    book_with_sheet(&file, &mut |w| {
        w.write_all(SHEET_HEAD.as_bytes()).unwrap();
        for _ in 0..200 {
            w.write_all(&spaces).unwrap();
        }
        w.write_all(SHEET_TAIL.as_bytes()).unwrap();
    });
    assert!(std::fs::metadata(&file).unwrap().len() < 5 * 1024 * 1024);
    assert_refused_quickly(dir, &file, "解压后过大");
}

#[test]
fn a_million_row_sheet_is_refused_in_chinese() {
    let tmp = data_copy();
    let dir = tmp.path();
    let file = dir.join("百万行.xlsx");
    book_with_sheet(&file, &mut |w| {
        w.write_all(SHEET_HEAD.as_bytes()).unwrap();
        let mut chunk = String::new();
        for r in 1..=1_000_000u32 {
            chunk.push_str(&format!("<row r=\"{r}\"><c r=\"I{r}\"><v>1</v></c></row>"));
            if chunk.len() > 1 << 16 {
                w.write_all(chunk.as_bytes()).unwrap();
                chunk.clear();
            }
        }
        w.write_all(chunk.as_bytes()).unwrap();
        w.write_all(SHEET_TAIL.as_bytes()).unwrap();
    });
    assert_refused_quickly(dir, &file, "10000 行");
}

#[test]
fn argument_errors_are_in_chinese() {
    let tmp = data_copy();
    let dir = tmp.path();
    let (code, _, err) = run(dir, &["record", "3", "2026", "85.4", "--source", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("缺少必填的参数") && err.contains("--status") && err.contains("用法："),
        "{err}"
    );
    assert!(
        !err.contains("error:") && !err.contains("required"),
        "{err}"
    );
    let (code, _, err) = run(
        dir,
        &[
            "record", "3", "2026", "-inf", "--status", "初步", "--source", "x",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("不是数字"), "{err}");
    let (code, _, err) = run(
        dir,
        &[
            "record", "3", "-2026", "1", "--status", "初步", "--source", "x",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("不是有效的时期"), "{err}");
    let (code, _, err) = run(dir, &["template", "--out", ""]);
    assert_eq!(code, 2);
    assert!(!err.contains("a value is required"), "{err}");
    let (code, _, err) = run(dir, &["status", "--today", "2026-13-40"]);
    assert_eq!(code, 2);
    assert!(err.contains("不是日期"), "{err}");
    // A falling rate is a value.
    let (code, out, err) = run(
        dir,
        &[
            "record", "13", "2026", "-0.5", "--status", "初步", "--source", "x", "--accept", "测试",
        ],
    );
    assert!(code == 0 || out.contains("-0.5"), "{out}{err}");
}

proptest! {
    /// Whatever is typed in a period cell, the parser answers without panicking, and the tool's labels read back.
    #[test]
    fn period_words_never_panic(text in "\\PC{0,16}", year in 2000i32..2100) {
        let _ = planwatch::intake::parse::parse_period_in(&text, Some(year));
        let _ = planwatch::intake::parse::parse_value(&text);
        let _ = planwatch::intake::parse::parse_date(&text);
    }

    #[test]
    fn cell_references_round_trip(row in 0u32..1_048_576, col in 0u32..16_384) {
        let text = format!("{}{}", planwatch::sheets::column_letter(col as usize), row + 1);
        prop_assert_eq!(planwatch::sheets::scan::cell_ref(&text), Some((row, col)));
    }
}
