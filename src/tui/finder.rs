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
//! A query that is a whole case number the corpus knows (`24/24964`) skips
//! fuzzy matching: the case index answers at once, which on a large corpus is
//! both faster and exact (a fuzzy `24/24964` also matches `24/2496` and
//! unrelated digits).

use std::sync::Arc;
use std::time::{Duration, Instant};

use nucleo::pattern::{CaseMatching, Normalization};
use nucleo::{Config, Matcher, Nucleo, Utf32String};

use super::fold::{fold, fold_query};
use super::list::ListCursor;
use crate::config::DateFormat;
use crate::corpus::{Corpus, ItemRef};
use crate::loader::casenum::is_case_number;
use crate::model::{Item, Meeting};
use crate::sanitize::for_terminal;

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
    let folded = fold(&fields.join(" "));
    if folded.chars.iter().all(char::is_ascii) {
        Utf32String::Ascii(folded.chars.iter().collect::<String>().into_boxed_str())
    } else {
        Utf32String::Unicode(folded.chars.into_boxed_slice())
    }
}

/// The fuzzy finder's engine and its list position.
pub struct Finder {
    nucleo: Nucleo<ItemRef>,
    corpus: Arc<Corpus>,
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
}

/// Pushes every item into nucleo, newest meeting first.
fn inject(injector: &nucleo::Injector<ItemRef>, corpus: &Corpus) {
    for (m, meeting) in corpus.meetings.iter().enumerate().rev() {
        for (i, item) in meeting.items.iter().enumerate() {
            let at = ItemRef {
                meeting: m,
                item: i,
            };
            let f = fields(meeting, item);
            injector.push(at, |_, cols| cols[0] = haystack(&f));
        }
    }
}

