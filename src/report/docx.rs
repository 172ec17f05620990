//! The document as a Word file (report.docx), laid out after the national standard for official documents
//! (GB/T 9704-2012) where it fits a report: A4, margins of 37 mm (top) and 28 mm (binding side) around a 156 × 225 mm
//! type area, the title in 小标宋 (二号), level-1 headings in 黑体 and level-2 in 楷体, the body in 仿宋 三号 (16 pt)
//! at a fixed line spacing of 28.95 pt (22 lines a page), page numbers "— 1 —" at the foot. Headings use Word's own
//! heading styles (标题 1/2/3) so that the navigation pane and a table of contents work; tables are real tables whose
//! header row repeats on every page; charts are the PNG figures with their captions. Every font is named in the
//! East-Asian slot too, so that Word and WPS pick it for Chinese text.

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, PageOrientationType, PageSize, Paragraph, Pic, Run, RunFonts,
    SectionProperty, Shading, SpecialIndentType, Style, StyleType, Table as DocxTable, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
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
/// The type area turned on its side for a table too wide for it: 297 mm less margins of 37 and 35 mm.
const LANDSCAPE_WIDTH_MM: f64 = 225.0;

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

/// "— 1 —" at the foot of the page (GB/T 9704-2012 7.5): 四号, on odd pages at the right and on even pages at the
/// left, one character from the edge of the type area.
fn footer(odd: bool) -> Footer {
    let dash = |t: &str| Run::new().add_text(t).fonts(fonts(BODY_FONT)).size(28);
    let (align, indent) = if odd {
        (AlignmentType::Right, (None, Some(280)))
    } else {
        (AlignmentType::Left, (Some(280), None))
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(align)
            .indent(indent.0, None, indent.1, None)
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

/// Two characters of the body's 三号 (16 pt) in twips: the first-line indent of GB/T 9704.
const TWO_CHARACTERS: i32 = 640;

/// A paragraph indented two characters on its first line.
fn indented(p: Paragraph) -> Paragraph {
    p.indent(
        None,
        Some(SpecialIndentType::FirstLine(TWO_CHARACTERS)),
        None,
        None,
    )
}

/// The appendices' text (method, working, notes) in 小四 (12 pt) on a 20 pt line, indented two of its characters:
/// reference matter, set smaller than the report's own text.
const APPENDIX_SIZE: usize = 24;
const APPENDIX_LINE: i32 = 400;
/// Charts of the appendices are set narrower, three to a page.
const APPENDIX_CHART_MM: f64 = 110.0;

fn appendix_body(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Normal")
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(
                2 * 20 * APPENDIX_SIZE as i32 / 2,
            )),
            None,
            None,
        )
        .line_spacing(exact(APPENDIX_LINE))
        // Flush left: formulas and addresses do not break, and justified lines would spread them apart.
        .align(AlignmentType::Left)
        .keep_next(text.ends_with('：'))
        .add_run(Run::new().add_text(text).size(APPENDIX_SIZE))
}

fn body(text: &str) -> Paragraph {
    indented(Paragraph::new().style("Normal"))
        // A paragraph that introduces a table or list stays with it.
        .keep_next(text.ends_with('：'))
        .add_run(Run::new().add_text(text))
}

/// A4 in portrait with the margins of GB/T 9704, or turned for a wide table (the binding side stays left).
fn margins(landscape: bool) -> PageMargin {
    let (top, bottom, left, right) = if landscape {
        (28.0, 26.0, 37.0, 35.0)
    } else {
        (37.0, 35.0, 28.0, 26.0)
    };
    PageMargin::new()
        .top(mm(top))
        .bottom(mm(bottom))
        .left(mm(left))
        .right(mm(right))
        .header(mm(15.0))
        .footer(mm(20.0))
}

/// The properties of a section that ends before the body's last one (portrait, or landscape for a wide table).
fn section(landscape: bool) -> SectionProperty {
    let size = if landscape {
        PageSize::new()
            .size(16838, 11906)
            .orient(PageOrientationType::Landscape)
    } else {
        PageSize::new().size(11906, 16838)
    };
    SectionProperty::new()
        .page_size(size)
        .page_margin(margins(landscape))
}

