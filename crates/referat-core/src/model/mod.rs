//! The in-memory model of minutes: meetings, their items and the items' sections.
//!
//! The model is what every front end shares: the JSON export serialises it as it is
//! (field names are the export contract), the command line prints from it and the
//! browser draws it. It holds cleaned text only, so nothing downstream has to know
//! about markdown, HTML fragments or mojibake in the source documents.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod sections;
pub use sections::{FoldedBlock, FoldedSpan, SectionStore, Sections, StoredSections};

/// A calendar date as written in minutes (`25-08-2025`, `25. august 2025`).
///
/// Minutes only ever need a day, so this is a plain triple rather than a date-time
/// library type; it orders chronologically and serialises as ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, four digits ([`Date::new`] takes 1000–9999).
    pub year: u16,
    /// The month, 1 (January) to 12.
    pub month: u8,
    /// The day of the month, from 1 ([`Date::new`] checks it against the month).
    pub day: u8,
}

impl Date {
    /// Builds a date when the parts form a real calendar day.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days_in_month && (1000..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Parses the ISO form `YYYY-MM-DD` (used on the command line and in the export).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// The day `days` days after 1970-01-01 (proleptic Gregorian, Howard
    /// Hinnant's algorithm); `None` outside the years [`Date::new`] takes.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// Days since 1970-01-01: the inverse of [`Date::from_unix_days`], so
    /// that "two weeks earlier" and weekdays are arithmetic.
    pub fn unix_days(self) -> i64 {
        let (year, month, day) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Today in UTC, by the system clock; `None` when the clock is before 1970.
    pub fn today() -> Option<Date> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        Date::from_unix_days(i64::try_from(secs / 86_400).ok()?)
    }

    /// The Danish short form used in minutes and citations: `25-08-2025`.
    pub fn danish(&self) -> String {
        format!("{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {text:?}")))
    }
}

/// One meeting: the header facts of a minutes document and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// Where the meeting came from: the path as given, or `assets/<name>` for the
    /// bundled sample.
    pub source: String,
    /// The other files that hold the same meeting (its PDF beside its text and
    /// its portal page), sorted. A corpus keeps one reading of a meeting, the
    /// fullest ([`crate::corpus`]), and lists here where the others are; a
    /// file read on its own leaves it empty, and the export then omits it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_in: Vec<String>,
    /// Minutes of a meeting held, or the agenda of one to come.
    #[serde(default)]
    pub document: Document,
    /// The body that met (`Direktionen`, `Chefforum`, `Aarhus Byråd`); empty when the
    /// document does not say.
    pub forum: Forum,
    /// The meeting's date: the title line's, else the date line's (`Mødedato`), else
    /// a dated decision heading's; `None` when none gives one.
    pub date: Option<Date>,
    /// `HH:MM`, from `kl. 12:00` in the `Mødedato` line.
    pub start_time: Option<String>,
    /// Where the meeting was held, as written after `Mødested` (`Mødelokale 1.14`).
    pub location: Option<String>,
    /// The members present: without party tags or roles, and without those
    /// absent for the whole meeting.
    pub participants: Vec<String>,
    /// Those listed as absent (`Fraværende`, `Afbud`), also for part of it.
    #[serde(default)]
    pub absent: Vec<String>,
    /// The table of contents as printed, in document order.
    pub toc: Vec<TocEntry>,
    /// The agenda items, in document order.
    pub items: Vec<Item>,
}

impl Meeting {
    /// Every file the meeting was read from: [`Meeting::source`], then
    /// [`Meeting::also_in`].
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.source.as_str()).chain(self.also_in.iter().map(String::as_str))
    }

    /// `Direktionen 25-08-2025`: how people name a meeting in speech and citations.
    pub fn label(&self) -> String {
        match (&self.date, self.forum.is_empty()) {
            (Some(date), false) => format!("{} {}", self.forum, date.danish()),
            (Some(date), true) => date.danish(),
            (None, false) => self.forum.to_string(),
            (None, true) => self.source.clone(),
        }
    }
}

/// What a document is: what its title line calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Document {
    /// `Referat`, `Beslutningsprotokol`: what was decided.
    #[default]
    Minutes,
    /// `Dagsorden`: what is to be decided. Its `Beslutning` paragraphs are
    /// proposals, not decisions.
    Agenda,
}

