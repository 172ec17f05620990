//! The 报送表: one row per indicator and period asked for, for a department to fill and send back.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
};

use super::Column;
use crate::error::Error;
use crate::model::{Dataset, Period};

/// The period a template asks for when none is named: the latest finished cumulative quarter by `today`
/// (on 2026-12-03: 2026Q3 前三季度; in January: the year before), within the plan's years.
pub fn default_period(today: chrono::NaiveDate, baseline_year: i32, end_year: i32) -> Period {
    use chrono::Datelike;
    let finished_quarters = (today.month() - 1) / 3;
    let period = match finished_quarters {
        0 => Period::year(today.year() - 1),
        2 => Period {
            year: today.year(),
            part: crate::model::PeriodPart::Half(1),
        },
        q => Period {
            year: today.year(),
            part: crate::model::PeriodPart::Quarter(q as u8),
        },
    };
    if period.year > end_year {
        Period::year(end_year)
    } else if period.year < baseline_year {
        Period::year(baseline_year)
    } else {
        period
    }
}

/// One row of the template, before it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateRow {
    /// The series' key for the import (hidden): the plan indicator's id, or the annual-only line's series id.
    pub id: String,
    /// The number people read: the plan's 序号, or 年度 and the annual plan's 序号 for an annual-only line.
    pub number: String,
    pub name: String,
    pub unit: String,
    pub department: String,
    pub period: Period,
    pub last: Option<(Period, f64)>,
}

