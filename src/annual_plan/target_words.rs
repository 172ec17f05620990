//! The words of an annual plan's target (年度目标), as annual plans write them, understood exactly or refused.
//!
//! Every form below is read to a kind, a number (or a range), the better direction, 左右 and whether the bound
//! includes the number itself; anything else is refused with the list of forms understood ([`FORMS`]) — never
//! guessed. Number words follow Chinese legal and statistical usage: 以上、以下、以内、不低于、不超过、达到、
//! 突破 include the number; 超过、高于、低于、＞、＜ exclude it.

use crate::model::{Better, Bound};

/// Every form understood, as the refusal lists them.
pub const FORMS: [&str; 22] = [
    "增长5%—5.5%",
    "5%-5.5%",
    "5.5%左右",
    "6%以上",
    "不低于6%",
    "增长3%",
    "突破1万亿元",
    "达到4.1%",
    "4.1%左右",
    "25万人以上",
    "下降3%",
    "下降3%以上",
    "控制在2%左右",
    "控制在5%以内",
    "28以内 / ≤28",
    "保持在65%以上",
    "提高0.3个百分点",
    "稳步提高",
    "持续缩小",
    "与经济增长同步",
    "高于GDP增速",
    "完成省下达目标",
];

/// What kind of target the words state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordsKind {
    /// A growth rate (增长3%, 下降3%): the series holds growth to date.
    Growth,
    /// A level or ratio (达到4.1%, 28以内).
    Level,
    /// An amount to complete in the year (突破1万亿元, 25万人以上).
    Amount,
    /// A change of a rate in 个百分点 over last year (提高0.3个百分点): a level once last year's value is known.
    Points,
    /// A direction only (稳步提高, 持续缩小).
    Direction,
    /// In step with, or above, the economy's growth (与经济增长同步, 高于GDP增速).
    InStep,
    /// The province's assigned target (完成省下达目标); its number only where written in brackets.
    Assigned,
}

impl WordsKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            WordsKind::Growth => "增速目标",
            WordsKind::Level => "水平目标",
            WordsKind::Amount => "年度总量目标",
            WordsKind::Points => "提高若干个百分点",
            WordsKind::Direction => "方向性目标",
            WordsKind::InStep => "与经济增长对照",
            WordsKind::Assigned => "省下达目标",
        }
    }
}

/// A target as its words state it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Understood {
    pub kind: WordsKind,
    /// The number (a range's low end); for 下降3% the change, −3. None: a direction, in step, or assigned unknown.
    pub value: Option<f64>,
    /// A range's high end.
    pub upper: Option<f64>,
    pub better: Better,
    /// 左右.
    pub about: bool,
    /// Whether the number itself meets the target; None: the words state no bound (增长3%, a range).
    pub bound: Option<Bound>,
    /// The unit the words write (%, 万亿元, 万人), if any.
    pub unit: Option<String>,
}

impl Understood {
    fn new(kind: WordsKind, better: Better) -> Self {
        Understood {
            kind,
            value: None,
            upper: None,
            better,
            about: false,
            bound: None,
            unit: None,
        }
    }

    /// How the words were understood, for the dry run: 增速目标，区间 5—5.5%，越高越好.
    pub fn describe(&self) -> String {
        let unit = self.unit.as_deref().unwrap_or("");
        let mut out = self.kind.label_zh().to_string();
        match (self.value, self.upper) {
            (Some(v), Some(u)) => out.push_str(&format!("，区间 {}—{}{unit}", n(v), n(u))),
            (Some(v), None) => out.push_str(&format!("，{}{unit}", n(v))),
            _ => {}
        }
        if self.about {
            out.push_str("，左右");
        }
        match self.bound {
            Some(Bound::Inclusive) => out.push_str("，含本数"),
            Some(Bound::Strict) => out.push_str("，不含本数"),
            None => {}
        }
        out.push_str(match self.better {
            Better::Higher => "，越高越好",
            Better::Lower => "，越低越好",
        });
        out
    }
}

