//! Writes that never lose a figure (issue 18), with the real binary on copies of the shipped data: parallel
//! writers, every layout of a history file, permissions, limits on the way in, special output targets, the lock
//! held by another process, a journal that names files outside the data, and the regions cache.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{data_copy, planwatch};

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("planwatch")
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planwatch()
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    text(&out)
}

fn text(out: &Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// The urbanisation series' file (indicator 3).
const URBAN: &str = "history/context/urbanisation.toml";

/// (period, value) of every observation in a history file.
fn observations(path: &Path) -> Vec<(String, f64)> {
    let text = std::fs::read_to_string(path).unwrap();
    let table: toml::Table = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .parse()
        .unwrap();
    table["observation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["period"].as_str().unwrap().to_string(),
                o["value"].as_float().unwrap(),
            )
        })
        .collect()
}

fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(binary())
        .arg("--data")
        .arg(dir)
        .args(args)
        .env("PLANWATCH_LOCK_WAIT_SECS", "120")
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Eight `record`s at once into one series: every figure a run reports as recorded is in the file; a run that did
/// not write says so and exits non-zero. (Before the lock was taken before reading, 133 of 160 were lost.)
#[test]
fn eight_parallel_records_lose_no_figure() {
    let rounds = 4;
    let (mut written, mut lost, mut refused) = (0, 0, 0);
    for _ in 0..rounds {
        let tmp = data_copy();
        let dir = tmp.path();
        let children: Vec<_> = (1..=8)
            .map(|m| {
                let period = format!("2026-0{m}");
                let value = format!("85.{m}");
                let source = format!("s{m}");
                spawn(
                    dir,
                    &[
                        "record", "3", &period, &value, "--status", "预计", "--source", &source,
                    ],
                )
            })
            .collect();
        let results: Vec<_> = children
            .into_iter()
            .map(|c| text(&c.wait_with_output().unwrap()))
            .collect();
        let present = observations(&dir.join(URBAN));
        for (m, (code, out, err)) in (1..=8).zip(results) {
            let here =
                present.contains(&(format!("2026-0{m}"), format!("85.{m}").parse().unwrap()));
            if code == 0 {
                assert!(out.contains("已录入"), "{out}{err}");
                if here {
                    written += 1;
                } else {
                    lost += 1;
                }
            } else {
                assert!(!here, "a run that failed wrote: {out}{err}");
                assert!(err.contains("未") || out.contains("未"), "{out}{err}");
                refused += 1;
            }
        }
        let (code, out, err) = run(dir, &["validate"]);
        assert_eq!(code, 0, "{out}{err}");
    }
    eprintln!(
        "{rounds} rounds of 8 parallel records: {written} written, {lost} lost, {refused} refused"
    );
    assert_eq!(lost, 0, "{lost} of {} figures lost", rounds * 8);
}

/// Two `import --apply` at once, of sheets that share a file: every figure of both is in the data, or a run is
/// refused before it writes.
#[test]
fn two_parallel_imports_of_overlapping_sheets_keep_every_figure() {
    for round in 0..6 {
        let tmp = data_copy();
        let dir = tmp.path();
        let sheets = [
            // One row in both sheets, the same figure: the second run finds it there and leaves it.
            (
                "a.csv",
                [
                    ("2026-01", "85.1"),
                    ("2026-02", "85.2"),
                    ("2026-05", "85.5"),
                ],
            ),
            (
                "b.csv",
                [
                    ("2026-03", "85.3"),
                    ("2026-04", "85.4"),
                    ("2026-05", "85.5"),
                ],
            ),
        ];
        let mut children = Vec::new();
        for (name, rows) in &sheets {
            let mut csv = String::from("序号,指标,期别,数值,状态,来源\n");
            for (period, value) in rows {
                csv.push_str(&format!(
                    "3,常住人口城镇化率,{period},{value},预计,{name}\n"
                ));
            }
            let path = dir.join(name);
            std::fs::write(&path, csv).unwrap();
            children.push(spawn(dir, &["import", path.to_str().unwrap(), "--apply"]));
        }
        let results: Vec<_> = children
            .into_iter()
            .map(|c| text(&c.wait_with_output().unwrap()))
            .collect();
        let present = observations(&dir.join(URBAN));
        for ((_, rows), (code, out, err)) in sheets.iter().zip(results) {
            for (period, value) in rows {
                let here = present.contains(&(period.to_string(), value.parse().unwrap()));
                if code == 0 {
                    assert!(here, "round {round}: {period} {value} lost: {out}{err}");
                } else {
                    assert!(!here, "round {round}: a refused run wrote: {out}{err}");
                    assert!(
                        out.contains("未写入") || err.contains("未写入"),
                        "{out}{err}"
                    );
                }
            }
        }
        let all = observations(&dir.join(URBAN));
        let new = all.iter().filter(|(p, _)| p.starts_with("2026-0")).count();
        assert_eq!(new, 5, "round {round}: {all:?}");
    }
}

