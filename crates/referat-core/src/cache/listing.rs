//! The listing: one line per cached file, so that a warm search can find the
//! files that may hit without decoding the index.
//!
//! A warm search used to decode every entry of the index and build a corpus
//! of all of it, only to scan the folded text of a few items. The listing
//! says, for each file, its source and key (to check the cache against the
//! walk), where its entry begins in its chunk of the index (to decode it
//! alone), where its folded text ends in the folded block (to tell which
//! file a hit in the block falls in), which same-meeting run it belongs to,
//! and whether it gave no meeting. [`Listing::holding`] scans the folded
//! block piece by piece with `pread` into a buffer rather than through the
//! map, so that a search's memory is its buffers and its hits, not the
//! block's pages; each piece is checked against its CRC-32 as it is read.
//!
//! The scan is a filter that may pass too much and never too little: a word
//! found across the boundary of two places or two items lets the file
//! through, and the search proper decides.

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    Entry, EntryRef, FileKey, INDEX_CHUNK, IndexEntry, Opened, Reread, StableHash, entries_of,
    read_checked, read_exact_at,
};

/// The folded block is checked and scanned in pieces of this many bytes: a
/// piece is what one task reads at a time, and one CRC-32. (Small in tests,
/// so that the sample's block has many pieces and words across their ends.)
const FOLDED_PIECE: usize = if cfg!(test) { 4096 } else { 4 << 20 };

/// One file's line of the listing.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Listed {
    source: String,
    key: FileKey,
    /// Where the file's entry begins in its chunk of the index, the chunk's
    /// length prefix left out; set when the chunk is written.
    pub(super) at: u32,
    /// Where the file's folded text ends in the folded block (it begins
    /// where the file before it ends).
    folded_end: u64,
    /// The same-meeting run the file's meeting belongs to: a hash of its
    /// forum and date, for a dated meeting. Readings of one meeting are
    /// folded into one ([`crate::corpus`]'s `same` module) only within such
    /// a run, so a search that takes whole runs folds them as a full load
    /// does.
    run: Option<u64>,
    /// The file gave no meeting: its error is reported by any load.
    failed: bool,
}

impl Listed {
    /// The line of `entry`, read from `source`, whose folded text ends at
    /// `folded_end`.
    pub(super) fn of(source: &str, entry: &EntryRef, folded_end: u64) -> Listed {
        let run = entry.meeting.and_then(|meeting| {
            let date = meeting.date?;
            let mut hash = StableHash::default();
            hash.add(meeting.forum.as_bytes());
            hash.add(&date.year.to_le_bytes());
            hash.add(&[date.month, date.day]);
            Some(hash.0)
        });
        Listed {
            source: source.to_string(),
            key: *entry.key,
            at: 0,
            folded_end,
            run,
            failed: entry.error.is_some(),
        }
    }
}

/// The CRC-32 of each [`FOLDED_PIECE`] of the folded block, computed as the
/// block is written.
#[derive(Default)]
pub(super) struct PieceCrcs {
    done: Vec<u32>,
    current: crc32fast::Hasher,
    /// Bytes in the current piece so far.
    filled: usize,
}

impl PieceCrcs {
    /// Adds the next bytes of the block.
    pub(super) fn add(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let take = bytes.len().min(FOLDED_PIECE - self.filled);
            self.current.update(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled == FOLDED_PIECE {
                let piece = std::mem::take(&mut self.current);
                self.done.push(piece.finalize());
                self.filled = 0;
            }
        }
    }

    /// The CRC of every piece, the last (shorter) one included.
    pub(super) fn finish(mut self) -> Vec<u32> {
        if self.filled > 0 {
            self.done.push(self.current.finalize());
        }
        self.done
    }
}

/// The listing as stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    listed: Vec<Listed>,
    pieces: Vec<u32>,
}

/// The listing's bytes, for the end of the cache file.
pub(super) fn encode(listed: Vec<Listed>, pieces: Vec<u32>) -> std::io::Result<Vec<u8>> {
    postcard::to_allocvec(&Stored { listed, pieces }).map_err(std::io::Error::other)
}

