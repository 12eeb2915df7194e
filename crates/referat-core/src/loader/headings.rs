//! Recognising the lines that give minutes their structure: item headings
//! (`Punkt 2: …`) and section headings (`Baggrund`, `Beslutning Direktionen den
//! 25-08-2025`, `INDSTILLING`).
//!
//! Both recognisers look at one cleaned line at a time and are deliberately strict,
//! because body text is full of near misses: "Punkt 3 i …" is prose, "Beslutning om
//! … træffes i …" is prose, "Bilag 1: Skitse" is a line in a list.

use super::dates;
use super::eq_fold;
use crate::model::{Date, SectionKind};

/// An item heading: `Punkt N: title` (also `Pkt. N`). `Sag nr. N` is not one:
/// it labels a case number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemHeading<'a> {
    /// The item's number as printed (`Punkt 7:` gives 7).
    pub number: u32,
    /// The title after the number and its separator, trimmed and borrowed from
    /// the line; empty for a bare `Punkt 3`.
    pub title: &'a str,
}

/// The words that open an item heading, compared case-insensitively.
const ITEM_WORDS: [&str; 2] = ["punkt", "pkt."];

/// Recognises an item heading. The number must be followed by a colon (or a full
/// stop or dash and a title, or nothing), so "Punkt 3 i dagsordenen" stays prose.
pub fn item_heading(line: &str) -> Option<ItemHeading<'_>> {
    if !matches!(line.as_bytes().first(), Some(b'P' | b'p' | b'S' | b's')) {
        return None;
    }
    let word = ITEM_WORDS.iter().find(|w| {
        line.get(..w.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(w))
    })?;
    let rest = &line[word.len()..];
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 {
        return None;
    }
    let number: u32 = rest[..digits].parse().ok()?;
    let after = rest[digits..].trim_start();
    let title = if let Some(t) = after.strip_prefix(':') {
        t
    } else if after.is_empty() {
        ""
    } else {
        after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix("- "))
            .or_else(|| after.strip_prefix("– "))?
    };
    Some(ItemHeading {
        number,
        title: title.trim(),
    })
}

/// One way of writing item headings. Documents use one scheme throughout, so the
/// loader picks the scheme per document ([`choose_scheme`]) and reads every item
/// heading with it; a new publishing family is one more row here and a test.
pub struct HeadingScheme {
    /// Named by `referat check`, so a reader can tell how a file was read.
    pub name: &'static str,
    /// Whether the heading carries a word (`Punkt`, `Pkt.`) that prose and
    /// numbered lists never do: a labelled scheme that reads a document at all
    /// is preferred to a bare number, however many numbered lines the text has.
    pub labelled: bool,
    /// Reads one line as this scheme's item heading, or gives `None`.
    pub recognise: Recogniser,
}

/// Reads one cleaned line as an item heading of a scheme.
pub type Recogniser = for<'a> fn(&'a str) -> Option<ItemHeading<'a>>;

/// The item-heading schemes, in order of preference when two read a document
/// equally well (the labelled forms are the least ambiguous).
pub const HEADING_SCHEMES: [HeadingScheme; 7] = [
    HeadingScheme {
        name: "Punkt N: title",
        labelled: true,
        recognise: item_heading,
    },
    HeadingScheme {
        name: "• Pkt. N title",
        labelled: true,
        recognise: bulleted_pkt,
    },
    HeadingScheme {
        name: "Nr. N - title",
        labelled: true,
        recognise: nr_dash,
    },
    HeadingScheme {
        name: "N. N. title",
        labelled: false,
        recognise: double_number,
    },
    HeadingScheme {
        name: "• N title",
        labelled: false,
        recognise: bulleted_number,
    },
    HeadingScheme {
        name: "N. title",
        labelled: false,
        recognise: number_dot,
    },
    HeadingScheme {
        name: "Ntitle (number glued to the title)",
        labelled: false,
        recognise: number_glued,
    },
];

