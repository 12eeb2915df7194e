//! The loader: minutes text in, a meeting and diagnostics out. Pure: no I/O, so it
//! is tested and fuzzed on strings, and every front end gets the same reading.
//!
//! A document is read in passes over its lines:
//! 1. every line is cleaned ([`clean`]): mojibake repaired, markup and HTML
//!    removed, white space folded; page numbers and running titles of PDF
//!    text go ([`pages`]), and the few forms that need it are rewritten into
//!    one item form (`rewrite`);
//! 2. the item-heading scheme is chosen for the document ([`headings`]);
//! 3. the lines before the first item heading are the header ([`header`]):
//!    title, labelled fields, participants ([`attendance`]) and the table of
//!    contents ([`toc`]);
//! 4. the rest are items and their sections ([`items`]), recognised line by
//!    line ([`headings`], [`casenum`], [`dates`]);
//! 5. what the header leaves out is read from the items ([`facts`]): forum and
//!    date, earlier bodies' decisions, who was absent.
//!
//! The format and its variants are described in `docs/FORMAT.md` of the reference
//! data, the other publishing families in its `docs/FAMILIES.md`; nothing here
//! knows about any particular document or municipality.

pub mod attendance;
pub mod casenum;
pub mod clean;
pub mod dates;
pub mod facts;
pub mod header;
pub mod headings;
pub mod history;
pub mod items;
pub mod pages;
mod rewrite;
pub mod toc;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::model::Meeting;

/// How much a diagnostic matters to someone checking their files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing (an encoding used, mojibake repaired); nothing is wrong.
    Info,
    /// Something was read with a guess or could not be matched.
    Warning,
    /// The document could not be read as minutes.
    Error,
}

/// One finding of the loader about a document, with the line it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How much the finding matters.
    pub severity: Severity,
    /// 1-based line in the source, when the finding is about one line.
    pub line: Option<usize>,
    /// The finding in one line of English, as `referat check` prints it; the
    /// line number is not part of it.
    pub message: String,
}

impl Diagnostic {
    /// A [`Severity::Info`] finding about 1-based source line `line`, or about the
    /// whole document when `None`.
    pub fn info(line: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Info,
            line,
            message: message.into(),
        }
    }

    /// A [`Severity::Warning`] finding about 1-based source line `line`, or about
    /// the whole document when `None`.
    pub fn warning(line: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            line,
            message: message.into(),
        }
    }

    /// A [`Severity::Error`] finding about 1-based source line `line`, or about
    /// the whole document when `None`.
    pub fn error(line: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            line,
            message: message.into(),
        }
    }
}

/// What the loader made of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// `None` when the text is not minutes (no title and no item headings).
    pub meeting: Option<Meeting>,
    /// Everything the loader noticed, whether or not it read a meeting; without
    /// one, an error among them says why.
    pub diagnostics: Vec<Diagnostic>,
}

/// Splits `text` around the first occurrence of the lower-case ASCII `needle`,
/// ignoring ASCII case. Bytes, not characters: an ASCII needle can only match
/// ASCII bytes, so both halves start and end on character boundaries.
pub fn find_fold<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    debug_assert!(needle.is_ascii());
    let at = text
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))?;
    Some((&text[..at], &text[at + needle.len()..]))
}

/// Whether `text` is `word` (lower case), ignoring case. Upper- and lower-case
/// Danish letters have the same UTF-8 length, so lengths that differ decide at
/// once (the exotic letters that change length, such as the Kelvin sign, do not
/// occur in the words compared).
#[inline]
pub fn eq_fold(text: &str, word: &str) -> bool {
    // ASCII text lower-cases to ASCII: only other text needs the characters
    // compared one by one.
    text.len() == word.len()
        && (text.eq_ignore_ascii_case(word)
            || !text.is_ascii() && text.chars().flat_map(char::to_lowercase).eq(word.chars()))
}

/// Strips `prefix` (lower case) from the start of `text`, ignoring case, and
/// returns the rest of `text` itself. Slicing `text` at an offset found in a
/// lower-cased copy would be wrong: some letters (`İ`, the Kelvin sign) change
/// their UTF-8 length when lower-cased.
#[inline]
pub fn strip_prefix_fold<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    // Called on most lines. An ASCII prefix against ASCII text (the common
    // case) is decided byte by byte, without decoding; only text with other
    // letters, one of which might lower-case to ASCII (the Kelvin sign), needs
    // the general comparison.
    if prefix.is_ascii() {
        // Every character is at least one byte: shorter text cannot match.
        let head = text.as_bytes().get(..prefix.len())?;
        if head.eq_ignore_ascii_case(prefix.as_bytes()) {
            return Some(&text[prefix.len()..]);
        }
        if head.is_ascii() {
            return None;
        }
    }
    fold_prefix(text, prefix)
}

