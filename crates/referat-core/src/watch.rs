//! Watching the opened folders, so the browser can reload minutes as they are
//! added, edited or deleted.
//!
//! File system events arrive in bursts: an editor's save is a write, a rename
//! and a metadata change; copying a folder is hundreds of creates. The watcher
//! waits until the folders have been quiet for a moment ([`QUIET`]) and then
//! delivers one [`Change`] for the whole burst. It classifies by comparing with
//! the minutes files it knows rather than by event kind, which differs between
//! platforms and editors: a file that exists and was known is `modified`, one
//! that exists and was not is `created`, a known one that is gone is `removed`
//! (a removed folder removes every known file in it), and a file that came and
//! went within one burst (an editor's temporary file) is not reported at all.
//!
//! Only what the corpus would read is reported: files ending in one of
//! [`crate::walk::EXTENSIONS`] under a watched folder, found by the one folder
//! walk a load uses too ([`crate::walk::minutes_files_under`]), and files named
//! explicitly. Paths are given the
//! way the corpus names its sources: the folder as given, joined with the path
//! inside it, so a changed path can be matched against `Meeting::source`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::walk::{has_minutes_extension, is_hidden, minutes_files_under};

/// How long the folders must be quiet before a burst of events is delivered.
pub const QUIET: Duration = Duration::from_millis(200);

/// A burst that never goes quiet (a long copy) is still delivered this often,
/// so the browser can show progress.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// What changed in one burst: the same description as a reload's, from the
/// corpus.
pub use crate::corpus::Change;

/// Watches while it lives; dropping it stops the watching and ends the
/// channel.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
}

/// Watches `paths` (folders recursively, files on their own), delivering a
/// [`Change`] per burst of events on the returned channel. Paths that do not
/// exist are skipped: there is nothing to watch, and the corpus reports them.
pub fn watch(paths: &[PathBuf]) -> notify::Result<(Watcher, Receiver<Change>)> {
    watch_with(paths, QUIET)
}

/// [`watch`] with another quiet time.
pub fn watch_with(
    paths: &[PathBuf],
    quiet: Duration,
) -> notify::Result<(Watcher, Receiver<Change>)> {
    let (raw_tx, raw_rx) = mpsc::channel();
    let mut inner = notify::recommended_watcher(raw_tx)?;
    let mut roots = Roots::default();
    for path in paths {
        let Ok(real) = fs::canonicalize(path) else {
            continue;
        };
        if real.is_dir() {
            inner.watch(&real, RecursiveMode::Recursive)?;
            roots.dirs.push((real, path.clone()));
        } else {
            roots.files.insert(real, path.clone());
        }
    }
    // A file is watched through its folder: editors replace files by renaming,
    // which would end a watch on the file itself.
    let parents: BTreeSet<PathBuf> = roots
        .files
        .keys()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .filter(|p| !roots.dirs.iter().any(|(d, _)| p.starts_with(d)))
        .collect();
    for parent in parents {
        inner.watch(&parent, RecursiveMode::NonRecursive)?;
    }
    let known = roots.scan();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("referat-watch".into())
        .spawn(move || coalesce(raw_rx, tx, roots, known, quiet))
        .map_err(notify::Error::io)?;
    Ok((Watcher { _inner: inner }, rx))
}

/// What is watched: folders and files, each real path with the path as given.
#[derive(Default)]
struct Roots {
    dirs: Vec<(PathBuf, PathBuf)>,
    files: HashMap<PathBuf, PathBuf>,
}

/// A known minutes file: its path as the corpus names it, and when it changed.
struct Known {
    shown: PathBuf,
    modified: Option<SystemTime>,
}

impl Roots {
    /// The path as the corpus names it, for a real path the corpus would read.
    fn shown(&self, real: &Path) -> Option<PathBuf> {
        if let Some(given) = self.files.get(real) {
            return Some(given.clone());
        }
        self.dirs.iter().find_map(|(dir, given)| {
            let inside = real.strip_prefix(dir).ok()?;
            let hidden = inside.components().any(|c| is_hidden(c.as_os_str()));
            (!hidden).then(|| given.join(inside))
        })
    }

    fn is_minutes(&self, real: &Path) -> bool {
        self.files.contains_key(real) || has_minutes_extension(real)
    }

    /// Every minutes file now present.
    fn scan(&self) -> BTreeMap<PathBuf, Known> {
        let mut found = Vec::new();
        for (dir, _) in &self.dirs {
            found.extend(minutes_files_under(dir));
        }
        found.extend(self.files.keys().filter(|f| f.is_file()).cloned());
        found
            .into_iter()
            .filter_map(|real| Some((real.clone(), self.known(&real)?)))
            .collect()
    }

