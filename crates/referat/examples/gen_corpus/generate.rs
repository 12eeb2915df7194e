//! The corpus generator proper: deterministic, realistic minutes plus the facts each
//! document was written to express.
//!
//! Pure apart from reading the bundled sample through `referat_core::corpus::BUNDLED`:
//! no I/O, no clock, no global state, so the command line (`main.rs`) can write the
//! documents in parallel and the round-trip test (`tests/all/gen_corpus_roundtrip.rs`)
//! can compare what the loader reads with what was meant.
//!
//! Generation runs in two phases:
//! 1. [`Generator::new`] plans every meeting sequentially (forum, date, file path,
//!    size, item counts) and builds the shared pool of case numbers. This is the
//!    only part that needs to see all meetings at once, and it is cheap.
//! 2. [`Generator::document`] writes one meeting from its plan, with a random stream
//!    of its own. Documents are therefore independent: they can be written in any
//!    order, on any number of threads, and the output stays byte-identical.
//!
//! Everything written follows the variants described in the reference data's
//! `docs/FORMAT.md`; the vocabulary (topics, sentences, decisions, attachment names,
//! tables, people) is harvested at run time from the five bundled documents.

use std::collections::HashSet;
use std::fmt::Write as _;

use rayon::prelude::*;
use referat_core::Date;
use referat_core::corpus::BUNDLED;

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

/// SplitMix64: a tiny, fast generator with good statistical quality for this use.
///
/// Written out here rather than taken from a crate so that the output of a seed is
/// fixed by this file alone and never changes with a dependency upgrade.
#[derive(Debug, Clone)]
pub struct Rng(u64);

/// The SplitMix64 output function, also used to derive independent streams.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Purposes of random streams, so that e.g. the plan and document 0 never share
/// numbers.
const STREAM_PLAN: u64 = 1;
const STREAM_CASES: u64 = 2;
const STREAM_MEMBERS: u64 = 3;
const STREAM_DOCUMENT: u64 = 4;
/// Retries of a document use `STREAM_RETRY + attempt`.
const STREAM_RETRY: u64 = 100;
/// How often a document is rewritten to land within the size bounds.
const MAX_ATTEMPTS: u64 = 8;

impl Rng {
    /// An independent stream for one `purpose` and `index` under `seed`. Each
    /// document has its own, which is what makes parallel output deterministic.
    pub fn stream(seed: u64, purpose: u64, index: u64) -> Rng {
        let state = mix(seed ^ mix(purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ mix(index)));
        Rng(state)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift: no modulo bias worth noting.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`, from 53 random bits (exact, so the same on every platform).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given relative weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------

/// The corpus spans twenty years of meetings.
pub const FIRST_YEAR: u16 = 2006;
pub const LAST_YEAR: u16 = 2025;

/// Dates are planned as day numbers ([`Date::unix_days`]) so that "two weeks
/// earlier" and weekdays are arithmetic.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    Date::new(year as u16, month as u8, day as u8)
        .expect("a planned calendar day is valid")
        .unix_days()
}

fn civil_from_days(days: i64) -> Date {
    Date::from_unix_days(days).expect("a computed calendar day is valid")
}

fn day_number(date: Date) -> i64 {
    date.unix_days()
}

/// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
fn weekday(days: i64) -> usize {
    (days + 3).rem_euclid(7) as usize
}

/// The nearest working day at or before `days`: committees do not meet at weekends.
fn working_day_before(mut days: i64) -> i64 {
    while weekday(days) >= 5 {
        days -= 1;
    }
    days
}

const WEEKDAYS: [&str; 7] = [
    "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag",
];

/// The month names the loader reads, so the generator writes nothing else.
use referat_core::loader::dates::MONTHS;

// ---------------------------------------------------------------------------
// Forums and subject domains
// ---------------------------------------------------------------------------

/// What a case is about. Forums handle the domains they are responsible for, so a
/// case about a local plan is followed from the technical committee through the
/// finance committee to the council, as in real minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Domain {
    Administration,
    Economy,
    Technical,
    Children,
    Social,
    Culture,
    Employment,
}

const DOMAINS: [Domain; 7] = [
    Domain::Administration,
    Domain::Economy,
    Domain::Technical,
    Domain::Children,
    Domain::Social,
    Domain::Culture,
    Domain::Employment,
];

impl Domain {
    fn index(self) -> usize {
        DOMAINS.iter().position(|d| *d == self).expect("listed")
    }

    /// The committee that prepares this domain's cases for the council.
    fn committee(self) -> &'static str {
        match self {
            Domain::Administration => "Direktionen",
            Domain::Economy => "Økonomiudvalget",
            Domain::Technical => "Teknik- og Miljøudvalget",
            Domain::Children => "Børne- og Ungeudvalget",
            Domain::Social => "Social- og Sundhedsudvalget",
            Domain::Culture => "Kultur- og Fritidsudvalget",
            Domain::Employment => "Beskæftigelsesudvalget",
        }
    }
}

/// How a forum's minutes look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ForumKind {
    /// Direktionen: short items, "Øvrige sager" first, many closed items.
    Management,
    /// Chefforum: `CF - ` titles with presenters and time slots, undated decisions.
    LeadersForum,
    /// A standing committee.
    Committee,
    /// Byrådet: long minutes, decisions of the finance committee quoted first.
    Council,
}

struct Forum {
    name: &'static str,
    slug: &'static str,
    kind: ForumKind,
    /// Relative share of the meetings.
    weight: u32,
    domains: &'static [Domain],
    /// Percent applied to the planned document size (councils write more).
    size_percent: u32,
    /// Typical start times.
    times: &'static [&'static str],
    places: &'static [&'static str],
    /// Share of meetings whose minutes list `Mødedeltagere` (percent).
    lists_participants: u32,
    /// Members per election period: min and max.
    members: (usize, usize),
}

const FORUMS: [Forum; 9] = [
    Forum {
        name: "Direktionen",
        slug: "direktionen",
        kind: ForumKind::Management,
        weight: 30,
        domains: &[Domain::Administration, Domain::Economy],
        size_percent: 80,
        times: &["08:30", "09:00", "09:30", "12:00"],
        places: &[
            "Mødelokale 1.14",
            "Mødelokale B105",
            "Direktionens mødelokale",
        ],
        lists_participants: 70,
        members: (3, 5),
    },
    Forum {
        name: "Chefforum",
        slug: "chefforum",
        kind: ForumKind::LeadersForum,
        weight: 12,
        domains: &[Domain::Administration],
        size_percent: 100,
        times: &["13:00", "13:15", "13:30"],
        places: &["Mødelokale 1", "Mødelokale 2.05", "Kantinen, Rådhuset"],
        lists_participants: 30,
        members: (7, 11),
    },
    Forum {
        name: "Økonomiudvalget",
        slug: "oekonomiudvalget",
        kind: ForumKind::Committee,
        weight: 10,
        domains: &[
            Domain::Economy,
            Domain::Technical,
            Domain::Children,
            Domain::Social,
            Domain::Employment,
        ],
        size_percent: 130,
        times: &["16:00", "16:30", "17:00"],
        places: &["Udvalgsværelse 1", "Borgmesterens mødelokale"],
        lists_participants: 80,
        members: (7, 9),
    },
    Forum {
        name: "Teknik- og Miljøudvalget",
        slug: "teknik-og-miljoeudvalget",
        kind: ForumKind::Committee,
        weight: 10,
        domains: &[Domain::Technical],
        size_percent: 110,
        times: &["16:00", "17:00", "17:30"],
        places: &["Udvalgsværelse 2", "Materielgården"],
        lists_participants: 75,
        members: (5, 7),
    },
    Forum {
        name: "Børne- og Ungeudvalget",
        slug: "boerne-og-ungeudvalget",
        kind: ForumKind::Committee,
        weight: 8,
        domains: &[Domain::Children],
        size_percent: 100,
        times: &["16:00", "16:30", "17:00"],
        places: &["Udvalgsværelse 1", "Borgerskolen, personalerummet"],
        lists_participants: 75,
        members: (5, 7),
    },
    Forum {
        name: "Social- og Sundhedsudvalget",
        slug: "social-og-sundhedsudvalget",
        kind: ForumKind::Committee,
        weight: 7,
        domains: &[Domain::Social],
        size_percent: 100,
        times: &["15:30", "16:00", "16:30"],
        places: &["Udvalgsværelse 3", "Plejecenter Torstorp"],
        lists_participants: 75,
        members: (5, 7),
    },
    Forum {
        name: "Kultur- og Fritidsudvalget",
        slug: "kultur-og-fritidsudvalget",
        kind: ForumKind::Committee,
        weight: 6,
        domains: &[Domain::Culture],
        size_percent: 90,
        times: &["16:30", "17:00", "18:00"],
        places: &["Udvalgsværelse 2", "Taastrup Teater"],
        lists_participants: 75,
        members: (5, 7),
    },
    Forum {
        name: "Beskæftigelsesudvalget",
        slug: "beskaeftigelsesudvalget",
        kind: ForumKind::Committee,
        weight: 6,
        domains: &[Domain::Employment],
        size_percent: 90,
        times: &["16:00", "17:00"],
        places: &["Udvalgsværelse 3", "Jobcentret, mødelokale 4"],
        lists_participants: 75,
        members: (5, 7),
    },
    Forum {
        name: "Byrådet",
        slug: "byraadet",
        kind: ForumKind::Council,
        weight: 10,
        domains: &[
            Domain::Economy,
            Domain::Technical,
            Domain::Children,
            Domain::Social,
            Domain::Culture,
            Domain::Employment,
        ],
        size_percent: 150,
        times: &["18:30", "19:00"],
        places: &["Byrådssalen", "Byrådssalen, Rådhuset"],
        lists_participants: 60,
        members: (19, 25),
    },
];

// ---------------------------------------------------------------------------
// Facts: what a document was written to say
// ---------------------------------------------------------------------------

/// What one generated document says, as the generator meant it. The round-trip
/// test compares these with what the loader reads back.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingFacts {
    pub forum: String,
    pub date: Date,
    /// `HH:MM`.
    pub start_time: String,
    pub location: Option<String>,
    /// Empty when the document has no `Mødedeltagere` line.
    pub participants: Vec<String>,
    pub markdown: bool,
    /// Whether the document has a table of contents.
    pub has_toc: bool,
    pub items: Vec<ItemFacts>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemFacts {
    pub number: u32,
    /// The title as in the item heading (not the TOC entry, which may differ).
    pub title: String,
    pub case_numbers: Vec<String>,
    pub closed: bool,
    /// The table of contents entry for this item as written, without leader and
    /// page (usually the title; sometimes with a typo); `None` without a TOC.
    pub toc_title: Option<String>,
    /// The page the table of contents gives; `None` without a TOC.
    pub toc_page: Option<u32>,
    /// One entry per decision section of the meeting's own forum, in document
    /// order: the date its heading carries, `None` for a bare `Beslutning`.
    /// Quoted recommendations of other committees are not among them.
    pub decision_dates: Vec<Option<Date>>,
    /// Prose lines of this item that begin like a dated decision heading but are
    /// sentences (`Beslutning om … træffes af Byrådet den 24-06-2025.`). FORMAT.md:
    /// only a line that is a heading on its own starts a section.
    pub decision_lookalikes: Vec<String>,
}

/// One generated minutes document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Relative path with `/` separators: `<forum>/<year>/<date>-<forum>.txt|md`.
    pub path: String,
    /// The text, `\n`-separated: what a reader sees after decoding the file.
    pub text: String,
    /// How the file is stored ([`Document::bytes`]).
    pub encoding: FileEncoding,
    /// Windows line ends in the file.
    pub crlf: bool,
    pub facts: MeetingFacts,
}

/// File encodings FORMAT.md reports from other sources than the sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEncoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

impl Document {
    /// The file as written to disk: line ends and encoding applied.
    pub fn bytes(&self) -> Vec<u8> {
        let text = if self.crlf {
            self.text.replace('\n', "\r\n")
        } else {
            self.text.clone()
        };
        match self.encoding {
            FileEncoding::Utf8 => text.into_bytes(),
            FileEncoding::Utf8Bom => {
                let mut bytes = Vec::with_capacity(text.len() + 3);
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
                bytes.extend_from_slice(text.as_bytes());
                bytes
            }
            FileEncoding::Windows1252 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        }
    }

    /// The size of [`Document::bytes`], without building them.
    pub fn file_len(&self) -> usize {
        let line_ends = if self.crlf {
            self.text.bytes().filter(|b| *b == b'\n').count()
        } else {
            0
        };
        line_ends
            + match self.encoding {
                FileEncoding::Utf8 => self.text.len(),
                FileEncoding::Utf8Bom => self.text.len() + 3,
                FileEncoding::Windows1252 => self.text.chars().count(),
            }
    }
}

// ---------------------------------------------------------------------------
// Vocabulary harvested from the bundled sample
// ---------------------------------------------------------------------------

/// Words, sentences and structures taken from the bundled sample, so generated
/// minutes read like the real ones without shipping a second text corpus.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Item titles without forum prefixes, presenters and time slots.
    pub topics: Vec<String>,
    /// Whole body paragraphs (one line each).
    pub paragraphs: Vec<String>,
    /// Sentences cut from the paragraphs, recombined into new paragraphs.
    pub sentences: Vec<String>,
    /// Bullet list entries without their marker.
    pub bullets: Vec<String>,
    /// Decision texts.
    pub decisions: Vec<String>,
    /// Recommendation texts.
    pub recommendations: Vec<String>,
    /// Short lines used as sub-headings inside a section.
    pub subheadings: Vec<String>,
    /// Tab-separated tables, several rows each (some with HTML fragments).
    pub tables: Vec<Vec<String>>,
    /// Attachment file names.
    pub attachments: Vec<String>,
    /// Autolinks (`<https://…>`).
    pub links: Vec<String>,
    /// People named in `Mødedeltagere` lines.
    pub names: Vec<String>,
    /// Places from `Mødested` lines.
    pub places: Vec<String>,
}

/// Section words as FORMAT.md lists them, lower case: harvested prose must not start
/// with one, or it could read as a heading.
const SECTION_WORDS: [&str; 11] = [
    "baggrund",
    "indstilling",
    "indstillinger",
    "beslutning",
    "beslutninger",
    "sagsfremstilling",
    "anledning",
    "bilag",
    "økonomi",
    "vurdering",
    "sagens hovedpunkter",
];

const ATTACHMENT_ENDINGS: [&str; 8] = [
    ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".msg",
];

/// A sample line without markdown heading marks, emphasis, hard breaks or line-end
/// white space; tabs inside are kept (they separate table cells).
fn harvest_plain(raw: &str) -> String {
    let line = raw.trim_end();
    let line = line.trim_start_matches('#').trim_start_matches(' ');
    line.replace("**", "").trim_matches(' ').to_string()
}

/// `Punkt 2: Title` → `Title` (the sample's own heading form only).
fn harvest_item_title(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("Punkt ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    Some(rest[digits..].strip_prefix(':')?.trim())
}

/// The section word a heading line names, if it is one on its own (or a dated
/// decision heading).
fn harvest_section_word(line: &str) -> Option<&'static str> {
    let lower = line.trim_end_matches(':').to_lowercase();
    if let Some(word) = SECTION_WORDS.iter().find(|w| **w == lower) {
        return Some(word);
    }
    (lower.starts_with("beslutning ") && lower.contains(" den ")).then_some("beslutning")
}

/// Whether `text` could be taken for structure when it starts a line: a section
/// word, an item heading word, a header label, or a line in capitals.
fn starts_like_structure(text: &str) -> bool {
    let first: String = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([':', ',', '.'])
        .to_lowercase();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 5 && letters.iter().all(|c| c.is_uppercase());
    SECTION_WORDS.contains(&first.as_str())
        || ["punkt", "pkt", "sag", "lukket", "referat"].contains(&first.as_str())
        || capitals
}

fn case_number_like(line: &str) -> bool {
    !line.is_empty()
        && line.len() < 30
        && !line.contains(' ')
        && line.bytes().any(|b| b.is_ascii_digit())
        && line
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"./-".contains(&b))
}

