//! The cache's folded text, read for a scan a few megabytes at a time.
//!
//! Items stored in the cache keep their folded text in one block of the
//! cache file ([`FoldedBlock`]), item after item. A search groups the items
//! it scans into runs of neighbours in that block, reads each run with one
//! read into a buffer of its worker's, and scans the items in it: every
//! search reads the text afresh from the page cache, and no more of it is in
//! memory at once than a run per core. (Mapping the block instead made every
//! page a search touched count in the process's memory until it ended.)

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::model::FoldedSpan;

/// How many bytes one read takes at most (one item longer than this is read
/// alone).
const RUN_BYTES: u64 = 4 << 20;

/// How far apart two neighbours may lie and still be read together: what
/// lies between (items not searched) is read and skipped.
const GAP_BYTES: u64 = 64 << 10;

/// Items' folded text, grouped for reading.
#[derive(Default)]
pub(super) struct Runs {
    runs: Vec<Run>,
}

/// Neighbouring spans of one block, read with one read.
struct Run {
    /// Where the read begins in the block.
    start: u64,
    /// How many bytes it reads.
    len: u64,
    /// Each item's number (the caller's) and span, in block order.
    members: Vec<Member>,
}

/// One item of a run.
struct Member {
    /// The caller's number for the item.
    number: usize,
    span: FoldedSpan,
    /// Whether its text has passed its CRC once: a cache file is never
    /// rewritten in place (a new one replaces it by a rename), so what was
    /// read intact once reads the same again, and the browser's next
    /// search need not check it again.
    checked: AtomicBool,
}

impl Runs {
    /// Groups `spans` (each with the caller's number for its item) into runs.
    pub(super) fn new(mut spans: Vec<(usize, FoldedSpan)>) -> Runs {
        spans.sort_by_key(|(_, span)| {
            (
                std::sync::Arc::as_ptr(&span.block).cast::<()>(),
                span.offset,
            )
        });
        let mut runs: Vec<Run> = Vec::new();
        for (number, span) in spans {
            let end = span.offset + u64::from(span.len);
            if let Some(run) = runs.last_mut()
                && run.members[0].span.same_block(&span)
                && span.offset >= run.start + run.len
                && span.offset - (run.start + run.len) <= GAP_BYTES
                && end - run.start <= RUN_BYTES
            {
                run.len = end - run.start;
                run.members.push(Member::new(number, span));
                continue;
            }
            runs.push(Run {
                start: span.offset,
                len: u64::from(span.len),
                members: vec![Member::new(number, span)],
            });
        }
        Runs { runs }
    }

    /// `each(number, text)` for every item, on every core, with the item's
    /// stored folded text, or `None` when it could not be read intact (the
    /// block has been told it is damaged): what `each` gives, collected.
    pub(super) fn scan<T: Send>(
        &self,
        each: impl Fn(usize, Option<&[u8]>) -> Option<T> + Sync,
    ) -> Vec<T> {
        self.runs
            .par_iter()
            .map_init(Vec::new, |buffer: &mut Vec<u8>, run| {
                buffer.clear();
                buffer.resize(run.len as usize, 0);
                let block = &run.members[0].span.block;
                let read = block.read_at(run.start, buffer);
                run.members
                    .iter()
                    .filter_map(|member| {
                        let span = &member.span;
                        let from = (span.offset - run.start) as usize;
                        let text = &buffer[from..from + span.len as usize];
                        each(member.number, (read && member.intact(text)).then_some(text))
                    })
                    .collect::<Vec<T>>()
            })
            .flatten()
            .collect()
    }
}

impl Member {
    fn new(number: usize, span: FoldedSpan) -> Member {
        Member {
            number,
            span,
            checked: AtomicBool::new(false),
        }
    }

