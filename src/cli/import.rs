//! `planwatch import 报送表.xlsx [--apply]`: what a filled template would change, and with `--apply` the change
//! itself, every history file at once.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::data::{DataArgs, writable_dir};
use super::output::print;
use super::record::field_zh;
use crate::durable::lock::waiting_message;
use crate::error::Error;
use crate::intake::{Change, Figure, Planned, lock, propose};
use crate::sheets::Column;
use crate::sheets::read::{CellProblem, SheetRow, read};
use crate::text::fmt_number;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 填好的报送表（.xlsx）或同样列的 CSV 文件（UTF-8）
    pub file: PathBuf,
    /// 写入数据（不加时只列出将要发生的改动）
    #[arg(long)]
    pub apply: bool,
    /// 对触发合理性提示的数值一律确认保留，须写明理由（如 --accept "已与公报核对"）；也可在表中“确认理由”列
    /// 逐行写明。不可能的数值（比重超过 100%、负的数量）不能确认
    #[arg(long, value_name = "理由")]
    pub accept: Option<String>,
}

fn column_of(field: &str) -> Option<Column> {
    Some(match field {
        "indicator" => Column::Number,
        "period" => Column::Period,
        "value" => Column::Value,
        "status" => Column::Status,
        "source" => Column::Source,
        "quote" => Column::Quote,
        "published" => Column::Published,
        "note" => Column::Note,
        "accepted" => Column::Accepted,
        "explanation" => Column::Explanation,
        _ => return None,
    })
}

fn progress(len: usize) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    if std::io::stderr().is_terminal() && len >= 20 {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} 行") {
            bar.set_style(style.progress_chars("=> "));
        }
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

