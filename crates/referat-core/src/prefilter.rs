//! Which files could hold a case number, decided on their text before any
//! parse: a cold `referat case` parses only those.
//!
//! Parsing is what a cold lookup spends its time on, and most files do not
//! mention the case asked for. The test must be exact — never skip a file
//! the full parse would find the case in — so it is deliberately loose:
//! [`CaseNeedle::may_hold`] looks for the case number's letters and digits
//! in order, ignoring letter case and every other character between them.
//! That survives whatever the loader does to a line before it finds a case
//! number there: cleaning drops control characters and markup, turns inline
//! tags into spaces, folds white space and repairs mojibake, and all of that
//! touches only characters that are not ASCII letters or digits; the case
//! index ignores letter case. Two steps can make letters or digits out of
//! other characters — an entity (`&#50;` is `2`) and a typographic ligature
//! (`ﬁ` is `fi`) — and where one of those meets the case number's
//! characters the file is let through. Encodings, PDFs and saved pages are dealt with before this
//! sees the text ([`crate::read::read_text_if`] extracts PDFs, decodes UTF-16
//! and turns pages into text first), so a PDF or a page is tested on the text
//! the parse would get; UTF-8 and Windows-1252 files, whose ASCII is ASCII,
//! are tested on their bytes before any decoding.

/// A case number as the prefilter looks for it: its ASCII letters and
/// digits, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNeedle {
    needle: Vec<u8>,
    /// The needle has a letter a ligature stands for (`ﬀ` … `ﬆ`).
    ligature_letters: bool,
}

/// The longest entity the loader decodes, `&` and `;` included, with room
/// to spare (`&#x1F600;` is 10).
const MAX_ENTITY: usize = 12;

impl CaseNeedle {
    /// The needle for `case`; `None` when it has no letter or digit, as no
    /// case number has (such a query finds nothing, and the prefilter would
    /// pass every file).
    pub fn new(case: &str) -> Option<CaseNeedle> {
        let needle: Vec<u8> = case
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        let ligature_letters = needle.iter().any(|b| b"filst".contains(b));
        (!needle.is_empty()).then_some(CaseNeedle {
            needle,
            ligature_letters,
        })
    }

    /// Whether `text` may hold the case number: its letters and digits
    /// occur in order with nothing but other characters between them.
    ///
    /// `memchr` jumps to each place the first of them occurs (in either
    /// case), and the rest is compared from there: most places fail at the
    /// second or third character, so the scan runs at close to memchr's
    /// speed rather than a byte at a time.
    /// `text` is UTF-8, or any encoding that writes ASCII as ASCII (see
    /// [`crate::read::read_text_if`]).
    pub fn may_hold(&self, bytes: &[u8]) -> bool {
        // The ligatures are U+FB00 to U+FB06: EF AC 80 to EF AC 86.
        if self.ligature_letters && memchr::memmem::find(bytes, b"\xEF\xAC").is_some() {
            return true;
        }
        let first = self.needle[0];
        let starts = memchr::memchr3_iter(first, first.to_ascii_uppercase(), b'&', bytes);
        starts.into_iter().any(|start| {
            if bytes[start] != b'&' {
                return self.matches_from(&bytes[start + 1..]);
            }
            // An entity may stand for the first character.
            let entity = &bytes[start..bytes.len().min(start + MAX_ENTITY)];
            memchr::memchr(b';', entity)
                .is_some_and(|end| self.matches_from(&bytes[start + end + 1..]))
        })
    }

    /// Whether the needle's characters after the first follow in `rest`,
    /// with only other characters between them (or an entity, which may be
    /// any of them).
    fn matches_from(&self, rest: &[u8]) -> bool {
        let mut wanted = self.needle[1..].iter();
        let Some(mut next) = wanted.next() else {
            return true;
        };
        for &b in rest {
            if b == b'&' {
                return true;
            }
            if !b.is_ascii_alphanumeric() {
                continue;
            }
            if b.to_ascii_lowercase() != *next {
                return false;
            }
            match wanted.next() {
                Some(n) => next = n,
                None => return true,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(case: &str, text: &str) -> bool {
        CaseNeedle::new(case).unwrap().may_hold(text.as_bytes())
    }

    #[test]
    fn the_case_number_as_written_passes() {
        assert!(holds("24/24964", "Punkt 1\n\n24/24964\n"));
        assert!(holds("EMN-2025-003383", "Sagsnr.: EMN-2025-003383 Åbent"));
        assert!(holds("emn-2025-003383", "EMN-2025-003383"));
    }

    #[test]
    fn what_cleaning_removes_between_its_characters_still_passes() {
        assert!(holds("24/24964", "24/&#50;4964"));
        assert!(holds("24/24964", "&#50;4/24964"));
        assert!(holds("24/24964", "24/2&shy;4964"));
        assert!(holds("S55-3-16", "\u{fb06}55-3-16"), "ﬆ");
        assert!(holds("24/24964", "24/2\u{ad}4964"));
        assert!(holds("24/24964", "**24**/24964"));
        assert!(holds("24/24964", "24 /\u{a0}24964"));
        assert!(holds("EMN-2025-003383", "EMN‐2025‐003383"));
    }

    #[test]
    fn a_text_without_its_characters_in_order_fails() {
        assert!(!holds("24/24964", "24/2496 and 24/24963"));
        // Loose on purpose: these pass, and the parse decides.
        assert!(holds("24/24964", "24/2496 4"));
        assert!(!holds("24/24964", "24/24965"));
        assert!(!holds("24/24964", ""));
        assert!(
            !holds("24/24964", "Børne- & Unge 24/2496"),
            "an entity that is not one"
        );
        assert!(
            !holds("24/24964", "24/\u{fb01}4964"),
            "no ligature letter in it"
        );
        // Overlapping starts are found.
        assert!(holds("aab", "aaab"));
        assert!(holds("abab", "abaabab"));
    }

    #[test]
    fn a_query_without_letters_or_digits_has_no_needle() {
        assert_eq!(CaseNeedle::new(" / - "), None);
    }
}
