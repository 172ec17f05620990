//! The command line: every subcommand and flag, with help in plain words.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use super::data::DataArgs;
use super::format::Format;
use crate::report::ReportKind;

#[derive(Debug, Parser)]
#[command(
    name = "planwatch",
    version,
    about = "五年规划指标监测：哪些指标滞后、还需年均增长多少、趋势指向哪里",
    long_about = "planwatch 监测五年规划主要指标的进展（默认：杭州市“十五五”规划 30 项主要指标）。\n\
                  不带子命令运行时，在终端中打开监测看板；输出被重定向时打印指标状态表。\n\
                  数据为纯文本 TOML：indicators/（规划）与 history/（历史数据），已内置于程序中，也可用 --data 指定。"
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    /// 评估截至的年份或时期（如 2026、2026Q3、2026H1、2026-08；默认：有数据的最近时期）；各命令通用
    #[arg(
        long,
        value_name = "PERIOD",
        allow_negative_numbers = true,
        global = true
    )]
    pub as_of: Option<crate::model::Period>,
    /// 以该日期为“今天”（如 2026-12-03）：录入日期、合理性检查、报送表的默认期别、报告的生成时间都按它计算，便于复现
    #[arg(long, value_name = "YYYY-MM-DD", global = true, value_parser = parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// CSV 输出前加 UTF-8 字节顺序标记（BOM），便于 Excel 识别中文；输出重定向到文件时自动添加
    #[arg(long, global = true)]
    pub bom: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 打开终端监测看板（总览、指标详情、情景模拟；按 ? 查看按键）
    Tui,
    /// 列出规划的全部指标（序号、名称、单位、类别、属性、基期、目标）
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 每个指标的进展状态：基期、最新数据、目标、状态与原因
    Status {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 年度计划执行情况：当年年度计划的每项指标、年内最新数据、目标时序进度与判断
    Annual {
        /// 年度计划的年份（默认：截至时期所在的年份）
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 检查数据文件，列出所有问题（文件:行:列 与字段）
    Validate {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 一个指标的完整计算过程：公式、代入的数值、结论及原因
    Explain {
        /// 指标序号，如 1、10、17.2；年度计划独有的指标用其序列名，如 retail_sales
        id: String,
        /// table：文字说明；json：计算步骤与结果；csv：计算步骤（项目、内容两列）
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 从当前值到目标值还需的年均增速，例如 --from 23011 --to 30000 --years 5
    Required {
        /// 当前值
        #[arg(long, allow_negative_numbers = true)]
        from: f64,
        /// 目标值
        #[arg(long, allow_negative_numbers = true)]
        to: f64,
        /// 剩余年数
        #[arg(long)]
        years: u32,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 生成年度监测报告、中期评估报告或计划执行情况报告：report.md、自包含的 report.html 与 charts/ 中的图表
    Report {
        /// annual：年度监测报告；midterm：中期评估报告（规划期内）；final：总结评估报告（规划期末及以后）；
        /// execution：年度计划执行情况（如 --as-of 2026H1）；notice：各单位指标报送与推进情况通报
        #[arg(long, value_enum)]
        kind: ReportKindArg,
        /// 生成哪些文档，逗号分隔：md、html、docx（默认全部）
        #[arg(long = "format", value_name = "FORMATS", value_delimiter = ',', value_parser = parse_report_format)]
        formats: Vec<crate::report::ReportFormat>,
        /// 输出目录（整体写入：要么全部生成，要么不改动）
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// PNG 图表所用的中文字体文件（.ttf/.otf/.ttc）；不指定时在系统常见位置查找
        #[arg(long, value_name = "PATH")]
        font: Option<PathBuf>,
        /// 覆盖已有的报告目录；报告类型与规划时序不符（如已结束规划的中期评估）时仍然生成
        #[arg(long)]
        force: bool,
        /// 在报告中写明生成时间（默认不写：相同的数据生成逐字节相同的报告）
        #[arg(long)]
        stamp: bool,
        /// 加入“各地区对照”一节：数据中同一规划期各地区规划的对照表与图，以及每个滞后指标涉及的地区
        #[arg(long)]
        regions: bool,
        /// 发文机关署名，写在正文之后（如“杭州市发展和改革委员会”）；不指定时留待填写
        #[arg(long, value_name = "NAME")]
        issuer: Option<String>,
        /// 成文日期（如 2026-12-03，文中写作“2026年12月3日”）；不指定时留待填写
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_document_date)]
        date: Option<chrono::NaiveDate>,
    },
    /// 各地区规划并列：每个地区的各状态计数与约束性预警（按滞后占比排序），下辖地区与本级数的汇总核对
    Regions {
        /// 只看一个指标在各地区的情况：序号、共同编码（code）或名称
        #[arg(long, value_name = "ID|NAME")]
        indicator: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 情景测算：若 GDP 每年增长 5.0 / 5.4 / 6%，何年迈上 3 万亿元？人均 GDP 折合多少美元？概率多大？
    Scenario(Box<super::scenario::args::ScenarioArgs>),
    /// 录入一个数据：写入该指标的数据文件（保留原有注释与各版本），先检查，有疑问时要求确认
    Record(Box<super::record::RecordArgs>),
    /// 生成供各部门填报的 Excel 报送表（每个指标一行）
    Template(super::template::TemplateArgs),
    /// 导入填好的报送表（.xlsx 或 .csv）：先列出将要新增、修订的数据和有问题的行，加 --apply 才写入
    Import(super::import::ImportArgs),
    /// 各单位指标报送与进度：每个牵头单位的指标数、本期有数据、滞后（其中约束性）、逾期未报、缺情况说明与预警等级及原因
    Units(super::units::UnitsArgs),
    /// 导出 Excel 工作簿：指标状态、年度目标、全部观测值（含各版本与来源）
    Export(super::export::ExportArgs),
    /// 年度计划：从年度计划表导入一年的主要指标及目标（import），或生成预填的年度计划表（template）
    AnnualPlan(super::annual_plan::AnnualPlanArgs),
}

/// Which report, as the command line names it: the library's [`ReportKind`] knows nothing of clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKindArg {
    /// 年度监测报告：一年的进展，及年度目标的完成情况
    Annual,
    /// 中期评估报告：规划实施以来的进展对照规划目标
    Midterm,
    /// 总结评估报告：规划期结束后，目标的实现情况
    Final,
    /// 计划执行情况报告：年度计划各项指标对照目标时序进度（如 --as-of 2026H1）
    Execution,
    /// 通报：各单位按符合进度比例排名、逾期未报数据、分级预警；数据目录含各区县规划时另排各区县（如 --as-of 2027H1）
    Notice,
}

impl From<ReportKindArg> for ReportKind {
    fn from(kind: ReportKindArg) -> ReportKind {
        match kind {
            ReportKindArg::Annual => ReportKind::Annual,
            ReportKindArg::Midterm => ReportKind::Midterm,
            ReportKindArg::Final => ReportKind::Final,
            ReportKindArg::Execution => ReportKind::Execution,
            ReportKindArg::Notice => ReportKind::Notice,
        }
    }
}

fn parse_report_format(name: &str) -> Result<crate::report::ReportFormat, String> {
    crate::report::ReportFormat::parse(name)
        .ok_or_else(|| format!("无法识别的报告格式“{name}”：可用 md、html、docx"))
}

/// A calendar date as YYYY-MM-DD; `what` names it in the message (成文日期), empty for `--today`.
fn parse_date(text: &str, what: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{what}“{text}”不是日期：应写成 YYYY-MM-DD，如 2026-12-03"))
}

fn parse_today(text: &str) -> Result<chrono::NaiveDate, String> {
    parse_date(text, "")
}

/// 成文日期: a calendar date, YYYY-MM-DD.
fn parse_document_date(text: &str) -> Result<chrono::NaiveDate, String> {
    parse_date(text, "成文日期")
}
