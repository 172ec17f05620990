//! What the integration tests share: the real binary, run away from the repository so that the shipped data
//! must come from the binary itself.

#![allow(dead_code)] // each test binary uses its own subset

use assert_cmd::Command;
use serde_json::Value;

pub fn planwatch() -> Command {
    let mut cmd = Command::cargo_bin("planwatch").unwrap();
    cmd.current_dir(std::env::temp_dir());
    cmd
}

/// Standard output of a successful run.
pub fn stdout(args: &[&str]) -> String {
    let out = planwatch()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// Standard output of a successful run, as JSON.
pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

/// A fixture directory under `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree (the shipped data into a temporary directory that a test may change).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the shipped indicators/ and history/ in a fresh directory.
pub fn data_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for sub in ["indicators", "history"] {
        copy_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sub),
            &tmp.path().join(sub),
        );
    }
    tmp
}

/// Every history file's text, by path relative to the data directory: to show that nothing was written.
pub fn history_texts(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, String> {
    fn walk(
        dir: &std::path::Path,
        root: &std::path::Path,
        out: &mut std::collections::BTreeMap<std::path::PathBuf, String>,
    ) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), text);
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(&dir.join("history"), dir, &mut out);
    out
}
