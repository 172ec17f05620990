//! The scenario panel: the three assumptions the keys move, what the engine makes of them (GDP in the end year,
//! the year 3万亿 is crossed, per-capita GDP in dollars, the “两个三万” verdict), the path year by year, and a
//! chart of the path against the goal where there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, GraphType, Paragraph, Widget};

use super::chart::{dataset, draw, value_bounds};
use super::indicator::wrap;
use super::style::{Palette, Series};
use super::{clip, fit, footer, palette};
use crate::scenario::assumptions::GDP_SERIES;
use crate::scenario::{Item, Outcome, PopulationPath};
use crate::text::{Align, fmt_number, fmt_pct};
use crate::tui::app::App;
use crate::tui::keys::SCENARIO_HINTS;
use crate::tui::scenario::{Field, Workbench};

const LABEL_WIDTH: usize = 20;
/// Rows the text part needs: assumptions (5), results (6), path (8), with a blank line between each.
const TEXT_ROWS: u16 = 21;
const CHART_MIN_ROWS: u16 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScenarioLayout {
    pub title: Rect,
    pub text: Rect,
    pub chart: Option<Rect>,
    pub footer: Rect,
}

pub fn layout(area: Rect) -> ScenarioLayout {
    let title = Rect::new(area.x, area.y, area.width, 2.min(area.height));
    let body = Rect::new(
        area.x,
        title.bottom(),
        area.width,
        area.height.saturating_sub(3),
    );
    let footer = Rect::new(area.x, body.bottom(), area.width, 1);
    let (text, chart) = if body.height >= TEXT_ROWS + CHART_MIN_ROWS {
        (
            Rect {
                height: TEXT_ROWS,
                ..body
            },
            Some(Rect::new(
                body.x,
                body.y + TEXT_ROWS,
                body.width,
                body.height - TEXT_ROWS,
            )),
        )
    } else {
        (body, None)
    };
    ScenarioLayout {
        title,
        text,
        chart,
        footer,
    }
}

/// The field whose row is at a screen position, for a mouse click.
pub fn field_at(app: &App, row: u16) -> Option<Field> {
    let text = layout(super::screen_area(app)).text;
    // Row 0 of the text is the 【假设】 heading; the fields follow.
    let index = usize::from(row.checked_sub(text.y + 1)?);
    Field::ALL.get(index).copied()
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let parts = layout(area);
    let hints = if app.scenario.bench.is_ok() {
        SCENARIO_HINTS
    } else {
        &SCENARIO_HINTS[..3]
    };
    footer::render(app, hints, parts.footer, buf);
    let width = usize::from(area.width);
    let bench = match &app.scenario.bench {
        Ok(bench) => bench,
        Err(why) => {
            Line::from(Span::styled("情景模拟", p.title())).render(parts.title, buf);
            let lines: Vec<Line> = wrap(&format!("无法打开情景模拟：{why}"), width)
                .into_iter()
                .map(Line::from)
                .collect();
            Paragraph::new(lines).render(parts.text, buf);
            return;
        }
    };
    let goals = bench.goals();
    let end = bench.assumptions.end_year;
    clip(
        vec![
            Span::styled("情景模拟", p.title()),
            Span::raw(format!(
                " · {end} 年目标：GDP {}、人均 GDP {}（“两个三万”）",
                goals.gdp_label(),
                goals.per_capita_label()
            )),
        ],
        width,
    )
    .render(
        Rect {
            height: 1,
            ..parts.title
        },
        buf,
    );
    if parts.title.height > 1 {
        named_line(bench, p, width).render(Rect::new(area.x, area.y + 1, area.width, 1), buf);
    }
    let lines = text_lines(bench, p, usize::from(parts.text.width));
    for (row, line) in lines
        .into_iter()
        .take(usize::from(parts.text.height))
        .enumerate()
    {
        let Ok(row) = u16::try_from(row) else { break };
        line.render(
            Rect::new(parts.text.x, parts.text.y + row, parts.text.width, 1),
            buf,
        );
    }
    let selected_row = Field::ALL.iter().position(|f| *f == bench.field);
    if let Some(row) = selected_row.and_then(|r| u16::try_from(r + 1).ok())
        && row < parts.text.height
    {
        buf.set_style(
            Rect::new(parts.text.x, parts.text.y + row, parts.text.width, 1),
            p.selected(),
        );
    }
    if let (Some(chart), Ok(outcome)) = (parts.chart, &bench.outcome) {
        path_chart(app, bench, outcome, chart, buf);
    }
}

