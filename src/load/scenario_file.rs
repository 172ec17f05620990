//! The files of `scenarios/`: `goals.toml` (the headline goals and the report's assumptions) and one file per named
//! scenario. Raw serde shapes, then checks that report every problem with its file, line, column and field.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::document::Document;
use crate::problem::Problem;
use crate::scenario::assumptions::{PopulationPath, Yearly};
use crate::scenario::goals::{Defaults, Goals, RatioSpec};
use crate::scenario::named::NamedScenario;

/// What `goals.toml` holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalsFile {
    pub plan: String,
    pub source: String,
    pub goals: Goals,
    pub defaults: Defaults,
    pub ratios: Vec<RatioSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoals {
    gdp: Spanned<f64>,
    per_capita_usd: Spanned<f64>,
    quote: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    growth_indicator: String,
    population_change: Spanned<f64>,
    population_quote: String,
    fx_year: i32,
    fx_quote: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRatio {
    indicator: String,
    numerator: String,
    context: Option<String>,
    #[serde(default)]
    quote: String,
}

/// Reads `goals.toml`, reporting every problem with its place.
pub(super) fn read_goals(doc: &Document<'_>, problems: &mut Vec<Problem>) -> Option<GoalsFile> {
    doc.unknown_keys(&["plan", "source", "goals", "defaults", "ratio"], problems);
    let before = problems.len();
    let plan: Option<String> = field(doc, "plan", problems);
    let source: Option<String> = field(doc, "source", problems);
    let goals = required(doc, "goals", problems).and_then(|v| {
        doc.read::<RawGoals>(v, "goals")
            .map_err(|p| problems.push(p))
            .ok()
    });
    let defaults = required(doc, "defaults", problems).and_then(|v| {
        doc.read::<RawDefaults>(v, "defaults")
            .map_err(|p| problems.push(p))
            .ok()
    });
    let mut ratios = Vec::new();
    for (index, value) in doc.array("ratio", problems) {
        match doc.read::<RawRatio>(value, &format!("ratio[{}]", index + 1)) {
            Ok(r) => ratios.push(RatioSpec {
                indicator: r.indicator,
                numerator: r.numerator,
                context: r.context,
                quote: r.quote,
            }),
            Err(p) => problems.push(p),
        }
    }
    if let Some(g) = &goals {
        for (value, field) in [
            (&g.gdp, "goals.gdp"),
            (&g.per_capita_usd, "goals.per_capita_usd"),
        ] {
            if !(value.get_ref().is_finite() && *value.get_ref() > 0.0) {
                problems.push(doc.problem(
                    value.span(),
                    field,
                    format!("目标值 {} 应为正数", value.get_ref()),
                ));
            }
        }
    }
    if let Some(d) = &defaults
        && !d.population_change.get_ref().is_finite()
    {
        problems.push(doc.problem(
            d.population_change.span(),
            "defaults.population_change",
            "应为有限的数（万人）",
        ));
    }
    if plan.is_none() {
        problems.push(doc.problem(
            0..0,
            "plan",
            "缺少 plan：请写明目标属于哪个规划（规划 id，如 \"hangzhou-15th\"）",
        ));
    }
    let (Some(plan), Some(goals), Some(defaults)) = (plan, goals, defaults) else {
        return None;
    };
    if problems.len() > before {
        return None;
    }
    let source = source.unwrap_or_default();
    Some(GoalsFile {
        goals: Goals {
            gdp: goals.gdp.into_inner(),
            per_capita_usd: goals.per_capita_usd.into_inner(),
            source: source.clone(),
            quote: goals.quote,
        },
        defaults: Defaults {
            growth_indicator: defaults.growth_indicator,
            population_change: defaults.population_change.into_inner(),
            population_quote: defaults.population_quote,
            fx_year: defaults.fx_year,
            fx_quote: defaults.fx_quote,
        },
        plan,
        source,
        ratios,
    })
}

fn required<'d, 'a>(
    doc: &'d Document<'a>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'d Spanned<toml::de::DeValue<'a>>> {
    let value = doc.get(key);
    if value.is_none() {
        problems.push(doc.problem(0..0, key, format!("缺少 [{key}] 表")));
    }
    value
}

const KEYS: [&str; 12] = [
    "name",
    "description",
    "source",
    "growth",
    "growth_path",
    "population_change",
    "population_annual_change",
    "population_end",
    "fx",
    "fx_path",
    "deflator",
    "deflator_path",
];

/// Reads one scenario file; every problem is reported with its file, line and column.
pub(super) fn read_scenario(
    doc: &Document<'_>,
    problems: &mut Vec<Problem>,
) -> Option<NamedScenario> {
    doc.unknown_keys(&KEYS, problems);
    let before = problems.len();
    let name: Option<String> = field(doc, "name", problems);
    let description: Option<String> = field(doc, "description", problems);
    let source: Option<String> = field(doc, "source", problems);
    for (key, text) in [
        (&name, "name（情景名称）"),
        (&description, "description（说明：数值从何而来）"),
    ] {
        if key.as_deref().is_none_or(|s| s.trim().is_empty()) {
            let k = text.split('（').next().unwrap_or(text);
            problems.push(doc.problem(
                doc.get(k).map_or(0..0, |v| v.span()),
                k,
                format!("缺少 {text}，或为空"),
            ));
        }
    }

    let growth = one_of(
        doc,
        "growth",
        "growth_path",
        problems,
        |pct| pct > -100.0,
        "增速应大于 −100（%）",
    );
    let fx = one_of(
        doc,
        "fx",
        "fx_path",
        problems,
        |rate| rate > 0.0,
        "汇率应为正数（元/美元）",
    );
    let deflator = one_of(
        doc,
        "deflator",
        "deflator_path",
        problems,
        |pct| pct > -100.0,
        "价格涨幅应大于 −100（%）",
    );
    let population = population(doc, problems);

    if problems.len() > before {
        return None;
    }
    Some(NamedScenario {
        name: name?.trim().to_string(),
        description: description?.trim().to_string(),
        source: source.unwrap_or_default(),
        file: doc.file.name.clone(),
        growth,
        population,
        fx,
        deflator,
    })
}

/// An optional top-level field of type `T`; a wrong type is a located problem.
fn field<T: DeserializeOwned>(
    doc: &Document<'_>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let value = doc.get(key)?;
    doc.read::<T>(value, key).map_err(|p| problems.push(p)).ok()
}

/// A value for every year, written either as one number (`key`) or as a list (`path_key`), never both.
fn one_of(
    doc: &Document<'_>,
    key: &str,
    path_key: &str,
    problems: &mut Vec<Problem>,
    valid: fn(f64) -> bool,
    rule: &str,
) -> Option<Yearly> {
    let single: Option<Spanned<f64>> = field(doc, key, problems);
    let list: Option<Spanned<Vec<f64>>> = field(doc, path_key, problems);
    let mut check = |value: f64, span: std::ops::Range<usize>, field: &str| {
        if !(value.is_finite() && valid(value)) {
            problems.push(doc.problem(span, field, format!("{value}：{rule}")));
        }
    };
    match (single, list) {
        (Some(s), None) => {
            check(*s.get_ref(), s.span(), key);
            Some(Yearly::Constant(s.into_inner()))
        }
        (None, Some(l)) => {
            for (i, v) in l.get_ref().iter().enumerate() {
                check(*v, l.span(), &format!("{path_key}[{}]", i + 1));
            }
            if l.get_ref().is_empty() {
                problems.push(doc.problem(l.span(), path_key, "列表为空：应为每年一个数"));
            }
            Some(Yearly::PerYear(l.into_inner()))
        }
        (Some(s), Some(_)) => {
            problems.push(doc.problem(s.span(), key, format!("{key} 与 {path_key} 只能写一个")));
            None
        }
        (None, None) => None,
    }
}

fn population(doc: &Document<'_>, problems: &mut Vec<Problem>) -> Option<PopulationPath> {
    let keys = [
        "population_change",
        "population_annual_change",
        "population_end",
    ];
    let given: Vec<(&str, Spanned<f64>)> = keys
        .iter()
        .filter_map(|k| field::<Spanned<f64>>(doc, k, problems).map(|v| (*k, v)))
        .collect();
    let [(key, value)] = given.as_slice() else {
        if let Some((_, value)) = given.get(1) {
            problems.push(doc.problem(
                value.span(),
                "population",
                format!("{} 只能写其中一个", keys.join("、")),
            ));
        }
        return None;
    };
    let v = *value.get_ref();
    let ok = v.is_finite() && (*key != "population_end" || v > 0.0);
    if !ok {
        problems.push(doc.problem(
            value.span(),
            *key,
            format!(
                "{v}：应为有限的数（万人）{}",
                if *key == "population_end" {
                    "，且为正数"
                } else {
                    ""
                }
            ),
        ));
    }
    Some(match *key {
        "population_change" => PopulationPath::TotalChange(v),
        "population_annual_change" => PopulationPath::AnnualChange(v),
        _ => PopulationPath::EndLevel(v),
    })
}
