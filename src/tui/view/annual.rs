//! The annual plan view: the as-of year's annual targets (年度计划) with the in-year verdicts against the target's
//! time schedule, and the working of the selected line. Its keys are here, next to its drawing.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{clip, fit, flow, footer, palette};
use crate::assess::Status;
use crate::assess::annual::{AnnualAssessment, AnnualStatus};
use crate::text::{Align, wrap};
use crate::tui::app::{App, Screen};
use crate::tui::keys::KeyHelp;

/// Every key of this view, for the help overlay.
pub const KEYS: &[KeyHelp] = &[
    KeyHelp {
        keys: "a",
        action: "从任何界面打开年度计划",
    },
    KeyHelp {
        keys: "↑ ↓ / k j",
        action: "选择指标，下方显示判断依据和计算过程",
    },
    KeyHelp {
        keys: "Home End / g G",
        action: "第一项 / 最后一项",
    },
    KeyHelp {
        keys: "Enter / →",
        action: "打开对应的规划指标（年度计划独有的指标除外）",
    },
    KeyHelp {
        keys: "Esc / ← / h",
        action: "返回总览",
    },
];

const TARGET_WIDTH: usize = 18;
const WIDE_TARGET_WIDTH: usize = 30;

/// The target column: wider where the screen has room.
fn target_width(width: usize) -> usize {
    if width >= 110 {
        WIDE_TARGET_WIDTH
    } else {
        TARGET_WIDTH
    }
}
const LATEST_WIDTH: usize = 16;

/// The status line's hints, most important first.
pub const HINTS: &[KeyHelp] = &[
    KeyHelp {
        keys: "?",
        action: "帮助",
    },
    KeyHelp {
        keys: "Esc",
        action: "返回",
    },
    KeyHelp {
        keys: "↑↓",
        action: "选择",
    },
    KeyHelp {
        keys: "r",
        action: "录入数据",
    },
    KeyHelp {
        keys: "Enter",
        action: "打开指标",
    },
    KeyHelp {
        keys: "[ ]",
        action: "年份",
    },
    KeyHelp {
        keys: "q",
        action: "退出",
    },
];

/// The keys of this view; false for keys it leaves to the global ones.
pub fn on_key(app: &mut App, key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => move_selection(app, -1),
        KeyCode::Down | KeyCode::Char('j') => move_selection(app, 1),
        KeyCode::Home | KeyCode::Char('g') => move_selection(app, isize::MIN),
        KeyCode::End | KeyCode::Char('G') => move_selection(app, isize::MAX),
        KeyCode::Esc | KeyCode::Left | KeyCode::Char('h') => app.screen = Screen::Overview,
        KeyCode::Enter | KeyCode::Right => open_indicator(app),
        KeyCode::Char('r') => open_record_form(app),
        _ => return false,
    }
    true
}

pub fn move_selection(app: &mut App, by: isize) {
    let last = app.annual.items.len().saturating_sub(1);
    let now = isize::try_from(app.annual_selected).unwrap_or(0);
    let next = now
        .saturating_add(by)
        .clamp(0, isize::try_from(last).unwrap_or(0));
    app.annual_selected = usize::try_from(next).unwrap_or(0);
}

/// Opens the 录入数据 form for the selected line of the annual plan — a five-year indicator's or an annual-only
/// line's series — for the period after its newest figure of the year.
fn open_record_form(app: &mut App) {
    if app.data_dir.is_none() {
        app.message = Some("看板打开的是内置数据，不能在此录入".to_string());
        return;
    }
    let Some(line) = app.annual.items.get(app.annual_selected) else {
        return;
    };
    let period = crate::tui::record_form::default_period(
        line.latest.map(|l| l.period),
        app.as_of(),
        app.today,
    );
    let key = line
        .indicator
        .clone()
        .unwrap_or_else(|| line.series.clone());
    let mut form =
        crate::tui::record_form::RecordForm::new(&key, &line.name, &line.unit, &period.to_string());
    if line.indicator.is_none() {
        form.number = String::new();
    }
    app.record_form = Some(form);
}

fn open_indicator(app: &mut App) {
    let Some(line) = app.annual.items.get(app.annual_selected) else {
        return;
    };
    match line.indicator.clone() {
        Some(id) => {
            app.selected = Some(id);
            app.detail_scroll = 0;
            app.screen = Screen::Indicator;
        }
        None => {
            app.message = Some(format!(
                "“{}”是年度计划独有的指标，不在五年规划表中",
                line.name
            ));
        }
    }
}

