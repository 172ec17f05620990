//! A first look at an .xlsx workbook before calamine reads it: the limits a 报送表 can hold are checked on the
//! zip's entries and the sheets' XML as a stream, so that a cell at XFD1048576, a zip bomb or a sheet of a
//! million rows is refused in Chinese before anything large is allocated. The same pass finds what calamine does
//! not say: which cells are formatted as percentages, and which formulas have no cached result.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufReader, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::column_letter;

/// The most rows a sheet may have (a 报送表 has one row per indicator and period).
pub const MAX_ROWS: u32 = 10_000;
/// The most columns a sheet may use.
pub const MAX_COLUMNS: u32 = 100;
/// The most bytes one entry of the workbook may inflate to.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes all entries together may inflate to.
pub const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;
/// The longest text a cell may hold, in bytes (the intake's text limit, in UTF-8 at most 4 bytes a character).
pub const MAX_TEXT_BYTES: usize = crate::intake::MAX_TEXT_CHARS * 4;

/// What the first look found, by sheet name: 0-based (row, column) of percent-formatted numbers, and the
/// formulas without a cached result.
#[derive(Debug, Default)]
pub struct Scan {
    pub percent: BTreeMap<String, BTreeSet<(u32, u32)>>,
    pub uncached: BTreeMap<String, Vec<(u32, u32)>>,
}

/// A 0-based (row, column) from a cell reference such as `I2` or `XFD1048576`.
pub fn cell_ref(text: &str) -> Option<(u32, u32)> {
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for b in text[..letters].bytes() {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = text[letters..].parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

/// Reads one entry through a cap: more than the limit is an error, whatever the zip's header declared.
fn entry_text<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    total: &mut u64,
) -> Result<Option<Vec<u8>>, String> {
    let Ok(entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("工作簿中的 {name} 已损坏（{}）", io_zh(&e)))?;
    check_size(name, bytes.len() as u64, total)?;
    Ok(Some(bytes))
}

fn io_zh(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::InvalidData => "数据无法解压",
        std::io::ErrorKind::UnexpectedEof => "文件不完整",
        _ => "读取失败",
    }
}

fn check_size(name: &str, n: u64, total: &mut u64) -> Result<(), String> {
    *total += n;
    if n > MAX_ENTRY_BYTES || *total > MAX_TOTAL_BYTES {
        return Err(format!(
            "工作簿解压后过大（{name} 超过 {} MiB 的上限）：报送表不会有这么多内容，可能是损坏或被构造的文件",
            MAX_ENTRY_BYTES / 1_048_576
        ));
    }
    Ok(())
}

fn xml_error(name: &str) -> String {
    format!("工作簿中的 {name} 不是有效的 XML：文件已损坏，请在 Excel/WPS 中重新保存")
}

/// Sheet names with their XML entries, in the workbook's order, and whether the workbook asks to be calculated
/// when opened (`fullCalcOnLoad`: its formulas' saved results are placeholders, as scripts write them).
fn sheets<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    total: &mut u64,
) -> Result<(Vec<(String, String)>, bool), String> {
    let mut full_calc = false;
    let mut targets = BTreeMap::new();
    if let Some(rels) = entry_text(zip, "xl/_rels/workbook.xml.rels", total)? {
        let mut reader = Reader::from_reader(rels.as_slice());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                        let path = match target.strip_prefix('/') {
                            Some(absolute) => absolute.to_string(),
                            None => format!("xl/{target}"),
                        };
                        targets.insert(id, path);
                    }
                }
                Ok(Event::Eof) => break,
                Err(_) => return Err(xml_error("xl/_rels/workbook.xml.rels")),
                _ => {}
            }
            buf.clear();
        }
    }
    let mut out = Vec::new();
    if let Some(book) = entry_text(zip, "xl/workbook.xml", total)? {
        let mut reader = Reader::from_reader(book.as_slice());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "calcPr" => {
                    full_calc = attr(&e, "fullCalcOnLoad").is_some_and(|v| v == "1" || v == "true");
                }
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                    let name = attr(&e, "name").unwrap_or_default();
                    if let Some(target) = attr(&e, "id").and_then(|id| targets.get(&id)) {
                        out.push((name, target.clone()));
                    }
                }
                Ok(Event::Eof) => break,
                Err(_) => return Err(xml_error("xl/workbook.xml")),
                _ => {}
            }
            buf.clear();
        }
    }
    Ok((out, full_calc))
}

