//! Writing several history files as one change: after a crash (kill -9, power loss) at any moment, every file
//! is either as it was or fully updated, never torn, and never some files old and others new once the data
//! directory is read again.
//!
//! 1. each new text goes to `<file>.planwatch-tmp` beside its file, with the file's permissions, flushed to disk;
//! 2. the list of files is written to `.planwatch-journal` in the data directory (written aside and renamed:
//!    this rename is the moment of commit);
//! 3. each temporary file is renamed over its file;
//! 4. the journal is removed.
//!
//! [`recover`] runs before the data directory is read: with a journal, it finishes step 3 (roll forward);
//! without one, it removes temporary files left by a write that never reached its commit (roll back).
//!
//! A journal is never trusted: every entry must be a `history/….toml` name inside the data directory, without
//! `..`, absolute paths or symbolically linked directories on the way, checked before any rename. A journal that
//! cannot be read (not text, a directory, a name outside the data) is moved aside with a Chinese message saying
//! what was done, and the command goes on: it never blocks every command.
//!
//! Writers hold the data directory's [`DataLock`] for the whole change, from before they read; a reader recovers
//! only when it can take that lock (a writer that was killed holds none: the system releases it), so it never
//! undoes a write still under way.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::file::write_new;
use super::lock::{DataLock, Holder, open_lock_file, wait_limit};

impl DataLock {
    /// Takes the lock of the data directory `root`, waiting up to [`wait_limit`]; `waiting` is told once, with the
    /// holder, when the lock is not free at once. A write a crash interrupted is completed (or undone) before the
    /// lock is handed over, so that the caller reads the data as they are.
    pub fn acquire(root: &Path, waiting: impl FnOnce(&Holder)) -> Result<DataLock, Error> {
        Self::acquire_within(root, wait_limit(), waiting)
    }

    /// [`DataLock::acquire`], waiting at most `limit`.
    pub fn acquire_within(
        root: &Path,
        limit: std::time::Duration,
        waiting: impl FnOnce(&Holder),
    ) -> Result<DataLock, Error> {
        let lock = Self::acquire_unrecovered(root, limit, waiting)?;
        recover_locked(root)?;
        Ok(lock)
    }
}
use super::{kind_zh, sync_dir, write_err};
use crate::error::Error;

/// The journal's name in the data directory.
pub const JOURNAL: &str = ".planwatch-journal";
const TMP_SUFFIX: &str = ".planwatch-tmp";

/// A journal is a list of names: anything larger is not one of ours.
const MAX_JOURNAL_BYTES: u64 = 1 << 20;

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

fn tmp_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(TMP_SUFFIX);
    PathBuf::from(name)
}

/// Checks a journal entry (or a name about to be written): a `history/….toml` path relative to the data
/// directory, with no `..`, no root, and no symbolically linked or non-directory component on the way. Returns
/// the full path, or why not.
pub fn checked_entry(root: &Path, relative: &str) -> Result<PathBuf, String> {
    if relative.trim().is_empty() {
        return Err("是空名".into());
    }
    if relative.chars().any(char::is_control) {
        return Err("含有控制字符".into());
    }
    let path = Path::new(relative);
    if path.is_absolute() {
        return Err("是绝对路径，不在数据目录中".into());
    }
    let parts: Vec<&std::ffi::OsStr> = path
        .components()
        .map(|c| match c {
            Component::Normal(part) => Ok(part),
            _ => Err("含有 .. 或 . 等路径成分，可能指向数据目录之外".to_string()),
        })
        .collect::<Result<_, _>>()?;
    if parts.first().is_none_or(|p| *p != "history")
        || parts.len() < 2
        || path.extension().is_none_or(|e| e != "toml")
    {
        return Err("不是 history/ 下的 .toml 数据文件".into());
    }
    let mut at = root.to_path_buf();
    for part in &parts[..parts.len() - 1] {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(format!(
                    "经过符号链接目录 {}：planwatch 不经符号链接目录写入数据",
                    display(root, &at)
                ));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(format!("{} 不是目录", display(root, &at)));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
            Err(e) => return Err(format!("无法读取 {}：{e}", display(root, &at))),
        }
    }
    Ok(root.join(path))
}

