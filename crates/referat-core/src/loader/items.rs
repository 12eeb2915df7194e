//! Items and their sections: everything from the first `Punkt N:` heading on.
//!
//! After an item heading come, in this order: lines that continue a wrapped title
//! (until a blank line), case-number lines, then the body. In the body a section
//! heading starts a section; any other line belongs to the current section, and
//! text before the first heading goes into a section of kind `other`.

use super::casenum::{case_line, case_numbers_in_line};
use super::headings::{Recogniser, inline_heading, section_heading};
use super::history;
use super::{Diagnostic, SourceLine};
use crate::model::{Date, Item, Section, SectionKind};

/// How many lines after an item heading may continue its title: enough for the
/// longest titles PDF extraction wraps, few enough that a document without blank
/// lines does not lose its first paragraph to the title.
const MAX_TITLE_LINES: usize = 3;

/// Where in an item the next line stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Right after the heading: a non-blank line continues the title.
    Title {
        extra_lines: usize,
    },
    /// After the title: case-number lines.
    CaseNumbers,
    Body,
}

/// A section while its lines are being collected.
struct OpenSection {
    heading: String,
    kind: SectionKind,
    date: Option<Date>,
    line: usize,
    text: Paragraphs,
}

impl OpenSection {
    fn new(heading: String, kind: SectionKind, date: Option<Date>, line: usize) -> OpenSection {
        OpenSection {
            heading,
            kind,
            date,
            line,
            text: Paragraphs::default(),
        }
    }

    fn finish(self) -> Section {
        let mut text = self.text.text;
        // Grown a line at a time, it has spare capacity, and the model keeps
        // every section of a corpus: trimming saves about 3 % of a cold
        // load's peak memory on the generated corpus.
        text.shrink_to_fit();
        Section {
            heading: self.heading,
            kind: self.kind,
            date: self.date,
            text,
            line: self.line,
        }
    }
}

/// Section text as it is collected: one line each, runs of blank lines folded into
/// one, no blank lines at either end.
#[derive(Default)]
struct Paragraphs {
    text: String,
    blank_pending: bool,
    /// Where the last source line pushed starts in `text`: joining a wrapped line
    /// looks at that line, not at the whole paragraph it became part of.
    last_start: usize,
}

impl Paragraphs {
    fn push_line(&mut self, line: &str) {
        if !self.blank_pending && continues_wrapped_line(&self.text[self.last_start..], line) {
            if !self.text.ends_with('-') {
                self.text.push(' ');
            }
            self.last_start = self.text.len();
            self.text.push_str(line);
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
            if self.blank_pending {
                self.text.push('\n');
            }
        }
        self.blank_pending = false;
        self.last_start = self.text.len();
        self.text.push_str(line);
    }

    fn push_blank(&mut self) {
        self.blank_pending = !self.text.is_empty();
    }
}

/// Whether `next` continues `previous` as one paragraph that a PDF extraction
/// wrapped: the previous line does not end a sentence, neither is a table row, the
/// next is not a list entry, and either the next starts in lower case (a sentence
/// carried on) or the previous is as long as a wrapped printed line. Documents
/// written one paragraph a line never meet these conditions.
fn continues_wrapped_line(previous: &str, next: &str) -> bool {
    const PRINTED_LINE: usize = 70;
    let Some(last) = previous.chars().last() else {
        return false;
    };
    if matches!(last, '.' | ':' | '!' | '?' | ';') || previous.contains('\t') || next.contains('\t')
    {
        return false;
    }
    let first = next.chars().next().unwrap_or(' ');
    let list_entry = matches!(first, '-' | '•' | '*' | '–')
        || next.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        })
        || previous.starts_with(['-', '•', '*', '–']) && previous.chars().count() < PRINTED_LINE;
    // `Udvalg: …`, `Dato: …`: a label starts a line of its own.
    let label = next
        .split_once(':')
        .is_some_and(|(word, _)| !word.is_empty() && word.len() <= 15 && !word.contains(' '));
    !list_entry && !label && (first.is_lowercase() || previous.chars().count() >= PRINTED_LINE)
}

/// An item while its lines are being read.
struct OpenItem {
    item: Item,
    /// Whether the line before the current one was blank (or the heading).
    previous_blank: bool,
    stage: Stage,
    section: Option<OpenSection>,
    /// Inside a decision, right after an attendance label with no names on
    /// its line (`Afbud:`): the names follow, one a line.
    attendance_list: bool,
}

