//! A data directory of many plans (a province's or the nation's counties), read in proportion to what is asked.
//!
//! Each plan with the history files it reads (`history/<plan id>/`, `history/<context>/`) is a *unit*. What
//! checking a unit found — its problems, or that it has none, with a small summary (id, years, parent) — is kept
//! per unit in the user's cache directory, under a fingerprint of that unit's files: each file's path relative to
//! the data directory, device, inode, size, modification and status-change times (taken before the file is read),
//! the size limit per file, and the build of planwatch that checked it. A command about one plan parses and checks
//! that plan afresh and looks the others up: a unit whose fingerprint still matches is taken as checked, any other
//! is read and checked again, so one edited file costs one unit's files. Problems are kept as problems and reported
//! by every command, as when nothing is cached; a unit with problems is never counted as valid.
//!
//! The cache is never the source of truth: it holds no figures, only verdicts on files whose stamps it names, and
//! it is safe to delete. It is written atomically ([`crate::durable::replace`]) with a SHA-256 of its content; a
//! cache that is missing, truncated, too large, from another build or altered is ignored and written anew.
//! Directories with top-level history files (shared by several plans) or fewer than [`MIN_PLANS`] plans are read
//! the ordinary way, all at once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::document::Document;
use super::{files, plan_file, read_single_plan_history};
use crate::error::Error;
use crate::model::{Dataset, Plan};
use crate::problem::{Problem, SourceFile};

/// Directories with fewer plans are read whole, as they always were: well under a second.
pub const MIN_PLANS: usize = 100;

/// The build that checked the data: a cache from another build is not read.
const BUILD: &str = concat!(
    "planwatch ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("PLANWATCH_SOURCE_HASH")
);

/// Largest cache file read (the index of 2,844 units is about 1 MB).
const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;

/// Where caches are kept: `$PLANWATCH_CACHE_DIR`, else `$XDG_CACHE_HOME/planwatch`, else `~/.cache/planwatch`.
/// An empty `PLANWATCH_CACHE_DIR` turns caching off.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PLANWATCH_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("planwatch"));
    }
    std::env::var_os("HOME")
        .filter(|d| !d.is_empty())
        .map(|home| PathBuf::from(home).join(".cache").join("planwatch"))
}

/// What checking one unit found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unit {
    /// The plan file's name without `.toml`.
    pub stem: String,
    /// Of the unit's files as they were when checked.
    pub fingerprint: String,
    /// The plan's id and context directory, where the plan file could be read.
    pub id: Option<String>,
    pub context: Option<String>,
    pub start_year: i32,
    pub end_year: i32,
    pub baseline_year: Option<i32>,
    pub has_parent: bool,
    /// Empty: the unit is valid.
    pub problems: Vec<Problem>,
}

/// Files with their metadata, taken before they are read.
type Stamped = Vec<(PathBuf, Metadata)>;

/// The data directory's files, stamped, as one walk found them.
pub struct Tree {
    root: PathBuf,
    plans: Vec<(PathBuf, Metadata)>,
    /// The index in `plans` of each plan file's stem.
    by_stem: HashMap<String, usize>,
    /// The files of each directory under `history/`.
    dirs: BTreeMap<String, Stamped>,
    /// Walking found something odd (a loop, a special file): reported as the ordinary walk reports it.
    problems: Vec<Problem>,
    limit: u64,
}

/// Every unit of a directory, checked (from the cache where it still holds).
pub struct Checked {
    pub tree: Tree,
    pub units: Vec<Unit>,
    /// Problems outside any unit: the walk's, and history directories no plan reads.
    pub problems: Vec<Problem>,
}