/// [`strip_prefix_fold`] for any text: compares lower-cased characters.
fn fold_prefix<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut wanted = prefix.chars();
    let mut end = 0;
    let mut pending = wanted.next();
    for (i, c) in text.char_indices() {
        let Some(expected) = pending else {
            break;
        };
        let mut lower = c.to_lowercase();
        if lower.next() != Some(expected) || lower.next().is_some() {
            return None;
        }
        end = i + c.len_utf8();
        pending = wanted.next();
    }
    pending.is_none().then(|| &text[end..])
}

/// A cleaned line of the document with its 1-based line number.
pub struct SourceLine<'a> {
    /// 1-based line number in the source; both halves of a line that a rewrite
    /// splits in two keep it.
    pub number: usize,
    /// The text after [`clean::clean_line`] and any rewrite; page furniture is
    /// blanked to `""` rather than removed, so numbers stay those of the source.
    pub text: Cow<'a, str>,
    /// Markdown table layout (`|--|--|`): carries no text.
    pub layout_only: bool,
    /// The line starts a page (a form feed, in text extracted from a PDF).
    pub new_page: bool,
    /// The line opens as some item heading scheme's headings do
    /// ([`headings::may_open_a_heading`]); lines that do not are never tried.
    pub may_head: bool,
}

impl<'a> SourceLine<'a> {
    /// A line with new text, such as a rewritten heading.
    fn with_text(number: usize, text: Cow<'a, str>) -> SourceLine<'a> {
        let may_head = headings::may_open_a_heading(&text);
        SourceLine {
            number,
            text,
            layout_only: false,
            new_page: false,
            may_head,
        }
    }
}

/// What the first pass over the lines noticed, so that the passes which
/// rewrite lines run only in the documents that need them.
#[derive(Default)]
struct Seen {
    page_number: bool,
    glued_toc_word: bool,
    sag_nr: bool,
    punkt_heading: bool,
}

/// Parses minutes text. `source` is recorded in the meeting as where it came from.
///
/// Never panics, whatever the input; a text that is not minutes gives no meeting
/// and an error diagnostic saying why.
pub fn parse(text: &str, source: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    let mut repairs = 0;
    let mut paged = false;
    let mut seen = Seen::default();
    let mut lines: Vec<SourceLine> = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let clean = clean::clean_line(raw);
            repairs += clean.repairs;
            paged |= clean.form_feed;
            let text = clean.text.as_ref();
            let first = text.trim_start().as_bytes().first().copied();
            let may_head = headings::may_open_with(first);
            // Each rewrite concerns lines that start with one letter or two;
            // most lines start with another.
            match first {
                // Once seen, a form is not looked for again.
                Some(b'P' | b'p') => {
                    seen.punkt_heading =
                        seen.punkt_heading || headings::item_heading(text).is_some();
                    seen.glued_toc_word = seen.glued_toc_word || toc::glued_heading(text).is_some();
                }
                Some(b'S' | b's') => {
                    seen.page_number = seen.page_number || pages::is_page_number(text);
                    seen.sag_nr = seen.sag_nr || rewrite::is_sag_nr(text).is_some();
                }
                Some(b'I' | b'i' | b'D' | b'd') => {
                    seen.glued_toc_word = seen.glued_toc_word || toc::glued_heading(text).is_some();
                }
                _ => {}
            }
            SourceLine {
                number: i + 1,
                text: clean.text,
                layout_only: clean.layout_only,
                new_page: clean.form_feed,
                may_head,
            }
        })
        .collect();
    if paged || seen.page_number {
        pages::blank_furniture(&mut lines);
    }

    if repairs > 0 {
        diagnostics.push(Diagnostic::info(
            None,
            format!("repaired {repairs} mojibake sequence{}", plural(repairs)),
        ));
    }

    if seen.glued_toc_word {
        lines = rewrite::unglue_toc_words(lines);
    }
    if !seen.punkt_heading {
        rewrite::numbered_title_headings(&mut lines);
    }
    if seen.sag_nr {
        rewrite::sag_nr_headings(&mut lines);
    }

    let scheme = headings::choose_scheme(
        lines
            .iter()
            .filter(|l| l.may_head && !l.layout_only)
            .map(|l| l.text.as_ref()),
    );
    let recognise = scheme.map_or(headings::item_heading as headings::Recogniser, |s| {
        s.recognise
    });
    if let Some(scheme) = scheme {
        diagnostics.push(Diagnostic::info(
            None,
            format!("item headings read as \"{}\"", scheme.name),
        ));
    }
    // A table of contents may list its entries as `Punkt 1: Øvrige sager.....3`:
    // those are entries, and the first item heading is the first that is not.
    let first_item = lines
        .iter()
        .position(|l| l.may_head && recognise(&l.text).is_some() && !toc::looks_like_entry(&l.text))
        .unwrap_or(lines.len());
    // A case line right before the first heading belongs to that item.
    let first_item = lines[..first_item]
        .iter()
        .rposition(|l| !l.text.is_empty())
        .filter(|&at| casenum::case_line(&lines[at].text).is_some())
        .unwrap_or(first_item);
    let header_lines: Vec<header::Line> = lines[..first_item]
        .iter()
        .filter(|l| !l.layout_only)
        .map(|l| header::Line {
            number: l.number,
            text: &l.text,
        })
        .collect();
    let header = header::parse(&header_lines, &mut diagnostics);
    let layout = items::Layout {
        recognise,
        case_line_leads: items::Layout::case_line_leads(&lines, recognise),
    };
    let mut items = items::parse(&lines[first_item..], layout, &mut diagnostics);

    // Bare numbers also number a letter's paragraphs. Minutes give their items
    // structure: a case number or a section heading somewhere. Without either,
    // numbered lines are not items.
    let unlabelled = scheme.is_some_and(|s| !s.labelled);
    if unlabelled
        && !items.iter().any(|i| {
            !i.case_numbers.is_empty() || i.sections.read().iter().any(|s| !s.heading.is_empty())
        })
    {
        return not_minutes(
            diagnostics,
            "not minutes: numbered paragraphs, but no item has a case number or a section heading (Beslutning, Indstilling, …)",
        );
    }
    // A portal's list of meetings and an attachment may have a title line,
    // but nothing of them can be browsed as a meeting.
    if items.is_empty() {
        let reason = if header.has_title {
            "not minutes: read no items: a title line, but no line is an item heading in any scheme referat reads (see README, What the loader reads)"
        } else {
            "not minutes: no title line (REFERAT …) and no item headings (Punkt N: …)"
        };
        return not_minutes(diagnostics, reason);
    }
    if !header.has_title {
        diagnostics.push(Diagnostic::warning(
            None,
            "no title line (REFERAT <forum> d. DD-MM-YYYY, <forum> - Referat, …)",
        ));
    }

    check_toc(&header.toc, &mut items, &mut diagnostics);
    let mut header = header;
    facts::fill_forum_and_date(&mut header, &items);
    let date = header.title_date.or(header.when_date);
    facts::mark_earlier_decisions(&header.forum, &mut items);
    facts::agenda_has_no_decisions(header.document, &mut items);
    let (participants, absent) = facts::attendance(&header, &items);
    // Say which is missing, so a reader knows what the list will lack.
    if header.forum.is_empty() {
        diagnostics.push(Diagnostic::warning(
            None,
            "no forum: neither the header nor a dated decision heading names one",
        ));
    }
    if date.is_none() {
        diagnostics.push(Diagnostic::warning(
            None,
            "no date: neither the header nor a dated decision heading gives one",
        ));
    }
    if let (Some(title), Some(when)) = (header.title_date, header.when_date)
        && title != when
    {
        diagnostics.push(Diagnostic::warning(
            None,
            format!("title date {title} differs from meeting date {when}; using {title}"),
        ));
    }
    // Cross-references are noted now, while the sections are in memory.
    let mut items = items;
    for item in &mut items {
        item.mentions = casenum::mentions_of(item);
    }
    let meeting = Meeting {
        source: source.to_string(),
        also_in: Vec::new(),
        document: header.document,
        forum: header.forum.into(),
        date,
        start_time: header.start_time,
        location: header.location,
        participants,
        absent,
        toc: header.toc,
        items,
    };
    Parsed {
        meeting: Some(meeting),
        diagnostics,
    }
}

