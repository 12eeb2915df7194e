//! An item's sections, which may be kept on disk until they are asked for.
//!
//! A freshly parsed item holds its sections. An item taken from the warm-start
//! cache holds only where its sections are stored: lists, indexes and
//! timelines need titles, case numbers, dates and whether an item was
//! decided, not bodies, so a warm start reads no body until one is shown,
//! searched or exported.
//!
//! Reading is always asked for by name ([`Sections::read`]); nothing here
//! reads behind `Deref`, `PartialEq`, `Debug` or `Serialize`, so code that
//! only draws a list or compares meetings can never touch the disk unawares.

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::{Section, SectionKind};

/// An item's sections, in memory or in a [`SectionStore`] until read.
pub struct Sections {
    loaded: OnceLock<Vec<Section>>,
    stored: Option<StoredSections>,
    /// Set when the stored copy was damaged and the source no longer gave the
    /// item: the sections read as empty, which must not be stored as if true.
    lost: AtomicBool,
}

/// Where a stored item's sections are, and who can read them.
#[derive(Clone)]
pub struct StoredSections {
    /// The store that holds them (the cache file).
    pub store: Arc<dyn SectionStore>,
    /// What the store needs to find this item's sections; opaque to the model.
    pub at: u64,
    /// How many of them are decisions: what a list shows (the ✓ of a decided
    /// item) without reading them.
    pub decisions: u16,
    /// How many bytes of text (headings and bodies) they hold: what tells
    /// the fuller of two readings of one meeting without reading either.
    pub text_bytes: u32,
}

/// Keeps items' sections out of memory until they are needed (the cache).
///
/// The stored form is the sections' compact JSON, exactly as the export writes
/// it, so an export of untouched items copies it through without parsing it.
pub trait SectionStore: Send + Sync {
    /// The sections' compact JSON, when it can be read intact.
    fn json(&self, at: u64) -> Option<Vec<u8>>;
    /// The sections when the stored copy is damaged or gone: read from the
    /// source document again. `None` when that fails too.
    fn reread(&self, at: u64) -> Option<Vec<Section>>;
    /// Where the item's searchable text lies, stored folded beside its
    /// sections (the form [`crate::folded`] reads). A store without one says
    /// `None`, and search folds the sections itself.
    fn folded_span(&self, at: u64) -> Option<FoldedSpan> {
        let _ = at;
        None
    }
}

/// A store's block of folded text (the cache file's), read a range at a
/// time: search reads many items' folded text in one read, scans it and
/// keeps none of it. (Mapped, the block's pages once touched would count in
/// the process's memory for as long as the map lived: at 40,000 meetings
/// the browser after one search held 640 MB of them.)
pub trait FoldedBlock: Send + Sync {
    /// Fills `buf` from `offset` of the block; `false` when the read fails.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> bool;
    /// Says that a span read from the block failed its check: the store is
    /// damaged, and should not be trusted again.
    fn damaged(&self);
}

/// Where one item's folded text lies in its store's [`FoldedBlock`], and
/// the CRC-32 it must have.
#[derive(Clone)]
pub struct FoldedSpan {
    /// The block that holds it.
    pub block: Arc<dyn FoldedBlock>,
    /// Where it begins in the block.
    pub offset: u64,
    /// How long it is.
    pub len: u32,
    /// Its CRC-32.
    pub crc: u32,
}

impl FoldedSpan {
    /// Whether `bytes`, read from this span, are what was stored; a
    /// mismatch tells the block it is damaged.
    pub fn intact(&self, bytes: &[u8]) -> bool {
        let intact = bytes.len() == self.len as usize && crc32fast::hash(bytes) == self.crc;
        if !intact {
            self.block.damaged();
        }
        intact
    }

    /// The span's bytes, read alone, when they are intact.
    pub fn read(&self) -> Option<Vec<u8>> {
        let mut bytes = vec![0; self.len as usize];
        let read = self.block.read_at(self.offset, &mut bytes);
        (read && self.intact(&bytes)).then_some(bytes)
    }

    /// Whether `other` lies in the same block.
    pub fn same_block(&self, other: &FoldedSpan) -> bool {
        std::ptr::addr_eq(Arc::as_ptr(&self.block), Arc::as_ptr(&other.block))
    }
}

impl fmt::Debug for FoldedSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FoldedSpan({}+{})", self.offset, self.len)
    }
}

impl Sections {
    /// Sections kept in `stored` until first read.
    pub fn stored(stored: StoredSections) -> Sections {
        Sections {
            loaded: OnceLock::new(),
            stored: Some(stored),
            lost: AtomicBool::new(false),
        }
    }

    /// The sections, read from their store the first time they are asked
    /// for (once; later calls are free). This is the one place an item's
    /// text comes off the disk.
    pub fn read(&self) -> &Vec<Section> {
        self.loaded.get_or_init(|| self.fetch())
    }

