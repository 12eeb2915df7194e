//! The table of contents (`Indholdsfortegnelse`) and how its entries are matched to
//! items.
//!
//! Entries come as `title.....<tab>page`, as markdown table rows (already turned
//! into `title.....<tab>page` by cleaning), with the page at the far end of the line
//! after spaces, or with all page numbers in a block of their own after the titles
//! (PDF text extraction). Long titles may wrap onto a following line.

use crate::model::{Item, TocEntry};

/// One non-blank cleaned line of the table of contents.
pub struct TocLine<'a> {
    /// The line as it stands, leader dots and page number included; [`parse`]
    /// splits them off.
    pub text: &'a str,
}

/// The words that open a table of contents, lower case.
const TOC_WORDS: [&str; 5] = [
    "indholdsfortegnelse",
    "indhold",
    "dagsordenpunkter",
    "dagsorden",
    "punkter",
];

/// Whether a line opens the table of contents.
pub fn is_toc_heading(text: &str) -> bool {
    let text = text.trim().trim_end_matches(':');
    TOC_WORDS.iter().any(|w| text.eq_ignore_ascii_case(w))
}

/// A table-of-contents word with the first entry or item glued to it, as some
/// portals print it (`Indholdsfortegnelse1. Fraværende`): the word, and the
/// rest, which is a line of its own.
pub fn glued_heading(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    // The words are ASCII: compared as bytes, as this runs on every line, and
    // most lines differ in the first.
    if !matches!(
        text.as_bytes().first(),
        Some(b'I' | b'i' | b'D' | b'd' | b'P' | b'p')
    ) {
        return None;
    }
    TOC_WORDS.iter().find_map(|w| {
        // The digit after the word is the rarer half: tested first.
        if !text.as_bytes().get(w.len()).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let rest = text.get(w.len()..)?;
        (text.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && rest.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| (&text[..w.len()], rest))
    })
}

/// Whether a line has the marks of a TOC entry: a dotted leader or a page number
/// set off at its end.
pub fn looks_like_entry(text: &str) -> bool {
    text.contains("..") || split_page(text.trim()).1.is_some()
}