fn named_line(bench: &Workbench, p: Palette, width: usize) -> Line<'static> {
    let mut spans = match bench.chosen() {
        Some(named) => vec![
            Span::styled(
                format!(
                    "预设情景 {}/{}：{}",
                    bench.choice.map_or(0, |i| i + 1),
                    bench.named().len(),
                    named.name
                ),
                p.heading(),
            ),
            Span::raw(format!(" — {}", named.description)),
        ],
        None => vec![Span::styled("数据默认值（没有预设情景）", p.heading())],
    };
    if bench.adjusted {
        spans.insert(1, Span::styled("（已调整，r 恢复）", p.key()));
    }
    clip(spans, width)
}

fn section(title: &str, hint: &str, p: Palette) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("【{title}】"), p.heading()),
        Span::styled(hint.to_string(), p.dim()),
    ])
}

fn row(label: &str, value: String, p: Palette, width: usize) -> Line<'static> {
    clip(
        vec![
            Span::styled(fit(label, LABEL_WIDTH, Align::Left), p.dim()),
            Span::raw(value),
        ],
        width,
    )
}

fn field_value(bench: &Workbench, field: Field) -> String {
    let a = &bench.assumptions;
    match field {
        Field::Growth => a.growth.describe_each("%"),
        Field::Population => match &a.population {
            PopulationPath::TotalChange(total) => format!(
                "{}{} 万人（{}–{} 年合计）",
                if *total >= 0.0 { "+" } else { "−" },
                fmt_number(total.abs(), 2),
                a.base_year + 1,
                a.end_year
            ),
            other => other.describe(a.base_year, a.end_year),
        },
        Field::Fx => a.fx.describe_each(" 元/美元"),
    }
}

fn item_of(field: Field) -> Item {
    match field {
        Field::Growth => Item::Growth,
        Field::Population => Item::Population,
        Field::Fx => Item::Fx,
    }
}

/// ✔ or ✖ with the goal, so that the verdict reads without colour.
fn mark(met: bool) -> &'static str {
    if met { "✔" } else { "✖" }
}

fn text_lines(bench: &Workbench, p: Palette, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![section("假设", " ↑↓ 选择  ←→ 调整  n p 预设情景", p)];
    for field in Field::ALL {
        let pointer = if field == bench.field { "> " } else { "  " };
        lines.push(row(
            &format!("{pointer}{}", field.label_zh()),
            field_value(bench, field),
            p,
            width,
        ));
    }
    let source = bench
        .assumptions
        .provenance_of(item_of(bench.field))
        .unwrap_or("");
    lines.push(clip(
        vec![Span::styled(format!("  来源：{source}"), p.dim())],
        width,
    ));
    lines.push(Line::default());
    match &bench.outcome {
        Ok(outcome) => {
            lines.extend(results(bench, outcome, p, width));
            lines.push(Line::default());
            lines.extend(path_table(bench, outcome, p, width));
        }
        Err(why) => {
            lines.push(section("结果", "", p));
            lines.extend(
                wrap(&format!("无法测算：{why}"), width)
                    .into_iter()
                    .map(|s| Line::from(Span::styled(s, p.alert()))),
            );
        }
    }
    lines
}

fn results(bench: &Workbench, o: &Outcome, p: Palette, width: usize) -> Vec<Line<'static>> {
    let g = bench.goals();
    let end = o.end_year;
    let gap = if o.end_gdp_gap >= 0.0 {
        format!("超出目标 {} 亿元", fmt_number(o.end_gdp_gap, 1))
    } else {
        format!("比目标少 {} 亿元", fmt_number(-o.end_gdp_gap, 1))
    };
    let crossed = crate::present::words::reached_in(o.goal_year, o.base_year);
    let verdict = if o.gdp_goal_met && o.per_capita_goal_met {
        Span::styled(
            "✔ 两项均实现".to_string(),
            p.status(crate::assess::Status::Achieved),
        )
    } else {
        Span::styled(
            format!(
                "✖ 未全部实现：{} GDP {}，{} 人均 {}",
                mark(o.gdp_goal_met),
                g.gdp_label(),
                mark(o.per_capita_goal_met),
                g.per_capita_label()
            ),
            p.alert(),
        )
    };
    let required = o.required_growth_pct.map_or("—".to_string(), |req| {
        let average = o
            .average_growth_pct
            .map_or(String::new(), |a| format!("；本情景 {}", fmt_pct(a)));
        format!(
            "{}（{end} 年迈上 {}）{average}",
            fmt_pct(req),
            g.gdp_label()
        )
    });
    let mut lines = vec![
        section("结果", "", p),
        row(
            &format!("  {end} 年 GDP"),
            format!("{} 亿元，{gap}", fmt_number(o.end_gdp, 1)),
            p,
            width,
        ),
        row(&format!("  迈上 {}", g.gdp_label()), crossed, p, width),
        row(
            &format!("  {end} 年人均 GDP"),
            format!(
                "{} 元，折合 {} 美元",
                fmt_number(o.end_per_capita_cny, 0),
                fmt_number(o.end_per_capita_usd, 0)
            ),
            p,
            width,
        ),
        clip(
            vec![
                Span::styled(fit("  “两个三万”", LABEL_WIDTH, Align::Left), p.dim()),
                verdict,
            ],
            width,
        ),
        row("  需年均增长", required, p, width),
    ];
    if let Some(y) = &bench.in_year {
        lines.push(row(
            "  年内最新",
            format!("{} {} {}", y.period.label_zh(), y.name, fmt_pct(y.pct)),
            p,
            width,
        ));
    }
    if let Some(note) = o.near_miss_note(g) {
        lines.push(row("  说明", note, p, width));
    }
    lines
}

