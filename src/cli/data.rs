//! Where the data come from, shared by every subcommand: the flags, loading, and the library's errors in the
//! command line's words.

use std::path::PathBuf;

use clap::Args;

use crate::error::Error;
use crate::load::{DataSource, load};
use crate::model::{Dataset, Period};

/// Where the data come from: shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// 数据目录（含 indicators/ 与 history/）；不指定时使用内置的杭州数据
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// 选择规划（规划 id 或文件名，如 hangzhou-14th）；不指定时取当前年份所在的规划
    #[arg(long, global = true, value_name = "PLAN")]
    pub plan: Option<String>,
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
    resolve_as_of(dataset, asked).map(|a| a.period)
}

/// What `--as-of` means for this data (see [`crate::assess::as_of::resolve`]), in the command line's words when
/// it is out of range.
pub fn resolve_as_of(
    dataset: &Dataset,
    asked: Option<Period>,
) -> Result<crate::assess::as_of::AsOf, Error> {
    crate::assess::as_of::resolve(dataset, asked).map_err(|e| in_flags(e.into()))
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
        Error::OutputNotReport { path, reason } => Error::Usage(format!(
            "{} 已存在且不是 planwatch 生成的报告目录（{reason}）：为免误删，即使加 --force 也不会覆盖，请另选 --out",
            path.display()
        )),
        Error::OutputUnderFile(file) => Error::Usage(format!(
            "无法在 {} 下创建报告目录：{} 是文件而不是目录，请另选 --out",
            file.display(),
            file.display()
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
