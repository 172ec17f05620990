//! `planwatch report`: the annual monitoring report or the mid-term evaluation, written into a directory.

use std::io::IsTerminal;
use std::path::Path;

use super::data::{DataArgs, load_data, source};
use super::output::print;
use crate::error::Error;
use crate::load::load_book;
use crate::report::{self, FontSearch, ReportFormat, ReportKind, ReportOptions, font, write};

/// What `planwatch report` was asked for.
pub struct Request<'a> {
    pub kind: ReportKind,
    pub formats: Vec<ReportFormat>,
    pub as_of: crate::model::Period,
    pub out: &'a Path,
    pub font: Option<&'a Path>,
    pub force: bool,
    /// The generation time to write in the report (`--stamp`), as the command line settled it.
    pub stamp: Option<String>,
    /// Add the regional section.
    pub regions: bool,
    /// The date taken as today (the 通报 counts figures overdue by it).
    pub today: chrono::NaiveDate,
    /// 发文机关署名 and 成文日期.
    pub signature: report::Signature,
}

pub fn run(data: &DataArgs, request: Request<'_>) -> Result<i32, Error> {
    let Request {
        kind,
        formats,
        as_of,
        out,
        font: font_path,
        force,
        stamp,
        regions,
        today,
        signature,
    } = request;
    // Refuse before reading or drawing anything.
    write::check_target(out, force).map_err(super::data::in_flags)?;
    let dataset = load_data(data)?;
    let as_of = super::as_of_period(&dataset, Some(as_of))?;
    if let Err(misfit) = kind.fits(&dataset.plan, as_of.year) {
        if !force {
            return Err(Error::Usage(format!(
                "不生成{}：{}。建议改用 --kind {}（{}）；确需生成时加 --force",
                kind.label_zh(),
                misfit.why,
                misfit.suggestion.name(),
                misfit.suggestion.label_zh()
            )));
        }
        eprintln!("警告：{}；按 --force 仍生成{}", misfit.why, kind.label_zh());
    }
    let book = load_book(&source(data))?;
    let font = font::find(font_path)?;
    if let FontSearch::Found(f) = &font {
        eprintln!("PNG 图表字体：{}（{}）", f.family, f.path.display());
    }
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |done: usize, total: usize| {
        if terminal {
            eprint!("\r生成图表 {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    };
    // The regions as of the report's year, where the regional section is asked for (annual and mid-term).
    let regions = if regions && !matches!(kind, ReportKind::Execution | ReportKind::Notice) {
        Some(super::regions::load_regions(data, Some(as_of.year))?)
    } else {
        None
    };
    let output = if kind == ReportKind::Notice {
        let districts = super::units::districts(data, &dataset, as_of, today)?;
        report::notice::generate(
            &dataset, as_of, today, districts, stamp, &signature, &formats,
        )
    } else if kind == ReportKind::Execution {
        report::generate_execution_signed(
            &dataset,
            as_of,
            stamp,
            &signature,
            &formats,
            &font,
            &mut progress,
        )
    } else {
        let options = ReportOptions {
            kind,
            as_of: as_of.year,
            stamp,
            formats,
        };
        report::generate_with_regions(
            &dataset,
            Some(&book),
            regions.as_ref(),
            &signature,
            &options,
            &font,
            &mut progress,
        )
    }
    .map_err(super::data::in_flags)?;
    for warning in &output.warnings {
        eprintln!("警告：{warning}");
    }
    if matches!(font, FontSearch::Missing(_)) {
        eprintln!("提示：可用 --font 字体文件 指定含中文字形的字体（.ttf/.otf/.ttc）");
    }
    write::write_atomic(out, &output.files, force).map_err(super::data::in_flags)?;
    let svg = output
        .files
        .iter()
        .filter(|f| f.path.ends_with(".svg"))
        .count();
    let png = output
        .files
        .iter()
        .filter(|f| f.path.ends_with(".png"))
        .count();
    let documents: Vec<&str> = output
        .files
        .iter()
        .filter(|f| f.path.starts_with("report."))
        .map(|f| f.path.as_str())
        .collect();
    print(&format!(
        "已生成{}：{}（{}，SVG 图表 {svg} 个，PNG 图表 {png} 个）\n",
        kind.label_zh(),
        out.display(),
        documents.join("、")
    ))?;
    Ok(0)
}
