//! The Word documents as an office prints them: the annual report and the execution report, converted to PDF by
//! LibreOffice, hold every number, unit and period of their tables on one line. Needs LibreOffice (soffice),
//! poppler-utils (pdftotext) and python3 (to read the docx); the test skips with a message without them.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

mod support;

use support::planwatch;

fn found(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The pieces no line may break, as the check counts them: dates (2026-03-23), years with 年 (2025年), numbers with
/// their sign, decimals and percent sign (+8.34%, −1.2, 3350), and Latin words (GDP).
fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && chars[i - 1].is_ascii_alphanumeric();
        if c.is_ascii_alphabetic() {
            let n = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            if n >= 2 {
                out.push(chars[i..i + n].iter().collect());
            }
            i += n;
            continue;
        }
        let signed = matches!(c, '+' | '-' | '−')
            && !after_word
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(c.is_ascii_digit() || signed) {
            i += 1;
            continue;
        }
        let start = i;
        if signed {
            i += 1;
        }
        let n = digits(i);
        if !signed
            && n == 4
            && chars.get(i + 4) == Some(&'-')
            && digits(i + 5) == 2
            && chars.get(i + 7) == Some(&'-')
            && digits(i + 8) == 2
        {
            out.push(chars[i..i + 10].iter().collect());
            i += 10;
            continue;
        }
        i += n;
        // "2024年", also where the text has a space before 年 (as the PDF's gap between the two cannot tell).
        let spaces = chars[i..].iter().take_while(|c| **c == ' ').count();
        if !signed && n == 4 && chars.get(i + spaces) == Some(&'年') {
            out.push(format!("{}年", chars[start..i].iter().collect::<String>()));
            i += spaces + 1;
            continue;
        }
        while matches!(chars.get(i), Some('.' | ',')) && digits(i + 1) > 0 {
            i += 1 + digits(i + 1);
        }
        if chars.get(i) == Some(&'%') {
            i += 1;
        }
        out.push(chars[start..i].iter().collect());
    }
    out
}

fn count(into: &mut HashMap<String, usize>, text: &str) {
    for t in tokens(text) {
        *into.entry(t).or_default() += 1;
    }
}

/// One part of a docx (word/document.xml), read by python3's zipfile.
fn docx_part(docx: &Path, part: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
        ])
        .arg(docx)
        .arg(part)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Each paragraph's lines of document.xml (split at explicit breaks), and which of them are in table cells.
fn docx_lines(docx: &Path) -> Vec<(String, bool)> {
    docx_text(docx, true)
}

/// Each paragraph of document.xml, or each of its lines where `split` (at explicit breaks), and whether it is in a
/// table cell.
fn docx_text(docx: &Path, split: bool) -> Vec<(String, bool)> {
    let xml = docx_part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut lines = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name("p")) {
        let in_cell = p.ancestors().any(|a| a.has_tag_name("tc"));
        let mut line = String::new();
        for n in p.descendants() {
            if n.has_tag_name("t") {
                line.push_str(n.text().unwrap_or(""));
            } else if split && n.has_tag_name("br") {
                lines.push((std::mem::take(&mut line), in_cell));
            }
        }
        lines.push((line, in_cell));
    }
    lines
}

/// The text of every line of the PDF (`pdftotext -bbox-layout`), words apart by more than 6 pt (two cells; the space Writer puts between Latin and Chinese is less) joined with a space.
fn pdf_lines(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        tag[start..].split('"').next()?.parse().ok()
    };
    let mut lines = Vec::new();
    for line in text.split("<line").skip(1) {
        let line = line.split("</line>").next().unwrap_or("");
        let mut joined = String::new();
        let mut previous: Option<f64> = None;
        for word in line.split("<word ").skip(1) {
            let (tag, rest) = word.split_once('>').unwrap_or(("", ""));
            let w = rest.split('<').next().unwrap_or("").replace("&amp;", "&");
            if let (Some(p), Some(x)) = (previous, attr(tag, "xMin"))
                && x - p > 6.0
            {
                joined.push(' ');
            }
            joined.push_str(&w);
            previous = attr(tag, "xMax");
        }
        lines.push(joined);
    }
    lines
}

/// Tokens of the table cells that the PDF has fewer whole copies of than the cells hold: broken across lines. (The
/// body text may break "2026|年" at a line's end as Chinese typesetting allows; its copies count only in the PDF, so a
/// cell's break hidden by body copies goes unseen, but nothing is reported that is not broken.)
fn broken_in_tables(docx: &Path, pdf: &Path) -> Vec<String> {
    let (mut document, mut cells, mut printed) = (HashMap::new(), HashMap::new(), HashMap::new());
    for (line, in_cell) in docx_lines(docx) {
        count(&mut document, &line);
        if in_cell {
            count(&mut cells, &line);
        }
    }
    for line in pdf_lines(pdf) {
        count(&mut printed, &line);
    }
    let mut broken: Vec<String> = cells
        .keys()
        .filter(|t| printed.get(*t).copied().unwrap_or(0) < cells[*t])
        .map(|t| {
            format!(
                "{t}（表中{}处，全文{}处，PDF中{}处）",
                cells[t],
                document[t],
                printed.get(t).copied().unwrap_or(0)
            )
        })
        .collect();
    broken.sort();
    broken
}

