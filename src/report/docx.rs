//! The document as a Word file (report.docx), laid out after the national standard for official documents
//! (GB/T 9704-2012) where it fits a report: A4, margins of 37 mm (top) and 28 mm (binding side) around a 156 × 225 mm
//! type area, the title in 小标宋 (二号), level-1 headings in 黑体 and level-2 in 楷体, the body in 仿宋 三号 (16 pt)
//! at a fixed line spacing of 28.95 pt (22 lines a page), page numbers "— 1 —" at the foot. Headings use Word's own
//! heading styles (标题 1/2/3) so that the navigation pane and a table of contents work; tables are real tables whose
//! header row repeats on every page; charts are the PNG figures with their captions. Every font is named in the
//! East-Asian slot too, so that Word and WPS pick it for Chinese text.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Pic, Run, RunFonts, Shading, Style, StyleType, Table as DocxTable,
    TableCell, TableLayoutType, TableRow, WidthType,
};

use super::charts::Drawn;
use super::document::{Block, Document, Table};
use crate::error::Error;

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f64 = 56.692_913;
/// EMU per millimetre (pictures).
const EMU_PER_MM: f64 = 36_000.0;
/// The type area of GB/T 9704-2012: 156 mm wide.
const TEXT_WIDTH_MM: f64 = 156.0;

const TITLE_FONT: &str = "方正小标宋简体";
const HEADING1_FONT: &str = "黑体";
const HEADING2_FONT: &str = "楷体_GB2312";
const BODY_FONT: &str = "仿宋_GB2312";
const LATIN_FONT: &str = "Times New Roman";
/// Half-points: 三号 16 pt body, 二号 22 pt title, 小五 9 pt in tables and captions 四号 14 pt.
const BODY_SIZE: usize = 32;
const TITLE_SIZE: usize = 44;
const TABLE_SIZE: usize = 18;
const CAPTION_SIZE: usize = 28;
/// 28.95 pt: 22 lines on the 225 mm type area.
const BODY_LINE: i32 = 579;

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .hint("eastAsia")
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, level: usize, font: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level)
            .fonts(fonts(font))
            .size(BODY_SIZE)
            .line_spacing(exact(BODY_LINE))
            .indent(None, None, None, None)
    };
    docx.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .fonts(fonts(BODY_FONT))
            .size(BODY_SIZE)
            .line_spacing(exact(BODY_LINE))
            .align(AlignmentType::Both),
    )
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(fonts(TITLE_FONT))
            .size(TITLE_SIZE)
            .line_spacing(exact(mm(15.0)))
            .align(AlignmentType::Center),
    )
    .add_style(heading("Heading1", "heading 1", 0, HEADING1_FONT))
    .add_style(heading("Heading2", "heading 2", 1, HEADING2_FONT))
    .add_style(heading("Heading3", "heading 3", 2, BODY_FONT).bold())
    .add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .q_format(true)
            .fonts(fonts(BODY_FONT))
            .size(CAPTION_SIZE)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240)
                    .after(120),
            )
            .align(AlignmentType::Center),
    )
    .add_style(
        Style::new("TableText", StyleType::Paragraph)
            .name("Table Text")
            .based_on("Normal")
            .fonts(fonts(BODY_FONT))
            .size(TABLE_SIZE)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            )
            .align(AlignmentType::Left),
    )
}

/// "— 1 —", centred at the foot of every page.
fn footer() -> Footer {
    let dash = |t: &str| Run::new().add_text(t).fonts(fonts(BODY_FONT)).size(28);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(dash("— "))
            .add_run(
                Run::new()
                    .fonts(fonts(BODY_FONT))
                    .size(28)
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                    .add_field_char(FieldCharType::Separate, false)
                    .add_text("1")
                    .add_field_char(FieldCharType::End, false),
            )
            .add_run(dash(" —")),
    )
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Normal")
        .first_line_chars(200)
        .add_run(Run::new().add_text(text))
}