/// Parses table-of-contents lines into entries.
pub fn parse(lines: &[TocLine<'_>]) -> Vec<TocEntry> {
    let mut entries: Vec<TocEntry> = Vec::new();
    // Page numbers standing alone, to hand out to entries without one, in order.
    let mut loose_pages: Vec<u32> = Vec::new();
    let mut open_wrap = false;
    for line in lines {
        let text = line.text.trim();
        if let Ok(page) = text.parse::<u32>() {
            loose_pages.push(page);
            continue;
        }
        let (title_part, page) = split_page(text);
        let has_leader = title_part.trim_end().ends_with("..");
        let title = strip_leader(title_part);
        // An entry written like the heading (`Punkt 1: Øvrige sager`) names the title.
        let title = match super::headings::item_heading(&title) {
            Some(heading) if !heading.title.is_empty() => heading.title.to_string(),
            _ => title,
        };
        if title.is_empty() {
            continue;
        }
        let continues = open_wrap && title.chars().next().is_some_and(char::is_lowercase);
        if continues {
            let last = entries.last_mut().expect("open_wrap implies an entry");
            last.title.push(' ');
            last.title.push_str(&title);
            if last.page.is_none() {
                last.page = page;
            }
        } else {
            entries.push(TocEntry { title, page });
        }
        open_wrap = page.is_none() && !has_leader;
    }
    let mut pages = loose_pages.into_iter();
    for entry in entries.iter_mut().filter(|e| e.page.is_none()) {
        entry.page = pages.next();
    }
    entries
}

/// Splits a trailing page number off a TOC line: after a tab, after a dotted
/// leader, or after a run of spaces.
fn split_page(text: &str) -> (&str, Option<u32>) {
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || digits == text.len() {
        return (text, None);
    }
    let (head, number) = text.split_at(text.len() - digits);
    let separated = head.ends_with('\t')
        || head.ends_with("..")
        || head.ends_with("  ")
        || head.ends_with(". ");
    match number.parse() {
        Ok(page) if separated => (head, Some(page)),
        _ => (text, None),
    }
}

/// Removes the dotted leader and surrounding white space from a title. A title's own
/// full stop merges with the leader (`CF - Evt.....`), so one stop is kept when the
/// title ends in an abbreviation-like word.
fn strip_leader(text: &str) -> String {
    let text = text.trim_end_matches(['\t', ' ']);
    let without = text.trim_end_matches(['.', '…', ' ', '\t']);
    let dots = text.len() - without.len();
    if dots == 0 {
        return text.to_string();
    }
    without.trim().to_string()
}

/// Folds a title for comparison: lower case, without trailing dots, white space
/// folded.
pub fn fold_title(title: &str) -> String {
    without_closed_marker(title)
        .trim_end_matches(['.', ' ', '…'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `Lukket: Køb af …` → `Køb af …`: the item keeps the marker as its closed flag.
fn without_closed_marker(title: &str) -> &str {
    match super::items::closed_marker(title) {
        Some(real) if !real.is_empty() => real,
        _ => title.trim(),
    }
}

/// Letters and digits only, lower case: two renditions of one title that differ
/// only in hyphens and spacing (a PDF extraction joining a wrapped heading) fold
/// to the same string.
fn letters_only(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a TOC title and an item title name the same item. Wrapped or cut-off
/// TOC titles match a prefix.
pub fn titles_match(toc: &str, item: &str) -> bool {
    folded_titles_match(&fold_title(toc), &fold_title(item))
}

/// [`titles_match`] on titles already folded with [`fold_title`].
fn folded_titles_match(a: &str, b: &str) -> bool {
    !a.is_empty() && (a == b || b.starts_with(a) || a.starts_with(b) && !b.is_empty())
}

/// A TOC entry stands on one line, so where it and the item heading differ only in
/// hyphens and spacing (`2030-fremskrivning` against a heading that was wrapped and
/// joined as `2030fremskrivning` or `2030- fremskrivning`), the entry's rendition is
/// the better one. A difference in a final full stop alone is the leader's doing and
/// keeps the heading's.
fn prefer_toc_rendition(entry: &TocEntry, item: &mut Item) {
    let toc_title = without_closed_marker(&entry.title);
    if toc_title.trim_end_matches('.') != item.title.trim_end_matches('.')
        && letters_only(toc_title) == letters_only(&item.title)
        && !letters_only(toc_title).is_empty()
    {
        item.title = toc_title.to_string();
    }
}

/// Gives each item its TOC page and returns the entries that did not match.
///
/// Entries follow item order. When there are as many entries as items they are
/// paired by position (a typo in either title must not lose the page); otherwise
/// each item takes the next entry whose title matches.
pub fn assign_pages(toc: &[TocEntry], items: &mut [Item]) -> Vec<(usize, usize)> {
    let mut mismatches = Vec::new();
    if toc.len() == items.len() {
        for (i, (entry, item)) in toc.iter().zip(items.iter_mut()).enumerate() {
            item.toc_page = entry.page;
            prefer_toc_rendition(entry, item);
            if !titles_match(&entry.title, &item.title) {
                mismatches.push((i, i));
            }
        }
        return mismatches;
    }
    // Entries follow item order, so each item looks a bounded way ahead: a missing
    // or extra entry is skipped, and the matching stays linear in the document.
    const LOOKAHEAD: usize = 64;
    let folded: Vec<String> = toc.iter().map(|e| fold_title(&e.title)).collect();
    let mut next = 0;
    for item in items.iter_mut() {
        let item_title = fold_title(&item.title);
        let window = &folded[next.min(toc.len())..(next + LOOKAHEAD).min(toc.len())];
        if let Some(offset) = window
            .iter()
            .position(|entry| folded_titles_match(entry, &item_title))
        {
            item.toc_page = toc[next + offset].page;
            prefer_toc_rendition(&toc[next + offset], item);
            next += offset + 1;
        }
    }
    mismatches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toc(text: &str) -> Vec<TocEntry> {
        let lines: Vec<TocLine> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|t| TocLine { text: t })
            .collect();
        parse(&lines)
    }

    fn entry(title: &str, page: u32) -> TocEntry {
        TocEntry {
            title: title.into(),
            page: Some(page),
        }
    }

    #[test]
    fn dotted_leader_and_tab() {
        assert_eq!(
            toc("Øvrige sager.....\t3\nStatus – august 2025.\t4\nCF - Evt.....\t15"),
            vec![
                entry("Øvrige sager", 3),
                entry("Status – august 2025", 4),
                entry("CF - Evt", 15)
            ]
        );
    }

    #[test]
    fn markdown_table_rows_after_cleaning() {
        assert_eq!(
            toc("Økonomiopfølgning 02-11-2015.....\t3\nLukket.....\t19"),
            vec![
                entry("Økonomiopfølgning 02-11-2015", 3),
                entry("Lukket", 19)
            ]
        );
    }

    #[test]
    fn page_numbers_in_a_block_of_their_own() {
        assert_eq!(
            toc("Godkendelse af dagsorden..........\nBro mellem Dokk1 og Balticagade.....\n3\n4"),
            vec![
                entry("Godkendelse af dagsorden", 3),
                entry("Bro mellem Dokk1 og Balticagade", 4)
            ]
        );
    }

    #[test]
    fn page_at_the_far_end_after_spaces() {
        assert_eq!(
            toc("Godkendelse af dagsorden ........................      3"),
            vec![entry("Godkendelse af dagsorden", 3)]
        );
    }

    #[test]
    fn wrapped_titles_are_joined() {
        assert_eq!(
            toc("Svar på forslag om at sikre\nhavnens fremtid.....\t4"),
            vec![entry("Svar på forslag om at sikre havnens fremtid", 4)]
        );
    }

    #[test]
    fn toc_rendition_repairs_a_joined_heading() {
        let mut item = Item {
            number: 7,
            title: "Orientering om ny 2030fremskrivning".into(),
            case_numbers: vec![],
            closed: false,
            toc_page: None,
            line: 1,
            sections: Default::default(),
            history: vec![],
            mentions: Vec::new(),
        };
        let entry = entry("Orientering om ny 2030-fremskrivning", 14);
        assign_pages(
            std::slice::from_ref(&entry),
            std::slice::from_mut(&mut item),
        );
        assert_eq!(item.title, "Orientering om ny 2030-fremskrivning");
        item.title = "CF - Evt.".into();
        prefer_toc_rendition(
            &super::TocEntry {
                title: "CF - Evt".into(),
                page: None,
            },
            &mut item,
        );
        assert_eq!(item.title, "CF - Evt.");
    }

    #[test]
    fn a_glued_first_entry_is_split_off() {
        assert_eq!(
            glued_heading("Indholdsfortegnelse1. Fraværende"),
            Some(("Indholdsfortegnelse", "1. Fraværende"))
        );
        assert_eq!(glued_heading("Indholdsfortegnelse"), None);
        assert_eq!(glued_heading("Indhold: 3 sager"), None);
    }

    #[test]
    fn titles_match_loosely() {
        assert!(titles_match("Lukket: Køb af jord", "Køb af jord"));
        assert!(titles_match("CF - Evt", "CF - Evt."));
        assert!(titles_match(
            "Lokalplan 1221 med ti",
            "Lokalplan 1221 med tillæg"
        ));
        assert!(!titles_match(
            "Økonomiopfølgning 02-11-2015",
            "Økonomifølging 02-11-2015"
        ));
    }
}
