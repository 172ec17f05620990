//! The plan file (`indicators/*.toml`): raw serde shapes, then checks that give each field its meaning.

mod frame;
mod indicator;
mod target;
pub(crate) mod units;

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::document::Document;
use crate::model::{Plan, Plausibility, RegionLevel, StatusLabels, Thresholds};
use crate::problem::Problem;
use frame::Frame;
use indicator::{RawIndicator, check_indicator};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: String,
    name: String,
    #[serde(default)]
    short_name: String,
    region: String,
    parent: Option<String>,
    /// 市 or 区县.
    level: Option<Spanned<String>>,
    /// The directory under `history/` with this region's context series.
    context: Option<Spanned<String>>,
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
    rollup_tolerance_pct: Option<Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPlausibility {
    factor: Option<Spanned<f64>>,
    growth_limit_pct: Option<Spanned<f64>>,
    years_before_baseline: Option<Spanned<i32>>,
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

/// Where an indicator names a shared series, to check once the history is read.
pub struct SeriesRef {
    pub indicator: String,
    pub series: String,
    pub problem_at: Problem,
}

/// Reads a plan file, collecting every problem rather than stopping at the first.
pub fn read_plan(doc: &Document<'_>) -> Result<(Plan, Vec<SeriesRef>), Vec<Problem>> {
    let mut problems = Vec::new();
    doc.unknown_keys(
        &[
            "plan",
            "thresholds",
            "plausibility",
            "labels",
            "units",
            "indicator",
        ],
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

    let plausibility = match doc.get("plausibility") {
        Some(v) => doc
            .read::<RawPlausibility>(v, "plausibility")
            .map(|raw| check_plausibility(doc, raw, &mut problems))
            .unwrap_or_else(|p| {
                problems.push(p);
                Plausibility::default()
            }),
        None => Plausibility::default(),
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

    let units = match doc.get("units") {
        Some(v) => doc
            .read::<units::RawUnits>(v, "units")
            .map(|raw| units::check_units(doc, raw, &mut problems))
            .unwrap_or_else(|p| {
                problems.push(p);
                Default::default()
            }),
        None => Default::default(),
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

    let region = raw_plan
        .as_ref()
        .map(|raw| check_region(doc, raw, &mut problems));
    let Some(raw_plan) = raw_plan.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let (region_level, context) = region.unwrap_or_default();
    let categories = raw_plan.categories.into_inner();
    Ok((
        Plan {
            id: raw_plan.id,
            name: raw_plan.name,
            short_name: raw_plan.short_name,
            region: raw_plan.region,
            parent: raw_plan.parent,
            region_level,
            context,
            start_year: *raw_plan.start_year.get_ref(),
            end_year: *raw_plan.end_year.get_ref(),
            baseline_year: *raw_plan.baseline_year.get_ref(),
            source: raw_plan.source,
            categories,
            thresholds,
            plausibility,
            labels,
            units,
            indicators,
        },
        series_refs,
    ))
}

/// The region's level (市 / 区县) and the directory of its context series.
fn check_region(
    doc: &Document<'_>,
    plan: &RawPlan,
    problems: &mut Vec<Problem>,
) -> (Option<RegionLevel>, String) {
    if plan.region.trim().is_empty() {
        problems.push(doc.problem(0..0, "plan.region", "地区名称不能为空"));
    }
    if plan.parent.as_deref() == Some(plan.region.as_str()) {
        problems.push(doc.problem(
            0..0,
            "plan.parent",
            format!("上级地区不能是本地区“{}”", plan.region),
        ));
    }
    let level = match plan.level.as_ref().map(|l| (l, l.get_ref().as_str())) {
        None => None,
        Some((_, "市" | "city")) => Some(RegionLevel::City),
        Some((_, "区县" | "区" | "县" | "county")) => Some(RegionLevel::County),
        Some((l, other)) => {
            problems.push(doc.problem(
                l.span(),
                "plan.level",
                format!("地区层级“{other}”无法识别：应为 市 或 区县（不清楚时可省略）"),
            ));
            None
        }
    };
    let context = match &plan.context {
        None => "context".to_string(),
        Some(c) => {
            let name = c.get_ref();
            let plain = !name.is_empty()
                && name != "."
                && name != ".."
                && !name.contains(['/', '\\'])
                && *name != plan.id;
            if !plain {
                problems.push(doc.problem(
                    c.span(),
                    "plan.context",
                    format!(
                        "背景数据目录“{name}”无效：应为 history/ 下的一个目录名（如 \"context-xihu\"），不能含路径分隔符，也不能与规划 id 相同"
                    ),
                ));
            }
            name.clone()
        }
    };
    (level, context)
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
        rollup_tolerance_pct: take(
            raw.rollup_tolerance_pct,
            "rollup_tolerance_pct",
            defaults.rollup_tolerance_pct,
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

fn check_plausibility(
    doc: &Document<'_>,
    raw: RawPlausibility,
    problems: &mut Vec<Problem>,
) -> Plausibility {
    let mut p = Plausibility::default();
    if let Some(v) = raw.factor {
        if v.get_ref().is_finite() && *v.get_ref() > 1.0 {
            p.factor = *v.get_ref();
        } else {
            problems.push(doc.problem(
                v.span(),
                "plausibility.factor",
                "倍数应为大于 1 的数字（如 3 表示比上期大 3 倍以上或小到三分之一以下时提示）",
            ));
        }
    }
    if let Some(v) = raw.growth_limit_pct {
        if v.get_ref().is_finite() && *v.get_ref() > 0.0 {
            p.growth_limit_pct = *v.get_ref();
        } else {
            problems.push(doc.problem(
                v.span(),
                "plausibility.growth_limit_pct",
                "增速界限应为正数（百分数，如 50）",
            ));
        }
    }
    if let Some(v) = raw.years_before_baseline {
        if (0..=50).contains(v.get_ref()) {
            p.years_before_baseline = *v.get_ref();
        } else {
            problems.push(doc.problem(
                v.span(),
                "plausibility.years_before_baseline",
                "应为 0–50 之间的整数年数",
            ));
        }
    }
    p
}
