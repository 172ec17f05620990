//! The library's errors, written for the person at the terminal.

use std::path::PathBuf;

use crate::model::AsOfOutOfRange;
use crate::problem::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("数据有 {} 处问题：\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
    #[error("找不到数据目录 {0}：数据目录应包含 indicators/（规划文件）和 history/（历史数据）")]
    NoDataDir(PathBuf),
    #[error("{0} 不是目录：数据目录应是包含 indicators/（规划文件）和 history/（历史数据）的目录")]
    NotADataDir(PathBuf),
    #[error("找不到目录 {0}：数据目录中应有 indicators/（规划文件）和 history/（历史数据）")]
    NoPlanDir(PathBuf),
    #[error("{}", plan_not_found(.wanted, .available))]
    PlanNotFound {
        wanted: String,
        available: Vec<String>,
    },
    #[error("无法读取 {path}：{source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("指标“{0}”不在规划中")]
    UnknownIndicator(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    AsOf(#[from] AsOfOutOfRange),
    #[error("报告输出目录不能为空")]
    OutputEmpty,
    #[error("{0} 已存在且不是目录")]
    OutputNotDir(PathBuf),
    #[error("{path} 已存在且不是 planwatch 生成的报告目录（{reason}）：为免误删，不会覆盖")]
    OutputNotReport { path: PathBuf, reason: String },
    #[error("无法在 {0} 下创建报告目录：{0} 是文件而不是目录")]
    OutputUnderFile(PathBuf),
    #[error("另一个 planwatch 正在向 {0} 写入报告：请等它完成后再试")]
    OutputBusy(PathBuf),
    #[error("{0} 在生成报告期间被创建或改动：未覆盖，请检查后重试")]
    OutputAppeared(PathBuf),
    #[error("{0} 中已有报告，未覆盖")]
    OutputExists(PathBuf),
    #[error("无法写入 {path}：{source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn plan_not_found(wanted: &str, available: &[String]) -> String {
    if available.is_empty() {
        "indicators/ 中没有规划文件（*.toml）".to_string()
    } else if wanted.is_empty() {
        format!("数据中有多个规划，请选择其一：{}", available.join("、"))
    } else {
        format!(
            "找不到规划“{wanted}”：可用的规划有 {}",
            available.join("、")
        )
    }
}

impl Error {
    /// Exit status: 2 for data and usage problems, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Io { .. } | Error::Write { .. } => 1,
            _ => 2,
        }
    }
}
