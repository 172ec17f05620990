//! The overview: the plan, the counts per status (binding alerts first), and every indicator grouped by
//! category with its numbers, a progress bar (completion against elapsed time) and its status.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::style::Palette;
use super::{clip, fit, flow, footer, number, palette};
use crate::assess::{Assessment, Status};
use crate::model::{Indicator, Plan};
use crate::present::words;
use crate::text::Align;
use crate::tui::app::{App, ListLine, SortOrder};

/// Where each part of the overview goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverviewLayout {
    pub header: Rect,
    pub table_head: Rect,
    pub body: Rect,
    pub footer: Rect,
}

pub fn layout(app: &App, area: Rect) -> OverviewLayout {
    let wanted = u16::try_from(header(app, usize::from(area.width)).len()).unwrap_or(u16::MAX);
    // On a short terminal the header gives way to the list: it keeps the title and the first line of counts
    // (binding alerts first), and never more than a third of the rows.
    let header_height = wanted.min((area.height.saturating_sub(2) / 3).max(2));
    let body_height = area.height.saturating_sub(header_height + 2);
    let header = Rect::new(area.x, area.y, area.width, header_height);
    let table_head = Rect::new(area.x, header.bottom(), area.width, 1);
    let body = Rect::new(area.x, table_head.bottom(), area.width, body_height);
    let footer = Rect::new(area.x, body.bottom(), area.width, 1);
    OverviewLayout {
        header,
        table_head,
        body,
        footer,
    }
}

/// Rows of the list body at the current size.
pub fn body_rows(app: &App) -> usize {
    usize::from(layout(app, super::screen_area(app)).body.height)
}

/// The list line under a screen position, if any.
pub fn line_at(app: &App, column: u16, row: u16) -> Option<usize> {
    let body = layout(app, super::screen_area(app)).body;
    let inside = column >= body.x && column < body.right() && row >= body.y && row < body.bottom();
    inside.then(|| app.offset + usize::from(row - body.y))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let parts = layout(app, area);
    for (i, line) in header(app, usize::from(area.width)).into_iter().enumerate() {
        let Ok(i) = u16::try_from(i) else { break };
        if i >= parts.header.height {
            break;
        }
        line.render(Rect::new(area.x, parts.header.y + i, area.width, 1), buf);
    }
    let columns = columns(usize::from(area.width), text_widths(app));
    head_line(&columns, p).render(parts.table_head, buf);
    render_body(app, &columns, parts.body, buf);
    footer::render(app, crate::tui::keys::OVERVIEW_HINTS, parts.footer, buf);
}

/// The header: title, counts (binding alerts first), the alerts by name, and what the list shows.
pub fn header(app: &App, width: usize) -> Vec<Line<'static>> {
    let p = palette(app);
    let plan = &app.dataset.plan;
    let result = app.assessment();
    let mut lines = vec![clip(
        vec![
            Span::styled(plan.titled_name(), p.title()),
            Span::raw(format!(" · 截至 {}", as_of_heading(app))),
        ],
        width,
    )];
    if let Some(note) = first_year_note(app) {
        let chips = note
            .into_iter()
            .map(|text| vec![Span::styled(text, p.heading())])
            .collect();
        lines.extend(flow(chips, width, 1));
    }
    let alerts = result.binding_alerts();
    let mut chips = vec![vec![Span::styled(
        format!("⚠ 约束性预警 {alerts}"),
        if alerts > 0 { p.alert() } else { p.dim() },
    )]];
    let noted = result.items.iter().filter(|a| !a.notes.is_empty()).count();
    if noted > 0 {
        chips.push(vec![Span::styled(format!("※ 有提示 {noted}"), p.dim())]);
    }
    for status in Status::ALL {
        chips.push(vec![Span::styled(
            format!(
                "{} {} {}",
                status.symbol(),
                app.dataset.plan.status_label(status),
                result.count(status)
            ),
            p.status(status),
        )]);
    }
    lines.extend(flow(chips, width, 2));
    let named: Vec<String> = app
        .dataset
        .plan
        .indicators
        .iter()
        .zip(&result.items)
        .filter(|(_, a)| a.binding_alert)
        .map(|(i, a)| {
            format!(
                "{} {}（{} {}）",
                i.number(),
                i.display_name(),
                a.status.symbol(),
                app.dataset.plan.status_label(a.status)
            )
        })
        .collect();
    if !named.is_empty() {
        lines.push(clip(
            vec![
                Span::styled("约束性预警：", p.alert()),
                Span::styled(named.join("；"), p.alert()),
            ],
            width,
        ));
    }
    lines.push(clip(vec![Span::styled(list_status(app), p.dim())], width));
    lines
}

