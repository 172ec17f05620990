//! A validated cache of the regions comparison, keyed by file stamps.
//!
//! Reading and checking every TOML file of thousands of regions is what takes the time (see the README's
//! figures); the result is small. So the last result for a data directory is kept, with a key made of the program
//! version, the directory, the period and year asked for, the current year (which picks the running plan), and a
//! fingerprint of every `.toml` file under `indicators/` and `history/`: its path, size and modification time.
//! When any file is added, removed or changed, the key differs and everything is read and checked again; invalid
//! data are never cached. Nothing is skipped: a cached result is one that passed every check with these very files.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use super::Regions;

/// Directories with fewer plans read in well under a second: no cache for them.
pub const MIN_PLANS: usize = 100;

/// Bump when the cached shape changes.
const SCHEMA: u32 = 1;

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

/// The cache entry for one data directory and one question.
#[derive(Debug)]
pub struct Cache {
    file: PathBuf,
    key: String,
}

impl Cache {
    /// The entry for `dir` asked about `plan`'s period as of `as_of`, kept under `cache_dir`; None where the
    /// directory is small or cannot be read (the caller then reads it as usual and reports any problem).
    pub fn open(
        cache_dir: &Path,
        dir: &Path,
        plan: Option<&str>,
        as_of: Option<i32>,
    ) -> Option<Cache> {
        let dir = dir.canonicalize().ok()?;
        let plans = std::fs::read_dir(dir.join("indicators"))
            .ok()?
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .count();
        if plans < MIN_PLANS {
            return None;
        }
        let stamps = stamps(&dir).ok()?;
        let mut hasher = DefaultHasher::new();
        stamps.hash(&mut hasher);
        let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let key = format!(
            "planwatch {} schema {SCHEMA}|{}|{plan:?}|{as_of:?}|{this_year}|{} files|{:016x}",
            env!("CARGO_PKG_VERSION"),
            dir.display(),
            stamps.len(),
            hasher.finish()
        );
        let mut name = DefaultHasher::new();
        dir.hash(&mut name);
        let file = cache_dir.join(format!("regions-{:016x}.json", name.finish()));
        Some(Cache { file, key })
    }

    /// The cached result, if it was made from exactly these files.
    pub fn read(&self) -> Option<Regions> {
        let bytes = std::fs::read(&self.file).ok()?;
        let newline = bytes.iter().position(|b| *b == b'\n')?;
        if bytes[..newline] != *self.key.as_bytes() {
            return None;
        }
        serde_json::from_slice(&bytes[newline + 1..]).ok()
    }

    /// Keeps `regions` for next time: written to a temporary file and renamed, so a reader never sees half a
    /// cache. A cache that cannot be written is no error: it only means the next run reads everything again.
    pub fn write(&self, regions: &Regions) {
        let Some(dir) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = self
            .file
            .with_extension(format!("json.{}.tmp", std::process::id()));
        let written = std::fs::File::create(&tmp).is_ok_and(|file| {
            let mut out = std::io::BufWriter::new(file);
            out.write_all(self.key.as_bytes()).is_ok()
                && out.write_all(b"\n").is_ok()
                && serde_json::to_writer(&mut out, regions).is_ok()
                && out.flush().is_ok()
        });
        if !(written && std::fs::rename(&tmp, &self.file).is_ok()) {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// Stamps of every `.toml` under `indicators/` and `history/`, sorted; the directories of `history/` are walked
/// in parallel (thousands of regions have thousands of directories).
fn stamps(root: &Path) -> std::io::Result<Vec<(String, u64, u128)>> {
    let mut out = Vec::new();
    stamp_dir(root, &root.join("indicators"), &mut out)?;
    let history = root.join("history");
    if history.is_dir() {
        let mut dirs = Vec::new();
        for entry in std::fs::read_dir(&history)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                dirs.push(entry.path());
            } else {
                stamp_file(root, &entry.path(), &mut out)?;
            }
        }
        let parts = dirs
            .par_iter()
            .map(|d| {
                let mut part = Vec::new();
                stamp_dir(root, d, &mut part).map(|_| part)
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        out.extend(parts.into_iter().flatten());
    }
    out.sort_unstable();
    Ok(out)
}

/// (path relative to the data directory, size, modification time in nanoseconds) of every `.toml` under `dir`.
fn stamp_dir(root: &Path, dir: &Path, out: &mut Vec<(String, u64, u128)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            stamp_dir(root, &path, out)?;
        } else {
            stamp_file(root, &path, out)?;
        }
    }
    Ok(())
}

fn stamp_file(root: &Path, path: &Path, out: &mut Vec<(String, u64, u128)>) -> std::io::Result<()> {
    if path.extension().is_none_or(|e| e != "toml") {
        return Ok(());
    }
    // Follows a symbolic link, as reading the file does.
    let meta = std::fs::metadata(path)?;
    let modified = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let relative = path.strip_prefix(root).unwrap_or(path);
    out.push((relative.display().to_string(), meta.len(), modified));
    Ok(())
}

/// `latest` as `["2027", 5.1]`: the period in its own notation.
pub(super) mod latest {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::assess::PeriodValue;

    pub fn serialize<S: Serializer>(v: &Option<PeriodValue>, s: S) -> Result<S::Ok, S::Error> {
        v.map(|p| (p.period.to_string(), p.value)).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PeriodValue>, D::Error> {
        let raw: Option<(String, f64)> = Option::deserialize(d)?;
        raw.map(|(period, value)| {
            period
                .parse()
                .map(|period| PeriodValue { period, value })
                .map_err(serde::de::Error::custom)
        })
        .transpose()
    }
}
