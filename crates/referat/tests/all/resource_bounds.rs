//! Pathological inputs through the real pure loader (`decode` + `loader::parse`)
//! finish, and what they give is right and in proportion to what went in: nothing
//! is lost, nothing is copied over and over.
//!
//! No test here asserts a time. Sizes are chosen so each case stays well under a
//! few seconds in a debug build; where the size a case calls for was too slow in
//! debug it is reduced here and the full size runs in `#[ignore]`d tests and in
//! `benches/bounds.rs` (release, with time per MB and peak memory), whose figures
//! are in `docs/LIMITS.md`. Cases that once exposed super-linear behaviour in the
//! loader run at a size that would show it again.

use std::fmt::Write as _;

use referat::{Meeting, SectionKind};
use referat_core::decode;
use referat_core::loader::{self, Severity};

/// Title, one item with a case number: the body of item 1 follows.
const HEAD: &str = "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: Sag\n\n24/1\n\n";

/// Decodes the bytes and parses them as a file would be.
fn load(bytes: &[u8]) -> (Meeting, Vec<loader::Diagnostic>) {
    let decoded = decode::decode(bytes);
    let parsed = loader::parse(&decoded.text, "bounds.txt");
    let meeting = parsed.meeting.unwrap_or_else(|| {
        panic!(
            "no meeting: {:?}",
            parsed.diagnostics.iter().take(3).collect::<Vec<_>>()
        )
    });
    (meeting, parsed.diagnostics)
}

/// Every byte of text the model holds.
fn model_bytes(m: &Meeting) -> usize {
    m.forum.len()
        + m.participants.iter().map(String::len).sum::<usize>()
        + m.toc.iter().map(|e| e.title.len()).sum::<usize>()
        + m.items
            .iter()
            .map(|i| {
                i.title.len()
                    + i.case_numbers.iter().map(String::len).sum::<usize>()
                    + i.sections
                        .read()
                        .iter()
                        .map(|s| s.heading.len() + s.text.len())
                        .sum::<usize>()
                    + i.history.iter().map(|h| h.text.len()).sum::<usize>()
            })
            .sum::<usize>()
}

/// The model never holds more text than the input had: cleaning only removes.
fn assert_in_proportion(m: &Meeting, input: usize) {
    let held = model_bytes(m);
    assert!(
        held <= input,
        "model holds {held} bytes of a {input}-byte input"
    );
}

#[test]
fn ten_megabyte_single_line() {
    let unit = "Direktionen **godkender** <b>budget</b> for Ã¸konomi    og  plan &amp; ";
    let count = 10_000_000 / unit.len();
    let text = HEAD.to_string() + &unit.repeat(count);
    let (m, diagnostics) = load(text.as_bytes());
    assert_eq!(m.items.len(), 1);
    let sections = m.items[0].sections.read();
    assert_eq!(sections.len(), 1);
    let body = &sections[0].text;
    assert!(!body.contains('\n'), "one line stays one line");
    let clean_unit = "Direktionen godkender budget for økonomi\tog plan & ";
    assert_eq!(
        body.len(),
        clean_unit.len() * count - 1,
        "trailing space trimmed"
    );
    assert!(body.starts_with(clean_unit));
    assert_eq!(body.matches(clean_unit.trim_end()).count(), count);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message == format!("repaired {count} mojibake sequences")),
        "{diagnostics:?}"
    );
    assert_in_proportion(&m, text.len());
}

/// Item headings carry at most five digits (no minutes have 100 000 items), so
/// of `Punkt 1` … `Punkt N` the first 99 999 are items and the rest are the text
/// of the last one, not lost.
fn punkt_headings(n: usize) {
    let mut text = String::from("REFERAT Direktionen d. 25-08-2025\n\n");
    for i in 1..=n {
        writeln!(text, "Punkt {i}: x").unwrap();
    }
    let (m, diagnostics) = load(text.as_bytes());
    let items = n.min(99_999);
    assert_eq!(m.items.len(), items);
    assert!(
        m.items[..items - 1]
            .iter()
            .enumerate()
            .all(|(i, item)| item.number as usize == i + 1 && item.title == "x")
    );
    // The last item is 99 999; the longer headings after it are its text (the
    // first few, with no blank line between, continue its title).
    let last = m.items.last().unwrap();
    assert_eq!(last.number as usize, items);
    let held = last.title.matches("Punkt ").count()
        + last
            .sections
            .read()
            .iter()
            .map(|s| s.text.matches("Punkt ").count())
            .sum::<usize>();
    assert_eq!(held, n - items, "every later heading kept as text");
    // No item has a case number: one warning says so, not one per item.
    let warnings: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "{:?}",
        &warnings[..warnings.len().min(3)]
    );
    assert!(warnings[0].message.starts_with("no item has a case number"));
    assert_in_proportion(&m, text.len());
}

