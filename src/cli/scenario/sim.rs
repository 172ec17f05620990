//! `planwatch scenario --simulate`: how likely each goal is, growth drawn from the history's distribution.

use serde::Serialize;

use super::args::ScenarioArgs;
use super::view::labelled;
use crate::cli::output::csv as csv_table;
use crate::model::Dataset;
use crate::scenario::ScenarioResult;
use crate::scenario::{Fit, ScenarioError, Session, SimulationOutcome};
use crate::text::{Align, Table, fmt_number, fmt_pct};

#[derive(Serialize)]
pub struct Simulation {
    /// The history the distribution was fitted to; None where mean and sd were both given.
    pub fit: Option<Fit>,
    #[serde(flatten)]
    pub outcome: SimulationOutcome,
}

pub fn simulation(
    dataset: &Dataset,
    session: &Session,
    c: &ScenarioResult,
    args: &ScenarioArgs,
) -> Result<Simulation, ScenarioError> {
    let fit = match (args.mean, args.sd) {
        (Some(_), Some(_)) => None,
        _ => {
            let (from, to) = session.fit_window(c.assumptions.base_year);
            Some(session.fit(
                dataset,
                args.fit_from.unwrap_or(from),
                args.fit_to.unwrap_or(to),
            )?)
        }
    };
    let mean = args
        .mean
        .or(fit.as_ref().map(|f| f.mean))
        .unwrap_or(f64::NAN);
    let sd = args.sd.or(fit.as_ref().map(|f| f.sd)).unwrap_or(f64::NAN);
    Ok(Simulation {
        outcome: session.simulate(&c.assumptions, &c.goals, mean, sd)?,
        fit,
    })
}

pub fn render(c: &ScenarioResult, s: &Simulation) -> String {
    let (o, spec, g) = (&s.outcome, &s.outcome.spec, &c.goals);
    let end = c.outcome.end_year;
    let last = c.outcome.path.last();
    let mut out = format!(
        "概率模拟：{} 条路径，随机种子 {}（同一种子结果相同）\n",
        spec.paths, spec.seed
    );
    let mut lines = vec![(
        "增速分布".to_string(),
        format!(
            "正态分布，均值 {}，标准差 {} 个百分点；各年独立抽样",
            fmt_pct(spec.mean),
            fmt_number(spec.sd, 2)
        ),
    )];
    if let Some(f) = &s.fit {
        let values: Vec<String> = f
            .years
            .iter()
            .zip(&f.values)
            .map(|(y, v)| format!("{y}年 {}", fmt_number(*v, 2)))
            .collect();
        let span = match (f.years.first(), f.years.last()) {
            (Some(a), Some(b)) => format!("{a}–{b} 年 "),
            _ => String::new(),
        };
        lines.push((
            "拟合依据".into(),
            format!(
                "{span}GDP 增速（指标 {}，序列 {}）：{}；未给出的均值或标准差取其拟合值（样本标准差）",
                f.indicator,
                f.series,
                values.join("、")
            ),
        ));
    }
    if let Some(y) = last {
        lines.push((
            "其他假设".into(),
            format!(
                "按本情景：{end} 年末常住人口 {} 万人，汇率 {} 元/美元；{}",
                fmt_number(y.population, 1),
                fmt_number(y.fx, 4),
                c.outcome.price_basis
            ),
        ));
    }
    out.push_str(&labelled(&lines));
    out.push('\n');
    let results = vec![
        (
            format!("迈上 {} 的概率", g.gdp_label()),
            format!(
                "{}（{end} 年 GDP ≥ {} 亿元）",
                share(o.p_gdp_goal),
                fmt_number(g.gdp, 0)
            ),
        ),
        (
            format!("人均突破 {} 的概率", g.per_capita_label()),
            format!("{}（{end} 年）", share(o.p_per_capita_goal)),
        ),
        (
            format!("{end} 年 GDP（亿元）"),
            format!(
                "10% 分位 {}，中位数 {}，90% 分位 {}",
                fmt_number(o.end_gdp.p10, 1),
                fmt_number(o.end_gdp.p50, 1),
                fmt_number(o.end_gdp.p90, 1)
            ),
        ),
        (
            format!("{end} 年人均 GDP（美元）"),
            format!(
                "10% 分位 {}，中位数 {}，90% 分位 {}",
                fmt_number(o.end_per_capita_usd.p10, 0),
                fmt_number(o.end_per_capita_usd.p50, 0),
                fmt_number(o.end_per_capita_usd.p90, 0)
            ),
        ),
    ];
    out.push_str(&labelled(&results));
    let mut t = Table::new(&[("年份", Align::Left), ("已迈上的概率", Align::Right)]);
    for (year, p) in &o.p_gdp_goal_by_year {
        t.row(vec![year.to_string(), share(*p)]);
    }
    out.push_str(&format!(
        "\n到各年已迈上 {} 的概率：\n{}",
        g.gdp_label(),
        t.render()
    ));
    out
}

/// A probability as a percentage with one decimal.
fn share(p: f64) -> String {
    if p.is_finite() {
        format!("{:.1}%", p * 100.0)
    } else {
        "—".into()
    }
}

pub fn csv(s: &Simulation) -> String {
    let o = &s.outcome;
    let row = vec![
        o.spec.paths.to_string(),
        o.spec.seed.to_string(),
        fmt_number(o.spec.mean, 6),
        fmt_number(o.spec.sd, 6),
        fmt_number(o.p_gdp_goal, 6),
        fmt_number(o.p_per_capita_goal, 6),
        fmt_number(o.end_gdp.p10, 4),
        fmt_number(o.end_gdp.p50, 4),
        fmt_number(o.end_gdp.p90, 4),
        fmt_number(o.end_per_capita_usd.p10, 2),
        fmt_number(o.end_per_capita_usd.p50, 2),
        fmt_number(o.end_per_capita_usd.p90, 2),
    ];
    csv_table(
        &[
            "paths",
            "seed",
            "mean_pct",
            "sd_pct",
            "p_gdp_goal",
            "p_per_capita_goal",
            "end_gdp_p10",
            "end_gdp_p50",
            "end_gdp_p90",
            "end_per_capita_usd_p10",
            "end_per_capita_usd_p50",
            "end_per_capita_usd_p90",
        ],
        &[row],
    )
}
