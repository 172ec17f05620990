use chrono::NaiveDate;

use super::*;
use crate::load::{DataSource, load, plan_years};
use crate::model::{ObservationStatus, Origin};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()
}

fn shipped() -> Dataset {
    load(&DataSource::Shipped, Some("hangzhou-15th")).unwrap()
}

fn with(dataset: &mut Dataset, series: &str, period: &str, value: f64) {
    dataset.history.add_observation(
        series,
        Observation {
            period: period.parse().unwrap(),
            value,
            status: ObservationStatus::Preliminary,
            source: "测试".into(),
            quote: String::new(),
            reliability: String::new(),
            published: None,
            recorded: today(),
            note: String::new(),
            accepted: None,
            origin: Origin {
                file: "history/test.toml".into(),
                line: 7,
            },
        },
    );
}

fn checks_on(dataset: &Dataset, series: &str, period: &str) -> Vec<Check> {
    check_dataset(dataset, &plan_years(&DataSource::Shipped), today())
        .into_iter()
        .filter(|w| w.series == series && w.period.to_string() == period)
        .map(|w| w.check)
        .collect()
}

#[test]
fn shipped_data_raises_no_warning() {
    let ds = shipped();
    let warnings = check_dataset(&ds, &plan_years(&DataSource::Shipped), today());
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn urbanisation_854_is_stopped_and_85_4_passes() {
    let mut ds = shipped();
    with(&mut ds, "urbanisation", "2026", 854.0);
    let found = checks_on(&ds, "urbanisation", "2026");
    assert!(found.contains(&Check::ShareRange), "{found:?}");
    assert!(found.contains(&Check::Jump), "{found:?}");
    let mut ds = shipped();
    with(&mut ds, "urbanisation", "2026", 85.4);
    assert!(checks_on(&ds, "urbanisation", "2026").is_empty());
}

#[test]
fn growth_rates_sign_changes_and_dates() {
    let mut ds = shipped();
    with(&mut ds, "gdp_growth", "2026", 55.0);
    assert_eq!(
        checks_on(&ds, "gdp_growth", "2026"),
        vec![Check::GrowthLimit]
    );
    let mut ds = shipped();
    with(&mut ds, "gdp", "2026", -5.0);
    assert_eq!(checks_on(&ds, "gdp", "2026"), vec![Check::SignChange]);
    let mut ds = shipped();
    with(&mut ds, "gdp", "2028", 26000.0);
    assert_eq!(checks_on(&ds, "gdp", "2028"), vec![Check::FuturePeriod]);
    let mut ds = shipped();
    with(&mut ds, "gdp", "2040", 26000.0);
    let found = checks_on(&ds, "gdp", "2040");
    assert!(found.contains(&Check::OutsidePlans), "{found:?}");
}

#[test]
fn a_plan_can_widen_the_factor() {
    let mut ds = shipped();
    with(&mut ds, "gdp", "2026", 80000.0);
    assert_eq!(checks_on(&ds, "gdp", "2026"), vec![Check::Jump]);
    ds.plan.plausibility.factor = 5.0;
    assert!(checks_on(&ds, "gdp", "2026").is_empty());
}

#[test]
fn period_ends() {
    let end = |p: &str| period_end(p.parse().unwrap()).to_string();
    assert_eq!(end("2026"), "2026-12-31");
    assert_eq!(end("2026Q3"), "2026-09-30");
    assert_eq!(end("2026H1"), "2026-06-30");
    assert_eq!(end("2026-08"), "2026-08-31");
    assert_eq!(end("2026-02"), "2026-02-28");
}
