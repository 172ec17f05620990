//! The form that takes a figure in the indicator view (`r`): period, value, status and source. It goes the
//! same way as `planwatch record`: the run loop hands the submitted figure to [`crate::intake`], which checks it
//! against the whole data directory and the plausibility checks, and writes it atomically; the dashboard then
//! reloads and shows it. Here: the form's state, its keys (a pure step), and its drawing.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::keys::KeyHelp;
use super::view::style::Palette;
use super::view::widgets::{clear, clip, hints};
use crate::intake::Figure;
use crate::intake::parse::{parse_period, parse_status, parse_value};
use crate::text::{Align, pad};

/// The form's keys, listed in the help overlay and on its own bottom line.
pub const FORM_KEYS: &[KeyHelp] = &[
    KeyHelp {
        keys: "Tab / ↑ ↓",
        action: "下一项 / 上一项",
    },
    KeyHelp {
        keys: "← →",
        action: "选择状态（在“状态”一项）",
    },
    KeyHelp {
        keys: "Enter",
        action: "录入（有合理性提示时再按一次确认保留）",
    },
    KeyHelp {
        keys: "Esc",
        action: "取消",
    },
];

/// The short form of the keys, on the form's bottom border.
const FORM_HINTS: &[KeyHelp] = &[
    KeyHelp {
        keys: "Enter",
        action: "录入",
    },
    KeyHelp {
        keys: "Esc",
        action: "取消",
    },
    KeyHelp {
        keys: "Tab",
        action: "下一项",
    },
    KeyHelp {
        keys: "←→",
        action: "状态",
    },
    KeyHelp {
        keys: "^W",
        action: "撤回",
    },
];

/// `text` in lines of at most `width` columns, never cutting a character.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = crate::text::display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width.max(2) {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

const STATUSES: [&str; 4] = ["预计", "初步", "最终", "修订"];

/// The fields, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Period,
    Value,
    Status,
    Source,
}

impl FormField {
    const ALL: [FormField; 4] = [
        FormField::Period,
        FormField::Value,
        FormField::Status,
        FormField::Source,
    ];

    fn label(self) -> &'static str {
        match self {
            FormField::Period => "时期",
            FormField::Value => "数值",
            FormField::Status => "状态",
            FormField::Source => "来源",
        }
    }
}

/// The period the form offers for an indicator whose newest figure is `latest`: the period after it (the year
/// after a full year, the year of a part-year figure), or the newest period with data where that would be a year
/// not yet begun by `today`; without data, the as-of year, never after today's year.
pub fn default_period(
    latest: Option<crate::model::Period>,
    as_of: i32,
    today: chrono::NaiveDate,
) -> crate::model::Period {
    use crate::model::Period;
    let this_year = chrono::Datelike::year(&today);
    match latest {
        Some(l) if l.is_full_year() && l.year < as_of => Period::year(as_of.min(this_year)),
        Some(l) if l.is_full_year() && l.year + 1 > this_year => l,
        Some(l) if l.is_full_year() => Period::year(l.year + 1),
        Some(l) => Period::year(l.year.min(this_year)),
        None => Period::year(as_of.min(this_year)),
    }
}

/// What the form is saying: nothing, why a figure was refused, or the warnings awaiting a confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    None,
    Refused(Vec<String>),
    /// Plausibility warnings: Enter again keeps the figure with `accepted`.
    Confirm(Vec<String>),
    /// Ctrl-W: taking back the figure in use for the period; the reason is typed, Enter withdraws.
    Withdraw,
}

/// The form's state.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordForm {
    /// The series' key for the record path (a plan indicator's id, or an annual-only line's series).
    pub indicator: String,
    /// The 序号 shown in the heading; empty for a line outside the plan's table (its key is internal).
    pub number: String,
    pub title: String,
    pub unit: String,
    pub period: String,
    pub value: String,
    pub status: usize,
    pub source: String,
    pub focus: FormField,
    pub notice: Notice,
    /// The reason typed to keep a figure the checks question (no figure is kept without one).
    pub reason: String,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    /// Still open.
    Editing,
    /// Closed without recording.
    Cancelled,
    /// A figure to record (checked by the run loop through the record path).
    Submit(Figure),
    /// The figure in use for the period to take back (`record --withdraw`).
    Withdraw(crate::intake::Withdrawal),
}

impl RecordForm {
    pub fn new(indicator: &str, title: &str, unit: &str, period: &str) -> Self {
        RecordForm {
            indicator: indicator.to_string(),
            number: indicator.to_string(),
            title: title.to_string(),
            unit: unit.to_string(),
            period: period.to_string(),
            value: String::new(),
            status: 1,
            source: String::new(),
            focus: FormField::Value,
            notice: Notice::None,
            reason: String::new(),
        }
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        match self.focus {
            FormField::Period => Some(&mut self.period),
            FormField::Value => Some(&mut self.value),
            FormField::Source => Some(&mut self.source),
            FormField::Status => None,
        }
    }

