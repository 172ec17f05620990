//! Reading one TOML file piece by piece, so that one bad entry does not hide the problems of the others.

use std::ops::Range;

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::problem::{LineIndex, Problem, SourceFile, translate_serde_message};

/// A parsed file: its top-level keys with their spans.
pub struct Document<'a> {
    pub file: &'a SourceFile,
    pub table: DeTable<'a>,
    /// Where each line starts, so that locating a problem costs O(log n) however long the file.
    lines: LineIndex,
}

impl<'a> Document<'a> {
    /// Parses the TOML syntax; every syntax error found is reported.
    pub fn parse(file: &'a SourceFile) -> Result<Self, Vec<Problem>> {
        let (table, errors) = DeTable::parse_recoverable(&file.text);
        let lines = LineIndex::new(&file.text);
        if errors.is_empty() {
            Ok(Document {
                file,
                table: table.into_inner(),
                lines,
            })
        } else {
            Err(errors
                .iter()
                .map(|e| {
                    let span = e.span().unwrap_or(0..0);
                    file.problem_with(&lines, span, "", translate_toml_message(e.message()))
                })
                .collect())
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.file.text, offset)
    }

    /// Reports every key and text value holding a control character (C0 other than tab and line breaks, DEL, C1):
    /// such text can clear a terminal or rewrite its title when printed, and is never meant in a data file.
    pub fn control_characters(&self, problems: &mut Vec<Problem>) {
        fn visit(doc: &Document<'_>, table: &DeTable<'_>, path: &str, problems: &mut Vec<Problem>) {
            for (key, value) in table {
                let name = key.get_ref().as_ref();
                let path = if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                };
                if let Some(c) = crate::text::first_control(name) {
                    problems.push(doc.problem(key.span(), path.clone(), control_message(c)));
                }
                visit_value(doc, value, &path, problems);
            }
        }
        fn visit_value(
            doc: &Document<'_>,
            value: &Spanned<DeValue<'_>>,
            path: &str,
            problems: &mut Vec<Problem>,
        ) {
            match value.get_ref() {
                DeValue::String(text) => {
                    if let Some(c) = crate::text::first_control(text) {
                        problems.push(doc.problem(value.span(), path, control_message(c)));
                    }
                }
                DeValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        visit_value(doc, item, &format!("{path}[{}]", i + 1), problems);
                    }
                }
                DeValue::Table(inner) => visit(doc, inner, path, problems),
                _ => {}
            }
        }
        visit(self, &self.table, "", problems);
    }

    /// Reports every top-level key not in `known`.
    pub fn unknown_keys(&self, known: &[&str], problems: &mut Vec<Problem>) {
        for key in self.table.keys() {
            if !known.contains(&key.get_ref().as_ref()) {
                problems.push(self.problem(
                    key.span(),
                    key.get_ref().to_string(),
                    format!(
                        "未知的顶层字段“{}”（可用的字段：{}）",
                        key.get_ref(),
                        known.join(", ")
                    ),
                ));
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Spanned<DeValue<'a>>> {
        self.table.get(key)
    }

    /// Deserializes one value; a failure becomes a problem naming the field at fault.
    pub fn read<T: DeserializeOwned>(
        &self,
        value: &Spanned<DeValue<'a>>,
        path: &str,
    ) -> Result<T, Problem> {
        T::deserialize(value.clone().into_deserializer()).map_err(|e| {
            let span = e.span().unwrap_or_else(|| value.span());
            let field = match value.get_ref() {
                DeValue::Table(t) => {
                    field_at(t, &span).map_or(path.to_string(), |f| format!("{path}.{f}"))
                }
                _ => path.to_string(),
            };
            self.problem(span, field, translate_serde_message(e.message()))
        })
    }

    /// Every element of an array of tables (`[[observation]]`), with its index; a non-array is a problem.
    pub fn array(
        &self,
        key: &str,
        problems: &mut Vec<Problem>,
    ) -> Vec<(usize, &Spanned<DeValue<'a>>)> {
        match self.get(key).map(|v| (v, v.get_ref())) {
            None => Vec::new(),
            Some((_, DeValue::Array(items))) => items.iter().enumerate().collect(),
            Some((value, _)) => {
                problems.push(self.problem(
                    value.span(),
                    key,
                    format!("应为表数组（每项以 [[{key}]] 开头）"),
                ));
                Vec::new()
            }
        }
    }

    pub fn problem(
        &self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        self.file.problem_with(&self.lines, span, field, message)
    }
}

fn control_message(c: char) -> String {
    format!(
        "含有控制字符 U+{:04X}：文本中不能有控制字符（它们会清屏、改写终端标题或在表格软件中出错），请删除",
        u32::from(c)
    )
}

/// toml's English parser message with a Chinese explanation in front; the original stays for whoever searches it.
pub fn translate_toml_message(message: &str) -> String {
    let message = message.trim();
    let first = message.lines().next().unwrap_or("").trim();
    const TABLE: [(&str, &str); 23] = [
        (
            "string values must be quoted",
            "这个值无法识别：文本要用英文双引号括起；日期应写成 2027-03-20（用短横线、不加引号）；数字不要带单位或千分位逗号",
        ),
        (
            "invalid date-time",
            "日期写法不对：应写成 2025-12-26 这样的日期（不加引号、用短横线）",
        ),
        ("missing assignment", "缺少等号：每行应写成 字段 = 值"),
        ("missing value", "等号后缺少值"),
        ("missing comma between array", "数组的元素之间缺少逗号"),
        (
            "missing comma between key-value",
            "内联表的字段之间缺少逗号",
        ),
        ("extra comma", "多了一个逗号"),
        ("extra `=`", "多了一个等号"),
        (
            "extra assignment",
            "一行中有多个赋值：每行只写一个 字段 = 值",
        ),
        (
            "unclosed array table",
            "[[…]] 没有闭合：表数组的标题应以 ]] 结束",
        ),
        ("unclosed table", "[…] 没有闭合：表的标题应以 ] 结束"),
        ("unclosed array", "数组没有闭合：缺少 ]"),
        ("unclosed inline table", "内联表没有闭合：缺少 }"),
        (
            "invalid basic string",
            "字符串写法不对：可能缺少右引号，或含有不允许的转义",
        ),
        (
            "invalid multi-line",
            "多行字符串写法不对：可能缺少结尾的三个引号",
        ),
        (
            "invalid literal string",
            "单引号字符串写法不对：可能缺少右引号",
        ),
        ("invalid string", "字符串写法不对：文本要用英文双引号括起"),
        (
            "invalid key",
            "字段名写法不对：字段名只能用英文字母、数字、下划线和短横线，其他字符要加引号",
        ),
        (
            "invalid unquoted key",
            "字段名写法不对：含有中文或空格的字段名要加引号",
        ),
        ("invalid float", "数字写法不对"),
        ("invalid integer", "整数写法不对"),
        (
            "unexpected content",
            "这一行有多余的内容：可能是文本没有加引号，或一行写了两个值",
        ),
        ("duplicate key", "字段重复：同一个表中每个字段只能出现一次"),
    ];
    let explanation = TABLE
        .iter()
        .find(|(english, _)| first.contains(english))
        .map_or("文件不符合 TOML 格式", |(_, zh)| zh);
    let original = message.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("TOML 语法错误：{explanation}（原文：{original}）")
}

/// The key (as a dotted path) whose value contains `span`, looking into inline tables.
fn field_at(table: &DeTable<'_>, span: &Range<usize>) -> Option<String> {
    for (key, value) in table {
        let (key_span, value_span) = (key.span(), value.span());
        let inside = |s: &Range<usize>| s.start <= span.start && span.end <= s.end.max(s.start + 1);
        if inside(&key_span) {
            return Some(key.get_ref().to_string());
        }
        if inside(&value_span) {
            if let DeValue::Table(inner) = value.get_ref()
                && let Some(sub) = field_at(inner, span)
            {
                return Some(format!("{}.{}", key.get_ref(), sub));
            }
            return Some(key.get_ref().to_string());
        }
    }
    None
}
