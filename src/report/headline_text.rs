//! The headline-goals section ("两个三万") of the document: the goals, where GDP stands, each named scenario, the
//! simulated chance, and the assumptions with their sources. Numbers come from the scenario engine.

use super::Report;
use super::cells::GAP;
use super::charts::ChartIndex;
use super::document::{Document, Table};
use super::headline::{Headline, HeadlineFigures};
use crate::text::{fmt_number, fmt_pct};

pub fn section(doc: &mut Document, report: &Report<'_>, charts: &ChartIndex, n: &str) {
    let c = match &report.headline {
        Headline::Computed(c) => c,
        Headline::Unavailable(why) => {
            doc.heading(2, format!("{n}、总量目标测算"));
            doc.paragraph(format!(
                "本规划没有可用于测算的总量目标，本节从略（{why}）。"
            ));
            return;
        }
    };
    let goals = &c.goals;
    let named = if goals.quote.contains("两个三万") {
        "“两个三万”目标测算"
    } else {
        "总量目标测算"
    };
    doc.heading(2, format!("{n}、{named}"));
    let end = c.base.end_year;
    // A quotation inside quotation marks takes single marks, as Chinese typesetting has it.
    let inner = goals.quote.replace('“', "‘").replace('”', "’");
    let quote = if inner.is_empty() {
        String::new()
    } else {
        format!("“{inner}”，")
    };
    doc.paragraph(format!(
        "规划提出{quote}即{end}年地区生产总值达到{}、人均地区生产总值达到{}。以下按各情景测算（情景模型计算），测算口径：{}；{}。",
        goals.gdp_label(),
        goals.per_capita_label(),
        c.runs.first().map_or("—", |r| r.outcome.population_basis.as_str()),
        c.runs.first().map_or("—", |r| r.outcome.price_basis.as_str()),
    ));
    doc.paragraph(format!("测算起点：{}。", c.base.start));
    latest(doc, c, report.as_of);
    scenarios(doc, c);
    if let Some(stem) = &charts.fan {
        doc.chart(
            stem.clone(),
            format!("地区生产总值情景测算（目标{}）", goals.gdp_label()),
        );
    }
    simulation(doc, c);
    doc.paragraph("各情景未另行设定的假设及其来源：");
    doc.bullets(c.common_assumptions());
}

/// Where GDP stands: the latest recorded value, the growth still needed, and how it compares with each path.
fn latest(doc: &mut Document, c: &HeadlineFigures, as_of: i32) {
    let Some(l) = &c.latest else {
        doc.paragraph(format!("截至{as_of}年，监测数据中没有地区生产总值的记录。"));
        return;
    };
    let end = c.base.end_year;
    let mut text = format!(
        "截至{as_of}年，最新地区生产总值为{}亿元（{}年；来源：{}）",
        fmt_number(l.gdp, 2),
        l.year,
        l.source
    );
    // From the base year itself the scenarios' paragraph says it.
    match l.required_pct.filter(|_| l.year != c.base.base_year) {
        Some(r) => text.push_str(&format!(
            "。{end}年迈上{}，{}—{end}年需年均增长{}。",
            c.goals.gdp_label(),
            l.year + 1,
            fmt_pct(r)
        )),
        None => text.push('。'),
    }
    let same_year: Vec<String> = c
        .runs
        .iter()
        .filter_map(|r| {
            let y = r.outcome.path.iter().find(|y| y.year == l.year)?;
            let relation = if l.gdp >= y.gdp {
                "不低于"
            } else {
                "低于"
            };
            Some(format!(
                "{}情景{}亿元（实际值{relation}此值）",
                r.name(),
                fmt_number(y.gdp, 1)
            ))
        })
        .collect();
    if !same_year.is_empty() {
        text.push_str(&format!(
            "按各情景测算，{}年应为：{}。",
            l.year,
            same_year.join("；")
        ));
    }
    doc.paragraph(text);
}

fn scenarios(doc: &mut Document, c: &HeadlineFigures) {
    let end = c.base.end_year;
    let (gdp_goal, pc_goal) = (c.goals.gdp_label(), c.goals.per_capita_label());
    let year_header = format!("迈上{gdp_goal}的年份");
    let gdp_header = format!("{end}年GDP（亿元）");
    let pc_header = format!("{end}年人均GDP（美元）");
    let pc_goal_header = format!("人均{pc_goal}");
    let mut table = Table::new(&[
        ("情景", false),
        ("年均增速", true),
        (gdp_header.as_str(), true),
        (year_header.as_str(), false),
        (pc_header.as_str(), true),
        (pc_goal_header.as_str(), false),
        ("说明", false),
    ]);
    for r in &c.runs {
        let o = &r.outcome;
        table.row(vec![
            r.name().to_string(),
            o.average_growth_pct
                .map_or_else(|| GAP.to_string(), fmt_pct),
            fmt_number(o.end_gdp, 1),
            crate::present::words::reached_in(o.goal_year, o.base_year),
            fmt_number(o.end_per_capita_usd, 0),
            crate::present::words::met(o.per_capita_goal_met).to_string(),
            r.description().to_string(),
        ]);
    }
    if table.rows.is_empty() {
        doc.paragraph("没有可测算的情景。");
    } else {
        if let Some(req) = c.runs.first().and_then(|r| r.outcome.required_growth_pct) {
            doc.paragraph(format!(
                "从{}年的基数出发，{end}年迈上{gdp_goal}需年均增长{}。各情景测算结果如下：",
                c.base.base_year,
                fmt_pct(req)
            ));
        }
        doc.table(table);
    }
    doc.bullets(
        c.runs
            .iter()
            .filter_map(|r| {
                let note = r.outcome.near_miss_note(&c.goals)?;
                Some(format!("{}情景：{note}。", r.name()))
            })
            .collect(),
    );
    doc.bullets(
        c.failures
            .iter()
            .map(|(name, why)| format!("情景“{name}”无法测算：{why}"))
            .collect(),
    );
}

fn simulation(doc: &mut Document, c: &HeadlineFigures) {
    match &c.simulation {
        Ok((fit, o)) => {
            let end = c.base.end_year;
            let years = match (fit.years.first(), fit.years.last()) {
                (Some(a), Some(b)) => format!("{a}—{b}年"),
                _ => String::new(),
            };
            let (paths, seed) = (o.spec.paths, o.spec.seed);
            doc.paragraph(format!(
                "概率测算：按{years}地区生产总值增速的正态分布（均值{}，标准差{}个百分点）逐年随机抽样，模拟{paths}条增长路径（随机种子{seed}，结果可复现）。{end}年迈上{}的概率约为{}，人均突破{}的概率约为{}；{end}年地区生产总值的10%—90%区间为{}—{}亿元，中位数{}亿元。",
                fmt_pct(fit.mean),
                fmt_number(fit.sd, 2),
                c.goals.gdp_label(),
                fmt_pct(o.p_gdp_goal * 100.0),
                c.goals.per_capita_label(),
                fmt_pct(o.p_per_capita_goal * 100.0),
                fmt_number(o.end_gdp.p10, 1),
                fmt_number(o.end_gdp.p90, 1),
                fmt_number(o.end_gdp.p50, 1),
            ));
        }
        Err(why) => doc.paragraph(format!("概率测算未进行：{why}。")),
    }
}
