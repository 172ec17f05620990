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
            explanation: None,
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
    // A negative amount is also impossible now (issue 23): both are said.
    assert_eq!(
        checks_on(&ds, "gdp", "2026"),
        vec![Check::Negative, Check::SignChange]
    );
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

#[test]
fn in_year_typos_and_impossibles() {
    let impossible = |ds: &Dataset, series: &str, period: &str| {
        check_dataset(ds, &plan_years(&DataSource::Shipped), today())
            .into_iter()
            .filter(|w| w.series == series && w.period.to_string() == period)
            .map(|w| (w.check, w.impossible))
            .collect::<Vec<_>>()
    };
    // PM2.5: 27.1 in 一季度, 275 in 上半年 is ten times off; 27.5 is fine.
    let mut ds = shipped();
    with(&mut ds, "26", "2026Q1", 27.1);
    with(&mut ds, "26", "2026H1", 275.0);
    assert_eq!(
        impossible(&ds, "26", "2026H1"),
        vec![(Check::InYear, false)]
    );
    let mut ds = shipped();
    with(&mut ds, "26", "2026Q1", 27.1);
    with(&mut ds, "26", "2026H1", 27.5);
    assert!(impossible(&ds, "26", "2026H1").is_empty());
    // A year-to-date amount growing with the months is not a jump.
    let mut ds = shipped();
    with(&mut ds, "21", "2026Q1", 700.0);
    with(&mut ds, "21", "2026", 2900.0);
    assert!(
        impossible(&ds, "21", "2026").is_empty(),
        "{:?}",
        impossible(&ds, "21", "2026")
    );
    // ... but 275 beside 2750 is.
    let mut ds = shipped();
    with(&mut ds, "21", "2026H1", 275.0);
    with(&mut ds, "21", "2026Q3", 2750.0);
    assert!(impossible(&ds, "21", "2026H1").contains(&(Check::InYear, false)));
    // A share of 854% is impossible, not merely implausible.
    let mut ds = shipped();
    with(&mut ds, "urbanisation", "2026", 854.0);
    assert!(impossible(&ds, "urbanisation", "2026").contains(&(Check::ShareRange, true)));
    // A growth rate to date that jumps tenfold.
    let mut ds = shipped();
    with(&mut ds, "gdp_growth", "2026H1", 5.2);
    with(&mut ds, "gdp_growth", "2026Q3", 52.0);
    assert!(impossible(&ds, "gdp_growth", "2026Q3").contains(&(Check::InYear, false)));
}
