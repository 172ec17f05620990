//! `planwatch status`: one row per measured indicator, with its status and the reason.

use serde::Serialize;

use super::output::{csv, opt, opt_csv, print, print_json};
use super::{Format, as_of_year};
use crate::assess::plan_view::PlanView;
use crate::assess::{Assessment, PlanAssessment, Projection, ProjectionGrade, Status, assess_plan};
use crate::error::Error;
use crate::model::{Dataset, Indicator, Plan};
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

fn to_json<'a>(plan: &'a Plan, i: &'a Indicator, a: &'a Assessment) -> IndicatorStatusJson<'a> {
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

pub fn run(dataset: &Dataset, as_of: Option<i32>, format: Format) -> Result<i32, Error> {
    let as_of = as_of_year(dataset, as_of)?;
    let result = assess_plan(dataset, as_of);
    let plan = &dataset.plan;
    let view = PlanView::new(plan, &result);
    let pairs = || view.items();
    match format {
        Format::Json => print_json(&StatusJson {
            plan: &plan.id,
            as_of,
            summary: summary(&view),
            indicators: pairs().map(|(i, a)| to_json(plan, i, a)).collect(),
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
            ];
            let rows: Vec<Vec<String>> = pairs()
                .map(|(i, a)| {
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
                    ]
                })
                .collect();
            print(&csv(&headers, &rows))?;
        }
        Format::Table => print(&table(dataset, &result))?,
    }
    Ok(0)
}

fn table(dataset: &Dataset, result: &PlanAssessment) -> String {
    let plan = &dataset.plan;
    let mut out = format!(
        "{}（{}）指标监测 · 截至 {} 年\n{}\n\n",
        plan.name,
        plan.short_name,
        result.as_of,
        counts_line(plan, result)
    );
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
    ]);
    let view = PlanView::new(plan, result);
    for (i, a) in view.items() {
        let marker = if i.is_binding() { "◆" } else { "" };
        let progress = match (a.completion_pct, a.elapsed_pct) {
            (Some(c), Some(e)) => format!("{:.0}%/{:.0}%", c, e),
            _ => "—".to_string(),
        };
        let status = format!(
            "{} {}{}",
            a.status.symbol(),
            plan.status_label(a.status),
            if a.binding_alert { " ⚠" } else { "" }
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
        ]);
    }
    out.push_str(&table.render());
    out.push_str("\n◆ 约束性指标  ⚠ 约束性指标预警  完成/时间：时序进度（完成度）对时间进度\n");
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
