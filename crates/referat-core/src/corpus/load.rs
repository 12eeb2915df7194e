//! How a load goes: the folders are walked, each file found is taken from
//! the cache when the cache knows it unchanged and read and parsed otherwise
//! (on all cores), and the cache is written anew when anything changed.
//!
//! A browser's load hands meetings on as soon as it has them, so it is shaped
//! for its first frame: a screen of the cache's files goes on by their own
//! `stat` before the walk is done ([`stream_cached`]), and the walk hands each
//! file to the reading as it finds it ([`walk::walk_each`]), so that a cold
//! start parses its first files while the walk is still listing. Every other load walks
//! first, with a `stat` per file on all cores beside the reading of the
//! cache's index, and then reads.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{
    Batches, CacheMode, Corpus, FileReport, Input, KeepText, LoadStats, Progress, parse_input,
    reread_sections,
};
use crate::cache::{self, FileKey};
use crate::model::Meeting;
use crate::read::{ReadError, read_text};
use crate::walk;

/// Reads every minutes file under `paths` into `batches` (see
/// [`Corpus::load_streaming`]), parsing only the files read whose text `keep`
/// passes (all, without it).
pub(super) fn load_into(
    paths: &[PathBuf],
    cache_mode: &CacheMode,
    progress: &Progress,
    batches: &Batches,
    keep: Option<KeepText>,
) -> LoadStats {
    let cache_path = match cache_mode {
        CacheMode::At(path) => Some(path.as_path()),
        CacheMode::Off => None,
    };
    let reading = Reading {
        cache_path,
        progress,
        batches,
        keep,
    };
    let (read, errors) = if batches.streams() {
        let (found, walked) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            let mut found = Some(found);
            let mut walker = None;
            // The walk must not use rayon's pool: the readers wait in it for
            // the walk's files.
            let mut start_walk = || {
                if let Some(found) = found.take() {
                    walker = Some(scope.spawn(move || {
                        walk::walk_each(paths, |path, meta| {
                            progress.found(1);
                            let _ = found.send((path, meta));
                        })
                    }));
                }
            };
            let known = match cache_path {
                Some(path) => stream_cached(paths, path, batches, &mut start_walk),
                None => Known::default(),
            };
            start_walk();
            // The walk's files, as it finds them, until it is done.
            let read = reading.as_walked(walked.into_iter(), known);
            let errors = match walker.map(|walker| walker.join()) {
                // A walk that failed is no walk: nothing is written.
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                Some(Ok(errors)) => errors,
                None => Vec::new(),
            };
            (read, errors)
        })
    } else {
        let (found, cached) = rayon::join(
            || walk::walk(paths),
            || cache_path.map(|path| cache::read(path, reread_sections)),
        );
        progress.found(found.files.len());
        let cached = cached.unwrap_or_default();
        let known = Known {
            cached_count: cached.len(),
            cached,
            ..Known::default()
        };
        (reading.all_at_once(found.files, known), found.errors)
    };
    batches.add_now(Corpus::parse_inputs(unreadable(errors)));
    // A load that withdrew files leaves the cache to the whole reading its
    // caller starts next, rather than write it twice.
    if let (Some(path), Some(mut writer), 0) = (cache_path, read.writer, read.stats.withdrawn) {
        let mut unchanged = read.unchanged;
        unchanged.extend(reread_unchanged(path, read.to_reread));
        // Failures leave the old cache: the next run reads the files again.
        let _ = add_unchanged(&mut writer, &unchanged).and_then(|()| writer.finish(path));
    }
    read.stats
}

/// The paths a walk could not read, as inputs that report why.
fn unreadable(errors: Vec<(PathBuf, ReadError)>) -> Vec<Input> {
    errors
        .into_iter()
        .map(|(path, error)| Input {
            source: path.display().to_string(),
            text: Err(error),
        })
        .collect()
}

/// What a load knows of the cache before it goes through the walk's files.
#[derive(Default)]
struct Known {
    /// Cached files not handed on yet, by source.
    cached: HashMap<String, cache::Entry>,
    /// Files handed on already by their own `stat` ([`stream_cached`]), by
    /// source, with their keys: the walk is to confirm them.
    sent: HashMap<String, cache::FileKey>,
    /// How many entries the cache held.
    cached_count: usize,
    /// Whether a streamed start could not read the cache's index whole (or at
    /// all): the cache is then written anew. (A load that reads the index
    /// whole finds a damaged one empty, and writes anew for the files read.)
    partial: bool,
}

