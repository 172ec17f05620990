//! The output formats every command offers.

use clap::ValueEnum;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// 对齐的文本表格
    #[default]
    Table,
    /// JSON，供其他程序读取
    Json,
    /// CSV，可用表格软件打开
    Csv,
}
