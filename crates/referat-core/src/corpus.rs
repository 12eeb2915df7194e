//! A corpus: every meeting read from a set of paths, with a report per file and the
//! indexes the front ends need (case number → items).
//!
//! It asks the one folder walk ([`crate::walk`]) for the files, reads them in
//! parallel ([`crate::read`]) or takes them from the cache ([`crate::cache`]),
//! hands their text to the pure [`crate::loader`], and orders the result
//! deterministically (date, then forum, then source) whatever order the threads
//! finished in. A file that cannot be read or is not minutes gets a report with the
//! reason; it never stops the other files from loading.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::cache;
use crate::decode;
use crate::loader::{self, Diagnostic, Severity};
use crate::model::{Date, Forums, HistoryEntry, Item, Meeting, Section};

mod load;
mod matching;
mod same;
mod stream;
use crate::read::read_text;
pub use crate::read::{IoReason, MAX_FILE_BYTES, ReadError};
pub use stream::{BATCH_EVERY, Batches, Renumbered, batch_every};

/// The bundled sample: the reference minutes, compiled into the binary so that
/// `referat` with no path works anywhere.
pub const BUNDLED: [(&str, &str); 5] = [
    (
        "assets/000_5303c59182f2946f.txt",
        include_str!("../../../assets/000_5303c59182f2946f.txt"),
    ),
    (
        "assets/001_4ce4edbbd2f56995.txt",
        include_str!("../../../assets/001_4ce4edbbd2f56995.txt"),
    ),
    (
        "assets/002_f1d63b44b0b22dd1.txt",
        include_str!("../../../assets/002_f1d63b44b0b22dd1.txt"),
    ),
    (
        "assets/003_dcfeaadc1ebe6a83.txt",
        include_str!("../../../assets/003_dcfeaadc1ebe6a83.txt"),
    ),
    (
        "assets/004_28fce03c990cba41.txt",
        include_str!("../../../assets/004_28fce03c990cba41.txt"),
    ),
];

/// A meeting's identity in its corpus: given when the meeting comes in, and
/// kept while the corpus grows (a streaming load merges batches in) and when
/// it is reloaded (a meeting read from the same source keeps its id). Whoever
/// holds one (a list cursor, a timeline, the finder) needs no remapping when
/// other meetings arrive before it in date order.
///
/// Not ordered: ids say nothing about dates. Sort by
/// [`Corpus::position`] (date order) instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MeetingId(u32);

impl MeetingId {
    fn index(self) -> usize {
        self.0 as usize
    }
}

/// Marks an id in [`Corpus::positions`] whose meeting is no longer in the
/// corpus (its file was removed before a reload).
const GONE: u32 = u32::MAX;

/// Points at one item of a corpus: a meeting's stable [`MeetingId`] and the
/// index of the item in that meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    /// The meeting, by identity.
    pub meeting: MeetingId,
    /// The item's index in [`Meeting::items`].
    pub item: usize,
}

/// One row of a case timeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimelineEntry<'a> {
    /// An item of a loaded meeting.
    Item(ItemRef),
    /// A meeting known only from the case history of the item `via`.
    History {
        /// The case-history entry that names the meeting.
        entry: &'a HistoryEntry,
        /// The loaded item whose case history holds `entry`.
        via: ItemRef,
    },
}

impl TimelineEntry<'_> {
    /// Whether the row is a meeting known only from a case history.
    pub fn is_history(&self) -> bool {
        matches!(self, TimelineEntry::History { .. })
    }

    /// The loaded item this row leads to (for a history row, the item whose case
    /// history named it).
    pub fn target(&self) -> ItemRef {
        match *self {
            TimelineEntry::Item(r) => r,
            TimelineEntry::History { via, .. } => via,
        }
    }
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// The path as given (or found in a folder), or the asset name.
    pub source: String,
    /// The encoding the text was decoded from, when it was read.
    pub encoding: Option<&'static str>,
    /// The meeting the file yielded, if it yielded one.
    pub meeting: Option<MeetingId>,
    /// Why the file gave no meeting, when it did not (unreadable, binary, not minutes).
    pub error: Option<ReadError>,
    /// What the loader noticed in the file, led by how the text was read when it
    /// was not plain UTF-8.
    pub diagnostics: Vec<Diagnostic>,
    /// Which version of the file was read (path identity, size, modification
    /// time), when it was found on disk: two reports with the same key come
    /// from the same text, so a reload can tell unchanged files without
    /// comparing what they hold.
    pub key: Option<cache::FileKey>,
}

