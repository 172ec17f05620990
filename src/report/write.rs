//! Writing the output directory completely or not at all, and never over someone else's files.
//!
//! - Every file goes into a short-named temporary directory beside the target (`.pw-PID-N`), which is put in place
//!   only when all are written: by an atomic exchange with the old report (`renameat2(RENAME_EXCHANGE)` on Linux),
//!   so that at every moment the target holds either the old or the new complete report.
//! - A directory is replaced only if planwatch wrote it: it holds a marker file whose manifest lists every file
//!   in it with its size and SHA-256. A directory with any other file, or a file changed since, is never replaced,
//!   `--force` or not. The target is checked again at the final rename.
//! - One run at a time per target: a lock (flock) on a file in the parent; a second run fails with a clear message.
//! - Temporaries left by killed runs are removed by the next run.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::OutputFile;
use crate::durable::rename;
use crate::error::Error;

/// The file whose presence (with a manifest that matches) marks a directory as a report this tool wrote.
pub const MARKER: &str = ".planwatch-report";

const MANIFEST_HEADER: &str = "planwatch report manifest v1";

/// Prefix of every temporary name this module makes in the parent directory.
const TEMP_PREFIX: &str = ".pw-";

/// What is at the target path.
#[derive(Debug)]
enum Target {
    Absent,
    EmptyDir,
    /// A report planwatch wrote, unchanged since.
    Report,
}

/// Checks, before any work, that `out` may be written.
pub fn check_target(out: &Path, force: bool) -> Result<(), Error> {
    match classify(out)? {
        Target::Absent | Target::EmptyDir => Ok(()),
        Target::Report if force => Ok(()),
        Target::Report => Err(Error::OutputExists(out.to_path_buf())),
    }
}

fn classify(out: &Path) -> Result<Target, Error> {
    if out.as_os_str().is_empty() {
        return Err(Error::OutputEmpty);
    }
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            check_ancestors(out)?;
            return Ok(Target::Absent);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            check_ancestors(out)?;
            return Err(Error::Io {
                path: out.to_path_buf(),
                source: e,
            });
        }
        Err(source) => {
            return Err(Error::Io {
                path: out.to_path_buf(),
                source,
            });
        }
    };
    if !meta.is_dir() {
        return Err(Error::OutputNotDir(out.to_path_buf()));
    }
    let empty = fs::read_dir(out)
        .map_err(|source| Error::Io {
            path: out.to_path_buf(),
            source,
        })?
        .next()
        .is_none();
    if empty {
        return Ok(Target::EmptyDir);
    }
    match foreign_files(out) {
        Ok(()) => Ok(Target::Report),
        Err(reason) => Err(Error::OutputNotReport {
            path: out.to_path_buf(),
            reason,
        }),
    }
}

/// A target whose parent path runs through a file (`/etc/passwd/x`) cannot be created: say so plainly.
fn check_ancestors(out: &Path) -> Result<(), Error> {
    for ancestor in out.ancestors().skip(1) {
        if ancestor.as_os_str().is_empty() {
            break;
        }
        if let Ok(meta) = fs::metadata(ancestor) {
            if meta.is_dir() {
                return Ok(());
            }
            return Err(Error::OutputUnderFile(ancestor.to_path_buf()));
        }
    }
    Ok(())
}

/// Ok when every file under `dir` is one the marker's manifest lists, unchanged; else why not.
fn foreign_files(dir: &Path) -> Result<(), String> {
    let manifest = read_manifest(dir)?;
    let mut files = Vec::new();
    list_files(dir, Path::new(""), &mut files).map_err(|e| format!("无法读取其中的文件：{e}"))?;
    let mut strangers = Vec::new();
    for relative in files {
        let key = relative.to_string_lossy().replace('\\', "/");
        if key == MARKER {
            continue;
        }
        let matches = manifest.get(&key).is_some_and(|(size, hash)| {
            fs::metadata(dir.join(&relative)).is_ok_and(|m| m.len() == *size)
                && hash_file(&dir.join(&relative)).as_deref() == Some(hash.as_str())
        });
        if !matches {
            strangers.push(key);
        }
    }
    if strangers.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = strangers.iter().take(3).map(String::as_str).collect();
    Err(format!(
        "其中有 {} 个文件不是 planwatch 写的或已被修改，如 {}",
        strangers.len(),
        shown.join("、")
    ))
}

