//! Named scenarios (`scenarios/*.toml`): a name, a description saying where its numbers come from, and the
//! assumptions it changes; everything it does not state keeps the data's default.

use serde::Serialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use super::assumptions::{Assumptions, Item, PopulationPath, Yearly};
use crate::load::Problem;
use crate::load::document::Document;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedScenario {
    pub name: String,
    pub description: String,
    /// Where the scenario's numbers come from (a quote of the report, or "示意").
    pub source: String,
    /// The file it was read from, for messages.
    pub file: String,
    pub growth: Option<Yearly>,
    pub population: Option<PopulationPath>,
    pub fx: Option<Yearly>,
    pub deflator: Option<Yearly>,
}

impl NamedScenario {
    /// The scenario's assumptions laid over `base`, each marked as coming from this scenario.
    pub fn apply(&self, base: Assumptions) -> Assumptions {
        let mut a = base;
        let from = format!("情景“{}”，{}", self.name, self.file);
        if let Some(growth) = &self.growth {
            a = a
                .with_growth_yearly(growth.clone())
                .with_source(Item::Growth, &from);
        }
        if let Some(population) = &self.population {
            a = a
                .with_population(population.clone())
                .with_source(Item::Population, &from);
        }
        if let Some(fx) = &self.fx {
            a = a.with_fx_yearly(fx.clone()).with_source(Item::Fx, &from);
        }
        if let Some(deflator) = &self.deflator {
            a = a
                .with_deflator_yearly(deflator.clone())
                .with_source(Item::Deflator, &from);
        }
        a
    }

    /// The growth rate as a short label for tables ("5.4%", "逐年 5、5.2…%").
    pub fn growth_label(&self) -> Option<String> {
        self.growth.as_ref().map(|g| g.describe("%"))
    }
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
pub(super) fn field<T: DeserializeOwned>(
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
