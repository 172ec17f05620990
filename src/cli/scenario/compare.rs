//! `planwatch scenario --compare`: the named scenarios side by side, one column each.

use serde::Serialize;

use super::view::{fixed, labelled, marked, signed};
use crate::cli::Format;
use crate::cli::output::{csv, print, print_csv, print_json};
use crate::error::Error;
use crate::scenario::ScenarioResult;
use crate::scenario::{Assumptions, ScenarioBook};
use crate::text::{Align, Table, fmt_number, fmt_pct};

#[derive(Serialize)]
struct CompareJson<'a> {
    origin: &'a str,
    scenarios: &'a [ScenarioResult],
}

pub fn print_compare(
    book: &ScenarioBook,
    all: &[ScenarioResult],
    format: Format,
) -> Result<i32, Error> {
    let Some(first) = all.first() else {
        return Err(Error::Usage(format!(
            "{} 中没有命名情景：请在 scenarios/ 中添加 *.toml",
            book.origin
        )));
    };
    match format {
        Format::Json => print_json(&CompareJson {
            origin: &book.origin,
            scenarios: all,
        })?,
        Format::Csv => print_csv(&compare_csv(all))?,
        Format::Table => {
            let mut out = format!(
                "命名情景比较（{}）：目标 {} 年 GDP {}、人均 GDP {}\n\n",
                book.origin,
                first.outcome.end_year,
                first.goals.gdp_label(),
                first.goals.per_capita_label()
            );
            out.push_str(&table(all).render());
            out.push_str("\n情景说明\n");
            let described: Vec<(String, String)> = all
                .iter()
                .filter_map(|c| {
                    c.scenario
                        .as_ref()
                        .map(|s| (s.name.clone(), format!("{}（{}）", s.description, s.file)))
                })
                .collect();
            out.push_str(&labelled(&described));
            out.push_str("\n共同假设（情景文件未改动的部分）\n");
            let assumptions: Vec<&Assumptions> = all.iter().map(|c| &c.assumptions).collect();
            let mut common: Vec<(String, String)> =
                vec![("起点".to_string(), first.assumptions.start.clone())];
            common.extend(
                Assumptions::common_provenance(&assumptions)
                    .into_iter()
                    .map(|(item, source)| (item.label_zh().to_string(), source)),
            );
            out.push_str(&labelled(&common));
            if let Some(req) = first.outcome.required_growth_pct {
                out.push_str(&format!(
                    "\n{} 年迈上 {} 需年均增长 {}；人均 GDP = GDP ÷ 年末常住人口。\n",
                    first.outcome.end_year,
                    first.goals.gdp_label(),
                    fmt_pct(req)
                ));
            }
            print(&out)?;
        }
    }
    Ok(0)
}

/// One row per measure, one column per scenario.
fn table(all: &[ScenarioResult]) -> Table {
    let names: Vec<String> = all
        .iter()
        .map(|c| {
            c.scenario
                .as_ref()
                .map_or_else(String::new, |s| s.name.clone())
        })
        .collect();
    let mut columns = vec![("项目", Align::Left)];
    columns.extend(names.iter().map(|n| (n.as_str(), Align::Right)));
    let mut t = Table::new(&columns);
    let row = |t: &mut Table, label: String, cell: &dyn Fn(&ScenarioResult) -> String| {
        let mut cells = vec![label];
        cells.extend(all.iter().map(cell));
        t.row(cells);
    };
    let Some(first) = all.first() else { return t };
    let (o, g) = (&first.outcome, &first.goals);
    let end = o.end_year;
    row(&mut t, "年均增速".into(), &|c| {
        c.outcome
            .average_growth_pct
            .map_or_else(|| "—".into(), fmt_pct)
    });
    for (i, y) in o.path.iter().enumerate() {
        row(&mut t, format!("{} 年 GDP（亿元）", y.year), &|c| {
            c.outcome
                .path
                .get(i)
                .map_or_else(|| "—".into(), |p| marked(p.gdp_goal_met, fixed(p.gdp, 1)))
        });
    }
    row(
        &mut t,
        format!("迈上 {} 的年份", g.gdp_label()),
        &|c| crate::present::words::reached_in(c.outcome.goal_year, c.outcome.base_year),
    );
    row(&mut t, format!("{end} 年比目标（亿元）"), &|c| {
        signed(c.outcome.end_gdp_gap, 1)
    });
    row(&mut t, format!("{end} 年人均 GDP（元）"), &|c| {
        fmt_number(c.outcome.end_per_capita_cny, 0)
    });
    row(&mut t, format!("{end} 年人均 GDP（美元）"), &|c| {
        marked(
            c.outcome.per_capita_goal_met,
            fmt_number(c.outcome.end_per_capita_usd, 0),
        )
    });
    row(
        &mut t,
        format!("人均 {} 目标", g.per_capita_label()),
        &|c| crate::present::words::met(c.outcome.per_capita_goal_met).into(),
    );
    for (i, r) in first.ratios.iter().enumerate() {
        row(&mut t, format!("{}需年均增长", r.numerator), &|c| {
            c.ratios
                .get(i)
                .and_then(|r| r.required_numerator_growth_pct)
                .map_or_else(|| "—".into(), fmt_pct)
        });
    }
    t
}

fn compare_csv(all: &[ScenarioResult]) -> String {
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|c| {
            let o = &c.outcome;
            vec![
                c.scenario
                    .as_ref()
                    .map_or_else(String::new, |s| s.name.clone()),
                o.average_growth_pct
                    .map_or_else(String::new, |g| fmt_number(g, 6)),
                fmt_number(o.end_gdp, 4),
                o.goal_year.map_or_else(String::new, |y| y.to_string()),
                fmt_number(o.end_per_capita_cny, 2),
                fmt_number(o.end_per_capita_usd, 2),
                o.gdp_goal_met.to_string(),
                o.per_capita_goal_met.to_string(),
                o.required_growth_pct
                    .map_or_else(String::new, |g| fmt_number(g, 6)),
            ]
        })
        .collect();
    csv(
        &[
            "scenario",
            "average_growth_pct",
            "end_gdp",
            "goal_year",
            "end_per_capita_cny",
            "end_per_capita_usd",
            "gdp_goal_met",
            "per_capita_goal_met",
            "required_growth_pct",
        ],
        &rows,
    )
}
