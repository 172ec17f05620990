//! The document as one self-contained HTML file: charts inline as SVG, a small print-friendly style sheet, no
//! script and nothing fetched from the network (the content security policy forbids it). Every string from the
//! data is escaped.

use super::charts::Drawn;
use super::document::{Block, Document, Table};
use crate::text::display_width;

const STYLE: &str = r#"
@page { size: A4 portrait; margin: 2.2cm 2cm; }
@page wide { size: A4 landscape; margin: 2cm 2cm; }
body { margin: 0; background: #fff; color: #222; font: 15px/1.75 "FangSong", "仿宋", "Noto Serif CJK SC", "Songti SC", "SimSun", serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.4; }
h1 { font-size: 24px; text-align: center; margin: 12px 0 18px; }
h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #bbb; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 8px; }
p, li { overflow-wrap: break-word; }
p { text-indent: 2em; margin: 6px 0; }
.meta { color: #555; margin: 0 0 16px; font-size: 13px; }
.signature { margin: 24px 4em 18px 0; text-align: right; }
.signature p { text-indent: 0; margin: 0; }
.signature .placeholder { display: inline-block; }
ul { margin: 6px 0 6px 1.2em; padding-left: 1em; }
.table { overflow-x: auto; margin: 8px 0 14px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; line-height: 1.45; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; }
th { background: #f0f0f0; font-weight: bold; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.long { overflow-wrap: anywhere; }
td.nw { white-space: nowrap; }
figure { margin: 12px 0 18px; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: #444; }
.placeholder { text-indent: 0; border: 1px dashed #c00; color: #c00; padding: 6px 10px; margin: 8px 0; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 14px; }
  table { font-size: 11px; }
  .table.wide { page: wide; }
  h2 { page-break-after: avoid; break-after: avoid; }
  .table { overflow: visible; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
}
"#;

pub fn render(doc: &Document, charts: &Drawn) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&doc.title)
    ));
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 6);
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", escape(text))),
            Block::Meta(sentences) => out.push_str(&format!(
                "<p class=\"meta\">{}</p>\n",
                escape(&super::document::note(sentences))
            )),
            Block::Signature(signature) => {
                out.push_str("<div class=\"signature\">\n");
                for (line, given) in signature.lines() {
                    let class = if given { "" } else { " class=\"placeholder\"" };
                    out.push_str(&format!("<p{class}>{}</p>\n", escape(&line)));
                }
                out.push_str("</div>\n");
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", escape(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => out.push_str(&render_table(table)),
            Block::Chart { stem, caption } => {
                out.push_str(&format!("<figure id=\"chart-{}\">\n", escape(stem)));
                match charts.get(stem) {
                    Some(chart) => out.push_str(&chart.svg),
                    None => out.push_str(&format!("<p>（图表 {} 未生成）</p>\n", escape(stem))),
                }
                out.push_str(&format!(
                    "<figcaption>{}</figcaption>\n</figure>\n",
                    escape(caption)
                ));
            }
            Block::Placeholder(text) => {
                out.push_str(&format!("<p class=\"placeholder\">{}</p>\n", escape(text)))
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn render_table(table: &Table) -> String {
    let widths: Vec<usize> = (0..table.headers.len())
        .map(|i| {
            table
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| display_width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let total: usize = widths
        .iter()
        .zip(&table.headers)
        .map(|(w, h)| (*w).max(display_width(h)).min(40))
        .sum();
    // Tables too wide for a portrait page (many columns, or long sources) print on landscape pages.
    let class = if table.headers.len() >= 12 || total > 130 {
        "table wide"
    } else {
        "table"
    };
    let mut out = format!("<div class=\"{class}\"><table>\n<thead><tr>");
    for (i, h) in table.headers.iter().enumerate() {
        let numeric = table.numeric.get(i).copied().unwrap_or(false);
        // A text column is never narrower than four characters or its longest cell, whichever is less, so that
        // a name does not wrap one character a line; numbers do not wrap at all.
        let min = if numeric {
            0
        } else {
            widths[i].min(16).max(display_width(h)).div_ceil(2)
        };
        if min > 0 {
            out.push_str(&format!(
                "<th style=\"min-width:{min}em\">{}</th>",
                escape(h)
            ));
        } else {
            out.push_str(&format!("<th>{}</th>", escape(h)));
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, _) in table.headers.iter().enumerate() {
            let cell = row.get(i).map_or("", String::as_str);
            let class = if table.numeric.get(i).copied().unwrap_or(false) {
                " class=\"num\""
            } else if cell.is_ascii() && cell.len() <= 24 {
                // Dates and codes ("2026-11-23") stay on one line.
                " class=\"nw\""
            } else if longest_latin_run(cell) > 24 {
                // A web address may break anywhere rather than widen its column past the page.
                " class=\"long\""
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{}</td>", escape(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    out
}

/// The longest run of characters without a break opportunity for Latin text.
fn longest_latin_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii() || c.is_ascii_whitespace())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// Escapes text for an HTML element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn a_document_renders_without_scripts_or_links() {
        let mut doc = Document {
            title: "<t>".into(),
            blocks: Vec::new(),
        };
        doc.heading(1, "<script>");
        doc.paragraph("a & b");
        let html = render(&doc, &Drawn::default());
        assert!(html.contains("<title>&lt;t&gt;</title>"));
        assert!(html.contains("<h1>&lt;script&gt;</h1>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("http://") && !html.contains("https://"));
    }
}
