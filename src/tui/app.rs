//! The dashboard's state: which screen is shown, what is selected and filtered, and the assessments it reads.
//! The numbers all come from [`crate::assess`]; this module only chooses which of them are on screen.

use std::collections::BTreeMap;

use super::record_form::RecordForm;
use super::regions::RegionsPanel;
use super::scenario::ScenarioPanel;
use crate::assess::annual::{AnnualPlanAssessment, annual_plan};
use crate::assess::as_of::{AsOf, as_of_range, resolve_period};
use crate::assess::plan_view::{PlanView, category_order};
use crate::assess::{Assessment, PlanAssessment, assess_plan};
use crate::error::Error;
use crate::model::{Dataset, Indicator, Period};
use crate::scenario::ScenarioBook;

/// The screens of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Every indicator at a glance.
    Overview,
    /// One indicator: chart, working, sources.
    Indicator,
    /// What-if: growth, population and exchange rate against the headline goals.
    Scenario,
    /// Every region's plan side by side (where the data hold several regions).
    Regions,
    /// The year's annual plan with the in-year verdicts (目标时序进度).
    Annual,
    /// Who answers for each figure: the units with their counts and warning level (key `u`).
    Units,
}

/// Order of the overview list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// The annex's order, grouped by category (official numbering kept).
    #[default]
    Plan,
    /// Largest gap to the target first (the library's `gap_share`), no grouping.
    Gap,
}

/// Which indicators the overview shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub binding_only: bool,
    pub lagging_only: bool,
    /// A category by its position in the plan's list of categories.
    pub category: Option<usize>,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        self.binding_only || self.lagging_only || self.category.is_some()
    }
}

/// The `/` search: the text typed, and whether keys still go into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub editing: bool,
}

/// One line of the overview list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListLine {
    /// A category heading with the number of indicators shown under it.
    Category { name: String, shown: usize },
    /// An indicator, by its position in the plan.
    Indicator(usize),
}

/// Terminal size in cells, as the last resize reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u16,
    pub height: u16,
}

/// The whole state of the dashboard.
#[derive(Debug)]
pub struct App {
    pub dataset: Dataset,
    /// The assessment for `as_of` (kept out of the cache so that it is always there).
    assessment: PlanAssessment,
    /// Assessments of other years already computed, so that `[`/`]` back and forth is instant.
    cache: BTreeMap<i32, PlanAssessment>,
    pub screen: Screen,
    pub help_open: bool,
    pub help_scroll: u16,
    pub search: Search,
    pub filter: Filter,
    pub sort: SortOrder,
    /// The selected indicator's id: kept across filtering and sorting.
    pub selected: Option<String>,
    /// First list line shown in the overview.
    pub offset: usize,
    /// First line shown of the indicator view's details.
    pub detail_scroll: u16,
    pub size: Size,
    /// False under `NO_COLOR`: symbols and words carry the meaning alone.
    pub color: bool,
    pub quit: bool,
    /// A one-off note for the status line (cleared by the next key).
    pub message: Option<String>,
    pub scenario: ScenarioPanel,
    /// The regions to compare, where the data hold several regions' plans.
    pub regions: Option<RegionsPanel>,
    /// A plan the user asked to switch the whole dashboard to; the run loop loads it.
    pub switch_to: Option<String>,
    /// Where figures taken in the dashboard are written (`--data` and `--plan`); None for the built-in data,
    /// which cannot be changed.
    pub data_dir: Option<(std::path::PathBuf, Option<String>)>,
    /// The open 录入数据 form, if any.
    pub record_form: Option<RecordForm>,
    /// A figure the form submitted, for the run loop to record (the update step does no I/O).
    pub pending_record: Option<crate::intake::Figure>,
    /// An entry the form asked to take back, for the run loop to withdraw.
    pub pending_withdrawal: Option<crate::intake::Withdrawal>,
    /// Today, as the command line settled it (`--today`); figures are recorded and checked on this date.
    pub today: chrono::NaiveDate,
    /// What the as-of means (the library's one answer): the five-year year, the annual plan and its period.
    resolved: AsOf,
    /// The annual plan the as-of means, as of its period (the same one `annual` and the reports read).
    pub annual: AnnualPlanAssessment,
    /// The selected line of the annual plan view.
    pub annual_selected: usize,
    /// The units view, made when it is opened (`u`).
    pub units: Option<super::units::UnitsPanel>,
}

