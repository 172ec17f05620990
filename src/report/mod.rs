//! Annual monitoring reports (年度监测报告) and the mid-term evaluation (中期评估报告), written from the data.
//!
//! The [`Report`] holds the plan's assessment as `assess` computes it — the same numbers as `planwatch status` —
//! and the groupings a report needs. [`compose`] turns it into a [`Document`] in the official register; the
//! Markdown and HTML renderers print that one document, and [`charts`] draws its figures.

mod annual;
mod cells;
pub mod charts;
mod compose;
pub mod document;
mod docx;
pub mod execution;
pub mod font;
pub mod headline;
mod headline_text;
mod html;
mod markdown;
pub mod notice;
mod regions;
mod sources;
pub mod write;

use crate::assess::plan_view::PlanView;
use crate::assess::{Assessment, PlanAssessment, Status, assess_plan, growth};
use crate::error::Error;
use crate::model::{Dataset, Indicator, Plan, TargetKind};
use crate::scenario::ScenarioBook;

pub use crate::assess::plan_view::Counts;
pub use document::{Block, Document, Signature};
pub use font::{ChartFont, FontSearch};
pub use headline::Headline;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// 年度监测报告：一年的进展，及年度目标的完成情况
    Annual,
    /// 中期评估报告：规划实施以来的进展对照规划目标
    Midterm,
    /// 总结评估报告：规划期结束后，目标的实现情况
    Final,
    /// 计划执行情况报告：年度计划各项指标对照目标时序进度（如 --as-of 2026H1）
    Execution,
    /// 通报：各单位（及各区县）指标报送与推进情况排名、逾期未报数据、分级预警（如 --as-of 2027H1）
    Notice,
}

impl ReportKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            ReportKind::Annual => "年度监测报告",
            ReportKind::Midterm => "中期评估报告",
            ReportKind::Final => "总结评估报告",
            ReportKind::Execution => "计划执行情况报告",
            ReportKind::Notice => "通报",
        }
    }

    /// The name on the command line (`--kind`).
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Annual => "annual",
            ReportKind::Midterm => "midterm",
            ReportKind::Final => "final",
            ReportKind::Execution => "execution",
            ReportKind::Notice => "notice",
        }
    }

    /// Whether this kind of report fits the plan's timing as of a year: a mid-term evaluation falls within the
    /// plan period, a final evaluation at or after its end; an annual report fits any year of the plan.
    pub fn fits(self, plan: &Plan, as_of: i32) -> Result<(), KindMisfit> {
        let misfit = |why: String, suggestion: ReportKind| {
            Err(KindMisfit {
                kind: self,
                why,
                suggestion,
            })
        };
        match self {
            ReportKind::Annual | ReportKind::Execution | ReportKind::Notice => Ok(()),
            ReportKind::Midterm if as_of >= plan.end_year => misfit(
                format!(
                    "规划“{}”于{}年结束，截至{as_of}年已是规划期末，不宜作中期评估",
                    plan.short_name, plan.end_year
                ),
                ReportKind::Final,
            ),
            ReportKind::Midterm if as_of < plan.start_year => misfit(
                format!(
                    "截至{as_of}年规划“{}”尚未开始实施（{}—{}年）",
                    plan.short_name, plan.start_year, plan.end_year
                ),
                ReportKind::Annual,
            ),
            ReportKind::Midterm => Ok(()),
            ReportKind::Final if as_of < plan.end_year => misfit(
                format!(
                    "规划“{}”的实施期到{}年，截至{as_of}年尚未结束，不宜作总结评估",
                    plan.short_name, plan.end_year
                ),
                if as_of >= plan.start_year {
                    ReportKind::Midterm
                } else {
                    ReportKind::Annual
                },
            ),
            ReportKind::Final => Ok(()),
        }
    }
}

/// A kind of report that does not fit the plan's timing, with the kind that does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindMisfit {
    pub kind: ReportKind,
    pub why: String,
    pub suggestion: ReportKind,
}

