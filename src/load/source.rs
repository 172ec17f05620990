//! Where data come from (a directory, or the copy compiled into the binary), and reading its files.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Where to read data from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The plan and history compiled into the binary.
    Shipped,
    /// A directory with `indicators/` and `history/`.
    Dir(PathBuf),
}

/// The `*.toml` files of `dir` (and below, with `recurse`): special files, symlink loops and unreadable entries
/// are data problems (exit status 2), never followed or opened.
pub(crate) fn walk(dir: &Path, out: &mut Vec<PathBuf>, recurse: bool) -> Result<(), Error> {
    let root = dir.parent().unwrap_or(dir);
    let mut problems = Vec::new();
    out.extend(super::files::toml_files(root, dir, recurse, &mut problems));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}
