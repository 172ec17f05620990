//! Appending one observation to a history file's text, keeping every byte outside the new entry: the existing
//! observations whatever their layout (an array of tables `[[observation]]`, or an inline array
//! `observation = [ {…}, … ]`), comments, spacing (`[[ observation ]]`), line ends (CRLF stays CRLF) and a
//! leading byte order mark. The text is never re-rendered: the new entry is spliced in.
//!
//! - array of tables, or no observation yet: a `[[observation]]` table at the end of the file;
//! - inline array: one more inline table after the last one, on a line of its own.
//!
//! Any other shape of `observation` is refused rather than replaced.

use toml_edit::{Item, Value};

/// A history field with its value written as TOML.
pub type Field = (&'static str, String);

/// A string as a TOML basic string: every character that needs it escaped, no raw line ends (so that the
/// file's line ends are the only ones in the entry).
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as TOML writes it (always a float: `85.0`, `1e300`).
pub fn toml_float(value: f64) -> String {
    Value::from(value).to_string().trim().to_string()
}

/// Where a new entry went: the new text, and the 1-based line the entry starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Appended {
    pub text: String,
    pub line: usize,
}

fn line_end(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Appends an observation with `fields` to the history file `text`.
pub fn append(text: &str, fields: &[Field]) -> Result<Appended, String> {
    let nl = line_end(text);
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ('\u{feff}'.len_utf8(), rest),
        None => (0, text),
    };
    let doc = toml_edit::Document::parse(body).map_err(|e| e.message().to_string())?;
    match doc.get("observation") {
        None | Some(Item::ArrayOfTables(_)) => Ok(append_table(text, nl, "observation", fields)),
        Some(Item::Value(Value::Array(array))) => {
            if !array.iter().all(Value::is_inline_table) {
                return Err(
                    "observation 数组中有不是 { … } 表的元素，无法追加：请改成 [[observation]] 的写法".into(),
                );
            }
            let inline = format!(
                "{{ {} }}",
                fields
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let last = array.iter().last().and_then(Value::span);
            let (at, insert, entry_offset) = match (last, array.span()) {
                (Some(last), _) => {
                    let end = bom + last.end;
                    let start = bom + last.start;
                    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                    let before = &text[line_start..start];
                    let indent = if before.trim().is_empty() {
                        before.to_string()
                    } else {
                        "  ".to_string()
                    };
                    // `{…}, # comment` at the end of its line: the new entry goes on the next line, the comment
                    // stays with its entry.
                    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
                    let line_end = if text[..line_end].ends_with('\r') {
                        line_end - 1
                    } else {
                        line_end
                    };
                    let rest = text[end..line_end].trim_start();
                    let comma_then_comment = rest
                        .strip_prefix(',')
                        .is_some_and(|r| r.trim().is_empty() || r.trim_start().starts_with('#'));
                    if comma_then_comment && line_end < text.len() {
                        let lead = format!("{nl}{indent}");
                        let offset = lead.len();
                        (line_end, format!("{lead}{inline},"), offset)
                    } else {
                        let lead = format!(",{nl}{indent}");
                        let offset = lead.len();
                        (end, format!("{lead}{inline}"), offset)
                    }
                }
                (None, Some(span)) => {
                    let open = bom + span.start + 1;
                    let lead = format!("{nl}  ");
                    let offset = lead.len();
                    (open, format!("{lead}{inline},{nl}"), offset)
                }
                (None, None) => return Err("无法确定 observation 数组的位置".into()),
            };
            let mut out = String::with_capacity(text.len() + insert.len());
            out.push_str(&text[..at]);
            out.push_str(&insert);
            out.push_str(&text[at..]);
            Ok(Appended {
                line: line_of(&out, at + entry_offset),
                text: out,
            })
        }
        Some(_) => Err(
            "observation 的写法既不是 [[observation]] 表数组，也不是 { … } 的数组，无法追加新条目"
                .into(),
        ),
    }
}

/// Appends a `[[table]]` entry (an annual target, `[[annual_target]]`) to a history file's text, keeping every
/// byte; a file whose `table` is written another way (an inline array) is refused rather than rewritten.
pub fn append_entry(text: &str, table: &str, fields: &[Field]) -> Result<Appended, String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = toml_edit::Document::parse(body).map_err(|e| e.message().to_string())?;
    match doc.get(table) {
        None | Some(Item::ArrayOfTables(_)) => {
            Ok(append_table(text, line_end(text), table, fields))
        }
        Some(_) => Err(format!(
            "{table} 的写法不是 [[{table}]] 表数组，无法追加：请改成 [[{table}]] 的写法"
        )),
    }
}