impl App {
    /// The dashboard on `dataset` as of `as_of`; `scenarios` is what reading `scenarios/` gave (a problem there
    /// shows in the scenario panel and leaves the rest of the dashboard working).
    pub fn new(
        dataset: Dataset,
        scenarios: Result<ScenarioBook, Error>,
        as_of: i32,
        size: Size,
        color: bool,
    ) -> Self {
        let assessment = assess_plan(&dataset, as_of);
        let resolved = resolve_period(&dataset, Period::year(as_of));
        let annual = annual_plan(&dataset, &resolved);
        let selected = dataset.plan.indicators.first().map(|i| i.id.clone());
        let scenario = ScenarioPanel::new(&dataset, scenarios, as_of);
        App {
            dataset,
            assessment,
            cache: BTreeMap::new(),
            screen: Screen::Overview,
            help_open: false,
            help_scroll: 0,
            search: Search::default(),
            filter: Filter::default(),
            sort: SortOrder::default(),
            selected,
            offset: 0,
            detail_scroll: 0,
            size,
            color,
            quit: false,
            message: None,
            scenario,
            regions: None,
            switch_to: None,
            data_dir: None,
            record_form: None,
            pending_record: None,
            pending_withdrawal: None,
            // `tui::run` sets the date the command line settled; a dashboard made elsewhere (tests) reads the clock.
            today: chrono::Local::now().date_naive(),
            resolved,
            annual,
            annual_selected: 0,
            units: None,
        }
    }

    /// Replaces the data after a figure was recorded: everything derived from the data — the five-year
    /// assessment, the annual plan, the scenario panel — is made again, so that no screen shows the old data.
    pub fn replace_dataset(&mut self, dataset: Dataset) {
        self.dataset = dataset;
        self.cache.clear();
        self.assessment = assess_plan(&self.dataset, self.as_of());
        self.resolve(self.resolved.period);
        self.scenario.rebuild(&self.dataset, self.as_of());
    }

    /// What the as-of means, as the library settled it.
    pub fn resolved(&self) -> &AsOf {
        &self.resolved
    }

    pub fn as_of(&self) -> i32 {
        self.assessment.as_of
    }

    pub fn assessment(&self) -> &PlanAssessment {
        &self.assessment
    }

    /// Changes the as-of year, assessing it once and keeping the result for later.
    pub fn set_as_of(&mut self, year: i32) {
        if year == self.as_of() {
            return;
        }
        let next = self
            .cache
            .remove(&year)
            .unwrap_or_else(|| assess_plan(&self.dataset, year));
        let previous = std::mem::replace(&mut self.assessment, next);
        self.cache.insert(previous.as_of, previous);
        self.resolve(Period::year(year));
        self.scenario.rebuild(&self.dataset, year);
    }

    /// Sets the as-of to a period of the as-of year (`--as-of 2026Q3`): the annual plan it means is read again.
    pub fn set_annual_period(&mut self, period: Period) {
        self.resolve(period.in_year(self.as_of()));
    }

    /// Settles what `period` means (the library's [`resolve_period`]) and reads the annual plan it means.
    fn resolve(&mut self, period: Period) {
        self.resolved = resolve_period(&self.dataset, period);
        self.annual = annual_plan(&self.dataset, &self.resolved);
        self.annual_selected = self
            .annual_selected
            .min(self.annual.items.len().saturating_sub(1));
    }

    /// Whether the plan has a full year of data by the as-of year (see [`Dataset::has_full_plan_year`]).
    pub fn has_full_plan_year(&self) -> bool {
        self.dataset.has_full_plan_year(self.as_of())
    }

    /// The years the dashboard can be set to: the plan's base year to its end year.
    pub fn year_range(&self) -> (i32, i32) {
        as_of_range(&self.dataset.plan)
    }