/// Picks the scheme whose headings read the document best: the one that finds
/// the longest run of rising numbers (not necessarily from 1). Ties go to the
/// scheme listed first. `None` when no scheme finds a heading.
pub fn choose_scheme<'t>(lines: impl Iterator<Item = &'t str>) -> Option<&'static HeadingScheme> {
    // Scored by rising headings, then by how many of them carry a title: a
    // bare `Pkt. 42` repeating `• Pkt. 42 Title` is the weaker reading.
    // Every scheme's heading opens with a digit, a bullet or `P`unkt/`P`kt.:
    // the lines that do not are read once, here, and by no scheme.
    let candidates: Vec<&str> = lines.filter(|l| may_open_a_heading(l)).collect();
    let mut best: Option<(&'static HeadingScheme, (usize, usize))> = None;
    for scheme in &HEADING_SCHEMES {
        let mut last: Option<u32> = None;
        let mut score = (0, 0);
        for &line in &candidates {
            if let Some(h) = (scheme.recognise)(line)
                && last.is_none_or(|l| h.number > l)
            {
                last = Some(h.number);
                score.0 += 1;
                score.1 += usize::from(!h.title.is_empty());
            }
        }
        if score.0 == 0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((held, _)) if held.labelled && !scheme.labelled => false,
            Some((_, held_score)) => score > held_score,
        };
        if better {
            best = Some((scheme, score));
        }
    }
    best.map(|(scheme, _)| scheme)
}

/// Whether a line could be an item heading in some scheme, from its first
/// character: a digit, a bullet, the `P` of `Punkt`/`Pkt.` or the `N` of `Nr.`.
pub fn may_open_a_heading(line: &str) -> bool {
    may_open_with(line.trim_start().as_bytes().first().copied())
}

/// [`may_open_a_heading`], from a line's first byte after white space.
pub fn may_open_with(first: Option<u8>) -> bool {
    matches!(
        first,
        Some(b'0'..=b'9' | b'P' | b'p' | b'N' | b'n' | 0xC2 | 0xE2)
    )
}

/// Splits a leading item number (1–4 digits) off `text`.
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// A title as a heading starts it: with a capital letter (a digit would take
/// KLE numbers such as `01.02.05-A08-32-07` for headings). Numbered
/// lines inside sections (`1. at dagsordenen godkendes`) start in lower case.
fn title_start(title: &str) -> bool {
    title.chars().next().is_some_and(char::is_uppercase)
}

/// Strips a leading bullet (`•`, `·`, `▪`) and the space after it.
fn strip_bullet(line: &str) -> Option<&str> {
    let line = line.trim_start();
    // All three bullets are two or three bytes opening with C2 or E2.
    if !matches!(line.as_bytes().first(), Some(0xC2 | 0xE2)) {
        return None;
    }
    let rest = line.strip_prefix(['•', '·', '▪'])?;
    Some(rest.trim_start())
}

/// `2. Title`, `2.Title`, `2.<tab>Title`: the number, a full stop, the title.
fn number_dot(line: &str) -> Option<ItemHeading<'_>> {
    let (number, rest) = leading_number(line.trim_start())?;
    let title = rest.strip_prefix('.')?.trim_start();
    title_start(title).then(|| ItemHeading {
        number,
        title: title.trim(),
    })
}

/// `1. 1. Title`: the number twice.
fn double_number(line: &str) -> Option<ItemHeading<'_>> {
    let (first, rest) = leading_number(line.trim_start())?;
    let second = number_dot(rest.strip_prefix('.')?)?;
    (second.number == first).then_some(second)
}

/// `• 2 Title`: a bullet, the number, a space, the title.
fn bulleted_number(line: &str) -> Option<ItemHeading<'_>> {
    let (number, rest) = leading_number(strip_bullet(line)?)?;
    let title = rest.strip_prefix([' ', '\t'])?.trim_start();
    title_start(title).then(|| ItemHeading {
        number,
        title: title.trim(),
    })
}

/// `• Pkt. 42 Title`, and the bare `Pkt. 42` that repeats it before the body.
fn bulleted_pkt(line: &str) -> Option<ItemHeading<'_>> {
    let line = strip_bullet(line).unwrap_or(line.trim_start());
    let rest = super::strip_prefix_fold(line, "pkt.")?.trim_start();
    let (number, rest) = leading_number(rest)?;
    let title = rest.trim();
    (title.is_empty() || (rest.starts_with([' ', '\t']) && title_start(title)))
        .then_some(ItemHeading { number, title })
}

