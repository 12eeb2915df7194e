//! The warm-start cache: what a corpus load learned, kept between runs so that an
//! unchanged folder of minutes opens without reading and parsing every file again.
//!
//! One cache file per set of input folders, in the user's cache directory (never
//! inside the minutes folders). Each entry is keyed by the file's path as found,
//! its device and inode, size and modification time; a file whose key changed is
//! read again and only then.
//!
//! The file is laid out for a start that reads as little as possible:
//!
//! ```text
//! header | bodies: every item's sections as compact JSON | folded | index | listing
//! ```
//!
//! The index (length-prefixed postcard chunks, decoded in parallel) holds what
//! lists, indexes and timelines need — meetings' header facts, items' titles,
//! case numbers and case histories — and, per item,
//! where its sections are among the bodies with their CRC-32. The listing
//! ([`listing`]) names each file with its key and where its entry and its
//! folded text are, so that a search can tell the files that may hit by
//! scanning the folded block alone and decode only their entries. Loading reads the
//! header and the index only; an item's sections are read when first needed
//! ([`crate::model::Sections`]), and an export of unread items copies their JSON
//! through as it is. The folded block holds each item's searchable text
//! folded ([`crate::folded`]); a search reads it a few megabytes at a time
//! ([`crate::model::FoldedBlock`]), scans it and keeps none of it, and reads
//! an item's body only when the item is shown. The header carries a magic number, a format version, the
//! build's fingerprint, the index's place, length and CRC-32 and the folded
//! block's place and length, so a missing,
//! stale, truncated or corrupt cache is detected and ignored (and rebuilt) — it is
//! never an error. A damaged body is found by its CRC when read, and that item is
//! read from its source document again (a damaged folded text, found by its
//! CRC too, is folded again from the sections): never wrong data. The damaged cache is
//! then removed, so the next run rebuilds it.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::loader::Diagnostic;
use crate::model::{
    Date, Document, FoldedBlock, FoldedSpan, Forum, HistoryEntry, Item, Meeting, Section,
    SectionStore, Sections, StoredSections, TocEntry,
};
use crate::read::ReadError;

pub mod listing;

const MAGIC: &[u8; 8] = b"REFERATC";
/// Bumped whenever the file layout changes, so old caches are ignored rather
/// than misread. (A new build of the program also changes the fingerprint.)
const FORMAT_VERSION: u32 = 8;
/// Magic, version, fingerprint, index offset, index length, index CRC,
/// folded block offset, folded block length, listing offset, listing length,
/// listing CRC.
const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 4;

/// What identifies one version of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    /// The device the file is on (`st_dev`); 0 on platforms without one.
    pub device: u64,
    /// The file's inode number; 0 on platforms without one.
    pub inode: u64,
    /// The file's length in bytes.
    pub size: u64,
    /// Modification time: whole seconds since the Unix epoch.
    pub modified_secs: i64,
    /// Modification time: the nanoseconds past [`FileKey::modified_secs`].
    pub modified_nanos: u32,
}

impl FileKey {
    /// The key of the file version `meta` describes; reads nothing itself.
    pub fn of(meta: &fs::Metadata) -> FileKey {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileKey {
                device: meta.dev(),
                inode: meta.ino(),
                size: meta.len(),
                modified_secs: meta.mtime(),
                modified_nanos: meta.mtime_nsec() as u32,
            }
        }
        #[cfg(not(unix))]
        {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default();
            FileKey {
                device: 0,
                inode: 0,
                size: meta.len(),
                modified_secs: modified.as_secs() as i64,
                modified_nanos: modified.subsec_nanos(),
            }
        }
    }
}

/// One cached file, as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file version the entry was made from: it is reused only while the file
    /// still has this key.
    pub key: FileKey,
    /// How the text was obtained (`UTF-8`, `windows-1252`, `HTML`, a PDF mode),
    /// as the file's report had it; [`encoding_name`] gives the report's form back.
    pub encoding: Option<String>,
    /// Why the file gave no meeting, when it did not.
    pub error: Option<ReadError>,
    /// The loader's diagnostics for the file, as its report had them.
    pub diagnostics: Vec<Diagnostic>,
    /// The meeting, its items' sections left in the cache file until read.
    pub meeting: Option<Meeting>,
}

/// One file to cache, borrowed from a loaded corpus.
#[derive(Debug)]
pub struct EntryRef<'a> {
    /// The file version the report was read from.
    pub key: &'a FileKey,
    /// How the text was obtained, as [`crate::corpus::FileReport::encoding`].
    pub encoding: Option<&'a str>,
    /// Why the file gave no meeting, when it did not.
    pub error: Option<&'a ReadError>,
    /// The loader's diagnostics for the file.
    pub diagnostics: &'a [Diagnostic],
    /// The meeting the file gave, if any: its header facts go to the index, its
    /// items' sections to the bodies ([`bodies_of`]).
    pub meeting: Option<&'a Meeting>,
}

/// An entry as the index stores it.
#[derive(Serialize, Deserialize)]
struct IndexEntry {
    source: String,
    key: FileKey,
    encoding: Option<String>,
    error: Option<ReadError>,
    diagnostics: Vec<Diagnostic>,
    meeting: Option<IndexMeeting>,
}

/// A [`Meeting`] without its items' sections.
#[derive(Serialize, Deserialize)]
struct IndexMeeting {
    source: String,
    forum: Forum,
    date: Option<Date>,
    start_time: Option<String>,
    location: Option<String>,
    participants: Vec<String>,
    absent: Vec<String>,
    document: Document,
    toc: Vec<TocEntry>,
    items: Vec<IndexItem>,
}