fn read_manifest(dir: &Path) -> Result<HashMap<String, (u64, String)>, String> {
    let path = dir.join(MARKER);
    let missing = || format!("其中没有 planwatch 的标记文件 {MARKER}");
    let meta = fs::symlink_metadata(&path).map_err(|_| missing())?;
    if !meta.is_file() || meta.len() > 1 << 20 {
        return Err(missing());
    }
    let text = fs::read_to_string(&path).map_err(|_| missing())?;
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return Err(format!("标记文件 {MARKER} 不是 planwatch 写的"));
    }
    let mut manifest = HashMap::new();
    for line in lines {
        let mut parts = line.splitn(3, ' ');
        let (Some(hash), Some(size), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("标记文件 {MARKER} 已损坏"));
        };
        let size = size
            .parse::<u64>()
            .map_err(|_| format!("标记文件 {MARKER} 已损坏"))?;
        manifest.insert(name.to_string(), (size, hash.to_string()));
    }
    Ok(manifest)
}

/// Every non-directory entry under `dir`, relative to it; symlinks are listed, never followed.
fn list_files(dir: &Path, relative: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir.join(relative))? {
        let entry = entry?;
        let path = relative.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list_files(dir, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn hash_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_file(path: &Path) -> Option<String> {
    let mut file = fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buffer).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Some(
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

fn manifest(files: &[OutputFile]) -> String {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for file in files {
        text.push_str(&format!(
            "{} {} {}\n",
            hash_bytes(&file.bytes),
            file.bytes.len(),
            file.path
        ));
    }
    text
}

/// Writes `files` under `out` atomically. On any failure nothing changes at `out` and the temporary directory is
/// removed.
pub fn write_atomic(out: &Path, files: &[OutputFile], force: bool) -> Result<(), Error> {
    check_target(out, force)?;
    let parent = parent_of(out);
    fs::create_dir_all(&parent).map_err(|source| Error::Write {
        path: parent.clone(),
        source,
    })?;
    let name = out
        .file_name()
        .map_or_else(|| "report".to_string(), |n| n.to_string_lossy().to_string());
    let _lock = lock::Lock::take(&parent, &name, out)?;
    clean_stale(&parent, out, &name);
    // Again, now that no other run can write here and a report a killed run moved aside is back.
    check_target(out, force)?;
    let staging = unique(&parent);
    let result = stage(&staging, files).and_then(|()| swap_in(&staging, out, force));
    if result.is_err() && fs::symlink_metadata(&staging).is_ok() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A short path in `dir` that does not exist yet, whatever the length of the target's name.
fn unique(dir: &Path) -> PathBuf {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let candidate = dir.join(format!("{TEMP_PREFIX}{pid}-{n}"));
        if fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
        n += 1;
    }
}

fn stage(staging: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    fs::create_dir(staging).map_err(io(staging))?;
    for file in files {
        let relative = Path::new(&file.path);
        if relative.is_absolute()
            || file.path == MARKER
            || relative
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(Error::Usage(format!("输出文件名无效：{}", file.path)));
        }
        let path = staging.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, &file.bytes).map_err(io(&path))?;
    }
    // The marker last: a temporary directory without one was never complete.
    let marker = staging.join(MARKER);
    fs::write(&marker, manifest(files)).map_err(io(&marker))
}

/// Puts the staged directory at `out`, checking the target again first. An existing report is exchanged with
/// the new one in one step and removed afterwards.
fn swap_in(staging: &Path, out: &Path, force: bool) -> Result<(), Error> {
    let write_err = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    match classify(out)? {
        Target::Absent => match rename::no_replace(staging, out) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(Error::OutputAppeared(out.to_path_buf()))
            }
            Err(e) => Err(write_err(out, e)),
        },
        Target::Report if !force => Err(Error::OutputAppeared(out.to_path_buf())),
        Target::EmptyDir | Target::Report => {
            // After the exchange `staging` holds what was at `out`.
            rename::exchange(staging, out).map_err(|e| write_err(out, e))?;
            fs::remove_dir_all(staging).map_err(|e| write_err(staging, e))
        }
    }
}

