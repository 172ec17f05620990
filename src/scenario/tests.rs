//! The scenario engine against the report's own arithmetic, and against every input that makes no sense.

use proptest::prelude::*;

use super::*;
use crate::assess::growth::required_rate;
use crate::load::{DataSource, load, load_book};
use crate::model::Dataset;

fn dataset() -> Dataset {
    load(&DataSource::Shipped, Some("hangzhou-15th")).unwrap()
}

fn book() -> ScenarioBook {
    load_book(&DataSource::Shipped).unwrap()
}

/// Loaded once: the property tests run the engine hundreds of times.
fn shipped() -> (Assumptions, Goals) {
    static SHIPPED: std::sync::OnceLock<(Assumptions, Goals)> = std::sync::OnceLock::new();
    SHIPPED
        .get_or_init(|| {
            (
                Assumptions::from_dataset_with(
                    &dataset(),
                    &book().defaults,
                    Start::Newest { up_to: None },
                ),
                book().goals,
            )
        })
        .clone()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn defaults_come_from_the_data_with_their_source() {
    let (a, goals) = shipped();
    assert_eq!((a.base_year, a.end_year), (2025, 2030));
    assert_eq!(a.base_gdp, 23011.0);
    assert_eq!(a.base_population, 1270.4);
    assert_eq!(a.fx, Yearly::Constant(7.12));
    assert_eq!(a.growth, Yearly::Constant(5.0));
    assert_eq!(a.population, PopulationPath::TotalChange(40.0));
    assert_eq!((goals.gdp, goals.per_capita_usd), (30000.0, 30000.0));
    let gdp_source = a.provenance_of(Item::BaseGdp).unwrap();
    assert!(
        gdp_source.contains("history/context/gdp.toml") && gdp_source.contains("初步"),
        "{gdp_source}"
    );
    assert!(
        a.provenance_of(Item::Fx).unwrap().contains("2024 年"),
        "{:?}",
        a.provenance
    );
    assert!(a.gaps.is_empty());
}

/// The report: 3万亿元 from 2.30万亿元 needs about 5.4% (5.45%) a year; at 3万亿元, with the 2025 population
/// + 40万 and 7.12, per-capita GDP ≈ 3.2万美元: 30000亿元 ÷ 1310.4万人 = 228,938 元 ÷ 7.12 = 32,154 美元.
#[test]
fn reproduces_the_reports_arithmetic_to_the_yuan() {
    let (a, goals) = shipped();
    let o = run(&a.with_growth(5.4), &goals).unwrap();
    let required = o.required_growth_pct.unwrap();
    assert_eq!(
        required,
        required_rate(23011.0, 30000.0, 5.0).unwrap() * 100.0
    );
    assert_eq!((required * 100.0).round() / 100.0, 5.45);
    assert_eq!(o.per_capita_cny_at_gdp_goal.round(), 228_938.0);
    assert_eq!(o.per_capita_usd_at_gdp_goal.round(), 32_154.0);
    assert_eq!(o.path.last().unwrap().population, 1310.4);

    // At exactly the required rate, GDP lands on the goal and per-capita GDP on the report's figure.
    let at_goal = run(&shipped().0.with_growth(required), &goals).unwrap();
    assert!(close(at_goal.end_gdp, 30000.0, 1e-6), "{}", at_goal.end_gdp);
    assert_eq!(at_goal.end_per_capita_usd.round(), 32_154.0);
    assert_eq!(at_goal.end_per_capita_cny.round(), 228_938.0);
}

#[test]
fn five_point_four_falls_just_short_of_three_trillion() {
    let (a, goals) = shipped();
    let o = run(&a.with_growth(5.4), &goals).unwrap();
    // 23011 × 1.054^5 = 29932.19: the report's "5.4%以上" — 5.4% itself is not quite enough.
    assert!(close(o.end_gdp, 29_932.19, 0.005), "{}", o.end_gdp);
    assert_eq!(o.goal_year, None);
    assert!(!o.gdp_goal_met);
    assert!(close(o.end_gdp_gap, -67.81, 0.005), "{}", o.end_gdp_gap);
    assert!(
        close(o.end_per_capita_cny, 228_420.28, 0.01),
        "{}",
        o.end_per_capita_cny
    );
    assert!(
        close(o.end_per_capita_usd, 32_081.50, 0.01),
        "{}",
        o.end_per_capita_usd
    );
    assert!(o.per_capita_goal_met);
    assert_eq!(
        o.path.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2026, 2027, 2028, 2029, 2030]
    );
    assert!(close(o.path[0].gdp, 23011.0 * 1.054, 1e-9));
    assert!(!o.working.is_empty());
}

