//! Search on arbitrary queries and texts: query parsing, folding, mapping folded
//! positions back to the original and cutting snippets, then the search itself
//! on a corpus made from the text.
//!
//! Input layout: two little-endian `u16` offsets and a width byte, then UTF-8 text;
//! the part before the first NUL is the query, the part after it the document
//! (without a NUL both are the whole text).
//!
//! Invariants:
//! - query terms are never empty; words hold no white space;
//! - `fold` lower-cases ASCII, keeps only single spaces as white space;
//! - any substring of a text, folded, is found in the folded text (what makes
//!   search find what is there), and `original_range` maps that find back to a
//!   range of the original, on character boundaries, that covers it;
//! - `original_range` returns valid character boundaries for any offsets;
//! - `snippet` returns the hit itself (tabs shown as spaces) at the offsets it
//!   gives, within the width asked for plus the two ellipses;
//! - a search never panics, and every hit it reports is a range of the text on
//!   character boundaries that cuts a valid snippet. (That `referat search`
//!   prints nothing a terminal would act on is the binary's, tested there.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat_core::Corpus;
use referat_core::search::{Filters, Query, SearchIndex, fold, original_range, place_text, snippet};

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn check_snippet(text: &str, start: usize, end: usize, width: usize) {
    let (s, a, b) = snippet(text, start, end, width);
    assert!(
        a <= b && b <= s.len(),
        "snippet offsets {a}..{b} of {}",
        s.len()
    );
    assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
    assert_eq!(&s[a..b], text[start..end].replace('\t', " "), "snippet hit");
    let hit_chars = text[start..end].chars().count();
    assert!(
        s.chars().count() <= width.max(hit_chars) + 2,
        "snippet of {} chars for width {width}: {s:?}",
        s.chars().count()
    );
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 5 {
        return;
    }
    let x = u16::from_le_bytes([data[0], data[1]]) as usize;
    let y = u16::from_le_bytes([data[2], data[3]]) as usize;
    let width = data[4] as usize;
    let Ok(input) = std::str::from_utf8(&data[5..]) else {
        return;
    };
    let (query, text) = input.split_once('\0').unwrap_or((input, input));

    let parsed = Query::parse(query);
    for term in &parsed.terms {
        assert!(!term.text.is_empty(), "empty term from {query:?}");
        if term.phrase {
            assert!(!term.text.starts_with(' ') && !term.text.ends_with(' '));
        } else {
            assert!(!term.text.contains(char::is_whitespace), "{term:?}");
        }
    }

    let folded = fold(text);
    assert!(
        !folded.bytes().any(|b| b.is_ascii_uppercase()),
        "{folded:?}"
    );
    assert!(!folded.contains("  "), "{folded:?}");
    assert!(!folded.contains(|c: char| c.is_whitespace() && c != ' '));

    // A substring of the text, on character boundaries.
    let (a, b) = (
        floor_boundary(text, x.min(y)),
        floor_boundary(text, x.max(y)),
    );
    let needle = fold(&text[a..b]);
    if !needle.is_empty() {
        let at = folded
            .find(&needle)
            .unwrap_or_else(|| panic!("fold({:?}) not in fold({text:?})", &text[a..b]));
        let (s, e) = original_range(text, at, at + needle.len());
        assert!(s <= e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(
            fold(&text[s..e]).contains(&needle),
            "original_range {s}..{e} = {:?} does not cover {needle:?}",
            &text[s..e]
        );
        check_snippet(text, s, e, width);
    }

    // Arbitrary folded offsets, in any order, past the end.
    let (s, e) = original_range(text, x, y);
    assert!(s <= e && e <= text.len(), "{s}..{e} of {}", text.len());
    assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    check_snippet(text, s, e, width);

    // The search itself, on a corpus made of the text: every hit it reports
    // is a real range of the text it names, and cuts a valid snippet.
    if parsed.is_empty() || text.len() > 4096 {
        return;
    }
    let corpus = Corpus::from_texts([("fuzz.txt".to_string(), text.to_string())]);
    let index = SearchIndex::new(&corpus);
    let filters = Filters::default();
    for found in index.search(&corpus, &parsed, &filters) {
        let (_, item) = corpus.get(found.at);
        for hit in index.hits(&corpus, found.at, &parsed, &filters) {
            let place = place_text(item, hit.place);
            assert!(hit.start <= hit.end && hit.end <= place.len(), "{hit:?} of {}", place.len());
            assert!(place.is_char_boundary(hit.start) && place.is_char_boundary(hit.end));
            check_snippet(place, hit.start, hit.end, width);
        }
    }
});
