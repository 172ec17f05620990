//! Reading the fields of a figure as people type them (in a cell, on the command line, in the dashboard's form),
//! with a Chinese explanation when a field cannot be read.

use chrono::NaiveDate;

use crate::model::{ObservationStatus, Period};

/// A number as typed: `85.4`, `23,011`, ` 1 270.4 `, full-width digits.
pub fn parse_value(text: &str) -> Result<f64, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' | '−' => '-',
            other => other,
        })
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}'))
        .collect();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ if cleaned.is_empty() => Err("数值为空".to_string()),
        _ => Err(format!(
            "“{}”不是数字：只填数字（如 85.4），不带单位和百分号",
            text.trim()
        )),
    }
}

/// A status in Chinese or in the file's words: 预计/初步/最终/修订, estimate/preliminary/final/revised.
pub fn parse_status(text: &str) -> Result<ObservationStatus, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "estimate" | "预计" | "预计数" => Ok(ObservationStatus::Estimate),
        "preliminary" | "初步" | "初步数" | "快报" => Ok(ObservationStatus::Preliminary),
        "final" | "最终" | "最终数" | "正式" => Ok(ObservationStatus::Final),
        "revised" | "修订" | "修订数" => Ok(ObservationStatus::Revised),
        "" => Err("状态为空：应为 预计、初步、最终 或 修订".to_string()),
        _ => Err(format!(
            "状态“{}”无法识别：应为 预计、初步、最终 或 修订",
            text.trim()
        )),
    }
}

/// A period: `2026`, `2026年`, `2026Q3`, `2026H1`, or in words: `2026年前三季度`, `2026年1-9月`, `2026年8月`.
pub fn parse_period(text: &str) -> Result<Period, String> {
    parse_period_in(text, None)
}

/// A period where the year may be given apart (a 年份 column): `前三季度`, `上半年`, `1-8月` in `year`.
pub fn parse_period_in(text: &str, year: Option<i32>) -> Result<Period, String> {
    if text.trim().is_empty() {
        return Err("时期为空：应为 2026、2026Q3 或 2026年前三季度 等".to_string());
    }
    Period::parse_words(text, year).map_err(|e| e.to_string())
}

/// A date as typed: `2027-03-20`, `2027/3/20`, `2027.3.20`, `2027年3月20日`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let normalised: String = t
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&normalised, "%Y-%m-%d").map_err(|_| {
        format!("“{t}”不是日期：应写成 2027-03-20（也可以是 2027/3/20 或 2027年3月20日）")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type() {
        assert_eq!(parse_value(" 23,011 "), Ok(23011.0));
        assert_eq!(parse_value("８５．４"), Ok(85.4));
        assert_eq!(parse_value("-1.5"), Ok(-1.5));
        assert!(parse_value("85.4%").unwrap_err().contains("百分号"));
        assert!(parse_value("nan").is_err());
        assert_eq!(parse_status("初步"), Ok(ObservationStatus::Preliminary));
        assert_eq!(parse_status("Final"), Ok(ObservationStatus::Final));
        assert!(parse_status("大概").is_err());
        assert_eq!(parse_period("2026年").unwrap().to_string(), "2026");
        assert_eq!(parse_period("2026q3").unwrap().to_string(), "2026Q3");
        let d = NaiveDate::from_ymd_opt(2027, 3, 20).unwrap();
        for text in ["2027-03-20", "2027/3/20", "2027.03.20", "2027年3月20日"] {
            assert_eq!(parse_date(text), Ok(d), "{text}");
        }
        assert!(parse_date("2027-02-30").is_err());
    }
}
