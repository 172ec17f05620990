//! The units view on the shipped data with the fictional 2027 overlay (tests/fixtures/units): counts, levels,
//! reasons, the calendar and the score, through the library.

mod support;

use planwatch::assess::as_of::resolve;
use planwatch::load::{DataSource, load};
use planwatch::model::{Dataset, Trigger, WarningLevel};
use planwatch::units::{Unit, UnitsView, no_leads_message, units_view};

/// The shipped data with the overlay, in a temporary directory.
fn overlay() -> (tempfile::TempDir, Dataset) {
    let dir = support::data_copy();
    support::copy_dir(
        &std::path::Path::new(&support::fixture("units")).join("history"),
        &dir.path().join("history"),
    );
    let data = load(&DataSource::Dir(dir.path().to_path_buf()), None).unwrap();
    (dir, data)
}

fn view(data: &Dataset, today: &str) -> UnitsView {
    let as_of = resolve(data, Some("2027H1".parse().unwrap())).unwrap();
    units_view(data, &as_of, today.parse().unwrap())
}

fn unit<'a>(v: &'a UnitsView, name: &str) -> &'a Unit {
    v.units.iter().find(|u| u.name == name).unwrap()
}

#[test]
fn each_unit_gets_its_counts_level_and_reasons() {
    let (_dir, data) = overlay();
    let v = view(&data, "2027-08-20");
    let names: Vec<&str> = v.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    // Ranked by the share on schedule: 市发改委 1/1, 市科技局 1/2 (R&D not due), 市商务局 1/2, then 0/….
    assert_eq!(names[0], "市发改委");

    let eco = unit(&v, "市生态环境局");
    assert_eq!(
        (
            eco.leads.len(),
            eco.with_data,
            eco.behind,
            eco.binding_behind
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(eco.level, Some(WarningLevel::Summon));
    assert_eq!(eco.explanations_missing.len(), 1);
    let triggers: Vec<_> = eco.warnings.iter().map(|w| w.trigger).collect();
    assert!(triggers.contains(&Trigger::BindingBehind));
    assert!(triggers.contains(&Trigger::BehindTwice));
    assert!(eco.warnings[0].reason.starts_with("约谈"));

    let fin = unit(&v, "市财政局");
    assert_eq!(
        (fin.leads.len(), fin.with_data, fin.overdue.len()),
        (2, 0, 2)
    );
    // 31 days late is not more than a month past 7月20日: 提醒, not 约谈.
    assert_eq!(fin.level, Some(WarningLevel::Remind));
    let dues: Vec<_> = fin
        .overdue
        .iter()
        .map(|&i| v.lines[i].figure.due().unwrap().to_string())
        .collect();
    assert_eq!(dues, ["2027-07-20", "2027-07-25"]);

    let commerce = unit(&v, "市商务局");
    assert_eq!(
        (commerce.behind, commerce.explanations_missing.len()),
        (1, 0)
    );
    assert_eq!(commerce.level, Some(WarningLevel::Remind));
    assert_eq!(unit(&v, "市发改委").level, None);
    // Shared lines: 市统计局 shares GDP and leads nothing.
    assert!(v.units.iter().all(|u| u.name != "市统计局"));
    assert_eq!(v.unit("市统计局").unwrap().shares.len(), 1);
}

#[test]
fn before_the_due_day_nothing_is_overdue() {
    let (_dir, data) = overlay();
    let v = view(&data, "2027-07-05");
    let fin = unit(&v, "市财政局");
    assert!(fin.overdue.is_empty());
    assert_eq!(fin.level, None);
    assert!(v.lines.iter().any(|l| l.figure.label_zh() == "未到期"));
}

#[test]
fn a_figure_more_than_a_month_late_calls_the_unit_in() {
    let (_dir, data) = overlay();
    let v = view(&data, "2027-08-26");
    assert_eq!(unit(&v, "市财政局").level, Some(WarningLevel::Summon));
}

#[test]
fn weights_give_a_score_with_its_working_and_none_without() {
    let (_dir, data) = overlay();
    let v = view(&data, "2027-08-20");
    let commerce = unit(&v, "市商务局").score.clone().unwrap();
    assert_eq!(commerce.value, Some(50.0));
    assert!(
        commerce.working.contains("10 ÷ 应考核权重 20"),
        "{}",
        commerce.working
    );
    assert_eq!(
        unit(&v, "市财政局").score.as_ref().unwrap().value,
        Some(0.0)
    );
    assert!(unit(&v, "市科技局").score.is_none());
}

#[test]
fn the_shipped_plan_names_no_lead_and_the_message_says_how_to_fill_it() {
    let data = load(&DataSource::Shipped, None).unwrap();
    let as_of = resolve(&data, None).unwrap();
    let v = units_view(&data, &as_of, "2026-12-03".parse().unwrap());
    assert!(!v.any_lead());
    let m = no_leads_message(&data.plan);
    assert!(
        m.contains("indicators/hangzhou-15th.toml") && m.contains("units assign"),
        "{m}"
    );
}