/// The five-year status whose colour an annual verdict borrows.
fn colour_of(status: AnnualStatus) -> Status {
    match status {
        AnnualStatus::Ahead => Status::Ahead,
        AnnualStatus::OnSchedule | AnnualStatus::BasicallyMet => Status::OnTrack,
        AnnualStatus::Behind => Status::Lagging,
        AnnualStatus::Met => Status::Achieved,
        AnnualStatus::Missed => Status::OffTrack,
        AnnualStatus::NotAssessable => Status::NotAssessable,
    }
}

/// The title, the counts and the opening sentence.
pub fn header(app: &App, width: usize) -> Vec<Line<'static>> {
    let p = palette(app);
    let annual = &app.annual;
    let mut lines = vec![clip(
        vec![
            Span::styled(
                format!(
                    "{}{}年国民经济和社会发展计划",
                    app.dataset.plan.region, annual.year
                ),
                p.title(),
            ),
            Span::raw(format!(" · 截至 {}", annual.as_of.heading_zh())),
        ],
        width,
    )];
    if annual.items.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("尚未录入{}年的年度计划指标。", annual.year),
            p.dim(),
        )));
        return lines;
    }
    let chips: Vec<Vec<Span<'static>>> = AnnualStatus::ALL
        .iter()
        .map(|s| (*s, annual.count(*s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| {
            vec![Span::styled(
                format!("{} {} {n}", s.symbol(), s.label_zh()),
                p.status(colour_of(s)),
            )]
        })
        .collect();
    lines.extend(flow(chips, width, 2));
    let sentence = crate::present::annual::opening_sentence(&app.dataset.plan, annual);
    lines.extend(
        wrap(&sentence, width)
            .into_iter()
            .take(if app.size.height < 30 { 2 } else { 3 })
            .map(|l| Line::from(Span::styled(l, p.dim()))),
    );
    lines
}

fn row(a: &AnnualAssessment, name_width: usize, width: usize) -> String {
    let target = target_width(width);
    let latest = a.latest.map_or_else(
        || "—".to_string(),
        |l| {
            format!(
                "{}（{}）",
                crate::present::words::value(Some(l.value)),
                l.period.part_label_zh()
            )
        },
    );
    let text = format!(
        "{} {} {} {} {} {}",
        fit(&a.number, 4, Align::Right),
        fit(&a.name, name_width, Align::Left),
        fit(&a.target.text, target, Align::Left),
        fit(&latest, LATEST_WIDTH, Align::Right),
        a.status.symbol(),
        a.status.label_zh()
    );
    fit(&text, width, Align::Left)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let width = usize::from(area.width);
    let header = header(app, width);
    let mut y = area.y;
    let bottom = area.bottom().saturating_sub(1);
    for line in header {
        if y >= bottom {
            break;
        }
        line.render(Rect::new(area.x, y, area.width, 1), buf);
        y += 1;
    }
    // The working of the selected line takes the lower part; the list what is left above it.
    let detail_rows: u16 = 7.min(bottom.saturating_sub(y) / 2);
    let list_bottom = bottom.saturating_sub(detail_rows);
    let name_width = width
        .saturating_sub(4 + target_width(width) + LATEST_WIDTH + 4 + 16)
        .clamp(8, 30);
    if y < list_bottom {
        let head = format!(
            "{} {} {} {} 判断",
            fit("序号", 4, Align::Right),
            fit("指标", name_width, Align::Left),
            fit("年度目标", target_width(width), Align::Left),
            fit("最新（时期）", LATEST_WIDTH, Align::Right),
        );
        clip(vec![Span::styled(head, p.heading())], width)
            .render(Rect::new(area.x, y, area.width, 1), buf);
        y += 1;
    }
    let rows = usize::from(list_bottom.saturating_sub(y));
    let offset = app.annual_selected.saturating_sub(rows.saturating_sub(1));
    for (n, a) in app.annual.items.iter().enumerate().skip(offset).take(rows) {
        let style = if n == app.annual_selected {
            p.selected()
        } else {
            p.status(colour_of(a.status))
        };
        Line::from(Span::styled(row(a, name_width, width), style))
            .render(Rect::new(area.x, y, area.width, 1), buf);
        y += 1;
    }
    if let Some(a) = app.annual.items.get(app.annual_selected) {
        let mut details = vec![format!("{}：{}", a.status.label_zh(), a.reason)];
        details.extend(
            a.working
                .iter()
                .filter(|s| s.label != "结论")
                .map(|s| format!("{}：{}", s.label, s.text)),
        );
        let lines = details.iter().flat_map(|d| wrap(d, width));
        for (y, text) in (list_bottom..bottom).zip(lines) {
            clip(vec![Span::raw(text)], width).render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
    footer::render(app, HINTS, Rect::new(area.x, bottom, area.width, 1), buf);
}
