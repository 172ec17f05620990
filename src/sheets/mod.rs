//! Excel/WPS workbooks: the 报送表 template departments fill, reading it (or a CSV with the same columns) back,
//! and the export of status, annual targets and observations. rust_xlsxwriter writes, calamine reads.

pub mod export;
pub mod read;
pub mod scan;
pub mod template;

use std::path::Path;

use crate::error::Error;

/// The columns of the template, in order. The first (指标代码) is hidden: the import finds the indicator by it
/// even where someone renamed or moved the visible columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Key,
    Number,
    Name,
    Unit,
    Department,
    Period,
    LastValue,
    LastPeriod,
    Value,
    Status,
    Source,
    Quote,
    Published,
    Note,
    Accepted,
    /// 情况说明 (原因及下一步措施): what the lead unit says about a line behind schedule.
    Explanation,
}

impl Column {
    pub const ALL: [Column; 16] = [
        Column::Key,
        Column::Number,
        Column::Name,
        Column::Unit,
        Column::Department,
        Column::Period,
        Column::LastValue,
        Column::LastPeriod,
        Column::Value,
        Column::Status,
        Column::Source,
        Column::Quote,
        Column::Published,
        Column::Note,
        Column::Accepted,
        Column::Explanation,
    ];

    /// The header as the template writes it.
    pub fn header(self) -> &'static str {
        match self {
            Column::Key => "指标代码",
            Column::Number => "序号",
            Column::Name => "指标",
            Column::Unit => "单位",
            Column::Department => "牵头单位",
            Column::Period => "期别",
            Column::LastValue => "上次数值",
            Column::LastPeriod => "上次期别",
            Column::Value => "数值",
            Column::Status => "状态",
            Column::Source => "来源",
            Column::Quote => "原文",
            Column::Published => "发布日期",
            Column::Note => "备注",
            Column::Accepted => "确认理由",
            Column::Explanation => "情况说明",
        }
    }

    /// Other headers read as this column (a plain CSV, an edited header).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Key => &["代码", "id", "indicator"],
            Column::Number => &["指标序号"],
            Column::Name => &["指标名称", "name"],
            Column::Period => &["时期", "年份", "period"],
            Column::Value => &["数据", "value", "本期数值"],
            Column::Status => &["数据状态", "status"],
            Column::Source => &["数据来源", "source"],
            Column::Quote => &["原文摘录", "quote"],
            Column::Published => &["发布时间", "published"],
            Column::Note => &["note"],
            Column::Accepted => &["accepted"],
            Column::Explanation => &["情况说明（原因及下一步措施）", "explanation"],
            _ => &[],
        }
    }

    pub fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    /// Column width in Excel's character units, wide enough for Chinese text (two units per character).
    fn width(self) -> f64 {
        match self {
            Column::Key | Column::Number | Column::Period | Column::LastPeriod => 8.0,
            Column::Name => 40.0,
            Column::Unit => 12.0,
            Column::Department => 14.0,
            Column::LastValue | Column::Value => 12.0,
            Column::Status => 8.0,
            Column::Source => 36.0,
            Column::Quote => 36.0,
            Column::Published => 12.0,
            Column::Note | Column::Accepted => 20.0,
            Column::Explanation => 40.0,
        }
    }
}

/// `A`, `B`, … `AA`: a 0-based column as Excel names it.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Writes a workbook's bytes to `path` atomically ([`crate::durable::replace`]): never a half-written workbook,
/// the old file's permissions kept, and nothing but a regular file replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    crate::durable::replace(path, bytes)
}

pub fn xlsx_error(path: &Path, e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(Column::Value.index(), 8);
    }
}
