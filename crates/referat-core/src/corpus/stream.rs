//! Streaming a load: what has been parsed so far, handed out in batches while
//! the rest is still being read, and merged into a growing corpus.
//!
//! A browser opened on a large folder should show meetings as they arrive
//! rather than after the last file. [`Corpus::load_streaming`] passes every
//! file it has parsed (or taken from the cache) to a [`Batches`], which
//! gathers them and every [`BATCH_EVERY`] hands them on as a small corpus of
//! its own: sorted and indexed on the loader's thread, so that the receiver
//! only has to [`Corpus::merge`] it, a linear pass with no sorting of what it
//! already holds. Merging every batch of a load into an empty corpus gives the
//! corpus the load returns.
//!
//! Meetings move to other indexes as others are merged in before them; the
//! [`Merged`] a merge returns says where each one went, so whoever holds an
//! index ([`ItemRef`], a list cursor) can follow its meeting.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{Corpus, FileReport, ItemRef, meeting_order};
use crate::model::Meeting;

/// How often a streaming load hands on what it has parsed: often enough that
/// the browser fills in smoothly, seldom enough that merging stays cheap.
pub const BATCH_EVERY: Duration = Duration::from_millis(100);

/// Where a load puts what it has parsed: handed on in batches while it runs
/// (the browser), or kept for one corpus at the end (everything else).
///
/// Files are given to it by value: a load keeps no copy of its own, so a
/// browser's first load holds each meeting once.
pub struct Batches<'a> {
    send: Option<&'a (dyn Fn(Corpus) + Sync)>,
    pending: Mutex<Pending>,
}

/// Files parsed since the last batch was handed on (or all, when kept).
struct Pending {
    since: Instant,
    parsed: Vec<(FileReport, Option<Meeting>)>,
}

impl<'a> Batches<'a> {
    /// Hands every batch to `send`, on whichever loader thread completes it.
    pub fn new(send: &'a (dyn Fn(Corpus) + Sync)) -> Batches<'a> {
        Batches {
            send: Some(send),
            pending: Mutex::new(Pending {
                since: Instant::now(),
                parsed: Vec::new(),
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
            }),
        }
    }

    /// Everything kept, as one corpus (all of a load, with [`Batches::keep`]).
    pub fn into_corpus(self) -> Corpus {
        let pending = self.pending.into_inner().unwrap_or_else(|e| e.into_inner());
        Corpus::assemble(pending.parsed)
    }

    /// Adds one parsed file, and hands the batch on when it is due.
    pub(super) fn add(&self, parsed: (FileReport, Option<Meeting>)) {
        let due = {
            let mut pending = self.lock();
            pending.parsed.push(parsed);
            pending.since.elapsed() >= BATCH_EVERY
        };
        if due {
            self.flush();
        }
    }

    /// Adds files that are ready at once (those from the cache, those that
    /// could not be read at all) and hands on everything pending straight
    /// away.
    pub(super) fn add_now(&self, parsed: Vec<(FileReport, Option<Meeting>)>) {
        self.lock().parsed.extend(parsed);
        self.flush();
    }

    /// Hands on what is pending, if anything (and if handing on).
    fn flush(&self) {
        let Some(send) = self.send else {
            return;
        };
        let parsed = {
            let mut pending = self.lock();
            pending.since = Instant::now();
            std::mem::take(&mut pending.parsed)
        };
        // Sorting and indexing happen here, on the loader's thread, not in the
        // receiver's `merge`.
        if !parsed.is_empty() {
            send(Corpus::assemble(parsed));
        }
    }

    /// The pending files; a thread that panicked while holding them leaves
    /// them usable (the list is only ever pushed to or taken whole).
    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Where a [`Corpus::merge`] moved the meetings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// The new index of each meeting that was in the corpus before, by its old index.
    pub moved: Vec<usize>,
    /// The new index of each meeting of the batch, by its index in the batch.
    pub added: Vec<usize>,
}

impl Merged {
    /// Where an item of the corpus before the merge is now.
    pub fn item(&self, at: ItemRef) -> ItemRef {
        ItemRef {
            meeting: self.meeting(at.meeting),
            item: at.item,
        }
    }

