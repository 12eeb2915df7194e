//! The finder: fuzzy matching over every item of every meeting with nucleo.
//!
//! Matching runs on nucleo's worker threads, never on the input thread: items are
//! pushed through an [`nucleo::Injector`] from a background thread when the
//! browser starts, a keystroke only calls `reparse` (with `append` when the new
//! query extends the old one, so nucleo filters the previous matches instead of
//! rescoring everything), and every frame calls `tick`, which waits at most a few
//! milliseconds and publishes whatever the workers have finished.
//!
//! Each item's haystack is one column holding title, case numbers, forum and
//! date (in both forms, `25-03-2025` and `2025-03-25`, whichever the browser
//! shows), folded by [`super::fold`] so Danish letters and their digraphs meet. Only the
//! rows on screen are turned into [`FinderRow`]s with highlights: nucleo reports
//! matched positions in folded characters, which the fold's origin map turns back
//! into positions in the text shown.
//!
//! While the minutes are still being read, each batch of meetings the loader
//! hands on ([`referat_core::corpus::Batches`]) comes with its items' haystacks, made on
//! the loader's thread ([`Haystacks`]), and [`Finder::extend`] pushes just
//! those into the same nucleo: the finder searches what has loaded so far, and
//! no item is injected twice. nucleo holds each item's [`ItemRef`], which
//! stays valid while earlier meetings arrive (meetings keep their
//! [`referat_core::corpus::MeetingId`]), so nothing in it is ever remapped.
//!
//! A query that is a whole case number the corpus knows (`24/24964`) skips
//! fuzzy matching: the case index answers at once, which on a large corpus is
//! both faster and exact (a fuzzy `24/24964` also matches `24/2496` and
//! unrelated digits).

mod ties;
pub mod view;

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use nucleo::pattern::{CaseMatching, Normalization};
use nucleo::{Config, Matcher, Nucleo, Utf32String};

use super::action::Action;
use super::filter::MeetingFilter;
use super::fold::{fold, fold_into, fold_query};
use super::list::ListCursor;
use super::list::page_delta;
use super::query::edit_selected_query;
use crate::config::DateFormat;
use referat_core::corpus::{Corpus, ItemRef, Renumbered};
use referat_core::loader::casenum::is_case_number;
use referat_core::model::{Item, Meeting};
use referat_core::sanitize::for_terminal;

/// How long one `tick` may wait for the workers; keeps keystrokes snappy.
pub const TICK_MS: u64 = 8;

/// A piece of text shown in a finder row, with the char positions that matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    /// Sorted, unique char indices into `text`.
    pub hits: Vec<usize>,
}

/// One visible finder row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderRow {
    pub at: ItemRef,
    pub number: u32,
    pub closed: bool,
    pub title: Field,
    pub case: Field,
    pub forum: Field,
    pub date: Field,
}

/// The searchable fields of an item, sanitised, in haystack order: title,
/// case numbers, forum, and the date in each [`DateFormat`].
fn fields(meeting: &Meeting, item: &Item) -> [String; 5] {
    let date = |f: DateFormat| meeting.date.map(|d| f.format(d)).unwrap_or_default();
    [
        for_terminal(&item.title).into_owned(),
        for_terminal(&item.case_numbers.join(" ")).into_owned(),
        for_terminal(&meeting.forum).into_owned(),
        date(DateFormat::Danish),
        date(DateFormat::Iso),
    ]
}

/// The folded haystack for nucleo.
fn haystack(fields: &[String; 5]) -> Utf32String {
    let mut folded = Vec::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for (n, field) in fields.iter().enumerate() {
        if n > 0 {
            folded.push(' ');
        }
        fold_into(field, &mut folded);
    }
    if folded.iter().all(char::is_ascii) {
        Utf32String::Ascii(folded.iter().collect::<String>().into_boxed_str())
    } else {
        Utf32String::Unicode(folded.into_boxed_slice())
    }
}

/// The haystacks of every item of a corpus (a batch being loaded, or all of
/// it), newest meeting first so an empty query lists recent items first.
/// Folding is the costly part of feeding the finder, so this is made on the
/// thread that read the meetings, never on the input thread.
#[derive(Default)]
pub struct Haystacks {
    /// An item of that corpus, and its haystack.
    items: Vec<(ItemRef, Utf32String)>,
}

impl Haystacks {
    /// Folds on all cores: a warm start hands the whole cached corpus over as
    /// one batch, and its first frame waits for this.
    pub fn of(corpus: &Corpus) -> Haystacks {
        Haystacks::of_passing(corpus, &MeetingFilter::default())
    }