#[test]
fn per_year_path() {
    let (a, goals) = shipped();
    let o = run(&a.with_growth_path(vec![5.0, 5.2, 5.4, 5.4, 5.4]), &goals).unwrap();
    let expected = 23011.0 * 1.05 * 1.052 * 1.054f64.powi(3);
    assert!(
        close(o.end_gdp, expected, 1e-6),
        "{} vs {expected}",
        o.end_gdp
    );
    assert_eq!(o.path[1].growth_pct, 5.2);
    let mean = o.average_growth_pct.unwrap();
    assert!(close(
        (1.0 + mean / 100.0).powi(5),
        expected / 23011.0,
        1e-12
    ));
}

#[test]
fn goal_reached_early() {
    let (a, goals) = shipped();
    let o = run(&a.with_growth(8.0), &goals).unwrap();
    // 23011 × 1.08^4 = 31306 ≥ 30000, while 1.08^3 gives 28987.
    assert_eq!(o.goal_year, Some(2029));
    assert!(o.path[3].gdp_goal_met && !o.path[2].gdp_goal_met);
    assert!(o.gdp_goal_met);
}

#[test]
fn goal_already_met_in_the_base_year() {
    let (a, goals) = shipped();
    let o = run(&a.with_base_gdp(31_000.0).with_growth(0.0), &goals).unwrap();
    assert_eq!(o.goal_year, Some(2025));
    assert!(o.required_growth_pct.unwrap() < 0.0);
}

#[test]
fn never_reached_and_negative_growth() {
    let (a, goals) = shipped();
    let low = run(&a.clone().with_growth(4.5), &goals).unwrap();
    assert_eq!(low.goal_year, None);
    let shrinking = run(&a.with_growth(-2.0), &goals).unwrap();
    assert_eq!(shrinking.goal_year, None);
    assert!(shrinking.path.windows(2).all(|w| w[1].gdp < w[0].gdp));
    assert!(close(shrinking.end_gdp, 23011.0 * 0.98f64.powi(5), 1e-6));
    // The growth still required does not depend on the path assumed.
    assert_eq!(shrinking.required_growth_pct, low.required_growth_pct);
}

#[test]
fn nonsense_inputs_are_clear_errors() {
    let (a, goals) = shipped();
    let err = |a: Assumptions| run(&a, &goals).unwrap_err();
    assert_eq!(
        err(a.clone().with_base_population(0.0)),
        ScenarioError::Population {
            year: 2025,
            value: 0.0
        }
    );
    assert_eq!(
        err(a.clone().with_population_end(-5.0)),
        ScenarioError::Population {
            year: 2030,
            value: -5.0
        }
    );
    assert_eq!(
        err(a.clone().with_fx(0.0)),
        ScenarioError::Fx {
            year: 2026,
            value: 0.0
        }
    );
    assert_eq!(
        err(a.clone().with_fx_path(vec![7.1, 7.0, -1.0, 7.0, 7.0])),
        ScenarioError::Fx {
            year: 2028,
            value: -1.0
        }
    );
    assert_eq!(
        err(a.clone().with_growth(-100.0)),
        ScenarioError::Growth {
            year: 2026,
            pct: -100.0
        }
    );
    assert_eq!(
        err(a.clone().with_base_gdp(-1.0)),
        ScenarioError::BaseGdp(-1.0)
    );
    assert!(matches!(
        err(a.clone().with_growth_path(vec![5.0; 3])),
        ScenarioError::PathLength {
            expected: 5,
            got: 3,
            ..
        }
    ));
    assert!(matches!(
        err(a.clone().with_deflator(-150.0)),
        ScenarioError::Deflator { year: 2026, .. }
    ));
    let message = err(a.with_fx(-7.12)).to_string();
    assert!(
        message.contains("汇率") && message.contains("正数"),
        "{message}"
    );
    assert!(matches!(
        run(&shipped().0, &Goals::new(0.0, 1.0)),
        Err(ScenarioError::Goal { .. })
    ));
}

