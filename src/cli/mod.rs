//! The commands behind the command line. Each reads the data once, asks the library, and prints.

mod annual;
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
    output::ask_for_bom(cli.bom);
    match cli.command {
        Some(Command::List { format }) => list::run(&load_data(&data)?, format),
        Some(Command::Status { format }) => status::run(&load_data(&data)?, as_of, format),
        Some(Command::Validate { format }) => validate::run(&data, format),
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
                stamp,
                regions,
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
        Some(Command::Record(args)) => record::run(&data, &args),
        Some(Command::Template(args)) => template::run(&data, &args),
        Some(Command::Import(args)) => import::run(&data, &args),
        Some(Command::Export(args)) => export::run(&data, &args, as_of),
        Some(Command::Tui) => dashboard(&data, as_of),
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => dashboard(&data, as_of),
        None => status::run(&load_data(&data)?, as_of, Format::Table),
    }
}

/// The terminal dashboard, as of the year asked for (checked like every other command's `--as-of`).
fn dashboard(data: &DataArgs, as_of: Option<Period>) -> Result<i32, Error> {
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
    crate::tui::run(dataset, scenarios, as_of, writable, regions)?;
    Ok(0)
}