fn bullet_content(line: &str) -> Option<&str> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
        return Some(rest.trim());
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        return line[digits..].strip_prefix(". ").map(str::trim);
    }
    None
}

/// An item title reduced to its topic: `CF - Onboarding af ledere v. Søren (Bente
/// Poulsen deltager) (13:55-14:15)` → `Onboarding af ledere`.
fn topic_of(title: &str) -> String {
    let mut t = title.trim().trim_start_matches("CF - ").to_string();
    if let Some(at) = t.find(" v. ") {
        t.truncate(at);
    }
    while let Some(open) = t.rfind(" (") {
        if t.ends_with(')') {
            t.truncate(open);
        } else {
            break;
        }
    }
    // A trailing date (`Økonomiopfølgning 02-11-2015`) belongs to one meeting.
    if let Some((head, last)) = t.rsplit_once(' ')
        && last.len() == 10
        && last.bytes().filter(|b| *b == b'-').count() == 2
    {
        t = head.to_string();
    }
    t.trim().to_string()
}

fn push_unique(list: &mut Vec<String>, seen: &mut HashSet<String>, value: String) {
    if seen.insert(value.clone()) {
        list.push(value);
    }
}

impl Vocabulary {
    /// Harvests the bundled sample.
    pub fn bundled() -> Vocabulary {
        Vocabulary::harvest(BUNDLED.iter().map(|(_, text)| *text))
    }

    /// Reads minutes texts line by line, sorting each line into the vocabulary by
    /// where it stands (header, which section) and what it looks like. Simple
    /// rules suffice because the sample is small and known; the generator's output
    /// must not depend on the loader it is meant to test.
    pub fn harvest<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut v = Vocabulary::default();
        let mut seen = HashSet::new();
        for text in texts {
            let mut in_items = false;
            let mut section: Option<&'static str> = None;
            let mut table: Vec<String> = Vec::new();
            let mut participants: Option<String> = None;
            for raw in text.lines() {
                let line = harvest_plain(raw);
                if line.contains('\t') && in_items {
                    table.push(line.trim_end_matches(['\t', ' ']).to_string());
                    continue;
                }
                if table.len() >= 2 {
                    v.tables.push(std::mem::take(&mut table));
                }
                table.clear();
                if let Some(list) = &mut participants {
                    if !line.is_empty() {
                        list.push(' ');
                        list.push_str(&line);
                        continue;
                    }
                    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        push_unique(&mut v.names, &mut seen, name.to_string());
                    }
                    participants = None;
                }
                if line.is_empty() {
                    continue;
                }
                if let Some(title) = harvest_item_title(&line) {
                    in_items = true;
                    section = None;
                    let topic = topic_of(title);
                    let generic = ["Lukket", "Øvrige sager", "Evt.", "Evt. og øvrige sager"];
                    if topic.chars().count() >= 6 && !generic.contains(&topic.as_str()) {
                        push_unique(&mut v.topics, &mut seen, topic);
                    }
                    continue;
                }
                if !in_items {
                    if let Some(rest) = line.strip_prefix("Mødedeltagere") {
                        participants = Some(rest.trim().to_string());
                    } else if let Some(rest) = line.strip_prefix("Mødested") {
                        push_unique(&mut v.places, &mut seen, rest.trim().to_string());
                    }
                    continue;
                }
                if let Some(word) = harvest_section_word(&line) {
                    section = Some(word);
                    continue;
                }
                if case_number_like(&line) {
                    continue;
                }
                let lower = line.to_lowercase();
                if ATTACHMENT_ENDINGS.iter().any(|e| lower.ends_with(e)) {
                    push_unique(&mut v.attachments, &mut seen, line);
                    continue;
                }
                if line.starts_with("<http") {
                    push_unique(&mut v.links, &mut seen, line);
                    continue;
                }
                if let Some(content) = bullet_content(&line) {
                    if content.chars().count() >= 10 && !content.contains('Ã') {
                        push_unique(&mut v.bullets, &mut seen, content.to_string());
                    }
                    continue;
                }
                if line.contains('Ã') || line.contains('<') || starts_like_structure(&line) {
                    continue;
                }
                let chars = line.chars().count();
                if chars >= 60 {
                    match section {
                        Some("beslutning" | "beslutninger") => {
                            push_unique(&mut v.decisions, &mut seen, line)
                        }
                        Some("indstilling" | "indstillinger") => {
                            push_unique(&mut v.recommendations, &mut seen, line)
                        }
                        _ => {
                            for sentence in sentences_of(&line) {
                                push_unique(&mut v.sentences, &mut seen, sentence);
                            }
                            push_unique(&mut v.paragraphs, &mut seen, line);
                        }
                    }
                } else if (4..=45).contains(&chars)
                    && line.starts_with(char::is_uppercase)
                    && !line.ends_with(['.', ',', '?'])
                {
                    push_unique(&mut v.subheadings, &mut seen, line);
                }
            }
            if table.len() >= 2 {
                v.tables.push(table);
            }
        }
        v
    }
}