/// What a load did, and what is left to write.
struct Read {
    stats: LoadStats,
    /// The new cache, when something changed: it holds the files parsed and
    /// gets the unchanged ones last.
    writer: Option<cache::Writer>,
    /// Files taken unchanged from the old cache, kept for the new one.
    unchanged: Vec<(FileReport, Option<Meeting>)>,
    /// Files taken unchanged but not kept, by source, with their keys: read
    /// from the old cache again for the new one.
    to_reread: HashMap<String, cache::FileKey>,
}

/// Where a load's files go, and how they are read.
struct Reading<'a> {
    cache_path: Option<&'a Path>,
    progress: &'a Progress,
    batches: &'a Batches<'a>,
    keep: Option<KeepText<'a>>,
}

/// Tells the walk's files apart: handed on already (a streamed start's, for
/// the walk to confirm), unchanged in the cache, or to read.
struct Sorter<'a> {
    known: Known,
    progress: &'a Progress,
    /// Files handed on whose key the walk found the same.
    confirmed: HashSet<String>,
    /// Files the cache knows unchanged, not handed on yet.
    reused: Vec<(FileReport, Option<Meeting>)>,
}

impl Sorter<'_> {
    /// The file to read, if the walk's file at `path` is one.
    fn sort(&mut self, path: PathBuf, meta: &fs::Metadata) -> Option<(PathBuf, String, FileKey)> {
        let source = path.display().to_string();
        let key = FileKey::of(meta);
        if let Some(sent_key) = self.known.sent.get(&source) {
            self.progress.advance(1);
            if *sent_key == key {
                self.confirmed.insert(source);
            }
            return None;
        }
        match self.known.cached.remove(&source) {
            Some(entry) if entry.key == key => {
                self.progress.advance(1);
                self.reused.push(reused_file(source, key, entry));
                None
            }
            _ => Some((path, source, key)),
        }
    }

    /// The handed-on files the walk confirmed, and how many it did not.
    fn confirmed(&mut self) -> (HashMap<String, FileKey>, usize) {
        let mut sent = std::mem::take(&mut self.known.sent);
        let count = sent.len();
        sent.retain(|source, _| self.confirmed.contains(source));
        let withdrawn = count - sent.len();
        (sent, withdrawn)
    }
}