fn n(v: f64) -> String {
    crate::text::fmt_number(v, 6)
}

/// Why words were refused: the words, and the forms understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub text: String,
    pub why: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "年度目标“{}”无法识别（{}）：可用的写法为 {}",
            self.text,
            self.why,
            FORMS.join("、")
        )
    }
}

/// Reads the words of one annual target. `name` is the line's 指标 (a name ending in 增长/增速/增幅 makes a bare
/// percentage a growth rate: 地区生产总值增长 "5%-5.5%"); the name written before the words is dropped.
pub fn parse(text: &str, name: &str) -> Result<Understood, Refused> {
    let refuse = |why: &str| Refused {
        text: text.chars().take(60).collect(),
        why: why.to_string(),
    };
    let normal = normalize(text);
    let name_n = normalize(name);
    let mut words = normal.as_str();
    if !name_n.is_empty()
        && let Some(rest) = words.strip_prefix(name_n.as_str())
        && !rest.is_empty()
    {
        words = rest;
    }
    if words.is_empty() {
        return Err(refuse("没有写目标"));
    }
    if words.chars().count() > 40 {
        return Err(refuse("过长"));
    }
    let growth_name = [
        "增长",
        "增速",
        "增幅",
        "下降",
        "下降率",
        "降低",
        "降低率",
        "降幅",
    ]
    .iter()
    .any(|w| name_n.ends_with(w) || name_n.contains(&format!("{w}(")));
    // A name that is the fall itself (单位GDP能耗下降, 用水量下降率, 二氧化碳排放降低): its figures are falls.
    let falls_name = ["下降", "下降率", "降低", "降低率", "降幅"]
        .iter()
        .any(|w| name_n.ends_with(w) || name_n.contains(&format!("{w}(")));
    // Directions.
    match words {
        "稳步提高" | "稳步提升" | "持续提高" | "持续提升" => {
            return Ok(Understood::new(WordsKind::Direction, Better::Higher));
        }
        "持续缩小" | "稳步缩小" | "持续下降" | "稳步下降" => {
            return Ok(Understood::new(WordsKind::Direction, Better::Lower));
        }
        "与经济增长同步" | "与经济增长基本同步" | "与GDP增长同步" | "与地区生产总值增长同步" =>
        {
            let mut u = Understood::new(WordsKind::InStep, Better::Higher);
            u.bound = Some(Bound::Inclusive);
            return Ok(u);
        }
        "高于GDP增速" | "高于经济增速" | "高于经济增长" | "高于地区生产总值增速" =>
        {
            let mut u = Understood::new(WordsKind::InStep, Better::Higher);
            u.bound = Some(Bound::Strict);
            return Ok(u);
        }
        _ => {}
    }
    for head in ["完成省下达目标", "完成省下达任务"] {
        if let Some(rest) = words.strip_prefix(head) {
            if rest.is_empty() {
                return Ok(Understood::new(WordsKind::Assigned, Better::Higher));
            }
            let inner = rest
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .ok_or_else(|| {
                    refuse("省下达目标的数值请写在括号中，如“完成省下达目标（下降3%）”")
                })?;
            let mut u = parse(inner, name)?;
            if matches!(
                u.kind,
                WordsKind::Direction | WordsKind::InStep | WordsKind::Assigned
            ) {
                return Err(refuse("括号中应为省下达的数值"));
            }
            u.kind = WordsKind::Assigned;
            return Ok(u);
        }
    }
    // 提高0.3个百分点 / 下降0.5个百分点.
    for (head, better) in [("提高", Better::Higher), ("下降", Better::Lower)] {
        if let Some(rest) = words.strip_prefix(head)
            && let Some(num) = rest.strip_suffix("个百分点")
        {
            let (v, tail) = number(num).ok_or_else(|| refuse("“个百分点”前应为数字"))?;
            if !tail.is_empty() {
                return Err(refuse("“个百分点”前应只有数字"));
            }
            let mut u = Understood::new(WordsKind::Points, better);
            u.value = Some(if better == Better::Lower { -v } else { v });
            u.unit = Some("个百分点".into());
            return Ok(u);
        }
    }
    // A verb, then the number phrase, then a suffix.
    let (verb, rest) = [
        "增长",
        "下降",
        "突破",
        "达到",
        "保持在",
        "保持",
        "控制在",
        "不低于",
        "不超过",
        "不高于",
        "高于",
        "超过",
        "低于",
        "≥",
        "≤",
        ">",
        "<",
    ]
    .iter()
    .find_map(|v| words.strip_prefix(v).map(|r| (*v, r)))
    .unwrap_or(("", words));
    let (low, after) =
        number(rest).ok_or_else(|| refuse("没有找到目标数值（数字请用阿拉伯数字）"))?;
    // A range: 5—5.5% or 5%—5.5% (the first unit, if written, the same as the second).
    let range = after.find('-').and_then(|dash| {
        let first_unit = &after[..dash];
        (first_unit.is_empty() || first_unit == "%").then(|| (first_unit, &after[dash + 1..]))
    });
    let (mut low, mut upper, after) = match range {
        Some((first_unit, second)) => {
            let (high, after2) = number(second).ok_or_else(|| refuse("区间的上限应为数字"))?;
            if !first_unit.is_empty() && !after2.starts_with(first_unit) {
                return Err(refuse("区间两端的单位不一致"));
            }
            (low, Some(high), after2)
        }
        None => (low, None, after),
    };
    // The unit: everything up to a suffix word.
    let (unit_text, suffix) = SUFFIXES
        .iter()
        .filter_map(|s| after.strip_suffix(s).map(|u| (u, *s)))
        .next()
        .unwrap_or((after, ""));
    // A range's first number may leave its unit to the second (5—5.5%), or repeat it (5%—5.5%).
    let unit_text = unit_text.trim();
    if !unit_text.is_empty() && !unit_ok(unit_text) {
        return Err(refuse("数值后的文字不是单位"));
    }
    let unit = (!unit_text.is_empty()).then(|| unit_text.to_string());
    let percent = unit.as_deref() == Some("%");
    let counted = unit.as_deref().is_some_and(is_count_unit);
    let base_kind = if percent && growth_name {
        WordsKind::Growth
    } else if counted {
        WordsKind::Amount
    } else {
        WordsKind::Level
    };
    let mut better = Better::Higher;
    let mut bound = None;
    let kind = match verb {
        "增长" => {
            if !percent {
                return Err(refuse("“增长”后应为百分比，如“增长3%”"));
            }
            WordsKind::Growth
        }
        "下降" => {
            if !percent {
                return Err(refuse("“下降”后应为百分比，如“下降3%”"));
            }
            bound = Some(Bound::Inclusive);
            if falls_name {
                // The series is the fall itself (单位GDP能耗下降, …下降率): a fall of at least 3% is 3 or more.
                better = Better::Higher;
            } else {
                // A fall of at least 3%: the change to date at most −3%.
                better = Better::Lower;
                let (l, u) = (low, upper);
                match u {
                    Some(u) => {
                        low = -u;
                        upper = Some(-l);
                    }
                    None => low = -l,
                }
            }
            WordsKind::Growth
        }
        "突破" | "达到" | "不低于" | "≥" | "保持在" | "保持" => {
            bound = Some(Bound::Inclusive);
            base_kind
        }
        "高于" | "超过" | ">" => {
            bound = Some(Bound::Strict);
            base_kind
        }
        "不超过" | "不高于" | "≤" => {
            better = Better::Lower;
            bound = Some(Bound::Inclusive);
            base_kind
        }
        "低于" | "<" => {
            better = Better::Lower;
            bound = Some(Bound::Strict);
            base_kind
        }
        "控制在" => {
            better = Better::Lower;
            bound = Some(Bound::Inclusive);
            base_kind
        }
        _ => base_kind,
    };
    let mut about = false;
    match suffix {
        "" => {}
        "左右" => about = true,
        "以上" => {
            if better == Better::Lower && verb != "下降" {
                return Err(refuse("“以上”与“控制在/不超过/低于”相矛盾"));
            }
            bound = Some(Bound::Inclusive);
        }
        "以下" | "以内" => {
            if verb == "下降" || (bound.is_some() && better == Better::Higher) {
                return Err(refuse("“以下/以内”与前面的词相矛盾"));
            }
            better = Better::Lower;
            bound = Some(Bound::Inclusive);
        }
        _ => {}
    }
    if matches!(verb, "保持在" | "保持") && suffix != "以上" && suffix != "左右" {
        return Err(refuse("“保持在”后应写“以上”，如“保持在65%以上”"));
    }
    if upper.is_some() && (suffix == "以上" || suffix == "以下" || suffix == "以内") {
        return Err(refuse("区间不能再加“以上/以下/以内”"));
    }
    if let Some(u) = upper
        && u < low
    {
        return Err(refuse("区间上限小于下限"));
    }
    if upper.is_some() {
        bound = None;
    }
    Ok(Understood {
        kind,
        value: Some(low),
        upper,
        better,
        about,
        bound,
        unit,
    })
}