/// `Nr.12 - Godkendelse af dagsorden`, `Nr. 12 – Title`: the label, the number,
/// a dash and the title.
fn nr_dash(line: &str) -> Option<ItemHeading<'_>> {
    let rest = super::strip_prefix_fold(line.trim_start(), "nr.")?.trim_start();
    let (number, rest) = leading_number(rest)?;
    let title = rest.trim_start().strip_prefix(['-', '–'])?.trim_start();
    title_start(title).then(|| ItemHeading {
        number,
        title: title.trim(),
    })
}

/// `62Forslag til lokalplan`: the number glued to a capitalised title.
fn number_glued(line: &str) -> Option<ItemHeading<'_>> {
    let (number, title) = leading_number(line.trim_start())?;
    title
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then(|| ItemHeading {
            number,
            title: title.trim(),
        })
}

/// The heading words and the kind of section each opens, lower case.
const SECTION_WORDS: [(&str, SectionKind); 51] = [
    ("baggrund", SectionKind::Background),
    ("sagens baggrund", SectionKind::Background),
    ("indstilling", SectionKind::Recommendation),
    ("indstillinger", SectionKind::Recommendation),
    ("administrativ indstilling", SectionKind::Recommendation),
    ("administrationens indstilling", SectionKind::Recommendation),
    ("administrationen indstiller", SectionKind::Recommendation),
    ("forvaltningens indstilling", SectionKind::Recommendation),
    ("forvaltningen indstiller", SectionKind::Recommendation),
    ("direktionens indstilling", SectionKind::Recommendation),
    ("beslutning", SectionKind::Decision),
    ("beslutninger", SectionKind::Decision),
    ("sagsfremstilling", SectionKind::Presentation),
    ("supplerende sagsfremstilling", SectionKind::Presentation),
    ("sagsbeskrivelse", SectionKind::Presentation),
    ("beskrivelse", SectionKind::Presentation),
    ("beskrivelse af sagen", SectionKind::Presentation),
    ("redegørelse", SectionKind::Presentation),
    ("anledning", SectionKind::Occasion),
    ("bilag", SectionKind::Attachments),
    ("bilagsliste", SectionKind::Attachments),
    ("økonomi", SectionKind::Finance),
    ("økonomiske konsekvenser", SectionKind::Finance),
    ("økonomi og finansiering", SectionKind::Finance),
    ("økonomiske forhold og konsekvenser", SectionKind::Finance),
    (
        "økonomiske og personalemæssige konsekvenser",
        SectionKind::Finance,
    ),
    ("bevillingsmæssige konsekvenser", SectionKind::Finance),
    ("finansiering", SectionKind::Finance),
    ("sagsforløb", SectionKind::Other),
    ("sagsgang", SectionKind::Other),
    ("forventet sagsgang", SectionKind::Other),
    ("sagsgang og sagstype", SectionKind::Other),
    ("høring og sagsgang", SectionKind::Other),
    ("resume", SectionKind::Other),
    ("resumé", SectionKind::Other),
    ("sagens kerne", SectionKind::Other),
    ("sagstema", SectionKind::Other),
    ("beslutningstema", SectionKind::Other),
    ("beslutningskompetence", SectionKind::Other),
    ("kompetence", SectionKind::Other),
    ("tidligere beslutninger", SectionKind::Other),
    ("tidligere behandling", SectionKind::Other),
    ("historik", SectionKind::Other),
    ("høring", SectionKind::Other),
    ("vurdering", SectionKind::Other),
    ("retsgrundlag", SectionKind::Other),
    ("lovgrundlag", SectionKind::Other),
    ("andre konsekvenser", SectionKind::Other),
    ("personale", SectionKind::Other),
    ("personalemæssige konsekvenser", SectionKind::Other),
    ("kommunikation", SectionKind::Other),
];

