//! The part of a document before its first item: the title line, the labelled
//! header fields and the table of contents.
//!
//! Labels (`Mødedato`, `Mødested`, `Mødedeltagere`) may carry their value on the
//! same line or, in text extracted from PDFs, on a later line; a value may wrap
//! onto following lines until a blank line or the next label.

use super::Diagnostic;
use super::attendance::{self, Person};
use super::dates;
use super::toc::{self, TocLine};
use crate::model::{Date, Document, TocEntry};

/// The words a title line starts with, or that follow the forum and a dash
/// (`Handicaprådet - Dagsordener og referater`, a portal's page title; only
/// single words can start a line's title).
const TITLE_WORDS: [&str; 6] = [
    "referat",
    "beslutningsprotokol",
    "dagsordener og referater",
    "dagsorden",
    "protokol",
    "mødereferat",
];

/// The title word of an agenda: a meeting still to come.
const AGENDA_WORD: &str = "dagsorden";

/// A header field, by what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    When,
    Place,
    Participants,
    Absent,
    Forum,
    /// A known label whose value the model does not keep (`Sluttidspunkt`).
    Ignored,
}

/// Header labels, lower case. A label must be followed by white space, a colon or
/// the end of the line, so `møde` does not take `mødested`.
const LABELS: [(&str, Field); 17] = [
    ("tidspunkt", Field::When),
    ("lokale", Field::Place),
    ("mødedeltagere", Field::Participants),
    ("deltagere", Field::Participants),
    ("medlemmer", Field::Participants),
    ("mødedato", Field::When),
    ("starttidspunkt", Field::When),
    ("mødetidspunkt", Field::When),
    ("dato", Field::When),
    ("møde", Field::When),
    ("mødested", Field::Place),
    ("sted", Field::Place),
    ("udvalg", Field::Forum),
    ("afbud", Field::Absent),
    ("fraværende", Field::Absent),
    ("sluttidspunkt", Field::Ignored),
    ("bemærkninger", Field::Ignored),
];

/// Unknown header lines listed one by one; past this a document is probably not in
/// a form the loader reads, and one summary line says more than a hundred.
const MAX_UNKNOWN_REPORTED: usize = 8;

/// What the header says.
#[derive(Debug, Default)]
pub struct Header {
    /// The body that met (`Direktionen`, `Aarhus Byråd`), from the title line, a
    /// forum line or an `Udvalg` field; empty when the header names none, and
    /// [`facts::fill_forum_and_date`](super::facts::fill_forum_and_date) then
    /// looks in the items.
    pub forum: String,
    /// The date on the title line (or on the line under a forum line); the
    /// meeting's date when it differs from `when_date`.
    pub title_date: Option<Date>,
    /// The date from a date field (`Mødedato`, `Dato`, `Tidspunkt`) or running
    /// text (`den 14. september 2016 kl. 08:30`); filled from a dated decision
    /// heading when the header gives no date at all.
    pub when_date: Option<Date>,
    /// When the meeting began, as `HH:MM` ([`dates::find_time`]).
    pub start_time: Option<String>,
    /// Where the meeting was held (`Mødested`, `Lokale`, `Sted`), as written.
    pub location: Option<String>,
    /// Everyone listed as taking part, absent or not.
    pub participants: Vec<Person>,
    /// Those listed as absent (`Afbud`, `Fraværende`), with the items an absence
    /// covers when the list says.
    pub absent: Vec<Person>,
    /// The table of contents' entries in printed order; items get their pages
    /// from them once the items are read.
    pub toc: Vec<TocEntry>,
    /// Minutes or an agenda: the title word `Dagsorden` makes it an agenda.
    pub document: Document,
    /// Whether a title line (`REFERAT …`) was found.
    pub has_title: bool,
}

/// One cleaned header line with its 1-based source line number.
pub struct Line<'a> {
    /// 1-based line number in the source.
    pub number: usize,
    /// The cleaned text; empty for a blank line or blanked page furniture.
    pub text: &'a str,
}

