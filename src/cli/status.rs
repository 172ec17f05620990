//! `planwatch status`: one row per measured indicator, with its status and the reason.

use serde::Serialize;

use super::data::resolve_as_of;
use super::format::Format;
use super::output::{print, print_csv, print_json};
use crate::assess::annual::{AnnualAssessment, in_year_signals};
use crate::assess::plan_view::PlanView;
use crate::assess::{Assessment, PlanAssessment, Status, assess_plan};
use crate::error::Error;
use crate::model::{Dataset, Indicator, Period, Plan};
use crate::present::tables::{status_sheet, status_table};

/// One indicator in JSON: the plan's words for it beside the library's own assessment, serialised as it is.
#[derive(Serialize)]
struct IndicatorStatusJson<'a> {
    /// The plan's own number (序号), as people read it.
    number: &'a str,
    name: String,
    unit: &'a str,
    category: &'a str,
    attribute: crate::model::Attribute,
    status_label: &'a str,
    target: &'a crate::model::Target,
    #[serde(flatten)]
    assessment: &'a Assessment,
    /// The newest in-year signal: the indicator's line of the as-of year's annual plan, if it has one.
    in_year: Option<InYearJson<'a>>,
}

#[derive(Serialize)]
struct InYearJson<'a> {
    year: i32,
    target: &'a str,
    period: Option<String>,
    value: Option<f64>,
    status: &'static str,
    status_label: &'static str,
    reason: &'a str,
}

fn in_year_json(s: &AnnualAssessment) -> InYearJson<'_> {
    InYearJson {
        year: s.target.year,
        target: &s.target.text,
        period: s.latest.map(|l| l.period.to_string()),
        value: s.latest.map(|l| l.value),
        status: s.status.name(),
        status_label: s.status.label_zh(),
        reason: &s.reason,
    }
}

#[derive(Serialize)]
struct Summary {
    total: usize,
    achieved: usize,
    ahead: usize,
    on_track: usize,
    lagging: usize,
    off_track: usize,
    not_assessable: usize,
    binding_alerts: usize,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    plan: &'a str,
    as_of: i32,
    /// The period the figures reach (2026Q3); the five-year status is judged on full years up to `as_of`.
    as_of_period: String,
    summary: Summary,
    indicators: Vec<IndicatorStatusJson<'a>>,
}

fn summary(view: &PlanView<'_>) -> Summary {
    let counts = view.counts();
    Summary {
        total: counts.total,
        achieved: counts.get(Status::Achieved),
        ahead: counts.get(Status::Ahead),
        on_track: counts.get(Status::OnTrack),
        lagging: counts.get(Status::Lagging),
        off_track: counts.get(Status::OffTrack),
        not_assessable: counts.get(Status::NotAssessable),
        binding_alerts: view.assessment.binding_alerts(),
    }
}

fn to_json<'a>(
    plan: &'a Plan,
    i: &'a Indicator,
    a: &'a Assessment,
    s: Option<&'a AnnualAssessment>,
) -> IndicatorStatusJson<'a> {
    IndicatorStatusJson {
        number: i.number(),
        name: i.display_name(),
        unit: &i.unit,
        category: &i.category,
        attribute: i.attribute,
        status_label: plan.status_label(a.status),
        target: &i.target,
        assessment: a,
        in_year: s.map(in_year_json),
    }
}

/// The one-line summary of counts, as the header of the table and of the dashboard.
pub fn counts_line(plan: &Plan, result: &PlanAssessment) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .map(|s| {
            format!(
                "{} {} {}",
                s.symbol(),
                plan.status_label(*s),
                result.count(*s)
            )
        })
        .collect();
    format!(
        "{}；约束性指标预警 {}",
        parts.join("  "),
        result.binding_alerts()
    )
}

pub fn run(dataset: &Dataset, as_of: Option<Period>, format: Format) -> Result<i32, Error> {
    let resolved = resolve_as_of(dataset, as_of)?;
    let (period, as_of) = (resolved.period, resolved.year);
    let result = assess_plan(dataset, as_of);
    let plan = &dataset.plan;
    let view = PlanView::new(plan, &result);
    let pairs = || view.items();
    // The in-year signal of each indicator, in the order of `pairs`.
    let signals = in_year_signals(dataset, &resolved);
    match format {
        Format::Json => print_json(&StatusJson {
            plan: &plan.id,
            as_of,
            as_of_period: period.to_string(),
            summary: summary(&view),
            indicators: pairs()
                .zip(&signals)
                .map(|((i, a), s)| to_json(plan, i, a, s.as_ref()))
                .collect(),
        })?,
        Format::Csv => print_csv(&status_sheet(&view, &signals).to_csv())?,
        Format::Table => print(&table(dataset, &result, period, &signals))?,
    }
    Ok(0)
}

fn table(
    dataset: &Dataset,
    result: &PlanAssessment,
    period: Period,
    signals: &[Option<AnnualAssessment>],
) -> String {
    let plan = &dataset.plan;
    let mut out = format!(
        "{}指标监测 · 截至 {}\n{}\n",
        plan.titled_name(),
        period.heading_zh(),
        counts_line(plan, result)
    );
    if !dataset.has_full_plan_year(result.as_of) {
        out.push_str(&format!(
            "规划实施以来（{}年起）尚无全年数据，五年规划指标暂无法评估；年度计划的年内进展见 planwatch annual。\n",
            plan.start_year
        ));
    }
    if !period.is_full_year() {
        out.push_str(&format!(
            "规划状态按全年数据评估（截至 {} 年的全年数据）；“年度计划”列为{}对照年度目标时序进度的判断（planwatch annual）。\n",
            result.as_of,
            period.label_zh()
        ));
    } else if let Some(s) = signals.iter().flatten().next() {
        out.push_str(&format!(
            "“年度计划”列：对照{}年年度目标的判断（planwatch annual）。\n",
            s.target.year
        ));
    }
    out.push('\n');
    let view = PlanView::new(plan, result);
    out.push_str(&status_table(&view, signals).to_text());
    out.push_str(
        "\n◆ 约束性指标  ⚠ 约束性指标预警  ※ 有提示（见下）  完成/时间：时序进度（完成度）对时间进度\n",
    );
    let behind: Vec<(&Indicator, &Assessment)> = view.behind();
    if !behind.is_empty() {
        out.push_str("\n滞后指标（约束性在前，严重滞后在前，其余按规划序号）：\n");
        for (i, a) in behind {
            out.push_str(&format!(
                "  {} {} {}：{}\n",
                a.status.symbol(),
                i.number(),
                i.display_name(),
                a.reason
            ));
        }
    }
    let notes: Vec<String> = view
        .items()
        .flat_map(|(i, a)| {
            a.notes
                .iter()
                .map(move |n| format!("  ※ {} {}：{}", i.number(), i.display_name(), n.text))
        })
        .collect();
    if !notes.is_empty() {
        out.push_str("\n提示：\n");
        out.push_str(&notes.join("\n"));
        out.push('\n');
    }
    let unassessable: Vec<String> = view
        .not_assessable()
        .into_iter()
        .map(|(i, a)| format!("  ? {} {}：{}", i.number(), i.display_name(), a.reason))
        .collect();
    if !unassessable.is_empty() {
        out.push_str("\n无法评估的原因：\n");
        out.push_str(&unassessable.join("\n"));
        out.push('\n');
    }
    out
}