const SUFFIXES: [&str; 4] = ["左右", "以上", "以下", "以内"];

/// Full-width digits and signs to ASCII, every dash of a range to '-', spaces out.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '％' => '%',
            '—' | '–' | '－' | '～' | '〜' | '至' => '-',
            '（' => '(',
            '）' => ')',
            '＞' | '﹥' => '>',
            '＜' | '﹤' => '<',
            '≦' => '≤',
            '≧' => '≥',
            c => c,
        })
        .collect::<String>()
        .replace("--", "-")
        .replace("<=", "≤")
        .replace(">=", "≥")
}

/// A number at the start of `text`, with 万/亿 multipliers kept in the unit: (value, rest).
fn number(text: &str) -> Option<(f64, &str)> {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(text.len(), |(i, _)| i);
    let digits = &text[..end];
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let v: f64 = digits.parse().ok()?;
    v.is_finite().then_some((v, &text[end..]))
}

/// Units a target's words may carry: %, or a measure word with an optional 万/亿 before it.
fn unit_ok(unit: &str) -> bool {
    if unit == "%" {
        return true;
    }
    let bare = unit
        .strip_prefix("万亿")
        .or_else(|| unit.strip_prefix('万'))
        .or_else(|| unit.strip_prefix('亿'))
        .unwrap_or(unit);
    !bare.is_empty()
        && bare.chars().count() <= 8
        && !bare.contains(['约', '个', '点', '增', '长', '降', '%', '-', '(', ')'])
        && bare
            .chars()
            .all(|c| !c.is_ascii_digit() && (c.is_alphabetic() || c == '/' || c == '·'))
}

