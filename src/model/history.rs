//! Observations: every value with its period, vintage and source. Revisions never erase earlier vintages.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::period::Period;

/// How final a published value is. The order is the order of precedence between vintages of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservationStatus {
    Estimate,
    Preliminary,
    Final,
    Revised,
}

impl ObservationStatus {
    pub fn label_zh(self) -> &'static str {
        match self {
            ObservationStatus::Estimate => "预计",
            ObservationStatus::Preliminary => "初步",
            ObservationStatus::Final => "最终",
            ObservationStatus::Revised => "修订",
        }
    }

    pub const NAMES: [&'static str; 4] = ["estimate", "preliminary", "final", "revised"];
}

/// Where a value was written down: file and line, for errors and for the sources appendix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

/// One published value of one series for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub period: Period,
    pub value: f64,
    pub status: ObservationStatus,
    pub source: String,
    pub quote: String,
    pub reliability: String,
    pub published: Option<NaiveDate>,
    pub recorded: NaiveDate,
    pub note: String,
    /// Why a figure that trips a plausibility check was kept anyway (`accepted = "理由"`); None: not accepted.
    pub accepted: Option<String>,
    /// 情况说明: the responsible unit's explanation sent with the figure (原因及下一步措施), where one was sent.
    pub explanation: Option<String>,
    pub origin: Origin,
}

impl Observation {
    /// The vintage: which of several values for one period is the newest.
    /// A later status wins (revised over final over preliminary over estimate); within one status, the later date.
    pub fn vintage(&self) -> (ObservationStatus, NaiveDate) {
        (self.status, self.published.unwrap_or(self.recorded))
    }
}

/// What an annual target asks of its series within the year (the annual plan's kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnualKind {
    /// A growth rate to reach; the series holds growth to date (累计增长), e.g. GDP 增长5%—5.5%.
    Growth,
    /// A level or ratio to reach or stay under; the series holds the value at a date (PM2.5, 研发投入强度).
    Level,
    /// An amount to complete in the year; the series holds the amount to date (社零 突破1万亿元, 投资).
    Amount,
    /// A direction only (稳步提高); judged against the same period a year earlier.
    Direction,
    /// In step with the economy's growth (与经济增长同步; 高于GDP增速 when the text says 高于): the series' growth
    /// to date against GDP growth for the same period.
    InStep,
    /// The province's assigned target (完成省下达目标): its number, once recorded, is the line.
    Assigned,
}

impl AnnualKind {
    pub const NAMES: [&'static str; 6] = [
        "growth",
        "level",
        "amount",
        "direction",
        "in_step",
        "assigned",
    ];

    pub fn name(self) -> &'static str {
        match self {
            AnnualKind::Growth => "growth",
            AnnualKind::Level => "level",
            AnnualKind::Amount => "amount",
            AnnualKind::Direction => "direction",
            AnnualKind::InStep => "in_step",
            AnnualKind::Assigned => "assigned",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "growth" => Some(AnnualKind::Growth),
            "level" => Some(AnnualKind::Level),
            "amount" => Some(AnnualKind::Amount),
            "direction" => Some(AnnualKind::Direction),
            "in_step" => Some(AnnualKind::InStep),
            "assigned" => Some(AnnualKind::Assigned),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            AnnualKind::Growth => "增速目标",
            AnnualKind::Level => "水平目标",
            AnnualKind::Amount => "年度总量目标",
            AnnualKind::Direction => "方向性目标",
            AnnualKind::InStep => "与经济增长对照",
            AnnualKind::Assigned => "省下达目标",
        }
    }
}

/// A target assigned for one year: the province's 下达目标, or a line of the year's annual plan (年度计划).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualTarget {
    pub year: i32,
    /// The target's number (the low end of a range); None only for a direction (稳步提高).
    pub value: Option<f64>,
    /// Upper end where the target is a range (GDP 5%—5.5%).
    pub upper: Option<f64>,
    pub text: String,
    pub kind: AnnualKind,
    /// Which way is better; None: the linked plan indicator's, else higher.
    pub better: Option<super::plan::Better>,
    /// 左右: the absolute tolerance; None: the rule's default (see `assess::annual`).
    pub tolerance: Option<f64>,
    /// The line's name in the annual plan, where it differs from the series' name.
    pub name: Option<String>,
    /// 约束性/预期性 in the annual plan; None: the linked plan indicator's, else 预期性.
    pub attribute: Option<super::plan::Attribute>,
    /// The line's number in the annual plan's table, for its order.
    pub order: Option<u32>,
    /// 牵头单位 of the line in the annual plan.
    pub department: Option<String>,
    /// 责任单位 of the line, besides the lead (may be empty).
    pub responsible: Vec<String>,
    /// 频率: which periods of the year have figures; None: not stated.
    pub frequency: Option<super::period::Frequency>,
    /// 报送时限 of this line where it differs from the plan's.
    pub due: Vec<super::duty::DueClause>,
    /// 考核权重 of the line, where the plan scores units.
    pub weight: Option<f64>,
    pub source: String,
    pub reliability: String,
    pub recorded: NaiveDate,
    pub origin: Origin,
}

