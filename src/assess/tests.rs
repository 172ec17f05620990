//! Assessment tests: published cases as golden values, one test per target kind, and properties.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::{
    AnnualTarget, Attribute, Baseline, Better, History, Level, Observation, ObservationStatus,
    Origin, Plan, Target, Thresholds,
};

fn indicator(
    id: &str,
    better: Better,
    baseline: Option<(i32, f64)>,
    target_year: i32,
    kind: TargetKind,
) -> Indicator {
    Indicator {
        id: id.to_string(),
        number: None,
        group: None,
        series: None,
        code: None,
        name: format!("指标{id}"),
        unit: "%".to_string(),
        category: "经济发展".to_string(),
        attribute: Attribute::Expected,
        level: Some(Level::National),
        better,
        note: String::new(),
        average_or_cumulative: None,
        department: None,
        responsible: Vec::new(),
        frequency: None,
        due: Vec::new(),
        weight: None,
        baseline: baseline.map(|(year, value)| Baseline {
            year,
            value: Some(value),
            text: value.to_string(),
        }),
        target: Target {
            year: target_year,
            text: "目标".to_string(),
            kind,
        },
    }
}

fn plan(baseline_year: i32, end_year: i32, indicators: Vec<Indicator>) -> Plan {
    Plan {
        id: "t".into(),
        name: "测试".into(),
        short_name: "测试".into(),
        region: "测试".into(),
        parent: None,
        region_level: None,
        context: "context".into(),
        start_year: baseline_year + 1,
        end_year,
        baseline_year,
        source: String::new(),
        categories: vec!["经济发展".into()],
        thresholds: Thresholds::default(),
        plausibility: Default::default(),
        labels: Default::default(),
        units: Default::default(),
        indicators,
    }
}

