//! One scenario as text: its assumptions with their sources, the path year by year, the conclusions, the
//! share-of-GDP indicators and the working.

use crate::cli::output::csv as csv_table;
use crate::scenario::ScenarioResult;
use crate::scenario::{Item, Outcome, RatioRequirement};
use crate::text::{Align, Table, display_width, fmt_number, fmt_pct, pad};

/// "✔" where a goal is met, "" where not: the eye finds the ticks.
pub fn tick(met: bool) -> &'static str {
    if met { "✔" } else { "" }
}

/// A number marked "✔ " in front where it meets its goal: right-aligned columns keep the digits in line.
pub fn marked(met: bool, text: String) -> String {
    if met { format!("✔ {text}") } else { text }
}

/// A number with a fixed number of decimals, so that a column of them lines up on the point.
pub fn fixed(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{v:.decimals$}")
    } else {
        "—".to_string()
    }
}

/// +12.3 / −45.6, as a difference is written.
pub fn signed(v: f64, decimals: usize) -> String {
    if v < 0.0 {
        format!("−{}", fmt_number(-v, decimals))
    } else {
        format!("+{}", fmt_number(v, decimals))
    }
}

/// Label–text lines with the labels padded to one width.
pub fn labelled(lines: &[(String, String)]) -> String {
    let width = lines
        .iter()
        .map(|(l, _)| display_width(l))
        .max()
        .unwrap_or(0);
    lines
        .iter()
        .map(|(l, t)| format!("  {}  {t}\n", pad(l, width, Align::Left)))
        .collect()
}

/// The scenario's name, the goals, and every assumption with where it came from.
pub fn header(c: &ScenarioResult) -> String {
    let mut out = match &c.scenario {
        Some(s) => format!("情景：{} — {}\n", s.name, s.description),
        None => "情景：自定义（数据默认值与命令行参数）\n".to_string(),
    };
    out.push_str(&format!(
        "目标：{} 年 GDP {}、人均 GDP {}（{}{}）\n\n假设与来源\n",
        c.outcome.end_year,
        c.goals.gdp_label(),
        c.goals.per_capita_label(),
        c.goals.source,
        if c.goals.quote.is_empty() {
            String::new()
        } else {
            format!("「{}」", c.goals.quote)
        }
    ));
    let items = [
        Item::BaseGdp,
        Item::BasePopulation,
        Item::Growth,
        Item::Population,
        Item::Fx,
        Item::Deflator,
    ];
    let mut lines: Vec<(String, String)> = vec![("起点".to_string(), c.assumptions.start.clone())];
    lines.extend(items.iter().filter_map(|i| {
        c.assumptions
            .provenance_of(*i)
            .map(|s| (i.label_zh().to_string(), s.to_string()))
    }));
    lines.push(("人均口径".into(), c.outcome.population_basis.clone()));
    out.push_str(&labelled(&lines));
    out.push('\n');
    out
}

/// The path, the conclusions, the share-of-GDP indicators and the working.
pub fn body(c: &ScenarioResult) -> String {
    let o = &c.outcome;
    let mut out = path_table(c).render();
    out.push_str("\n结论\n");
    out.push_str(&labelled(&conclusions(c)));
    if !c.ratios.is_empty() {
        out.push_str(&format!(
            "\n占 GDP 比重指标：按本情景的 GDP 路径，分子需年均增长多少\n{}",
            ratio_table(o, &c.ratios)
        ));
    }
    out.push_str("\n计算过程\n");
    let steps: Vec<(String, String)> = o
        .working
        .iter()
        .map(|s| (s.label.clone(), s.text.clone()))
        .collect();
    out.push_str(&labelled(&steps));
    out
}

fn path_table(c: &ScenarioResult) -> Table {
    let o = &c.outcome;
    let gdp_goal = format!("≥{}", c.goals.gdp_label());
    let usd_goal = format!("≥{}", c.goals.per_capita_label());
    let real = o.path.iter().any(|y| y.gdp_constant_prices.is_some());
    let mut columns = vec![
        ("年份", Align::Left),
        (if real { "实际增速" } else { "增速" }, Align::Right),
        ("GDP（亿元）", Align::Right),
        ("年末常住人口（万人）", Align::Right),
        ("人均 GDP（元）", Align::Right),
        ("汇率（元/美元）", Align::Right),
        ("人均 GDP（美元）", Align::Right),
        (gdp_goal.as_str(), Align::Left),
        (usd_goal.as_str(), Align::Left),
    ];
    if real {
        columns.insert(2, ("价格涨幅", Align::Right));
    }
    let mut t = Table::new(&columns);
    let mut base = vec![
        format!("{}（基期）", o.base_year),
        "—".into(),
        fixed(o.base_gdp, 1),
        fixed(o.base_population, 1),
        fmt_number(o.base_per_capita_cny, 0),
        "—".into(),
        "—".into(),
        tick(o.goal_year == Some(o.base_year)).into(),
        String::new(),
    ];
    if real {
        base.insert(2, "—".into());
    }
    t.row(base);
    for y in &o.path {
        let mut row = vec![
            y.year.to_string(),
            fmt_pct(y.growth_pct),
            fixed(y.gdp, 1),
            fixed(y.population, 1),
            fmt_number(y.per_capita_cny, 0),
            fmt_number(y.fx, 4),
            fmt_number(y.per_capita_usd, 0),
            tick(y.gdp_goal_met).into(),
            tick(y.per_capita_goal_met).into(),
        ];
        if real {
            row.insert(2, y.deflator_pct.map_or_else(|| "—".into(), fmt_pct));
        }
        t.row(row);
    }
    t
}

