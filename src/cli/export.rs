//! `planwatch export --out 监测数据.xlsx`: status, annual targets and observations as an Excel workbook.

use std::path::PathBuf;

use clap::Args;

use super::data::{DataArgs, load_data, resolve_as_of};
use super::output::print;
use crate::assess::assess_plan;
use crate::error::Error;
use crate::sheets::{export, write_atomically, xlsx_error};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 输出的 Excel 文件，如 监测数据.xlsx
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 覆盖已有文件
    #[arg(long)]
    pub force: bool,
}

pub fn run(
    data: &DataArgs,
    args: &ExportArgs,
    as_of: Option<crate::model::Period>,
) -> Result<i32, Error> {
    let dataset = load_data(data)?;
    let resolved = resolve_as_of(&dataset, as_of)?;
    let (period, as_of) = (resolved.period, resolved.year);
    // A FIFO, a device, a socket or a directory is never written, --force or not.
    if crate::durable::check_output(&args.out)? && !args.force {
        return Err(Error::Usage(format!(
            "{} 已存在：请换一个文件名，或加 --force 覆盖",
            args.out.display()
        )));
    }
    let result = assess_plan(&dataset, as_of);
    let annual = crate::assess::annual::annual_plan(&dataset, &resolved);
    let bytes = export::workbook(
        &dataset,
        &result,
        &crate::assess::annual::in_year_signals(&dataset, &resolved),
        Some(&annual),
    )
    .map_err(|e| xlsx_error(&args.out, e))?;
    write_atomically(&args.out, &bytes)?;
    print(&format!(
        "已导出 {}：指标状态（截至 {}）、年度计划（如有）与全部观测值。\n",
        args.out.display(),
        period.label_zh()
    ))?;
    Ok(0)
}