/// Removes what killed runs left in `parent`: temporary directories of processes that no longer run (and the
/// names older versions used). A report moved aside by a run killed mid-swap is put back first.
fn clean_stale(parent: &Path, out: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let legacy_tmp = format!(".{name}.tmp-");
    let legacy_old = format!(".{name}.old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let (pid, moved_aside) = if let Some(rest) = file_name.strip_prefix(TEMP_PREFIX) {
            let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
            (pid, rest.ends_with(".old"))
        } else if let Some(rest) = file_name.strip_prefix(&legacy_tmp) {
            (
                rest.split('-').next().and_then(|p| p.parse::<u32>().ok()),
                false,
            )
        } else if let Some(rest) = file_name.strip_prefix(&legacy_old) {
            (
                rest.split('-').next().and_then(|p| p.parse::<u32>().ok()),
                true,
            )
        } else {
            continue;
        };
        let Some(pid) = pid else { continue };
        if file_name.ends_with(".lock") || pid == std::process::id() || rename::alive(pid) {
            continue;
        }
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if moved_aside && fs::symlink_metadata(out).is_err() {
            let _ = fs::rename(&path, out);
            continue;
        }
        let _ = fs::remove_dir_all(&path);
    }
}

mod lock {
    use std::path::Path;

    use crate::durable::lock::FileLock;
    use crate::error::Error;

    /// Held while one run writes one target: a [`FileLock`] on a file in the parent, named after the target.
    pub struct Lock {
        _lock: FileLock,
    }

    impl Lock {
        pub fn take(parent: &Path, name: &str, out: &Path) -> Result<Lock, Error> {
            let digest = super::hash_bytes(name.as_bytes());
            let path = parent.join(format!("{}{}.lock", super::TEMP_PREFIX, &digest[..16]));
            match FileLock::try_take(&path) {
                Ok(Some(lock)) => Ok(Lock { _lock: lock }),
                Ok(None) => Err(Error::OutputBusy(out.to_path_buf())),
                Err(source) => Err(Error::Write { path, source }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<OutputFile> {
        vec![
            OutputFile {
                path: "report.md".into(),
                bytes: text.as_bytes().to_vec(),
            },
            OutputFile {
                path: "charts/a.svg".into(),
                bytes: b"<svg/>".to_vec(),
            },
        ]
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with('.'))
            .collect()
    }

    #[test]
    fn writes_then_refuses_then_forces() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("r");
        write_atomic(&out, &files("one"), false).unwrap();
        assert_eq!(fs::read_to_string(out.join("report.md")).unwrap(), "one");
        assert!(out.join("charts/a.svg").is_file());
        let err = write_atomic(&out, &files("two"), false).unwrap_err();
        assert!(matches!(err, Error::OutputExists(_)), "{err}");
        assert_eq!(fs::read_to_string(out.join("report.md")).unwrap(), "one");
        write_atomic(&out, &files("two"), true).unwrap();
        assert_eq!(fs::read_to_string(out.join("report.md")).unwrap(), "two");
        assert!(
            leftovers(tmp.path()).is_empty(),
            "{:?}",
            leftovers(tmp.path())
        );
    }

    #[test]
    fn a_directory_that_is_not_a_report_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("thesis.docx"), "mine").unwrap();
        let err = write_atomic(tmp.path(), &files("x"), true).unwrap_err();
        assert!(err.to_string().contains("不会覆盖"), "{err}");
        assert!(tmp.path().join("thesis.docx").is_file());
    }