impl FileReport {
    /// Whether the file failed, or loaded with a diagnostic of warning severity or worse.
    pub fn has_warnings(&self) -> bool {
        self.error.is_some()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity >= Severity::Warning)
    }

    /// The findings besides the reason the file gave no meeting: the
    /// loader's error that became [`FileReport::error`] is not repeated.
    pub fn other_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        let failure = self.error.as_ref().map(ToString::to_string);
        self.diagnostics.iter().filter(move |d| {
            !(d.severity == Severity::Error && Some(&d.message) == failure.as_ref())
        })
    }

    /// One line for stderr: `path: reason`.
    pub fn error_line(&self) -> Option<String> {
        self.error
            .as_ref()
            .map(|e| format!("{}: {}", self.source, e))
    }
}

/// Meetings, per-file reports and the case index.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Sorted by date (undated last), then forum, then source: the display
    /// order. Private, so that it stays in step with `ids` and `positions`.
    meetings: Vec<Meeting>,
    /// The id of the meeting at each position of `meetings`.
    ids: Vec<MeetingId>,
    /// The position in `meetings` of each id ever given, or [`GONE`]; its
    /// length is the next id to give.
    positions: Vec<u32>,
    /// One per input file, in the order of `source`.
    pub reports: Vec<FileReport>,
    /// Case number → items, oldest meeting first.
    case_index: HashMap<String, Vec<ItemRef>>,
    /// Every forum name, kept once and shared by the meetings and case
    /// histories that name it.
    forums: Forums,
}

/// One input before it is parsed: a name and either its text or why there is none.
struct Input {
    source: String,
    text: Result<decode::Decoded, ReadError>,
}

/// How [`Corpus::load_with`] uses the warm-start cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheMode {
    /// Read every file (`--no-cache`).
    Off,
    /// Reuse and update the cache file at this path.
    At(PathBuf),
}

impl CacheMode {
    /// The default cache for `paths`, or none where the platform has no cache
    /// directory.
    pub fn default_for(paths: &[PathBuf]) -> CacheMode {
        cache::location(paths).map_or(CacheMode::Off, CacheMode::At)
    }
}

/// How far a load has come: files found and files read (or taken from the
/// cache) so far. Shared with another thread, which shows it while the load runs.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress {
    /// `(done, total)`: files read or taken from the cache, and files the
    /// walk has found so far (it may still be walking; 0 before its first).
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Counts files the walk found (it hands them on as it goes).
    fn found(&self, files: usize) {
        self.total.fetch_add(files, Ordering::Relaxed);
    }

    fn advance(&self, files: usize) {
        self.done.fetch_add(files, Ordering::Relaxed);
    }
}

/// How a load went, for the status line and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadStats {
    /// Files taken from the cache unchanged.
    pub cached: usize,
    /// Files read and parsed.
    pub parsed: usize,
    /// Files a streaming load handed on from the cache that its walk then did
    /// not find as they were (see [`Corpus::load_streaming`]): what was handed
    /// on is not the folder's state, no cache was written, and the caller is
    /// to read it again whole.
    pub withdrawn: usize,
}

/// Which files a load parses, by their text ([`crate::read::read_text_if`]).
type KeepText<'a> = &'a (dyn Fn(&[u8]) -> bool + Sync);