    fn step_focus(&mut self, by: isize) {
        let i = FormField::ALL
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0) as isize;
        let n = FormField::ALL.len() as isize;
        self.focus = FormField::ALL[((i + by).rem_euclid(n)) as usize];
    }

    /// The figure the fields state, or what is wrong with them.
    fn figure(&self, accepted: bool) -> Result<Figure, Vec<String>> {
        let mut problems = Vec::new();
        let period = parse_period(&self.period)
            .map_err(|e| problems.push(format!("时期：{e}")))
            .ok();
        let value = parse_value(&self.value)
            .map_err(|e| problems.push(format!("数值：{e}")))
            .ok();
        let status = parse_status(STATUSES[self.status]).ok();
        if self.source.trim().is_empty() {
            problems.push("来源：不能为空，没有来源的数值不能使用".to_string());
        }
        match (period, value, status) {
            (Some(period), Some(value), Some(status)) if problems.is_empty() => Ok(Figure {
                indicator: self.indicator.clone(),
                period,
                value,
                status,
                source: self.source.trim().to_string(),
                quote: String::new(),
                published: None,
                note: String::new(),
                accepted: accepted.then(|| self.reason.trim().to_string()),
                explanation: None,
            }),
            _ => Err(problems),
        }
    }

    /// One key: the pure update step of the form.
    pub fn on_key(&mut self, key: KeyEvent) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let confirming = matches!(self.notice, Notice::Confirm(_));
        if ctrl && matches!(key.code, KeyCode::Char('w') | KeyCode::Char('W')) {
            self.notice = Notice::Withdraw;
            return FormOutcome::Editing;
        }
        let withdrawing = self.notice == Notice::Withdraw;
        if withdrawing && key.code == KeyCode::Enter && !self.reason.trim().is_empty() {
            return match parse_period(&self.period) {
                Ok(period) => FormOutcome::Withdraw(crate::intake::Withdrawal {
                    indicator: self.indicator.clone(),
                    period,
                    reason: self.reason.trim().to_string(),
                }),
                Err(e) => {
                    self.notice = Notice::Refused(vec![format!("时期：{e}")]);
                    FormOutcome::Editing
                }
            };
        }
        // While the checks ask (or a withdrawal waits), what is typed is the reason; Enter goes on once there is one.
        if confirming || withdrawing {
            match key.code {
                KeyCode::Char(c) if !ctrl => {
                    self.reason.push(c);
                    return FormOutcome::Editing;
                }
                KeyCode::Backspace => {
                    self.reason.pop();
                    return FormOutcome::Editing;
                }
                KeyCode::Enter if self.reason.trim().is_empty() => return FormOutcome::Editing,
                _ => {}
            }
        }
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancelled,
            KeyCode::Enter => {
                return match self.figure(confirming) {
                    Ok(figure) => FormOutcome::Submit(figure),
                    Err(problems) => {
                        self.notice = Notice::Refused(problems);
                        FormOutcome::Editing
                    }
                };
            }
            KeyCode::Tab | KeyCode::Down => self.step_focus(1),
            KeyCode::BackTab | KeyCode::Up => self.step_focus(-1),
            KeyCode::Left if self.focus == FormField::Status => {
                self.status = (self.status + STATUSES.len() - 1) % STATUSES.len();
            }
            KeyCode::Right if self.focus == FormField::Status => {
                self.status = (self.status + 1) % STATUSES.len();
            }
            KeyCode::Backspace => {
                if let Some(text) = self.text_mut() {
                    text.pop();
                }
            }
            KeyCode::Char('u') if ctrl => {
                if let Some(text) = self.text_mut() {
                    text.clear();
                }
            }
            KeyCode::Char(c) if !ctrl => {
                if let Some(text) = self.text_mut() {
                    text.push(c);
                }
            }
            _ => return FormOutcome::Editing,
        }
        // Any change to the figure asks again for a confirmation.
        self.notice = Notice::None;
        FormOutcome::Editing
    }
}

