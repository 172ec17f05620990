//! One file replaced atomically: a temporary file in the same directory (the `tempfile` crate), written, given the
//! old file's permissions, flushed to disk, renamed over the target (`persist`), and the directory flushed. At every
//! moment the target is the old file or the new one, never a torn one, and a file that was 600 stays 600.
//!
//! Only a regular file (or nothing) is ever replaced: a FIFO, a device, a socket or a directory at the target is
//! refused with a Chinese message and left as it is. A symbolic link is replaced by the new file, never written
//! through, and only when what it points at is a regular file (or nothing).

use std::fs::{self, File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{kind_zh, sync_dir, write_err};
use crate::error::Error;

/// The directory a file is in (`.` for a bare name).
pub(crate) fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What is at `path`: None when nothing is there, the metadata of a regular file (through a symbolic link), or
/// a refusal naming what else is there.
fn regular_or_absent(path: &Path) -> Result<Option<Metadata>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let own = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    let meta = if own.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(meta) => meta,
            // A link to nothing: replacing the link harms nothing.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        }
    } else {
        own
    };
    if meta.is_file() {
        Ok(Some(meta))
    } else {
        Err(Error::Usage(format!(
            "{} 是{}，不是普通文件：planwatch 只写普通文件，不会替换它（加 --force 也不会）；请另选一个文件名",
            path.display(),
            kind_zh(&meta)
        )))
    }
}

/// Checks an output target (`--out FILE`) before any work: refused unless absent or a regular file. Returns
/// whether a file is there (the caller asks for `--force` then).
pub fn check_output(path: &Path) -> Result<bool, Error> {
    if path.as_os_str().is_empty() {
        return Err(Error::Usage("--out 不能为空：请给出输出文件名".into()));
    }
    if path.as_os_str().to_string_lossy().ends_with('/') {
        return Err(Error::Usage(format!(
            "{} 是目录名：--out 应是一个文件名，如 监测数据.xlsx",
            path.display()
        )));
    }
    Ok(regular_or_absent(path)?.is_some())
}

/// Gives a new file the permissions (and, where allowed, the owner) of the file it replaces.
fn keep_attributes(file: &File, old: &Metadata) -> std::io::Result<()> {
    file.set_permissions(old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(new) = file.metadata()
            && (new.uid() != old.uid() || new.gid() != old.gid())
        {
            // Only root may give a file away; for anyone else the file is theirs, as any editor would leave it.
            let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        }
    }
    Ok(())
}

/// Replaces (or creates) the file at `path` with `bytes`, atomically and durably, keeping its permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let old = regular_or_absent(path)?;
    let parent = parent_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pw-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual 666 less the umask, as any program's new file does.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&parent).map_err(write_err(path))?;
    if let Some(old) = &old {
        keep_attributes(tmp.as_file(), old).map_err(write_err(path))?;
    }
    tmp.write_all(bytes).map_err(write_err(path))?;
    tmp.as_file().sync_all().map_err(write_err(path))?;
    // Again at the last moment: what was checked may have been swapped for a special file meanwhile.
    regular_or_absent(path)?;
    tmp.persist(path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    sync_dir(&parent);
    Ok(())
}

/// Writes `bytes` to a new file at `path` (which must not exist: a link or file left there is removed first)
/// with the permissions and owner of `like` (None: 666 less the umask), flushed to disk.
pub(crate) fn write_new(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> Result<(), Error> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(Error::Usage(format!(
                "{} 是目录，挡住了 planwatch 的临时文件：请删除或改名后重试",
                path.display()
            )));
        }
        Ok(_) => fs::remove_file(path).map_err(write_err(path))?,
        Err(_) => {}
    }
    let mut options = fs::OpenOptions::new();
    // create_new never follows a link and never opens what is there.
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o666);
    }
    let mut file = options.open(path).map_err(write_err(path))?;
    if let Some(old) = like {
        keep_attributes(&file, old).map_err(write_err(path))?;
    }
    file.write_all(bytes).map_err(write_err(path))?;
    file.sync_all().map_err(write_err(path))
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn replaces_keeping_the_mode_and_leaves_no_temporary() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.toml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        replace(&path, b"newer").unwrap();
        assert_eq!(mode(&path), 0o444);
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
        // Run as root, the owner is kept too (an officer's file does not become root's).
        if rustix::process::geteuid().is_root() {
            use std::os::unix::fs::MetadataExt;
            std::os::unix::fs::chown(&path, Some(1000), Some(1000)).unwrap();
            replace(&path, b"owned").unwrap();
            let meta = fs::metadata(&path).unwrap();
            assert_eq!((meta.uid(), meta.gid()), (1000, 1000));
            let new = tmp.path().join("b.toml.planwatch-tmp");
            write_new(&new, b"x", Some(&meta)).unwrap();
            let meta = fs::metadata(&new).unwrap();
            assert_eq!((meta.uid(), meta.gid(), mode(&new)), (1000, 1000, 0o444));
        }
    }

    #[test]
    fn refuses_special_files_and_replaces_links() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("pipe");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
        )
        .unwrap();
        let err = replace(&fifo, b"x").unwrap_err().to_string();
        assert!(err.contains("命名管道"), "{err}");
        assert!(check_output(&fifo).is_err());
        assert!(
            check_output(tmp.path())
                .unwrap_err()
                .to_string()
                .contains("目录")
        );
        let target = tmp.path().join("target");
        fs::write(&target, "kept").unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace(&link, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "kept");
        assert!(fs::symlink_metadata(&link).unwrap().is_file());
        std::os::unix::fs::symlink(&fifo, tmp.path().join("to-pipe")).unwrap();
        assert!(replace(&tmp.path().join("to-pipe"), b"x").is_err());
    }
}
