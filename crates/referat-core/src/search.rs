//! Full-text search over every item's text.
//!
//! People search for what was said ("hjemmearbejde", "Realdania", "505.000 kr."),
//! so a query is matched against titles and section texts, not only titles:
//! - words match case-insensitively and anywhere in a word (Danish compounds:
//!   `arbejde` finds `hjemmearbejde`), with Danish folding, so `æ`/`ae`, `ø`/`oe`
//!   and `å`/`aa` find each other;
//! - every word must occur in the item (in any of its searched sections);
//! - `"quoted phrases"` match as phrases, across line breaks.
//!
//! The folded text of every section is scanned with SIMD substring search
//! (memchr's `memmem`) on all cores: as the warm-start cache stores it
//! ([`crate::folded`]), read a run of items at a time and dropped
//! ([`stored`]), or folded here for items parsed this run. The browser, which
//! searches at every keystroke, keeps what it folded in a [`SearchIndex`]; a
//! search run once ([`search_once`], the command line's) folds only the items
//! that may match. No inverted index is needed at the scale of a
//! municipality's minutes (see the README's Performance section for figures).

use memchr::memmem;
use rayon::prelude::*;

use crate::corpus::{Corpus, ItemRef};
use crate::folded::Places;
use crate::model::{Date, FoldedSpan, Item, Section, SectionKind};

pub use crate::fold::fold_spaced_str as fold;

mod mapping;
mod once;
mod stored;
pub use mapping::original_range;
use mapping::{fold_marks, map_range};
pub use once::{hits_once, search_once};

/// One search term: a word or a quoted phrase, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term folded by [`fold`] (a phrase's white space as single spaces),
    /// matched as a substring of the folded text.
    pub text: String,
    /// Whether the term was written as a `"quoted phrase"` (and may hold spaces);
    /// it is matched by the same substring search as a word.
    pub phrase: bool,
}

/// A parsed query: every term must occur.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The terms in the order written.
    pub terms: Vec<Term>,
}

impl Query {
    /// Splits a query into words and `"quoted phrases"`; an unclosed quote runs to
    /// the end of the query.
    pub fn parse(query: &str) -> Query {
        let mut terms = Vec::new();
        let mut rest = query;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            if let Some(after_quote) = rest.strip_prefix('"') {
                let end = after_quote.find('"').unwrap_or(after_quote.len());
                let phrase = fold(after_quote[..end].trim());
                if !phrase.is_empty() {
                    terms.push(Term {
                        text: phrase,
                        phrase: true,
                    });
                }
                rest = after_quote.get(end + 1..).unwrap_or("");
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '"')
                    .unwrap_or(rest.len());
                terms.push(Term {
                    text: fold(&rest[..end]),
                    phrase: false,
                });
                rest = &rest[end..];
            }
        }
        Query { terms }
    }

    /// Whether the query has no terms: it matches nothing.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Which items a search may return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only these section kinds are searched (titles are searched when empty).
    pub kinds: Vec<SectionKind>,
    /// Only meetings whose forum contains this (folded).
    pub forum: Option<String>,
    /// Only meetings on or after this date; undated meetings are left out when set.
    pub from: Option<Date>,
    /// Only meetings on or before this date; undated meetings are left out when set.
    pub to: Option<Date>,
}

impl Filters {
    /// Whether a meeting of `forum` on `date` is kept: its forum contains
    /// the one asked for (folded, so `direktionen` finds `Direktionen`) and
    /// its date is within `from`..=`to` (an undated meeting is not, when
    /// either is set). The section kinds play no part.
    pub fn meeting_passes(&self, forum: &str, date: Option<Date>) -> bool {
        let forum_ok = self
            .forum
            .as_ref()
            .is_none_or(|wanted| fold(forum).contains(&fold(wanted)));
        let from_ok = self.from.is_none_or(|from| date.is_some_and(|d| d >= from));
        let to_ok = self.to.is_none_or(|to| date.is_some_and(|d| d <= to));
        forum_ok && from_ok && to_ok
    }

