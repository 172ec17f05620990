//! The flags of `planwatch scenario`: one per assumption, defaults from the shipped data.

use clap::Args;

use crate::cli::format::Format;

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "示例：\n  planwatch scenario --growth 5.4\n  planwatch scenario --name 跳一跳 --fx 7.3\n  \
                        planwatch scenario --growth-path 5.0,5.2,5.4,5.4,5.4 --population-growth 60\n  \
                        planwatch scenario --compare\n  planwatch scenario --grid\n  planwatch scenario --simulate --seed 7"
)]
pub struct ScenarioArgs {
    /// 命名情景（scenarios/*.toml 中的 name，如 基准、跳一跳、低增长）；其他参数在其上修改
    #[arg(long, value_name = "名称")]
    pub name: Option<String>,
    /// 并列比较全部命名情景
    #[arg(long, conflicts_with_all = ["name", "growth", "growth_path", "grid", "simulate"])]
    pub compare: bool,

    /// 每年 GDP 增速（%），规划期各年相同；默认取规划目标（指标 1）
    #[arg(
        long,
        value_name = "PCT",
        allow_negative_numbers = true,
        conflicts_with = "growth_path"
    )]
    pub growth: Option<f64>,
    /// 逐年 GDP 增速（%），逗号分隔，规划期每年一个，如 5.0,5.2,5.4,5.4,5.4
    #[arg(
        long,
        value_name = "PCT,…",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub growth_path: Option<Vec<f64>>,

    /// 规划期常住人口共增加多少万人（规划报告：40），按年平均分摊
    #[arg(long, value_name = "万人", allow_negative_numbers = true,
          conflicts_with_all = ["population_annual", "population_end"])]
    pub population_growth: Option<f64>,
    /// 每年常住人口增加多少万人
    #[arg(
        long,
        value_name = "万人",
        allow_negative_numbers = true,
        conflicts_with = "population_end"
    )]
    pub population_annual: Option<f64>,
    /// 规划末年（2030 年）年末常住人口，万人
    #[arg(
        long = "population-2030",
        value_name = "万人",
        allow_negative_numbers = true
    )]
    pub population_end: Option<f64>,

    /// 人民币对美元汇率（元/美元），各年相同；默认 2024 年平均汇率（规划报告口径）
    #[arg(
        long,
        value_name = "元/美元",
        allow_negative_numbers = true,
        conflicts_with = "fx_path"
    )]
    pub fx: Option<f64>,
    /// 逐年汇率，逗号分隔
    #[arg(
        long,
        value_name = "元/美元,…",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub fx_path: Option<Vec<f64>>,

    /// 价格平减指数年涨幅（%）：给出后增速视为实际增速，GDP 为现价总量
    #[arg(
        long,
        value_name = "PCT",
        allow_negative_numbers = true,
        conflicts_with = "deflator_path"
    )]
    pub deflator: Option<f64>,
    /// 逐年价格平减指数涨幅（%），逗号分隔
    #[arg(
        long,
        value_name = "PCT,…",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub deflator_path: Option<Vec<f64>>,

    /// 基期 GDP（亿元）；默认取数据中基期年份的值
    #[arg(long, value_name = "亿元", allow_negative_numbers = true)]
    pub base_gdp: Option<f64>,
    /// 基期年末常住人口（万人）
    #[arg(long, value_name = "万人", allow_negative_numbers = true)]
    pub base_population: Option<f64>,
    /// 基期年份（默认：规划基期 2025）
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub base_year: Option<i32>,

    /// GDP 目标（亿元）；默认 scenarios/goals.toml（3万亿元）
    #[arg(long, value_name = "亿元", allow_negative_numbers = true)]
    pub goal_gdp: Option<f64>,
    /// 人均 GDP 目标（美元）；默认 scenarios/goals.toml（3万美元）
    #[arg(long, value_name = "美元", allow_negative_numbers = true)]
    pub goal_per_capita_usd: Option<f64>,

    /// 敏感性表：增速 × 汇率、增速 × 人口增量下的 2030 年 GDP 与人均美元，标出达标格
    #[arg(long)]
    pub grid: bool,
    /// 敏感性表的增速取值（%），逗号分隔
    #[arg(
        long,
        value_name = "PCT,…",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub grid_growth: Option<Vec<f64>>,
    /// 敏感性表的汇率取值，逗号分隔
    #[arg(
        long,
        value_name = "元/美元,…",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub grid_fx: Option<Vec<f64>>,
    /// 敏感性表的规划期人口增量取值（万人），逗号分隔
    #[arg(
        long,
        value_name = "万人,…",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub grid_population: Option<Vec<f64>>,

    /// 概率模拟：每年增速取自正态分布（默认按历史 GDP 增速拟合），给出达标概率与 10/50/90% 分位
    #[arg(long)]
    pub simulate: bool,
    /// 增速分布的均值（%）；默认按历史拟合
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub mean: Option<f64>,
    /// 增速分布的标准差（百分点）；默认按历史拟合
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub sd: Option<f64>,
    /// 拟合历史增速的起始年份（默认：基期前 5 年）
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub fit_from: Option<i32>,
    /// 拟合历史增速的截止年份（默认：基期）
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub fit_to: Option<i32>,
    /// 模拟路径数
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub paths: usize,
    /// 随机种子：同一种子结果相同，可复现
    #[arg(long, value_name = "N", default_value_t = 2026)]
    pub seed: u64,

    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}
