//! The commands behind the command line. Each reads the data once, asks the library, and prints.

mod annual;
mod args;
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

pub use args::{Cli, Command, DataArgs};
pub use format::Format;

use crate::error::Error;
use crate::load::{DataSource, load};
use crate::model::{Dataset, Period};

/// Runs one invocation; returns the process exit status.
pub fn run(cli: Cli) -> Result<i32, Error> {
    let data = cli.data;
    match cli.command {
        Some(Command::List { format }) => list::run(&load_data(&data)?, format),
        Some(Command::Status { as_of, format }) => status::run(&load_data(&data)?, as_of, format),
        Some(Command::Validate { format }) => validate::run(&data, format),
        Some(Command::Annual {
            year,
            as_of,
            format,
        }) => annual::run(&load_data(&data)?, year, as_of, format),
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
            as_of,
            out,
            font,
            force,
            stamp,
            regions,
        }) => report::run(
            &data,
            kind.into(),
            as_of,
            &out,
            font.as_deref(),
            report::Flags {
                force,
                stamp,
                regions,
            },
        ),
        Some(Command::Scenario(args)) => scenario::run(&data, &args),
        Some(Command::Regions {
            as_of,
            indicator,
            format,
        }) => regions::run(&data, as_of, indicator.as_deref(), format),
        Some(Command::Record(args)) => record::run(&data, &args),
        Some(Command::Template(args)) => template::run(&data, &args),
        Some(Command::Import(args)) => import::run(&data, &args),
        Some(Command::Export(args)) => export::run(&data, &args),
        Some(Command::Tui { as_of }) => dashboard(&data, as_of),
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => dashboard(&data, cli.as_of),
        None => status::run(&load_data(&data)?, cli.as_of, Format::Table),
    }
}

/// The terminal dashboard, as of the year asked for (checked like every other command's `--as-of`).
fn dashboard(data: &DataArgs, as_of: Option<Period>) -> Result<i32, Error> {
    let dataset = load_data(data)?;
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

pub fn source(data: &DataArgs) -> DataSource {
    match &data.data {
        Some(dir) => DataSource::Dir(dir.clone()),
        None => DataSource::Shipped,
    }
}

/// The data directory a command writes to: the built-in data cannot be changed.
pub fn writable_dir(data: &DataArgs) -> Result<std::path::PathBuf, Error> {
    data.data.clone().ok_or_else(|| {
        Error::Usage(
            "内置数据编译在程序中，不能修改：请用 --data 指定数据目录（含 indicators/ 与 history/），\
             例如先复制仓库中的 indicators/ 和 history/ 到一个目录"
                .to_string(),
        )
    })
}

pub fn load_data(data: &DataArgs) -> Result<Dataset, Error> {
    load(&source(data), data.plan.as_deref()).map_err(in_flags)
}

/// The as-of period asked for (a year or a part of one), checked against the plan by the library; the newest
/// period with data when none is asked for.
pub fn as_of_period(dataset: &Dataset, asked: Option<Period>) -> Result<Period, Error> {
    crate::assess::plan_view::check_as_of_period(dataset, asked).map_err(|e| in_flags(e.into()))
}

/// A library error in the command line's words: the data item it names becomes the flag that sets it.
pub fn in_flags(error: Error) -> Error {
    match error {
        Error::AsOf(e) => Error::Usage(format!(
            "--as-of {} 不在规划“{}”的评估范围内：应为 {}–{} 之间的年份，或其中的时期（如 {}Q3、{}H1）",
            e.asked, e.plan, e.first, e.last, e.last, e.last
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
