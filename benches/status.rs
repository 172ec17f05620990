//! How fast `planwatch status` answers: loading the embedded data, and assessing every indicator.

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::assess::assess_plan;
use planwatch::load::{DataSource, load};

fn status(c: &mut Criterion) {
    c.bench_function("load shipped data (parse + validate)", |b| {
        b.iter(|| load(&DataSource::Shipped, None).unwrap())
    });
    let dataset = load(&DataSource::Shipped, None).unwrap();
    c.bench_function("assess 31 indicators (15th plan)", |b| {
        b.iter(|| assess_plan(&dataset, 2025))
    });
    let old = load(&DataSource::Shipped, Some("hangzhou-14th")).unwrap();
    c.bench_function("assess 14th plan as of 2025", |b| {
        b.iter(|| assess_plan(&old, 2025))
    });
}

criterion_group!(benches, status);
criterion_main!(benches);
