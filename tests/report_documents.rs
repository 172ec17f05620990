//! The documents officials read, as they read them: report.docx opened by python-docx, report.html printed to A4 by
//! headless Chromium, and the text of every document free of anything internal. The print and Word checks need
//! system tools (chromium, poppler-utils, python3 with python-docx); each test skips with a message without them.

use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

use support::planwatch;

/// The reports the checks read: both plans, each with two kinds.
const REPORTS: [(&str, &str, i32); 4] = [
    ("hangzhou-15th", "midterm", 2028),
    ("hangzhou-15th", "annual", 2026),
    ("hangzhou-14th", "midterm", 2023),
    ("hangzhou-14th", "final", 2025),
];

fn generate(dir: &Path, plan: &str, kind: &str, as_of: i32) -> PathBuf {
    let out = dir.join(format!("{plan}-{kind}-{as_of}"));
    planwatch()
        .args(["--plan", plan, "report", "--kind", kind, "--as-of"])
        .arg(as_of.to_string())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The indicators of a plan as `list --format json` gives them: (id, category).
fn indicators(plan: &str) -> Vec<(String, String)> {
    support::json(&["--plan", plan, "list", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["category"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn found(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn browser() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| found(b))
}

/// What no reader should see: data-keeping vocabulary, file paths and table syntax of the data files.
const INTERNAL: [&str; 8] = [
    "seed",
    "official",
    "secondary",
    "mirror",
    "derived",
    "history/",
    "[[",
    ".toml",
];

#[test]
fn documents_contain_nothing_internal() {
    let tmp = tempfile::tempdir().unwrap();
    for (plan, kind, as_of) in REPORTS {
        let out = generate(tmp.path(), plan, kind, as_of);
        let md = read(&out.join("report.md"));
        let html = read(&out.join("report.html"));
        for word in INTERNAL {
            assert!(
                !md.contains(word),
                "{plan} {kind}: report.md contains {word:?}"
            );
            assert!(
                !html.to_lowercase().contains(word),
                "{plan} {kind}: report.html contains {word:?}"
            );
        }
        // Ids that are not the plan's own numbers (the 十四五 data's "air-quality") stay internal.
        for (id, _) in indicators(plan) {
            if id.chars().any(|c| c.is_ascii_alphabetic()) {
                assert!(!md.contains(&id), "{plan} {kind}: id {id} in report.md");
                assert!(!html.contains(&id), "{plan} {kind}: id {id} in report.html");
            }
        }
        // No heading or caption carries a Latin-letter id ("（一）air-quality …", "图2 air-quality …").
        for line in md
            .lines()
            .filter(|l| l.starts_with('#') || l.starts_with("*图"))
        {
            let latin_id = line
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .any(|w| w.contains('-') && w.chars().any(|c| c.is_ascii_alphabetic()));
            assert!(!latin_id, "{plan} {kind}: {line}");
        }
    }
}

#[test]
fn year_without_data_is_said_on_the_first_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    planwatch()
        .args(["report", "--kind", "midterm", "--as-of", "2028", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "2026—2028年没有任何指标的全年数据",
        ));
    let md = read(&out.join("report.md"));
    let first_page: String = md.lines().take(8).collect::<Vec<_>>().join("\n");
    assert!(
        first_page.contains("2026—2028年尚无任何指标的全年数据"),
        "{first_page}"
    );
}

#[test]
fn word_document_opens_in_python_docx() {
    if !found("python3") {
        eprintln!("跳过：未找到 python3（python-docx 检查 report.docx）");
        return;
    }
    let script = format!("{}/tests/check_docx.py", env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    for (plan, kind, as_of) in REPORTS {
        let out = generate(tmp.path(), plan, kind, as_of);
        let mut categories: Vec<String> = indicators(plan).into_iter().map(|(_, c)| c).collect();
        categories.dedup();
        categories.sort();
        categories.dedup();
        let pngs = std::fs::read_dir(out.join("charts"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
            })
            .count();
        if pngs == 0 {
            eprintln!(
                "跳过：没有中文字体，未生成 PNG 图表，report.docx 中没有图（apt-get install fonts-wqy-microhei）"
            );
            return;
        }
        let result = Command::new("python3")
            .arg(&script)
            .arg(out.join("report.docx"))
            .arg(categories.len().to_string())
            .arg(pngs.min(10).to_string())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&result.stdout);
        if result.status.code() == Some(3) {
            eprintln!("跳过：{stdout}");
            return;
        }
        assert!(
            result.status.success(),
            "{plan} {kind} {as_of}: report.docx\n{stdout}{}",
            String::from_utf8_lossy(&result.stderr)
        );
    }
}

/// Words of every page whose right edge lies beyond the right margin, from `pdftotext -bbox`.
fn beyond_right_margin(bbox: &str, margin_pt: f64) -> Vec<String> {
    let mut out = Vec::new();
    for (n, page) in bbox.split("<page ").skip(1).enumerate() {
        let attr = |text: &str, name: &str| -> Option<f64> {
            let start = text.find(&format!("{name}=\""))? + name.len() + 2;
            text[start..].split('"').next()?.parse().ok()
        };
        let Some(width) = attr(page, "width") else {
            continue;
        };
        for word in page.split("<word ").skip(1) {
            let Some(x_max) = attr(word, "xMax") else {
                continue;
            };
            // Three points of slack for a glyph's side bearing.
            if x_max > width - margin_pt + 3.0 {
                let text = word
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                out.push(format!(
                    "第{}页：{text}（右缘 {x_max:.1}，页宽 {width:.1}）",
                    n + 1
                ));
            }
        }
    }
    out
}

#[test]
fn html_prints_to_a4_within_the_margins() {
    let Some(browser) = browser() else {
        eprintln!("跳过：未找到 Chromium（apt-get install chromium），不检查 report.html 的打印");
        return;
    };
    if !found("pdftotext") {
        eprintln!(
            "跳过：未找到 pdftotext（apt-get install poppler-utils），不检查 report.html 的打印"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for (plan, kind, as_of) in [REPORTS[0], REPORTS[3]] {
        let out = generate(tmp.path(), plan, kind, as_of);
        let pdf = out.join("print.pdf");
        let profile = tmp.path().join("chromium-profile");
        let status = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", out.join("report.html").display()))
            .output()
            .unwrap();
        assert!(pdf.is_file(), "Chromium wrote no PDF: {status:?}");
        let bbox = Command::new("pdftotext")
            .arg("-bbox")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let bbox = String::from_utf8_lossy(&bbox.stdout);
        let pages = bbox.matches("<page ").count();
        assert!(pages > 5, "{plan} {kind}: {pages} pages");
        // Every page is A4, portrait or landscape (595 × 842 pt).
        for page in bbox.split("<page ").skip(1) {
            let head: String = page.chars().take(60).collect();
            assert!(
                head.contains("width=\"594.")
                    || head.contains("width=\"595")
                    || head.contains("width=\"841.")
                    || head.contains("width=\"842"),
                "{plan} {kind}: not A4: {head}"
            );
        }
        // The style sheet's side margin is 2 cm (56.7 pt).
        let beyond = beyond_right_margin(&bbox, 56.7);
        assert!(
            beyond.is_empty(),
            "{plan} {kind}: content beyond the right margin:\n{}",
            beyond.join("\n")
        );
    }
}

#[test]
fn the_margin_check_finds_a_clipped_word() {
    let bbox = r#"<page width="594.96" height="841.92"><word xMin="60" yMin="1" xMax="530.0" yMax="9">内</word><word xMin="500" yMin="1" xMax="580.5" yMax="9">越界</word></page>"#;
    let beyond = beyond_right_margin(bbox, 56.7);
    assert_eq!(beyond.len(), 1, "{beyond:?}");
    assert!(beyond[0].contains("越界"));
}
