//! Who answers for each figure: the lines each unit leads (牵头单位) or shares (责任单位), whether each line's
//! figure for the period is in, late (逾期) or not yet due (未到期), which lines are behind, the graded warnings
//! (提醒 / 约谈) with their reasons, and — where the plan weighs its lines — each unit's 考核得分 with its working.
//!
//! Pure: it reads a [`Dataset`] and the date taken as today, and asks [`crate::assess`] for every verdict. The
//! lines of a period are the five-year plan's indicators and the lines of the annual plan the as-of means
//! ([`annual_plan`]); a line of both is one line. The command line, the 通报 and the dashboard all read this.

pub mod assign;
pub mod calendar;
mod score;
pub mod table;
pub mod warnings;

use chrono::NaiveDate;
use serde::Serialize;

pub use calendar::Figure;
pub use score::{Score, ScoreLine};
pub use warnings::Warning;

use crate::assess::Status;
use crate::assess::annual::{AnnualAssessment, AnnualStatus, annual_plan, assess_annual_target};
use crate::assess::as_of::AsOf;
use crate::assess::{assess_indicator, assess_plan};
use crate::model::{
    AnnualTarget, Attribute, Dataset, Frequency, Indicator, Period, Plan, WarningLevel,
    WarningRule, due_clause,
};

/// A line's verdict for the period, from the annual plan where the line is in it, else from the five-year plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// On or ahead of schedule, or met.
    OnSchedule,
    Behind,
    /// No verdict (no figure, or not assessable).
    Unknown,
}

/// One line of the period with who answers for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitLine {
    /// The five-year indicator's id where the line is one, else the annual line's series id.
    pub id: String,
    /// 序号 as people read it.
    pub number: String,
    pub name: String,
    /// 牵头单位.
    pub lead: Option<String>,
    /// 责任单位.
    pub shared: Vec<String>,
    pub binding: bool,
    pub frequency: Frequency,
    /// Whether the line is in the year's annual plan (else it is judged by the five-year plan).
    pub annual: bool,
    pub figure: Figure,
    pub standing: Standing,
    /// The verdict in words (符合时序进度, 滞后 …).
    pub verdict: String,
    /// Also behind in the period before (连续两期滞后), and that period.
    pub behind_before: Option<Period>,
    /// 情况说明 sent with the period's figure.
    pub explanation: Option<String>,
    pub weight: Option<f64>,
}

impl UnitLine {
    pub fn is_behind(&self) -> bool {
        self.standing == Standing::Behind
    }

    pub fn has_figure(&self) -> bool {
        matches!(self.figure, Figure::Received { .. })
    }

    /// Behind with its figure in and no 情况说明 sent.
    pub fn explanation_missing(&self) -> bool {
        self.is_behind() && self.has_figure() && self.explanation.is_none()
    }

    pub fn answers(&self, unit: &str) -> bool {
        self.lead.as_deref() == Some(unit) || self.shared.iter().any(|s| s == unit)
    }
}

/// One unit's lines and standing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub name: String,
    /// Indexes into [`UnitsView::lines`]: the lines it leads, then those it shares.
    pub leads: Vec<usize>,
    pub shares: Vec<usize>,
    pub with_data: usize,
    pub on_schedule: usize,
    pub behind: usize,
    pub binding_behind: usize,
    pub overdue: Vec<usize>,
    pub explanations_missing: Vec<usize>,
    pub level: Option<WarningLevel>,
    pub warnings: Vec<Warning>,
    pub score: Option<Score>,
}

impl Unit {
    /// The share of its lines on schedule, for ranking (0 for a unit without lines).
    pub fn on_schedule_share(&self) -> f64 {
        if self.leads.is_empty() {
            0.0
        } else {
            self.on_schedule as f64 / self.leads.len() as f64
        }
    }
}

/// The lines of a period and the units answering for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitsView {
    pub as_of: Period,
    pub today: NaiveDate,
    pub lines: Vec<UnitLine>,
    /// Units that lead a line, ranked: the share of lines on schedule, then fewer overdue, then name.
    pub units: Vec<Unit>,
    /// The plan's warning rules, for a unit asked for by name.
    #[serde(skip)]
    rules: Vec<WarningRule>,
}

impl UnitsView {
    /// Lines no unit leads.
    pub fn unassigned(&self) -> Vec<&UnitLine> {
        self.lines.iter().filter(|l| l.lead.is_none()).collect()
    }

    /// Whether any line names a 牵头单位.
    pub fn any_lead(&self) -> bool {
        self.lines.iter().any(|l| l.lead.is_some())
    }

