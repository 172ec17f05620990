//! Each annual rule with worked numbers.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::{
    AnnualTarget, ContextSeries, History, ObservationStatus, Origin, Plan, Thresholds,
};

fn plan() -> Plan {
    Plan {
        id: "t".into(),
        name: "测试".into(),
        short_name: "测试".into(),
        region: "测试市".into(),
        parent: None,
        region_level: None,
        context: "context".into(),
        start_year: 2026,
        end_year: 2030,
        baseline_year: 2025,
        source: String::new(),
        categories: vec![],
        thresholds: Thresholds::default(),
        plausibility: Default::default(),
        labels: Default::default(),
        units: Default::default(),
        indicators: vec![],
    }
}

fn obs(period: &str, value: f64) -> Observation {
    Observation {
        period: period.parse().unwrap(),
        value,
        status: ObservationStatus::Preliminary,
        source: "测试".into(),
        quote: String::new(),
        reliability: String::new(),
        published: None,
        recorded: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        note: String::new(),
        accepted: None,
        explanation: None,
        origin: Origin {
            file: "t".into(),
            line: 1,
        },
    }
}

pub(crate) fn target(
    kind: AnnualKind,
    value: Option<f64>,
    upper: Option<f64>,
    text: &str,
) -> AnnualTarget {
    AnnualTarget {
        year: 2026,
        value,
        upper,
        text: text.into(),
        kind,
        better: None,
        tolerance: None,
        name: None,
        attribute: None,
        order: None,
        department: None,
        responsible: Vec::new(),
        frequency: None,
        due: Vec::new(),
        weight: None,
        source: "测试".into(),
        reliability: String::new(),
        recorded: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        origin: Origin {
            file: "t".into(),
            line: 1,
        },
    }
}

fn dataset(t: AnnualTarget, data: &[(&str, f64)]) -> Dataset {
    let mut history = History::default();
    history.context.push(ContextSeries {
        id: "x".into(),
        name: "测试序列".into(),
        unit: "%".into(),
        additive: false,
    });
    for (p, v) in data {
        history.add_observation("x", obs(p, *v));
    }
    history.add_annual_target("x", t);
    Dataset {
        plan: plan(),
        history,
    }
}

fn verdict(t: AnnualTarget, data: &[(&str, f64)], as_of: &str) -> AnnualAssessment {
    let ds = dataset(t, data);
    let p = assess_annual_plan(&ds, 2026, as_of.parse().unwrap());
    p.items.into_iter().next().unwrap()
}

fn gdp() -> AnnualTarget {
    target(AnnualKind::Growth, Some(5.0), Some(5.5), "增长5%—5.5%")
}

#[test]
fn a_growth_range_uses_its_low_end_and_calls_above_the_high_end_ahead() {
    let a = verdict(gdp(), &[("2026Q3", 5.4)], "2026Q3");
    assert_eq!(a.status, AnnualStatus::OnSchedule);
    assert_eq!(a.latest.unwrap().value, 5.4);
    let a = verdict(gdp(), &[("2026Q3", 4.6)], "2026Q3");
    assert_eq!(a.status, AnnualStatus::Behind);
    assert!(a.reason.contains("差 0.4"), "{}", a.reason);
    assert_eq!(
        verdict(gdp(), &[("2026H1", 5.0)], "2026H1").status,
        AnnualStatus::OnSchedule
    );
    assert_eq!(
        verdict(gdp(), &[("2026H1", 5.6)], "2026H1").status,
        AnnualStatus::Ahead
    );
    // The as-of period cuts off later figures.
    let a = verdict(gdp(), &[("2026H1", 4.0), ("2026Q3", 5.4)], "2026H1");
    assert_eq!(a.status, AnnualStatus::Behind);
    assert!(a.working.iter().any(|s| s.text.contains("目标线 5%")));
}