impl OpenItem {
    fn new(number: u32, title: &str, line: usize) -> OpenItem {
        OpenItem {
            item: Item {
                number,
                title: title.to_string(),
                case_numbers: Vec::new(),
                closed: false,
                toc_page: None,
                line,
                sections: Default::default(),
                history: Vec::new(),
                mentions: Vec::new(),
            },
            previous_blank: true,
            attendance_list: false,
            stage: Stage::Title { extra_lines: 0 },
            section: None,
        }
    }

    /// Whether nothing but title lines has been read: a listed heading, not yet
    /// an item with a body.
    fn has_no_body(&self) -> bool {
        self.section.is_none()
            && self.item.sections.read().is_empty()
            && self.item.case_numbers.is_empty()
    }

    fn close_section(&mut self) {
        if let Some(section) = self.section.take() {
            let section = section.finish();
            if is_history_heading(&section.heading) {
                self.item.history.extend(history::parse(&section.text));
            }
            self.item.sections.read_mut().push(section);
        }
    }

    fn finish(mut self) -> Item {
        self.close_section();
        let (closed, title) = closed_title(clean_title(&self.item.title));
        self.item.closed |= closed;
        self.item.title = title;
        // A closed item publishes nothing but its decision, and some publishing
        // systems print that decision without a heading.
        if closed
            && let [only] = self.item.sections.read_mut().as_mut_slice()
            && only.heading.is_empty()
            && only.kind == SectionKind::Other
        {
            only.kind = SectionKind::Decision;
        }
        self.item
    }

    /// Reads one line of the item (never an item heading).
    fn push(&mut self, line: &SourceLine<'_>) {
        let previous_blank = std::mem::replace(&mut self.previous_blank, line.text.is_empty());
        self.read(line, previous_blank);
    }

    fn read(&mut self, line: &SourceLine<'_>, previous_blank: bool) {
        let text = line.text.as_ref();
        // Nearly half the lines of a body are blank: they separate paragraphs.
        if text.is_empty() && self.stage == Stage::Body {
            if let Some(section) = &mut self.section {
                section.text.push_blank();
            }
            return;
        }
        if is_noise(text) {
            return;
        }
        // Between heading and body, a line of file names is the portal's
        // attachment links; under `Bilag` the same line is the text.
        if !matches!(self.stage, Stage::Body) && is_file_names(text) {
            return;
        }
        if let Stage::Title { extra_lines } = self.stage {
            // The title printed again under its heading (`Pkt. 42`, then the
            // title alone) fills an empty title and is not repeated.
            if !text.is_empty() && same_title(&self.item.title, text) {
                return;
            }
            if self.item.title.is_empty()
                && case_line(text).is_none()
                && section_heading(text).is_none()
                && !text.ends_with('.')
            {
                self.item.title = text.to_string();
                self.stage = Stage::Title { extra_lines: 1 };
                return;
            }
            if text.is_empty() {
                // A bare `Pkt. 42` has its title on a later line.
                if !self.item.title.is_empty() {
                    self.stage = Stage::CaseNumbers;
                }
                return;
            }
            // A sentence (`Intet at bemærke.`) is body text, not the rest of a title.
            let sentence = text.ends_with('.') && text.contains(' ') && text.len() > 12;
            let is_structure =
                sentence || case_numbers_in_line(text).is_some() || section_heading(text).is_some();
            if !is_structure && extra_lines < MAX_TITLE_LINES {
                if !self.item.title.is_empty() && !self.item.title.ends_with('-') {
                    self.item.title.push(' ');
                }
                self.item.title.push_str(text);
                self.stage = Stage::Title {
                    extra_lines: extra_lines + 1,
                };
                return;
            }
            self.stage = Stage::CaseNumbers;
        }
        if self.stage == Stage::CaseNumbers {
            if text.is_empty() {
                return;
            }
            if let Some(cases) = case_line(text) {
                self.item.closed |= cases.closed;
                for case in cases.numbers {
                    if !self.item.case_numbers.contains(&case) {
                        self.item.case_numbers.push(case);
                    }
                }
                return;
            }
            self.stage = Stage::Body;
        }
        let heading = section_heading(text).filter(|h| {
            // An attachment list is one file name a line; a name such as
            // "Indstilling" directly under another is a file, not a heading.
            let in_attachments = self
                .section
                .as_ref()
                .is_some_and(|s| s.kind == SectionKind::Attachments);
            !(in_attachments && !previous_blank && h.date.is_none())
        });
        if let Some(heading) = heading {
            self.close_section();
            self.section = Some(OpenSection::new(
                text.trim_end_matches(':').trim_end().to_string(),
                heading.kind,
                heading.date,
                line.number,
            ));
            return;
        }
        if let Some((heading, word, rest)) = inline_heading(text) {
            self.close_section();
            let mut section = OpenSection::new(word.to_string(), heading.kind, None, line.number);
            section.text.push_line(rest);
            self.section = Some(section);
            return;
        }
        if text.is_empty() {
            if let Some(section) = &mut self.section {
                section.text.push_blank();
            }
            return;
        }
        // Attendance noted under a decision (`Fraværende: Lise Bech (V)`,
        // `Afbud:` and the names on the lines after it) is not what was decided.
        if self
            .section
            .as_ref()
            .is_some_and(|s| s.kind == SectionKind::Decision)
        {
            if let Some(names_follow) = attendance_label(text) {
                self.attendance_list = names_follow;
                return;
            }
            if std::mem::take(&mut self.attendance_list)
                && !text.is_empty()
                && !super::attendance::people(&[text]).is_empty()
            {
                self.attendance_list = true;
                return;
            }
        }
        self.section
            .get_or_insert_with(|| {
                OpenSection::new(String::new(), SectionKind::Other, None, line.number)
            })
            .text
            .push_line(text);
    }
}