/// Copies the footer references of the body's last section into every earlier one, so that a page of any section
/// has its page number (docx-rs writes them for the last section only).
fn footers_in_every_section(document: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let Some(last) = text.rfind("<w:sectPr>") else {
        return document.to_vec();
    };
    let references: String = text[last..]
        .split('<')
        .filter(|t| t.starts_with("w:footerReference"))
        .map(|t| format!("<{t}"))
        .collect();
    if references.is_empty() {
        return document.to_vec();
    }
    let (earlier, rest) = text.split_at(last);
    format!(
        "{}{rest}",
        earlier.replace("<w:sectPr>", &format!("<w:sectPr>{references}"))
    )
    .into_bytes()
}

/// Renders the document; charts without a PNG (no CJK font) keep their caption only.
pub fn render(doc: &Document, charts: &Drawn) -> Result<Vec<u8>, Error> {
    let mut docx = styles(
        Docx::new()
            .page_size(11906, 16838)
            .page_margin(margins(false))
            .default_fonts(fonts(BODY_FONT))
            .default_size(BODY_SIZE),
    )
    .footer(footer(true))
    .even_footer(footer(false));
    let mut pictures = 0;
    let mut appendix = false;
    let text = |appendix: bool, t: &str| {
        if appendix { appendix_body(t) } else { body(t) }
    };
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                appendix |= *level == 2 && text.starts_with("附录");
                let style = match level {
                    1 => "Title",
                    2 => "Heading1",
                    3 => "Heading2",
                    _ => "Heading3",
                };
                let mut run = Run::new().add_text(text);
                let mut p = Paragraph::new().style(style).keep_next(true);
                if appendix && *level > 2 {
                    // An appendix's items (each indicator's working) head their lines at the appendix's size.
                    run = run.size(APPENDIX_SIZE);
                    p = p.line_spacing(exact(APPENDIX_LINE));
                }
                let mut p = p.add_run(run);
                if *level > 1 {
                    p = indented(p);
                }
                docx = docx.add_paragraph(p);
            }
            Block::Paragraph(t) => docx = docx.add_paragraph(text(appendix, t)),
            Block::Meta(sentences) => {
                docx = docx.add_paragraph(body(&super::document::note(sentences)));
            }
            Block::Signature(signature) => {
                // 发文机关署名 above 成文日期, right-aligned with four characters to spare, after a blank line.
                docx = docx.add_paragraph(Paragraph::new().style("Normal"));
                for (line, given) in signature.lines() {
                    let mut run = Run::new().add_text(line);
                    if !given {
                        run = run.bold().color("C00000");
                    }
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .style("Normal")
                            .align(AlignmentType::Right)
                            .indent(None, None, Some(2 * TWO_CHARACTERS), None)
                            .add_run(run),
                    );
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    docx = docx.add_paragraph(text(appendix, item));
                }
            }
            Block::Table(table) => {
                let (table, landscape) = table_of(table);
                let spacer = Paragraph::new().style("Normal").line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240),
                );
                if landscape {
                    // The pages before end here (portrait); the table's own section is landscape.
                    docx = docx
                        .add_paragraph(spacer.clone().section_property(section(false)))
                        .add_table(table)
                        .add_paragraph(spacer.section_property(section(true)));
                } else {
                    docx = docx.add_table(table).add_paragraph(spacer);
                }
            }
            Block::Chart { stem, caption } => {
                if let Some(png) = charts.get(stem).and_then(|c| c.png.as_ref())
                    && let Some((w, h)) = png_size(png)
                {
                    pictures += 1;
                    let width = if appendix {
                        APPENDIX_CHART_MM
                    } else {
                        TEXT_WIDTH_MM
                    } * EMU_PER_MM;
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
                    indented(Paragraph::new().style("Normal"))
                        .add_run(Run::new().add_text(text).bold().color("C00000")),
                );
            }
        }
    }
    let mut xml = docx.build();
    xml.document = repeat_header_rows(&xml.document);
    xml.document = footers_in_every_section(&xml.document);
    xml.styles = one_normal_style(&xml.styles);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::Usage(format!("无法生成 Word 文档：{e}")))?;
    Ok(out.into_inner())
}