impl Reading<'_> {
    fn sorter(&self, known: Known) -> Sorter<'_> {
        Sorter {
            known,
            progress: self.progress,
            confirmed: HashSet::new(),
            reused: Vec::new(),
        }
    }

    /// Reads and parses one file, hands it on, and stores it in the cache
    /// being written, if any; returns whether it was stored.
    fn read_one(
        &self,
        (path, source, key): (PathBuf, String, FileKey),
        writer: &Mutex<Option<cache::Writer>>,
    ) -> bool {
        let text = match self.keep {
            None => read_text(&path),
            Some(keep) => match crate::read::read_text_if(&path, keep) {
                Some(text) => text,
                None => {
                    self.progress.advance(1);
                    return false;
                }
            },
        };
        let (mut report, meeting) = parse_input(Input { source, text });
        report.key = Some(key);
        self.progress.advance(1);
        let stored = cache_file(writer, &report, meeting.as_ref());
        self.batches.add((report, meeting));
        stored
    }

    /// A load that hands nothing on while it runs: the walk is whole, so the
    /// files are sorted first, a new cache begun only when something may have
    /// changed (files to read, cached files gone), and the files read on all
    /// cores.
    fn all_at_once(&self, files: Vec<(PathBuf, fs::Metadata)>, known: Known) -> Read {
        let (cached_count, partial) = (known.cached_count, known.partial);
        let mut sorter = self.sorter(known);
        let to_read: Vec<_> = files
            .into_iter()
            .filter_map(|(path, meta)| sorter.sort(path, &meta))
            .collect();
        let reused = std::mem::take(&mut sorter.reused);
        let parsed = to_read.len();
        let may_change = parsed > 0 || reused.len() != cached_count || partial;
        let writer = Mutex::new(match self.cache_path {
            Some(path) if may_change => cache::Writer::create(path).ok(),
            _ => None,
        });
        // The new cache gets copies of the unchanged files' entries, which
        // hold where their sections are, not the sections.
        let unchanged = match &*writer.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(_) => reused.clone(),
            None => Vec::new(),
        };
        let stats = LoadStats {
            cached: reused.len(),
            parsed,
            withdrawn: 0,
        };
        self.batches.add_now(reused);
        let stored: usize = to_read
            .into_par_iter()
            .map(|file| usize::from(self.read_one(file, &writer)))
            .sum();
        // Files that could not be read are not cached, so they are no change:
        // one unreadable file must not rewrite the cache on every start.
        let changed = stored > 0 || stats.cached != cached_count || partial;
        let writer = writer.into_inner().unwrap_or_else(|e| e.into_inner());
        Read {
            stats,
            writer: writer.filter(|_| changed),
            unchanged,
            to_reread: HashMap::new(),
        }
    }

    /// A browser's load: goes through the walk's `files` as they come. What
    /// was handed on already is confirmed — or, when the walk does not find
    /// it as it was, withdrawn ([`LoadStats::withdrawn`]): neither read nor
    /// cached here; unchanged files go on every [`super::BATCH_EVERY`] (or
    /// more seldom, [`super::batch_every`]); the
    /// others are read on whichever core is free. A new cache is begun with
    /// the first file to read, or at the end when cached files have gone or
    /// the index was not read whole; its unchanged entries are read from the
    /// old cache again when it is written.
    fn as_walked(
        &self,
        files: impl Iterator<Item = (PathBuf, fs::Metadata)> + Send,
        known: Known,
    ) -> Read {
        let (cached_count, partial) = (known.cached_count, known.partial);
        let mut sorter = self.sorter(known);
        let writer: Mutex<Option<cache::Writer>> = Mutex::new(None);
        let begun = AtomicBool::new(false);
        let begin_cache = || {
            if let Some(path) = self.cache_path
                && !begun.swap(true, Ordering::Relaxed)
            {
                *writer.lock().unwrap_or_else(|e| e.into_inner()) =
                    cache::Writer::create(path).ok();
            }
        };
        let parsed = AtomicUsize::new(0);
        let stored = AtomicUsize::new(0);
        let mut last = std::time::Instant::now();
        let mut unchanged_keys = HashMap::new();
        let mut reused_count = 0;
        // Sorted under the bridge's lock, one at a time; read and parsed, and
        // the unchanged files handed on, on whichever core is free.
        files
            .flat_map(|(path, meta)| {
                let to_read = sorter.sort(path, &meta);
                let mut steps = Vec::new();
                if last.elapsed() >= super::batch_every(unchanged_keys.len())
                    && !sorter.reused.is_empty()
                {
                    let group = std::mem::take(&mut sorter.reused);
                    last = std::time::Instant::now();
                    reused_count += group.len();
                    keys_of(&group, &mut unchanged_keys);
                    steps.push(Step::HandOn(group));
                }
                if let Some(file) = to_read {
                    begin_cache();
                    parsed.fetch_add(1, Ordering::Relaxed);
                    steps.push(Step::Read(file));
                }
                steps
            })
            .par_bridge()
            .for_each(|step| match step {
                Step::Read(file) => {
                    if self.read_one(file, &writer) {
                        stored.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Step::HandOn(group) => self.batches.add_now(group),
            });
        let reused = std::mem::take(&mut sorter.reused);
        reused_count += reused.len();
        keys_of(&reused, &mut unchanged_keys);
        let (confirmed, withdrawn) = sorter.confirmed();
        let stats = LoadStats {
            cached: confirmed.len() + reused_count,
            parsed: parsed.into_inner(),
            withdrawn,
        };
        self.batches.add_now(reused);
        unchanged_keys.extend(confirmed);
        // A load that withdrew files writes no cache (see `load_into`).
        let changed =
            (stored.into_inner() > 0 || stats.cached != cached_count || partial) && withdrawn == 0;
        if changed {
            begin_cache();
        }
        let writer = writer.into_inner().unwrap_or_else(|e| e.into_inner());
        Read {
            stats,
            writer: writer.filter(|_| changed),
            unchanged: Vec::new(),
            to_reread: unchanged_keys,
        }
    }
}

/// What the walk's next file makes a browser's load do.
enum Step {
    Read((PathBuf, String, FileKey)),
    /// Hand unchanged files on, as ready at once.
    HandOn(Vec<(FileReport, Option<Meeting>)>),
}

/// Adds the sources and keys of `files` to `keys`.
fn keys_of(files: &[(FileReport, Option<Meeting>)], keys: &mut HashMap<String, FileKey>) {
    keys.extend(
        files
            .iter()
            .filter_map(|(r, _)| Some((r.source.clone(), r.key?))),
    );
}

/// How many of the cache's unchanged files a browser's warm start hands on
/// before the first frame, each checked by its own `stat`: a few chunks of
/// the index, enough to fill a screen.
pub(super) const FIRST_CACHED: usize = 512;

/// A browser's warm start: the cache's index is decoded on other threads
/// while this one checks its first [`FIRST_CACHED`] files by their own
/// `stat` and hands the unchanged ones on at once, so that the first frame
/// waits for neither the walk nor the whole index (at 40,000 meetings the
/// walk alone took 90 ms, and 170 ms while the index was decoded beside it).
/// `start_walk` is called as soon as they are on their way (or the first
/// chunk confirmed none); the other cached files are left for the walk to
/// match ([`Reading::as_walked`]), which also confirms those handed on.
///
/// Only a file under the paths as given is checked so: the cache is shared by
/// spellings of the same folders (`minutes` and `./minutes`), whose files the
/// walk names differently.
fn stream_cached(
    paths: &[PathBuf],
    cache_path: &Path,
    batches: &Batches,
    start_walk: &mut dyn FnMut(),
) -> Known {
    let (chunks, decoded) = std::sync::mpsc::channel();
    let under_paths = |source: &str| paths.iter().any(|p| spelled_under(source, p));
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            cache::read_each(cache_path, reread_sections, &move |chunk| {
                let _ = chunks.send(chunk);
            })
        });
        let mut known = Known::default();
        let mut group = Vec::new();
        let mut handed = false;
        // At most this many `stat`s: a cache that many fail (a checkout
        // touched every file) is left to the walk.
        let mut tries = 2 * FIRST_CACHED;
        for chunk in decoded {
            known.cached_count += chunk.len();
            for (source, entry) in chunk {
                let check = !handed && tries > 0 && under_paths(&source);
                tries -= usize::from(check);
                if check && unchanged_by_stat(&source, entry.key) {
                    known.sent.insert(source.clone(), entry.key);
                    group.push(reused_file(source, entry.key, entry));
                } else {
                    known.cached.insert(source, entry);
                }
            }
            if !handed && (group.len() >= FIRST_CACHED || tries == 0) {
                batches.add_now(std::mem::take(&mut group));
                handed = true;
            }
            if handed || known.sent.is_empty() {
                start_walk();
            }
        }
        if !group.is_empty() {
            batches.add_now(group);
        }
        known.partial = !reader.join().unwrap_or(false);
        known
    })
}

