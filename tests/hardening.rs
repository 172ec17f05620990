//! The reproducers of the reliability pass, each on the real binary and under a timeout: odd data directories,
//! long history files, huge values, control characters, CSV injection, unsafe `--out`, and the exact messages.

mod support;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;
use support::planwatch;

/// Every run here must end quickly: a hang is a failure, not a stuck test.
const LIMIT: Duration = Duration::from_secs(30);

/// A copy of the shipped data in a temporary directory.
fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["indicators", "history", "scenarios"] {
        copy(&root.join(sub), &dir.path().join(sub));
    }
    dir
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn run(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    planwatch()
        .arg("--data")
        .arg(dir)
        .args(args)
        .timeout(LIMIT)
        .assert()
}

#[cfg(unix)]
#[test]
fn self_symlinks_in_history_do_not_hang() {
    let d = shipped_copy();
    std::os::unix::fs::symlink(".", d.path().join("history/a")).unwrap();
    std::os::unix::fs::symlink(".", d.path().join("history/b")).unwrap();
    for command in ["validate", "status"] {
        run(d.path(), &[command])
            .code(2)
            .stderr(predicate::str::contains("history/a").or(predicate::str::is_empty()))
            .stdout(predicate::str::contains("history/a").or(predicate::str::is_empty()));
    }
    run(d.path(), &["validate"]).code(2).stdout(
        predicate::str::contains("history/b:1:1").and(predicate::str::contains("已经读过的目录")),
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_and_a_loop_are_problems_with_exit_2() {
    let d = shipped_copy();
    let fifo = std::ffi::CString::new(d.path().join("history/context/pipe.toml").to_str().unwrap())
        .unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("/dev/zero", d.path().join("history/zero.toml")).unwrap();
    std::os::unix::fs::symlink("loop.toml", d.path().join("indicators/loop.toml")).unwrap();
    run(d.path(), &["validate"]).code(2).stdout(
        predicate::str::contains("history/context/pipe.toml:1:1: 不是普通文件（命名管道）")
            .and(predicate::str::contains(
                "history/zero.toml:1:1: 不是普通文件（设备文件）",
            ))
            .and(predicate::str::contains(
                "indicators/loop.toml:1:1: 符号链接循环",
            )),
    );
    run(d.path(), &["status"])
        .code(2)
        .stderr(predicate::str::contains("命名管道"));
}

#[cfg(unix)]
#[test]
fn font_from_a_device_is_refused_at_once() {
    let out = tempfile::tempdir().unwrap();
    planwatch()
        .args([
            "report",
            "--kind",
            "annual",
            "--as-of",
            "2026",
            "--font",
            "/dev/zero",
            "--out",
        ])
        .arg(out.path().join("r"))
        .timeout(LIMIT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("不是普通文件"));
    assert!(!out.path().join("r").exists());
}

#[test]
fn a_file_over_the_size_limit_is_a_problem() {
    let d = shipped_copy();
    let mut big = "context = \"big\"\nname = \"大文件\"\nunit = \"%\"\n"
        .as_bytes()
        .to_vec();
    big.extend(vec![b'#'; 2 * 1024 * 1024]);
    fs::write(d.path().join("history/context/big.toml"), big).unwrap();
    run(d.path(), &["validate"]).code(0);
    planwatch()
        .arg("--data")
        .arg(d.path())
        .arg("validate")
        .env("PLANWATCH_MAX_FILE_MIB", "1")
        .timeout(LIMIT)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "history/context/big.toml:1:1: 文件过大",
        ));
}

