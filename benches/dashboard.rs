//! Redrawing the dashboard after a key, at 200×60, into ratatui's TestBackend: the time from key to frame,
//! which must stay well under a 60 Hz frame (16 ms). Run with `cargo bench --bench dashboard`.

#[path = "../tests/tui_support/mod.rs"]
mod tui_support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use planwatch::tui::{AppEvent, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn key_then_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("dashboard 200x60");
    let screens: [(&str, &[KeyCode], [KeyCode; 2]); 3] = [
        ("overview: j/k then draw", &[], [KeyCode::Down, KeyCode::Up]),
        (
            "indicator: n/p then draw",
            &[KeyCode::Down, KeyCode::Down, KeyCode::Enter],
            [KeyCode::Char('n'), KeyCode::Char('p')],
        ),
        (
            "overview: ]/[ (assessments cached) then draw",
            &[],
            [KeyCode::Char(']'), KeyCode::Char('[')],
        ),
    ];
    for (name, setup, keys) in screens {
        let mut app = tui_support::app(200, 60);
        for key in setup {
            update(&mut app, AppEvent::key(*key));
        }
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        let mut flip = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                update(&mut app, AppEvent::key(keys[flip]));
                flip = 1 - flip;
                terminal
                    .draw(|frame| frame.render_widget(&app, frame.area()))
                    .unwrap();
                black_box(terminal.backend().buffer().area);
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Numbers only: plotting needs fonts a bare machine may not have.
    config = Criterion::default().without_plots();
    targets = key_then_frame
}
criterion_main!(benches);
