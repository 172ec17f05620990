//! The commands behind the command line. Each reads the data once, asks the library, and prints.

mod annual;
mod annual_plan;
mod args;
mod data;
mod explain;
mod export;
mod format;
mod import;
mod list;
mod output;
mod record;
mod regions;
mod report;
mod required;
mod scenario;
mod status;
mod template;
mod units;
mod validate;

pub use args::{Cli, Command};
pub use data::{DataArgs, as_of_period, in_flags, load_data, source, writable_dir};
pub use format::Format;

use crate::error::Error;
use crate::model::Period;

/// Runs one invocation; returns the process exit status.
pub fn run(cli: Cli) -> Result<i32, Error> {
    let data = cli.data;
    let as_of = cli.as_of;
    // The clock is read here, once: every command is given the date (`--today` sets it).
    let now = chrono::Local::now();
    let today = cli.today.unwrap_or_else(|| now.date_naive());
    let stamp_text = match cli.today {
        Some(day) => day.format("%Y-%m-%d").to_string(),
        None => now.format("%Y-%m-%d %H:%M").to_string(),
    };
    output::ask_for_bom(cli.bom);
    match cli.command {
        Some(Command::List { format }) => list::run(&load_data(&data)?, format),
        Some(Command::Status { format }) => status::run(&load_data(&data)?, as_of, format),
        Some(Command::Validate { format }) => validate::run(&data, format, today),
        Some(Command::Annual { year, format }) => annual::run(&load_data(&data)?, year, as_of, format),
        Some(Command::Explain { id, format }) => {
            explain::run(&load_data(&data)?, &id, as_of, format)
        }
        Some(Command::Required {
            from,
            to,
            years,
            format,
        }) => required::run(from, to, years, format),
        Some(Command::Report {
            kind,
            formats,
            out,
            font,
            force,
            stamp,
            regions,
            issuer,
            date,
        }) => report::run(
            &data,
            report::Request {
                kind: kind.into(),
                formats,
                as_of: as_of.ok_or_else(|| {
                    Error::Usage(
                        "生成报告需要 --as-of：评估截至的年份或时期，如 --as-of 2028、--as-of 2026H1"
                            .into(),
                    )
                })?,
                out: &out,
                font: font.as_deref(),
                force,
                stamp: stamp.then_some(stamp_text),
                regions,
                today,
                signature: crate::report::Signature {
                    issuer,
                    date: date.map(|d| d.format("%Y年%-m月%-d日").to_string()),
                },
            },
        ),
        Some(Command::Scenario(args)) => scenario::run(&data, &args),
        Some(Command::Regions { indicator, format }) => {
            regions::run(&data, as_of.map(|p| p.year), indicator.as_deref(), format)
        }
        Some(Command::Record(args)) => record::run(&data, &args, today),
        Some(Command::Template(args)) => template::run(&data, &args, today),
        Some(Command::Import(args)) => import::run(&data, &args, today),
        Some(Command::AnnualPlan(args)) => annual_plan::run(&data, &args, today),
        Some(Command::Export(args)) => export::run(&data, &args, as_of),
        Some(Command::Units(args)) => units::run(&data, &args, as_of, today),
        Some(Command::Tui) => dashboard(&data, as_of, today),
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            dashboard(&data, as_of, today)
        }
        None => status::run(&load_data(&data)?, as_of, Format::Table),
    }
}

/// The terminal dashboard, as of the year asked for (checked like every other command's `--as-of`).
fn dashboard(
    data: &DataArgs,
    as_of: Option<Period>,
    today: chrono::NaiveDate,
) -> Result<i32, Error> {
    let dataset = load_data(data)?;
    // A terminal that cannot draw gets the plain table, and is told why.
    if crate::tui::dumb_terminal() {
        eprintln!("终端类型为 dumb，无法显示全屏看板；以下为指标状态表（planwatch status）。");
        return status::run(&dataset, as_of, Format::Table);
    }
    let as_of = as_of_period(&dataset, as_of)?;
    // A problem in scenarios/ shows in the scenario panel; the rest of the dashboard still opens.
    let scenarios = crate::load::load_book(&source(data));
    // Several regions' plans in the data: the regions view compares them (a problem in another region's files
    // is for `validate` to report; the dashboard of this plan still opens).
    let regions = match regions::load_regions(data, None) {
        Ok(r) if r.rows.len() > 1 => Some(crate::tui::RegionsPanel::new(r, source(data))),
        _ => None,
    };
    let writable = data.data.clone().map(|dir| (dir, data.plan.clone()));
    crate::tui::run(dataset, scenarios, as_of, writable, regions, today)?;
    Ok(0)
}

/// Reads the command line; an argument error is told in Chinese, with the command's usage line, and ends the
/// process with status 2 (help and version are printed as asked).
pub fn parse_args() -> Cli {
    use clap::Parser;
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            eprintln!("{}", argument_error_zh(&e, &usage_of_args()));
            std::process::exit(2);
        }
    }
}

/// The usage line of the subcommand named on the command line (or of planwatch itself).
fn usage_of_args() -> String {
    use clap::CommandFactory;
    let mut command = Cli::command();
    command.build();
    let named = std::env::args().skip(1).find_map(|a| {
        command
            .get_subcommands()
            .find(|s| s.get_name() == a)
            .map(|s| s.get_name().to_string())
    });
    match named.and_then(|n| command.find_subcommand_mut(&n).map(|s| s.render_usage())) {
        Some(usage) => usage.to_string(),
        None => command.render_usage().to_string(),
    }
}

/// A clap error in Chinese: what is wrong, the usage line (`fallback` where the error carries none), and where
/// help is.
pub fn argument_error_zh(e: &clap::Error, fallback: &str) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("缺少必填的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少子命令".to_string(),
        ErrorKind::UnknownArgument => {
            let mut text = format!("无法识别的参数“{arg}”");
            if arg.starts_with('-') {
                text.push_str("：如是负数或以“-”开头的值，请写在 -- 之后，或写成 --选项=值 的形式");
            }
            text
        }
        ErrorKind::InvalidSubcommand => format!("无法识别的子命令“{arg}”"),
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 {arg} 需要一个值，不能为空"),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            format!("参数 {arg} 的值“{value}”无效：可用的值为 {valid}")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("参数 {arg} 的值“{value}”无效：{why}")
        }
        ErrorKind::TooManyValues => format!("参数 {arg} 的值过多：“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ArgumentConflict => {
            format!(
                "参数 {arg} 不能与 {} 同时使用",
                context(ContextKind::PriorArg)
            )
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要写成 {arg}=值"),
        _ => "命令行参数有误".to_string(),
    };
    let mut usage = context(ContextKind::Usage);
    if usage.trim().is_empty() {
        // Not every error carries the usage.
        usage = fallback.to_string();
    }
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .to_string();
    let mut text = format!(
        "planwatch: 参数错误：{}",
        crate::text::strip_controls(&what)
    );
    if !usage.is_empty() {
        text.push_str(&format!("\n用法：{usage}"));
    }
    text.push_str("\n运行 planwatch --help（或 planwatch 子命令 --help）查看说明。");
    text
}
