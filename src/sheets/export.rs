//! The export workbook: the status table as `status` shows it (statuses in words, coloured), the annual plan
//! as `annual` shows it where the year has one, and every observation with its vintages and sources. Numbers are numeric
//! cells; percentages carry a percent format.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::assess::annual::{AnnualAssessment, AnnualPlanAssessment, AnnualStatus};
use crate::assess::plan_view::PlanView;
use crate::assess::{PlanAssessment, Status};
use crate::model::Dataset;
use crate::present::tables::{MACHINE_COLUMNS, status_sheet};
use crate::present::{Cell, Grid};

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

/// Fill colour of a status cell (the dashboard's colours, light enough to print).
fn status_colour(status: Status) -> Color {
    Color::RGB(match status {
        Status::Achieved => 0xC6EFCE,
        Status::Ahead => 0xD9EAD3,
        Status::OnTrack => 0xDDEBF7,
        Status::Lagging => 0xFFEB9C,
        Status::OffTrack => 0xFFC7CE,
        Status::NotAssessable => 0xEDEDED,
    })
}

fn annual_colour(status: AnnualStatus) -> Color {
    Color::RGB(match status {
        AnnualStatus::Met | AnnualStatus::Ahead => 0xC6EFCE,
        AnnualStatus::OnSchedule | AnnualStatus::BasicallyMet => 0xDDEBF7,
        AnnualStatus::Behind => 0xFFEB9C,
        AnnualStatus::Missed => 0xFFC7CE,
        AnnualStatus::NotAssessable => 0xEDEDED,
    })
}

/// The header row, the column widths, and the sheet's print setup: A4 landscape, one page wide, the header row
/// repeated on every page, and the header frozen together with the columns up to the name (序号, 指标) so that
/// both stay in view when scrolling.
fn headers(sheet: &mut Worksheet, columns: &[(&str, f64)]) -> Result<(), XlsxError> {
    let header = header_format();
    for (c, (name, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    let name_column = columns
        .iter()
        .position(|(h, _)| h.starts_with("指标"))
        .map_or(0, |c| c as u16 + 1);
    sheet.set_freeze_panes(1, name_column)?;
    // 9: A4 in Excel's paper sizes.
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    Ok(())
}

/// A column wide enough for its header and its cells in Excel's units (a Chinese character takes two), capped at
/// `cap` (longer text wraps).
fn fit_width<'a>(header: &str, cells: impl Iterator<Item = &'a str>, cap: f64) -> f64 {
    let widest = cells
        .map(crate::text::display_width)
        .chain(std::iter::once(crate::text::display_width(header) + 2))
        .max()
        .unwrap_or(0);
    (widest as f64 + 2.0).clamp(6.0, cap)
}

fn opt_number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value.filter(|v| v.is_finite()) {
        Some(v) => sheet.write_number_with_format(row, col, v, format)?,
        None => sheet.write_blank(row, col, format)?,
    };
    Ok(())
}

/// The widest a column of the workbook grows, by its header (longer text wraps).
fn column_width(header: &str) -> f64 {
    match header {
        "指标" => 40.0,
        "原因" => 60.0,
        "目标" | "年度目标" => 24.0,
        "状态" | "年内判断" | "最新时期" => 20.0,
        h if h.chars().count() > 5 => 16.0,
        _ => 14.0,
    }
}

