//! What can be wrong with a scenario, said so that the person at the keyboard can fix it. The messages name the
//! data item (a year's population, the exchange rate, the growth distribution); each face adds how to change it
//! in its own words (a flag on the command line, a key in the dashboard).

use super::item::Item;
use crate::text::fmt_number;

/// A value as the user typed it; huge or tiny ones in scientific notation, so that a message stays one line.
fn num(value: &f64) -> String {
    if value.is_finite() && (*value == 0.0 || (1e-4..1e9).contains(&value.abs())) {
        fmt_number(*value, 4)
    } else {
        format!("{value:e}")
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    #[error("{year} 年常住人口为 {} 万人：人口应为正数", num(.value))]
    Population { year: i32, value: f64 },
    #[error("{year} 年汇率为 {} 元/美元：汇率应为正数", num(.value))]
    Fx { year: i32, value: f64 },
    #[error("{year} 年增速为 {}%：增速应大于 −100%（否则总量为零或负数）", num(.pct))]
    Growth { year: i32, pct: f64 },
    #[error("{year} 年价格平减指数为 {}%：应大于 −100%", num(.pct))]
    Deflator { year: i32, pct: f64 },
    #[error("基期 GDP 为 {} 亿元：应为正数", num(.0))]
    BaseGdp(f64),
    #[error("{what}应有 {expected} 个数（{from}–{to} 年每年一个），实际给了 {got} 个")]
    PathLength {
        what: &'static str,
        expected: usize,
        got: usize,
        from: i32,
        to: i32,
    },
    #[error("基期 {base} 年应早于规划末年 {end} 年")]
    Years { base: i32, end: i32 },
    #[error("数据中没有 {year} 年的{name}（{series} 序列）")]
    MissingData {
        item: Item,
        name: &'static str,
        series: &'static str,
        year: i32,
    },
    #[error("规划中没有指标“{indicator}”的增速目标（情景测算的默认增速取自该指标）")]
    NoGrowthTarget { indicator: String },
    #[error(
        "{from}–{to} 年指标 {indicator} 的全年数据只有 {got} 个，至少需要 2 个才能估计增速分布的均值和标准差"
    )]
    FitData {
        indicator: String,
        from: i32,
        to: i32,
        got: usize,
    },
    #[error("目标“{what}”为 {}：应为正数", num(.value))]
    Goal { what: String, value: f64 },
    #[error("计算结果超出数值范围（{0}）：假设过于极端，请检查输入")]
    Overflow(String),
    #[error("模拟路径数为 {0}：应在 1 到 {max} 之间", max = super::limits::MAX_PATHS)]
    Paths(usize),
    #[error("增速分布的均值为 {}%：应大于 −100、不超过 {max}", num(.0), max = super::limits::MAX_MEAN_PCT)]
    Mean(f64),
    #[error("增速分布的标准差为 {} 个百分点：应在 0 到 {max} 之间", num(.0), max = super::limits::MAX_SD_PCT)]
    Sd(f64),
    #[error("{0}")]
    Data(String),
}

impl ScenarioError {
    /// The assumption the error is about, where it is one: a face names its own way of setting it.
    pub fn item(&self) -> Option<Item> {
        match self {
            ScenarioError::Population { .. } => Some(Item::Population),
            ScenarioError::Fx { .. } => Some(Item::Fx),
            ScenarioError::Growth { .. } | ScenarioError::NoGrowthTarget { .. } => {
                Some(Item::Growth)
            }
            ScenarioError::Deflator { .. } => Some(Item::Deflator),
            ScenarioError::BaseGdp(_) => Some(Item::BaseGdp),
            ScenarioError::MissingData { item, .. } => Some(*item),
            _ => None,
        }
    }
}
