//! The plan file (`indicators/*.toml`): raw serde shapes, then checks that give each field its meaning.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::document::Document;
use super::problem::Problem;
use crate::model::{
    Attribute, Baseline, Better, Indicator, Level, Plan, StatusLabels, Target, TargetKind,
    Thresholds,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: String,
    name: String,
    #[serde(default)]
    short_name: String,
    region: String,
    start_year: Spanned<i32>,
    end_year: Spanned<i32>,
    baseline_year: Spanned<i32>,
    #[serde(default)]
    source: String,
    categories: Spanned<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawThresholds {
    on_track_ratio: Option<Spanned<f64>>,
    lagging_ratio: Option<Spanned<f64>>,
    ahead_ratio: Option<Spanned<f64>>,
    about_tolerance_pct: Option<Spanned<f64>>,
    projection_on_track_pct: Option<Spanned<f64>>,
    projection_near_pct: Option<Spanned<f64>>,
    in_step_tolerance_pp: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabels {
    achieved: Option<String>,
    ahead: Option<String>,
    on_track: Option<String>,
    lagging: Option<String>,
    off_track: Option<String>,
    not_assessable: Option<String>,
}

impl RawLabels {
    fn into_labels(self) -> StatusLabels {
        let d = StatusLabels::default();
        StatusLabels {
            achieved: self.achieved.unwrap_or(d.achieved),
            ahead: self.ahead.unwrap_or(d.ahead),
            on_track: self.on_track.unwrap_or(d.on_track),
            lagging: self.lagging.unwrap_or(d.lagging),
            off_track: self.off_track.unwrap_or(d.off_track),
            not_assessable: self.not_assessable.unwrap_or(d.not_assessable),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    group: Option<String>,
    series: Option<Spanned<String>>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    year: Spanned<i32>,
    kind: Spanned<String>,
    text: String,
    value: Option<Spanned<f64>>,
    total: Option<Spanned<f64>>,
    annual_floor: Option<Spanned<f64>>,
    tolerance: Option<Spanned<f64>>,
    with: Option<Spanned<String>>,
}

/// Reads a plan file, collecting every problem rather than stopping at the first.
/// Where an indicator names a shared series, to check once the history is read.
pub struct SeriesRef {
    pub indicator: String,
    pub series: String,
    pub problem_at: Problem,
}

pub fn read_plan(doc: &Document<'_>) -> Result<(Plan, Vec<SeriesRef>), Vec<Problem>> {
    let mut problems = Vec::new();
    doc.unknown_keys(
        &["plan", "thresholds", "labels", "indicator"],
        &mut problems,
    );

    let raw_plan: Option<RawPlan> = match doc.get("plan") {
        Some(v) => doc.read(v, "plan").map_err(|p| problems.push(p)).ok(),
        None => {
            problems.push(doc.problem(
                0..0,
                "plan",
                "缺少 [plan] 表：需写明规划名称、地区、起止年份和基期年份",
            ));
            None
        }
    };
    let thresholds = match doc.get("thresholds") {
        Some(v) => doc
            .read::<RawThresholds>(v, "thresholds")
            .map(|raw| check_thresholds(doc, raw, &mut problems))
            .unwrap_or_else(|p| {
                problems.push(p);
                Thresholds::default()
            }),
        None => Thresholds::default(),
    };

    let labels = match doc.get("labels") {
        Some(v) => doc
            .read::<RawLabels>(v, "labels")
            .map(RawLabels::into_labels)
            .unwrap_or_else(|p| {
                problems.push(p);
                StatusLabels::default()
            }),
        None => StatusLabels::default(),
    };

    let mut raw_indicators = Vec::new();
    for (index, value) in doc.array("indicator", &mut problems) {
        match doc.read::<RawIndicator>(value, &format!("indicator[{}]", index + 1)) {
            Ok(raw) => raw_indicators.push((index, raw)),
            Err(p) => problems.push(p),
        }
    }
    if doc.get("indicator").is_none() {
        problems.push(doc.problem(
            0..0,
            "indicator",
            "规划中没有任何指标：每个指标以 [[indicator]] 开头",
        ));
    }

    // Indicators are checked even when [plan] is broken, against whatever of it could be read.
    let frame = match &raw_plan {
        Some(raw) => {
            check_years(doc, raw, &mut problems);
            if raw.categories.get_ref().is_empty() {
                problems.push(doc.problem(
                    raw.categories.span(),
                    "plan.categories",
                    "至少需要一个指标类别",
                ));
            }
            Frame {
                categories: Some(raw.categories.get_ref().clone()),
                years: Some((*raw.start_year.get_ref(), *raw.end_year.get_ref())),
            }
        }
        None => Frame {
            categories: None,
            years: None,
        },
    };

    let ids: HashSet<String> = raw_indicators
        .iter()
        .map(|(_, r)| r.id.get_ref().clone())
        .collect();
    let mut seen = HashSet::new();
    let mut indicators = Vec::new();
    let mut series_refs = Vec::new();
    for (index, raw) in raw_indicators {
        let path = format!("indicator[{}]", index + 1);
        if let Some(series) = &raw.series {
            series_refs.push(SeriesRef {
                indicator: raw.id.get_ref().clone(),
                series: series.get_ref().clone(),
                problem_at: doc.problem(series.span(), format!("{path}.series"), ""),
            });
        }
        if !seen.insert(raw.id.get_ref().clone()) {
            problems.push(doc.problem(
                raw.id.span(),
                format!("{path}.id"),
                format!("指标序号“{}”重复：每个指标的序号必须唯一", raw.id.get_ref()),
            ));
        }
        if let Some(indicator) = check_indicator(doc, &path, raw, &frame, &ids, &mut problems) {
            indicators.push(indicator);
        }
    }

    let Some(raw_plan) = raw_plan.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let categories = raw_plan.categories.into_inner();
    Ok((
        Plan {
            id: raw_plan.id,
            name: raw_plan.name,
            short_name: raw_plan.short_name,
            region: raw_plan.region,
            start_year: *raw_plan.start_year.get_ref(),
            end_year: *raw_plan.end_year.get_ref(),
            baseline_year: *raw_plan.baseline_year.get_ref(),
            source: raw_plan.source,
            categories,
            thresholds,
            labels,
            indicators,
        },
        series_refs,
    ))
}

/// What indicators are checked against: the plan's categories and years, where [plan] could be read.
struct Frame {
    categories: Option<Vec<String>>,
    years: Option<(i32, i32)>,
}

fn check_years(doc: &Document<'_>, plan: &RawPlan, problems: &mut Vec<Problem>) {
    let (start, end, base) = (
        *plan.start_year.get_ref(),
        *plan.end_year.get_ref(),
        *plan.baseline_year.get_ref(),
    );
    if !(1900..=2200).contains(&start) {
        problems.push(doc.problem(
            plan.start_year.span(),
            "plan.start_year",
            format!("起始年份 {start} 不合理：应为四位年份，如 2026"),
        ));
    }
    if end < start {
        problems.push(doc.problem(
            plan.end_year.span(),
            "plan.end_year",
            format!("结束年份 {end} 早于起始年份 {start}"),
        ));
    } else if end - start > 50 {
        problems.push(doc.problem(
            plan.end_year.span(),
            "plan.end_year",
            format!("规划期 {start}–{end} 过长：应不超过 50 年"),
        ));
    }
    if base >= start || start - base > 5 {
        problems.push(doc.problem(
            plan.baseline_year.span(),
            "plan.baseline_year",
            format!(
                "基期年份 {base} 应在规划起始年份 {start} 之前（通常为前一年，如 {}）",
                start - 1
            ),
        ));
    }
}

fn check_thresholds(
    doc: &Document<'_>,
    raw: RawThresholds,
    problems: &mut Vec<Problem>,
) -> Thresholds {
    let defaults = Thresholds::default();
    let mut take = |value: Option<Spanned<f64>>, name: &str, default: f64| -> f64 {
        match value {
            None => default,
            Some(v) if v.get_ref().is_finite() && *v.get_ref() >= 0.0 => *v.get_ref(),
            Some(v) => {
                problems.push(doc.problem(
                    v.span(),
                    format!("thresholds.{name}"),
                    "阈值应为非负的有限数字",
                ));
                default
            }
        }
    };
    let on_track_span = raw.on_track_ratio.as_ref().map(|v| v.span());
    let t = Thresholds {
        on_track_ratio: take(
            raw.on_track_ratio,
            "on_track_ratio",
            defaults.on_track_ratio,
        ),
        lagging_ratio: take(raw.lagging_ratio, "lagging_ratio", defaults.lagging_ratio),
        ahead_ratio: take(raw.ahead_ratio, "ahead_ratio", defaults.ahead_ratio),
        about_tolerance_pct: take(
            raw.about_tolerance_pct,
            "about_tolerance_pct",
            defaults.about_tolerance_pct,
        ),
        projection_on_track_pct: take(
            raw.projection_on_track_pct,
            "projection_on_track_pct",
            defaults.projection_on_track_pct,
        ),
        projection_near_pct: take(
            raw.projection_near_pct,
            "projection_near_pct",
            defaults.projection_near_pct,
        ),
        in_step_tolerance_pp: take(
            raw.in_step_tolerance_pp,
            "in_step_tolerance_pp",
            defaults.in_step_tolerance_pp,
        ),
    };
    if !(t.lagging_ratio <= t.on_track_ratio && t.on_track_ratio <= t.ahead_ratio) {
        problems.push(doc.problem(
            on_track_span.unwrap_or(0..0),
            "thresholds",
            format!(
                "阈值顺序不对：应满足 lagging_ratio ≤ on_track_ratio ≤ ahead_ratio（现为 {} / {} / {}）",
                t.lagging_ratio, t.on_track_ratio, t.ahead_ratio
            ),
        ));
    }
    t
}

fn check_indicator(
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
    if problems.len() > before {
        return None;
    }
    Some(Indicator {
        id: raw.id.into_inner(),
        group: raw.group,
        series: raw.series.map(Spanned::into_inner),
        name: raw.name.into_inner(),
        unit: raw.unit,
        category: raw.category.into_inner(),
        attribute: attribute?,
        level: level?,
        better: better?,
        note: raw.note,
        average_or_cumulative: raw.average_or_cumulative,
        baseline,
        target: target?,
    })
}

fn finite(
    v: Spanned<f64>,
    field: &str,
    bad: &mut impl FnMut(std::ops::Range<usize>, &str, String),
) -> Option<f64> {
    if v.get_ref().is_finite() {
        Some(*v.get_ref())
    } else {
        bad(
            v.span(),
            field,
            format!(
                "数值 {} 无效：应为有限的数字（不能是 nan 或 inf）",
                v.get_ref()
            ),
        );
        None
    }
}

fn check_target(
    raw: Spanned<RawTarget>,
    years: Option<(i32, i32)>,
    ids: &HashSet<String>,
    bad: &mut impl FnMut(std::ops::Range<usize>, &str, String),
) -> Option<Target> {
    let span = raw.span();
    let raw = raw.into_inner();
    let year = *raw.year.get_ref();
    if let Some((start, end)) = years
        && (year < start || year > end)
    {
        bad(
            raw.year.span(),
            "target.year",
            format!("目标年份 {year} 应在规划期 {start}–{end} 之内"),
        );
    }
    let kind_name = raw.kind.get_ref().clone();
    let kind_span = raw.kind.span();
    // Which optional fields each kind takes; anything else is a mistake worth naming.
    let allowed: &[&str] = match kind_name.as_str() {
        "at_least" | "at_most" | "maintain" | "average_growth" => &["value"],
        "about" => &["value", "tolerance"],
        "cumulative" => &["total", "annual_floor"],
        "in_step" => &["with"],
        "province_assigned" | "direction" => &[],
        other => {
            bad(
                kind_span,
                "target.kind",
                format!(
                    "目标类型“{other}”无法识别：应为 {}",
                    TargetKind::NAMES.join("、")
                ),
            );
            return None;
        }
    };
    let present = [
        ("value", raw.value.as_ref().map(|v| v.span())),
        ("total", raw.total.as_ref().map(|v| v.span())),
        ("annual_floor", raw.annual_floor.as_ref().map(|v| v.span())),
        ("tolerance", raw.tolerance.as_ref().map(|v| v.span())),
        ("with", raw.with.as_ref().map(|v| v.span())),
    ];
    for (field, field_span) in present {
        if let Some(field_span) = field_span
            && !allowed.contains(&field)
        {
            bad(
                field_span,
                &format!("target.{field}"),
                format!("目标类型 {kind_name} 不使用字段 {field}"),
            );
        }
    }
    let mut need = |v: Option<Spanned<f64>>, field: &str, example: &str| -> Option<f64> {
        match v {
            Some(v) => finite(v, &format!("target.{field}"), bad),
            None => {
                bad(
                    span.clone(),
                    &format!("target.{field}"),
                    format!("目标类型 {kind_name} 需要字段 {field}（例如 {field} = {example}）"),
                );
                None
            }
        }
    };
    let kind = match kind_name.as_str() {
        "at_least" => TargetKind::AtLeast {
            value: need(raw.value, "value", "35")?,
        },
        "at_most" => TargetKind::AtMost {
            value: need(raw.value, "value", "8.8")?,
        },
        "maintain" => TargetKind::Maintain {
            value: need(raw.value, "value", "65")?,
        },
        "average_growth" => TargetKind::AverageGrowth {
            rate_pct: need(raw.value, "value", "5.0")?,
        },
        "about" => {
            let value = need(raw.value, "value", "1.58")?;
            let tolerance = match raw.tolerance {
                Some(t) if t.get_ref().is_finite() && *t.get_ref() >= 0.0 => Some(*t.get_ref()),
                Some(t) => {
                    bad(
                        t.span(),
                        "target.tolerance",
                        "容差应为非负的有限数字".into(),
                    );
                    None
                }
                None => None,
            };
            TargetKind::About { value, tolerance }
        }
        "cumulative" => {
            let total = need(raw.total, "total", "125")?;
            let annual_floor = match raw.annual_floor {
                Some(v) => Some(finite(v, "target.annual_floor", bad)?),
                None => None,
            };
            TargetKind::Cumulative {
                total,
                annual_floor,
            }
        }
        "in_step" => match raw.with {
            Some(with) if ids.contains(with.get_ref()) => TargetKind::InStep {
                with: with.into_inner(),
            },
            Some(with) => {
                bad(
                    with.span(),
                    "target.with",
                    format!("同步对象“{}”不是本规划中的指标序号", with.get_ref()),
                );
                return None;
            }
            None => {
                bad(
                    span,
                    "target.with",
                    "目标类型 in_step 需要字段 with：与之同步的指标序号（例如 with = \"1\"）"
                        .into(),
                );
                return None;
            }
        },
        "province_assigned" => TargetKind::ProvinceAssigned,
        _ => TargetKind::Direction,
    };
    Some(Target {
        year,
        text: raw.text,
        kind,
    })
}