/// The rows for a period: every line with a figure due for it — the plan's indicators and the lines of that
/// year's annual plan (annual-only ones included), a line whose 频率 has no figure for the period left out —
/// grouped by 牵头单位 where the year has an annual plan; or only the lines a department leads. A department no
/// line names is an error that lists the departments named.
pub fn rows(
    dataset: &Dataset,
    period: Period,
    department: Option<&str>,
) -> Result<Vec<TemplateRow>, Error> {
    let plan = &dataset.plan;
    let history = &dataset.history;
    let year = period.year;
    let due = |f: Option<crate::model::Frequency>| f.is_none_or(|f| f.has_period(period));
    let last = |series: &str| {
        history
            .series(series)
            .into_iter()
            .rfind(|o| o.period < period)
            .map(|o| (o.period, o.value))
    };
    let mut all: Vec<(Option<u32>, TemplateRow)> = Vec::new();
    for i in &plan.indicators {
        let line = history.annual_target(i.series_id(), year);
        if !due(line.and_then(|t| t.frequency).or(i.frequency)) {
            continue;
        }
        all.push((
            line.and_then(|t| t.order),
            TemplateRow {
                id: i.id.clone(),
                number: i.id.clone(),
                name: i.display_name(),
                unit: i.unit.clone(),
                department: line
                    .and_then(|t| t.department.clone())
                    .or_else(|| i.department.clone())
                    .unwrap_or_default(),
                period,
                last: last(i.series_id()),
            },
        ));
    }
    let mut annual_only: Vec<(&str, &crate::model::AnnualTarget)> = history
        .annual_targets_for(year)
        .into_iter()
        .filter(|(s, _)| !plan.indicators.iter().any(|i| i.series_id() == *s))
        .filter(|(_, t)| due(t.frequency))
        .collect();
    annual_only.sort_by_key(|(s, t)| (t.order.unwrap_or(u32::MAX), s.to_string()));
    for (series, t) in annual_only {
        let context = history.context_series(series);
        all.push((
            t.order,
            TemplateRow {
                id: series.to_string(),
                number: t
                    .order
                    .map_or_else(|| "年度".to_string(), |o| format!("年度{o}")),
                name: t
                    .name
                    .clone()
                    .or_else(|| context.map(|c| c.name.clone()))
                    .unwrap_or_else(|| series.to_string()),
                unit: context.map(|c| c.unit.clone()).unwrap_or_default(),
                department: t.department.clone().unwrap_or_default(),
                period,
                last: last(series),
            },
        ));
    }
    let has_annual_plan = !history.annual_targets_for(year).is_empty();
    if has_annual_plan {
        // Grouped by 牵头单位, in the order each unit first appears; within a unit, the annual plan's order.
        let mut units: Vec<String> = Vec::new();
        for (_, r) in &all {
            if !units.contains(&r.department) {
                units.push(r.department.clone());
            }
        }
        all.sort_by_key(|(order, r)| {
            (
                units.iter().position(|u| *u == r.department),
                order.unwrap_or(u32::MAX),
            )
        });
    }
    let rows: Vec<TemplateRow> = all.into_iter().map(|(_, r)| r).collect();
    let Some(d) = department.map(str::trim) else {
        return Ok(rows);
    };
    let named: Vec<String> = {
        let mut n: Vec<String> = rows
            .iter()
            .map(|r| r.department.clone())
            .filter(|d| !d.is_empty())
            .collect();
        n.sort();
        n.dedup();
        n
    };
    let found: Vec<TemplateRow> = rows.into_iter().filter(|r| r.department == d).collect();
    if found.is_empty() {
        return Err(Error::Usage(if named.is_empty() {
            format!(
                "无法按单位“{d}”生成报送表：{}",
                crate::units::no_leads_message(plan)
            )
        } else {
            format!(
                "{}没有牵头单位为“{d}”、需报送的指标；写明的牵头单位有：{}",
                period.label_zh(),
                named.join("、")
            )
        }));
    }
    Ok(found)
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

/// The workbook's bytes: the 报送表 sheet and a sheet of instructions.
pub fn workbook(
    dataset: &Dataset,
    rows: &[TemplateRow],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("报送表")?;
    let header = header_format();
    let given = Format::new().set_background_color(Color::RGB(0xF2F2F2));
    let to_fill = Format::new().set_background_color(Color::RGB(0xFFF9E5));
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_background_color(Color::RGB(0xFFF9E5));
    for column in Column::ALL {
        let c = column.index() as u16;
        sheet.write_string_with_format(0, c, column.header(), &header)?;
        sheet.set_column_width(c, column.width())?;
    }
    sheet.set_column_hidden(Column::Key.index() as u16)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_row_height(0, 30)?;
    for (r, row) in rows.iter().enumerate() {
        let r = (r + 1) as u32;
        let col = |c: Column| c.index() as u16;
        sheet.write_string(r, col(Column::Key), &row.id)?;
        sheet.write_string_with_format(r, col(Column::Number), &row.number, &given)?;
        sheet.write_string_with_format(r, col(Column::Name), &row.name, &given)?;
        sheet.write_string_with_format(r, col(Column::Unit), &row.unit, &given)?;
        sheet.write_string_with_format(r, col(Column::Department), &row.department, &given)?;
        sheet.write_string_with_format(r, col(Column::Period), row.period.label_zh(), &given)?;
        match row.last {
            Some((period, value)) => {
                sheet.write_number_with_format(r, col(Column::LastValue), value, &given)?;
                sheet.write_string_with_format(
                    r,
                    col(Column::LastPeriod),
                    period.label_zh(),
                    &given,
                )?;
            }
            None => {
                sheet.write_blank(r, col(Column::LastValue), &given)?;
                sheet.write_blank(r, col(Column::LastPeriod), &given)?;
            }
        }
        for c in [
            Column::Value,
            Column::Status,
            Column::Source,
            Column::Quote,
            Column::Note,
            Column::Accepted,
            Column::Explanation,
        ] {
            sheet.write_blank(r, col(c), &to_fill)?;
        }
        sheet.write_blank(r, col(Column::Published), &date)?;
    }
    if !rows.is_empty() {
        let last = rows.len() as u32;
        let number = DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1.0e15, 1.0e15))
            .set_input_message("只填数字，不带单位和百分号")?
            .set_error_message("数值只能是数字（如 85.4），不带单位和百分号")?;
        sheet.add_data_validation(
            1,
            Column::Value.index() as u16,
            last,
            Column::Value.index() as u16,
            &number,
        )?;
        let status = DataValidation::new()
            .allow_list_strings(&["预计", "初步", "最终", "修订"])?
            .set_error_message("状态请从列表中选择：预计、初步、最终、修订")?;
        sheet.add_data_validation(
            1,
            Column::Status.index() as u16,
            last,
            Column::Status.index() as u16,
            &status,
        )?;
    }

    let help = book.add_worksheet();
    help.set_name("填表说明")?;
    help.set_column_width(0, 100)?;
    let plan = &dataset.plan;
    let lines = [
        format!("《{}》主要指标数据报送表", plan.name),
        String::new(),
        "1. 每行一个指标。灰色列为已有信息，请勿修改；在黄色列填写本期数据。".to_string(),
        "2. 数值：只填数字（如 85.4），不带单位和百分号；单位见“单位”列。单元格设为百分比格式时按显示的百分数读取（显示 85.4% 即 85.4）。没有数据的指标留空，不要估填。".to_string(),
        "3. 状态：从下拉列表选择——预计（年度未结束时的预计数）、初步（快报、公报初步数）、最终（年鉴等最终数）、修订（对已发布数据的修订）。".to_string(),
        "4. 来源：写明文件名称或网址（如“2026年杭州市国民经济和社会发展统计公报”）；没有来源的数值不能使用。".to_string(),
        "5. 原文：从来源中摘录包含该数值的原句。发布日期：来源的发布日期，如 2027-03-20。".to_string(),
        "6. 确认理由：数值与上期（含同年上一期）相差很大等情况下，系统会提示核对；核对无误时在此写明理由即可录入。比重超过 100%、数量为负等不可能的数值不能录入。".to_string(),
        "7. 请勿删除或移动第一列（已隐藏），也不要更改行的顺序以外的表头结构。".to_string(),
        "8. 情况说明：指标相对目标时序进度滞后时，由牵头单位写明原因及下一步措施，随数据一并报送，写入执行情况报告。".to_string(),
    ];
    let title = Format::new().set_bold().set_font_size(14);
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            help.write_string_with_format(0, 0, line, &title)?;
        } else {
            help.write_string(i as u32, 0, line)?;
        }
    }
    book.save_to_buffer()
}