    fn searches(&self, kind: SectionKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// Titles (`None`) are searched unless the search is limited to kinds.
    fn searches_place(&self, kind: Option<SectionKind>) -> bool {
        match kind {
            None => self.kinds.is_empty(),
            Some(kind) => self.searches(kind),
        }
    }
}

/// Where a hit is: the item's title or one of its sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The item's title ([`Item::title`](crate::model::Item::title)).
    Title,
    /// The section at this index of the item's sections
    /// ([`Sections::read`](crate::model::Sections::read)).
    Section(usize),
}

/// One occurrence of a term, as a byte range of the original text at `place`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// The title or section the hit is in.
    pub place: Place,
    /// Byte offset where the hit starts in that place's original text.
    pub start: usize,
    /// Byte offset just past the hit's end in that place's original text.
    pub end: usize,
}

/// An item that matches: where its first hit is (in folded text, mapped to the
/// original only when shown, see [`Match::first_hit`]) and how many hits it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The item that matches.
    pub at: ItemRef,
    /// How many times the terms occur in the searched places.
    pub hits: usize,
    first_place: Place,
    first_folded: (usize, usize),
}

impl Match {
    /// The first hit, mapped back to the original text. Mapping means folding that
    /// one place again, so it is done only for results that are shown.
    pub fn first_hit(&self, corpus: &Corpus) -> Hit {
        let (_, item) = corpus.get(self.at);
        self.first_hit_in(place_text(item, item.sections.read(), self.first_place))
    }

    /// Where the first hit is: the title or a section.
    pub fn first_place(&self) -> Place {
        self.first_place
    }

    /// [`Match::first_hit`], given the original text of its place
    /// ([`Match::first_place`]): for a caller that reads that one section
    /// without keeping it
    /// ([`Sections::section_uncached`](crate::model::Sections::section_uncached)).
    pub fn first_hit_in(&self, original: &str) -> Hit {
        let (start, end) = original_range(original, self.first_folded.0, self.first_folded.1);
        Hit {
            place: self.first_place,
            start,
            end,
        }
    }
}

/// The original text of a place of `item`, whose sections are `sections`.
pub fn place_text<'a>(item: &'a Item, sections: &'a [Section], place: Place) -> &'a str {
    match place {
        Place::Title => &item.title,
        Place::Section(i) => &sections[i].text,
    }
}

/// The folded text of one searchable place.
struct Folded {
    place: Place,
    kind: Option<SectionKind>,
    text: String,
}

/// The folded text of one item's searchable places.
enum FoldedItem {
    /// Folded here, from sections in memory.
    Built(Vec<Folded>),
    /// As the cache stores it ([`crate::folded`]): read afresh for each scan
    /// ([`stored`]).
    Stored(FoldedSpan),
}

impl FoldedItem {
    /// The places of `item`, whose sections are `sections`, folded here:
    /// those `keep` accepts.
    fn built(
        item: &Item,
        sections: &[Section],
        keep: impl Fn(Option<SectionKind>) -> bool,
    ) -> FoldedItem {
        let places = std::iter::once((Place::Title, None, item.title.as_str()))
            .chain(
                sections
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (Place::Section(i), Some(s.kind), s.text.as_str())),
            )
            .filter(|(_, kind, _)| keep(*kind))
            .map(|(place, kind, text)| Folded {
                place,
                kind,
                text: fold(text),
            })
            .collect();
        FoldedItem::Built(places)
    }

    /// Each place of a built item with its kind and folded text, in order
    /// (none for a stored one, which is read to be scanned).
    fn places(&self) -> Vec<PlaceText<'_>> {
        match self {
            FoldedItem::Built(places) => places
                .iter()
                .map(|p| (p.place, p.kind, p.text.as_bytes()))
                .collect(),
            FoldedItem::Stored(_) => Vec::new(),
        }
    }
}

