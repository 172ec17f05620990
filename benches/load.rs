//! How fast a long history file is read and checked: one file with 100,000 observations (what `validate` does).
//! Locating each observation's line used to count newlines from the top of the file (quadratic); a line index
//! makes it a binary search.

use std::fmt::Write;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::load::{DataSource, load};

/// A copy of the shipped data with one extra context series of `n` observations.
fn data_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy(&root.join("indicators"), &dir.path().join("indicators"));
    copy(&root.join("history"), &dir.path().join("history"));
    let mut text = String::from("context = \"bench\"\nname = \"基准测试序列\"\nunit = \"亿元\"\n");
    let start = chrono::NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
    for i in 0..n {
        let recorded = start + chrono::Days::new(i as u64);
        let status = ["estimate", "preliminary", "final", "revised"][i % 4];
        write!(
            text,
            "\n[[observation]]\nperiod = \"{}\"\nvalue = {}.5\nstatus = \"{status}\"\nsource = \"基准测试\"\nrecorded = {recorded}\n",
            1950 + i % 150,
            i
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("history/context/bench.toml"), text).unwrap();
    dir
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

fn long_history(c: &mut Criterion) {
    let dir = data_dir(100_000);
    let source = DataSource::Dir(dir.path().to_path_buf());
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("100,000 observations in one file (parse + validate)", |b| {
        b.iter(|| load(&source, None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, long_history);
criterion_main!(benches);