impl Corpus {
    /// The bundled sample corpus.
    pub fn bundled() -> Corpus {
        Corpus::from_texts(
            BUNDLED
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string())),
        )
    }

    /// Builds a corpus from in-memory texts (the bundled sample, tests, benchmarks).
    pub fn from_texts(texts: impl IntoIterator<Item = (String, String)>) -> Corpus {
        let inputs = texts
            .into_iter()
            .map(|(source, text)| Input {
                source,
                text: Ok(decode::Decoded {
                    text,
                    encoding: "UTF-8",
                    had_bom: false,
                }),
            })
            .collect();
        Corpus::from_inputs(inputs)
    }

    /// Reads every minutes file under `paths` (files, or folders walked recursively).
    ///
    /// Never fails as a whole: problems are recorded per file in [`Corpus::reports`].
    pub fn load(paths: &[PathBuf]) -> Corpus {
        Corpus::load_with(paths, &CacheMode::Off).0
    }

    /// Like [`Corpus::load`], reusing what the cache knows of unchanged files and
    /// updating the cache when anything changed. Cache problems never fail a load:
    /// a cache that cannot be read is rebuilt, one that cannot be written is left.
    pub fn load_with(paths: &[PathBuf], cache_mode: &CacheMode) -> (Corpus, LoadStats) {
        Corpus::load_with_progress(paths, cache_mode, &Progress::default())
    }

    /// [`Corpus::load_with`], counting files in `progress` as they are done.
    pub fn load_with_progress(
        paths: &[PathBuf],
        cache_mode: &CacheMode,
        progress: &Progress,
    ) -> (Corpus, LoadStats) {
        let batches = Batches::keep();
        let stats = Corpus::load_streaming(paths, cache_mode, progress, &batches);
        (batches.into_corpus(), stats)
    }

    /// Reads, without the cache, only the files whose text may hold `case`
    /// ([`crate::prefilter::CaseNeedle`]): the answer to a lookup of that
    /// case is the one a full [`Corpus::load`] gives, and the other files
    /// are never parsed (nor reported, unless they cannot be read at all).
    /// `None` when `case` has no letter or digit to look for.
    pub fn load_mentioning(paths: &[PathBuf], case: &str) -> Option<Corpus> {
        let needle = crate::prefilter::CaseNeedle::new(case.trim())?;
        Some(Corpus::load_passing(paths, &|text| needle.may_hold(text)).0)
    }

    /// Reads, without the cache, only the files whose text may match
    /// `query` ([`crate::prefilter::QueryNeedles`]), as
    /// [`Corpus::load_mentioning`] does for a case. `None` when the query
    /// has a word without a letter or digit. Beside the corpus, how many
    /// files were found (parsed or not).
    pub fn load_matching(
        paths: &[PathBuf],
        query: &crate::search::Query,
    ) -> Option<(Corpus, usize)> {
        let needles = crate::prefilter::QueryNeedles::new(query)?;
        Some(Corpus::load_passing(paths, &|text| needles.may_match(text)))
    }

    /// Reads, without the cache, only the files whose text `keep` passes
    /// (its bytes where they are the text's as far as ASCII goes, else the
    /// decoded text: [`crate::read::read_text_if`]).
    fn load_passing(paths: &[PathBuf], keep: KeepText) -> (Corpus, usize) {
        let batches = Batches::keep();
        let progress = Progress::default();
        load::load_into(paths, &CacheMode::Off, &progress, &batches, Some(keep));
        (batches.into_corpus(), progress.get().1)
    }

    /// Reads every minutes file under `paths` into `batches`: a screen of the
    /// cached files first, at once, checked by their own `stat`; then, as the
    /// walk finds them, the other cached files (every [`batch_every`]) and
    /// the files read, as they are parsed. Merging every batch gives the
    /// corpus [`Corpus::load_with_progress`] returns — unless
    /// [`LoadStats::withdrawn`] says otherwise: a file handed on by its `stat`
    /// that the walk then does not find as it was has gone on already. Such a
    /// load writes no cache; the caller is to read everything again (a load
    /// that does not stream), which also writes it.
    ///
    /// The cache is written as files are parsed ([`cache::Writer`]), so no copy
    /// of a meeting is kept for it; it is put in place only when something
    /// changed.
    pub fn load_streaming(
        paths: &[PathBuf],
        cache_mode: &CacheMode,
        progress: &Progress,
        batches: &Batches,
    ) -> LoadStats {
        load::load_into(paths, cache_mode, progress, batches, None)
    }

    fn from_inputs(inputs: Vec<Input>) -> Corpus {
        Corpus::assemble(Corpus::parse_inputs(inputs))
    }

    /// Parses inputs in parallel into reports and meetings.
    fn parse_inputs(inputs: Vec<Input>) -> Vec<(FileReport, Option<Meeting>)> {
        inputs.into_par_iter().map(parse_input).collect()
    }

    /// Orders meetings, links reports to them and builds the case index.
    fn assemble(parsed: Vec<(FileReport, Option<Meeting>)>) -> Corpus {
        let mut reports = Vec::with_capacity(parsed.len());
        let mut meetings = Vec::new();
        let mut forums = Forums::default();
        for (report, meeting) in parsed {
            if let Some(mut meeting) = meeting {
                forums.intern_meeting(&mut meeting);
                meetings.push((meeting, reports.len()));
            }
            reports.push(report);
        }
        meetings.sort_by(|(a, _), (b, _)| meeting_order(a, b));
        // A new corpus numbers its meetings in date order.
        let ids: Vec<MeetingId> = (0..meetings.len() as u32).map(MeetingId).collect();
        for (&id, (_, report)) in ids.iter().zip(&meetings) {
            reports[*report].meeting = Some(id);
        }
        let meetings: Vec<Meeting> = meetings.into_iter().map(|(m, _)| m).collect();
        // Reports follow source order, but keep their meeting links.
        reports.sort_by(|a, b| a.source.cmp(&b.source));
        let case_index = build_case_index(&meetings, &ids);
        let mut corpus = Corpus {
            meetings,
            positions: (0..ids.len() as u32).collect(),
            ids,
            reports,
            case_index,
            forums,
        };
        corpus.fold_same_meetings(|_| true);
        corpus
    }

    /// A corpus of meetings read elsewhere (a test, a tool): ordered and
    /// indexed as a load orders and indexes them, with no file reports.
    pub fn from_meetings(meetings: Vec<Meeting>) -> Corpus {
        let mut corpus = Corpus::assemble(
            meetings
                .into_iter()
                .map(|m| {
                    let report = FileReport {
                        source: m.source.clone(),
                        encoding: None,
                        meeting: None,
                        error: None,
                        diagnostics: Vec::new(),
                        key: None,
                    };
                    (report, Some(m))
                })
                .collect(),
        );
        corpus.reports.clear();
        corpus
    }

    /// The meetings in date order (undated last, then by forum and source).
    pub fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }

    /// The meetings in date order, taken out of the corpus.
    pub fn into_meetings(self) -> Vec<Meeting> {
        self.meetings
    }

    /// The meeting with this id, if it is still in the corpus.
    pub fn meeting(&self, id: MeetingId) -> Option<&Meeting> {
        self.meetings.get(self.position(id)?)
    }

    /// Where the meeting with this id stands in [`Corpus::meetings`] (date
    /// order), if it is still in the corpus.
    pub fn position(&self, id: MeetingId) -> Option<usize> {
        match self.positions.get(id.index()) {
            Some(&at) if at != GONE => Some(at as usize),
            _ => None,
        }
    }

    /// The id of the meeting at `position` in [`Corpus::meetings`].
    pub fn id_at(&self, position: usize) -> Option<MeetingId> {
        self.ids.get(position).copied()
    }

    /// Every meeting with its id, in date order.
    pub fn with_ids(
        &self,
    ) -> impl DoubleEndedIterator<Item = (MeetingId, &Meeting)> + ExactSizeIterator {
        self.ids.iter().copied().zip(&self.meetings)
    }

    /// A key that sorts items by their meeting's date order, then by their
    /// place in the meeting; items of meetings no longer loaded sort last.
    pub fn order_key(&self, at: ItemRef) -> (usize, usize) {
        (self.position(at.meeting).unwrap_or(usize::MAX), at.item)
    }

    /// Gives every meeting read from a source that `before` also holds the id
    /// it had there, and the others ids `before` never gave: after a reload,
    /// whatever held an id of the old corpus points at the same meeting in the
    /// new one, or at none when its file is gone.
    pub fn keep_ids_of(&mut self, before: &Corpus) {
        // Every file a meeting was read from, its other readings' too.
        let old: HashMap<&str, MeetingId> = before
            .with_ids()
            .flat_map(|(id, m)| m.sources().map(move |source| (source, id)))
            .collect();
        let mut next = before.positions.len() as u32;
        // The new id of each id this corpus gave, by that id.
        let mut renumber = vec![MeetingId(GONE); self.positions.len()];
        // Sources are paths as displayed, which two file names that differ
        // only in bytes that are not UTF-8 share: an old id goes to one
        // meeting only, and a second one gets a new id.
        let mut taken = HashSet::new();
        for (position, meeting) in self.meetings.iter().enumerate() {
            let kept = meeting
                .sources()
                .filter_map(|source| old.get(source).copied())
                .find(|&id| taken.insert(id));
            let id = kept.unwrap_or_else(|| {
                next += 1;
                MeetingId(next - 1)
            });
            renumber[self.ids[position].index()] = id;
            self.ids[position] = id;
        }
        let new_id = |id: MeetingId| renumber[id.index()];
        self.positions = vec![GONE; next as usize];
        for (position, id) in self.ids.iter().enumerate() {
            self.positions[id.index()] = position as u32;
        }
        for report in &mut self.reports {
            report.meeting = report.meeting.map(new_id);
        }
        for at in self.case_index.values_mut().flatten() {
            at.meeting = new_id(at.meeting);
        }
    }

    /// Every forum name met, in alphabetical order.
    pub fn forums(&self) -> Vec<&str> {
        self.forums.names()
    }

    /// The meeting and item an [`ItemRef`] points at.
    ///
    /// Panics when the item is not in the corpus, as an index out of bounds
    /// does; [`Corpus::try_get`] is for refs that may be stale.
    pub fn get(&self, at: ItemRef) -> (&Meeting, &Item) {
        self.try_get(at).expect("an item of this corpus")
    }

    /// The meeting and item an [`ItemRef`] points at, if the corpus holds them.
    pub fn try_get(&self, at: ItemRef) -> Option<(&Meeting, &Item)> {
        let meeting = self.meeting(at.meeting)?;
        Some((meeting, meeting.items.get(at.item)?))
    }

    /// Every item carrying `case` (surrounding whitespace ignored), oldest meeting
    /// first; empty when the case number is unknown.
    /// Letter case is ignored (`emn-2025-003383` finds `EMN-2025-003383`).
    pub fn case(&self, case: &str) -> &[ItemRef] {
        let case = case.trim();
        self.case_index
            .get(case)
            .or_else(|| {
                // The first spelling in sorted order, whichever the map holds first.
                self.case_index
                    .iter()
                    .filter(|(known, _)| known.eq_ignore_ascii_case(case))
                    .min_by_key(|(known, _)| known.as_str())
                    .map(|(_, refs)| refs)
            })
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Every item that shares a case number with the item at `at`, oldest first,
    /// including the item itself.
    pub fn related(&self, at: ItemRef) -> Vec<ItemRef> {
        let (_, item) = self.get(at);
        let mut refs: Vec<ItemRef> = item
            .case_numbers
            .iter()
            .flat_map(|case| self.case(case).iter().copied())
            .collect();
        refs.sort_by_key(|&at| self.order_key(at));
        refs.dedup();
        refs
    }

    /// The case timeline of `case`: every item carrying it, and the earlier meetings
    /// the items' own case histories (`Sagsforløb`) name that are not loaded,
    /// oldest first.
    pub fn case_timeline(&self, case: &str) -> Vec<TimelineEntry<'_>> {
        self.timeline(self.case(case).to_vec())
    }

    /// The case timeline of every case number the item at `at` carries.
    pub fn item_timeline(&self, at: ItemRef) -> Vec<TimelineEntry<'_>> {
        self.timeline(self.related(at))
    }

    fn timeline(&self, refs: Vec<ItemRef>) -> Vec<TimelineEntry<'_>> {
        let loaded = |forum: &str, date: Option<Date>| {
            refs.iter().any(|&r| {
                let (meeting, _) = self.get(r);
                meeting.date == date && meeting.forum.to_lowercase() == forum.to_lowercase()
            })
        };
        let mut entries: Vec<TimelineEntry> =
            refs.iter().map(|&r| TimelineEntry::Item(r)).collect();
        let mut seen = HashSet::new();
        for &via in &refs {
            for entry in &self.get(via).1.history {
                let key = (entry.forum.to_lowercase(), entry.date, entry.number);
                if !loaded(&entry.forum, entry.date) && seen.insert(key) {
                    entries.push(TimelineEntry::History { entry, via });
                }
            }
        }
        // Oldest first; undated last; a loaded meeting before a history entry of
        // the same day.
        entries.sort_by_key(|e| {
            (
                self.timeline_date(e).is_none(),
                self.timeline_date(e),
                e.is_history(),
            )
        });
        entries
    }

    /// The date a timeline entry stands at.
    pub fn timeline_date(&self, entry: &TimelineEntry<'_>) -> Option<Date> {
        match entry {
            TimelineEntry::Item(r) => self.get(*r).0.date,
            TimelineEntry::History { entry, .. } => entry.date,
        }
    }

    /// All case numbers known to the corpus, sorted.
    pub fn case_numbers(&self) -> impl Iterator<Item = &str> {
        let mut known: Vec<&str> = self.case_index.keys().map(String::as_str).collect();
        known.sort_unstable();
        known.into_iter()
    }

    /// Every item of every meeting, in date order.
    pub fn item_refs(&self) -> impl Iterator<Item = ItemRef> + '_ {
        self.with_ids().flat_map(|(id, meeting)| {
            (0..meeting.items.len()).map(move |item| ItemRef { meeting: id, item })
        })
    }

    /// How many items the loaded meetings hold in all.
    pub fn item_count(&self) -> usize {
        self.meetings.iter().map(|m| m.items.len()).sum()
    }

    /// Files that failed or loaded with warnings.
    pub fn files_with_warnings(&self) -> usize {
        self.reports.iter().filter(|r| r.has_warnings()).count()
    }

    /// One-line messages for files that gave no meeting, for stderr.
    pub fn error_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.reports.iter().filter_map(FileReport::error_line)
    }
}