/// Reads the header lines (everything before the first item heading).
pub fn parse(lines: &[Line<'_>], diagnostics: &mut Vec<Diagnostic>) -> Header {
    let mut header = Header::default();
    let mut i = 0;
    let mut in_toc = false;
    let mut toc_lines: Vec<TocLine> = Vec::new();
    let mut unknown = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.text;
        i += 1;
        if text.is_empty() {
            continue;
        }
        if !header.has_title
            && !in_toc
            && let Some(Title { forum, date, word }) = title(text)
        {
            header.has_title = true;
            if word == AGENDA_WORD {
                header.document = Document::Agenda;
            }
            // A bare `Referat` under a line that named the forum keeps it.
            if !forum.is_empty() {
                header.forum = forum;
            }
            if date.is_some() {
                header.title_date = date;
            }
            continue;
        }
        if toc::is_toc_heading(text) {
            in_toc = true;
            continue;
        }
        if !in_toc && meeting_line(&mut header, text, line.number, diagnostics) {
            continue;
        }
        // A forum line, then a line that is only the date (`Kommunalbestyrelsen`,
        // `23-03-2021`).
        if !header.has_title
            && header.forum.is_empty()
            && text.starts_with(char::is_uppercase)
            && text.split_whitespace().count() <= 6
            && label(text).is_none()
            && let Some(next) = lines[i..].iter().position(|l| !l.text.is_empty())
            && let Some(found) = dates::find_date(lines[i + next].text)
            && found.start == 0
            && found.end == lines[i + next].text.trim_end().len()
        {
            header.has_title = true;
            header.forum = text.to_string();
            header.title_date = Some(found.date);
            i += next + 1;
            continue;
        }
        // A page that starts with the meeting's date alone (`28. mar 2023`).
        if !in_toc
            && header.title_date.or(header.when_date).is_none()
            && let Some(found) = dates::find_date(text)
            && found.start == 0
            && found.end == text.trim_end().len()
        {
            header.when_date = Some(found.date);
            continue;
        }
        // Inside the table of contents an entry such as "Møde med Ældrerådet.....4"
        // is an entry, even though it starts like the label "Møde".
        if in_toc && toc::looks_like_entry(text) {
            toc_lines.push(TocLine { text });
            continue;
        }
        if let Some((field, value)) = label(text) {
            in_toc = false;
            // The value: the rest of this line, or the next non-blank line; then any
            // lines that continue it up to a blank line or another label.
            let mut parts: Vec<&str> = Vec::new();
            if !value.is_empty() {
                parts.push(value);
            } else {
                while i < lines.len() && lines[i].text.is_empty() {
                    i += 1;
                }
                if i < lines.len()
                    && label(lines[i].text).is_none()
                    && !toc::is_toc_heading(lines[i].text)
                {
                    parts.push(lines[i].text);
                    i += 1;
                }
            }
            while i < lines.len()
                && !lines[i].text.is_empty()
                && label(lines[i].text).is_none()
                && !toc::is_toc_heading(lines[i].text)
                && matches!(field, Field::Participants | Field::Absent)
            {
                parts.push(lines[i].text);
                i += 1;
            }
            match field {
                Field::Participants => header.participants.extend(attendance::people(&parts)),
                Field::Absent => header.absent.extend(attendance::people(&parts)),
                _ => apply(
                    &mut header,
                    field,
                    &parts.join(" "),
                    line.number,
                    diagnostics,
                ),
            }
            continue;
        }
        if is_portal_text(text) {
            continue;
        }
        if in_toc {
            toc_lines.push(TocLine { text });
            continue;
        }
        unknown += 1;
        if unknown <= MAX_UNKNOWN_REPORTED {
            diagnostics.push(Diagnostic::warning(
                Some(line.number),
                format!("unknown header line: {}", shorten(text, 60)),
            ));
        }
    }
    if unknown > MAX_UNKNOWN_REPORTED {
        diagnostics.push(Diagnostic::warning(
            None,
            format!(
                "{} more unknown header lines not listed",
                unknown - MAX_UNKNOWN_REPORTED
            ),
        ));
    }
    header.toc = toc::parse(&toc_lines);
    header
}

