//! Word wrapping that knows display widths and keeps per-character styles.
//!
//! ratatui's `Paragraph` can wrap, but the browser needs to know where every
//! line starts (to jump to a decision heading, to scroll to a search hit, to
//! show "line 10 of 80") and to wrap list entries and table cells with a hanging
//! indent. So wrapping is done here, once per item and width, on a plain slice
//! of chars; callers keep styles by index.

use std::ops::Range;

use super::text::char_width;

/// Wraps `text` into lines of at most `width` cells, breaking at spaces and,
/// for words longer than a line, inside the word. Returns the char range of each
/// line (spaces at a break are dropped). Always returns at least one line.
pub fn wrap(text: &[char], width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut end = 0;
    let mut used = 0;
    let mut open = false;
    let flush = |lines: &mut Vec<Range<usize>>, start: usize, mut end: usize| {
        while end > start && text[end - 1] == ' ' {
            end -= 1;
        }
        lines.push(start..end);
    };
    let mut i = 0;
    while i < text.len() {
        if text[i] == ' ' {
            if open {
                if used < width {
                    used += 1;
                    end = i + 1;
                } else {
                    flush(&mut lines, start, end);
                    open = false;
                }
            }
            i += 1;
            continue;
        }
        let word_end = text[i..]
            .iter()
            .position(|&c| c == ' ')
            .map_or(text.len(), |p| i + p);
        let word_w: usize = text[i..word_end].iter().map(|&c| char_width(c)).sum();
        if open && used + word_w > width {
            flush(&mut lines, start, end);
            open = false;
        }
        if !open {
            start = i;
            used = 0;
            open = true;
        }
        for (j, &c) in text.iter().enumerate().take(word_end).skip(i) {
            let w = char_width(c);
            if w > 0 && used > 0 && used + w > width {
                flush(&mut lines, start, j);
                start = j;
                used = 0;
            }
            used += w;
            end = j + 1;
        }
        i = word_end;
    }
    if open {
        flush(&mut lines, start, end);
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// The line (index into the result of [`wrap`]) that shows char `at`.
pub fn line_of(lines: &[Range<usize>], at: usize) -> usize {
    lines
        .iter()
        .position(|r| r.end > at)
        .unwrap_or(lines.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::text::width;

    fn wrapped(text: &str, w: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap(&chars, w)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(
            wrapped("Direktionen tager sagen til efterretning", 16),
            ["Direktionen", "tager sagen til", "efterretning"]
        );
        assert_eq!(wrapped("", 5), [""]);
        assert_eq!(wrapped("a  b", 10), ["a  b"]);
    }

    #[test]
    fn long_words_are_split_and_wide_chars_respected() {
        assert_eq!(wrapped("abcdefgh", 3), ["abc", "def", "gh"]);
        for line in wrapped("日本語の文章です 🙂🙂 e\u{301}e\u{301}e\u{301}", 3) {
            assert!(width(&line) <= 3, "{line:?}");
        }
        // a char wider than the line still makes progress
        assert_eq!(wrapped("日本", 1), ["日", "本"]);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        assert_eq!(wrapped("e\u{301}e\u{301}", 1), ["e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn finds_the_line_of_a_char() {
        let chars: Vec<char> = "aa bb cc".chars().collect();
        let lines = wrap(&chars, 2);
        assert_eq!(line_of(&lines, 3), 1);
        assert_eq!(line_of(&lines, 2), 1);
        assert_eq!(line_of(&lines, 7), 2);
    }
}