fn obs(year: i32, value: f64) -> Observation {
    Observation {
        period: Period::year(year),
        value,
        status: ObservationStatus::Final,
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

fn dataset(plan: Plan, series: &[(&str, &[(i32, f64)])]) -> Dataset {
    let mut history = History::default();
    for (id, values) in series {
        for (year, value) in *values {
            history.add_observation(id, obs(*year, *value));
        }
    }
    Dataset { plan, history }
}

fn assess_one(ds: &Dataset, as_of: i32) -> Assessment {
    assess_indicator(ds, &ds.plan.indicators[0], as_of)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Statistics Canada 1-2-1 through the whole engine: lower is better, 14.5 (2015) → 10.2 (2023), target 7.25 (2030).
#[test]
fn canada_1_2_1_is_on_track() {
    let ind = indicator(
        "1-2-1",
        Better::Lower,
        Some((2015, 14.5)),
        2030,
        TargetKind::AtMost { value: 7.25 },
    );
    let ds = dataset(plan(2015, 2030, vec![ind]), &[("1-2-1", &[(2023, 10.2)])]);
    let a = assess_one(&ds, 2023);
    assert!(close(a.ratio.unwrap(), 0.9526, 0.00005), "{:?}", a.ratio);
    assert!(close(a.observed_growth_pct.unwrap(), -4.3017, 0.00005));
    assert_eq!(a.status, Status::OnTrack);
    assert!(!a.moving_away && !a.binding_alert);
}

/// DOMAIN §2: 100 → 110 after 2 of 5 years with target 135.
#[test]
fn time_sequenced_example_lags() {
    let ind = indicator(
        "x",
        Better::Higher,
        Some((2025, 100.0)),
        2030,
        TargetKind::AtLeast { value: 135.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("x", &[(2026, 104.0), (2027, 110.0)])],
    );
    let a = assess_one(&ds, 2027);
    assert!(close(a.completion_pct.unwrap(), 28.5714, 0.0001));
    assert!(close(a.elapsed_pct.unwrap(), 40.0, 1e-9));
    assert!(close(a.ratio.unwrap(), 0.789, 0.0005));
    assert!(close(a.required_growth_pct.unwrap(), 7.0649, 0.00005)); // DOMAIN: "7.07%", i.e. 7.065 rounded up
    assert_eq!(a.status, Status::Lagging);
    assert!(
        a.working.iter().any(|s| s.text.contains("(110/100)^(1/2)")),
        "{:#?}",
        a.working
    );
}

#[test]
fn level_statuses_from_achieved_to_moving_away() {
    let status_at = |latest: f64| {
        let ind = indicator(
            "x",
            Better::Higher,
            Some((2025, 100.0)),
            2030,
            TargetKind::AtLeast { value: 135.0 },
        );
        let ds = dataset(plan(2025, 2030, vec![ind]), &[("x", &[(2027, latest)])]);
        assess_one(&ds, 2027)
    };
    assert_eq!(status_at(136.0).status, Status::Achieved);
    assert_eq!(status_at(120.0).status, Status::Ahead);
    assert_eq!(status_at(113.0).status, Status::OnTrack);
    assert_eq!(status_at(101.0).status, Status::OffTrack);
    let away = status_at(95.0);
    assert!(away.status == Status::OffTrack && away.moving_away && away.ratio.unwrap() < 0.0);
}

#[test]
fn binding_shortfall_is_at_least_lagging_and_alerts() {
    let mut ind = indicator(
        "25",
        Better::Higher,
        Some((2025, 20.0)),
        2030,
        TargetKind::AtLeast { value: 25.0 },
    );
    ind.attribute = Attribute::Binding;
    // R ≈ 0.97: on track for an expected indicator, a shortfall for a binding one.
    let ds = dataset(
        plan(2025, 2030, vec![ind.clone()]),
        &[("25", &[(2026, 20.88)])],
    );
    let a = assess_one(&ds, 2026);
    assert!(
        a.ratio.unwrap() > 0.95 && a.ratio.unwrap() < 1.0,
        "{:?}",
        a.ratio
    );
    assert_eq!(a.status, Status::Lagging);
    assert!(a.binding_alert);
    ind.attribute = Attribute::Expected;
    let ds = dataset(plan(2025, 2030, vec![ind]), &[("25", &[(2026, 20.88)])]);
    assert_eq!(assess_one(&ds, 2026).status, Status::OnTrack);
}

#[test]
fn about_targets_accept_the_tolerance_band() {
    let kind = TargetKind::About {
        value: 1.58,
        tolerance: None,
    };
    let ind = indicator("15", Better::Lower, Some((2025, 1.63)), 2030, kind);
    let ds = dataset(plan(2025, 2030, vec![ind]), &[("15", &[(2027, 1.595)])]);
    // 1% of 1.58 = 0.0158: 1.595 is within the band.
    assert_eq!(assess_one(&ds, 2027).status, Status::Achieved);
}

#[test]
fn no_data_after_the_base_is_not_assessable_with_a_reason() {
    let ind = indicator(
        "x",
        Better::Higher,
        Some((2025, 100.0)),
        2030,
        TargetKind::AtLeast { value: 135.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("x", &[(2024, 95.0), (2025, 100.0)])],
    );
    let a = assess_one(&ds, 2025);
    assert_eq!(a.status, Status::NotAssessable);
    assert!(a.reason.contains("2025年"), "{}", a.reason);
    // The growth the plan needs is known from the start.
    assert!(close(
        a.required_growth_pct.unwrap(),
        (1.35f64.powf(0.2) - 1.0) * 100.0,
        1e-9
    ));
}

#[test]
fn average_growth_target_of_the_14th_plan_lags() {
    let ind = indicator(
        "g",
        Better::Higher,
        Some((2020, 3.9)),
        2025,
        TargetKind::AverageGrowth { rate_pct: 6.0 },
    );
    let rates: &[(i32, f64)] = &[
        (2021, 8.5),
        (2022, 1.5),
        (2023, 5.6),
        (2024, 4.7),
        (2025, 5.3),
    ];
    let ds = dataset(plan(2020, 2025, vec![ind]), &[("g", rates)]);
    let a = assess_one(&ds, 2025);
    let expected = ((1.085f64 * 1.015 * 1.056 * 1.047 * 1.053).powf(0.2) - 1.0) * 100.0;
    assert!(close(a.observed_growth_pct.unwrap(), expected, 1e-9));
    assert_eq!(a.status, Status::Lagging);
    // After three years the rest of the plan needs more than the target.
    let a = assess_one(&ds, 2023);
    let rest = required_after(6.0, &[8.5, 1.5, 5.6], 5);
    assert!(close(a.required_growth_pct.unwrap(), rest, 1e-9) && rest > 6.0);
}

fn required_after(target: f64, done: &[f64], n: i32) -> f64 {
    let product: f64 = done.iter().map(|g| 1.0 + g / 100.0).product();
    (((1.0 + target / 100.0).powi(n) / product).powf(1.0 / f64::from(n - done.len() as i32)) - 1.0)
        * 100.0
}

#[test]
fn cumulative_target_sums_and_needs_the_rest() {
    let kind = TargetKind::Cumulative {
        total: 125.0,
        annual_floor: Some(25.0),
    };
    let ind = indicator("12", Better::Higher, Some((2025, 25.0)), 2030, kind);
    let ds = dataset(
        plan(2025, 2030, vec![ind.clone()]),
        &[("12", &[(2026, 30.0), (2027, 28.0)])],
    );
    let a = assess_one(&ds, 2027);
    assert!(close(a.completion_pct.unwrap(), 46.4, 1e-9));
    // (125 − 58)/3 = 22.3 a year is below the floor of 25: the floor is the need.
    assert!(close(a.required_per_year.unwrap(), 25.0, 1e-9));
    assert_eq!(a.status, Status::OnTrack);
    // A year at or under the floor (﹥25 means more than 25) is a shortfall.
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("12", &[(2026, 40.0), (2027, 25.0)])],
    );
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::Lagging, "{}", a.reason);
}

#[test]
fn in_step_compares_with_the_named_indicator() {
    let gdp = indicator(
        "1",
        Better::Higher,
        Some((2025, 5.3)),
        2030,
        TargetKind::AverageGrowth { rate_pct: 5.0 },
    );
    let income = indicator(
        "13",
        Better::Higher,
        None,
        2030,
        TargetKind::InStep { with: "1".into() },
    );
    let ds = dataset(
        plan(2025, 2030, vec![income.clone(), gdp.clone()]),
        &[("13", &[(2026, 5.2)]), ("1", &[(2026, 5.4)])],
    );
    assert_eq!(assess_one(&ds, 2026).status, Status::OnTrack);
    let ds = dataset(
        plan(2025, 2030, vec![income.clone(), gdp.clone()]),
        &[("13", &[(2026, 4.5)]), ("1", &[(2026, 5.4)])],
    );
    assert_eq!(assess_one(&ds, 2026).status, Status::Lagging);
    let ds = dataset(
        plan(2025, 2030, vec![income, gdp]),
        &[("13", &[(2026, 4.5)])],
    );
    let a = assess_one(&ds, 2026);
    assert_eq!(a.status, Status::NotAssessable);
    assert!(a.reason.contains("指标1"), "{}", a.reason);
}

