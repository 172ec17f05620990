//! `planwatch validate`: every problem in the data, each with file, line, column and field.

use serde::Serialize;

use super::data::{DataArgs, source};
use super::format::Format;
use super::output::{csv, print, print_csv, print_json};
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
    /// Plausibility warnings: shown, but the data stay valid.
    warnings: &'a [crate::check::Warning],
}

pub fn run(data: &DataArgs, format: Format, today: chrono::NaiveDate) -> Result<i32, Error> {
    let loaded = load(&source(data), data.plan.as_deref());
    let mut problems: Vec<Problem> = match &loaded {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(problems)) => problems.clone(),
        Err(_) => return loaded.map(|_| 0),
    };
    // The scenario files are data too: goals, named scenarios.
    // A directory without scenarios/ has none of its own (the commands fall back on the shipped ones).
    let (scenarios, fallback) = match crate::load::load_book(&source(data)) {
        Ok(book) if book.shipped_fallback => (0, true),
        Ok(book) => (book.scenarios.len(), false),
        Err(Error::Invalid(found)) => {
            problems.extend(found);
            (0, false)
        }
        Err(other) => return Err(other),
    };
    // Many regions in one directory: every plan of the period, and the children's sums against the parents'.
    // Only where some plan names a parent region is there anything to add up: otherwise the data were read and
    // checked above, and reading them a second time would only double the time of `validate`.
    let has_parents = || {
        crate::load::regions::read_plans(&source(data))
            .map(|set| set.plans().any(|p| p.parent.is_some()))
            .unwrap_or(true)
    };
    if loaded.is_ok() && problems.is_empty() && has_parents() {
        match super::regions::load_regions(data, None) {
            Ok(regions) => problems.extend(regions.rollup_issues().map(|c| Problem {
                file: c.parent_origin.file.clone(),
                line: c.parent_origin.line,
                column: 1,
                field: format!("{}.{}", c.series, c.year),
                message: format!("汇总核对不符：{}", c.sentence()),
            })),
            Err(Error::Invalid(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    let scenarios_text = if fallback {
        "没有 scenarios/（情景测算使用内置情景文件）".to_string()
    } else {
        format!("{scenarios} 个命名情景")
    };
    let (impossible, warnings): (Vec<_>, Vec<_>) = match &loaded {
        Ok(ds) => crate::check::check_dataset(ds, &crate::load::plan_years(&source(data)), today),
        Err(_) => Vec::new(),
    }
    .into_iter()
    .partition(|w| w.impossible);
    // An impossible figure (a share of 854%) is a problem of the data, whatever reason was written with it.
    problems.extend(impossible.into_iter().map(|w| Problem {
        file: w.origin.file.clone(),
        line: w.origin.line,
        column: 1,
        field: "value".to_string(),
        message: format!(
            "不可能的数值：{} {} {}：{}（{}）",
            w.series_name,
            w.period.label_zh(),
            crate::text::fmt_number(w.value, 4),
            w.reason,
            w.check.label_zh()
        ),
    }));
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
            warnings: &warnings,
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
                .chain(warnings.iter().map(|w| {
                    vec![
                        w.origin.file.clone(),
                        w.origin.line.to_string(),
                        "1".to_string(),
                        "value".to_string(),
                        format!("合理性提示：{}（{}）", w.reason, w.check.label_zh()),
                    ]
                }))
                .collect();
            print_csv(&csv(&["文件", "行", "列", "字段", "问题"], &rows))?;
        }
        Format::Table => {
            if let Ok(ds) = &loaded {
                let context = ds.history.context.len();
                if problems.is_empty() {
                    print(&format!(
                        "数据有效：规划“{}”（{}），{} 个指标，{} 条观测值（含各版本），{} 个背景数据序列，{scenarios_text}。\n",
                        ds.plan.name, ds.plan.id, indicators, observations, context
                    ))?;
                }
            }
            if !warnings.is_empty() {
                let accepted = warnings.iter().filter(|w| w.accepted.is_some()).count();
                let mut out = format!(
                    "合理性提示 {} 条（其中已确认保留 {} 条；提示不影响数据有效，请核对）：\n",
                    warnings.len(),
                    accepted
                );
                for w in &warnings {
                    out.push_str(&format!("{w}\n"));
                }
                print(&out)?;
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