    #[test]
    fn a_file_named_report_md_does_not_make_a_report() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("mydocs");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("report.md"), "x").unwrap();
        fs::write(out.join("thesis.docx"), "p").unwrap();
        let err = write_atomic(&out, &files("x"), true).unwrap_err();
        assert!(err.to_string().contains("不会覆盖"), "{err}");
        assert_eq!(fs::read_to_string(out.join("thesis.docx")).unwrap(), "p");
    }

    #[test]
    fn a_report_with_an_added_or_edited_file_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("r");
        write_atomic(&out, &files("one"), false).unwrap();
        fs::write(out.join("charts/notes.txt"), "mine").unwrap();
        let err = write_atomic(&out, &files("two"), true).unwrap_err();
        assert!(err.to_string().contains("charts/notes.txt"), "{err}");
        fs::remove_file(out.join("charts/notes.txt")).unwrap();
        fs::write(out.join("report.md"), "edited by hand").unwrap();
        let err = write_atomic(&out, &files("two"), true).unwrap_err();
        assert!(err.to_string().contains("report.md"), "{err}");
        assert_eq!(
            fs::read_to_string(out.join("report.md")).unwrap(),
            "edited by hand"
        );
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("r");
        let bad = vec![
            OutputFile {
                path: "report.md".into(),
                bytes: b"x".to_vec(),
            },
            OutputFile {
                path: "../escape.txt".into(),
                bytes: b"x".to_vec(),
            },
        ];
        assert!(write_atomic(&out, &bad, false).is_err());
        assert!(!out.exists());
        assert!(!tmp.path().join("escape.txt").exists());
        assert!(leftovers(tmp.path()).is_empty());
    }

    #[test]
    fn an_empty_directory_may_be_used() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("empty");
        fs::create_dir(&out).unwrap();
        write_atomic(&out, &files("x"), false).unwrap();
        assert!(out.join("report.md").is_file());
    }

    #[test]
    fn a_long_name_is_fine_and_temporaries_of_dead_runs_are_cleaned() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("报".repeat(80)); // 240 bytes, a legal name
        // Left by killed runs: a process id that cannot be running.
        let dead = u32::MAX / 2;
        fs::create_dir(tmp.path().join(format!(".pw-{dead}-0"))).unwrap();
        write_atomic(&out, &files("x"), false).unwrap();
        assert!(out.join("report.md").is_file());
        // Names older versions used; a report moved aside by a run killed mid-swap is put back.
        fs::create_dir(tmp.path().join(format!(".r.tmp-{dead}-0"))).unwrap();
        let aside = tmp.path().join(format!(".r.old-{dead}-0"));
        write_atomic(&aside, &files("old"), false).unwrap();
        let err = write_atomic(&tmp.path().join("r"), &files("new"), false).unwrap_err();
        assert!(matches!(err, Error::OutputExists(_)), "{err}");
        assert_eq!(
            fs::read_to_string(tmp.path().join("r/report.md")).unwrap(),
            "old"
        );
        assert!(
            leftovers(tmp.path()).is_empty(),
            "{:?}",
            leftovers(tmp.path())
        );
    }

    #[test]
    fn a_second_run_on_the_same_target_waits_its_turn() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("r");
        let held = lock::Lock::take(tmp.path(), "r", &out).unwrap();
        let err = write_atomic(&out, &files("x"), false).unwrap_err();
        assert!(matches!(err, Error::OutputBusy(_)), "{err}");
        assert!(!out.exists());
        drop(held);
        write_atomic(&out, &files("x"), false).unwrap();
        assert!(leftovers(tmp.path()).is_empty());
    }

    #[test]
    fn a_path_through_a_file_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("f"), "x").unwrap();
        let err = write_atomic(&tmp.path().join("f/x"), &files("x"), false).unwrap_err();
        assert!(err.to_string().contains("是文件而不是目录"), "{err}");
    }
}
