//! One writer at a time per data directory: an exclusive lock (`flock`, through std's `File::try_lock`) on
//! `.planwatch-lock` in the data directory.
//!
//! A writer takes the lock **before** it reads what it changes and keeps it until the change is on disk, so two
//! writers never compute their new texts from the same old one (the lost update). The lock file records who holds
//! it (process id, command line, since when); a writer that cannot get the lock within a few seconds says so,
//! naming the holder, and gives up with exit status 2, never waiting silently. The kernel releases the lock of a
//! process that dies, so a killed writer never blocks the next one.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;

/// The lock file's name in the data directory.
pub const LOCK: &str = ".planwatch-lock";

/// Environment variable: how many seconds a writer waits for the lock (default [`DEFAULT_WAIT_SECS`]).
pub const WAIT_ENV: &str = "PLANWATCH_LOCK_WAIT_SECS";

/// How long a writer waits for another to finish, by default.
pub const DEFAULT_WAIT_SECS: f64 = 5.0;

/// How often a waiting writer tries again.
const POLL: Duration = Duration::from_millis(25);

/// The lock of a data directory, held until dropped.
#[derive(Debug)]
pub struct DataLock {
    root: PathBuf,
    file: File,
}

/// Who holds a lock, as its holder wrote it into the lock file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Holder {
    pub pid: Option<u32>,
    pub command: String,
    pub since: String,
}

impl Holder {
    fn this_process() -> String {
        let command: Vec<String> = std::env::args().collect();
        // One line per field: a command line with a newline in it is kept on one line.
        let command = command.join(" ").replace(['\n', '\r'], " ");
        format!(
            "pid={}\ncommand={command}\nsince={}\n",
            std::process::id(),
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
        )
    }

    fn parse(text: &str) -> Holder {
        let mut holder = Holder::default();
        for line in text.lines() {
            if let Some(pid) = line.strip_prefix("pid=") {
                holder.pid = pid.trim().parse().ok();
            } else if let Some(command) = line.strip_prefix("command=") {
                holder.command = command
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(300)
                    .collect();
            } else if let Some(since) = line.strip_prefix("since=") {
                holder.since = since.chars().filter(|c| !c.is_control()).take(40).collect();
            }
        }
        holder
    }

    /// "进程 123（planwatch record …），自 2026-12-03 10:00:00 起", or that nobody is named.
    pub fn describe(&self) -> String {
        match self.pid {
            Some(pid) => {
                let mut text = format!("进程 {pid}");
                if !self.command.is_empty() {
                    text.push_str(&format!("（{}）", self.command));
                }
                if !self.since.is_empty() {
                    text.push_str(&format!("，自 {} 起", self.since));
                }
                text
            }
            None => "另一个程序（锁文件中没有记录是谁）".to_string(),
        }
    }
}

/// Opens the lock file without following a link and without blocking on a FIFO, and checks it is a regular file.
pub(crate) fn open_lock_file(root: &Path) -> Result<File, Error> {
    let path = root.join(LOCK);
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(flags.bits() as i32);
    }
    let file = options.open(&path).map_err(|source| {
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            Error::Usage(format!(
                "{} 是符号链接：锁文件应是数据目录中的普通文件，请删除它后重试",
                path.display()
            ))
        } else {
            Error::Write {
                path: path.clone(),
                source,
            }
        }
    })?;
    let meta = file.metadata().map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "{} 是{}：锁文件应是数据目录中的普通文件，请删除它后重试",
            path.display(),
            super::kind_zh(&meta)
        )));
    }
    Ok(file)
}

/// How long to wait for the lock: `PLANWATCH_LOCK_WAIT_SECS`, else [`DEFAULT_WAIT_SECS`].
pub fn wait_limit() -> Duration {
    let secs = std::env::var(WAIT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(DEFAULT_WAIT_SECS)
        .min(3600.0);
    Duration::from_secs_f64(secs)
}

impl DataLock {
    /// The lock alone, waiting at most `limit`: [`DataLock::acquire`] (in the journal, which completes an
    /// interrupted write once the lock is held) is what writers take.
    pub(super) fn acquire_unrecovered(
        root: &Path,
        limit: Duration,
        waiting: impl FnOnce(&Holder),
    ) -> Result<DataLock, Error> {
        let mut file = open_lock_file(root)?;
        let started = Instant::now();
        let mut waiting = Some(waiting);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(source)) => {
                    return Err(Error::Write {
                        path: root.join(LOCK),
                        source,
                    });
                }
            }
            let holder = read_holder(root);
            if started.elapsed() >= limit {
                return Err(Error::Usage(format!(
                    "数据目录 {} 正被另一个写入占用（{}）。等了 {:.0} 秒仍未结束，本次未写入任何数据。\
                     请等它完成后重试；如果那个进程已经停止响应，结束它后重试（可设环境变量 {WAIT_ENV} 等得更久）",
                    root.display(),
                    holder.describe(),
                    limit.as_secs_f64()
                )));
            }
            if let Some(tell) = waiting.take() {
                tell(&holder);
            }
            std::thread::sleep(POLL);
        }
        // Who holds it, for anyone who has to wait.
        let info = Holder::this_process();
        let _ = file
            .set_len(0)
            .and_then(|()| {
                use std::io::Seek;
                file.seek(std::io::SeekFrom::Start(0))
            })
            .and_then(|_| file.write_all(info.as_bytes()));
        Ok(DataLock {
            root: root.to_path_buf(),
            file,
        })
    }

    /// The data directory this lock is for.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for DataLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// A lock on a file of its own that is removed when released: for output targets, where no lock file may be
/// left behind. The kernel releases the lock of a killed run; the next run takes the file over.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    _file: File,
}

impl FileLock {
    /// Takes the lock at once, or None when another process holds it.
    pub fn try_take(path: &Path) -> std::io::Result<Option<FileLock>> {
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => return Ok(None),
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            // The file may have been removed by the run that held it just before: lock the one on disk.
            if same_file(&file, path) {
                return Ok(Some(FileLock {
                    path: path.to_path_buf(),
                    _file: file,
                }));
            }
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Removed while still locked, so that nobody can lock this very file after it is gone.
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// Who holds the lock of `root`, as far as the lock file says.
pub fn read_holder(root: &Path) -> Holder {
    let mut text = String::new();
    let Ok(file) = fs::File::open(root.join(LOCK)) else {
        return Holder::default();
    };
    let _ = file.take(4096).read_to_string(&mut text);
    Holder::parse(&text)
}

/// The message a waiting command line writer prints once.
pub fn waiting_message(holder: &Holder) -> String {
    format!(
        "数据目录正被另一个写入占用（{}），等待其完成……",
        holder.describe()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_who_holds_the_lock_and_gives_up() {
        let tmp = tempfile::tempdir().unwrap();
        let first = DataLock::acquire(tmp.path(), |_| panic!("free")).unwrap();
        let mut told = None;
        let err = DataLock::acquire_within(tmp.path(), Duration::from_millis(200), |h| {
            told = Some(h.clone())
        })
        .unwrap_err();
        let holder = told.expect("told while waiting");
        assert_eq!(holder.pid, Some(std::process::id()));
        let text = err.to_string();
        assert!(
            text.contains(&format!("进程 {}", std::process::id())),
            "{text}"
        );
        assert!(text.contains("未写入任何数据"), "{text}");
        drop(first);
        DataLock::acquire(tmp.path(), |_| panic!("free again")).unwrap();
    }
}
