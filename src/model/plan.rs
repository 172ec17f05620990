//! The plan: its indicators, their baselines and targets, and the assessment thresholds.

use serde::Serialize;

/// 约束性 (binding) or 预期性 (expected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    Binding,
    Expected,
}

impl Attribute {
    pub fn label_zh(self) -> &'static str {
        match self {
            Attribute::Binding => "约束性",
            Attribute::Expected => "预期性",
        }
    }
}

/// Which system the indicator comes from: 国家指标, ▲省指标, ★市指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    National,
    Provincial,
    City,
}

impl Level {
    pub fn label_zh(self) -> &'static str {
        match self {
            Level::National => "国家",
            Level::Provincial => "省",
            Level::City => "市",
        }
    }

    /// The marker the annex puts before the name.
    pub fn marker(self) -> &'static str {
        match self {
            Level::National => "",
            Level::Provincial => "▲",
            Level::City => "★",
        }
    }
}

/// The administrative level of a plan's region: a city (市) or a district or county (区县).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    City,
    County,
}

impl RegionLevel {
    pub fn label_zh(self) -> &'static str {
        match self {
            RegionLevel::City => "市",
            RegionLevel::County => "区县",
        }
    }
}

/// Which way is progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

impl Better {
    /// +1 where higher is better, −1 where lower is better (the `d` of Eurostat's ratio).
    pub fn sign(self) -> f64 {
        match self {
            Better::Higher => 1.0,
            Better::Lower => -1.0,
        }
    }
}

/// What kind of target a cell states; each kind carries exactly the numbers it has.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetKind {
    /// Reach at least `value` (a plain number where higher is better, or "…以上").
    AtLeast { value: f64 },
    /// Reach at most `value` (a plain number where lower is better).
    AtMost { value: f64 },
    /// About `value` (左右): met within ± `tolerance` (absolute; None = the plan's default share).
    About { value: f64, tolerance: Option<f64> },
    /// Average annual growth over the plan of at least `rate_pct` percent (5以上).
    AverageGrowth { rate_pct: f64 },
    /// A total over the plan ([125]), optionally with a floor for every year (﹥25).
    Cumulative {
        total: f64,
        annual_floor: Option<f64>,
    },
    /// Growth in step with another indicator (与经济增长同步).
    InStep { with: String },
    /// The province assigns the value year by year (完成省下达目标).
    ProvinceAssigned,
    /// Direction only (稳步提高).
    Direction,
    /// Stay on the right side of `value` in every year (65以上 → 65以上; 32 → 32).
    Maintain { value: f64 },
    /// Growth higher than another indicator's (高于经济增长): above it, not merely in step.
    Above { with: String },
    /// No five-year number: judged each year against that year's annual-plan target (保持在合理区间、各年度视情提出).
    Yearly,
    /// A cumulative rise of a level over the plan (〔1〕): the target is the base plus `by` in the better direction.
    Rise { by: f64 },
}

/// Whether a target's line counts itself: Chinese usage (以上、以下、以内、不低于、不超过 include the number; 超过、高于、
/// 低于、不足 and the signs ＞ ＜ exclude it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Inclusive,
    Strict,
}

impl Bound {
    /// The bound a target's words state; inclusive unless a strict word or sign is written and no inclusive one.
    pub fn of_text(text: &str) -> Bound {
        Bound::stated(text).unwrap_or(Bound::Inclusive)
    }

    /// The bound where the words say one ("5以上", "＜5.5"); None for a bare number ("86").
    pub fn stated(text: &str) -> Option<Bound> {
        const INCLUSIVE: [&str; 7] = ["以上", "以下", "以内", "不低于", "不超过", "≥", "≤"];
        const STRICT: [&str; 10] = [
            "超过", "高于", "低于", "不足", "＞", "＜", "﹥", "﹤", ">", "<",
        ];
        if INCLUSIVE.iter().any(|w| text.contains(w)) {
            Some(Bound::Inclusive)
        } else if STRICT.iter().any(|w| text.contains(w)) {
            Some(Bound::Strict)
        } else {
            None
        }
    }