/// An [`Item`] with, instead of its sections, where they are among the bodies.
#[derive(Serialize, Deserialize)]
struct IndexItem {
    number: u32,
    title: String,
    case_numbers: Vec<String>,
    closed: bool,
    toc_page: Option<u32>,
    line: usize,
    history: Vec<HistoryEntry>,
    /// The case numbers its text mentions ([`Item::mentions`]).
    mentions: Vec<String>,
    /// How many of its sections are decisions: lists show it unread.
    decisions: u16,
    /// How many bytes of text its sections hold: which of two readings of
    /// one meeting is the fuller is told unread.
    text_bytes: u32,
    body: BodySpan,
    /// Where its folded text is in the folded block.
    folded: BodySpan,
}

/// Where one item's sections (or its folded text) are: a byte range of the
/// bodies (or of the folded block), and its CRC-32.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct BodySpan {
    offset: u64,
    len: u32,
    crc: u32,
}

/// A cache file being read. It stays open, so a cache replaced meanwhile by
/// another run (a rename, never a rewrite in place) does not change what this
/// one reads.
struct OpenCache {
    file: File,
    path: PathBuf,
    /// The file as opened, to tell it from one put in its place since.
    key: FileKey,
    discarded: std::sync::Once,
    reread: Reread,
    /// Where the folded block begins in the file, for reading spans of it.
    folded_at: u64,
}

impl FoldedBlock for OpenCache {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> bool {
        let at = self.folded_at.checked_add(offset);
        at.is_some_and(|at| read_exact_at(&self.file, buf, at).is_ok())
    }

    fn damaged(&self) {
        self.discard();
    }
}

/// Reads one item's sections again from its document (the source and the
/// item's index there), for an item whose stored sections are damaged. The
/// caller, who knows how documents are read, gives it: the cache stays below
/// the corpus that uses it.
pub type Reread = fn(&str, usize) -> Option<Vec<Section>>;

impl OpenCache {
    /// Removes a cache found damaged, so the next run rebuilds it rather than
    /// reading each damaged item from its source again on every start. A newer
    /// cache put at the same path meanwhile is left alone.
    fn discard(&self) {
        self.discarded.call_once(|| {
            if fs::metadata(&self.path).is_ok_and(|m| FileKey::of(&m) == self.key) {
                let _ = fs::remove_file(&self.path);
            }
        });
    }
}

/// The bodies of one chunk of a cache file's index, read an item at a time.
struct Bodies {
    cache: Arc<OpenCache>,
    items: Vec<StoredItem>,
}

/// Where one item of a chunk is stored, and where it came from.
struct StoredItem {
    body: BodySpan,
    folded: BodySpan,
    /// Its source and its index there, for a re-read.
    source: Arc<str>,
    item: usize,
}

impl SectionStore for Bodies {
    fn json(&self, at: u64) -> Option<Vec<u8>> {
        let span = self.items.get(at as usize)?.body;
        let mut json = vec![0; span.len as usize];
        let intact = read_exact_at(&self.cache.file, &mut json, HEADER_LEN as u64 + span.offset)
            .is_ok()
            && crc32fast::hash(&json) == span.crc;
        if !intact {
            self.cache.discard();
        }
        intact.then_some(json)
    }

    fn reread(&self, at: u64) -> Option<Vec<Section>> {
        let stored = self.items.get(at as usize)?;
        (self.cache.reread)(&stored.source, stored.item)
    }

