//! The commands behind the command line. Each reads the data once, asks the library, and prints.

mod args;
mod explain;
mod format;
mod list;
mod output;
mod report;
mod required;
mod scenario;
mod status;
mod validate;

pub use args::{Cli, Command, DataArgs};
pub use format::Format;

use crate::error::Error;
use crate::load::{DataSource, load};
use crate::model::Dataset;

/// Runs one invocation; returns the process exit status.
pub fn run(cli: Cli) -> Result<i32, Error> {
    let data = cli.data;
    match cli.command {
        Some(Command::List { format }) => list::run(&load_data(&data)?, format),
        Some(Command::Status { as_of, format }) => status::run(&load_data(&data)?, as_of, format),
        Some(Command::Validate { format }) => validate::run(&data, format),
        Some(Command::Explain { id, as_of, format }) => {
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
            as_of,
            out,
            font,
            force,
            stamp,
        }) => report::run(
            &data,
            report::Request {
                kind: kind.into(),
                formats,
                as_of,
                out: &out,
                font: font.as_deref(),
                force,
                stamp,
            },
        ),
        Some(Command::Scenario(args)) => scenario::run(&data, &args),
        Some(Command::Tui { as_of }) => dashboard(&data, as_of),
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => dashboard(&data, cli.as_of),
        None => status::run(&load_data(&data)?, cli.as_of, Format::Table),
    }
}

/// The terminal dashboard, as of the year asked for (checked like every other command's `--as-of`).
fn dashboard(data: &DataArgs, as_of: Option<i32>) -> Result<i32, Error> {
    let dataset = load_data(data)?;
    let as_of = as_of_year(&dataset, as_of)?;
    // A problem in scenarios/ shows in the scenario panel; the rest of the dashboard still opens.
    let scenarios = crate::load::load_book(&source(data));
    crate::tui::run(dataset, scenarios, as_of)?;
    Ok(0)
}

pub fn source(data: &DataArgs) -> DataSource {
    match &data.data {
        Some(dir) => DataSource::Dir(dir.clone()),
        None => DataSource::Shipped,
    }
}

pub fn load_data(data: &DataArgs) -> Result<Dataset, Error> {
    load(&source(data), data.plan.as_deref()).map_err(in_flags)
}

/// The as-of year asked for, checked against the plan by the library; the latest year with data when none is
/// asked for.
pub fn as_of_year(dataset: &Dataset, asked: Option<i32>) -> Result<i32, Error> {
    crate::assess::plan_view::check_as_of(dataset, asked).map_err(|e| in_flags(e.into()))
}

/// A library error in the command line's words: the data item it names becomes the flag that sets it.
pub fn in_flags(error: Error) -> Error {
    match error {
        Error::AsOf(e) => Error::Usage(format!(
            "--as-of {} 不在规划“{}”的评估范围内：应为 {}–{} 之间的年份",
            e.year, e.plan, e.first, e.last
        )),
        Error::PlanNotFound { wanted, available } if wanted.is_empty() && !available.is_empty() => {
            Error::Usage(format!("请用 --plan 选择规划：{}", available.join("、")))
        }
        Error::OutputEmpty => Error::Usage("--out 不能为空：请给出报告输出目录".to_string()),
        Error::OutputNotDir(path) => {
            Error::Usage(format!("{} 已存在且不是目录：请另选 --out", path.display()))
        }
        Error::OutputNotReport(path) => Error::Usage(format!(
            "{} 已存在且不是 planwatch 生成的报告目录（其中没有 report.md）：为免误删，不会覆盖，请另选 --out",
            path.display()
        )),
        Error::OutputExists(path) => Error::Usage(format!(
            "{} 中已有报告：如需覆盖请加 --force",
            path.display()
        )),
        Error::UnknownIndicator(id) => Error::Usage(format!(
            "指标“{id}”不在规划中：请用 planwatch list 查看指标序号"
        )),
        other => other,
    }
}