/// The urbanisation file rewritten with its observations as one inline array.
fn inline_layout(text: &str) -> String {
    let table: toml::Table = text.parse().unwrap();
    let mut out = String::from(
        "# 内联数组写法\ncontext = \"urbanisation\"\nname = \"常住人口城镇化率\"\nunit = \"%\"\nobservation = [\n",
    );
    for o in table["observation"].as_array().unwrap() {
        out.push_str(&format!("  {o}, # 保留的注释\n"));
    }
    out.push_str("]\n");
    out
}

fn record_2026(dir: &Path) -> (i32, String, String) {
    run(
        dir,
        &[
            "record", "3", "2026", "85.4", "--status", "预计", "--source", "测试",
        ],
    )
}

#[test]
fn record_into_an_inline_array_keeps_every_observation() {
    let tmp = data_copy();
    let dir = tmp.path();
    let path = dir.join(URBAN);
    let inline = inline_layout(&std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &inline).unwrap();
    assert_eq!(run(dir, &["validate"]).0, 0);
    let before = observations(&path);
    assert!(before.len() >= 5, "{before:?}");
    let (code, out, err) = record_2026(dir);
    assert_eq!(code, 0, "{out}{err}");
    let after = observations(&path);
    assert_eq!(&after[..before.len()], &before[..]);
    assert_eq!(after.last().unwrap(), &("2026".to_string(), 85.4));
    let text = std::fs::read_to_string(&path).unwrap();
    let without_new: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("source = \"测试\""))
        .collect();
    assert_eq!(without_new, inline.lines().collect::<Vec<_>>(), "{text}");
    assert_eq!(text.matches("# 保留的注释").count(), before.len());
    assert_eq!(run(dir, &["validate"]).0, 0);
}

/// Mixed: observations as an inline array, annual targets as tables after it.
#[test]
fn record_into_a_mixed_layout_keeps_every_entry() {
    let tmp = data_copy();
    let dir = tmp.path();
    let path = dir.join(URBAN);
    let mixed = format!(
        "{}\n[[annual_target]]\nyear = 2026\nvalue = 85.5\ntext = \"城镇化率达到85.5%\"\nsource = \"测试\"\nrecorded = 2026-11-23\n",
        inline_layout(&std::fs::read_to_string(&path).unwrap())
    );
    std::fs::write(&path, &mixed).unwrap();
    let (code, out, err) = run(dir, &["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    let before = observations(&path);
    let (code, out, err) = record_2026(dir);
    assert_eq!(code, 0, "{out}{err}");
    let after = observations(&path);
    assert_eq!(&after[..before.len()], &before[..]);
    assert_eq!(after.len(), before.len() + 1);
    let text = std::fs::read_to_string(&path).unwrap();
    let without_new: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("source = \"测试\", recorded"))
        .collect();
    assert_eq!(without_new, mixed.lines().collect::<Vec<_>>(), "{text}");
    let table: toml::Table = text.parse().unwrap();
    assert_eq!(table["annual_target"].as_array().unwrap().len(), 1);
    assert_eq!(run(dir, &["validate"]).0, 0);
}

#[test]
fn crlf_bom_spacing_and_comments_are_kept_byte_for_byte() {
    let tmp = data_copy();
    let dir = tmp.path();
    let path = dir.join(URBAN);
    let plain = std::fs::read_to_string(&path).unwrap();
    let odd = format!(
        "\u{feff}{}",
        plain
            .replace("[[observation]]", "[[ observation ]]  # 空格")
            .replace('\n', "\r\n")
    );
    std::fs::write(&path, &odd).unwrap();
    let (code, out, err) = run(dir, &["validate"]);
    assert_eq!(code, 0, "the loader reads the odd layout: {out}{err}");
    let before = observations(&path);
    let (code, out, err) = record_2026(dir);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(&odd),
        "everything before the new entry kept"
    );
    let added = &text[odd.len()..];
    assert!(
        !added.replace("\r\n", "").contains('\n'),
        "the new entry has CRLF line ends: {added:?}"
    );
    let after = observations(&path);
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(&after[..before.len()], &before[..]);
}