pub fn run(data: &DataArgs, args: &ImportArgs, today: chrono::NaiveDate) -> Result<i32, Error> {
    let dir = writable_dir(data)?;
    if args.accept.as_deref().is_some_and(|a| a.trim().is_empty()) {
        return Err(Error::Usage(
            "--accept 后请写明理由，如 --accept \"已与统计公报核对\"：理由随数据保存".into(),
        ));
    }
    let rows = read(&args.file)?;
    let bar = progress(rows.len());
    bar.set_message("读取");
    let mut blank: Vec<String> = Vec::new();
    let mut problems: Vec<CellProblem> = Vec::new();
    let mut filled: Vec<(&SheetRow, Figure)> = Vec::new();
    for row in &rows {
        bar.inc(1);
        if row.is_blank() {
            blank.push(row.label());
            continue;
        }
        match row.figure() {
            Ok(mut figure) => {
                if figure.accepted.is_none() {
                    figure.accepted = args.accept.clone();
                }
                filled.push((row, figure));
            }
            Err(found) => problems.extend(found),
        }
    }
    bar.set_message("检查");
    // A run that writes takes the data directory's lock before it reads, and writes under it: a second import
    // at the same time waits, then sees what the first wrote.
    let lock = if args.apply {
        lock(&dir, |holder| {
            bar.suspend(|| eprintln!("{}", waiting_message(holder)))
        })?
    } else {
        None
    };
    let proposal = propose(
        &dir,
        data.plan.as_deref(),
        filled.iter().map(|(_, f)| f.clone()).collect(),
        today,
    )?;
    bar.finish_and_clear();

    let place = |i: usize| {
        let row = filled[i].0;
        format!("{} 第 {} 行", row.sheet, row.row)
    };
    let what = |r: &Planned| {
        format!(
            "{} {} {}{}（{}）",
            r.label(),
            r.figure.period.label_zh(),
            fmt_number(r.figure.value, 6),
            r.unit,
            r.figure.status.label_zh()
        )
    };
    let (mut new, mut revised, mut unchanged, mut unsure) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, r) in proposal.rows.iter().enumerate() {
        match &r.change {
            Change::New => new.push(format!("  {}  {}\n", place(i), what(r))),
            Change::Revised {
                old_value,
                old_status,
            } => revised.push(format!(
                "  {}  {}：原为 {}（{}），旧版本保留\n",
                place(i),
                what(r),
                fmt_number(*old_value, 6),
                old_status.label_zh()
            )),
            Change::Unchanged => unchanged.push(format!("  {}  {}\n", place(i), what(r))),
            Change::Problem { field, message } => {
                let row = filled[i].0;
                let message = match (r.duplicate_of, column_of(field)) {
                    // The same series and period twice in one sheet: name both rows.
                    (Some(first), _) => format!(
                        "与第 {} 行重复：同一指标同一时期只能填一个数值",
                        filled[first].0.row
                    ),
                    (None, Some(_)) => message.clone(),
                    (None, None) => format!("{}：{message}", field_zh(field)),
                };
                problems.push(row.problem(column_of(field), message));
            }
        }
        let row = filled[i].0;
        if !r.is_problem() && row.value_is_percent() && r.unit != "%" {
            // A percent cell for an indicator counted in 亿元 would be scaled by a hundred without a word.
            problems.push(row.problem(
                Some(Column::Value),
                format!(
                    "单元格为百分比格式（显示 {}%），而指标 {} 的单位是“{}”：请把单元格改为常规数字格式，填写以“{}”计的数值",
                    fmt_number(r.figure.value, 6),
                    r.figure.indicator,
                    r.unit,
                    r.unit
                ),
            ));
            continue;
        }
        // Where the hidden id was edited, the visible name says which indicator the row was made for.
        let shown_name = row.cells.get(&Column::Name).map_or("", |(_, t)| t.trim());
        let hidden_id = row
            .cells
            .get(&Column::Key)
            .is_some_and(|(_, t)| !t.trim().is_empty());
        if !r.is_problem()
            && hidden_id
            && !r.name.is_empty()
            && !shown_name.is_empty()
            && !r.name.contains(shown_name)
            && !shown_name.contains(&r.name)
        {
            problems.push(row.problem(
                Some(Column::Key),
                format!(
                    "本行指标为“{shown_name}”，而指标代码 {} 是“{}”：隐藏的指标代码可能被改动，请重新生成报送表后填写",
                    r.figure.indicator, r.name
                ),
            ));
            continue;
        }
        if !r.is_problem() {
            for w in &r.warnings {
                let mark = if r.figure.accepted.is_some() {
                    format!(
                        "已确认保留（{}）",
                        r.figure.accepted.as_deref().unwrap_or("")
                    )
                } else {
                    "需要确认".to_string()
                };
                unsure.push(format!(
                    "  {}  {}：{}：{}（{}）\n",
                    place(i),
                    what(r),
                    mark,
                    w.reason,
                    w.check.label_zh()
                ));
            }
        }
    }
    problems.sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));

    let mut out = format!(
        "{}：{} 行已填，{} 行未填（未填的行不导入）",
        args.file.display(),
        rows.len() - blank.len(),
        blank.len()
    );
    if blank.is_empty() {
        out.push_str("。\n");
    } else {
        const SHOWN: usize = 30;
        let mut names = blank
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("、");
        if blank.len() > SHOWN {
            names.push_str(&format!(" 等 {} 项", blank.len()));
        }
        out.push_str(&format!("：{names}。\n"));
    }
    for (title, lines) in [
        ("新增", &new),
        ("修订（新版本）", &revised),
        ("与已有数据相同，不改动", &unchanged),
        ("合理性提示", &unsure),
    ] {
        if !lines.is_empty() {
            out.push_str(&format!("{title} {} 条：\n", lines.len()));
            lines.iter().for_each(|l| out.push_str(l));
        }
    }
    if !problems.is_empty() {
        out.push_str(&format!("有问题 {} 处：\n", problems.len()));
        for p in &problems {
            out.push_str(&format!("  {p}\n"));
        }
    }
    for p in &proposal.other_problems {
        out.push_str(&format!("  {p}\n"));
    }
    let ready = problems.is_empty() && proposal.ready();
    let code = if !ready {
        out.push_str(if args.apply {
            "有问题或需要确认的数值，未写入任何数据：请修改表格后重新导入；核对无误的提示可在“确认理由”列写明理由，或加 --accept。\n"
        } else {
            "有问题或需要确认的数值：请修改表格后重新导入；核对无误的提示可在“确认理由”列写明理由，或加 --accept。\n"
        });
        2
    } else if proposal.writes.is_empty() {
        out.push_str("没有需要写入的改动。\n");
        0
    } else if let Some(lock) = &lock {
        proposal.apply(lock)?;
        out.push_str(&format!(
            "已写入 {} 条数据（{} 个数据文件，全部同时更新）。\n",
            new.len() + revised.len(),
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