    /// A unit by name, leading or sharing a line (the name as written, trimmed).
    pub fn unit(&self, name: &str) -> Option<Unit> {
        let name = name.trim();
        if let Some(u) = self.units.iter().find(|u| u.name == name) {
            return Some(u.clone());
        }
        self.lines
            .iter()
            .any(|l| l.answers(name))
            .then(|| summarise(self, name, &self.rules))
    }

    /// Every unit named on a line, leading or sharing, sorted.
    pub fn all_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .lines
            .iter()
            .flat_map(|l| l.lead.iter().chain(&l.shared).cloned())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Why the plan cannot be cut by unit: no line names its 牵头单位. Names the plan file and how to fill it.
pub fn no_leads_message(plan: &Plan) -> String {
    format!(
        "规划“{}”的指标都没有写明牵头单位：请在规划文件 indicators/{}.toml 各指标中写明 department（牵头单位）与 responsible（责任单位），\
         或用 planwatch units assign 分工表.xlsx 从一张含“序号、指标、牵头单位、责任单位”列的分工表导入（先预览，加 --apply 写入）",
        plan.short_or_name(),
        plan.id
    )
}

/// The lines of the period `as_of` means and the units answering for them, on `today`.
pub fn units_view(dataset: &Dataset, as_of: &AsOf, today: NaiveDate) -> UnitsView {
    let annual = annual_plan(dataset, as_of);
    let five_year = assess_plan(dataset, as_of.year);
    let period = as_of.period;
    let mut lines = Vec::new();
    let mut used = vec![false; annual.items.len()];
    for (indicator, a) in dataset.plan.indicators.iter().zip(&five_year.items) {
        let in_year = annual
            .items
            .iter()
            .position(|l| l.indicator.as_deref() == Some(indicator.id.as_str()));
        let line = match in_year {
            Some(n) => {
                used[n] = true;
                annual_line(dataset, &annual.items[n], Some(indicator), period, today)
            }
            None => five_year_line(dataset, indicator, a.status, as_of, today),
        };
        lines.push(line);
    }
    for (n, item) in annual.items.iter().enumerate() {
        if !used[n] {
            lines.push(annual_line(dataset, item, None, period, today));
        }
    }
    let mut view = UnitsView {
        as_of: period,
        today,
        lines,
        units: Vec::new(),
        rules: dataset.plan.units.rules.clone(),
    };
    let mut leads: Vec<String> = view.lines.iter().filter_map(|l| l.lead.clone()).collect();
    leads.sort();
    leads.dedup();
    let mut units: Vec<Unit> = leads
        .iter()
        .map(|n| summarise(&view, n, &view.rules))
        .collect();
    units.sort_by(|a, b| {
        b.on_schedule_share()
            .total_cmp(&a.on_schedule_share())
            .then(a.overdue.len().cmp(&b.overdue.len()))
            .then(a.name.cmp(&b.name))
    });
    view.units = units;
    view
}

/// The whole of a plan's lines as one unit (a district, in the city's view), named `name`.
pub fn plan_as_unit(view: &UnitsView, name: &str) -> Unit {
    let all: Vec<usize> = (0..view.lines.len()).collect();
    tally(view, name, all, Vec::new(), &view.rules)
}

fn summarise(view: &UnitsView, name: &str, rules: &[WarningRule]) -> Unit {
    let leads: Vec<usize> = (0..view.lines.len())
        .filter(|&i| view.lines[i].lead.as_deref() == Some(name))
        .collect();
    let shares: Vec<usize> = (0..view.lines.len())
        .filter(|&i| view.lines[i].shared.iter().any(|s| s == name))
        .collect();
    tally(view, name, leads, shares, rules)
}

fn tally(
    view: &UnitsView,
    name: &str,
    leads: Vec<usize>,
    shares: Vec<usize>,
    rules: &[WarningRule],
) -> Unit {
    let led: Vec<&UnitLine> = leads.iter().map(|&i| &view.lines[i]).collect();
    let pick = |f: &dyn Fn(&UnitLine) -> bool| -> Vec<usize> {
        leads
            .iter()
            .copied()
            .filter(|&i| f(&view.lines[i]))
            .collect()
    };
    let warnings = warnings::evaluate(rules, &led, view.today);
    Unit {
        name: name.to_string(),
        with_data: led.iter().filter(|l| l.has_figure()).count(),
        on_schedule: led
            .iter()
            .filter(|l| l.standing == Standing::OnSchedule)
            .count(),
        behind: led.iter().filter(|l| l.is_behind()).count(),
        binding_behind: led.iter().filter(|l| l.is_behind() && l.binding).count(),
        overdue: pick(&|l| l.figure.is_overdue()),
        explanations_missing: pick(&UnitLine::explanation_missing),
        level: warnings.iter().map(|w| w.level).max(),
        warnings,
        score: score::score(&led),
        leads,
        shares,
    }
}

/// The period's figure of a series: one covering the same months of the same year (2027H1, or 2027-06 for a
/// monthly line), newest vintage.
fn period_figure<'a>(
    dataset: &'a Dataset,
    series: &str,
    period: Period,
) -> Option<&'a crate::model::Observation> {
    dataset
        .history
        .series(series)
        .into_iter()
        .rfind(|o| o.period.year == period.year && o.period.part.months() == period.part.months())
}

