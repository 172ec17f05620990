//! Finding and reading the data files of a directory without hanging or exhausting memory on odd trees: directory
//! symlinks are followed at most once per directory (a visited set catches loops and repeats), only regular files
//! are opened (FIFOs, devices and sockets are reported, never read), and each file has a size limit.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::problem::{LineIndex, Problem, SourceFile};

/// Largest data file read, in MiB, unless `PLANWATCH_MAX_FILE_MIB` says otherwise.
pub const DEFAULT_MAX_FILE_MIB: u64 = 64;

/// Environment variable that changes the size limit per data file (in MiB).
pub const MAX_FILE_ENV: &str = "PLANWATCH_MAX_FILE_MIB";

/// How deep the walk goes below its starting directory.
const MAX_DEPTH: usize = 32;

/// The size limit per data file, in bytes.
pub fn max_file_bytes() -> u64 {
    std::env::var(MAX_FILE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mib| mib > 0)
        .unwrap_or(DEFAULT_MAX_FILE_MIB)
        .saturating_mul(1024 * 1024)
}

/// A problem with a whole file (or directory), named relative to the data directory.
pub(crate) fn file_problem(root: &Path, path: &Path, message: impl Into<String>) -> Problem {
    Problem {
        file: display_name(root, path),
        line: 1,
        column: 1,
        field: String::new(),
        message: message.into(),
    }
}

fn display_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The `*.toml` files under `dir` (recursively when `recurse`), sorted, each a regular file; everything odd on the
/// way is a problem.
pub(crate) fn toml_files(
    root: &Path,
    dir: &Path,
    recurse: bool,
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    let mut visited = HashSet::new();
    if let Ok(meta) = fs::metadata(dir) {
        visited.insert(identity(&meta));
    }
    let mut out = Vec::new();
    walk_dir(root, dir, recurse, 0, &mut visited, &mut out, problems);
    out.into_iter().map(|(path, _)| path).collect()
}

/// As [`toml_files`], with each file's metadata (of the file a link points to), taken before it is read.
pub(crate) fn toml_files_with_meta(
    root: &Path,
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<(PathBuf, fs::Metadata)> {
    let mut visited = HashSet::new();
    if let Ok(meta) = fs::metadata(dir) {
        visited.insert(identity(&meta));
    }
    let mut out = Vec::new();
    walk_dir(root, dir, true, 0, &mut visited, &mut out, problems);
    out
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    // Without inode numbers, a directory is known by its size and time: good enough to stop a loop.
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (meta.len(), modified)
}

fn is_loop(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    recurse: bool,
    depth: usize,
    visited: &mut HashSet<(u64, u64)>,
    out: &mut Vec<(PathBuf, fs::Metadata)>,
    problems: &mut Vec<Problem>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(file_problem(root, dir, format!("无法读取目录：{e}")));
            return;
        }
    };
    // Sorted by name (the same order as by path, within one directory, and cheaper to compare). The entry's own
    // type (from the directory listing) tells a link; anything else is stamped relative to the open directory,
    // without resolving its path again.
    let mut entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let link = entry.file_type().is_ok_and(|t| t.is_symlink());
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        let meta = if link {
            fs::metadata(&path)
        } else {
            entry.metadata()
        };
        let meta = match meta {
            Ok(meta) => meta,
            Err(e) if is_loop(&e) => {
                problems.push(file_problem(
                    root,
                    &path,
                    "符号链接循环（链接最终指向自己），无法读取：请删除或改正这个链接",
                ));
                continue;
            }
            Err(_) if link => {
                if is_toml {
                    problems.push(file_problem(
                        root,
                        &path,
                        "符号链接指向的文件不存在：请删除或改正这个链接",
                    ));
                }
                continue;
            }
            Err(e) => {
                problems.push(file_problem(root, &path, format!("无法读取：{e}")));
                continue;
            }
        };
        if meta.is_dir() {
            if !recurse {
                continue;
            }
            if !visited.insert(identity(&meta)) {
                problems.push(file_problem(
                    root,
                    &path,
                    "这个目录（经符号链接）指向已经读过的目录，会造成循环或重复读取，已跳过：请删除这个链接",
                ));
                continue;
            }
            if depth >= MAX_DEPTH {
                problems.push(file_problem(
                    root,
                    &path,
                    format!("目录层级超过 {MAX_DEPTH} 层，未继续读取"),
                ));
                continue;
            }
            walk_dir(root, &path, recurse, depth + 1, visited, out, problems);
        } else if is_toml {
            if meta.is_file() {
                out.push((path, meta));
            } else {
                problems.push(file_problem(
                    root,
                    &path,
                    format!(
                        "不是普通文件（{}），未读取：数据文件应为普通的文本文件",
                        kind_zh(&meta)
                    ),
                ));
            }
        }
    }
}

