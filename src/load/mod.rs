//! Loading a plan and its history from a data directory, or from the copy compiled into the binary.
//!
//! Layout of a data directory:
//! - `indicators/<plan>.toml`: one file per plan;
//! - `history/*.toml` and `history/<plan id>/**/*.toml`: observations of the plan's indicators;
//! - `history/context/**/*.toml`: context series shared by every plan (GDP level, population, exchange rate);
//! - `scenarios/*.toml`: the headline goals (`goals.toml`) and the named scenarios ([`load_book`]).

pub(crate) mod document;
mod history_file;
mod plan_file;
pub(crate) mod problem;
mod scenario_file;
mod scenarios;
mod source;

use std::path::Path;

use include_dir::{Dir, include_dir};

pub use problem::{Problem, SourceFile};
pub use scenarios::load_book;
pub use source::DataSource;
pub(crate) use source::{read_file, walk};

use crate::error::Error;
use crate::model::{Dataset, History, Plan};
use document::Document;

static SHIPPED_INDICATORS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/indicators");
static SHIPPED_HISTORY: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/history");

/// The text of every data file, before parsing.
struct Files {
    plans: Vec<SourceFile>,
    /// History files with the sub-directory of `history/` they sit in ("" for the top level).
    history: Vec<(String, SourceFile)>,
}

/// Loads and validates a plan and its history. `plan` selects a plan by id or file name where there are several.
pub fn load(source: &DataSource, plan: Option<&str>) -> Result<Dataset, Error> {
    let files = match source {
        DataSource::Shipped => shipped_files(),
        DataSource::Dir(dir) => {
            // A write of several history files interrupted by a crash is completed before anything is read.
            crate::intake::journal::recover(dir)?;
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
        DataSource::Dir(dir) => match dir_files(dir) {
            Ok(files) => files.plans,
            Err(_) => Vec::new(),
        },
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
    let mut problems = Vec::new();
    let mut plans: Vec<(Plan, Vec<plan_file::SeriesRef>, &SourceFile)> = Vec::new();
    for file in &files.plans {
        match Document::parse(file)
            .map_err(|p| problems.extend(p))
            .ok()
            .map(|doc| plan_file::read_plan(&doc))
        {
            Some(Ok((plan, refs))) => plans.push((plan, refs, file)),
            Some(Err(p)) => problems.extend(p),
            None => {}
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let (plan, series_refs) = choose_plan(plans, wanted)?;

    let mut history = History::default();
    let mut duplicates = history_file::DuplicateCheck::default();
    for (dir, file) in &files.history {
        let belongs = dir.is_empty() || dir == "context" || *dir == plan.id;
        if !belongs {
            continue;
        }
        match Document::parse(file) {
            Ok(doc) => history_file::read_history(
                &doc,
                &plan,
                &mut history,
                &mut duplicates,
                &mut problems,
            ),
            Err(p) => problems.extend(p),
        }
    }
    // A history file with problems may be the very one declaring a series: naming that series "missing" would
    // send the reader to the wrong place, so shared series are checked once the history reads cleanly.
    if problems.is_empty() {
        check_series_refs(&plan, &history, series_refs, &mut problems);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Dataset { plan, history })
}

/// An indicator that draws on a shared series needs that series, in its own unit.
fn check_series_refs(
    plan: &Plan,
    history: &History,
    refs: Vec<plan_file::SeriesRef>,
    problems: &mut Vec<Problem>,
) {
    for r in refs {
        let Some(indicator) = plan.indicator(&r.indicator) else {
            continue;
        };
        let message = match history.context_series(&r.series) {
            None => format!(
                "指标 {} 的数据序列“{}”不存在：history/context/ 中应有 context = \"{}\" 的文件",
                r.indicator, r.series, r.series
            ),
            Some(s) if s.unit != indicator.unit => format!(
                "指标 {} 的单位“{}”与数据序列“{}”的单位“{}”不一致",
                r.indicator, indicator.unit, r.series, s.unit
            ),
            Some(_) => continue,
        };
        problems.push(Problem {
            message,
            ..r.problem_at
        });
    }
}

type Candidate<'a> = (Plan, Vec<plan_file::SeriesRef>, &'a SourceFile);

fn choose_plan(
    mut plans: Vec<Candidate<'_>>,
    wanted: Option<&str>,
) -> Result<(Plan, Vec<plan_file::SeriesRef>), Error> {
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
        let index = plans
            .iter()
            .position(|(p, _, f)| p.id == wanted || stem(f).as_deref() == Some(wanted))
            .ok_or_else(|| Error::PlanNotFound {
                wanted: wanted.to_string(),
                available: available.clone(),
            })?;
        let (plan, refs, _) = plans.swap_remove(index);
        return Ok((plan, refs));
    }
    // Without a choice: the plan running now, else the most recent one.
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let index = plans
        .iter()
        .position(|(p, _, _)| p.start_year <= this_year && this_year <= p.end_year)
        .or_else(|| {
            plans
                .iter()
                .enumerate()
                .max_by_key(|(_, (p, _, _))| p.start_year)
                .map(|(i, _)| i)
        })
        .ok_or_else(|| Error::PlanNotFound {
            wanted: String::new(),
            available,
        })?;
    let (plan, refs, _) = plans.swap_remove(index);
    Ok((plan, refs))
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
    Files { plans, history }
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
    let indicators = dir.join("indicators");
    if !indicators.is_dir() {
        return Err(Error::NoPlanDir(indicators));
    }
    let mut plan_paths = Vec::new();
    walk(&indicators, &mut plan_paths, false)?;
    let mut plans = Vec::new();
    for path in plan_paths {
        plans.push(read_file(dir, &path)?);
    }
    let mut history = Vec::new();
    let history_dir = dir.join("history");
    if history_dir.is_dir() {
        let mut paths = Vec::new();
        walk(&history_dir, &mut paths, true)?;
        for path in paths {
            let relative = path.strip_prefix(&history_dir).unwrap_or(&path);
            history.push((top_dir(relative), read_file(dir, &path)?));
        }
    }
    Ok(Files { plans, history })
}

#[cfg(test)]
mod tests;
