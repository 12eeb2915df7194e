//! referat's own files: where they live and how they are written.
//!
//! Everything referat remembers (where the browser was, what the user follows
//! and has seen) lives in the platform state folder (`$XDG_STATE_HOME/referat/`
//! on Linux, the local data folder elsewhere), never next to the minutes: a
//! folder of minutes may be shared, synced or read-only, and referat never
//! writes to what it reads.
//!
//! One way to write ([`write_atomically`]: a temporary file beside the target,
//! flushed, then renamed over it) so a crash never leaves half a file, and one
//! way to keep two referat processes from losing each other's change
//! ([`Lock`]: an exclusive lock held across read, change and write).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The platform state folder for referat, when there is a home folder.
pub fn default_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("dk", "referat", "referat")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// Writes `bytes` to `dir/name` through a temporary file in `dir` renamed over
/// it, so that readers see the old file or the new one, never a part. The
/// temporary file is removed when anything fails.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, dir.join(name))
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// An exclusive lock on one of referat's state files, held until dropped.
///
/// The lock is taken on a separate `.NAME.lock` file: the state file itself is
/// replaced by every write (a rename), so a lock on it would lock a file that
/// is no longer there. Other processes block in [`Lock::take`] until it is
/// released; the operating system releases it when a process dies.
#[derive(Debug)]
pub struct Lock {
    file: fs::File,
}

impl Lock {
    /// Waits for and takes the lock for `dir/name`, creating `dir` if needed.
    pub fn take(dir: &Path, name: &str) -> io::Result<Lock> {
        fs::create_dir_all(dir)?;
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(format!(".{name}.lock")))?;
        file.lock()?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("deeper");
        write_atomically(&at, "f.json", b"one").unwrap();
        write_atomically(&at, "f.json", b"two").unwrap();
        assert_eq!(fs::read(at.join("f.json")).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(&at)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["f.json"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        write_atomically(dir.path(), "f.json", b"old").unwrap();
        // A folder where the file should go: the rename fails.
        fs::create_dir(dir.path().join("g.json")).unwrap();
        fs::write(dir.path().join("g.json").join("x"), b"").unwrap();
        assert!(write_atomically(dir.path(), "g.json", b"new").is_err());
        assert_eq!(fs::read(dir.path().join("f.json")).unwrap(), b"old");
        let tmp = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(tmp, 0, "the temporary file is removed");
    }

    #[test]
    fn the_lock_excludes_a_second_holder_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::take(dir.path(), "f.json").unwrap();
        let path = dir.path().join(".f.json.lock");
        let other = fs::OpenOptions::new().write(true).open(&path).unwrap();
        assert!(
            matches!(other.try_lock(), Err(fs::TryLockError::WouldBlock)),
            "held"
        );
        drop(first);
        other.try_lock().expect("released on drop");
    }
}