    /// The plan-level view of the assessment shown (categories, counts, the behind list).
    pub fn view(&self) -> PlanView<'_> {
        PlanView::new(&self.dataset.plan, &self.assessment)
    }

    /// An indicator with its assessment, by position in the plan.
    pub fn item(&self, index: usize) -> Option<(&Indicator, &Assessment)> {
        let indicator = self.dataset.plan.indicators.get(index)?;
        let assessment = self
            .assessment
            .items
            .get(index)
            .filter(|a| a.id == indicator.id)
            .or_else(|| self.assessment.get(&indicator.id))?;
        Some((indicator, assessment))
    }

    /// The selected indicator with its assessment.
    pub fn selected_item(&self) -> Option<(&Indicator, &Assessment)> {
        let id = self.selected.as_deref()?;
        let index = self
            .dataset
            .plan
            .indicators
            .iter()
            .position(|i| i.id == id)?;
        self.item(index)
    }

    /// Positions (in the plan) of the indicators the filters and the search let through, in display order.
    /// Only the lagging ones, in plan order: the official order of the behind list ([`PlanView::behind`]), the
    /// same as the command line and the reports.
    pub fn visible(&self) -> Vec<usize> {
        let mut shown: Vec<usize> = (0..self.dataset.plan.indicators.len())
            .filter(|&index| self.passes(index))
            .collect();
        if self.filter.lagging_only && self.sort == SortOrder::Plan {
            let indicators = &self.dataset.plan.indicators;
            return self
                .view()
                .behind()
                .into_iter()
                .filter_map(|(i, _)| indicators.iter().position(|x| x.id == i.id))
                .filter(|index| shown.contains(index))
                .collect();
        }
        match self.sort {
            SortOrder::Plan => {
                let order = self.category_order();
                shown.sort_by_key(|&index| {
                    let category = &self.dataset.plan.indicators[index].category;
                    (order.iter().position(|c| c == category), index)
                });
            }
            SortOrder::Gap => {
                let gap = |index: usize| self.item(index).and_then(|(i, a)| a.gap_share(i));
                // Largest gap first; indicators without a gap (no target number, no data) last, in plan order.
                shown.sort_by(|&a, &b| match (gap(a), gap(b)) {
                    (Some(x), Some(y)) => y.total_cmp(&x).then(a.cmp(&b)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => a.cmp(&b),
                });
            }
        }
        shown
    }

    /// The overview's lines: category headings (in plan order) and indicators; flat when sorted by gap or when
    /// only the lagging ones are shown (then in the official order of the behind list).
    pub fn lines(&self) -> Vec<ListLine> {
        let visible = self.visible();
        if self.sort == SortOrder::Gap || self.filter.lagging_only {
            return visible.into_iter().map(ListLine::Indicator).collect();
        }
        let mut lines = Vec::with_capacity(visible.len() + 5);
        let mut current: Option<&str> = None;
        for (position, &index) in visible.iter().enumerate() {
            let category = self.dataset.plan.indicators[index].category.as_str();
            if current != Some(category) {
                let shown = visible[position..]
                    .iter()
                    .take_while(|&&i| self.dataset.plan.indicators[i].category == category)
                    .count();
                lines.push(ListLine::Category {
                    name: category.to_string(),
                    shown,
                });
                current = Some(category);
            }
            lines.push(ListLine::Indicator(index));
        }
        lines
    }

    /// The plan's categories, then any category an indicator names that the list lacks.
    pub fn category_order(&self) -> Vec<String> {
        category_order(&self.dataset.plan)
    }

    fn passes(&self, index: usize) -> bool {
        let Some((indicator, assessment)) = self.item(index) else {
            return false;
        };
        if self.filter.binding_only && !indicator.is_binding() {
            return false;
        }
        if self.filter.lagging_only && !assessment.status.is_behind() {
            return false;
        }
        if let Some(category) = self.filter.category
            && self.category_order().get(category) != Some(&indicator.category)
        {
            return false;
        }
        matches_query(indicator, &self.search.query)
    }
}

/// Search by official number (17 finds 17.1 and 17.2) or by a part of the name (letters in any case).
pub fn matches_query(indicator: &Indicator, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return true;
    }
    let number = indicator.number();
    if number == query || number.starts_with(&format!("{query}.")) || indicator.id == query {
        return true;
    }
    let is_number = query.chars().all(|c| c.is_ascii_digit() || c == '.');
    !is_number
        && indicator
            .display_name()
            .to_lowercase()
            .contains(&query.to_lowercase())
}
