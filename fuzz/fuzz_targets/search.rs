//! Search on arbitrary queries and texts: query parsing, folding, mapping folded
//! positions back to the original and cutting snippets, then `referat search`
//! itself on a corpus made from the text.
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
//! - `referat search` never panics and prints nothing a terminal would act on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::Corpus;
use referat::commands;
use referat::sanitize::is_unsafe;
use referat::search::{Filters, Query, fold, original_range, snippet};

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

    // The command itself, on a corpus made of the text.
    if parsed.is_empty() || text.len() > 4096 {
        return;
    }
    let corpus = Corpus::from_texts([("fuzz.txt".to_string(), text.to_string())]);
    for json in [false, true] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        commands::search(
            &corpus,
            query,
            &Filters::default(),
            json,
            false,
            &mut out,
            &mut err,
        )
        .expect("writing to memory");
        let out = String::from_utf8(out).expect("UTF-8 output");
        let err = String::from_utf8(err).expect("UTF-8 errors");
        // The query is the user's own; in JSON it is echoed as given.
        let own_query = json && query.contains(|c: char| is_unsafe(c) && c != '\n');
        if !own_query && let Some(c) = out.chars().find(|&c| c != '\n' && is_unsafe(c)) {
            panic!("search (json: {json}) printed {c:?}: {out:?}");
        }
        assert!(!err.chars().any(|c| c != '\n' && is_unsafe(c)), "{err:?}");
    }
});