#[test]
fn province_assigned_needs_the_assigned_values() {
    let mut ind = indicator(
        "26",
        Better::Lower,
        Some((2025, 29.0)),
        2030,
        TargetKind::ProvinceAssigned,
    );
    ind.attribute = Attribute::Binding;
    let mut ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("26", &[(2026, 28.0), (2027, 28.5)])],
    );
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::NotAssessable);
    assert!(a.reason.contains("下达"));
    for (year, value) in [(2026, 28.5), (2027, 28.0)] {
        ds.history.add_annual_target(
            "26",
            AnnualTarget {
                kind: crate::model::AnnualKind::Level,
                ..annual_target(year, value, &value.to_string())
            },
        );
    }
    assert_eq!(assess_one(&ds, 2026).status, Status::OnTrack);
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::Lagging);
    assert!(a.binding_alert);
}

#[test]
fn direction_only_targets_judge_the_trend() {
    let ind = indicator(
        "14",
        Better::Higher,
        Some((2025, 85.0)),
        2030,
        TargetKind::Direction,
    );
    let at = |values: &[(i32, f64)]| {
        assess_one(
            &dataset(plan(2025, 2030, vec![ind.clone()]), &[("14", values)]),
            2030,
        )
        .status
    };
    assert_eq!(at(&[(2026, 85.5), (2027, 86.0)]), Status::OnTrack);
    assert_eq!(at(&[(2026, 86.5), (2027, 86.0)]), Status::Lagging);
    assert_eq!(at(&[(2026, 84.0)]), Status::OffTrack);
}

#[test]
fn maintain_targets_hold_every_year() {
    let mut ind = indicator(
        "28",
        Better::Higher,
        Some((2025, 65.0)),
        2030,
        TargetKind::Maintain { value: 65.0 },
    );
    ind.attribute = Attribute::Binding;
    let at = |values: &[(i32, f64)], as_of| {
        assess_one(
            &dataset(plan(2025, 2030, vec![ind.clone()]), &[("28", values)]),
            as_of,
        )
    };
    assert_eq!(
        at(&[(2026, 65.2), (2027, 65.1)], 2027).status,
        Status::OnTrack
    );
    assert_eq!(
        at(&[(2026, 65.2), (2030, 65.1)], 2030).status,
        Status::Achieved
    );
    assert_eq!(
        at(&[(2026, 64.0), (2027, 65.1)], 2027).status,
        Status::Lagging
    );
    let a = at(&[(2026, 65.0), (2027, 64.9)], 2027);
    assert!(a.status == Status::OffTrack && a.binding_alert);
}

#[test]
fn zero_and_negative_series_use_the_linear_rule() {
    let ind = indicator(
        "z",
        Better::Higher,
        Some((2025, -2.0)),
        2030,
        TargetKind::AtLeast { value: 3.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("z", &[(2026, 0.0), (2027, 0.0)])],
    );
    let a = assess_one(&ds, 2027);
    // Actual +1.0 a year against the +1.0 a year required: on track.
    assert!(close(a.ratio.unwrap(), 1.0, 1e-12));
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn projection_gives_an_interval_and_a_probability() {
    let ind = indicator(
        "3",
        Better::Higher,
        Some((2025, 85.0)),
        2030,
        TargetKind::AtLeast { value: 86.0 },
    );
    let values: &[(i32, f64)] = &[
        (2020, 83.3),
        (2021, 83.6),
        (2022, 84.0),
        (2023, 84.2),
        (2024, 84.8),
        (2025, 85.0),
    ];
    let a = assess_one(
        &dataset(plan(2025, 2030, vec![ind]), &[("3", values)]),
        2025,
    );
    let p = a.projection.unwrap();
    assert_eq!((p.year, p.points), (2030, 6));
    assert!(p.low.unwrap() < p.value && p.value < p.high.unwrap());
    assert!(p.probability.unwrap() > 0.9);
    assert_eq!(a.projection_grade, Some(ProjectionGrade::Reaches));
}

fn level_case(base: f64, target: f64, latest: f64, elapsed: i32, better: Better) -> Assessment {
    let kind = match better {
        Better::Higher => TargetKind::AtLeast { value: target },
        Better::Lower => TargetKind::AtMost { value: target },
    };
    let ind = indicator("p", better, Some((2025, base)), 2030, kind);
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("p", &[(2025 + elapsed, latest)])],
    );
    assess_one(&ds, 2030)
}

