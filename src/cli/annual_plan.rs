//! `planwatch annual-plan import 年度计划.xlsx --year 2027 [--apply]`: the year's annual plan set up from its table;
//! `planwatch annual-plan template --year 2027 --out F.xlsx`: that table prefilled from the year before.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::data::{DataArgs, load_data, writable_dir};
use super::output::print;
use crate::annual_plan::import::{LineChange, propose};
use crate::durable::lock::waiting_message;
use crate::error::Error;
use crate::intake::lock;
use crate::text::fmt_number;

#[derive(Debug, Args)]
pub struct AnnualPlanArgs {
    #[command(subcommand)]
    pub command: AnnualPlanCommand,
}

#[derive(Debug, Subcommand)]
pub enum AnnualPlanCommand {
    /// 导入年度计划表（.xlsx 的“年度计划”工作表或第一个工作表，或 UTF-8 CSV）：先列出每项指标的目标如何理解、
    /// 新增/修改/不变和所有问题，加 --apply 才写入
    Import {
        /// 年度计划表：表头含 序号、指标、单位、年度目标、属性、牵头单位，可选 规划指标、频率、来源
        file: PathBuf,
        /// 年度计划的年份，如 2027
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// 写入数据（不加时只列出将要发生的改动）
        #[arg(long)]
        apply: bool,
    },
    /// 生成年度计划表（.xlsx）：按上一年的年度计划预填；没有上一年时按五年规划的指标预填
    Template {
        /// 年度计划的年份，如 2027
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// 输出文件（.xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 覆盖已有文件
        #[arg(long)]
        force: bool,
    },
}

pub fn run(data: &DataArgs, args: &AnnualPlanArgs, today: chrono::NaiveDate) -> Result<i32, Error> {
    match &args.command {
        AnnualPlanCommand::Import { file, year, apply } => import(data, file, *year, *apply, today),
        AnnualPlanCommand::Template { year, out, force } => {
            let dataset = load_data(data)?;
            if crate::durable::check_output(out)? && !force {
                return Err(Error::Usage(format!(
                    "{} 已存在：请换一个文件名，或加 --force 覆盖",
                    out.display()
                )));
            }
            let bytes = crate::annual_plan::template::workbook(&dataset, *year)?;
            crate::sheets::write_atomically(out, &bytes)?;
            let lines = crate::annual_plan::template::rows(&dataset, *year);
            print(&format!(
                "已生成 {}：{} 年年度计划表 {} 行（{}）。填好后用 planwatch annual-plan import {} --year {} 导入。\n",
                out.display(),
                year,
                lines.rows.len(),
                lines.basis,
                out.display(),
                year
            ))?;
            Ok(0)
        }
    }
}

fn import(
    data: &DataArgs,
    file: &std::path::Path,
    year: i32,
    apply: bool,
    today: chrono::NaiveDate,
) -> Result<i32, Error> {
    if !crate::load::YEAR_RANGE.contains(&year) {
        return Err(Error::Usage(format!(
            "--year {year} 超出合理范围：应为 2026 这样的四位年份"
        )));
    }
    let dir = writable_dir(data)?;
    let lock = if apply {
        lock(&dir, |holder| eprintln!("{}", waiting_message(holder)))?
    } else {
        None
    };
    let proposal = propose(&dir, data.plan.as_deref(), file, year, today)?;
    let mut out = format!(
        "{} 工作表“{}”：{year} 年年度计划 {} 项指标。\n",
        file.display(),
        proposal.sheet,
        proposal.lines.len()
    );
    let (mut new, mut changed, mut same) = (0, 0, 0);
    for l in &proposal.lines {
        match l.change {
            LineChange::New => new += 1,
            LineChange::Changed(_) => changed += 1,
            LineChange::Unchanged => same += 1,
        }
        let linked = match (&l.indicator, l.new_series) {
            (Some(i), _) => format!("规划指标 {i}"),
            (None, true) => "年度计划独有（新建数据序列）".to_string(),
            (None, false) => "年度计划独有（已有数据序列）".to_string(),
        };
        let mut understood = l.understood.describe();
        if let Some(v) = l.target.value
            && l.understood.value != Some(v)
        {
            understood.push_str(&format!("；按本行单位计为 {}{}", fmt_number(v, 6), l.unit));
        }
        let unit = if l.unit.is_empty() {
            String::new()
        } else {
            format!("（{}）", l.unit)
        };
        out.push_str(&format!(
            "  第 {} 行  {}. {}{}  {} → {}  牵头：{}  {}  [{}]\n",
            l.row,
            l.number,
            l.name,
            unit,
            l.words,
            understood,
            l.target.department.as_deref().unwrap_or(""),
            linked,
            l.change.label_zh()
        ));
    }
    out.push_str(&format!(
        "新增 {new} 项，修改 {changed} 项，不变 {same} 项。\n"
    ));
    if !proposal.problems.is_empty() {
        out.push_str(&format!("有问题 {} 处：\n", proposal.problems.len()));
        for p in &proposal.problems {
            out.push_str(&format!("  {p}\n"));
        }
    }
    let code = if !proposal.ready() {
        out.push_str(if apply {
            "有问题，未写入任何数据：请修改表格后重新导入。\n"
        } else {
            "有问题：请修改表格后重新导入。\n"
        });
        2
    } else if proposal.writes.is_empty() {
        out.push_str("没有需要写入的改动。\n");
        0
    } else if let Some(lock) = &lock {
        proposal.apply(lock)?;
        out.push_str(&format!(
            "已写入 {} 项年度目标（{} 个数据文件，全部同时更新）。\n",
            new + changed,
            proposal.writes.len()
        ));
        0
    } else {
        out.push_str("以上为预览，尚未写入。核对无误后加 --apply 写入。\n");
        0
    };
    print(&out)?;
    Ok(code)
}
