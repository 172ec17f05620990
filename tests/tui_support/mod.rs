//! Shared by the dashboard tests: the shipped data with the test-only overlay of `tests/tui_fixture/` (made-up
//! values for 2026–2027, so that every status appears), an `App` on it, keys, and rendering into ratatui's
//! `TestBackend`.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use planwatch::load::load_book;
use planwatch::load::{DataSource, load};
use planwatch::model::Dataset;
use planwatch::scenario::ScenarioBook;
use planwatch::tui::{App, AppEvent, Size, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

/// The year the fixture is assessed as of: two years into the plan.
pub const AS_OF: i32 = 2027;

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

/// A data directory: the shipped plan and history, plus the overlay.
pub fn data_dir() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("indicators"), &dir.path().join("indicators"));
    copy_dir(&root.join("history"), &dir.path().join("history"));
    copy_dir(&root.join("scenarios"), &dir.path().join("scenarios"));
    copy_dir(
        &root.join("tests/tui_fixture/history"),
        &dir.path().join("history"),
    );
    dir
}

/// The fixture's dataset and scenario files, read once.
pub fn data() -> (Dataset, ScenarioBook) {
    static DATA: OnceLock<(Dataset, ScenarioBook)> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = data_dir();
        let source = DataSource::Dir(dir.path().to_path_buf());
        (load(&source, None).unwrap(), load_book(&source).unwrap())
    })
    .clone()
}

/// An app on the fixture, without colour (snapshots compare text; colour only repeats the words).
pub fn app(width: u16, height: u16) -> App {
    let mut app = app_with_scenarios(Ok(data().1));
    app.size = Size { width, height };
    app
}

/// An app at 80×24 on other scenario files (or a problem reading them).
pub fn app_with_scenarios(book: Result<ScenarioBook, planwatch::Error>) -> App {
    let size = Size {
        width: 80,
        height: 24,
    };
    App::new(data().0, book, AS_OF, size, false)
}

pub fn press(app: &mut App, code: KeyCode) {
    update(app, AppEvent::key(code));
}

/// Types each character as a key press.
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn buffer(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, as a terminal shows it (the cell behind a wide character is not
/// printed). Trailing blanks are kept so that a snapshot also shows how far each row reaches.
pub fn screen(app: &App) -> String {
    let buffer = buffer(app);
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        out.push('|');
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            let width = UnicodeWidthStr::width(symbol).max(1);
            x = x.saturating_add(u16::try_from(width).unwrap());
        }
        out.push_str("|\n");
    }
    out
}

/// A wide character's second cell must stay blank: anything drawn there would be hidden by the character on
/// the buffer and would cut it in half on a real terminal.
pub fn assert_no_cut_characters(buffer: &Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            let width = UnicodeWidthStr::width(symbol).max(1);
            for hidden in 1..width {
                let Some(cx) = x.checked_add(u16::try_from(hidden).unwrap()) else {
                    break;
                };
                if cx >= area.right() {
                    panic!("“{symbol}” at ({x},{y}) runs past the right edge");
                }
                let covered = buffer[(cx, y)].symbol();
                assert_eq!(
                    covered, " ",
                    "“{symbol}” at ({x},{y}) is cut by “{covered}”"
                );
            }
            x = x.saturating_add(u16::try_from(width).unwrap());
        }
    }
}