    fn folded_span(&self, at: u64) -> Option<FoldedSpan> {
        let span = self.items.get(at as usize)?.folded;
        Some(FoldedSpan {
            block: Arc::clone(&self.cache) as Arc<dyn FoldedBlock>,
            offset: span.offset,
            len: span.len,
            crc: span.crc,
        })
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Where the cache for a set of input paths lives: `REFERAT_CACHE_DIR`, else the
/// platform cache directory. `None` when there is no such directory.
pub fn location(inputs: &[PathBuf]) -> Option<PathBuf> {
    let dir = match std::env::var_os("REFERAT_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => directories::ProjectDirs::from("dk", "referat", "referat")?
            .cache_dir()
            .to_path_buf(),
    };
    // Relative paths mean different folders from different working directories.
    let mut hash = StableHash::default();
    if let Ok(cwd) = std::env::current_dir() {
        hash.add(cwd.as_os_str().as_encoded_bytes());
    }
    for input in inputs {
        let input = fs::canonicalize(input).unwrap_or_else(|_| input.clone());
        hash.add(input.as_os_str().as_encoded_bytes());
    }
    Some(dir.join(format!("{CACHE_PREFIX}{:016x}{CACHE_SUFFIX}", hash.0)))
}

/// Cache files are `corpus-<hash of the inputs>.bin`.
const CACHE_PREFIX: &str = "corpus-";
const CACHE_SUFFIX: &str = ".bin";

/// FNV-1a, 64 bits: the cache file's name must be the same for the same inputs
/// in every build, which `std`'s `DefaultHasher` does not promise (its output
/// may change with each Rust release, leaving the old files behind). Eight
/// lines, so no crate for it.
struct StableHash(u64);

impl Default for StableHash {
    fn default() -> StableHash {
        StableHash(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHash {
    /// Adds one part, and a separator, so `ab`+`c` and `a`+`bc` differ.
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().chain(&[0]) {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// How long a cache file of other inputs may go unwritten before a writer in
/// the same directory removes it: the folder it was for has not been opened
/// for that long, or no longer exists, or an older build named it differently.
const STALE_CACHE: std::time::Duration = std::time::Duration::from_secs(60 * 24 * 60 * 60);

/// Reads a cache file's index. Anything wrong with it gives an empty cache.
/// An item whose stored sections turn out damaged is read again with `reread`.
pub fn read(path: &Path, reread: Reread) -> HashMap<String, Entry> {
    let decoded = std::sync::Mutex::new(Vec::new());
    let whole = read_each(path, reread, &|chunk| {
        decoded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(chunk)
    });
    if !whole {
        return HashMap::new();
    }
    decoded
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

/// Reads a cache file's index and hands its entries to `each` a chunk at a
/// time, as the chunks are decoded (on all cores, in no set order), so that
/// a browser can show the first of them before the rest are decoded. Whether
/// every chunk was read: `false` for a file that is missing, stale or corrupt
/// (nothing handed on: the header and the index's CRC are checked first), or
/// for a chunk that does not decode (the chunks handed on before it stand,
/// each entry for its own file).
pub fn read_each(
    path: &Path,
    reread: Reread,
    each: &(dyn Fn(Vec<(String, Entry)>) + Sync),
) -> bool {
    read_index(path, reread, each).is_some()
}

fn read_index(
    path: &Path,
    reread: Reread,
    each: &(dyn Fn(Vec<(String, Entry)>) + Sync),
) -> Option<()> {
    let opened = Opened::open(path, reread)?;
    opened.chunks.par_iter().try_for_each(|chunk| {
        each(opened.decode_chunk(chunk.clone())?);
        Some(())
    })
}

/// Where a cache file's parts are, as its header says, checked against
/// each other and the file's length.
struct Header {
    /// The index: offset, length, CRC-32.
    index: (u64, u64, u32),
    /// The folded block: offset, length.
    folded: (u64, u64),
    /// The listing ([`listing`]): offset, length, CRC-32.
    listing: (u64, u64, u32),
}

impl Header {
    /// The header of `file`, if it is one of this build's cache files whose
    /// parts lie where the header says, one after the other to its end.
    fn read(file: &File) -> Option<Header> {
        let file_len = file.metadata().ok()?.len();
        let mut header = [0; HEADER_LEN];
        read_exact_at(file, &mut header, 0).ok()?;
        let field = |at: usize, len: usize| &header[at..at + len];
        let u32_at = |at| u32::from_le_bytes(field(at, 4).try_into().expect("4 bytes"));
        let u64_at = |at| u64::from_le_bytes(field(at, 8).try_into().expect("8 bytes"));
        let parsed = Header {
            index: (u64_at(16), u64_at(24), u32_at(32)),
            folded: (u64_at(36), u64_at(44)),
            listing: (u64_at(52), u64_at(60), u32_at(68)),
        };
        let ((offset, len, _), (folded_offset, folded_len)) = (parsed.index, parsed.folded);
        let (listing_offset, listing_len, _) = parsed.listing;
        let valid = field(0, 8) == MAGIC
            && u32_at(8) == FORMAT_VERSION
            && u32_at(12) == model_fingerprint()
            && folded_offset >= HEADER_LEN as u64
            && folded_offset.checked_add(folded_len) == Some(offset)
            && offset.checked_add(len) == Some(listing_offset)
            && listing_offset.checked_add(listing_len) == Some(file_len);
        valid.then_some(parsed)
    }
}

/// `len` bytes of `file` from `offset`, if they have the CRC-32 `crc`.
fn read_checked(file: &File, (offset, len, crc): (u64, u64, u32)) -> Option<Vec<u8>> {
    let mut bytes = vec![0; usize::try_from(len).ok()?];
    read_exact_at(file, &mut bytes, offset).ok()?;
    (crc32fast::hash(&bytes) == crc).then_some(bytes)
}

/// A cache file opened for reading: its header checked, its index read and
/// checked, the index's chunks found.
struct Opened {
    cache: Arc<OpenCache>,
    header: Header,
    index: Vec<u8>,
    /// Where each chunk is in `index`, its length prefix left out.
    chunks: Vec<std::ops::Range<usize>>,
}

impl Opened {
    fn open(path: &Path, reread: Reread) -> Option<Opened> {
        let file = File::open(path).ok()?;
        let header = Header::read(&file)?;
        let index = read_checked(&file, header.index)?;
        // The index is a run of length-prefixed chunks, decoded on all cores.
        let mut chunks = Vec::new();
        let mut at = 0;
        while at < index.len() {
            let len = index.get(at..at + 4)?;
            let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
            let end = (at + 4)
                .checked_add(len)
                .filter(|&end| end <= index.len())?;
            chunks.push(at + 4..end);
            at = end;
        }
        let (folded_offset, _) = header.folded;
        let cache = Arc::new(OpenCache {
            key: FileKey::of(&file.metadata().ok()?),
            folded_at: folded_offset,
            file,
            path: path.to_path_buf(),
            discarded: std::sync::Once::new(),
            reread,
        });
        Some(Opened {
            cache,
            header,
            index,
            chunks,
        })
    }

    /// The lengths of the bodies and of the folded block, which every span
    /// must lie inside.
    fn lens(&self) -> (u64, u64) {
        let (folded_offset, folded_len) = self.header.folded;
        (folded_offset - HEADER_LEN as u64, folded_len)
    }

    /// The chunk of the index at `range` as entries.
    fn decode_chunk(&self, range: std::ops::Range<usize>) -> Option<Vec<(String, Entry)>> {
        let index: Vec<IndexEntry> = postcard::from_bytes(self.index.get(range)?).ok()?;
        entries_of(index, &self.cache, self.lens())
    }
}

/// Entries of the index as entries whose items read their sections from
/// `file` when first needed.
/// `lens` are the lengths of the bodies and of the folded block, which every
/// span must lie inside.
fn entries_of(
    index: Vec<IndexEntry>,
    file: &Arc<OpenCache>,
    (bodies_len, folded_len): (u64, u64),
) -> Option<Vec<(String, Entry)>> {
    let mut spans = Vec::new();
    for entry in &index {
        let source: Arc<str> = Arc::from(entry.source.as_str());
        for (n, item) in entry
            .meeting
            .iter()
            .flat_map(|m| m.items.iter().enumerate())
        {
            let inside = |span: BodySpan, len| {
                span.offset
                    .checked_add(u64::from(span.len))
                    .is_some_and(|end| end <= len)
            };
            if !inside(item.body, bodies_len) || !inside(item.folded, folded_len) {
                return None;
            }
            spans.push(StoredItem {
                body: item.body,
                folded: item.folded,
                source: Arc::clone(&source),
                item: n,
            });
        }
    }
    let bodies: Arc<dyn SectionStore> = Arc::new(Bodies {
        cache: Arc::clone(file),
        items: spans,
    });
    let mut at = 0;
    let entries = index.into_iter().map(|entry| {
        let meeting = entry.meeting.map(|mut meeting| {
            let items = std::mem::take(&mut meeting.items);
            let mut meeting = meeting.without_items();
            meeting.items = items
                .into_iter()
                .map(|item| {
                    at += 1;
                    let stored = StoredSections {
                        store: Arc::clone(&bodies),
                        at: at - 1,
                        decisions: item.decisions,
                        text_bytes: item.text_bytes,
                    };
                    item.into_item(Sections::stored(stored))
                })
                .collect();
            meeting
        });
        let cached = Entry {
            key: entry.key,
            encoding: entry.encoding,
            error: entry.error,
            diagnostics: entry.diagnostics,
            meeting,
        };
        (entry.source, cached)
    });
    Some(entries.collect())
}

impl IndexMeeting {
    /// `spans` are where each item's body and folded text went.
    fn of(meeting: &Meeting, spans: impl Iterator<Item = (BodySpan, BodySpan)>) -> IndexMeeting {
        IndexMeeting {
            source: meeting.source.clone(),
            forum: meeting.forum.clone(),
            date: meeting.date,
            start_time: meeting.start_time.clone(),
            location: meeting.location.clone(),
            participants: meeting.participants.clone(),
            absent: meeting.absent.clone(),
            document: meeting.document,
            toc: meeting.toc.clone(),
            items: meeting
                .items
                .iter()
                .zip(spans)
                .map(|(item, (body, folded))| IndexItem {
                    number: item.number,
                    title: item.title.clone(),
                    case_numbers: item.case_numbers.clone(),
                    closed: item.closed,
                    toc_page: item.toc_page,
                    line: item.line,
                    history: item.history.clone(),
                    mentions: item.mentions.clone(),
                    decisions: u16::try_from(item.sections.decision_count()).unwrap_or(u16::MAX),
                    text_bytes: u32::try_from(item.sections.text_bytes()).unwrap_or(u32::MAX),
                    body,
                    folded,
                })
                .collect(),
        }
    }

    fn without_items(self) -> Meeting {
        Meeting {
            source: self.source,
            also_in: Vec::new(),
            forum: self.forum,
            date: self.date,
            start_time: self.start_time,
            location: self.location,
            participants: self.participants,
            absent: self.absent,
            document: self.document,
            toc: self.toc,
            items: Vec::new(),
        }
    }
}

impl IndexItem {
    fn into_item(self, sections: Sections) -> Item {
        Item {
            number: self.number,
            title: self.title,
            case_numbers: self.case_numbers,
            closed: self.closed,
            toc_page: self.toc_page,
            line: self.line,
            sections,
            history: self.history,
            mentions: self.mentions,
        }
    }
}

/// An item's sections as the compact JSON the bodies hold (and the export
/// writes): copied from the cache they came from when unread, else serialised.
/// `None` when they were lost ([`Sections::is_lost`]).
fn body_json(item: &Item) -> Option<Vec<u8>> {
    if let Some(json) = item.sections.stored_json() {
        return Some(json);
    }
    let json = serde_json::to_string(item.sections.read()).expect("sections serialise");
    let json = crate::sanitize::json_safe(&json).into_owned().into_bytes();
    (!item.sections.is_lost()).then_some(json)
}

/// What the cache stores of one item besides its index entry: its sections'
/// JSON and its folded text.
#[derive(Debug)]
pub struct Body {
    json: Vec<u8>,
    folded: Vec<u8>,
}

/// An item's folded text: copied from the cache it came from when its
/// sections are unread and the copy is intact, else folded from them.
fn folded_of(item: &Item) -> Vec<u8> {
    match item.sections.stored_folded().and_then(|span| span.read()) {
        Some(stored) => stored,
        None => crate::folded::encode(&item.title, item.sections.read()),
    }
}

/// The stored form of a meeting's items, one per item, for [`Writer::add`].
/// The costly part of writing a cache, so it is made apart from the writer,
/// on whichever thread has the meeting. `None` when an item's sections could
/// not be read: such a meeting is left out of the cache, to be read from its
/// file next time.
pub fn bodies_of(meeting: &Meeting) -> Option<Vec<Body>> {
    meeting
        .items
        .iter()
        .map(|item| {
            let json = body_json(item)?;
            Some(Body {
                json,
                folded: folded_of(item),
            })
        })
        .collect()
}

/// How many files' entries make one chunk of the index: chunks decode in
/// parallel, so a warm start's index takes a fraction of its single-thread time.
const INDEX_CHUNK: usize = 128;

/// How many meetings' bodies [`Writer::add_all`] serialises in parallel before
/// writing them: enough to keep every core busy, few enough to hold little.
const WRITE_BATCH: usize = 256;

/// Writes a cache file of `entries` atomically (a temporary file renamed into
/// place), so a crash mid-write leaves the old cache or none, never half of one.
pub fn write<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = (&'a str, EntryRef<'a>)>,
) -> std::io::Result<()> {
    // Sorted by source: the same entries, in whatever order, make the same file.
    let mut entries: Vec<(&str, EntryRef)> = entries.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut writer = Writer::create(path)?;
    writer.add_all(&entries)?;
    writer.finish(path)
}

/// How old a temporary file left in the cache directory must be before a new
/// writer takes it for the remains of a run that ended mid-load (quit or
/// interrupted: a load's writer is not waited for). A load in progress writes
/// its file continuously and finishes in seconds, so this is far beyond any.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// A cache file being written, one file at a time, so a load can store each
/// meeting as it is parsed and keep no copy of it for the purpose. Nothing is
/// in place until [`Writer::finish`]; a writer dropped unfinished leaves the
/// old cache as it was.
pub struct Writer {
    temp: PathBuf,
    out: Option<BufWriter<File>>,
    /// Bytes of bodies written so far.
    offset: u64,
    /// The folded block, written apart while the bodies are written (both
    /// grow a meeting at a time) and appended to them by [`Writer::finish`],
    /// so that it is one contiguous block in the file.
    folded_temp: PathBuf,
    folded_out: Option<BufWriter<File>>,
    /// Bytes of folded text written so far.
    folded_offset: u64,
    /// The CRC-32 of each piece of the folded block, as it is written.
    folded_pieces: listing::PieceCrcs,
    index: Vec<IndexEntry>,
    /// Each file's line of the listing, in the order of `index`.
    listed: Vec<listing::Listed>,
}

impl Writer {
    /// Starts a cache file that will replace the one at `path`.
    pub fn create(path: &Path) -> std::io::Result<Writer> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
        remove_stale_temps(dir, name);
        remove_stale_caches(dir, name);
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let folded_temp = dir.join(format!(".{name}.{}.folded.tmp", std::process::id()));
        let mut writer = Writer {
            temp,
            out: None,
            offset: 0,
            folded_temp,
            folded_out: None,
            folded_offset: 0,
            folded_pieces: listing::PieceCrcs::default(),
            index: Vec::new(),
            listed: Vec::new(),
        };
        // Created one after the other into the writer, so that whatever
        // fails, its drop removes what was made.
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&writer.temp)?);
        out.write_all(&[0; HEADER_LEN])?;
        writer.out = Some(out);
        let folded = File::create(&writer.folded_temp)?;
        writer.folded_out = Some(BufWriter::with_capacity(1 << 20, folded));
        Ok(writer)
    }

    /// Adds files, their bodies serialised on all cores a batch at a time.
    /// A meeting whose sections could not all be read is left out.
    pub fn add_all(&mut self, entries: &[(&str, EntryRef)]) -> std::io::Result<()> {
        for window in entries.chunks(WRITE_BATCH) {
            let bodies: Vec<Option<Vec<Body>>> = window
                .par_iter()
                .map(|(_, e)| e.meeting.map_or(Some(Vec::new()), bodies_of))
                .collect();
            for ((source, entry), bodies) in window.iter().zip(bodies) {
                if let Some(bodies) = bodies {
                    self.add(source, entry, bodies)?;
                }
            }
        }
        Ok(())
    }

    /// Adds one file: its entry and, for its meeting, [`bodies_of`] it.
    pub fn add(
        &mut self,
        source: &str,
        entry: &EntryRef,
        bodies: Vec<Body>,
    ) -> std::io::Result<()> {
        let items = entry.meeting.map_or(0, |m| m.items.len());
        if bodies.len() != items {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} bodies for {items} items", bodies.len()),
            ));
        }
        let (Some(out), Some(folded_out)) = (self.out.as_mut(), self.folded_out.as_mut()) else {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        };
        let mut spans = Vec::with_capacity(bodies.len());
        for body in bodies {
            let body_span = append(out, &mut self.offset, &body.json)?;
            let folded_span = append(folded_out, &mut self.folded_offset, &body.folded)?;
            self.folded_pieces.add(&body.folded);
            spans.push((body_span, folded_span));
        }
        self.listed
            .push(listing::Listed::of(source, entry, self.folded_offset));
        self.index.push(IndexEntry {
            source: source.to_string(),
            key: *entry.key,
            encoding: entry.encoding.map(str::to_string),
            error: entry.error.cloned(),
            diagnostics: entry.diagnostics.to_vec(),
            meeting: entry
                .meeting
                .map(|m| IndexMeeting::of(m, spans.into_iter())),
        });
        Ok(())
    }

    /// Writes the index and the header and puts the file in place of `path`.
    pub fn finish(mut self, path: &Path) -> std::io::Result<()> {
        let (Some(out), Some(folded_out)) = (self.out.take(), self.folded_out.take()) else {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        };
        let mut file = out.into_inner().map_err(|e| e.into_error())?;
        drop(folded_out.into_inner().map_err(|e| e.into_error())?);
        // Appended by the kernel where it can (`copy_file_range`).
        let copied = std::io::copy(&mut File::open(&self.folded_temp)?, &mut file)?;
        if copied != self.folded_offset {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let _ = fs::remove_file(&self.folded_temp);
        let mut out = BufWriter::with_capacity(1 << 20, file);
        // Each chunk is a postcard sequence of entries, its entries
        // serialised one by one so that the listing can say where each
        // begins: a search decodes only the entries it needs.
        let mut index = Vec::new();
        let mut listed = self.listed.iter_mut();
        for chunk in self.index.chunks(INDEX_CHUNK) {
            let mut bytes = postcard::to_allocvec(&chunk.len()).map_err(std::io::Error::other)?;
            for (entry, listed) in chunk.iter().zip(&mut listed) {
                listed.at = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
                bytes = postcard::to_extend(entry, bytes).map_err(std::io::Error::other)?;
            }
            let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
            index.extend_from_slice(&len.to_le_bytes());
            index.extend_from_slice(&bytes);
        }
        out.write_all(&index)?;
        let pieces = std::mem::take(&mut self.folded_pieces).finish();
        let listing = listing::encode(std::mem::take(&mut self.listed), pieces)?;
        out.write_all(&listing)?;
        let mut file = out.into_inner().map_err(|e| e.into_error())?;
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        header.extend_from_slice(&model_fingerprint().to_le_bytes());
        let folded_start = HEADER_LEN as u64 + self.offset;
        let index_start = folded_start + self.folded_offset;
        header.extend_from_slice(&index_start.to_le_bytes());
        header.extend_from_slice(&(index.len() as u64).to_le_bytes());
        header.extend_from_slice(&crc32fast::hash(&index).to_le_bytes());
        header.extend_from_slice(&folded_start.to_le_bytes());
        header.extend_from_slice(&self.folded_offset.to_le_bytes());
        header.extend_from_slice(&(index_start + index.len() as u64).to_le_bytes());
        header.extend_from_slice(&(listing.len() as u64).to_le_bytes());
        header.extend_from_slice(&crc32fast::hash(&listing).to_le_bytes());
        // No fsync: a file cut short by a crash fails its length or CRC check
        // and is rebuilt, and waiting for the disk would slow every cold start.
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)?;
        drop(file);
        fs::rename(&self.temp, path)
    }
}

impl Drop for Writer {
    /// An unfinished or failed cache file is removed, never left behind (after
    /// [`Writer::finish`] there is nothing left at the temporary path).
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.temp);
        let _ = fs::remove_file(&self.folded_temp);
    }
}