#[test]
fn missing_base_data_is_a_gap_until_given() {
    let ds = dataset();
    let a = Assumptions::from_dataset_with(&ds, &book().defaults, Start::Year(2019));
    let goals = book().goals;
    assert!(matches!(
        run(&a, &goals),
        Err(ScenarioError::MissingData {
            series: "gdp",
            year: 2019,
            ..
        })
    ));
    let a = a.with_base_gdp(15_000.0).with_base_population(1_100.0);
    let o = run(&a, &goals).unwrap();
    assert_eq!(o.path.len(), 11);
}

#[test]
fn deflator_makes_growth_real_and_gdp_nominal() {
    let (a, goals) = shipped();
    let o = run(&a.with_growth(3.0).with_deflator(2.0), &goals).unwrap();
    assert!(close(o.end_gdp, 23011.0 * (1.03f64 * 1.02).powi(5), 1e-6));
    assert!(close(
        o.path[4].gdp_constant_prices.unwrap(),
        23011.0 * 1.03f64.powi(5),
        1e-6
    ));
    let real_required = required_rate(23011.0 * 1.02f64.powi(5), 30000.0, 5.0).unwrap() * 100.0;
    assert!(close(o.required_growth_pct.unwrap(), real_required, 1e-9));
    assert!(o.price_basis.contains("实际"));
}

#[test]
fn population_paths() {
    let (a, goals) = shipped();
    let annual = run(&a.clone().with_population_annual_change(8.0), &goals).unwrap();
    let total = run(&a.clone().with_population_change(40.0), &goals).unwrap();
    let end = run(&a.with_population_end(1310.4), &goals).unwrap();
    for o in [&annual, &total, &end] {
        assert!(close(o.path[4].population, 1310.4, 1e-9));
        assert!(close(o.path[0].population, 1278.4, 1e-9));
    }
}

#[test]
fn named_scenarios_are_shipped_with_descriptions() {
    let scenarios = book().scenarios;
    let rate = |name: &str| {
        scenarios
            .iter()
            .find(|s| s.name == name)
            .and_then(|s| s.growth.clone())
    };
    assert_eq!(rate("基准"), Some(Yearly::Constant(5.0)));
    assert_eq!(rate("跳一跳"), Some(Yearly::Constant(5.4)));
    assert_eq!(rate("低增长"), Some(Yearly::Constant(4.5)));
    let low = scenarios.iter().find(|s| s.name == "低增长").unwrap();
    assert!(low.description.contains("示意"), "{}", low.description);
    assert!(scenarios.iter().all(|s| !s.description.is_empty()));
    let b = book();
    assert!(
        b.scenario("不存在")
            .unwrap_err()
            .to_string()
            .contains("跳一跳")
    );
    b.check_plan("hangzhou-15th").unwrap();
    assert!(b.check_plan("hangzhou-14th").is_err());
    let a = b.scenario("跳一跳").unwrap().apply(shipped().0);
    assert_eq!(a.growth, Yearly::Constant(5.4));
    assert!(
        a.provenance_of(Item::Growth)
            .unwrap()
            .contains("情景“跳一跳”")
    );
}