/// Splits a paragraph into sentences at ". " before a capital letter; keeps the
/// ones that can open a line on their own.
fn sentences_of(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    for (i, _) in paragraph.match_indices(". ") {
        let next = paragraph[i + 2..].chars().next();
        if next.is_some_and(char::is_uppercase) && i > start {
            out.push(paragraph[start..=i].trim().to_string());
            start = i + 2;
        }
    }
    if start < bytes.len() {
        out.push(paragraph[start..].trim().to_string());
    }
    out.retain(|s| {
        let n = s.chars().count();
        (30..=400).contains(&n) && s.ends_with(['.', '?', '!']) && !starts_like_structure(s)
    });
    out
}

// ---------------------------------------------------------------------------
// Case numbers
// ---------------------------------------------------------------------------

/// One case in the shared pool: its number and what it is about.
#[derive(Debug, Clone)]
struct Case {
    number: String,
    title: String,
}

/// Every case the corpus refers to, by the year it was opened and its domain.
///
/// Items draw from the pool of their meeting's year or the two years before, so a
/// case recurs over time and across forums, like a case followed from committee to
/// committee. The pool is built before any document is written, which keeps
/// documents independent of each other.
struct CasePool {
    /// Indexed by `(year - FIRST_YEAR) * DOMAINS.len() + domain`.
    cells: Vec<Vec<Case>>,
    /// The standing case per forum and year (`Øvrige sager`, `Godkendelse af
    /// dagsorden`), indexed by `forum * years + (year - FIRST_YEAR)`.
    standing: Vec<String>,
}

const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// How many items on average refer to one pooled case.
const MEAN_REUSE: f64 = 2.5;

/// KLE subjects (emne) plausible for minutes, and action facets (handlingsfacet).
const KLE_SUBJECTS: [&str; 16] = [
    "00.01.00", "00.01.10", "00.15.00", "00.22.00", "00.32.10", "01.02.05", "02.34.02", "04.02.00",
    "05.01.08", "13.02.00", "17.01.10", "27.24.00", "28.00.00", "81.05.00", "85.02.02", "85.08.15",
];
const KLE_FACETS: [&str; 10] = [
    "A00", "A21", "A26", "G01", "G20", "P20", "P22", "S00", "K07", "A08",
];

/// A new case number for a case opened in `year`: `YY/NNNNN` or, for a third of
/// the cases, the KLE form `00.01.00-A21-6-19`.
fn case_number(rng: &mut Rng, year: u16) -> String {
    let yy = year % 100;
    if rng.chance(0.3) {
        format!(
            "{}-{}-{}-{:02}",
            rng.pick(&KLE_SUBJECTS),
            rng.pick(&KLE_FACETS),
            rng.between(1, 40),
            yy
        )
    } else {
        // Serial numbers grow through the year; small ones occur (`25/69`).
        let serial = if rng.chance(0.05) {
            rng.between(1, 999)
        } else {
            rng.between(1000, 39_999)
        };
        format!("{yy:02}/{serial}")
    }
}

// Title material per domain. `{area}`, `{year}` and friends are filled in by
// `fill_template`.
const AREAS: [&str; 12] = [
    "Taastrup",
    "Hedehusene",
    "Fløng",
    "Sengeløse",
    "Reerslev",
    "Vridsløsemagle",
    "Taastrupgård",
    "Gadehavegård",
    "Charlottekvarteret",
    "Nærheden",
    "Baldersbrønde",
    "Torstorp",
];
const ROADS: [&str; 7] = [
    "Roskildevej",
    "Køgevej",
    "Hveen Boulevard",
    "Hovedgaden",
    "Taastrup Hovedgade",
    "Ole Rømers Vej",
    "Stationsvej",
];
const INSTITUTIONS: [&str; 8] = [
    "Borgerskolen",
    "Selsmoseskolen",
    "Parkskolen",
    "Torstorp Skole",
    "Plejecenter Torstorp",
    "Bakkegården",
    "Taastrup Idrætshal",
    "Hedehusene Svømmehal",
];

const TOPICS_ADMINISTRATION: [&str; 18] = [
    "Ny kommunikationsstrategi",
    "Krisemanual og beredskab",
    "Kompetenceudvikling for ledere",
    "Onboarding af nye medarbejdere",
    "Sygefravær i {year}",
    "Trivselsmåling {year}",
    "Arbejdsmiljø og APV {year}",
    "Revision af lønpolitikken",
    "Ledelsesgrundlag og god ledelse",
    "Forenklingsprogrammet",
    "Digitaliseringsstrategi {year}-{year3}",
    "Informationssikkerhed og GDPR",
    "Oprydning i SBSYS før aflevering til Rigsarkivet",
    "Fremtidens administration",
    "Indretning af nyt rådhus",
    "Rammer for hjemmearbejde",
    "Strategisk lederforums seminar {year}",
    "Organisering af arbejdet med kapacitetssager",
];
const TOPICS_ECONOMY: [&str; 12] = [
    "Budgetopfølgning {n} {year}",
    "Budget {next} – tidsplan for budgetlægningen",
    "Regnskab {prev}",
    "Anlægsplan {year}-{year3}",
    "Overførsler fra {prev} til {year}",
    "Likviditet og låneoptag {year}",
    "Økonomisk politik",
    "Indkøbspolitik",
    "Finansiel strategi",
    "Takster for {next}",
    "Skatteprocent og grundskyld {next}",
    "Økonomiopfølgning {month} {year}",
];
const TOPICS_TECHNICAL: [&str; 12] = [
    "Lokalplan {n3} for boliger i {area}",
    "Kommuneplantillæg nr. {n} for {area}",
    "Trafiksikkerhedsplan {year}",
    "Klimatilpasning i {area}",
    "Affaldsplan {year}-{year6}",
    "Renovering af {road}",
    "Cykelsti langs {road}",
    "Spildevandsplan {year}",
    "Udskiftning af vejbelysning til LED",
    "Byggemodning af erhvervsområde i {area}",
    "Salg af byggegrunde i {area}",
    "Varmeplan og fjernvarme i {area}",
];
const TOPICS_CHILDREN: [&str; 10] = [
    "Kvalitetsrapport for folkeskolen {year}",
    "Skolestruktur i {area}",
    "Dagtilbudsstruktur {year}",
    "Inklusion og specialundervisning",
    "Kapacitet i daginstitutioner i {area}",
    "Ny daginstitution i {area}",
    "Ungdomsskolens virksomhedsplan {year}",
    "Sammenhængende børne- og ungepolitik",
    "Udbygning af {institution}",
    "Tilsyn med dagtilbud {year}",
];
const TOPICS_SOCIAL: [&str; 10] = [
    "Møde med Ældrerådet",
    "Ældrepolitik",
    "Sundhedspolitik {year}-{year3}",
    "Tilsynsrapport for {institution}",
    "Udbud af hjemmepleje",
    "Demensindsatsen",
    "Handicappolitik",
    "Rehabilitering på ældreområdet",
    "Værdighedspolitik {year}",
    "Misbrugsbehandling",
];
const TOPICS_CULTURE: [&str; 8] = [
    "Møde med Folkeoplysningsudvalget",
    "Kulturpolitik {year}-{year3}",
    "Tilskud til foreninger {year}",
    "Renovering af {institution}",
    "Biblioteksbetjening i {area}",
    "Folkeoplysningspolitik",
    "Kunst i det offentlige rum",
    "Lokaletilskud {next}",
];
const TOPICS_EMPLOYMENT: [&str; 8] = [
    "Beskæftigelsesplan {next}",
    "Beskæftigelsesstrategi",
    "Integration af flygtninge",
    "Unge uden uddannelse i {area}",
    "Jobcentrets resultater {year}",
    "Virksomhedssamarbejde",
    "Ressourceforløb",
    "Opfølgning på sygedagpenge",
];

/// Fills `{year}`, `{area}` … in a title template.
fn fill_template(rng: &mut Rng, template: &str, year: u16) -> String {
    let mut out = template.to_string();
    let replacements: [(&str, String); 11] = [
        ("{year3}", (year + 3).to_string()),
        ("{year6}", (year + 6).to_string()),
        ("{year}", year.to_string()),
        ("{next}", (year + 1).to_string()),
        ("{prev}", (year - 1).to_string()),
        ("{n3}", rng.between(1100, 1290).to_string()),
        ("{n}", rng.between(1, 24).to_string()),
        ("{month}", rng.pick(&MONTHS).to_string()),
        ("{area}", rng.pick(&AREAS).to_string()),
        ("{road}", rng.pick(&ROADS).to_string()),
        ("{institution}", rng.pick(&INSTITUTIONS).to_string()),
    ];
    for (key, value) in replacements {
        if out.contains(key) {
            out = out.replace(key, &value);
        }
    }
    out
}

/// A case title for `domain`, opened in `year`. Administration also draws on the
/// sample's own item titles.
fn case_title(rng: &mut Rng, vocab: &Vocabulary, domain: Domain, year: u16) -> String {
    let templates: &[&str] = match domain {
        Domain::Administration => {
            if !vocab.topics.is_empty() && rng.chance(0.5) {
                return rng.pick(&vocab.topics).clone();
            }
            &TOPICS_ADMINISTRATION
        }
        Domain::Economy => &TOPICS_ECONOMY,
        Domain::Technical => &TOPICS_TECHNICAL,
        Domain::Children => &TOPICS_CHILDREN,
        Domain::Social => &TOPICS_SOCIAL,
        Domain::Culture => &TOPICS_CULTURE,
        Domain::Employment => &TOPICS_EMPLOYMENT,
    };
    let template = *rng.pick(templates);
    fill_template(rng, template, year)
}