/// The formats a report is written in; all of them by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReportFormat {
    Markdown,
    Html,
    Docx,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 3] = [
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Docx,
    ];

    /// md, html, docx.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "html" => Some(ReportFormat::Html),
            "docx" | "word" => Some(ReportFormat::Docx),
            _ => None,
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "report.md",
            ReportFormat::Html => "report.html",
            ReportFormat::Docx => "report.docx",
        }
    }
}

/// What to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    pub kind: ReportKind,
    pub as_of: i32,
    /// A generation time to print; none by default, so that the same data give the same bytes.
    pub stamp: Option<String>,
    /// Which documents to write; charts are written with any of them.
    pub formats: Vec<ReportFormat>,
}

/// A plan assessed as of a year, with what the report says about it.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub dataset: &'a Dataset,
    pub kind: ReportKind,
    pub as_of: i32,
    pub assessment: PlanAssessment,
    /// The headline goals under the named scenarios.
    pub headline: Headline,
    pub stamp: Option<String>,
    /// Every region's plan of the period, for the optional regional section (`report … --regions`).
    pub regions: Option<&'a crate::regions::Regions>,
    /// The latest year with a full-year value of any of the plan's indicators, up to the as-of year.
    pub data_end: Option<i32>,
}

impl<'a> Report<'a> {
    /// Assesses the plan as of the year asked for, and runs the scenarios of `book` for the headline goals; every
    /// number of the report comes from the assessment and the scenario engine.
    pub fn build(
        dataset: &'a Dataset,
        book: Option<&ScenarioBook>,
        options: &ReportOptions,
    ) -> Result<Self, Error> {
        crate::assess::as_of::check_as_of(dataset, Some(options.as_of))?;
        Ok(Report {
            dataset,
            kind: options.kind,
            as_of: options.as_of,
            assessment: assess_plan(dataset, options.as_of),
            headline: headline::build(dataset, book, options.as_of),
            stamp: options.stamp.clone(),
            regions: None,
            data_end: dataset
                .plan
                .indicators
                .iter()
                .flat_map(|i| dataset.history.yearly(i.series_id(), options.as_of))
                .map(|o| o.period.year)
                .max(),
        })
    }

    /// The years after the base year, up to the as-of year, without any full-year value of the plan's indicators
    /// (2026–2028 when the data end in 2025 and the report is as of 2028).
    pub fn years_without_data(&self) -> Option<(i32, i32)> {
        let plan = &self.dataset.plan;
        let first = self
            .data_end
            .map_or(plan.baseline_year, |y| y.max(plan.baseline_year))
            + 1;
        (first <= self.as_of).then_some((first, self.as_of))
    }

    /// Things whoever keeps the data should know (for the terminal, never for the document): years without
    /// data, targets not yet recorded, and where to record them.
    pub fn notes_for_editors(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some((a, b)) = self.years_without_data() {
            let years = if a == b {
                format!("{a}年")
            } else {
                format!("{a}—{b}年")
            };
            notes.push(format!(
                "{years}没有任何指标的全年数据：报告以{}的数据评估，并在首页说明。发布后请在 history/ 的数据文件中追加观测值",
                self.data_end.map_or("基期".to_string(), |y| format!("{y}年及以前"))
            ));
        }
        for (i, a) in self.items() {
            if matches!(i.target.kind, TargetKind::ProvinceAssigned)
                && a.status == Status::NotAssessable
                && a.reason.contains("尚未录入")
            {
                notes.push(format!(
                    "指标 {}（{}）：{}；请在 history/ 中该指标的数据文件里以 [[annual_target]] 记录每年的下达值",
                    i.id,
                    i.display_name(),
                    a.reason
                ));
            }
        }
        if self.kind == ReportKind::Annual {
            let any = self.items().any(|(i, _)| {
                self.dataset
                    .history
                    .annual_target(i.series_id(), self.as_of)
                    .is_some()
            });
            if !any {
                notes.push(format!(
                    "{}年度目标尚未录入：请在 history/ 中各指标的数据文件里以 [[annual_target]] 记录，报告将逐项对照",
                    self.as_of
                ));
            }
        }
        if let Headline::Unavailable(why) = &self.headline {
            notes.push(format!(
                "总量目标测算从略（{why}）：请为规划“{}”提供 scenarios/goals.toml",
                self.dataset.plan.id
            ));
        }
        notes
    }

