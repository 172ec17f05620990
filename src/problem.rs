//! Problems found in data files, each pinned to a file, a line, a column and a field.

use std::fmt;
use std::ops::Range;

/// A data file's name (as the user should see it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// 1-based line and column (in characters, so that Chinese text counts one per character) of a byte offset.
    /// Builds a line index each time: for many lookups in one file, keep a [`LineIndex`] (as `Document` does).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        LineIndex::new(&self.text).line_col(&self.text, offset)
    }

    pub fn problem(
        &self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        self.problem_with(&LineIndex::new(&self.text), span, field, message)
    }

    /// A problem located with a line index built once for this file.
    pub fn problem_with(
        &self,
        lines: &LineIndex,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        let (line, column) = lines.line_col(&self.text, span.start);
        Problem {
            file: self.name.clone(),
            line,
            column,
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The byte offset where each line starts, so that a line is found by binary search (O(log n)) and a column by
/// counting the characters of that one line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset into `text`, the text this index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// One thing wrong with the data, written for the person who will fix it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The offending field, as a path (`indicator[3].target.value`); empty for whole-file problems.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, "字段 {}: ", self.field)?;
        }
        write!(f, "{}", self.message)
    }
}

/// Turns serde's English into a message a planning officer can act on.
pub fn translate_serde_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(" one of ")
            .trim_start_matches(' ')
            .replace('`', "");
        return format!(
            "未知字段“{}”，请检查拼写（可用的字段：{expected}）",
            field.trim().trim_matches('`')
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("缺少必填字段 {}", rest.replace('`', ""));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "类型不对：应为{}，实际是{}",
            type_zh(expected),
            type_zh(found)
        );
    }
    if message.starts_with("duplicate key") {
        return format!("键重复：{}", message);
    }
    format!("无法读取：{message}")
}

fn type_zh(serde_type: &str) -> String {
    let t = serde_type.trim();
    match t {
        "f64" | "a float" | "f32" => "数字".to_string(),
        "i32" | "i64" | "u32" | "u8" | "an integer" | "integer" => "整数".to_string(),
        "a string" | "string" => "文本(用引号括起)".to_string(),
        "a boolean" => "true/false".to_string(),
        "a sequence" | "array" => "数组".to_string(),
        "a map" | "struct" => "表".to_string(),
        _ if t.starts_with("string ") => format!("文本 {}", &t[7..]),
        _ if t.starts_with("integer ") => format!("整数 {}", &t[8..]),
        _ if t.starts_with("floating point ") => format!("数字 {}", &t[15..]),
        _ if t.starts_with("boolean ") => format!("布尔值 {}", &t[8..]),
        _ if t.starts_with("struct ") => "表".to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile {
            name: "a.toml".into(),
            text: "a = 1\n名称 = \"x\"\n".into(),
        };
        assert_eq!(f.line_col(0), (1, 1));
        let offset = f.text.find('=').unwrap();
        assert_eq!(f.line_col(offset), (1, 3));
        let offset = f.text.rfind('=').unwrap();
        assert_eq!(f.line_col(offset), (2, 4));
        assert_eq!(f.line_col(10_000), (3, 1));
    }

    proptest::proptest! {
        #[test]
        fn the_index_agrees_with_counting(text in "[a-z名\n]{0,60}", offset in 0usize..80) {
            let index = LineIndex::new(&text);
            let mut o = offset.min(text.len());
            while !text.is_char_boundary(o) { o -= 1; }
            let before = &text[..o];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[start..].chars().count() + 1;
            proptest::prop_assert_eq!(index.line_col(&text, offset), (line, column));
        }
    }

    #[test]
    fn translates_common_serde_messages() {
        let m = translate_serde_message("unknown field `vaule`, expected one of `period`, `value`");
        assert!(m.contains("vaule") && m.contains("period, value"), "{m}");
        assert!(translate_serde_message("missing field `source`").contains("source"));
        let m = translate_serde_message("invalid type: string \"abc\", expected f64");
        assert!(m.contains("数字") && m.contains("abc"), "{m}");
    }
}