/// Renders the document; charts without a PNG (no CJK font) keep their caption only.
pub fn render(doc: &Document, charts: &Drawn) -> Result<Vec<u8>, Error> {
    let mut docx = styles(
        Docx::new()
            .page_size(11906, 16838)
            .page_margin(
                PageMargin::new()
                    .top(mm(37.0))
                    .bottom(mm(35.0))
                    .left(mm(28.0))
                    .right(mm(26.0))
                    .header(mm(15.0))
                    .footer(mm(20.0)),
            )
            .default_fonts(fonts(BODY_FONT))
            .default_size(BODY_SIZE),
    )
    .footer(footer());
    let mut pictures = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = match level {
                    1 => "Title",
                    2 => "Heading1",
                    3 => "Heading2",
                    _ => "Heading3",
                };
                let mut p = Paragraph::new()
                    .style(style)
                    .keep_next(true)
                    .add_run(Run::new().add_text(text));
                if *level > 1 {
                    p = p.first_line_chars(200);
                }
                docx = docx.add_paragraph(p);
            }
            Block::Paragraph(text) => docx = docx.add_paragraph(body(text)),
            Block::Meta(lines) => {
                for line in lines {
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .style("Normal")
                            .add_run(Run::new().add_text(line).size(28)),
                    );
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    docx = docx.add_paragraph(body(item));
                }
            }
            Block::Table(table) => {
                docx = docx.add_table(table_of(table)).add_paragraph(
                    Paragraph::new().style("Normal").line_spacing(
                        LineSpacing::new()
                            .line_rule(LineSpacingType::Auto)
                            .line(240),
                    ),
                );
            }
            Block::Chart { stem, caption } => {
                if let Some(png) = charts.get(stem).and_then(|c| c.png.as_ref())
                    && let Some((w, h)) = png_size(png)
                {
                    pictures += 1;
                    let width = TEXT_WIDTH_MM * EMU_PER_MM;
                    let height = width * f64::from(h) / f64::from(w);
                    let pic = Pic::new_with_dimensions(png.clone(), w, h)
                        .id(format!("rIdImage{pictures}"))
                        .size(width.round() as u32, height.round() as u32);
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .keep_next(true)
                            .line_spacing(
                                LineSpacing::new()
                                    .line_rule(LineSpacingType::Auto)
                                    .line(240),
                            )
                            .add_run(Run::new().add_image(pic)),
                    );
                }
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .style("Caption")
                        .add_run(Run::new().add_text(caption)),
                );
            }
            Block::Placeholder(text) => {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .style("Normal")
                        .first_line_chars(200)
                        .add_run(Run::new().add_text(text).bold().color("C00000")),
                );
            }
        }
    }
    let mut xml = docx.build();
    xml.document = repeat_header_rows(&xml.document);
    xml.styles = one_normal_style(&xml.styles);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::Usage(format!("无法生成 Word 文档：{e}")))?;
    Ok(out.into_inner())
}

fn cell(text: &str, numeric: bool, header: bool) -> TableCell {
    let mut run = Run::new().add_text(text);
    if header {
        run = run.bold();
    }
    let align = if header {
        AlignmentType::Center
    } else if numeric {
        AlignmentType::Right
    } else {
        AlignmentType::Left
    };
    let mut c = TableCell::new().add_paragraph(
        Paragraph::new()
            .style("TableText")
            .align(align)
            .add_run(run),
    );
    if header {
        c = c.shading(Shading::new().fill("F0F0F0"));
    }
    c
}

