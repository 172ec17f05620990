//! Roll-up arithmetic and the ordering of regions, on rows built by hand.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

fn origin() -> Origin {
    Origin {
        file: "history/context/gdp.toml".into(),
        line: 1,
    }
}

fn row(region: &str, parent: Option<&str>, gdp: &[(i32, f64)], counts: [usize; 6]) -> RegionRow {
    RegionRow {
        plan_id: format!("plan-{region}"),
        plan_name: region.into(),
        region: region.into(),
        parent: parent.map(str::to_string),
        level: None,
        as_of: 2027,
        counts,
        binding_alerts: 0,
        labels: Vec::new(),
        indicators: Status::ALL
            .iter()
            .zip(counts)
            .flat_map(|(s, n)| std::iter::repeat_n(*s, n))
            .enumerate()
            .map(|(k, status)| RegionIndicator {
                id: (k + 1).to_string(),
                code: None,
                name: format!("指标{k}"),
                unit: "%".into(),
                binding: false,
                status,
                latest: None,
                target_text: String::new(),
                target_value: None,
                required_growth_pct: None,
            })
            .collect(),
        additive: vec![AdditiveSeries {
            id: "gdp".into(),
            name: "地区生产总值".into(),
            unit: "亿元".into(),
            years: gdp
                .iter()
                .map(|(y, v)| (*y, (*v, origin())))
                .collect::<BTreeMap<_, _>>(),
        }],
        rollup_tolerance_pct: 2.0,
    }
}

#[test]
fn rollup_flags_a_sum_off_by_more_than_the_tolerance() {
    let rows = vec![
        row("市", None, &[(2026, 300.0), (2027, 310.0)], [0; 6]),
        row("甲", Some("市"), &[(2026, 100.0), (2027, 100.0)], [0; 6]),
        row("乙", Some("市"), &[(2026, 200.0), (2027, 230.0)], [0; 6]),
    ];
    let checks = rollup_checks(&rows, None);
    assert_eq!(checks.len(), 2);
    assert!(checks[0].within, "2026 adds up exactly");
    let c = &checks[1];
    assert!(!c.within);
    assert_eq!(c.children_sum, 330.0);
    assert!((c.difference_pct - 20.0 / 310.0 * 100.0).abs() < 1e-9);
    // 乙 grew 15%, the city 3.3%: 乙 is where to look.
    assert_eq!(c.suspect.as_ref().unwrap().region, "乙");
    // Up to 2026 only: nothing to report.
    assert!(rollup_checks(&rows, Some(2026)).iter().all(|c| c.within));
}

#[test]
fn rollup_needs_every_child_and_only_additive_series() {
    let mut rows = vec![
        row("市", None, &[(2027, 310.0)], [0; 6]),
        row("甲", Some("市"), &[(2027, 100.0)], [0; 6]),
        row("乙", Some("市"), &[], [0; 6]),
    ];
    // A child without the year: no sum to compare.
    assert!(rollup_checks(&rows, None).is_empty());
    // A child without the series at all (as a rate would be, never declared additive): no check.
    rows[2].additive.clear();
    assert!(rollup_checks(&rows, None).is_empty());
}

#[test]
fn rows_sort_by_the_share_lagging() {
    let mut rows = vec![
        row("甲", None, &[], [1, 0, 2, 0, 0, 0]),
        row("乙", None, &[], [0, 0, 1, 1, 1, 0]),
        row("丙", None, &[], [0, 0, 3, 1, 0, 0]),
    ];
    sort_rows(&mut rows);
    let order: Vec<&str> = rows.iter().map(|r| r.region.as_str()).collect();
    assert_eq!(order, ["乙", "丙", "甲"]);
    assert!((rows[0].lagging_share() - 2.0 / 3.0).abs() < 1e-12);
}

proptest! {
    /// Within the tolerance exactly when |sum − parent| ≤ tolerance × parent; the sum is the children's sum.
    #[test]
    fn rollup_within_matches_the_definition(
        parent in 1.0f64..1e6,
        children in prop::collection::vec(0.0f64..1e6, 1..6),
    ) {
        let mut rows = vec![row("市", None, &[(2027, parent)], [0; 6])];
        for (k, v) in children.iter().enumerate() {
            rows.push(row(&format!("区{k}"), Some("市"), &[(2027, *v)], [0; 6]));
        }
        let checks = rollup_checks(&rows, None);
        prop_assert_eq!(checks.len(), 1);
        let sum: f64 = children.iter().sum();
        prop_assert!((checks[0].children_sum - sum).abs() <= 1e-9 * sum.max(1.0));
        let share = (sum - parent).abs() / parent * 100.0;
        prop_assert_eq!(checks[0].within, share <= 2.0);
    }
}
