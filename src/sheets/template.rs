//! The 报送表: one row per indicator and period asked for, for a department to fill and send back.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
};

use super::Column;
use crate::error::Error;
use crate::model::{Dataset, Indicator, Period};

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
    pub id: String,
    pub name: String,
    pub unit: String,
    pub department: String,
    pub period: Period,
    pub last: Option<(Period, f64)>,
}

/// The rows for a period, for every indicator or only those a department leads. A department no indicator
/// names is an error that lists the departments the plan names.
pub fn rows(
    dataset: &Dataset,
    period: Period,
    department: Option<&str>,
) -> Result<Vec<TemplateRow>, Error> {
    let plan = &dataset.plan;
    let chosen: Vec<&Indicator> = match department {
        None => plan.indicators.iter().collect(),
        Some(d) => {
            let d = d.trim();
            let found: Vec<&Indicator> = plan
                .indicators
                .iter()
                .filter(|i| i.department.as_deref() == Some(d))
                .collect();
            if found.is_empty() {
                let mut named: Vec<&str> = plan
                    .indicators
                    .iter()
                    .filter_map(|i| i.department.as_deref())
                    .collect();
                named.sort();
                named.dedup();
                return Err(Error::Usage(if named.is_empty() {
                    format!(
                        "无法按单位“{d}”生成报送表：{}",
                        crate::units::no_leads_message(plan)
                    )
                } else {
                    format!(
                        "规划“{}”中没有牵头单位为“{d}”的指标；规划写明的牵头单位有：{}",
                        plan.short_name,
                        named.join("、")
                    )
                }));
            }
            found
        }
    };
    Ok(chosen
        .into_iter()
        .map(|i| {
            let last = dataset
                .history
                .series(i.series_id())
                .into_iter()
                .rfind(|o| o.period < period)
                .map(|o| (o.period, o.value));
            TemplateRow {
                id: i.id.clone(),
                name: i.display_name(),
                unit: i.unit.clone(),
                department: i.department.clone().unwrap_or_default(),
                period,
                last,
            }
        })
        .collect())
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
        sheet.write_string_with_format(r, col(Column::Number), &row.id, &given)?;
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
