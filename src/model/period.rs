//! Observation periods: a calendar year, or a cumulative part of one (前三季度, 上半年, 1—8月).
//! This is the one place the period syntax (`2026`, `2026Q3`, `2026H1`, `2026-08`) is defined.

use std::fmt;
use std::str::FromStr;

/// The part of a year an observation covers, always counted from January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodPart {
    /// Cumulative through quarter 1..=4 (e.g. 2025Q3 = 前三季度).
    Quarter(u8),
    /// Cumulative through half 1..=2 (2025H1 = 上半年).
    Half(u8),
    /// Cumulative through month 1..=12 (2026-08 = 1—8月).
    Month(u8),
    /// The whole calendar year.
    Year,
}

impl PeriodPart {
    /// Months of the year covered, counted from January (2026Q3: 9).
    pub fn months(self) -> u8 {
        match self {
            PeriodPart::Month(m) => m,
            PeriodPart::Quarter(q) => q * 3,
            PeriodPart::Half(h) => h * 6,
            PeriodPart::Year => 12,
        }
    }

    /// The order within a year: by months covered; for the same months a month before a quarter before a half
    /// before the full year (a full year sorts after a Q4 cumulative figure of the same year).
    fn order_key(self) -> u16 {
        let rank = match self {
            PeriodPart::Month(_) => 0,
            PeriodPart::Quarter(_) => 1,
            PeriodPart::Half(_) => 2,
            PeriodPart::Year => 3,
        };
        u16::from(self.months()) * 4 + rank
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

    /// Whether the period covers all twelve months (a full year, or a Q4/H2/1—12月 cumulative figure).
    pub fn covers_year(self) -> bool {
        self.part.months() == 12
    }

    /// The calendar share of the year the period covers (2026H1: 0.5).
    pub fn calendar_share(self) -> f64 {
        f64::from(self.part.months()) / 12.0
    }

    /// The same part of another year (2026Q3 → 2025Q3).
    pub fn in_year(self, year: i32) -> Period {
        Period { year, ..self }
    }

    /// The part of the year alone, as official documents name it: 上半年, 前三季度, 1—8月, 全年.
    pub fn part_label_zh(self) -> String {
        match self.part {
            PeriodPart::Year => "全年".to_string(),
            PeriodPart::Quarter(1) => "一季度".to_string(),
            PeriodPart::Quarter(2) | PeriodPart::Half(1) => "上半年".to_string(),
            PeriodPart::Quarter(3) => "前三季度".to_string(),
            PeriodPart::Quarter(_) | PeriodPart::Half(_) => "全年(累计)".to_string(),
            PeriodPart::Month(1) => "1月".to_string(),
            PeriodPart::Month(m) => format!("1—{m}月"),
        }
    }

    /// For headers: "2026 年前三季度", "2025 年".
    pub fn heading_zh(self) -> String {
        match self.part {
            PeriodPart::Year => format!("{} 年", self.year),
            _ => format!("{} 年{}", self.year, self.part_label_zh()),
        }
    }

    /// Chinese label as used in official documents.
    pub fn label_zh(self) -> String {
        let part = match self.part {
            PeriodPart::Year => String::new(),
            PeriodPart::Quarter(4) => "全年(四季度累计)".to_string(),
            PeriodPart::Half(2) => "全年(下半年累计)".to_string(),
            _ => self.part_label_zh(),
        };
        format!("{}年{}", self.year, part)
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, self.part.order_key()).cmp(&(other.year, other.part.order_key()))
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
            PeriodPart::Month(m) => write!(f, "{}-{:02}", self.year, m),
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
            "“{}”不是有效的时期：应为年份(如 2025 或 2025年)、前三季度(2025年前三季度 或 2025Q3)、上半年(2025年上半年 或 2025H1)或累计月份(2025年1-8月 或 2025-08)",
            self.0
        )
    }
}

impl std::error::Error for PeriodParseError {}