/// "2026 年前三季度" where the annual view reads a period of the as-of year, else "2026 年".
fn as_of_heading(app: &App) -> String {
    if app.annual.as_of.year == app.as_of() {
        app.annual.as_of.heading_zh()
    } else {
        format!("{} 年", app.as_of())
    }
}

/// Before the plan has a full year of data, the five-year view can only say 无法评估: say so, and point to the
/// annual plan, where the in-year figures are judged (two pieces, so that a narrow screen wraps between them).
fn first_year_note(app: &App) -> Option<[String; 2]> {
    if app.has_full_plan_year() {
        return None;
    }
    let plan = &app.dataset.plan;
    let annual = &app.annual;
    let what = if annual.items.is_empty() {
        format!("（尚未录入{}年的年度计划指标）", annual.year)
    } else {
        let s = annual.summary();
        format!("：{}项指标，{}项有年内数据", s.indicators, s.with_data)
    };
    Some([
        format!(
            "提示：规划实施以来（{}年起）尚无全年数据，五年规划指标暂无法评估；",
            plan.start_year
        ),
        format!("按 a 查看{}年年度计划执行情况{what}", annual.year),
    ])
}

fn list_status(app: &App) -> String {
    let total = app.dataset.plan.indicators.len();
    let shown = app.visible().len();
    let mut parts = vec![format!("显示 {shown}/{total} 项")];
    parts.push(
        match app.sort {
            SortOrder::Plan => "规划表顺序",
            SortOrder::Gap => "按差距排序",
        }
        .to_string(),
    );
    let mut filters = Vec::new();
    if app.filter.binding_only {
        filters.push("约束性".to_string());
    }
    if app.filter.lagging_only {
        filters.push("滞后".to_string());
    }
    if let Some(category) = app
        .filter
        .category
        .and_then(|c| app.category_order().get(c).cloned())
    {
        filters.push(category);
    }
    if !filters.is_empty() {
        parts.push(format!("筛选：{}", filters.join("、")));
    }
    if !app.search.query.is_empty() {
        parts.push(format!("搜索：{}", app.search.query));
    }
    parts.push("约＝约束性指标".to_string());
    parts.join(" · ")
}

/// A column of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Binding,
    Name,
    Unit,
    Baseline,
    Latest,
    Period,
    Target,
    /// Completion against elapsed time, with a bar when `bar` > 0 columns.
    Progress {
        bar: usize,
    },
    Required,
    Status,
    Reason,
}

#[derive(Debug, Clone, Copy)]
struct Column {
    col: Col,
    width: usize,
}

const NAME_MIN: usize = 16;
/// The name's width worth giving up the base year, the period and the bar for.
const NAME_WANT: usize = 24;
const NAME_MAX: usize = 36;
const PROGRESS_NUMBERS: usize = 9;
const PROGRESS_BAR: usize = 8;
/// A reason column is added only where it can say something.
const REASON_MIN: usize = 16;

/// Official numbers are short ("17.1"); a plan file may use longer ids, shown in full up to a point.
fn id_width(app: &App) -> usize {
    let widest = app
        .dataset
        .plan
        .indicators
        .iter()
        .map(|i| crate::text::display_width(i.number()))
        .max();
    widest.unwrap_or(0).clamp(4, ID_MAX)
}

const ID_MAX: usize = 19;

/// How wide the text columns need to be for this plan: its longest unit and target text, within limits.
#[derive(Debug, Clone, Copy)]
struct TextWidths {
    id: usize,
    unit: usize,
    target: usize,
    period: usize,
    required: usize,
}

fn text_widths(app: &App) -> TextWidths {
    let widest = |f: &dyn Fn(&Indicator) -> usize| {
        app.dataset.plan.indicators.iter().map(f).max().unwrap_or(0)
    };
    TextWidths {
        id: id_width(app),
        unit: widest(&|i| crate::text::display_width(&i.unit)).clamp(4, UNIT_MAX),
        target: widest(&|i| crate::text::display_width(&i.target.text)).clamp(6, TARGET_MAX),
        period: app
            .assessment()
            .items
            .iter()
            .map(|a| crate::text::display_width(&words::period_or_none(a.latest.map(|l| l.period))))
            .max()
            .unwrap_or(0)
            .clamp(6, 14),
        required: (0..app.dataset.plan.indicators.len())
            .filter_map(|n| app.item(n))
            .map(|(i, a)| crate::text::display_width(&words::remaining_short(i, a)))
            .max()
            .unwrap_or(0)
            .clamp(8, 12),
    }
}