    /// The haystacks of the items of the meetings `keep` passes.
    fn of_passing(corpus: &Corpus, keep: &MeetingFilter) -> Haystacks {
        use rayon::prelude::*;
        let meetings: Vec<_> = corpus
            .with_ids()
            .rev()
            .filter(|(_, m)| keep.passes(m))
            .collect();
        let per_meeting: Vec<Vec<(ItemRef, Utf32String)>> = meetings
            .into_par_iter()
            .map(|(id, meeting)| {
                let at = |item| ItemRef { meeting: id, item };
                let items = meeting.items.iter().enumerate();
                items
                    .map(|(i, item)| (at(i), haystack(&fields(meeting, item))))
                    .collect()
            })
            .collect();
        Haystacks {
            items: per_meeting.into_iter().flatten().collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Leaves out the items of meetings `keep` does not pass, as `corpus`
    /// (which the batch was merged into) knows them.
    fn retain_passing(&mut self, corpus: &Corpus, renumbered: &Renumbered, keep: &MeetingFilter) {
        if keep.is_empty() {
            return;
        }
        self.items.retain(|(at, _)| {
            renumbered
                .item(*at)
                .and_then(|at| corpus.meeting(at.meeting))
                .is_some_and(|m| keep.passes(m))
        });
    }

    /// How many of the items a merge kept (see [`Renumbered::item`]).
    fn kept_by(&self, renumbered: &Renumbered) -> usize {
        let kept = |(at, _): &&(ItemRef, Utf32String)| renumbered.item(*at).is_some();
        self.items.iter().filter(kept).count()
    }

    /// Pushes every item into nucleo, as the corpus it was merged into
    /// knows it (`renumbered`: the ids the merge gave the batch's meetings).
    fn inject(self, injector: &nucleo::Injector<ItemRef>, renumbered: Option<Renumbered>) {
        for (at, haystack) in self.items {
            // An item of another reading of a meeting already in is in already.
            let Some(at) = renumbered.as_ref().map_or(Some(at), |r| r.item(at)) else {
                continue;
            };
            injector.push(at, |_, cols| cols[0] = haystack);
        }
    }
}

/// Work for the [`Feeder`]'s thread: pushes items through the injector.
type Job = Box<dyn FnOnce(&nucleo::Injector<ItemRef>) + Send>;

/// Pushes items into nucleo from one thread of its own, in the order the work
/// was handed over: neither a large corpus nor a large batch holds up the
/// input thread, and while minutes are loading an empty query lists items in
/// the order they were read (a thread per batch would let batches overtake
/// each other). The thread ends once the feeder is dropped and its queue is
/// done.
struct Feeder {
    injector: nucleo::Injector<ItemRef>,
    /// The thread's queue; `None` until the first job, and again if no
    /// thread could be had or it is gone, in which case jobs run here.
    jobs: Option<mpsc::Sender<Job>>,
}

impl Feeder {
    fn new(injector: nucleo::Injector<ItemRef>) -> Feeder {
        Feeder {
            injector,
            jobs: None,
        }
    }

    fn feed(&mut self, job: Job) {
        if self.jobs.is_none() {
            self.jobs = self.spawn();
        }
        let job = match &self.jobs {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        // No thread to spare: inject here rather than leave the finder short.
        self.jobs = None;
        job(&self.injector);
    }

    fn spawn(&self) -> Option<mpsc::Sender<Job>> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let injector = self.injector.clone();
        std::thread::Builder::new()
            .name("referat-finder".into())
            .spawn(move || {
                for job in queue {
                    job(&injector);
                }
            })
            .ok()?;
        Some(jobs)
    }
}

/// How long Enter waits for the matching of the query as typed to finish
/// (a few frames at most on a large corpus; the list shows it meanwhile).
const SETTLE_ON_ENTER: Duration = Duration::from_millis(500);

/// What a key in the finder asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The query changed, or nothing did.
    Stay,
    /// The cursor moved: the panes preview the item it is on.
    Moved,
    /// Show this item and close the finder.
    Open(ItemRef),
    /// Enter with nothing matched.
    NoMatch,
    /// Close the finder and go back to where the reader was.
    Close,
}

/// The fuzzy finder's engine and its list position.
pub struct Finder {
    nucleo: Nucleo<ItemRef>,
    feeder: Feeder,
    total: usize,
    query: String,
    folded: String,
    running: bool,
    matcher: Matcher,
    pub cursor: ListCursor,
    rows: Vec<FinderRow>,
    /// A query that is a whole, known case number: the case's items straight
    /// from the corpus's case index, newest first, instead of fuzzy matches.
    direct: Option<Vec<ItemRef>>,
    /// How the rows show dates.
    pub dates: DateFormat,
    /// The query was reopened and is selected: typing replaces it.
    query_selected: bool,
    /// The same items being injected again in the usual order, which take
    /// over once matched ([`Finder::refill`]).
    refill: Option<Box<Finder>>,
    /// Counts the snapshots nucleo published, so [`Finder::order`] is used
    /// only with the snapshot it was made from.
    generation: u64,
    /// The first matches with equal scores in the reader's order.
    order: ties::Order,
    /// Only items of the meetings this passes are matched: the meetings
    /// list's filter.
    keep: MeetingFilter,
    /// The query changed and nucleo has not finished matching it yet.
    fresh_query: bool,
}

/// How many matches are always put in order, besides those on screen: the
/// result list a jump keeps ([`Finder::matched_refs`]) is taken from these.
const ORDERED_AT_LEAST: usize = 200;

impl Finder {
    /// Starts the workers and injects every item of `corpus` from a background
    /// thread, newest meeting first (so an empty query lists recent items first).
    pub fn new(corpus: Arc<Corpus>) -> Finder {
        Finder::limited(corpus, &MeetingFilter::default())
    }