/// Each place of an item's stored folded text with its kind and text, in
/// order; `None` when the text is not in the stored form.
fn stored_places(stored: &[u8]) -> Option<Vec<PlaceText<'_>>> {
    let places = Places::parse(stored)?;
    Some(
        places
            .iter()
            .enumerate()
            .map(|(i, (kind, text))| {
                let place = i.checked_sub(1).map_or(Place::Title, Place::Section);
                (place, kind, text)
            })
            .collect(),
    )
}

/// The folded text of every item, built once per corpus: in memory for
/// items folded here, where the cache keeps it for the others.
pub struct SearchIndex {
    items: Vec<(ItemRef, FoldedItem)>,
    /// The stored items of `items`, by their place there, grouped for reading.
    stored: stored::Runs,
    /// Where each item is in `items`, for [`SearchIndex::hits`].
    at: std::collections::HashMap<ItemRef, usize>,
}

impl SearchIndex {
    /// The folded text of every title and section of `corpus`: where the
    /// cache stores it, else folded here, in parallel.
    pub fn new(corpus: &Corpus) -> SearchIndex {
        let refs: Vec<ItemRef> = corpus.item_refs().collect();
        let items = refs
            .into_par_iter()
            .map(|at| {
                let (_, item) = corpus.get(at);
                let folded = match item.sections.stored_folded() {
                    Some(span) => FoldedItem::Stored(span),
                    None => FoldedItem::built(item, item.sections.read(), |_| true),
                };
                (at, folded)
            })
            .collect();
        SearchIndex::of(items)
    }

    fn of(items: Vec<(ItemRef, FoldedItem)>) -> SearchIndex {
        let at = items
            .iter()
            .enumerate()
            .map(|(i, (r, _))| (*r, i))
            .collect();
        let spans = items
            .iter()
            .enumerate()
            .filter_map(|(i, (_, folded))| match folded {
                FoldedItem::Stored(span) => Some((i, span.clone())),
                FoldedItem::Built(_) => None,
            })
            .collect();
        SearchIndex {
            stored: stored::Runs::new(spans),
            items,
            at,
        }
    }

    /// Every item matching `query` under `filters`, newest meeting first, then in
    /// item order.
    pub fn search(&self, corpus: &Corpus, query: &Query, filters: &Filters) -> Vec<Match> {
        if query.is_empty() {
            return Vec::new();
        }
        let finders = finders(query);
        let passes = |at: ItemRef| {
            let (meeting, _) = corpus.get(at);
            filters.meeting_passes(&meeting.forum, meeting.date)
        };
        let mut found: Vec<Match> = self
            .items
            .par_iter()
            .filter(|(at, folded)| matches!(folded, FoldedItem::Built(_)) && passes(*at))
            .filter_map(|(at, folded)| match_in(*at, &folded.places(), &finders, filters))
            .collect();
        found.extend(self.stored.scan(|i, stored| {
            let at = self.items[i].0;
            if !passes(at) {
                return None;
            }
            match stored.and_then(stored_places) {
                Some(places) => match_in(at, &places, &finders, filters),
                // Damaged in the cache: folded again from the sections.
                None => {
                    let (_, item) = corpus.get(at);
                    let sections = item.sections.read_uncached();
                    let folded = FoldedItem::built(item, &sections, |_| true);
                    match_in(at, &folded.places(), &finders, filters)
                }
            }
        }));
        newest_first(corpus, &mut found);
        found
    }

    /// Every hit in one item, mapped to the original text, in document order: for
    /// moving from hit to hit in the item's text.
    pub fn hits(&self, corpus: &Corpus, at: ItemRef, query: &Query, filters: &Filters) -> Vec<Hit> {
        let (_, item) = corpus.get(at);
        self.hits_in(at, item, item.sections.read(), query, filters)
    }