/// A portal's banner and furniture above the minutes: the cookie notice
/// (`Vi bruger cookies …`, `Læs vores cookiepolitik`), the council's logo
/// (`Mølleby Kommunes logo`) and the buttons items also carry (`Fold alle ud`).
/// Not unknown header lines: there is nothing to read.
fn is_portal_text(text: &str) -> bool {
    super::items::is_noise(text)
        || super::find_fold(text, "cookie").is_some()
        || text
            .rsplit_once(' ')
            .is_some_and(|(_, last)| last.eq_ignore_ascii_case("logo"))
}

/// The header written as running text, one part a line, as some case systems
/// print it: `mødet i Økonomiudvalget` (the forum), `den 14. september 2016 kl.
/// 08:30` (date and time, perhaps followed by ` i <place>`), `i Mødelokale 1.12`
/// (the place), and the genitive `Plan og tekniks møde den 5. juni 2023`.
fn meeting_line(
    header: &mut Header,
    text: &str,
    number: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    // `Referat` / `til` / `mødet i …`: the joining word, and a title word
    // printed again under the title line, say nothing more.
    if text.eq_ignore_ascii_case("til")
        || header.has_title && title(text).is_some_and(|t| t.forum.is_empty() && t.date.is_none())
    {
        return true;
    }
    if let Some(forum) = super::strip_prefix_fold(text, "mødet i ") {
        if header.forum.is_empty() {
            header.forum = forum.trim().to_string();
        }
        return true;
    }
    if let Some(rest) = text
        .find("s møde den ")
        .map(|at| (&text[..at], &text[at + 11..]))
        && header.forum.is_empty()
        && rest.0.starts_with(char::is_uppercase)
    {
        header.forum = rest.0.trim().to_string();
        apply(header, Field::When, rest.1, number, diagnostics);
        return true;
    }
    if let Some(rest) = super::strip_prefix_fold(text, "den ")
        && dates::find_date(rest).is_some()
    {
        let (when, place) = match rest.split_once(" i ") {
            Some((when, place)) => (when, Some(place)),
            None => (rest, None),
        };
        apply(header, Field::When, when, number, diagnostics);
        if let Some(place) = place {
            apply(header, Field::Place, place, number, diagnostics);
        }
        return true;
    }
    // `Ordinært møde - Mødelokale F3 kl. 15.30`: the kind of meeting, then its
    // place and time.
    if let Some((_, rest)) = text.split_once(" - ")
        && let Some((place, time)) = rest.rsplit_once(" kl. ")
        && time.len() <= 5
        && time
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b':')
        && header.start_time.is_none()
        && let Some(time) = dates::find_time(&rest[place.len()..])
    {
        header.start_time = Some(time);
        apply(header, Field::Place, place, number, diagnostics);
        return true;
    }
    if let Some(place) = text.strip_prefix("i ")
        && header.location.is_none()
        && (header.when_date.is_some() || header.start_time.is_some())
    {
        apply(header, Field::Place, place, number, diagnostics);
        return true;
    }
    false
}

fn apply(
    header: &mut Header,
    field: Field,
    value: &str,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let value = value.trim();
    match field {
        Field::When => {
            // `MØDE` / `Referat`: the label names what the document is.
            if let Some(bare) = title(value).filter(|t| t.forum.is_empty() && t.date.is_none()) {
                header.has_title = true;
                if bare.word == AGENDA_WORD {
                    header.document = Document::Agenda;
                }
                return;
            }
            if header.when_date.is_none() {
                header.when_date = dates::find_date(value).map(|f| f.date);
            }
            if header.start_time.is_none() {
                header.start_time = dates::find_time(value);
            }
            if header.when_date.is_none() && header.start_time.is_none() && !value.is_empty() {
                diagnostics.push(Diagnostic::warning(
                    Some(line),
                    format!(
                        "no date or time in meeting date line: {}",
                        shorten(value, 60)
                    ),
                ));
            }
        }
        Field::Place => {
            if header.location.is_none() && !value.is_empty() {
                header.location = Some(value.to_string());
            }
        }
        Field::Participants => header.participants.extend(attendance::people(&[value])),
        Field::Absent => header.absent.extend(attendance::people(&[value])),
        Field::Forum => {
            if header.forum.is_empty() {
                header.forum = value.to_string();
            }
        }
        Field::Ignored => {}
    }
}