proptest! {
    #[test]
    fn never_panics_on_any_values(
        base in -1e9f64..1e9, target in -1e9f64..1e9, latest in -1e9f64..1e9,
        elapsed in 1i32..=5, lower in any::<bool>(),
    ) {
        let better = if lower { Better::Lower } else { Better::Higher };
        let a = level_case(base, target, latest, elapsed, better);
        prop_assert!(!a.reason.is_empty());
        for v in [a.ratio, a.completion_pct, a.required_growth_pct].into_iter().flatten() {
            prop_assert!(v.is_finite());
        }
    }

    #[test]
    fn status_is_monotone_in_the_latest_value(
        base in 1.0f64..1000.0, gain in 0.01f64..2.0, a in 0.0f64..3000.0, b in 0.0f64..3000.0, elapsed in 1i32..=4,
    ) {
        let target = base * (1.0 + gain);
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let s_low = level_case(base, target, low, elapsed, Better::Higher).status;
        let s_high = level_case(base, target, high, elapsed, Better::Higher).status;
        prop_assert!(s_low <= s_high, "{low} → {s_low:?}, {high} → {s_high:?}");
        // The mirror image for lower-is-better.
        let target = base / (1.0 + gain);
        let s_low = level_case(base, target, low, elapsed, Better::Lower).status;
        let s_high = level_case(base, target, high, elapsed, Better::Lower).status;
        prop_assert!(s_low >= s_high, "{low} → {s_low:?}, {high} → {s_high:?}");
    }

    #[test]
    fn other_kinds_never_panic(values in proptest::collection::vec((2020i32..2032, -1e6f64..1e6), 0..8)) {
        let kinds = [
            TargetKind::AverageGrowth { rate_pct: 5.0 },
            TargetKind::Cumulative { total: 125.0, annual_floor: Some(25.0) },
            TargetKind::Direction,
            TargetKind::Maintain { value: 65.0 },
            TargetKind::ProvinceAssigned,
            TargetKind::About { value: 1.58, tolerance: Some(0.0) },
        ];
        for kind in kinds {
            let ind = indicator("k", Better::Higher, Some((2025, 1.0)), 2030, kind);
            let mut ds = dataset(plan(2025, 2030, vec![ind]), &[]);
            for (year, value) in &values {
                ds.history.add_observation("k", obs(*year, *value));
            }
            for as_of in [2025, 2027, 2030] {
                let a = assess_one(&ds, as_of);
                prop_assert!(!a.reason.is_empty() || a.status != Status::NotAssessable);
            }
        }
    }
}

#[test]
fn a_plan_may_set_its_own_thresholds() {
    let ind = indicator(
        "x",
        Better::Higher,
        Some((2025, 100.0)),
        2030,
        TargetKind::AtLeast { value: 135.0 },
    );
    let mut p = plan(2025, 2030, vec![ind]);
    let ds = dataset(p.clone(), &[("x", &[(2027, 110.0)])]);
    assert_eq!(assess_one(&ds, 2027).status, Status::Lagging); // R ≈ 0.789
    p.thresholds.on_track_ratio = 0.75;
    let ds = dataset(p, &[("x", &[(2027, 110.0)])]);
    assert_eq!(assess_one(&ds, 2027).status, Status::OnTrack);
}

// Notes, bands and floors (issue 14): each fixture case with the expected notes and numbers.

fn notes_of(a: &Assessment, code: NoteCode) -> Vec<&str> {
    a.notes
        .iter()
        .filter(|n| n.code == code)
        .map(|n| n.text.as_str())
        .collect()
}

#[test]
fn a_fall_back_is_noted_even_when_ahead() {
    let ind = indicator(
        "x",
        Better::Higher,
        Some((2025, 73.0)),
        2030,
        TargetKind::AtLeast { value: 74.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("x", &[(2026, 75.5), (2027, 74.2)])],
    );
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(
        notes_of(&a, NoteCode::FellBack),
        ["2027年 74.2%低于2026年的 75.5%：较规划期内此前最好水平回落 1.3 个百分点"]
    );
    // A steady rise has no such note.
    let a = assess_one(&ds, 2026);
    assert!(notes_of(&a, NoteCode::FellBack).is_empty(), "{:?}", a.notes);
}

#[test]
fn deaths_falling_back_and_a_negative_projection_are_noted_and_clamped() {
    let mut ind = indicator(
        "d",
        Better::Lower,
        Some((2025, 2.0)),
        2030,
        TargetKind::AtMost { value: 0.0 },
    );
    ind.unit = "人".into();
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("d", &[(2026, 0.0), (2027, 1.0)])],
    );
    let a = assess_one(&ds, 2027);
    assert_eq!(
        notes_of(&a, NoteCode::FellBack),
        ["2027年 1人高于2026年的 0人：较规划期内此前最好水平回升 1人"]
    );
    // OLS through 2, 0, 1 (2025–2027): 1 − 0.5·(2030 − 2026) = −1 人, clamped to 0.
    let p = a.projection.as_ref().unwrap();
    assert_eq!(p.value, 0.0);
    assert_eq!(p.low, Some(0.0));
    assert!(p.high.unwrap() > 0.0);
    let clamped = notes_of(&a, NoteCode::ProjectionClamped);
    assert_eq!(clamped.len(), 1, "{:?}", a.notes);
    assert!(
        clamped[0].starts_with("趋势外推值 -1人 超出可能的取值范围，按 0人 计"),
        "{}",
        clamped[0]
    );
    assert!(
        clamped[0].ends_with("（取值范围 不小于 0人）"),
        "{}",
        clamped[0]
    );
}

#[test]
fn shares_are_clamped_to_100() {
    let ind = indicator(
        "s",
        Better::Higher,
        Some((2025, 90.0)),
        2030,
        TargetKind::AtLeast { value: 99.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("s", &[(2026, 94.0), (2027, 98.0)])],
    );
    let a = assess_one(&ds, 2027);
    assert_eq!(a.projection.as_ref().unwrap().value, 100.0);
    assert_eq!(notes_of(&a, NoteCode::ProjectionClamped).len(), 1);
}

