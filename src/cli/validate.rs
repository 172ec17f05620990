//! `planwatch validate`: every problem in the data, each with file, line, column and field.

use serde::Serialize;

use super::data::{DataArgs, source};
use super::format::Format;
use super::output::{csv, print, print_csv, print_json};
use crate::error::Error;

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
    let v = crate::check::validate(&source(data), data.plan.as_deref(), today, || {
        super::regions::load_regions(data, None)
    })?;
    let (problems, warnings) = (&v.problems, &v.warnings);
    let scenarios_text = if v.scenario_fallback {
        "没有 scenarios/（情景测算使用内置情景文件）".to_string()
    } else {
        format!("{} 个命名情景", v.scenarios)
    };
    let plan = v.dataset.as_ref().map(|ds| ds.plan.id.as_str());
    let indicators = v.dataset.as_ref().map_or(0, |ds| ds.plan.indicators.len());
    let observations = v.observations();
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
            warnings,
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
            if let Some(ds) = &v.dataset {
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
                for w in warnings {
                    out.push_str(&format!("{w}\n"));
                }
                print(&out)?;
            }
            if !problems.is_empty() {
                let mut out = format!("数据有 {} 处问题：\n", problems.len());
                for p in problems {
                    out.push_str(&format!("{p}\n"));
                }
                print(&out)?;
            }
        }
    }
    Ok(if problems.is_empty() { 0 } else { 2 })
}
