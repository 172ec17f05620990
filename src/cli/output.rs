//! Printing: JSON, CSV and the small formatting helpers the commands share.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::error::Error;

/// The UTF-8 byte-order mark, which Excel on Chinese Windows needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// Set by `--bom`: every CSV output starts with a byte-order mark.
static BOM_ASKED: AtomicBool = AtomicBool::new(false);

pub fn ask_for_bom(asked: bool) {
    BOM_ASKED.store(asked, Ordering::Relaxed);
}

/// Whether standard output is a regular file (`planwatch status --format csv > 状态.csv`).
fn stdout_is_file() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        std::io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from)
            .and_then(|f| f.metadata())
            .is_ok_and(|m| m.is_file())
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Prints CSV text; with a byte-order mark in front when it goes to a file or `--bom` asks for one.
pub fn print_csv(text: &str) -> Result<(), Error> {
    if BOM_ASKED.load(Ordering::Relaxed) || stdout_is_file() {
        print(&format!("{BOM}{text}"))
    } else {
        print(text)
    }
}

/// Writes to standard output; a closed pipe (`planwatch status | head`) ends quietly. Control characters are
/// dropped, whatever the data hold: they could clear the screen or rewrite the terminal's title.
pub fn print(text: &str) -> Result<(), Error> {
    let text = crate::text::strip_controls(text);
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

/// CSV with a header row; cells quoted where they need it (RFC 4180), and cells a spreadsheet would take for a
/// formula neutralised. The byte-order mark is [`print_csv`]'s to add.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    crate::present::grid::csv_text(
        headers.iter().map(|h| h.to_string()),
        rows.iter().map(|r| r.iter().cloned()),
    )
}

/// An optional number for CSV: empty for none.
pub fn opt_csv(value: Option<f64>) -> String {
    crate::present::Cell::value(value).plain()
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_quotes_only_where_needed() {
        let out = super::csv(&["a", "b"], &[vec!["x,y".into(), "说\"明\"".into()]]);
        assert_eq!(out, "a,b\n\"x,y\",\"说\"\"明\"\"\"\n");
    }

    #[test]
    fn formulas_are_neutralised_and_quoted() {
        let out = super::csv(
            &["a"],
            &[
                vec!["=HYPERLINK(\"http://x\",\"点击\")".into()],
                vec!["-3.5".into()],
            ],
        );
        assert_eq!(
            out,
            "a\n\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"\n-3.5\n"
        );
    }
}