/// A cache file's listing, checked against its index and folded block.
pub struct Listing {
    opened: Opened,
    stored: Stored,
}

/// The listing of the cache at `path`, if it is one of this build's cache
/// files and its listing agrees with its index. Items decoded from it read
/// damaged sections again with `reread`.
pub fn list(path: &Path, reread: Reread) -> Option<Listing> {
    let opened = Opened::open(path, reread)?;
    let bytes = read_checked(&opened.cache.file, opened.header.listing)?;
    let stored: Stored = postcard::from_bytes(&bytes).ok()?;
    let listing = Listing { opened, stored };
    listing.agrees().then_some(listing)
}

impl Listing {
    /// Whether the listing fits the index and the folded block: a chunk
    /// per [`INDEX_CHUNK`] files, each holding as many entries as it should,
    /// each file's entry inside its chunk and after the one before; folded
    /// ends in order and inside the block; a CRC for every piece.
    fn agrees(&self) -> bool {
        let listed = &self.stored.listed;
        let chunks = &self.opened.chunks;
        if chunks.len() != listed.len().div_ceil(INDEX_CHUNK) {
            return false;
        }
        let chunks_agree = listed
            .chunks(INDEX_CHUNK)
            .zip(chunks)
            .all(|(files, range)| {
                let chunk = &self.opened.index[range.clone()];
                let count: Option<(usize, &[u8])> = postcard::take_from_bytes(chunk).ok();
                count.is_some_and(|(count, _)| count == files.len())
                    && files.windows(2).all(|pair| pair[0].at < pair[1].at)
                    && files.last().is_some_and(|f| (f.at as usize) < chunk.len())
            });
        let (_, folded_len) = self.opened.header.folded;
        let folded_in_order = listed
            .windows(2)
            .all(|pair| pair[0].folded_end <= pair[1].folded_end)
            && listed.last().map_or(0, |f| f.folded_end) == folded_len;
        let pieces = usize::try_from(folded_len)
            .is_ok_and(|len| len.div_ceil(FOLDED_PIECE) == self.stored.pieces.len());
        chunks_agree && folded_in_order && pieces
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.stored.listed.len()
    }

    /// Whether the cache holds no file.
    pub fn is_empty(&self) -> bool {
        self.stored.listed.is_empty()
    }

    /// Each file's source and key, in the cache's order.
    pub fn files(&self) -> impl Iterator<Item = (&str, FileKey)> {
        self.stored
            .listed
            .iter()
            .map(|f| (f.source.as_str(), f.key))
    }

    /// The files whose folded text holds every one of `words` (bytes of
    /// folded text, none empty), or that may: a word may be found across
    /// two items of one file. `None` when a piece of the folded block cannot
    /// be read or fails its CRC: the caller is then to search as if there
    /// were no listing.
    pub fn holding(&self, words: &[&[u8]]) -> Option<Vec<bool>> {
        if words.iter().any(|w| w.is_empty()) {
            return None;
        }
        let finders: Vec<memchr::memmem::Finder> =
            words.iter().map(memchr::memmem::Finder::new).collect();
        let overlap = words.iter().map(|w| w.len() - 1).max().unwrap_or(0);
        let (folded_offset, folded_len) = self.opened.header.folded;
        let file = &self.opened.cache.file;
        // Per piece, per word, the files it was found in.
        let found: Vec<Vec<Vec<usize>>> = self
            .stored
            .pieces
            .par_iter()
            .enumerate()
            .map_init(Vec::new, |buffer, (piece, &crc)| {
                let start = (piece * FOLDED_PIECE) as u64;
                let len = (folded_len - start).min(FOLDED_PIECE as u64) as usize;
                let with_overlap = (folded_len - start).min((len + overlap) as u64) as usize;
                buffer.resize(with_overlap, 0);
                read_exact_at(file, buffer, folded_offset + start).ok()?;
                if crc32fast::hash(&buffer[..len]) != crc {
                    return None;
                }
                let found = finders
                    .iter()
                    .map(|finder| files_found(finder, buffer, len, start, &self.stored.listed))
                    .collect();
                Some(found)
            })
            .collect::<Option<_>>()?;
        // A file holds every word when each was found in it in some piece.
        let mut holding = vec![true; self.len()];
        for word in 0..words.len() {
            let mut has = vec![false; self.len()];
            for files in found.iter().map(|piece| &piece[word]) {
                for &file in files {
                    has[file] = true;
                }
            }
            for (holds, has) in holding.iter_mut().zip(has) {
                *holds &= has;
            }
        }
        Some(holding)
    }

