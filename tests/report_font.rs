//! Charts on any machine: with the system's fonts hidden (a private mount namespace with an empty /usr/share/fonts,
//! and a fontconfig that knows no directory), `report` draws its PNG charts with the embedded face and puts them in
//! the Word document. Needs unshare(1) and the right to mount (root); the test skips with a message without them.

use std::process::Command;

mod support;

/// Whether this process may hide a directory in a mount namespace of its own.
fn can_hide_fonts() -> bool {
    Command::new("unshare")
        .args([
            "--mount",
            "sh",
            "-c",
            "mount -t tmpfs tmpfs /usr/share/fonts",
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn charts_are_drawn_with_the_embedded_face_where_the_system_has_no_font() {
    if !can_hide_fonts() {
        eprintln!("跳过：需要 unshare 和挂载权限（以 root 运行）以隐藏系统字体");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let fonts_conf = tmp.path().join("fonts.conf");
    std::fs::write(
        &fonts_conf,
        "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig></fontconfig>",
    )
    .unwrap();
    let out = tmp.path().join("annual");
    let binary = assert_cmd::cargo::cargo_bin("planwatch");
    let run = Command::new("unshare")
        .args([
            "--mount",
            "sh",
            "-c",
            "mount -t tmpfs tmpfs /usr/share/fonts && exec \"$@\"",
            "sh",
        ])
        .arg(&binary)
        .args([
            "report", "--kind", "annual", "--as-of", "2026", "--format", "docx,md", "--out",
        ])
        .arg(&out)
        .env("FONTCONFIG_FILE", &fonts_conf)
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("PNG 图表字体：Noto Sans CJK SC（内置字体）"),
        "{stderr}"
    );
    assert!(!stderr.contains("未生成 PNG"), "{stderr}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let charts = md.matches("](charts/").count();
    let pngs = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert!(
        charts > 0 && pngs >= charts,
        "{pngs} PNG for {charts} charts"
    );
    // Every chart of the text is a picture of the Word document.
    let docx = std::fs::File::open(out.join("report.docx")).unwrap();
    let zip = zip::ZipArchive::new(docx).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .collect();
    let media = names
        .iter()
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .count();
    assert_eq!(media, charts, "{names:?}");
}
