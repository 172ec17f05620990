//! `planwatch record ID PERIOD VALUE …`: one figure into its history file, checked first.

use chrono::NaiveDate;
use clap::Args;

use super::data::{DataArgs, writable_dir};
use super::output::print;
use crate::durable::lock::waiting_message;
use crate::error::Error;
use crate::intake::parse::{parse_date, parse_period, parse_status, parse_value};
use crate::intake::{Change, Figure, Outcome, Planned, Recorded, Withdrawal, record, withdraw};

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// 指标序号，如 3、17.1（planwatch list 可查）；年度计划独有的指标用其名称（如“一般公共预算收入增长”）
    pub id: String,
    /// 时期：2026（全年）、2026Q3 或 2026年前三季度（前三季度累计）、2026H1 或 2026年上半年、2026年1-8月
    #[arg(allow_hyphen_values = true)]
    pub period: String,
    /// 数值（只写数字，不带单位和百分号；可为负数，如 -0.5）
    #[arg(allow_hyphen_values = true, required_unless_present = "withdraw")]
    pub value: Option<String>,
    /// 数据状态：预计、初步、最终、修订（或 estimate / preliminary / final / revised）
    #[arg(long, required_unless_present = "withdraw")]
    pub status: Option<String>,
    /// 来源：文件名称或网址，如“2026年杭州市国民经济和社会发展统计公报”
    #[arg(long, required_unless_present = "withdraw")]
    pub source: Option<String>,
    /// 来源中的原文摘录
    #[arg(long, default_value = "")]
    pub quote: String,
    /// 来源的发布日期，如 2027-03-20
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// 备注
    #[arg(long, default_value = "")]
    pub note: String,
    /// 数值触发合理性提示时，确认保留并写明理由（随数据一起保存）；不可能的数值（如比重超过 100%）不能确认
    #[arg(long, value_name = "理由", conflicts_with = "withdraw")]
    pub accept: Option<String>,
    /// 情况说明：滞后的原因及下一步措施（随数据一起保存）
    #[arg(long, value_name = "TEXT", conflicts_with = "withdraw")]
    pub explanation: Option<String>,
    /// 撤回该指标该时期正在使用的数值（录错时用）：record --withdraw 序号 时期 --reason "理由"
    #[arg(long, requires = "reason", conflicts_with_all = ["value", "status", "source"])]
    pub withdraw: bool,
    /// 撤回的理由（随撤回记录一起保存）
    #[arg(long, value_name = "理由", requires = "withdraw")]
    pub reason: Option<String>,
}

pub fn run(data: &DataArgs, args: &RecordArgs, today: NaiveDate) -> Result<i32, Error> {
    let dir = writable_dir(data)?;
    if args.withdraw {
        return run_withdraw(data, args, today);
    }
    let mut problems = Vec::new();
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let period = take(&mut problems, "时期", parse_period(&args.period));
    let value = take(&mut problems, "数值", parse_value(&text(&args.value)));
    let status = take(&mut problems, "状态", parse_status(&text(&args.status)));
    let published = match &args.published {
        Some(p) => take(&mut problems, "发布日期", parse_date(p).map(Some)),
        None => Some(None),
    };
    let source = text(&args.source).trim().to_string();
    if source.is_empty() {
        problems.push("来源：不能为空，没有来源的数值不能使用".to_string());
    }
    if args.accept.as_deref().is_some_and(|a| a.trim().is_empty()) {
        problems
            .push("确认理由：--accept 后请写明理由，如 --accept \"已与统计公报核对\"".to_string());
    }
    let (Some(period), Some(value), Some(status), Some(published)) =
        (period, value, status, published)
    else {
        return refuse(&problems);
    };
    if !problems.is_empty() {
        return refuse(&problems);
    }
    let figure = Figure {
        indicator: args.id.trim().to_string(),
        period,
        value,
        status,
        source,
        quote: args.quote.clone(),
        published,
        note: args.note.clone(),
        accepted: args.accept.clone(),
        explanation: args.explanation.clone(),
    };
    let recorded = record(&dir, data.plan.as_deref(), figure, today, |holder| {
        eprintln!("{}", waiting_message(holder))
    })?;
    let (text, code) = outcome(&recorded);
    print(&text)?;
    Ok(code)
}

