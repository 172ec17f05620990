//! `planwatch validate`: every problem in the data, each with file, line, column and field.

use serde::Serialize;

use super::output::{csv, print, print_json};
use super::{DataArgs, Format, source};
use crate::error::Error;
use crate::load::{Problem, load};

#[derive(Serialize)]
struct ProblemJson<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    field: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct ValidateJson<'a> {
    valid: bool,
    plan: Option<&'a str>,
    indicators: usize,
    observations: usize,
    problems: Vec<ProblemJson<'a>>,
}

pub fn run(data: &DataArgs, format: Format) -> Result<i32, Error> {
    let loaded = load(&source(data), data.plan.as_deref());
    let mut problems: Vec<Problem> = match &loaded {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(problems)) => problems.clone(),
        Err(_) => return loaded.map(|_| 0),
    };
    // The scenario files are data too: goals, named scenarios.
    let scenarios = match crate::load::load_book(&source(data)) {
        Ok(book) => book.scenarios.len(),
        Err(Error::Invalid(found)) => {
            problems.extend(found);
            0
        }
        Err(other) => return Err(other),
    };
    let (plan, indicators, observations) = match &loaded {
        Ok(ds) => {
            let observations: usize = ds
                .history
                .series_ids()
                .map(|id| ds.history.all_vintages(id).len())
                .sum();
            (
                Some(ds.plan.id.as_str()),
                ds.plan.indicators.len(),
                observations,
            )
        }
        Err(_) => (None, 0, 0),
    };
    match format {
        Format::Json => print_json(&ValidateJson {
            valid: problems.is_empty(),
            plan,
            indicators,
            observations,
            problems: problems
                .iter()
                .map(|p| ProblemJson {
                    file: &p.file,
                    line: p.line,
                    column: p.column,
                    field: &p.field,
                    message: &p.message,
                })
                .collect(),
        })?,
        Format::Csv => {
            let rows: Vec<Vec<String>> = problems
                .iter()
                .map(|p| {
                    vec![
                        p.file.clone(),
                        p.line.to_string(),
                        p.column.to_string(),
                        p.field.clone(),
                        p.message.clone(),
                    ]
                })
                .collect();
            print(&csv(&["文件", "行", "列", "字段", "问题"], &rows))?;
        }
        Format::Table => {
            if let Ok(ds) = &loaded {
                let context = ds.history.context.len();
                if problems.is_empty() {
                    print(&format!(
                        "数据有效：规划“{}”（{}），{} 个指标，{} 条观测值（含各版本），{} 个背景数据序列，{} 个命名情景。\n",
                        ds.plan.name, ds.plan.id, indicators, observations, context, scenarios
                    ))?;
                }
            }
            if !problems.is_empty() {
                let mut out = format!("数据有 {} 处问题：\n", problems.len());
                for p in &problems {
                    out.push_str(&format!("{p}\n"));
                }
                print(&out)?;
            }
        }
    }
    Ok(if problems.is_empty() { 0 } else { 2 })
}