/// The heading words by byte length: a line is compared only with the words
/// as long as it is, one or two, however long the table grows.
static SECTION_WORDS_BY_LENGTH: std::sync::LazyLock<Vec<Vec<(&str, SectionKind)>>> =
    std::sync::LazyLock::new(|| {
        let longest = SECTION_WORDS
            .iter()
            .map(|(w, _)| w.len())
            .max()
            .unwrap_or(0);
        let mut buckets = vec![Vec::new(); longest + 1];
        for &(word, kind) in &SECTION_WORDS {
            buckets[word.len()].push((word, kind));
        }
        buckets
    });

/// The kind of section a heading word opens, when `text` is one (any case).
fn section_word(text: &str) -> Option<SectionKind> {
    SECTION_WORDS_BY_LENGTH
        .get(text.len())?
        .iter()
        .find(|(w, _)| eq_fold(text, w))
        .map(|(_, kind)| *kind)
}

/// A recognised section heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeading {
    /// What the section holds, from its heading word (`Beslutning` gives
    /// [`SectionKind::Decision`]); a line in capitals that opens with no heading
    /// word is [`SectionKind::Other`].
    pub kind: SectionKind,
    /// The date the heading gives (`Beslutning Direktionen den 25-08-2025`): when
    /// that body decided. `None` for a heading word alone.
    pub date: Option<Date>,
}

/// Recognises a section heading on a cleaned line.
///
/// Three forms:
/// - a heading word alone, in any case, with or without a final colon
///   (`Baggrund`, `INDSTILLING`, `Baggrund:`, `Beslutninger`);
/// - a heading word followed by a short qualifier that ends in a date
///   (`Beslutning Direktionen den 25-08-2025`, `Beslutning i Økonomiudvalget den
///   1. oktober 2018:`);
/// - a line in capitals (`BESLUTNINGSFORSLAG FRA DD`), which in these documents
///   is always a heading; its kind comes from its first word.
pub fn section_heading(line: &str) -> Option<SectionHeading> {
    // Accordion pages print sections as bullets (`• Beslutning i … den …`).
    let line = strip_bullet(line).unwrap_or(line);
    let text = line.trim().trim_end_matches(':').trim_end();
    // Headings are short and start with a letter; most body lines fail here.
    if text.is_empty() || text.len() > 160 || !text.starts_with(char::is_alphabetic) {
        return None;
    }
    // Looking for dates costs more than looking for the word first. A marker
    // ends with its item number (the colon after it is gone by now).
    if text.ends_with(|c: char| c.is_ascii_digit())
        && text.contains("pkt.")
        && let Some(date) = decision_marker(text)
    {
        return Some(SectionHeading {
            kind: SectionKind::Decision,
            date: Some(date),
        });
    }
    if let Some(kind) = section_word(text) {
        return Some(SectionHeading { kind, date: None });
    }
    let first_word = text.split_whitespace().next().unwrap_or("");
    let keyword_kind = section_word(first_word);
    // Neither a heading word nor capitals (a sentence's second letter is lower
    // case): the common case of a body line, decided without further work.
    if keyword_kind.is_none() && text.chars().nth(1).is_some_and(char::is_lowercase) {
        return None;
    }
    if let Some(kind) = keyword_kind
        && let Some(date) = trailing_date(text)
        && text.split_whitespace().count() <= 12
        && names_a_body(text)
    {
        return Some(SectionHeading {
            kind,
            date: Some(date),
        });
    }
    if is_capitals_heading(text) {
        return Some(SectionHeading {
            kind: keyword_kind.unwrap_or(SectionKind::Other),
            date: dates::find_date(text).map(|f| f.date),
        });
    }
    None
}

/// A decision marker line: `Plan- og Teknikudvalget, 10-03-2021 pkt. 42` (a body,
/// a comma, a date and the item number), which some portals print instead of a
/// `Beslutning` heading.
fn decision_marker(text: &str) -> Option<Date> {
    let text = super::strip_prefix_fold(text, "beslutning fra ").unwrap_or(text);
    let (body, rest) = text.split_once(", ")?;
    if !body.starts_with(char::is_uppercase) || body.split_whitespace().count() > 8 {
        return None;
    }
    let found = dates::find_dates(rest).into_iter().next()?;
    if found.start != 0 {
        return None;
    }
    let tail = rest[found.end..]
        .trim_start()
        .trim_start_matches(',')
        .trim_start();
    let number = super::strip_prefix_fold(tail, "pkt.")?
        .trim()
        .trim_end_matches(':');
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(found.date)
}