    /// [`SearchIndex::hits`] of the item at `at`, `item`, with `sections`
    /// as already read (see [`Match::first_hit_in`]).
    pub fn hits_in(
        &self,
        at: ItemRef,
        item: &Item,
        sections: &[Section],
        query: &Query,
        filters: &Filters,
    ) -> Vec<Hit> {
        let Some((_, folded)) = self.at.get(&at).map(|&i| &self.items[i]) else {
            return Vec::new();
        };
        let read;
        let places = match folded {
            FoldedItem::Built(_) => folded.places(),
            FoldedItem::Stored(span) => {
                read = span.read();
                match read.as_deref().and_then(stored_places) {
                    Some(places) => places,
                    // Damaged in the cache: the hits of the sections as read.
                    None => return hits_once(item, sections, query, filters),
                }
            }
        };
        hits_in_places(item, sections, &places, query, filters)
    }
}

/// One searchable place: where it is, its kind (`None` for the title) and
/// its folded text.
type PlaceText<'a> = (Place, Option<SectionKind>, &'a [u8]);

/// The match of the item at `at`, whose places are `places`, when every
/// term (`finders`) occurs in the places `filters` searches.
fn match_in(
    at: ItemRef,
    places: &[PlaceText],
    finders: &[memmem::Finder],
    filters: &Filters,
) -> Option<Match> {
    let searched: Vec<&PlaceText> = places
        .iter()
        .filter(|(_, kind, _)| filters.searches_place(*kind))
        .collect();
    let all_terms = finders
        .iter()
        .all(|f| searched.iter().any(|(_, _, text)| f.find(text).is_some()));
    if !all_terms {
        return None;
    }
    let mut hits = 0;
    let mut first: Option<(Place, usize, usize)> = None;
    for (place, _, text) in searched {
        for finder in finders {
            for start in finder.find_iter(text) {
                hits += 1;
                let candidate = (*place, start, start + finder.needle().len());
                if first.is_none_or(|f| (candidate.0, candidate.1) < (f.0, f.1)) {
                    first = Some(candidate);
                }
            }
        }
    }
    let (first_place, start, end) = first?;
    Some(Match {
        at,
        hits,
        first_place,
        first_folded: (start, end),
    })
}

/// Sorts matches newest first; meetings without a date (last in corpus
/// order) last; within a meeting, in item order.
fn newest_first(corpus: &Corpus, found: &mut [Match]) {
    found.sort_by_key(|m| {
        let undated = corpus.get(m.at).0.date.is_none();
        let (position, item) = corpus.order_key(m.at);
        (undated, std::cmp::Reverse(position), item)
    });
}

/// Every hit in `item` (whose sections are `sections`, whose places folded
/// are `places`), mapped to the original text, in document order.
fn hits_in_places(
    item: &Item,
    sections: &[Section],
    places: &[PlaceText],
    query: &Query,
    filters: &Filters,
) -> Vec<Hit> {
    let finders = finders(query);
    let mut hits = Vec::new();
    for (place, _, text) in places
        .iter()
        .filter(|(_, kind, _)| filters.searches_place(*kind))
    {
        let original = place_text(item, sections, *place);
        let marks = fold_marks(original);
        for finder in &finders {
            for start in finder.find_iter(text) {
                let (s, e) =
                    map_range(&marks, original.len(), start, start + finder.needle().len());
                hits.push(Hit {
                    place: *place,
                    start: s,
                    end: e,
                });
            }
        }
    }
    hits.sort();
    hits.dedup();
    hits
}

fn finders(query: &Query) -> Vec<memmem::Finder<'_>> {
    query
        .terms
        .iter()
        .map(|t| memmem::Finder::new(t.text.as_bytes()))
        .collect()
}