/// A forum's name (`Direktionen`, `Aarhus Byråd`). A corpus has a handful of
/// forums and thousands of meetings and case-history entries naming them, so
/// it keeps each name once ([`Forums`]) and every mention shares it.
///
/// Reads as a `&str` (`Deref`), compares with strings, and serialises as one.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Forum(Arc<str>);

impl Forum {
    /// The name as a `&str`, as `Deref` gives it too.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `self` and `other` are one stored name, not two equal ones.
    pub fn shares_storage_with(&self, other: &Forum) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for Forum {
    fn default() -> Forum {
        Forum::from("")
    }
}

impl Deref for Forum {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Forum {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Forum {
    fn from(name: &str) -> Forum {
        Forum(Arc::from(name))
    }
}

impl From<String> for Forum {
    fn from(name: String) -> Forum {
        Forum(Arc::from(name))
    }
}

impl PartialEq<str> for Forum {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Forum {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Display for Forum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Forum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Forum {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Forum {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Forum, D::Error> {
        String::deserialize(deserializer).map(Forum::from)
    }
}

/// The forum names of a corpus, each kept once: meetings and case-history
/// entries are given the stored name in place of their own copy.
#[derive(Debug, Clone, Default)]
pub struct Forums(std::collections::HashSet<Forum>);

impl Forums {
    /// Makes `forum` the stored name equal to it, storing it if new.
    pub fn intern(&mut self, forum: &mut Forum) {
        match self.0.get(forum.as_str()) {
            Some(stored) => *forum = stored.clone(),
            None => {
                self.0.insert(forum.clone());
            }
        }
    }

    /// [`Forums::intern`] for a meeting's forum and its items' case histories.
    pub fn intern_meeting(&mut self, meeting: &mut Meeting) {
        self.intern(&mut meeting.forum);
        for entry in meeting.items.iter_mut().flat_map(|i| &mut i.history) {
            self.intern(&mut entry.forum);
        }
    }

    /// Every forum name, in alphabetical order.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.0.iter().map(Forum::as_str).collect();
        names.sort_unstable();
        names
    }
}

/// One entry of the printed table of contents (`Indholdsfortegnelse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// The entry's title without leader dots, page number or `Punkt N:` prefix; a
    /// title wrapped onto the next line is joined into one.
    pub title: String,
    /// The page number printed for the entry; `None` when it shows none.
    pub page: Option<u32>,
}

/// One agenda item (`Punkt N: …`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The item's number as printed in the agenda (`Punkt 6` gives 6).
    pub number: u32,
    /// The title after the number: wrapped lines joined, a `Lukket:` prefix
    /// removed (see [`Item::closed`]).
    pub title: String,
    /// Case numbers as written (`24/24964`, `00.01.00-A21-6-19`, `EMN-2025-003383`).
    pub case_numbers: Vec<String>,
    /// A closed item (`Lukket`): its content is not public.
    pub closed: bool,
    /// The page the table of contents gives for this item.
    pub toc_page: Option<u32>,
    /// 1-based line in the source where the item heading stands.
    pub line: usize,
    /// The item's text, split at its section headings; for a cached meeting it stays
    /// in the cache file until read ([`Sections::read`]).
    pub sections: Sections,
    /// Earlier meetings of the case, as the item's own `Sagsforløb` section lists
    /// them; empty when the document has none.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// Other case numbers the item's title and text name
    /// ([`crate::loader::casenum::mentions_of`]): cross-references, found when
    /// the item is read so that finding them needs no scan of every text. Not
    /// part of the export.
    #[serde(default, skip_serializing)]
    pub mentions: Vec<String>,
}

/// One earlier treatment of a case, from an item's `Sagsforløb` (case history):
/// `Udvalg: Aarhus Byråd` / `Dato: 26-03-2025` / `Punktnummer: 21` and that
/// meeting's text. It lets a timeline show meetings that are not loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The body that treated the case then (`Udvalg: Aarhus Byråd`).
    pub forum: Forum,
    /// The date of that meeting (`Dato:`), when given.
    pub date: Option<Date>,
    /// The item number in that meeting.
    pub number: Option<u32>,
    /// What the entry says of that treatment: the lines after its labels, or the
    /// text of a quoted earlier decision.
    pub text: String,
}

impl Item {
    /// The item's decision sections, in document order. Reads the sections
    /// ([`Sections::read`]): for lists, [`Item::has_decision`] does not.
    pub fn decisions(&self) -> impl Iterator<Item = &Section> {
        self.sections
            .read()
            .iter()
            .filter(|s| s.kind == SectionKind::Decision)
    }