    /// The sections for one look, not kept: borrowed when in memory, else
    /// read from the store as [`Sections::read`] would and handed over. What
    /// a command that shows many items once (a search listing every item
    /// with a common word) uses, so that its memory does not grow with every
    /// item it shows.
    pub fn read_uncached(&self) -> Cow<'_, [Section]> {
        match self.loaded.get() {
            Some(sections) => Cow::Borrowed(sections),
            None => Cow::Owned(self.fetch()),
        }
    }

    /// Section `index` for one look, not kept, as [`Sections::read_uncached`]
    /// gives it but with only that section parsed from the store: a search
    /// result shows the one section its first hit is in. `None` when there
    /// is no such section.
    pub fn section_uncached(&self, index: usize) -> Option<Cow<'_, Section>> {
        if let Some(sections) = self.loaded.get() {
            return sections.get(index).map(Cow::Borrowed);
        }
        let stored = self.stored.as_ref()?;
        let json = stored.store.json(stored.at);
        match json.map(|json| nth_section(&json, index)) {
            Some(Ok(section)) => section.map(Cow::Owned),
            _ => self.fetch().into_iter().nth(index).map(Cow::Owned),
        }
    }

    /// The stored sections, from their JSON or else the source document;
    /// empty, and marked lost, when neither gives them.
    fn fetch(&self) -> Vec<Section> {
        let Some(stored) = &self.stored else {
            return Vec::new();
        };
        stored
            .store
            .json(stored.at)
            .and_then(|json| serde_json::from_slice(&json).ok())
            .or_else(|| stored.store.reread(stored.at))
            .unwrap_or_else(|| {
                self.lost.store(true, Ordering::Relaxed);
                Vec::new()
            })
    }

    /// The sections to change in place, read first if they are stored.
    pub fn read_mut(&mut self) -> &mut Vec<Section> {
        self.read();
        self.loaded.get_mut().expect("read above")
    }

    /// The sections if they are in memory (parsed, or read already); `None`
    /// for stored sections not read yet. Never reads.
    pub fn in_memory(&self) -> Option<&Vec<Section>> {
        self.loaded.get()
    }

    /// Whether the sections are in memory (always, unless stored and unread).
    pub fn is_loaded(&self) -> bool {
        self.loaded.get().is_some()
    }

    /// How many of the sections are decisions, without reading them.
    pub fn decision_count(&self) -> usize {
        match (self.loaded.get(), &self.stored) {
            (Some(sections), _) => count_decisions(sections),
            (None, Some(stored)) => usize::from(stored.decisions),
            (None, None) => 0,
        }
    }

    /// How many bytes of text (headings and bodies) the sections hold,
    /// without reading them: the same figure read or stored.
    pub fn text_bytes(&self) -> usize {
        match (self.loaded.get(), &self.stored) {
            (Some(sections), _) => count_text_bytes(sections),
            (None, Some(stored)) => stored.text_bytes as usize,
            (None, None) => 0,
        }
    }

    /// Whether reading the sections failed: the stored copy was damaged and
    /// the source document no longer gives the item. They read as empty, but
    /// that is not what the item holds, so they must not be stored again.
    pub fn is_lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }

    /// The compact export JSON of the sections, read from the store when
    /// they have not been read (`None` when they have, or are not stored):
    /// what the export and a rewritten cache copy without parsing it.
    pub fn stored_json(&self) -> Option<Vec<u8>> {
        match (&self.stored, self.loaded.get()) {
            (Some(stored), None) => stored.store.json(stored.at),
            _ => None,
        }
    }

    /// Where the store keeps the searchable text folded, while the sections
    /// have not been read (`None` when they have, are not stored, or the
    /// store has none): what search reads instead of folding the sections
    /// again.
    pub fn stored_folded(&self) -> Option<FoldedSpan> {
        match (&self.stored, self.loaded.get()) {
            (Some(stored), None) => stored.store.folded_span(stored.at),
            _ => None,
        }
    }
}

/// Section `index` of `json`, a list of sections, the others skipped
/// unparsed; `None` when the list is shorter.
fn nth_section(json: &[u8], index: usize) -> serde_json::Result<Option<Section>> {
    struct Nth(usize);
    impl<'de> serde::de::Visitor<'de> for Nth {
        type Value = Option<Section>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of sections")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Option<Section>, A::Error> {
            use serde::de::IgnoredAny;
            for _ in 0..self.0 {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(None);
                }
            }
            let found = seq.next_element::<Section>()?;
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(found)
        }
    }
    let mut json = serde_json::Deserializer::from_slice(json);
    let found = serde::Deserializer::deserialize_seq(&mut json, Nth(index))?;
    json.end()?;
    Ok(found)
}

/// The number of decision sections, as [`StoredSections::decisions`] keeps it.
pub fn count_decisions(sections: &[Section]) -> usize {
    sections
        .iter()
        .filter(|s| s.kind == SectionKind::Decision)
        .count()
}

