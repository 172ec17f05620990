//! The regions view: regions down, the indicators they share across, a status symbol in every cell (readable
//! without colour), sorted by the share lagging; Enter switches the whole dashboard to the selected region's plan.
//! Its state, its keys and its drawing are all here.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::{clip, fit, footer, palette};
use crate::assess::Status;
use crate::text::{Align, display_width, fmt_number, fmt_signed_pct, truncate};
use crate::tui::app::{App, Screen};
use crate::tui::keys::KeyHelp;

/// The keys of this view, as the help overlay and the status line show them.
pub const KEYS: &[KeyHelp] = &[
    KeyHelp {
        keys: "↑ ↓ / k j",
        action: "选择地区",
    },
    KeyHelp {
        keys: "← → / h l",
        action: "左右查看更多指标",
    },
    KeyHelp {
        keys: "Enter",
        action: "整个看板切换到所选地区的规划",
    },
    KeyHelp {
        keys: "Esc",
        action: "返回总览",
    },
];

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
        keys: "Enter",
        action: "切换到该地区",
    },
    KeyHelp {
        keys: "↑↓",
        action: "选择",
    },
    KeyHelp {
        keys: "←→",
        action: "更多指标",
    },
    KeyHelp {
        keys: "q",
        action: "退出",
    },
];

/// Opens the view (from the overview's `d`), or says why it cannot.
pub fn open(app: &mut App) {
    match &mut app.regions {
        Some(panel) => {
            // Start on the region the dashboard shows.
            let current = &app.dataset.plan.id;
            if let Some(i) = panel
                .regions
                .rows
                .iter()
                .position(|r| &r.plan_id == current)
            {
                panel.selected = i;
            }
            app.screen = Screen::Regions;
        }
        None => app.message = Some("数据中只有这一个地区的规划，没有可对照的地区".to_string()),
    }
}

/// The view's keys; false for keys it leaves to the global ones.
pub fn on_key(app: &mut App, key: KeyEvent) -> bool {
    let rows = body_rows(app);
    let columns = visible_columns(app);
    let Some(panel) = &mut app.regions else {
        app.screen = Screen::Overview;
        return false;
    };
    let last = panel.regions.rows.len().saturating_sub(1);
    let page = rows.max(1);
    match key.code {
        KeyCode::Esc | KeyCode::Backspace => app.screen = Screen::Overview,
        KeyCode::Up | KeyCode::Char('k') => panel.selected = panel.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => panel.selected = (panel.selected + 1).min(last),
        KeyCode::PageUp => panel.selected = panel.selected.saturating_sub(page),
        KeyCode::PageDown => panel.selected = (panel.selected + page).min(last),
        KeyCode::Home | KeyCode::Char('g') => panel.selected = 0,
        KeyCode::End | KeyCode::Char('G') => panel.selected = last,
        KeyCode::Left | KeyCode::Char('h') => panel.column = panel.column.saturating_sub(1),
        KeyCode::Right | KeyCode::Char('l') => {
            let keys = panel.regions.common_keys().len();
            if panel.column + columns < keys {
                panel.column += 1;
            }
        }
        KeyCode::Enter => {
            let Some(row) = panel.regions.rows.get(panel.selected) else {
                return true;
            };
            if row.plan_id == app.dataset.plan.id {
                app.screen = Screen::Overview;
            } else {
                app.switch_to = Some(row.plan_id.clone());
            }
        }
        _ => return false,
    }
    // Keep the selected row on screen.
    if panel.selected < panel.offset {
        panel.offset = panel.selected;
    } else if panel.selected >= panel.offset + page {
        panel.offset = panel.selected + 1 - page;
    }
    true
}

/// Header lines above the matrix.
const HEAD: u16 = 4;
const REGION_WIDTH: usize = 14;
const SHARE_WIDTH: usize = 8;
/// Cell widths, widest first: symbol and word, symbol and a short word, the symbol alone.
const CELL_WIDTHS: [usize; 3] = [16, 10, 4];

/// Rows of the matrix body at the current size (the roll-up lines take their room from it).
pub fn body_rows(app: &App) -> usize {
    let area = super::screen_area(app);
    usize::from(
        area.height
            .saturating_sub(HEAD + 2 + rollup_height(app, area.height)),
    )
}

fn rollup_height(app: &App, height: u16) -> u16 {
    let issues = app
        .regions
        .as_ref()
        .map_or(0, |p| p.regions.rollup_issues().count());
    if issues == 0 {
        0
    } else {
        u16::try_from(issues + 1)
            .unwrap_or(u16::MAX)
            .min(height / 4)
    }
}

/// The widest cell with which every shared indicator fits (the narrowest where none does), and how many fit.
fn cells(width: usize, keys: usize) -> (usize, usize) {
    let room = width.saturating_sub(REGION_WIDTH + SHARE_WIDTH + 3);
    let cell = CELL_WIDTHS
        .iter()
        .copied()
        .find(|w| room / w >= keys)
        .unwrap_or(CELL_WIDTHS[CELL_WIDTHS.len() - 1]);
    (cell, room / cell)
}