#[test]
fn a_long_history_file_validates_in_linear_time() {
    // 30,000 observations took about 50 s before the line index (quadratic); now well under a second in release.
    let d = shipped_copy();
    let mut text = String::from("context = \"long\"\nname = \"长序列\"\nunit = \"亿元\"\n");
    let start = chrono::NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
    for i in 0..30_000u64 {
        write!(
            text,
            "\n[[observation]]\nperiod = \"{}\"\nvalue = {i}.5\nstatus = \"final\"\nsource = \"测试\"\nrecorded = {}\n",
            1950 + i % 150,
            start + chrono::Days::new(i)
        )
        .unwrap();
    }
    // One bad entry at the end: its line must still be exact.
    text.push_str("\n[[observation]]\nperiod = \"2026\"\nvalue = \"x\"\nstatus = \"final\"\nsource = \"测试\"\nrecorded = 2026-01-01\n");
    let lines = text.lines().count();
    fs::write(d.path().join("history/context/long.toml"), text).unwrap();
    run(d.path(), &["validate"])
        .code(2)
        .stdout(predicate::str::contains(format!(
            "history/context/long.toml:{}:9: 字段 observation[30001].value",
            lines - 3
        )));
}

#[test]
fn the_other_plans_history_is_validated_too() {
    let d = shipped_copy();
    let file = d.path().join("history/hangzhou-14th/air-quality.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replacen("status = \"", "status = \"typo", 1)).unwrap();
    run(d.path(), &["validate"])
        .code(2)
        .stdout(predicate::str::contains(
            "history/hangzhou-14th/air-quality.toml:",
        ));
    run(d.path(), &["status"]).code(2);
}

#[test]
fn huge_values_and_far_periods_are_refused() {
    let d = shipped_copy();
    let file = d.path().join("history/context/urbanisation.toml");
    let text = fs::read_to_string(&file).unwrap();
    let bad = text.replacen("value = ", "value = 1e308 # ", 1).replacen(
        "period = \"",
        "period = \"9999\" # \"",
        1,
    );
    fs::write(&file, bad).unwrap();
    run(d.path(), &["validate"]).code(2).stdout(
        predicate::str::contains("超出合理范围（1949–2100 年）").and(predicate::str::contains(
            "超出合理范围（绝对值不超过 1e15）",
        )),
    );
}

#[test]
fn control_characters_are_refused_and_never_printed() {
    let d = shipped_copy();
    let file = d.path().join("indicators/hangzhou-15th.toml");
    let text = fs::read_to_string(&file).unwrap();
    let bad = text.replacen(
        "name = \"地区生产总值",
        "name = \"\\u001b[2J\\u001b]0;pwned\\u0007地区生产总值",
        1,
    );
    assert_ne!(bad, text);
    fs::write(&file, bad).unwrap();
    let out = run(d.path(), &["validate"]).code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("U+001B"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    let out = run(d.path(), &["status"]).code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn a_non_utf8_file_gets_a_line_and_the_others_are_still_listed() {
    let d = shipped_copy();
    let mut bytes = b"context = \"gbk\"\nname = \"".to_vec();
    bytes.extend([0xB3, 0xC7, 0xD5, 0xF2]); // 城镇 in GBK
    bytes.extend(b"\"\nunit = \"%\"\n");
    fs::write(d.path().join("history/context/gbk.toml"), bytes).unwrap();
    fs::write(d.path().join("history/context/broken.toml"), "context = ").unwrap();
    run(d.path(), &["validate"]).code(2).stdout(
        predicate::str::contains("history/context/gbk.toml:2:9: 不是 UTF-8")
            .and(predicate::str::contains("history/context/broken.toml:1:")),
    );
}

#[test]
fn csv_gets_a_bom_in_a_file_and_formulas_are_neutralised() {
    let d = shipped_copy();
    let file = d.path().join("indicators/hangzhou-15th.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen(
            "name = \"全员劳动生产率\"",
            "name = \"=HYPERLINK(\\\"http://x\\\")\"",
            1,
        ),
    )
    .unwrap();
    let piped = run(d.path(), &["list", "--format", "csv"]).success();
    let piped = String::from_utf8(piped.get_output().stdout.clone()).unwrap();
    assert!(!piped.starts_with('\u{feff}'));
    assert!(
        piped.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{piped}"
    );
    let bom = run(d.path(), &["list", "--format", "csv", "--bom"]).success();
    assert!(bom.get_output().stdout.starts_with("\u{feff}".as_bytes()));
    // Written to a file: the byte-order mark comes by itself.
    let out = tempfile::NamedTempFile::new().unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("planwatch"))
        .args(["status", "--format", "csv"])
        .stdout(fs::File::create(out.path()).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        fs::read(out.path())
            .unwrap()
            .starts_with("\u{feff}".as_bytes())
    );
}

