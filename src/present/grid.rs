//! A table of typed cells, and the renderings every face shares: the terminal table and CSV here, the xlsx sheet
//! in the export workbook. A cell knows what it is (a number with its decimals, a percent, a period, a status), so
//! each rendering writes it its own way — the terminal with "—" for a gap and a symbol beside the status, CSV with
//! an empty cell and the word alone, the workbook with a real number — and all of them show the same value.

use serde::Serialize;

use super::words;
use crate::model::Period;
use crate::text::{Align, Table, fmt_number, fmt_signed_pct};

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing known: "—" on a terminal, empty in CSV and the workbook.
    None,
    Text(String),
    /// A value with the decimals it is read to (trailing zeros dropped).
    Number {
        value: f64,
        decimals: usize,
    },
    /// A percent (完成度 40%); CSV and the workbook hold the number, the header says it is a percent.
    Percent {
        value: f64,
        decimals: usize,
    },
    /// A signed growth rate (还需年均 +5.45%).
    SignedPercent(f64),
    Period(Period),
    /// A status: its symbol (for reading without colour), the plan's word, and the marks beside it (⚠ ※).
    Status {
        symbol: &'static str,
        word: String,
        marks: String,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A value to the decimals every face reads values to ([`words::VALUE_DECIMALS`]); none is a gap.
    pub fn value(v: Option<f64>) -> Cell {
        v.map_or(Cell::None, |value| Cell::Number {
            value,
            decimals: words::VALUE_DECIMALS,
        })
    }

    pub fn period(p: Option<Period>) -> Cell {
        p.map_or(Cell::None, Cell::Period)
    }

    /// The cell as a person reads it on a terminal, on the dashboard or in a report.
    pub fn display(&self) -> String {
        match self {
            Cell::None => words::NONE.to_string(),
            Cell::Text(s) => s.clone(),
            Cell::Number { value, decimals } => fmt_number(*value, *decimals),
            Cell::Percent { value, decimals } => format!("{}%", fmt_number(*value, *decimals)),
            Cell::SignedPercent(v) => fmt_signed_pct(*v),
            Cell::Period(p) => words::period(*p),
            Cell::Status {
                symbol,
                word,
                marks,
            } => format!("{symbol} {word}{marks}"),
        }
    }

    /// The cell in CSV: the same value to the same decimals, without the decoration a terminal needs.
    pub fn plain(&self) -> String {
        match self {
            Cell::None => String::new(),
            Cell::Percent { value, decimals } => fmt_number(*value, *decimals),
            Cell::SignedPercent(v) => fmt_number(*v, 2),
            Cell::Status { word, .. } => word.clone(),
            other => other.display(),
        }
    }

    /// The number a workbook stores, where the cell is one.
    pub fn number(&self) -> Option<(f64, usize)> {
        match self {
            Cell::Number { value, decimals } | Cell::Percent { value, decimals } => {
                Some((*value, *decimals))
            }
            Cell::SignedPercent(v) => Some((*v, 2)),
            _ => None,
        }
    }
}

/// A column: its header and how a terminal aligns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub header: String,
    #[serde(skip)]
    pub align: Align,
}

impl Column {
    pub fn left(header: &str) -> Column {
        Column {
            header: header.to_string(),
            align: Align::Left,
        }
    }

    pub fn right(header: &str) -> Column {
        Column {
            header: header.to_string(),
            align: Align::Right,
        }
    }
}

/// Rows of typed cells under their columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn new(columns: Vec<Column>) -> Grid {
        Grid {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The table as a terminal shows it: columns as wide as their widest cell, aligned by display width.
    pub fn to_text(&self) -> String {
        let columns: Vec<(&str, Align)> = self
            .columns
            .iter()
            .map(|c| (c.header.as_str(), c.align))
            .collect();
        let mut table = Table::new(&columns);
        for row in &self.rows {
            table.row(row.iter().map(Cell::display).collect());
        }
        table.render()
    }

    /// The table as CSV (RFC 4180, by the `csv` crate), with cells a spreadsheet would take for a formula
    /// neutralised; the byte-order mark is the writer's to add.
    pub fn to_csv(&self) -> String {
        let headers = self.columns.iter().map(|c| c.header.clone());
        let rows = self.rows.iter().map(|r| r.iter().map(Cell::plain));
        csv_text(headers, rows)
    }
}

/// Rows of text as CSV: quoted where needed, formulas neutralised.
pub fn csv_text<H, R, C>(headers: H, rows: R) -> String
where
    H: IntoIterator<Item = String>,
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut write = |cells: Vec<String>| {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| crate::text::neutralise_formula(c).into_owned())
            .collect();
        // Writing into memory cannot fail.
        let _ = writer.write_record(&cells);
    };
    write(headers.into_iter().collect());
    for row in rows {
        write(row.into_iter().collect());
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rendering_shows_the_same_value() {
        let cell = Cell::value(Some(85.4));
        assert_eq!(cell.display(), "85.4");
        assert_eq!(cell.plain(), "85.4");
        assert_eq!(cell.number(), Some((85.4, words::VALUE_DECIMALS)));
        assert_eq!(Cell::None.display(), "—");
        assert_eq!(Cell::None.plain(), "");
        let p = Cell::period(Some("2026Q3".parse().unwrap()));
        assert_eq!(p.display(), "2026年前三季度");
        assert_eq!(p.plain(), "2026年前三季度");
    }

    #[test]
    fn csv_quotes_only_where_needed_and_neutralises_formulas() {
        let mut g = Grid::new(vec![Column::left("a"), Column::left("b")]);
        g.push(vec![Cell::text("x,y"), Cell::text("说\"明\"")]);
        g.push(vec![
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::SignedPercent(-3.5),
        ]);
        assert_eq!(
            g.to_csv(),
            "a,b\n\"x,y\",\"说\"\"明\"\"\"\n\"'=HYPERLINK(\"\"x\"\")\",-3.5\n"
        );
    }
}
