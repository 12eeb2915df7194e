//! A search run once, as the command line runs it: nothing is kept for a
//! next query, so nothing is built for one.
//!
//! [`SearchIndex::new`] folds every item the cache does not hold folded, for
//! the browser, which searches again at every keystroke. Run once, a search
//! folds only the items whose text may hold every word, and reads the
//! sections of those it shows alone, without keeping them.

use rayon::prelude::*;

use super::{Filters, FoldedItem, Hit, Match, Query, SearchIndex, hits_in_places};
use crate::corpus::{Corpus, ItemRef};
use crate::model::{Item, Section};
use crate::prefilter::WordNeedle;

/// Every item matching `query` under `filters`, in the order and with the
/// hits [`SearchIndex::search`] gives on the whole corpus. An item the cache
/// holds folded is scanned in that copy, as the index scans it; any other
/// item is folded here, unless its text cannot hold every word
/// ([`WordNeedle`], on the unfolded text — stored sections tested on their
/// stored JSON, and parsed only when they may match).
pub fn search_once(corpus: &Corpus, query: &Query, filters: &Filters) -> Vec<Match> {
    if query.is_empty() {
        return Vec::new();
    }
    let needles: Option<Vec<WordNeedle>> = query
        .terms
        .iter()
        .map(|t| WordNeedle::new(&t.text))
        .collect();
    let refs: Vec<ItemRef> = corpus
        .item_refs()
        .filter(|at| {
            let (meeting, _) = corpus.get(*at);
            filters.meeting_passes(&meeting.forum, meeting.date)
        })
        .collect();
    let items: Vec<(ItemRef, FoldedItem)> = refs
        .into_par_iter()
        .filter_map(|at| {
            let (_, item) = corpus.get(at);
            if let Some(span) = item.sections.stored_folded() {
                return Some((at, FoldedItem::Stored(span)));
            }
            if let (Some(needles), Some(json)) = (&needles, item.sections.stored_json()) {
                let title = item.title.as_bytes();
                let may = needles
                    .iter()
                    .all(|n| n.may_occur(title) || n.may_occur_in_json(&json));
                if !may {
                    return None;
                }
            }
            let sections = item.sections.read_uncached();
            let searched: Vec<&str> = std::iter::once((None, item.title.as_str()))
                .chain(sections.iter().map(|s| (Some(s.kind), s.text.as_str())))
                .filter(|(kind, _)| filters.searches_place(*kind))
                .map(|(_, text)| text)
                .collect();
            // A word without a letter or digit has no needle: fold them all.
            let may_match = needles.as_ref().is_none_or(|needles| {
                needles
                    .iter()
                    .all(|n| searched.iter().any(|text| n.may_occur(text.as_bytes())))
            });
            may_match.then(|| {
                let keep = |kind| filters.searches_place(kind);
                (at, FoldedItem::built(item, &sections, keep))
            })
        })
        .collect();
    SearchIndex::of(items).search(corpus, query, filters)
}

/// Every hit of `query` in `item`, whose sections are `sections`, mapped to
/// the original text in document order, as
/// [`SearchIndex::hits`] gives them: from the
/// sections folded here, kept by no index.
pub fn hits_once(item: &Item, sections: &[Section], query: &Query, filters: &Filters) -> Vec<Hit> {
    let folded = FoldedItem::built(item, sections, |kind| filters.searches_place(kind));
    hits_in_places(item, sections, &folded.places(), query, filters)
}