    /// The same-meeting run of the file at `at` (see [`Listed`]).
    pub fn run(&self, at: usize) -> Option<u64> {
        self.stored.listed[at].run
    }

    /// Whether the file at `at` gave no meeting.
    pub fn failed(&self, at: usize) -> bool {
        self.stored.listed[at].failed
    }

    /// The entries of the files `wanted` marks, decoded alone, each with its
    /// source, as [`super::read`] gives them. `None` when one does not
    /// decode, or is not the file the listing names.
    pub fn decode(&self, wanted: &[bool]) -> Option<Vec<(String, Entry)>> {
        let listed = &self.stored.listed;
        let chunks: Vec<Vec<(String, Entry)>> = self
            .opened
            .chunks
            .par_iter()
            .zip(listed.par_chunks(INDEX_CHUNK))
            .zip(wanted.par_chunks(INDEX_CHUNK))
            .map(|((range, files), wanted)| {
                let chunk = &self.opened.index[range.clone()];
                let mut index = Vec::new();
                for (file, _) in files.iter().zip(wanted).filter(|(_, w)| **w) {
                    let bytes = chunk.get(file.at as usize..)?;
                    let (entry, _): (IndexEntry, _) = postcard::take_from_bytes(bytes).ok()?;
                    if entry.source != file.source || entry.key != file.key {
                        return None;
                    }
                    index.push(entry);
                }
                entries_of(index, &self.opened.cache, self.opened.lens())
            })
            .collect::<Option<_>>()?;
        Some(chunks.into_iter().flatten().collect())
    }
}