impl Checked {
    /// Every problem of the directory, each once, in file order.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut seen = HashSet::new();
        self.tree
            .problems
            .iter()
            .chain(self.units.iter().flat_map(|u| &u.problems))
            .chain(&self.problems)
            .filter(|p| seen.insert(*p))
            .cloned()
            .collect()
    }

    /// The index of the unit `wanted` (plan id or file name), or without a choice the plan running now, else
    /// the most recent one (as [`super::load`] chooses).
    pub fn choose(&self, wanted: Option<&str>) -> Result<usize, Error> {
        let valid = || {
            self.units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.id.is_some())
        };
        let available = || valid().filter_map(|(_, u)| u.id.clone()).collect();
        if let Some(wanted) = wanted {
            return valid()
                .find(|(_, u)| u.id.as_deref() == Some(wanted) || u.stem == wanted)
                .map(|(i, _)| i)
                .ok_or_else(|| Error::PlanNotFound {
                    wanted: wanted.to_string(),
                    available: available(),
                });
        }
        let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        valid()
            .find(|(_, u)| u.start_year <= this_year && this_year <= u.end_year)
            .or_else(|| valid().max_by_key(|(_, u)| u.start_year))
            .map(|(i, _)| i)
            .ok_or(Error::PlanNotFound {
                wanted: String::new(),
                available: available(),
            })
    }

    /// Parses and checks unit `index` afresh and returns its plan with its history.
    pub fn dataset(&self, index: usize) -> Result<Dataset, Error> {
        let unit = &self.units[index];
        let plan_path = self.tree.plan_path(&unit.stem).ok_or_else(|| {
            Error::Invalid(vec![files::file_problem(
                &self.tree.root,
                &self.tree.root.join("indicators"),
                format!("indicators/{}.toml 在读取时被删除", unit.stem),
            )])
        })?;
        match self.tree.read_unit(&unit.stem, plan_path) {
            (_, Some(result)) => result,
            (unit, None) => Err(Error::Invalid(unit.problems)),
        }
    }
}

/// Whether `dir` holds enough plans to be read unit by unit: counted without reading any file.
pub fn many_plans(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("indicators")).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .take(MIN_PLANS)
            .count()
            >= MIN_PLANS
    })
}

/// Loads the plan `wanted` of a directory of many plans, checking every other unit through the cache. None: the
/// directory is not laid out for that (few plans, or history files shared at the top of `history/`).
pub fn load(dir: &Path, wanted: Option<&str>) -> Option<Result<Dataset, Error>> {
    let checked = check(dir)?;
    let problems = checked.all_problems();
    if !problems.is_empty() {
        return Some(Err(Error::Invalid(problems)));
    }
    Some(
        checked
            .choose(wanted)
            .and_then(|index| checked.dataset(index)),
    )
}

