//! Printing: JSON, CSV and the small formatting helpers the commands share.

use std::io::Write;

use serde::Serialize;

use crate::error::Error;

/// Writes to standard output; a closed pipe (`planwatch status | head`) ends quietly.
pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(Error::Write {
            path: "<stdout>".into(),
            source,
        }),
        Ok(()) => Ok(()),
    }
}

pub fn print_json<T: Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Usage(format!("JSON 输出失败：{e}")))?;
    print(&format!("{text}\n"))
}

/// CSV with a header row; cells quoted where they need it (RFC 4180). A UTF-8 BOM is not written.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        cells.map(csv_cell).collect::<Vec<_>>().join(",") + "\n"
    };
    out.push_str(&line(&mut headers.iter().copied()));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// An optional number as text; "—" for none.
pub fn opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "—".to_string(), |v| crate::text::fmt_number(v, decimals))
}

/// An optional number for CSV: empty for none.
pub fn opt_csv(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| crate::text::fmt_number(v, 6))
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_quotes_only_where_needed() {
        let out = super::csv(&["a", "b"], &[vec!["x,y".into(), "说\"明\"".into()]]);
        assert_eq!(out, "a,b\n\"x,y\",\"说\"\"明\"\"\"\n");
    }
}