fn annual_line(
    dataset: &Dataset,
    item: &AnnualAssessment,
    indicator: Option<&Indicator>,
    period: Period,
    today: NaiveDate,
) -> UnitLine {
    let target: Option<&AnnualTarget> = dataset
        .history
        .annual_target(&item.series, item.target.year);
    let lead = target
        .and_then(|t| t.department.clone())
        .or_else(|| indicator.and_then(|i| i.department.clone()));
    let mut shared: Vec<String> = target.map(|t| t.responsible.clone()).unwrap_or_default();
    for s in indicator.map(|i| i.responsible.as_slice()).unwrap_or(&[]) {
        if !shared.contains(s) {
            shared.push(s.clone());
        }
    }
    shared.retain(|s| Some(s) != lead.as_ref());
    let frequency = target
        .and_then(|t| t.frequency)
        .or_else(|| indicator.and_then(|i| i.frequency))
        .unwrap_or(Frequency::Yearly);
    let line_due: &[crate::model::DueClause] = match target {
        Some(t) if !t.due.is_empty() => &t.due,
        _ => indicator.map_or(&[], |i| &i.due),
    };
    let clause = due_clause(period, &[line_due, &dataset.plan.units.due]);
    let observed = period_figure(dataset, &item.series, period);
    let standing = annual_standing(item.status);
    let behind_before = match (standing, target) {
        (Standing::Behind, Some(t)) => calendar::previous(frequency, period).filter(|prev| {
            let before = assess_annual_target(dataset, &item.series, t, *prev);
            before.status.is_behind()
                && before
                    .latest
                    .is_some_and(|l| l.period.part.months() == prev.part.months())
        }),
        _ => None,
    };
    UnitLine {
        id: item.id.clone(),
        number: item.number.clone(),
        name: item.name.clone(),
        lead,
        shared,
        binding: item.attribute == Attribute::Binding,
        frequency,
        annual: true,
        figure: calendar::figure(frequency, period, clause, observed.is_some(), today),
        standing,
        verdict: item.status.label_zh().to_string(),
        behind_before,
        explanation: observed.and_then(|o| o.explanation.clone()),
        weight: target
            .and_then(|t| t.weight)
            .or(indicator.and_then(|i| i.weight)),
    }
}

fn annual_standing(status: AnnualStatus) -> Standing {
    match status {
        AnnualStatus::NotAssessable => Standing::Unknown,
        s if s.is_behind() => Standing::Behind,
        _ => Standing::OnSchedule,
    }
}

fn five_year_standing(status: Status) -> Standing {
    match status {
        Status::NotAssessable => Standing::Unknown,
        Status::Lagging | Status::OffTrack => Standing::Behind,
        _ => Standing::OnSchedule,
    }
}

fn five_year_line(
    dataset: &Dataset,
    indicator: &Indicator,
    status: Status,
    as_of: &AsOf,
    today: NaiveDate,
) -> UnitLine {
    let period = as_of.period;
    let frequency = indicator.frequency.unwrap_or(Frequency::Yearly);
    let clause = due_clause(period, &[&indicator.due, &dataset.plan.units.due]);
    let observed = period_figure(dataset, indicator.series_id(), period);
    let standing = five_year_standing(status);
    let behind_before = (standing == Standing::Behind
        && as_of.year > dataset.plan.baseline_year
        && five_year_standing(assess_indicator(dataset, indicator, as_of.year - 1).status)
            == Standing::Behind)
        .then(|| Period::year(as_of.year - 1));
    UnitLine {
        id: indicator.id.clone(),
        number: indicator.id.clone(),
        name: indicator.display_name(),
        lead: indicator.department.clone(),
        shared: indicator.responsible.clone(),
        binding: indicator.attribute == Attribute::Binding,
        frequency,
        annual: false,
        figure: calendar::figure(frequency, period, clause, observed.is_some(), today),
        standing,
        verdict: format!("{}（按五年规划进度）", dataset.plan.status_label(status)),
        behind_before,
        explanation: observed.and_then(|o| o.explanation.clone()),
        weight: indicator.weight,
    }
}
