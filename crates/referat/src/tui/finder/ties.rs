//! Equal scores in the reader's order: newest meeting first, then by item.
//!
//! nucleo sorts its matches by score and breaks ties by haystack length, then
//! by the order items were pushed. Neither means anything to a reader: two
//! items that match `kvarter` equally well came out 2019, 2009, 2017 because
//! their case numbers differ in length, and while minutes stream in, the push
//! order is the order files were read. nucleo does not expose its scores, so
//! the first matches (the rows the reader can see, and the results a jump
//! steps through) are scored again here and put in order. Each run of equal
//! scores that reaches into that prefix is ordered whole, up to [`RUN_LIMIT`]
//! matches past it, so the prefix is always a reordering of nucleo's first
//! matches and nothing is listed twice.

use nucleo::pattern::MultiPattern;
use nucleo::{Matcher, Snapshot};

use referat_core::corpus::{Corpus, ItemRef};

/// How far past the wanted prefix a run of equal scores is followed. A query
/// that matches a million items equally well (one letter) stays as nucleo
/// has it beyond this: what is on screen is still in order.
pub const RUN_LIMIT: usize = 4_096;

/// The first matches of one snapshot in the reader's order: positions into
/// the snapshot's matches.
#[derive(Debug, Default, Clone)]
pub struct Order {
    /// Which snapshot this was made from ([`super::Finder`] counts them).
    pub generation: u64,
    /// The prefix, as positions into the snapshot's matches.
    pub positions: Vec<u32>,
}

/// Orders at least the first `want` matches of `snapshot` (fewer when fewer
/// match). With an empty pattern every item ties; nucleo's order, which is
/// the order the finder was fed (newest first), is kept.
pub fn order(
    snapshot: &Snapshot<ItemRef>,
    matcher: &mut Matcher,
    corpus: &Corpus,
    want: usize,
    generation: u64,
) -> Order {
    let pattern: &MultiPattern = snapshot.pattern();
    let matched = snapshot.matched_item_count() as usize;
    if pattern.column_pattern(0).atoms.is_empty() {
        return Order {
            generation,
            positions: Vec::new(),
        };
    }
    let want = want.min(matched);
    let mut scored: Vec<(u32, u32, ItemRef)> = Vec::with_capacity(want);
    let limit = matched.min(want.saturating_add(RUN_LIMIT));
    for (n, item) in snapshot.matched_items(0..limit as u32).enumerate() {
        let score = pattern.score(item.matcher_columns, matcher).unwrap_or(0);
        if n >= want && scored.last().is_some_and(|&(last, _, _)| last != score) {
            break;
        }
        scored.push((score, n as u32, *item.data));
    }
    // Newest meeting first: the highest date position; meetings no longer
    // loaded last. Then the item's place in its meeting.
    let newest = |at: ItemRef| std::cmp::Reverse(corpus.position(at.meeting).map_or(0, |p| p + 1));
    scored.sort_by_key(|&(score, _, at)| (std::cmp::Reverse(score), newest(at), at.item));
    Order {
        generation,
        positions: scored.into_iter().map(|(_, n, _)| n).collect(),
    }
}