fn cell(text: &str, numeric: bool, header: bool, width: usize) -> TableCell {
    let inner = width.saturating_sub(CELL_PADDING);
    // A cell whose pieces Word could split (a number run into Chinese: "2025年") gets its lines broken here, between
    // pieces; any other cell is left to Word, which breaks only where the pieces end.
    let lines = if has_fragile_piece(text) {
        cell_lines(text, inner, header)
    } else {
        vec![text.to_string()]
    };
    let mut run = Run::new();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
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
    let mut c = TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .style("TableText")
                .align(align)
                .add_run(run),
        )
        .width(width, WidthType::Dxa);
    if header {
        c = c.shading(Shading::new().fill("F0F0F0"));
    }
    c
}

/// The table, and whether it needs a landscape page: its columns within the 156 mm type area where its pieces fit
/// side by side, else within the 225 mm of a landscape page.
fn table_of(table: &Table) -> (DocxTable, bool) {
    let numeric = |i: usize| table.numeric.get(i).copied().unwrap_or(false);
    let (widths, landscape) = match fit_columns(table, mm(TEXT_WIDTH_MM) as usize) {
        Some(w) => (w, false),
        None => {
            let total = mm(LANDSCAPE_WIDTH_MM) as usize;
            let widths = fit_columns(table, total).unwrap_or_else(|| {
                // Wider than a landscape page: every column in proportion to its widest piece.
                let least: Vec<usize> = (0..table.headers.len())
                    .map(|i| column_needs(table, i).0)
                    .collect();
                let sum: usize = least.iter().sum::<usize>().max(1);
                least.iter().map(|m| m * total / sum).collect()
            });
            (widths, true)
        }
    };
    let width = |i: usize| widths.get(i).copied().unwrap_or(0);
    let mut rows = vec![TableRow::new(
        table
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| cell(h, numeric(i), true, width(i)))
            .collect(),
    )];
    for row in &table.rows {
        rows.push(
            TableRow::new(
                (0..table.headers.len())
                    .map(|i| {
                        cell(
                            row.get(i).map_or("", String::as_str),
                            numeric(i),
                            false,
                            width(i),
                        )
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    (
        DocxTable::new(rows)
            .set_grid(widths.clone())
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, CELL_MARGIN, 0, CELL_MARGIN))
            .width(widths.iter().sum(), WidthType::Dxa),
        landscape,
    )
}

/// Twips a piece of text takes at 9 pt (table text): a Chinese character is 180, Latin capitals about 140, digits
/// and small letters 115 — wide enough for DejaVu Serif, which a machine without Times New Roman substitutes, so
/// that a line measured to fit does.
fn text_twips(text: &str, bold: bool) -> usize {
    let plain: usize = text
        .chars()
        .map(
            |c| match crate::text::display_width(c.encode_utf8(&mut [0; 4])) {
                0 => 0,
                _ if "%‰—…".contains(c) => 180,
                1 if c.is_ascii_uppercase() => 140,
                1 if matches!(c, '.' | ',' | ' ' | ':' | ';' | '(' | ')' | '/') => 70,
                1 if c.is_ascii() => 115,
                1 => 150,
                _ => 180,
            },
        )
        .sum();
    if bold { plain * 11 / 10 } else { plain }
}

/// Characters a unit is made of, which stay with the number before them ("3350万人", "1万亿元", "2025年").
const UNIT_CHARS: &str = "万亿千百元人年月日季度个项家所岁倍米吨公顷里户张%‰/";
/// Characters that may not begin a line (they stay with what precedes them) and that may not end one.
const NO_LINE_START: &str = "）》”’」』】〕、，。；：！？%‰)]";
const NO_LINE_END: &str = "（《“‘「『【〔([";

/// The pieces of a cell's text no line may break: a number with its sign, decimals, unit and any closing bracket
/// ("+8.34%", "3350万人", "（2025年）"), a Latin word, or one Chinese character with the punctuation that clings to
/// it. Lines break only between pieces.
fn pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let narrow =
        |c: char| !c.is_whitespace() && crate::text::display_width(c.encode_utf8(&mut [0; 4])) == 1;
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut opening = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            // Spaces stay with the piece before them, so that the pieces put together are the text.
            match out.last_mut() {
                Some(last) if opening.is_empty() => last.push(c),
                _ => opening.push(c),
            }
            i += 1;
            continue;
        }
        if NO_LINE_END.contains(c) {
            opening.push(c);
            i += 1;
            continue;
        }
        let mut piece = std::mem::take(&mut opening);
        if narrow(c) {
            let start = i;
            while i < chars.len() && narrow(chars[i]) {
                piece.push(chars[i]);
                // A slash ends a piece where letters follow (a long address may break there, as Word breaks it).
                if chars[i] == '/' && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()) {
                    i += 1;
                    break;
                }
                i += 1;
            }
            if chars[start..i].iter().any(char::is_ascii_digit) {
                let mut unit = 0;
                while i < chars.len() && unit < 4 && UNIT_CHARS.contains(chars[i]) {
                    piece.push(chars[i]);
                    i += 1;
                    unit += 1;
                }
            }
        } else {
            piece.push(c);
            i += 1;
        }
        while i < chars.len() && NO_LINE_START.contains(chars[i]) {
            piece.push(chars[i]);
            i += 1;
        }
        out.push(piece);
    }
    if !opening.is_empty() {
        out.push(opening);
    }
    out
}