/// Draws the form over the indicator view.
pub fn render(form: &RecordForm, p: Palette, area: Rect, buf: &mut Buffer) {
    let text_width = usize::from(area.width.saturating_sub(4).min(76).saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.push(Line::from(Span::styled(
        if form.number.is_empty() {
            format!("指标 {}（单位：{}）", form.title, form.unit)
        } else {
            format!("指标 {} {}（单位：{}）", form.number, form.title, form.unit)
        },
        p.heading(),
    )));
    lines.push(Line::default());
    for field in FormField::ALL {
        let focused = field == form.focus;
        let value = match field {
            FormField::Period => form.period.clone(),
            FormField::Value => form.value.clone(),
            FormField::Source => form.source.clone(),
            FormField::Status => STATUSES
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    if i == form.status {
                        format!("[{s}]")
                    } else {
                        format!(" {s} ")
                    }
                })
                .collect::<Vec<_>>()
                .join(""),
        };
        let cursor = if focused && field != FormField::Status {
            "▏"
        } else {
            ""
        };
        let marker = if focused { "▶ " } else { "  " };
        let style = if focused { p.selected() } else { p.dim() };
        lines.push(Line::from(vec![
            Span::styled(marker, p.key()),
            Span::styled(pad(field.label(), 6, Align::Left), p.heading()),
            Span::styled(format!("{value}{cursor}"), style),
        ]));
    }
    lines.push(Line::default());
    match &form.notice {
        Notice::None => lines.push(Line::from(Span::styled(
            "时期如 2026、2026Q3；数值只填数字，不带单位和百分号。",
            p.dim(),
        ))),
        Notice::Refused(problems) => {
            lines.push(Line::from(Span::styled("未录入：", p.alert())));
            for m in problems {
                for l in wrap(&format!("  {m}"), text_width) {
                    lines.push(Line::from(l));
                }
            }
        }
        Notice::Confirm(warnings) => {
            lines.push(Line::from(Span::styled(
                "这个数值可能有误（核对无误请输入理由再按 Enter 保留，Esc 取消）：",
                p.alert(),
            )));
            for m in warnings {
                for l in wrap(&format!("  {m}"), text_width) {
                    lines.push(Line::from(l));
                }
            }
            lines.push(Line::from(vec![
                Span::styled("确认理由：", p.heading()),
                Span::styled(format!("{}▏", form.reason), p.selected()),
            ]));
        }
        Notice::Withdraw => {
            lines.push(Line::from(Span::styled(
                format!(
                    "撤回 {} 正在使用的数值（录错时用；输入理由后按 Enter，Esc 取消）：",
                    form.period
                ),
                p.alert(),
            )));
            lines.push(Line::from(vec![
                Span::styled("撤回理由：", p.heading()),
                Span::styled(format!("{}▏", form.reason), p.selected()),
            ]));
        }
    }
    let width = area.width.saturating_sub(4).min(76);
    let height = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    clear(rect, buf);
    let hints = hints(FORM_HINTS, p, usize::from(width.saturating_sub(4)));
    let block = Block::bordered()
        .title(Line::from(Span::styled(" 录入数据 ", p.title())))
        .title_bottom(Line::from(
            [vec![Span::raw(" ")], hints.spans, vec![Span::raw(" ")]].concat(),
        ))
        .border_style(p.heading());
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (row, line) in lines
        .into_iter()
        .take(usize::from(inner.height))
        .enumerate()
    {
        let Ok(row) = u16::try_from(row) else { break };
        clip(line.spans, usize::from(inner.width))
            .render(Rect::new(inner.x, inner.y + row, inner.width, 1), buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_default_period_is_never_a_year_to_come() {
        let p = |s: &str| s.parse::<crate::model::Period>().unwrap();
        let dec = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(default_period(Some(p("2025")), 2025, dec), p("2026"));
        assert_eq!(default_period(Some(p("2026")), 2026, dec), p("2026"));
        assert_eq!(default_period(Some(p("2026Q3")), 2026, dec), p("2026"));
        assert_eq!(default_period(None, 2030, dec), p("2026"));
        assert_eq!(default_period(Some(p("2024")), 2026, dec), p("2026"));
    }

    #[test]
    fn typing_tabbing_and_submitting() {
        let mut form = RecordForm::new("3", "常住人口城镇化率", "%", "2026");
        for c in "85.4".chars() {
            form.on_key(key(KeyCode::Char(c)));
        }
        form.on_key(key(KeyCode::Tab));
        form.on_key(key(KeyCode::Right));
        assert_eq!(STATUSES[form.status], "最终");
        form.on_key(key(KeyCode::Tab));
        assert_eq!(form.on_key(key(KeyCode::Enter)), FormOutcome::Editing);
        assert!(matches!(&form.notice, Notice::Refused(p) if p[0].contains("来源")));
        for c in "公报".chars() {
            form.on_key(key(KeyCode::Char(c)));
        }
        let FormOutcome::Submit(figure) = form.on_key(key(KeyCode::Enter)) else {
            panic!("submitted");
        };
        assert_eq!((figure.value, figure.source.as_str()), (85.4, "公报"));
        assert_eq!(figure.accepted, None);
        form.notice = Notice::Confirm(vec!["x".into()]);
        assert_eq!(
            form.on_key(key(KeyCode::Enter)),
            FormOutcome::Editing,
            "no figure is kept without a reason"
        );
        for c in "已核对".chars() {
            form.on_key(key(KeyCode::Char(c)));
        }
        let FormOutcome::Submit(figure) = form.on_key(key(KeyCode::Enter)) else {
            panic!("confirmed");
        };
        assert!(figure.accepted.is_some());
        assert_eq!(form.on_key(key(KeyCode::Esc)), FormOutcome::Cancelled);
    }
}