fn append_table(text: &str, nl: &str, table: &str, fields: &[Field]) -> Appended {
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(text);
    let bare = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !bare.is_empty() && !text.ends_with('\n') {
        out.push_str(nl);
    }
    out.push_str(nl);
    let line = line_of(&out, out.len());
    out.push_str(&format!("[[{table}]]"));
    out.push_str(nl);
    for (key, value) in fields {
        out.push_str(&format!("{key} = {value}{nl}"));
    }
    Appended { text: out, line }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn fields(period: &str, value: f64) -> Vec<Field> {
        vec![
            ("period", toml_string(period)),
            ("value", toml_float(value)),
            ("status", toml_string("estimate")),
            ("source", toml_string("来源 \"引号\" \\ 换行\n")),
            ("recorded", "2026-12-03".to_string()),
        ]
    }

    fn observations(text: &str) -> Vec<toml::Value> {
        let table: toml::Table = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .parse()
            .unwrap();
        table
            .get("observation")
            .and_then(|o| o.as_array())
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn every_layout_keeps_its_bytes() {
        let layouts = [
            "indicator = \"3\"\r\n\r\n[[ observation ]] # 注释\r\nperiod = \"2020\"\r\nvalue = 1.0\r\n",
            "\u{feff}indicator = \"3\"\n[[observation]]\nperiod = \"2020\"\nvalue = 1.0",
            "indicator = \"3\"\nobservation = [ {period = \"2020\", value = 1.0}, {period = \"2021\", value = 2.0} ] # 行尾\n",
            "indicator = \"3\"\r\nobservation = [\r\n    {period = \"2020\", value = 1.0}, # a\r\n    {period = \"2021\", value = 2.0},\r\n]\r\n[meta]\r\nx = 1\r\n",
            "indicator = \"3\"\nobservation = []\n",
            "indicator = \"3\"\n[[observation]]\nperiod = \"2020\"\nvalue = 1.0\n\n[[annual_target]]\nyear = 2026\nvalue = 2.0\n\n[[observation]]\nperiod = \"2021\"\nvalue = 1.5\n[observation.extra]\nx = 1\n",
            "indicator = \"3\"\nobservation = [{period = \"2020\", value = 1.0}]\n\n[[annual_target]]\nyear = 2026\nvalue = 2.0\n",
            "indicator = \"3\"\n",
            "",
        ];
        for layout in layouts {
            let before = observations(layout);
            let out = append(layout, &fields("2026-01", 85.1)).unwrap();
            let after = observations(&out.text);
            assert_eq!(after.len(), before.len() + 1, "{layout:?} → {:?}", out.text);
            assert_eq!(&after[..before.len()], &before[..], "{layout:?}");
            let last = after.last().unwrap();
            assert_eq!(last["period"].as_str(), Some("2026-01"));
            assert_eq!(last["source"].as_str(), Some("来源 \"引号\" \\ 换行\n"));
            // Every byte of the old text is still there, in order, around the one inserted piece.
            let (kept, inserted) = split_insert(layout, &out.text);
            assert_eq!(kept, layout, "{layout:?}");
            if layout.contains("\r\n") {
                assert!(!inserted.replace("\r\n", "").contains('\n'), "{inserted:?}");
            }
            let line: Vec<&str> = out.text.lines().collect();
            assert!(
                line[out.line - 1].contains("observation")
                    || line[out.line - 1].contains("2026-01"),
                "{layout:?}: line {} is {:?}",
                out.line,
                line[out.line - 1]
            );
        }
        assert!(append("observation = 3\n", &fields("2026", 1.0)).is_err());
        assert!(append("[observation]\nx = 1\n", &fields("2026", 1.0)).is_err());
    }

    /// The old text with the one inserted run of bytes taken out, and that run.
    fn split_insert(old: &str, new: &str) -> (String, String) {
        let prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix = old.as_bytes()[prefix..]
            .iter()
            .rev()
            .zip(new.as_bytes()[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let kept = format!("{}{}", &old[..prefix], &old[old.len() - suffix..]);
        (kept, new[prefix..new.len() - suffix].to_string())
    }

    proptest! {
        /// Whatever the layout, line ends and earlier observations, an append keeps every earlier observation and
        /// every byte of the old text, and adds exactly the new one.
        #[test]
        fn a_record_keeps_every_earlier_observation(
            values in prop::collection::vec(-1e6f64..1e6, 0..6),
            inline in any::<bool>(),
            crlf in any::<bool>(),
            bom in any::<bool>(),
            spaced in any::<bool>(),
            comment in "[a-z 中文#\"]{0,12}",
            new_value in -1e9f64..1e9,
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&format!("# {comment}{nl}indicator = \"3\"{nl}"));
            if inline {
                text.push_str(&format!("observation = [{nl}"));
                for (i, v) in values.iter().enumerate() {
                    text.push_str(&format!("  {{ period = \"{}\", value = {} }}, # {comment}{nl}", 2000 + i, toml_float(*v)));
                }
                text.push_str(&format!("]{nl}"));
            } else {
                for (i, v) in values.iter().enumerate() {
                    let header = if spaced { "[[ observation ]]" } else { "[[observation]]" };
                    text.push_str(&format!("{nl}{header} # {comment}{nl}period = \"{}\"{nl}value = {}{nl}", 2000 + i, toml_float(*v)));
                }
            }
            let before = observations(&text);
            prop_assert_eq!(before.len(), values.len());
            let out = append(&text, &fields("2030", new_value)).unwrap();
            let after = observations(&out.text);
            prop_assert_eq!(after.len(), before.len() + 1);
            prop_assert_eq!(&after[..before.len()], &before[..]);
            prop_assert_eq!(after.last().unwrap()["value"].as_float(), Some(new_value));
            let (kept, inserted) = split_insert(&text, &out.text);
            prop_assert_eq!(kept, text);
            if crlf {
                prop_assert!(!inserted.replace("\r\n", "").contains('\n'));
            }
        }
    }
}