    /// Every indicator with its assessment, in the plan's order.
    pub fn items(&self) -> impl Iterator<Item = (&'a Indicator, &Assessment)> + '_ {
        self.dataset
            .plan
            .indicators
            .iter()
            .zip(&self.assessment.items)
    }

    /// The plan-level view of the assessment: categories, counts, the behind list, as every face reads them.
    pub fn view(&self) -> PlanView<'_> {
        PlanView::new(&self.dataset.plan, &self.assessment)
    }

    /// Counts over every indicator.
    pub fn counts(&self) -> Counts {
        self.view().counts()
    }

    /// Counts over the binding (约束性) indicators.
    pub fn binding_counts(&self) -> Counts {
        self.view().binding_counts()
    }

    /// Counts per category, in the plan's order of categories (then any category not listed there).
    pub fn category_counts(&self) -> Vec<(String, Counts)> {
        self.view().category_counts()
    }

    /// The categories of the plan, in its order, with any used by an indicator but not listed appended.
    pub fn categories(&self) -> Vec<String> {
        self.view().categories()
    }

    /// Indicators behind their path, in the official order ([`PlanView::behind`]).
    pub fn behind(&self) -> Vec<(&Indicator, &Assessment)> {
        self.view().behind()
    }

    pub fn not_assessable(&self) -> Vec<(&Indicator, &Assessment)> {
        self.view().not_assessable()
    }

    /// Share of the plan's time gone by the as-of year, in percent.
    pub fn elapsed_pct(&self) -> Option<f64> {
        let plan = &self.dataset.plan;
        growth::elapsed(plan.baseline_year, self.as_of, plan.end_year).map(|e| e * 100.0)
    }

    /// The years of the plan run so far (2026–2028 at a mid-term review as of 2028).
    pub fn years_run(&self) -> Option<(i32, i32)> {
        let start = self.dataset.plan.start_year;
        (self.as_of >= start).then_some((start, self.as_of))
    }

    /// The kind of report as its title names it: 2026年度监测报告, 中期评估报告, 总结评估报告.
    pub fn title_kind(&self) -> String {
        match self.kind {
            ReportKind::Annual => format!("{}年度监测报告", self.as_of),
            ReportKind::Midterm | ReportKind::Execution | ReportKind::Notice => {
                "中期评估报告".to_string()
            }
            ReportKind::Final => "总结评估报告".to_string(),
        }
    }

    /// The title in the form of GB/T 9704: 关于杭州市“十五五”规划主要指标2026年度监测情况的报告.
    pub fn official_title(&self) -> String {
        let plan = &self.dataset.plan;
        let what = match self.kind {
            ReportKind::Annual => format!("{}年度监测情况", self.as_of),
            ReportKind::Midterm | ReportKind::Execution | ReportKind::Notice => {
                "实施中期评估情况".to_string()
            }
            ReportKind::Final => "实施总结评估情况".to_string(),
        };
        document::official_title(&format!(
            "{}“{}”规划主要指标{what}",
            plan.region,
            plan.short_or_name()
        ))
    }

    /// The title as the cover of the document prints it.
    pub fn title(&self) -> String {
        let plan = &self.dataset.plan;
        let what = self.title_kind();
        format!(
            "{}“{}”规划主要指标{what}",
            plan.region,
            plan.short_or_name()
        )
    }
}

/// One file of the output directory, by its path relative to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a report consists of, before it is written.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: Vec<OutputFile>,
    /// Things the person should know (no font: no PNG), for standard error.
    pub warnings: Vec<String>,
}