/// A heading word with its text on the same line: `Beslutning: Godkendt som
/// indstillet.` gives the heading `Beslutning` and the text after the colon.
pub fn inline_heading(line: &str) -> Option<(SectionHeading, &str, &str)> {
    let (head, rest) = line.split_once(':')?;
    let (head, rest) = (head.trim(), rest.trim());
    if rest.is_empty() || head.len() > 40 {
        return None;
    }
    let kind = section_word(head)?;
    Some((SectionHeading { kind, date: None }, head, rest))
}

/// The date a heading ends with (`… den 25-08-2025`), ignoring a final colon. A
/// final full stop makes it a sentence, not a heading.
fn trailing_date(text: &str) -> Option<Date> {
    let found = dates::find_dates(text).into_iter().last()?;
    text[found.end..]
        .trim()
        .trim_end_matches(':')
        .is_empty()
        .then_some(found.date)
}

/// Whether the words between a heading word and its date name a body
/// (`Direktionen`, `i Teknik- og Miljøudvalget`) rather than carry a sentence
/// (`om anlægsbevillingen træffes af Byrådet`): apart from a few linking words,
/// names are capitalised.
fn names_a_body(text: &str) -> bool {
    const LINKING: [&str; 9] = ["i", "den", "d.", "og", "for", "-", "–", "af", "fra"];
    let date_start = dates::find_dates(text)
        .last()
        .map_or(text.len(), |f| f.start);
    let qualifier: Vec<&str> = text[..date_start].split_whitespace().skip(1).collect();
    // `Beslutning i byrådet den …`: after `i`, a short name in any case.
    if qualifier.first() == Some(&"i") && qualifier.len() <= 4 {
        return true;
    }
    // `Beslutning Udvalget for kultur og fritid den …`: a capitalised name,
    // where a sentence goes on with a lower-case word (`Beslutning om …`).
    if qualifier
        .first()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && qualifier.len() <= 8
    {
        return true;
    }
    qualifier
        .iter()
        .filter(|word| !LINKING.contains(word))
        .all(|word| !word.starts_with(char::is_lowercase))
}

/// The body a dated decision heading names: `Beslutning i Kommunalbestyrelsen den
/// 10-04-2019` and `Beslutning Udvalget for kultur og fritid den 04-03-2020` give
/// the forum, so a document whose header names none still has one.
pub fn decision_body(heading: &str) -> Option<&str> {
    let text = heading.trim().trim_start_matches(['•', ' ']);
    if decision_marker(text).is_some() {
        let text = super::strip_prefix_fold(text, "beslutning fra ").unwrap_or(text);
        return text.split_once(", ").map(|(body, _)| body);
    }
    let rest = super::strip_prefix_fold(text, "beslutning")?;
    let rest = rest.strip_prefix(' ')?.trim_start();
    let rest = rest.strip_prefix("i ").unwrap_or(rest);
    let date = dates::find_dates(rest).into_iter().last()?;
    let body = rest[..date.start].trim_end();
    let body = [" den", " d."]
        .iter()
        .find_map(|suffix| {
            let at = body.len().checked_sub(suffix.len())?;
            (body.is_char_boundary(at) && body[at..].eq_ignore_ascii_case(suffix))
                .then(|| &body[..at])
        })
        .unwrap_or(body)
        .trim_end_matches([',', ' ']);
    (!body.is_empty()).then_some(body)
}