/// Whether the walk of `path` names one of its files `source`: `path`
/// itself (a file given), or `path` joined with plain names (as the walk
/// joins them: `minutes//a.txt` or `minutes/./a.txt` is no name the walk of
/// `minutes` gives, though its components are the same).
fn spelled_under(source: &str, path: &Path) -> bool {
    let source_path = Path::new(source);
    source_path.as_os_str() == path.as_os_str()
        || source_path.strip_prefix(path).is_ok_and(|rest| {
            rest.components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
                && path.join(rest).as_os_str() == source_path.as_os_str()
        })
}

/// Whether the file a cache entry was read from is still the version the
/// entry holds, by a `stat` of its own. A source that is not the file's name
/// as it is (a non-UTF-8 name, shown with U+FFFD) is never confirmed so.
fn unchanged_by_stat(source: &str, key: FileKey) -> bool {
    !source.contains(char::REPLACEMENT_CHARACTER)
        && fs::metadata(source).is_ok_and(|meta| FileKey::of(&meta) == key)
}

/// The entries of `sent` (files taken unchanged, by source, with their keys)
/// as the cache at `path` holds them, for a new cache: every chunk that
/// decodes, each entry only with the key it was taken with (another process
/// may have replaced the cache meanwhile).
fn reread_unchanged(
    path: &Path,
    sent: HashMap<String, cache::FileKey>,
) -> Vec<(FileReport, Option<Meeting>)> {
    if sent.is_empty() {
        return Vec::new();
    }
    let found = Mutex::new(Vec::new());
    cache::read_each(path, reread_sections, &|chunk| {
        let kept = chunk
            .into_iter()
            .filter(|(source, entry)| sent.get(source) == Some(&entry.key))
            .map(|(source, entry)| reused_file(source, entry.key, entry));
        found.lock().unwrap_or_else(|e| e.into_inner()).extend(kept);
    });
    found.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// A file the cache knows unchanged, as a load reports it, and its meeting.
pub(super) fn reused_file(
    source: String,
    key: cache::FileKey,
    entry: cache::Entry,
) -> (FileReport, Option<Meeting>) {
    (
        FileReport {
            source,
            encoding: entry.encoding.as_deref().map(cache::encoding_name),
            meeting: None,
            error: entry.error,
            diagnostics: entry.diagnostics,
            key: Some(key),
        },
        entry.meeting,
    )
}

/// Stores one parsed file in the cache being written, if one is. Its sections
/// are serialised on the calling (loader) thread; a write that fails drops
/// the new cache and leaves the old one. Returns whether the file is stored.
///
/// A file that could not be read is left out, to be tried again next time; one
/// that was read but holds no minutes is kept, so a stray file in the folder is
/// not read again on every start.
fn cache_file(
    writer: &Mutex<Option<cache::Writer>>,
    report: &FileReport,
    meeting: Option<&Meeting>,
) -> bool {
    // Serialising the sections is most of the cost: not for no cache.
    if writer.lock().unwrap_or_else(|e| e.into_inner()).is_none() {
        return false;
    }
    let Some(entry) = entry_ref(report, meeting) else {
        return false;
    };
    let Some(bodies) = meeting.map_or(Some(Vec::new()), cache::bodies_of) else {
        return false;
    };
    let mut writer = writer.lock().unwrap_or_else(|e| e.into_inner());
    let added = writer
        .as_mut()
        .map(|w| w.add(&report.source, &entry, bodies));
    match added {
        Some(Ok(())) => true,
        Some(Err(_)) => {
            *writer = None;
            false
        }
        None => false,
    }
}

/// Adds the files taken from the old cache to the new one; their sections
/// are copied over as stored.
fn add_unchanged(
    writer: &mut cache::Writer,
    unchanged: &[(FileReport, Option<Meeting>)],
) -> std::io::Result<()> {
    let entries: Vec<(&str, cache::EntryRef)> = unchanged
        .iter()
        .filter_map(|(report, meeting)| {
            Some((report.source.as_str(), entry_ref(report, meeting.as_ref())?))
        })
        .collect();
    writer.add_all(&entries)
}

/// How the cache stores a file's report and meeting; `None` for a file not to
/// cache: one not found on disk, or not read (its encoding unknown).
fn entry_ref<'a>(
    report: &'a FileReport,
    meeting: Option<&'a Meeting>,
) -> Option<cache::EntryRef<'a>> {
    report.encoding?;
    Some(cache::EntryRef {
        key: report.key.as_ref()?,
        encoding: report.encoding,
        error: report.error.as_ref(),
        diagnostics: &report.diagnostics,
        meeting,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_under_a_path_as_the_walk_spells_it() {
        let under = |source: &str, path: &str| spelled_under(source, Path::new(path));
        assert!(under("minutes/a.txt", "minutes"));
        assert!(under("minutes/a.txt", "minutes/"));
        assert!(under("./minutes/2024/a.txt", "./minutes"));
        assert!(under("/srv/m/a.txt", "/srv/m"));
        assert!(under("minutes/a.txt", "minutes/a.txt"), "a file given");
        assert!(!under("minutes2/a.txt", "minutes"));
        assert!(!under("minutes/./a.txt", "minutes"));
        assert!(!under("minutes/a.txt", "minutes/."));
        assert!(!under("minutes//a.txt", "minutes"));
        assert!(!under("minutes/../minutes/a.txt", "minutes"));
        assert!(!under("other/a.txt", "minutes"));
    }

    /// A file handed on by `stat` that the walk finds changed (it changed
    /// between the two) is withdrawn: not read here, not kept for a cache.
    #[test]
    fn a_file_handed_on_that_the_walk_finds_changed_is_withdrawn() {
        let dir = tempfile::tempdir().unwrap();
        let text = |case: &str| {
            format!(
                "REFERAT Direktionen d. 01-08-2025\n\nPunkt 1: Sag\n\n{case}\n\nBeslutning\n\nGodkendt.\n"
            )
        };
        for n in 0..3 {
            fs::write(
                dir.path().join(format!("{n}.txt")),
                text(&format!("25/{n}")),
            )
            .unwrap();
        }
        // The key it was handed on with is not the one the walk finds (a
        // write between the two, without waiting for the clock to move).
        let file = dir.path().join("1.txt");
        let mut stale = FileKey::of(&fs::metadata(&file).unwrap());
        stale.size += 1;
        let known = Known {
            sent: [(file.display().to_string(), stale)].into(),
            ..Known::default()
        };
        let batches = Batches::keep();
        let reading = Reading {
            cache_path: None,
            progress: &Progress::default(),
            batches: &batches,
            keep: None,
        };
        let files = walk::walk(&[dir.path().to_path_buf()]).files.into_iter();
        let read = reading.as_walked(files, known);
        assert_eq!(read.stats.withdrawn, 1);
        assert_eq!(read.stats.parsed, 2, "every file but the one handed on");
        assert!(read.to_reread.is_empty(), "{:?}", read.to_reread);
        let corpus = batches.into_corpus();
        assert!(
            corpus.case("25/1").is_empty(),
            "the withdrawn file is not read"
        );
        assert_eq!(corpus.case("25/2").len(), 1);
    }
}
