//! Streaming a load: what has been parsed so far, handed out in batches while
//! the rest is still being read, and merged into a growing corpus.
//!
//! A browser opened on a large folder should show meetings as they arrive
//! rather than after the last file. [`Corpus::load_streaming`] passes every
//! file it has parsed (or taken from the cache) to a [`Batches`], which
//! gathers them and every [`BATCH_EVERY`] (further apart as the corpus grows:
//! [`batch_every`]) hands them on as a small corpus of its own: sorted and
//! indexed on the loader's thread, so that the receiver only has to
//! [`Corpus::merge`] it, a linear pass with no sorting of what it already
//! holds. Merging every batch of a load into an empty corpus gives the corpus
//! the load returns.
//!
//! Meetings move to other positions as others are merged in before them, but
//! keep their [`MeetingId`]: whoever holds an id or an [`ItemRef`] still
//! points at the same meeting after a merge.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{Corpus, FileReport, GONE, ItemRef, MeetingId, meeting_order};
use crate::model::Meeting;

/// How often a streaming load hands on what it has parsed: often enough that
/// the browser fills in smoothly, seldom enough that merging stays cheap.
pub const BATCH_EVERY: Duration = Duration::from_millis(100);

/// How much longer the wait between batches grows for each file handed on
/// so far: merging a batch costs the receiver time in proportion to all it
/// holds, so at a steady [`BATCH_EVERY`] a large cold load spent more and
/// more of it merging (batches every 400 ms rather than 100 ms took a cold
/// browser load of 40,000 meetings from 4.1 to 3.6 s). From 20,000 files
/// on, batches come further apart (at 100,000, every half second).
pub const BATCH_EVERY_PER_FILE: Duration = Duration::from_micros(5);

/// The wait between batches once `handed` files have been handed on.
pub fn batch_every(handed: usize) -> Duration {
    BATCH_EVERY.max(BATCH_EVERY_PER_FILE * u32::try_from(handed).unwrap_or(u32::MAX))
}

/// How many parsed files make the first batch due before [`BATCH_EVERY`]:
/// a screen's worth of meetings, so that a cold start shows the first of
/// them as soon as they are parsed rather than a tenth of a second later.
pub const FIRST_BATCH: usize = 64;

/// Where a load puts what it has parsed: handed on in batches while it runs
/// (the browser), or kept for one corpus at the end (everything else).
///
/// Files are given to it by value: a load keeps no copy of its own, so a
/// browser's first load holds each meeting once.
pub struct Batches<'a> {
    /// Hands a batch on, saying whether it was ready at once (the cache's
    /// meetings, files that could not be read) rather than parsed.
    send: Option<Box<dyn Fn(Corpus, bool) + Sync + 'a>>,
    pending: Mutex<Pending>,
}

/// Files parsed since the last batch was handed on (or all, when kept).
struct Pending {
    since: Instant,
    parsed: Vec<(FileReport, Option<Meeting>)>,
    /// Whether a batch has been handed on yet.
    handed: bool,
    /// How many files have been handed on so far.
    files_handed: usize,
}