impl AnnualTarget {
    /// Whether a year's value meets this target in the indicator's better direction. A range (5%—5.5%) is met
    /// from its near end: its lower end where higher is better, its upper end where lower is better.
    /// A target without a number (a direction) is never met this way.
    pub fn met_by(&self, value: f64, better: super::plan::Better) -> bool {
        let Some(low) = self.value else {
            return false;
        };
        // A strict line (＞、低于) is not met by the number itself.
        let bound = super::plan::Bound::of_text(&self.text);
        match better {
            super::plan::Better::Higher => bound.holds(value, low, 1.0),
            super::plan::Better::Lower => bound.holds(value, self.upper.unwrap_or(low), -1.0),
        }
    }

    /// Whether the target says 左右 (about).
    pub fn is_about(&self) -> bool {
        self.text.contains("左右")
    }
}

/// A series outside the plan's table that the headline goals need (GDP level, population, exchange rate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextSeries {
    pub id: String,
    pub name: String,
    pub unit: String,
    /// A total that adds up across regions (GDP, 社零, 投资): checked against the children's sum. Never a rate.
    pub additive: bool,
}

/// What a level statistic measures in a year (`basis = "年末" | "年均"`): the year-end stock or the year's average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    YearEnd,
    AnnualAverage,
}

impl Basis {
    pub const NAMES: [&'static str; 2] = ["年末", "年均"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "年末" | "year_end" => Some(Basis::YearEnd),
            "年均" | "annual_average" => Some(Basis::AnnualAverage),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Basis::YearEnd => "年末",
            Basis::AnnualAverage => "年均",
        }
    }
}

/// A break in a series (口径调整: a census revision, new monitoring sites): values from `year` on are on a new
/// basis and are not compared with earlier ones, except through the published comparable growth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesBreak {
    /// The first year on the new basis.
    pub year: i32,
    pub reason: String,
    /// Growth in `year` over the year before on the new basis (按可比口径), in percent, where published.
    pub comparable_growth_pct: Option<f64>,
    pub source: String,
    pub origin: Origin,
}

/// An observation taken back (`withdrawn = "理由"` on a later entry of its file): never used, never a version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Withdrawn {
    pub observation: Observation,
    /// Why it was withdrawn.
    pub reason: String,
    /// When it was withdrawn.
    pub recorded: NaiveDate,
    /// Where the withdrawal is written.
    pub origin: Origin,
}

/// All observations and annual targets, by series id (a plan indicator's id or a context series' id).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    observations: BTreeMap<String, Vec<Observation>>,
    annual_targets: BTreeMap<String, Vec<AnnualTarget>>,
    pub context: Vec<ContextSeries>,
    /// Series breaks, by series, oldest first.
    breaks: BTreeMap<String, Vec<SeriesBreak>>,
    /// The basis an observation states, by where it was written (file, line).
    bases: BTreeMap<(String, usize), Basis>,
    /// Observations taken back, by series: kept only to be listed as 已撤回.
    withdrawn: BTreeMap<String, Vec<Withdrawn>>,
}

impl History {
    pub fn add_observation(&mut self, series: &str, observation: Observation) {
        self.observations
            .entry(series.to_string())
            .or_default()
            .push(observation);
    }

    pub fn add_annual_target(&mut self, series: &str, target: AnnualTarget) {
        let targets = self.annual_targets.entry(series.to_string()).or_default();
        targets.push(target);
        targets.sort_by_key(|t| t.year);
    }

    /// Takes back every observation of `series` for `withdrawal.observation`'s period with its value and status
    /// written before the withdrawal in the same file; how many were taken back.
    pub fn withdraw(&mut self, series: &str, withdrawal: Withdrawn) -> usize {
        let target = &withdrawal.observation;
        let Some(list) = self.observations.get_mut(series) else {
            return 0;
        };
        let matches = |o: &Observation| {
            o.period == target.period
                && o.value.to_bits() == target.value.to_bits()
                && o.status == target.status
                && o.origin.file == withdrawal.origin.file
                && o.origin.line < withdrawal.origin.line
        };
        let (taken, kept): (Vec<Observation>, Vec<Observation>) =
            std::mem::take(list).into_iter().partition(|o| matches(o));
        *list = kept;
        let n = taken.len();
        let out = self.withdrawn.entry(series.to_string()).or_default();
        for observation in taken {
            out.push(Withdrawn {
                observation,
                ..withdrawal.clone()
            });
        }
        n
    }

