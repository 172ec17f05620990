//! The document as Markdown (CommonMark with pipe tables). Text from the data is escaped so that a name such as
//! `<script>` or `*` prints as written and never becomes markup.

use super::document::{Block, Document, Table};

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                out.push_str(&escape(text));
                out.push('\n');
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n", escape(text))),
            Block::Meta(sentences) => {
                out.push_str(&format!("{}\n", escape(&super::document::note(sentences))))
            }
            Block::Signature(signature) => {
                // Markdown has no right alignment: the two lines as their own paragraph, after the text.
                let lines: Vec<String> = signature.lines().iter().map(|(l, _)| escape(l)).collect();
                out.push_str(&format!("{}\n", lines.join("  \n")));
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", escape(item)));
                }
            }
            Block::Table(table) => out.push_str(&render_table(table)),
            Block::Chart { stem, caption } => {
                out.push_str(&format!(
                    "![{}](charts/{stem}.svg)\n\n*{}*\n",
                    escape(caption),
                    escape(caption)
                ));
            }
            Block::Placeholder(text) => out.push_str(&format!("**{}**\n", escape(text))),
        }
        out.push('\n');
    }
    out
}

fn render_table(table: &Table) -> String {
    let row = |cells: &mut dyn Iterator<Item = String>| -> String {
        format!("| {} |\n", cells.collect::<Vec<_>>().join(" | "))
    };
    let mut out = row(&mut table.headers.iter().map(|h| escape(h)));
    out.push_str(&row(&mut table.numeric.iter().map(|n| {
        if *n {
            "---:".to_string()
        } else {
            "---".to_string()
        }
    })));
    for cells in &table.rows {
        let padded =
            (0..table.headers.len()).map(|i| cells.get(i).map_or(String::new(), |c| escape(c)));
        out.push_str(&row(&mut padded.into_iter()));
    }
    out
}

/// Backslash-escapes the ASCII punctuation that Markdown reads as markup; line breaks become spaces so that a
/// note cannot end a table row or start a heading.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_data_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("a|b\nc"), "a\\|b c");
        assert_eq!(escape("城镇化率 85%"), "城镇化率 85%");
    }

    #[test]
    fn tables_have_a_cell_for_every_header() {
        let mut table = Table::new(&[("名称", false), ("值", true)]);
        table.row(vec!["x".into()]);
        let out = render_table(&table);
        assert_eq!(out, "| 名称 | 值 |\n| --- | ---: |\n| x |  |\n");
    }
}
