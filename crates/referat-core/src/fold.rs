//! The one Danish fold: how any two spellings of a word are made to meet, for
//! the finder, full-text search and the detail pane's highlight alike.
//!
//! A reader types `kobenhavn`, `koebenhavn` or `København`, `muller` for
//! `Müller` and `cafe` for `café`, and expects the same hits. Each character
//! is lower-cased; `æ`/`ä` become `ae`, `ø`/`ö` `oe` and `å` `aa`; other
//! letters lose their accents (through Unicode decomposition), and combining
//! marks on their own fold away. The finder folds with [`fold_char`] alone;
//! full-text search and the detail pane's highlight also fold every run of
//! white space into one space ([`fold_spaced`]), each keeping its own map
//! from folded positions back to the text it shows.

use std::ops::ControlFlow;

use unicode_normalization::char::decompose_canonical;

/// Folds one character, handing the folded characters (none, one or two) to
/// `push`.
#[inline]
pub fn fold_char(c: char, push: &mut impl FnMut(char)) {
    // Most of every text is ASCII: no tables for it.
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    fold_other(c, push);
}

fn fold_other(c: char, push: &mut impl FnMut(char)) {
    // The Danish letters, most of what is not ASCII, without the tables.
    let pair = match c {
        'æ' | 'Æ' => Some(('a', 'e')),
        'ø' | 'Ø' => Some(('o', 'e')),
        'å' | 'Å' => Some(('a', 'a')),
        _ => None,
    };
    if let Some((first, second)) = pair {
        push(first);
        push(second);
        return;
    }
    for lower in c.to_lowercase() {
        match lower {
            'æ' | 'ä' => {
                push('a');
                push('e');
            }
            'ø' | 'ö' => {
                push('o');
                push('e');
            }
            'å' => {
                push('a');
                push('a');
            }
            // Combining diacritical marks: `e` + U+0301 matches like `e`.
            '\u{300}'..='\u{36f}' => {}
            other => {
                // The base letter of an accented one (`é` → `e`, `ñ` → `n`);
                // a character without a decomposition is itself.
                let mut base = None;
                decompose_canonical(other, |part| {
                    if base.is_none() {
                        base = Some(part);
                    }
                });
                push(base.unwrap_or(other));
            }
        }
    }
}

/// The fold of full-text search: every character folded by [`fold_char`],
/// every run of white space (tabs, line breaks, no-break and other Unicode
/// spaces) as one space. `each(at, folded)` is called for every folded
/// character with the position of the original character it came from, in
/// whatever numbering the caller's `chars` carries (byte offsets from
/// `char_indices`, or indices into a slice of chars).
#[inline]
pub fn fold_spaced<P: Copy>(
    chars: impl IntoIterator<Item = (P, char)>,
    mut each: impl FnMut(P, char),
) {
    fold_spaced_until(chars, |at, c| {
        each(at, c);
        ControlFlow::Continue(())
    });
}

/// [`fold_spaced`] that stops as soon as `each` says so: for callers that
/// need only the start of a long text's folding.
#[inline]
pub fn fold_spaced_until<P: Copy>(
    chars: impl IntoIterator<Item = (P, char)>,
    mut each: impl FnMut(P, char) -> ControlFlow<()>,
) {
    let mut in_space = false;
    for (at, c) in chars {
        if c.is_whitespace() {
            if !in_space && each(at, ' ').is_break() {
                return;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let mut stop = false;
        fold_char(c, &mut |f| stop = stop || each(at, f).is_break());
        if stop {
            return;
        }
    }
}

/// `text` folded as full-text search matches it (this module's rule: lower
/// case, `æ` → `ae`, `ø` → `oe`, `å` → `aa`, accents dropped), with every run of
/// white space as one space.
pub fn fold_spaced_str(text: &str) -> String {
    // The same folding as `fold_spaced` (a test holds them equal), with ASCII
    // (most of any text) handled a byte at a time: the index folds every
    // section of a corpus, and the cache stores it.
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + text.len() / 8);
    let mut in_space = false;
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_whitespace() || b == 0x0b {
                if !in_space {
                    out.push(b' ');
                }
                in_space = true;
            } else {
                in_space = false;
                out.push(b.to_ascii_lowercase());
            }
            continue;
        }
        if c.is_whitespace() {
            if !in_space {
                out.push(b' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        fold_char(c, &mut |f| {
            out.extend_from_slice(f.encode_utf8(&mut buffer).as_bytes())
        });
    }
    String::from_utf8(out).expect("built from whole characters")
}

/// `text` folded, as one string.
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_fold_to_their_spellings() {
        assert_eq!(fold_str("Ærø Å KØBENHAVN"), "aeroe aa koebenhavn");
    }

    #[test]
    fn accents_and_combining_marks_fold_away() {
        assert_eq!(
            fold_str("Müller café Cafe\u{301} Señor"),
            "muller cafe cafe senor"
        );
    }

    #[test]
    fn runs_of_white_space_fold_to_one_space_each_char_knowing_its_origin() {
        let text = "Å\t \u{a0}b\u{b}\nc";
        let mut folded = String::new();
        let mut origins = Vec::new();
        fold_spaced(text.char_indices(), |at, c| {
            folded.push(c);
            origins.push(at);
        });
        assert_eq!(folded, "aa b c");
        assert_eq!(origins, [0, 0, 2, 6, 7, 9]);
    }

    #[test]
    fn letters_without_accents_stay() {
        assert_eq!(fold_str("ß Ł 24/24964 –"), "ß ł 24/24964 –");
    }
}