impl CasePool {
    /// Builds the pool so that each cell holds about `expected / MEAN_REUSE` cases,
    /// where `expected` is how many items will draw from it.
    fn build(seed: u64, vocab: &Vocabulary, expected: &[f64], forums: usize) -> CasePool {
        let mut rng = Rng::stream(seed, STREAM_CASES, 0);
        let mut used = HashSet::new();
        let mut fresh = |rng: &mut Rng, year: u16| loop {
            let number = case_number(rng, year);
            if used.insert(number.clone()) {
                return number;
            }
        };
        let mut cells = Vec::with_capacity(expected.len());
        for (cell, want) in expected.iter().enumerate() {
            let year = FIRST_YEAR + (cell / DOMAINS.len()) as u16;
            let domain = DOMAINS[cell % DOMAINS.len()];
            let size = ((want / MEAN_REUSE).round() as usize).max(2);
            let cases = (0..size)
                .map(|_| Case {
                    number: fresh(&mut rng, year),
                    title: case_title(&mut rng, vocab, domain, year),
                })
                .collect();
            cells.push(cases);
        }
        let mut standing = Vec::with_capacity(forums * YEARS);
        for _ in 0..forums {
            for y in 0..YEARS {
                // Often opened at the end of the year before (`24/24964` in 2025).
                let year = FIRST_YEAR + y as u16;
                let opened = if y > 0 && rng.chance(0.5) {
                    year - 1
                } else {
                    year
                };
                standing.push(fresh(&mut rng, opened));
            }
        }
        CasePool { cells, standing }
    }

    fn cell(&self, year: u16, domain: Domain) -> &[Case] {
        &self.cells[(year - FIRST_YEAR) as usize * DOMAINS.len() + domain.index()]
    }

    fn standing(&self, forum: usize, year: u16) -> &str {
        &self.standing[forum * YEARS + (year - FIRST_YEAR) as usize]
    }
}

/// How far back (in years) an item reaches for its case, with weights: most cases
/// are recent, some were opened one or two years earlier.
const CASE_AGE_WEIGHTS: [u32; 3] = [60, 28, 12];

// ---------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------

/// One meeting as planned before its text is written.
#[derive(Debug, Clone)]
struct MeetingPlan {
    forum: usize,
    date: Date,
    path: String,
    /// The size the document should come out at, in bytes.
    target_bytes: usize,
    open_items: usize,
    closed_items: usize,
    /// The forum's two previous meeting dates, for earlier (postponed) decisions.
    previous: [Option<Date>; 2],
    markdown: bool,
}

/// Documents are kept within these sizes (bytes): 2 KiB to 60 kB.
pub const MIN_BYTES: usize = 2048;
pub const MAX_BYTES: usize = 60_000;

/// Room kept free per item still to be written, for its headings, decisions,
/// recommendation and attachments, so that prose never pushes a document past
/// [`MAX_BYTES`]: at least this much, or 1.5 times what the items so far needed.
const FIXED_RESERVE_PER_ITEM: usize = 800;

/// The planned size of one document: mostly modest, with a long tail of big council
/// minutes (the mean lands near 17 KB).
fn plan_size(rng: &mut Rng, forum: &Forum) -> usize {
    let u = rng.unit();
    let v = rng.unit();
    let shape = 0.5 * u * u * u + 0.5 * u * v;
    let span = 57_500.0 * f64::from(forum.size_percent) / 100.0;
    (2_600 + (span * shape) as usize).min(56_000)
}

/// How many closed items a meeting has: management closes personnel and contract
/// matters often, councils sometimes, others rarely.
fn plan_closed(rng: &mut Rng, kind: ForumKind) -> usize {
    let (p, max) = match kind {
        ForumKind::Management => (0.35, 5),
        ForumKind::Council => (0.45, 4),
        ForumKind::Committee => (0.15, 2),
        ForumKind::LeadersForum => (0.05, 1),
    };
    if rng.chance(p) {
        rng.between(1, max)
    } else {
        0
    }
}

/// Plans every meeting: forum shares by weight, dates spread over twenty years of
/// working days, unique file paths, sizes and item counts.
fn plan_meetings(seed: u64, meetings: usize) -> Vec<MeetingPlan> {
    let mut rng = Rng::stream(seed, STREAM_PLAN, 0);
    let weights: Vec<u32> = FORUMS.iter().map(|f| f.weight).collect();
    let mut counts = vec![0usize; FORUMS.len()];
    for _ in 0..meetings {
        counts[rng.weighted(&weights)] += 1;
    }
    let first = days_from_civil(i64::from(FIRST_YEAR), 1, 1);
    let last = days_from_civil(i64::from(LAST_YEAR), 12, 31);
    let working: Vec<i64> = (first..=last).filter(|d| weekday(*d) < 5).collect();

    let mut plans = Vec::with_capacity(meetings);
    for (f, forum) in FORUMS.iter().enumerate() {
        let k = counts[f];
        let mut dates = Vec::with_capacity(k);
        for j in 0..k {
            // Slot j of k over the working days, at a random day within the slot:
            // meetings are spread evenly, never two in one slot while k fits.
            let at = ((j as f64 + rng.unit()) * working.len() as f64 / k as f64) as usize;
            dates.push(civil_from_days(working[at.min(working.len() - 1)]));
        }
        for (j, date) in dates.iter().enumerate() {
            let size = plan_size(&mut rng, forum);
            let per_item = rng.between(2_200, 3_600);
            let open_items = (size.saturating_sub(900) / per_item).clamp(1, 20);
            let closed_items = plan_closed(&mut rng, forum.kind);
            let markdown = rng.chance(0.3);
            plans.push(MeetingPlan {
                forum: f,
                date: *date,
                path: String::new(),
                target_bytes: size,
                open_items,
                closed_items,
                previous: [
                    j.checked_sub(1).map(|p| dates[p]),
                    j.checked_sub(2).map(|p| dates[p]),
                ],
                markdown,
            });
        }
    }
    plans.sort_by_key(|p| (p.date, p.forum));

    // Paths as a user's folder would have them; a second meeting of a forum on the
    // same day (only when more meetings are asked for than there are working days)
    // gets a suffix.
    let mut used = HashSet::new();
    for plan in &mut plans {
        let forum = &FORUMS[plan.forum];
        // A share of markdown exports were saved as .txt, like the sample's.
        let ext = if plan.markdown && rng.chance(0.8) {
            "md"
        } else {
            "txt"
        };
        let base = format!(
            "{slug}/{year}/{date}-{slug}",
            slug = forum.slug,
            year = plan.date.year,
            date = plan.date
        );
        let mut path = format!("{base}.{ext}");
        let mut n = 2;
        while !used.insert(path.clone()) {
            path = format!("{base}-{n}.{ext}");
            n += 1;
        }
        plan.path = path;
    }
    plans
}

