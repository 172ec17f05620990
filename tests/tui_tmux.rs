//! The real binary in a real terminal (tmux): it opens, shows indicator names and statuses, opens an indicator,
//! changes a scenario value, quits with `q`, and leaves the terminal usable: main screen back, no mouse
//! reporting, line editing and echo on.
//!
//! Skipped, with a message, where tmux is not installed (CI installs it: `.ci/run`).

mod tui_support;

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A tmux server of our own (its own socket), killed when the test ends however it ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(width: u16, height: u16) -> Option<Tmux> {
        let available = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !available {
            eprintln!(
                "SKIPPED: tmux is not installed; install tmux to drive the dashboard in a terminal"
            );
            return None;
        }
        // One server per test: tests run in parallel, and other tmux users must not be disturbed.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let tmux = Tmux {
            socket: format!("planwatch-test-{}-{n}", std::process::id()),
        };
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "-s",
            "t",
            "env",
            "PS1=$ ",
            "sh",
        ]);
        assert!(out.status.success(), "{out:?}");
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs the binary on the fixture data from the shell, followed by `then` (a shell command), and waits for
    /// the dashboard. The data directory lives as long as the returned guard.
    fn launch(&self, args: &str, then: &str) -> tempfile::TempDir {
        let data = tui_support::data_dir();
        let binary = env!("CARGO_BIN_EXE_planwatch");
        self.type_text(&format!(
            "{binary} {args} --data '{}'; {then}",
            data.path().display()
        ));
        self.keys(&["Enter"]);
        self.wait_for("显示 31/31 项");
        data
    }

    /// As `launch`, on the fixture with the test-only annual plan of `tests/fixtures/annual/` added.
    fn launch_annual(&self, args: &str, then: &str) -> tempfile::TempDir {
        let data = tui_support::data_dir();
        let overlay = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/annual/history/context");
        for entry in std::fs::read_dir(overlay).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(
                entry.path(),
                data.path().join("history/context").join(entry.file_name()),
            )
            .unwrap();
        }
        let binary = env!("CARGO_BIN_EXE_planwatch");
        self.type_text(&format!(
            "{binary} {args} --data '{}'; {then}",
            data.path().display()
        ));
        self.keys(&["Enter"]);
        self.wait_for("显示 31/31 项");
        data
    }

    /// Types text literally (no key names).
    fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    /// Sends tmux key names (Enter, Escape, Right …).
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            assert!(self.run(&["send-keys", "-t", "t", key]).status.success());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// A tmux format value of the pane, e.g. whether the alternate screen or mouse reporting is on.
    fn flag(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen shows `text` (the dashboard redraws asynchronously).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited 20 s for “{text}”; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn the_dashboard_runs_in_a_terminal_and_gives_it_back() {
    let Some(tmux) = Tmux::start(120, 40) else {
        return;
    };
    // `printf` prints AFTER-EXIT only when it runs: the typed command line shows the format, not the word.
    let _data = tmux.launch("--as-of 2027", "printf 'AFTER-%s\\n' EXIT");
    // Opens, with names and statuses; the terminal is in the alternate screen with mouse reporting.
    let screen = tmux.screen();
    for text in [
        "地区生产总值(GDP)增长",
        "常住人口城镇化率",
        "▼ 滞后",
        "✖ 严重滞后",
        "✔ 提前实现",
        "约束性预警：25",
    ] {
        assert!(screen.contains(text), "“{text}” missing:\n{screen}");
    }
    assert_eq!(tmux.flag("#{alternate_on}"), "1");
    assert_eq!(tmux.flag("#{mouse_any_flag}"), "1");

    // One keystroke into an indicator.
    tmux.keys(&["j", "j", "Enter"]);
    let screen = tmux.wait_for("走势（截至 2027 年）");
    assert!(screen.contains("3 常住人口城镇化率"), "{screen}");
    assert!(screen.contains("比值 R"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("显示 31/31 项");

    // The scenario panel: one key changes the growth rate, and the outcome with it.
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("情景模拟");
    assert!(
        screen.contains("每年 5%") && screen.contains("29368.5 亿元"),
        "{screen}"
    );
    tmux.keys(&["Right"]);
    let screen = tmux.wait_for("每年 5.1%");
    assert!(screen.contains("29508.6 亿元"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("显示 31/31 项");

    // Quit with q: the shell gets the main screen back and runs the next command.
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("AFTER-EXIT");
    assert!(
        !screen.contains("显示 31/31 项"),
        "the dashboard is still on screen:\n{screen}"
    );
    assert_eq!(tmux.flag("#{alternate_on}"), "0");
    assert_eq!(tmux.flag("#{mouse_any_flag}"), "0");
    tmux.type_text("stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | sed 's/^/MODE:/'");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("MODE:echo");
    assert!(screen.contains("MODE:icanon"), "{screen}");
    assert!(
        !screen.contains("MODE:-icanon") && !screen.contains("MODE:-echo"),
        "{screen}"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let Some(tmux) = Tmux::start(80, 24) else {
        return;
    };
    let _data = tmux.launch("tui", "printf 'CODE-%s\\n' $?");
    tmux.keys(&["/", "g", "d", "p"]);
    tmux.wait_for("搜索（名称或序号）：gdp");
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("CODE-0");
    assert!(!screen.contains("显示 31/31 项"), "{screen}");
    assert_eq!(tmux.flag("#{alternate_on}"), "0");
    assert_eq!(tmux.flag("#{mouse_any_flag}"), "0");
}

/// The annual plan view: `a` opens it on the as-of period's verdicts, ↓ shows a line's working, Esc goes back.
#[test]
fn the_annual_plan_view_in_a_terminal() {
    let Some(tmux) = Tmux::start(120, 40) else {
        return;
    };
    let _data = tmux.launch_annual("--as-of 2026H1", "printf 'AFTER-%s\\n' EXIT");
    tmux.wait_for("截至 2026 年上半年");
    tmux.keys(&["a"]);
    let screen = tmux.wait_for("杭州市2026年国民经济和社会发展计划");
    for text in [
        "市人代会审定的41项指标中，32项指标有半年度数据",
        "● 符合时序进度 23",
        "▼ 滞后于时序进度 9",
        "地区生产总值(GDP)增长",
        "对目标线 5%",
    ] {
        assert!(screen.contains(text), "“{text}” missing:\n{screen}");
    }
    tmux.keys(&["j", "j"]);
    let screen = tmux.wait_for("时序进度：按季节性");
    assert!(screen.contains("完成比例"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("显示 31/31 项");
    tmux.keys(&["q"]);
    tmux.wait_for("AFTER-EXIT");
    assert_eq!(tmux.flag("#{alternate_on}"), "0");
}

#[test]
fn resizing_redraws_and_a_tiny_terminal_gets_a_notice() {
    let Some(tmux) = Tmux::start(100, 30) else {
        return;
    };
    let _data = tmux.launch("", "printf 'AFTER-%s\\n' EXIT");
    assert!(
        tmux.run(&["resize-window", "-t", "t", "-x", "30", "-y", "8"])
            .status
            .success()
    );
    tmux.wait_for("终端窗口太小");
    assert!(
        tmux.run(&["resize-window", "-t", "t", "-x", "80", "-y", "24"])
            .status
            .success()
    );
    tmux.wait_for("显示 31/31 项");
    tmux.keys(&["q"]);
    tmux.wait_for("AFTER-EXIT");
}

/// Without a terminal, `planwatch` prints the status table as of the year asked for, and `planwatch tui`
/// says it needs one; a bad year is refused before the terminal is touched.
#[test]
fn without_a_terminal_the_table_is_printed_and_tui_explains() {
    let data = tui_support::data_dir();
    let dir = data.path().to_str().unwrap();
    let planwatch = || assert_cmd::Command::cargo_bin("planwatch").unwrap();
    let out = planwatch()
        .args(["--data", dir, "--as-of", "2027"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("截至 2027 年"), "{text}");
    assert!(text.contains("✖ 严重滞后"), "{text}");
    planwatch()
        .args(["tui", "--data", dir])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("终端"));
    planwatch()
        .args(["tui", "--as-of", "2040"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("2025–2030"));
}

/// SIGTERM, SIGHUP and SIGINT sent from outside (not typed): the dashboard ends and gives the terminal back —
/// main screen, no mouse reporting, line editing and echo on.
#[test]
fn signals_from_outside_restore_the_terminal() {
    for signal in ["TERM", "HUP", "INT"] {
        let Some(tmux) = Tmux::start(100, 30) else {
            return;
        };
        let _data = tmux.launch("tui", "printf 'CODE-%s\\n' $?");
        assert_eq!(tmux.flag("#{alternate_on}"), "1");
        // The dashboard is the shell's only child: the test's own process, found by its parent.
        let shell = tmux.flag("#{pane_pid}");
        let out = Command::new("ps")
            .args(["-o", "pid=", "--ppid", &shell])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(
            !pid.is_empty() && !pid.contains('\n'),
            "one child expected: {pid:?}"
        );
        let sent = Command::new("kill")
            .args(["-s", signal, &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let screen = tmux.wait_for("CODE-");
        assert!(!screen.contains("显示 31/31 项"), "SIG{signal}:\n{screen}");
        assert_eq!(tmux.flag("#{alternate_on}"), "0", "SIG{signal}");
        assert_eq!(tmux.flag("#{mouse_any_flag}"), "0", "SIG{signal}");
        tmux.type_text("stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | sed 's/^/MODE:/'");
        tmux.keys(&["Enter"]);
        let screen = tmux.wait_for("MODE:echo");
        assert!(
            screen.contains("MODE:icanon") && !screen.contains("MODE:-icanon"),
            "SIG{signal}:\n{screen}"
        );
    }
}

/// A terminal that disappears without a signal reaching the dashboard (the shell in between keeps it): the
/// dashboard ends instead of spinning on end-of-file.
#[test]
fn a_vanished_terminal_ends_the_dashboard() {
    let Some(tmux) = Tmux::start(100, 30) else {
        return;
    };
    let _data = tmux.launch("tui", "true");
    assert_eq!(tmux.flag("#{alternate_on}"), "1");
    let shell = tmux.flag("#{pane_pid}");
    let out = Command::new("ps")
        .args(["-o", "pid=", "--ppid", &shell])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty() && !pid.contains('\n'), "one child: {pid:?}");
    // The shell ignores the hang-up and so passes none on: the dashboard only sees its terminal vanish.
    Command::new("kill")
        .args(["-s", "STOP", &shell])
        .status()
        .unwrap();
    tmux.run(&["kill-server"]);
    Command::new("kill")
        .args(["-s", "KILL", &shell])
        .status()
        .unwrap();
    let gone = |pid: &str| !std::path::Path::new(&format!("/proc/{pid}")).exists();
    let start = Instant::now();
    while !gone(&pid) && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let ended = gone(&pid);
    if !ended {
        Command::new("kill")
            .args(["-s", "KILL", &pid])
            .status()
            .unwrap();
    }
    assert!(
        ended,
        "the dashboard kept running after its terminal vanished"
    );
}

/// `TERM=dumb`: no full-screen drawing, the plain table instead, with the reason.
#[test]
fn a_dumb_terminal_gets_the_plain_table() {
    let Some(tmux) = Tmux::start(120, 40) else {
        return;
    };
    let data = tui_support::data_dir();
    tmux.type_text(&format!(
        "TERM=dumb {} --data '{}'; printf 'CODE-%s\\n' $?",
        env!("CARGO_BIN_EXE_planwatch"),
        data.path().display()
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for("CODE-0");
    // The message comes first, above the table: read the scrollback too.
    let out = tmux.run(&["capture-pane", "-p", "-S", "-500", "-t", "t"]);
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("终端类型为 dumb"), "{screen}");
    assert!(screen.contains("常住人口城镇化率"), "{screen}");
    assert!(!screen.contains('\u{1b}'), "{screen}");
    assert_eq!(tmux.flag("#{alternate_on}"), "0");
}
