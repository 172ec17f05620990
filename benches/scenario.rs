//! The scenario engine's speed: one run (the dashboard runs it on every key press) and 100,000 simulated paths.

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::load::{DataSource, load, load_book};
use planwatch::scenario::{SimulationSpec, run, simulate};

fn scenario(c: &mut Criterion) {
    let dataset = load(&DataSource::Shipped, Some("hangzhou-15th")).expect("shipped data");
    let book = load_book(&DataSource::Shipped).expect("shipped scenarios");
    let goals = book.goals.clone();
    let start = planwatch::scenario::Start::Newest { up_to: None };
    let session = planwatch::scenario::Session::open(&dataset, book, start).expect("session");
    let assumptions = session.base().clone().with_growth(5.4);
    c.bench_function("run one scenario", |b| {
        b.iter(|| run(std::hint::black_box(&assumptions), &goals))
    });
    let spec = SimulationSpec {
        mean: 4.92,
        sd: 2.29,
        paths: 100_000,
        seed: 2026,
    };
    let mut group = c.benchmark_group("simulate");
    group.sample_size(20);
    group.bench_function("100000 paths", |b| {
        b.iter(|| simulate(&assumptions, &goals, std::hint::black_box(&spec)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Plots need a system font that build machines often lack; the numbers are what matter.
    config = Criterion::default().without_plots();
    targets = scenario
}
criterion_main!(benches);
