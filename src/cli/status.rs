//! `planwatch status`: one row per measured indicator, with its status and the reason.

use serde::Serialize;

use super::data::as_of_period;
use super::format::Format;
use super::output::{csv, opt, opt_csv, print, print_csv, print_json};
use crate::assess::annual::{AnnualAssessment, in_year_signal};
use crate::assess::plan_view::PlanView;
use crate::assess::{Assessment, PlanAssessment, Projection, ProjectionGrade, Status, assess_plan};
use crate::error::Error;
use crate::model::{Dataset, Indicator, Period, Plan};
use crate::text::{Align, Table, fmt_signed_pct, truncate};

#[derive(Serialize)]
struct LatestJson {
    period: String,
    value: f64,
}

#[derive(Serialize)]
struct IndicatorStatusJson<'a> {
    id: &'a str,
    name: String,
    unit: &'a str,
    category: &'a str,
    attribute: crate::model::Attribute,
    status: Status,
    status_label: &'a str,
    reason: &'a str,
    binding_alert: bool,
    moving_away: bool,
    baseline: Option<crate::assess::Point>,
    latest: Option<LatestJson>,
    assessed: Option<crate::assess::Point>,
    target: &'a crate::model::Target,
    ratio: Option<f64>,
    completion_pct: Option<f64>,
    elapsed_pct: Option<f64>,
    observed_growth_pct: Option<f64>,
    required_growth_pct: Option<f64>,
    required_per_year: Option<f64>,
    projection: Option<&'a Projection>,
    projection_grade: Option<ProjectionGrade>,
    notes: &'a [crate::assess::Note],
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
        id: &i.id,
        name: i.display_name(),
        unit: &i.unit,
        category: &i.category,
        attribute: i.attribute,
        status: a.status,
        status_label: plan.status_label(a.status),
        reason: &a.reason,
        binding_alert: a.binding_alert,
        moving_away: a.moving_away,
        baseline: a.baseline,
        latest: a.latest.map(|l| LatestJson {
            period: l.period.to_string(),
            value: l.value,
        }),
        assessed: a.assessed,
        target: &i.target,
        ratio: a.ratio,
        completion_pct: a.completion_pct,
        elapsed_pct: a.elapsed_pct,
        observed_growth_pct: a.observed_growth_pct,
        required_growth_pct: a.required_growth_pct,
        required_per_year: a.required_per_year,
        projection: a.projection.as_ref(),
        projection_grade: a.projection_grade,
        notes: &a.notes,
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
    let period = as_of_period(dataset, as_of)?;
    let as_of = period.year;
    let result = assess_plan(dataset, as_of);
    let plan = &dataset.plan;
    let view = PlanView::new(plan, &result);
    let pairs = || view.items();
    // The in-year signal of each indicator, in the order of `pairs`.
    let signals: Vec<Option<AnnualAssessment>> = pairs()
        .map(|(i, _)| in_year_signal(dataset, i, period))
        .collect();
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
        Format::Csv => {
            let headers = [
                "序号",
                "指标名称",
                "单位",
                "属性",
                "基期年份",
                "基期值",
                "最新时期",
                "最新值",
                "目标",
                "状态",
                "状态代码",
                "约束性预警",
                "R",
                "完成度%",
                "时间进度%",
                "还需年均增速%",
                "原因",
                "年度目标",
                "年内判断",
            ];
            let rows: Vec<Vec<String>> = pairs()
                .zip(&signals)
                .map(|((i, a), s)| {
                    vec![
                        i.id.clone(),
                        i.display_name(),
                        i.unit.clone(),
                        i.attribute.label_zh().to_string(),
                        a.baseline.map_or(String::new(), |b| b.year.to_string()),
                        opt_csv(a.baseline.map(|b| b.value)),
                        a.latest.map_or(String::new(), |l| l.period.to_string()),
                        opt_csv(a.latest.map(|l| l.value)),
                        i.target.text.clone(),
                        plan.status_label(a.status).to_string(),
                        a.status.name().to_string(),
                        if a.binding_alert { "是" } else { "" }.to_string(),
                        opt_csv(a.ratio),
                        opt_csv(a.completion_pct),
                        opt_csv(a.elapsed_pct),
                        opt_csv(a.required_growth_pct),
                        a.reason.clone(),
                        s.as_ref().map_or(String::new(), |s| s.target.text.clone()),
                        s.as_ref()
                            .map_or(String::new(), |s| s.status.label_zh().to_string()),
                    ]
                })
                .collect();
            print_csv(&csv(&headers, &rows))?;
        }
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
    let mut table = Table::new(&[
        ("序号", Align::Right),
        ("指标", Align::Left),
        ("单位", Align::Left),
        ("基期", Align::Right),
        ("最新", Align::Right),
        ("时期", Align::Left),
        ("目标", Align::Left),
        ("完成/时间", Align::Right),
        ("还需年均", Align::Right),
        ("状态", Align::Left),
        ("年度计划", Align::Left),
    ]);
    let view = PlanView::new(plan, result);
    for ((i, a), s) in view.items().zip(signals) {
        let marker = if i.is_binding() { "◆" } else { "" };
        let progress = match (a.completion_pct, a.elapsed_pct) {
            (Some(c), Some(e)) => format!("{:.0}%/{:.0}%", c, e),
            _ => "—".to_string(),
        };
        let status = format!(
            "{} {}{}{}",
            a.status.symbol(),
            plan.status_label(a.status),
            if a.binding_alert { " ⚠" } else { "" },
            if a.notes.is_empty() { "" } else { " ※" }
        );
        table.row(vec![
            i.id.clone(),
            format!("{marker}{}", truncate(&i.display_name(), 30)),
            i.unit.clone(),
            opt(a.baseline.map(|b| b.value), 2),
            opt(a.latest.map(|l| l.value), 2),
            a.latest.map_or("—".to_string(), |l| l.period.to_string()),
            i.target.text.clone(),
            progress,
            a.required_growth_pct
                .map_or("—".to_string(), fmt_signed_pct),
            status,
            s.as_ref().map_or("—".to_string(), |s| {
                format!("{} {}", s.status.symbol(), s.status.label_zh())
            }),
        ]);
    }
    out.push_str(&table.render());
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
                i.id,
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
                .map(move |n| format!("  ※ {} {}：{}", i.id, i.display_name(), n.text))
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
        .map(|(i, a)| format!("  ? {} {}：{}", i.id, i.display_name(), a.reason))
        .collect();
    if !unassessable.is_empty() {
        out.push_str("\n无法评估的原因：\n");
        out.push_str(&unassessable.join("\n"));
        out.push('\n');
    }
    out
}