/// The pages of a PDF, as pdfinfo counts them.
fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gives no page count: {out:?}"))
}

/// A file converted to PDF by LibreOffice, beside it (a profile of its own, so that tests may run side by side).
fn to_pdf(file: &Path, profile: &Path) -> std::path::PathBuf {
    let run = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(file.parent().unwrap())
        .arg(file)
        .output()
        .unwrap();
    let pdf = file.with_extension("pdf");
    assert!(pdf.is_file(), "LibreOffice wrote no PDF: {run:?}");
    pdf
}

/// A copy of the shipped data with the test-only annual-plan overlay (in-year figures), as tests/annual_cli.rs has.
fn data_with_in_year_figures() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for d in ["indicators", "history", "scenarios"] {
        support::copy_dir(&root.join(d), &dir.path().join(d));
    }
    support::copy_dir(
        &root.join("tests/fixtures/annual/history"),
        &dir.path().join("history"),
    );
    dir
}

#[test]
fn the_tokenizer_keeps_numbers_periods_and_dates_whole() {
    assert_eq!(
        tokens("3350万人（2025年），2024 年，+8.34%，2026-03-23，GDP增长−1.2，show-508194"),
        [
            "3350",
            "2025年",
            "2024年",
            "+8.34%",
            "2026-03-23",
            "GDP",
            "−1.2",
            "show",
            "508194"
        ]
    );
}

