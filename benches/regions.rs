//! `planwatch regions` over many fictional regions: read and check every plan and history file, assess every plan,
//! check roll-ups, and write the JSON. The data are generated once (see `support/generate.rs`).
//! `PLANWATCH_BENCH_REGIONS` sets the number of regions (default 2844, the county-level regions of China).

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/generate.rs"]
mod generate;

fn regions(c: &mut Criterion) {
    let n: usize = std::env::var("PLANWATCH_BENCH_REGIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2844);
    let dir = tempfile::tempdir().expect("temporary directory");
    generate::generate(dir.path(), n).expect("generated data");
    let source = planwatch::load::DataSource::Dir(dir.path().to_path_buf());
    let mut group = c.benchmark_group("regions");
    group.sample_size(10);
    group.bench_function(format!("compare_{n}_regions"), |b| {
        b.iter(|| {
            let plans = planwatch::load::regions::read_plans(&source).expect("valid data");
            let regions =
                planwatch::regions::compare(plans, None, None, &|| {}).expect("valid data");
            assert_eq!(regions.rows.len(), n);
            regions
        })
    });
    group.finish();
}

criterion_group!(benches, regions);
criterion_main!(benches);