    /// Whether `value` is on the right side of `line` in direction `direction` (+1 higher is better).
    pub fn holds(self, value: f64, line: f64, direction: f64) -> bool {
        let d = direction * (value - line);
        match self {
            Bound::Inclusive => d >= 0.0,
            Bound::Strict => d > 0.0,
        }
    }

    /// How `explain` says it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Bound::Inclusive => "含本数（以上/以下/不低于/不超过）",
            Bound::Strict => "不含本数（超过/高于/低于/＞/＜）",
        }
    }
}

impl TargetKind {
    /// The machine name used in the plan file and in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            TargetKind::AtLeast { .. } => "at_least",
            TargetKind::AtMost { .. } => "at_most",
            TargetKind::About { .. } => "about",
            TargetKind::AverageGrowth { .. } => "average_growth",
            TargetKind::Cumulative { .. } => "cumulative",
            TargetKind::InStep { .. } => "in_step",
            TargetKind::ProvinceAssigned => "province_assigned",
            TargetKind::Direction => "direction",
            TargetKind::Maintain { .. } => "maintain",
            TargetKind::Above { .. } => "above",
            TargetKind::Yearly => "yearly",
            TargetKind::Rise { .. } => "rise",
        }
    }

    /// Chinese name of the kind, for help and explanations.
    pub fn label_zh(&self) -> &'static str {
        match self {
            TargetKind::AtLeast { .. } => "达到(不低于)",
            TargetKind::AtMost { .. } => "降至(不高于)",
            TargetKind::About { .. } => "左右",
            TargetKind::AverageGrowth { .. } => "年均增速",
            TargetKind::Cumulative { .. } => "五年累计",
            TargetKind::InStep { .. } => "同步增长",
            TargetKind::ProvinceAssigned => "完成省下达目标",
            TargetKind::Direction => "方向性目标",
            TargetKind::Maintain { .. } => "保持",
            TargetKind::Above { .. } => "高于",
            TargetKind::Yearly => "完成年度目标",
            TargetKind::Rise { .. } => "累计提高",
        }
    }

    /// The single number the target states, if it states one.
    pub fn value(&self) -> Option<f64> {
        match self {
            TargetKind::AtLeast { value }
            | TargetKind::AtMost { value }
            | TargetKind::About { value, .. }
            | TargetKind::Maintain { value } => Some(*value),
            TargetKind::AverageGrowth { rate_pct } => Some(*rate_pct),
            TargetKind::Cumulative { total, .. } => Some(*total),
            // A rise states an amount, not the level to reach: see `Target::level`.
            TargetKind::InStep { .. }
            | TargetKind::ProvinceAssigned
            | TargetKind::Direction
            | TargetKind::Above { .. }
            | TargetKind::Yearly
            | TargetKind::Rise { .. } => None,
        }
    }

    /// Every kind by name, for error messages.
    pub const NAMES: [&'static str; 12] = [
        "at_least",
        "at_most",
        "about",
        "average_growth",
        "cumulative",
        "in_step",
        "province_assigned",
        "direction",
        "maintain",
        "above",
        "yearly",
        "rise",
    ];

    /// The indicator whose growth this one is compared with (in step, above).
    pub fn with(&self) -> Option<&str> {
        match self {
            TargetKind::InStep { with } | TargetKind::Above { with } => Some(with),
            _ => None,
        }
    }
}

/// The 2025 column of the annex: value and year where a number is given, and the cell's own words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    pub year: i32,
    pub value: Option<f64>,
    pub text: String,
}

/// The 2030 column.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub year: i32,
    pub text: String,
    pub kind: TargetKind,
}

impl Target {
    /// Whether the target's line counts itself, as its words say.
    pub fn bound(&self) -> Bound {
        Bound::of_text(&self.text)
    }

    /// The level to reach: the stated number, or for a rise (〔1〕) the base plus the rise in direction `direction`.
    pub fn level(&self, base: Option<f64>, direction: f64) -> Option<f64> {
        match self.kind {
            TargetKind::Rise { by } => base.map(|b| b + direction * by),
            _ => self.kind.value(),
        }
    }
}

