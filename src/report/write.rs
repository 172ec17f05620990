//! Writing the output directory completely or not at all: every file goes into a temporary directory beside the
//! target, which is renamed into place only when all are written. An existing report is replaced only when asked
//! to (`force`), and a directory that does not look like a report is never replaced.

use std::fs;
use std::path::{Path, PathBuf};

use super::OutputFile;
use crate::error::Error;

/// The file whose presence marks a directory as a report this tool wrote.
const MARKER: &str = "report.md";

/// Checks, before any work, that `out` may be written.
pub fn check_target(out: &Path, force: bool) -> Result<(), Error> {
    if out.as_os_str().is_empty() {
        return Err(Error::OutputEmpty);
    }
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
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
        return Ok(());
    }
    if !out.join(MARKER).is_file() {
        return Err(Error::OutputNotReport(out.to_path_buf()));
    }
    if !force {
        return Err(Error::OutputExists(out.to_path_buf()));
    }
    Ok(())
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
    let staging = unique(&parent, &format!(".{name}.tmp"));
    let result = stage(&staging, files).and_then(|()| swap_in(&staging, out, &parent, &name));
    if result.is_err() {
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

/// A path in `dir` starting with `prefix` that does not exist yet.
fn unique(dir: &Path, prefix: &str) -> PathBuf {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let candidate = dir.join(format!("{prefix}-{pid}-{n}"));
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
    Ok(())
}

/// Puts the staged directory at `out`; an existing report is moved aside first and removed only after the new one
/// is in place, so that a failure leaves the old report as it was.
fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    if fs::symlink_metadata(out).is_err() {
        return fs::rename(staging, out).map_err(write_err(out));
    }
    let old = unique(parent, &format!(".{name}.old"));
    fs::rename(out, &old).map_err(write_err(out))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(Error::Write {
            path: out.to_path_buf(),
            source: e,
        });
    }
    fs::remove_dir_all(&old).map_err(write_err(&old))
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
}