/// One item's sections read again from its source document, for when the
/// cache's copy turns out damaged: the file is read and parsed as on a cold
/// start. `None` when the file no longer gives that item.
pub(crate) fn reread_sections(source: &str, item: usize) -> Option<Vec<Section>> {
    let (_, meeting) = parse_input(Input {
        source: source.to_string(),
        text: read_text(Path::new(source)),
    });
    let mut meeting = meeting?;
    let item = meeting.items.get_mut(item)?;
    Some(std::mem::take(item.sections.read_mut()))
}

/// Parses one input into its report and meeting.
fn parse_input(input: Input) -> (FileReport, Option<Meeting>) {
    match input.text {
        Err(error) => (
            FileReport {
                source: input.source,
                encoding: None,
                meeting: None,
                error: Some(error),
                diagnostics: Vec::new(),
                key: None,
            },
            None,
        ),
        Ok(decoded) => {
            let mut parsed = loader::parse(&decoded.text, &input.source);
            if decoded.encoding != "UTF-8" || decoded.had_bom {
                // Says how the text was obtained: decoded, or extracted from a PDF.
                let bom = if decoded.had_bom { " with BOM" } else { "" };
                parsed.diagnostics.insert(
                    0,
                    Diagnostic::info(None, format!("read as {}{bom}", decoded.encoding)),
                );
            }
            let error = parsed.meeting.is_none().then(|| {
                parsed
                    .diagnostics
                    .iter()
                    .find(|d| d.severity == Severity::Error)
                    .map(|d| ReadError::NotMinutes(d.message.clone()))
                    .unwrap_or_else(|| ReadError::NotMinutes("no meeting found".to_string()))
            });
            (
                FileReport {
                    source: input.source,
                    encoding: Some(decoded.encoding),
                    meeting: None,
                    error,
                    diagnostics: parsed.diagnostics,
                    key: None,
                },
                parsed.meeting,
            )
        }
    }
}