/// Portal interface text and group lines, which are neither title nor text:
/// `Til toppen`, `Udskriv`, `Fold alle ud`, group headings (`Lukkede punkter`)
/// and group letters (`A. Sager til afgørelse i byrådet`) that sort a meeting's
/// items.
pub(super) fn is_noise(text: &str) -> bool {
    const NOISE: [&str; 9] = [
        "til toppen",
        "lukkede punkter",
        "åbne punkter",
        "udskriv",
        "fold alle ud",
        "fold alle punkter",
        "you are here",
        "abonnér",
        "abonner",
    ];
    // Called on every line of every item: no allocation, and most lines are
    // decided by their length alone.
    if (7..=24).contains(&text.len()) {
        let trimmed = text.trim();
        if NOISE.iter().any(|n| super::eq_fold(trimmed, n)) {
            return true;
        }
    }
    matches!(
        text.as_bytes(),
        [letter, b'.', b' ' | b'\t', ..] if letter.is_ascii_uppercase()
    ) && !text.ends_with('.')
        && text.split_whitespace().count() <= 8
}

/// A line of file names only (`Lokalplanforslag_712.pdf Trafiknotat.pdf`).
fn is_file_names(text: &str) -> bool {
    const EXTENSIONS: [&str; 8] = [
        ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".odt", ".msg",
    ];
    let is_file = |word: &str| {
        EXTENSIONS.iter().any(|e| {
            word.len() > e.len()
                && word.is_char_boundary(word.len() - e.len())
                && word[word.len() - e.len()..].eq_ignore_ascii_case(e)
        })
    };
    // Most lines end in a letter or a full stop: decided at the last word.
    text.rsplit(char::is_whitespace).next().is_some_and(is_file)
        && !text.contains("://")
        && text.split_whitespace().all(is_file)
}

/// An attendance line, `Fraværende: …`, `Afbud: …`, or the label alone: whether
/// the names follow on the next lines (nothing after the label).
fn attendance_label(text: &str) -> Option<bool> {
    if !matches!(text.as_bytes().first(), Some(b'F' | b'f' | b'A' | b'a')) {
        return None;
    }
    ["fraværende", "afbud"].iter().find_map(|label| {
        let rest = super::strip_prefix_fold(text, label)?;
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        (rest.is_empty() || text.len() - rest.len() > label.len()).then(|| rest.trim().is_empty())
    })
}

