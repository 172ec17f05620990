//! How fast figures get in and out: checking a filled template's 31 figures against the whole data directory
//! (what `import` does before it writes), and building the template and export workbooks.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::assess::assess_plan;
use planwatch::intake::{Figure, propose};
use planwatch::load::{DataSource, load};
use planwatch::model::{ObservationStatus, Period};
use planwatch::sheets::{export, template};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn intake(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("planwatch-bench-{}", std::process::id()));
    copy_dir(&root.join("indicators"), &tmp.join("indicators"));
    copy_dir(&root.join("history"), &tmp.join("history"));
    let dataset = load(&DataSource::Dir(tmp.clone()), None).unwrap();
    // One figure per indicator: its last value again, as a department would fill every row.
    let figures: Vec<Figure> = dataset
        .plan
        .indicators
        .iter()
        .map(|i| Figure {
            indicator: i.id.clone(),
            period: Period::year(2026),
            value: dataset
                .history
                .series(i.series_id())
                .last()
                .map_or(1.0, |o| o.value),
            status: ObservationStatus::Estimate,
            source: "基准测试".into(),
            quote: String::new(),
            published: None,
            note: String::new(),
            accepted: None,
            explanation: None,
        })
        .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    c.bench_function("import check: 31 figures against the data directory", |b| {
        b.iter(|| propose(&tmp, None, figures.clone(), today).unwrap())
    });
    let rows = template::rows(&dataset, Period::year(2026), None).unwrap();
    c.bench_function("template workbook (31 rows)", |b| {
        b.iter(|| template::workbook(&dataset, &rows).unwrap())
    });
    let result = assess_plan(&dataset, 2025);
    c.bench_function("export workbook (status + observations)", |b| {
        b.iter(|| export::workbook(&dataset, &result, &[], None).unwrap())
    });
    let _ = std::fs::remove_dir_all(&tmp);
}

criterion_group!(benches, intake);
criterion_main!(benches);
