//! `planwatch record ID PERIOD VALUE …`: one figure into its history file, checked first.

use clap::Args;

use super::data::{DataArgs, writable_dir};
use super::output::print;
use crate::durable::lock::waiting_message;
use crate::error::Error;
use crate::intake::parse::{parse_date, parse_period, parse_status, parse_value};
use crate::intake::{Change, Figure, Outcome, Planned, Recorded, record, today};

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// 指标序号，如 3、17.1（planwatch list 可查）
    pub id: String,
    /// 时期：2026（全年）、2026Q3（前三季度累计）、2026H1（上半年）
    pub period: String,
    /// 数值（只写数字，不带单位和百分号）
    #[arg(allow_negative_numbers = true)]
    pub value: String,
    /// 数据状态：预计、初步、最终、修订（或 estimate / preliminary / final / revised）
    #[arg(long)]
    pub status: String,
    /// 来源：文件名称或网址，如“2026年杭州市国民经济和社会发展统计公报”
    #[arg(long)]
    pub source: String,
    /// 来源中的原文摘录
    #[arg(long, default_value = "")]
    pub quote: String,
    /// 来源的发布日期，如 2027-03-20
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// 备注
    #[arg(long, default_value = "")]
    pub note: String,
    /// 数值触发合理性提示时，确认保留（可写明理由，随数据一起保存）
    #[arg(long, value_name = "理由", num_args = 0..=1, default_missing_value = "录入时已核对来源")]
    pub accept: Option<String>,
}

pub fn run(data: &DataArgs, args: &RecordArgs) -> Result<i32, Error> {
    let dir = writable_dir(data)?;
    let mut problems = Vec::new();
    let period = take(&mut problems, "时期", parse_period(&args.period));
    let value = take(&mut problems, "数值", parse_value(&args.value));
    let status = take(&mut problems, "状态", parse_status(&args.status));
    let published = match &args.published {
        Some(p) => take(&mut problems, "发布日期", parse_date(p).map(Some)),
        None => Some(None),
    };
    if args.source.trim().is_empty() {
        problems.push("来源：不能为空，没有来源的数值不能使用".to_string());
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
        source: args.source.trim().to_string(),
        quote: args.quote.clone(),
        published,
        note: args.note.clone(),
        accepted: args.accept.clone(),
    };
    let recorded = record(&dir, data.plan.as_deref(), figure, today(), |holder| {
        eprintln!("{}", waiting_message(holder))
    })?;
    let (text, code) = outcome(&recorded);
    print(&text)?;
    Ok(code)
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
            "指标 {} {} {} {}{}（{}）",
            r.figure.indicator,
            r.name,
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