/// Measure words of things counted or summed over the year (元, 人, 家): their targets are amounts.
fn is_count_unit(unit: &str) -> bool {
    [
        "元", "人", "个", "家", "项", "户", "套", "吨", "件", "亩", "辆", "所",
    ]
    .iter()
    .any(|w| unit.ends_with(w))
}

/// How many of `unit` make one of `to` (万亿元 → 亿元: 10000), when both are the same measure.
pub fn scale(unit: &str, to: &str) -> Option<f64> {
    fn split(u: &str) -> (f64, &str) {
        if let Some(r) = u.strip_prefix("万亿") {
            (1e12, r)
        } else if let Some(r) = u.strip_prefix('亿') {
            (1e8, r)
        } else if let Some(r) = u.strip_prefix('万') {
            (1e4, r)
        } else {
            (1.0, u)
        }
    }
    if unit == to {
        return Some(1.0);
    }
    let (a, base_a) = split(unit);
    let (b, base_b) = split(to);
    (base_a == base_b && !base_a.is_empty()).then_some(a / b)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn ok(text: &str, name: &str) -> Understood {
        parse(text, name).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn every_listed_form_is_understood_exactly() {
        use Better::{Higher, Lower};
        use Bound::{Inclusive, Strict};
        use WordsKind::*;
        // (words, name, kind, value, upper, better, about, bound, unit)
        #[allow(clippy::type_complexity)]
        let table: [(
            &str,
            &str,
            WordsKind,
            Option<f64>,
            Option<f64>,
            Better,
            bool,
            Option<Bound>,
            Option<&str>,
        ); 27] = [
            (
                "增长5%—5.5%",
                "地区生产总值",
                Growth,
                Some(5.0),
                Some(5.5),
                Higher,
                false,
                None,
                Some("%"),
            ),
            (
                "5%-5.5%",
                "地区生产总值增长",
                Growth,
                Some(5.0),
                Some(5.5),
                Higher,
                false,
                None,
                Some("%"),
            ),
            (
                "5—5.5%",
                "地区生产总值增长",
                Growth,
                Some(5.0),
                Some(5.5),
                Higher,
                false,
                None,
                Some("%"),
            ),
            (
                "5.5%左右",
                "一般公共预算收入增长",
                Growth,
                Some(5.5),
                None,
                Higher,
                true,
                None,
                Some("%"),
            ),
            (
                "6%以上",
                "规上工业增加值增长",
                Growth,
                Some(6.0),
                None,
                Higher,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "不低于6%",
                "研发投入增长",
                Growth,
                Some(6.0),
                None,
                Higher,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "增长3%",
                "进出口总额",
                Growth,
                Some(3.0),
                None,
                Higher,
                false,
                None,
                Some("%"),
            ),
            (
                "突破1万亿元",
                "社会消费品零售总额",
                Amount,
                Some(1.0),
                None,
                Higher,
                false,
                Some(Inclusive),
                Some("万亿元"),
            ),
            (
                "达到4.1%",
                "研发经费投入强度",
                Level,
                Some(4.1),
                None,
                Higher,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "4.1%左右",
                "研发经费投入强度",
                Level,
                Some(4.1),
                None,
                Higher,
                true,
                None,
                Some("%"),
            ),
            (
                "25万人以上",
                "城镇新增就业",
                Amount,
                Some(25.0),
                None,
                Higher,
                false,
                Some(Inclusive),
                Some("万人"),
            ),
            (
                "下降3%",
                "单位GDP能耗",
                Growth,
                Some(-3.0),
                None,
                Lower,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "下降3%以上",
                "单位GDP能耗",
                Growth,
                Some(-3.0),
                None,
                Lower,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "控制在2%左右",
                "居民消费价格涨幅",
                Level,
                Some(2.0),
                None,
                Lower,
                true,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "控制在5%以内",
                "城镇调查失业率",
                Level,
                Some(5.0),
                None,
                Lower,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "28以内",
                "PM2.5平均浓度",
                Level,
                Some(28.0),
                None,
                Lower,
                false,
                Some(Inclusive),
                None,
            ),
            (
                "≤28",
                "PM2.5平均浓度",
                Level,
                Some(28.0),
                None,
                Lower,
                false,
                Some(Inclusive),
                None,
            ),
            (
                "保持在65%以上",
                "优良天数比例",
                Level,
                Some(65.0),
                None,
                Higher,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "提高0.3个百分点",
                "常住人口城镇化率",
                Points,
                Some(0.3),
                None,
                Higher,
                false,
                None,
                Some("个百分点"),
            ),
            (
                "稳步提高",
                "居民收入",
                Direction,
                None,
                None,
                Higher,
                false,
                None,
                None,
            ),
            (
                "持续缩小",
                "城乡居民收入倍差",
                Direction,
                None,
                None,
                Lower,
                false,
                None,
                None,
            ),
            (
                "与经济增长同步",
                "居民人均可支配收入增长",
                InStep,
                None,
                None,
                Higher,
                false,
                Some(Inclusive),
                None,
            ),
            (
                "高于GDP增速",
                "数字经济核心产业增加值增长",
                InStep,
                None,
                None,
                Higher,
                false,
                Some(Strict),
                None,
            ),
            (
                "完成省下达目标",
                "单位GDP二氧化碳排放降低",
                Assigned,
                None,
                None,
                Higher,
                false,
                None,
                None,
            ),
            (
                "完成省下达目标（下降3%）",
                "单位GDP能耗",
                Assigned,
                Some(-3.0),
                None,
                Lower,
                false,
                Some(Inclusive),
                Some("%"),
            ),
            (
                "超过90%",
                "优良天数比例",
                Level,
                Some(90.0),
                None,
                Higher,
                false,
                Some(Strict),
                Some("%"),
            ),
            (
                "社会消费品零售总额增长5%左右",
                "社会消费品零售总额增长",
                Growth,
                Some(5.0),
                None,
                Higher,
                true,
                None,
                Some("%"),
            ),
        ];
        for (text, name, kind, value, upper, better, about, bound, unit) in table {
            let u = ok(text, name);
            assert_eq!(
                (
                    u.kind,
                    u.value,
                    u.upper,
                    u.better,
                    u.about,
                    u.bound,
                    u.unit.as_deref()
                ),
                (kind, value, upper, better, about, bound, unit),
                "{text}"
            );
        }
    }

    #[test]
    fn guesses_are_refused_with_the_forms() {
        for text in [
            "增长约五个点",
            "增长五%",
            "约5%",
            "力争6%",
            "",
            "5%—4%",
            "控制在5%以上",
            "保持在65%",
            "增长3亿元",
            "完成省下达目标（稳步提高）",
            "达到",
            "5%以上左右",
            "较快增长",
        ] {
            let e = parse(text, "某指标").expect_err(text);
            let shown = e.to_string();
            assert!(shown.contains("可用的写法为"), "{shown}");
            assert!(shown.contains("增长5%—5.5%") && shown.contains("完成省下达目标"));
        }
    }

    #[test]
    fn units_scale_within_one_measure() {
        assert_eq!(scale("万亿元", "亿元"), Some(10000.0));
        assert_eq!(scale("万人", "万人"), Some(1.0));
        assert_eq!(scale("人", "万人"), Some(1e-4));
        assert_eq!(scale("万人", "亿元"), None);
    }

    proptest! {
        /// Whatever the words, parsing ends with an answer, never a panic; an understood number is finite.
        #[test]
        fn any_words_are_answered(text in "\\PC{0,30}", name in "[\\p{Han}]{0,6}") {
            if let Ok(u) = parse(&text, &name) {
                prop_assert!(u.value.is_none_or(f64::is_finite));
                if let (Some(v), Some(up)) = (u.value, u.upper) {
                    prop_assert!(v <= up);
                }
            }
        }

        /// A growth range written with any dash reads back to its two numbers, the lower first.
        #[test]
        fn ranges_read_back(a in 0u32..200, b in 0u32..200, dash in prop::sample::select(vec!["—", "-", "–", "～", "至"])) {
            let (lo, hi) = (a.min(b) as f64 / 10.0, a.max(b) as f64 / 10.0);
            let text = format!("增长{}%{dash}{}%", n(lo), n(hi));
            let u = parse(&text, "").unwrap();
            prop_assert_eq!((u.kind, u.value, u.upper), (WordsKind::Growth, Some(lo), Some(hi)));
        }

        /// 下降x% is a change of −x at most, whatever x.
        #[test]
        fn falls_are_negative_ceilings(x in 0u32..1000) {
            let v = x as f64 / 10.0;
            let u = parse(&format!("下降{}%", n(v)), "").unwrap();
            prop_assert_eq!(u.value, Some(-v));
            prop_assert_eq!(u.better, Better::Lower);
        }
    }
}