/// How many items will draw from each pool cell, so the pool can be sized for the
/// wanted reuse.
fn expected_draws(plans: &[MeetingPlan]) -> Vec<f64> {
    let mut expected = vec![0.0; YEARS * DOMAINS.len()];
    let total_weight: u32 = CASE_AGE_WEIGHTS.iter().sum();
    for plan in plans {
        let forum = &FORUMS[plan.forum];
        // The first item is the standing case; the rest draw from the pool.
        let draws = plan.open_items.saturating_sub(1) as f64;
        let per_domain = draws / forum.domains.len() as f64;
        for (age, w) in CASE_AGE_WEIGHTS.iter().enumerate() {
            let year = (plan.date.year - age as u16).max(FIRST_YEAR);
            let share = per_domain * f64::from(*w) / f64::from(total_weight);
            for domain in forum.domains {
                expected[(year - FIRST_YEAR) as usize * DOMAINS.len() + domain.index()] += share;
            }
        }
    }
    expected
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// A planned corpus; documents are produced on demand with [`Generator::document`].
pub struct Generator {
    seed: u64,
    vocab: Vocabulary,
    plans: Vec<MeetingPlan>,
    pool: CasePool,
    /// Members per forum and election period, indexed `forum * PERIODS + period`.
    members: Vec<Vec<String>>,
}

/// Election periods of four years; a forum's members change with each.
const PERIODS: usize = YEARS.div_ceil(4);

const FIRST_NAMES: [&str; 40] = [
    "Lars",
    "Anya",
    "Rasmus",
    "Jakob",
    "Jørgen",
    "Charlotte",
    "Kathrine",
    "Søren",
    "René",
    "Birgit",
    "Susanne",
    "Jette",
    "Pernille",
    "Bente",
    "Anne-Mette",
    "Tina",
    "Sofie",
    "Jens",
    "Mette",
    "Henrik",
    "Lone",
    "Peter",
    "Hanne",
    "Michael",
    "Karen",
    "Morten",
    "Camilla",
    "Thomas",
    "Louise",
    "Niels",
    "Ida",
    "Mads",
    "Line",
    "Kim",
    "Helle",
    "Ole",
    "Marianne",
    "Ahmad",
    "Fatima",
    "Kasper",
];
const MIDDLE_NAMES: [&str; 8] = [
    "Krogh",
    "Lyng",
    "Seier",
    "Vanggaard",
    "Bach",
    "Holm",
    "Dahl",
    "Kjær",
];
const LAST_NAMES: [&str; 30] = [
    "Holte",
    "Manghezi",
    "Knudsen",
    "Lind",
    "Lerhard",
    "Markussen",
    "Skastrup",
    "Poulsen",
    "Brandt",
    "Koudal",
    "Obdrup",
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Møller",
    "Vestergaard",
    "Frandsen",
    "Bøgh",
];

/// A person's name; sometimes one from the sample's own participant lists.
fn person(rng: &mut Rng, vocab: &Vocabulary) -> String {
    if !vocab.names.is_empty() && rng.chance(0.15) {
        return rng.pick(&vocab.names).clone();
    }
    let first = rng.pick(&FIRST_NAMES);
    let last = rng.pick(&LAST_NAMES);
    if rng.chance(0.3) {
        format!("{first} {} {last}", rng.pick(&MIDDLE_NAMES))
    } else {
        format!("{first} {last}")
    }
}

impl Generator {
    /// Plans `meetings` meetings under `seed`, harvesting the bundled sample.
    pub fn new(meetings: usize, seed: u64) -> Generator {
        Generator::with_vocabulary(meetings, seed, Vocabulary::bundled())
    }

    pub fn with_vocabulary(meetings: usize, seed: u64, vocab: Vocabulary) -> Generator {
        let plans = plan_meetings(seed, meetings);
        let pool = CasePool::build(seed, &vocab, &expected_draws(&plans), FORUMS.len());
        let mut members = Vec::with_capacity(FORUMS.len() * PERIODS);
        for (f, forum) in FORUMS.iter().enumerate() {
            for period in 0..PERIODS {
                let mut rng = Rng::stream(seed, STREAM_MEMBERS, (f * PERIODS + period) as u64);
                let size = rng.between(forum.members.0, forum.members.1);
                let mut names: Vec<String> = Vec::with_capacity(size);
                while names.len() < size {
                    let name = person(&mut rng, &vocab);
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                members.push(names);
            }
        }
        Generator {
            seed,
            vocab,
            plans,
            pool,
            members,
        }
    }

    pub fn len(&self) -> usize {
        self.plans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    /// The folders the documents go into (relative, `/`-separated), each once.
    pub fn folders(&self) -> Vec<String> {
        let mut folders: Vec<String> = self
            .plans
            .iter()
            .filter_map(|p| p.path.rsplit_once('/').map(|(dir, _)| dir.to_string()))
            .collect();
        folders.sort();
        folders.dedup();
        folders
    }

    /// All documents, generated in parallel (in index order).
    pub fn documents(&self) -> Vec<Document> {
        (0..self.len())
            .into_par_iter()
            .map(|i| self.document(i))
            .collect()
    }

    /// Writes document `index` (`0..len()`). Depends only on the seed, the plan and
    /// the index, never on other documents.
    ///
    /// Budgets keep nearly every document within [`MIN_BYTES`]..=[`MAX_BYTES`] at
    /// the first attempt; the rare one that is not is written again from the next
    /// random stream, which keeps the bounds a guarantee and the output
    /// deterministic.
    pub fn document(&self, index: usize) -> Document {
        let mut attempt = 0;
        loop {
            let doc = self.attempt(index, attempt);
            if (MIN_BYTES..=MAX_BYTES).contains(&doc.file_len()) || attempt == MAX_ATTEMPTS {
                return doc;
            }
            attempt += 1;
        }
    }

    fn attempt(&self, index: usize, attempt: u64) -> Document {
        let plan = &self.plans[index];
        let purpose = if attempt == 0 {
            STREAM_DOCUMENT
        } else {
            STREAM_RETRY + attempt
        };
        let mut rng = Rng::stream(self.seed, purpose, index as u64);
        let style = Style::choose(&mut rng, plan);
        let items = self.plan_items(&mut rng, plan, &style);
        let period = (plan.date.year - FIRST_YEAR) as usize / 4;
        let members = &self.members[plan.forum * PERIODS + period];
        let mut writer = Writer {
            out: String::with_capacity(plan.target_bytes + 4096),
            rng,
            vocab: &self.vocab,
            style,
            forum: &FORUMS[plan.forum],
            date: plan.date,
            limit: MAX_BYTES,
            lookalikes: Vec::new(),
            body_start: 0,
            items_done: 0,
            prose_bytes: 0,
        };
        let header = writer.header(members);
        writer.toc(&items, header.has_toc);
        writer.body_start = writer.out.len();
        let total = items.len();
        let last_open = items.iter().rposition(|item| !item.closed);
        let mut lookalikes = Vec::with_capacity(total);
        for (i, item) in items.iter().enumerate() {
            writer.item(item, total - i - 1, Some(i) == last_open);
            writer.items_done += 1;
            lookalikes.push(std::mem::take(&mut writer.lookalikes));
        }
        let (encoding, crlf) = file_form(&mut writer.rng, &writer.out, writer.style.markdown);
        let facts = MeetingFacts {
            items: items
                .iter()
                .zip(lookalikes)
                .map(|(item, decision_lookalikes)| ItemFacts {
                    number: item.number,
                    title: item.title.clone(),
                    case_numbers: item.case.iter().cloned().collect(),
                    closed: item.closed,
                    toc_title: header.has_toc.then(|| item.toc_title.clone()),
                    toc_page: header.has_toc.then_some(item.page),
                    // A preparing committee's recommendation is quoted history
                    // (`earlier_decision`), not this meeting's decision.
                    decision_dates: item
                        .decisions
                        .iter()
                        .filter(|d| d.kind != DecisionKind::Recommended)
                        .map(|d| d.heading_date)
                        .collect(),
                    decision_lookalikes,
                })
                .collect(),
            ..header
        };
        Document {
            path: plan.path.clone(),
            text: writer.out,
            encoding,
            crlf,
            facts,
        }
    }
}

/// How a document is stored: markdown exports are UTF-8 with LF; a few plain
/// documents come with a BOM, CRLF line ends or in Windows-1252 (when every
/// character has a byte there).
fn file_form(rng: &mut Rng, text: &str, markdown: bool) -> (FileEncoding, bool) {
    if markdown {
        return (FileEncoding::Utf8, false);
    }
    let crlf = rng.chance(0.08);
    let encoding = match rng.weighted(&[92, 4, 4]) {
        0 => FileEncoding::Utf8,
        1 => FileEncoding::Utf8Bom,
        _ if !encoding_rs::WINDOWS_1252.encode(text).2 => FileEncoding::Windows1252,
        _ => FileEncoding::Utf8,
    };
    (encoding, crlf)
}

// ---------------------------------------------------------------------------
// Items as planned within a meeting
// ---------------------------------------------------------------------------

/// Why an earlier decision was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DecisionKind {
    /// The forum postponed the case at an earlier meeting.
    Postponed,
    /// A preparing committee recommended the case to this forum.
    Recommended,
    /// The decision of this meeting.
    Final,
}

#[derive(Debug, Clone)]
struct DecisionPlan {
    forum: &'static str,
    /// The date written in the heading; `None` for a bare `Beslutning`.
    heading_date: Option<Date>,
    kind: DecisionKind,
}

#[derive(Debug, Clone)]
struct ItemPlan {
    number: u32,
    title: String,
    /// The TOC's version of the title: usually the same, sometimes with a typo.
    toc_title: String,
    case: Option<String>,
    closed: bool,
    decisions: Vec<DecisionPlan>,
    /// Bytes to spend on the body.
    budget: usize,
    page: u32,
}

/// What "Beslutning om … træffes …" sentences defer.
const DECIDED_LATER: [&str; 5] = [
    "den videre proces",
    "den endelige finansiering",
    "anlægsbevillingen",
    "placeringen",
    "udmøntningen af puljen",
];

/// Sample-style postponements and recommendations from preparing committees.
const POSTPONED: [&str; 4] = [
    "Sagen udsættes.",
    "Sagen blev udsat til næste møde.",
    "Punktet udsættes til et senere møde.",
    "Sagen udsættes med henblik på yderligere belysning af økonomien.",
];
const RECOMMENDED: [&str; 3] = [
    "Anbefales over for {to}.",
    "{from} indstiller til {to}, at indstillingen godkendes.",
    "Anbefales med de faldne bemærkninger.",
];
const FINAL: [&str; 8] = [
    "{forum} godkender indstillingen.",
    "{forum} tog orienteringen til efterretning.",
    "Indstillingen blev godkendt.",
    "{forum} godkendte sagens indstillinger med de faldne bemærkninger.",
    "Godkendt.",
    "Taget til efterretning.",
    "{forum} drøftede sagen og besluttede at arbejde videre med model 2.",
    "{forum} tager sagen til efterretning.",
];

impl Generator {
    /// Decides the items of one meeting: titles, case numbers, closed items,
    /// decisions and their dates, body budgets and TOC pages.
    fn plan_items(&self, rng: &mut Rng, plan: &MeetingPlan, style: &Style) -> Vec<ItemPlan> {
        let forum = &FORUMS[plan.forum];
        let year = plan.date.year;
        let mut items: Vec<ItemPlan> = Vec::new();
        let mut used_cases: Vec<Case> = Vec::new();

        for i in 0..plan.open_items {
            let (title, case) = if i == 0 {
                (standing_title(rng, forum, plan.date), {
                    Some(self.pool.standing(plan.forum, year).to_string())
                })
            } else {
                let case = self.draw_case(rng, forum, year, &used_cases);
                used_cases.push(case.clone());
                (
                    item_title(rng, forum, plan.date, &case.title),
                    Some(case.number),
                )
            };
            // FORMAT.md: the case number can be missing.
            let case = if rng.chance(0.02) { None } else { case };
            let decisions = plan_decisions(rng, plan, forum, style, i == 0);
            items.push(ItemPlan {
                number: 0,
                toc_title: title.clone(),
                title,
                case,
                closed: false,
                decisions,
                budget: 0,
                page: 0,
            });
        }
        if forum.kind == ForumKind::LeadersForum {
            items.push(ItemPlan {
                number: 0,
                title: "CF - Evt.".to_string(),
                toc_title: "CF - Evt.".to_string(),
                case: Some(self.pool.standing(plan.forum, year).to_string()),
                closed: false,
                decisions: vec![final_decision(plan, forum, style.dated_decisions)],
                budget: 0,
                page: 0,
            });
            add_time_slots(rng, &mut items);
        }

        // Budgets: what is left after the header, split by random weights.
        let header_estimate = 700 + 90 * (items.len() + plan.closed_items);
        let body = plan.target_bytes.saturating_sub(header_estimate).max(600);
        let weights: Vec<usize> = items.iter().map(|_| rng.between(1, 6)).collect();
        let total: usize = weights.iter().sum();
        for (item, w) in items.iter_mut().zip(&weights) {
            item.budget = (body * w / total).max(250);
        }
        // The first item (standing business) is short, often just a case number.
        items[0].budget = items[0].budget.min(1_500);
        if rng.chance(0.3) && items.len() > 1 {
            items[0].budget = 0;
            items[0].decisions.clear();
        }

        // Closed items come as a block, after the first item or at the end.
        if plan.closed_items > 0 {
            let at = if rng.chance(0.5) { 1 } else { items.len() };
            let closed: Vec<ItemPlan> = (0..plan.closed_items)
                .map(|_| {
                    let opened = year - rng.below(2) as u16;
                    ItemPlan {
                        number: 0,
                        title: "Lukket".to_string(),
                        toc_title: "Lukket".to_string(),
                        case: Some(case_number(rng, opened)),
                        closed: true,
                        decisions: Vec::new(),
                        budget: 0,
                        page: 0,
                    }
                })
                .collect();
            let at = at.min(items.len());
            items.splice(at..at, closed);
        }

        // Numbers, TOC pages (a page per ~3.5 kB of body) and TOC typos.
        let mut page = 3;
        for (i, item) in items.iter_mut().enumerate() {
            item.number = i as u32 + 1;
            item.page = page;
            page += (item.budget / 3_500).max(1) as u32;
            if !item.closed && rng.chance(0.02) {
                item.toc_title = with_typo(rng, &item.title);
            }
        }
        items
    }

    /// A case from the pool for an item of `forum` in `year`: one of the forum's
    /// domains, opened this year or one or two years before; neither a case nor a
    /// title the meeting already has (two cases can share a title, but one agenda
    /// does not list "Misbrugsbehandling" twice).
    fn draw_case(&self, rng: &mut Rng, forum: &Forum, year: u16, used: &[Case]) -> Case {
        let mut last = None;
        for _ in 0..16 {
            let age = rng.weighted(&CASE_AGE_WEIGHTS) as u16;
            let opened = year.saturating_sub(age).max(FIRST_YEAR);
            let domain = *rng.pick(forum.domains);
            let case = rng.pick(self.pool.cell(opened, domain));
            let taken = used
                .iter()
                .any(|u| u.number == case.number || u.title == case.title);
            if !taken {
                return case.clone();
            }
            last = Some(case);
        }
        last.expect("sixteen draws were made").clone()
    }
}

/// The forum's standing first item.
fn standing_title(rng: &mut Rng, forum: &Forum, date: Date) -> String {
    match forum.kind {
        ForumKind::Management => match rng.below(4) {
            0 => format!("Øvrige sager {}", date.danish()),
            1 => "Evt. og øvrige sager".to_string(),
            _ => "Øvrige sager".to_string(),
        },
        ForumKind::LeadersForum => "CF - Godkendelse af dagsorden og referat".to_string(),
        ForumKind::Committee | ForumKind::Council => {
            if rng.chance(0.5) {
                "Godkendelse af dagsorden".to_string()
            } else {
                "Meddelelser".to_string()
            }
        }
    }
}

/// An item title for a pooled case, in the forum's manner.
fn item_title(rng: &mut Rng, forum: &Forum, date: Date, case_title: &str) -> String {
    match forum.kind {
        ForumKind::LeadersForum => {
            let presenter = rng.pick(&FIRST_NAMES);
            if rng.chance(0.3) {
                let other = rng.pick(&FIRST_NAMES);
                format!("CF - {case_title} v. {presenter} og {other}")
            } else {
                format!("CF - {case_title} v. {presenter}")
            }
        }
        ForumKind::Management if rng.chance(0.15) => {
            format!(
                "{case_title} – {} {}",
                MONTHS[date.month as usize - 1],
                date.year
            )
        }
        _ => case_title.to_string(),
    }
}

/// Chefforum's time slots: the first item opens the meeting, the others get slots
/// in a running order that differs from the item numbers (FORMAT.md).
fn add_time_slots(rng: &mut Rng, items: &mut [ItemPlan]) {
    let start = 13 * 60 + 15;
    let first = &mut items[0];
    first.title = format!("{} ({})", first.title, clock(start));
    let slotted = items.len().saturating_sub(2);
    let mut order: Vec<usize> = (1..=slotted).collect();
    rng.shuffle(&mut order);
    let mut at = start + 20;
    for i in order {
        let minutes = *rng.pick(&[10, 15, 20, 30, 60]);
        let item = &mut items[i];
        item.title = format!("{} ({}-{})", item.title, clock(at), clock(at + minutes));
        at += minutes;
    }
    for item in items.iter_mut() {
        item.toc_title = item.title.clone();
    }
}

fn clock(minutes: usize) -> String {
    format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
}

/// The decisions of an item: none, one, or up to three when the case was postponed
/// before or recommended by a preparing committee first.
fn plan_decisions(
    rng: &mut Rng,
    plan: &MeetingPlan,
    forum: &Forum,
    style: &Style,
    standing: bool,
) -> Vec<DecisionPlan> {
    let count = if standing {
        rng.weighted(&[45, 55])
    } else {
        rng.weighted(&[18, 64, 14, 4])
    };
    if count == 0 {
        return Vec::new();
    }
    let mut decisions = Vec::with_capacity(count);
    let earlier = count - 1;
    let meeting_day = day_number(plan.date);
    if earlier > 0 && forum.kind == ForumKind::Council && rng.chance(0.6) {
        // Byrådet quotes the finance committee (and before it the committee of the
        // case's domain) a week or two earlier.
        let mut chain = vec!["Økonomiudvalget"];
        if earlier > 1 {
            let domain = forum.domains[rng.below(forum.domains.len())];
            chain.insert(0, domain.committee());
        }
        for (k, from) in chain.iter().enumerate() {
            let back = 7 * (chain.len() - k) as i64 + rng.below(3) as i64;
            let date = civil_from_days(working_day_before(meeting_day - back));
            decisions.push(DecisionPlan {
                forum: from,
                heading_date: Some(date),
                kind: DecisionKind::Recommended,
            });
        }
    } else {
        for k in (0..earlier).rev() {
            let date = plan.previous[k].unwrap_or_else(|| {
                civil_from_days(working_day_before(meeting_day - 14 * (k as i64 + 1)))
            });
            decisions.push(DecisionPlan {
                forum: forum.name,
                heading_date: Some(date),
                kind: DecisionKind::Postponed,
            });
        }
    }
    // Several decisions are always dated: without dates they could not be told
    // apart. A single one follows the document's habit.
    decisions.push(final_decision(
        plan,
        forum,
        style.dated_decisions || earlier > 0,
    ));
    decisions
}

fn final_decision(plan: &MeetingPlan, forum: &Forum, dated: bool) -> DecisionPlan {
    DecisionPlan {
        forum: forum.name,
        heading_date: dated.then_some(plan.date),
        kind: DecisionKind::Final,
    }
}

/// The title with two neighbouring letters swapped, as in the sample's TOC
/// (`Økonomiopfølgning` vs `Økonomifølging`).
fn with_typo(rng: &mut Rng, title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let candidates: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&i| {
            chars[i].is_lowercase() && chars[i + 1].is_lowercase() && chars[i] != chars[i + 1]
        })
        .collect();
    if candidates.is_empty() {
        return title.to_string();
    }
    let i = *rng.pick(&candidates);
    let mut chars = chars;
    chars.swap(i, i + 1);
    chars.into_iter().collect()
}

// ---------------------------------------------------------------------------
// Document style
// ---------------------------------------------------------------------------

/// How section headings are written in one document (documents are consistent in
/// themselves, different from each other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadingCase {
    /// `Baggrund`, `Beslutning Direktionen den 25-08-2025`.
    Plain,
    /// The 2015 style: `INDSTILLING`, `BESLUTNING DIREKTIONEN DEN 02-11-2015`,
    /// `ØKONOMI` in capitals, the other headings plain.
    SomeCapitals,
    /// Every section heading in capitals.
    AllCapitals,
}