/// `record --withdraw ID PERIOD --reason "…"`.
fn run_withdraw(data: &DataArgs, args: &RecordArgs, today: NaiveDate) -> Result<i32, Error> {
    let dir = writable_dir(data)?;
    let period = match parse_period(&args.period) {
        Ok(p) => p,
        Err(m) => return refuse(&[format!("时期：{m}")]),
    };
    let withdrawal = Withdrawal {
        indicator: args.id.trim().to_string(),
        period,
        reason: args.reason.clone().unwrap_or_default(),
    };
    let done = withdraw(&dir, data.plan.as_deref(), &withdrawal, today, |holder| {
        eprintln!("{}", waiting_message(holder))
    })?;
    let what = format!(
        "指标 {} {} {}",
        withdrawal.indicator,
        done.name,
        period.label_zh()
    );
    if let Some((field, message)) = &done.refused {
        eprintln!("未撤回 {what}：{}：{message}", field_zh(field));
        return Ok(2);
    }
    let number = |(v, s): (f64, crate::model::ObservationStatus)| {
        format!(
            "{}{}（{}）",
            crate::text::fmt_number(v, 6),
            done.unit,
            s.label_zh()
        )
    };
    let mut text = format!(
        "已撤回 {what} 的 {}，写入 {}（理由：{}）。",
        done.withdrawn.map(number).unwrap_or_default(),
        done.file,
        withdrawal.reason.trim()
    );
    match done.now_in_use {
        Some(n) => text.push_str(&format!("该时期改用此前的版本 {}。\n", number(n))),
        None => text.push_str("该时期现在没有数值。\n"),
    }
    print(&text)?;
    Ok(0)
}

fn take<T>(problems: &mut Vec<String>, name: &str, r: Result<T, String>) -> Option<T> {
    r.map_err(|m| problems.push(format!("{name}：{m}"))).ok()
}

fn refuse(problems: &[String]) -> Result<i32, Error> {
    let mut text = String::from("未录入，数据有问题：\n");
    for p in problems {
        text.push_str(&format!("  {p}\n"));
    }
    eprint!("{text}");
    Ok(2)
}

/// What became of the figure, in words, and the exit status.
fn outcome(recorded: &Recorded) -> (String, i32) {
    let row = &recorded.row;
    let what = |r: &Planned| {
        format!(
            "{} {} {}{}（{}）",
            r.label(),
            r.figure.period.label_zh(),
            crate::text::fmt_number(r.figure.value, 6),
            r.unit,
            r.figure.status.label_zh()
        )
    };
    let mut text = match &recorded.outcome {
        Outcome::Refused { field, message } => {
            return (
                format!("未录入 {}：{}：{message}\n", what(row), field_zh(field)),
                2,
            );
        }
        Outcome::Invalid(problems) => {
            let mut text = format!("未录入 {}：录入后数据会有问题：\n", what(row));
            for p in problems {
                text.push_str(&format!("  {p}\n"));
            }
            return (text, 2);
        }
        Outcome::Unsure(warnings) => {
            let mut text = format!("未录入 {}：这个数值可能有误：\n", what(row));
            for w in warnings {
                text.push_str(&format!("  {}：{}\n", w.check.label_zh(), w.reason));
            }
            text.push_str("核对无误后，加 --accept \"理由\" 再运行即可录入（理由随数据保存）。\n");
            return (text, 2);
        }
        Outcome::Unchanged => format!("与已有数据相同，未改动：{}\n", what(row)),
        Outcome::Written => match &row.change {
            Change::Revised {
                old_value,
                old_status,
            } => format!(
                "已录入新版本 {}，写入 {}（原为 {}，{}；旧版本保留）\n",
                what(row),
                row.file,
                crate::text::fmt_number(*old_value, 6),
                old_status.label_zh()
            ),
            _ => format!("已录入 {}，写入 {}\n", what(row), row.file),
        },
    };
    for w in &row.warnings {
        text.push_str(&format!(
            "  已确认保留（{}）：{}\n",
            w.check.label_zh(),
            w.reason
        ));
    }
    (text, 0)
}

/// The Chinese name of a history field.
pub(super) use crate::intake::field_zh;