    fn known(&self, real: &Path) -> Option<Known> {
        if !self.is_minutes(real) {
            return None;
        }
        Some(Known {
            shown: self.shown(real)?,
            modified: fs::metadata(real).and_then(|m| m.modified()).ok(),
        })
    }
}

/// The watcher thread: gathers a burst of raw events, then classifies and sends.
fn coalesce(
    raw: Receiver<notify::Result<notify::Event>>,
    tx: Sender<Change>,
    roots: Roots,
    mut known: BTreeMap<PathBuf, Known>,
    quiet: Duration,
) {
    loop {
        let Ok(first) = raw.recv() else {
            return;
        };
        let started = Instant::now();
        let mut touched = BTreeSet::new();
        let mut rescan = absorb(first, &mut touched);
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            match raw.recv_timeout(quiet.min(left)) {
                Ok(event) => rescan |= absorb(event, &mut touched),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if left.is_zero() {
                break;
            }
        }
        let change = if rescan {
            compare(&mut known, roots.scan())
        } else {
            classify(&touched, &mut known, &roots)
        };
        if !change.is_empty() && tx.send(change).is_err() {
            return;
        }
    }
}

/// Adds an event's paths to `touched`; true when the platform lost events and
/// everything must be compared again.
fn absorb(event: notify::Result<notify::Event>, touched: &mut BTreeSet<PathBuf>) -> bool {
    match event {
        Ok(event) if event.need_rescan() => true,
        Ok(event) if matches!(event.kind, EventKind::Access(_)) => false,
        Ok(event) => {
            touched.extend(event.paths);
            false
        }
        Err(_) => true,
    }
}

/// Classifies the touched paths against what was known, and updates it.
fn classify(
    touched: &BTreeSet<PathBuf>,
    known: &mut BTreeMap<PathBuf, Known>,
    roots: &Roots,
) -> Change {
    let mut change = Change::default();
    for path in touched {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                // A folder created or moved in: its files may predate the watch.
                for file in minutes_files_under(path) {
                    if !known.contains_key(&file)
                        && let Some(k) = roots.known(&file)
                    {
                        change.created.push(k.shown.clone());
                        known.insert(file, k);
                    }
                }
            }
            Ok(_) => {
                let Some(k) = roots.known(path) else {
                    continue;
                };
                let list = if known.contains_key(path) {
                    &mut change.modified
                } else {
                    &mut change.created
                };
                list.push(k.shown.clone());
                known.insert(path.clone(), k);
            }
            Err(_) => {
                // Gone: the file itself, or every known file in a gone folder
                // (they sort right after the folder).
                let gone: Vec<PathBuf> = known
                    .range(path.clone()..)
                    .take_while(|(k, _)| k.starts_with(path))
                    .map(|(k, _)| k.clone())
                    .collect();
                for k in gone {
                    if let Some(k) = known.remove(&k) {
                        change.removed.push(k.shown);
                    }
                }
            }
        }
    }
    tidy(change)
}

/// After lost events: the difference between what was known and what is there.
fn compare(known: &mut BTreeMap<PathBuf, Known>, now: BTreeMap<PathBuf, Known>) -> Change {
    let mut change = Change::default();
    for (path, old) in known.iter() {
        match now.get(path) {
            None => change.removed.push(old.shown.clone()),
            Some(new) if new.modified != old.modified => change.modified.push(new.shown.clone()),
            Some(_) => {}
        }
    }
    for (path, new) in &now {
        if !known.contains_key(path) {
            change.created.push(new.shown.clone());
        }
    }
    *known = now;
    tidy(change)
}