#[derive(Debug, Clone)]
struct Style {
    markdown: bool,
    heading_case: HeadingCase,
    /// Markdown heading level for sections (2 or 3) and whether they are bold.
    md_level: usize,
    md_bold: f64,
    /// Whether a single decision's heading carries forum and date.
    dated_decisions: bool,
    /// Table of contents present, and as a markdown table.
    toc: bool,
    toc_table: bool,
    /// Mojibake left by a broken conversion (plain documents only).
    mojibake: bool,
    /// Zero-padded day in `Mødedato` (`d. 02. november 2015`).
    padded_day: bool,
    leading_blank_lines: usize,
}

impl Style {
    fn choose(rng: &mut Rng, plan: &MeetingPlan) -> Style {
        let forum = &FORUMS[plan.forum];
        let markdown = plan.markdown;
        let heading_case = if markdown {
            HeadingCase::Plain
        } else {
            match rng.weighted(&[75, 18, 7]) {
                0 => HeadingCase::Plain,
                1 => HeadingCase::SomeCapitals,
                _ => HeadingCase::AllCapitals,
            }
        };
        let dated_decisions = match forum.kind {
            ForumKind::LeadersForum => rng.chance(0.2),
            _ => rng.chance(0.85),
        };
        Style {
            markdown,
            heading_case,
            md_level: if rng.chance(0.6) { 3 } else { 2 },
            md_bold: *rng.pick(&[0.0, 0.7, 1.0]),
            dated_decisions,
            toc: rng.chance(0.95),
            toc_table: rng.chance(if markdown { 0.5 } else { 0.1 }),
            mojibake: !markdown && rng.chance(0.06),
            padded_day: rng.chance(0.3),
            leading_blank_lines: rng.weighted(&[20, 10, 70]),
        }
    }
}

// ---------------------------------------------------------------------------
// Writing a document
// ---------------------------------------------------------------------------

/// The parts of an item body, each written under its own heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Background,
    Occasion,
    Recommendation,
    Decisions,
    Presentation,
    Finance,
    Attachments,
}

/// Section orders seen in the sample (and in minutes generally); FORMAT.md: any
/// order occurs, `Bilag` first, `Beslutning` before `Sagsfremstilling`.
const ORDERS: [&[Part]; 7] = [
    &[
        Part::Background,
        Part::Recommendation,
        Part::Decisions,
        Part::Presentation,
        Part::Finance,
        Part::Attachments,
    ],
    &[
        Part::Background,
        Part::Recommendation,
        Part::Decisions,
        Part::Presentation,
    ],
    &[
        Part::Occasion,
        Part::Recommendation,
        Part::Presentation,
        Part::Decisions,
        Part::Attachments,
    ],
    &[
        Part::Attachments,
        Part::Background,
        Part::Recommendation,
        Part::Decisions,
        Part::Presentation,
    ],
    &[
        Part::Presentation,
        Part::Finance,
        Part::Recommendation,
        Part::Decisions,
        Part::Attachments,
    ],
    &[Part::Background, Part::Decisions, Part::Attachments],
    &[
        Part::Recommendation,
        Part::Presentation,
        Part::Finance,
        Part::Decisions,
    ],
];

/// What the header says, returned as the start of the meeting's facts.
type Header = MeetingFacts;

struct Writer<'a> {
    out: String,
    rng: Rng,
    vocab: &'a Vocabulary,
    style: Style,
    forum: &'static Forum,
    date: Date,
    /// The document length prose must not pass (see [`Writer::item`]).
    limit: usize,
    /// Decision look-alike prose lines written in the current item.
    lookalikes: Vec<String>,
    /// Where the items begin, how many are written and how many of their bytes are
    /// prose: what [`Writer::reserve_per_item`] measures.
    body_start: usize,
    items_done: usize,
    prose_bytes: usize,
}

