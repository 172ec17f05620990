//! Renames the report writer's directory swap needs, through `rustix` (`renameat2` on Linux), with a fallback of
//! plain renames where the system cannot; and whether a process still runs (to clean up after killed runs).

use std::path::Path;

#[cfg(target_os = "linux")]
fn renameat2(from: &Path, to: &Path, flags: rustix::fs::RenameFlags) -> std::io::Result<()> {
    rustix::fs::renameat_with(rustix::fs::CWD, from, rustix::fs::CWD, to, flags)
        .map_err(std::io::Error::from)
}

#[cfg(target_os = "linux")]
fn unsupported(e: &std::io::Error) -> bool {
    let code = e.raw_os_error();
    code == Some(rustix::io::Errno::INVAL.raw_os_error())
        || code == Some(rustix::io::Errno::NOSYS.raw_os_error())
}

/// Renames `from` to `to`, failing with `AlreadyExists` if `to` appeared meanwhile.
pub fn no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    match renameat2(from, to, rustix::fs::RenameFlags::NOREPLACE) {
        Err(e) if unsupported(&e) => {}
        other => return other,
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    std::fs::rename(from, to)
}

/// Exchanges two directories in one step; where the system cannot, moves `to` aside under `from`'s name
/// first (two renames, so that the caller's lock is what keeps others out).
pub fn exchange(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    match renameat2(from, to, rustix::fs::RenameFlags::EXCHANGE) {
        Err(e) if unsupported(&e) => {}
        other => return other,
    }
    let aside = from.with_extension("old");
    std::fs::rename(to, &aside)?;
    if let Err(e) = std::fs::rename(from, to) {
        let _ = std::fs::rename(&aside, to);
        return Err(e);
    }
    std::fs::rename(&aside, from)
}

/// Whether the process `pid` still runs (one that belongs to someone else counts).
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(e) => e == rustix::io::Errno::PERM,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_and_refuses_to_replace() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        let b = tmp.path().join("b");
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "a").unwrap();
        exchange(&a, &b).unwrap();
        assert!(b.join("x").exists() && !a.join("x").exists());
        let e = no_replace(&a, &b).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert!(alive(std::process::id()));
        assert!(!alive(u32::MAX / 2));
    }
}