impl Finder {
    /// Starts the workers and injects every item from a background thread,
    /// newest meeting first (so an empty query lists recent items first).
    pub fn new(corpus: Arc<Corpus>) -> Finder {
        let nucleo = Nucleo::new(Config::DEFAULT, Arc::new(|| {}), None, 1);
        let injector = nucleo.injector();
        let total = corpus.item_count();
        let source = Arc::clone(&corpus);
        let spawned = std::thread::Builder::new()
            .name("referat-finder".into())
            .spawn(move || inject(&injector, &source));
        if spawned.is_err() {
            // No thread to spare: inject here rather than show an empty finder.
            inject(&nucleo.injector(), &corpus);
        }
        Finder {
            nucleo,
            corpus,
            total,
            query: String::new(),
            folded: String::new(),
            running: true,
            matcher: Matcher::new(Config::DEFAULT),
            cursor: ListCursor::default(),
            rows: Vec::new(),
            direct: None,
            dates: DateFormat::default(),
        }
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Sets the query. Cheap: the matching happens on the workers.
    pub fn set_query(&mut self, query: &str) {
        self.query = query.to_string();
        let case = query.trim();
        self.direct = None;
        if is_case_number(case) && !self.corpus.case(case).is_empty() {
            let mut refs = self.corpus.case(case).to_vec();
            refs.sort_by(|a, b| b.meeting.cmp(&a.meeting).then(a.item.cmp(&b.item)));
            self.direct = Some(refs);
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
    }

    /// Lets the workers publish results; returns whether the matches changed.
    pub fn tick(&mut self, timeout_ms: u64) -> bool {
        let status = self.nucleo.tick(timeout_ms);
        self.running = status.running || self.nucleo.snapshot().item_count() as usize != self.total;
        status.changed
    }

    /// Whether matching or injecting is still under way.
    pub fn busy(&self) -> bool {
        self.running && self.direct.is_none()
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
            if !self.running {
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
        let n = u32::try_from(self.cursor.selected).ok()?;
        self.nucleo
            .snapshot()
            .get_matched_item(n)
            .map(|item| *item.data)
    }

    /// The rows computed by the last [`Finder::refresh`].
    pub fn rows(&self) -> &[FinderRow] {
        &self.rows
    }

    /// Clamps the cursor to the matches and computes the `height` rows on screen,
    /// with the matched characters of each.
    pub fn refresh(&mut self, height: usize) {
        if let Some(refs) = &self.direct {
            self.cursor.clamp(refs.len(), height);
            let start = self.cursor.offset.min(refs.len());
            let end = (start + height).min(refs.len());
            let case = self.query.trim();
            self.rows = refs[start..end]
                .iter()
                .map(|&at| {
                    let (meeting, item) = self.corpus.get(at);
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
                    row(at, item, texts, hits, self.dates)
                })
                .collect();
            return;
        }
        let snapshot = self.nucleo.snapshot();
        let matched = snapshot.matched_item_count();
        self.cursor.clamp(matched as usize, height);
        let start = (self.cursor.offset as u32).min(matched);
        let end = start.saturating_add(height as u32).min(matched);
        let pattern = snapshot.pattern().column_pattern(0);
        let mut indices = Vec::new();
        self.rows.clear();
        for entry in snapshot.matched_items(start..end) {
            let at = *entry.data;
            let (meeting, item) = self.corpus.get(at);
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

    fn finder() -> Finder {
        let mut f = Finder::new(Arc::new(corpus()));
        f.settle(Duration::from_secs(10));
        f
    }

    fn titles(f: &mut Finder, query: &str) -> Vec<String> {
        f.set_query(query);
        f.settle(Duration::from_secs(10));
        f.refresh(50);
        f.rows().iter().map(|r| r.title.text.clone()).collect()
    }

    #[test]
    fn finds_by_case_number_fragments() {
        let mut f = finder();
        assert_eq!(f.matched(), f.total());
        for q in ["25/83", "8362", "25/8362"] {
            let t = titles(&mut f, q);
            assert!(t[0].starts_with("Status på indkøb"), "{q}: {t:?}");
        }
    }

    #[test]
    fn danish_letters_and_digraphs_meet() {
        let mut f = finder();
        for q in [
            "kvarter",
            "gadehavegaard",
            "Gadehavegård",
            "GADEHAVEGÅRD",
            "'havegård",
        ] {
            let t = titles(&mut f, q);
            assert!(
                t.first().is_some_and(|t| t.starts_with("Kvarterhus")),
                "{q}: {t:?}"
            );
        }
        let oe = titles(&mut f, "oekonomi");
        let o = titles(&mut f, "økonomi");
        assert_eq!(oe, o);
        assert!(!oe.is_empty());
    }

    #[test]
    fn fzf_syntax_works() {
        let mut f = finder();
        let all = titles(&mut f, "").len();
        let not = titles(&mut f, "!sager").len();
        assert!(not < all);
        assert!(titles(&mut f, "^kvarterhus").len() == 1);
        assert!(titles(&mut f, "'zzzz").is_empty());
    }

    #[test]
    fn highlights_map_back_to_original_chars() {
        let mut f = finder();
        f.set_query("gaard");
        f.settle(Duration::from_secs(10));
        f.refresh(5);
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
        let mut f = finder();
        let t = titles(&mut f, "24/24964");
        assert!(f.is_direct());
        assert!(!f.busy());
        assert_eq!(t, ["Øvrige sager", "Øvrige sager"]);
        assert_eq!(f.matched(), 2);
        // newest meeting first, like the fuzzy results
        let first = f.selected().unwrap();
        assert_eq!(
            f.corpus.get(first).0.date.unwrap().to_string(),
            "2025-08-25"
        );
        let row = &f.rows()[0];
        assert_eq!(row.case.hits, (0..8).collect::<Vec<_>>());
        // One character more or less: fuzzy again.
        titles(&mut f, "24/2496");
        assert!(!f.is_direct());
        let t = titles(&mut f, "24/24964 ");
        assert!(f.is_direct(), "{t:?}");
        titles(&mut f, "24/24964 sager");
        assert!(!f.is_direct());
        assert!(f.matched() >= 1);
        // An unknown case number is matched fuzzily (nothing to short-circuit).
        titles(&mut f, "99/99999");
        assert!(!f.is_direct());
    }

    #[test]
    fn dates_show_as_configured_and_match_in_both_forms() {
        let mut f = finder();
        for dates in [DateFormat::Danish, DateFormat::Iso] {
            f.dates = dates;
            for q in ["25-03-2025", "2025-03-25"] {
                let t = titles(&mut f, q);
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
        let mut f = finder();
        let wide = titles(&mut f, "s");
        let narrow = titles(&mut f, "sa");
        let back = titles(&mut f, "s");
        assert!(narrow.len() <= wide.len());
        assert_eq!(back.len(), wide.len());
    }
}