    /// The observations of a series taken back, in file order.
    pub fn withdrawn(&self, series: &str) -> &[Withdrawn] {
        self.withdrawn.get(series).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every vintage of every period of a series, in file order.
    pub fn all_vintages(&self, series: &str) -> &[Observation] {
        self.observations
            .get(series)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The newest vintage of each period, oldest period first.
    pub fn series(&self, series: &str) -> Vec<&Observation> {
        let mut newest: BTreeMap<Period, &Observation> = BTreeMap::new();
        for obs in self.all_vintages(series) {
            match newest.get(&obs.period) {
                Some(kept) if kept.vintage() >= obs.vintage() => {}
                _ => {
                    newest.insert(obs.period, obs);
                }
            }
        }
        newest.into_values().collect()
    }

    /// Full-year values (newest vintage) up to and including `as_of`.
    pub fn yearly(&self, series: &str, as_of: i32) -> Vec<&Observation> {
        self.series(series)
            .into_iter()
            .filter(|o| o.period.is_full_year() && o.period.year <= as_of)
            .collect()
    }

    /// The value of one year (newest vintage), if recorded.
    pub fn year_value(&self, series: &str, year: i32) -> Option<f64> {
        self.yearly(series, year)
            .into_iter()
            .find(|o| o.period.year == year)
            .map(|o| o.value)
    }

    /// The latest value up to `as_of`, intra-year cumulative periods included.
    pub fn latest(&self, series: &str, as_of: i32) -> Option<&Observation> {
        self.series(series)
            .into_iter()
            .rfind(|o| o.period.year <= as_of)
    }

    /// Every vintage up to `as_of`, by period then newest vintage first, each marked with whether it is the one
    /// in use (the newest of its period): the sources-and-vintages list of `explain` and the dashboard.
    pub fn vintages_up_to(&self, series: &str, as_of: i32) -> Vec<(&Observation, bool)> {
        let used = self.series(series);
        let mut rows: Vec<&Observation> = self
            .all_vintages(series)
            .iter()
            .filter(|o| o.period.year <= as_of)
            .collect();
        rows.sort_by(|a, b| a.period.cmp(&b.period).then(b.vintage().cmp(&a.vintage())));
        rows.into_iter()
            .map(|o| (o, used.iter().any(|u| std::ptr::eq(*u, o))))
            .collect()
    }

    pub fn annual_targets(&self, series: &str) -> &[AnnualTarget] {
        self.annual_targets
            .get(series)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn annual_target(&self, series: &str, year: i32) -> Option<&AnnualTarget> {
        self.annual_targets(series).iter().find(|t| t.year == year)
    }

    pub fn context_series(&self, id: &str) -> Option<&ContextSeries> {
        self.context.iter().find(|c| c.id == id)
    }

    /// The latest year with any full-year observation, across every series.
    pub fn latest_year(&self) -> Option<i32> {
        self.observations
            .values()
            .flatten()
            .filter(|o| o.period.is_full_year())
            .map(|o| o.period.year)
            .max()
    }

    /// The newest period with any observation, intra-year periods included.
    pub fn latest_period(&self) -> Option<Period> {
        self.observations.values().flatten().map(|o| o.period).max()
    }

    /// The newest vintage of one period, if recorded.
    pub fn period_value(&self, series: &str, period: Period) -> Option<&Observation> {
        self.series(series).into_iter().find(|o| o.period == period)
    }

    /// Every series with an annual target for `year`, with that target, in load order.
    pub fn annual_targets_for(&self, year: i32) -> Vec<(&str, &AnnualTarget)> {
        self.annual_targets
            .iter()
            .filter_map(|(series, ts)| {
                ts.iter()
                    .find(|t| t.year == year)
                    .map(|t| (series.as_str(), t))
            })
            .collect()
    }

    /// Ids of every series with annual targets.
    pub fn series_with_targets(&self) -> impl Iterator<Item = &str> {
        self.annual_targets.keys().map(String::as_str)
    }

    /// Ids of every series with observations.
    pub fn series_ids(&self) -> impl Iterator<Item = &str> {
        self.observations.keys().map(String::as_str)
    }

    pub fn add_break(&mut self, series: &str, b: SeriesBreak) {
        let breaks = self.breaks.entry(series.to_string()).or_default();
        breaks.push(b);
        breaks.sort_by_key(|b| b.year);
    }

    /// A series' breaks, oldest first.
    pub fn breaks(&self, series: &str) -> &[SeriesBreak] {
        self.breaks.get(series).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The newest break at or before `year`: the basis values up to `year` are on.
    pub fn last_break(&self, series: &str, year: i32) -> Option<&SeriesBreak> {
        self.breaks(series).iter().rfind(|b| b.year <= year)
    }

    /// Records the basis an observation states.
    pub fn set_basis(&mut self, observation: &Observation, basis: Basis) {
        self.bases.insert(
            (observation.origin.file.clone(), observation.origin.line),
            basis,
        );
    }

    /// The basis an observation states, if it states one.
    pub fn basis(&self, observation: &Observation) -> Option<Basis> {
        self.bases
            .get(&(observation.origin.file.clone(), observation.origin.line))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(period: &str, value: f64, status: ObservationStatus, date: &str) -> Observation {
        Observation {
            period: period.parse().unwrap(),
            value,
            status,
            source: String::new(),
            quote: String::new(),
            reliability: String::new(),
            published: None,
            recorded: date.parse().unwrap(),
            note: String::new(),
            accepted: None,
            explanation: None,
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        }
    }

    #[test]
    fn newest_vintage_wins_and_older_is_kept() {
        let mut h = History::default();
        h.add_observation(
            "gdp",
            obs("2021", 18247.0, ObservationStatus::Revised, "2023-01-21"),
        );
        h.add_observation(
            "gdp",
            obs(
                "2021",
                18109.0,
                ObservationStatus::Preliminary,
                "2022-01-10",
            ),
        );
        h.add_observation(
            "gdp",
            obs("2022", 18753.0, ObservationStatus::Final, "2023-01-20"),
        );
        h.add_observation(
            "gdp",
            obs("2023Q3", 1.0, ObservationStatus::Preliminary, "2023-10-20"),
        );
        assert_eq!(h.all_vintages("gdp").len(), 4);
        assert_eq!(h.year_value("gdp", 2021), Some(18247.0));
        assert_eq!(h.yearly("gdp", 2022).len(), 2);
        assert_eq!(h.latest("gdp", 2023).unwrap().period.to_string(), "2023Q3");
        assert_eq!(h.latest("gdp", 2022).unwrap().value, 18753.0);
        assert_eq!(h.latest_year(), Some(2022));
    }

    #[test]
    fn vintages_list_marks_the_one_in_use() {
        let mut h = History::default();
        for (period, value, status, date) in [
            (
                "2021",
                18109.0,
                ObservationStatus::Preliminary,
                "2022-01-10",
            ),
            ("2022", 18753.0, ObservationStatus::Final, "2023-01-20"),
            ("2021", 18247.0, ObservationStatus::Revised, "2023-01-21"),
        ] {
            h.add_observation("gdp", obs(period, value, status, date));
        }
        let rows: Vec<(f64, bool)> = h
            .vintages_up_to("gdp", 2021)
            .into_iter()
            .map(|(o, used)| (o.value, used))
            .collect();
        assert_eq!(rows, vec![(18247.0, true), (18109.0, false)]);
        assert_eq!(h.vintages_up_to("gdp", 2022).len(), 3);
        assert!(h.vintages_up_to("none", 2022).is_empty());
    }

    #[test]
    fn an_annual_range_is_met_from_its_near_end() {
        let target = AnnualTarget {
            year: 2026,
            value: Some(5.0),
            upper: Some(5.5),
            text: "5%—5.5%".into(),
            kind: AnnualKind::Growth,
            better: None,
            tolerance: None,
            name: None,
            attribute: None,
            order: None,
            department: None,
            responsible: Vec::new(),
            frequency: None,
            due: Vec::new(),
            weight: None,
            source: String::new(),
            reliability: String::new(),
            recorded: "2026-01-01".parse().unwrap(),
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        };
        assert!(target.met_by(5.0, crate::model::Better::Higher));
        assert!(!target.met_by(4.99, crate::model::Better::Higher));
        assert!(target.met_by(5.5, crate::model::Better::Lower));
        assert!(!target.met_by(5.51, crate::model::Better::Lower));
    }

    #[test]
    fn later_date_wins_within_one_status() {
        let mut h = History::default();
        h.add_observation(
            "x",
            obs("2024", 2.0, ObservationStatus::Final, "2025-05-01"),
        );
        h.add_observation(
            "x",
            obs("2024", 1.0, ObservationStatus::Final, "2025-01-01"),
        );
        assert_eq!(h.year_value("x", 2024), Some(2.0));
    }
}
