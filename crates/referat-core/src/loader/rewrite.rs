//! Lines rewritten before the headings are read, so the rest of the loader has
//! one item form to read: portals that print an item's number and title on
//! two lines (or the title, then `Sag nr. N`) get a `Punkt N: title` line, and a
//! table-of-contents word run into the first heading is split off. Each pass
//! runs only in the documents whose first pass saw its form.

use std::borrow::Cow;

use super::{SourceLine, casenum, headings, strip_prefix_fold, toc};

/// Web portals print an item as its number on a line of its own, the title on the
/// next, then the case number or the first section heading:
///
/// ```text
/// 2
/// Udviklingsplan Aarhus Ø - endelig vedtagelse
///
/// EMN-2025-009242
/// ```
///
/// Such pairs are rewritten into the `Punkt N: title` form, so the rest of the
/// loader has one item form to read. Only used when a document has no `Punkt`
/// headings at all; numbers must follow on from one another, which keeps counters
/// and page numbers out.
pub fn numbered_title_headings(lines: &mut [SourceLine<'_>]) {
    let mut expected: Option<u32> = None;
    for i in 0..lines.len().saturating_sub(2) {
        // A bare number opens with a digit: only such lines can be one.
        if !lines[i].may_head {
            continue;
        }
        let Ok(number) = lines[i].text.trim().parse::<u32>() else {
            continue;
        };
        if expected.is_some_and(|e| e != number) || number > 9999 {
            continue;
        }
        let title = lines[i + 1].text.trim();
        if title.is_empty()
            || title.parse::<u32>().is_ok()
            || casenum::case_numbers_in_line(title).is_some()
        {
            continue;
        }
        let Some(next) = lines[i + 2..].iter().find(|l| !l.text.is_empty()) else {
            continue;
        };
        let announces_item = casenum::case_numbers_in_line(&next.text).is_some()
            || headings::section_heading(&next.text).is_some();
        if !announces_item {
            continue;
        }
        lines[i].text = Cow::Owned(format!("Punkt {number}: {title}"));
        lines[i + 1].text = Cow::Borrowed("");
        expected = Some(number + 1);
    }
}

/// `Indholdsfortegnelse1. Fraværende` is two lines run together: the table of
/// contents' word, then the first heading.
pub fn unglue_toc_words(lines: Vec<SourceLine<'_>>) -> Vec<SourceLine<'_>> {
    let mut out = Vec::with_capacity(lines.len() + 1);
    for line in lines {
        match toc::glued_heading(&line.text) {
            Some((word, rest)) => {
                let (word, rest) = (word.to_string(), rest.to_string());
                out.push(SourceLine {
                    text: Cow::Owned(word),
                    may_head: false,
                    ..line
                });
                out.push(SourceLine::with_text(line.number, Cow::Owned(rest)));
            }
            None => out.push(line),
        }
    }
    out
}

/// Some portals print an item as its title, then `Sag nr. 42` (the item's
/// number) on the next line. The two are rewritten into the `Punkt N: title`
/// form, as [`numbered_title_headings`] does for portals that print the number
/// first, so the rest of the loader has one item form to read.
pub fn sag_nr_headings(lines: &mut [SourceLine<'_>]) {
    for i in 1..lines.len() {
        let Some(number) = is_sag_nr(&lines[i].text) else {
            continue;
        };
        let title = lines[i - 1].text.trim();
        if title.is_empty()
            || headings::HEADING_SCHEMES
                .iter()
                .any(|s| (s.recognise)(title).is_some())
            || headings::section_heading(title).is_some()
            || casenum::case_line(title).is_some()
        {
            continue;
        }
        let heading = SourceLine::with_text(
            lines[i - 1].number,
            Cow::Owned(format!("Punkt {number}: {title}")),
        );
        lines[i - 1] = heading;
        lines[i].text = Cow::Borrowed("");
    }
}

/// `Sag nr. 42` → 42: an item's number on the line under its title.
pub fn is_sag_nr(text: &str) -> Option<u32> {
    let text = text.trim_start();
    if !matches!(text.as_bytes().first(), Some(b'S' | b's')) {
        return None;
    }
    strip_prefix_fold(text.trim_end(), "sag nr.")
        .map(str::trim)
        .filter(|n| (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u32>().ok())
}