    /// The last decision: when an item was decided twice (first postponed, then
    /// decided), the last one is what stands. Reads the sections.
    pub fn last_decision(&self) -> Option<&Section> {
        self.decisions().last()
    }

    /// Whether the item has a decision, known without reading its sections
    /// (the cache keeps the count beside them), so drawing a list row never
    /// touches the disk.
    pub fn has_decision(&self) -> bool {
        self.sections.decision_count() > 0
    }

    /// The first non-blank line of the last decision, for one-line listings.
    /// Reads the sections.
    pub fn decision_summary(&self) -> Option<&str> {
        self.last_decision().and_then(|s| first_line(&s.text))
    }
}

impl Meeting {
    /// Reads every item's sections that are still stored, on all cores:
    /// before comparing meetings by content (equality never reads, see
    /// [`Sections`]) or serialising them with serde.
    pub fn read_sections(&self) {
        use rayon::prelude::*;
        self.items.par_iter().for_each(|item| {
            item.sections.read();
        });
    }
}

/// The first non-blank line of a text, trimmed: what one-line listings show.
pub fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty())
}

/// A section of an item, started by a heading such as `Baggrund` or
/// `Beslutning Direktionen den 25-08-2025`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as written, without markup; empty for text before the first heading.
    pub heading: String,
    /// What the section is, from its heading word; [`SectionKind::Other`] for text
    /// before the first heading.
    pub kind: SectionKind,
    /// The date a heading carries (`Beslutning Direktionen den 25-08-2025`).
    pub date: Option<Date>,
    /// Cleaned text: one paragraph or list entry a line, blank lines between
    /// paragraphs, tab-separated cells for table rows.
    pub text: String,
    /// 1-based line in the source where the section (its heading) starts.
    pub line: usize,
}

/// What a section is, from its heading word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// `Baggrund`
    Background,
    /// `Indstilling`
    Recommendation,
    /// `Beslutning`, `Beslutninger`
    Decision,
    /// `Sagsfremstilling`
    Presentation,
    /// `Anledning`
    Occasion,
    /// `Bilag`
    Attachments,
    /// `Økonomi`
    Finance,
    /// Anything else, including text before an item's first heading.
    Other,
    /// A decision of another body that the item quotes (`Teknik- og
    /// Miljøudvalget, 9. marts 2021, pkt. 28:`, `Beslutning i Økonomiudvalget den
    /// …` in a Byråd meeting): history of the case, not this meeting's decision.
    /// Last, so stored caches keep their kinds' numbers.
    #[serde(rename = "earlier_decision")]
    EarlierDecision,
}

impl SectionKind {
    /// Every kind, in declaration order: what [`SectionKind::from_name`] looks
    /// through and the command line lists.
    pub const ALL: [SectionKind; 9] = [
        SectionKind::Background,
        SectionKind::Recommendation,
        SectionKind::Decision,
        SectionKind::Presentation,
        SectionKind::Occasion,
        SectionKind::Attachments,
        SectionKind::Finance,
        SectionKind::Other,
        SectionKind::EarlierDecision,
    ];