fn conclusions(c: &ScenarioResult) -> Vec<(String, String)> {
    let (o, g) = (&c.outcome, &c.goals);
    let end = o.end_year;
    let gap = if o.end_gdp_gap >= 0.0 {
        format!("超出目标 {} 亿元", fmt_number(o.end_gdp_gap, 1))
    } else {
        format!("比目标少 {} 亿元", fmt_number(-o.end_gdp_gap, 1))
    };
    let reached = match o.goal_year {
        Some(y) if y == o.base_year => format!("基期 {y} 年已达到 {}", g.gdp_label()),
        Some(y) => format!("{y} 年迈上 {}", g.gdp_label()),
        None => format!("规划期内未迈上 {}", g.gdp_label()),
    };
    let per_capita = match o.per_capita_goal_year {
        Some(y) if o.per_capita_goal_met => {
            format!("达到 {} 目标（{y} 年起）", g.per_capita_label())
        }
        _ => format!("未达到 {} 目标", g.per_capita_label()),
    };
    let mut lines = vec![
        (
            format!("{end} 年 GDP"),
            format!("{} 亿元，{gap}：{reached}", fmt_number(o.end_gdp, 1)),
        ),
        (
            format!("{end} 年人均 GDP"),
            format!(
                "{} 元，折合 {} 美元：{per_capita}",
                fmt_number(o.end_per_capita_cny, 0),
                fmt_number(o.end_per_capita_usd, 0)
            ),
        ),
    ];
    if let Some(req) = o.required_growth_pct {
        let average = o.average_growth_pct.map_or(String::new(), |a| {
            let diff = a - req;
            let verb = if diff >= 0.0 { "高" } else { "低" };
            format!(
                "；本情景年均 {}，{verb} {} 个百分点",
                fmt_pct(a),
                fmt_number(diff.abs(), 2)
            )
        });
        lines.push((
            "需年均增长".into(),
            format!(
                "{}（{end} 年迈上 {}）{average}",
                fmt_pct(req),
                g.gdp_label()
            ),
        ));
        if let Some(note) = o.near_miss_note(g) {
            lines.push(("说明".into(), note));
        }
    }
    lines.push((
        "达到目标时人均".into(),
        format!(
            "GDP 恰为 {} 时，{end} 年人均 GDP {} 元，折合 {} 美元",
            g.gdp_label(),
            fmt_number(o.per_capita_cny_at_gdp_goal, 0),
            fmt_number(o.per_capita_usd_at_gdp_goal, 0)
        ),
    ));
    if let Some(req) = o.required_growth_per_capita_pct {
        lines.push((
            "人均目标需增长".into(),
            format!(
                "{}（本情景的人口与汇率下人均达到 {}）",
                fmt_pct(req),
                g.per_capita_label()
            ),
        ));
    }
    lines.push(("增速口径".into(), o.price_basis.clone()));
    lines
}

/// What each share-of-GDP indicator's numerator needs under the path.
pub fn ratio_table(o: &Outcome, ratios: &[RatioRequirement]) -> String {
    let (b, e) = (o.base_year, o.end_year);
    let h = [
        format!("{b} 年占比"),
        format!("{e} 年目标"),
        format!("{b} 年分子（亿元）"),
        format!("{e} 年所需（亿元）"),
    ];
    let mut t = Table::new(&[
        ("指标", Align::Left),
        ("分子", Align::Left),
        (&h[0], Align::Right),
        (&h[1], Align::Right),
        (&h[2], Align::Right),
        (&h[3], Align::Right),
        ("分子需年均增长", Align::Right),
        ("GDP 年均增长", Align::Right),
    ]);
    let num = |v: Option<f64>, d: usize| v.map_or_else(|| "—".to_string(), |v| fmt_number(v, d));
    let pct = |v: Option<f64>| v.map_or_else(|| "—".to_string(), fmt_pct);
    let mut notes = String::new();
    for r in ratios {
        t.row(vec![
            format!("{} {}", r.indicator, r.name),
            r.numerator.clone(),
            num(r.base_share_pct, 2).to_string()
                + if r.base_share_pct.is_some() { "%" } else { "" },
            num(r.target_share_pct, 2).to_string()
                + if r.target_share_pct.is_some() {
                    "%"
                } else {
                    ""
                },
            num(r.base_numerator, 1),
            num(r.needed_numerator, 1),
            pct(r.required_numerator_growth_pct),
            pct(r.gdp_growth_pct),
        ]);
        let note: Vec<String> = [
            ("基期占比：", &r.base_share_source),
            ("基期分子：", &r.base_numerator_basis),
            ("", &r.note),
        ]
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(label, text)| format!("{label}{text}"))
        .collect();
        notes.push_str(&format!("  指标 {}：{}\n", r.indicator, note.join("；")));
    }
    t.render() + &notes
}

/// The path as CSV.
pub fn csv(c: &ScenarioResult) -> String {
    let rows: Vec<Vec<String>> = c
        .outcome
        .path
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                fmt_number(y.growth_pct, 6),
                y.deflator_pct
                    .map_or_else(String::new, |d| fmt_number(d, 6)),
                fmt_number(y.gdp, 4),
                fmt_number(y.population, 4),
                fmt_number(y.fx, 6),
                fmt_number(y.per_capita_cny, 2),
                fmt_number(y.per_capita_usd, 2),
                y.gdp_goal_met.to_string(),
                y.per_capita_goal_met.to_string(),
            ]
        })
        .collect();
    csv_table(
        &[
            "year",
            "growth_pct",
            "deflator_pct",
            "gdp",
            "population",
            "fx",
            "per_capita_cny",
            "per_capita_usd",
            "gdp_goal_met",
            "per_capita_goal_met",
        ],
        &rows,
    )
}