#[test]
fn share_of_gdp_indicators_need_their_numerator_to_outgrow_gdp() {
    let ds = dataset();
    let (a, goals) = shipped();
    let o = run(&a.with_growth(5.4), &goals).unwrap();
    let reqs = ratio_requirements(&ds, &book().ratios, &o);
    let rd = reqs.iter().find(|r| r.indicator == "8").unwrap();
    assert_eq!(
        (rd.base_share_pct, rd.target_share_pct),
        (Some(4.0), Some(4.5))
    );
    assert!(close(rd.base_numerator.unwrap(), 920.44, 1e-9));
    // The base share is the recorded 2025 value (the shared series rd_intensity), not only the plan's cell.
    assert!(
        rd.base_share_source.contains("2025 年预计数"),
        "{}",
        rd.base_share_source
    );
    assert!(close(rd.needed_numerator.unwrap(), 0.045 * o.end_gdp, 1e-9));
    // (1 + r) = (1 + g_GDP) × (4.5 / 4)^(1/5): the share must rise on top of GDP.
    let expected = (1.054 * (4.5f64 / 4.0).powf(0.2) - 1.0) * 100.0;
    assert!(close(
        rd.required_numerator_growth_pct.unwrap(),
        expected,
        1e-9
    ));
    let digital = reqs.iter().find(|r| r.indicator == "10").unwrap();
    assert_eq!(
        (digital.base_share_pct, digital.target_share_pct),
        (Some(30.0), Some(32.0))
    );
    assert!(
        digital.base_numerator_basis.contains("推算"),
        "{}",
        digital.base_numerator_basis
    );
    // A faster GDP asks more of the numerator.
    let fast = run(&shipped().0.with_growth(6.0), &goals).unwrap();
    let fast_rd = ratio_requirements(&ds, &book().ratios, &fast);
    assert!(fast_rd[0].required_numerator_growth_pct > rd.required_numerator_growth_pct);
}

#[test]
fn grid_marks_the_cells_that_meet_the_goal() {
    let (a, goals) = shipped();
    let g = grid(&a, &goals, &[5.0, 5.45, 6.0], Axis::Fx, &[6.5, 7.12, 8.0]).unwrap();
    assert_eq!(g.rows.len(), 3);
    assert!(!g.rows[0].gdp_goal_met && g.rows[1].gdp_goal_met && g.rows[2].gdp_goal_met);
    // Per-capita dollars fall as the yuan weakens.
    let row = &g.rows[1];
    assert!(
        row.cells[0].per_capita_usd > row.cells[1].per_capita_usd
            && row.cells[1].per_capita_usd > row.cells[2].per_capita_usd
    );
    // 30000-ish 亿元 ÷ 1310.4 万人 ÷ 8.0 < 30000 美元.
    assert!(!row.cells[2].per_capita_goal_met && row.cells[1].per_capita_goal_met);
    let p = grid(
        &a,
        &goals,
        &[5.4],
        Axis::PopulationChange,
        &[0.0, 40.0, 200.0],
    )
    .unwrap();
    assert!(p.rows[0].cells[0].per_capita_usd > p.rows[0].cells[2].per_capita_usd);
    assert!(grid(&a, &goals, &[5.0], Axis::Fx, &[0.0]).is_err());
}

