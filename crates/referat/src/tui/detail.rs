//! Turning an item (or a meeting's decisions) into styled, wrapped lines.
//!
//! The result, a [`DetailView`], is built once per item, width and search and
//! kept in the state. Besides the lines it records where each section, decision
//! and search hit starts, which is what `]`, `b`, `n` and the scroll indicator
//! need. Section text arrives as one paragraph or list entry a line, blank lines
//! between paragraphs and tab-separated table rows; tables become aligned
//! columns, lists get hanging indents, and decisions a `▌` gutter and a
//! reverse-video heading so they stand out without colour.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::look::Look;
use super::text::{char_width, width};
use super::wrap::{line_of, wrap};
use crate::i18n::Msg;
use crate::theme::Theme;
use referat_core::model::{Item, Meeting, Section, SectionKind};
use referat_core::sanitize::for_terminal;

/// What the detail pane shows, laid out for one width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailView {
    pub lines: Vec<Line<'static>>,
    /// First line of every section heading (in the decisions view: every item).
    pub sections: Vec<usize>,
    /// First line of every decision heading.
    pub decisions: Vec<usize>,
    /// The line of every search hit, in reading order.
    pub hits: Vec<usize>,
    /// Decisions view only: the line where each item (by index) starts.
    pub anchors: Vec<usize>,
    /// Item view only: the line where each section (by index) starts, its
    /// heading or, without one, its text.
    pub places: Vec<usize>,
    /// Where each line starts in the text, in characters counted the same way
    /// at every width (strictly increasing): a place in the text that survives
    /// wrapping to another width (see [`DetailView::line_at`]).
    pub offsets: Vec<usize>,
    /// Mentions of other cases in the text, underlined: the line each starts
    /// on and the case number, in reading order.
    pub links: Vec<(usize, String)>,
}

impl DetailView {
    /// Where line `line` starts in the text (see [`DetailView::offsets`]).
    pub fn offset_of(&self, line: usize) -> usize {
        match self.offsets.get(line) {
            Some(&o) => o,
            None => self.offsets.last().copied().unwrap_or(0),
        }
    }

    /// The line that shows the character at `offset`: the same text as the
    /// line of another width's view that starts there.
    pub fn line_at(&self, offset: usize) -> usize {
        self.offsets
            .partition_point(|&o| o <= offset)
            .saturating_sub(1)
    }
}

/// A search to highlight while building.
#[derive(Debug, Clone, Copy)]
pub struct Highlight<'a> {
    pub query: &'a str,
    /// Index of the hit `n`/`N` is on.
    pub current: usize,
    /// How `query` is matched.
    pub mode: MatchMode,
}

/// How a detail search matches text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MatchMode {
    /// `/`: the query as typed, ignoring case.
    #[default]
    Plain,
    /// Full-text search (`S`): every word and `"phrase"` of the query, folded
    /// the way [`referat_core::search`] folds (`å` meets `aa`, runs of spaces meet),
    /// so the hits highlighted are the ones the search found.
    Terms,
}

/// What a [`Highlight`] looks for: needles in folded text, and the fold.
#[derive(Debug, Clone, Default)]
struct Needles {
    needles: Vec<Vec<char>>,
    mode: MatchMode,
}

impl Needles {
    fn new(search: Option<Highlight>) -> Needles {
        let Some(h) = search else {
            return Needles::default();
        };
        let needles = match h.mode {
            MatchMode::Plain => vec![for_terminal(h.query).chars().map(lower).collect()],
            MatchMode::Terms => referat_core::search::Query::parse(h.query)
                .terms
                .into_iter()
                .map(|t| t.text.chars().collect())
                .collect(),
        };
        Needles {
            needles: needles
                .into_iter()
                .filter(|n: &Vec<char>| !n.is_empty())
                .collect(),
            mode: h.mode,
        }
    }

