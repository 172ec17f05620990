//! The units view (key `u`): each unit with its lines, figures in, lines behind, figures overdue and warning
//! level, in rank order; with a unit open, its lines with their figure, due date and verdict.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{clip, fit, footer, palette};
use crate::model::WarningLevel;
use crate::text::{Align, wrap};
use crate::tui::app::App;
use crate::tui::keys::KeyHelp;
use crate::units::Figure;

/// Every key of this view, for the help overlay.
pub const KEYS: &[KeyHelp] = &[
    KeyHelp {
        keys: "u",
        action: "从任何界面打开各单位：牵头指标、报送与预警",
    },
    KeyHelp {
        keys: "↑ ↓ / k j",
        action: "选择单位或指标",
    },
    KeyHelp {
        keys: "Enter / →",
        action: "列出所选单位的指标；再按打开所选指标",
    },
    KeyHelp {
        keys: "Esc / ← / h",
        action: "返回单位列表；再按返回总览",
    },
];

fn level_word(level: Option<WarningLevel>) -> &'static str {
    level.map_or("—", |l| l.label_zh())
}

/// A row of a list, highlighted where selected.
fn row_line(
    text: String,
    selected: bool,
    p: &super::style::Palette,
    width: usize,
) -> Line<'static> {
    let style = if selected {
        p.selected()
    } else {
        ratatui::style::Style::default()
    };
    clip(vec![Span::styled(text, style)], width)
}

/// How many rows to skip so that row `selected` shows among `rows` rows.
fn scrolled(selected: usize, rows: u16) -> usize {
    selected.saturating_sub(usize::from(rows).saturating_sub(1))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let width = usize::from(area.width);
    let bottom = area.bottom().saturating_sub(1);
    let mut y = area.y;
    let mut put = |y: &mut u16, line: Line<'static>| {
        if *y < bottom {
            line.render(Rect::new(area.x, *y, area.width, 1), buf);
            *y += 1;
        }
    };
    let Some(panel) = &app.units else {
        return;
    };
    let view = &panel.view;
    put(
        &mut y,
        clip(
            vec![Span::styled(
                format!(
                    "各单位指标报送与进度 · 截至 {} · 今天 {}",
                    view.as_of.heading_zh(),
                    view.today.format("%Y-%m-%d")
                ),
                p.heading(),
            )],
            width,
        ),
    );
    if view.units.is_empty() {
        for text in wrap(&crate::units::no_leads_message(&app.dataset.plan), width) {
            put(&mut y, clip(vec![Span::raw(text)], width));
        }
    } else if let Some(u) = panel.open.and_then(|i| view.units.get(i)) {
        put(
            &mut y,
            clip(
                vec![Span::raw(format!(
                    "{}：牵头 {} 项，配合 {} 项，预警 {}",
                    u.name,
                    u.leads.len(),
                    u.shares.len(),
                    level_word(u.level)
                ))],
                width,
            ),
        );
        let name_width = width.saturating_sub(4 + 4 + 10 + 14 + 5).clamp(8, 30);
        let head = format!(
            "{} {} 职责 {} {} 判断",
            fit("序号", 4, Align::Right),
            fit("指标", name_width, Align::Left),
            fit("本期数据", 10, Align::Left),
            fit("报送时限", 14, Align::Left),
        );
        put(&mut y, clip(vec![Span::styled(head, p.heading())], width));
        let skip = scrolled(panel.line, bottom.saturating_sub(y));
        for (n, &i) in panel.open_lines().iter().enumerate().skip(skip) {
            let l = &view.lines[i];
            let role = if u.leads.contains(&i) {
                "牵头"
            } else {
                "配合"
            };
            let figure = match l.figure {
                Figure::Overdue { days, .. } => format!("逾期{days}日"),
                f => f.label_zh().to_string(),
            };
            let due = l
                .figure
                .due()
                .map_or("—".to_string(), |d| d.format("%Y-%m-%d").to_string());
            let text = format!(
                "{} {} {role} {} {} {}",
                fit(&l.number, 4, Align::Right),
                fit(&l.name, name_width, Align::Left),
                fit(&figure, 10, Align::Left),
                fit(&due, 14, Align::Left),
                l.verdict
            );
            put(&mut y, row_line(text, n == panel.line, &p, width));
        }
        for w in &u.warnings {
            for text in wrap(&w.reason, width) {
                put(&mut y, clip(vec![Span::raw(text)], width));
            }
        }
    } else {
        let name_width = width.saturating_sub(4 + 6 * 5 + 6).clamp(8, 16);
        let head = format!(
            "{} {} {} {} {} {} {} 预警",
            fit("排名", 4, Align::Right),
            fit("单位", name_width, Align::Left),
            fit("牵头", 5, Align::Right),
            fit("有数据", 6, Align::Right),
            fit("滞后", 5, Align::Right),
            fit("约束性", 6, Align::Right),
            fit("逾期", 5, Align::Right),
        );
        put(&mut y, clip(vec![Span::styled(head, p.heading())], width));
        let skip = scrolled(panel.selected, bottom.saturating_sub(y).saturating_sub(2));
        for (n, u) in view.units.iter().enumerate().skip(skip) {
            let text = format!(
                "{} {} {} {} {} {} {} {}",
                fit(&(n + 1).to_string(), 4, Align::Right),
                fit(&u.name, name_width, Align::Left),
                fit(&u.leads.len().to_string(), 5, Align::Right),
                fit(&u.with_data.to_string(), 6, Align::Right),
                fit(&u.behind.to_string(), 5, Align::Right),
                fit(&u.binding_behind.to_string(), 6, Align::Right),
                fit(&u.overdue.len().to_string(), 5, Align::Right),
                level_word(u.level)
            );
            put(&mut y, row_line(text, n == panel.selected, &p, width));
        }
        if let Some(u) = view.units.get(panel.selected) {
            for w in &u.warnings {
                for text in wrap(&w.reason, width) {
                    put(&mut y, clip(vec![Span::raw(text)], width));
                }
            }
        }
    }
    footer::render(
        app,
        super::annual::HINTS,
        Rect::new(area.x, bottom, area.width, 1),
        buf,
    );
}