#[cfg(unix)]
#[test]
fn a_private_file_stays_private_and_a_read_only_one_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = data_copy();
    let dir = tmp.path();
    let path = dir.join(URBAN);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, out, err) = record_2026(dir);
    assert_eq!(code, 0, "{out}{err}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "record kept the file private");

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let (code, out, err) = run(
        dir,
        &[
            "record", "3", "2026H1", "85.3", "--status", "预计", "--source", "测试",
        ],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("只读") && err.contains("urbanisation.toml"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn an_overlong_text_is_refused_with_its_field_row_and_column() {
    let tmp = data_copy();
    let dir = tmp.path();
    let before = std::fs::read(dir.join(URBAN)).unwrap();
    let long = "长".repeat(4001);
    let (code, out, err) = run(
        dir,
        &[
            "record", "3", "2026", "85.4", "--status", "预计", "--source", "s", "--quote", &long,
        ],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("原文") && out.contains("过长"), "{out}{err}");
    let csv = dir.join("报送.csv");
    std::fs::write(
        &csv,
        format!(
            "序号,指标,期别,数值,状态,来源,原文\n3,常住人口城镇化率,2026,85.4,预计,公报,{long}\n"
        ),
    )
    .unwrap();
    let (code, out, err) = run(dir, &["import", csv.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("第 2 行 G 列（原文）：过长"), "{out}");
    assert_eq!(std::fs::read(dir.join(URBAN)).unwrap(), before);
}

#[test]
fn no_write_makes_a_file_the_loader_would_refuse() {
    let tmp = data_copy();
    let dir = tmp.path();
    let path = dir.join(URBAN);
    // Just under a 1 MiB limit: readable now, not after one more observation.
    let mut text = std::fs::read_to_string(&path).unwrap();
    let pad = 1024 * 1024 - text.len() - 100;
    text.push_str(&format!("# {}\n", "x".repeat(pad)));
    std::fs::write(&path, &text).unwrap();
    let limited = |args: &[&str]| {
        text_of(
            planwatch()
                .env("PLANWATCH_MAX_FILE_MIB", "1")
                .arg("--data")
                .arg(dir)
                .args(args)
                .output()
                .unwrap(),
        )
    };
    assert_eq!(limited(&["validate"]).0, 0);
    let (code, out, err) = limited(&[
        "record", "3", "2026", "85.4", "--status", "预计", "--source", "测试",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("读取上限"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(limited(&["validate"]).0, 0);
}

fn text_of(out: Output) -> (i32, String, String) {
    text(&out)
}

#[cfg(unix)]
#[test]
fn special_output_targets_are_refused_even_with_force() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = data_copy();
    let dir = tmp.path();
    let fifo = dir.join("pipe.xlsx");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .unwrap();
    let folder = dir.join("folder.xlsx");
    std::fs::create_dir(&folder).unwrap();
    for command in ["export", "template"] {
        for target in [&fifo, &folder] {
            let (code, out, err) = run(
                dir,
                &[command, "--out", target.to_str().unwrap(), "--force"],
            );
            assert_eq!(code, 2, "{command} {}: {out}{err}", target.display());
            assert!(
                err.contains("不是普通文件") && err.contains("不会替换"),
                "{command}: {err}"
            );
        }
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(folder.is_dir() && std::fs::read_dir(&folder).unwrap().next().is_none());
    // A regular file is still replaced with --force, and only then.
    let out_file = dir.join("监测.xlsx");
    assert_eq!(
        run(dir, &["export", "--out", out_file.to_str().unwrap()]).0,
        0
    );
    assert_eq!(
        run(dir, &["export", "--out", out_file.to_str().unwrap()]).0,
        2
    );
    assert_eq!(
        run(
            dir,
            &["export", "--out", out_file.to_str().unwrap(), "--force"]
        )
        .0,
        0
    );
}

/// With the lock held by another process, `record` says who holds it and gives up with exit status 2 within
/// 10 s (it used to wait for ever, silently).
#[test]
fn a_held_lock_is_named_and_given_up_on() {
    let tmp = data_copy();
    let dir = tmp.path();
    let held = planwatch::durable::DataLock::acquire(dir, |_| {}).unwrap();
    let started = Instant::now();
    let mut child = Command::new(binary())
        .arg("--data")
        .arg(dir)
        .args([
            "record", "3", "2026", "85.4", "--status", "预计", "--source", "s",
        ])
        .env_remove("PLANWATCH_LOCK_WAIT_SECS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let elapsed = started.elapsed();
    let (_, out, err) = text(&child.wait_with_output().unwrap());
    assert!(status.is_some(), "record waited for ever: {out}{err}");
    assert_eq!(status.unwrap().code(), Some(2), "{out}{err}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    let pid = format!("进程 {}", std::process::id());
    assert!(err.contains("等待") && err.contains(&pid), "{err}");
    assert!(err.contains("未写入任何数据"), "{err}");
    drop(held);
    let (code, out, err) = record_2026(dir);
    assert_eq!(code, 0, "{out}{err}");
}

/// A journal naming `../elsewhere/victim` moves nothing outside the data directory; a binary journal, or a
/// directory in its place, gets a Chinese message and the next command works.
#[test]
fn a_journal_cannot_be_turned_against_the_data() {
    let outer = tempfile::tempdir().unwrap();
    let tmp = data_copy();
    let dir = tmp.path();
    let victim = outer.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::write(outer.path().join("victim.planwatch-tmp"), "attack").unwrap();
    let relative = format!("{}/victim", pathdiff(outer.path(), dir));
    std::fs::write(dir.join(".planwatch-journal"), format!("{relative}\n")).unwrap();
    let (code, out, err) = run(dir, &["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(outer.path().join("victim.planwatch-tmp").exists());
    assert!(
        err.contains("写入日志") && err.contains("数据目录之外"),
        "{err}"
    );

    std::fs::write(dir.join(".planwatch-journal"), [0xff, 0xfe, 0, 0x80, 0x9c]).unwrap();
    let (code, out, err) = run(dir, &["status"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("写入日志") && err.contains("不是文本"),
        "{err}"
    );
    let (code, _, err) = run(dir, &["status"]);
    assert_eq!(code, 0);
    assert!(err.is_empty(), "the next command works quietly: {err}");

    std::fs::create_dir(dir.join(".planwatch-journal")).unwrap();
    let (code, out, err) = record_2026(dir);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("是目录"), "{err}");
}

/// `../../x` from `dir` to `target` (both absolute, siblings somewhere under the temporary directory).
fn pathdiff(target: &Path, dir: &Path) -> String {
    let depth = dir.components().count();
    let ups = "../".repeat(depth);
    format!("{ups}{}", target.strip_prefix("/").unwrap().display())
}

#[path = "../benches/support/generate.rs"]
mod generate;

/// The regions cache cannot lie: a same-size, same-mtime edit is seen, and an edited cache file is recomputed.
#[test]
fn the_regions_cache_cannot_lie() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    generate::generate(data.path(), planwatch::regions::cache::MIN_PLANS).unwrap();
    let regions = || {
        planwatch()
            .env("PLANWATCH_CACHE_DIR", cache.path())
            .arg("--data")
            .arg(data.path())
            .args(["regions", "--format", "json"])
            .output()
            .unwrap()
    };
    let cold = regions();
    assert!(
        cold.status.success(),
        "{}",
        String::from_utf8_lossy(&cold.stderr)
    );
    let cache_file = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("regions-")
        })
        .unwrap();

    // An edited cache file (the key line kept) is never shown.
    let bytes = std::fs::read(&cache_file).unwrap();
    let edited = String::from_utf8(bytes).unwrap().replacen(
        "\"plan_name\":\"",
        "\"plan_name\":\"\\u001b[31m伪造",
        1,
    );
    std::fs::write(&cache_file, &edited).unwrap();
    let warm = regions();
    assert_eq!(
        warm.stdout, cold.stdout,
        "recomputed, not read from the edited cache"
    );
    assert!(!String::from_utf8_lossy(&warm.stdout).contains("伪造"));

    // Same size, same modification time, invalid content: seen.
    let file = data.path().join("history/gen-00007/03.toml");
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("status = \"final\"", "status = \"guess\"", 1);
    assert_eq!(broken.len(), text.len());
    std::fs::write(&file, broken).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        modified
    );
    let after = regions();
    assert_eq!(
        after.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&after.stdout)
    );
    assert!(String::from_utf8_lossy(&after.stderr).contains("history/gen-00007/03.toml"));
}

/// Edits inside a symlinked region directory are seen: the directory is stamped by its target.
#[cfg(unix)]
#[test]
fn the_regions_cache_follows_symlinked_region_directories() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    generate::generate(data.path(), planwatch::regions::cache::MIN_PLANS).unwrap();
    let region = data.path().join("history/gen-00007");
    let moved = elsewhere.path().join("gen-00007");
    support::copy_dir(&region, &moved);
    std::fs::remove_dir_all(&region).unwrap();
    std::os::unix::fs::symlink(&moved, &region).unwrap();
    let regions = || {
        planwatch()
            .env("PLANWATCH_CACHE_DIR", cache.path())
            .arg("--data")
            .arg(data.path())
            .args(["regions", "--format", "json"])
            .output()
            .unwrap()
    };
    let cold = regions();
    assert!(
        cold.status.success(),
        "{}",
        String::from_utf8_lossy(&cold.stderr)
    );
    assert_eq!(regions().stdout, cold.stdout);
    let file = moved.join("03.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("status = \"final\"", "status = \"guess\"", 1),
    )
    .unwrap();
    let after = regions();
    assert_eq!(
        after.status.code(),
        Some(2),
        "the edit behind the link is seen"
    );
}

#[path = "tui_support/mod.rs"]
mod tui_support;

/// The dashboard records through the same decision and the same lock: with the lock held elsewhere, the form says
/// who holds it and nothing is written; once it is free, the figure goes in.
#[test]
fn the_dashboard_records_under_the_same_lock() {
    use planwatch::tui::record_form::Notice;
    use ratatui::crossterm::event::KeyCode;
    let tmp = tui_support::data_dir();
    let dir = tmp.path();
    let source = planwatch::load::DataSource::Dir(dir.to_path_buf());
    let mut app = planwatch::tui::App::new(
        planwatch::load::load(&source, None).unwrap(),
        planwatch::load::load_book(&source),
        tui_support::AS_OF,
        planwatch::tui::Size {
            width: 80,
            height: 24,
        },
        false,
    );
    app.data_dir = Some((dir.to_path_buf(), None));
    tui_support::type_keys(&mut app, "jj");
    tui_support::press(&mut app, KeyCode::Enter);
    tui_support::press(&mut app, KeyCode::Char('r'));
    assert!(app.record_form.is_some());
    let figure = planwatch::intake::Figure {
        indicator: "3".into(),
        period: "2025".parse().unwrap(),
        value: 85.1,
        status: planwatch::model::ObservationStatus::Final,
        source: "看板".into(),
        quote: String::new(),
        published: None,
        note: String::new(),
        accepted: None,
        explanation: None,
    };
    let before = std::fs::read(dir.join(URBAN)).unwrap();
    let held = planwatch::durable::DataLock::acquire(dir, |_| {}).unwrap();
    app.pending_record = Some(figure.clone());
    planwatch::tui::record_io::perform_pending(&mut app);
    let notice = &app.record_form.as_ref().unwrap().notice;
    let Notice::Refused(lines) = notice else {
        panic!("{notice:?}");
    };
    let pid = format!("进程 {}", std::process::id());
    assert!(
        lines[0].contains(&pid) && lines[0].contains("未写入任何数据"),
        "{lines:?}"
    );
    assert_eq!(std::fs::read(dir.join(URBAN)).unwrap(), before);
    drop(held);
    app.pending_record = Some(figure);
    planwatch::tui::record_io::perform_pending(&mut app);
    assert!(
        app.message.as_deref().unwrap_or("").contains("已录入"),
        "{:?}",
        app.message
    );
    assert!(observations(&dir.join(URBAN)).contains(&("2025".to_string(), 85.1)));
}
