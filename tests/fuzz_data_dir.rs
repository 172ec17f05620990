//! Fuzzing the loader over mutated data directories: symlink loops, FIFOs, devices, huge numbers, far periods,
//! control characters, non-UTF-8 bytes, truncated and garbled files. Every case must end (a timeout around
//! each), never panic, and a mutation that makes the data wrong must be reported as a data problem.
//!
//! `cargo test` runs a bounded number of cases; before a release run more:
//! `PLANWATCH_FUZZ_CASES=2000 cargo test --release --test fuzz_data_dir`.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use planwatch::Error;
use planwatch::load::{DataSource, load};
use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone)]
enum Mutation {
    SelfSymlink,
    LoopSymlink,
    Fifo,
    DeviceLink,
    HugeNumber(i32, bool),
    FarPeriod(i32),
    ControlChar(u8),
    NotUtf8(usize, u8),
    Truncate(usize),
    Garbage(Vec<u8>),
}

impl Mutation {
    /// Whether the data are certainly wrong afterwards (a truncated file may still be valid TOML).
    fn must_fail(&self) -> bool {
        !matches!(self, Mutation::Truncate(_) | Mutation::Garbage(_))
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::SelfSymlink),
        Just(Mutation::LoopSymlink),
        Just(Mutation::Fifo),
        Just(Mutation::DeviceLink),
        (16i32..=308, any::<bool>()).prop_map(|(e, neg)| Mutation::HugeNumber(e, neg)),
        prop_oneof![0i32..1949, 2101i32..=9999].prop_map(Mutation::FarPeriod),
        prop_oneof![0u8..9, 11u8..32, Just(0x7f)].prop_map(Mutation::ControlChar),
        (any::<usize>(), 0x80u8..=0xff).prop_map(|(at, b)| Mutation::NotUtf8(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        proptest::collection::vec(any::<u8>(), 1..64).prop_map(Mutation::Garbage),
    ]
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// History files with observations, in a fixed order.
fn history_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for sub in ["history/context", "history/hangzhou-15th"] {
        for entry in std::fs::read_dir(root.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            // Only regular files: a FIFO made by an earlier mutation would block the read.
            let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if regular
                && std::fs::read_to_string(&path).is_ok_and(|t| t.contains("[[observation]]"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn apply(root: &Path, mutation: &Mutation, pick: usize) {
    let files = history_files(root);
    let file = &files[pick % files.len()];
    let text = std::fs::read_to_string(file).unwrap();
    let replace_first = |key: &str, with: &str| {
        let at = text.find(key).expect(key);
        let end = at + text[at..].find('\n').unwrap();
        format!("{}{with}{}", &text[..at], &text[end..])
    };
    match mutation {
        Mutation::SelfSymlink => symlink(".", &root.join("history/self")),
        Mutation::LoopSymlink => symlink("loop.toml", &root.join("history/context/loop.toml")),
        Mutation::Fifo => {
            let path =
                std::ffi::CString::new(root.join("history/context/pipe.toml").to_str().unwrap())
                    .unwrap();
            assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
        }
        Mutation::DeviceLink => symlink("/dev/zero", &root.join("history/zero.toml")),
        Mutation::HugeNumber(exp, negative) => {
            let sign = if *negative { "-" } else { "" };
            let with = format!("value = {sign}1.5e{exp}");
            std::fs::write(file, replace_first("\nvalue = ", &format!("\n{with}"))).unwrap();
        }
        Mutation::FarPeriod(year) => {
            let with = format!("\nperiod = \"{year:04}\"");
            std::fs::write(file, replace_first("\nperiod = ", &with)).unwrap();
        }
        Mutation::ControlChar(c) => {
            let with = format!("\nsource = \"来源\\u{:04x}\"", c);
            std::fs::write(file, replace_first("\nsource = ", &with)).unwrap();
        }
        Mutation::NotUtf8(at, byte) => {
            let mut bytes = text.into_bytes();
            let at = at % (bytes.len() + 1);
            bytes.insert(at, *byte);
            // A lone continuation or lead byte followed by ASCII is never valid UTF-8.
            bytes.insert(at + 1, b'x');
            std::fs::write(file, bytes).unwrap();
        }
        Mutation::Truncate(at) => {
            let bytes = text.as_bytes();
            std::fs::write(file, &bytes[..at % (bytes.len() + 1)]).unwrap();
        }
        Mutation::Garbage(bytes) => {
            let mut all = text.into_bytes();
            all.extend(bytes);
            std::fs::write(file, all).unwrap();
        }
    }
}

fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Loads in a thread, so that a hang fails the case instead of the whole run.
fn load_within_limit(root: &Path) -> Result<Result<(), Error>, String> {
    let (tx, rx) = mpsc::channel();
    let source = DataSource::Dir(root.to_path_buf());
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| load(&source, None).map(|_| ()));
        let _ = tx.send(result);
    });
    match rx.recv_timeout(LIMIT) {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(_)) => Err("the loader panicked".into()),
        Err(_) => Err(format!("no answer within {LIMIT:?}")),
    }
}

fn cases() -> u32 {
    std::env::var("PLANWATCH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_data_dirs_end_with_a_clear_answer(mutations in proptest::collection::vec((mutation(), any::<usize>()), 1..3)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy(&shipped.join("indicators"), &root.join("indicators"));
        copy(&shipped.join("history"), &root.join("history"));
        for (m, pick) in &mutations {
            // The same special file twice is one mutation.
            let _ = std::panic::catch_unwind(|| apply(root, m, *pick));
        }
        let result = load_within_limit(root).map_err(TestCaseError::fail)?;
        let must_fail = mutations.iter().any(|(m, _)| m.must_fail());
        match result {
            Ok(()) => prop_assert!(!must_fail, "accepted: {mutations:?}"),
            Err(Error::Invalid(problems)) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(!p.file.is_empty() && p.line > 0, "{p:?}");
                }
            }
            Err(other) => prop_assert!(false, "not a data problem: {other} ({mutations:?})"),
        }
    }
}
