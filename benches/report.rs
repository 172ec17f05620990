//! How fast `planwatch report` writes the full mid-term evaluation: assessment, document, Markdown, HTML and a chart
//! per indicator as SVG and PNG (the PNG needs a CJK font installed; without one the bench says so and stops).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::load::load_book;
use planwatch::load::{DataSource, load};
use planwatch::report::{FontSearch, ReportKind, ReportOptions, font, generate, write};

fn report(c: &mut Criterion) {
    let font = font::find(None).unwrap();
    if let FontSearch::Missing(why) = &font {
        panic!("{why}：基准测试需要中文字体（apt-get install fonts-noto-cjk）");
    }
    let midterm = ReportOptions {
        kind: ReportKind::Midterm,
        as_of: 2028,
        stamp: None,
        formats: Vec::new(),
    };
    let mut group = c.benchmark_group("report");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(15));

    let shipped = load(&DataSource::Shipped, Some("hangzhou-15th")).unwrap();
    let book = load_book(&DataSource::Shipped).unwrap();
    group.bench_function("mid-term 15th plan, 33 charts SVG+PNG, in memory", |b| {
        b.iter(|| generate(&shipped, Some(&book), &midterm, &font, &mut |_, _| {}).unwrap())
    });

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    group.bench_function("mid-term 15th plan, written to disk", |b| {
        b.iter(|| {
            let output = generate(&shipped, Some(&book), &midterm, &font, &mut |_, _| {}).unwrap();
            write::write_atomic(&out, &output.files, true).unwrap();
        })
    });

    let dir = format!("{}/tests/fixtures/report", env!("CARGO_MANIFEST_DIR"));
    let source = DataSource::Dir(dir.into());
    let fixture = load(&source, None).unwrap();
    let fixture_book = load_book(&source).unwrap();
    group.bench_function("mid-term fixture with post-baseline data, 20 charts", |b| {
        b.iter(|| {
            generate(
                &fixture,
                Some(&fixture_book),
                &midterm,
                &font,
                &mut |_, _| {},
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