#[test]
fn two_hundred_thousand_item_headings() {
    punkt_headings(200_000);
}

#[test]
#[ignore = "1M lines: about 17 s in a debug build"]
fn a_million_item_headings() {
    punkt_headings(1_000_000);
}

fn beslutning_lines(n: usize) {
    let text = HEAD.to_string() + &"Beslutning\n".repeat(n);
    let (m, _) = load(text.as_bytes());
    assert_eq!(m.items.len(), 1);
    let sections = m.items[0].sections.read();
    assert_eq!(sections.len(), n);
    assert!(
        sections
            .iter()
            .all(|s| s.kind == SectionKind::Decision && s.text.is_empty())
    );
    assert!(sections.windows(2).all(|w| w[1].line == w[0].line + 1));
    assert_in_proportion(&m, text.len());
}

#[test]
fn three_hundred_thousand_beslutning_lines() {
    beslutning_lines(300_000);
}

#[test]
#[ignore = "1M lines: about 12 s in a debug build"]
fn a_million_beslutning_lines() {
    beslutning_lines(1_000_000);
}

#[test]
fn hundred_thousand_table_rows() {
    let mut text = HEAD.to_string() + "| Aktivitet | Ansvarlig | Side |\n|--|--|--|\n";
    for i in 0..100_000 {
        writeln!(text, "| Aktivitet {i} | Ansvarlig | {} |", i % 100).unwrap();
    }
    let (m, _) = load(text.as_bytes());
    let body = &m.items[0].sections.read()[0].text;
    let rows: Vec<&str> = body.lines().collect();
    assert_eq!(
        rows.len(),
        100_001,
        "header row and every data row; no rule"
    );
    assert_eq!(rows[0], "Aktivitet\tAnsvarlig\tSide");
    assert_eq!(rows[1], "Aktivitet 0\tAnsvarlig\t0");
    assert_eq!(rows[100_000], "Aktivitet 99999\tAnsvarlig\t99");
    assert_in_proportion(&m, text.len());
}

/// `<` that opens no tag is prose (`a < b`) and is kept, however many there are.
fn lt_run(n: usize, closed: bool) {
    let text = HEAD.to_string() + &"<".repeat(n) + if closed { ">" } else { "" };
    let (m, _) = load(text.as_bytes());
    let body = &m.items[0].sections.read()[0].text;
    assert_eq!(body.len(), n + usize::from(closed));
    assert!(body.bytes().take(n).all(|b| b == b'<'));
}

#[test]
fn a_megabyte_of_angle_brackets_on_one_line() {
    // Each `<` used to search the rest of the line for a `>` (fixed in b0070d5).
    lt_run(1 << 20, false);
    lt_run(1 << 20, true);
    // The same bytes as many short lines.
    let text = HEAD.to_string() + &("<".repeat(63) + "\n").repeat(16 << 10);
    let (m, _) = load(text.as_bytes());
    let body = &m.items[0].sections.read()[0].text;
    assert_eq!(body.lines().count(), 16 << 10);
    assert!(body.lines().all(|l| l == "<".repeat(63)));
}