#[test]
fn a_growth_target_met_and_missed_at_year_end() {
    let met = target(AnnualKind::Growth, Some(6.5), None, "增长6.5%以上");
    assert_eq!(
        verdict(met.clone(), &[("2026", 6.6)], "2026").status,
        AnnualStatus::Met
    );
    // 2022: GDP 6.5%以上, outcome 1.5%: missed.
    let a = verdict(met, &[("2026", 1.5)], "2026");
    assert_eq!(a.status, AnnualStatus::Missed);
    assert!(a.reason.contains("差 5"), "{}", a.reason);
    // 7左右, 6.8: within the default ±0.5 pp → 基本完成.
    let about = target(AnnualKind::Growth, Some(7.0), None, "7左右");
    let a = verdict(about.clone(), &[("2026", 6.8)], "2026");
    assert_eq!(a.status, AnnualStatus::BasicallyMet);
    assert_eq!(a.target.tolerance, Some(0.5));
    assert_eq!(
        verdict(about.clone(), &[("2026", 6.4)], "2026").status,
        AnnualStatus::Missed
    );
    // In the year, within tolerance is on schedule.
    assert_eq!(
        verdict(about, &[("2026H1", 6.8)], "2026H1").status,
        AnnualStatus::OnSchedule
    );
    // A Q4 cumulative figure is a year-end figure.
    assert_eq!(
        verdict(gdp(), &[("2026Q4", 5.2)], "2026Q4").status,
        AnnualStatus::Met
    );
}

#[test]
fn a_lower_is_better_level_is_judged_against_its_ceiling() {
    let mut pm = target(
        AnnualKind::Level,
        Some(30.0),
        None,
        "PM2.5 30微克/立方米以下",
    );
    pm.better = Some(Better::Lower);
    assert_eq!(
        verdict(pm.clone(), &[("2026H1", 29.0)], "2026H1").status,
        AnnualStatus::OnSchedule
    );
    assert_eq!(
        verdict(pm.clone(), &[("2026H1", 31.0)], "2026H1").status,
        AnnualStatus::Behind
    );
    // 30 / 1.2 = 25: clearly ahead at 25 or below.
    assert_eq!(
        verdict(pm.clone(), &[("2026H1", 25.0)], "2026H1").status,
        AnnualStatus::Ahead
    );
    assert_eq!(
        verdict(pm, &[("2026", 30.5)], "2027").status,
        AnnualStatus::Missed
    );
}