#[test]
fn stale_data_and_a_missing_target_year_are_noted() {
    let ind = indicator(
        "x",
        Better::Higher,
        Some((2025, 50.0)),
        2030,
        TargetKind::AtLeast { value: 60.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("x", &[(2026, 53.0), (2027, 55.0), (2028, 57.0)])],
    );
    let a = assess_one(&ds, 2029);
    assert!(
        a.notes.is_empty(),
        "one year old is not stale: {:?}",
        a.notes
    );
    let ds_2026 = dataset(ds.plan.clone(), &[("x", &[(2026, 53.0)])]);
    let a = assess_one(&ds_2026, 2028);
    assert_eq!(
        notes_of(&a, NoteCode::Stale),
        ["最新数据为 2026 年，比截至年份 2028 年早 2 年：评估反映的是 2026 年的情况"]
    );
    let a = assess_one(&ds, 2030);
    assert_eq!(
        notes_of(&a, NoteCode::TargetYearMissing),
        ["截至 2030 年，尚无目标年 2030 年的数据：评估依据 2028 年的数据"]
    );
    assert_eq!(notes_of(&a, NoteCode::Stale).len(), 1);
}

#[test]
fn a_revised_baseline_is_noted_and_the_plans_base_used() {
    let ind = indicator(
        "x",
        Better::Higher,
        Some((2025, 29.6)),
        2030,
        TargetKind::AtLeast { value: 32.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("x", &[(2025, 29.8), (2026, 30.2)])],
    );
    let a = assess_one(&ds, 2026);
    assert_eq!(a.baseline.unwrap().value, 29.6);
    assert_eq!(
        notes_of(&a, NoteCode::BaselineRevised),
        [
            "规划表基期 2025 年为 29.6%，录入的 2025 年最终数为 29.8%（差 0.2 个百分点）：进度和所需增速按规划表基期 29.6% 计算，趋势外推用录入值"
        ]
    );
    // Completion uses the table's base: (30.2 − 29.6)/(32 − 29.6) = 25%.
    assert!(close(a.completion_pct.unwrap(), 25.0, 1e-9));
}

#[test]
fn about_targets_use_the_band_for_status_projection_and_required_growth() {
    // 4.5左右 with the default 1% tolerance: 4.455–4.545.
    let kind = TargetKind::About {
        value: 4.5,
        tolerance: None,
    };
    let ind = indicator("r", Better::Higher, Some((2025, 4.0)), 2030, kind);
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("r", &[(2026, 4.08), (2027, 4.2)])],
    );
    let a = assess_one(&ds, 2027);
    // Required growth aims at the near edge 4.455: (4.455/4.2)^(1/3) − 1.
    let expected = ((4.455f64 / 4.2).powf(1.0 / 3.0) - 1.0) * 100.0;
    assert!(close(a.required_growth_pct.unwrap(), expected, 1e-9));
    // OLS through 4.0, 4.08, 4.2 reaches 4.4933 in 2030: inside the band, so it reaches.
    let p = a.projection.as_ref().unwrap();
    assert!(p.value > 4.455 && p.value < 4.5, "{}", p.value);
    assert_eq!(a.projection_grade, Some(ProjectionGrade::Reaches));
    assert!(p.probability.unwrap() > 0.5);
    assert!(
        a.working
            .iter()
            .any(|s| s.label == "趋势外推" && s.text.ends_with("按趋势可进入目标区间")),
        "{:?}",
        a.working
    );
    // Inside the band: achieved, said so.
    let ds = dataset(ds.plan.clone(), &[("r", &[(2026, 4.2), (2027, 4.46)])]);
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.reason, "2027年 4.46%，进入目标区间 4.455–4.545%（目标）");
}

#[test]
fn cumulative_need_is_never_below_the_yearly_floor() {
    // [125] with ﹥25 a year: 78 after three years leaves 47 for two, 23.5 a year — below the floor.
    let mut ind = indicator(
        "c",
        Better::Higher,
        Some((2025, 25.0)),
        2030,
        TargetKind::Cumulative {
            total: 125.0,
            annual_floor: Some(25.0),
        },
    );
    ind.unit = "万人".into();
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("c", &[(2026, 26.0), (2027, 26.0), (2028, 26.0)])],
    );
    let a = assess_one(&ds, 2028);
    assert_eq!(a.required_per_year, Some(25.0));
    assert!(
        a.working.iter().any(|s| s.label == "其余每年需完成"
            && s.text
                .starts_with("max((125 − 78)/2, 每年底线 25) = max(23.5, 25) = 25万人")),
        "{:?}",
        a.working
    );
}

#[test]
fn a_range_assigned_target_is_said_as_a_range() {
    let ind = indicator(
        "27",
        Better::Higher,
        Some((2025, 26.0)),
        2030,
        TargetKind::ProvinceAssigned,
    );
    let mut ds = dataset(plan(2025, 2030, vec![ind]), &[("27", &[(2026, 27.3)])]);
    ds.history.add_annual_target(
        "27",
        AnnualTarget {
            upper: Some(27.5),
            kind: crate::model::AnnualKind::Level,
            ..annual_target(2026, 27.0, "27—27.5")
        },
    );
    let a = assess_one(&ds, 2026);
    let line = a.working.iter().find(|s| s.label == "逐年对照").unwrap();
    assert_eq!(line.text, "2026年 实际 27.3% 对下达 27—27.5%（区间）：完成");
}

#[test]
fn a_flat_year_is_not_called_a_fall_back() {
    let ind = indicator(
        "14",
        Better::Higher,
        Some((2025, 85.0)),
        2030,
        TargetKind::Direction,
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("14", &[(2026, 86.0), (2027, 86.0), (2028, 87.0)])],
    );
    let a = assess_one(&ds, 2028);
    assert_eq!(a.status, Status::Lagging);
    assert_eq!(a.reason, "总体向目标方向变化，但有年份持平，不够稳步");
}

