//! Reading a filled template (.xlsx) or a CSV with the same columns into figures, with every problem of every
//! row named by sheet, row and column.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::{Column, column_letter};
use crate::error::Error;
use crate::intake::Figure;
use crate::intake::parse::{parse_date, parse_period, parse_status, parse_value};

/// One row of a sheet: its place and the text of each column found.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub sheet: String,
    /// 1-based, as Excel numbers rows.
    pub row: usize,
    /// Per column: its 0-based position in the sheet and the cell's text.
    pub cells: BTreeMap<Column, (usize, String)>,
}

/// A problem in one cell (or one row, where `column` is None).
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    pub sheet: String,
    pub row: usize,
    /// The column's letter and header (`I 列（数值）`), where one column is at fault.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for CellProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 第 {} 行", self.sheet, self.row)?;
        if !self.column.is_empty() {
            write!(f, " {}", self.column)?;
        }
        write!(f, "：{}", self.message)
    }
}

impl SheetRow {
    fn text(&self, column: Column) -> &str {
        self.cells.get(&column).map_or("", |(_, t)| t.trim())
    }

    /// The column's name as the person who filled the sheet sees it.
    pub fn column_name(&self, column: Column) -> String {
        match self.cells.get(&column) {
            Some((index, _)) => format!("{} 列（{}）", column_letter(*index), column.header()),
            None => format!("“{}”列", column.header()),
        }
    }

    pub fn problem(&self, column: Option<Column>, message: impl Into<String>) -> CellProblem {
        CellProblem {
            sheet: self.sheet.clone(),
            row: self.row,
            column: column.map(|c| self.column_name(c)).unwrap_or_default(),
            message: message.into(),
        }
    }

    fn take<T>(
        &self,
        problems: &mut Vec<CellProblem>,
        column: Column,
        r: Result<T, String>,
    ) -> Option<T> {
        r.map_err(|m| problems.push(self.problem(Some(column), m)))
            .ok()
    }

    /// Whether the row asks for nothing: no value filled.
    pub fn is_blank(&self) -> bool {
        self.text(Column::Value).is_empty()
    }

    /// The figure a filled row states, or every problem of the row.
    pub fn figure(&self) -> Result<Figure, Vec<CellProblem>> {
        let mut problems = Vec::new();
        let key = match self.text(Column::Key) {
            "" => self.text(Column::Number),
            k => k,
        }
        .trim_end_matches(".0")
        .to_string();
        let p = &mut problems;
        let period = self.take(p, Column::Period, parse_period(self.text(Column::Period)));
        let value = self.take(p, Column::Value, parse_value(self.text(Column::Value)));
        let status = self.take(p, Column::Status, parse_status(self.text(Column::Status)));
        let published = match self.text(Column::Published) {
            "" => Some(None),
            text => self.take(p, Column::Published, parse_date(text).map(Some)),
        };
        if key.is_empty() {
            problems.push(self.problem(Some(Column::Number), "缺少指标序号"));
        }
        let source = self.text(Column::Source).to_string();
        if source.is_empty() {
            problems.push(self.problem(
                Some(Column::Source),
                "来源为空：请写明文件名称或网址，没有来源的数值不能使用",
            ));
        }
        match (period, value, status, published) {
            (Some(period), Some(value), Some(status), Some(published)) if problems.is_empty() => {
                let accepted = self.text(Column::Accepted);
                Ok(Figure {
                    indicator: key,
                    period,
                    value,
                    status,
                    source,
                    quote: self.text(Column::Quote).to_string(),
                    published,
                    note: self.text(Column::Note).to_string(),
                    accepted: (!accepted.is_empty()).then(|| accepted.to_string()),
                })
            }
            _ => Err(problems),
        }
    }
}