fn path_table(bench: &Workbench, o: &Outcome, p: Palette, width: usize) -> Vec<Line<'static>> {
    let g = bench.goals();
    let cells = |cells: [String; 6]| -> String {
        let widths = [
            (6, Align::Left),
            (8, Align::Right),
            (12, Align::Right),
            (13, Align::Right),
        ];
        let mut out: Vec<String> = cells[..4]
            .iter()
            .zip(widths)
            .map(|(c, (w, a))| fit(c, w, a))
            .collect();
        out.push(format!("  {}", fit(&cells[4], 8, Align::Left)));
        out.push(cells[5].clone());
        format!("  {}", out.join(" "))
    };
    let mut lines = vec![
        section(
            "GDP 路径",
            &if o.base_year > bench.plan_base_year() {
                format!(" 自 {} 年最新实际数据起测算", o.base_year)
            } else {
                format!(" 自规划基期 {} 年起测算", o.base_year)
            },
            p,
        ),
        Line::from(Span::styled(
            cells([
                "年份".into(),
                "增速".into(),
                "GDP（亿元）".into(),
                "人均（美元）".into(),
                format!("≥{}", g.gdp_label()),
                format!("≥{}", g.per_capita_label()),
            ]),
            p.title(),
        )),
        Line::from(cells([
            format!("{}", o.base_year),
            "基期".into(),
            format!("{:.1}", o.base_gdp),
            "—".into(),
            String::new(),
            String::new(),
        ])),
    ];
    let tick = |met: bool| if met { "✔" } else { "" }.to_string();
    for y in &o.path {
        lines.push(Line::from(cells([
            y.year.to_string(),
            fmt_pct(y.growth_pct),
            format!("{:.1}", y.gdp),
            fmt_number(y.per_capita_usd, 0),
            tick(y.gdp_goal_met),
            tick(y.per_capita_goal_met),
        ])));
    }
    lines.into_iter().map(|l| clip(l.spans, width)).collect()
}

/// Recorded GDP up to the base year, the scenario's path after it, and the goal.
fn path_chart(app: &App, bench: &Workbench, o: &Outcome, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let history: Vec<(f64, f64)> = app
        .dataset
        .history
        .yearly(GDP_SERIES, o.base_year)
        .iter()
        .map(|obs| (f64::from(obs.period.year), obs.value))
        .collect();
    let mut path = vec![(f64::from(o.base_year), o.base_gdp)];
    path.extend(o.path.iter().map(|y| (f64::from(y.year), y.gdp)));
    let first = history.first().map_or(f64::from(o.base_year), |h| h.0);
    let x = [first.min(f64::from(o.base_year)), f64::from(o.end_year)];
    let goal = vec![(x[0], bench.goals().gdp), (x[1], bench.goals().gdp)];
    let Some(y) = value_bounds(history.iter().chain(&path).chain(&goal).map(|pt| pt.1)) else {
        return;
    };
    let legend = vec![
        Span::raw(" "),
        Span::styled("━", p.series(Series::History)),
        Span::raw("GDP 实际  "),
        Span::styled("━", p.series(Series::Trend)),
        Span::raw("情景路径  "),
        Span::styled("▀", p.series(Series::Target)),
        Span::raw(format!("目标 {}", bench.goals().gdp_label())),
    ];
    let block = Block::bordered()
        .title(Line::from(Span::styled(" GDP 路径（亿元）", p.title())))
        .title_bottom(clip(legend, usize::from(area.width.saturating_sub(2))))
        .border_style(p.dim());
    let line = |points, series| dataset(points, Marker::Braille, GraphType::Line, p.series(series));
    let datasets = vec![
        dataset(
            &goal,
            Marker::HalfBlock,
            GraphType::Line,
            p.series(Series::Target),
        ),
        line(&history, Series::History),
        line(&path, Series::Trend),
        dataset(
            &path,
            Marker::Dot,
            GraphType::Scatter,
            p.series(Series::Trend),
        ),
    ];
    draw(datasets, block, [x, y], None, p, area, buf);
}
