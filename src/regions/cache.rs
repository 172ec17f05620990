//! A validated cache of the regions comparison, keyed by file stamps.
//!
//! Reading and checking every TOML file of thousands of regions is what takes the time (see the README's
//! figures); the result is small. So the last result for a data directory is kept, with a key made of the program
//! version, the directory, the period and year asked for, the current year (which picks the running plan), and a
//! fingerprint of every `.toml` file under `indicators/` and `history/` and of every directory followed on the way:
//! its path, device and inode, size, modification time and status-change time (ctime, which no `touch -r` can set
//! back), and for a directory its resolved real path (a symlinked region directory is stamped by its target).
//! When any file is added, removed or changed, the key differs and everything is read and checked again; invalid
//! data are never cached.
//!
//! The cache file itself is not trusted either: it carries a SHA-256 of its content, and what it holds is checked
//! (finite numbers within the loader's limit, no control characters in texts) before it is shown. On any doubt
//! (a walk that cannot be completed, a link loop, a checksum or a value that does not fit) everything is read
//! again. Nothing is skipped: a cached result is one that passed every check with these very files.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::Regions;

/// Directories with fewer plans read in well under a second: no cache for them.
pub const MIN_PLANS: usize = 100;

/// Bump when the cached shape changes.
const SCHEMA: u32 = 2;