/// Builds the plan-execution report as of a period (2026H1) — document, charts, Markdown and HTML — in memory,
/// through the same renderers as the other reports.
pub fn generate_execution(
    dataset: &Dataset,
    as_of: crate::model::Period,
    stamp: Option<String>,
    formats: &[ReportFormat],
    font: &FontSearch,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Output, Error> {
    generate_execution_signed(
        dataset,
        as_of,
        stamp,
        &Signature::default(),
        formats,
        font,
        progress,
    )
}

/// [`generate_execution`], signed by an issuer on a date (each left to fill in where not given).
pub fn generate_execution_signed(
    dataset: &Dataset,
    as_of: crate::model::Period,
    stamp: Option<String>,
    signature: &Signature,
    formats: &[ReportFormat],
    font: &FontSearch,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Output, Error> {
    let as_of = crate::assess::as_of::resolve(dataset, Some(as_of))?;
    let report = execution::ExecutionReport::build(dataset, &as_of, stamp);
    let planned = charts::plan_execution_charts(&report);
    let drawn = charts::draw_all(&planned, font, progress)?;
    let index = drawn.index().by_indicator;
    let mut document = execution::compose(&report, &index);
    document.sign(signature);
    assemble(&document, &drawn, formats)
}

/// The output files of a composed document and its drawn charts, in the formats asked for (all when none).
fn assemble(
    document: &Document,
    drawn: &charts::Drawn,
    formats: &[ReportFormat],
) -> Result<Output, Error> {
    let mut output = Output {
        files: Vec::new(),
        warnings: drawn.warnings.clone(),
    };
    let mut formats = formats.to_vec();
    if formats.is_empty() {
        formats = ReportFormat::ALL.to_vec();
    }
    formats.sort();
    formats.dedup();
    // What officials read: two decimals at most, probabilities after 约, minus signs.
    let document = &document.clone().for_readers();
    for format in formats {
        let bytes = match format {
            ReportFormat::Markdown => markdown::render(document).into_bytes(),
            ReportFormat::Html => html::render(document, drawn).into_bytes(),
            ReportFormat::Docx => {
                if drawn.charts.iter().any(|c| c.png.is_none()) {
                    output.warnings.push(
                        "report.docx 中的图表需要 PNG：未找到中文字体，Word 文档中只有图题"
                            .to_string(),
                    );
                }
                docx::render(document, drawn)?
            }
        };
        output.files.push(OutputFile {
            path: format.file_name().to_string(),
            bytes,
        });
    }
    for chart in &drawn.charts {
        output.files.push(OutputFile {
            path: format!("charts/{}.svg", chart.stem),
            bytes: chart.svg.clone().into_bytes(),
        });
        if let Some(png) = &chart.png {
            output.files.push(OutputFile {
                path: format!("charts/{}.png", chart.stem),
                bytes: png.clone(),
            });
        }
    }
    Ok(output)
}

/// Builds the whole report — document, charts, Markdown and HTML — in memory, with the scenarios of `book` for the
/// headline goals. `progress(done, total)` is called as charts are drawn.
pub fn generate(
    dataset: &Dataset,
    book: Option<&ScenarioBook>,
    options: &ReportOptions,
    font: &FontSearch,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Output, Error> {
    generate_with_regions(
        dataset,
        book,
        None,
        &Signature::default(),
        options,
        font,
        progress,
    )
}

/// [`generate`], with a section comparing the regions of `regions` where given, signed by an issuer on a date.
pub fn generate_with_regions(
    dataset: &Dataset,
    book: Option<&ScenarioBook>,
    regions: Option<&crate::regions::Regions>,
    signature: &Signature,
    options: &ReportOptions,
    font: &FontSearch,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Output, Error> {
    let mut report = Report::build(dataset, book, options)?;
    report.regions = regions;
    let plan = charts::plan_charts(&report);
    let drawn = charts::draw_all(&plan, font, progress)?;
    let mut document = compose::compose(&report, &drawn.index());
    document.sign(signature);
    let mut output = assemble(&document, &drawn, &options.formats)?;
    output.warnings.extend(report.notes_for_editors());
    Ok(output)
}

#[cfg(test)]
mod tests;