#[test]
fn growth_of_exactly_minus_100_is_named_as_such() {
    let ind = indicator(
        "1",
        Better::Higher,
        Some((2025, 5.0)),
        2030,
        TargetKind::AverageGrowth { rate_pct: 5.0 },
    );
    let ds = dataset(plan(2025, 2030, vec![ind]), &[("1", &[(2026, -100.0)])]);
    let a = assess_one(&ds, 2026);
    assert_eq!(a.status, Status::NotAssessable);
    assert_eq!(
        a.reason,
        "有年份增速为 −100% 或更低（总量归零或为负），无法计算几何平均"
    );
}

#[test]
fn average_growth_time_progress_compounds_and_explain_derives_it() {
    // GDP 5.3% in the first year of "5以上": 19.2% of the cumulative growth against 18.1% due by then.
    let ind = indicator(
        "1",
        Better::Higher,
        Some((2025, 5.5)),
        2030,
        TargetKind::AverageGrowth { rate_pct: 5.0 },
    );
    let ds = dataset(plan(2025, 2030, vec![ind]), &[("1", &[(2026, 5.3)])]);
    let a = assess_one(&ds, 2026);
    let goal = 1.05f64.powi(5) - 1.0;
    assert!(close(a.completion_pct.unwrap(), 0.053 / goal * 100.0, 1e-9));
    assert!(close(a.elapsed_pct.unwrap(), 0.05 / goal * 100.0, 1e-9));
    assert!(a.completion_pct > a.elapsed_pct);
    assert!(
        a.working
            .iter()
            .any(|s| s.label == "时序进度" && s.text.contains("时间进度按目标增速复利计"))
    );
}

#[test]
fn a_yearly_change_has_its_unit() {
    let mut ind = indicator(
        "x",
        Better::Higher,
        Some((2025, -2.0)),
        2030,
        TargetKind::AtLeast { value: 1.0 },
    );
    ind.unit = "亿元".into();
    let ds = dataset(plan(2025, 2030, vec![ind]), &[("x", &[(2026, -1.0)])]);
    let a = assess_one(&ds, 2026);
    let line = a
        .working
        .iter()
        .find(|s| s.label == "还需年均变化")
        .unwrap();
    assert!(line.text.ends_with("= +0.5亿元（每年）"), "{}", line.text);
}

// ---- Issue 22: targets met at the base, strict limits, cumulative gaps, above, yearly, rise (test data). ----

fn with_text(mut ind: Indicator, text: &str) -> Indicator {
    ind.target.text = text.to_string();
    ind
}

/// "＞50" met at the base (52) and still held (53) is a line held, not 提前实现, and no pace ratio is computed;
/// first met after the base (48 → 51) it is 提前实现.
#[test]
fn a_floor_met_at_the_base_is_a_line_to_hold() {
    let kind = TargetKind::AtLeast { value: 50.0 };
    let ind = with_text(
        indicator("x", Better::Higher, Some((2025, 52.0)), 2030, kind.clone()),
        "＞50",
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind.clone()]),
        &[("x", &[(2026, 53.0)])],
    );
    let a = assess_one(&ds, 2026);
    assert_eq!(a.status, Status::OnTrack, "{}", a.reason);
    assert_eq!(a.ratio, None);
    assert!(!notes_of(&a, NoteCode::MetAtBase).is_empty());
    assert!(a.working.iter().any(|s| s.label == "基期已达标"));
    // A line to hold: the chart draws no path down to it.
    assert_eq!(plan_view::plan_path(&ind, &a), None);
    // Falling through the line it held: lagging.
    let ds = dataset(plan(2025, 2030, vec![ind]), &[("x", &[(2026, 49.0)])]);
    let a = assess_one(&ds, 2026);
    assert_eq!(a.status, Status::Lagging, "{}", a.reason);
    assert!(a.reason.contains("低于保持线"), "{}", a.reason);
    let first_met = with_text(
        indicator("x", Better::Higher, Some((2025, 48.0)), 2030, kind),
        "＞50",
    );
    let ds = dataset(plan(2025, 2030, vec![first_met]), &[("x", &[(2026, 51.0)])]);
    let a = assess_one(&ds, 2026);
    assert_eq!(a.status, Status::Achieved, "{}", a.reason);
    assert!(notes_of(&a, NoteCode::MetAtBase).is_empty());
}

/// "＜5.5" with 5.5 is not met; "5.5以下" with 5.5 is; `explain` names which.
#[test]
fn strict_and_inclusive_bounds_follow_the_words() {
    let kind = TargetKind::AtMost { value: 5.5 };
    for (text, met) in [("＜5.5", false), ("5.5以下", true), ("低于5.5", false)] {
        let ind = with_text(
            indicator("x", Better::Lower, Some((2025, 6.0)), 2030, kind.clone()),
            text,
        );
        let ds = dataset(plan(2025, 2030, vec![ind]), &[("x", &[(2026, 5.5)])]);
        let a = assess_one(&ds, 2026);
        assert_eq!(a.status == Status::Achieved, met, "{text}: {}", a.reason);
        let bound = a.working.iter().find(|s| s.label == "界限").unwrap();
        assert!(
            bound.text.contains(if met { "含本数" } else { "不含本数" }),
            "{}",
            bound.text
        );
    }
    assert_eq!(Bound::of_text("＞50"), Bound::Strict);
    assert_eq!(Bound::of_text("50以上"), Bound::Inclusive);
    assert_eq!(Bound::of_text("不超过5"), Bound::Inclusive);
    assert_eq!(Bound::of_text("超过5"), Bound::Strict);
    assert_eq!(Bound::of_text("35"), Bound::Inclusive);
}

