//! The watch list's file: `watch.json` in the state folder ([`crate::state`]).
//!
//! Every change is a read, change and write under the state lock
//! ([`Store::update`]): two referat processes following at once each re-read
//! the other's change before writing their own, so neither is lost. The write
//! is atomic, so a crash leaves the old list or the new one.
//!
//! A file that cannot be parsed is never fatal and never silently lost: it is
//! renamed aside (`watch.json.bad`, `watch.json.bad.1`, …) and named with its
//! line and column in a [`Problem`], and referat goes on with an empty list. A
//! file written by a newer referat (another version) is left as it is, and
//! changes are refused rather than overwrite it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::WatchList;
use crate::state::{self, Lock};

/// The file's name in the state folder.
pub const FILE_NAME: &str = "watch.json";
/// Bumped when the file's meaning changes.
pub const VERSION: u32 = 1;

/// Something wrong with the watch list file that the user should hear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where the watch list lives.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// The list as read, and what was wrong with the file, if anything.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub list: WatchList,
    pub problem: Option<Problem>,
    /// The file is another version's: changes would overwrite it, so none are made.
    pub read_only: bool,
}

impl Store {
    /// The store in the platform state folder, when there is a home folder.
    pub fn default_location() -> Option<Store> {
        state::default_dir().map(Store::in_dir)
    }

    /// A store in `dir` (tests, and a state folder given explicitly).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The watch list file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The list as it is now. A corrupt file is set aside (under the lock)
    /// and reported; a missing one is an empty list.
    pub fn load(&self) -> io::Result<Loaded> {
        if !self.path().exists() {
            return Ok(Loaded::default());
        }
        let _lock = Lock::take(&self.dir, FILE_NAME)?;
        self.read_locked()
    }

    /// Reads the list, changes it with `change` and writes it back, all under
    /// the lock; the list as written and what `change` answered. Refused (an
    /// error) when the file is another version's.
    pub fn update<R>(&self, change: impl FnOnce(&mut WatchList) -> R) -> io::Result<(Loaded, R)> {
        let _lock = Lock::take(&self.dir, FILE_NAME)?;
        let mut loaded = self.read_locked()?;
        if loaded.read_only {
            let why = loaded.problem.map(|p| p.0).unwrap_or_default();
            return Err(io::Error::other(why));
        }
        let answer = change(&mut loaded.list);
        loaded.list.version = VERSION;
        let json = serde_json::to_vec_pretty(&loaded.list).map_err(io::Error::other)?;
        state::write_atomically(&self.dir, FILE_NAME, &json)?;
        Ok((loaded, answer))
    }

    /// Reads the file; the caller holds the lock.
    fn read_locked(&self) -> io::Result<Loaded> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        };
        // The version first, so that a newer file is not taken for a corrupt one.
        #[derive(serde::Deserialize)]
        struct Version {
            version: Option<u32>,
        }
        if let Ok(Version {
            version: Some(version),
        }) = serde_json::from_slice::<Version>(&bytes)
            && version != VERSION
        {
            return Ok(Loaded {
                list: WatchList::default(),
                problem: Some(Problem(format!(
                    "{}: written by another version of referat (format {version}, this one reads {VERSION}); \
                     left as it is, and following is read-only",
                    path.display()
                ))),
                read_only: true,
            });
        }
        match serde_json::from_slice::<WatchList>(&bytes) {
            Ok(list) => Ok(Loaded {
                list,
                problem: None,
                read_only: false,
            }),
            Err(e) => {
                let backup = set_aside(&path)?;
                // serde_json counts columns from 1, and says 0 at a line's end.
                let at = match e.column() {
                    0 => format!("{}", e.line()),
                    column => format!("{}:{column}", e.line()),
                };
                Ok(Loaded {
                    list: WatchList::default(),
                    problem: Some(Problem(format!(
                        "{}:{at}: the watch list could not be read ({}); it was kept as {} \
                         and a new, empty list begins",
                        path.display(),
                        describe(&e),
                        backup.display()
                    ))),
                    read_only: false,
                })
            }
        }
    }
}

/// serde_json's message without its own " at line L column C".
fn describe(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Renames `path` to the first free `NAME.bad`, `NAME.bad.1`, … beside it.
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 0..1000 {
        let candidate = if n == 0 {
            path.with_file_name(format!("{name}.bad"))
        } else {
            path.with_file_name(format!("{name}.bad.{n}"))
        };
        if !candidate.exists() {
            fs::rename(path, &candidate)?;
            return Ok(candidate);
        }
    }
    Err(io::Error::other(format!(
        "{}: cannot be read, and a thousand earlier copies are already kept beside it",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow::{Added, Follow};

    #[test]
    fn a_change_is_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_dir(dir.path().join("state"));
        assert!(store.load().unwrap().list.follows.is_empty());
        let (_, added) = store
            .update(|l| l.add(Follow::case("24/24964"), &[], None))
            .unwrap();
        assert_eq!(added, Added::New(1));
        let back = store.load().unwrap();
        assert_eq!(back.problem, None);
        assert_eq!(back.list.case_id("24/24964"), Some(1));
    }

    #[test]
    fn a_corrupt_file_is_reported_with_its_line_kept_aside_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_dir(dir.path());
        let junk = "{\n  \"version\": 1,\n  \"next_id\": 2,\n  \"follows\": [ {\"id\": \n";
        fs::write(store.path(), junk).unwrap();
        let loaded = store.load().unwrap();
        let problem = loaded.problem.expect("reported").0;
        assert!(
            problem.contains(&format!("{}:5:", store.path().display())),
            "{problem}"
        );
        assert!(problem.contains("watch.json.bad"), "{problem}");
        assert!(loaded.list.follows.is_empty());
        assert_eq!(
            fs::read_to_string(dir.path().join("watch.json.bad")).unwrap(),
            junk
        );
        assert!(!store.path().exists());
        // A second corrupt file does not overwrite the first backup.
        fs::write(store.path(), "not json").unwrap();
        let (loaded, _) = store
            .update(|l| l.add(Follow::case("1/2"), &[], None))
            .unwrap();
        assert!(loaded.problem.unwrap().0.contains("watch.json.bad.1"));
        assert_eq!(
            fs::read_to_string(dir.path().join("watch.json.bad")).unwrap(),
            junk
        );
        assert_eq!(store.load().unwrap().list.case_id("1/2"), Some(1));
    }

    #[test]
    fn another_versions_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_dir(dir.path());
        let newer = r#"{"version": 7, "everything": "different"}"#;
        fs::write(store.path(), newer).unwrap();
        let loaded = store.load().unwrap();
        assert!(loaded.read_only);
        assert!(loaded.problem.unwrap().0.contains("format 7"));
        let refused = store.update(|l| l.add(Follow::case("1/2"), &[], None));
        assert!(refused.is_err());
        assert_eq!(fs::read_to_string(store.path()).unwrap(), newer);
    }

    #[test]
    fn two_writers_at_once_lose_neither_change() {
        let dir = tempfile::tempdir().unwrap();
        let threads: Vec<_> = (0..2)
            .map(|t| {
                let store = Store::in_dir(dir.path());
                std::thread::spawn(move || {
                    for n in 0..25 {
                        store
                            .update(|l| l.add(Follow::case(&format!("{t}/{n}")), &[], None))
                            .unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let list = Store::in_dir(dir.path()).load().unwrap().list;
        assert_eq!(list.follows.len(), 50);
        let mut ids: Vec<u32> = list.follows.iter().map(|f| f.id).collect();
        ids.sort();
        assert_eq!(ids, (1..=50).collect::<Vec<_>>());
    }
}