const UNIT_MAX: usize = 12;
const TARGET_MAX: usize = 14;
/// The target's width on a narrow terminal.
const TARGET_NARROW: usize = 10;

/// The columns that fit `width`, dropping the least needed first; the name takes what is left, and the reason
/// column what the name does not need. Units and targets are as wide as the plan's longest (so that they are not
/// cut where there is room); at 120 columns the base year, the period and the bar give way to the reason.
fn columns(width: usize, w: TextWidths) -> Vec<Column> {
    let c = |col, width| Column { col, width };
    let mut cols = vec![
        c(Col::Id, w.id),
        c(Col::Binding, 2),
        c(Col::Name, 0),
        c(Col::Unit, w.unit),
        c(Col::Baseline, 7),
        c(Col::Latest, 7),
        c(Col::Period, w.period),
        c(Col::Target, w.target),
        c(
            Col::Progress { bar: PROGRESS_BAR },
            PROGRESS_BAR + 1 + PROGRESS_NUMBERS,
        ),
        c(Col::Required, w.required),
        c(Col::Status, 16),
        c(Col::Reason, REASON_MIN),
    ];
    let name_room = |cols: &[Column]| {
        let used: usize =
            cols.iter().map(|c| c.width).sum::<usize>() + cols.len().saturating_sub(1);
        width.saturating_sub(used)
    };
    // Least needed first, each until the name has the room given: the period, the base year and the bar give
    // way to a name of NAME_WANT columns; the reason and the rest only to NAME_MIN.
    enum Step {
        Drop(Col),
        NarrowBar,
        NarrowTarget,
    }
    let steps = [
        (Step::Drop(Col::Period), NAME_WANT),
        (Step::Drop(Col::Baseline), NAME_WANT),
        (Step::NarrowBar, NAME_WANT),
        (Step::Drop(Col::Reason), NAME_MIN),
        (Step::Drop(Col::Unit), NAME_MIN),
        (Step::NarrowTarget, NAME_MIN),
        (Step::Drop(Col::Target), NAME_MIN),
        (Step::Drop(Col::Required), NAME_MIN),
        (Step::Drop(Col::Latest), NAME_MIN),
        (Step::Drop(Col::Progress { bar: 0 }), NAME_MIN),
    ];
    for (step, wanted) in steps {
        if name_room(&cols) >= wanted {
            continue;
        }
        match step {
            Step::NarrowBar => {
                if let Some(p) = cols
                    .iter_mut()
                    .find(|c| matches!(c.col, Col::Progress { .. }))
                {
                    *p = c(Col::Progress { bar: 0 }, PROGRESS_NUMBERS);
                }
            }
            Step::NarrowTarget => {
                if let Some(t) = cols.iter_mut().find(|c| c.col == Col::Target) {
                    t.width = t.width.min(TARGET_NARROW);
                }
            }
            Step::Drop(col) => cols.retain(|c| c.col != col),
        }
    }
    let room = name_room(&cols);
    let name = room.min(NAME_MAX);
    if let Some(n) = cols.iter_mut().find(|c| c.col == Col::Name) {
        n.width = name;
    }
    if let Some(r) = cols.iter_mut().find(|c| c.col == Col::Reason) {
        r.width += room - name;
    }
    cols
}

fn head_line(columns: &[Column], p: Palette) -> Line<'static> {
    let cells: Vec<String> = columns
        .iter()
        .map(|c| {
            let (title, align) = match c.col {
                Col::Id => ("序号", Align::Right),
                Col::Binding => ("", Align::Left),
                Col::Name => ("指标", Align::Left),
                Col::Unit => ("单位", Align::Left),
                Col::Baseline => ("基期", Align::Right),
                Col::Latest => ("最新", Align::Right),
                Col::Period => ("时期", Align::Left),
                Col::Target => ("目标", Align::Left),
                Col::Progress { bar: 0 } => ("完成/时间", Align::Right),
                Col::Progress { .. } => ("进度 完成/时间", Align::Right),
                Col::Required => ("还需年均", Align::Right),
                Col::Status => ("状态", Align::Left),
                Col::Reason => ("原因", Align::Left),
            };
            fit(title, c.width, align)
        })
        .collect();
    Line::from(Span::styled(
        cells.join(" "),
        p.title().add_modifier(ratatui::style::Modifier::UNDERLINED),
    ))
}

