//! `planwatch template --out 报送表.xlsx`: the workbook departments fill.

use std::path::PathBuf;

use clap::Args;

use super::data::{DataArgs, load_data};
use super::output::print;
use crate::error::Error;
use crate::intake::parse::parse_period;
use crate::sheets::{template, write_atomically, xlsx_error};

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// 输出的 Excel 文件，如 报送表.xlsx
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 要填报的时期：2026（全年）、2026Q3 或 2026年前三季度 等；默认为按今天已结束的最近一个季度累计期（或上一年全年）
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// 只列出该牵头单位的指标（规划文件中各指标的 department）
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    /// 覆盖已有文件
    #[arg(long)]
    pub force: bool,
}

pub fn run(data: &DataArgs, args: &TemplateArgs, today: chrono::NaiveDate) -> Result<i32, Error> {
    let dataset = load_data(data)?;
    let plan = &dataset.plan;
    let period = match &args.period {
        Some(p) => parse_period(p).map_err(Error::Usage)?,
        None => template::default_period(today, plan.baseline_year, plan.end_year),
    };
    // A FIFO, a device, a socket or a directory is never written, --force or not.
    if crate::durable::check_output(&args.out)? && !args.force {
        return Err(Error::Usage(format!(
            "{} 已存在：为免覆盖已填写的报送表，请换一个文件名，或加 --force 覆盖",
            args.out.display()
        )));
    }
    let rows = template::rows(&dataset, period, args.department.as_deref())?;
    let bytes = template::workbook(&dataset, &rows).map_err(|e| xlsx_error(&args.out, e))?;
    write_atomically(&args.out, &bytes)?;
    print(&format!(
        "已生成报送表 {}：{} 个指标，期别 {}{}。填好后用 planwatch import {}{} 导入（先预览，加 --apply 写入）。\n",
        args.out.display(),
        rows.len(),
        period.label_zh(),
        args.department
            .as_deref()
            .map(|d| format!("，牵头单位 {d}"))
            .unwrap_or_default(),
        args.out.display(),
        data.data
            .as_ref()
            .map(|d| format!(" --data {}", d.display()))
            .unwrap_or_default()
    ))?;
    Ok(0)
}