    /// As [`Finder::new`], with only the items of the meetings `keep` passes.
    pub fn limited(corpus: Arc<Corpus>, keep: &MeetingFilter) -> Finder {
        let mut finder = Finder::empty();
        finder.keep = keep.clone();
        finder.total = if keep.is_empty() {
            corpus.item_count()
        } else {
            let passing = corpus.meetings().iter().filter(|m| keep.passes(m));
            passing.map(|m| m.items.len()).sum()
        };
        let keep = keep.clone();
        finder.feeder.feed(Box::new(move |injector| {
            Haystacks::of_passing(&corpus, &keep).inject(injector, None)
        }));
        finder
    }

    /// Limits the finder to the items of the meetings `keep` passes (all,
    /// when it is empty), keeping the query: a new engine is filled, which
    /// answers once its items are in.
    ///
    /// While a load still streams in (`loading`), the haystacks are folded
    /// here rather than by the feeder: a feeder holding the corpus would make
    /// every batch merged meanwhile copy it whole.
    pub fn limit_to(&mut self, corpus: Arc<Corpus>, keep: &MeetingFilter, loading: bool) {
        if *keep == self.keep {
            return;
        }
        let mut next = if loading {
            let mut next = Finder::empty();
            next.keep = keep.clone();
            let haystacks = Haystacks::of_passing(&corpus, keep);
            next.total = haystacks.len();
            next.feeder
                .feed(Box::new(move |injector| haystacks.inject(injector, None)));
            next
        } else {
            Finder::limited(Arc::clone(&corpus), keep)
        };
        next.dates = self.dates;
        next.set_query(&corpus, &self.query);
        *self = next;
    }

    /// A finder that knows no items yet; [`Finder::extend`] adds them.
    pub fn empty() -> Finder {
        let nucleo = Nucleo::new(Config::DEFAULT, Arc::new(|| {}), None, 1);
        Finder {
            feeder: Feeder::new(nucleo.injector()),
            nucleo,
            total: 0,
            query: String::new(),
            folded: String::new(),
            running: true,
            matcher: Matcher::new(Config::DEFAULT),
            cursor: ListCursor::default(),
            rows: Vec::new(),
            direct: None,
            dates: DateFormat::default(),
            query_selected: false,
            refill: None,
            generation: 0,
            order: ties::Order::default(),
            keep: MeetingFilter::default(),
            fresh_query: false,
        }
    }

    /// Fills the finder again from `corpus`, newest meeting first, with the
    /// same query: a streamed load injected items in the order they were
    /// read, and an empty query should list recent items first. The items
    /// already in keep answering until the new ones are all injected and
    /// matched, so an open finder never empties meanwhile.
    pub fn refill(&mut self, corpus: Arc<Corpus>) {
        let mut next = Finder::limited(Arc::clone(&corpus), &self.keep);
        next.set_query(&corpus, &self.query);
        self.refill = Some(Box::new(next));
    }

    /// Takes in a batch of meetings just merged into `corpus` (`renumbered`
    /// gives the ids the merge gave them, `haystacks` are the batch's items):
    /// only the new items are injected into the same nucleo, by the feeder
    /// thread once the batches before are in. The query and the cursor stay.
    pub fn extend(&mut self, corpus: &Corpus, renumbered: Renumbered, mut haystacks: Haystacks) {
        haystacks.retain_passing(corpus, &renumbered, &self.keep);
        self.total += haystacks.kept_by(&renumbered);
        self.feeder.feed(Box::new(move |injector| {
            haystacks.inject(injector, Some(renumbered))
        }));
        // A whole case number may be known now, or have more items.
        self.direct = case_items(corpus, &self.query, &self.keep);
        self.running = true;
    }

