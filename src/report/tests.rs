//! The report model and its document on the test fixture (tests/fixtures/report: fictional values).

use super::charts::{ChartIndex, plan_charts};
use super::document::Block;
use super::*;
use crate::assess::Status;
use crate::load::load_book;
use crate::load::{DataSource, load};

fn fixture() -> (Dataset, ScenarioBook) {
    let source =
        DataSource::Dir(format!("{}/tests/fixtures/report", env!("CARGO_MANIFEST_DIR")).into());
    (load(&source, None).unwrap(), load_book(&source).unwrap())
}

fn options(kind: ReportKind, as_of: i32) -> ReportOptions {
    ReportOptions {
        kind,
        as_of,
        stamp: None,
        formats: Vec::new(),
    }
}

#[test]
fn counts_add_up_and_agree_with_the_assessment() {
    let (dataset, book) = fixture();
    let report = Report::build(&dataset, Some(&book), &options(ReportKind::Midterm, 2028)).unwrap();
    let all = report.counts();
    assert_eq!(all.total, dataset.plan.indicators.len());
    for status in Status::ALL {
        assert_eq!(
            all.get(status),
            report.assessment.count(status),
            "{status:?}"
        );
        let by_category: usize = report
            .category_counts()
            .iter()
            .map(|(_, c)| c.get(status))
            .sum();
        assert_eq!(by_category, all.get(status), "{status:?} by category");
    }
    assert_eq!(report.binding_counts().total, 5);
}

#[test]
fn behind_lists_binding_first_then_the_more_serious_then_plan_order() {
    let (dataset, book) = fixture();
    let report = Report::build(&dataset, Some(&book), &options(ReportKind::Midterm, 2028)).unwrap();
    let behind = report.behind();
    let ids: Vec<&str> = behind.iter().map(|(i, _)| i.id.as_str()).collect();
    assert_eq!(ids, ["23", "25", "29", "3", "8", "1", "12"]);
    let statuses: Vec<Status> = behind.iter().map(|(_, a)| a.status).collect();
    assert_eq!(statuses[0], Status::OffTrack);
    assert_eq!(statuses[3..5], [Status::OffTrack, Status::OffTrack]);
    assert_eq!(statuses[5..], [Status::Lagging, Status::Lagging]);
}

#[test]
fn sections_come_in_the_official_order() {
    let (dataset, book) = fixture();
    for (kind, expected) in [
        (
            ReportKind::Midterm,
            vec![
                "一、总体情况",
                "二、分类评估",
                "三、滞后指标分析",
                "四、“两个三万”目标测算",
                "五、下一步工作",
            ],
        ),
        (
            ReportKind::Annual,
            vec![
                "一、总体情况",
                "二、2028年度目标完成情况",
                "三、分类评估",
                "四、滞后指标分析",
                "五、“两个三万”目标测算",
                "六、下一步工作",
            ],
        ),
    ] {
        let report = Report::build(&dataset, Some(&book), &options(kind, 2028)).unwrap();
        let charts = plan_charts(&report);
        let index = ChartIndex {
            overview: Some("overview".into()),
            fan: Some("gdp-scenarios".into()),
            regions: None,
            by_indicator: charts
                .iter()
                .filter_map(|c| c.indicator.clone().map(|i| (i, c.stem.clone())))
                .collect(),
        };
        let doc = compose::compose(&report, &index);
        let headings = doc.headings(2);
        let body: Vec<&str> = headings
            .iter()
            .copied()
            .filter(|h| !h.starts_with("附录"))
            .collect();
        assert_eq!(body, expected);
        assert_eq!(headings.iter().filter(|h| h.starts_with("附录")).count(), 5);
        // Figures are numbered in order.
        let captions: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Chart { caption, .. } => Some(caption.as_str()),
                _ => None,
            })
            .collect();
        for (n, caption) in captions.iter().enumerate() {
            assert!(caption.starts_with(&format!("图{} ", n + 1)), "{caption}");
        }
    }
}

#[test]
fn the_lagging_analysis_prints_the_assessments_numbers() {
    let (dataset, book) = fixture();
    let report = Report::build(&dataset, Some(&book), &options(ReportKind::Midterm, 2028)).unwrap();
    let doc = compose::compose(&report, &ChartIndex::default());
    let a = report.assessment.get("25").unwrap();
    let required = crate::text::fmt_pct(a.required_growth_pct.unwrap());
    let p = a.projection.as_ref().unwrap();
    let bullets: Vec<&String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Bullets(items) => Some(items),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        bullets
            .iter()
            .any(|b| b.contains(&format!("今后需年均增长{required}")))
    );
    let probability = crate::text::fmt_pct(p.probability.unwrap() * 100.0);
    assert!(
        bullets
            .iter()
            .any(|b| b.contains(&format!("达到目标的概率约{probability}")))
    );
}

#[test]
fn an_as_of_year_outside_the_plan_is_refused() {
    let (dataset, book) = fixture();
    for year in [2024, 2031] {
        let err =
            Report::build(&dataset, Some(&book), &options(ReportKind::Annual, year)).unwrap_err();
        assert!(
            err.to_string().contains(&format!("截至年份 {year} 年")),
            "{err}"
        );
    }
}

#[test]
fn without_scenario_files_the_section_says_why() {
    let (dataset, _) = fixture();
    let report = Report::build(&dataset, None, &options(ReportKind::Midterm, 2028)).unwrap();
    assert!(matches!(report.headline, Headline::Unavailable(_)));
    let doc = compose::compose(&report, &ChartIndex::default());
    assert!(doc.headings(2).contains(&"四、总量目标测算"));
    assert!(
        plan_charts(&report)
            .iter()
            .all(|c| c.stem != "gdp-scenarios")
    );
}

#[test]
fn the_execution_report_at_year_end_gives_the_year_verdicts_in_the_official_form() {
    let (dataset, _) = fixture();
    let report = execution::ExecutionReport::build(
        &dataset,
        &crate::assess::as_of::resolve_period(&dataset, crate::model::Period::year(2028)),
        None,
    );
    let s = report.annual.summary();
    assert_eq!((s.indicators, s.met, s.missed), (3, 1, 2));
    let sentence = execution::opening_sentence(&dataset.plan, &report.annual);
    assert!(
        sentence.starts_with("市人代会审定的3项指标中，3项指标有全年数据，其中1项完成年度目标："),
        "{sentence}"
    );
    assert!(sentence.contains("；2项未完成年度目标："), "{sentence}");
    assert!(
        report
            .title()
            .ends_with("2028年国民经济和社会发展计划执行情况")
    );
    let doc = execution::compose(&report, &Default::default());
    let md = markdown::render(&doc);
    assert!(md.contains(&sentence));
    assert_eq!(md.matches("| 未完成 |").count(), 2);
    // Nothing internal in what officials read.
    for word in ["history/", ".toml", "not_assessable", "missed"] {
        assert!(!md.contains(word), "{word}");
    }
}