/// What a title line says.
#[derive(Debug, PartialEq, Eq)]
pub struct Title {
    /// The forum the title names, without connecting words (`af mødet i`) or a
    /// trailing `d.`/`den`; empty for a bare `Referat`.
    pub forum: String,
    /// The date the title gives, if any.
    pub date: Option<Date>,
    /// The title word, one of `TITLE_WORDS`.
    pub word: &'static str,
}

/// `REFERAT Direktionen d. 25-08-2025` → ("Direktionen", 2025-08-25).
pub fn title(text: &str) -> Option<Title> {
    // Sliced by the first word's length below, so white space of any kind
    // before it must go first.
    let text = text.trim();
    if let Some(found) = forum_dash_title(text) {
        return Some(found);
    }
    let first = text.split_whitespace().next()?;
    let first_lower = first.to_lowercase();
    let word = *TITLE_WORDS.iter().find(|w| **w == first_lower)?;
    let rest = text[first.len()..].trim();
    // "Referat af mødet i Teknisk Udvalg" – drop the connecting words.
    let rest = ["af mødet i ", "af møde i ", "for ", "fra "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let found = dates::find_dates(rest).into_iter().last();
    let (forum_part, date) = match found {
        Some(f) => (&rest[..f.start], Some(f.date)),
        None => (rest, None),
    };
    let forum = strip_trailing_words(forum_part.trim(), &["d.", "den", "d", "-", "–", ","]);
    Some(Title {
        forum: forum.to_string(),
        date,
        word,
    })
}

/// `Byrådet - Referat`, `Plan- og Boligudvalget – Referat – 7. marts 2022`,
/// `Beskæftigelsesudvalget - Referat fra mødet den 11-03-2020`: the forum first,
/// then a dash and the title word, then perhaps the date.
fn forum_dash_title(text: &str) -> Option<Title> {
    for dash in [" - ", " – "] {
        let Some((forum, rest)) = text.split_once(dash) else {
            continue;
        };
        let rest = rest.trim_start();
        let word = TITLE_WORDS.iter().find(|w| {
            super::strip_prefix_fold(rest, w).is_some_and(|r| !r.starts_with(char::is_alphabetic))
        })?;
        let forum = forum.trim();
        if forum.is_empty() || forum.split_whitespace().count() > 8 {
            return None;
        }
        let date = dates::find_dates(&rest[word.len()..])
            .into_iter()
            .last()
            .map(|f| f.date);
        return Some(Title {
            forum: forum.to_string(),
            date,
            word,
        });
    }
    None
}

fn strip_trailing_words<'a>(mut text: &'a str, words: &[&str]) -> &'a str {
    loop {
        let trimmed = text.trim_end();
        let Some(last) = trimmed.rsplit(' ').next() else {
            return trimmed;
        };
        if words.iter().any(|w| last.eq_ignore_ascii_case(w)) && last.len() < trimmed.len() {
            text = &trimmed[..trimmed.len() - last.len()];
        } else if words.contains(&trimmed) {
            return "";
        } else {
            return trimmed;
        }
    }
}

/// A header label at the start of `text`: the field and the rest of the line.
fn label(text: &str) -> Option<(Field, &str)> {
    let text = text.trim_start_matches('\t');
    for (name, field) in LABELS {
        if let Some(rest) = super::strip_prefix_fold(text, name)
            && (rest.is_empty() || rest.starts_with([' ', ':', '\t']))
        {
            return Some((field, rest.trim_start_matches([':', ' ', '\t']).trim()));
        }
    }
    None
}