    /// Applies a key's action: the prompt's editing keys change the query,
    /// Enter opens the selected item, Esc closes, the moving keys move the
    /// cursor over `height` rows.
    pub fn update(&mut self, corpus: &Corpus, action: Action, height: usize) -> Outcome {
        let mut query = self.query.clone();
        if edit_selected_query(&mut query, &mut self.query_selected, action) {
            self.set_query(corpus, &query);
            return Outcome::Stay;
        }
        match action {
            Action::Enter => {
                // Keys typed ahead meet the results of the query as typed,
                // not an earlier one still on screen.
                self.settle(SETTLE_ON_ENTER);
                self.put_in_order(corpus, self.cursor.selected + 1);
                self.selected().map_or(Outcome::NoMatch, Outcome::Open)
            }
            Action::Back => Outcome::Close,
            other => match page_delta(other, height) {
                Some(delta) => {
                    // Typed ahead, a move is over the matches of the query
                    // as typed, as Enter is; once they are in, moves never
                    // wait (not for items still being fed in a load).
                    if self.fresh_query {
                        self.settle(SETTLE_ON_ENTER);
                        self.fresh_query = false;
                    }
                    self.cursor.move_by(delta, self.matched());
                    Outcome::Moved
                }
                None => Outcome::Stay,
            },
        }
    }

    /// Reopens on the last query, selected: typing replaces it, Enter
    /// reuses it.
    pub fn reopen(&mut self) {
        self.query_selected = !self.query.is_empty();
        self.cursor = ListCursor::default();
    }

    /// The items matched, best first, at most `limit` of them: the result
    /// list the panes step through after a jump.
    pub fn matched_refs(&mut self, corpus: &Corpus, limit: usize) -> Vec<ItemRef> {
        if let Some(refs) = &self.direct {
            return refs.iter().take(limit).copied().collect();
        }
        self.put_in_order(corpus, limit);
        let end = self
            .nucleo
            .snapshot()
            .matched_item_count()
            .min(limit as u32);
        (0..end).filter_map(|n| self.nth(n as usize)).collect()
    }

    /// The `n`th match in the order shown: from the ordered prefix while it
    /// belongs to this snapshot, nucleo's order after it.
    fn nth(&self, n: usize) -> Option<ItemRef> {
        let snapshot = self.nucleo.snapshot();
        let at = self.position(n)?;
        snapshot.get_matched_item(at).map(|item| *item.data)
    }

    /// Where the `n`th match as shown is in nucleo's matches.
    fn position(&self, n: usize) -> Option<u32> {
        match self.order.positions.get(n) {
            Some(&at) if self.order.generation == self.generation => Some(at),
            _ => u32::try_from(n).ok(),
        }
    }

    /// Puts the first `want` matches (and [`ORDERED_AT_LEAST`]) in order,
    /// unless that was done for this snapshot already.
    fn put_in_order(&mut self, corpus: &Corpus, want: usize) {
        let want = want.max(ORDERED_AT_LEAST);
        let matched = self.nucleo.snapshot().matched_item_count() as usize;
        let fresh = self.order.generation == self.generation;
        if fresh && self.order.positions.len() >= want.min(matched) {
            return;
        }
        self.order = ties::order(
            self.nucleo.snapshot(),
            &mut self.matcher,
            corpus,
            want,
            self.generation,
        );
    }

    /// Whether the query is selected (just reopened).
    pub fn query_selected(&self) -> bool {
        self.query_selected
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Sets the query. Cheap: the matching happens on the workers.
    pub fn set_query(&mut self, corpus: &Corpus, query: &str) {
        if let Some(next) = &mut self.refill {
            next.set_query(corpus, query);
        }
        self.query = query.to_string();
        self.direct = case_items(corpus, query, &self.keep);
        if self.direct.is_some() {
            self.cursor = ListCursor::default();
            // nucleo keeps its pattern: typing on from here reparses as usual.
            return;
        }
        let folded = fold_query(query);
        if folded == self.folded {
            return;
        }
        // A trailing backslash escapes the next char, so "a\" → "a\ " is not an
        // extension; nucleo itself guards against negated atoms.
        let append = folded.starts_with(&self.folded) && !self.folded.ends_with('\\');
        self.nucleo.pattern.reparse(
            0,
            &folded,
            CaseMatching::Ignore,
            Normalization::Never,
            append,
        );
        self.folded = folded;
        self.cursor = ListCursor::default();
        self.running = true;
        self.fresh_query = true;
    }

    /// Lets the workers publish results; returns whether the matches changed.
    pub fn tick(&mut self, timeout_ms: u64) -> bool {
        if let Some(next) = &mut self.refill {
            next.tick(0);
            if !next.running {
                let cursor = self.cursor;
                if let Some(next) = self.refill.take() {
                    *self = *next;
                }
                self.cursor = cursor;
                return true;
            }
        }
        let status = self.nucleo.tick(timeout_ms);
        if !status.running {
            self.fresh_query = false;
        }
        self.running = status.running || self.nucleo.snapshot().item_count() as usize != self.total;
        if status.changed {
            self.generation += 1;
        }
        status.changed
    }

    /// Whether matching or injecting is still under way, or a refill.
    pub fn busy(&self) -> bool {
        (self.running && self.direct.is_none()) || self.refill.is_some()
    }

    /// Whether the results are a case's items from the case index.
    pub fn is_direct(&self) -> bool {
        self.direct.is_some()
    }

    /// Ticks until every item is injected and matched (tests and benchmarks), or
    /// `limit` passes.
    pub fn settle(&mut self, limit: Duration) {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            self.tick(10);
            if !self.running && self.refill.is_none() {
                break;
            }
        }
    }