/// Walks `dir` and checks every unit (from the cache where its fingerprint still matches), keeping the cache up
/// to date. None: the directory is read the ordinary way.
pub fn check(dir: &Path) -> Option<Checked> {
    if !many_plans(dir) {
        return None;
    }
    let tree = Tree::walk(dir)?;
    let cache = cache_dir().and_then(|c| CacheFile::new(&c, dir, "units", &tree.limit.to_string()));
    let cached: HashMap<String, Unit> = cache
        .as_ref()
        .and_then(CacheFile::read::<Vec<Unit>>)
        .unwrap_or_default()
        .into_iter()
        .map(|u| (u.stem.clone(), u))
        .collect();
    let mut changed = cached.len() != tree.plans.len();
    let units: Vec<(Unit, bool)> = tree
        .plans
        .par_iter()
        .map(|(path, _)| {
            let stem = stem(path);
            if let Some(unit) = cached.get(&stem)
                && unit.fingerprint == tree.fingerprint(&stem, unit)
            {
                return (unit.clone(), false);
            }
            (tree.read_unit(&stem, path).0, true)
        })
        .collect();
    changed |= units.iter().any(|(_, fresh)| *fresh);
    let units: Vec<Unit> = units.into_iter().map(|(u, _)| u).collect();
    if changed && let Some(cache) = &cache {
        cache.write(&units);
    }
    let problems = tree.unread_dirs(&units);
    Some(Checked {
        tree,
        units,
        problems,
    })
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

impl Tree {
    /// Every plan file and history file, stamped. None where history files sit at the top of `history/`.
    fn walk(dir: &Path) -> Option<Tree> {
        let mut problems = Vec::new();
        let plans: Vec<(PathBuf, Metadata)> = {
            let paths = files::toml_files(dir, &dir.join("indicators"), false, &mut problems);
            paths
                .into_iter()
                .filter_map(|p| std::fs::metadata(&p).ok().map(|m| (p, m)))
                .collect()
        };
        let history = dir.join("history");
        let mut dirs: BTreeMap<String, Stamped> = BTreeMap::new();
        if history.is_dir() {
            // The directories of `history/` are walked in parallel: thousands of regions have thousands of them.
            let mut subdirs = Vec::new();
            for entry in std::fs::read_dir(&history).ok()? {
                let path = entry.ok()?.path();
                if path.is_dir() {
                    subdirs.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    return None;
                }
            }
            subdirs.sort();
            let walked: Vec<(String, Stamped, Vec<Problem>)> = subdirs
                .par_iter()
                .map(|sub| {
                    let mut found = Vec::new();
                    let files = files::toml_files_with_meta(dir, sub, &mut found);
                    (
                        sub.file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default(),
                        files,
                        found,
                    )
                })
                .collect();
            for (name, files, found) in walked {
                problems.extend(found);
                if !files.is_empty() {
                    dirs.insert(name, files);
                }
            }
        }
        let by_stem = plans
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (stem(p), i))
            .collect();
        Some(Tree {
            root: dir.to_path_buf(),
            plans,
            by_stem,
            dirs,
            problems,
            limit: files::max_file_bytes(),
        })
    }

    fn plan_path(&self, stem_wanted: &str) -> Option<&Path> {
        let index = self.by_stem.get(stem_wanted)?;
        Some(self.plans[*index].0.as_path())
    }

    /// The history directories a plan with this id and context reads.
    fn unit_dirs<'a>(&self, id: &'a str, context: &'a str) -> Vec<&'a str> {
        if id == context {
            vec![id]
        } else {
            vec![context, id]
        }
    }

    /// The fingerprint of a unit's files as they are now, for the id and context `unit` was checked with.
    fn fingerprint(&self, stem_wanted: &str, unit: &Unit) -> String {
        let mut hasher = Sha256::new();
        hasher.update(BUILD.as_bytes());
        hasher.update(self.limit.to_le_bytes());
        if let Some((path, meta)) = self.by_stem.get(stem_wanted).map(|i| &self.plans[*i]) {
            self.stamp(&mut hasher, path, meta);
        }
        if let (Some(id), Some(context)) = (&unit.id, &unit.context) {
            for dir in self.unit_dirs(id, context) {
                hasher.update(b"dir\0");
                hasher.update(dir.as_bytes());
                for (path, meta) in self.dirs.get(dir).into_iter().flatten() {
                    self.stamp(&mut hasher, path, meta);
                }
            }
        }
        let digest = hasher.finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn stamp(&self, hasher: &mut Sha256, path: &Path, meta: &Metadata) {
        // The path below the data directory (every walked path starts with it): a slice, not a path operation.
        let bytes = path.as_os_str().as_encoded_bytes();
        let skip = self.root.as_os_str().len().min(bytes.len());
        hasher.update(&bytes[skip..]);
        hasher.update([0]);
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let (dev, ino, ctime) = stamp_ids(meta);
        for n in [
            dev as u128,
            ino as u128,
            meta.len() as u128,
            modified,
            ctime,
        ] {
            hasher.update(n.to_le_bytes());
        }
    }

    /// Reads and checks one unit: its summary and problems, and the dataset where the unit is valid.
    fn read_unit(&self, stem: &str, plan_path: &Path) -> (Unit, Option<Result<Dataset, Error>>) {
        let mut unit = Unit {
            stem: stem.to_string(),
            fingerprint: String::new(),
            id: None,
            context: None,
            start_year: 0,
            end_year: 0,
            baseline_year: None,
            has_parent: false,
            problems: Vec::new(),
        };
        let plan = match files::read_source(&self.root, plan_path, self.limit) {
            Ok(file) => read_plan_file(&file, &mut unit.problems),
            Err(p) => {
                unit.problems.push(p);
                None
            }
        };
        let Some((plan, refs)) = plan else {
            // The plan cannot be read: its directory's files are still checked for what needs no plan.
            self.syntax_problems(stem, &mut unit.problems);
            unit.fingerprint = self.fingerprint(stem, &unit);
            return (unit, None);
        };
        unit.id = Some(plan.id.clone());
        unit.context = Some(plan.context.clone());
        unit.start_year = plan.start_year;
        unit.end_year = plan.end_year;
        unit.baseline_year = Some(plan.baseline_year);
        unit.has_parent = plan.parent.is_some();
        unit.fingerprint = self.fingerprint(stem, &unit);
        let mut files = Vec::new();
        for dir in self.unit_dirs(&plan.id, &plan.context) {
            for (path, _) in self.dirs.get(dir).into_iter().flatten() {
                match files::read_source(&self.root, path, self.limit) {
                    Ok(file) => files.push((dir.to_string(), file)),
                    Err(p) => unit.problems.push(p),
                }
            }
        }
        let result = read_single_plan_history(plan, refs, &files);
        if let Err(Error::Invalid(found)) = &result {
            unit.problems.extend(found.iter().cloned());
        }
        if unit.problems.is_empty() {
            (unit, Some(result))
        } else {
            let problems = unit.problems.clone();
            (unit, Some(Err(Error::Invalid(problems))))
        }
    }

    /// Syntax and control-character problems of the files of `history/<dir>/`, read without a plan.
    fn syntax_problems(&self, dir: &str, problems: &mut Vec<Problem>) {
        for (path, _) in self.dirs.get(dir).into_iter().flatten() {
            match files::read_source(&self.root, path, self.limit) {
                Ok(file) => match Document::parse(&file) {
                    Ok(doc) => doc.control_characters(problems),
                    Err(p) => problems.extend(p),
                },
                Err(p) => problems.push(p),
            }
        }
    }

    /// History directories no unit reads: each is a problem (as the ordinary loader says), and their files are
    /// checked for syntax.
    fn unread_dirs(&self, units: &[Unit]) -> Vec<Problem> {
        let mut known: Vec<String> = units
            .iter()
            .filter_map(|u| u.id.clone())
            .chain(units.iter().map(|u| u.stem.clone()))
            .collect();
        known.sort();
        known.dedup();
        let claimed: HashSet<&str> = known
            .iter()
            .map(String::as_str)
            .chain(units.iter().filter_map(|u| u.context.as_deref()))
            .chain(["context"])
            .collect();
        let mut problems = Vec::new();
        for (dir, files) in &self.dirs {
            if claimed.contains(dir.as_str()) {
                continue;
            }
            self.syntax_problems(dir, &mut problems);
            if let Some((path, _)) = files.first() {
                let name = path.strip_prefix(&self.root).unwrap_or(path);
                problems.push(super::unknown_dir_problem(
                    &name.display().to_string(),
                    dir,
                    &known,
                ));
            }
        }
        problems
    }
}

/// Reads and checks a plan file, as the ordinary loader does.
fn read_plan_file(
    file: &SourceFile,
    problems: &mut Vec<Problem>,
) -> Option<(Plan, Vec<plan_file::SeriesRef>)> {
    match Document::parse(file) {
        Ok(doc) => {
            doc.control_characters(problems);
            match plan_file::read_plan(&doc) {
                Ok(read) => Some(read),
                Err(p) => {
                    problems.extend(p);
                    None
                }
            }
        }
        Err(p) => {
            problems.extend(p);
            None
        }
    }
}

#[cfg(unix)]
fn stamp_ids(meta: &Metadata) -> (u64, u64, u128) {
    use std::os::unix::fs::MetadataExt;
    let ctime = (meta.ctime().max(0) as u128) * 1_000_000_000 + meta.ctime_nsec().max(0) as u128;
    (meta.dev(), meta.ino(), ctime)
}

#[cfg(not(unix))]
fn stamp_ids(_: &Metadata) -> (u64, u64, u128) {
    (0, 0, 0)
}

/// A cache file about one data directory: its first line names the build, the directory and what else the
/// content depends on; its second, a SHA-256 of the rest (JSON).
pub struct CacheFile {
    file: PathBuf,
    key: String,
}

impl CacheFile {
    /// The cache file `kind` of `dir`, valid for `depends` (any other words the content depends on).
    pub fn new(cache_dir: &Path, dir: &Path, kind: &str, depends: &str) -> Option<CacheFile> {
        let dir = dir.canonicalize().ok()?;
        let key = format!("{BUILD} {kind}|{}|{depends}", dir.display());
        let name: String = Sha256::digest(format!("{}|{depends}", dir.display()).as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        Some(CacheFile {
            file: cache_dir.join(format!("{kind}-{name}.json")),
            key,
        })
    }

    /// The content, or None where the file is missing, too large, from another build or altered.
    pub fn read<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.read_checked(|_| true)
    }

    /// As [`CacheFile::read`], where the content also passes `check` (run on the JSON before it is parsed).
    pub fn read_checked<T: serde::de::DeserializeOwned>(
        &self,
        check: impl Fn(&[u8]) -> bool,
    ) -> Option<T> {
        let bytes = files::read_limited(&self.file, MAX_CACHE_BYTES).ok()?;
        let mut parts = bytes.splitn(3, |b| *b == b'\n');
        let (key, sum, body) = (parts.next()?, parts.next()?, parts.next()?);
        if key != self.key.as_bytes() || sum != checksum(body).as_bytes() || !check(body) {
            return None;
        }
        serde_json::from_slice(body).ok()
    }

    /// Keeps `content` for next time, atomically; a cache that cannot be written only means reading again.
    pub fn write<T: Serialize>(&self, content: &T) {
        let Some(parent) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        let Ok(body) = serde_json::to_vec(content) else {
            return;
        };
        let mut bytes = Vec::with_capacity(body.len() + self.key.len() + 80);
        bytes.extend_from_slice(self.key.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(checksum(&body).as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(&body);
        let _ = crate::durable::replace(&self.file, &bytes);
    }
}

fn checksum(body: &[u8]) -> String {
    let hex: String = Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256 {hex}")
}