/// A grid as a sheet: the columns people read (not those for programs), numbers as numeric cells shown to the
/// decimals every face shows them to, percents with a percent format; `style` colours a cell (row, column).
fn write_grid(
    sheet: &mut Worksheet,
    grid: &Grid,
    style: impl Fn(usize, usize) -> Option<Format>,
) -> Result<(), XlsxError> {
    let shown: Vec<usize> = (0..grid.columns.len())
        .filter(|&c| !MACHINE_COLUMNS.contains(&grid.columns[c].header.as_str()))
        .collect();
    let displays: Vec<Vec<String>> = grid
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| cell.display().to_string()).collect())
        .collect();
    let columns: Vec<(&str, f64)> = shown
        .iter()
        .map(|&c| {
            let h = grid.columns[c].header.as_str();
            let cells = displays.iter().filter_map(|r| r.get(c).map(String::as_str));
            (h, fit_width(h, cells, column_width(h).max(12.0)))
        })
        .collect();
    headers(sheet, &columns)?;
    for (r, row) in grid.rows.iter().enumerate() {
        let at = (r + 1) as u32;
        for (to, &c) in shown.iter().enumerate() {
            let to = to as u16;
            let cell = &row[c];
            let mut format = style(r, c).unwrap_or_default();
            match (cell, cell.number()) {
                (Cell::Percent { .. }, Some((v, decimals))) => {
                    format = format.set_num_format(percent_format(decimals));
                    sheet.write_number_with_format(
                        at,
                        to,
                        as_shown(v, decimals) / 100.0,
                        &format,
                    )?;
                }
                (_, Some((v, decimals))) => {
                    sheet.write_number_with_format(at, to, as_shown(v, decimals), &format)?;
                }
                (Cell::None, None) => {
                    sheet.write_blank(at, to, &format)?;
                }
                (_, None) => {
                    // Text wider than its column wraps rather than being cut at the cell's edge.
                    let text = cell.display();
                    if crate::text::display_width(&text) as f64 + 2.0 > columns[to as usize].1 {
                        format = format.set_text_wrap();
                    }
                    sheet.write_string_with_format(at, to, text, &format)?;
                }
            }
        }
    }
    sheet.autofilter(
        0,
        0,
        grid.rows.len() as u32,
        shown.len().saturating_sub(1) as u16,
    )?;
    Ok(())
}

/// A number as every face shows it: to at most `decimals` decimals (23011, 85.4, 1.63), so that the workbook's
/// General format shows what the terminal shows.
fn as_shown(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals.min(9) as i32);
    let rounded = (value * scale).round() / scale;
    if rounded.is_finite() { rounded } else { value }
}

fn percent_format(decimals: usize) -> String {
    if decimals == 0 {
        "0%".to_string()
    } else {
        format!("0.{}%", "0".repeat(decimals))
    }
}

