//! How fast the in-year monitoring runs on the test-only annual plan of 41 lines with half-year data
//! (`tests/fixtures/annual/`, made-up values): the annual-plan assessment, and the whole execution report
//! (document, Markdown, HTML, a chart per line behind, SVG and — with a CJK font — PNG) in memory.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::assess::annual::assess_annual_plan;
use planwatch::load::{DataSource, load};
use planwatch::model::Period;
use planwatch::report::{font, generate_execution};

fn copy_dir(from: &Path, to: &Path) {
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

fn annual(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for d in ["indicators", "history", "scenarios"] {
        copy_dir(&root.join(d), &dir.path().join(d));
    }
    copy_dir(
        &root.join("tests/fixtures/annual/history"),
        &dir.path().join("history"),
    );
    let dataset = load(&DataSource::Dir(dir.path().to_path_buf()), None).unwrap();
    let h1: Period = "2026H1".parse().unwrap();
    let font = font::find(None).unwrap();

    let mut group = c.benchmark_group("annual");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("annual plan of 41 lines as of 2026H1", |b| {
        b.iter(|| assess_annual_plan(&dataset, 2026, h1))
    });
    group.bench_function("execution report 2026H1, 9 charts, in memory", |b| {
        b.iter(|| generate_execution(&dataset, h1, None, &[], &font, &mut |_, _| {}).unwrap())
    });
    group.finish();
}

criterion_group!(benches, annual);
criterion_main!(benches);
