//! The export workbook: the status table as `status` shows it (statuses in words, coloured), the annual plan
//! as `annual` shows it where the year has one, and every observation with its vintages and sources. Numbers are numeric
//! cells; percentages carry a percent format.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::assess::annual::{AnnualPlanAssessment, AnnualStatus};
use crate::assess::{PlanAssessment, Status};
use crate::model::Dataset;

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

fn headers(sheet: &mut Worksheet, columns: &[(&str, f64)]) -> Result<(), XlsxError> {
    let header = header_format();
    for (c, (name, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
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

/// The workbook's bytes.
pub fn workbook(
    dataset: &Dataset,
    result: &PlanAssessment,
    annual: Option<&AnnualPlanAssessment>,
) -> Result<Vec<u8>, XlsxError> {
    let plan = &dataset.plan;
    let mut book = Workbook::new();
    let plain = Format::new();
    let number = Format::new().set_num_format("#,##0.####");
    let percent = Format::new().set_num_format("0.00%");
    let ratio = Format::new().set_num_format("0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let sheet = book.add_worksheet();
    sheet.set_name("指标状态")?;
    headers(
        sheet,
        &[
            ("序号", 6.0),
            ("指标", 40.0),
            ("单位", 12.0),
            ("类别", 10.0),
            ("属性", 8.0),
            ("基期年份", 8.0),
            ("基期值", 12.0),
            ("最新期别", 10.0),
            ("最新值", 12.0),
            ("目标", 14.0),
            ("状态", 14.0),
            ("约束性预警", 10.0),
            ("完成度", 10.0),
            ("时间进度", 10.0),
            ("实际与所需增速之比", 12.0),
            ("还需年均增速", 12.0),
            ("原因", 60.0),
        ],
    )?;
    for (r, (indicator, a)) in plan.indicators.iter().zip(&result.items).enumerate() {
        let r = (r + 1) as u32;
        sheet.write_string(r, 0, &indicator.id)?;
        sheet.write_string(r, 1, indicator.display_name())?;
        sheet.write_string(r, 2, &indicator.unit)?;
        sheet.write_string(r, 3, &indicator.category)?;
        sheet.write_string(r, 4, indicator.attribute.label_zh())?;
        match a.baseline {
            Some(b) => {
                sheet.write_number(r, 5, f64::from(b.year))?;
                sheet.write_number_with_format(r, 6, b.value, &number)?;
            }
            None => {
                sheet.write_blank(r, 5, &plain)?;
                sheet.write_blank(r, 6, &plain)?;
            }
        }
        match a.latest {
            Some(l) => {
                sheet.write_string(r, 7, l.period.label_zh())?;
                sheet.write_number_with_format(r, 8, l.value, &number)?;
            }
            None => {
                sheet.write_blank(r, 7, &plain)?;
                sheet.write_blank(r, 8, &plain)?;
            }
        }
        sheet.write_string(r, 9, &indicator.target.text)?;
        let status = Format::new()
            .set_background_color(status_colour(a.status))
            .set_bold();
        sheet.write_string_with_format(
            r,
            10,
            format!("{} {}", a.status.symbol(), plan.status_label(a.status)),
            &status,
        )?;
        sheet.write_string(r, 11, if a.binding_alert { "是" } else { "" })?;
        opt_number(sheet, r, 12, a.completion_pct.map(|p| p / 100.0), &percent)?;
        opt_number(sheet, r, 13, a.elapsed_pct.map(|p| p / 100.0), &percent)?;
        opt_number(sheet, r, 14, a.ratio, &ratio)?;
        opt_number(
            sheet,
            r,
            15,
            a.required_growth_pct.map(|p| p / 100.0),
            &percent,
        )?;
        sheet.write_string(r, 16, &a.reason)?;
    }
    sheet.autofilter(0, 0, plan.indicators.len() as u32, 16)?;

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
                ("最新期别", 16.0),
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
            sheet.write_string(r, 0, a.indicator.as_deref().unwrap_or(""))?;
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
            ("期别", 14.0),
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
                i.id.clone(),
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