use crate::durable::kind_zh;

/// Opens a file for reading without blocking on a FIFO swapped in since the walk, and checks again that it is a
/// regular file no larger than `limit` bytes.
pub(crate) fn open_regular(path: &Path, limit: u64) -> Result<fs::File, String> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| {
        if is_loop(&e) {
            "符号链接循环（链接最终指向自己），无法读取".to_string()
        } else {
            format!("无法读取：{e}")
        }
    })?;
    let meta = file.metadata().map_err(|e| format!("无法读取：{e}"))?;
    if !meta.is_file() {
        return Err(format!("不是普通文件（{}），未读取", kind_zh(&meta)));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok(file)
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "文件过大（{:.1} MiB，上限 {} MiB），未读取：数据文件通常只有几 KB；确需更大的文件时设置环境变量 {MAX_FILE_ENV}",
        size as f64 / 1_048_576.0,
        limit / 1_048_576
    )
}

/// Reads at most `limit` bytes of a regular file (a file that grows while being read is caught too).
pub(crate) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = open_regular(path, limit)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("无法读取：{e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Reads one data file as UTF-8 text; a file that is not UTF-8 is a problem at the line of its first bad byte.
pub(crate) fn read_source(root: &Path, path: &Path, limit: u64) -> Result<SourceFile, Problem> {
    let bytes = read_limited(path, limit).map_err(|m| file_problem(root, path, m))?;
    let name = display_name(root, path);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile { name, text }),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = LineIndex::new(&prefix).line_col(&prefix, valid);
            Err(Problem {
                file: name,
                line,
                column,
                field: String::new(),
                message: format!(
                    "不是 UTF-8 编码的文本：从这里起有无法识别的字节（0x{:02X}，常见于 GBK 编码保存的文件），请用 UTF-8 编码另存",
                    bytes[valid]
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_utf8_file_is_named_at_its_line() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.toml");
        let mut bytes = b"a = 1\nname = \"".to_vec();
        bytes.extend([0xD6, 0xD0, b'"', b'\n']);
        fs::write(&path, bytes).unwrap();
        let p = read_source(tmp.path(), &path, 1 << 20).unwrap_err();
        assert_eq!((p.file.as_str(), p.line, p.column), ("a.toml", 2, 9));
        assert!(p.message.contains("UTF-8"), "{}", p.message);
    }

    #[test]
    fn a_large_file_is_refused_without_reading_it_all() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("big.toml");
        fs::write(&path, vec![b'#'; 2048]).unwrap();
        let e = read_limited(&path, 1024).unwrap_err();
        assert!(e.contains("文件过大"), "{e}");
        assert_eq!(read_limited(&path, 4096).unwrap().len(), 2048);
    }

    #[cfg(unix)]
    #[test]
    fn loops_repeats_and_special_files_are_problems() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let history = root.join("history");
        fs::create_dir_all(history.join("context")).unwrap();
        fs::write(history.join("context/a.toml"), "x = 1").unwrap();
        symlink(".", history.join("a")).unwrap();
        symlink(".", history.join("b")).unwrap();
        symlink("loop.toml", history.join("loop.toml")).unwrap();
        symlink("/dev/zero", history.join("zero.toml")).unwrap();
        let fifo = std::ffi::CString::new(history.join("fifo.toml").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        let mut problems = Vec::new();
        let files = toml_files(root, &history, true, &mut problems);
        assert_eq!(files, vec![history.join("context/a.toml")]);
        let named: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(
            named,
            [
                "history/a",
                "history/b",
                "history/fifo.toml",
                "history/loop.toml",
                "history/zero.toml"
            ],
            "{problems:?}"
        );
        assert!(problems[2].message.contains("命名管道"));
        assert!(problems[3].message.contains("循环"));
        assert!(problems[4].message.contains("设备"));
    }
}