/// Date (undated last), then forum, then source: stable whatever order files
/// were read in.
fn meeting_order(a: &Meeting, b: &Meeting) -> std::cmp::Ordering {
    let date_key = |m: &Meeting| (m.date.is_none(), m.date);
    date_key(a)
        .cmp(&date_key(b))
        .then_with(|| a.forum.cmp(&b.forum))
        .then_with(|| a.source.cmp(&b.source))
}

/// Case number → the items carrying it, in the order of `meetings` (date
/// order), each meeting known by its id in `ids`.
fn build_case_index(meetings: &[Meeting], ids: &[MeetingId]) -> HashMap<String, Vec<ItemRef>> {
    let mut index: HashMap<String, Vec<ItemRef>> = HashMap::new();
    for (&id, meeting) in ids.iter().zip(meetings) {
        for (i, item) in meeting.items.iter().enumerate() {
            for case in &item.case_numbers {
                let at = ItemRef {
                    meeting: id,
                    item: i,
                };
                // Most case numbers recur: copy the key only the first time.
                match index.get_mut(case.as_str()) {
                    Some(refs) if refs.last() == Some(&at) => {}
                    Some(refs) => refs.push(at),
                    None => {
                        index.insert(case.clone(), vec![at]);
                    }
                }
            }
        }
    }
    index
}