fn display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// What the new text of `target` takes its permissions and owner from: the file it replaces (None: a new
/// file). A read-only file, or anything but a regular file, is refused.
fn target_meta(target: &Path, relative: &str) -> Result<Option<fs::Metadata>, Error> {
    let Ok(own) = fs::symlink_metadata(target) else {
        return Ok(None);
    };
    let meta = if own.file_type().is_symlink() {
        match fs::metadata(target) {
            Ok(meta) => meta,
            Err(_) => return Ok(None),
        }
    } else {
        own
    };
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "{relative} 是{}，不是普通文件：未写入任何数据",
            kind_zh(&meta)
        )));
    }
    if meta.permissions().readonly() {
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            meta.permissions().mode() & 0o7777
        };
        #[cfg(not(unix))]
        let mode = 0o444;
        return Err(Error::Usage(format!(
            "{relative} 是只读文件（权限 {mode:o}）：未写入任何数据。如确需修改，先给它加上写权限（chmod u+w {relative}）"
        )));
    }
    Ok(Some(meta))
}

/// Writes every `(path relative to the data directory, text)` as one change, under the data directory's lock.
pub fn commit(lock: &DataLock, writes: &[(String, String)]) -> Result<(), Error> {
    if writes.is_empty() {
        return Ok(());
    }
    let root = lock.root();
    // Every name and every target checked before anything is written.
    let mut targets = Vec::new();
    for (relative, _) in writes {
        let target = checked_entry(root, relative)
            .map_err(|why| Error::Usage(format!("无法写入 {relative}：它{why}")))?;
        let like = target_meta(&target, relative)?;
        targets.push((target, like));
    }
    let mut dirs = Vec::new();
    for ((_, text), (target, like)) in writes.iter().zip(&targets) {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(write_err(parent))?;
            if !dirs.contains(&parent.to_path_buf()) {
                dirs.push(parent.to_path_buf());
            }
        }
        write_new(&tmp_path(target), text.as_bytes(), like.as_ref())?;
    }
    for dir in &dirs {
        sync_dir(dir);
    }
    let entries: Vec<String> = writes.iter().map(|(r, _)| r.clone()).collect();
    let list: String = entries.iter().map(|r| format!("{r}\n")).collect();
    let journal = root.join(JOURNAL);
    let aside = tmp_path(&journal);
    write_new(&aside, list.as_bytes(), None)?;
    fs::rename(&aside, &journal).map_err(write_err(&journal))?;
    sync_dir(root);
    roll_forward(root, &entries)?;
    remove_if_there(&journal)?;
    sync_dir(root);
    Ok(())
}

fn roll_forward(root: &Path, entries: &[String]) -> Result<(), Error> {
    let mut dirs = Vec::new();
    for relative in entries {
        // Again right before the rename: nothing may have been swapped for a link since the check.
        let Ok(target) = checked_entry(root, relative) else {
            continue;
        };
        let tmp = tmp_path(&target);
        if fs::symlink_metadata(&tmp).is_ok_and(|m| m.is_file()) {
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
    let there = |p: &Path| fs::symlink_metadata(p).is_ok();
    let pending = there(&root.join(JOURNAL))
        || there(&tmp_path(&root.join(JOURNAL)))
        || (history.is_dir() && has_leftovers(&history));
    if !pending {
        return Ok(());
    }
    // A directory the user may not write to cannot hold an interrupted write of ours either.
    let Ok(lock) = open_lock_file(root) else {
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

/// The entries of the journal, None when there is none, or why it cannot be used.
fn read_journal(root: &Path) -> Option<Result<Vec<String>, String>> {
    let path = root.join(JOURNAL);
    let meta = fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() {
        return Some(Err(format!("是{}而不是文件", kind_zh(&meta))));
    }
    let mut bytes = Vec::new();
    let read =
        fs::File::open(&path).and_then(|f| f.take(MAX_JOURNAL_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Some(Err(format!("无法读取（{e}）")));
    }
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Some(Err("过大，不是 planwatch 写的".into()));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Some(Err("不是文本（已损坏，或不是 planwatch 写的）".into()));
    };
    let mut entries = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Err(why) = checked_entry(root, line) {
            let shown: String = line.chars().take(80).collect();
            return Some(Err(format!("中的“{shown}”{why}")));
        }
        entries.push(line.to_string());
    }
    Some(Ok(entries))
}

/// Moves what is at `path` aside to `<path>.broken-<time>`; the new name, or why it could not be moved.
fn set_aside(path: &Path) -> Result<PathBuf, std::io::Error> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut n = 0;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".broken-{stamp}"));
        if n > 0 {
            name.push(format!("-{n}"));
        }
        let aside = PathBuf::from(name);
        if fs::symlink_metadata(&aside).is_err() {
            fs::rename(path, &aside)?;
            return Ok(aside);
        }
        n += 1;
    }
}

