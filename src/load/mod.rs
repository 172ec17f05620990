//! Loading a plan and its history from a data directory, or from the copy compiled into the binary.
//!
//! Layout of a data directory:
//! - `indicators/<plan>.toml`: one file per plan;
//! - `history/*.toml` and `history/<plan id>/**/*.toml`: observations of the plan's indicators;
//! - `history/context/**/*.toml`: context series (GDP level, population, exchange rate) of the region whose plans
//!   name no context directory of their own; a plan with `context = "<dir>"` reads `history/<dir>/` instead, so
//!   that several regions' plans can share one data directory.
//!
//! [`regions`] loads every plan of a directory, in parallel, for the comparison of regions.
//! - `scenarios/*.toml`: the headline goals (`goals.toml`) and the named scenarios ([`load_book`]).

pub(crate) mod document;
pub(crate) mod files;
mod history_file;
mod plan_file;
pub mod regions;
mod scenario_file;
mod scenarios;
mod source;
pub mod units;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use include_dir::{Dir, include_dir};

pub use crate::problem::{LineIndex, Problem, SourceFile};
pub use files::{DEFAULT_MAX_FILE_MIB, MAX_FILE_ENV, max_file_bytes};

/// Values beyond this magnitude are typing errors, not statistics (and break the arithmetic downstream).
pub const VALUE_LIMIT: f64 = 1e15;

/// Years a period or target may name: from the founding of the People's Republic to the end of the century.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1949..=2100;
pub use scenarios::load_book;
pub use source::DataSource;
pub(crate) use source::walk;

use crate::error::Error;
use crate::model::{Dataset, History, Plan};
use document::Document;

static SHIPPED_INDICATORS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/indicators");
static SHIPPED_HISTORY: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/history");

/// Why a value cannot be used, if it cannot: not finite, or beyond any statistic's magnitude.
/// A line's 频率 as written in a plan or history file (`frequency = "季"`), or the problem naming the words accepted.
pub(crate) fn frequency(
    doc: &document::Document<'_>,
    raw: Option<&toml::Spanned<String>>,
    field: &str,
    problems: &mut Vec<crate::problem::Problem>,
) -> Option<crate::model::Frequency> {
    let raw = raw?;
    let found = crate::model::Frequency::from_name(raw.get_ref());
    if found.is_none() {
        problems.push(doc.problem(
            raw.span(),
            field.to_string(),
            format!(
                "频率“{}”无法识别：应为 {}",
                raw.get_ref(),
                crate::model::Frequency::NAMES.join("、")
            ),
        ));
    }
    found
}

