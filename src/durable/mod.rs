//! Writing files so that no figure is ever lost: the one place where planwatch changes files on disk.
//!
//! - [`file`](mod@file): one file replaced atomically (a temporary file beside it, flushed, renamed over it, the directory
//!   flushed), its permissions kept, and never anything but a regular file replaced (a FIFO, a device, a socket or
//!   a directory is refused, `--force` or not);
//! - [`journal`]: several history files replaced as one change, recovered after a crash;
//! - [`lock`]: one writer at a time per data directory, taken *before* the writer reads what it changes; a writer
//!   that cannot get it within a few seconds says who holds it and gives up; and the output targets' lock
//!   ([`lock::FileLock`]), whose file goes when it is released;
//! - [`rename`]: the directory swap of the report writer (exchange, rename without replacing) and whether a process
//!   still runs.
//!
//! This module stands on nothing of planwatch but its errors: `load`, `intake`, `sheets`, `report` and the regions
//! cache stand on it.

pub mod file;
pub mod journal;
pub mod lock;
pub mod rename;

use std::fs::{self, File};
use std::path::Path;

use crate::error::Error;

pub use file::{check_output, replace};
pub use lock::DataLock;

/// An I/O failure while writing `path`.
pub(crate) fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Flushes a directory's entries (the renames in it) to disk; where a platform cannot, the rename stands.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What kind of file a non-regular file is, in Chinese.
pub fn kind_zh(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "命名管道";
        }
        if t.is_char_device() || t.is_block_device() {
            return "设备文件";
        }
        if t.is_socket() {
            return "套接字";
        }
    }
    if meta.is_dir() {
        return "目录";
    }
    if meta.file_type().is_symlink() {
        return "符号链接";
    }
    "特殊文件"
}