/// The bytes of text of the sections, as [`StoredSections::text_bytes`] keeps it.
pub fn count_text_bytes(sections: &[Section]) -> usize {
    sections
        .iter()
        .map(|s| s.heading.len() + s.text.len())
        .sum()
}

impl Default for Sections {
    /// No sections, in memory.
    fn default() -> Sections {
        Sections::from(Vec::new())
    }
}

impl From<Vec<Section>> for Sections {
    fn from(sections: Vec<Section>) -> Sections {
        Sections {
            loaded: OnceLock::from(sections),
            stored: None,
            lost: AtomicBool::new(false),
        }
    }
}

impl Clone for Sections {
    fn clone(&self) -> Sections {
        Sections {
            loaded: self.loaded.clone(),
            stored: self.stored.clone(),
            lost: AtomicBool::new(self.is_lost()),
        }
    }
}

impl PartialEq for Sections {
    /// Equality of what is in memory, never a read: sections in memory are
    /// equal when their contents are; unread ones when they are the same
    /// place of the same store. Read both sides first ([`Sections::read`],
    /// [`super::Meeting::read_sections`]) to compare stored sections by
    /// content.
    fn eq(&self, other: &Sections) -> bool {
        match (self.loaded.get(), other.loaded.get()) {
            (Some(a), Some(b)) => a == b,
            (None, None) => match (&self.stored, &other.stored) {
                (Some(a), Some(b)) => {
                    let same_store =
                        std::ptr::addr_eq(Arc::as_ptr(&a.store), Arc::as_ptr(&b.store));
                    same_store && a.at == b.at
                }
                _ => false,
            },
            _ => false,
        }
    }
}

impl fmt::Debug for Sections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.loaded.get(), &self.stored) {
            (Some(sections), _) => sections.fmt(f),
            (None, Some(stored)) => write!(f, "Sections(stored at {})", stored.at),
            (None, None) => f.write_str("[]"),
        }
    }
}

impl Serialize for Sections {
    /// The sections as a list. Stored sections must have been read first
    /// ([`Sections::read`]): serialising never reads, and says so rather
    /// than writing an empty list. (The compact export copies stored
    /// sections through with [`Sections::stored_json`] instead.)
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.loaded.get() {
            Some(sections) => sections.serialize(serializer),
            None => Err(serde::ser::Error::custom(
                "stored sections were not read before serialising",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Sections {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Sections, D::Error> {
        Vec::<Section>::deserialize(deserializer).map(Sections::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// A store that counts how often it is read.
    struct Counting {
        json: Vec<u8>,
        reads: AtomicUsize,
    }

    impl SectionStore for Counting {
        fn json(&self, _at: u64) -> Option<Vec<u8>> {
            self.reads.fetch_add(1, Ordering::Relaxed);
            Some(self.json.clone())
        }

        fn reread(&self, _at: u64) -> Option<Vec<Section>> {
            None
        }
    }

    fn stored(sections: &[Section]) -> (Sections, Arc<Counting>) {
        let store = Arc::new(Counting {
            json: serde_json::to_vec(sections).expect("serialisable"),
            reads: AtomicUsize::new(0),
        });
        let stored = Sections::stored(StoredSections {
            store: Arc::clone(&store) as Arc<dyn SectionStore>,
            at: 0,
            decisions: 0,
            text_bytes: 0,
        });
        (stored, store)
    }

    #[test]
    fn an_uncached_read_gives_the_sections_and_keeps_none_of_them() {
        let sections = vec![Section {
            heading: "Beslutning".into(),
            kind: SectionKind::Decision,
            date: None,
            text: "Godkendt.".into(),
            line: 3,
        }];
        let (stored, store) = stored(&sections);
        assert_eq!(*stored.read_uncached(), sections[..]);
        assert_eq!(*stored.read_uncached(), sections[..]);
        assert!(!stored.is_loaded(), "nothing kept");
        assert_eq!(store.reads.load(Ordering::Relaxed), 2);
        // Once read and kept, an uncached read borrows what is kept.
        assert_eq!(*stored.read(), sections);
        assert!(matches!(stored.read_uncached(), Cow::Borrowed(_)));
        assert_eq!(store.reads.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn one_section_read_alone_is_that_section() {
        let sections: Vec<Section> = (0..3)
            .map(|i| Section {
                heading: format!("Afsnit {i}"),
                kind: SectionKind::Other,
                date: None,
                text: format!("Tekst \"{i}\" med æøå\n"),
                line: i + 1,
            })
            .collect();
        let (stored, store) = stored(&sections);
        for (i, section) in sections.iter().enumerate() {
            assert_eq!(stored.section_uncached(i).as_deref(), Some(section));
        }
        assert_eq!(stored.section_uncached(3), None);
        assert!(!stored.is_loaded(), "nothing kept");
        assert_eq!(store.reads.load(Ordering::Relaxed), 4);
        stored.read();
        assert!(matches!(stored.section_uncached(1), Some(Cow::Borrowed(_))));
    }
}