/// Whether a line repeats the title, ignoring case, white space and the
/// `(B)`/`(O)` markers.
fn same_title(title: &str, line: &str) -> bool {
    let norm = |t: &str| {
        clean_title(t)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !title.is_empty() && norm(title) == norm(line)
}

/// A title without what portals glue to it (`…Klik her for at folde ud og læse
/// mere om …`) and without the markers `(B)` (beslutning) and `(O)` (orientering).
fn clean_title(title: &str) -> &str {
    let title = match title.find("Klik her for at folde ud") {
        Some(at) => &title[..at],
        None => title,
    };
    let title = title.trim();
    title
        .strip_suffix("(B)")
        .or_else(|| title.strip_suffix("(O)"))
        .unwrap_or(title)
        .trim_end()
}

/// Headings of a case-history section, whose entries become [`Item::history`].
fn is_history_heading(heading: &str) -> bool {
    ["sagsforløb", "sagsgang"]
        .iter()
        .any(|h| heading.trim().to_lowercase() == *h)
}

/// `Lukket` alone, or a `Lukket:` / `Lukket -` prefix before the real title, marks a
/// closed item. Returns whether the item is closed and the title to keep (`Lukket`
/// when nothing follows the marker).
fn closed_title(title: &str) -> (bool, String) {
    let trimmed = title.trim();
    match closed_marker(trimmed) {
        None => (false, trimmed.to_string()),
        Some("") => (true, trimmed.to_string()),
        Some(real) => (true, real.to_string()),
    }
}

/// Whether a title marks a closed item: `Some("")` for `Lukket` alone,
/// `Some(real title)` for `Lukket: …` / `Lukket - …`, `None` otherwise. The one
/// reading of the marker, for item headings and table-of-contents entries alike.
pub(super) fn closed_marker(title: &str) -> Option<&str> {
    let title = title.trim();
    let rest = title
        .get(..6)
        .filter(|w| w.eq_ignore_ascii_case("lukket"))
        .map(|_| &title[6..])?;
    if rest.trim().is_empty() {
        return Some("");
    }
    match rest.trim_start().strip_prefix([':', '-', '–']) {
        Some(real) if !real.trim().is_empty() => Some(real.trim()),
        _ => None,
    }
}

/// How a document places its item headings.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Reads one line as an item heading of the document's scheme.
    pub recognise: Recogniser,
    /// Whether the document prints an item's case number on the line before
    /// its heading, so that a case line in a body may belong to the next item.
    pub case_line_leads: bool,
}