/// What changed between two readings of the minutes, or in one burst of file
/// events. Each list is sorted and holds a path once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// Files new since the earlier reading, or new to the watcher.
    pub created: Vec<PathBuf>,
    /// Files there both times that read to another meeting or error (a reload),
    /// or that were written to (the watcher).
    pub modified: Vec<PathBuf>,
    /// Files that were there before and are gone.
    pub removed: Vec<PathBuf>,
}

impl Change {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.modified.is_empty() && self.removed.is_empty()
    }
}

impl Corpus {
    /// What differs between two readings of the minutes, file by file: files only
    /// in `self` (created), only in `before` (removed), and in both but read to
    /// another meeting or another error (modified).
    ///
    /// A file read in the same version both times (the same [`FileReport::key`])
    /// is unchanged without a look at its meeting: comparing meetings compares
    /// their sections, which for a cached meeting means reading them from disk,
    /// and the browser runs this on its UI thread.
    pub fn changes_since(&self, before: &Corpus) -> Change {
        use std::collections::BTreeMap;
        let after = self;
        fn files(c: &Corpus) -> BTreeMap<&str, &FileReport> {
            c.reports.iter().map(|r| (r.source.as_str(), r)).collect()
        }
        let (old, new) = (files(before), files(after));
        fn meeting(c: &Corpus, m: Option<MeetingId>) -> Option<&Meeting> {
            c.meeting(m?)
        }
        // Equality never reads sections: read both meetings, then compare.
        let same_minutes = |a: Option<&Meeting>, b: Option<&Meeting>| match (a, b) {
            (Some(a), Some(b)) => {
                a.read_sections();
                b.read_sections();
                a == b
            }
            (a, b) => a.is_none() && b.is_none(),
        };
        let same = |a: &FileReport, b: &FileReport| {
            (a.key.is_some() && a.key == b.key)
                || (a.error == b.error
                    && same_minutes(meeting(before, a.meeting), meeting(after, b.meeting)))
        };
        let mut change = Change::default();
        for (source, report) in &new {
            let path = std::path::PathBuf::from(source);
            match old.get(*source) {
                None => change.created.push(path),
                Some(old_report) if !same(old_report, report) => change.modified.push(path),
                Some(_) => {}
            }
        }
        for source in old.keys().filter(|s| !new.contains_key(*s)) {
            change.removed.push(std::path::PathBuf::from(source));
        }
        change
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_lookup_ignores_letter_case_and_white_space() {
        let corpus = Corpus::from_texts([(
            "a.txt".to_string(),
            "REFERAT Byrådet d. 27-08-2025\n\nPunkt 1: A\nEMN-2025-003383\n".to_string(),
        )]);
        assert_eq!(corpus.case("EMN-2025-003383").len(), 1);
        assert_eq!(corpus.case(" emn-2025-003383 ").len(), 1);
        assert!(corpus.case("EMN-2025-00338").is_empty());
    }

    #[test]
    fn progress_counts_every_file_found() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..7 {
            let text = format!(
                "REFERAT Direktionen d. 0{}-08-2025\n\nPunkt 1: A\n\n24/{i}\n",
                i + 1
            );
            std::fs::write(dir.path().join(format!("{i}.txt")), text).unwrap();
        }
        std::fs::write(dir.path().join("note.txt"), "not minutes").unwrap();
        let progress = Progress::default();
        let (corpus, stats) =
            Corpus::load_with_progress(&[dir.path().to_path_buf()], &CacheMode::Off, &progress);
        assert_eq!(progress.get(), (8, 8));
        assert_eq!(stats.parsed, 8);
        assert_eq!(corpus.meetings.len(), 7);
        assert_eq!(corpus.reports.len(), 8);
    }
}