/// How many indicator columns fit at the current width.
fn visible_columns(app: &App) -> usize {
    let keys = app
        .regions
        .as_ref()
        .map_or(0, |p| p.regions.common_keys().len());
    cells(usize::from(app.size.width), keys).1
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let p = palette(app);
    let width = usize::from(area.width);
    let Some(panel) = &app.regions else {
        return;
    };
    let regions = &panel.regions;
    let keys = regions.common_keys();
    let (cell, fits) = cells(width, keys.len());
    let shown: Vec<&(String, String)> = keys.iter().skip(panel.column).take(fits).collect();

    let title = format!(
        "各地区对照 · 截至 {} 年 · {} 个地区 · 按滞后占比排序",
        regions
            .as_of_year()
            .map_or("—".to_string(), |y| y.to_string()),
        regions.rows.len()
    );
    let more = if keys.len() > shown.len() {
        format!(
            "  共同指标 {}–{} / {}（← → 查看其余）",
            panel.column + 1,
            panel.column + shown.len(),
            keys.len()
        )
    } else {
        format!("  共同指标 {} 项", keys.len())
    };
    clip(
        vec![Span::styled(title, p.title()), Span::styled(more, p.dim())],
        width,
    )
    .render(Rect::new(area.x, area.y, area.width, 1), buf);
    let mut legend: Vec<Span<'static>> = Vec::new();
    for s in Status::ALL {
        legend.push(Span::styled(s.symbol(), p.status(s)));
        legend.push(Span::raw(format!(" {}  ", s.label_zh())));
    }
    legend.push(Span::raw("· 无此指标  ◀ 看板当前地区"));
    clip(legend, width).render(Rect::new(area.x, area.y + 1, area.width, 1), buf);

    // Column heads: the shared code where there is one (short, the same in every plan), else the name.
    let mut head = vec![
        Span::styled(fit("地区", REGION_WIDTH, Align::Left), p.heading()),
        Span::styled(fit("滞后占比", SHARE_WIDTH, Align::Right), p.heading()),
        Span::raw("  "),
    ];
    for (key, _) in &shown {
        head.push(Span::styled(fit(key, cell - 1, Align::Left), p.heading()));
        head.push(Span::raw(" "));
    }
    clip(head, width).render(Rect::new(area.x, area.y + 3, area.width, 1), buf);

    let rollup = rollup_height(app, area.height);
    let body_height = area.height.saturating_sub(HEAD + 2 + rollup);
    for (line, row) in regions
        .rows
        .iter()
        .enumerate()
        .skip(panel.offset)
        .take(usize::from(body_height))
    {
        let selected = line == panel.selected;
        let current = row.plan_id == app.dataset.plan.id;
        let marker = if selected { "›" } else { " " };
        let name = format!("{marker}{}{}", row.region, if current { "◀" } else { "" });
        let mut spans = vec![
            Span::raw(fit(&name, REGION_WIDTH, Align::Left)),
            Span::raw(fit(
                &format!("{}%", fmt_number(row.lagging_share() * 100.0, 0)),
                SHARE_WIDTH,
                Align::Right,
            )),
            Span::raw("  "),
        ];
        for (key, _) in &shown {
            match row.indicator_by_key(key) {
                Some(i) => {
                    spans.push(Span::styled(i.status.symbol(), p.status(i.status)));
                    let words = if cell > CELL_WIDTHS[2] {
                        format!(" {}", truncate(row.label(i.status), cell - 3))
                    } else {
                        String::new()
                    };
                    spans.push(Span::raw(fit(
                        &words,
                        cell - 1 - display_width(i.status.symbol()),
                        Align::Left,
                    )));
                }
                None => spans.push(Span::styled(fit("·", cell - 1, Align::Left), p.dim())),
            }
            spans.push(Span::raw(" "));
        }
        let y = area.y + HEAD + u16::try_from(line - panel.offset).unwrap_or(0);
        let mut rendered = clip(spans, width);
        if selected {
            rendered = rendered.style(p.selected());
        }
        rendered.render(Rect::new(area.x, y, area.width, 1), buf);
    }

    if rollup > 0 {
        let top = area.y + area.height.saturating_sub(1 + rollup);
        let issues: Vec<_> = regions.rollup_issues().collect();
        clip(
            vec![Span::styled(
                format!("✖ 汇总核对：{} 处下辖地区合计与本级数不符", issues.len()),
                p.alert(),
            )],
            width,
        )
        .render(Rect::new(area.x, top, area.width, 1), buf);
        for (i, c) in issues.iter().take(usize::from(rollup - 1)).enumerate() {
            let text = format!(
                "  {}{}年{}：下辖地区合计 {} ≠ 本级 {}{}（{}）",
                c.parent_region,
                c.year,
                c.series_name,
                fmt_number(c.children_sum, 2),
                fmt_number(c.parent_value, 2),
                c.unit,
                fmt_signed_pct(c.difference_pct),
            );
            let suspect = c
                .suspect
                .as_ref()
                .map(|s| format!("，先核对{}", s.region))
                .unwrap_or_default();
            let y = top + 1 + u16::try_from(i).unwrap_or(0);
            clip(vec![Span::raw(format!("{text}{suspect}"))], width)
                .render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
    let footer_area = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    footer::render(app, HINTS, footer_area, buf);
}