/// The reading of a text that is not minutes: no meeting, and the reason. Header
/// warnings about such a text are noise, so they go.
fn not_minutes(mut diagnostics: Vec<Diagnostic>, reason: &str) -> Parsed {
    diagnostics.retain(|d| d.severity != Severity::Warning);
    diagnostics.push(Diagnostic::error(None, reason));
    Parsed {
        meeting: None,
        diagnostics,
    }
}

/// Gives items their TOC pages and reports entries that do not match.
fn check_toc(
    toc_entries: &[crate::model::TocEntry],
    items: &mut [crate::model::Item],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if toc_entries.is_empty() {
        return;
    }
    if toc_entries.len() != items.len() {
        diagnostics.push(Diagnostic::warning(
            None,
            format!(
                "table of contents lists {} entr{}, the document has {} item{}",
                toc_entries.len(),
                if toc_entries.len() == 1 { "y" } else { "ies" },
                items.len(),
                plural(items.len())
            ),
        ));
    }
    for (entry, item) in toc::assign_pages(toc_entries, items) {
        diagnostics.push(Diagnostic::warning(
            Some(items[item].line),
            format!(
                "table of contents entry {} \"{}\" does not match item {} \"{}\"",
                entry + 1,
                header::shorten(&toc_entries[entry].title, 50),
                items[item].number,
                header::shorten(&items[item].title, 50)
            ),
        ));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod family_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod prefix_tests {
    use super::strip_prefix_fold;

    #[test]
    fn case_insensitive_prefix_keeps_original_offsets() {
        assert_eq!(strip_prefix_fold("MØDEDATO: x", "mødedato"), Some(": x"));
        assert_eq!(
            strip_prefix_fold("Dato \u{212A}", "dato"),
            Some(" \u{212A}")
        );
        assert_eq!(strip_prefix_fold("İİİ", "dato"), None);
        assert_eq!(strip_prefix_fold("Da", "dato"), None);
        assert_eq!(strip_prefix_fold("sag:İİ", "sag:"), Some("İİ"));
    }
}