#[test]
fn report_force_never_deletes_a_users_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let mydocs = tmp.path().join("mydocs");
    fs::create_dir(&mydocs).unwrap();
    fs::write(mydocs.join("report.md"), "x").unwrap();
    fs::write(mydocs.join("thesis.docx"), "p").unwrap();
    planwatch()
        .args([
            "report", "--kind", "annual", "--as-of", "2026", "--force", "--out",
        ])
        .arg(&mydocs)
        .timeout(LIMIT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("即使加 --force 也不会覆盖"));
    assert_eq!(fs::read_to_string(mydocs.join("thesis.docx")).unwrap(), "p");
}

#[test]
fn messages_are_exact() {
    planwatch()
        .args([
            "report",
            "--kind",
            "annual",
            "--as-of",
            "2026",
            "--out",
            "/etc/passwd/x",
        ])
        .timeout(LIMIT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/etc/passwd 是文件而不是目录"));
    planwatch()
        .args(["--data", "/etc/passwd", "status"])
        .timeout(LIMIT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/etc/passwd 不是目录"));
    planwatch()
        .args(["--data", "/nonexistent/planwatch", "status"])
        .timeout(LIMIT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "找不到数据目录 /nonexistent/planwatch",
        ));
    planwatch()
        .args(["status", "--as-of", "-1"])
        .timeout(LIMIT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("“-1”不是有效的时期"));
    planwatch()
        .args([
            "scenario",
            "--simulate",
            "--fit-from",
            "2025",
            "--fit-to",
            "2020",
            "--paths",
            "100",
        ])
        .timeout(LIMIT)
        .assert()
        .failure()
        .stderr(predicate::str::contains("拟合年份范围颠倒"));
    let out = planwatch()
        .args(["explain", "3", "--format", "csv"])
        .timeout(LIMIT)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("项目,内容\n指标,3 常住人口城镇化率\n"),
        "{text}"
    );
}

/// The kill -9 test of `report --force`: a run killed at any moment leaves `--out` holding a complete report
/// (old or new), and the next run leaves no temporaries.
#[cfg(unix)]
#[test]
fn kill_9_during_report_force_leaves_a_complete_report() {
    let runs: usize = std::env::var("PLANWATCH_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    let bin = assert_cmd::cargo::cargo_bin("planwatch");
    let data = support::fixture("report");
    let command = |stamp: bool| {
        let mut c = std::process::Command::new(&bin);
        c.args([
            "--data", &data, "report", "--kind", "midterm", "--as-of", "2028", "--force", "--out",
        ])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
        if stamp {
            c.arg("--stamp");
        }
        c
    };
    let started = std::time::Instant::now();
    assert!(command(false).status().unwrap().success());
    let full = started.elapsed();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for i in 0..runs {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        // Most kills land late, where the files are written and swapped.
        let delay = full.mul_f64(0.5 + (rng % 1000) as f64 / 1000.0 * 0.7);
        let mut child = command(i % 2 == 0).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        assert_complete(&out);
    }
    assert!(command(false).status().unwrap().success());
    assert_complete(&out);
    let stray: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "r")
        .collect();
    assert!(stray.is_empty(), "left behind: {stray:?}");
}

/// Every file the manifest lists is there with its size, and nothing else is.
fn assert_complete(out: &Path) {
    let manifest = fs::read_to_string(out.join(".planwatch-report"))
        .unwrap_or_else(|e| panic!("{} holds no complete report: {e}", out.display()));
    let mut listed = 0;
    for line in manifest.lines().skip(1) {
        let mut parts = line.splitn(3, ' ');
        let (_, size, name) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
        let meta = fs::metadata(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(meta.len(), size.parse::<u64>().unwrap(), "{name}");
        listed += 1;
    }
    assert!(listed > 3 && out.join("report.html").is_file());
}
