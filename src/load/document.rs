//! Reading one TOML file piece by piece, so that one bad entry does not hide the problems of the others.

use std::ops::Range;

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::{Problem, SourceFile, translate_serde_message};

/// A parsed file: its top-level keys with their spans.
pub struct Document<'a> {
    pub file: &'a SourceFile,
    pub table: DeTable<'a>,
}

impl<'a> Document<'a> {
    /// Parses the TOML syntax; every syntax error found is reported.
    pub fn parse(file: &'a SourceFile) -> Result<Self, Vec<Problem>> {
        let (table, errors) = DeTable::parse_recoverable(&file.text);
        if errors.is_empty() {
            Ok(Document {
                file,
                table: table.into_inner(),
            })
        } else {
            Err(errors
                .iter()
                .map(|e| {
                    let span = e.span().unwrap_or(0..0);
                    file.problem(span, "", format!("TOML 语法错误：{}", e.message().trim()))
                })
                .collect())
        }
    }

    /// Reports every top-level key not in `known`.
    pub fn unknown_keys(&self, known: &[&str], problems: &mut Vec<Problem>) {
        for key in self.table.keys() {
            if !known.contains(&key.get_ref().as_ref()) {
                problems.push(self.file.problem(
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
            self.file
                .problem(span, field, translate_serde_message(e.message()))
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
                problems.push(self.file.problem(
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
        self.file.problem(span, field, message)
    }
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
