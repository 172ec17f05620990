//! Any sheet as rows of text (a 分工表 with 序号, 指标, 牵头单位, 责任单位): every sheet of a workbook, or a
//! UTF-8 CSV file, with the file's size and the workbook's unzipped size, rows and columns checked before any
//! sheet is read (see [`super::scan`]).

use std::path::Path;

use calamine::{Reader, open_workbook_auto};

use super::read::{cell_text, parse_csv};
use super::scan;
use crate::error::Error;

/// The largest file read.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One sheet: its name and its rows from the sheet's first row (row 1 is `rows[0]`), each cell as text.
pub struct SheetText {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// Every sheet of `path` (.xlsx) or the one table of a .csv file. `what` names the sheet in messages (分工表).
pub fn read_tables(path: &Path, what: &str) -> Result<Vec<SheetText>, Error> {
    let Some(meta) = std::fs::metadata(path).ok().filter(|m| m.is_file()) else {
        return Err(Error::Usage(format!(
            "找不到文件 {}：请检查文件名和所在目录",
            path.display()
        )));
    };
    if meta.len() > MAX_BYTES {
        return Err(Error::Usage(format!(
            "{} 有 {:.1} MiB，超过{what}的上限 {} MiB",
            path.display(),
            meta.len() as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        )));
    }
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let text = String::from_utf8(std::fs::read(path).map_err(io)?).map_err(|_| {
            Error::Usage(format!(
                "{} 不是 UTF-8 编码：请在 Excel/WPS 中“另存为 → CSV UTF-8（逗号分隔）”，或直接使用 .xlsx 文件",
                path.display()
            ))
        })?;
        let rows = parse_csv(&text);
        if rows.len() > scan::MAX_ROWS as usize {
            return Err(Error::Usage(format!(
                "{} 有 {} 行，超出{what}的范围（最多 {} 行）",
                path.display(),
                rows.len(),
                scan::MAX_ROWS
            )));
        }
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().to_string());
        return Ok(vec![SheetText { name, rows }]);
    }
    let refused = |why: String| Error::Usage(format!("无法读取 {}：{why}", path.display()));
    let file = std::fs::File::open(path).map_err(io)?;
    scan::scan(std::io::BufReader::new(file)).map_err(refused)?;
    let mut book = open_workbook_auto(path).map_err(|_| {
        refused("不是有效的 Excel 工作簿（应为 .xlsx 工作簿或 UTF-8 的 .csv 文件）".to_string())
    })?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|_| refused(format!("工作表“{name}”已损坏，请在 Excel/WPS 中重新保存")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
        for cells in range.rows() {
            let mut row = vec![String::new(); left as usize];
            row.extend(cells.iter().map(cell_text));
            rows.push(row);
        }
        out.push(SheetText { name, rows });
    }
    Ok(out)
}
