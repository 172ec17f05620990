//! The per-plan cache of a directory of many plans (`src/load/units.rs`): whatever the cache holds, every command
//! answers as it would with no cache at all — an edit is seen, a broken file in another region is reported on
//! every run, a deleted, corrupted or truncated cache changes nothing, and two runs at once both answer rightly.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

#[path = "../benches/support/generate.rs"]
mod generate;

fn run(data: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("planwatch").unwrap();
    // No cache: an empty PLANWATCH_CACHE_DIR turns it off, the reference answer.
    cmd.env(
        "PLANWATCH_CACHE_DIR",
        cache.map_or("".into(), |c| c.as_os_str().to_owned()),
    )
    .arg("--data")
    .arg(data)
    .args(args);
    cmd.output().unwrap()
}

fn cache_files(cache: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(cache)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

const STATUS: &[&str] = &["status", "--plan", "gen-00003", "--format", "json"];
const REGIONS: &[&str] = &["regions", "--format", "json"];

/// Changes the last figure of a history file (the latest year), keeping everything else.
fn edit_latest(file: &Path, value: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let at = text.rfind("value = ").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let edited = format!("{}value = {value}{}", &text[..at], &text[end..]);
    std::fs::write(file, edited).unwrap();
}

#[test]
fn an_edit_is_seen_and_a_broken_file_elsewhere_is_always_reported() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    generate::generate(data.path(), planwatch::load::units::MIN_PLANS).unwrap();
    let cold = run(data.path(), Some(cache.path()), STATUS);
    assert!(
        cold.status.success(),
        "{}",
        String::from_utf8_lossy(&cold.stderr)
    );
    assert!(
        !cache_files(cache.path()).is_empty(),
        "the cache is written"
    );
    let warm = run(data.path(), Some(cache.path()), STATUS);
    assert_eq!(warm.stdout, cold.stdout);
    assert_eq!(warm.stdout, run(data.path(), None, STATUS).stdout);

    // An edit of the plan asked for is seen at once, as without a cache.
    edit_latest(&data.path().join("history/gen-00003/01.toml"), "77.7");
    let edited = run(data.path(), Some(cache.path()), STATUS);
    assert!(edited.status.success());
    assert_ne!(edited.stdout, cold.stdout, "the edit is seen");
    assert_eq!(edited.stdout, run(data.path(), None, STATUS).stdout);

    // A broken file of another region: reported by every run, never cached as valid.
    let other = data.path().join("history/gen-00071/02.toml");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(
        &other,
        text.replacen("status = \"final\"", "status = \"guess\"", 1),
    )
    .unwrap();
    for _ in 0..2 {
        let broken = run(data.path(), Some(cache.path()), STATUS);
        assert_eq!(broken.status.code(), Some(2));
        let err = String::from_utf8_lossy(&broken.stderr);
        assert!(err.contains("history/gen-00071/02.toml"), "{err}");
        let regions = run(data.path(), Some(cache.path()), REGIONS);
        assert_eq!(regions.status.code(), Some(2));
        assert_eq!(regions.stderr, broken.stderr);
    }
    // Fixed again: valid again.
    std::fs::write(&other, text).unwrap();
    let fixed = run(data.path(), Some(cache.path()), STATUS);
    assert_eq!(fixed.stdout, edited.stdout);

    // regions after an edit of one file: the edit is there, as without a cache.
    run(data.path(), Some(cache.path()), REGIONS);
    edit_latest(&data.path().join("history/gen-00042/05.toml"), "1.5");
    let regions = run(data.path(), Some(cache.path()), REGIONS);
    assert!(regions.status.success());
    assert_eq!(regions.stdout, run(data.path(), None, REGIONS).stdout);
}

#[test]
fn a_deleted_corrupted_or_truncated_cache_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    generate::generate(data.path(), planwatch::load::units::MIN_PLANS).unwrap();
    let reference = run(data.path(), None, STATUS);
    assert!(reference.status.success());
    let regions_reference = run(data.path(), None, REGIONS).stdout;
    run(data.path(), Some(cache.path()), REGIONS);
    let files = cache_files(cache.path());
    assert!(files.len() >= 2, "{files:?}");
    // A broken file whose verdict the cache holds as valid: the fingerprint catches the change.
    let other = data.path().join("history/gen-00055/04.toml");
    let text = std::fs::read_to_string(&other).unwrap();
    for damage in ["truncate", "garbage", "forged", "delete"] {
        for file in &files {
            let bytes = std::fs::read(file).unwrap_or_default();
            match damage {
                "truncate" => std::fs::write(file, &bytes[..bytes.len() / 2]).unwrap(),
                "garbage" => std::fs::write(file, b"\x00\xffnot a cache").unwrap(),
                // Content changed, key and checksum lines kept.
                "forged" => {
                    let text = String::from_utf8_lossy(&bytes)
                        .replace("\"problems\":[]", "\"problems\":[{}]");
                    std::fs::write(file, text).unwrap()
                }
                _ => {
                    let _ = std::fs::remove_file(file);
                }
            }
        }
        let out = run(data.path(), Some(cache.path()), STATUS);
        assert_eq!(out.stdout, reference.stdout, "{damage}");
        assert!(
            out.status.success(),
            "{damage}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            run(data.path(), Some(cache.path()), REGIONS).stdout,
            regions_reference,
            "{damage}"
        );
        // And a file broken since: reported whatever the cache says.
        std::fs::write(&other, text.replacen("value = ", "value = \"x\" #", 1)).unwrap();
        let broken = run(data.path(), Some(cache.path()), STATUS);
        assert_eq!(broken.status.code(), Some(2), "{damage}");
        assert!(String::from_utf8_lossy(&broken.stderr).contains("history/gen-00055/04.toml"));
        std::fs::write(&other, &text).unwrap();
    }
}

#[test]
fn two_runs_at_once_both_answer_rightly_and_leave_a_readable_cache() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    generate::generate(data.path(), planwatch::load::units::MIN_PLANS).unwrap();
    let reference = run(data.path(), None, STATUS).stdout;
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| run(data.path(), Some(cache.path()), STATUS));
        let b = s.spawn(|| run(data.path(), Some(cache.path()), REGIONS));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, reference);
    assert_eq!(
        run(data.path(), Some(cache.path()), STATUS).stdout,
        reference
    );
    assert_eq!(b.stdout, run(data.path(), None, REGIONS).stdout);
}