/// One line of context around `text[start..end]`, at most about `width`
/// characters: the line the hit is on, cut at word boundaries with `…`. Returns
/// the snippet and the hit's byte range within it.
pub fn snippet(text: &str, start: usize, end: usize, width: usize) -> (String, usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = &text[line_start..line_end];
    let (hit_start, hit_end) = (start - line_start, end - line_start);
    let before: Vec<(usize, char)> = line[..hit_start].char_indices().collect();
    let hit_chars = line[hit_start..hit_end].chars().count();
    let room = width.saturating_sub(hit_chars);
    // A third of the room before the hit, or more when the line ends soon after it.
    let after_chars = line[hit_end..].chars().count();
    let left_room = (room / 3).max(room.saturating_sub(after_chars));
    // Start a little before the hit, at a word boundary where there is one.
    let mut from = if left_room == 0 {
        hit_start
    } else if before.len() > left_room {
        before[before.len() - left_room].0
    } else {
        0
    };
    if from > 0
        && let Some(space) = line[from..hit_start].find(' ')
    {
        from += space + 1;
    }
    let left_used = line[from..hit_start].chars().count();
    let right_room = room.saturating_sub(left_used);
    let after = &line[hit_end..];
    let mut to = after
        .char_indices()
        .nth(right_room)
        .map_or(line.len(), |(i, _)| hit_end + i);
    if to < line.len()
        && let Some(space) = line[hit_end..to].rfind(' ')
    {
        to = hit_end + space;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let offset = out.len();
    out.push_str(&line[from..to]);
    if to < line.len() {
        out.push('…');
    }
    let out = out.replace('\t', " ");
    (out, offset + hit_start - from, offset + hit_end - from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let text = |forum: &str, date: &str, body: &str| {
            format!(
                "REFERAT {forum} d. {date}\n\nPunkt 1: Drøftelse af rammer for hjemmearbejde\n\n21/5239\n\nBaggrund\n\n{body}\n\nBeslutning\n\nDirektionen godkender med støtte fra Realdania.\n\nPunkt 2: Kvarterhus Gadehavegård\n\n18/15736\n\nSagsfremstilling\n\nUdgiften på 505.000 kr. finansieres af\npuljen til nyt rådhus.\n"
            )
        };
        Corpus::from_texts([
            (
                "a.txt".to_string(),
                text(
                    "Direktionen",
                    "28-06-2021",
                    "Spørgeskema om hjemmearbejdsdage.",
                ),
            ),
            (
                "b.txt".to_string(),
                text("Chefforum", "29-01-2020", "Intet om det."),
            ),
        ])
    }

    #[test]
    fn a_search_run_once_answers_as_the_whole_index() {
        let bundled = Corpus::bundled();
        for corpus in [corpus(), bundled] {
            let whole = SearchIndex::new(&corpus);
            for query in [
                "hjemmearbejde",
                "raadhus",
                "RÅDHUS",
                "\"nyt rådhus\"",
                "505.000",
                "kvarterhus realdania",
                "direktionen",
                "zzqqxx",
                "-",
            ] {
                let query = Query::parse(query);
                for filters in [
                    Filters::default(),
                    Filters {
                        kinds: vec![SectionKind::Decision],
                        ..Filters::default()
                    },
                ] {
                    let want = whole.search(&corpus, &query, &filters);
                    assert_eq!(search_once(&corpus, &query, &filters), want, "{query:?}");
                    for m in &want {
                        let (_, item) = corpus.get(m.at);
                        let sections = item.sections.read();
                        assert_eq!(
                            hits_once(item, sections, &query, &filters),
                            whole.hits(&corpus, m.at, &query, &filters)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_search_run_once_answers_alike_from_the_cache() {
        // Warm, the sections stay in the cache until read: a search run
        // once scans the stored folded text, read rather than mapped.
        let dir = tempfile::tempdir().unwrap();
        let (paths, cache) = cached_minutes(dir.path());
        let (warm, stats) = crate::corpus::Corpus::load_with(&paths, &cache);
        assert_eq!(stats.parsed, 0, "every file from the cache");
        let cold = crate::corpus::Corpus::load(&paths);
        for query in [
            "\"nyt rådhus\"",
            "raadhus taarn",
            "skråstreg",
            "hjemmearbejde",
            "zzqqxx",
        ] {
            let query = Query::parse(query);
            let filters = Filters::default();
            let want = SearchIndex::new(&cold).search(&cold, &query, &filters);
            let loaded = |c: &Corpus| {
                c.item_refs()
                    .filter(|at| c.get(*at).1.sections.is_loaded())
                    .count()
            };
            let read_before = loaded(&warm);
            let got = search_once(&warm, &query, &filters);
            assert_eq!(loaded(&warm), read_before, "the search read no sections");
            let label = |c: &Corpus, ms: &[Match]| -> Vec<(String, u32, usize)> {
                ms.iter()
                    .map(|m| {
                        let (meeting, item) = c.get(m.at);
                        (meeting.source.clone(), item.number, m.hits)
                    })
                    .collect()
            };
            assert_eq!(label(&warm, &got), label(&cold, &want), "{query:?}");
            // Scanned in place, the cache's folded text gives the same
            // hits, mapped to the same places of the original text.
            let whole = SearchIndex::new(&warm);
            assert_eq!(
                label(&warm, &whole.search(&warm, &query, &filters)),
                label(&cold, &want)
            );
            for (got, want) in got.iter().zip(&want) {
                assert_eq!(got.first_hit(&warm), want.first_hit(&cold), "{query:?}");
                assert_eq!(
                    whole.hits(&warm, got.at, &query, &filters),
                    SearchIndex::new(&cold).hits(&cold, want.at, &query, &filters),
                );
            }
        }
        // Only the items whose hits were checked above were read.
        let read = warm
            .item_refs()
            .filter(|at| warm.get(*at).1.sections.is_loaded())
            .count();
        assert!(read > 0);
        assert!(read < warm.item_refs().count() / 2, "{read} items read");
        assert!(
            warm.item_refs()
                .filter(|at| !warm.get(*at).1.sections.is_loaded())
                .all(|at| warm.get(at).1.sections.stored_folded().is_some())
        );
    }

    /// The bundled minutes and one more in a folder in `dir`, loaded once
    /// so that a cache of them is written: the folder and the cache.
    fn cached_minutes(
        dir: &std::path::Path,
    ) -> ([std::path::PathBuf; 1], crate::corpus::CacheMode) {
        let cache = crate::corpus::CacheMode::At(dir.join("cache"));
        let files = dir.join("minutes");
        std::fs::create_dir(&files).unwrap();
        for (name, text) in crate::corpus::BUNDLED {
            let name = std::path::Path::new(name).file_name().unwrap();
            std::fs::write(files.join(name), text).unwrap();
        }
        std::fs::write(
            files.join("extra.txt"),
            "REFERAT Byrådet d. 01-02-2025\n\nPunkt 1: Byggeri\n\n25/1\n\nBaggrund\n\n\
             Et nyt\n\trådhus \"med tårn\" og \\ skråstreg.\n",
        )
        .unwrap();
        let paths = [files];
        crate::corpus::Corpus::load_with(&paths, &cache);
        (paths, cache)
    }

    #[test]
    fn a_damaged_stored_text_is_searched_in_its_sections() {
        let dir = tempfile::tempdir().unwrap();
        let (paths, cache) = cached_minutes(dir.path());
        // Every byte of the cache's folded block changed: each item's text
        // fails its CRC when read.
        let file = dir.path().join("cache");
        let mut bytes = std::fs::read(&file).unwrap();
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
        let (folded_at, folded_len) = (u64_at(36), u64_at(44));
        assert!(folded_len > 0);
        for byte in &mut bytes[folded_at..folded_at + folded_len] {
            *byte ^= 0x20;
        }
        std::fs::write(&file, &bytes).unwrap();
        let (warm, stats) = crate::corpus::Corpus::load_with(&paths, &cache);
        assert_eq!(stats.parsed, 0, "the index is intact");
        let cold = crate::corpus::Corpus::load(&paths);
        let (warm_index, cold_index) = (SearchIndex::new(&warm), SearchIndex::new(&cold));
        for query in ["raadhus taarn", "hjemmearbejde", "direktionen"] {
            let query = Query::parse(query);
            let filters = Filters::default();
            let want = cold_index.search(&cold, &query, &filters);
            assert!(!want.is_empty());
            for got in [
                warm_index.search(&warm, &query, &filters),
                search_once(&warm, &query, &filters),
            ] {
                assert_eq!(titles(&warm, &got), titles(&cold, &want), "{query:?}");
                let (got, want) = (&got[0], &want[0]);
                assert_eq!(got.first_hit(&warm), want.first_hit(&cold));
                assert_eq!(
                    warm_index.hits(&warm, got.at, &query, &filters),
                    cold_index.hits(&cold, want.at, &query, &filters)
                );
            }
        }
        assert!(
            !file.exists(),
            "the damaged cache is removed, to be rebuilt"
        );
    }

    fn titles(corpus: &Corpus, hits: &[Match]) -> Vec<String> {
        hits.iter()
            .map(|h| {
                let (m, i) = corpus.get(h.at);
                format!("{} {}", m.forum, i.number)
            })
            .collect()
    }

    fn search(query: &str, filters: Filters) -> Vec<String> {
        let corpus = corpus();
        let index = SearchIndex::new(&corpus);
        titles(
            &corpus,
            &index.search(&corpus, &Query::parse(query), &filters),
        )
    }

    #[test]
    fn folding_meets_danish_letters_and_their_spellings() {
        assert_eq!(fold("Rådhus ØKONOMI Æble"), "raadhus oekonomi aeble");
        // The same rule as the finder's: accents go.
        assert_eq!(fold("Müller   Café"), "muller cafe");
        assert_eq!(fold("Müller Café"), crate::fold::fold_str("Müller Café"));
        let text = "Hr. Müller på café";
        let at = fold(text).find("cafe").unwrap();
        let (start, end) = original_range(text, at, at + 4);
        assert_eq!(&text[start..end], "café");
        assert_eq!(fold("a \n\t b"), "a b");
        for text in [
            "Ærø Å",
            "İstanbul \u{212A} ß",
            "a\u{a0}\u{2003}b",
            "x\u{b}y",
        ] {
            let mut slow = String::new();
            mapping::fold_into(text, &mut slow, |_, _| {});
            assert_eq!(fold(text), slow, "{text:?}");
        }
        assert_eq!(
            search("raadhus", Filters::default()),
            ["Direktionen 2", "Chefforum 2"]
        );
        assert_eq!(
            search("RÅDHUS", Filters::default()),
            ["Direktionen 2", "Chefforum 2"]
        );
        assert_eq!(search("gadehavegaard", Filters::default()).len(), 2);
        assert_eq!(search("stoette", Filters::default()).len(), 2);
    }

    #[test]
    fn every_word_must_occur_and_results_are_newest_first() {
        assert_eq!(
            search("hjemmearbejdsdage", Filters::default()),
            ["Direktionen 1"]
        );
        assert_eq!(
            search("realdania hjemmearbejde", Filters::default()),
            ["Direktionen 1", "Chefforum 1"]
        );
        assert!(search("realdania kvarterhus", Filters::default()).is_empty());
    }

    #[test]
    fn phrases_match_as_phrases_across_line_breaks() {
        assert_eq!(
            search("\"finansieres af puljen\"", Filters::default()).len(),
            2
        );
        assert!(search("\"puljen af\"", Filters::default()).is_empty());
        assert_eq!(search("\"505.000 kr.\"", Filters::default()).len(), 2);
    }

    #[test]
    fn filters_by_kind_forum_and_dates() {
        let decisions = Filters {
            kinds: vec![SectionKind::Decision],
            ..Filters::default()
        };
        assert_eq!(search("realdania", decisions.clone()).len(), 2);
        assert!(search("hjemmearbejdsdage", decisions).is_empty());
        let forum = Filters {
            forum: Some("chefforum".into()),
            ..Filters::default()
        };
        assert_eq!(search("realdania", forum), ["Chefforum 1"]);
        let dates = Filters {
            from: Date::new(2021, 1, 1),
            to: Date::new(2021, 12, 31),
            ..Filters::default()
        };
        assert_eq!(search("realdania", dates), ["Direktionen 1"]);
    }

    #[test]
    fn hits_map_back_to_the_original_text() {
        let corpus = corpus();
        let index = SearchIndex::new(&corpus);
        let query = Query::parse("raadhus");
        let found = index.search(&corpus, &query, &Filters::default());
        let hit = found[0].first_hit(&corpus);
        let (_, item) = corpus.get(found[0].at);
        let Place::Section(s) = hit.place else {
            panic!("{hit:?}")
        };
        assert_eq!(&item.sections.read()[s].text[hit.start..hit.end], "rådhus");
        let all = index.hits(&corpus, found[0].at, &query, &Filters::default());
        assert_eq!(all.len(), found[0].hits);
        assert_eq!(all[0], hit);
        for h in &all {
            assert_eq!(
                place_text(item, item.sections.read(), h.place)[h.start..h.end].to_lowercase(),
                "rådhus"
            );
        }
    }

    #[test]
    fn newest_first_with_undated_meetings_last() {
        let dated =
            |date: &str| format!("REFERAT Direktionen d. {date}\n\nPunkt 1: Budget\n\n24/1\n");
        let corpus = Corpus::from_texts([
            (
                "undated.txt".to_string(),
                "Punkt 1: Budget\n\n24/1\n".to_string(),
            ),
            ("old.txt".to_string(), dated("01-01-2020")),
            ("new.txt".to_string(), dated("01-01-2025")),
        ]);
        let index = SearchIndex::new(&corpus);
        let sources: Vec<&str> = index
            .search(&corpus, &Query::parse("budget"), &Filters::default())
            .iter()
            .map(|m| corpus.get(m.at).0.source.as_str())
            .collect();
        assert_eq!(sources, ["new.txt", "old.txt", "undated.txt"]);
    }

    #[test]
    fn query_parsing() {
        let q = Query::parse("  budget \"nyt  Rådhus\" økonomi \"open");
        let terms: Vec<(&str, bool)> = q
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.phrase))
            .collect();
        assert_eq!(
            terms,
            [
                ("budget", false),
                ("nyt raadhus", true),
                ("oekonomi", false),
                ("open", true)
            ]
        );
        assert!(Query::parse("  \"\" ").is_empty());
    }

    #[test]
    fn snippets_at_text_boundaries() {
        let text = "Realdania støtter.";
        let (s, a, b) = snippet(text, 0, 9, 40);
        assert_eq!((s.as_str(), &s[a..b]), ("Realdania støtter.", "Realdania"));
        let long = "a ".repeat(100) + "midt " + &"b ".repeat(100);
        let start = long.find("midt").unwrap();
        let (s, a, b) = snippet(&long, start, start + 4, 30);
        assert_eq!(&s[a..b], "midt");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= 32, "{s}");
        let late = "a ".repeat(100) + "sidst";
        let start = late.find("sidst").unwrap();
        let (s, _, _) = snippet(&late, start, start + 5, 40);
        assert_eq!(
            s.chars().count(),
            40,
            "the room before a late hit is used: {s}"
        );
        // No room at all beside the hit: the hit alone, never a panic.
        let midt = long.find("midt").unwrap();
        for width in 0..8 {
            let (s, a, b) = snippet(&long, midt, midt + 4, width);
            assert_eq!(&s[a..b], "midt");
        }
        let end_text = "første linje\nsidste ord";
        let start = end_text.find("ord").unwrap();
        let (s, a, b) = snippet(end_text, start, start + 3, 40);
        assert_eq!((s.as_str(), &s[a..b]), ("sidste ord", "ord"));
    }
}