/// Unit names as written (牵头单位, 责任单位): trimmed, blanks and repeats dropped, order kept.
pub(crate) fn unit_names(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

pub(crate) fn value_problem(value: f64) -> Option<String> {
    if !value.is_finite() {
        Some(format!(
            "数值 {value} 无效：应为有限的数字（不能是 nan 或 inf）"
        ))
    } else if value.abs() > VALUE_LIMIT {
        Some(format!(
            "数值 {value:e} 超出合理范围（绝对值不超过 1e15）：请检查是否多打了位数或用错了单位"
        ))
    } else {
        None
    }
}

/// The text of every data file, before parsing.
struct Files {
    plans: Vec<SourceFile>,
    /// History files with the sub-directory of `history/` they sit in ("" for the top level).
    history: Vec<(String, SourceFile)>,
    /// Files that could not be read (special files, loops, too large, not UTF-8).
    problems: Vec<Problem>,
}

/// Loads and validates a plan and its history. `plan` selects a plan by id or file name where there are several.
/// Every plan and history file of the data is checked, whichever plan is chosen: a broken file is found by the
/// next command, not when someone happens to choose its plan. (`regions` reads a directory of many regions
/// through [`regions::read_plans`], one region at a time.)
pub fn load(source: &DataSource, plan: Option<&str>) -> Result<Dataset, Error> {
    let files = match source {
        DataSource::Shipped => shipped_files(),
        DataSource::Dir(dir) => {
            // A write of several history files interrupted by a crash is completed before anything is read.
            crate::durable::journal::recover(dir)?;
            // Thousands of regions: the plan asked for is read, the others' verdicts looked up.
            if let Some(result) = units::load(dir, plan) {
                return result;
            }
            dir_files(dir)?
        }
    };
    parse(files, plan)
}

/// Loads a data directory as it would be with some history files replaced or added (`history/…` paths
/// relative to `dir`, as in problems): how a figure is checked before anything is written.
pub fn load_with_changes(
    dir: &Path,
    plan: Option<&str>,
    changes: &[(String, String)],
) -> Result<Dataset, Error> {
    let mut files = dir_files(dir)?;
    for (name, text) in changes {
        match files.history.iter_mut().find(|(_, f)| &f.name == name) {
            Some((_, file)) => file.text = text.clone(),
            None => {
                let relative = Path::new(name)
                    .strip_prefix("history")
                    .unwrap_or(Path::new(name));
                files.history.push((
                    top_dir(relative),
                    SourceFile {
                        name: name.clone(),
                        text: text.clone(),
                    },
                ));
            }
        }
    }
    parse(files, plan)
}

/// The (baseline year, end year) of every plan file that states them, readable or not otherwise.
pub fn plan_years(source: &DataSource) -> Vec<(i32, i32)> {
    let files = match source {
        DataSource::Shipped => shipped_files().plans,
        DataSource::Dir(dir) => {
            // Many plans: their years are in the checked summaries.
            if let Some(checked) = units::check(dir) {
                return checked
                    .units
                    .iter()
                    .filter_map(|u| Some((u.baseline_year?, u.end_year)))
                    .collect();
            }
            // Only the plan files: the history, which may be large, says nothing about a plan's years.
            plan_files(dir, files::max_file_bytes(), &mut Vec::new())
        }
    };
    files
        .iter()
        .filter_map(|f| {
            let table: toml::Table = f.text.parse().ok()?;
            let plan = table.get("plan")?.as_table()?;
            let year = |k: &str| {
                plan.get(k)?
                    .as_integer()
                    .and_then(|y| i32::try_from(y).ok())
            };
            Some((year("baseline_year")?, year("end_year")?))
        })
        .collect()
}

fn parse(files: Files, wanted: Option<&str>) -> Result<Dataset, Error> {
    let mut problems = files.problems;
    // Files are parsed in parallel; their problems are gathered in file order, as found one by one.
    let read: Vec<(Result<PlanRead, ()>, Vec<Problem>)> = files
        .plans
        .par_iter()
        .map(|file| {
            let mut found = Vec::new();
            let plan = match Document::parse(file) {
                Ok(doc) => {
                    doc.control_characters(&mut found);
                    plan_file::read_plan(&doc).map_err(|p| found.extend(p))
                }
                Err(p) => {
                    found.extend(p);
                    Err(())
                }
            };
            (plan, found)
        })
        .collect();
    let mut plans: Vec<Candidate<'_>> = Vec::new();
    for ((plan, found), file) in read.into_iter().zip(&files.plans) {
        problems.extend(found);
        if let Ok((plan, refs)) = plan {
            plans.push((plan, refs, file));
        }
    }

    // Every plan's history is checked, not only the one asked for: a broken file should not wait to be found
    // until someone happens to choose its plan. Each file is parsed once; the shared files' observations are
    // read in full for the plan asked for, and only their headers for the others.
    let before_history = problems.len();
    let parsed: Vec<(Option<Document<'_>>, Vec<Problem>)> = files
        .history
        .par_iter()
        .map(|(_, file)| match Document::parse(file) {
            Ok(doc) => {
                let mut found = Vec::new();
                doc.control_characters(&mut found);
                (Some(doc), found)
            }
            Err(p) => (None, p),
        })
        .collect();
    let mut docs: Vec<(&str, Document<'_>)> = Vec::with_capacity(parsed.len());
    for ((doc, found), (dir, _)) in parsed.into_iter().zip(&files.history) {
        problems.extend(found);
        if let Some(doc) = doc {
            docs.push((dir.as_str(), doc));
        }
    }
    let chosen = choose_plan(&plans, wanted);
    let full = *chosen.as_ref().unwrap_or(&0);
    let by_dir = DocsByDir::new(&plans, &docs);
    let read: Vec<(History, Vec<Problem>)> = plans
        .par_iter()
        .enumerate()
        .map(|(i, (plan, _, _))| {
            let mut found = Vec::new();
            let history = read_plan_history(plan, i, &by_dir, &docs, i == full, &mut found);
            (history, found)
        })
        .collect();
    let mut histories = Vec::with_capacity(plans.len());
    for (history, found) in read {
        problems.extend(found);
        histories.push(history);
    }
    // A history file with problems may be the very one declaring a series: naming that series "missing" would
    // send the reader to the wrong place, so shared series are checked once the history reads cleanly.
    if problems.len() == before_history {
        for ((plan, refs, _), history) in plans.iter().zip(&histories) {
            check_series_refs(plan, history, refs, &mut problems);
        }
    }
    let mut known: Vec<String> = plans
        .iter()
        .map(|(p, _, _)| p.id.clone())
        .chain(files.plans.iter().filter_map(|f| {
            Path::new(&f.name)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
        }))
        .collect();
    known.sort();
    known.dedup();
    let known_set: HashSet<&str> = known.iter().map(String::as_str).collect();
    let contexts: HashSet<&str> = plans.iter().map(|(p, _, _)| p.context.as_str()).collect();
    let mut reported = HashSet::new();
    for (dir, file) in &files.history {
        let is_context = dir == "context" || contexts.contains(dir.as_str());
        if !dir.is_empty()
            && !is_context
            && !known_set.contains(dir.as_str())
            && reported.insert(dir)
        {
            problems.push(unknown_dir_problem(&file.name, dir, &known));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(tidy(problems)));
    }
    let index = chosen?;
    let (plan, _, _) = plans.swap_remove(index);
    let history = histories.swap_remove(index);
    Ok(Dataset { plan, history })
}

/// Which parsed history files each plan reads, found once rather than by a scan of every file per plan (with
/// thousands of regions, that scan was most of the time).
struct DocsByDir<'d> {
    /// Indices of the documents in each directory under `history/`, in file order.
    dirs: HashMap<&'d str, Vec<usize>>,
    /// For each top-level file about one indicator, the plans it belongs to (None: every plan).
    top_owners: HashMap<usize, Vec<usize>>,
}

impl<'d> DocsByDir<'d> {
    fn new(plans: &[Candidate<'_>], docs: &'d [(&'d str, Document<'_>)]) -> Self {
        let mut dirs: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (dir, _)) in docs.iter().enumerate() {
            dirs.entry(dir).or_default().push(i);
        }
        let mut top_owners = HashMap::new();
        if plans.len() > 1 {
            for &i in dirs.get("").map_or(&[][..], Vec::as_slice) {
                let indicator = docs[i].1.get("indicator").and_then(|v| match v.get_ref() {
                    toml::de::DeValue::String(s) => Some(s.to_string()),
                    _ => None,
                });
                if let Some(id) = indicator {
                    let holders: Vec<usize> = plans
                        .iter()
                        .enumerate()
                        .filter(|(_, (p, _, _))| p.indicator(&id).is_some())
                        .map(|(k, _)| k)
                        .collect();
                    // A file about an indicator no plan has is read (and its problems found) with the first plan.
                    top_owners.insert(i, if holders.is_empty() { vec![0] } else { holders });
                }
            }
        }
        DocsByDir { dirs, top_owners }
    }

    /// The documents plan number `index` reads, in file order.
    fn for_plan(&self, plan: &Plan, index: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .dirs
            .get("")
            .into_iter()
            .flatten()
            .copied()
            .filter(|i| self.top_owners.get(i).is_none_or(|o| o.contains(&index)))
            .collect();
        let mut own = vec![plan.context.as_str()];
        if plan.id != plan.context {
            own.push(plan.id.as_str());
        }
        for dir in own.into_iter().filter(|d| !d.is_empty()) {
            out.extend(self.dirs.get(dir).into_iter().flatten().copied());
        }
        out.sort_unstable();
        out
    }
}

/// A directory of `history/` that no plan reads, named at its first file.
fn unknown_dir_problem(file: &str, dir: &str, known: &[String]) -> Problem {
    Problem {
        file: file.to_string(),
        line: 1,
        column: 1,
        field: String::new(),
        message: format!(
            "history/{dir}/ 不对应任何规划：目录名应为规划的 id（{}），或为共享的 context",
            known.join("、")
        ),
    }
}

/// Each problem once (a shared file's header is read once per plan), in the order found.
fn tidy(problems: Vec<Problem>) -> Vec<Problem> {
    let mut seen = std::collections::HashSet::new();
    problems
        .into_iter()
        .filter(|p| seen.insert(p.clone()))
        .collect()
}

/// Reads the history files that belong to `plan` alone (top level, its own directory, its region's context
/// directory) and checks the series its indicators draw on: how the regions loader reads one region at a time.
pub(crate) fn read_single_plan_history(
    plan: Plan,
    series_refs: Vec<plan_file::SeriesRef>,
    files: &[(String, SourceFile)],
) -> Result<Dataset, Error> {
    let mut problems = Vec::new();
    let mut history = History::default();
    let mut duplicates = history_file::DuplicateCheck::default();
    for (dir, file) in files {
        let belongs = dir.is_empty() || *dir == plan.context || *dir == plan.id;
        if !belongs {
            continue;
        }
        match Document::parse(file) {
            Ok(doc) => {
                doc.control_characters(&mut problems);
                history_file::read_history(
                    &doc,
                    &plan,
                    &mut history,
                    &mut duplicates,
                    false,
                    &mut problems,
                );
            }
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        check_series_refs(&plan, &history, &series_refs, &mut problems);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(tidy(problems)));
    }
    Ok(Dataset { plan, history })
}

/// The history of one plan: files at the top of `history/`, in `history/context/` and in `history/<plan id>/`.
/// With several plans, a top-level file about one indicator is read for the plans that have that indicator.
fn read_plan_history(
    plan: &Plan,
    index: usize,
    by_dir: &DocsByDir<'_>,
    docs: &[(&str, Document<'_>)],
    full: bool,
    problems: &mut Vec<Problem>,
) -> History {
    let mut history = History::default();
    let mut duplicates = history_file::DuplicateCheck::default();
    for i in by_dir.for_plan(plan, index) {
        let (dir, doc) = &docs[i];
        let headers_only = !full && *dir == plan.context;
        history_file::read_history(
            doc,
            plan,
            &mut history,
            &mut duplicates,
            headers_only,
            problems,
        );
    }
    history
}

/// An indicator that draws on a shared series needs that series, in its own unit.
fn check_series_refs(
    plan: &Plan,
    history: &History,
    refs: &[plan_file::SeriesRef],
    problems: &mut Vec<Problem>,
) {
    for r in refs {
        let Some(indicator) = plan.indicator(&r.indicator) else {
            continue;
        };
        let message = match history.context_series(&r.series) {
            None => format!(
                "指标 {} 的数据序列“{}”不存在：history/{}/ 中应有 context = \"{}\" 的文件",
                r.indicator, r.series, plan.context, r.series
            ),
            Some(s) if s.unit != indicator.unit => format!(
                "指标 {} 的单位“{}”与数据序列“{}”的单位“{}”不一致",
                r.indicator, indicator.unit, r.series, s.unit
            ),
            Some(_) => continue,
        };
        problems.push(Problem {
            message,
            ..r.problem_at.clone()
        });
    }
}

type Candidate<'a> = (Plan, Vec<plan_file::SeriesRef>, &'a SourceFile);

/// A plan file read: the plan and the shared series its indicators draw on.
type PlanRead = (Plan, Vec<plan_file::SeriesRef>);

/// The index of the plan asked for, or without a choice the plan running now, else the most recent one.
fn choose_plan(plans: &[Candidate<'_>], wanted: Option<&str>) -> Result<usize, Error> {
    let available = plans
        .iter()
        .map(|(p, _, _)| p.id.clone())
        .collect::<Vec<_>>();
    if let Some(wanted) = wanted {
        let stem = |f: &SourceFile| {
            Path::new(&f.name)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
        };
        return plans
            .iter()
            .position(|(p, _, f)| p.id == wanted || stem(f).as_deref() == Some(wanted))
            .ok_or_else(|| Error::PlanNotFound {
                wanted: wanted.to_string(),
                available: available.clone(),
            });
    }
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    plans
        .iter()
        .position(|(p, _, _)| p.start_year <= this_year && this_year <= p.end_year)
        .or_else(|| {
            plans
                .iter()
                .enumerate()
                .max_by_key(|(_, (p, _, _))| p.start_year)
                .map(|(i, _)| i)
        })
        .ok_or(Error::PlanNotFound {
            wanted: String::new(),
            available,
        })
}

fn shipped_files() -> Files {
    let mut plans = Vec::new();
    for file in SHIPPED_INDICATORS.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            plans.push(SourceFile {
                name: format!("indicators/{}", file.path().display()),
                text: file.contents_utf8().unwrap_or_default().to_string(),
            });
        }
    }
    let mut history = Vec::new();
    collect_shipped(&SHIPPED_HISTORY, &mut history);
    plans.sort_by(|a, b| a.name.cmp(&b.name));
    history.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    Files {
        plans,
        history,
        problems: Vec::new(),
    }
}

fn collect_shipped(dir: &Dir<'_>, out: &mut Vec<(String, SourceFile)>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            let top = top_dir(file.path());
            out.push((
                top,
                SourceFile {
                    name: format!("history/{}", file.path().display()),
                    text: file.contents_utf8().unwrap_or_default().to_string(),
                },
            ));
        }
    }
    for sub in dir.dirs() {
        collect_shipped(sub, out);
    }
}

