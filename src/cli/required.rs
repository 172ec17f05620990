//! `planwatch required`: the stand-alone question "还需年均增长多少".

use serde::Serialize;

use super::format::Format;
use super::output::{csv, print, print_csv, print_json};
use crate::assess::growth::required_rate;
use crate::error::Error;
use crate::text::{fmt_number, fmt_pct};

#[derive(Serialize)]
struct RequiredJson {
    from: f64,
    to: f64,
    years: u32,
    required_growth_pct: f64,
}

pub fn run(from: f64, to: f64, years: u32, format: Format) -> Result<i32, Error> {
    if years == 0 {
        return Err(Error::Usage("--years 应为正整数（剩余年数）".into()));
    }
    let Some(rate) = required_rate(from, to, f64::from(years)) else {
        return Err(Error::Usage(format!(
            "无法计算复合增速：当前值与目标值都应为正数（现为 --from {} --to {}）",
            fmt_number(from, 6),
            fmt_number(to, 6)
        )));
    };
    let pct = rate * 100.0;
    match format {
        Format::Json => print_json(&RequiredJson {
            from,
            to,
            years,
            required_growth_pct: (pct * 100.0).round() / 100.0,
        })?,
        Format::Csv => print_csv(&csv(
            &["from", "to", "years", "required_growth_pct"],
            &[vec![
                fmt_number(from, 6),
                fmt_number(to, 6),
                years.to_string(),
                format!("{pct:.2}"),
            ]],
        ))?,
        Format::Table => print(&format!(
            "从 {} 到 {}，{} 年内需年均增长 {}\n计算：({}/{})^(1/{}) − 1 = {:.4}%\n",
            fmt_number(from, 6),
            fmt_number(to, 6),
            years,
            fmt_pct(pct),
            fmt_number(to, 6),
            fmt_number(from, 6),
            years,
            pct
        ))?,
    }
    Ok(0)
}
