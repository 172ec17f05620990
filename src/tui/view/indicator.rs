//! One indicator: its chart beside the working of the assessment (R, completion against elapsed time, the
//! growth still needed, the projection and its probability) and the sources and vintages of its data.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::overview::status_text;
use super::style::Palette;
use super::{chart, clip, footer, palette};
use crate::assess::Assessment;
use crate::assess::projection::INTERVAL_LEVEL;
use crate::model::Indicator;

use crate::text::{Align, display_width, fmt_number, fmt_pct, fmt_signed_pct, pad};
use crate::tui::app::App;
use crate::tui::keys::INDICATOR_HINTS;

/// Side by side from this width; chart above details below it.
const SIDE_BY_SIDE: u16 = 100;
const LABEL_WIDTH: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorLayout {
    pub title: Rect,
    pub chart: Rect,
    pub details: Rect,
    pub footer: Rect,
}

pub fn layout(area: Rect) -> IndicatorLayout {
    let title = Rect::new(area.x, area.y, area.width, 2.min(area.height));
    let body_height = area.height.saturating_sub(3);
    let body = Rect::new(area.x, title.bottom(), area.width, body_height);
    let footer = Rect::new(area.x, body.bottom(), area.width, 1);
    let (chart, details) = if area.width >= SIDE_BY_SIDE {
        let chart_width = area.width * 11 / 20;
        (
            Rect::new(body.x, body.y, chart_width, body.height),
            Rect::new(
                body.x + chart_width,
                body.y,
                body.width - chart_width,
                body.height,
            ),
        )
    } else {
        let chart_height = (body.height * 9 / 20).max(6).min(body.height);
        (
            Rect::new(body.x, body.y, body.width, chart_height),
            Rect::new(
                body.x,
                body.y + chart_height,
                body.width,
                body.height - chart_height,
            ),
        )
    };
    IndicatorLayout {
        title,
        chart,
        details,
        footer,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let parts = layout(area);
    footer::render(app, INDICATOR_HINTS, parts.footer, buf);
    let Some((indicator, a)) = app.selected_item() else {
        Line::from(Span::styled("没有选中的指标：按 Esc 返回总览", p.dim()))
            .render(parts.title, buf);
        return;
    };
    let width = usize::from(area.width);
    let unit = match indicator.unit.as_str() {
        "" => "无单位",
        unit => unit,
    };
    let about = [
        unit,
        &indicator.category,
        indicator.attribute.label_zh(),
        &format!("{}指标", indicator.level_label()),
    ];
    let title = clip(
        vec![
            Span::styled(
                format!("{} {}", indicator.number(), indicator.display_name()),
                p.title(),
            ),
            Span::styled(format!("  {}", about.join(" · ")), p.dim()),
        ],
        width,
    );
    let mut status = vec![Span::styled(
        status_text(&app.dataset.plan, a),
        p.status(a.status),
    )];
    if a.binding_alert {
        status.push(Span::styled("  约束性指标预警", p.alert()));
    }
    status.push(Span::raw(format!(
        "  截至 {} 年：{}",
        app.as_of(),
        a.reason
    )));
    title.render(
        Rect {
            height: 1,
            ..parts.title
        },
        buf,
    );
    if parts.title.height > 1 {
        clip(status, width).render(Rect::new(area.x, area.y + 1, area.width, 1), buf);
    }
    chart::render(app, indicator, a, parts.chart, buf);
    let block = details_block(p);
    let inner = block.inner(parts.details);
    let lines = detail_lines(app, indicator, a, usize::from(inner.width));
    let max = max_scroll_for(lines.len(), inner);
    block.render(parts.details, buf);
    Paragraph::new(lines)
        .scroll((app.detail_scroll.min(max), 0))
        .render(inner, buf);
}

fn details_block(p: Palette) -> Block<'static> {
    Block::bordered()
        .title(Line::from(Span::styled(
            " 评估与数据（↑↓ 滚动） ",
            p.title(),
        )))
        .border_style(p.dim())
}

fn max_scroll_for(lines: usize, inner: Rect) -> u16 {
    u16::try_from(lines.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
}

/// How far the details can scroll at the current size (for `update` to stop at the end).
pub fn max_scroll(app: &App) -> u16 {
    let Some((indicator, a)) = app.selected_item() else {
        return 0;
    };
    let parts = layout(super::screen_area(app));
    let inner = details_block(palette(app)).inner(parts.details);
    max_scroll_for(
        detail_lines(app, indicator, a, usize::from(inner.width)).len(),
        inner,
    )
}

/// Lines the details panel shows per page (for PgUp/PgDn).
pub fn page(app: &App) -> u16 {
    layout(super::screen_area(app))
        .details
        .height
        .saturating_sub(3)
        .max(1)
}

/// A label and its text; the text wraps under itself (hanging indent), never through a character.
fn row(label: &str, value: &str, p: Palette, width: usize) -> Vec<Line<'static>> {
    let label_width = (display_width(label) + 1).max(LABEL_WIDTH);
    if width < label_width + 8 {
        // Too narrow for two columns: the label on its own line.
        let mut lines = vec![Line::from(Span::styled(label.to_string(), p.dim()))];
        lines.extend(wrap(value, width).into_iter().map(Line::from));
        return lines;
    }
    let indent = " ".repeat(label_width);
    wrap(value, width - label_width)
        .into_iter()
        .enumerate()
        .map(|(n, piece)| {
            let head = if n == 0 {
                Span::styled(pad(label, label_width, Align::Left), p.dim())
            } else {
                Span::raw(indent.clone())
            };
            Line::from(vec![head, Span::raw(piece)])
        })
        .collect()
}

