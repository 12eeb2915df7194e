//! Column arithmetic on display cells, not bytes or chars.
//!
//! Minutes contain `æøå`, typographic dashes and, in the wild, emoji, CJK and
//! combining accents. Padding by `len()` or `chars().count()` misaligns every
//! column after such a character, so every fixed-width cell in the browser goes
//! through [`fit`] (truncate with `…`, then pad), which measures with
//! `unicode-width` the way the terminal draws.

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

/// Display width of `text` in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Display width of one char; controls count as zero (they never reach here
/// unsanitised, but a width function must not panic or lie about them).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `text` cut to at most `max` cells, ending in `…` when something was cut.
///
/// Zero-width characters (combining accents) stay with the character before
/// them; a wide character that would straddle the limit is dropped whole.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` cut to at most `max` cells from the start, beginning with `…` when
/// something was cut: for identifiers whose distinguishing part is their end,
/// such as case numbers (`…2025-008774`).
pub fn truncate_start(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        used += w;
        kept.push(c);
    }
    // A combining accent kept without its base would attach to the `…`.
    while kept.last().is_some_and(|&c| char_width(c) == 0) {
        kept.pop();
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// `text` truncated and padded with spaces to exactly `cells` cells.
pub fn fit(text: &str, cells: usize) -> String {
    let mut out = truncate(text, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Like [`fit`] but aligned to the right (numbers, page references).
pub fn fit_right(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells);
    let w = width(&cut);
    let mut out: String = std::iter::repeat_n(' ', cells.saturating_sub(w)).collect();
    out.push_str(&cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_start_keeps_the_end() {
        assert_eq!(truncate_start("EMN-2025-008774", 9), "…5-008774");
        assert_eq!(truncate_start("24/24964", 9), "24/24964");
        assert_eq!(truncate_start("日本語", 4), "…語");
        assert_eq!(truncate_start("abc", 0), "");
        assert_eq!(truncate_start("ab\u{301}", 1), "…");
        assert_eq!(truncate_start("xab\u{301}", 2), "…b\u{301}");
    }

    #[test]
    fn fit_pads_by_display_width() {
        assert_eq!(width(&fit("abc", 5)), 5);
        assert_eq!(width(&fit("日本語", 5)), 5);
        assert_eq!(width(&fit("e\u{301}e\u{301}", 4)), 4);
        assert_eq!(width(&fit("🙂🙂🙂", 5)), 5);
        assert_eq!(fit("Økonomi", 3), "Øk…");
        assert_eq!(fit("", 2), "  ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn truncate_never_splits_a_wide_char_over_the_limit() {
        let cut = truncate("日本語日本語", 6);
        assert!(width(&cut) <= 6, "{cut}");
        assert!(cut.ends_with('…'));
        assert_eq!(truncate("ab", 1), "…");
        assert_eq!(fit_right("12", 4), "  12");
    }
}