impl Layout {
    /// Whether the document prints case lines before headings: some heading's
    /// previous non-blank line is a case line that follows text, not another
    /// heading (a closed item is a heading and its case line alone). Decided
    /// once, from the headings, so that documents which do not pay nothing
    /// per body line.
    pub fn case_line_leads(lines: &[SourceLine<'_>], recognise: Recogniser) -> bool {
        let is_heading = |l: &SourceLine<'_>| l.may_head && recognise(&l.text).is_some();
        // Walk the non-blank lines keeping the two before each heading.
        let (mut second, mut first): (Option<&SourceLine<'_>>, Option<&SourceLine<'_>>) =
            (None, None);
        lines.iter().filter(|l| !l.text.is_empty()).any(|line| {
            let leads = is_heading(line)
                && first.is_some_and(|f| case_line(&f.text).is_some())
                && second.is_some_and(|s| !is_heading(s));
            second = first;
            first = Some(line);
            leads
        })
    }
}

/// Reads the items from the lines that follow the header, with the document's
/// item-heading scheme.
///
/// A heading whose number does not rise is text, with one exception: a list
/// printed before the body (a table of contents, a `PUNKTER` list, the heading
/// printed twice) repeats the headings, and the body heading is the last one. So
/// a heading that repeats the number of an item read so far, when that item and
/// every one after it have no body yet, starts that item again.
pub fn parse(
    lines: &[SourceLine<'_>],
    layout: Layout,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let recognise = layout.recognise;
    let mut items: Vec<OpenItem> = Vec::new();
    // A case line in an item's body, held back until the next non-blank line
    // shows whether it belongs to the heading after it (one family prints the
    // case number on the line before the item heading).
    let mut held: Option<(&SourceLine<'_>, Vec<String>)> = None;
    let mut blanks_after_held: Vec<&SourceLine<'_>> = Vec::new();
    for line in lines {
        if line.layout_only {
            continue;
        }
        let heading = if line.may_head {
            recognise(&line.text)
        } else {
            None
        };
        if heading.is_none() && held.is_some() {
            if line.text.is_empty() {
                blanks_after_held.push(line);
                continue;
            }
            // Not a heading after all: the held line was the item's own text.
            if let (Some((held_line, _)), Some(item)) = (held.take(), items.last_mut()) {
                item.push(held_line);
                for blank in blanks_after_held.drain(..) {
                    item.push(blank);
                }
            }
            blanks_after_held.clear();
        }
        if heading.is_none()
            && layout.case_line_leads
            && items.last().is_none_or(|o| o.stage == Stage::Body)
            && let Some(cases) = case_line(&line.text)
        {
            held = Some((line, cases.numbers));
            continue;
        }
        if let Some(heading) = heading {
            let cases_before = held.take().map(|(_, numbers)| numbers);
            blanks_after_held.clear();
            let last = items.last().map(|o| o.item.number);
            let starts = if last.is_none_or(|n| heading.number > n) {
                true
            } else if let Some(at) = items.iter().position(|o| o.item.number == heading.number)
                && items[at..].iter().all(OpenItem::has_no_body)
            {
                items.truncate(at);
                true
            } else {
                false
            };
            if starts {
                let mut open = OpenItem::new(heading.number, heading.title, line.number);
                open.item.case_numbers = cases_before.unwrap_or_default();
                items.push(open);
                continue;
            }
            diagnostics.push(Diagnostic::warning(
                Some(line.number),
                format!(
                    "item heading {} after item {} read as text (numbers must increase)",
                    heading.number,
                    last.unwrap_or(0)
                ),
            ));
        }
        if let Some(item) = items.last_mut() {
            item.push(line);
        }
    }
    if let (Some((held_line, _)), Some(item)) = (held, items.last_mut()) {
        item.push(held_line);
    }
    let items: Vec<Item> = items.into_iter().map(OpenItem::finish).collect();
    // Some layouts print no case numbers at all: one line says so, where a
    // warning per item would bury the others.
    let without: Vec<&Item> = items.iter().filter(|i| i.case_numbers.is_empty()).collect();
    if without.len() == items.len() && items.len() > 1 {
        diagnostics.push(Diagnostic::warning(
            None,
            "no item has a case number: the layout may not print them, or prints them in a form referat does not read",
        ));
    } else {
        for item in without {
            diagnostics.push(Diagnostic::warning(
                Some(item.line),
                format!("item {} has no case number", item.number),
            ));
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_titles() {
        assert_eq!(closed_title("Lukket"), (true, "Lukket".into()));
        assert_eq!(closed_title("LUKKET"), (true, "LUKKET".into()));
        assert_eq!(
            closed_title("Lukket: Køb af landbrugsejendom"),
            (true, "Køb af landbrugsejendom".into())
        );
        assert_eq!(
            closed_title("Lukket - TM - Salg"),
            (true, "TM - Salg".into())
        );
        assert_eq!(closed_title("Lukkeloven"), (false, "Lukkeloven".into()));
        assert_eq!(closed_title("Øvrige sager"), (false, "Øvrige sager".into()));
    }

    #[test]
    fn wrapped_lines_from_pdf_extraction_are_joined() {
        let wrapped = "Tilbagesendes Magistratsafdelingen for Teknik og Miljø med bemærkning, at byrådet i sit møde har";
        assert!(continues_wrapped_line(wrapped, "vedtaget indstillingen."));
        assert!(continues_wrapped_line(wrapped, "Magistratens indstilling."));
        assert!(continues_wrapped_line(
            "som mange borgere har et",
            "personligt forhold til."
        ));
        assert!(!continues_wrapped_line("Sagen udsættes.", "næste gang"));
        assert!(!continues_wrapped_line(
            "Kommunaldirektøren indstiller,",
            "1. at Chefforum godkender"
        ));
        assert!(!continues_wrapped_line(
            "- Analytisk og kritisk tænkning",
            "Vi analyserer."
        ));
        assert!(!continues_wrapped_line("Kort linje", "Ny linje"));
        assert!(!continues_wrapped_line("a\tb", "c"));
        let mut text = Paragraphs::default();
        text.push_line("klima 2030-");
        text.push_line("fremskrivning er klar.");
        assert_eq!(text.text, "klima 2030-fremskrivning er klar.");
    }

    #[test]
    fn paragraphs_are_joined_with_single_blank_lines() {
        let mut text = Paragraphs::default();
        for line in ["", "A.", "B.", "", "", "C.", ""] {
            if line.is_empty() {
                text.push_blank();
            } else {
                text.push_line(line);
            }
        }
        assert_eq!(text.text, "A.\nB.\n\nC.");
    }
}
