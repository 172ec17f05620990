//! Indicators defined as a share of GDP (R&D 4.5%, digital-economy core 32%): under a GDP path, how fast must the
//! numerator grow to reach the target share? A faster GDP raises the bar for the numerator.

use serde::Serialize;

use super::engine::Outcome;
use super::goals::RatioSpec;
use crate::assess::growth::{cagr, required_rate};
use crate::model::Dataset;
use crate::text::fmt_number;

/// What one share-of-GDP indicator needs under one scenario. Numbers are None where the data leave a gap,
/// and `note` says which.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioRequirement {
    pub indicator: String,
    pub name: String,
    pub numerator: String,
    /// Share in the base year, percent, and where it comes from.
    pub base_share_pct: Option<f64>,
    pub base_share_source: String,
    pub target_share_pct: Option<f64>,
    /// The numerator in the base year, 亿元: recorded, or the share times GDP.
    pub base_numerator: Option<f64>,
    pub base_numerator_basis: String,
    /// The numerator the target share needs in the end year under this GDP path, 亿元.
    pub needed_numerator: Option<f64>,
    pub required_numerator_growth_pct: Option<f64>,
    /// The scenario's nominal GDP growth a year, percent, to compare with.
    pub gdp_growth_pct: Option<f64>,
    pub note: String,
}

/// The requirement of every share-of-GDP indicator in `specs` under `outcome`'s GDP path.
pub fn ratio_requirements(
    dataset: &Dataset,
    specs: &[RatioSpec],
    outcome: &Outcome,
) -> Vec<RatioRequirement> {
    specs
        .iter()
        .map(|spec| requirement(dataset, spec, outcome))
        .collect()
}

fn requirement(dataset: &Dataset, spec: &RatioSpec, o: &Outcome) -> RatioRequirement {
    let years = f64::from(o.end_year - o.base_year);
    let indicator = dataset.plan.indicator(&spec.indicator);
    let mut r = RatioRequirement {
        indicator: spec.indicator.clone(),
        name: indicator.map(|i| i.display_name()).unwrap_or_default(),
        numerator: spec.numerator.clone(),
        base_share_pct: None,
        base_share_source: String::new(),
        target_share_pct: None,
        base_numerator: None,
        base_numerator_basis: String::new(),
        needed_numerator: None,
        required_numerator_growth_pct: None,
        gdp_growth_pct: cagr(o.base_gdp, o.end_gdp, years).map(|g| g * 100.0),
        note: String::new(),
    };
    let Some(indicator) = indicator else {
        r.note = format!("规划中没有指标“{}”", spec.indicator);
        return r;
    };
    let history = &dataset.history;
    let recorded = history
        .yearly(indicator.series_id(), o.base_year)
        .into_iter()
        .find(|x| x.period.year == o.base_year);
    r.base_share_pct = recorded.map(|x| x.value).or_else(|| {
        indicator
            .baseline
            .as_ref()
            .filter(|b| b.year == o.base_year)
            .and_then(|b| b.value)
    });
    r.base_share_source = match recorded {
        Some(x) => format!("{} 年{}数，{}", o.base_year, x.status.label_zh(), x.source),
        None => match indicator
            .baseline
            .as_ref()
            .filter(|_| r.base_share_pct.is_some())
        {
            Some(b) => format!("规划表 {} 年基期值“{}”（无该年实际数据）", b.year, b.text),
            None => String::new(),
        },
    };
    r.target_share_pct = (indicator.target.year == o.end_year)
        .then(|| indicator.target.kind.value())
        .flatten();
    let recorded_numerator = spec.context.as_deref().and_then(|c| {
        history
            .yearly(c, o.base_year)
            .into_iter()
            .find(|x| x.period.year == o.base_year)
    });
    match (recorded_numerator, r.base_share_pct) {
        (Some(x), _) => {
            r.base_numerator = Some(x.value);
            r.base_numerator_basis = format!("{} 年实际值（{}）", o.base_year, x.source);
        }
        (None, Some(share)) => {
            r.base_numerator = Some(share / 100.0 * o.base_gdp);
            r.base_numerator_basis = format!(
                "由占比推算：{}% × {} 亿元",
                fmt_number(share, 4),
                fmt_number(o.base_gdp, 2)
            );
        }
        (None, None) => {}
    }
    r.needed_numerator = r.target_share_pct.map(|t| t / 100.0 * o.end_gdp);
    r.required_numerator_growth_pct = match (r.base_numerator, r.needed_numerator) {
        (Some(from), Some(to)) => required_rate(from, to, years).map(|g| g * 100.0),
        _ => None,
    };
    r.note = match (
        r.base_share_pct.is_some() || r.base_numerator.is_some(),
        r.target_share_pct.is_some(),
    ) {
        (false, _) => format!("缺少 {} 年的占比数据，无法计算", o.base_year),
        (_, false) => format!("规划中指标 {} 没有 {} 年的目标值", indicator.id, o.end_year),
        _ => String::new(),
    };
    r
}