/// The cell margins of the tables, left and right (1.5 mm).
const CELL_MARGIN: usize = 85;
/// Twips of a cell's width that are not text: the margins and some slack.
const CELL_PADDING: usize = 2 * CELL_MARGIN + 50;

/// The lines a cell's text takes in a column `inner` twips wide, broken between pieces only; one line where the
/// text fits.
fn cell_lines(text: &str, inner: usize, bold: bool) -> Vec<String> {
    if text_twips(text, bold) <= inner {
        return vec![text.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces(text) {
        let candidate = format!("{line}{piece}");
        if !line.is_empty() && text_twips(candidate.trim_end(), bold) > inner {
            lines.push(line.trim_end().to_string());
            line = piece;
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Whether a cell's text holds a piece Word might break inside although no line should: a number run into Chinese
/// ("2025年", "3350万人") or a dash, hyphen or slash between characters ("5%—5.5%", "2026-03-23", "万元/人").
/// Such a cell's lines are broken explicitly, between pieces.
fn has_fragile_piece(text: &str) -> bool {
    pieces(text).iter().any(|p| {
        let p = p.trim_end();
        let inner: Vec<char> = p.chars().skip(1).collect();
        let inner = &inner[..inner.len().saturating_sub(1)];
        p.chars().any(|c| c.is_ascii_digit())
            && (p.chars().any(|c| {
                crate::text::display_width(c.encode_utf8(&mut [0; 4])) == 2
                    && UNIT_CHARS.contains(c)
            }) || inner.iter().any(|c| "-—–/".contains(*c)))
    })
}

/// A column's least width (its widest piece, its header up to four characters a line) and the width that holds
/// every cell on one line, in twips.
fn column_needs(table: &Table, i: usize) -> (usize, usize) {
    let header = table.headers.get(i).map_or("", String::as_str);
    let cells = || {
        table
            .rows
            .iter()
            .filter_map(move |r| r.get(i).map(String::as_str))
    };
    let widest_piece = cells()
        .flat_map(pieces)
        .map(|p| text_twips(p.trim_end(), false))
        .chain(
            pieces(header)
                .iter()
                .map(|p| text_twips(p.trim_end(), true)),
        )
        .max()
        .unwrap_or(0);
    // A header of three characters or more may take two lines ("完成/" "时间").
    let header_line = text_twips(header, true)
        .div_ceil(2)
        .max(text_twips(header, true).min(2 * 198));
    let widest = cells()
        .map(|c| text_twips(c, false))
        .chain(std::iter::once(text_twips(header, true)))
        .max()
        .unwrap_or(0);
    let least = widest_piece.max(header_line).max(2 * 180) + CELL_PADDING;
    (least, (widest + CELL_PADDING).max(least))
}

/// Column widths in twips within `total`, or `None` when the table's pieces cannot fit in it side by side. Each
/// column gets at least its widest piece (numbers, units and periods never break) and its header up to four
/// characters a line; the rest goes, a step at a time, to the column that saves the table the most lines for the
/// width it takes, and what remains in proportion to what each column still wants.
fn fit_columns(table: &Table, total: usize) -> Option<Vec<usize>> {
    let columns = table.headers.len();
    let (minimum, wish): (Vec<usize>, Vec<usize>) =
        (0..columns).map(|i| column_needs(table, i)).unzip();
    let floor: usize = minimum.iter().sum();
    if floor > total {
        return None;
    }
    let mut widths = minimum.clone();
    let mut spare = total - floor;
    // The lines each row takes in column `i` at width `w`, the header first.
    let lines = |i: usize, w: usize| -> Vec<usize> {
        let inner = w.saturating_sub(CELL_PADDING);
        let header = table.headers.get(i).map_or("", String::as_str);
        std::iter::once(cell_lines(header, inner, true).len())
            .chain(
                table
                    .rows
                    .iter()
                    .map(|r| cell_lines(r.get(i).map_or("", String::as_str), inner, false).len()),
            )
            .collect()
    };
    let mut current: Vec<Vec<usize>> = (0..columns).map(|i| lines(i, widths[i])).collect();
    let height = |cols: &[Vec<usize>], i: usize, with: &[usize]| -> usize {
        (0..with.len())
            .map(|r| {
                cols.iter()
                    .enumerate()
                    .map(|(j, c)| if j == i { with[r] } else { c[r] })
                    .max()
                    .unwrap_or(1)
            })
            .sum()
    };
    // The spare width in steps, each to the column that saves the most lines of the table for the width it takes.
    let step = (spare / 24).max(mm(1.0) as usize);
    loop {
        let now: usize = (0..=table.rows.len())
            .map(|r| current.iter().map(|c| c[r]).max().unwrap_or(1))
            .sum();
        let mut best: Option<(f64, usize, usize, Vec<usize>)> = None;
        for i in 0..columns {
            let room = (wish[i] - widths[i]).min(spare);
            let mut extra = step.min(room);
            while extra > 0 {
                let with = lines(i, widths[i] + extra);
                let h = height(&current, i, &with);
                if h < now {
                    let gain = (now - h) as f64 / extra as f64;
                    if best.as_ref().is_none_or(|b| gain > b.0) {
                        best = Some((gain, i, extra, with));
                    }
                    break;
                }
                if extra == room {
                    break;
                }
                extra = (extra + step).min(room);
            }
        }
        let Some((_, i, extra, with)) = best else {
            break;
        };
        widths[i] += extra;
        spare -= extra;
        current[i] = with;
    }
    let wanted: usize = (0..columns).map(|i| wish[i] - widths[i]).sum();
    if wanted > 0 {
        let share: Vec<usize> = (0..columns)
            .map(|i| (wish[i] - widths[i]) * spare / wanted)
            .collect();
        for (w, s) in widths.iter_mut().zip(share) {
            *w += s;
        }
    } else if columns > 0 {
        // Everything fits on one line: the rest in proportion to each column's width.
        let sum: usize = widths.iter().sum();
        let share: Vec<usize> = widths.iter().map(|w| w * spare / sum.max(1)).collect();
        for (w, s) in widths.iter_mut().zip(share) {
            *w += s;
        }
    }
    Some(widths)
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