impl<'a> Batches<'a> {
    /// Hands every batch to `send`, on whichever loader thread completes it.
    pub fn new(send: &'a (dyn Fn(Corpus) + Sync)) -> Batches<'a> {
        Batches::telling(move |batch, _| send(batch))
    }

    /// As [`Batches::new`], telling `send` whether each batch was ready at
    /// once (`true`: the cache's meetings) or parsed (`false`).
    pub fn telling(send: impl Fn(Corpus, bool) + Sync + 'a) -> Batches<'a> {
        Batches {
            send: Some(Box::new(send)),
            pending: Mutex::new(Pending {
                since: Instant::now(),
                parsed: Vec::new(),
                handed: false,
                files_handed: 0,
            }),
        }
    }

    /// Hands nothing on: keeps every file for [`Batches::into_corpus`].
    pub fn keep() -> Batches<'static> {
        Batches {
            send: None,
            pending: Mutex::new(Pending {
                since: Instant::now(),
                parsed: Vec::new(),
                handed: false,
                files_handed: 0,
            }),
        }
    }

    /// Everything kept, as one corpus (all of a load, with [`Batches::keep`]).
    pub fn into_corpus(self) -> Corpus {
        let pending = self.pending.into_inner().unwrap_or_else(|e| e.into_inner());
        Corpus::assemble(pending.parsed)
    }

    /// Whether batches are handed on while the load runs (a browser), rather
    /// than kept for one corpus at the end.
    pub(super) fn streams(&self) -> bool {
        self.send.is_some()
    }

    /// Adds one parsed file, and hands the batch on when it is due.
    pub(super) fn add(&self, parsed: (FileReport, Option<Meeting>)) {
        let due = {
            let mut pending = self.lock();
            // The first batch's time runs from its first file.
            if !pending.handed && pending.parsed.is_empty() {
                pending.since = Instant::now();
            }
            pending.parsed.push(parsed);
            pending.since.elapsed() >= batch_every(pending.files_handed)
                || (!pending.handed && pending.parsed.len() >= FIRST_BATCH)
        };
        if due {
            self.flush();
        }
    }

    /// Adds files that are ready at once (those from the cache, those that
    /// could not be read at all) and hands them on straight away, after what
    /// was parsed since the last batch (as parsed files). One taking of the
    /// pending files: a file parsed meanwhile goes in the next batch, never
    /// among the ready ones.
    pub(super) fn add_now(&self, ready: Vec<(FileReport, Option<Meeting>)>) {
        let Some(send) = &self.send else {
            self.lock().parsed.extend(ready);
            return;
        };
        let parsed = self.take();
        if !parsed.is_empty() {
            send(Corpus::assemble(parsed), false);
        }
        if !ready.is_empty() {
            let mut pending = self.lock();
            pending.handed = true;
            pending.files_handed += ready.len();
            drop(pending);
            send(Corpus::assemble(ready), true);
        }
    }

    /// Hands on what was parsed since the last batch, if anything (and if
    /// handing on).
    fn flush(&self) {
        let Some(send) = &self.send else {
            return;
        };
        let parsed = self.take();
        // Sorting and indexing happen here, on the loader's thread, not in the
        // receiver's `merge`.
        if !parsed.is_empty() {
            send(Corpus::assemble(parsed), false);
        }
    }

    /// Takes the files parsed since the last batch, and starts the next.
    fn take(&self) -> Vec<(FileReport, Option<Meeting>)> {
        let mut pending = self.lock();
        pending.since = Instant::now();
        pending.handed |= !pending.parsed.is_empty();
        pending.files_handed += pending.parsed.len();
        std::mem::take(&mut pending.parsed)
    }

    /// The pending files; a thread that panicked while holding them leaves
    /// them usable (the list is only ever pushed to or taken whole).
    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Corpus {
    /// Adds the meetings and reports of `batch` (a sorted corpus, as
    /// [`Batches`] hands on) to this one, keeping the meetings in order, the
    /// reports linked, the case index whole and each forum name stored once.
    /// Linear in the size of both: both lists are already sorted.
    ///
    /// The meetings already here keep their ids, so nothing that holds an id
    /// or an [`ItemRef`] of this corpus needs to follow the merge. The batch's
    /// meetings get ids this corpus never gave; the [`Renumbered`] returned
    /// says which, for what was derived from the batch before it came (the
    /// finder's haystacks).
    pub fn merge(&mut self, batch: Corpus) -> Renumbered {
        // The batch numbered its meetings from 0; here they come after ours.
        let first_new = self.positions.len() as u32;
        let renumber = |id: MeetingId| MeetingId(first_new + id.0);
        let mut meetings = Vec::with_capacity(self.meetings.len() + batch.meetings.len());
        let mut ids = Vec::with_capacity(meetings.capacity());
        let mut ours = std::mem::take(&mut self.meetings)
            .into_iter()
            .zip(std::mem::take(&mut self.ids))
            .peekable();
        let mut batch_meetings = batch.meetings;
        for meeting in &mut batch_meetings {
            self.forums.intern_meeting(meeting);
        }
        let mut theirs = batch_meetings
            .into_iter()
            .zip(batch.ids.into_iter().map(renumber))
            .peekable();
        loop {
            let take_ours = match (ours.peek(), theirs.peek()) {
                (Some((a, _)), Some((b, _))) => meeting_order(a, b).is_le(),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_ours {
                ours.next()
            } else {
                theirs.next()
            };
            if let Some((meeting, id)) = next {
                meetings.push(meeting);
                ids.push(id);
            }
        }
        self.meetings = meetings;
        self.positions
            .resize(first_new as usize + batch.positions.len(), GONE);
        for (position, id) in ids.iter().enumerate() {
            self.positions[id.index()] = position as u32;
        }
        self.ids = ids;

        let mut reports = Vec::with_capacity(self.reports.len() + batch.reports.len());
        let mut ours = std::mem::take(&mut self.reports).into_iter().peekable();
        let mut theirs = batch
            .reports
            .into_iter()
            .map(|mut report| {
                report.meeting = report.meeting.map(renumber);
                report
            })
            .peekable();
        loop {
            let take_ours = match (ours.peek(), theirs.peek()) {
                (Some(a), Some(b)) => a.source <= b.source,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            reports.extend(if take_ours {
                ours.next()
            } else {
                theirs.next()
            });
        }
        self.reports = reports;

        let mut index = std::mem::take(&mut self.case_index);
        let mut other = batch.case_index;
        for at in other.values_mut().flatten() {
            at.meeting = renumber(at.meeting);
        }
        // Insert the smaller index into the larger: the first batch of a load
        // (the cache's) is taken whole.
        if index.len() < other.len() {
            std::mem::swap(&mut index, &mut other);
        }
        for (case, refs) in other {
            let into = index.entry(case).or_default();
            into.extend(refs);
            into.sort_unstable_by_key(|&at| self.order_key(at));
            into.dedup();
        }
        self.case_index = index;
        // A batch may bring another reading of a meeting already here.
        let folded = self.fold_same_meetings(|id| id.0 >= first_new);
        Renumbered {
            first_new,
            folded: folded.into_iter().map(|(gone, _)| gone).collect(),
        }
    }
}

/// The ids a [`Corpus::merge`] gave a batch's meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbered {
    /// The id the batch's first id (0) became; the others follow in order.
    first_new: u32,
    /// The merged corpus's ids of the batch's meetings that were other
    /// readings of meetings already there (see [`Meeting::also_in`]): given
    /// up, as the meeting kept its id.
    folded: Vec<MeetingId>,
}

impl Renumbered {
    /// The id in the merged corpus of the meeting the batch knew as `id`;
    /// `None` when it became part of a meeting already there.
    pub fn id(&self, id: MeetingId) -> Option<MeetingId> {
        let id = MeetingId(self.first_new + id.0);
        (!self.folded.contains(&id)).then_some(id)
    }

    /// Whether the batch brought other readings of meetings already there:
    /// such a meeting may now hold the batch's fuller reading.
    pub fn folded_any(&self) -> bool {
        !self.folded.is_empty()
    }

    /// The merged corpus's ref to the item the batch knew as `at`; `None`
    /// when its meeting was already there, from another file, and so was
    /// the item.
    pub fn item(&self, at: ItemRef) -> Option<ItemRef> {
        Some(ItemRef {
            meeting: self.id(at.meeting)?,
            item: at.item,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::*;
    use crate::corpus::{CacheMode, Progress};

    /// Direktionen's minutes of these August days, as `<day>.txt`, all
    /// carrying case 25/1.
    fn texts(days: &[usize]) -> Vec<(String, String)> {
        days.iter()
            .map(|&d| (format!("{d}.txt"), minutes(d, "Direktionen", "25/1")))
            .collect()
    }

    fn minutes(day: usize, forum: &str, case: &str) -> String {
        format!(
            "REFERAT {forum} d. {:02}-08-2025\n\nPunkt 1: Øvrige sager\n\n24/24964\n\n\
             Punkt 2: Sag {day}\n\n{case}\n\nBeslutning\n\nGodkendt.\n",
            day % 28 + 1
        )
    }

    /// A folder of minutes on shared and distinct case numbers, on the same
    /// and on different days, and two files that are not minutes.
    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..40 {
            let forum = ["Direktionen", "Chefforum"][i % 2];
            let text = minutes(i % 13, forum, &format!("25/{}", i % 7));
            fs::write(dir.path().join(format!("{i:03}.txt")), text).unwrap();
        }
        fs::write(dir.path().join("note.txt"), "not minutes").unwrap();
        fs::write(dir.path().join("blob.txt"), b"\x00\x01\x02binary").unwrap();
        dir
    }

    /// The same meetings in the same order, reports and case index alike.
    /// Ids may differ (a grown corpus numbers meetings as they came), so
    /// links are compared by the source of the meeting they lead to.
    fn same(a: &Corpus, b: &Corpus) {
        // Cached meetings compare by content once read.
        a.meetings
            .iter()
            .chain(&b.meetings)
            .for_each(Meeting::read_sections);
        assert_eq!(a.meetings, b.meetings);
        let source = |c: &Corpus, id: MeetingId| c.meeting(id).unwrap().source.clone();
        let reports = |c: &Corpus| -> Vec<_> {
            c.reports
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    let linked = r.meeting.take().map(|id| source(c, id));
                    (r, linked)
                })
                .collect()
        };
        assert_eq!(reports(a), reports(b));
        let index = |c: &Corpus| -> std::collections::BTreeMap<String, Vec<(String, usize)>> {
            c.case_index
                .iter()
                .map(|(case, refs)| {
                    let refs = refs
                        .iter()
                        .map(|r| (source(c, r.meeting), r.item))
                        .collect();
                    (case.clone(), refs)
                })
                .collect()
        };
        assert_eq!(index(a), index(b));
        for (position, (id, _)) in a.with_ids().enumerate() {
            assert_eq!(a.position(id), Some(position));
        }
    }

    #[test]
    fn a_streaming_load_hands_on_every_file_once_and_merges_to_the_same_corpus() {
        let dir = folder();
        let paths = [dir.path().to_path_buf(), PathBuf::from("/no/such/minutes")];
        let batches = Mutex::new(Vec::new());
        let send = |batch: Corpus| batches.lock().unwrap().push(batch);
        Corpus::load_streaming(
            &paths,
            &CacheMode::Off,
            &Progress::default(),
            &Batches::new(&send),
        );
        let batches = batches.into_inner().unwrap();
        let plain = Corpus::load(&paths);

        let mut sources: Vec<&str> = batches
            .iter()
            .flat_map(|b| b.reports.iter().map(|r| r.source.as_str()))
            .collect();
        sources.sort_unstable();
        let expected: Vec<&str> = plain.reports.iter().map(|r| r.source.as_str()).collect();
        assert_eq!(sources, expected, "every file exactly once");
        let meetings: usize = batches.iter().map(|b| b.meetings().len()).sum();
        assert_eq!(meetings, 40);

        // In arrival order, and in the reverse, one batch at a time.
        for order in [batches.clone(), batches.into_iter().rev().collect()] {
            let mut grown = Corpus::default();
            for batch in order {
                grown.merge(batch);
            }
            same(&grown, &plain);
        }
    }

    #[test]
    fn the_cache_comes_as_one_early_batch() {
        let dir = folder();
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = CacheMode::At(cache_dir.path().join("cache"));
        let paths = [dir.path().to_path_buf()];
        Corpus::load_with(&paths, &cache);
        fs::write(dir.path().join("new.txt"), minutes(3, "Byrådet", "26/1")).unwrap();
        let batches = Mutex::new(Vec::new());
        let told = Mutex::new(Vec::new());
        let send = |batch: Corpus, at_once: bool| {
            told.lock().unwrap().push((batch.meetings().len(), at_once));
            batches.lock().unwrap().push(batch);
        };
        let stats = Corpus::load_streaming(
            &paths,
            &cache,
            &Progress::default(),
            &Batches::telling(send),
        );
        // The cached meetings are told as ready at once, the parsed one not.
        let told = told.into_inner().unwrap();
        assert_eq!(told[0], (40, true), "{told:?}");
        assert!(told.contains(&(1, false)), "{told:?}");
        // The 40 minutes and the note that is not minutes are cached; the
        // binary file, not read as text, is tried again every time.
        assert_eq!((stats.cached, stats.parsed), (41, 2));
        let (streamed, stats) = Corpus::load_with(&paths, &cache);
        assert_eq!(
            (stats.cached, stats.parsed),
            (42, 1),
            "the streamed load wrote the cache"
        );
        let batches = batches.into_inner().unwrap();
        assert_eq!(batches[0].meetings().len(), 40, "the cached meetings first");
        let mut grown = Corpus::default();
        for batch in batches {
            grown.merge(batch);
        }
        same(&grown, &streamed);
        same(&streamed, &Corpus::load_with(&paths, &CacheMode::Off).0);
        assert_eq!(grown.case("26/1").len(), 1);
    }

    #[test]
    fn a_large_cache_comes_in_several_batches_the_first_before_the_index_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let files = 3 * crate::corpus::load::FIRST_CACHED;
        for i in 0..files {
            let text = minutes(i, ["Direktionen", "Byrådet"][i % 2], &format!("26/{i}"));
            fs::write(dir.path().join(format!("{i:05}.txt")), text).unwrap();
        }
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = CacheMode::At(cache_dir.path().join("cache"));
        let paths = [dir.path().to_path_buf()];
        Corpus::load_with(&paths, &cache);
        // One file changed and one gone since the cache was written.
        fs::write(
            dir.path().join("00007.txt"),
            minutes(7, "Direktionen", "27/7"),
        )
        .unwrap();
        fs::remove_file(dir.path().join("00008.txt")).unwrap();
        let batches = Mutex::new(Vec::new());
        let told = Mutex::new(Vec::new());
        let send = |batch: Corpus, at_once: bool| {
            told.lock().unwrap().push((batch.reports.len(), at_once));
            batches.lock().unwrap().push(batch);
        };
        let progress = Progress::default();
        let stats = Corpus::load_streaming(&paths, &cache, &progress, &Batches::telling(send));
        assert_eq!((stats.cached, stats.parsed), (files - 2, 1));
        assert_eq!(
            progress.get(),
            (files - 1, files - 1),
            "every file found, each done once"
        );
        let told = told.into_inner().unwrap();
        let cached: Vec<usize> = told
            .iter()
            .filter(|(_, now)| *now)
            .map(|(n, _)| *n)
            .collect();
        assert!(cached.len() >= 2, "{told:?}");
        assert!(cached[0] >= crate::corpus::load::FIRST_CACHED, "{told:?}");
        assert!(
            cached[0] < files - 2,
            "the first before all of the index: {told:?}"
        );
        assert_eq!(cached.iter().sum::<usize>(), files - 2);
        let mut grown = Corpus::default();
        for batch in batches.into_inner().unwrap() {
            grown.merge(batch);
        }
        same(&grown, &Corpus::load_with(&paths, &CacheMode::Off).0);
        assert_eq!(grown.case("27/7").len(), 1);
        assert!(grown.case("26/8").is_empty());
        // The streamed load wrote the cache anew: all of it is cached now.
        let (_, stats) = Corpus::load_with(&paths, &cache);
        assert_eq!((stats.cached, stats.parsed), (files - 1, 0));
    }

    /// A streamed warm start hands cached files on by their own `stat`,
    /// before the walk is done; one the walk then does not find (here it is
    /// reached first through a new link, which the walk keeps instead) is
    /// withdrawn, and the cache left to the whole reading that follows.
    #[cfg(unix)]
    #[test]
    fn a_cached_file_the_walk_no_longer_keeps_is_withdrawn() {
        let dir = folder();
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = CacheMode::At(cache_dir.path().join("cache"));
        let paths = [dir.path().to_path_buf()];
        Corpus::load_with(&paths, &cache);
        // "0000.txt" comes before "039.txt" in name order.
        std::os::unix::fs::symlink(dir.path().join("039.txt"), dir.path().join("0000.txt"))
            .unwrap();
        let sources = |c: &Corpus| -> Vec<String> {
            let name = |r: &FileReport| r.source.rsplit('/').next().unwrap().to_string();
            c.reports
                .iter()
                .map(name)
                .filter(|n| n.starts_with("0"))
                .collect()
        };
        // A cache written anew is renamed into place: another inode.
        let written = || {
            use std::os::unix::fs::MetadataExt;
            fs::metadata(cache_dir.path().join("cache")).unwrap().ino()
        };
        let before = written();
        let (shown, stats) = streamed(&paths, &cache);
        assert_eq!(stats.withdrawn, 1);
        assert_eq!(written(), before, "the withdrawing load writes no cache");
        // What was shown held the withdrawn file; what the walk keeps does not.
        assert!(sources(&shown).contains(&"039.txt".to_string()));
        let walked = Corpus::load_with(&paths, &CacheMode::Off).0;
        assert!(sources(&walked).contains(&"0000.txt".to_string()));
        assert!(!sources(&walked).contains(&"039.txt".to_string()));
        // The whole reading the browser then starts writes the walk's cache:
        // the next start streams exactly what it gives, and withdraws nothing.
        Corpus::load_with(&paths, &cache);
        let (again, stats) = streamed(&paths, &cache);
        assert_eq!((stats.withdrawn, stats.parsed), (0, 1), "{stats:?}");
        same(&again, &walked);
    }

    /// A streaming load of `paths`, its batches merged, and its stats.
    fn streamed(paths: &[PathBuf], cache: &CacheMode) -> (Corpus, crate::corpus::LoadStats) {
        let batches = Mutex::new(Vec::new());
        let send = |batch: Corpus| batches.lock().unwrap().push(batch);
        let stats =
            Corpus::load_streaming(paths, cache, &Progress::default(), &Batches::new(&send));
        let mut grown = Corpus::default();
        for batch in batches.into_inner().unwrap() {
            grown.merge(batch);
        }
        (grown, stats)
    }

    /// The cache is shared by spellings of the same folder (`dir/.`, a link
    /// to it), whose files the walk names differently: a streamed start
    /// hands on by `stat` only files under the paths as spelled, and so
    /// withdraws nothing and shows each meeting once.
    #[cfg(unix)]
    #[test]
    fn a_warm_start_after_another_spelling_of_the_folder_shows_each_meeting_once() {
        let dir = folder();
        let links = tempfile::tempdir().unwrap();
        let link = links.path().join("minutes");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap();
        for (before, now) in [
            (dir.path().join("."), dir.path().to_path_buf()),
            (dir.path().to_path_buf(), link),
        ] {
            let cache_dir = tempfile::tempdir().unwrap();
            let cache = CacheMode::At(cache_dir.path().join("cache"));
            Corpus::load_with(&[before], &cache);
            let paths = [now];
            let (grown, stats) = streamed(&paths, &cache);
            assert_eq!(stats.withdrawn, 0, "{paths:?}: {stats:?}");
            same(&grown, &Corpus::load_with(&paths, &CacheMode::Off).0);
        }
    }

    #[cfg(unix)]
    #[test]
    fn two_files_whose_names_read_alike_both_load_in_a_streamed_warm_start() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        for (n, name) in [&b"a\xff.txt"[..], b"a\xfe.txt"].iter().enumerate() {
            let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
            fs::write(path, minutes(n, "Direktionen", &format!("28/{n}"))).unwrap();
        }
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = CacheMode::At(cache_dir.path().join("cache"));
        let paths = [dir.path().to_path_buf()];
        Corpus::load_with(&paths, &cache);
        let batches = Mutex::new(Vec::new());
        let send = |batch: Corpus| batches.lock().unwrap().push(batch);
        Corpus::load_streaming(&paths, &cache, &Progress::default(), &Batches::new(&send));
        let mut grown = Corpus::default();
        for batch in batches.into_inner().unwrap() {
            grown.merge(batch);
        }
        assert_eq!(grown.case("28/0").len() + grown.case("28/1").len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_load_with_nothing_new_leaves_the_cache_alone_and_no_scratch_file() {
        use std::os::unix::fs::MetadataExt;
        let dir = folder();
        let cache_dir = tempfile::tempdir().unwrap();
        let file = cache_dir.path().join("cache");
        let cache = CacheMode::At(file.clone());
        let paths = [dir.path().to_path_buf()];
        Corpus::load_with(&paths, &cache);
        // A cache written anew is renamed into place: another inode.
        let written = fs::metadata(&file).unwrap().ino();
        // The binary file is read every time (a file not read as text is
        // never cached), but gives nothing new: the cache is not rewritten.
        let send = |_: Corpus| {};
        let stats =
            Corpus::load_streaming(&paths, &cache, &Progress::default(), &Batches::new(&send));
        assert_eq!((stats.cached, stats.parsed), (41, 1));
        assert_eq!(fs::metadata(&file).unwrap().ino(), written);
        let names: Vec<_> = fs::read_dir(cache_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["cache"], "no temporary file left behind");
    }

    #[test]
    fn the_first_batch_goes_once_a_screen_of_files_is_parsed_the_rest_by_time() {
        // Parsed before the clock starts: only the handing on is timed.
        let mut files = Corpus::from_texts(texts(&(0..3 * FIRST_BATCH).collect::<Vec<_>>()))
            .reports
            .into_iter()
            .map(|report| (report, None));
        let told = Mutex::new(Vec::new());
        let send = |batch: Corpus| told.lock().unwrap().push(batch.reports.len());
        let batches = Batches::new(&send);
        for file in files.by_ref().take(FIRST_BATCH - 1) {
            batches.add(file);
        }
        assert!(told.lock().unwrap().is_empty());
        batches.add(files.next().unwrap());
        assert_eq!(*told.lock().unwrap(), [FIRST_BATCH]);
        // Later files wait for their time to come (well after these).
        for file in files {
            batches.add(file);
        }
        assert_eq!(*told.lock().unwrap(), [FIRST_BATCH]);
    }

    #[cfg(unix)]
    #[test]
    fn a_load_that_finds_a_cached_file_gone_writes_the_cache_anew_once() {
        use std::os::unix::fs::MetadataExt;
        let dir = folder();
        let cache_dir = tempfile::tempdir().unwrap();
        let file = cache_dir.path().join("cache");
        let cache = CacheMode::At(file.clone());
        let paths = [dir.path().to_path_buf()];
        // Only files that are cached: nothing at all is read when one goes.
        fs::remove_file(dir.path().join("blob.txt")).unwrap();
        Corpus::load_with(&paths, &cache);
        let inode = || fs::metadata(&file).unwrap().ino();
        let streamed = || {
            let send = |_: Corpus| {};
            Corpus::load_streaming(&paths, &cache, &Progress::default(), &Batches::new(&send))
        };
        for (n, load) in [
            &|| Corpus::load_with(&paths, &cache).1,
            &streamed as &dyn Fn() -> crate::corpus::LoadStats,
        ]
        .into_iter()
        .enumerate()
        {
            let first = inode();
            fs::remove_file(dir.path().join(format!("00{n}.txt"))).unwrap();
            let stats = load();
            assert_eq!((stats.cached, stats.parsed), (40 - n, 0));
            let second = inode();
            assert_ne!(first, second, "the cache is written anew ({n})");
            let stats = load();
            assert_eq!((stats.cached, stats.parsed), (40 - n, 0));
            assert_eq!(inode(), second, "and then left alone ({n})");
        }
        let (corpus, _) = Corpus::load_with(&paths, &cache);
        same(&corpus, &Corpus::load_with(&paths, &CacheMode::Off).0);
    }

    #[test]
    fn batches_come_further_apart_as_the_corpus_grows() {
        assert_eq!(batch_every(0), BATCH_EVERY);
        assert_eq!(batch_every(20_000), BATCH_EVERY);
        assert_eq!(batch_every(100_000), Duration::from_millis(500));
        assert!(batch_every(usize::MAX) > Duration::from_secs(60));
    }

    #[test]
    fn after_many_files_a_batch_waits_longer_than_batch_every() {
        let report = |n: usize| FileReport {
            source: format!("{n:06}.txt"),
            encoding: Some("UTF-8"),
            meeting: None,
            error: None,
            diagnostics: Vec::new(),
            key: None,
        };
        let told = Mutex::new(0);
        let send = |_: Corpus| *told.lock().unwrap() += 1;
        let batches = Batches::new(&send);
        let handed = 60_000;
        batches.add_now((0..handed).map(|n| (report(n), None)).collect());
        assert_eq!(batch_every(handed), Duration::from_millis(300));
        batches.add((report(handed), None));
        std::thread::sleep(BATCH_EVERY + Duration::from_millis(20));
        batches.add((report(handed + 1), None));
        assert_eq!(*told.lock().unwrap(), 1, "not yet: only the ready files");
        std::thread::sleep(batch_every(handed));
        batches.add((report(handed + 2), None));
        assert_eq!(*told.lock().unwrap(), 2);
    }

    #[test]
    fn the_first_batch_s_time_runs_from_its_first_file() {
        let mut files = Corpus::from_texts(texts(&[1, 2]))
            .reports
            .into_iter()
            .map(|report| (report, None));
        let told = Mutex::new(0);
        let send = |_: Corpus| *told.lock().unwrap() += 1;
        let batches = Batches::new(&send);
        // A load that took its time before the first file was parsed.
        std::thread::sleep(BATCH_EVERY + Duration::from_millis(20));
        batches.add(files.next().unwrap());
        assert_eq!(*told.lock().unwrap(), 0, "not a batch of one file");
        std::thread::sleep(BATCH_EVERY + Duration::from_millis(20));
        batches.add(files.next().unwrap());
        assert_eq!(*told.lock().unwrap(), 1);
    }

    #[test]
    fn merged_batches_share_one_copy_of_each_forum_name() {
        let batch = |days: &[usize], forum: &str| {
            Corpus::from_texts(
                days.iter()
                    .map(|&d| (format!("{forum}{d}.txt"), minutes(d, forum, "25/1"))),
            )
        };
        let mut corpus = batch(&[1, 2], "Direktionen");
        corpus.merge(batch(&[3, 4], "Direktionen"));
        corpus.merge(batch(&[5], "Chefforum"));
        assert_eq!(corpus.forums(), ["Chefforum", "Direktionen"]);
        let direktionen: Vec<_> = corpus
            .meetings()
            .iter()
            .filter(|m| m.forum == "Direktionen")
            .collect();
        assert_eq!(direktionen.len(), 4);
        for meeting in &direktionen {
            assert!(meeting.forum.shares_storage_with(&direktionen[0].forum));
        }
    }

    #[test]
    fn merging_keeps_every_meeting_id() {
        let mut corpus = Corpus::from_texts(texts(&[2, 5, 9]));
        let before: Vec<(MeetingId, String)> = corpus
            .with_ids()
            .map(|(id, m)| (id, m.source.clone()))
            .collect();
        corpus.merge(Corpus::from_texts(texts(&[1, 6, 12])));
        for (id, source) in &before {
            assert_eq!(
                &corpus.meeting(*id).unwrap().source,
                source,
                "same id, same meeting"
            );
        }
        let order: Vec<&str> = corpus
            .meetings()
            .iter()
            .map(|m| m.source.as_str())
            .collect();
        assert_eq!(
            order,
            ["1.txt", "2.txt", "5.txt", "6.txt", "9.txt", "12.txt"]
        );
        let new: Vec<MeetingId> = corpus
            .with_ids()
            .filter(|(_, m)| ["1.txt", "6.txt", "12.txt"].contains(&m.source.as_str()))
            .map(|(id, _)| id)
            .collect();
        assert!(
            new.iter().all(|id| before.iter().all(|(old, _)| old != id)),
            "new ids"
        );
        // The case index follows: every item of the shared case, in date order.
        let refs = corpus.case("25/1");
        assert_eq!(refs.len(), 6);
        let dates: Vec<_> = refs.iter().map(|&r| corpus.get(r).0.date).collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
        for report in &corpus.reports {
            let (_, meeting) = corpus
                .with_ids()
                .find(|(id, _)| Some(*id) == report.meeting)
                .unwrap();
            assert_eq!(meeting.source, report.source);
        }
    }

    #[test]
    fn two_meetings_of_one_source_name_never_share_an_id_after_a_reload() {
        // Two files whose names differ only in bytes that are not UTF-8
        // display alike, so their meetings have the same source.
        let texts = || {
            vec![
                (
                    "a\u{fffd}.txt".to_string(),
                    minutes(3, "Direktionen", "24/3"),
                ),
                (
                    "a\u{fffd}.txt".to_string(),
                    minutes(5, "Direktionen", "24/3"),
                ),
            ]
        };
        let before = Corpus::from_texts(texts());
        let mut after = Corpus::from_texts(texts());
        after.keep_ids_of(&before);
        let ids: Vec<MeetingId> = after.with_ids().map(|(id, _)| id).collect();
        assert_ne!(ids[0], ids[1]);
        for (position, (id, meeting)) in after.with_ids().enumerate() {
            assert_eq!(after.position(id), Some(position));
            assert_eq!(after.meeting(id), Some(meeting));
        }
        assert_eq!(after.case_timeline("24/3").len(), 2, "and nothing panics");
    }

    #[test]
    fn a_reloaded_corpus_keeps_the_ids_of_the_same_sources() {
        let before = Corpus::from_texts(texts(&[2, 5, 9]));
        let id_of = |c: &Corpus, source: &str| {
            c.with_ids()
                .find(|(_, m)| m.source == source)
                .map(|(id, _)| id)
        };
        // 5.txt is gone, 1.txt is new: positions shift, ids do not.
        let mut after = Corpus::from_texts(texts(&[1, 2, 9]));
        after.keep_ids_of(&before);
        for source in ["2.txt", "9.txt"] {
            assert_eq!(id_of(&after, source), id_of(&before, source), "{source}");
        }
        let new = id_of(&after, "1.txt").unwrap();
        assert!(before.meeting(new).is_none(), "a new meeting, a new id");
        assert!(
            after.meeting(id_of(&before, "5.txt").unwrap()).is_none(),
            "gone"
        );
        same(&after, &Corpus::from_texts(texts(&[1, 2, 9])));
    }
}