#[test]
fn word_tables_hold_their_numbers_in_libreoffice() {
    if !found("soffice", "--version") || !found("pdftotext", "-v") || !found("python3", "--version")
    {
        eprintln!(
            "跳过：需要 LibreOffice、pdftotext 和 python3（apt-get install libreoffice-writer-nogui poppler-utils）"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_in_year_figures();
    let reports = [
        ("annual", "2026", None),
        ("execution", "2026H1", Some(data.path())),
    ];
    for (kind, as_of, data) in reports {
        let out = tmp.path().join(kind);
        let mut cmd = planwatch();
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        cmd.args([
            "report", "--kind", kind, "--as-of", as_of, "--format", "docx", "--out",
        ])
        .arg(&out)
        .assert()
        .success();
        let docx = out.join("report.docx");
        let pdf = to_pdf(&docx, &tmp.path().join("lo-profile"));
        // Length follows content: the first year's annual report, with no year's figure yet, on 20 pages at most
        // (53 before); the half-year execution report on 24 (32 before).
        let pages = pdf_pages(&pdf);
        let most = if kind == "annual" { 20 } else { 24 };
        assert!(
            pages <= most,
            "{kind} {as_of}: {pages} pages in LibreOffice, at most {most}"
        );
        let broken = broken_in_tables(&docx, &pdf);
        assert!(
            broken.is_empty(),
            "{kind} {as_of}: numbers, units or periods broken across lines in tables:\n{}",
            broken.join("\n")
        );
    }
}

#[test]
fn word_documents_take_the_official_form() {
    if !found("python3", "--version") {
        eprintln!("跳过：需要 python3 读取 report.docx");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("annual");
    planwatch()
        .args([
            "report", "--kind", "annual", "--as-of", "2026", "--format", "docx,md",
        ])
        .args([
            "--issuer",
            "杭州市发展和改革委员会",
            "--date",
            "2026-12-03",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let docx = out.join("report.docx");
    let document = docx_part(&docx, "word/document.xml");
    // Body paragraphs are indented two characters of 三号 on their first line.
    assert!(document.matches("w:firstLine=\"640\"").count() > 50);
    // Odd pages number at the right, even pages at the left.
    let settings = docx_part(&docx, "word/settings.xml");
    assert!(settings.contains("evenAndOddHeaders"), "{settings}");
    assert!(document.contains("w:type=\"even\""));
    let footers: Vec<String> = ["word/footer1.xml", "word/footer2.xml"]
        .iter()
        .map(|p| docx_part(&docx, p))
        .collect();
    assert!(
        footers.iter().any(|f| f.contains("w:val=\"right\""))
            && footers.iter().any(|f| f.contains("w:val=\"left\"")),
        "{footers:?}"
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.starts_with("# 关于杭州市“十五五”规划主要指标2026年度监测情况的报告\n\n说明：本报告为"),
        "{md}"
    );
    let signed = md.find("杭州市发展和改革委员会  \n2026年12月3日").unwrap();
    assert!(signed < md.find("## 附录一").unwrap());
    assert!(document.contains("2026年12月3日"));

    // The annual report of 2026, dated a day no calendar has.
    let annual_2026 = ["report", "--kind", "annual", "--as-of", "2026"];
    planwatch()
        .args(annual_2026)
        .args(["--date", "2026-13-01", "--out"])
        .arg(tmp.path().join("bad"))
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "成文日期“2026-13-01”不是日期：应写成 YYYY-MM-DD",
        ));
}

/// Numbers with more than two decimals in a text, addresses (digits after a letter, slash, underscore or dot)
/// left aside.
fn long_decimals(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            && (i == 0
                || !(chars[i - 1].is_ascii_alphanumeric() || "/_.=?&-".contains(chars[i - 1])));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if chars.get(i) == Some(&'.') {
            let mut end = i + 1;
            while end < chars.len() && chars[end].is_ascii_digit() {
                end += 1;
            }
            let address = chars.get(end) == Some(&'.')
                || chars.get(end).is_some_and(char::is_ascii_alphabetic);
            if end - i - 1 > 2 && !address {
                out.push(
                    chars[start.saturating_sub(12)..(end + 4).min(chars.len())]
                        .iter()
                        .collect(),
                );
            }
            i = end;
        }
    }
    out
}

/// Lines whose brackets and quotation marks do not pair: "（初步数；来源 …" without its "）".
fn unbalanced(text: &str) -> Vec<String> {
    const PAIRS: [(char, char); 7] = [
        ('（', '）'),
        ('(', ')'),
        ('《', '》'),
        ('〈', '〉'),
        ('“', '”'),
        ('【', '】'),
        ('〔', '〕'),
    ];
    text.lines()
        .filter(|line| {
            let mut open: Vec<char> = Vec::new();
            for c in line.chars() {
                if let Some((_, close)) = PAIRS.iter().find(|(o, _)| *o == c) {
                    open.push(*close);
                } else if PAIRS.iter().any(|(_, cl)| *cl == c) && open.pop() != Some(c) {
                    return true;
                }
            }
            !open.is_empty()
        })
        .map(str::to_string)
        .collect()
}

/// Differences of rates written in %: "差 0.8%", "差 +0.2%", "（差−0.3%）"; a share of the target that says so
/// is left aside.
fn gaps_in_percent(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '差') {
        let mut i = at + 1;
        while chars.get(i).is_some_and(|c| *c == ' ') {
            i += 1;
        }
        if chars.get(i).is_some_and(|c| "+-−".contains(*c)) {
            i += 1;
        }
        let start = i;
        while chars
            .get(i)
            .is_some_and(|c| c.is_ascii_digit() || *c == '.')
        {
            i += 1;
        }
        // A gap as a share of the target says so ("尚差5.67%（占目标值）"): a ratio, not a difference of rates.
        let share = chars[(i + 1).min(chars.len())..]
            .iter()
            .take(2)
            .collect::<String>()
            == "（占";
        if i > start && chars.get(i) == Some(&'%') && !share {
            out.push(chars[at.saturating_sub(12)..=i].iter().collect());
        }
    }
    out
}

/// Whether `id` stands in `text` as a word of its own (not inside a longer word or an address).
fn has_word(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        let apart =
            |c: Option<char>| c.is_none_or(|c| !(c.is_ascii_alphanumeric() || "_-/.".contains(c)));
        apart(before) && apart(after)
    })
}

/// The text of report.html without its markup and inline charts.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        let close = if rest.starts_with("<svg") {
            rest.find("</svg>").map(|e| e + 6)
        } else if rest.starts_with("<style") {
            rest.find("</style>").map(|e| e + 8)
        } else {
            rest.find('>').map(|e| e + 1)
        };
        rest = &rest[close.unwrap_or(rest.len())..];
        text.push(' ');
    }
    text.push_str(rest);
    text
}