    /// Where a meeting of the corpus before the merge is now (an index that
    /// was out of range stays as it was).
    pub fn meeting(&self, index: usize) -> usize {
        self.moved.get(index).copied().unwrap_or(index)
    }
}

impl Corpus {
    /// Adds the meetings and reports of `batch` (a sorted corpus, as
    /// [`Batches`] hands on) to this one, keeping the meetings in order, the
    /// reports linked, the case index whole and each forum name stored once.
    /// Linear in the size of both: both lists are already sorted.
    pub fn merge(&mut self, batch: Corpus) -> Merged {
        let mut merged = Merged {
            moved: Vec::with_capacity(self.meetings.len()),
            added: Vec::with_capacity(batch.meetings.len()),
        };
        let mut meetings = Vec::with_capacity(self.meetings.len() + batch.meetings.len());
        let mut ours = std::mem::take(&mut self.meetings).into_iter().peekable();
        let mut batch_meetings = batch.meetings;
        for meeting in &mut batch_meetings {
            self.forums.intern_meeting(meeting);
        }
        let mut theirs = batch_meetings.into_iter().peekable();
        loop {
            let take_ours = match (ours.peek(), theirs.peek()) {
                (Some(a), Some(b)) => meeting_order(a, b).is_le(),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let (next, from) = if take_ours {
                (ours.next(), &mut merged.moved)
            } else {
                (theirs.next(), &mut merged.added)
            };
            if let Some(meeting) = next {
                from.push(meetings.len());
                meetings.push(meeting);
            }
        }
        self.meetings = meetings;

        let relink = |mut report: FileReport, to: &[usize]| {
            report.meeting = report.meeting.and_then(|m| to.get(m).copied());
            report
        };
        let mut reports = Vec::with_capacity(self.reports.len() + batch.reports.len());
        let mut ours = std::mem::take(&mut self.reports).into_iter().peekable();
        let mut theirs = batch.reports.into_iter().peekable();
        loop {
            let take_ours = match (ours.peek(), theirs.peek()) {
                (Some(a), Some(b)) => a.source <= b.source,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_ours {
                ours.next().map(|r| relink(r, &merged.moved))
            } else {
                theirs.next().map(|r| relink(r, &merged.added))
            };
            reports.extend(next);
        }
        self.reports = reports;

        let mut index = std::mem::take(&mut self.case_index);
        let mut other = batch.case_index;
        for (refs, to) in [(&mut index, &merged.moved), (&mut other, &merged.added)] {
            for at in refs.values_mut().flatten() {
                at.meeting = to.get(at.meeting).copied().unwrap_or(at.meeting);
            }
        }
        // Insert the smaller index into the larger: the first batch of a load
        // (the cache's) is taken whole.
        if index.len() < other.len() {
            std::mem::swap(&mut index, &mut other);
        }
        for (case, refs) in other {
            let into = index.entry(case).or_default();
            into.extend(refs);
            into.sort_unstable();
            into.dedup();
        }
        self.case_index = index;
        merged
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::*;
    use crate::corpus::{CacheMode, Progress};

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

    fn same(a: &Corpus, b: &Corpus) {
        assert_eq!(a.meetings, b.meetings);
        assert_eq!(a.reports, b.reports);
        assert_eq!(a.case_index, b.case_index);
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
        let meetings: usize = batches.iter().map(|b| b.meetings.len()).sum();
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
        let send = |batch: Corpus| batches.lock().unwrap().push(batch);
        let stats =
            Corpus::load_streaming(&paths, &cache, &Progress::default(), &Batches::new(&send));
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
        assert_eq!(batches[0].meetings.len(), 40, "the cached meetings first");
        let mut grown = Corpus::default();
        for batch in batches {
            grown.merge(batch);
        }
        same(&grown, &streamed);
        same(&streamed, &Corpus::load_with(&paths, &CacheMode::Off).0);
        assert_eq!(grown.case("26/1").len(), 1);
    }

    #[test]
    fn a_load_with_nothing_new_leaves_the_cache_alone_and_no_scratch_file() {
        let dir = folder();
        let cache_dir = tempfile::tempdir().unwrap();
        let file = cache_dir.path().join("cache");
        let cache = CacheMode::At(file.clone());
        let paths = [dir.path().to_path_buf()];
        Corpus::load_with(&paths, &cache);
        let written = fs::metadata(&file).unwrap().modified().unwrap();
        // The binary file is read every time (a file not read as text is
        // never cached), but gives nothing new: the cache is not rewritten.
        let send = |_: Corpus| {};
        let stats =
            Corpus::load_streaming(&paths, &cache, &Progress::default(), &Batches::new(&send));
        assert_eq!((stats.cached, stats.parsed), (41, 1));
        assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), written);
        let names: Vec<_> = fs::read_dir(cache_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["cache"], "no temporary file left behind");
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
            .meetings
            .iter()
            .filter(|m| m.forum == "Direktionen")
            .collect();
        assert_eq!(direktionen.len(), 4);
        for meeting in &direktionen {
            assert!(meeting.forum.shares_storage_with(&direktionen[0].forum));
        }
    }

    #[test]
    fn merging_says_where_every_meeting_went() {
        let texts = |days: &[usize]| -> Vec<(String, String)> {
            days.iter()
                .map(|&d| (format!("{d}.txt"), minutes(d, "Direktionen", "25/1")))
                .collect()
        };
        let mut corpus = Corpus::from_texts(texts(&[2, 5, 9]));
        let before: Vec<String> = corpus.meetings.iter().map(|m| m.source.clone()).collect();
        let batch = Corpus::from_texts(texts(&[1, 6, 12]));
        let batch_sources: Vec<String> = batch.meetings.iter().map(|m| m.source.clone()).collect();
        let merged = corpus.merge(batch);
        for (old, source) in before.iter().enumerate() {
            assert_eq!(&corpus.meetings[merged.moved[old]].source, source);
        }
        for (new, source) in batch_sources.iter().enumerate() {
            assert_eq!(&corpus.meetings[merged.added[new]].source, source);
        }
        assert_eq!(merged.moved, [1, 2, 4]);
        assert_eq!(merged.added, [0, 3, 5]);
        // The case index follows: every item of the shared case, in order.
        let refs = corpus.case("25/1");
        assert_eq!(refs.len(), 6);
        assert!(refs.windows(2).all(|w| w[0] < w[1]));
        for report in &corpus.reports {
            let m = report.meeting.unwrap();
            assert_eq!(corpus.meetings[m].source, report.source);
        }
    }
}