/// Writes `bytes` at `offset` of `out` and moves `offset` past them: where
/// they went, with their CRC.
fn append(out: &mut impl Write, offset: &mut u64, bytes: &[u8]) -> std::io::Result<BodySpan> {
    let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
    let span = BodySpan {
        offset: *offset,
        len,
        crc: crc32fast::hash(bytes),
    };
    out.write_all(bytes)?;
    *offset += u64::from(len);
    Ok(span)
}

/// Removes other inputs' cache files (`corpus-*.bin`) in `dir` not written for
/// [`STALE_CACHE`]. The file being replaced, `name`, stays. Failures are
/// ignored: a cache file left is only disk space.
fn remove_stale_caches(dir: &Path, name: &str) {
    remove_older_than(dir, STALE_CACHE, |file_name| {
        file_name.starts_with(CACHE_PREFIX)
            && file_name.ends_with(CACHE_SUFFIX)
            && file_name != name
    });
}

/// Removes `.{name}.*.tmp` files in `dir` older than [`STALE_TEMP`]: what runs
/// that ended mid-load left. Failures are ignored; the next writer tries again.
fn remove_stale_temps(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    remove_older_than(dir, STALE_TEMP, |file_name| {
        file_name.starts_with(&prefix) && file_name.ends_with(".tmp")
    });
}

