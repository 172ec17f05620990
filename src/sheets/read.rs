//! Reading a filled template (.xlsx) or a CSV with the same columns into figures, with every problem of every
//! row named by sheet, row and column.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::{Column, column_letter, scan};
use crate::error::Error;
use crate::intake::Figure;
use crate::intake::parse::{parse_date, parse_period_in, parse_status, parse_value};

/// One row of a sheet: its place and the text of each column found.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub sheet: String,
    /// 1-based, as Excel numbers rows.
    pub row: usize,
    /// Per column: its 0-based position in the sheet and the cell's text.
    pub cells: BTreeMap<Column, (usize, String)>,
    /// What the cell's text does not say: a number shown as a percentage, a formula without a result.
    pub flags: BTreeMap<Column, CellFlag>,
    /// A 年份 column beside 期别 (期别 then says only 前三季度): its position and text.
    pub year: Option<(usize, String)>,
}

/// What reading a cell found beside its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellFlag {
    /// A number formatted as a percentage: the text is the percentage shown (0.854 shown as 85.4% reads 85.4).
    Percent,
    /// A formula whose result was never calculated (a script wrote it; Excel did not save a result).
    Uncached,
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

    /// Whether the 数值 cell was a percent-formatted number (its text is the percentage shown).
    pub fn value_is_percent(&self) -> bool {
        self.flags.get(&Column::Value) == Some(&CellFlag::Percent)
    }

    /// The indicator the row names: the hidden 指标代码, else the visible 序号.
    pub fn key(&self) -> String {
        match self.text(Column::Key) {
            "" => self.text(Column::Number),
            k => k,
        }
        .trim_end_matches(".0")
        .to_string()
    }

    /// How the row names its indicator for a person: 序号 and 指标 as the sheet shows them.
    pub fn label(&self) -> String {
        let number = self.text(Column::Number).trim_end_matches(".0");
        let number = if number.is_empty() {
            self.key()
        } else {
            number.to_string()
        };
        match self.text(Column::Name) {
            "" => number,
            name => format!("{number} {name}"),
        }
    }

    /// The figure a filled row states, or every problem of the row.
    pub fn figure(&self) -> Result<Figure, Vec<CellProblem>> {
        let mut problems = Vec::new();
        let key = self.key();
        let visible = self.text(Column::Number).trim_end_matches(".0");
        // An annual-only line shows 年度N, its hidden key is its series.
        if !self.text(Column::Key).is_empty()
            && !visible.is_empty()
            && visible != key
            && !visible.starts_with("年度")
        {
            problems.push(self.problem(
                Some(Column::Key),
                format!(
                    "隐藏的指标代码“{key}”与本行序号“{visible}”不一致：请勿修改隐藏列，重新生成报送表后填写"
                ),
            ));
        }
        for (column, flag) in &self.flags {
            if *flag == CellFlag::Uncached {
                problems.push(self.problem(
                    Some(*column),
                    "公式没有计算结果：请在 Excel 中重新计算并保存，或直接填写数值",
                ));
            }
        }
        let year = match &self.year {
            Some((_, y)) if !y.trim().is_empty() => {
                match y.trim().trim_end_matches('年').parse::<i32>() {
                    Ok(y) => Some(y),
                    Err(_) => {
                        let column = format!(
                            "{} 列（年份）",
                            column_letter(self.year.as_ref().map_or(0, |y| y.0))
                        );
                        problems.push(CellProblem {
                            sheet: self.sheet.clone(),
                            row: self.row,
                            column,
                            message: format!("“{}”不是年份：应为 2026 这样的四位年份", y.trim()),
                        });
                        None
                    }
                }
            }
            _ => None,
        };
        let p = &mut problems;
        let period = self.take(
            p,
            Column::Period,
            parse_period_in(self.text(Column::Period), year),
        );
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
                    explanation: Some(self.text(Column::Explanation))
                        .filter(|e| !e.is_empty())
                        .map(str::to_string),
                })
            }
            _ => Err(problems),
        }
    }
}