fn render_body(app: &App, columns: &[Column], area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let lines = app.lines();
    if lines.is_empty() {
        Line::from(Span::styled(
            "没有符合条件的指标：按 x 清除搜索与筛选",
            p.dim(),
        ))
        .render(area, buf);
        return;
    }
    let selected = app.selected.as_deref();
    for (row, line) in lines
        .iter()
        .skip(app.offset)
        .take(usize::from(area.height))
        .enumerate()
    {
        let Ok(row) = u16::try_from(row) else { break };
        let rect = Rect::new(area.x, area.y + row, area.width, 1);
        match line {
            ListLine::Category { name, shown } => {
                clip(
                    vec![Span::styled(format!("【{name}】{shown} 项"), p.heading())],
                    usize::from(area.width),
                )
                .render(rect, buf);
            }
            ListLine::Indicator(index) => {
                let Some((indicator, assessment)) = app.item(*index) else {
                    continue;
                };
                row_line(&app.dataset.plan, indicator, assessment, columns, p).render(rect, buf);
                if selected == Some(indicator.id.as_str()) {
                    buf.set_style(rect, p.selected());
                }
            }
        }
    }
}

fn row_line(
    plan: &Plan,
    i: &Indicator,
    a: &Assessment,
    columns: &[Column],
    p: Palette,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(columns.len() * 2);
    for (n, c) in columns.iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(" "));
        }
        let w = c.width;
        match c.col {
            Col::Id => spans.push(Span::raw(fit(i.number(), w, Align::Right))),
            Col::Binding => spans.push(if i.is_binding() {
                Span::styled(
                    fit("约", w, Align::Left),
                    if a.binding_alert {
                        p.alert()
                    } else {
                        p.title()
                    },
                )
            } else {
                Span::raw(" ".repeat(w))
            }),
            Col::Name => spans.push(Span::raw(fit(&i.display_name(), w, Align::Left))),
            Col::Unit => spans.push(Span::styled(fit(&i.unit, w, Align::Left), p.dim())),
            Col::Baseline => spans.push(Span::raw(fit(
                &number(a.baseline.map(|b| b.value)),
                w,
                Align::Right,
            ))),
            Col::Latest => spans.push(Span::raw(fit(
                &number(a.latest.map(|l| l.value)),
                w,
                Align::Right,
            ))),
            Col::Period => spans.push(Span::styled(
                fit(
                    &words::period_or_none(a.latest.map(|l| l.period)),
                    w,
                    Align::Left,
                ),
                p.dim(),
            )),
            Col::Target => spans.push(Span::raw(fit(&i.target.text, w, Align::Left))),
            Col::Progress { bar } => {
                if bar > 0 {
                    spans.extend(progress_bar(a, bar, p));
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::raw(fit(
                    &progress_numbers(a),
                    w.saturating_sub(if bar > 0 { bar + 1 } else { 0 }),
                    Align::Right,
                )));
            }
            Col::Required => spans.push(Span::raw(fit(
                &words::remaining_short(i, a),
                w,
                Align::Right,
            ))),
            Col::Status => spans.push(Span::styled(
                fit(&status_text(plan, a), w, Align::Left),
                p.status(a.status),
            )),
            Col::Reason => spans.push(Span::styled(fit(&a.reason, w, Align::Left), p.dim())),
        }
    }
    Line::from(spans)
}

/// Symbol and word, the binding alert, and ※ where the assessment has notes (fall-back, stale data…): readable
/// without colour.
pub fn status_text(plan: &Plan, a: &Assessment) -> String {
    words::status_cell(plan, a)
}

fn progress_numbers(a: &Assessment) -> String {
    words::progress(a)
}

/// Completion as a filled share of `width` cells, with the elapsed time marked `|`. Without colour the bar is
/// drawn with `=` (done) and `-` (to do); all characters are single-width ASCII, so the row never shifts.
fn progress_bar(a: &Assessment, width: usize, p: Palette) -> Vec<Span<'static>> {
    let (Some(done), Some(elapsed)) = (a.completion_pct, a.elapsed_pct) else {
        return vec![Span::raw(" ".repeat(width))];
    };
    let cells = |pct: f64| -> usize {
        let share = (pct / 100.0).clamp(0.0, 1.0);
        // Width is a handful of cells: the product is small and non-negative.
        (share * width as f64).round() as usize
    };
    let filled = cells(done);
    let mark = cells(elapsed).min(width.saturating_sub(1));
    (0..width)
        .map(|cell| {
            let is_done = cell < filled;
            let symbol = if cell == mark {
                "|"
            } else if p.has_color() {
                " "
            } else if is_done {
                "="
            } else {
                "-"
            };
            let style = match (p.has_color(), is_done) {
                (false, _) => ratatui::style::Style::new(),
                (true, true) => p.bar_done(a.status),
                (true, false) => p.bar_todo(),
            };
            Span::styled(symbol, style)
        })
        .collect()
}
