//! An item's searchable text, folded once and kept in the form the warm-start
//! cache stores and full-text search scans in place.
//!
//! Search matches folded text ([`crate::fold::fold_spaced_str`]). Folding a
//! whole corpus for every search was most of a search's time and memory, so
//! the cache keeps each item's folded places (its title, then each section)
//! beside its sections, in one block of the cache file that is mapped into
//! memory and read where it lies: a search of a warm corpus folds nothing and
//! copies nothing, and reads an item's sections only when it hits.
//!
//! The layout of one item, little-endian:
//!
//! ```text
//! places: u16 | per place: kind u8, length u32 | the folded texts, back to back
//! ```
//!
//! The first place is the title (kind [`TITLE`]); then one per section, in
//! order, with its kind's place in [`SectionKind::ALL`]. The texts are back to
//! back so that one substring scan over all of them can tell an item that
//! cannot match from one that may, before its places are looked at one by one.

use crate::fold::fold_spaced_str;
use crate::model::{Section, SectionKind};

/// The kind byte of the title, which is no section.
const TITLE: u8 = u8::MAX;

/// Folds an item's title and sections into their stored form.
pub fn encode(title: &str, sections: &[Section]) -> Vec<u8> {
    let texts: Vec<(u8, String)> = std::iter::once((TITLE, fold_spaced_str(title)))
        .chain(
            sections
                .iter()
                .map(|s| (kind_code(s.kind), fold_spaced_str(&s.text))),
        )
        .collect();
    let count = u16::try_from(texts.len()).unwrap_or(u16::MAX);
    let texts = &texts[..usize::from(count)];
    let table_len = 2 + 5 * texts.len();
    let mut out = Vec::with_capacity(table_len + texts.iter().map(|(_, t)| t.len()).sum::<usize>());
    out.extend_from_slice(&count.to_le_bytes());
    for (kind, text) in texts {
        out.push(*kind);
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_le_bytes());
    }
    for (_, text) in texts {
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX) as usize;
        out.extend_from_slice(&text.as_bytes()[..len]);
    }
    out
}

fn kind_code(kind: SectionKind) -> u8 {
    SectionKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is in ALL") as u8
}

/// One item's folded places, read from their stored form.
#[derive(Debug, Clone, Copy)]
pub struct Places<'a> {
    table: &'a [u8],
    texts: &'a [u8],
}

impl<'a> Places<'a> {
    /// Reads the stored form; `None` when it is not one (cut short, or its
    /// lengths do not add up, or a kind is unknown).
    pub fn parse(bytes: &'a [u8]) -> Option<Places<'a>> {
        let count = usize::from(u16::from_le_bytes(bytes.get(..2)?.try_into().ok()?));
        let table = bytes.get(2..2 + 5 * count)?;
        let texts = &bytes[2 + 5 * count..];
        let places = Places { table, texts };
        let mut total = 0usize;
        for entry in table.chunks_exact(5) {
            if entry[0] != TITLE && usize::from(entry[0]) >= SectionKind::ALL.len() {
                return None;
            }
            total = total.checked_add(u32::from_le_bytes(entry[1..].try_into().ok()?) as usize)?;
        }
        (total == texts.len() && count > 0 && table[0] == TITLE).then_some(places)
    }

    /// Every place's folded text back to back: a quick test of whether any
    /// place can hold a word (a hit here may straddle two places; one in a
    /// place is a hit).
    pub fn texts(&self) -> &'a [u8] {
        self.texts
    }

    /// Each place in order — the title (kind `None`), then each section with
    /// its kind — with its folded text.
    pub fn iter(&self) -> impl Iterator<Item = (Option<SectionKind>, &'a [u8])> + 'a {
        let texts = self.texts;
        let mut at = 0;
        self.table.chunks_exact(5).map(move |entry| {
            let len = u32::from_le_bytes(entry[1..].try_into().expect("5-byte entries")) as usize;
            let text = &texts[at..at + len];
            at += len;
            let kind = SectionKind::ALL.get(usize::from(entry[0])).copied();
            (kind, text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(kind: SectionKind, text: &str) -> Section {
        Section {
            kind,
            heading: "Overskrift".into(),
            date: None,
            text: text.into(),
            line: 1,
        }
    }

    #[test]
    fn places_read_back_as_folded_in_order_with_their_kinds() {
        let sections = [
            section(SectionKind::Presentation, "Nyt  Rådhus\ni Århus"),
            section(SectionKind::EarlierDecision, ""),
            section(SectionKind::Decision, "Godkendt."),
        ];
        let stored = encode("Køb af grund", &sections);
        let places = Places::parse(&stored).expect("a stored form");
        let read: Vec<(Option<SectionKind>, &str)> = places
            .iter()
            .map(|(k, t)| (k, std::str::from_utf8(t).unwrap()))
            .collect();
        assert_eq!(
            read,
            [
                (None, "koeb af grund"),
                (Some(SectionKind::Presentation), "nyt raadhus i aarhus"),
                (Some(SectionKind::EarlierDecision), ""),
                (Some(SectionKind::Decision), "godkendt."),
            ]
        );
        assert_eq!(
            places.texts(),
            b"koeb af grundnyt raadhus i aarhusgodkendt."
        );
    }

    #[test]
    fn anything_but_a_stored_form_is_refused() {
        let stored = encode("Titel", &[section(SectionKind::Other, "tekst")]);
        assert!(Places::parse(&stored).is_some());
        for cut in 0..stored.len() {
            assert!(Places::parse(&stored[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = stored.clone();
        longer.push(b'x');
        assert!(Places::parse(&longer).is_none());
        let mut unknown_kind = stored.clone();
        unknown_kind[7] = 42;
        assert!(Places::parse(&unknown_kind).is_none());
        let mut no_title = stored;
        no_title[2] = 0;
        assert!(Places::parse(&no_title).is_none());
    }
}