    /// The char ranges of `chars` that match, sorted and not overlapping.
    fn find(&self, chars: &[char]) -> Vec<(usize, usize)> {
        if self.needles.is_empty() || chars.is_empty() {
            return Vec::new();
        }
        let (folded, origin) = match self.mode {
            MatchMode::Plain => (chars.iter().map(|&c| lower(c)).collect(), None),
            MatchMode::Terms => {
                let (f, o) = fold_terms(chars);
                (f, Some(o))
            }
        };
        let mut found = Vec::new();
        for needle in &self.needles {
            let n = needle.len();
            let mut i = 0;
            while i + n <= folded.len() {
                if folded[i..i + n] == needle[..] {
                    let (s, e) = match &origin {
                        None => (i, i + n),
                        Some(o) => (o[i], o[i + n - 1] + 1),
                    };
                    found.push((s, e));
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
        found.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for (s, e) in found {
            if out.last().is_none_or(|&(_, end)| s >= end) {
                out.push((s, e));
            }
        }
        out
    }
}

/// Folds chars as full-text search does ([`referat_core::fold::fold_spaced`]),
/// with the index of the original char each folded char came from.
fn fold_terms(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    referat_core::fold::fold_spaced(chars.iter().copied().enumerate(), |i, f| {
        out.push(f);
        origin.push(i);
    });
    (out, origin)
}

/// Lays out one item: title, case numbers, meeting, then its sections.
pub fn item_view(
    meeting: &Meeting,
    item: &Item,
    width: u16,
    search: Option<Highlight>,
    look: &Look,
) -> DetailView {
    item_view_linked(meeting, item, width, search, look, &[])
}

/// [`item_view`] with the case numbers in `links` underlined where the text
/// mentions them, and their lines in [`DetailView::links`].
pub fn item_view_linked(
    meeting: &Meeting,
    item: &Item,
    width: u16,
    search: Option<Highlight>,
    look: &Look,
    links: &[String],
) -> DetailView {
    let t = look.theme;
    let mut b = Builder::new(width, search, look);
    b.link_cases = links.to_vec();
    b.text(&item.title, t.title, &[], &[]);
    // The case line itself is no mention.
    let links = std::mem::take(&mut b.link_cases);
    let cases = match item.case_numbers.len() {
        0 => look.text(Msg::NoCaseNumber).to_string(),
        1 => look.fill(Msg::CaseOne, &[&item.case_numbers[0]]),
        _ => look.fill(Msg::CaseMany, &[&item.case_numbers.join(", ")]),
    };
    b.text(&cases, t.bold, &[], &[]);
    b.link_cases = links;
    let mut facts = vec![
        look.label(meeting),
        look.fill(Msg::FactsItem, &[&item.number]),
    ];
    if let Some(page) = item.toc_page {
        facts.push(look.fill(Msg::FactsPage, &[&page]));
    }
    if item.closed {
        facts.push(look.text(Msg::Closed).to_string());
    }
    b.text(&facts.join(" · "), t.dimmed, &[], &[]);
    if item.sections.read().is_empty() {
        b.blank();
        let note = if item.closed {
            Msg::ClosedNote
        } else {
            Msg::NoText
        };
        b.text(look.text(note), t.dimmed, &[], &[]);
    }
    for section in item.sections.read() {
        b.section(section);
    }
    b.finish()
}

/// Lays out the decisions-only view of a meeting: every item's title with its
/// decisions, so a whole meeting can be read in one scroll.
pub fn decisions_view(
    meeting: &Meeting,
    width: u16,
    search: Option<Highlight>,
    look: &Look,
) -> DetailView {
    let t = look.theme;
    let mut b = Builder::new(width, search, look);
    b.text(
        &look.fill(Msg::DecisionsOf, &[&look.label(meeting)]),
        t.title,
        &[],
        &[],
    );
    let decided = meeting.items.iter().filter(|i| i.has_decision()).count();
    b.text(
        &look.fill(Msg::DecisionsSummary, &[&meeting.items.len(), &decided]),
        t.dimmed,
        &[],
        &[],
    );
    for item in &meeting.items {
        b.blank();
        b.anchors.push(b.lines.len());
        b.sections.push(b.lines.len());
        let mut heading = format!("{}. {}", item.number, item.title);
        if !item.case_numbers.is_empty() {
            heading.push(' ');
            heading.push_str(&look.fill(Msg::CaseSuffix, &[&item.case_numbers.join(", ")]));
        }
        let s = if item.closed { t.dimmed } else { t.heading };
        b.text(&heading, s, &[], &[]);
        let mut any = false;
        for section in item.decisions() {
            any = true;
            b.section_inner(section, false);
        }
        if !any {
            let note = if item.closed {
                Msg::Closed
            } else {
                Msg::NoDecision
            };
            b.text(look.text(note), t.dimmed, &[], &[]);
        }
    }
    b.finish()
}

/// A view with one dim message, for "nothing selected".
pub fn message_view(message: &str, width: u16, look: &Look) -> DetailView {
    let mut b = Builder::new(width, None, look);
    b.text(message, look.theme.dimmed, &[], &[]);
    b.finish()
}

/// The citation `y` copies: `Direktionen 25-03-2025, punkt 6: Title (sag 18/15736)`.
pub fn citation(meeting: &Meeting, item: &Item) -> String {
    let mut text = format!("{}, punkt {}: {}", meeting.label(), item.number, item.title);
    if !item.case_numbers.is_empty() {
        text.push_str(&format!(" (sag {})", item.case_numbers.join(", ")));
    }
    text
}

const GUTTER: &str = "▌ ";
const CELL_SEPARATOR: &str = " │ ";

struct Builder {
    theme: Theme,
    width: usize,
    lines: Vec<Line<'static>>,
    sections: Vec<usize>,
    decisions: Vec<usize>,
    hits: Vec<usize>,
    anchors: Vec<usize>,
    places: Vec<usize>,
    offsets: Vec<usize>,
    /// Where the next block of text (a paragraph, a table row, a blank line)
    /// starts, in characters; see [`DetailView::offsets`].
    offset: usize,
    needles: Needles,
    current_hit: usize,
    /// Set inside a decision: every line starts with the `▌` bar.
    gutter: bool,
    last_blank: bool,
    /// Hits found in table cells of the row being built, not yet in `hits`.
    pending_hits: usize,
    /// The case numbers to show as links.
    link_cases: Vec<String>,
    links: Vec<(usize, String)>,
}

/// A list entry marker (`- `, `• `, `1. `) and the text after it.
fn list_entry(line: &str) -> Option<(String, &str)> {
    for bullet in ["- ", "• ", "* ", "· "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(("• ".to_string(), rest));
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        for end in [". ", ") "] {
            if let Some(text) = rest.strip_prefix(end) {
                return Some((format!("{}{}", &line[..digits], end), text));
            }
        }
    }
    None
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

impl Builder {
    fn new(width: u16, search: Option<Highlight>, look: &Look) -> Builder {
        let needles = Needles::new(search);
        let current_hit = search.map_or(0, |h| h.current);
        Builder {
            theme: look.theme,
            width: usize::from(width).max(1),
            lines: Vec::new(),
            sections: Vec::new(),
            decisions: Vec::new(),
            hits: Vec::new(),
            anchors: Vec::new(),
            places: Vec::new(),
            offsets: Vec::new(),
            offset: 0,
            needles,
            current_hit,
            gutter: false,
            last_blank: true,
            pending_hits: 0,
            link_cases: Vec::new(),
            links: Vec::new(),
        }
    }

    fn finish(self) -> DetailView {
        DetailView {
            lines: self.lines,
            sections: self.sections,
            decisions: self.decisions,
            hits: self.hits,
            anchors: self.anchors,
            places: self.places,
            offsets: self.offsets,
            links: self.links,
        }
    }

    /// Where `chars` mentions a case of the links ([`referat_core::mentions`],
    /// the one reading of case numbers in text): start, end and case number
    /// as char indices, in order.
    fn find_links(&self, chars: &[char]) -> Vec<(usize, usize, String)> {
        if self.link_cases.is_empty() {
            return Vec::new();
        }
        let text: String = chars.iter().collect();
        let mut char_at = Vec::with_capacity(text.len() + 1);
        for (i, c) in chars.iter().enumerate() {
            char_at.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
        char_at.push(chars.len());
        referat_core::mentions::in_text(&text)
            .into_iter()
            .filter_map(|(start, end)| {
                let token = &text[start..end];
                let case = self
                    .link_cases
                    .iter()
                    .find(|c| c.eq_ignore_ascii_case(token))?;
                Some((char_at[start], char_at[end], case.clone()))
            })
            .collect()
    }

    fn gutter_spans(&self) -> Vec<Span<'static>> {
        if self.gutter {
            vec![Span::styled(GUTTER, self.theme.decision_marker)]
        } else {
            Vec::new()
        }
    }

    /// Appends a line that starts at character `at` (see [`DetailView::offsets`]).
    fn push(&mut self, line: Line<'static>, at: usize) {
        self.last_blank = false;
        self.lines.push(line);
        self.offsets.push(at);
    }

    /// One empty line, never two in a row, none at the top.
    fn blank(&mut self) {
        if !self.last_blank {
            let line = Line::from(self.gutter_spans());
            self.lines.push(line);
            self.offsets.push(self.offset);
            self.offset += 1;
            self.last_blank = true;
        }
    }

    /// Styles `chars` with `base`, overlaying search hits; returns the start of each hit.
    fn styled(&mut self, chars: &[char], base: Style) -> (Vec<Style>, Vec<usize>) {
        let mut styles = vec![base; chars.len()];
        let mut starts = Vec::new();
        for (start, end) in self.needles.find(chars) {
            let s = if self.hits.len() + self.pending_hits + starts.len() == self.current_hit {
                self.theme.current_hit
            } else {
                self.theme.hit
            };
            for st in &mut styles[start..end] {
                *st = base.patch(s);
            }
            starts.push(start);
        }
        (styles, starts)
    }

    /// Appends `text` wrapped to the pane, after `first` on its first line and
    /// `rest` on the others (both after the decision gutter, if any).
    fn text(&mut self, text: &str, base: Style, first: &[Span<'static>], rest: &[Span<'static>]) {
        let chars: Vec<char> = for_terminal(text).chars().collect();
        let (mut styles, hit_starts) = self.styled(&chars, base);
        let links = self.find_links(&chars);
        for (start, end, _) in &links {
            for st in &mut styles[*start..*end] {
                *st = st.add_modifier(ratatui::style::Modifier::UNDERLINED);
            }
        }
        let gutter = self.gutter_spans();
        let indent = width(GUTTER) * usize::from(self.gutter);
        let first_w: usize = first.iter().map(Span::width).sum();
        let rest_w: usize = rest.iter().map(Span::width).sum();
        let avail = self
            .width
            .saturating_sub(indent + first_w.max(rest_w))
            .max(1);
        let ranges = wrap(&chars, avail);
        let top = self.lines.len();
        for &h in &hit_starts {
            self.hits.push(top + line_of(&ranges, h));
        }
        for (start, _, case) in links {
            self.links.push((top + line_of(&ranges, start), case));
        }
        for (n, range) in ranges.into_iter().enumerate() {
            let mut spans = gutter.clone();
            spans.extend_from_slice(if n == 0 { first } else { rest });
            let at = self.offset + range.start;
            spans.extend(runs(&chars[range.clone()], &styles[range]));
            self.push(Line::from(spans), at);
        }
        self.offset += chars.len() + 1;
    }

    /// Appends rows of tab-separated cells as aligned columns.
    fn table(&mut self, rows: &[&str]) {
        let rows: Vec<Vec<Vec<char>>> = rows
            .iter()
            .map(|r| {
                r.split('\t')
                    .map(|c| for_terminal(c.trim()).chars().collect())
                    .collect()
            })
            .collect();
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let indent = width(GUTTER) * usize::from(self.gutter);
        let sep_w = width(CELL_SEPARATOR) * cols.saturating_sub(1);
        let avail = self.width.saturating_sub(indent + sep_w);
        if cols == 0 || avail < cols * 3 {
            // Too narrow for columns: one wrapped line per row.
            for row in &rows {
                let joined: Vec<String> = row.iter().map(|c| c.iter().collect()).collect();
                self.text(&joined.join(" │ "), self.theme.base, &[], &[]);
            }
            return;
        }
        let cell_w = |c: &Vec<char>| c.iter().map(|&ch| char_width(ch)).sum::<usize>();
        let natural: Vec<usize> = (0..cols)
            .map(|i| {
                rows.iter()
                    .filter_map(|r| r.get(i))
                    .map(cell_w)
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect();
        let widths = share(&natural, avail);
        for row in &rows {
            let mut cells = Vec::with_capacity(cols);
            let mut hit_lines = Vec::new();
            let empty = Vec::new();
            for (i, &w) in widths.iter().enumerate() {
                let chars = row.get(i).unwrap_or(&empty);
                let (styles, starts) = self.styled(chars, self.theme.base);
                let ranges = wrap(chars, w);
                self.pending_hits += starts.len();
                for h in starts {
                    hit_lines.push(line_of(&ranges, h));
                }
                cells.push((chars, styles, ranges));
            }
            let height = cells.iter().map(|c| c.2.len()).max().unwrap_or(1);
            // As long as the row would be as one wrapped line (the narrow
            // case above), so places are counted alike at every width; a
            // row is never higher than its longest cell.
            let row_len = row.iter().map(Vec::len).sum::<usize>()
                + CELL_SEPARATOR.chars().count() * row.len().saturating_sub(1);
            let top = self.lines.len();
            self.pending_hits = 0;
            self.hits.extend(hit_lines.into_iter().map(|l| top + l));
            for n in 0..height {
                let mut spans = self.gutter_spans();
                for (i, (chars, styles, ranges)) in cells.iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::styled(CELL_SEPARATOR, self.theme.table_rule));
                    }
                    let mut used = 0;
                    if let Some(r) = ranges.get(n) {
                        used = chars[r.clone()].iter().map(|&c| char_width(c)).sum();
                        spans.extend(runs(&chars[r.clone()], &styles[r.clone()]));
                    }
                    let pad = widths[i].saturating_sub(used);
                    if pad > 0 && i + 1 < cols {
                        spans.push(Span::raw(" ".repeat(pad)));
                    }
                }
                self.push(Line::from(spans), self.offset + n);
            }
            self.offset += row_len + 1;
        }
    }

    fn section(&mut self, section: &Section) {
        self.blank();
        self.places.push(self.lines.len());
        self.section_inner(section, true);
    }

    /// A section: its heading, then its text block by block.
    fn section_inner(&mut self, section: &Section, record: bool) {
        let decision = section.kind == SectionKind::Decision;
        self.blank();
        if decision || !section.heading.is_empty() {
            if record {
                self.sections.push(self.lines.len());
            }
            if decision {
                self.decisions.push(self.lines.len());
                let heading = decision_heading(&section.heading);
                self.gutter = true;
                self.text(&heading, self.theme.decision_heading, &[], &[]);
            } else {
                self.text(&section.heading, self.theme.heading, &[], &[]);
            }
        }
        self.gutter = decision;
        let lines: Vec<&str> = section.text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim_end();
            if line.trim().is_empty() {
                self.blank();
                i += 1;
            } else if line.contains('\t') {
                let end = lines[i..]
                    .iter()
                    .position(|l| !l.contains('\t'))
                    .map_or(lines.len(), |p| i + p);
                self.table(&lines[i..end]);
                i = end;
            } else if let Some((marker, rest)) = list_entry(line.trim_start()) {
                let hang = " ".repeat(width(&marker));
                self.text(
                    rest,
                    self.theme.base,
                    &[Span::raw(marker)],
                    &[Span::raw(hang)],
                );
                i += 1;
            } else {
                self.text(line.trim(), self.theme.base, &[], &[]);
                i += 1;
            }
        }
        self.gutter = false;
    }
}

/// `Beslutning Direktionen den 25-03-2025` → `BESLUTNING Direktionen den 25-03-2025`:
/// the word that makes it a decision in capitals, the rest as written.
fn decision_heading(heading: &str) -> String {
    let heading = heading.trim();
    if heading.is_empty() {
        return "BESLUTNING".to_string();
    }
    match heading.split_once(' ') {
        Some((word, rest)) => format!("{} {}", word.to_uppercase(), rest),
        None => heading.to_uppercase(),
    }
}

/// Column widths for a table: each column gets its natural width if everything
/// fits, otherwise narrow columns keep theirs and wide ones share the rest.
fn share(natural: &[usize], avail: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    let mut widths = vec![0; natural.len()];
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut left = avail;
    for (n, &i) in order.iter().enumerate() {
        let fair = left / (natural.len() - n);
        widths[i] = natural[i].min(fair).max(1);
        left = left.saturating_sub(widths[i]);
    }
    widths
}

/// Groups consecutive chars of equal style into spans.
fn runs(chars: &[char], styles: &[Style]) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let s = styles[i];
        let end = (i..chars.len())
            .find(|&j| styles[j] != s)
            .unwrap_or(chars.len());
        spans.push(Span::styled(chars[i..end].iter().collect::<String>(), s));
        i = end;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use referat_core::model::Date;

    fn en() -> Look {
        Look::default()
    }

    pub(crate) fn section(heading: &str, kind: SectionKind, text: &str) -> Section {
        Section {
            heading: heading.into(),
            kind,
            date: None,
            text: text.into(),
            line: 1,
        }
    }

    fn sample() -> (Meeting, Item) {
        let item = Item {
            number: 6,
            title: "Kvarterhus Gadehavegård - uddannelsesreformen".into(),
            case_numbers: vec!["18/15736".into()],
            closed: false,
            toc_page: Some(4),
            line: 10,
            history: Vec::new(),
            mentions: Vec::new(),
            sections: vec![
                section(
                    "Baggrund",
                    SectionKind::Background,
                    "Tekst om Realdania.\n\n- første punkt\n- andet punkt",
                ),
                section(
                    "Økonomi",
                    SectionKind::Finance,
                    "Post\tBeløb\nByggeri\t505.000 kr.\nRådgivning i alt\t12 kr.",
                ),
                section(
                    "Beslutning Direktionen den 25-03-2025",
                    SectionKind::Decision,
                    "Direktionen godkender at udbudsmaterialet er tilpasset.",
                ),
            ]
            .into(),
        };
        let meeting = Meeting {
            source: "x".into(),
            also_in: Vec::new(),
            document: Default::default(),
            forum: "Direktionen".into(),
            date: Date::new(2025, 3, 25),
            start_time: None,
            location: None,
            participants: vec![],
            absent: Vec::new(),
            toc: vec![],
            items: vec![item.clone()],
        };
        (meeting, item)
    }

    fn text_of(view: &DetailView) -> Vec<String> {
        view.lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn item_has_header_sections_decision_table_and_list() {
        let (m, i) = sample();
        let view = item_view(&m, &i, 60, None, &en());
        let text = text_of(&view);
        assert_eq!(text[0], "Kvarterhus Gadehavegård - uddannelsesreformen");
        assert_eq!(text[1], "Case 18/15736");
        assert_eq!(text[2], "Direktionen 25-03-2025 · item 6 · page 4");
        assert_eq!(view.sections.len(), 3);
        assert_eq!(view.decisions.len(), 1);
        let d = view.decisions[0];
        assert_eq!(text[d], "▌ BESLUTNING Direktionen den 25-03-2025");
        assert!(text[d + 1].starts_with("▌ Direktionen godkender"));
        assert!(text.contains(&"• første punkt".to_string()));
        // the table's second column starts at the same display column on every row
        let rows: Vec<&String> = text.iter().filter(|l| l.contains(" │ ")).collect();
        assert_eq!(rows.len(), 3);
        let col = |l: &str| width(&l[..l.find(" │ ").unwrap()]);
        assert!(rows.iter().all(|r| col(r) == col(rows[0])), "{rows:#?}");
    }

    #[test]
    fn wraps_to_the_width_with_hanging_indent() {
        let (m, mut i) = sample();
        i.sections.read_mut()[0].text = "- et langt punkt der skal brydes over flere linjer".into();
        let view = item_view(&m, &i, 20, None, &en());
        for line in &view.lines {
            assert!(line.width() <= 20, "{line}");
        }
        let text = text_of(&view);
        let at = text.iter().position(|l| l.starts_with("• et")).unwrap();
        assert!(text[at + 1].starts_with("  "), "{:?}", text[at + 1]);
    }

    #[test]
    fn search_hits_are_found_and_located() {
        let (m, i) = sample();
        let view = item_view(
            &m,
            &i,
            60,
            Some(Highlight {
                query: "DIREKTIONEN",
                current: 1,
                mode: MatchMode::Plain,
            }),
            &en(),
        );
        // meeting line, decision heading and decision text
        assert_eq!(view.hits.len(), 3);
        assert_eq!(view.hits[1], view.decisions[0]);
        let current = &view.lines[view.hits[1]];
        assert!(
            current
                .spans
                .iter()
                .any(|s| s.style == en().theme.decision_heading.patch(en().theme.current_hit))
        );
    }

    #[test]
    fn accents_fold_in_the_highlight_as_in_the_search() {
        let (m, mut i) = sample();
        i.title = "Møde med Müller om caféen".into();
        let view = item_view(
            &m,
            &i,
            60,
            Some(Highlight {
                query: "muller cafe",
                current: 0,
                mode: MatchMode::Terms,
            }),
            &en(),
        );
        let underlined = crate::tui::testing::underlined(&view.lines[view.hits[0]]);
        assert_eq!(underlined, ["Müller", "café"]);
    }

    #[test]
    fn full_text_terms_fold_like_the_search() {
        let (m, i) = sample();
        let view = item_view(
            &m,
            &i,
            60,
            Some(Highlight {
                query: "realdania \"FØRSTE   punkt\" gaard",
                current: 0,
                mode: MatchMode::Terms,
            }),
            &en(),
        );
        let text = text_of(&view);
        let lines: Vec<&str> = view.hits.iter().map(|&l| text[l].as_str()).collect();
        // title (gård), the Realdania sentence, the list entry
        assert_eq!(
            lines,
            [
                "Kvarterhus Gadehavegård - uddannelsesreformen",
                "Tekst om Realdania.",
                "• første punkt"
            ]
        );
        let hit = |line: usize, needle: &str| {
            view.lines[line].spans.iter().any(|s| {
                s.content == needle
                    && s.style
                        .add_modifier
                        .contains(ratatui::style::Modifier::UNDERLINED)
            })
        };
        assert!(hit(view.hits[0], "gård"));
        assert!(hit(view.hits[1], "Realdania"));
        assert!(hit(view.hits[2], "første punkt"));
        // every section's first line is recorded
        assert_eq!(view.places.len(), 3);
        assert_eq!(text[view.places[0]], "Baggrund");
        assert_eq!(view.places[2], view.decisions[0]);
    }

    #[test]
    fn hostile_text_is_made_visible() {
        let (m, mut i) = sample();
        i.title = "Evil \x1b]0;x\x07 \x1b[2J".into();
        i.sections.read_mut()[1].text = "a\x1b[2J\tb".into();
        let view = item_view(&m, &i, 60, None, &en());
        let all = text_of(&view).join("\n");
        assert!(!all.contains('\x1b') && !all.contains('\x07'));
        assert!(all.contains("Evil ␛]0;x ␛[2J"));
        assert!(all.contains("a␛[2J"));
    }

    #[test]
    fn danish_labels_and_iso_dates() {
        let (m, i) = sample();
        let look = Look {
            lang: Lang::Da,
            dates: crate::config::DateFormat::Iso,
            ..Look::default()
        };
        let text = text_of(&item_view(&m, &i, 60, None, &look));
        assert_eq!(text[1], "Sag 18/15736");
        assert_eq!(text[2], "Direktionen 2025-03-25 · punkt 6 · side 4");
        let text = text_of(&decisions_view(&m, 60, None, &look));
        assert_eq!(text[0], "Beslutninger · Direktionen 2025-03-25");
        assert!(text.join(" ").contains("(sag 18/15736)"), "{text:?}");
    }

    #[test]
    fn decisions_view_lists_every_item() {
        let (mut m, i) = sample();
        let mut open = i.clone();
        open.number = 7;
        open.sections.read_mut().truncate(1);
        m.items.push(open);
        let view = decisions_view(&m, 60, None, &en());
        let text = text_of(&view);
        assert_eq!(view.anchors.len(), 2);
        assert!(text[view.anchors[0]].starts_with("6. Kvarterhus"));
        assert!(text[view.anchors[1]..].contains(&"No decision".to_string()));
        assert_eq!(view.decisions.len(), 1);
    }

    #[test]
    fn citation_format() {
        let (m, i) = sample();
        assert_eq!(
            citation(&m, &i),
            "Direktionen 25-03-2025, punkt 6: Kvarterhus Gadehavegård - uddannelsesreformen (sag 18/15736)"
        );
    }

    #[test]
    fn narrow_widths_never_panic() {
        let (m, i) = sample();
        for w in 0..30 {
            let view = item_view(
                &m,
                &i,
                w,
                Some(Highlight {
                    query: "a",
                    current: 0,
                    mode: MatchMode::Terms,
                }),
                &en(),
            );
            assert!(!view.lines.is_empty());
            let _ = decisions_view(&m, w, None, &en());
        }
    }

    #[test]
    fn share_gives_narrow_columns_their_width() {
        assert_eq!(share(&[4, 40], 30), vec![4, 26]);
        assert_eq!(share(&[4, 10], 30), vec![4, 10]);
    }
}