/// Which column each header names (the template's own header before an alias); columns not named fall back to
/// the template's positions, so that a sheet whose headers were renamed still reads.
fn map_headers(headers: &[String]) -> BTreeMap<Column, usize> {
    let mut found = BTreeMap::new();
    for exact in [true, false] {
        for (index, header) in headers.iter().enumerate() {
            let h = header.trim();
            let names = |c: &&Column| {
                c.header() == h || !exact && c.aliases().iter().any(|a| a.eq_ignore_ascii_case(h))
            };
            if let Some(column) = Column::ALL.iter().find(names)
                && !found.contains_key(column)
                && !found.values().any(|i| *i == index)
            {
                found.insert(*column, index);
            }
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

/// A 年份 column that is not the 期别 column.
fn year_column(headers: &[String], columns: &BTreeMap<Column, usize>) -> Option<usize> {
    headers
        .iter()
        .position(|h| matches!(h.trim(), "年份" | "年度" | "year"))
        .filter(|i| columns.get(&Column::Period) != Some(i))
}

/// The rows of a sheet whose first filled row (`header_at`) holds the headers; None where it names no 数值
/// column. `flag` tells what a cell's text does not say, by 0-based (row, column).
fn rows_of(
    sheet: &str,
    table: &[Vec<String>],
    header_at: usize,
    flag: &dyn Fn(usize, usize) -> Option<CellFlag>,
) -> Option<Vec<SheetRow>> {
    let headers = table.get(header_at)?;
    let columns = map_headers(headers);
    if !columns.contains_key(&Column::Value) {
        return None;
    }
    let year = year_column(headers, &columns);
    let rows = table
        .iter()
        .enumerate()
        .skip(header_at + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, cells)| SheetRow {
            sheet: sheet.to_string(),
            row: i + 1,
            cells: columns
                .iter()
                .map(|(c, index)| (*c, (*index, cells.get(*index).cloned().unwrap_or_default())))
                .collect(),
            flags: columns
                .iter()
                .filter_map(|(c, index)| flag(i, *index).map(|f| (*c, f)))
                .collect(),
            year: year.map(|y| (y, cells.get(y).cloned().unwrap_or_default())),
        })
        .collect();
    Some(rows)
}

/// A cell as text: numbers without a trailing `.0`, dates as 2027-03-20.
pub(crate) fn cell_text(cell: &Data) -> String {
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

/// The largest CSV file read (a 报送表 of 10,000 rows is far smaller).
const MAX_CSV_BYTES: u64 = 16 * 1024 * 1024;
/// The largest workbook file read, before it is unzipped.
const MAX_BOOK_BYTES: u64 = 32 * 1024 * 1024;

/// A number as the percentage it shows: 0.854 → 85.4 (without the float's noise: 85.39999999999999 is 85.4).
fn percent_text(f: f64) -> String {
    let shown = format!("{:.10}", f * 100.0);
    let shown = shown.trim_end_matches('0').trim_end_matches('.');
    shown.to_string()
}

/// One sheet (or a CSV file) as text cells, with what reading found beside the text of each cell.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub name: String,
    /// Rows from the sheet's first row (0-based), cells from column A.
    pub cells: Vec<Vec<String>>,
    /// 0-based (row, column) of cells formatted as percentages (their text is the percentage shown).
    pub percent: std::collections::BTreeSet<(u32, u32)>,
    /// 0-based (row, column) of formulas without a calculated result.
    pub uncached: Vec<(u32, u32)>,
}

impl Table {
    /// What a cell's text does not say, by 0-based (row, column).
    pub fn flag(&self, r: usize, c: usize) -> Option<CellFlag> {
        let at = (r as u32, c as u32);
        if self.uncached.contains(&at) {
            Some(CellFlag::Uncached)
        } else if self.percent.contains(&at) {
            Some(CellFlag::Percent)
        } else {
            None
        }
    }

    /// The first row with any text: the header row.
    pub fn header_at(&self) -> Option<usize> {
        self.cells
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
    }
}

/// Every sheet of a workbook, or the one table of a CSV file, as text — with the size, row and column limits
/// checked before anything is allocated. `what` names the kind of sheet in messages (报送表, 年度计划表).
pub fn tables(path: &Path, what: &str) -> Result<Vec<Table>, Error> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file());
    let Some(meta) = meta else {
        return Err(Error::Usage(format!(
            "找不到文件 {}：请检查文件名和所在目录",
            path.display()
        )));
    };
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let limit = if is_csv {
        MAX_CSV_BYTES
    } else {
        MAX_BOOK_BYTES
    };
    if meta.len() > limit {
        return Err(Error::Usage(format!(
            "{} 有 {:.1} MiB，超过{what}的上限 {} MiB：请只保留{what}的内容",
            path.display(),
            meta.len() as f64 / 1_048_576.0,
            limit / 1_048_576
        )));
    }
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
        let cells = parse_csv(&text);
        if cells.len() > scan::MAX_ROWS as usize {
            return Err(Error::Usage(format!(
                "{} 有 {} 行，超出{what}的范围（最多 {} 行）",
                path.display(),
                cells.len(),
                scan::MAX_ROWS
            )));
        }
        return Ok(vec![Table {
            name,
            cells,
            ..Table::default()
        }]);
    }
    let refused = |why: String| Error::Usage(format!("无法读取 {}：{why}", path.display()));
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut scanned = scan::scan(std::io::BufReader::new(file))
        .map_err(refused)?
        .unwrap_or_default();
    let mut book = open_workbook_auto(path).map_err(|_| {
        refused(
            "不是有效的 Excel 工作簿（应为 .xlsx 工作簿或 UTF-8 的 .csv 文件；文件可能已损坏或不完整）"
                .to_string(),
        )
    })?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|_| refused(format!("工作表“{name}”已损坏，请在 Excel/WPS 中重新保存")))?;
        let percent = scanned.percent.remove(&name).unwrap_or_default();
        let uncached = scanned.uncached.remove(&name).unwrap_or_default();
        // Rows are numbered from the sheet's first row, wherever the used range starts.
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); top as usize];
        for (r, cells_in) in range.rows().enumerate() {
            let row = top as usize + r;
            let mut line = vec![String::new(); left as usize];
            for (c, cell) in cells_in.iter().enumerate() {
                let col = left as usize + c;
                let is_percent = percent.contains(&(row as u32, col as u32));
                line.push(match cell {
                    Data::Float(f) if is_percent => percent_text(*f),
                    Data::Int(i) if is_percent => percent_text(*i as f64),
                    other => cell_text(other),
                });
            }
            cells.push(line);
        }
        out.push(Table {
            name,
            cells,
            percent,
            uncached,
        });
    }
    Ok(out)
}

