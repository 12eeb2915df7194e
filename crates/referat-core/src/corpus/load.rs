//! How a load goes: the folders are walked, each file found is taken from
//! the cache when the cache knows it unchanged and read and parsed otherwise
//! (on all cores), and the cache is written anew when anything changed.
//!
//! A browser's load hands meetings on as soon as it has them, so it is shaped
//! for its first frame: the cache's files go on by their own `stat` before
//! the walk is done ([`stream_cached`]), and the walk hands each file to the
//! reading as it finds it ([`walk::walk_each`]), so that a cold start parses
//! its first files while the walk is still listing. Every other load walks
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
use crate::cache;
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
    let (read, errors) = if batches.streams() {
        let (found, walked) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            let mut found = Some(found);
            let mut walker = None;
            let mut start_walk = || {
                if let Some(found) = found.take() {
                    walker = Some(scope.spawn(move || {
                        walk::walk_each(paths, |path, meta| {
                            let _ = found.send((path, meta));
                        })
                    }));
                }
            };
            let known = match cache_path {
                Some(path) => stream_cached(path, progress, batches, &mut start_walk),
                None => Known::default(),
            };
            start_walk();
            // The walk's files, as it finds them, until it is done.
            let read = read_walked(
                walked.into_iter(),
                known,
                cache_path,
                progress,
                batches,
                keep,
            );
            let errors = walker.map(|walker| walker.join().unwrap_or_default());
            (read, errors.unwrap_or_default())
        })
    } else {
        let (found, cached) = rayon::join(
            || walk::walk(paths),
            || cache_path.map(|path| cache::read(path, reread_sections)),
        );
        let cached = cached.unwrap_or_default();
        let known = Known {
            cached_count: cached.len(),
            cached,
            ..Known::default()
        };
        let files = found.files.into_iter();
        let read = read_walked(files, known, cache_path, progress, batches, keep);
        (read, found.errors)
    };
    batches.add_now(Corpus::parse_inputs(unreadable(errors)));
    if let (Some(path), Some(mut writer)) = (cache_path, read.writer) {
        let unchanged = reread_unchanged(path, read.unchanged);
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
    /// Whether only part of the cache's index could be read: such a cache
    /// is written anew.
    partial: bool,
}

/// What [`read_walked`] did, and what is left to write.
struct Read {
    stats: LoadStats,
    /// The new cache, when something changed: it holds the files parsed and
    /// gets the unchanged ones last.
    writer: Option<cache::Writer>,
    /// The files taken unchanged from the old cache, by source, with their
    /// keys: copied into the new one from the old file.
    unchanged: HashMap<String, cache::FileKey>,
}

/// Goes through the walk's `files` as they come: a file the cache knows
/// unchanged is handed on as cached, any other is read and parsed on all
/// cores, and one handed on already is confirmed — or, when the walk does not
/// find it as it was, withdrawn ([`LoadStats::withdrawn`]): neither read nor
/// kept in the cache here. A new cache is begun with the first file to read,
/// or at the end when cached files have gone, and returned to be finished; a
/// load with nothing new writes none.
fn read_walked(
    files: impl Iterator<Item = (PathBuf, fs::Metadata)> + Send,
    known: Known,
    cache_path: Option<&Path>,
    progress: &Progress,
    batches: &Batches,
    keep: Option<KeepText>,
) -> Read {
    let Known {
        mut cached,
        sent,
        cached_count,
        partial,
    } = known;
    let writer: Mutex<Option<cache::Writer>> = Mutex::new(None);
    let begun = AtomicBool::new(false);
    let begin_cache = || {
        if let Some(path) = cache_path
            && !begun.swap(true, Ordering::Relaxed)
        {
            *writer.lock().unwrap_or_else(|e| e.into_inner()) = cache::Writer::create(path).ok();
        }
    };
    let mut confirmed = HashSet::new();
    let reused = Mutex::new(Vec::new());
    let parsed = AtomicUsize::new(0);
    let newly_cached = AtomicUsize::new(0);
    // The walk's files are sorted under the bridge's lock, one at a time;
    // they are read and parsed on whichever core is free.
    files
        .filter_map(|(path, meta)| {
            progress.found(1);
            let source = path.display().to_string();
            let key = cache::FileKey::of(&meta);
            if let Some(sent_key) = sent.get(&source) {
                if *sent_key == key {
                    confirmed.insert(source);
                }
                return None;
            }
            match cached.remove(&source) {
                Some(entry) if entry.key == key => {
                    progress.advance(1);
                    let file = reused_file(source, key, entry);
                    reused.lock().unwrap_or_else(|e| e.into_inner()).push(file);
                    None
                }
                _ => {
                    begin_cache();
                    parsed.fetch_add(1, Ordering::Relaxed);
                    Some((path, source, key))
                }
            }
        })
        .par_bridge()
        .for_each(|(path, source, key)| {
            let text = match keep {
                None => read_text(&path),
                Some(keep) => match crate::read::read_text_if(&path, keep) {
                    Some(text) => text,
                    None => {
                        progress.advance(1);
                        return;
                    }
                },
            };
            let (mut report, meeting) = parse_input(Input { source, text });
            report.key = Some(key);
            progress.advance(1);
            if begun.load(Ordering::Relaxed) && cache_file(&writer, &report, meeting.as_ref()) {
                newly_cached.fetch_add(1, Ordering::Relaxed);
            }
            batches.add((report, meeting));
        });
    let reused = reused.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut unchanged = sent;
    let sent_count = unchanged.len();
    unchanged.retain(|source, _| confirmed.contains(source));
    let stats = LoadStats {
        cached: unchanged.len() + reused.len(),
        parsed: parsed.into_inner(),
        withdrawn: sent_count - unchanged.len(),
    };
    unchanged.extend(
        reused
            .iter()
            .filter_map(|(r, _)| Some((r.source.clone(), r.key?))),
    );
    batches.add_now(reused);
    // Files that could not be read are not cached, so they are no change:
    // one unreadable file must not rewrite the cache on every start.
    let changed = newly_cached.into_inner() > 0 || stats.cached != cached_count || partial;
    if changed {
        begin_cache();
    }
    let writer = writer.into_inner().unwrap_or_else(|e| e.into_inner());
    Read {
        stats,
        writer: writer.filter(|_| changed),
        unchanged,
    }
}