/// The workbook's bytes.
pub fn workbook(
    dataset: &Dataset,
    result: &PlanAssessment,
    signals: &[Option<AnnualAssessment>],
    annual: Option<&AnnualPlanAssessment>,
) -> Result<Vec<u8>, XlsxError> {
    let plan = &dataset.plan;
    let mut book = Workbook::new();
    let plain = Format::new();
    let number = Format::new().set_num_format("#,##0.####");
    let percent = Format::new().set_num_format("0.00%");
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let sheet = book.add_worksheet();
    sheet.set_name("指标状态")?;
    let view = PlanView::new(plan, result);
    let grid = status_sheet(&view, signals);
    let statuses: Vec<Status> = view.items().map(|(_, a)| a.status).collect();
    let status_column = grid.columns.iter().position(|c| c.header == "状态");
    write_grid(sheet, &grid, |r, c| {
        (Some(c) == status_column).then(|| {
            Format::new()
                .set_background_color(status_colour(statuses[r]))
                .set_bold()
        })
    })?;

    if let Some(annual) = annual.filter(|a| !a.items.is_empty()) {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("{}年度计划", annual.year))?;
        headers(
            sheet,
            &[
                ("序号", 6.0),
                ("指标", 36.0),
                ("单位", 12.0),
                ("属性", 8.0),
                ("年度目标", 18.0),
                ("目标值", 12.0),
                ("最新期别", 18.0),
                ("最新值", 12.0),
                ("完成度", 10.0),
                ("时序进度", 10.0),
                ("判断", 16.0),
                ("原因", 60.0),
                ("目标来源", 36.0),
            ],
        )?;
        for (r, a) in annual.items.iter().enumerate() {
            let r = (r + 1) as u32;
            sheet.write_string(r, 0, &a.number)?;
            sheet.write_string(r, 1, &a.name)?;
            sheet.write_string(r, 2, &a.unit)?;
            sheet.write_string(r, 3, a.attribute.label_zh())?;
            sheet.write_string(r, 4, &a.target.text)?;
            opt_number(sheet, r, 5, a.target.value, &number)?;
            match a.latest {
                Some(l) => {
                    sheet.write_string(r, 6, l.period.label_zh())?;
                    sheet.write_number_with_format(r, 7, l.value, &number)?;
                }
                None => {
                    sheet.write_blank(r, 6, &plain)?;
                    sheet.write_blank(r, 7, &plain)?;
                }
            }
            opt_number(sheet, r, 8, a.completion_pct.map(|p| p / 100.0), &percent)?;
            opt_number(sheet, r, 9, a.elapsed_pct.map(|p| p / 100.0), &percent)?;
            let colour = Format::new()
                .set_background_color(annual_colour(a.status))
                .set_bold();
            sheet.write_string_with_format(
                r,
                10,
                format!("{} {}", a.status.symbol(), a.status.label_zh()),
                &colour,
            )?;
            sheet.write_string(r, 11, &a.reason)?;
            sheet.write_string(r, 12, &a.target.source)?;
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name("观测值")?;
    headers(
        sheet,
        &[
            ("序号", 6.0),
            ("指标或数据序列", 36.0),
            ("单位", 12.0),
            ("期别", 18.0),
            ("数值", 12.0),
            ("状态", 8.0),
            ("采用", 6.0),
            ("来源", 40.0),
            ("原文", 40.0),
            ("发布日期", 12.0),
            ("录入日期", 12.0),
            ("备注", 20.0),
            ("确认理由", 20.0),
        ],
    )?;
    let mut series: Vec<(String, String, String, String)> = Vec::new();
    for i in &plan.indicators {
        if !series.iter().any(|s| s.0 == i.series_id()) {
            series.push((
                i.series_id().to_string(),
                i.number().to_string(),
                i.display_name(),
                i.unit.clone(),
            ));
        }
    }
    for c in &dataset.history.context {
        if !series.iter().any(|s| s.0 == c.id) {
            series.push((c.id.clone(), String::new(), c.name.clone(), c.unit.clone()));
        }
    }
    let mut r = 1u32;
    let excel_date =
        |d: chrono::NaiveDate| rust_xlsxwriter::ExcelDateTime::parse_from_str(&d.to_string());
    for (id, number_text, name, unit) in &series {
        for (o, used) in dataset.history.vintages_up_to(id, i32::MAX) {
            sheet.write_string(r, 0, number_text)?;
            sheet.write_string(r, 1, name)?;
            sheet.write_string(r, 2, unit)?;
            sheet.write_string(r, 3, o.period.label_zh())?;
            sheet.write_number_with_format(r, 4, o.value, &number)?;
            sheet.write_string(r, 5, o.status.label_zh())?;
            sheet.write_string(r, 6, if used { "✔" } else { "" })?;
            sheet.write_string(r, 7, &o.source)?;
            sheet.write_string(r, 8, &o.quote)?;
            match o.published {
                Some(p) => sheet.write_datetime_with_format(r, 9, &excel_date(p)?, &date)?,
                None => sheet.write_blank(r, 9, &plain)?,
            };
            sheet.write_datetime_with_format(r, 10, &excel_date(o.recorded)?, &date)?;
            sheet.write_string(r, 11, &o.note)?;
            sheet.write_string(r, 12, o.accepted.as_deref().unwrap_or(""))?;
            r += 1;
        }
    }
    if r > 1 {
        sheet.autofilter(0, 0, r - 1, 12)?;
    }
    book.save_to_buffer()
}