/// Every row of every sheet with a 数值 column (the instructions sheet has none), or of a CSV file. A workbook
/// in which no sheet has the template's header row is an error: its rows cannot be placed.
pub fn read(path: &Path) -> Result<Vec<SheetRow>, Error> {
    let no_header = |name: &str| {
        Error::Usage(format!(
            "{}{name}中没有找到报送表的表头（应有“序号”“期别”“数值”“状态”“来源”等列）：表头行被删除或改动时无法确定各列的含义，请用 planwatch template 重新生成报送表后填写",
            path.display()
        ))
    };
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let tables = tables(path, "报送表")?;
    let mut rows = Vec::new();
    let mut any_sheet = false;
    for table in &tables {
        let header_at = table.header_at();
        let flag = |r: usize, c: usize| table.flag(r, c);
        if is_csv {
            return rows_of(&table.name, &table.cells, header_at.unwrap_or(0), &flag)
                .ok_or_else(|| no_header(""));
        }
        if let Some(h) = header_at
            && let Some(found) = rows_of(&table.name, &table.cells, h, &flag)
        {
            any_sheet = true;
            rows.extend(found);
        }
    }
    if !any_sheet {
        let listed = tables
            .iter()
            .map(|t| format!("“{}”", t.name))
            .collect::<Vec<_>>()
            .join("、");
        return Err(no_header(&format!("（工作表 {listed}）")));
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
            &parse_csv(
                "序号,期别,数值,状态,来源\n3,2026,85.4,初步,公报\n3,2026,八十,大概,\n5,2026,,,\n",
            ),
            0,
            &|_, _| None,
        )
        .unwrap();
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