#[test]
fn an_amount_uses_the_seasonal_share_where_earlier_years_have_it() {
    // 社零 突破10000: H1 4700. Earlier years: H1 4500 of 9600 (46.875%), 4300 of 9000 (47.78%) → 47.33%.
    let t = target(AnnualKind::Amount, Some(10000.0), None, "突破1万亿元");
    let data = [
        ("2024H1", 4500.0),
        ("2024", 9600.0),
        ("2023H1", 4300.0),
        ("2023", 9000.0),
        ("2026H1", 4700.0),
    ];
    let a = verdict(t.clone(), &data, "2026H1");
    assert_eq!(a.elapsed_basis, Some(ElapsedBasis::Seasonal));
    let expected = (4500.0 / 9600.0 + 4300.0 / 9000.0) / 2.0 * 100.0;
    assert!((a.elapsed_pct.unwrap() - expected).abs() < 1e-9);
    assert!((a.completion_pct.unwrap() - 47.0).abs() < 1e-9);
    assert_eq!(a.status, AnnualStatus::Behind, "47.0% < 47.33%");
    assert!(a.working.iter().any(|s| s.text.contains("季节性")));
    // Without history: calendar share 50% → 4700 is behind, 5100 on schedule.
    let a = verdict(t.clone(), &[("2026H1", 4700.0)], "2026H1");
    assert_eq!(a.elapsed_basis, Some(ElapsedBasis::Calendar));
    assert_eq!(a.elapsed_pct, Some(50.0));
    assert_eq!(a.status, AnnualStatus::Behind);
    assert!(a.working.iter().any(|s| s.text.contains("日历进度")));
    assert_eq!(
        verdict(t.clone(), &[("2026H1", 5100.0)], "2026H1").status,
        AnnualStatus::OnSchedule
    );
    // Months: 1—8月 is 8/12 of the year.
    let a = verdict(t.clone(), &[("2026-08", 7000.0)], "2026-08");
    assert!((a.elapsed_pct.unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(a.status, AnnualStatus::OnSchedule);
    assert_eq!(
        verdict(t, &[("2026", 10050.0)], "2026").status,
        AnnualStatus::Met
    );
}

#[test]
fn a_direction_is_judged_against_the_same_period_a_year_earlier() {
    let t = target(AnnualKind::Direction, None, None, "稳步提高");
    assert_eq!(
        verdict(t.clone(), &[("2025H1", 10.0), ("2026H1", 10.4)], "2026H1").status,
        AnnualStatus::OnSchedule
    );
    assert_eq!(
        verdict(t.clone(), &[("2025H1", 10.0), ("2026H1", 9.9)], "2026H1").status,
        AnnualStatus::Behind
    );
    let a = verdict(t, &[("2026H1", 9.9)], "2026H1");
    assert_eq!(a.status, AnnualStatus::NotAssessable);
    assert!(a.reason.contains("上年同期"));
}

#[test]
fn no_figure_or_no_year_yet_is_not_assessable_with_a_reason() {
    let a = verdict(gdp(), &[("2025", 5.3)], "2026Q3");
    assert_eq!(a.status, AnnualStatus::NotAssessable);
    assert!(a.reason.contains("尚无2026年的年内数据"), "{}", a.reason);
    let a = verdict(gdp(), &[("2026Q3", 5.4)], "2025");
    assert_eq!(a.status, AnnualStatus::NotAssessable);
    assert!(a.latest.is_none());
    let p = assess_annual_plan(
        &dataset(gdp(), &[("2026Q3", 5.4)]),
        2026,
        "2026Q3".parse().unwrap(),
    );
    let s = p.summary();
    assert_eq!((s.indicators, s.with_data, s.on_schedule), (1, 1, 1));
    assert!(
        p.items[0]
            .working
            .last()
            .unwrap()
            .text
            .starts_with("符合时序进度")
    );
}

proptest! {
    #[test]
    fn growth_verdicts_are_monotone_in_the_value(v in -10.0f64..20.0, dv in 0.0f64..5.0) {
        let rank = |s: AnnualStatus| match s {
            AnnualStatus::Behind => 0,
            AnnualStatus::OnSchedule => 1,
            AnnualStatus::Ahead => 2,
            _ => 9,
        };
        let a = verdict(gdp(), &[("2026H1", v)], "2026H1").status;
        let b = verdict(gdp(), &[("2026H1", v + dv)], "2026H1").status;
        prop_assert!(rank(a) <= rank(b));
    }

    #[test]
    fn amount_elapsed_share_is_a_share(h in 1.0f64..1000.0, f in 1000.0f64..5000.0, now in 0.0f64..5000.0) {
        let t = target(AnnualKind::Amount, Some(5000.0), None, "5000");
        let a = verdict(t, &[("2025H1", h), ("2025", f), ("2026H1", now)], "2026H1");
        let e = a.elapsed_pct.unwrap();
        prop_assert!(e > 0.0 && e <= 100.0);
        prop_assert!(a.status != AnnualStatus::NotAssessable);
    }
}

#[test]
fn the_newest_vintage_of_an_intra_year_figure_is_judged() {
    let mut ds = dataset(gdp(), &[("2026Q3", 4.6)]);
    let mut revised = obs("2026Q3", 5.1);
    revised.status = ObservationStatus::Revised;
    revised.recorded = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    ds.history.add_observation("x", revised);
    let a = &assess_annual_plan(&ds, 2026, "2026Q3".parse().unwrap()).items[0];
    assert_eq!(a.latest.unwrap().value, 5.1);
    assert_eq!(a.status, AnnualStatus::OnSchedule);
    assert_eq!(ds.history.all_vintages("x").len(), 2);
}

/// Issue 22: a strict annual line (＜5.5, 低于) is not met by the number itself; an inclusive one (5.5以下) is.
#[test]
fn strict_annual_lines_exclude_their_number() {
    for (text, expected) in [
        ("＜5.5", AnnualStatus::Missed),
        ("5.5以下", AnnualStatus::Met),
        ("低于5.5", AnnualStatus::Missed),
    ] {
        let mut t = target(AnnualKind::Level, Some(5.5), None, text);
        t.better = Some(crate::model::Better::Lower);
        let a = verdict(t.clone(), &[("2026", 5.5)], "2026");
        assert_eq!(a.status, expected, "{text}: {}", a.reason);
        assert_eq!(
            t.met_by(5.5, crate::model::Better::Lower),
            expected == AnnualStatus::Met
        );
    }
    let mut strict = target(AnnualKind::Level, Some(5.5), None, "＜5.5");
    strict.better = Some(crate::model::Better::Lower);
    let a = verdict(strict, &[("2026", 5.5)], "2026");
    assert!(
        a.working.iter().any(|s| s.text.contains("（低于目标值）")),
        "{:?}",
        a.working
    );
}