/// The files `finder` finds its word in, where the word begins within the
/// first `len` bytes of `buffer` (the rest is the start of the next piece,
/// for a word that runs over): `buffer` holds the folded block from
/// `start`, and `listed` are the files, in the block's order. After a hit the
/// scan goes on from the end of its file.
fn files_found(
    finder: &memchr::memmem::Finder,
    buffer: &[u8],
    len: usize,
    start: u64,
    listed: &[Listed],
) -> Vec<usize> {
    let mut files = Vec::new();
    let mut from = 0;
    while from < len {
        let Some(hit) = finder.find(&buffer[from..]) else {
            break;
        };
        let hit = from + hit;
        if hit >= len {
            break;
        }
        let at = start + hit as u64;
        // The file whose folded text holds the byte at `at`.
        let file = listed.partition_point(|f| f.folded_end <= at);
        files.push(file);
        let Some(end) = listed.get(file).map(|f| f.folded_end) else {
            break;
        };
        from = usize::try_from(end - start).unwrap_or(usize::MAX);
    }
    files
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::super::tests::{folded_range, listing_range, reread, write_sample};
    use super::*;
    use crate::corpus::Corpus;

    fn sample() -> (tempfile::TempDir, std::path::PathBuf, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let corpus = write_sample(&path);
        (dir, path, corpus)
    }

    /// What the index says of an entry's meeting: forum, date, table of
    /// contents and item titles.
    fn facts(entry: &Entry) -> String {
        let meeting = entry.meeting.as_ref();
        let titles = meeting.map(|m| m.items.iter().map(|i| &i.title).collect::<Vec<_>>());
        format!("{:?}", meeting.map(|m| (&m.forum, m.date, &m.toc, titles)))
    }

    /// The files an occurrence of `word` begins in, found the slow way: in
    /// the whole block, byte by byte.
    fn holding_slowly(path: &Path, listing: &Listing, word: &[u8]) -> Vec<bool> {
        let file = fs::read(path).unwrap();
        let (offset, len) = folded_range(&file);
        let block = &file[offset..offset + len];
        let mut holding = vec![false; listing.len()];
        let mut start = 0;
        for (i, listed) in listing.stored.listed.iter().enumerate() {
            let end = listed.folded_end as usize;
            holding[i] = (start..end).any(|at| block[at..].starts_with(word));
            start = end;
        }
        holding
    }

    #[test]
    fn the_listing_names_every_file_and_agrees_with_the_index() {
        let (_dir, path, corpus) = sample();
        let listing = list(&path, reread).expect("a fresh cache has a listing");
        let mut sources: Vec<&str> = corpus
            .meetings()
            .iter()
            .map(|m| m.source.as_str())
            .collect();
        sources.sort_unstable();
        let listed: Vec<&str> = listing.files().map(|(source, _)| source).collect();
        assert_eq!(listed, sources);
        assert!(listing.stored.pieces.len() > 10, "many pieces in a test");
        // Every file decoded alone is the file the whole index gives.
        let whole = super::super::read(&path, reread);
        let all = listing.decode(&vec![true; listing.len()]).unwrap();
        assert_eq!(all.len(), whole.len());
        for (source, entry) in &all {
            assert_eq!(entry.key, whole[source].key);
            assert_eq!(facts(entry), facts(&whole[source]), "{source}");
        }
        let mut second = vec![false; listing.len()];
        second[1] = true;
        let one = listing.decode(&second).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, sources[1]);
        assert_eq!(facts(&one[0].1), facts(&whole[sources[1]]));
        assert!(listing.run(1).is_some(), "a dated meeting has a run");
        assert!(!listing.failed(1));
    }

    #[test]
    fn the_scan_finds_a_word_in_exactly_the_files_it_begins_in() {
        let (_dir, path, corpus) = sample();
        let listing = list(&path, reread).unwrap();
        // Words of every title, and a few that cross piece ends for sure.
        let mut words: Vec<String> = corpus
            .meetings()
            .iter()
            .flat_map(|m| m.items.iter())
            .flat_map(|i| {
                crate::fold::fold_spaced_str(&i.title)
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.len() > 3)
            .collect();
        words.sort();
        words.dedup();
        let file = fs::read(&path).unwrap();
        let (offset, len) = folded_range(&file);
        for piece_end in (FOLDED_PIECE..len).step_by(FOLDED_PIECE).take(8) {
            let across = &file[offset + piece_end - 3..offset + piece_end + 3];
            words.push(String::from_utf8_lossy(across).into_owned());
        }
        words.push("zzqxjkw".to_string());
        let mut some_hit = 0;
        for word in &words {
            let expected = holding_slowly(&path, &listing, word.as_bytes());
            assert_eq!(
                listing.holding(&[word.as_bytes()]).unwrap(),
                expected,
                "{word:?}"
            );
            some_hit += usize::from(expected.iter().any(|h| *h));
        }
        assert!(some_hit > words.len() / 2, "the words are found");
        // Two words: the files holding both.
        let (a, b) = (words[0].as_bytes(), words[words.len() / 2].as_bytes());
        let both: Vec<bool> = holding_slowly(&path, &listing, a)
            .into_iter()
            .zip(holding_slowly(&path, &listing, b))
            .map(|(x, y)| x && y)
            .collect();
        assert_eq!(listing.holding(&[a, b]).unwrap(), both);
        assert_eq!(listing.holding(&[b""]), None, "an empty word is no needle");
    }

    #[test]
    fn a_damaged_piece_or_listing_gives_no_answer() {
        let (_dir, path, _) = sample();
        let good = fs::read(&path).unwrap();
        let (offset, len) = folded_range(&good);
        let mut damaged = good.clone();
        damaged[offset + len / 2] ^= 0x01;
        fs::write(&path, &damaged).unwrap();
        let listing = list(&path, reread).expect("the listing itself is intact");
        assert_eq!(listing.holding(&[b"e"]), None, "CRC caught it");

        let listed = listing_range(&good);
        let mut damaged = good.clone();
        damaged[(listed.start + listed.end) / 2] ^= 0x01;
        fs::write(&path, &damaged).unwrap();
        assert!(list(&path, reread).is_none());
        assert!(
            !super::super::read(&path, reread).is_empty(),
            "the index still reads"
        );
    }
}
