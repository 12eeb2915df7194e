//! Where the browser was when it quit, so the next start can go back there.
//!
//! One small JSON file in the platform state folder ([`crate::state`]), never
//! next to the minutes. Positions are kept per set of opened paths (the
//! bundled sample is one set), a few dozen at most.
//!
//! Remembering is a convenience, so nothing here is allowed to get in the way:
//! [`load`] answers `None` for a missing, corrupt or foreign file, and
//! [`Position::find`] answers `None` when the meeting is gone or changed.
//! [`save`] writes a temporary file and renames it over the old one, so a crash
//! or a second referat never leaves half a file.
//!
//! Every function takes the folder explicitly (`*_in`); [`load`] and [`save`]
//! are thin wrappers for the default folder, so tests never touch the
//! environment.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use referat_core::corpus::{BUNDLED, Corpus, MeetingId};
use referat_core::model::{Date, Meeting};

const FILE_NAME: &str = "session.json";
/// Bumped when the file's meaning changes; other versions are ignored.
const VERSION: u32 = 1;
/// Sets of paths remembered; the least recently used go first.
const MAX_ENTRIES: usize = 32;
/// The key of the bundled sample.
const BUNDLED_KEY: &str = "<bundled>";

/// Where the user was: a meeting, an item in it and the detail scroll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The meeting's file, absolute when it is a real file; the asset name for
    /// the bundled sample.
    pub source: String,
    /// The meeting's date, to notice a file that now holds another meeting.
    pub date: Option<Date>,
    /// The item's number (`Punkt N`), not its index: it survives edits.
    pub item: Option<u32>,
    /// Where the text at the top of the detail pane starts, in characters of
    /// the item's laid-out text: the same at every pane width, so a window of
    /// another size reopens at the same text.
    pub scroll: usize,
}

/// A remembered position found in a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    /// The meeting, by its id in the corpus it was found in.
    pub meeting: MeetingId,
    /// Index into that meeting's items; `None` when the item is gone (or none
    /// was selected), in which case `scroll` is 0.
    pub item: Option<usize>,
    pub scroll: usize,
}

impl Position {
    /// The position of `item` (a number) in `meeting`, scrolled to `scroll`.
    pub fn new(meeting: &Meeting, item: Option<u32>, scroll: usize) -> Position {
        Position {
            source: stable_source(&meeting.source),
            date: meeting.date,
            item,
            scroll,
        }
    }

    /// The same meeting and item in `corpus`, if it still holds them.
    pub fn find(&self, corpus: &Corpus) -> Option<Resume> {
        let (meeting, found) = corpus.with_ids().find(|(_, m)| {
            m.date == self.date
                && (m.source == self.source || stable_source(&m.source) == self.source)
        })?;
        let item = self
            .item
            .and_then(|n| found.items.iter().position(|i| i.number == n));
        Some(Resume {
            meeting,
            item,
            scroll: if item.is_some() { self.scroll } else { 0 },
        })
    }
}

/// A source that means the same file from any working folder.
fn stable_source(source: &str) -> String {
    if BUNDLED.iter().any(|(name, _)| *name == source) {
        return source.to_string();
    }
    fs::canonicalize(source).map_or_else(|_| source.to_string(), |p| p.display().to_string())
}