/// Recovery once the lock is held (by [`recover`], or by a writer taking it).
pub(crate) fn recover_locked(root: &Path) -> Result<(), Error> {
    let journal = root.join(JOURNAL);
    let mut broken = None;
    match read_journal(root) {
        None => {}
        Some(Ok(entries)) => {
            roll_forward(root, &entries)?;
            remove_if_there(&journal)?;
            sync_dir(root);
        }
        Some(Err(why)) => broken = Some(why),
    }
    let aside_tmp = tmp_path(&journal);
    if fs::symlink_metadata(&aside_tmp).is_ok_and(|m| m.is_dir()) {
        let _ = set_aside(&aside_tmp);
    } else {
        remove_if_there(&aside_tmp)?;
    }
    let history = root.join("history");
    let mut undone = Vec::new();
    if history.is_dir() {
        remove_leftovers(root, &history, &mut undone)?;
    }
    if let Some(why) = broken {
        let moved = match set_aside(&journal) {
            Ok(aside) => format!("已把它移到 {}", display(root, &aside)),
            Err(e) => format!("也无法把它移开（{e}），请手工删除它"),
        };
        let rolled_back = if undone.is_empty() {
            "没有未完成的临时文件".to_string()
        } else {
            format!(
                "删除了上次未完成写入的 {} 个临时文件（{}），这些文件保持写入前的内容",
                undone.len(),
                undone.join("、")
            )
        };
        eprintln!(
            "注意：数据目录中的写入日志 {JOURNAL} {why}，无法据此完成上次中断的写入：{moved}；{rolled_back}。\
             其余数据照常读取；如上次录入或导入被中断，请用 planwatch validate 检查后重新录入。"
        );
    }
    Ok(())
}

fn remove_leftovers(root: &Path, dir: &Path, undone: &mut Vec<String>) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_leftovers(root, &path, undone)?;
        } else if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(TMP_SUFFIX))
        {
            remove_if_there(&path)?;
            undone.push(display(root, &path));
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
        let lock = DataLock::acquire(root, |_| {}).unwrap();
        commit(
            &lock,
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
        let writer = open_lock_file(root).unwrap();
        writer.lock().unwrap();
        recover(root).unwrap();
        assert!(root.join("history/x.toml.planwatch-tmp").exists());
        drop(writer);
        recover(root).unwrap();
        assert!(!root.join("history/x.toml.planwatch-tmp").exists());
    }

    #[test]
    fn a_journal_naming_files_outside_the_data_moves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("data");
        fs::create_dir_all(root.join("history")).unwrap();
        fs::create_dir_all(tmp.path().join("elsewhere")).unwrap();
        fs::write(tmp.path().join("elsewhere/victim.planwatch-tmp"), "attack").unwrap();
        fs::write(tmp.path().join("elsewhere/victim"), "precious").unwrap();
        for bad in [
            "../elsewhere/victim",
            "history/../../elsewhere/victim",
            "/etc/passwd",
        ] {
            fs::write(root.join(JOURNAL), format!("{bad}\n")).unwrap();
            recover(&root).unwrap();
            assert_eq!(
                fs::read_to_string(tmp.path().join("elsewhere/victim")).unwrap(),
                "precious"
            );
            assert!(!root.join(JOURNAL).exists(), "{bad}: set aside");
        }
        assert!(tmp.path().join("elsewhere/victim.planwatch-tmp").exists());
        // A symlinked directory on the way is refused as well.
        std::os::unix::fs::symlink(tmp.path().join("elsewhere"), root.join("history/link"))
            .unwrap();
        assert!(checked_entry(&root, "history/link/victim.toml").is_err());
        assert!(checked_entry(&root, "history/a/b.toml").is_ok());
    }

    #[test]
    fn an_unreadable_journal_is_set_aside_and_blocks_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("history")).unwrap();
        fs::write(root.join("history/x.toml"), "old").unwrap();
        fs::write(root.join("history/x.toml.planwatch-tmp"), "half").unwrap();
        fs::write(root.join(JOURNAL), [0xff, 0xfe, 0x00, 0x9c]).unwrap();
        recover(root).unwrap();
        assert!(!root.join(JOURNAL).exists());
        assert!(!root.join("history/x.toml.planwatch-tmp").exists());
        assert_eq!(
            fs::read_to_string(root.join("history/x.toml")).unwrap(),
            "old"
        );
        fs::create_dir(root.join(JOURNAL)).unwrap();
        recover(root).unwrap();
        assert!(!root.join(JOURNAL).exists());
        let aside = fs::read_dir(root)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".planwatch-journal.broken-")
            })
            .count();
        assert_eq!(aside, 2);
    }
}
