//! The terminal dashboard: state ([`app`]), a pure update step ([`update`]) and rendering ([`view`]), joined by
//! the run loop below, which is the only part that touches the terminal.
//!
//! The terminal is always given back, once: on quit and on error (the guard's `Drop`), on panic (a hook that
//! runs before the message is printed), on Ctrl-C, which raw mode delivers as a key that `update` turns
//! into quit, and on SIGTERM, SIGHUP and SIGINT sent from outside, which set a flag the loop checks between
//! events. A terminal that cannot draw (`TERM=dumb`) gets no dashboard: see [`dumb_terminal`].

pub mod app;
pub mod keys;
pub mod record_form;
pub mod record_io;
pub mod regions;
pub mod scenario;
pub mod units;
pub mod update;
pub mod view;

use std::io::{IsTerminal, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use app::{App, Screen, Size};
pub use regions::RegionsPanel;
pub use update::{AppEvent, update};

use crate::error::Error;
use crate::model::Dataset;
use crate::scenario::ScenarioBook;

/// Set by SIGTERM, SIGHUP or SIGINT: the loop ends and the terminal is given back.
static STOP: AtomicBool = AtomicBool::new(false);

/// How often the loop looks at [`STOP`] while no key comes.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Whether the terminal cannot draw a full-screen dashboard (`TERM=dumb`, as in Emacs shells or some CI logs).
pub fn dumb_terminal() -> bool {
    std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// Catches the signals that would otherwise end the process with the terminal still in raw mode, on the
/// alternate screen and reporting the mouse; given back (unregistered) when dropped.
struct Signals(Vec<signal_hook::SigId>);

impl Signals {
    fn catch() -> Result<Signals, Error> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        STOP.store(false, Ordering::SeqCst);
        let mut ids = Vec::new();
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            ids.push(signal_hook::flag::register(signal, &STOP).map_err(terminal_error)?);
        }
        Ok(Signals(ids))
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.0.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

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

/// Opens the dashboard on `dataset` as of `as_of`, until the user quits. With `regions`, the regions view
/// compares them and can switch the dashboard to another region's plan.
pub fn run(
    dataset: Dataset,
    scenarios: Result<ScenarioBook, Error>,
    as_of: crate::model::Period,
    data_dir: Option<(std::path::PathBuf, Option<String>)>,
    regions: Option<RegionsPanel>,
    today: chrono::NaiveDate,
) -> Result<(), Error> {
    if !std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "看板需要在终端中运行，而标准输出不是终端：要打印指标状态表请用 planwatch status"
                .into(),
        ));
    }
    if dumb_terminal() {
        return Err(Error::Usage(
            "终端类型为 dumb，无法显示全屏看板：要查看指标状态表请用 planwatch status".into(),
        ));
    }
    // Caught before the terminal changes, so that no moment is left where a signal would leave it changed.
    let _signals = Signals::catch()?;
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
    app.regions = regions;
    app.set_annual_period(as_of);
    app.data_dir = data_dir;
    app.today = today;
    watch_terminal();
    event_loop(&mut terminal, &mut app)
}

/// Blanks any cell holding a control character: the data are checked for them, and whatever slips through must
/// still not clear the screen or retitle the window.
pub fn strip_controls(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(crate::text::is_control) {
            cell.set_symbol(" ");
        }
    }
}

/// Switches the whole dashboard to the plan the regions view asked for: loads it (the only I/O outside the
/// loop's terminal calls), keeps the as-of year where the plan covers it, and opens its overview. A plan that
/// cannot be read leaves the dashboard as it was, with a message.
pub fn apply_switch(app: &mut App) {
    let Some(id) = app.switch_to.take() else {
        return;
    };
    let Some(panel) = app.regions.take() else {
        return;
    };
    match crate::load::load(&panel.source, Some(&id)) {
        Ok(dataset) => {
            let plan = &dataset.plan;
            let as_of = if (plan.baseline_year..=plan.end_year).contains(&app.as_of()) {
                app.as_of()
            } else {
                dataset.default_as_of()
            };
            let message = format!("已切换到{}（{}）", plan.region, plan.short_name);
            let scenarios = crate::load::load_book(&panel.source);
            let mut next = App::new(dataset, scenarios, as_of, app.size, app.color);
            next.regions = Some(panel);
            next.today = app.today;
            // Figures taken in the dashboard now go to the new plan's files.
            next.data_dir = app.data_dir.take().map(|(dir, _)| (dir, Some(id)));
            next.message = Some(message);
            *app = next;
        }
        Err(e) => {
            app.message = Some(format!("无法打开该地区的规划：{e}"));
            app.regions = Some(panel);
        }
    }
}

/// Whether the dashboard still has its terminal: a hung-up terminal is no longer one.
fn terminal_present() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Ends the process when its terminal goes away without a signal reaching it (the window closed while a shell in
/// between kept the hang-up to itself). The terminal then reads as endless end-of-file, on which crossterm's
/// reader spins at full CPU inside `poll` and never returns to the loop, so the check runs on its own thread.
/// There is nothing left to restore: the terminal is gone.
fn watch_terminal() {
    std::thread::spawn(|| {
        while terminal_present() {
            std::thread::sleep(Duration::from_millis(250));
        }
        // 128 + SIGHUP, as if the hang-up had reached us.
        std::process::exit(129);
    });
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<(), Error> {
    loop {
        terminal
            .draw(|frame| {
                frame.render_widget(&*app, frame.area());
                strip_controls(frame.buffer_mut());
            })
            .map_err(terminal_error)?;
        // Wait for one event (looking at the signal flag now and then), then take every event already queued
        // before drawing again, so that a burst (held key, mouse wheel) costs one frame.
        loop {
            if STOP.load(Ordering::SeqCst) {
                return Ok(());
            }
            match event::poll(SIGNAL_POLL) {
                Ok(true) => break,
                Ok(false) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(terminal_error(e)),
            }
        }
        let mut next = Some(event::read().map_err(terminal_error)?);
        while let Some(event) = next.take() {
            if let Some(event) = AppEvent::from_terminal(event) {
                update(app, event);
            }
            // A figure from the 录入数据 form goes through the record path (I/O, so here and not in `update`).
            record_io::perform_pending(app);
            if app.quit || STOP.load(Ordering::SeqCst) {
                return Ok(());
            }
            apply_switch(app);
            if event::poll(Duration::ZERO).map_err(terminal_error)? {
                next = Some(event::read().map_err(terminal_error)?);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
        buffer.set_string(0, 0, "名", ratatui::style::Style::default());
        buffer[(2, 0)].set_symbol("\u{1b}");
        buffer[(3, 0)].set_symbol("\u{9b}");
        super::strip_controls(&mut buffer);
        let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(text, "名   ");
    }
}
