//! Observation periods: a calendar year, or a cumulative part of one (前三季度, 上半年).

use std::fmt;
use std::str::FromStr;

/// The part of a year an observation covers, always counted from January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodPart {
    /// Cumulative through quarter 1..=4 (e.g. 2025Q3 = 前三季度).
    Quarter(u8),
    /// Cumulative through half 1..=2 (2025H1 = 上半年).
    Half(u8),
    /// The whole calendar year.
    Year,
}

impl PeriodPart {
    /// Months covered; a full year sorts after a Q4 cumulative figure of the same year.
    fn months(self) -> u16 {
        match self {
            PeriodPart::Quarter(q) => u16::from(q) * 30,
            PeriodPart::Half(h) => u16::from(h) * 60 + 1,
            PeriodPart::Year => 361,
        }
    }
}

/// A period such as `2025`, `2025Q3` or `2025H1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: i32,
    pub part: PeriodPart,
}

impl Period {
    pub fn year(year: i32) -> Self {
        Period {
            year,
            part: PeriodPart::Year,
        }
    }

    pub fn is_full_year(self) -> bool {
        self.part == PeriodPart::Year
    }

    /// Chinese label as used in official documents.
    pub fn label_zh(self) -> String {
        let part = match self.part {
            PeriodPart::Year => "",
            PeriodPart::Quarter(1) => "一季度",
            PeriodPart::Quarter(2) => "上半年",
            PeriodPart::Quarter(3) => "前三季度",
            PeriodPart::Quarter(_) => "全年(四季度累计)",
            PeriodPart::Half(1) => "上半年",
            PeriodPart::Half(_) => "全年(下半年累计)",
        };
        format!("{}年{}", self.year, part)
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, self.part.months()).cmp(&(other.year, other.part.months()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            PeriodPart::Year => write!(f, "{}", self.year),
            PeriodPart::Quarter(q) => write!(f, "{}Q{}", self.year, q),
            PeriodPart::Half(h) => write!(f, "{}H{}", self.year, h),
        }
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a period string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodParseError(pub String);

impl fmt::Display for PeriodParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}”不是有效的时期：应为年份(如 2025)、累计季度(如 2025Q3 表示前三季度)或半年(如 2025H1)",
            self.0
        )
    }
}

impl FromStr for Period {
    type Err = PeriodParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodParseError(s.to_string());
        let t = s.trim();
        if t.len() < 4 || !t.is_char_boundary(4) {
            return Err(err());
        }
        let (year_text, rest) = t.split_at(4);
        if !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = year_text.parse().map_err(|_| err())?;
        let part = match rest.to_ascii_uppercase().as_str() {
            "" => PeriodPart::Year,
            "Q1" => PeriodPart::Quarter(1),
            "Q2" => PeriodPart::Quarter(2),
            "Q3" => PeriodPart::Quarter(3),
            "Q4" => PeriodPart::Quarter(4),
            "H1" => PeriodPart::Half(1),
            "H2" => PeriodPart::Half(2),
            _ => return Err(err()),
        };
        Ok(Period { year, part })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_periods() {
        let y: Period = "2025".parse().unwrap();
        let q3: Period = "2025q3".parse().unwrap();
        let h1: Period = "2025H1".parse().unwrap();
        assert!(h1 < q3 && q3 < y);
        assert!(y < "2026Q1".parse().unwrap());
        assert_eq!(q3.to_string(), "2025Q3");
        assert_eq!(q3.label_zh(), "2025年前三季度");
        for bad in ["", "25", "2025Q5", "二〇二五", "2025-1", "20é5"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }
}
