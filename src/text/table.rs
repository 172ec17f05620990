//! Plain-text tables that stay aligned with Chinese text: a CJK character takes two columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Columns a string takes on a terminal.
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Pads `s` with spaces to `width` display columns.
pub fn pad(s: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(s)));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

/// Cuts `s` to at most `width` columns, never through a character, marking the cut with `…`.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A table of rows of cells, printed with each column as wide as its widest cell.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| display_width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(display_width(cell));
            }
        }
        let line = |cells: &[String]| -> String {
            let parts: Vec<String> = widths
                .iter()
                .zip(&self.aligns)
                .enumerate()
                .map(|(i, (width, align))| {
                    pad(
                        cells.get(i).map(String::as_str).unwrap_or(""),
                        *width,
                        *align,
                    )
                })
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out.push_str(&rule.join("  "));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width_not_chars() {
        assert_eq!(display_width("城镇化率"), 8);
        assert_eq!(pad("城镇", 6, Align::Left), "城镇  ");
        assert_eq!(pad("12", 4, Align::Right), "  12");
    }

    #[test]
    fn truncates_without_splitting_a_character() {
        assert_eq!(truncate("数字经济核心产业", 7), "数字经…");
        assert_eq!(truncate("abc", 3), "abc");
        assert!(display_width(&truncate("数字经济核心产业", 8)) <= 8);
        assert_eq!(truncate("数字", 0), "");
    }

    #[test]
    fn columns_line_up_with_chinese_text() {
        let mut t = Table::new(&[("名称", Align::Left), ("值", Align::Right)]);
        t.row(vec!["城镇化率".into(), "85".into()]);
        t.row(vec!["GDP".into(), "23011".into()]);
        let out = t.render();
        let widths: Vec<usize> = out.lines().map(display_width).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{out}");
    }
}