/// The JSON form of a target (the contract of `list` and `status`): year, value, text, kind, and the fields
/// only some kinds have.
impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'a> {
            year: i32,
            value: Option<f64>,
            text: &'a str,
            kind: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            annual_floor: Option<f64>,
            #[serde(skip_serializing_if = "Option::is_none")]
            tolerance: Option<f64>,
            #[serde(skip_serializing_if = "Option::is_none")]
            with: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            by: Option<f64>,
            /// Only a strict line is told; inclusive is the default.
            #[serde(skip_serializing_if = "Option::is_none")]
            bound: Option<Bound>,
        }
        let (annual_floor, tolerance) = match &self.kind {
            TargetKind::Cumulative { annual_floor, .. } => (*annual_floor, None),
            TargetKind::About { tolerance, .. } => (None, *tolerance),
            _ => (None, None),
        };
        let by = match self.kind {
            TargetKind::Rise { by } => Some(by),
            _ => None,
        };
        Json {
            year: self.year,
            value: self.kind.value(),
            text: &self.text,
            kind: self.kind.name(),
            annual_floor,
            tolerance,
            with: self.kind.with(),
            by,
            bound: Some(self.bound()).filter(|b| *b == Bound::Strict),
        }
        .serialize(serializer)
    }
}

/// One measured indicator (indicator 17 of the annex is two of these: 17.1 and 17.2).
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    /// The number readers see (序号), where the id is not the plan's own number (the 14th plan's ids are
    /// descriptive and stay internal); None: the id is the number.
    pub number: Option<String>,
    /// The annex row this measured part belongs to (17: 每千人口拥有医护人员数).
    pub group: Option<String>,
    /// A shared series (in `history/context/`) the observations come from, where several plans measure the same
    /// thing; None: the indicator's own history file.
    pub series: Option<String>,
    /// A code shared across plans (e.g. the national indicator this one implements), to line regions up.
    pub code: Option<String>,
    pub name: String,
    pub unit: String,
    pub category: String,
    pub attribute: Attribute,
    /// 国家/省/市 where known; None where the source does not say.
    pub level: Option<Level>,
    pub better: Better,
    pub note: String,
    /// The 年均/累计 column as printed ("[125]"), where not blank.
    pub average_or_cumulative: Option<String>,
    /// 牵头单位: the department that reports the figure, where the plan names one (templates are cut by it).
    pub department: Option<String>,
    /// 责任单位: the units that share the work, besides the lead (may be empty).
    pub responsible: Vec<String>,
    /// 频率: which periods have figures; None: the plan file does not say (see `Frequency`).
    pub frequency: Option<super::period::Frequency>,
    /// 报送时限 of this line where it differs from the plan's (`due = "季后25日"`).
    pub due: Vec<super::duty::DueClause>,
    /// 考核权重 of the line, where the plan scores units.
    pub weight: Option<f64>,
    pub baseline: Option<Baseline>,
    pub target: Target,
}

impl Indicator {
    /// The number printed for readers: the plan's own 序号.
    pub fn number(&self) -> &str {
        self.number.as_deref().unwrap_or(&self.id)
    }

    /// The id its observations are recorded under.
    pub fn series_id(&self) -> &str {
        self.series.as_deref().unwrap_or(&self.id)
    }

    /// The annex's marker before the name (▲ provincial, ★ city), empty where none or unknown.
    pub fn marker(&self) -> &'static str {
        self.level.map_or("", Level::marker)
    }

    /// 国家/省/市, or 未注明.
    pub fn level_label(&self) -> &'static str {
        self.level.map_or("未注明", Level::label_zh)
    }

    pub fn is_binding(&self) -> bool {
        self.attribute == Attribute::Binding
    }

    /// The name as a reader needs it: with the annex row for the parts of 17.
    pub fn display_name(&self) -> String {
        match &self.group {
            Some(group) => format!("{group}·{}", self.name),
            None => self.name.clone(),
        }
    }

    /// The baseline number, where the table gives one.
    pub fn baseline_value(&self) -> Option<f64> {
        self.baseline.as_ref().and_then(|b| b.value)
    }
}