pub use crate::load::units::cache_dir;

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

    /// The cached result, if it was made from exactly these files and the cache file is intact.
    pub fn read(&self) -> Option<Regions> {
        let bytes = std::fs::read(&self.file).ok()?;
        let mut parts = bytes.splitn(3, |b| *b == b'\n');
        let (key, sum, body) = (parts.next()?, parts.next()?, parts.next()?);
        if key != self.key.as_bytes() || sum != checksum_line(body).as_bytes() {
            return None;
        }
        if !plausible(body) {
            return None;
        }
        serde_json::from_slice(body).ok()
    }

    /// Keeps `regions` for next time, written atomically ([`crate::durable::replace`]), so a reader never sees
    /// half a cache. A cache that cannot be written is no error: it only means the next run reads everything again.
    pub fn write(&self, regions: &Regions) {
        let Some(dir) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let Ok(body) = serde_json::to_vec(regions) else {
            return;
        };
        let mut bytes = Vec::with_capacity(body.len() + self.key.len() + 80);
        bytes.extend_from_slice(self.key.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(checksum_line(&body).as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(&body);
        let _ = crate::durable::replace(&self.file, &bytes);
    }
}

/// The cache file's second line: the SHA-256 of what follows it.
fn checksum_line(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256 {hex}")
}

/// Whether cached content (JSON as planwatch writes it) could have come from data the loader accepts: every
/// number finite and within the loader's limit, no control character in any text (serde_json writes them as
/// escapes, so any escape but `\"` `\\` `\/` is doubt). One pass over the bytes, before anything is parsed.
fn plausible(json: &[u8]) -> bool {
    let limit = crate::load::VALUE_LIMIT * 1e3;
    let mut in_string = false;
    let mut i = 0;
    while i < json.len() {
        let b = json[i];
        if in_string {
            match b {
                b'"' => in_string = false,
                b'\\' => {
                    if !matches!(json.get(i + 1), Some(b'"' | b'\\' | b'/')) {
                        return false;
                    }
                    i += 1;
                }
                // DEL and the C1 controls (U+0080–U+009F, 0xC2 0x80–0x9F in UTF-8) are written as they are.
                0x7f => return false,
                0xc2 if json.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => return false,
                b if b < 0x20 => return false,
                _ => {}
            }
            i += 1;
        } else if b == b'"' {
            in_string = true;
            i += 1;
        } else if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i < json.len()
                && matches!(json[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
            {
                i += 1;
            }
            let number = std::str::from_utf8(&json[start..i])
                .ok()
                .and_then(|t| t.parse::<f64>().ok());
            if !number.is_some_and(|v| v.is_finite() && v.abs() <= limit) {
                return false;
            }
        } else {
            i += 1;
        }
    }
    !in_string
}

/// One file's or directory's stamp: path relative to the data directory, resolved real path (directories),
/// device, inode, size, modification and status-change times in nanoseconds.
type Stamp = (String, String, u64, u64, u64, i128, i128);

/// How deep the walk goes, as the loader's.
const MAX_DEPTH: usize = 32;

/// Stamps of every `.toml` under `indicators/` and `history/` and of every directory on the way, sorted; the
/// directories of `history/` are walked in parallel (thousands of regions have thousands of directories).
/// Directory links are followed, as the loader follows them, and stamped by their targets; a loop is an error
/// (no cache: the loader reports it).
fn stamps(root: &Path) -> std::io::Result<Vec<Stamp>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    stamp_dir(root, &root.join("indicators"), 0, &mut seen, &mut out)?;
    let history = root.join("history");
    if history.is_dir() {
        let meta = std::fs::metadata(&history)?;
        out.push(stamp(root, &history, &meta, true)?);
        let mut dirs = Vec::new();
        for entry in std::fs::read_dir(&history)? {
            let path = entry?.path();
            // Follows a symbolic link, as reading does.
            let meta = std::fs::metadata(&path)?;
            if meta.is_dir() {
                dirs.push(path);
            } else {
                stamp_file(root, &path, &meta, &mut out)?;
            }
        }
        let parts = dirs
            .par_iter()
            .map(|d| {
                let mut part = Vec::new();
                let mut seen = HashSet::new();
                stamp_dir(root, d, 1, &mut seen, &mut part).map(|_| part)
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        out.extend(parts.into_iter().flatten());
    }
    out.sort_unstable();
    Ok(out)
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64, i128) {
    use std::os::unix::fs::MetadataExt;
    let ctime = i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec());
    (meta.dev(), meta.ino(), ctime)
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> (u64, u64, i128) {
    (0, 0, 0)
}

fn stamp(root: &Path, path: &Path, meta: &std::fs::Metadata, dir: bool) -> std::io::Result<Stamp> {
    let modified = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128);
    let (dev, ino, ctime) = identity(meta);
    let relative = path.strip_prefix(root).unwrap_or(path);
    let real = if dir {
        path.canonicalize()?.display().to_string()
    } else {
        String::new()
    };
    Ok((
        relative.display().to_string(),
        real,
        dev,
        ino,
        meta.len(),
        modified,
        ctime,
    ))
}

/// Stamps of `dir` and of every `.toml` and directory under it.
fn stamp_dir(
    root: &Path,
    dir: &Path,
    depth: usize,
    seen: &mut HashSet<(u64, u64)>,
    out: &mut Vec<Stamp>,
) -> std::io::Result<()> {
    let meta = std::fs::metadata(dir)?;
    let (dev, ino, _) = identity(&meta);
    if depth > MAX_DEPTH || !seen.insert((dev, ino)) {
        return Err(std::io::Error::other("directory loop or repeat"));
    }
    out.push(stamp(root, dir, &meta, true)?);
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let meta = std::fs::metadata(&path)?;
        if meta.is_dir() {
            stamp_dir(root, &path, depth + 1, seen, out)?;
        } else {
            stamp_file(root, &path, &meta, out)?;
        }
    }
    Ok(())
}

fn stamp_file(
    root: &Path,
    path: &Path,
    meta: &std::fs::Metadata,
    out: &mut Vec<Stamp>,
) -> std::io::Result<()> {
    if path.extension().is_none_or(|e| e != "toml") {
        return Ok(());
    }
    out.push(stamp(root, path, meta, false)?);
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

/// Every region of the period of `plan` compared, for a directory of many plans ([`crate::load::units`]): each
/// plan's verdict is looked up, and each row is kept per plan under the fingerprint of that plan's files, so that
/// after one file is edited only that plan is read and assessed again. None: the directory is read the ordinary
/// way. `done` is called after each plan read afresh.
pub fn compare_units(
    dir: &Path,
    plan: Option<&str>,
    as_of: Option<i32>,
    done: &(dyn Fn() + Sync),
) -> Option<Result<Regions, crate::error::Error>> {
    use crate::error::Error;
    use crate::load::units::{CacheFile, check};
    let checked = check(dir)?;
    let problems = checked.all_problems();
    if !problems.is_empty() {
        return Some(Err(Error::Invalid(problems)));
    }
    let result = (|| {
        let reference = checked.choose(plan)?;
        let reference_plan = checked.dataset(reference)?.plan;
        if let Some(year) = as_of {
            super::check_year(&reference_plan, year)?;
        }
        let span = (reference_plan.start_year, reference_plan.end_year);
        let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let cache = cache_dir()
            .and_then(|c| CacheFile::new(&c, dir, "rows", &format!("{as_of:?}|{this_year}")));
        let cached: std::collections::HashMap<String, (String, super::RegionRow)> = cache
            .as_ref()
            .and_then(|c| c.read_checked::<Vec<(String, String, super::RegionRow)>>(plausible))
            .unwrap_or_default()
            .into_iter()
            .map(|(stem, fingerprint, row)| (stem, (fingerprint, row)))
            .collect();
        let rows: Vec<Result<(String, String, super::RegionRow, bool), Error>> = checked
            .units
            .par_iter()
            .enumerate()
            .filter(|(_, u)| u.id.is_some() && (u.start_year, u.end_year) == span)
            .map(|(i, u)| {
                if let Some((fingerprint, row)) = cached.get(&u.stem)
                    && *fingerprint == u.fingerprint
                {
                    return Ok((u.stem.clone(), u.fingerprint.clone(), row.clone(), false));
                }
                let row = super::region_row(&checked.dataset(i)?, as_of);
                done();
                Ok((u.stem.clone(), u.fingerprint.clone(), row, true))
            })
            .collect();
        let rows = rows.into_iter().collect::<Result<Vec<_>, Error>>()?;
        if let Some(cache) = &cache
            && (rows.len() != cached.len() || rows.iter().any(|r| r.3))
        {
            let keep: Vec<(&String, &String, &super::RegionRow)> =
                rows.iter().map(|(s, f, r, _)| (s, f, r)).collect();
            cache.write(&keep);
        }
        let mut rows: Vec<super::RegionRow> = rows.into_iter().map(|r| r.2).collect();
        let rollup = super::rollup_checks(&rows, as_of);
        super::sort_rows(&mut rows);
        Ok(Regions {
            as_of,
            reference: reference_plan.id,
            rows,
            rollup,
        })
    })();
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::plausible;

    #[test]
    fn doubtful_content_is_caught() {
        assert!(plausible(
            r#"{"a":[1.5,-2e3,null,"x\"y\\z/\/中文"],"b":{"c":0}}"#.as_bytes()
        ));
        assert!(!plausible(br#"{"a":-1e300}"#));
        assert!(!plausible(br#"{"name":"\u001b[31m"}"#));
        assert!(!plausible(br#"{"name":"a\nb"}"#));
        assert!(!plausible("{\"name\":\"\u{85}\"}".as_bytes()));
        assert!(!plausible(br#"{"name":"open"#));
    }
}