/// Which column each header names; columns not named fall back to the template's positions, so that a sheet
/// whose headers were renamed still reads.
fn map_headers(headers: &[String]) -> BTreeMap<Column, usize> {
    let mut found = BTreeMap::new();
    for (index, header) in headers.iter().enumerate() {
        let h = header.trim();
        if let Some(column) = Column::ALL
            .iter()
            .find(|c| c.header() == h || c.aliases().iter().any(|a| a.eq_ignore_ascii_case(h)))
            && !found.contains_key(column)
        {
            found.insert(*column, index);
        }
    }
    let template_like = found.len() < Column::ALL.len() && headers.len() >= Column::ALL.len() - 1;
    if template_like {
        for column in Column::ALL {
            let taken = found.values().any(|i| *i == column.index());
            if !found.contains_key(&column) && !taken {
                found.insert(column, column.index());
            }
        }
    }
    found
}

fn rows_of(sheet: &str, table: Vec<Vec<String>>) -> Vec<SheetRow> {
    let mut lines = table.into_iter().enumerate();
    let Some((_, headers)) = lines.next() else {
        return Vec::new();
    };
    let columns = map_headers(&headers);
    if !columns.contains_key(&Column::Value) {
        return Vec::new();
    }
    lines
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, cells)| SheetRow {
            sheet: sheet.to_string(),
            row: i + 1,
            cells: columns
                .iter()
                .map(|(c, index)| (*c, (*index, cells.get(*index).cloned().unwrap_or_default())))
                .collect(),
        })
        .collect()
}

/// A cell as text: numbers without a trailing `.0`, dates as 2027-03-20.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Every row of every sheet with a 数值 column (the instructions sheet has none), or of a CSV file.
pub fn read(path: &Path) -> Result<Vec<SheetRow>, Error> {
    if !path.is_file() {
        return Err(Error::Usage(format!(
            "找不到文件 {}：请检查文件名和所在目录",
            path.display()
        )));
    }
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Usage(format!(
                "{} 不是 UTF-8 编码：请在 Excel/WPS 中“另存为 → CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 文件",
                path.display()
            ))
        })?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().to_string());
        return Ok(rows_of(&name, parse_csv(&text)));
    }
    let mut book = open_workbook_auto(path).map_err(|e| {
        Error::Usage(format!(
            "无法读取 {}：不是有效的 Excel 工作簿（应为 .xlsx 工作簿或 UTF-8 的 .csv 文件；原因：{e}）",
            path.display()
        ))
    })?;
    let mut rows = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            Error::Usage(format!("无法读取 {} 的工作表“{name}”：{e}", path.display()))
        })?;
        // Rows are numbered from the sheet's first row, wherever the used range starts.
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut table: Vec<Vec<String>> = vec![Vec::new(); top as usize];
        for r in range.rows() {
            let mut cells = vec![String::new(); left as usize];
            cells.extend(r.iter().map(cell_text));
            table.push(cells);
        }
        let header_at = table
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()));
        if let Some(h) = header_at {
            let offset = h;
            let mut found = rows_of(&name, table.split_off(h));
            for row in &mut found {
                row.row += offset;
            }
            rows.extend(found);
        }
    }
    Ok(rows)
}

/// RFC 4180 CSV: quoted cells with commas, quotes and line breaks; a UTF-8 BOM is skipped.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_bom_and_crlf() {
        let rows = parse_csv("\u{feff}a,b\r\n\"x, \"\"y\"\"\",2\n\"多\n行\",\n");
        assert_eq!(
            rows,
            vec![
                vec!["a".to_string(), "b".into()],
                vec!["x, \"y\"".into(), "2".into()],
                vec!["多\n行".into(), "".into()],
            ]
        );
    }

    #[test]
    fn a_plain_csv_reads_by_header_and_names_bad_cells() {
        let rows = rows_of(
            "t.csv",
            parse_csv(
                "序号,期别,数值,状态,来源\n3,2026,85.4,初步,公报\n3,2026,八十,大概,\n5,2026,,,\n",
            ),
        );
        assert_eq!(rows.len(), 3);
        let f = rows[0].figure().unwrap();
        assert_eq!((f.indicator.as_str(), f.value), ("3", 85.4));
        let problems = rows[1].figure().unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(
            problems[0].to_string(),
            "t.csv 第 3 行 C 列（数值）：“八十”不是数字：只填数字（如 85.4），不带单位和百分号"
        );
        assert!(rows[2].is_blank());
    }
}