/// A line written in capitals: at least five letters, all upper case, no final
/// full stop, and not a sentence-length line.
fn is_capitals_heading(text: &str) -> bool {
    if text.ends_with('.') {
        return false;
    }
    // One pass, left at the first lower-case letter (most lines have one early).
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 5 && text.split_whitespace().count() <= 14
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_headings() {
        let h = item_heading("Punkt 2: Status på indkøb").unwrap();
        assert_eq!((h.number, h.title), (2, "Status på indkøb"));
        assert_eq!(item_heading("Punkt 9: Lukket").unwrap().title, "Lukket");
        assert_eq!(item_heading("PUNKT 3:Evt.").unwrap().title, "Evt.");
        assert_eq!(item_heading("Pkt. 49. Budget").unwrap().number, 49);
        assert_eq!(item_heading("Punkt 4").unwrap().title, "");
        assert!(item_heading("Sag nr. 4711").is_none());
        assert!(item_heading("Punkt 3 i dagsordenen er udsat").is_none());
        assert!(item_heading("Punktet blev drøftet").is_none());
        assert!(item_heading("Punkt: intet nummer").is_none());
    }

    #[test]
    fn section_words_in_any_case_and_markup_free() {
        for (line, kind) in [
            ("Baggrund", SectionKind::Background),
            ("INDSTILLING", SectionKind::Recommendation),
            ("ØKONOMI", SectionKind::Finance),
            ("Baggrund:", SectionKind::Background),
            ("Beslutninger", SectionKind::Decision),
            ("Sagsfremstilling", SectionKind::Presentation),
            ("Anledning", SectionKind::Occasion),
            ("Bilag", SectionKind::Attachments),
            ("Sagsforløb", SectionKind::Other),
        ] {
            assert_eq!(section_heading(line).map(|h| h.kind), Some(kind), "{line}");
        }
    }

    #[test]
    fn decision_headings_carry_dates() {
        let h = section_heading("Beslutning Direktionen den 25-08-2025").unwrap();
        assert_eq!(h.kind, SectionKind::Decision);
        assert_eq!(h.date, Date::new(2025, 8, 25));
        let h = section_heading("BESLUTNING DIREKTIONEN DEN 02-11-2015").unwrap();
        assert_eq!(h.date, Date::new(2015, 11, 2));
        let h = section_heading("Beslutning i Økonomiudvalget den 1. oktober 2018:").unwrap();
        assert_eq!(h.date, Date::new(2018, 10, 1));
    }

    #[test]
    fn prose_that_starts_like_a_heading_is_not_one() {
        assert!(section_heading("Beslutning om budget træffes i byrådet den 3. maj.").is_none());
        assert!(
            section_heading("Beslutning om anlægsbevillingen træffes af Byrådet den 24-06-2025.")
                .is_none()
        );
        assert!(
            section_heading("Beslutning om anlægsbevillingen træffes af Byrådet den 24-06-2025")
                .is_none()
        );
        assert!(section_heading("Beslutning i Teknik- og Miljøudvalget den 3. maj 2021").is_some());
        assert!(section_heading("Beslutning i byrådet den 24-06-2025").is_some());
        assert!(section_heading("Bilag 1: Skitsere programændringer").is_none());
        assert!(section_heading("Baggrunden for sagen er at 25-08-2025").is_none());
        assert!(section_heading("Indkøb").is_none());
        assert!(section_heading("HTK").is_none());
        assert!(section_heading("OBS: SE BILAG.").is_none());
    }

    #[test]
    fn heading_words_with_their_text_on_the_same_line() {
        let (h, head, rest) = inline_heading("Beslutning: Godkendt som indstillet.").unwrap();
        assert_eq!(
            (h.kind, head, rest),
            (
                SectionKind::Decision,
                "Beslutning",
                "Godkendt som indstillet."
            )
        );
        assert!(inline_heading("Bilag 1: Skitse").is_none());
        assert!(inline_heading("Beslutning:").is_none());
        assert!(inline_heading("Klokken 10:30 mødes vi").is_none());
    }

    #[test]
    fn capitals_lines_are_headings() {
        let h = section_heading("BESLUTNINGSFORSLAG FRA DD").unwrap();
        assert_eq!(h.kind, SectionKind::Other);
        let h =
            section_heading("INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ").unwrap();
        assert_eq!(h.kind, SectionKind::Recommendation);
    }
}
