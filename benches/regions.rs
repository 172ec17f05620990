//! `planwatch regions` over many fictional regions (see `support/generate.rs`):
//! - `warm_2844`: the question asked again with no file changed — every file's stamp checked, the validated
//!   cache read, the JSON written (what `regions --format json` does on a warm run);
//! - `cold_284`: every plan and history file of 284 regions read, checked and assessed, roll-ups checked (a tenth
//!   of 2,844: the cold cost grows with the number of files).

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::load::DataSource;
use planwatch::regions::cache::Cache;

#[path = "support/generate.rs"]
mod generate;

fn regions(c: &mut Criterion) {
    let big = tempfile::tempdir().expect("temporary directory");
    generate::generate(big.path(), 2844).expect("generated data");
    let small = tempfile::tempdir().expect("temporary directory");
    generate::generate(small.path(), 284).expect("generated data");
    let cache_dir = tempfile::tempdir().expect("temporary directory");

    let compare = |dir: &std::path::Path| {
        let plans = planwatch::load::regions::read_plans(&DataSource::Dir(dir.to_path_buf()))
            .expect("valid data");
        planwatch::regions::compare(plans, None, None, &|| {}).expect("valid data")
    };
    // Fill the cache once, as the first run does.
    let cache = Cache::open(cache_dir.path(), big.path(), None, None).expect("cache");
    cache.write(&compare(big.path()));

    let mut group = c.benchmark_group("regions");
    group.sample_size(10);
    group.bench_function("warm_2844", |b| {
        b.iter(|| {
            let cache = Cache::open(cache_dir.path(), big.path(), None, None).expect("cache");
            let regions = cache.read().expect("cached result");
            assert_eq!(regions.rows.len(), 2844);
            serde_json::to_string_pretty(&regions).expect("json")
        })
    });
    group.bench_function("cold_284", |b| {
        b.iter(|| {
            let regions = compare(small.path());
            assert_eq!(regions.rows.len(), 284);
            regions
        })
    });
    group.finish();
}

criterion_group!(benches, regions);
criterion_main!(benches);