/// Indices of the cell formats (`s="…"`) that show numbers as percentages.
fn percent_styles<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    total: &mut u64,
) -> Result<BTreeSet<usize>, String> {
    let mut out = BTreeSet::new();
    let Some(styles) = entry_text(zip, "xl/styles.xml", total)? else {
        return Ok(out);
    };
    let mut reader = Reader::from_reader(styles.as_slice());
    let mut buf = Vec::new();
    // Built-in 9 (0%) and 10 (0.00%); custom formats whose code has a % outside quotes.
    let mut percent_formats: BTreeSet<String> = ["9", "10"].map(String::from).into();
    let mut in_cell_xfs = false;
    let mut index = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "numFmt" => {
                if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                    let unquoted: String = code.split('"').step_by(2).collect();
                    if unquoted.contains('%') {
                        percent_formats.insert(id);
                    }
                }
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Start(e) | Event::Empty(e))
                if in_cell_xfs && e.local_name().as_ref() == "xf" =>
            {
                if attr(&e, "numFmtId").is_some_and(|id| percent_formats.contains(&id)) {
                    out.insert(index);
                }
                index += 1;
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err(xml_error("xl/styles.xml")),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Where a sheet exceeds what a 报送表 can hold, in words.
fn too_big(sheet: &str, what: String) -> String {
    format!(
        "工作表“{sheet}”{what}，超出报送表的范围（最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列）：请只保留报送表的内容后重新保存"
    )
}

/// The sheet's cells, streamed: bounds, percent formats, formulas without a result.
fn scan_sheet<R: Read>(
    sheet: &str,
    xml: R,
    (styles, full_calc): (&BTreeSet<usize>, bool),
    scan: &mut Scan,
) -> Result<(), String> {
    let mut reader = Reader::from_reader(BufReader::new(xml));
    let mut buf = Vec::new();
    // The cell being read: where, whether percent-formatted and numeric, whether it has a formula and a value.
    let mut cell: Option<(u32, u32, bool)> = None;
    let (mut formula, mut value, mut in_value) = (false, false, false);
    let mut rows = 0u32;
    let place = |r: u32, c: u32| format!("{}{}", column_letter(c as usize), r + 1);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| xml_error(&format!("工作表“{sheet}”")))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "dimension" => {
                let last = attr(&e, "ref").and_then(|r| r.rsplit(':').next().and_then(cell_ref));
                if let Some((r, c)) = last
                    && (r >= MAX_ROWS || c >= MAX_COLUMNS)
                {
                    return Err(too_big(sheet, format!("的范围到 {}", place(r, c))));
                }
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                rows += 1;
                let r = attr(&e, "r").and_then(|r| r.parse::<u32>().ok());
                if rows > MAX_ROWS || r.is_some_and(|r| r > MAX_ROWS) {
                    return Err(too_big(sheet, format!("有第 {} 行", r.unwrap_or(rows))));
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "c" => {
                let at = attr(e, "r").and_then(|r| cell_ref(&r));
                if let Some((r, c)) = at
                    && (r >= MAX_ROWS || c >= MAX_COLUMNS)
                {
                    return Err(too_big(sheet, format!("有单元格 {}", place(r, c))));
                }
                let numeric = attr(e, "t").is_none_or(|t| t == "n");
                let percent = numeric
                    && attr(e, "s")
                        .and_then(|s| s.parse::<usize>().ok())
                        .is_some_and(|s| styles.contains(&s));
                formula = false;
                value = false;
                cell = at.map(|(r, c)| (r, c, percent));
                if matches!(event, Event::Empty(_)) {
                    cell = None;
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "f" => formula = true,
            Event::Empty(e) if e.local_name().as_ref() == "f" => formula = true,
            Event::Start(e) if e.local_name().as_ref() == "v" => in_value = true,
            Event::End(e) if e.local_name().as_ref() == "v" => in_value = false,
            Event::Text(t) if in_value => value |= !t.trim().is_empty(),
            Event::Text(t) if t.len() > MAX_TEXT_BYTES => {
                return Err(format!(
                    "工作表“{sheet}”中有超过 {} 个字符的文字，超出单元格的文字上限",
                    crate::intake::MAX_TEXT_CHARS
                ));
            }
            Event::End(e) if e.local_name().as_ref() == "c" => {
                if let Some((r, c, percent)) = cell.take() {
                    if formula && (!value || full_calc) {
                        scan.uncached
                            .entry(sheet.to_string())
                            .or_default()
                            .push((r, c));
                    }
                    if percent && value {
                        scan.percent
                            .entry(sheet.to_string())
                            .or_default()
                            .insert((r, c));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// Shared strings longer than the text limit are refused before calamine keeps them all.
fn check_shared_strings<R: Read>(xml: R) -> Result<(), String> {
    let mut reader = Reader::from_reader(BufReader::new(xml));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Text(t)) if t.len() > MAX_TEXT_BYTES => {
                return Err(format!(
                    "工作簿中有超过 {} 个字符的文字，超出单元格的文字上限",
                    crate::intake::MAX_TEXT_CHARS
                ));
            }
            Ok(Event::Eof) => return Ok(()),
            Err(_) => return Err(xml_error("xl/sharedStrings.xml")),
            _ => {}
        }
        buf.clear();
    }
}

/// Looks at an .xlsx workbook (a zip) before it is read; Err: why it is refused, in Chinese. A file that is no
/// zip is left to the reader, which says so.
pub fn scan<R: Read + Seek>(file: R) -> Result<Option<Scan>, String> {
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return Ok(None);
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
            check_size(&name, entry.size(), &mut declared)?;
        }
    }
    // A header may understate what an entry inflates to: every entry is inflated once, through the cap, into
    // nothing, before anything keeps a byte of it.
    let mut inflated = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let n = std::io::copy(&mut entry.take(MAX_ENTRY_BYTES + 1), &mut std::io::sink())
            .map_err(|e| format!("工作簿中的 {name} 已损坏（{}）", io_zh(&e)))?;
        check_size(&name, n, &mut inflated)?;
    }
    let mut total = 0u64;
    let styles = percent_styles(&mut zip, &mut total)?;
    let (sheets, full_calc) = sheets(&mut zip, &mut total)?;
    let mut found = Scan::default();
    if let Ok(entry) = zip.by_name("xl/sharedStrings.xml") {
        check_shared_strings(entry.take(MAX_ENTRY_BYTES))?;
    }
    for (name, path) in &sheets {
        let Ok(entry) = zip.by_name(path) else {
            continue;
        };
        let mut counted = Counted {
            inner: entry.take(MAX_ENTRY_BYTES + 1),
            n: 0,
        };
        let result = scan_sheet(name, &mut counted, (&styles, full_calc), &mut found);
        check_size(path, counted.n, &mut total)?;
        result?;
    }
    Ok(Some(found))
}

/// A reader that counts the bytes it gave.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("I2"), Some((1, 8)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("1"), None);
        assert_eq!(cell_ref("ABCD1"), None);
    }
}
