//! Next spring's annual-plan table, prefilled: the lines of the year before (their words kept for the officer to
//! change), or — the first time — the five-year plan's indicators with an empty 年度目标.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

use super::import::{HEADERS, SHEET};
use crate::error::Error;
use crate::model::{Attribute, Dataset};

/// The rows of the table and what they were filled from.
#[derive(Debug, Clone, PartialEq)]
pub struct Lines {
    /// One row per line, in [`HEADERS`]' order.
    pub rows: Vec<[String; 9]>,
    pub basis: String,
}

fn attribute_zh(a: Attribute) -> String {
    match a {
        Attribute::Binding => "约束性",
        Attribute::Expected => "预期性",
    }
    .to_string()
}

/// The rows of year `year`'s table: year − 1's lines where there are any, else the plan's indicators.
pub fn rows(dataset: &Dataset, year: i32) -> Lines {
    let plan = &dataset.plan;
    let earlier = crate::assess::annual::assess_annual_plan(
        dataset,
        year - 1,
        crate::model::Period::year(year - 1),
    );
    if !earlier.items.is_empty() {
        let rows = earlier
            .items
            .iter()
            .map(|a| {
                let t = dataset.history.annual_target(&a.series, year - 1);
                let indicator = a.indicator.as_deref().and_then(|id| plan.indicator(id));
                [
                    a.number.clone(),
                    a.name.clone(),
                    a.unit.clone(),
                    a.target.text.clone(),
                    attribute_zh(a.attribute),
                    t.and_then(|t| t.department.clone())
                        .or_else(|| indicator.and_then(|i| i.department.clone()))
                        .unwrap_or_default(),
                    indicator
                        .map(|i| i.number().to_string())
                        .unwrap_or_default(),
                    t.and_then(|t| t.frequency)
                        .or_else(|| indicator.and_then(|i| i.frequency))
                        .map(|f| f.label_zh().to_string())
                        .unwrap_or_default(),
                    String::new(),
                ]
            })
            .collect();
        return Lines {
            rows,
            basis: format!("按 {} 年年度计划预填", year - 1),
        };
    }
    let rows = plan
        .indicators
        .iter()
        .enumerate()
        .map(|(n, i)| {
            [
                (n + 1).to_string(),
                i.display_name(),
                i.unit.clone(),
                String::new(),
                attribute_zh(i.attribute),
                i.department.clone().unwrap_or_default(),
                i.number().to_string(),
                i.frequency
                    .map(|f| f.label_zh().to_string())
                    .unwrap_or_default(),
                String::new(),
            ]
        })
        .collect();
    Lines {
        rows,
        basis: format!("按《{}》的主要指标预填", plan.name),
    }
}

/// The workbook's bytes: the 年度计划 sheet and a sheet of instructions.
pub fn workbook(dataset: &Dataset, year: i32) -> Result<Vec<u8>, Error> {
    let lines = rows(dataset, year);
    build(&lines, year).map_err(|e| Error::Usage(format!("无法生成年度计划表：{e}")))
}

fn build(lines: &Lines, year: i32) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let to_fill = Format::new().set_background_color(Color::RGB(0xFFF9E5));
    const WIDTHS: [f64; 9] = [6.0, 36.0, 10.0, 24.0, 8.0, 16.0, 8.0, 6.0, 36.0];
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &header)?;
        sheet.set_column_width(c as u16, WIDTHS[c])?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in lines.rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let r = (r + 1) as u32;
            if c == 3 || c == 8 {
                sheet.write_string_with_format(r, c as u16, text, &to_fill)?;
            } else {
                sheet.write_string(r, c as u16, text)?;
            }
        }
    }
    let help = book.add_worksheet();
    help.set_name("填表说明")?;
    help.set_column_width(0, 110)?;
    let forms = super::target_words::FORMS.join("、");
    let text = [
        format!("{year}年国民经济和社会发展计划 主要指标（{}）", lines.basis),
        String::new(),
        "1. 每行一项指标。序号按年度计划表的顺序；指标、单位照年度计划填写。".to_string(),
        format!(
            "2. 年度目标照计划原文填写，可用的写法：{forms}。其他写法（如“增长约五个点”）不能识别，导入时会指出。"
        ),
        "3. 属性：约束性 或 预期性。牵头单位：报送并负责该指标的单位（必填）。".to_string(),
        "4. 规划指标：该指标是五年规划主要指标时填其序号（如 1、17.1），年度计划独有的指标留空。"
            .to_string(),
        "5. 频率：月、季、半年、年——该指标在哪些时期报送数据。来源：年度计划的文件名称（必填）。"
            .to_string(),
    ];
    for (i, line) in text.iter().enumerate() {
        help.write_string(i as u32, 0, line)?;
    }
    book.save_to_buffer()
}