    /// The export name (`decision`, `background`, …).
    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Background => "background",
            SectionKind::Recommendation => "recommendation",
            SectionKind::Decision => "decision",
            SectionKind::Presentation => "presentation",
            SectionKind::Occasion => "occasion",
            SectionKind::Attachments => "attachments",
            SectionKind::Finance => "finance",
            SectionKind::Other => "other",
            SectionKind::EarlierDecision => "earlier_decision",
        }
    }

    /// Parses an export name, as given to `--in`.
    pub fn from_name(name: &str) -> Option<SectionKind> {
        SectionKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for SectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_round_trip_through_leap_years_and_centuries() {
        assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
        assert_eq!(Date::new(2000, 2, 29).unwrap().unix_days(), 11_016);
        assert_eq!(Date::from_unix_days(11_017), Date::new(2000, 3, 1));
        assert_eq!(Date::from_unix_days(-1), Date::new(1969, 12, 31));
        for days in (-200_000..120_000).step_by(97) {
            let date = Date::from_unix_days(days).unwrap();
            assert_eq!(date.unix_days(), days, "{date}");
        }
        assert_eq!(Date::from_unix_days(i64::MAX), None);
        assert_eq!(Date::from_unix_days(3_000_000), None, "past year 9999");
    }

    #[test]
    fn interning_gives_meetings_and_case_histories_one_copy_of_each_forum() {
        let entry = |forum: &str| HistoryEntry {
            forum: forum.into(),
            date: None,
            number: None,
            text: String::new(),
        };
        let meeting = |forum: &str, history: &[&str]| Meeting {
            source: String::new(),
            also_in: Vec::new(),
            document: Default::default(),
            forum: forum.into(),
            date: None,
            start_time: None,
            location: None,
            participants: Vec::new(),
            absent: Vec::new(),
            toc: Vec::new(),
            items: vec![Item {
                number: 1,
                title: String::new(),
                case_numbers: Vec::new(),
                closed: false,
                toc_page: None,
                line: 1,
                sections: Sections::default(),
                history: history.iter().map(|f| entry(f)).collect(),
                mentions: Vec::new(),
            }],
        };
        let mut a = meeting("Magistraten", &["Aarhus Byråd", "Magistraten"]);
        let mut b = meeting("Aarhus Byråd", &["Magistraten"]);
        assert!(!a.forum.shares_storage_with(&b.items[0].history[0].forum));
        let before = (a.clone(), b.clone());
        let mut forums = Forums::default();
        forums.intern_meeting(&mut a);
        forums.intern_meeting(&mut b);
        assert_eq!((a.clone(), b.clone()), before, "the same names");
        assert_eq!(forums.names(), ["Aarhus Byråd", "Magistraten"]);
        let magistraten = &a.forum;
        assert!(magistraten.shares_storage_with(&a.items[0].history[1].forum));
        assert!(magistraten.shares_storage_with(&b.items[0].history[0].forum));
        assert!(b.forum.shares_storage_with(&a.items[0].history[0].forum));
        assert_eq!(serde_json::to_string(&b.forum).unwrap(), "\"Aarhus Byråd\"");
    }

    #[test]
    fn date_rejects_impossible_days() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::new(2025, 4, 31).is_none());
        assert!(Date::new(2025, 4, 0).is_none());
    }

    #[test]
    fn date_serialises_as_iso_and_back() {
        let d = Date::new(2025, 8, 5).unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"2025-08-05\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), d);
        assert_eq!(d.danish(), "05-08-2025");
        assert!(serde_json::from_str::<Date>("\"2025-02-30\"").is_err());
    }

    #[test]
    fn section_kind_names_round_trip() {
        for kind in SectionKind::ALL {
            assert_eq!(SectionKind::from_name(kind.name()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.name())
            );
        }
        assert_eq!(
            SectionKind::from_name(" Decision "),
            Some(SectionKind::Decision)
        );
        assert_eq!(SectionKind::from_name("verdict"), None);
    }

    #[test]
    fn last_decision_is_the_one_that_stands() {
        let section = |text: &str, kind| Section {
            heading: String::new(),
            kind,
            date: None,
            text: text.into(),
            line: 1,
        };
        let item = Item {
            number: 6,
            title: "Kvarterhus".into(),
            case_numbers: vec![],
            closed: false,
            toc_page: None,
            line: 1,
            history: vec![],
            mentions: Vec::new(),
            sections: vec![
                section("Sagen udsættes.", SectionKind::Decision),
                section("Baggrund", SectionKind::Background),
                section("\nDirektionen godkender.\nMere.", SectionKind::Decision),
            ]
            .into(),
        };
        assert_eq!(item.decisions().count(), 2);
        assert_eq!(item.decision_summary(), Some("Direktionen godkender."));
    }
}
