//! Every plan of a data directory at once, for comparing regions: plan files are read and checked first (they are
//! small), then each plan's history is read, checked and handed over one plan at a time, in parallel, so that a
//! directory of thousands of regions never sits in memory whole.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::document::Document;
use super::{DataSource, files, plan_file, read_single_plan_history, shipped_files, top_dir};
use crate::error::Error;
use crate::model::{Dataset, Plan};
use crate::problem::{Problem, SourceFile};

/// A plan read and checked, waiting for its history.
struct Entry {
    plan: Plan,
    refs: Vec<plan_file::SeriesRef>,
    /// The plan file's name without `.toml`, which `--plan` may also use.
    stem: String,
}

/// Where the history files come from.
enum HistorySource {
    /// Every history file of the compiled-in data, with its directory under `history/`.
    Shipped(Vec<(String, SourceFile)>),
    /// A data directory; files at the top of `history/` are read once and shared by every plan.
    Dir {
        root: PathBuf,
        top: Vec<(String, SourceFile)>,
    },
}

/// The plans of a data source, checked; their histories are read on demand.
pub struct PlanSet {
    entries: Vec<Entry>,
    history: HistorySource,
}

/// Reads and checks every plan file of `source` (in parallel), reporting the problems of all of them at once.
pub fn read_plans(source: &DataSource) -> Result<PlanSet, Error> {
    let (plan_files, history) = match source {
        DataSource::Shipped => {
            let files = shipped_files();
            (files.plans, HistorySource::Shipped(files.history))
        }
        DataSource::Dir(dir) => {
            let indicators = dir.join("indicators");
            if !indicators.is_dir() {
                return Err(Error::NoPlanDir(indicators));
            }
            let paths = walk(dir, &indicators, false)?;
            let files = paths
                .par_iter()
                .map(|p| read_file(dir, p))
                .collect::<Result<Vec<_>, _>>()?;
            let history_dir = dir.join("history");
            let top_paths = if history_dir.is_dir() {
                walk(dir, &history_dir, false)?
            } else {
                Vec::new()
            };
            let top = top_paths
                .iter()
                .map(|p| Ok((String::new(), read_file(dir, p)?)))
                .collect::<Result<Vec<_>, Error>>()?;
            (
                files,
                HistorySource::Dir {
                    root: dir.clone(),
                    top,
                },
            )
        }
    };
    let read: Vec<Result<Entry, Vec<Problem>>> = plan_files
        .par_iter()
        .map(|file| {
            let doc = Document::parse(file)?;
            let (plan, refs) = plan_file::read_plan(&doc)?;
            let stem = Path::new(&file.name)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            Ok(Entry { plan, refs, stem })
        })
        .collect();
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for r in read {
        match r {
            Ok(e) => entries.push(e),
            Err(p) => problems.extend(p),
        }
    }
    check_unique_ids(&entries, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(PlanSet { entries, history })
}

/// Two plan files with one id would make `--plan` and `history/<id>/` ambiguous.
fn check_unique_ids(entries: &[Entry], problems: &mut Vec<Problem>) {
    let mut seen = std::collections::HashMap::new();
    for e in entries {
        if let Some(first) = seen.insert(e.plan.id.as_str(), e.stem.as_str()) {
            problems.push(Problem {
                file: format!("indicators/{}.toml", e.stem),
                line: 1,
                column: 1,
                field: "plan.id".into(),
                message: format!(
                    "规划 id“{}”与 indicators/{first}.toml 重复：每个规划的 id 必须唯一",
                    e.plan.id
                ),
            });
        }
    }
}

impl PlanSet {
    /// The plans, in file order.
    pub fn plans(&self) -> impl Iterator<Item = &Plan> {
        self.entries.iter().map(|e| &e.plan)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Keeps the plans of one period (same start and end year) as the plan `wanted` (id or file name), or,
    /// without a choice, as the plan running now, else the most recent one. Returns the chosen plan's id.
    pub fn keep_period_of(&mut self, wanted: Option<&str>) -> Result<String, Error> {
        let id = self.choose(wanted)?;
        let span = self
            .entries
            .iter()
            .find(|e| e.plan.id == id)
            .map(|e| (e.plan.start_year, e.plan.end_year));
        self.entries
            .retain(|e| Some((e.plan.start_year, e.plan.end_year)) == span);
        Ok(id)
    }

    /// The id of the plan `wanted`, or of the plan running now, else of the most recent one.
    fn choose(&self, wanted: Option<&str>) -> Result<String, Error> {
        let available = || self.entries.iter().map(|e| e.plan.id.clone()).collect();
        let chosen = match wanted {
            Some(w) => self
                .entries
                .iter()
                .find(|e| e.plan.id == w || e.stem == w)
                .ok_or_else(|| Error::PlanNotFound {
                    wanted: w.to_string(),
                    available: available(),
                })?,
            None => {
                let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
                let running = |p: &Plan| p.start_year <= this_year && this_year <= p.end_year;
                self.entries
                    .iter()
                    .find(|e| running(&e.plan))
                    .or_else(|| self.entries.iter().max_by_key(|e| e.plan.start_year))
                    .ok_or_else(|| Error::PlanNotFound {
                        wanted: String::new(),
                        available: available(),
                    })?
            }
        };
        Ok(chosen.plan.id.clone())
    }

    /// The plan `wanted` (id or file name), or without a choice the plan running now, else the most recent one,
    /// with its history: only the files that plan reads.
    pub fn load_one(mut self, wanted: Option<&str>) -> Result<Dataset, Error> {
        let id = self.choose(wanted)?;
        let index = self
            .entries
            .iter()
            .position(|e| e.plan.id == id)
            .ok_or_else(|| Error::PlanNotFound {
                wanted: id.clone(),
                available: Vec::new(),
            })?;
        let entry = self.entries.swap_remove(index);
        let files = self.history.files_for(&entry.plan)?;
        read_single_plan_history(entry.plan, entry.refs, &files)
    }

    /// Reads each plan's history, checks it, and hands the dataset to `f`, in parallel; results come back in plan
    /// order. `done` is called after each plan (for progress). Problems of every plan are reported together.
    pub fn map_datasets<T: Send>(
        self,
        done: &(dyn Fn() + Sync),
        f: impl Fn(Dataset) -> T + Sync,
    ) -> Result<Vec<T>, Error> {
        let history = &self.history;
        let results: Vec<Result<T, Error>> = self
            .entries
            .into_par_iter()
            .map(|e| {
                let files = history.files_for(&e.plan)?;
                let out = read_single_plan_history(e.plan, e.refs, &files).map(&f);
                done();
                out
            })
            .collect();
        let mut problems = Vec::new();
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(t) => out.push(t),
                Err(Error::Invalid(p)) => problems.extend(p),
                Err(other) => return Err(other),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(out)
    }
}

impl HistorySource {
    /// The history files one plan reads: the top of `history/`, its own directory and its region's context.
    fn files_for(&self, plan: &Plan) -> Result<Vec<(String, SourceFile)>, Error> {
        match self {
            HistorySource::Shipped(all) => Ok(all
                .iter()
                .filter(|(dir, _)| dir.is_empty() || *dir == plan.id || *dir == plan.context)
                .cloned()
                .collect()),
            HistorySource::Dir { root, top } => {
                let mut files = top.clone();
                let history_dir = root.join("history");
                for dir in [&plan.id, &plan.context] {
                    let sub = history_dir.join(dir);
                    if !sub.is_dir() {
                        continue;
                    }
                    let paths = walk(root, &sub, true)?;
                    for path in paths {
                        let relative = path.strip_prefix(&history_dir).unwrap_or(&path);
                        files.push((top_dir(relative), read_file(root, &path)?));
                    }
                }
                Ok(files)
            }
        }
    }
}

/// The `*.toml` files under `dir` through the loader's safe walk; anything odd on the way stops the read with its
/// problems.
fn walk(root: &Path, dir: &Path, recurse: bool) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut problems = Vec::new();
    let paths = files::toml_files(root, dir, recurse, &mut problems);
    if problems.is_empty() {
        Ok(paths)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// One data file, size-limited and checked for UTF-8 like every other.
fn read_file(root: &Path, path: &Path) -> Result<SourceFile, Error> {
    files::read_source(root, path, files::max_file_bytes()).map_err(|p| Error::Invalid(vec![p]))
}