/// Shortens text for a diagnostic, on a character boundary.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i + 1,
                text: t,
            })
            .collect()
    }

    fn forum_and_date(text: &str) -> Option<(String, Option<Date>)> {
        title(text).map(|t| (t.forum, t.date))
    }

    #[test]
    fn titles() {
        assert_eq!(
            forum_and_date("REFERAT Direktionen d. 25-08-2025"),
            Some(("Direktionen".into(), Date::new(2025, 8, 25)))
        );
        assert_eq!(
            forum_and_date("Referat Aarhus Byråd d. 27-08-2025")
                .unwrap()
                .0,
            "Aarhus Byråd"
        );
        assert_eq!(
            forum_and_date("Beslutningsprotokol Teknik- og Miljøudvalget 22.04.2021"),
            Some(("Teknik- og Miljøudvalget".into(), Date::new(2021, 4, 22)))
        );
        assert_eq!(title("Referatet blev godkendt"), None);
        assert_eq!(
            forum_and_date("\u{2003}\tREFERAT Direktionen d. 25-08-2025")
                .unwrap()
                .0,
            "Direktionen"
        );
        // The Kelvin sign lower-cases to `k`: a title word, and no panic.
        assert_eq!(
            forum_and_date("\u{2003}PROTO\u{212A}OL Direktionen d. 25-08-2025")
                .unwrap()
                .0,
            "Direktionen"
        );
        assert_eq!(
            forum_and_date("Handicaprådet - Dagsordener og referater"),
            Some(("Handicaprådet".into(), None))
        );
        assert_eq!(
            title("Dagsorden 8. oktober 2025 kl. 16.00").unwrap().word,
            AGENDA_WORD
        );
        assert_eq!(title("Dagsordener og referater"), None);
    }

    #[test]
    fn labels_on_the_same_line_with_wrapped_participants() {
        let text = "REFERAT Direktionen d. 25-08-2025\n\nMødedato Mandag d. 25. august 2025 kl. 12:00\n\nMødested Mødelokale 1.14\n\nMødedeltagere Lars Holte, Rasmus Vanggaard\nKnudsen, Jakob Lyng Lind\n";
        let mut diags = Vec::new();
        let h = parse(&lines(text), &mut diags);
        assert_eq!(h.forum, "Direktionen");
        assert_eq!(h.when_date, Date::new(2025, 8, 25));
        assert_eq!(h.start_time.as_deref(), Some("12:00"));
        assert_eq!(h.location.as_deref(), Some("Mødelokale 1.14"));
        let names: Vec<&str> = h.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Lars Holte", "Rasmus Vanggaard Knudsen", "Jakob Lyng Lind"]
        );
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn labels_with_the_value_on_a_later_line() {
        let text = "REFERAT Aarhus Byråd d. 27-08-2025\nMødedato\n\nOnsdag d. 27. august 2025 kl. 16:00\n\nMødested\n\nByrådssalen\n";
        let mut diags = Vec::new();
        let h = parse(&lines(text), &mut diags);
        assert_eq!(h.start_time.as_deref(), Some("16:00"));
        assert_eq!(h.location.as_deref(), Some("Byrådssalen"));
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn cookie_notices_and_logos_are_not_unknown_lines() {
        let mut diags = Vec::new();
        parse(
            &lines(
                "Vi bruger cookies\n\nLæs vores cookiepolitik\n\nMølleby Kommunes logo\n\nByrådet - Referat\n",
            ),
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn unknown_header_lines_are_reported_with_their_line() {
        let mut diags = Vec::new();
        parse(
            &lines("REFERAT Chefforum d. 29-01-2020\nSide 1 af 9\n"),
            &mut diags,
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(2));
        assert!(diags[0].message.contains("Side 1 af 9"));
    }
}