/// A maintain ceiling "＜5.5": 5.6 is above it (超出控制线), and 5.5 itself does not hold a strict line.
#[test]
fn a_maintained_ceiling_is_worded_as_a_ceiling() {
    let kind = TargetKind::Maintain { value: 5.5 };
    let ind = with_text(
        indicator("x", Better::Lower, Some((2025, 5.0)), 2030, kind),
        "＜5.5",
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind.clone()]),
        &[("x", &[(2026, 5.6)])],
    );
    let a = assess_one(&ds, 2026);
    assert!(a.reason.contains("超出控制线 ＜5.5"), "{}", a.reason);
    assert!(!a.reason.contains("低于"), "{}", a.reason);
    let ds = dataset(plan(2025, 2030, vec![ind]), &[("x", &[(2026, 5.5)])]);
    let a = assess_one(&ds, 2026);
    assert_ne!(a.status, Status::OnTrack, "{}", a.reason);
}

/// 〔15〕 over five years with 3.0 + 0.5 achieved: the gap is (15 − 3.5)/15 = 76.7%, not the latest year's 96.67%.
#[test]
fn a_cumulative_gap_is_from_the_sum() {
    let kind = TargetKind::Cumulative {
        total: 15.0,
        annual_floor: None,
    };
    let ind = indicator("c", Better::Higher, None, 2030, kind);
    let ds = dataset(
        plan(2025, 2030, vec![ind.clone()]),
        &[("c", &[(2026, 3.0), (2027, 0.5)])],
    );
    let a = assess_one(&ds, 2027);
    match a.gap {
        Some(Gap::Cumulative { done, total, share }) => {
            assert!(close(done, 3.5, 1e-9) && total == 15.0);
            assert!(close(share, 11.5 / 15.0, 1e-9), "{share}");
        }
        other => panic!("{other:?}"),
    }
    assert!(close(a.gap_share(&ind).unwrap(), 0.7667, 1e-4));
    let step = a.working.iter().find(|s| s.label == "距目标差距").unwrap();
    assert!(step.text.contains("(15 − 3.5)/15 = 76.7%"), "{}", step.text);
    let words = crate::present::words::gap(a.gap.as_ref().unwrap());
    assert!(words.contains("76.7%") && words.contains("累计"), "{words}");
}

/// 高于GDP增长: productivity 7.0, 5.0 against GDP 6.0, 4.0 is above, by 1.0 个百分点.
#[test]
fn above_targets_need_growth_above_the_other() {
    let gdp = indicator(
        "1",
        Better::Higher,
        Some((2025, 5.0)),
        2030,
        TargetKind::AverageGrowth { rate_pct: 5.0 },
    );
    let prod = with_text(
        indicator(
            "2",
            Better::Higher,
            None,
            2030,
            TargetKind::Above { with: "1".into() },
        ),
        "高于GDP增长",
    );
    let ds = dataset(
        plan(2025, 2030, vec![prod, gdp]),
        &[
            ("2", &[(2026, 7.0), (2027, 5.0)]),
            ("1", &[(2026, 6.0), (2027, 4.0)]),
        ],
    );
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::OnTrack, "{}", a.reason);
    assert!(
        a.reason.contains("高于") && a.reason.contains("高出 1.0 个百分点"),
        "{}",
        a.reason
    );
    // Equal growth is not above.
    let ds2 = dataset(
        ds.plan.clone(),
        &[
            ("2", &[(2026, 6.0), (2027, 4.0)]),
            ("1", &[(2026, 6.0), (2027, 4.0)]),
        ],
    );
    let a = assess_one(&ds2, 2027);
    assert_eq!(a.status, Status::Lagging, "{}", a.reason);
    assert!(a.reason.contains("未高于"), "{}", a.reason);
}

fn annual_target(year: i32, value: f64, text: &str) -> AnnualTarget {
    AnnualTarget {
        year,
        ..super::annual::tests::target(crate::model::AnnualKind::Growth, Some(value), None, text)
    }
}

/// A `yearly` GDP target against 2026's "6%以上" and 2027's "5.5%左右": 年度目标, never 省下达.
#[test]
fn yearly_targets_are_the_annual_plans() {
    let ind = indicator(
        "1",
        Better::Higher,
        Some((2025, 5.0)),
        2030,
        TargetKind::Yearly,
    );
    let mut ds = dataset(
        plan(2025, 2030, vec![ind]),
        &[("1", &[(2026, 6.1), (2027, 5.48)])],
    );
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::NotAssessable);
    assert!(
        a.reason.contains("年度") && !a.reason.contains("省"),
        "{}",
        a.reason
    );
    ds.history
        .add_annual_target("1", annual_target(2026, 6.0, "6%以上"));
    ds.history
        .add_annual_target("1", annual_target(2027, 5.5, "5.5%左右"));
    let a = assess_one(&ds, 2027);
    assert_eq!(a.status, Status::OnTrack, "{}", a.reason);
    assert!(a.reason.contains("年度目标"), "{}", a.reason);
    let all: String = a.working.iter().map(|s| s.text.clone()).collect();
    assert!(
        all.contains("年度目标") && !all.contains("省下达") && !all.contains("下达"),
        "{all}"
    );
    assert!(all.contains("5.5%左右"), "{all}");
}