#[test]
fn simulation_is_reproducible_for_a_seed() {
    let (a, goals) = shipped();
    let spec = SimulationSpec {
        mean: 5.0,
        sd: 1.5,
        paths: 20_000,
        seed: 42,
    };
    let first = simulate(&a, &goals, &spec).unwrap();
    let again = simulate(&a, &goals, &spec).unwrap();
    assert_eq!(first, again);
    let other = simulate(
        &a,
        &goals,
        &SimulationSpec {
            seed: 43,
            ..spec.clone()
        },
    )
    .unwrap();
    assert_ne!(first.end_gdp, other.end_gdp);
    assert!(first.end_gdp.p10 < first.end_gdp.p50 && first.end_gdp.p50 < first.end_gdp.p90);
    // The median path grows about 5% a year; the goal needs 5.45%, so well under one half reach it.
    assert!(
        close(first.end_gdp.p50, 23011.0 * 1.05f64.powi(5), 150.0),
        "{:?}",
        first.end_gdp
    );
    assert!(
        first.p_gdp_goal > 0.1 && first.p_gdp_goal < 0.5,
        "{}",
        first.p_gdp_goal
    );
    let by_year: Vec<f64> = first.p_gdp_goal_by_year.iter().map(|p| p.1).collect();
    assert!(by_year.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(by_year.last().copied(), Some(first.p_gdp_goal));
}

#[test]
fn simulation_without_spread_is_the_deterministic_run() {
    let (a, goals) = shipped();
    let required = run(&a, &goals).unwrap().required_growth_pct.unwrap();
    let sim = |mean: f64, sd: f64, paths: usize| {
        simulate(
            &a,
            &goals,
            &SimulationSpec {
                mean,
                sd,
                paths,
                seed: 1,
            },
        )
    };
    let above = sim(required + 0.01, 0.0, 10).unwrap();
    let below = sim(required - 0.01, 0.0, 10).unwrap();
    assert_eq!((above.p_gdp_goal, below.p_gdp_goal), (1.0, 0.0));
    assert!(matches!(sim(5.0, -1.0, 10), Err(ScenarioError::Sd(_))));
    assert!(matches!(sim(5.0, 1.0, 0), Err(ScenarioError::Paths(0))));
    assert!(matches!(sim(-100.0, 1.0, 10), Err(ScenarioError::Mean(_))));
    assert!(matches!(sim(5.0, 1e300, 10), Err(ScenarioError::Sd(_))));
    assert!(matches!(
        sim(f64::NAN, 1.0, 10),
        Err(ScenarioError::Mean(_))
    ));
}

#[test]
fn distribution_fitted_to_gdp_growth_history() {
    let fit = SimulationSpec::fit(&dataset(), "1", 2020, 2025).unwrap();
    assert_eq!(fit.years, vec![2020, 2021, 2022, 2023, 2024, 2025]);
    assert!(close(fit.mean, 4.916_667, 1e-6), "{}", fit.mean);
    assert!(close(fit.sd, 2.289_469, 1e-6), "{}", fit.sd);
    assert!(SimulationSpec::fit(&dataset(), "1", 2025, 2025).is_err());
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        -200.0..200.0f64,
        Just(0.0),
        Just(-100.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        any::<f64>(),
    ]
}

proptest! {
    #[test]
    fn run_never_panics(
        base_gdp in any_f64(),
        population in any_f64(),
        change in any_f64(),
        growth in proptest::collection::vec(any_f64(), 0..8),
        fx in any_f64(),
        deflator in proptest::option::of(any_f64()),
        end_offset in -3i32..12,
        goal in any_f64(),
    ) {
        let (a, _) = shipped();
        let mut a = a.with_base_gdp(base_gdp).with_base_population(population).with_population_change(change)
            .with_growth_path(growth).with_fx(fx);
        if let Some(d) = deflator {
            a = a.with_deflator(d);
        }
        a.end_year = a.base_year + end_offset;
        let goals = Goals::new(goal, goal);
        if let Ok(o) = run(&a, &goals) {
            prop_assert!(o.path.iter().all(|y| y.gdp.is_finite() && y.per_capita_usd.is_finite()));
            prop_assert!(o.end_gdp.is_finite());
        }
        let _ = grid(&a, &goals, &[5.0], Axis::Fx, &[fx]);
    }

    #[test]
    fn simulate_never_panics(mean in any_f64(), sd in any_f64(), paths in 0usize..50, seed in any::<u64>(), growth in any_f64()) {
        let (a, goals) = shipped();
        let a = a.with_growth(growth);
        if let Ok(s) = simulate(&a, &goals, &SimulationSpec { mean, sd, paths, seed }) {
            prop_assert!((0.0..=1.0).contains(&s.p_gdp_goal) && (0.0..=1.0).contains(&s.p_per_capita_goal));
        }
    }
}

#[test]
fn a_near_miss_is_reconciled_with_the_rounded_requirement() {
    let (a, goals) = shipped();
    let o = run(&a.with_growth(5.4), &goals).unwrap();
    assert!(!o.gdp_goal_met);
    assert_eq!(
        o.near_miss_note(&goals).unwrap(),
        "迈上3万亿元精确需要年均 5.45%，取一位小数为 5.4%；本情景 5.40% 略低于此，2030 年比目标少 67.8 亿元"
    );
    let o = run(&shipped().0.with_growth(5.0), &goals).unwrap();
    assert!(
        o.near_miss_note(&goals).is_none(),
        "a clear miss needs no reconciling"
    );
}
