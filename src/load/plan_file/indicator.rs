//! One `[[indicator]]` of a plan file: its raw shape and the checks that give each field its meaning.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::super::document::Document;
use super::frame::{Frame, finite};
use super::target::{RawTarget, check_target};
use crate::model::{Attribute, Baseline, Better, Indicator, Level};
use crate::problem::Problem;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndicator {
    pub(super) id: Spanned<String>,
    number: Option<String>,
    group: Option<String>,
    pub(super) series: Option<Spanned<String>>,
    /// A code shared across plans (the national indicator this one implements).
    code: Option<Spanned<String>>,
    name: Spanned<String>,
    unit: String,
    category: Spanned<String>,
    attribute: Spanned<String>,
    /// Omitted where the source does not say which system the indicator belongs to.
    level: Option<Spanned<String>>,
    better: Spanned<String>,
    #[serde(default)]
    note: String,
    average_or_cumulative: Option<String>,
    /// 牵头单位.
    department: Option<String>,
    /// 责任单位.
    #[serde(default)]
    responsible: Vec<String>,
    /// 频率 (月/季/半年/年).
    frequency: Option<Spanned<String>>,
    /// 报送时限 of this line (季后25日).
    due: Option<Spanned<super::units::RawDue>>,
    /// 考核权重.
    weight: Option<Spanned<f64>>,
    baseline: Option<RawBaseline>,
    target: Spanned<RawTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    year: Spanned<i32>,
    value: Option<Spanned<f64>>,
    text: String,
}

pub(super) fn check_indicator(
    doc: &Document<'_>,
    path: &str,
    raw: RawIndicator,
    frame: &Frame,
    ids: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Option<Indicator> {
    let before = problems.len();
    let mut bad = |span: std::ops::Range<usize>, field: &str, message: String| {
        problems.push(doc.problem(span, format!("{path}.{field}"), message));
    };
    if raw.id.get_ref().trim().is_empty() {
        bad(raw.id.span(), "id", "指标序号不能为空".into());
    }
    if let Some(code) = &raw.code
        && code.get_ref().trim().is_empty()
    {
        bad(
            code.span(),
            "code",
            "共同编码不能为空（没有时请省略 code）".into(),
        );
    }
    if raw.name.get_ref().trim().is_empty() {
        bad(raw.name.span(), "name", "指标名称不能为空".into());
    }
    if let Some(categories) = &frame.categories
        && !categories.contains(raw.category.get_ref())
    {
        bad(
            raw.category.span(),
            "category",
            format!(
                "类别“{}”不在 [plan].categories 中（可用：{}）",
                raw.category.get_ref(),
                categories.join("、")
            ),
        );
    }
    let attribute = match raw.attribute.get_ref().as_str() {
        "约束性" | "binding" => Some(Attribute::Binding),
        "预期性" | "expected" => Some(Attribute::Expected),
        other => {
            bad(
                raw.attribute.span(),
                "attribute",
                format!("属性“{other}”无法识别：应为 约束性 或 预期性"),
            );
            None
        }
    };
    let level = match raw.level.as_ref().map(|l| (l, l.get_ref().as_str())) {
        None => Some(None),
        Some((_, "国家" | "national")) => Some(Some(Level::National)),
        Some((_, "省" | "provincial")) => Some(Some(Level::Provincial)),
        Some((_, "市" | "city")) => Some(Some(Level::City)),
        Some((l, other)) => {
            bad(
                l.span(),
                "level",
                format!("指标层级“{other}”无法识别：应为 国家、省 或 市（不清楚时可省略）"),
            );
            None
        }
    };
    let better = match raw.better.get_ref().as_str() {
        "higher" | "越高越好" => Some(Better::Higher),
        "lower" | "越低越好" => Some(Better::Lower),
        other => {
            bad(
                raw.better.span(),
                "better",
                format!("“{other}”无法识别：应为 higher(越高越好) 或 lower(越低越好)"),
            );
            None
        }
    };
    let baseline = raw.baseline.map(|b| {
        let year = *b.year.get_ref();
        if let Some((start, _)) = frame.years
            && (year >= start || start - year > 10)
        {
            bad(
                b.year.span(),
                "baseline.year",
                format!("基期年份 {year} 应早于规划起始年份 {start}"),
            );
        }
        let value = b.value.and_then(|v| finite(v, "baseline.value", &mut bad));
        Baseline {
            year,
            value,
            text: b.text,
        }
    });
    let target = check_target(raw.target, frame.years, ids, &mut bad);
    let frequency = crate::load::frequency(
        doc,
        raw.frequency.as_ref(),
        &format!("{path}.frequency"),
        problems,
    );
    let due = super::units::due(doc, raw.due.as_ref(), &format!("{path}.due"), problems);
    let weight = super::units::weight(
        doc,
        raw.weight.as_ref(),
        &format!("{path}.weight"),
        problems,
    );
    if problems.len() > before {
        return None;
    }
    Some(Indicator {
        id: raw.id.into_inner(),
        number: raw.number.filter(|n| !n.trim().is_empty()),
        group: raw.group,
        series: raw.series.map(Spanned::into_inner),
        code: raw.code.map(Spanned::into_inner),
        name: raw.name.into_inner(),
        unit: raw.unit,
        category: raw.category.into_inner(),
        attribute: attribute?,
        level: level?,
        better: better?,
        note: raw.note,
        average_or_cumulative: raw.average_or_cumulative,
        department: crate::load::unit_names(raw.department.into_iter().collect())
            .into_iter()
            .next(),
        responsible: crate::load::unit_names(raw.responsible),
        frequency,
        due,
        weight,
        baseline,
        target: target?,
    })
}
