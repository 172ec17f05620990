//! Where data come from (a directory, or the copy compiled into the binary), and reading its files.

use std::path::{Path, PathBuf};

use super::problem::SourceFile;
use crate::error::Error;

/// Where to read data from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The plan and history compiled into the binary.
    Shipped,
    /// A directory with `indicators/` and `history/`.
    Dir(PathBuf),
}

pub(crate) fn walk(dir: &Path, out: &mut Vec<PathBuf>, recurse: bool) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            if recurse {
                walk(&path, out, recurse)?;
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

pub(crate) fn read_file(root: &Path, path: &Path) -> Result<SourceFile, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(path.to_path_buf()))?;
    Ok(SourceFile { name, text })
}