/// 〔1〕 as a rise of a level: the target is base + 1; the gap is against that level.
#[test]
fn a_rise_is_measured_from_the_base() {
    let ind = indicator(
        "r",
        Better::Higher,
        Some((2025, 60.0)),
        2030,
        TargetKind::Rise { by: 1.0 },
    );
    let ds = dataset(
        plan(2025, 2030, vec![ind.clone()]),
        &[("r", &[(2026, 60.3)])],
    );
    let a = assess_one(&ds, 2026);
    // The chart's path runs from the base to base + rise.
    let path = plan_view::plan_path(&ind, &a).unwrap();
    assert_eq!(
        path[1],
        Point {
            year: 2030,
            value: 61.0
        }
    );
    let level = a.working.iter().find(|s| s.label == "目标水平").unwrap();
    assert!(level.text.contains("60 + 1 = 61"), "{}", level.text);
    assert!(close(a.gap_share(&ind).unwrap(), 0.7 / 61.0, 1e-9));
    // 0.3 of the rise of 1 after 1 of 5 years: ahead of time.
    assert_eq!(a.status, Status::Ahead, "{}", a.reason);
    let ds = dataset(
        plan(2025, 2030, vec![ind.clone()]),
        &[("r", &[(2026, 61.0)])],
    );
    assert_eq!(assess_one(&ds, 2026).status, Status::Achieved);
    let no_base = indicator(
        "r",
        Better::Higher,
        None,
        2030,
        TargetKind::Rise { by: 1.0 },
    );
    let ds = dataset(plan(2025, 2030, vec![no_base]), &[("r", &[(2026, 61.0)])]);
    assert_eq!(assess_one(&ds, 2026).status, Status::NotAssessable);
}

fn series_break(year: i32, comparable_growth_pct: Option<f64>) -> crate::model::SeriesBreak {
    crate::model::SeriesBreak {
        year,
        reason: "普查后修订（测试数据）".into(),
        comparable_growth_pct,
        source: "测试".into(),
        origin: Origin {
            file: "t".into(),
            line: 1,
        },
    }
}

/// A break at 2020: growth is measured from the 2020 value on the new basis (120 → 126: +5%), never from the old
/// base (95 in 2018); with a published comparable growth of 4% the base is 2019's 120/1.04 on the new basis.
#[test]
fn a_series_break_measures_growth_on_the_new_basis() {
    let ind = indicator(
        "b",
        Better::Higher,
        Some((2018, 95.0)),
        2025,
        TargetKind::AtLeast { value: 150.0 },
    );
    let values: &[(i32, f64)] = &[(2019, 100.0), (2020, 120.0), (2021, 126.0)];
    let mut ds = dataset(plan(2018, 2025, vec![ind]), &[("b", values)]);
    let before = assess_one(&ds, 2021);
    assert!(close(
        before.observed_growth_pct.unwrap(),
        ((126.0f64 / 95.0).powf(1.0 / 3.0) - 1.0) * 100.0,
        1e-9
    ));
    ds.history.add_break("b", series_break(2020, None));
    let a = assess_one(&ds, 2021);
    assert!(
        close(a.observed_growth_pct.unwrap(), 5.0, 1e-9),
        "{:?}",
        a.observed_growth_pct
    );
    assert_eq!(
        a.baseline,
        Some(Point {
            year: 2020,
            value: 120.0
        })
    );
    let step = a.working.iter().find(|s| s.label == "口径调整").unwrap();
    assert!(
        step.text.contains("2020年起统计口径调整") && step.text.contains("新口径"),
        "{}",
        step.text
    );
    assert!(!notes_of(&a, NoteCode::SeriesBreak).is_empty());
    let p = a.projection.unwrap();
    assert!(p.from_year >= 2020, "{p:?}");
    let mut ds = dataset(ds.plan.clone(), &[("b", values)]);
    ds.history.add_break("b", series_break(2020, Some(4.0)));
    let a = assess_one(&ds, 2021);
    let expected = (126.0f64 / (120.0 / 1.04)).powf(0.5) - 1.0;
    assert!(close(
        a.observed_growth_pct.unwrap(),
        expected * 100.0,
        1e-9
    ));
    assert_eq!(a.baseline.unwrap().year, 2019);
}

/// Observations on different bases (年末, 年均) are told.
#[test]
fn mixed_bases_are_told() {
    let ind = indicator(
        "m",
        Better::Higher,
        Some((2025, 10.0)),
        2030,
        TargetKind::AtLeast { value: 12.0 },
    );
    let mut history = History::default();
    for (line, (year, value, basis)) in [
        (2026, 10.5, crate::model::Basis::YearEnd),
        (2027, 11.0, crate::model::Basis::AnnualAverage),
    ]
    .into_iter()
    .enumerate()
    {
        let mut o = obs(year, value);
        o.origin.line = line + 1;
        history.set_basis(&o, basis);
        history.add_observation("m", o);
    }
    let ds = Dataset {
        plan: plan(2025, 2030, vec![ind]),
        history,
    };
    let a = assess_one(&ds, 2027);
    let step = a.working.iter().find(|s| s.label == "统计口径").unwrap();
    assert!(
        step.text.contains("2026年 年末数") && step.text.contains("2027年 年均数"),
        "{}",
        step.text
    );
}
