//! Writing several history files as one change: after a crash (kill -9, power loss) at any moment, every file
//! is either as it was or fully updated, never torn, and never some files old and others new once the data
//! directory is read again.
//!
//! 1. each new text goes to `<file>.planwatch-tmp` beside its file, flushed to disk;
//! 2. the list of files is written to `.planwatch-journal` in the data directory (written aside and renamed:
//!    this rename is the moment of commit);
//! 3. each temporary file is renamed over its file;
//! 4. the journal is removed.
//!
//! [`recover`] runs before the data directory is read: with a journal, it finishes step 3 (roll forward);
//! without one, it removes temporary files left by a write that never reached its commit (roll back).
//!
//! Writers hold an exclusive lock on `.planwatch-lock` for the whole write, so two writes never mix; a reader
//! recovers only when it can take that lock (a writer that was killed holds none: the system releases it),
//! so it never undoes a write still under way.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

const JOURNAL: &str = ".planwatch-journal";
const TMP_SUFFIX: &str = ".planwatch-tmp";
const LOCK: &str = ".planwatch-lock";

fn lock_file(root: &Path) -> std::io::Result<File> {
    fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(LOCK))
}

/// Renames, where another process doing the same recovery may have been first.
fn rename_if_there(from: &Path, to: &Path) -> Result<(), Error> {
    match fs::rename(from, to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other.map_err(write_err(to)),
    }
}

fn remove_if_there(path: &Path) -> Result<(), Error> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other.map_err(write_err(path)),
    }
}

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn tmp_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(TMP_SUFFIX);
    PathBuf::from(name)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = File::create(path).map_err(write_err(path))?;
    file.write_all(bytes).map_err(write_err(path))?;
    file.sync_all().map_err(write_err(path))
}

/// Flushes a directory's entries (the renames in it) to disk; where a platform cannot, the rename stands.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes every `(path relative to root, text)` as one change.
pub fn commit(root: &Path, writes: &[(String, String)]) -> Result<(), Error> {
    if writes.is_empty() {
        return Ok(());
    }
    let lock = lock_file(root).map_err(write_err(&root.join(LOCK)))?;
    lock.lock().map_err(write_err(&root.join(LOCK)))?;
    recover_locked(root)?;
    let mut dirs = Vec::new();
    for (relative, text) in writes {
        let target = root.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(write_err(parent))?;
            if !dirs.contains(&parent.to_path_buf()) {
                dirs.push(parent.to_path_buf());
            }
        }
        write_synced(&tmp_path(&target), text.as_bytes())?;
    }
    for dir in &dirs {
        sync_dir(dir);
    }
    let list: String = writes.iter().map(|(r, _)| format!("{r}\n")).collect();
    let journal = root.join(JOURNAL);
    let aside = tmp_path(&journal);
    write_synced(&aside, list.as_bytes())?;
    fs::rename(&aside, &journal).map_err(write_err(&journal))?;
    sync_dir(root);
    roll_forward(root, &list)?;
    remove_if_there(&journal)?;
    sync_dir(root);
    drop(lock);
    Ok(())
}

fn roll_forward(root: &Path, list: &str) -> Result<(), Error> {
    let mut dirs = Vec::new();
    for relative in list.lines().filter(|l| !l.trim().is_empty()) {
        let target = root.join(relative);
        let tmp = tmp_path(&target);
        if tmp.exists() {
            rename_if_there(&tmp, &target)?;
            if let Some(parent) = target.parent() {
                dirs.push(parent.to_path_buf());
            }
        }
    }
    dirs.dedup();
    for dir in &dirs {
        sync_dir(dir);
    }
    Ok(())
}

/// Completes or undoes a write interrupted by a crash (see the module notes). Nothing to do: no change.
pub fn recover(root: &Path) -> Result<(), Error> {
    let history = root.join("history");
    let pending = root.join(JOURNAL).exists()
        || tmp_path(&root.join(JOURNAL)).exists()
        || (history.is_dir() && has_leftovers(&history));
    if !pending {
        return Ok(());
    }
    // A directory the user may not write to cannot hold an interrupted write of ours either.
    let Ok(lock) = lock_file(root) else {
        return Ok(());
    };
    match lock.try_lock() {
        Ok(()) => recover_locked(root),
        // A writer is at work: what looks interrupted is under way.
        Err(_) => Ok(()),
    }
}

fn has_leftovers(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        // Directory symlinks are not followed: `ln -s . history/a` would make the walk endless.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            has_leftovers(&path)
        } else {
            path.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(TMP_SUFFIX))
        }
    })
}

fn recover_locked(root: &Path) -> Result<(), Error> {
    let journal = root.join(JOURNAL);
    if journal.exists() {
        let list = fs::read_to_string(&journal).map_err(|source| Error::Io {
            path: journal.clone(),
            source,
        })?;
        roll_forward(root, &list)?;
        remove_if_there(&journal)?;
        sync_dir(root);
    }
    remove_if_there(&tmp_path(&journal))?;
    let history = root.join("history");
    if history.is_dir() {
        remove_leftovers(&history)?;
    }
    Ok(())
}

fn remove_leftovers(dir: &Path) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_leftovers(&path)?;
        } else if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(TMP_SUFFIX))
        {
            remove_if_there(&path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits_every_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("history/a")).unwrap();
        fs::write(root.join("history/a/x.toml"), "old").unwrap();
        commit(
            root,
            &[
                ("history/a/x.toml".into(), "new x".into()),
                ("history/b/y.toml".into(), "new y".into()),
            ],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(root.join("history/a/x.toml")).unwrap(),
            "new x"
        );
        assert_eq!(
            fs::read_to_string(root.join("history/b/y.toml")).unwrap(),
            "new y"
        );
        assert!(!root.join(JOURNAL).exists());
        assert!(!root.join("history/a/x.toml.planwatch-tmp").exists());
    }

    #[test]
    fn a_committed_journal_rolls_forward_and_an_uncommitted_write_rolls_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("history")).unwrap();
        fs::write(root.join("history/x.toml"), "old x").unwrap();
        fs::write(root.join("history/y.toml"), "old y").unwrap();
        // Crash after the commit point, with x already renamed and y not yet.
        fs::write(root.join("history/x.toml"), "new x").unwrap();
        fs::write(root.join("history/y.toml.planwatch-tmp"), "new y").unwrap();
        fs::write(root.join(JOURNAL), "history/x.toml\nhistory/y.toml\n").unwrap();
        recover(root).unwrap();
        assert_eq!(
            fs::read_to_string(root.join("history/y.toml")).unwrap(),
            "new y"
        );
        assert!(!root.join(JOURNAL).exists());
        // Crash before the commit point: the temporary file is dropped, the file stays old.
        fs::write(root.join("history/x.toml.planwatch-tmp"), "newer x").unwrap();
        recover(root).unwrap();
        assert_eq!(
            fs::read_to_string(root.join("history/x.toml")).unwrap(),
            "new x"
        );
        assert!(!root.join("history/x.toml.planwatch-tmp").exists());
    }

    #[test]
    fn a_reader_leaves_a_write_under_way_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("history")).unwrap();
        fs::write(root.join("history/x.toml.planwatch-tmp"), "being written").unwrap();
        let writer = lock_file(root).unwrap();
        writer.lock().unwrap();
        recover(root).unwrap();
        assert!(root.join("history/x.toml.planwatch-tmp").exists());
        drop(writer);
        recover(root).unwrap();
        assert!(!root.join("history/x.toml.planwatch-tmp").exists());
    }
}