fn tidy(mut change: Change) -> Change {
    for list in [
        &mut change.created,
        &mut change.modified,
        &mut change.removed,
    ] {
        list.sort();
        list.dedup();
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATIENCE: Duration = Duration::from_secs(10);

    /// Gathers batches until `done` holds for everything received, or panics
    /// after [`PATIENCE`]: no fixed sleeps, a fast machine finishes at once.
    fn until(rx: &Receiver<Change>, done: impl Fn(&Change) -> bool) -> Change {
        let deadline = Instant::now() + PATIENCE;
        let mut all = Change::default();
        while !done(&all) {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(c) => {
                    all.created.extend(c.created);
                    all.modified.extend(c.modified);
                    all.removed.extend(c.removed);
                }
                Err(_) => panic!("no such change within {PATIENCE:?}; got {all:?}"),
            }
        }
        all
    }

    /// Waits out one quiet period and returns whatever else arrived.
    fn rest(rx: &Receiver<Change>) -> Vec<Change> {
        std::thread::sleep(QUIET * 3);
        rx.try_iter().collect()
    }

    #[test]
    fn new_changed_and_removed_files_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        fs::write(root.join("old.txt"), "x").unwrap();
        let (_watcher, rx) = watch(std::slice::from_ref(&root)).unwrap();

        fs::write(root.join("new.md"), "REFERAT").unwrap();
        fs::write(root.join("notes.docx"), "not minutes").unwrap();
        fs::write(root.join(".hidden.txt"), "skipped like the corpus does").unwrap();
        let c = until(&rx, |c| c.created.contains(&root.join("new.md")));
        assert_eq!(c.created, [root.join("new.md")]);
        assert!(c.removed.is_empty(), "{c:?}");

        fs::write(root.join("old.txt"), "changed").unwrap();
        until(&rx, |c| c.modified.contains(&root.join("old.txt")));

        fs::remove_file(root.join("old.txt")).unwrap();
        let c = until(&rx, |c| c.removed.contains(&root.join("old.txt")));
        assert!(c.created.is_empty() && c.modified.is_empty(), "{c:?}");
        let later = rest(&rx);
        assert!(
            later
                .iter()
                .all(|c| !c.created.iter().any(|p| p.ends_with("notes.docx"))),
            "{later:?}"
        );
    }

    #[test]
    fn folders_coming_and_going_report_their_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let (_watcher, rx) = watch(std::slice::from_ref(&root)).unwrap();
        let sub = root.join("2025").join("marts");
        fs::create_dir_all(&sub).unwrap();
        for n in 0..5 {
            fs::write(sub.join(format!("{n}.txt")), "REFERAT").unwrap();
        }
        let c = until(&rx, |c| c.created.len() == 5);
        assert!(c.created.iter().all(|p| p.starts_with(&sub)), "{c:?}");
        assert_eq!(
            c.created.iter().collect::<BTreeSet<_>>().len(),
            5,
            "a file reported twice: {c:?}"
        );

        fs::remove_dir_all(root.join("2025")).unwrap();
        let c = until(&rx, |c| c.removed.len() == 5);
        assert!(c.removed.iter().all(|p| p.starts_with(&sub)), "{c:?}");
    }

    #[test]
    fn a_file_named_explicitly_is_watched_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("byraad.referat");
        fs::write(&file, "v1").unwrap();
        let (_watcher, rx) = watch(std::slice::from_ref(&file)).unwrap();
        fs::write(dir.path().join("other.txt"), "not watched").unwrap();
        // An editor's save: write a temporary file, rename it over the original.
        let tmp = dir.path().join(".byraad.referat.swp");
        fs::write(&tmp, "v2").unwrap();
        fs::rename(&tmp, &file).unwrap();
        let c = until(&rx, |c| !c.is_empty());
        let all: Vec<&PathBuf> = c.created.iter().chain(&c.modified).collect();
        assert_eq!(all, [&file], "{c:?}");
        assert!(
            rest(&rx)
                .iter()
                .all(|c| !c.created.iter().any(|p| p.ends_with("other.txt")))
        );
    }

    #[test]
    fn missing_paths_are_skipped_and_dropping_ends_the_channel() {
        let dir = tempfile::tempdir().unwrap();
        let (watcher, rx) = watch(&[dir.path().join("nowhere")]).unwrap();
        drop(watcher);
        let deadline = Instant::now() + PATIENCE;
        loop {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Err(RecvTimeoutError::Disconnected) => break,
                _ if Instant::now() > deadline => panic!("the channel stayed open"),
                _ => {}
            }
        }
    }

    #[test]
    fn lost_events_are_recovered_by_comparing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        fs::write(root.join("a.txt"), "a").unwrap();
        fs::write(root.join("b.txt"), "b").unwrap();
        let roots = Roots {
            dirs: vec![(fs::canonicalize(&root).unwrap(), root.clone())],
            files: HashMap::new(),
        };
        let mut known = roots.scan();
        assert_eq!(known.len(), 2);
        fs::remove_file(root.join("a.txt")).unwrap();
        fs::write(root.join("c.txt"), "c").unwrap();
        let c = compare(&mut known, roots.scan());
        assert_eq!(c.removed, [root.join("a.txt")]);
        assert_eq!(c.created, [root.join("c.txt")]);
        assert!(c.modified.is_empty());
        assert_eq!(known.len(), 2);
    }
}
