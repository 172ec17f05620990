//! The terminal dashboard: state ([`app`]), a pure update step ([`update`]) and rendering ([`view`]), joined by
//! the run loop below, which is the only part that touches the terminal.
//!
//! The terminal is always given back, once: on quit and on error (the guard's `Drop`), on panic (a hook that
//! runs before the message is printed), and on Ctrl-C, which raw mode delivers as a key that `update` turns
//! into quit.

pub mod app;
pub mod keys;
pub mod record_form;
pub mod record_io;
pub mod scenario;
pub mod update;
pub mod view;

use std::io::{IsTerminal, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use app::{App, Screen, Size};
pub use update::{AppEvent, update};

use crate::error::Error;
use crate::model::Dataset;
use crate::scenario::ScenarioBook;

/// `NO_COLOR` set to anything but the empty string turns colour off (no-color.org).
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn terminal_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "终端".into(),
        source,
    }
}

/// Set once the terminal has been given back, so that it is given back once: leaving the alternate screen a
/// second time would move the cursor back over what the panic message printed.
static RESTORED: AtomicBool = AtomicBool::new(false);

fn restore_once() {
    if !RESTORED.swap(true, Ordering::SeqCst) {
        // Errors here cannot be reported anywhere useful: the terminal is what failed.
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Gives the terminal back however the loop ends (quit, error, or unwinding after a panic).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_once();
    }
}

/// Opens the dashboard on `dataset` as of `as_of`, until the user quits.
pub fn run(
    dataset: Dataset,
    scenarios: Result<ScenarioBook, Error>,
    as_of: crate::model::Period,
    data_dir: Option<(std::path::PathBuf, Option<String>)>,
) -> Result<(), Error> {
    if !std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "看板需要在终端中运行，而标准输出不是终端：要打印指标状态表请用 planwatch status"
                .into(),
        ));
    }
    RESTORED.store(false, Ordering::SeqCst);
    let mut terminal = ratatui::try_init().map_err(|e| {
        ratatui::restore();
        terminal_error(e)
    })?;
    let _restore = Restore;
    // On a panic the terminal is given back before the message is printed, so that it can be read.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_once();
        hook(info);
    }));
    execute!(stdout(), EnableMouseCapture).map_err(terminal_error)?;
    let size = terminal.size().map_err(terminal_error)?;
    let mut app = App::new(
        dataset,
        scenarios,
        as_of.year,
        Size {
            width: size.width,
            height: size.height,
        },
        color_wanted(),
    );
    app.set_annual_period(as_of);
    app.data_dir = data_dir;
    event_loop(&mut terminal, &mut app)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<(), Error> {
    loop {
        terminal
            .draw(|frame| frame.render_widget(&*app, frame.area()))
            .map_err(terminal_error)?;
        // Wait for one event, then take every event already queued before drawing again, so that a burst
        // (held key, mouse wheel) costs one frame.
        let mut next = Some(event::read().map_err(terminal_error)?);
        while let Some(event) = next.take() {
            if let Some(event) = AppEvent::from_terminal(event) {
                update(app, event);
            }
            // A figure from the 录入数据 form goes through the record path (I/O, so here and not in `update`).
            record_io::perform_pending(app);
            if app.quit {
                return Ok(());
            }
            if event::poll(Duration::ZERO).map_err(terminal_error)? {
                next = Some(event::read().map_err(terminal_error)?);
            }
        }
    }
}