pub use crate::text::wrap;

fn section(title: &str, p: Palette) -> Line<'static> {
    Line::from(Span::styled(format!("【{title}】"), p.heading()))
}

fn or_gap(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".to_string())
}

/// Everything the details panel says, in order: the key numbers, the working, the data and their sources;
/// already wrapped to `width` columns.
pub fn detail_lines(
    app: &App,
    indicator: &Indicator,
    a: &Assessment,
    width: usize,
) -> Vec<Line<'static>> {
    let p = palette(app);
    let unit = indicator.unit.as_str();
    let value = |v: f64| format!("{}{unit}", fmt_number(v, if v.abs() < 1.0 { 4 } else { 2 }));
    let mut lines = vec![section("评估", p)];
    let add = |label: &str, text: String| row(label, &text, p, width);
    let mut numbers = add(
        "结论",
        format!("{} {}", status_text(&app.dataset.plan, a), a.reason),
    );
    for note in &a.notes {
        numbers.extend(add("※ 提示", note.text.clone()));
    }
    numbers.extend(add(
        "比值 R",
        or_gap(a.ratio.map(|r| format!("{r:.4}（实际增速 ÷ 所需增速）"))),
    ));
    let progress = a
        .completion_pct
        .zip(a.elapsed_pct)
        .map(|(c, e)| format!("{} / {}", fmt_pct(c), fmt_pct(e)));
    numbers.extend(add("完成度/时间进度", or_gap(progress)));
    numbers.extend(add(
        "已实现年均增长",
        or_gap(a.observed_growth_pct.map(fmt_signed_pct)),
    ));
    numbers.extend(add(
        "还需年均增长",
        or_gap(a.required_growth_pct.map(fmt_signed_pct)),
    ));
    if let Some(per_year) = a.required_per_year {
        numbers.extend(add("每年还需", value(per_year)));
    }
    match &a.projection {
        Some(proj) => {
            let text = format!(
                "{}年 {}（{}）",
                proj.year,
                value(proj.value),
                proj.method.label_zh()
            );
            numbers.extend(add("趋势外推", text));
            if let (Some(low), Some(high)) = (proj.low, proj.high) {
                let level = (INTERVAL_LEVEL * 100.0).round();
                numbers.extend(add(
                    &format!("{level}%预测区间"),
                    format!("{} – {}", value(low), value(high)),
                ));
            }
            numbers.extend(add(
                "达到目标的概率",
                or_gap(proj.probability.map(|x| fmt_pct(x * 100.0))),
            ));
        }
        None => numbers.extend(add("趋势外推", "—".to_string())),
    }
    if let Some(grade) = a.projection_grade {
        numbers.extend(add("趋势判断", grade.label_zh().to_string()));
    }
    lines.extend(numbers);
    // The newest in-year signal beside the five-year status: the indicator's line of the annual plan.
    if let Some(line) = app
        .annual
        .items
        .iter()
        .find(|l| l.indicator.as_deref() == Some(indicator.id.as_str()))
    {
        lines.push(Line::default());
        lines.push(section(
            &format!(
                "{}年年度计划（截至{}）",
                line.target.year,
                app.annual.as_of.label_zh()
            ),
            p,
        ));
        lines.extend(add(
            "年内判断",
            format!(
                "{} {}：{}",
                line.status.symbol(),
                line.status.label_zh(),
                line.reason
            ),
        ));
        for step in line.working.iter().filter(|s| s.label != "结论") {
            lines.extend(row(&step.label, &step.text, p, width));
        }
    }
    lines.push(Line::default());
    lines.push(section("计算过程", p));
    for step in &a.working {
        lines.extend(row(&step.label, &step.text, p, width));
    }
    lines.push(Line::default());
    lines.push(section("数据来源与版本", p));
    let vintages = app
        .dataset
        .history
        .vintages_up_to(indicator.series_id(), app.as_of());
    if vintages.is_empty() {
        lines.push(Line::from(Span::styled("尚无记录的数据", p.dim())));
    }
    let indented = |text: String| -> Vec<Line<'static>> {
        wrap(&text, width.saturating_sub(2))
            .into_iter()
            .map(|piece| Line::from(Span::styled(format!("  {piece}"), p.dim())))
            .collect()
    };
    for (o, in_use) in vintages {
        let used = if in_use { "采用" } else { "旧版本" };
        let text = format!("{}  {}  {used}", value(o.value), o.status.label_zh());
        lines.extend(row(&o.period.label_zh(), &text, p, width));
        lines.extend(indented(format!(
            "来源：{}（{}:{}）",
            o.source, o.origin.file, o.origin.line
        )));
        if !o.quote.is_empty() {
            lines.extend(indented(format!("原文：{}", o.quote)));
        }
    }
    let targets = app.dataset.history.annual_targets(indicator.series_id());
    if !targets.is_empty() {
        lines.push(Line::default());
        lines.push(section("年度目标", p));
        for t in targets {
            lines.extend(row(
                &format!("{}年", t.year),
                &format!("{}（{}）", t.text, t.source),
                p,
                width,
            ));
        }
    }
    lines
}