/// Removes the files in `dir` whose names `chosen` accepts and that were last
/// written more than `age` ago. Failures are ignored.
fn remove_older_than(dir: &Path, age: std::time::Duration, chosen: impl Fn(&str) -> bool) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    for found in listing.flatten() {
        let file_name = found.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let old = found
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|elapsed| elapsed > age);
        if old && chosen(file_name) {
            let _ = fs::remove_file(found.path());
        }
    }
}

/// Changes with every build of the program (its version, and the size and time of
/// the executable), so a new build never reads an old build's reading of the files:
/// the loader may have learned to read them better since.
fn model_fingerprint() -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
        let key = FileKey::of(&meta);
        hasher.update(&key.size.to_le_bytes());
        hasher.update(&key.modified_secs.to_le_bytes());
        hasher.update(&key.modified_nanos.to_le_bytes());
    }
    hasher.finalize()
}

/// The `&'static` encoding names the corpus reports use, for entries read back.
pub fn encoding_name(name: &str) -> &'static str {
    const KNOWN: [&str; 8] = [
        "UTF-8",
        "windows-1252",
        "UTF-16LE",
        "UTF-16BE",
        "PDF (pdftotext)",
        "PDF (pdftotext -layout)",
        "HTML",
        "GBK",
    ];
    KNOWN
        .iter()
        .find(|k| **k == name)
        .copied()
        .unwrap_or("cached")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::corpus::reread_sections;

    /// The repository root: the sample's sources are `assets/…` below it,
    /// while tests run in this crate's folder.
    const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

    /// Reads an item's sections again from its source, found under [`ROOT`].
    pub(super) fn reread(source: &str, item: usize) -> Option<Vec<Section>> {
        reread_sections(&format!("{ROOT}/{source}"), item)
    }

    fn key(size: u64) -> FileKey {
        FileKey {
            device: 1,
            inode: 2,
            size,
            modified_secs: 3,
            modified_nanos: 4,
        }
    }

    pub(super) fn write_sample(path: &Path) -> Corpus {
        let corpus = Corpus::bundled();
        let keys: Vec<FileKey> = (0..corpus.meetings().len() as u64).map(key).collect();
        write(
            path,
            corpus.meetings().iter().zip(&keys).map(|(m, k)| {
                (
                    m.source.as_str(),
                    EntryRef {
                        key: k,
                        encoding: Some("UTF-8"),
                        error: None,
                        diagnostics: &[],
                        meeting: Some(m),
                    },
                )
            }),
        )
        .unwrap();
        corpus
    }

    #[test]
    fn round_trip_gives_the_same_meetings_with_bodies_left_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let corpus = write_sample(&path);
        let entries = read(&path, reread);
        assert_eq!(entries.len(), corpus.meetings().len());
        for meeting in corpus.meetings() {
            let cached = entries[&meeting.source].meeting.as_ref().unwrap();
            assert!(cached.items.iter().all(|i| !i.sections.is_loaded()));
            // Unread sections export as the JSON they are stored as…
            for (cached, item) in cached.items.iter().zip(&meeting.items) {
                assert_eq!(
                    cached.sections.stored_json().unwrap(),
                    serde_json::to_vec(item.sections.read()).unwrap()
                );
            }
            // Neither serialising nor comparing reads them: serde is told
            // no, and unread sections are not equal to sections in memory.
            assert!(serde_json::to_string(cached).is_err());
            assert_ne!(cached, meeting);
            assert!(cached.items.iter().all(|i| !i.sections.is_loaded()));
            // Read when asked, they are the sections they were.
            cached.read_sections();
            assert!(cached.items.iter().all(|i| i.sections.is_loaded()));
            assert_eq!(cached, meeting);
            assert_eq!(
                serde_json::to_string(cached).unwrap(),
                serde_json::to_string(meeting).unwrap()
            );
        }
    }

    #[test]
    fn every_item_keeps_its_folded_text_in_one_block_beside_its_sections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let corpus = write_sample(&path);
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left: {left:?}");
        let file = fs::read(&path).unwrap();
        let (start, len) = folded_range(&file);
        assert_eq!(
            start + len,
            index_range(&file).start,
            "between bodies and index"
        );
        let entries = read(&path, reread);
        let mut stored_len = 0;
        for meeting in corpus.meetings() {
            let cached = entries[&meeting.source].meeting.as_ref().unwrap();
            for (cached, item) in cached.items.iter().zip(&meeting.items) {
                let folded = cached.sections.stored_folded().expect("stored folded");
                let want = crate::folded::encode(&item.title, item.sections.read());
                let read = folded.read();
                assert_eq!(
                    read,
                    Some(want.clone()),
                    "{} {}",
                    meeting.source,
                    item.number
                );
                stored_len += want.len();
                assert!(!cached.sections.is_loaded(), "read without the sections");
            }
        }
        assert_eq!(
            stored_len, len,
            "the block holds the items' folded texts only"
        );
        // Once the sections are read, search folds what is in memory.
        let cached = entries.values().find_map(|e| e.meeting.as_ref()).unwrap();
        cached.items[0].sections.read();
        assert!(cached.items[0].sections.stored_folded().is_none());
    }

    #[test]
    fn a_damaged_folded_text_is_never_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let corpus = write_sample(&path);
        let first = corpus.meetings().iter().min_by_key(|m| &m.source).unwrap();
        let mut damaged = fs::read(&path).unwrap();
        let (start, _) = folded_range(&damaged);
        // The first item's folded text is the block's start: damage its title.
        damaged[start + 2 + 5 * (1 + first.items[0].sections.read().len())] ^= 0x01;
        fs::write(&path, &damaged).unwrap();
        let entries = read(&path, reread);
        let cached = entries[&first.source].meeting.as_ref().unwrap();
        let sections = |i: usize| &cached.items[i].sections;
        let read = |i: usize| sections(i).stored_folded().and_then(|span| span.read());
        assert!(read(1).is_some());
        assert!(path.exists());
        assert!(read(0).is_none(), "CRC caught it");
        assert!(!path.exists(), "a damaged cache is removed, to be rebuilt");
    }

    /// The folded block's place in a cache file, from its header.
    pub(super) fn folded_range(file: &[u8]) -> (usize, usize) {
        let folded = part_range(file, 36);
        (folded.start, folded.len())
    }

    /// The place in a cache file of the part whose offset and length the
    /// header has at `at` and `at + 8`.
    fn part_range(file: &[u8], at: usize) -> std::ops::Range<usize> {
        let u64_at = |i: usize| u64::from_le_bytes(file[i..i + 8].try_into().unwrap()) as usize;
        u64_at(at)..u64_at(at) + u64_at(at + 8)
    }

    /// The index's place in a cache file, from its header.
    pub(super) fn index_range(file: &[u8]) -> std::ops::Range<usize> {
        part_range(file, 16)
    }

    /// The listing's place in a cache file, from its header.
    pub(super) fn listing_range(file: &[u8]) -> std::ops::Range<usize> {
        part_range(file, 52)
    }

    #[test]
    fn missing_truncated_corrupt_or_foreign_caches_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        assert!(read(&path, reread).is_empty());
        write_sample(&path);
        let good = fs::read(&path).unwrap();
        let index = index_range(&good);
        assert_eq!(index.end, listing_range(&good).start, "the listing follows");
        assert_eq!(
            listing_range(&good).end,
            good.len(),
            "the listing ends the file"
        );

        fs::write(&path, &good[..good.len() / 2]).unwrap();
        assert!(read(&path, reread).is_empty(), "truncated");

        let mut flipped = good.clone();
        flipped[(index.start + index.end) / 2] ^= 0x20;
        fs::write(&path, &flipped).unwrap();
        assert!(
            read(&path, reread).is_empty(),
            "one bit flipped in the index"
        );

        let mut old = good.clone();
        old[8] = old[8].wrapping_add(1);
        fs::write(&path, &old).unwrap();
        assert!(read(&path, reread).is_empty(), "another format version");

        fs::write(&path, b"not a cache at all").unwrap();
        assert!(read(&path, reread).is_empty(), "garbage");

        fs::write(&path, &good).unwrap();
        assert!(
            !read(&path, reread).is_empty(),
            "the intact file still reads"
        );
    }

    #[test]
    fn a_damaged_body_is_never_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let corpus = write_sample(&path);
        // Bodies are stored in source order, the sample's first meeting first;
        // damage the middle of its first item that has any sections.
        let first = corpus.meetings().iter().min_by_key(|m| &m.source).unwrap();
        let lengths: Vec<usize> = first
            .items
            .iter()
            .map(|i| serde_json::to_vec(i.sections.read()).unwrap().len())
            .collect();
        let n = lengths.iter().position(|&len| len > 2).unwrap();
        let at = HEADER_LEN + lengths[..n].iter().sum::<usize>() + lengths[n] / 2;
        let mut damaged = fs::read(&path).unwrap();
        damaged[at] ^= 0x01;
        fs::write(&path, &damaged).unwrap();
        let entries = read(&path, reread);
        let cached = entries[&first.source].meeting.as_ref().unwrap();
        assert_eq!(
            cached.items[n].sections.stored_json(),
            None,
            "CRC caught it"
        );
        // The item is read again from its source, `assets/…` in the repository.
        assert!(Path::new(ROOT).join(&first.source).exists());
        assert!(!first.items[n].sections.read().is_empty());
        assert_eq!(
            *cached.items[n].sections.read(),
            *first.items[n].sections.read()
        );
        cached.read_sections();
        assert_eq!(cached, first, "and every other item is intact");
        assert!(!path.exists(), "a damaged cache is removed, to be rebuilt");
    }

    #[test]
    fn sections_neither_stored_intact_nor_in_their_source_are_not_cached_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let mut gone = Corpus::bundled().into_meetings().swap_remove(0);
        gone.source = dir.path().join("gone.txt").display().to_string();
        let entry = |meeting| EntryRef {
            key: &FileKey {
                device: 0,
                inode: 0,
                size: 0,
                modified_secs: 0,
                modified_nanos: 0,
            },
            encoding: Some("UTF-8"),
            error: None,
            diagnostics: &[],
            meeting: Some(meeting),
        };
        write(&path, [(gone.source.as_str(), entry(&gone))]).unwrap();
        let mut damaged = fs::read(&path).unwrap();
        let bodies = HEADER_LEN..index_range(&damaged).start;
        damaged[bodies].fill(b' ');
        fs::write(&path, &damaged).unwrap();
        let cached = read(&path, reread)
            .remove(&gone.source)
            .unwrap()
            .meeting
            .unwrap();
        assert!(
            cached.items[0].sections.read().is_empty(),
            "nothing to read"
        );
        assert!(cached.items[0].sections.is_lost());
        assert!(!gone.items[0].sections.is_lost());

        // Written again, the meeting is left out, not stored without sections.
        let rewritten = dir.path().join("d.bin");
        write(&rewritten, [(cached.source.as_str(), entry(&cached))]).unwrap();
        assert!(read(&rewritten, reread).is_empty());
    }

    #[test]
    fn a_cache_replaced_since_it_was_read_is_not_removed_for_the_old_ones_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        write_sample(&path);
        let mut damaged = fs::read(&path).unwrap();
        let good = damaged.clone();
        damaged[HEADER_LEN..index_range(&good).start].fill(b' ');
        fs::write(&path, &damaged).unwrap();
        let entries = read(&path, reread);
        // Another run puts a new cache in place (a rename, as Writer does).
        let newer = dir.path().join("newer");
        fs::write(&newer, &good).unwrap();
        fs::rename(&newer, &path).unwrap();
        let item = entries
            .values()
            .flat_map(|e| &e.meeting)
            .flat_map(|m| &m.items)
            .next()
            .unwrap();
        assert_eq!(item.sections.stored_json(), None, "every body is damaged");
        assert_eq!(fs::read(&path).unwrap(), good, "the newer cache stays");
    }

    #[test]
    fn the_cache_name_is_a_stable_hash_of_the_inputs() {
        let mut a = StableHash::default();
        a.add(b"/minutes");
        // FNV-1a of "/minutes\0", fixed: a new Rust release must not move it.
        assert_eq!(a.0, {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in b"/minutes\0" {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        });
        let mut b = StableHash::default();
        b.add(b"/min");
        b.add(b"utes");
        assert_ne!(a.0, b.0, "parts are separated");
    }

    #[test]
    fn a_new_writer_removes_stale_caches_of_other_inputs_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus-00000000000000aa.bin");
        let long_ago = std::time::SystemTime::now() - 2 * STALE_CACHE;
        let make = |name: &str, modified| {
            let file = File::create(dir.path().join(name)).unwrap();
            file.set_modified(modified).unwrap();
        };
        make("corpus-00000000000000aa.bin", long_ago);
        make("corpus-00000000000000bb.bin", long_ago);
        make("corpus-00000000000000cc.bin", std::time::SystemTime::now());
        make("notes.bin", long_ago);
        let _writer = Writer::create(&path).unwrap();
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| !n.ends_with(".tmp"))
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "corpus-00000000000000aa.bin",
                "corpus-00000000000000cc.bin",
                "notes.bin"
            ]
        );
    }

    #[test]
    fn a_new_writer_removes_only_its_own_stale_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let old = std::time::SystemTime::now() - 2 * STALE_TEMP;
        let make = |name: &str, modified| {
            let file = File::create(dir.path().join(name)).unwrap();
            file.set_modified(modified).unwrap();
        };
        make(".c.bin.4242.tmp", old);
        make(".c.bin.4242.folded.tmp", old);
        make(".c.bin.4343.tmp", std::time::SystemTime::now());
        make(".d.bin.4242.tmp", old);
        make("c.bin.notes", old);
        let writer = Writer::create(&path).unwrap();
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let own = format!(".c.bin.{}.tmp", std::process::id());
        let own_folded = format!(".c.bin.{}.folded.tmp", std::process::id());
        let mut expected = vec![
            ".c.bin.4343.tmp",
            ".d.bin.4242.tmp",
            "c.bin.notes",
            &own,
            &own_folded,
        ];
        expected.sort();
        assert_eq!(left, expected, "only the stale ones of its own went");
        drop(writer);
        for own in [own, own_folded] {
            assert!(
                !dir.path().join(own).exists(),
                "an unfinished writer cleans up"
            );
        }
    }

    #[test]
    fn a_writer_refuses_bodies_that_do_not_match_the_items() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let corpus = Corpus::bundled();
        let meeting = &corpus.meetings()[0];
        let entry = EntryRef {
            key: &key(1),
            encoding: Some("UTF-8"),
            error: None,
            diagnostics: &[],
            meeting: Some(meeting),
        };
        let mut writer = Writer::create(&path).unwrap();
        let mut bodies = bodies_of(meeting).unwrap();
        bodies.pop();
        assert!(writer.add(&meeting.source, &entry, bodies).is_err());
        writer
            .add(&meeting.source, &entry, bodies_of(meeting).unwrap())
            .unwrap();
        writer.finish(&path).unwrap();
        let entries = read(&path, reread);
        let cached = entries[&meeting.source].meeting.as_ref().unwrap();
        cached.read_sections();
        assert_eq!(cached, meeting);
    }

    #[test]
    fn location_depends_on_the_inputs() {
        let a = location(&[PathBuf::from("/tmp/a")]);
        let b = location(&[PathBuf::from("/tmp/b")]);
        assert!(a.is_some());
        assert_ne!(a, b);
    }
}