impl Writer<'_> {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// Title line, `Mødedato`, `Mødested` and `Mødedeltagere` (some missing, the
    /// participant list wrapped, markdown labels in bold).
    fn header(&mut self, members: &[String]) -> Header {
        let forum = self.forum;
        let date = self.date;
        for _ in 0..self.style.leading_blank_lines {
            self.blank();
        }
        let hash = if self.style.markdown { "# " } else { "" };
        self.line(&format!(
            "{hash}REFERAT {} d. {}",
            forum.name,
            date.danish()
        ));
        self.blank();

        let label = |name: &str, md: bool| {
            if md {
                format!("**{name}**")
            } else {
                name.to_string()
            }
        };
        let md = self.style.markdown;
        let time = self.rng.pick(forum.times).to_string();
        let day = if self.style.padded_day {
            format!("{:02}", date.day)
        } else {
            date.day.to_string()
        };
        let when = format!(
            "{} {} d. {}. {} {} kl. {}",
            label("Mødedato", md),
            WEEKDAYS[weekday(day_number(date))],
            day,
            MONTHS[date.month as usize - 1],
            date.year,
            time
        );
        self.line(&when);
        self.blank();

        let location = if self.rng.chance(0.97) {
            let place = if !self.vocab.places.is_empty() && self.rng.chance(0.1) {
                self.rng.pick(&self.vocab.places).clone()
            } else {
                self.rng.pick(forum.places).to_string()
            };
            self.line(&format!("{} {place}", label("Mødested", md)));
            self.blank();
            Some(place)
        } else {
            None
        };

        let mut participants = Vec::new();
        if self.rng.chance(f64::from(forum.lists_participants) / 100.0) {
            participants = members.to_vec();
            let absent = self.rng.below(3).min(participants.len().saturating_sub(2));
            for _ in 0..absent {
                let gone = self.rng.below(participants.len());
                participants.remove(gone);
            }
            let list = participants.join(", ");
            let text = format!("{} {list}", label("Mødedeltagere", md));
            self.wrapped(&text);
            self.blank();
        }
        let has_toc = self.style.toc;
        MeetingFacts {
            forum: forum.name.to_string(),
            date,
            start_time: time,
            location,
            participants,
            markdown: md,
            has_toc,
            items: Vec::new(),
        }
    }

    /// Writes `text` wrapped at a space after about 60–90 characters, even in the
    /// middle of a name; markdown ends wrapped lines with a hard break (two spaces).
    fn wrapped(&mut self, text: &str) {
        let mut rest = text;
        loop {
            let width = self.rng.between(60, 95);
            if rest.chars().count() <= width {
                self.line(rest);
                return;
            }
            let cut = rest
                .char_indices()
                .take_while(|(i, _)| *i < width)
                .filter(|(_, c)| *c == ' ')
                .map(|(i, _)| i)
                .last();
            let Some(cut) = cut else {
                self.line(rest);
                return;
            };
            let (head, tail) = rest.split_at(cut);
            if self.style.markdown {
                self.line(&format!("{head}  "));
            } else {
                self.line(head);
            }
            rest = tail.trim_start();
        }
    }

    /// `Indholdsfortegnelse` with one entry per item: dotted leader, tab, page; or a
    /// markdown table. Long entries sometimes wrap.
    fn toc(&mut self, items: &[ItemPlan], has_toc: bool) {
        if !has_toc {
            return;
        }
        let heading = if self.style.markdown {
            "## Indholdsfortegnelse"
        } else {
            "Indholdsfortegnelse"
        };
        self.line(heading);
        self.blank();
        let table = self.style.toc_table;
        if table {
            self.line("| | |");
            self.line("|--|----|");
        }
        for item in items {
            let title = &item.toc_title;
            // A title's own full stop merges with the leader (`CF - Evt.....`); a
            // short leader is a single stop (`… – august 2025.\t4`).
            let leader = if title.ends_with('.') {
                "...."
            } else if !table && self.rng.chance(0.1) {
                "."
            } else {
                "....."
            };
            if table {
                self.line(&format!("| {title}{leader} | {} |", item.page));
                continue;
            }
            if let Some((head, tail)) = self.toc_wrap(title) {
                self.line(head);
                self.line(&format!("{tail}{leader}\t{}", item.page));
            } else {
                self.line(&format!("{title}{leader}\t{}", item.page));
            }
        }
        self.blank();
    }

    /// Where a long TOC entry wraps: at a space after 35 characters, before a word
    /// in lower case, after a letter (so the first half cannot pass for a page).
    fn toc_wrap<'t>(&mut self, title: &'t str) -> Option<(&'t str, &'t str)> {
        if title.chars().count() < 60 || !self.rng.chance(0.3) {
            return None;
        }
        let at = title
            .char_indices()
            .filter(|(i, c)| *c == ' ' && *i >= 35)
            .map(|(i, _)| i)
            .find(|&i| {
                title[i + 1..].starts_with(char::is_lowercase)
                    && title[..i].ends_with(char::is_alphabetic)
            })?;
        Some((&title[..at], &title[at + 1..]))
    }

    /// One item: heading, case number, then its sections (or nothing more when
    /// closed). `items_after` is how many items follow, to keep room for them.
    /// The last open item (`fills`) also tops the document up to [`MIN_BYTES`].
    fn item(&mut self, item: &ItemPlan, items_after: usize, fills: bool) {
        let heading = format!("Punkt {}: {}", item.number, item.title);
        if self.style.markdown {
            let line = match self.rng.below(3) {
                0 => format!("# {heading}"),
                1 => format!("## **{heading}**"),
                _ => format!("## {heading}"),
            };
            self.line(&line);
        } else {
            self.line(&heading);
        }
        self.blank();
        if let Some(case) = &item.case {
            self.line(case);
            self.blank();
        }
        if item.closed {
            return;
        }
        let budget = if fills {
            item.budget
                .max((MIN_BYTES + 300).saturating_sub(self.out.len()))
        } else {
            item.budget
        };
        if budget == 0 && item.decisions.is_empty() {
            return;
        }
        // Some items repeat their title before any section (FORMAT.md).
        if self.rng.chance(0.08) {
            let repeat = item.title.clone();
            self.line(&repeat);
            self.blank();
        }
        let parts = self.parts(item, budget);
        let start = self.out.len();
        // Prose never grows past this, keeping room for the items still to come.
        let reserve = self.reserve_per_item() * (items_after + 1);
        self.limit = MAX_BYTES.saturating_sub(reserve);
        let big = parts
            .iter()
            .filter(|p| matches!(p, Part::Background | Part::Presentation))
            .count()
            .max(1);
        for part in parts {
            let used = self.out.len() - start;
            let room = MAX_BYTES.saturating_sub(self.out.len() + reserve + 400);
            let share = (budget.saturating_sub(used) / big).min(room);
            self.part(part, item, share);
        }
    }

    /// The sections this item gets, in one of the known orders.
    fn parts(&mut self, item: &ItemPlan, budget: usize) -> Vec<Part> {
        let mut parts: Vec<Part> = self.rng.pick(&ORDERS).to_vec();
        if self.forum.kind == ForumKind::LeadersForum && self.rng.chance(0.5) {
            parts = ORDERS[2].to_vec();
        }
        if self.rng.chance(0.1) {
            self.rng.shuffle(&mut parts);
        }
        // Small items keep only their essentials.
        if budget < 900 {
            parts.retain(|p| matches!(p, Part::Background | Part::Decisions));
        }
        // Every item with a budget has prose to spend it on.
        if budget > 0
            && !parts
                .iter()
                .any(|p| matches!(p, Part::Background | Part::Presentation))
        {
            parts.insert(0, Part::Background);
        }
        let has_decisions = !item.decisions.is_empty();
        if has_decisions && !parts.contains(&Part::Decisions) {
            parts.push(Part::Decisions);
        }
        if !has_decisions {
            parts.retain(|p| *p != Part::Decisions);
        }
        parts.retain(|p| *p != Part::Finance || self.rng.chance(0.6));
        parts
    }

    fn part(&mut self, part: Part, item: &ItemPlan, budget: usize) {
        match part {
            Part::Background => {
                self.section_heading("Baggrund");
                self.prose(budget.max(150));
            }
            Part::Occasion => {
                self.section_heading("Anledning");
                let title = topic_of(&item.title);
                self.line(&title);
                self.blank();
            }
            Part::Recommendation => {
                self.section_heading("Indstilling");
                self.recommendation(item);
            }
            Part::Decisions => {
                for decision in &item.decisions {
                    self.decision(decision);
                }
            }
            Part::Presentation => {
                self.section_heading("Sagsfremstilling");
                self.prose(budget.max(200));
            }
            Part::Finance => {
                self.section_heading("Økonomi");
                self.finance();
            }
            Part::Attachments => {
                self.section_heading("Bilag");
                self.attachments(item);
            }
        }
    }

    /// A section heading in the document's style.
    fn section_heading(&mut self, word: &str) {
        let text = match self.style.heading_case {
            HeadingCase::Plain => word.to_string(),
            HeadingCase::AllCapitals => word.to_uppercase(),
            HeadingCase::SomeCapitals => {
                if matches!(word, "Indstilling" | "Økonomi") || word.starts_with("Beslutning") {
                    word.to_uppercase()
                } else {
                    word.to_string()
                }
            }
        };
        self.heading_line(&text);
    }

    fn heading_line(&mut self, text: &str) {
        if self.style.markdown {
            let level = if self.rng.chance(0.85) {
                self.style.md_level
            } else {
                5 - self.style.md_level
            };
            let hashes = &"######"[..level];
            let line = if self.rng.chance(self.style.md_bold) {
                format!("{hashes} **{text}**")
            } else {
                format!("{hashes} {text}")
            };
            self.line(&line);
        } else {
            self.line(text);
        }
        self.blank();
    }

    /// `Beslutning <Forum> den DD-MM-YYYY` (or bare `Beslutning`) and its text.
    fn decision(&mut self, decision: &DecisionPlan) {
        let heading = match decision.heading_date {
            Some(date) => format!("Beslutning {} den {}", decision.forum, date.danish()),
            None => "Beslutning".to_string(),
        };
        self.section_heading(&heading);
        let forum = self.forum.name;
        match decision.kind {
            DecisionKind::Postponed => {
                let text = *self.rng.pick(&POSTPONED);
                self.line(text);
                self.blank();
            }
            DecisionKind::Recommended => {
                let to = if decision.forum == "Økonomiudvalget" {
                    forum
                } else {
                    "Økonomiudvalget og Byrådet"
                };
                let text = self
                    .rng
                    .pick(&RECOMMENDED)
                    .replace("{from}", decision.forum)
                    .replace("{to}", to);
                self.line(&text);
                self.blank();
            }
            DecisionKind::Final => {
                let paragraphs = self.rng.weighted(&[55, 30, 15]) + 1;
                for _ in 0..paragraphs {
                    let text = if !self.vocab.decisions.is_empty() && self.rng.chance(0.5) {
                        self.rng
                            .pick(&self.vocab.decisions)
                            .replace("Direktionen", forum)
                            .replace("Chefforum", forum)
                    } else {
                        self.rng.pick(&FINAL).replace("{forum}", forum)
                    };
                    self.paragraph_line(&text);
                    self.blank();
                }
                if self.rng.chance(0.15) {
                    self.bullets(2);
                }
            }
        }
    }

    /// `<who> indstiller, at …` with a numbered list, or a harvested recommendation.
    fn recommendation(&mut self, item: &ItemPlan) {
        let forum = self.forum.name;
        if !self.vocab.recommendations.is_empty() && self.rng.chance(0.35) {
            let text = self.rng.pick(&self.vocab.recommendations).clone();
            let text = text
                .replace("Direktionen", forum)
                .replace("Chefforum", forum);
            self.paragraph_line(&text);
            self.blank();
            return;
        }
        let who = *self.rng.pick(&[
            "Kommunaldirektøren",
            "Administrationen",
            "Direktionen",
            "Center for Økonomi",
            "Center for By, Miljø og Teknik",
            "CBA",
        ]);
        if self.rng.chance(0.4) {
            let text = format!("At {forum} tager sagen til efterretning.");
            self.line(&text);
            self.blank();
            return;
        }
        self.line(&format!("{who} indstiller,"));
        self.blank();
        let topic = topic_of(&item.title).to_lowercase();
        let points = [
            format!("at {forum} godkender {topic}"),
            format!("at {forum} drøfter sagen"),
            "at udgiften finansieres inden for den eksisterende ramme".to_string(),
            format!("at {forum} tager orienteringen til efterretning"),
        ];
        let n = self.rng.between(1, 3);
        for (k, point) in points.iter().take(n).enumerate() {
            self.line(&format!("{}. {point}", k + 1));
        }
        self.blank();
    }

    /// A finance section: a sentence and often an amounts table (tab-separated).
    fn finance(&mut self) {
        let amount = self.rng.between(25, 4_000) * 1_000;
        let sentence = match self.rng.below(3) {
            0 => "Sagen har ingen økonomiske konsekvenser.".to_string(),
            1 => format!(
                "Udgiften på {} kr. finansieres inden for centrets eksisterende budget.",
                thousands(amount)
            ),
            _ => format!(
                "Der søges en tillægsbevilling på {} kr., som finansieres af kassebeholdningen.",
                thousands(amount)
            ),
        };
        self.paragraph_line(&sentence);
        self.blank();
        if self.rng.chance(0.5) {
            let y = self.date.year;
            self.line(&format!(
                "Beløb i 1.000 kr.\t{y}\t{}\t{}\t{}",
                y + 1,
                y + 2,
                y + 3
            ));
            for row in ["Drift", "Anlæg", "Indtægter"] {
                let mut line = row.to_string();
                for _ in 0..4 {
                    let value = self.rng.between(0, 5_000) as i64 - 1_000;
                    let _ = write!(line, "\t{}", thousands_signed(value));
                }
                self.line(&line);
            }
            self.blank();
        }
    }

    /// Attachment file names, one a line.
    fn attachments(&mut self, item: &ItemPlan) {
        let n = self.rng.between(1, 5);
        let topic = topic_of(&item.title);
        for k in 0..n {
            let name = if !self.vocab.attachments.is_empty() && self.rng.chance(0.4) {
                self.rng.pick(&self.vocab.attachments).clone()
            } else {
                let ext = *self.rng.pick(&[".pdf", ".pdf", ".docx", ".xlsx", ".pptx"]);
                match self.rng.below(3) {
                    0 => format!("Bilag {} {topic}{ext}", k + 1),
                    1 => format!("Notat - {topic}{ext}"),
                    _ => format!("{topic} {}{ext}", self.date.year),
                }
            };
            let name = self.maybe_mojibake(&name);
            self.line(&name);
            self.blank();
        }
    }

    /// Body text until about `budget` bytes: paragraphs (harvested or recombined),
    /// bullet lists, sub-headings, tables, links and the prose near-misses
    /// FORMAT.md warns about ("Punkt 3 i …").
    fn prose(&mut self, budget: usize) {
        let start = self.out.len();
        let mut blocks = 0;
        while self.out.len() - start < budget || blocks == 0 {
            blocks += 1;
            let before = self.out.len();
            let lookalikes_before = self.lookalikes.len();
            match self.rng.weighted(&[30, 34, 12, 10, 5, 3, 3]) {
                0 if !self.vocab.paragraphs.is_empty() => {
                    let text = self.rng.pick(&self.vocab.paragraphs).clone();
                    self.paragraph_line(&text);
                }
                2 if !self.vocab.bullets.is_empty() => {
                    let n = self.rng.between(2, 6);
                    self.bullets(n);
                }
                3 if !self.vocab.subheadings.is_empty() => {
                    let sub = self.rng.pick(&self.vocab.subheadings).clone();
                    let line = if self.style.markdown && self.rng.chance(0.5) {
                        format!("#### {sub}")
                    } else {
                        sub
                    };
                    self.line(&line);
                    self.blank();
                    self.composed_paragraph();
                }
                4 => self.table(),
                5 => self.near_miss(),
                6 if !self.vocab.links.is_empty() => {
                    let link = self.rng.pick(&self.vocab.links).clone();
                    self.line(&link);
                }
                _ => self.composed_paragraph(),
            }
            if !self.out.ends_with("\n\n") {
                self.blank();
            }
            if self.out.len() > self.limit && blocks > 1 {
                // Too long for the room left: take the block back.
                self.out.truncate(before);
                self.lookalikes.truncate(lookalikes_before);
                break;
            }
        }
        self.prose_bytes += self.out.len() - start;
    }

    /// Room to keep per item still to come (see [`FIXED_RESERVE_PER_ITEM`]),
    /// measured on the items written so far: Chefforum items with long harvested
    /// decisions need far more than committee items with a one-line decision.
    fn reserve_per_item(&self) -> usize {
        let fixed = self
            .out
            .len()
            .saturating_sub(self.body_start + self.prose_bytes);
        let measured = (fixed * 3 / 2).checked_div(self.items_done).unwrap_or(0);
        measured.max(FIXED_RESERVE_PER_ITEM)
    }

    /// Prose that begins like structure (FORMAT.md): "Punkt 3 i …" and "Beslutning
    /// om … træffes i …", the latter sometimes with the date of the coming decision.
    fn near_miss(&mut self) {
        match self.rng.below(5) {
            0 | 1 => {
                let n = self.rng.between(2, 9);
                self.line(&format!(
                    "Punkt {n} i handleplanen er gennemført, og de resterende punkter følges op på næste møde."
                ));
            }
            2 | 3 => {
                let what = *self.rng.pick(&DECIDED_LATER);
                self.line(&format!("Beslutning om {what} træffes i Byrådet."));
            }
            _ => {
                let what = *self.rng.pick(&DECIDED_LATER);
                let later = day_number(self.date) + 7 * self.rng.between(2, 8) as i64;
                let date = civil_from_days(working_day_before(later));
                let line = format!(
                    "Beslutning om {what} træffes af Byrådet den {}.",
                    date.danish()
                );
                self.line(&line);
                self.lookalikes.push(line);
            }
        }
    }

    /// Two to six harvested sentences joined into one paragraph line.
    fn composed_paragraph(&mut self) {
        if self.vocab.sentences.is_empty() {
            self.line("Sagen forelægges til orientering.");
            return;
        }
        let n = self.rng.between(2, 6);
        let mut text = String::new();
        for k in 0..n {
            if k > 0 {
                text.push(' ');
            }
            let sentence: &String = self.rng.pick(&self.vocab.sentences);
            text.push_str(sentence);
        }
        self.paragraph_line(&text);
    }

    /// A body paragraph; in markdown sometimes broken with a hard line break, in
    /// plain documents sometimes with mojibake.
    fn paragraph_line(&mut self, text: &str) {
        if self.style.markdown && text.len() > 160 && self.rng.chance(0.15) {
            // Break after a full stop past column 80, unless the next sentence could
            // pass for structure at the start of a line.
            let at = text
                .match_indices(". ")
                .map(|(i, _)| i + 1)
                .find(|&i| i >= 80 && !starts_like_structure(text[i..].trim_start()));
            if let Some(at) = at {
                let (head, tail) = text.split_at(at);
                let head = format!("{}  ", head.trim_end());
                self.line(&head);
                self.line(tail.trim_start());
                return;
            }
        }
        let text = self.maybe_mojibake(text);
        self.line(&text);
    }

    fn bullets(&mut self, n: usize) {
        let marker = *self.rng.pick(&["- ", "• ", "1. "]);
        let spaced = self.rng.chance(0.3);
        for k in 0..n {
            let entry = self.rng.pick(&self.vocab.bullets).clone();
            let line = if marker == "1. " {
                format!("{}. {entry}", k + 1)
            } else {
                format!("{marker}{entry}")
            };
            self.line(&line);
            if spaced {
                self.blank();
            }
        }
        if !spaced {
            self.blank();
        }
    }

    /// A harvested table (some with HTML fragments from the PDF converter) or a
    /// generated one, tab-separated.
    fn table(&mut self) {
        if !self.vocab.tables.is_empty() && self.rng.chance(0.6) {
            let rows = self.rng.pick(&self.vocab.tables).clone();
            for row in rows {
                self.line(&row);
            }
            return;
        }
        let y = self.date.year;
        self.line("\tAktivitet\tAnsvarlig\tFrist");
        for _ in 0..self.rng.between(2, 5) {
            let month = self.rng.pick(&MONTHS);
            let activity = self.rng.pick(&self.vocab.bullets).clone();
            let who = self.rng.pick(&FIRST_NAMES);
            let line = format!("{}\t{activity}\t{who}\t{month} {y}", capitalise(month));
            self.line(&line);
        }
    }

    /// Mojibake as FORMAT.md describes it: a lone `Ã` for `æ`, `Ã¸` for `ø`, `Ã¥`
    /// for `å`. Only in documents with the flaw, only in some lines.
    fn maybe_mojibake(&mut self, text: &str) -> String {
        if !self.style.mojibake || !self.rng.chance(0.3) {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                'æ' if chars.peek().is_some_and(char::is_ascii_lowercase) => out.push('Ã'),
                'ø' => out.push_str("Ã¸"),
                'å' => out.push_str("Ã¥"),
                c => out.push(c),
            }
        }
        out
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `505000` → `505.000` (Danish thousands separator).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn thousands_signed(n: i64) -> String {
    if n < 0 {
        format!("-{}", thousands(n.unsigned_abs() as usize))
    } else {
        thousands(n as usize)
    }
}