fn table_of(table: &Table) -> DocxTable {
    let numeric = |i: usize| table.numeric.get(i).copied().unwrap_or(false);
    let widths = column_widths(table, mm(TEXT_WIDTH_MM) as usize);
    let width = |i: usize| widths.get(i).copied().unwrap_or(0);
    let mut rows = vec![TableRow::new(
        table
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| cell(h, numeric(i), true).width(width(i), WidthType::Dxa))
            .collect(),
    )];
    for row in &table.rows {
        rows.push(
            TableRow::new(
                (0..table.headers.len())
                    .map(|i| {
                        cell(row.get(i).map_or("", String::as_str), numeric(i), false)
                            .width(width(i), WidthType::Dxa)
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    DocxTable::new(rows)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// Column widths in twips that share `total`: each column gets at least its longest word (a run of Latin letters
/// and digits, or two Chinese characters) and the rest in proportion to its longest cell, capped so that one long
/// column (sources) cannot starve the others.
fn column_widths(table: &Table, total: usize) -> Vec<usize> {
    // Twips per display column at 9 pt: a Chinese character is 180 twips wide, a Latin one about half.
    const PER_COLUMN: usize = 90;
    const PADDING: usize = 230;
    let columns = table.headers.len().max(1);
    let cells = |i: usize| {
        std::iter::once(table.headers[i].as_str()).chain(
            table
                .rows
                .iter()
                .filter_map(move |r| r.get(i).map(String::as_str)),
        )
    };
    // The widest piece a line cannot break: a run of Latin letters, digits and their punctuation ("5.3", "2025",
    // "z.hangzhou.com.cn"), or one Chinese character.
    let longest_word = |text: &str| {
        text.split(|c: char| !c.is_ascii() || c.is_ascii_whitespace() || c == '/')
            .map(crate::text::display_width)
            .max()
            .unwrap_or(0)
            .min(24)
    };
    let minimum: Vec<usize> = (0..columns.min(table.headers.len()))
        .map(|i| {
            let header = crate::text::display_width(&table.headers[i]).min(8);
            let word = cells(i).map(longest_word).max().unwrap_or(0);
            let widest = cells(i)
                .skip(1)
                .map(crate::text::display_width)
                .max()
                .unwrap_or(0);
            // Numbers keep to one line where short; names get at least four characters a line.
            let numbers = if table.numeric.get(i).copied().unwrap_or(false) {
                widest.min(10)
            } else {
                widest.min(8)
            };
            header.max(word).max(numbers).max(4) * PER_COLUMN + PADDING
        })
        .collect();
    let wish: Vec<usize> = (0..minimum.len())
        .map(|i| {
            let widest = cells(i).map(crate::text::display_width).max().unwrap_or(2);
            widest.clamp(4, 40) * PER_COLUMN + PADDING
        })
        .collect();
    let floor: usize = minimum.iter().sum();
    if floor >= total || minimum.is_empty() {
        // Too many columns for the page: proportional to the minimum (Word wraps what does not fit).
        return minimum.iter().map(|m| m * total / floor.max(1)).collect();
    }
    let extra_wanted: usize = wish
        .iter()
        .zip(&minimum)
        .map(|(w, m)| w.saturating_sub(*m))
        .sum();
    let spare = total - floor;
    minimum
        .iter()
        .zip(&wish)
        .map(|(m, w)| {
            let want = w.saturating_sub(*m);
            if extra_wanted <= spare {
                m + want + (spare - extra_wanted) / minimum.len()
            } else {
                m + want * spare / extra_wanted
            }
        })
        .collect()
}

/// Marks the first row of every table as a header row that Word repeats on each page (`<w:tblHeader/>`); docx-rs
/// has no setter for it. Header rows are the only rows without `cantSplit`, so the first `<w:trPr>` after each
/// `<w:tbl>` is the header's.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let mut out = String::with_capacity(text.len() + 1024);
    let mut rest = text;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, after) = rest.split_at(at + "<w:tbl>".len());
        out.push_str(before);
        rest = after;
        if let Some(tr) = rest
            .find("<w:trPr>")
            .filter(|p| rest[..*p].matches("<w:tr>").count() == 1)
        {
            let (head, tail) = rest.split_at(tr + "<w:trPr>".len());
            out.push_str(head);
            out.push_str("<w:tblHeader />");
            rest = tail;
        } else if let Some(tr) = rest
            .find("<w:trPr />")
            .filter(|p| rest[..*p].matches("<w:tr>").count() == 1)
        {
            let (head, tail) = rest.split_at(tr);
            out.push_str(head);
            out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
            rest = &tail["<w:trPr />".len()..];
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

/// docx-rs writes a bare "Normal" style before the styles added; the body style replaces it and becomes the
/// default paragraph style (Word and python-docx look for `w:default="1"`).
fn one_normal_style(styles: &[u8]) -> Vec<u8> {
    const OPEN: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
    let Ok(text) = std::str::from_utf8(styles) else {
        return styles.to_vec();
    };
    if text.matches(OPEN).count() != 2 {
        return styles.to_vec();
    }
    let Some(first) = text.find(OPEN) else {
        return styles.to_vec();
    };
    let Some(end) = text[first..]
        .find("</w:style>")
        .map(|e| first + e + "</w:style>".len())
    else {
        return styles.to_vec();
    };
    let rest = text[end..].replacen(
        OPEN,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
        1,
    );
    format!("{}{rest}", &text[..first]).into_bytes()
}

/// Width and height of a PNG from its IHDR chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || !png.starts_with(&[137, 80, 78, 71, 13, 10, 26, 10]) {
        return None;
    }
    let w = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(png[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_row_of_each_table_repeats() {
        let xml = b"<w:tbl><w:tblPr /><w:tr><w:trPr /><w:tc /></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>";
        let out = String::from_utf8(repeat_header_rows(xml)).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 2);
        assert!(out.contains("<w:tr><w:trPr><w:tblHeader /></w:trPr><w:tc />"));
        assert!(out.contains("<w:trPr><w:cantSplit /></w:trPr>"));
    }

    #[test]
    fn the_body_style_is_the_only_normal_and_the_default() {
        let xml = br#"<w:styles><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /></w:style><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:sz w:val="32" /></w:style></w:styles>"#;
        let out = String::from_utf8(one_normal_style(xml)).unwrap();
        assert_eq!(out.matches("w:styleId=\"Normal\"").count(), 1);
        assert!(out.contains(r#"w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:sz"#));
    }

    #[test]
    fn png_dimensions_come_from_the_header() {
        let mut png = vec![137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13];
        png.extend(b"IHDR");
        png.extend(1200u32.to_be_bytes());
        png.extend(700u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((1200, 700)));
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
