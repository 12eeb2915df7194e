//! From a range of folded text back to the original text it was folded
//! from: what shows a hit where it is in the item's text.
//!
//! Folding ([`crate::fold`]) changes lengths (`æ` is two bytes and folds to
//! `ae`, a run of white space folds to one space), so a hit found in folded
//! text is mapped back by folding the original again, as far as the hit.

#[cfg(test)]
use super::fold;

/// Folds `text` into `out` by [`crate::fold::fold_spaced`], calling
/// `mapped(folded_len_before, original_byte)` once for every character that
/// gives folded text, so callers can map folded positions back to the original.
pub(super) fn fold_into(text: &str, out: &mut String, mut mapped: impl FnMut(usize, usize)) {
    let mut last = None;
    crate::fold::fold_spaced(text.char_indices(), |at, c| {
        if last != Some(at) {
            mapped(out.len(), at);
            last = Some(at);
        }
        out.push(c);
    });
}

/// For every character of `text`: where its folding starts in `fold(text)` and
/// where it starts in `text`.
pub(super) fn fold_marks(text: &str) -> Vec<(usize, usize)> {
    let mut marks = Vec::new();
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, |folded, original| {
        marks.push((folded, original))
    });
    marks
}

/// The byte range of an original `len` bytes long that `folded_start..
/// folded_end` of its folding came from, by its [`fold_marks`].
pub(super) fn map_range(
    marks: &[(usize, usize)],
    len: usize,
    folded_start: usize,
    folded_end: usize,
) -> (usize, usize) {
    let after_start = marks.partition_point(|(folded, _)| *folded <= folded_start);
    let start = after_start.checked_sub(1).map_or(0, |i| marks[i].1);
    let end_at = marks.partition_point(|(folded, _)| *folded < folded_end);
    let end = marks.get(end_at).map_or(len, |m| m.1);
    (start, end.max(start))
}

/// Maps a range of `fold(text)` back to the byte range of `text` it came from,
/// as [`map_range`] does over [`fold_marks`], folding no further than the
/// range's end: a result shows its first hit, mostly near its text's start.
///
/// The folding is [`crate::fold::fold_spaced`]'s, walked a byte at a time
/// through ASCII (one folded byte each, a run of white space one space) as
/// [`fold`] does: a search for a common word maps one hit for every item it
/// lists.
pub fn original_range(text: &str, folded_start: usize, folded_end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut folded, mut start, mut at, mut in_space) = (0, 0, 0, false);
    while at < bytes.len() {
        // Eight bytes that fold one to one, wholly before the range's start,
        // are crossed at once: their last mark is the start so far.
        if folded + 8 <= folded_start
            && let Some(chunk) = bytes.get(at..at + 8)
            && let Some(ends_in_space) = one_to_one(chunk, in_space)
        {
            start = at + 7;
            folded += 8;
            at += 8;
            in_space = ends_in_space;
            continue;
        }
        let (len, space, gives) = match bytes[at] {
            b if b.is_ascii() => {
                let space = b.is_ascii_whitespace() || b == 0x0b;
                (1, space, if space { usize::from(!in_space) } else { 1 })
            }
            _ => {
                let c = text[at..].chars().next().expect("at a character boundary");
                let space = c.is_whitespace();
                let mut gives = usize::from(space && !in_space);
                if !space {
                    crate::fold::fold_char(c, &mut |f| gives += f.len_utf8());
                }
                (c.len_utf8(), space, gives)
            }
        };
        in_space = space;
        if gives > 0 {
            // A mark (folded, at), as `fold_marks` would record it.
            if folded <= folded_start {
                start = at;
            }
            if folded >= folded_end {
                return (start, at.max(start));
            }
            folded += gives;
        }
        at += len;
    }
    (start, text.len().max(start))
}

/// Whether each of the eight bytes of `chunk` folds to one byte (ASCII, no
/// white space but single spaces, the first not a space when `in_space`):
/// `Some(whether it ends in a space)` when they do.
fn one_to_one(chunk: &[u8], in_space: bool) -> Option<bool> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let word = u64::from_le_bytes(chunk.try_into().ok()?);
    // Not ASCII, or a control byte (tab, line break and the like).
    let below_space = word.wrapping_sub(0x2020_2020_2020_2020) & !word;
    if (word | below_space) & HIGH != 0 {
        return None;
    }
    // The high bit of each space byte.
    let other = word ^ 0x2020_2020_2020_2020;
    let spaces = !((other & LOW).wrapping_add(LOW) | other | LOW);
    let doubled = spaces & (spaces << 8) != 0 || (in_space && spaces & 0x80 != 0);
    (!doubled).then_some(spaces >> 63 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_one_range_back_folds_no_further_yet_agrees_with_the_marks() {
        for text in [
            "",
            "Ærø  Å\t\u{a0}KØBENHAVN",
            "Cafe\u{301} \u{301}x  ",
            "ß og Ł – 24/24964\n\nslut",
            "\u{301}\x0b a\u{2003}\u{2003}b\u{301}\r\n\u{a0}ø",
            // Long enough to be crossed eight bytes at a time, and broken
            // off that way by every kind of byte that does not fold to one.
            "Byrådet godkendte at sagen om Ærø-færgen og AARHUS kommune  skulle \
             behandles\tigen \n\n i efteraaret; 24/24964 blev   vedtaget\u{7f}.   ",
            "   the quick brown fox jumps over the lazy dog again and again",
        ]
        .into_iter()
        .map(String::from)
        // Doubled white space at every offset from an eight-byte boundary.
        .chain((0..8).map(|k| format!("{}abcdefg  hijklmn\t\topq \nrstuvwx", "x".repeat(k))))
        {
            let text = text.as_str();
            let folded_len = fold(text).len();
            let marks = fold_marks(text);
            for start in 0..=folded_len {
                for end in start..=folded_len + 1 {
                    assert_eq!(
                        original_range(text, start, end),
                        map_range(&marks, text.len(), start, end),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }
}