/// Digits as people type them: full-width digits and Chinese numerals of one digit become ASCII digits, and
/// spaces go (`２０２６ 年` → `2026年`).
fn plain_digits(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            'Ｑ' | 'ｑ' => 'Q',
            'Ｈ' | 'ｈ' => 'H',
            '－' | '—' | '–' | '~' | '～' | '至' | '到' => '-',
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// The part of a year in words: 前三季度, 上半年, 一季度, 1-8月, 8月, 全年 (and the labels [`Period::label_zh`]
/// prints, such as 全年(四季度累计)). Months are cumulative from January, as every period here is.
fn part_in_words(text: &str) -> Option<PeriodPart> {
    let t = text.strip_prefix('第').unwrap_or(text);
    let fixed = match t {
        "" | "全年" | "年度" | "全年度" | "全年(累计)" => Some(PeriodPart::Year),
        "一季度" | "1季度" | "Q1" => Some(PeriodPart::Quarter(1)),
        "上半年" | "前两季度" | "前二季度" | "一-二季度" | "1-2季度" | "H1" => {
            Some(PeriodPart::Half(1))
        }
        "前三季度" | "一-三季度" | "1-3季度" | "Q3" => Some(PeriodPart::Quarter(3)),
        "全年(四季度累计)" | "前四季度" | "Q4" => Some(PeriodPart::Quarter(4)),
        "全年(下半年累计)" | "H2" => Some(PeriodPart::Half(2)),
        "Q2" => Some(PeriodPart::Quarter(2)),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    // 1-8月, 1月, 8月 (cumulative: 1—8月).
    let months = t.strip_suffix('月')?;
    let last = match months.split_once('-') {
        Some((first, last)) if first == "1" || first == "01" => last,
        Some(_) => return None,
        None => months,
    };
    if last.is_empty() || last.len() > 2 || !last.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // 1—3月 is 一季度, 1—6月 上半年, 1—9月 前三季度, 1—12月 全年: the same periods as the files name them.
    match last.parse::<u8>().ok()? {
        3 => Some(PeriodPart::Quarter(1)),
        6 => Some(PeriodPart::Half(1)),
        9 => Some(PeriodPart::Quarter(3)),
        12 => Some(PeriodPart::Year),
        m @ 1..=11 => Some(PeriodPart::Month(m)),
        _ => None,
    }
}

impl Period {
    /// A period as people write it, with the year given elsewhere (a 年份 column, the year being filled) where
    /// the text names only the part of the year: `2026Q3`, `2026年前三季度`, `2026年1-9月`, `2026年1—9月`,
    /// `前三季度` (with `year`), `上半年`, `一季度`, `2026年8月`, `1-8月`, `2026年`.
    pub fn parse_words(text: &str, year: Option<i32>) -> Result<Period, PeriodParseError> {
        let err = || PeriodParseError(text.trim().to_string());
        let t = plain_digits(text);
        if let Ok(p) = parse_strict(&t) {
            return Ok(p);
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let (year_text, rest) = if digits == 0 {
            (None, t.as_str())
        } else {
            let (y, rest) = t.split_at(digits);
            (Some(y), rest.strip_prefix('年').unwrap_or(rest))
        };
        // 1-8月 without a year: the digits are months, not a year.
        let (year_text, rest) = match year_text {
            Some(y) if y.len() != 4 && year.is_some() => (None, t.as_str()),
            other => (other, rest),
        };
        let year = match year_text {
            Some(y) if y.len() == 4 => y.parse::<i32>().map_err(|_| err())?,
            Some(_) => return Err(err()),
            None => year.ok_or_else(|| {
                PeriodParseError(format!(
                    "{}（缺少年份，如 2026年{}）",
                    text.trim(),
                    text.trim()
                ))
            })?,
        };
        let part = part_in_words(rest).ok_or_else(err)?;
        Ok(Period { year, part })
    }
}

impl FromStr for Period {
    type Err = PeriodParseError;

    /// The files' syntax (`2026`, `2026Q3`, `2026H1`, `2026-08`), or the same periods in words
    /// ([`Period::parse_words`]: `2026年前三季度`, `2026年1-9月`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_strict(s).or_else(|e| Period::parse_words(s, None).map_err(|_| e))
    }
}

/// The strict syntax of the data files.
fn parse_strict(s: &str) -> Result<Period, PeriodParseError> {
    {
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
            month if month.len() == 3 && month.starts_with('-') => {
                let m: u8 = month[1..].parse().map_err(|_| err())?;
                if !(1..=12).contains(&m) || !month[1..].bytes().all(|b| b.is_ascii_digit()) {
                    return Err(err());
                }
                PeriodPart::Month(m)
            }
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
        let aug: Period = "2025-08".parse().unwrap();
        assert!(h1 < aug && aug < q3);
        assert_eq!(aug.to_string(), "2025-08");
        assert_eq!(aug.label_zh(), "2025年1—8月");
        assert_eq!(q3.heading_zh(), "2025 年前三季度");
        assert_eq!(y.heading_zh(), "2025 年");
        assert!("2025-03".parse::<Period>().unwrap() < "2025Q1".parse().unwrap());
        assert!("2025Q4".parse::<Period>().unwrap() < y);
        assert!(q3.calendar_share() == 0.75 && !q3.covers_year());
        assert!("2025H2".parse::<Period>().unwrap().covers_year());
        for bad in [
            "",
            "25",
            "2025Q5",
            "二〇二五",
            "2025-1",
            "2025-13",
            "2025-00",
            "2025-+1",
            "20é5",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_periods_in_words() {
        let q3: Period = "2026Q3".parse().unwrap();
        for text in [
            "2026年前三季度",
            "2026年1-9月",
            "2026年1—9月",
            "2026 年前三季度",
            "２０２６年１－９月",
            "2026年1至9月",
            "2026年一至三季度",
        ] {
            assert_eq!(text.parse::<Period>(), Ok(q3), "{text}");
        }
        let y = Some(2026);
        assert_eq!(Period::parse_words("前三季度", y), Ok(q3));
        assert_eq!(
            Period::parse_words("上半年", y).unwrap().to_string(),
            "2026H1"
        );
        assert_eq!(
            Period::parse_words("一季度", y).unwrap().to_string(),
            "2026Q1"
        );
        assert_eq!(
            Period::parse_words("1-8月", y).unwrap().to_string(),
            "2026-08"
        );
        assert_eq!(
            Period::parse_words("2026年8月", None).unwrap().to_string(),
            "2026-08"
        );
        assert_eq!(
            Period::parse_words("2026年", None).unwrap().to_string(),
            "2026"
        );
        assert_eq!(Period::parse_words("全年", y).unwrap().to_string(), "2026");
        assert!(
            Period::parse_words("前三季度", None)
                .unwrap_err()
                .to_string()
                .contains("缺少年份")
        );
        for bad in [
            "2026年3-9月",
            "2026年13月",
            "2026年第五季度",
            "26年前三季度",
            "上上半年",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    fn any_period() -> impl proptest::strategy::Strategy<Value = Period> {
        use proptest::prelude::*;
        let part = prop_oneof![
            (1u8..=4).prop_map(PeriodPart::Quarter),
            (1u8..=2).prop_map(PeriodPart::Half),
            (1u8..=12).prop_map(PeriodPart::Month),
            Just(PeriodPart::Year),
        ];
        (1000i32..=9999, part).prop_map(|(year, part)| Period { year, part })
    }

    proptest::proptest! {
        #[test]
        fn periods_round_trip_and_order_by_months_covered(a in any_period(), b in any_period()) {
            proptest::prop_assert_eq!(a.to_string().parse::<Period>().unwrap(), a);
            if a.year == b.year && a.part.months() < b.part.months() {
                proptest::prop_assert!(a < b);
            }
            proptest::prop_assert_eq!(a == b, a.cmp(&b) == std::cmp::Ordering::Equal);
            proptest::prop_assert!(a.calendar_share() > 0.0 && a.calendar_share() <= 1.0);
        }

        /// Every label the tool prints reads back as a period of the same year covering the same months.
        #[test]
        fn printed_labels_read_back(a in any_period()) {
            for label in [a.label_zh(), a.heading_zh()] {
                let back = label.parse::<Period>();
                proptest::prop_assert!(back.is_ok(), "{label}");
                let back = back.unwrap();
                proptest::prop_assert_eq!((back.year, back.part.months()), (a.year, a.part.months()), "{}", label);
            }
            let part = Period::parse_words(&a.part_label_zh(), Some(a.year));
            proptest::prop_assert!(part.is_ok(), "{}", a.part_label_zh());
            proptest::prop_assert_eq!(part.unwrap().part.months(), a.part.months());
        }

        /// No text makes the parser panic.
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,12}", year in proptest::option::of(1000i32..9999)) {
            let _ = Period::parse_words(&text, year);
            let _ = text.parse::<Period>();
        }
    }
}

/// How often a line has figures (频率): which periods of a year a figure is due for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// 月: every month's cumulative figure (1—2月 onward where a source merges January and February).
    Monthly,
    /// 季: 一季度, 上半年, 前三季度, 全年.
    Quarterly,
    /// 半年: 上半年 and 全年.
    HalfYearly,
    /// 年: the full year only.
    Yearly,
}

impl Frequency {
    /// The words a plan file or a sheet may use, in the order listed to users.
    pub const NAMES: [&'static str; 4] = ["月", "季", "半年", "年"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim() {
            "月" | "月度" | "按月" | "monthly" => Some(Frequency::Monthly),
            "季" | "季度" | "按季" | "quarterly" => Some(Frequency::Quarterly),
            "半年" | "半年度" | "half_yearly" => Some(Frequency::HalfYearly),
            "年" | "年度" | "按年" | "yearly" => Some(Frequency::Yearly),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Frequency::Monthly => "月",
            Frequency::Quarterly => "季",
            Frequency::HalfYearly => "半年",
            Frequency::Yearly => "年",
        }
    }

    /// Whether a line of this frequency has a figure for `period`: a quarterly line has one for 2027H1
    /// (= 二季度累计) and for the year, a yearly line only for the year.
    pub fn has_period(self, period: Period) -> bool {
        let months = period.part.months();
        match self {
            Frequency::Monthly => true,
            Frequency::Quarterly => months.is_multiple_of(3),
            Frequency::HalfYearly => months.is_multiple_of(6),
            Frequency::Yearly => months == 12,
        }
    }
}

#[cfg(test)]
mod frequency_tests {
    use super::*;

    #[test]
    fn frequencies_say_which_periods_have_figures() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert!(Frequency::Quarterly.has_period(p("2027H1")));
        assert!(Frequency::Quarterly.has_period(p("2027Q3")));
        assert!(!Frequency::Quarterly.has_period(p("2027-08")));
        assert!(Frequency::HalfYearly.has_period(p("2027H1")));
        assert!(!Frequency::HalfYearly.has_period(p("2027Q3")));
        assert!(!Frequency::Yearly.has_period(p("2027H1")));
        assert!(Frequency::Yearly.has_period(p("2027")));
        assert!(Frequency::Monthly.has_period(p("2027-08")));
        assert_eq!(Frequency::from_name("季度"), Some(Frequency::Quarterly));
        assert_eq!(Frequency::from_name("旬"), None);
    }
}
