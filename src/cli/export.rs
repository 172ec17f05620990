//! `planwatch export --out 监测数据.xlsx`: status, annual targets and observations as an Excel workbook.

use std::path::PathBuf;

use clap::Args;

use super::output::print;
use super::{DataArgs, as_of_year, load_data};
use crate::assess::assess_plan;
use crate::error::Error;
use crate::sheets::{export, write_atomically, xlsx_error};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 输出的 Excel 文件，如 监测数据.xlsx
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 评估截至的年份（默认：有数据的最近年份）
    #[arg(long, value_name = "YEAR")]
    pub as_of: Option<i32>,
    /// 覆盖已有文件
    #[arg(long)]
    pub force: bool,
}

pub fn run(data: &DataArgs, args: &ExportArgs) -> Result<i32, Error> {
    let dataset = load_data(data)?;
    let as_of = as_of_year(&dataset, args.as_of)?;
    if args.out.exists() && !args.force {
        return Err(Error::Usage(format!(
            "{} 已存在：请换一个文件名，或加 --force 覆盖",
            args.out.display()
        )));
    }
    let result = assess_plan(&dataset, as_of);
    let bytes = export::workbook(&dataset, &result).map_err(|e| xlsx_error(&args.out, e))?;
    write_atomically(&args.out, &bytes)?;
    print(&format!(
        "已导出 {}：指标状态（截至 {as_of} 年）、年度目标（如有）与全部观测值。\n",
        args.out.display()
    ))?;
    Ok(0)
}