/// What identifies a browsing session: the opened paths, made absolute and
/// sorted, or the bundled sample when there are none.
pub fn key_for(paths: &[PathBuf]) -> Vec<String> {
    if paths.is_empty() {
        return vec![BUNDLED_KEY.to_string()];
    }
    let mut key: Vec<String> = paths
        .iter()
        .map(|p| {
            fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    key.sort();
    key.dedup();
    key
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    version: u32,
    /// Most recently used first.
    entries: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    key: Vec<String>,
    position: Position,
}

/// The remembered position for `key` in the default folder.
pub fn load(key: &[String]) -> Option<Position> {
    load_in(&crate::state::default_dir()?, key)
}

/// Remembers `position` for `key` in the default folder.
pub fn save(key: &[String], position: &Position) -> io::Result<()> {
    let dir = crate::state::default_dir()
        .ok_or_else(|| io::Error::other("no home folder for the state file"))?;
    save_in(&dir, key, position)
}

/// The remembered position for `key` in `dir`; `None` for anything unexpected.
pub fn load_in(dir: &Path, key: &[String]) -> Option<Position> {
    read_state(dir)?
        .entries
        .into_iter()
        .find(|e| e.key == key)
        .map(|e| e.position)
}

fn read_state(dir: &Path) -> Option<State> {
    let bytes = fs::read(dir.join(FILE_NAME)).ok()?;
    let state: State = serde_json::from_slice(&bytes).ok()?;
    (state.version == VERSION).then_some(state)
}

/// Remembers `position` for `key` in `dir`, atomically. Refuses a `dir` inside
/// the opened paths: the state never lands among the minutes.
pub fn save_in(dir: &Path, key: &[String], position: &Position) -> io::Result<()> {
    let real_dir = resolve(dir);
    if key.iter().any(|k| real_dir.starts_with(k)) {
        return Err(io::Error::other(format!(
            "not writing the session into the minutes folder {}",
            real_dir.display()
        )));
    }
    // Two browsers quitting at once keep both positions.
    let _lock = crate::state::Lock::take(dir, FILE_NAME)?;
    let mut state = read_state(dir).unwrap_or_default();
    state.version = VERSION;
    state.entries.retain(|e| e.key != key);
    state.entries.insert(
        0,
        Entry {
            key: key.to_vec(),
            position: position.clone(),
        },
    );
    state.entries.truncate(MAX_ENTRIES);
    let json = serde_json::to_vec_pretty(&state).map_err(io::Error::other)?;
    crate::state::write_atomically(dir, FILE_NAME, &json)
}

/// `dir` made absolute through its longest existing ancestor, so that a folder
/// not created yet can be checked before creating it.
fn resolve(dir: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut at = dir;
    loop {
        if let Ok(real) = fs::canonicalize(at) {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return dir.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_position(corpus: &Corpus) -> Position {
        let meeting = &corpus.meetings()[1];
        Position::new(meeting, Some(meeting.items[1].number), 17)
    }

    #[test]
    fn a_saved_position_comes_back_and_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Corpus::bundled();
        let key = key_for(&[]);
        let pos = sample_position(&corpus);
        assert!(pos.source.starts_with("assets/"), "{}", pos.source);
        save_in(dir.path(), &key, &pos).unwrap();
        let back = load_in(dir.path(), &key).unwrap();
        assert_eq!(back, pos);
        assert_eq!(
            back.find(&corpus),
            Some(Resume {
                meeting: corpus.id_at(1).unwrap(),
                item: Some(1),
                scroll: 17
            })
        );
        // The state file and its lock are left in the folder: no temporary files.
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".session.json.lock", FILE_NAME]);
    }

    #[test]
    fn missing_corrupt_and_foreign_files_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let key = key_for(&[]);
        assert_eq!(load_in(dir.path(), &key), None);
        assert_eq!(load_in(&dir.path().join("nowhere"), &key), None);
        let file = dir.path().join(FILE_NAME);
        for junk in [
            &b"{\"version\": 1, \"entr"[..],
            b"\xff\x00garbage",
            b"[]",
            b"{\"version\": 99, \"entries\": []}",
        ] {
            fs::write(&file, junk).unwrap();
            assert_eq!(load_in(dir.path(), &key), None);
        }
        // A corrupt file does not stop the next save.
        let corpus = Corpus::bundled();
        save_in(dir.path(), &key, &sample_position(&corpus)).unwrap();
        assert!(load_in(dir.path(), &key).is_some());
    }

    #[test]
    fn each_set_of_paths_keeps_its_own_position() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Corpus::bundled();
        let a = key_for(&[PathBuf::from("/nonexistent/a")]);
        let b = key_for(&[
            PathBuf::from("/nonexistent/b"),
            PathBuf::from("/nonexistent/a"),
        ]);
        let mut pa = sample_position(&corpus);
        pa.scroll = 1;
        let mut pb = pa.clone();
        pb.scroll = 2;
        save_in(dir.path(), &a, &pa).unwrap();
        save_in(dir.path(), &b, &pb).unwrap();
        assert_eq!(load_in(dir.path(), &a).unwrap().scroll, 1);
        assert_eq!(load_in(dir.path(), &b).unwrap().scroll, 2);
        assert_eq!(load_in(dir.path(), &key_for(&[])), None);
        for n in 0..MAX_ENTRIES + 5 {
            save_in(dir.path(), &[n.to_string()], &pa).unwrap();
        }
        assert_eq!(read_state(dir.path()).unwrap().entries.len(), MAX_ENTRIES);
        assert_eq!(load_in(dir.path(), &a), None, "the oldest entry goes first");
    }

    #[test]
    fn stale_positions_are_not_found() {
        let corpus = Corpus::bundled();
        let pos = sample_position(&corpus);
        let mut other_date = pos.clone();
        other_date.date = Date::new(1999, 1, 1);
        assert_eq!(other_date.find(&corpus), None);
        let mut gone = pos.clone();
        gone.source = "assets/deleted.txt".into();
        assert_eq!(gone.find(&corpus), None);
        let mut item_gone = pos.clone();
        item_gone.item = Some(999);
        assert_eq!(
            item_gone.find(&corpus),
            Some(Resume {
                meeting: corpus.id_at(1).unwrap(),
                item: None,
                scroll: 0
            })
        );
    }

    #[test]
    fn real_files_are_remembered_by_absolute_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.txt");
        fs::write(&file, BUNDLED[0].1).unwrap();
        let corpus = Corpus::load(std::slice::from_ref(&file));
        let pos = Position::new(&corpus.meetings()[0], None, 0);
        assert!(Path::new(&pos.source).is_absolute());
        assert_eq!(pos.find(&corpus).map(|r| r.meeting), corpus.id_at(0));
        assert_eq!(key_for(&[file.clone(), file.clone()]).len(), 1);
    }

    #[test]
    fn never_saved_among_the_minutes() {
        let minutes = tempfile::tempdir().unwrap();
        let key = key_for(&[minutes.path().to_path_buf()]);
        let corpus = Corpus::bundled();
        let inside = minutes.path().join("state");
        assert!(save_in(&inside, &key, &sample_position(&corpus)).is_err());
        assert!(!inside.exists());
        assert!(save_in(minutes.path(), &key, &sample_position(&corpus)).is_err());
        assert_eq!(fs::read_dir(minutes.path()).unwrap().count(), 0);
    }
}