    /// Number of items that match the query.
    pub fn matched(&self) -> usize {
        match &self.direct {
            Some(refs) => refs.len(),
            None => self.nucleo.snapshot().matched_item_count() as usize,
        }
    }

    /// Number of items known to the finder.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The item the cursor is on.
    pub fn selected(&self) -> Option<ItemRef> {
        if let Some(refs) = &self.direct {
            return refs.get(self.cursor.selected).copied();
        }
        self.nth(self.cursor.selected)
    }

    /// The item the cursor is on, with the matches down to it put in order
    /// first: the row it previews is the row the list will show there, even
    /// past the matches ordered so far.
    pub fn selected_in_order(&mut self, corpus: &Corpus) -> Option<ItemRef> {
        if self.direct.is_none() {
            self.put_in_order(corpus, self.cursor.selected + 1);
        }
        self.selected()
    }

    /// The rows computed by the last [`Finder::refresh`].
    pub fn rows(&self) -> &[FinderRow] {
        &self.rows
    }

    /// Clamps the cursor to the matches and computes the `height` rows on screen,
    /// with the matched characters of each.
    pub fn refresh(&mut self, corpus: &Corpus, height: usize) {
        if let Some(refs) = &self.direct {
            self.cursor.clamp(refs.len(), height);
            let start = self.cursor.offset.min(refs.len());
            let end = (start + height).min(refs.len());
            let case = self.query.trim();
            self.rows = refs[start..end]
                .iter()
                .filter_map(|&at| {
                    let (meeting, item) = lookup(corpus, at)?;
                    let texts = fields(meeting, item);
                    // The case number itself is what matched.
                    let hits = texts[1]
                        .find(case)
                        .map(|byte| {
                            let first = texts[1][..byte].chars().count();
                            (first..first + case.chars().count()).collect()
                        })
                        .unwrap_or_default();
                    let none = Vec::new;
                    let hits = [none(), hits, none(), none(), none()];
                    Some(row(at, item, texts, hits, self.dates))
                })
                .collect();
            return;
        }
        let matched = self.nucleo.snapshot().matched_item_count();
        self.cursor.clamp(matched as usize, height);
        let start = (self.cursor.offset as u32).min(matched);
        let end = start.saturating_add(height as u32).min(matched);
        self.put_in_order(corpus, end as usize);
        let positions: Vec<u32> = (start..end)
            .filter_map(|n| self.position(n as usize))
            .collect();
        let snapshot = self.nucleo.snapshot();
        let pattern = snapshot.pattern().column_pattern(0);
        let mut indices = Vec::new();
        self.rows.clear();
        for entry in positions
            .iter()
            .filter_map(|&n| snapshot.get_matched_item(n))
        {
            let at = *entry.data;
            let Some((meeting, item)) = lookup(corpus, at) else {
                continue;
            };
            let texts = fields(meeting, item);
            indices.clear();
            pattern.indices(
                entry.matcher_columns[0].slice(..),
                &mut self.matcher,
                &mut indices,
            );
            let hits = highlights(&texts, &indices);
            self.rows.push(row(at, item, texts, hits, self.dates));
        }
    }
}

/// A query that is a whole case number the corpus knows: the case's items
/// straight from the case index, newest meeting first like the fuzzy results.
fn case_items(corpus: &Corpus, query: &str, keep: &MeetingFilter) -> Option<Vec<ItemRef>> {
    let case = query.trim();
    if !is_case_number(case) || corpus.case(case).is_empty() {
        return None;
    }
    let mut refs = corpus.case(case).to_vec();
    refs.retain(|at| corpus.meeting(at.meeting).is_some_and(|m| keep.passes(m)));
    refs.sort_by_key(|&at| {
        let (position, item) = corpus.order_key(at);
        (std::cmp::Reverse(position), item)
    });
    Some(refs)
}

/// The meeting and item at `at`, if the corpus has them: the finder never
/// indexes past the end, whatever it was told.
fn lookup(corpus: &Corpus, at: ItemRef) -> Option<(&Meeting, &Item)> {
    corpus.try_get(at)
}

/// A finder row from an item's fields and the matched chars of each, with the
/// date as `dates` shows it.
fn row(
    at: ItemRef,
    item: &Item,
    texts: [String; 5],
    hits: [Vec<usize>; 5],
    dates: DateFormat,
) -> FinderRow {
    let [title, case, forum, danish, iso] = texts;
    let [t, c, f, dd, di] = hits;
    let (date, d) = match dates {
        DateFormat::Danish => (danish, dd),
        DateFormat::Iso => (iso, di),
    };
    FinderRow {
        at,
        number: item.number,
        closed: item.closed,
        title: Field {
            text: title,
            hits: t,
        },
        case: Field {
            text: case,
            hits: c,
        },
        forum: Field {
            text: forum,
            hits: f,
        },
        date: Field {
            text: date,
            hits: d,
        },
    }
}

/// Maps nucleo's match positions (folded chars, unsorted, possibly repeated) to
/// sorted char positions inside each field. Positions out of range are ignored:
/// highlighting is approximate at worst, never a panic.
fn highlights<const N: usize>(fields: &[String; N], indices: &[u32]) -> [Vec<usize>; N] {
    let joined = fields.join(" ");
    let folded = fold(&joined);
    let mut starts = [0usize; N];
    let mut at = 0;
    for (i, f) in fields.iter().enumerate() {
        starts[i] = at;
        at += f.chars().count() + 1;
    }
    let mut out: [Vec<usize>; N] = std::array::from_fn(|_| Vec::new());
    for &i in indices {
        let Some(&orig) = folded.origin.get(i as usize) else {
            continue;
        };
        let orig = orig as usize;
        if let Some(field) = (0..N).rev().find(|&f| orig >= starts[f]) {
            let local = orig - starts[field];
            if local < fields[field].chars().count() {
                out[field].push(local);
            }
        }
    }
    for v in &mut out {
        v.sort_unstable();
        v.dedup();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::corpus;

    fn finder() -> (Finder, Corpus) {
        let corpus = corpus();
        let mut f = Finder::new(Arc::new(corpus.clone()));
        f.settle(Duration::from_secs(10));
        (f, corpus)
    }

    #[test]
    fn keys_edit_the_query_move_open_and_close() {
        let (mut f, corpus) = finder();
        assert_eq!(f.update(&corpus, Action::Input('x'), 10), Outcome::Stay);
        assert_eq!(f.query(), "x");
        assert_eq!(f.update(&corpus, Action::Backspace, 10), Outcome::Stay);
        assert_eq!(f.query(), "");
        f.settle(Duration::from_secs(10));
        assert!(f.matched() > 1);
        assert_eq!(f.update(&corpus, Action::Down, 10), Outcome::Moved);
        assert_eq!(f.cursor.selected, 1);
        let selected = f.selected().unwrap();
        assert_eq!(
            f.update(&corpus, Action::Enter, 10),
            Outcome::Open(selected)
        );
        assert_eq!(f.update(&corpus, Action::Back, 10), Outcome::Close);
        for c in "qqqzzzxxx".chars() {
            f.update(&corpus, Action::Input(c), 10);
        }
        f.settle(Duration::from_secs(10));
        assert_eq!(f.update(&corpus, Action::Enter, 10), Outcome::NoMatch);
    }

    fn titles(f: &mut Finder, corpus: &Corpus, query: &str) -> Vec<String> {
        f.set_query(corpus, query);
        f.settle(Duration::from_secs(10));
        f.refresh(corpus, 50);
        f.rows().iter().map(|r| r.title.text.clone()).collect()
    }

    #[test]
    fn finds_by_case_number_fragments() {
        let (mut f, corpus) = finder();
        assert_eq!(f.matched(), f.total());
        for q in ["25/83", "8362", "25/8362"] {
            let t = titles(&mut f, &corpus, q);
            assert!(t[0].starts_with("Status på indkøb"), "{q}: {t:?}");
        }
    }

    #[test]
    fn danish_letters_and_digraphs_meet() {
        let (mut f, corpus) = finder();
        for q in [
            "kvarter",
            "gadehavegaard",
            "Gadehavegård",
            "GADEHAVEGÅRD",
            "'havegård",
        ] {
            let t = titles(&mut f, &corpus, q);
            assert!(
                t.first().is_some_and(|t| t.starts_with("Kvarterhus")),
                "{q}: {t:?}"
            );
        }
        let oe = titles(&mut f, &corpus, "oekonomi");
        let o = titles(&mut f, &corpus, "økonomi");
        assert_eq!(oe, o);
        assert!(!oe.is_empty());
    }

    #[test]
    fn fzf_syntax_works() {
        let (mut f, corpus) = finder();
        let all = titles(&mut f, &corpus, "").len();
        let not = titles(&mut f, &corpus, "!sager").len();
        assert!(not < all);
        assert!(titles(&mut f, &corpus, "^kvarterhus").len() == 1);
        assert!(titles(&mut f, &corpus, "'zzzz").is_empty());
    }

    #[test]
    fn highlights_map_back_to_original_chars() {
        let (mut f, corpus) = finder();
        f.set_query(&corpus, "gaard");
        f.settle(Duration::from_secs(10));
        f.refresh(&corpus, 5);
        let row = &f.rows()[0];
        let chars: Vec<char> = row.title.text.chars().collect();
        let lit: String = row.title.hits.iter().map(|&i| chars[i]).collect();
        assert!(lit.to_lowercase().contains('å'), "{lit}");
    }

    #[test]
    fn highlights_never_panic_on_odd_indices() {
        let fields = ["ab".to_string(), String::new(), "c".into(), String::new()];
        let out = highlights(&fields, &[0, 99, 1, 1, 3, 4, 5]);
        assert_eq!(out[0], vec![0, 1]);
        assert_eq!(out[2], vec![0]);
    }

    #[test]
    fn a_whole_case_number_comes_from_the_case_index() {
        let (mut f, corpus) = finder();
        let t = titles(&mut f, &corpus, "24/24964");
        assert!(f.is_direct());
        assert!(!f.busy());
        assert_eq!(t, ["Øvrige sager", "Øvrige sager"]);
        assert_eq!(f.matched(), 2);
        // newest meeting first, like the fuzzy results
        let first = f.selected().unwrap();
        assert_eq!(corpus.get(first).0.date.unwrap().to_string(), "2025-08-25");
        let row = &f.rows()[0];
        assert_eq!(row.case.hits, (0..8).collect::<Vec<_>>());
        // One character more or less: fuzzy again.
        titles(&mut f, &corpus, "24/2496");
        assert!(!f.is_direct());
        let t = titles(&mut f, &corpus, "24/24964 ");
        assert!(f.is_direct(), "{t:?}");
        titles(&mut f, &corpus, "24/24964 sager");
        assert!(!f.is_direct());
        assert!(f.matched() >= 1);
        // An unknown case number is matched fuzzily (nothing to short-circuit).
        titles(&mut f, &corpus, "99/99999");
        assert!(!f.is_direct());
    }

    #[test]
    fn dates_show_as_configured_and_match_in_both_forms() {
        let (mut f, corpus) = finder();
        for dates in [DateFormat::Danish, DateFormat::Iso] {
            f.dates = dates;
            for q in ["25-03-2025", "2025-03-25"] {
                let t = titles(&mut f, &corpus, q);
                assert!(
                    t.iter().any(|t| t.starts_with("Kvarterhus")),
                    "{dates:?} {q}: {t:?}"
                );
                let row = &f.rows()[0];
                let shown = match dates {
                    DateFormat::Danish => "25-03-2025",
                    DateFormat::Iso => "2025-03-25",
                };
                assert_eq!(row.date.text, shown);
                if q == shown {
                    assert_eq!(row.date.hits, (0..10).collect::<Vec<_>>(), "{q}");
                }
            }
        }
    }

    #[test]
    fn extending_then_shortening_the_query_is_consistent() {
        let (mut f, corpus) = finder();
        let wide = titles(&mut f, &corpus, "s");
        let narrow = titles(&mut f, &corpus, "sa");
        let back = titles(&mut f, &corpus, "s");
        assert!(narrow.len() <= wide.len());
        assert_eq!(back.len(), wide.len());
    }

    #[test]
    fn batches_are_listed_in_the_order_they_arrived() {
        // Big batches, handed over without waiting: each one's items must
        // all come before the next one's, whatever the threads do.
        const EACH: usize = 2000;
        let meetings = |forum: &str| -> Vec<(String, String)> {
            (0..EACH)
                .map(|n| {
                    let (day, month, year) = (n % 28 + 1, n / 28 % 12 + 1, 2000 + n / 336);
                    let text = format!(
                        "REFERAT {forum} d. {day:02}-{month:02}-{year}\n\nPunkt 1: {forum} {n}\n\n25/{n}\n"
                    );
                    (format!("{forum}-{n}.txt"), text)
                })
                .collect()
        };
        let forums = ["Byrådet", "Direktionen", "Chefforum"];
        let batches: Vec<(Corpus, Haystacks)> = forums
            .iter()
            .map(|forum| {
                let batch = Corpus::from_texts(meetings(forum));
                let haystacks = Haystacks::of(&batch);
                (batch, haystacks)
            })
            .collect();
        let mut corpus = Corpus::default();
        let mut f = Finder::empty();
        for (batch, haystacks) in batches {
            let renumbered = corpus.merge(batch);
            f.extend(&corpus, renumbered, haystacks);
        }
        f.settle(Duration::from_secs(10));
        assert_eq!(f.total(), 3 * EACH);
        f.refresh(&corpus, 3 * EACH);
        let listed: Vec<&str> = f
            .rows()
            .iter()
            .map(|row| row.title.text.split(' ').next().unwrap_or_default())
            .collect();
        let expected: Vec<&str> = forums.iter().flat_map(|forum| [*forum; EACH]).collect();
        assert_eq!(listed, expected);
    }

    /// Merges one file into `corpus` as a batch of a streamed load, and
    /// feeds its items to `f`.
    fn feed(corpus: &mut Corpus, f: &mut Finder, source: String, text: String) {
        let batch = Corpus::from_texts([(source, text)]);
        let haystacks = Haystacks::of(&batch);
        let renumbered = corpus.merge(batch);
        f.extend(corpus, renumbered, haystacks);
    }

    #[test]
    fn equal_scores_list_the_newest_meeting_first_then_by_item() {
        // Same titles, so the same score; case numbers of different lengths
        // (nucleo's own tie-break) and batches arriving out of date order.
        let years = [2019, 2009, 2017, 2015, 2012];
        let mut corpus = Corpus::default();
        let mut f = Finder::empty();
        for (n, year) in years.iter().enumerate() {
            let case = format!("{}/{}", n + 1, "7".repeat(5 - n));
            let text = format!(
                "REFERAT Byrådet d. 01-03-{year}\n\nPunkt 1: Kvarterhus\n\n{case}\n\n\
                 Punkt 2: Kvarterhus\n\n{case}1\n"
            );
            feed(&mut corpus, &mut f, format!("{year}.txt"), text);
        }
        f.settle(Duration::from_secs(10));
        f.set_query(&corpus, "kvarter");
        f.settle(Duration::from_secs(10));
        f.refresh(&corpus, 20);
        let listed: Vec<(String, u32)> = f
            .rows()
            .iter()
            .map(|row| (row.date.text.clone(), row.number))
            .collect();
        let expected: Vec<(String, u32)> = [2019, 2017, 2015, 2012, 2009]
            .iter()
            .flat_map(|y| [(format!("01-03-{y}"), 1), (format!("01-03-{y}"), 2)])
            .collect();
        assert_eq!(listed, expected);
        // What Enter opens and what a jump steps through is the order shown.
        let first = f.rows()[0].at;
        assert_eq!(f.selected(), Some(first));
        let refs = f.matched_refs(&corpus, 100);
        let shown: Vec<ItemRef> = f.rows().iter().map(|r| r.at).collect();
        assert_eq!(refs, shown);
        f.cursor.selected = 3;
        assert_eq!(f.selected(), Some(shown[3]));
        // A better match still comes first, whatever its date.
        f.set_query(&corpus, "kvarterhus");
        f.settle(Duration::from_secs(10));
        f.refresh(&corpus, 20);
        assert_eq!(f.rows().len(), 10);
    }

    #[test]
    fn the_row_previewed_past_the_ordered_matches_is_the_row_shown_there() {
        // More good matches than are put in order up front, then a run of
        // weaker ones that tie, read out of date order: past the ordered
        // prefix nucleo's own order differs from the one shown.
        let mut corpus = Corpus::default();
        let mut f = Finder::empty();
        let good = ORDERED_AT_LEAST + 10;
        for n in 0..good + 60 {
            let (title, year) = if n < good {
                ("Kvarter", 2000)
            } else {
                ("K v a r t e r", 2000 + (n * 7) % 25)
            };
            let day = 1 + n % 28;
            let text = format!(
                "REFERAT Byrådet d. {day:02}-03-{year}\n\nPunkt 1: {title}\n\n{:04}/1\n",
                n
            );
            feed(&mut corpus, &mut f, format!("{n}.txt"), text);
        }
        f.settle(Duration::from_secs(10));
        f.set_query(&corpus, "kvarter");
        f.settle(Duration::from_secs(10));
        f.refresh(&corpus, 10);
        assert_eq!(f.matched(), good + 60);
        let far = good + 30;
        f.cursor.selected = far;
        let previewed = f.selected_in_order(&corpus);
        f.refresh(&corpus, 10);
        let row = far - f.cursor.offset;
        assert_eq!(previewed, Some(f.rows()[row].at));
    }
}
