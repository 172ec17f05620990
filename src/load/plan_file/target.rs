//! The `target` of an indicator: its kind, and exactly the fields that kind needs.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::frame::finite;
use crate::model::{Target, TargetKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    year: Spanned<i32>,
    kind: Spanned<String>,
    text: String,
    value: Option<Spanned<f64>>,
    total: Option<Spanned<f64>>,
    annual_floor: Option<Spanned<f64>>,
    tolerance: Option<Spanned<f64>>,
    with: Option<Spanned<String>>,
    by: Option<Spanned<f64>>,
}

pub(super) fn check_target(
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
        "in_step" | "above" => &["with"],
        "rise" => &["by"],
        "province_assigned" | "direction" | "yearly" => &[],
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
        ("by", raw.by.as_ref().map(|v| v.span())),
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
        "rise" => TargetKind::Rise {
            by: need(raw.by, "by", "1")?,
        },
        "in_step" | "above" => match raw.with {
            Some(with) if ids.contains(with.get_ref()) => {
                let with = with.into_inner();
                if kind_name == "above" {
                    TargetKind::Above { with }
                } else {
                    TargetKind::InStep { with }
                }
            }
            Some(with) => {
                bad(
                    with.span(),
                    "target.with",
                    format!("比较对象“{}”不是本规划中的指标序号", with.get_ref()),
                );
                return None;
            }
            None => {
                bad(
                    span,
                    "target.with",
                    format!(
                        "目标类型 {kind_name} 需要字段 with：与之比较增速的指标序号（例如 with = \"1\"）"
                    ),
                );
                return None;
            }
        },
        "province_assigned" => TargetKind::ProvinceAssigned,
        "yearly" => TargetKind::Yearly,
        _ => TargetKind::Direction,
    };
    Some(Target {
        year,
        text: raw.text,
        kind,
    })
}