#[test]
fn runs_of_mojibake_leads() {
    // A lone `Ã` before anything but a lower-case letter or a continuation
    // symbol is left alone: a megabyte of them is kept as it is.
    let n = 500_000;
    let text = HEAD.to_string() + &"Ã".repeat(n);
    let (m, diagnostics) = load(text.as_bytes());
    assert_eq!(m.items[0].sections.read()[0].text, "Ã".repeat(n));
    assert!(!diagnostics.iter().any(|d| d.message.contains("mojibake")));

    // Every pair repaired: `Ã¸` → ø and a lone `Ã` before a letter → æ.
    let text = HEAD.to_string() + &"Ã¸Ãa".repeat(n / 4);
    let (m, diagnostics) = load(text.as_bytes());
    assert_eq!(m.items[0].sections.read()[0].text, "øæa".repeat(n / 4));
    let repaired = format!("repaired {} mojibake sequences", n / 2);
    assert!(diagnostics.iter().any(|d| d.message == repaired));
    assert_in_proportion(&m, text.len());

    // Windows-1252 bytes that decode to `Ã` runs: the same through `decode`.
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(0xC3u8, n));
    let (m, _) = load(&bytes);
    assert_eq!(m.items[0].sections.read()[0].text, "Ã".repeat(n));
}

#[test]
fn a_megabyte_of_tabs() {
    // A line of nothing but tabs is a blank line, however long.
    let n = 1 << 20;
    let text = HEAD.to_string() + &"\t".repeat(n) + "\nBaggrund\n\nTekst.\n";
    let (m, _) = load(text.as_bytes());
    assert_eq!(m.items.len(), 1);
    let sections = m.items[0].sections.read();
    assert_eq!(sections.len(), 1, "{sections:?}");
    assert_eq!(sections[0].text, "Tekst.");

    // Tabs before a cell are kept (an empty first cell), a row per line.
    let text = HEAD.to_string() + "Baggrund\n" + &"\t\tx\n".repeat(n / 4);
    let (m, _) = load(text.as_bytes());
    let body = &m.items[0].sections.read()[0].text;
    assert_eq!(body.lines().count(), n / 4);
    assert!(body.lines().all(|l| l == "\t\tx"));
    assert_in_proportion(&m, text.len());
}

/// Lines that read as one paragraph a PDF extraction wrapped are joined.
fn wrapped_lines(n: usize) {
    let text = HEAD.to_string() + "Baggrund\n\n" + &"og mere\n".repeat(n);
    let (m, _) = load(text.as_bytes());
    let body = &m.items[0].sections.read()[0].text;
    assert!(!body.contains('\n'), "one paragraph");
    assert_eq!(body.len(), "og mere".len() * n + n - 1);
}

#[test]
fn wrapped_lines_are_joined_into_one_paragraph() {
    wrapped_lines(2_000);
}

/// Each joined line used to rescan the whole paragraph it joined: quadratic
/// (64k lines took 8 s in release, 250k 85 s in debug; fixed in abb7994).
#[test]
fn a_quarter_million_wrapped_lines() {
    wrapped_lines(250_000);
}

/// A table of contents whose entries match no item: every item is looked for in
/// the rest of the table.
fn toc_mismatch(n: usize) {
    let mut text = String::from("REFERAT Direktionen d. 25-08-2025\n\nIndholdsfortegnelse\n\n");
    for i in 0..n {
        writeln!(text, "Indgang {i}.....\t{}", i + 3).unwrap();
    }
    text.push('\n');
    for i in 1..=n + 1 {
        write!(text, "Punkt {i}: Emne {i}\n\n24/{i}\n\n").unwrap();
    }
    let (m, diagnostics) = load(text.as_bytes());
    assert_eq!(m.toc.len(), n);
    assert_eq!(m.items.len(), n + 1);
    assert!(m.items.iter().all(|i| i.toc_page.is_none()));
    assert!(diagnostics.iter().any(|d| {
        d.message
            .starts_with(&format!("table of contents lists {n} entries"))
    }));
}

#[test]
fn table_of_contents_that_matches_nothing() {
    // Each item looks a bounded way ahead (b0070d5, titles folded once since
    // abb7994); it used to scan the rest of the table, quadratic (4 000
    // entries took 8.5 s in release).
    toc_mismatch(2_000);
}

#[test]
#[ignore = "20 000 entries: about 7 s in a debug build"]
fn twenty_thousand_unmatched_toc_entries() {
    toc_mismatch(20_000);
}