/// Assessment thresholds; defaults follow DOMAIN.md §2, a plan file may override each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub on_track_ratio: f64,
    pub lagging_ratio: f64,
    pub ahead_ratio: f64,
    pub about_tolerance_pct: f64,
    pub projection_on_track_pct: f64,
    pub projection_near_pct: f64,
    /// 同步: growth within this many percentage points below the reference still counts as in step.
    pub in_step_tolerance_pp: f64,
    /// Roll-up: the children's sum of an additive series may differ from this plan's figure by this share.
    pub rollup_tolerance_pct: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            on_track_ratio: 0.95,
            lagging_ratio: 0.60,
            ahead_ratio: 1.20,
            about_tolerance_pct: 1.0,
            projection_on_track_pct: 5.0,
            projection_near_pct: 20.0,
            in_step_tolerance_pp: 0.5,
            rollup_tolerance_pct: 2.0,
        }
    }
}

/// Limits beyond which a figure is probably a typo; defaults below, a plan file may override each
/// in `[plausibility]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plausibility {
    /// A value more than this factor above or below the previous period's (3: a third or three times).
    pub factor: f64,
    /// A growth or reduction rate beyond ± this many percent.
    pub growth_limit_pct: f64,
    /// Years before a plan's baseline year that still belong to its data (trends read the last 6 annual values).
    pub years_before_baseline: i32,
}

impl Default for Plausibility {
    fn default() -> Self {
        Plausibility {
            factor: 3.0,
            growth_limit_pct: 50.0,
            years_before_baseline: 5,
        }
    }
}

/// The words shown for each status. Defaults are the national mid-term review's; a plan file may use its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLabels {
    pub achieved: String,
    pub ahead: String,
    pub on_track: String,
    pub lagging: String,
    pub off_track: String,
    pub not_assessable: String,
}

impl Default for StatusLabels {
    fn default() -> Self {
        StatusLabels {
            achieved: "提前实现".into(),
            ahead: "快于预期".into(),
            on_track: "基本符合预期".into(),
            lagging: "滞后".into(),
            off_track: "严重滞后".into(),
            not_assessable: "无法评估".into(),
        }
    }
}

/// A plan: what it is called, its period, and its indicators in the table's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub region: String,
    /// The region this one belongs to (a district's city), where the plan names it.
    pub parent: Option<String>,
    pub region_level: Option<RegionLevel>,
    /// The directory under `history/` holding the region's context series ("context" unless the plan names one).
    pub context: String,
    pub start_year: i32,
    pub end_year: i32,
    pub baseline_year: i32,
    pub source: String,
    pub categories: Vec<String>,
    pub thresholds: Thresholds,
    /// Limits of the plausibility checks on new figures (`[plausibility]` in the plan file).
    pub plausibility: Plausibility,
    pub labels: StatusLabels,
    /// The reporting calendar and graded-warning rules (`[units]` in the plan file).
    pub units: super::duty::UnitsPolicy,
    pub indicators: Vec<Indicator>,
}

impl Plan {
    /// The plan's name with its short name in brackets ("…规划（十五五）"); the name alone when it has none.
    pub fn titled_name(&self) -> String {
        if self.short_name.trim().is_empty() {
            self.name.clone()
        } else {
            format!("{}（{}）", self.name, self.short_name)
        }
    }

    /// The short name ("十五五"), or the full name where the plan file gives none.
    pub fn short_or_name(&self) -> &str {
        if self.short_name.trim().is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// An indicator as a person names it: by the plan's own number (序号, `1` for the 14th plan's
    /// `gdp-growth`), or by its id.
    pub fn find(&self, wanted: &str) -> Option<&Indicator> {
        let wanted = wanted.trim();
        self.indicators
            .iter()
            .find(|i| i.number() == wanted)
            .or_else(|| self.indicator(wanted))
    }

    /// Number of years the plan runs (2026–2030: 5).
    pub fn years(&self) -> i32 {
        self.end_year - self.baseline_year
    }
}