#[test]
fn no_tool_names_latin_ids_or_long_decimals_in_any_report() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_in_year_figures();
    let reports: [(&str, &str, &str, Option<&Path>); 5] = [
        ("hangzhou-15th", "annual", "2026", None),
        ("hangzhou-15th", "midterm", "2028", None),
        ("hangzhou-14th", "midterm", "2023", None),
        ("hangzhou-14th", "final", "2025", None),
        ("hangzhou-15th", "execution", "2026H1", Some(data.path())),
    ];
    let python = found("python3", "--version");
    for (plan, kind, as_of, data) in reports {
        let out = tmp.path().join(format!("{plan}-{kind}"));
        let mut cmd = planwatch();
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        cmd.args([
            "--plan", plan, "report", "--kind", kind, "--as-of", as_of, "--out",
        ])
        .arg(&out)
        .assert()
        .success();
        let mut ids: Vec<String> = support::json(&["--plan", plan, "list", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["id"].as_str().map(str::to_string))
            .collect();
        if kind == "execution" {
            let mut annual = planwatch();
            let annual = annual
                .arg("--data")
                .arg(data.unwrap())
                .args(["annual", "--as-of", as_of, "--format", "json"])
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&annual.stdout).unwrap();
            ids.extend(
                v["indicators"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|l| l["id"].as_str().map(str::to_string)),
            );
        }
        let md: String = std::fs::read_to_string(out.join("report.md"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("!["))
            .collect::<Vec<_>>()
            .join("\n");
        let mut texts = vec![
            ("report.md", md),
            (
                "report.html",
                html_text(&std::fs::read_to_string(out.join("report.html")).unwrap()),
            ),
        ];
        if python {
            let docx: String = docx_text(&out.join("report.docx"), false)
                .into_iter()
                .map(|(l, _)| l)
                .collect::<Vec<_>>()
                .join("\n");
            texts.push(("report.docx", docx));
        }
        for (file, text) in &texts {
            assert!(
                !text.to_lowercase().contains("planwatch"),
                "{plan} {kind}: {file} names the tool"
            );
            for id in ids
                .iter()
                .filter(|id| id.chars().any(|c| c.is_ascii_alphabetic()))
            {
                assert!(
                    !has_word(text, id),
                    "{plan} {kind}: {file} shows the id {id}"
                );
            }
            let open = unbalanced(text);
            assert!(
                open.is_empty(),
                "{plan} {kind}: {file} has brackets that do not close: {open:#?}"
            );
            let percent = gaps_in_percent(text);
            assert!(
                percent.is_empty(),
                "{plan} {kind}: {file} gives differences of rates in %: {percent:?}"
            );
            let long = long_decimals(text);
            assert!(
                long.is_empty(),
                "{plan} {kind}: {file} has numbers with more than two decimals: {long:?}"
            );
        }
    }
}

#[test]
fn the_scan_finds_long_decimals_and_ids() {
    assert_eq!(
        long_decimals("区间 34.0079–41.79，show-508194.html，v1.234.5").len(),
        1
    );
    assert!(long_decimals("34.01 content_8680215_0.htm").is_empty());
    assert!(has_word(
        "指标 retail_sales_growth 增长",
        "retail_sales_growth"
    ));
    assert!(!has_word("retail_sales_growth", "retail_sales"));
    assert_eq!(
        unbalanced(
            "基期 GDP（初步数；来源 reportify.cn/news/1\n（2025年）“5%以上”\n《关于〈纲要〉的报告》)"
        ),
        [
            "基期 GDP（初步数；来源 reportify.cn/news/1",
            "《关于〈纲要〉的报告》)"
        ]
    );
    assert_eq!(
        gaps_in_percent(
            "低于目标线 5%（差 0.8%），差 +0.2%，差 0.2个百分点，相差2倍，尚差5.67%（占目标值）"
        ),
        ["低于目标线 5%（差 0.8%", " 5%（差 0.8%），差 +0.2%"]
    );
    assert_eq!(
        html_text("<p>a<svg><text>1.2345</text></svg>b</p>").trim(),
        "a b"
    );
}

/// The exported workbook prints: every sheet A4 landscape, one page wide, the header row repeated, the header and
/// the name column frozen; LibreOffice prints the whole workbook on a few pages, each with its header row.
#[test]
fn the_exported_workbook_prints_one_page_wide() {
    if !found("python3", "--version") {
        eprintln!("跳过：需要 python3 读取导出的工作簿");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let xlsx = tmp.path().join("export.xlsx");
    planwatch()
        .arg("export")
        .arg("--out")
        .arg(&xlsx)
        .assert()
        .success();
    let status = docx_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        status.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "{status}"
    );
    assert!(
        status.contains("paperSize=\"9\"")
            && status.contains("fitToHeight=\"0\"")
            && status.contains("orientation=\"landscape\""),
        "{status}"
    );
    // 序号 and 指标 stay in view with the header row.
    assert!(
        status.contains("<pane xSplit=\"2\" ySplit=\"1\""),
        "{status}"
    );
    let book = docx_part(&xlsx, "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles\" localSheetId=\"0\">指标状态!$1:$1"),
        "{book}"
    );

    if !found("soffice", "--version") || !found("pdftotext", "-v") {
        eprintln!("跳过打印检查：需要 LibreOffice 和 pdftotext");
        return;
    }
    let pdf = to_pdf(&xlsx, &tmp.path().join("lo-profile"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    // Three sheets, each one page wide: a page or two each, where 19 pages were before.
    assert!(pages.len() <= 6, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("序号"),
            "page {} has no header row:\n{page}",
            n + 1
        );
    }
}