    /// Whether `text`, read from the member's span, is intact: checked the
    /// first time only.
    fn intact(&self, text: &[u8]) -> bool {
        if self.checked.load(Ordering::Relaxed) {
            return true;
        }
        let intact = self.span.intact(text);
        self.checked.store(intact, Ordering::Relaxed);
        intact
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FoldedBlock;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    /// A block in memory that counts its reads and whether it was told of
    /// damage.
    struct Block {
        bytes: std::sync::Mutex<Vec<u8>>,
        reads: AtomicUsize,
        damaged: AtomicUsize,
    }

    impl FoldedBlock for Block {
        fn read_at(&self, offset: u64, buf: &mut [u8]) -> bool {
            self.reads.fetch_add(1, Ordering::Relaxed);
            let from = offset as usize;
            match self.bytes.lock().unwrap().get(from..from + buf.len()) {
                Some(bytes) => {
                    buf.copy_from_slice(bytes);
                    true
                }
                None => false,
            }
        }

        fn damaged(&self) {
            self.damaged.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// `texts` laid out one after another in a block, each with its span.
    fn block(texts: &[&[u8]]) -> (Arc<Block>, Vec<FoldedSpan>) {
        let block = Arc::new(Block {
            bytes: std::sync::Mutex::new(texts.concat()),
            reads: AtomicUsize::new(0),
            damaged: AtomicUsize::new(0),
        });
        let mut offset = 0;
        let spans = texts
            .iter()
            .map(|text| {
                let span = FoldedSpan {
                    block: Arc::clone(&block) as Arc<dyn FoldedBlock>,
                    offset,
                    len: text.len() as u32,
                    crc: crc32fast::hash(text),
                };
                offset += text.len() as u64;
                span
            })
            .collect();
        (block, spans)
    }

    #[test]
    fn every_item_is_given_its_own_text_from_one_read_per_run() {
        let texts: Vec<Vec<u8>> = (0..100)
            .map(|i| format!("item {i};").into_bytes())
            .collect();
        let refs: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
        let (block, spans) = block(&refs);
        // Every other item, numbered backwards and given out of order.
        let wanted: Vec<(usize, FoldedSpan)> = spans
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(i, span)| (1000 - i, span))
            .rev()
            .collect();
        let runs = Runs::new(wanted);
        let mut seen = runs.scan(|number, text| Some((number, text.map(<[u8]>::to_vec))));
        seen.sort();
        let want: Vec<(usize, Option<Vec<u8>>)> = (0..100)
            .filter(|i| i % 2 == 0)
            .map(|i| (1000 - i, Some(texts[i].clone())))
            .rev()
            .collect();
        let mut want = want;
        want.sort();
        assert_eq!(seen, want);
        assert_eq!(
            block.reads.load(Ordering::Relaxed),
            1,
            "small gaps read through"
        );
        assert_eq!(block.damaged.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn far_apart_or_too_many_bytes_for_one_read_are_read_apart() {
        let big = vec![b'x'; RUN_BYTES as usize - 10];
        let gap = vec![b'-'; GAP_BYTES as usize + 1];
        let (block, spans) = block(&[b"first", &big, b"after big", &gap, b"after gap"]);
        let chosen = [0, 1, 2, 4].map(|i| (i, spans[i].clone())).to_vec();
        let mut seen = Runs::new(chosen).scan(|number, text| Some((number, text.map(<[u8]>::len))));
        seen.sort();
        assert_eq!(
            seen,
            [
                (0, Some(5)),
                (1, Some(big.len())),
                (2, Some(9)),
                (4, Some(9))
            ]
        );
        // "first" with the big one; "after big" would overflow it; "after
        // gap" lies too far from it.
        assert_eq!(block.reads.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn a_text_is_checked_the_first_time_it_is_read() {
        let (block, spans) = block(&[b"one", b"two"]);
        let runs = Runs::new(spans.into_iter().enumerate().collect());
        let texts = |runs: &Runs| {
            let mut seen = runs.scan(|number, text| Some((number, text.map(<[u8]>::to_vec))));
            seen.sort();
            seen
        };
        assert_eq!(
            texts(&runs),
            [(0, Some(b"one".to_vec())), (1, Some(b"two".to_vec()))]
        );
        // Changed under a run that checked it (as a cache file never is):
        // not checked again, but a new run checks it.
        block.bytes.lock().unwrap()[0] = b'O';
        assert_eq!(texts(&runs)[0], (0, Some(b"One".to_vec())));
        assert_eq!(block.damaged.load(Ordering::Relaxed), 0);
        let spans = vec![(0, runs.runs[0].members[0].span.clone())];
        assert_eq!(texts(&Runs::new(spans)), [(0, None)]);
        assert_eq!(block.damaged.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn a_damaged_text_is_given_as_none_and_told_to_its_block() {
        let (block, mut spans) = block(&[b"one", b"two", b"three"]);
        spans[1].crc ^= 1;
        let runs = Runs::new(spans.into_iter().enumerate().collect());
        let mut seen = runs.scan(|number, text| Some((number, text.map(<[u8]>::to_vec))));
        seen.sort();
        assert_eq!(
            seen,
            [
                (0, Some(b"one".to_vec())),
                (1, None),
                (2, Some(b"three".to_vec()))
            ]
        );
        assert_eq!(block.damaged.load(Ordering::Relaxed), 1);
    }
}
