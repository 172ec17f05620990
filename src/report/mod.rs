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
pub mod execution;
pub mod font;
pub mod headline;
mod headline_text;
mod html;
mod markdown;
mod regions;
mod sources;
pub mod write;

use crate::assess::plan_view::PlanView;
use crate::assess::{Assessment, PlanAssessment, assess_plan, growth};
use crate::error::Error;
use crate::model::{Dataset, Indicator};
use crate::scenario::ScenarioBook;

pub use crate::assess::plan_view::Counts;
pub use document::{Block, Document};
pub use font::{ChartFont, FontSearch};
pub use headline::Headline;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// 年度监测报告：一年的进展，及年度目标的完成情况
    Annual,
    /// 中期评估报告：规划实施以来的进展对照规划目标
    Midterm,
    /// 计划执行情况报告：年度计划各项指标对照目标时序进度（如 --as-of 2026H1）
    Execution,
}

impl ReportKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            ReportKind::Annual => "年度监测报告",
            ReportKind::Midterm => "中期评估报告",
            ReportKind::Execution => "计划执行情况报告",
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
}

impl<'a> Report<'a> {
    /// Assesses the plan as of the year asked for, and runs the scenarios of `book` for the headline goals; every
    /// number of the report comes from the assessment and the scenario engine.
    pub fn build(
        dataset: &'a Dataset,
        book: Option<&ScenarioBook>,
        options: &ReportOptions,
    ) -> Result<Self, Error> {
        crate::assess::plan_view::check_as_of(dataset, Some(options.as_of))?;
        Ok(Report {
            dataset,
            kind: options.kind,
            as_of: options.as_of,
            assessment: assess_plan(dataset, options.as_of),
            headline: headline::build(dataset, book, options.as_of),
            stamp: options.stamp.clone(),
            regions: None,
        })
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

    /// The title as the cover of the document prints it.
    pub fn title(&self) -> String {
        let plan = &self.dataset.plan;
        let what = match self.kind {
            ReportKind::Annual => format!("{}年度监测报告", self.as_of),
            ReportKind::Midterm | ReportKind::Execution => "中期评估报告".to_string(),
        };
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
    font: &FontSearch,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Output, Error> {
    let as_of = crate::assess::plan_view::check_as_of_period(dataset, Some(as_of))?;
    let report = execution::ExecutionReport::build(dataset, as_of, stamp);
    let planned = charts::plan_execution_charts(&report);
    let drawn = charts::draw_all(&planned, font, progress)?;
    let index = drawn.index().by_indicator;
    let document = execution::compose(&report, &index);
    Ok(assemble(&document, &drawn))
}

/// The output files of a composed document and its drawn charts.
fn assemble(document: &Document, drawn: &charts::Drawn) -> Output {
    let mut output = Output {
        files: Vec::new(),
        warnings: drawn.warnings.clone(),
    };
    output.files.push(OutputFile {
        path: "report.md".to_string(),
        bytes: markdown::render(document).into_bytes(),
    });
    output.files.push(OutputFile {
        path: "report.html".to_string(),
        bytes: html::render(document, drawn).into_bytes(),
    });
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
    output
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
    generate_with_regions(dataset, book, None, options, font, progress)
}

/// [`generate`], with a section comparing the regions of `regions` where given.
pub fn generate_with_regions(
    dataset: &Dataset,
    book: Option<&ScenarioBook>,
    regions: Option<&crate::regions::Regions>,
    options: &ReportOptions,
    font: &FontSearch,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Output, Error> {
    let mut report = Report::build(dataset, book, options)?;
    report.regions = regions;
    let plan = charts::plan_charts(&report);
    let drawn = charts::draw_all(&plan, font, progress)?;
    let document = compose::compose(&report, &drawn.index());
    Ok(assemble(&document, &drawn))
}

#[cfg(test)]
mod tests;