/// How many of the cache's unchanged files a browser's warm start hands on
/// before the first frame: a few chunks of the index, enough to fill a screen.
pub(super) const FIRST_CACHED: usize = 512;

/// A browser's warm start: the cache's index is decoded on other threads
/// while this one checks each decoded file by its own `stat` and hands the
/// unchanged ones on as they come — the first [`FIRST_CACHED`] at once, the
/// rest every [`super::BATCH_EVERY`]. `start_walk` is called once the first
/// files are on their way, so that the first frame waits for neither the
/// walk nor the whole index (at 40,000 meetings the walk alone took 90 ms,
/// and 170 ms while the index was decoded beside it).
///
/// What was handed on is for the walk to confirm ([`read_walked`]); cached
/// files no `stat` confirmed (changed, gone, or with names that are not
/// UTF-8) are left for the walk to match or read.
fn stream_cached(
    cache_path: &Path,
    progress: &Progress,
    batches: &Batches,
    start_walk: &mut dyn FnMut(),
) -> Known {
    let (chunks, decoded) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            cache::read_each(cache_path, reread_sections, &move |chunk| {
                let _ = chunks.send(chunk);
            })
        });
        let mut known = Known::default();
        let mut group = Vec::new();
        let mut last: Option<std::time::Instant> = None;
        let hand_on = |group: &mut Vec<(FileReport, Option<Meeting>)>| {
            progress.advance(group.len());
            batches.add_now(std::mem::take(group));
        };
        for chunk in decoded {
            known.cached_count += chunk.len();
            for (source, entry) in chunk {
                if unchanged_by_stat(&source, entry.key) {
                    known.sent.insert(source.clone(), entry.key);
                    group.push(reused_file(source, entry.key, entry));
                } else {
                    known.cached.insert(source, entry);
                }
            }
            let due = match last {
                None => group.len() >= FIRST_CACHED,
                Some(at) => at.elapsed() >= super::BATCH_EVERY,
            };
            if due && !group.is_empty() {
                hand_on(&mut group);
                last = Some(std::time::Instant::now());
                start_walk();
            }
        }
        if !group.is_empty() {
            hand_on(&mut group);
        }
        known.partial = !reader.join().unwrap_or(false);
        known
    })
}

/// Whether the file a cache entry was read from is still the version the
/// entry holds, by a `stat` of its own. A source that is not the file's name
/// as it is (a non-UTF-8 name, shown with U+FFFD) is never confirmed so.
fn unchanged_by_stat(source: &str, key: cache::FileKey) -> bool {
    !source.contains(char::REPLACEMENT_CHARACTER)
        && fs::metadata(source).is_ok_and(|meta| cache::FileKey::of(&meta) == key)
}

/// The entries of `sent` as the cache at `path` holds them, for a new cache:
/// every chunk that decodes, each entry only with the key it was handed on
/// with (another process may have replaced the cache meanwhile).
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
fn reused_file(
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

/// Stores one parsed file in the cache being written. Its sections are
/// serialised on the calling (loader) thread; a write that fails drops the
/// new cache and leaves the old one. Returns whether the file is stored.
///
/// A file that could not be read is left out, to be tried again next time; one
/// that was read but holds no minutes is kept, so a stray file in the folder is
/// not read again on every start.
fn cache_file(
    writer: &Mutex<Option<cache::Writer>>,
    report: &FileReport,
    meeting: Option<&Meeting>,
) -> bool {
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
