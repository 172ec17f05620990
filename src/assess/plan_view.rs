//! The assessed plan as a whole: the one place for the plan-level questions every face asks — in which order the
//! categories come, how many indicators have each status (overall, binding, per category), which indicators are
//! behind and in which order they are listed, which targets have a path from the baseline to draw, and which
//! as-of years the plan can be assessed for (see [`super::as_of`]). The command line, the dashboard and the reports all ask here.

use super::{Assessment, PlanAssessment, Point, Status};
use crate::model::{Indicator, Plan, TargetKind};

/// How many indicators have each status, in the order of [`Status::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    by_status: [usize; 6],
}

impl Counts {
    fn add(&mut self, status: Status) {
        self.total += 1;
        if let Some(i) = Status::ALL.iter().position(|s| *s == status) {
            self.by_status[i] += 1;
        }
    }

    pub fn get(&self, status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.by_status[i])
    }
}

/// The plan's categories in its own order, then any category an indicator names that the list lacks; only
/// categories with at least one indicator.
pub fn category_order(plan: &Plan) -> Vec<String> {
    let mut order: Vec<String> = plan.categories.clone();
    for indicator in &plan.indicators {
        if !order.contains(&indicator.category) {
            order.push(indicator.category.clone());
        }
    }
    order.retain(|c| plan.indicators.iter().any(|i| &i.category == c));
    order
}

/// The two ends of the path from the baseline to the target that a chart draws, where the target kind has one:
/// a level to reach (at least, at most, about, a rise from the base). A target to maintain, or one met at the base,
/// has none: its line is the threshold itself,
/// and a line from the baseline down to the threshold would read as a planned decline. Growth rates, cumulative
/// sums, in-step, direction and assigned targets are not levels on the indicator's axis.
pub fn plan_path(indicator: &Indicator, assessment: &Assessment) -> Option<[Point; 2]> {
    let kind = &indicator.target.kind;
    // A target met at the base is a line to hold, like a maintain target: no path down to it.
    let held = assessment
        .notes
        .iter()
        .any(|n| n.code == super::NoteCode::MetAtBase);
    let level = matches!(
        kind,
        TargetKind::AtLeast { .. }
            | TargetKind::AtMost { .. }
            | TargetKind::About { .. }
            | TargetKind::Rise { .. }
    ) && !held;
    let baseline = assessment.baseline?;
    let target = indicator
        .target
        .level(Some(baseline.value), indicator.better.sign())?;
    level.then_some([
        baseline,
        Point {
            year: indicator.target.year,
            value: target,
        },
    ])
}

/// A plan with its assessment as of one year, read together.
#[derive(Debug, Clone, Copy)]
pub struct PlanView<'a> {
    pub plan: &'a Plan,
    pub assessment: &'a PlanAssessment,
}

impl<'a> PlanView<'a> {
    pub fn new(plan: &'a Plan, assessment: &'a PlanAssessment) -> Self {
        PlanView { plan, assessment }
    }

    pub fn as_of(&self) -> i32 {
        self.assessment.as_of
    }

    /// Every indicator with its assessment, in the plan's order.
    pub fn items(&self) -> impl Iterator<Item = (&'a Indicator, &'a Assessment)> + 'a {
        let assessment = self.assessment;
        self.plan
            .indicators
            .iter()
            .enumerate()
            .filter_map(move |(n, i)| {
                let a = assessment
                    .items
                    .get(n)
                    .filter(|a| a.id == i.id)
                    .or_else(|| assessment.get(&i.id))?;
                Some((i, a))
            })
    }

    /// The categories in the plan's order (see [`category_order`]).
    pub fn categories(&self) -> Vec<String> {
        category_order(self.plan)
    }

    /// Counts over every indicator.
    pub fn counts(&self) -> Counts {
        self.count_where(|_| true)
    }

    /// Counts over the binding (约束性) indicators.
    pub fn binding_counts(&self) -> Counts {
        self.count_where(Indicator::is_binding)
    }

    /// Counts per category, in the order of [`PlanView::categories`].
    pub fn category_counts(&self) -> Vec<(String, Counts)> {
        self.categories()
            .into_iter()
            .map(|c| {
                let counts = self.count_where(|i| i.category == c);
                (c, counts)
            })
            .collect()
    }

    fn count_where(&self, keep: impl Fn(&Indicator) -> bool) -> Counts {
        let mut counts = Counts::default();
        for (i, a) in self.items() {
            if keep(i) {
                counts.add(a.status);
            }
        }
        counts
    }

    /// The indicators behind their path (滞后, 严重滞后), in the one official order every face lists them in:
    ///
    /// 1. binding (约束性) before expected (预期性) — a binding shortfall is a failure of duty and heads every
    ///    review (the national 14th-plan mid-term review reports binding indicators first);
    /// 2. then 严重滞后 before 滞后 — the more serious verdict first, as a review orders its findings;
    /// 3. then the plan's own order (the annex's official numbering) — the order officials look indicators up
    ///    in. A "gap" is not used: a growth rate's gap, a level's gap and a cumulative sum's gap are not
    ///    comparable, so sorting by it would rank indicators by their units rather than by their trouble.
    pub fn behind(&self) -> Vec<(&'a Indicator, &'a Assessment)> {
        let mut behind: Vec<(usize, &'a Indicator, &'a Assessment)> = self
            .items()
            .enumerate()
            .filter(|(_, (_, a))| a.status.is_behind())
            .map(|(n, (i, a))| (n, i, a))
            .collect();
        behind.sort_by_key(|(n, i, a)| (!i.is_binding(), a.status != Status::OffTrack, *n));
        behind.into_iter().map(|(_, i, a)| (i, a)).collect()
    }

    /// The indicators that cannot be assessed, in the plan's order.
    pub fn not_assessable(&self) -> Vec<(&'a Indicator, &'a Assessment)> {
        self.items()
            .filter(|(_, a)| a.status == Status::NotAssessable)
            .collect()
    }
}
