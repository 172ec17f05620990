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