/// The first directory of a path relative to `history/` ("" for a file at the top).
fn top_dir(relative: &Path) -> String {
    let mut components = relative.components();
    let first = components.next();
    match (first, components.next()) {
        (Some(dir), Some(_)) => dir.as_os_str().to_string_lossy().to_string(),
        _ => String::new(),
    }
}

fn dir_files(dir: &Path) -> Result<Files, Error> {
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoDataDir(dir.to_path_buf()));
        }
        Ok(meta) if !meta.is_dir() => return Err(Error::NotADataDir(dir.to_path_buf())),
        _ => {}
    }
    let indicators = dir.join("indicators");
    if !indicators.is_dir() {
        return Err(Error::NoPlanDir(indicators));
    }
    let limit = files::max_file_bytes();
    let mut problems = Vec::new();
    let plans = plan_files(dir, limit, &mut problems);
    let mut history = Vec::new();
    let history_dir = dir.join("history");
    if history_dir.is_dir() {
        for path in files::toml_files(dir, &history_dir, true, &mut problems) {
            let relative = path.strip_prefix(&history_dir).unwrap_or(&path);
            let top = top_dir(relative);
            match files::read_source(dir, &path, limit) {
                Ok(file) => history.push((top, file)),
                Err(p) => problems.push(p),
            }
        }
    }
    Ok(Files {
        plans,
        history,
        problems,
    })
}

/// The plan files under `indicators/`, each read through the size-limited, regular-files-only reader.
fn plan_files(dir: &Path, limit: u64, problems: &mut Vec<Problem>) -> Vec<SourceFile> {
    let indicators = dir.join("indicators");
    let mut plans = Vec::new();
    for path in files::toml_files(dir, &indicators, false, problems) {
        match files::read_source(dir, &path, limit) {
            Ok(file) => plans.push(file),
            Err(p) => problems.push(p),
        }
    }
    plans
}

#[cfg(test)]
mod tests;
