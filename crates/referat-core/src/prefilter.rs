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
        let needle = letters_and_digits(case);
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

/// A full-text query's words as the prefilter looks for them: a file may
/// match only when each word may occur in it ([`WordNeedle`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryNeedles(Vec<WordNeedle>);

impl QueryNeedles {
    /// The needles of `query`'s words and phrases; `None` when a word has
    /// no letter or digit (the prefilter could tell nothing from it).
    pub fn new(query: &crate::search::Query) -> Option<QueryNeedles> {
        let needles: Option<Vec<WordNeedle>> = query
            .terms
            .iter()
            .map(|t| WordNeedle::new(&t.text))
            .collect();
        needles.filter(|n| !n.is_empty()).map(QueryNeedles)
    }

    /// Whether every word may occur in `text`.
    pub fn may_match(&self, text: &[u8]) -> bool {
        self.0.iter().all(|n| n.may_occur(text))
    }
}

/// One folded search word, as the prefilter looks for it in a file's bytes.
///
/// Search folds text ([`crate::fold`]): letter case goes, `æ`/`ø`/`å`
/// become `ae`/`oe`/`aa`, accents go (`é` is `e`). So the word's ASCII
/// letters may come from other characters in the file: this matches them
/// as [Shift-And](https://en.wikipedia.org/wiki/Bitap_algorithm) does, one
/// bit per letter of the word, where an ASCII letter or digit must be the
/// next one of the word, and a byte that is not ASCII (any byte of a UTF-8
/// or Windows-1252 character, or of mojibake) may stand for none, one, or
/// the two of `ae`/`oe`/`aa`. An entity stands for one character the same
/// way. Other ASCII (spaces, punctuation) is skipped, in the word as in the
/// text, so what cleaning removes or folds between letters cannot hide a
/// match. Loose, so exact: a file it refuses cannot hold the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordNeedle {
    /// For each byte, the positions of the word it can be (bit `i`: letter `i`).
    masks: Box<[u64; 256]>,
    /// Positions `i` where letters `i - 1` and `i` are `ae`, `oe` or `aa`.
    digraph_ends: u64,
    /// The bit of the word's last letter (at most the 64th: a longer word is
    /// looked for by its first 64, which still passes every file holding it).
    last: u64,
    /// The word's first letter, lower case.
    first: u8,
}

impl WordNeedle {
    /// The needle for a folded word; `None` when it has no letter or digit.
    pub fn new(folded: &str) -> Option<WordNeedle> {
        let mut letters = letters_and_digits(folded);
        letters.truncate(64);
        if letters.is_empty() {
            return None;
        }
        let mut masks = Box::new([0u64; 256]);
        for (i, &b) in letters.iter().enumerate() {
            masks[usize::from(b)] |= 1 << i;
            masks[usize::from(b.to_ascii_uppercase())] |= 1 << i;
        }
        let digraph_ends = (1..letters.len())
            .filter(|&i| matches!(&letters[i - 1..=i], b"ae" | b"oe" | b"aa"))
            .fold(0, |bits, i| bits | 1 << i);
        Some(WordNeedle {
            masks,
            digraph_ends,
            last: 1 << (letters.len() - 1),
            first: letters[0],
        })
    }

    /// Whether the word may occur in `text` (UTF-8, or an encoding that
    /// writes ASCII as ASCII).
    ///
    /// Between partial matches only a byte that can begin one matters (the
    /// word's first letter in either case, a byte that is not ASCII, `&`),
    /// so the scan skips eight bytes at a time while none of them is one,
    /// testing all eight at once (SWAR), and goes on from the first that is
    /// (going on from the eight's first byte instead made the scan half as
    /// fast: a third of all runs of eight bytes in Danish text hold one).
    pub fn may_occur(&self, text: &[u8]) -> bool {
        self.scan(text, false)
    }

    /// As [`WordNeedle::may_occur`], for text inside JSON strings (the
    /// cache's stored sections): an escape is one character, `\n` a line
    /// break between words, `\u0007` any character.
    pub fn may_occur_in_json(&self, json: &[u8]) -> bool {
        self.scan(json, true)
    }

    fn scan(&self, text: &[u8], json: bool) -> bool {
        self.scan_from(text, 0, 0, json, false)
    }

    /// Scans `text` from byte `i` with `d` matched so far. Bit i of `d`: the
    /// word's letters up to i have just been matched. With `branch`, the scan
    /// is one reading of an `&`, and ends once nothing is matched: from
    /// there on the main scan, with at least as much matched, finds all it
    /// could.
    fn scan_from(&self, text: &[u8], mut i: usize, mut d: u64, json: bool, branch: bool) -> bool {
        while i < text.len() {
            if d == 0 {
                if branch {
                    return false;
                }
                while let Some(word) = text.get(i..i + 8) {
                    let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
                    let starts = self.starts(word) | if json { lanes_of(word, b'\\') } else { 0 };
                    if starts != 0 {
                        // Straight to the first byte that may begin one:
                        // the bytes before it cannot.
                        i += (starts.trailing_zeros() / 8) as usize;
                        break;
                    }
                    i += 8;
                }
                if i >= text.len() {
                    break;
                }
            }
            let b = text[i];
            i += 1;
            if json && b == b'\\' {
                // `\uXXXX` may be any character; `\n`, `\"` and the like
                // are not letters.
                let unicode = text.get(i) == Some(&b'u');
                i += if unicode { 5 } else { 1 };
                if unicode {
                    d = self.any_char(d);
                }
            } else if b.is_ascii_alphanumeric() {
                d = ((d << 1) | 1) & self.masks[usize::from(b)];
            } else if b >= 0x80 {
                d = self.any_char(d);
            } else if b == b'&' {
                // An entity is one character, whatever its letters: that
                // reading is scanned on its own; the main scan goes on
                // reading the `&` as punctuation, as a lone one is.
                let entity = &text[i..text.len().min(i + MAX_ENTITY)];
                if let Some(end) = memchr::memchr(b';', entity)
                    && self.scan_from(text, i + end + 1, self.any_char(d), json, true)
                {
                    return true;
                }
                continue;
            } else {
                continue;
            }
            if d & self.last != 0 {
                return true;
            }
        }
        false
    }

    /// What is matched after a character that may stand for none, any one
    /// letter, or a digraph's two.
    fn any_char(&self, d: u64) -> u64 {
        let one = (d << 1) | 1;
        let two = ((d << 2) | 0b10) & self.digraph_ends;
        d | one | two
    }

    /// Which of the eight bytes of `word` can begin a match (a JSON escape
    /// aside): the high bit of each such lane, exact up to the first (see
    /// [`lanes_of`]), which is all the scan uses.
    fn starts(&self, word: u64) -> u64 {
        (word & HIGH)
            | lanes_of(word, self.first)
            | lanes_of(word, self.first.to_ascii_uppercase())
            | lanes_of(word, b'&')
    }
}

/// A text's ASCII letters and digits, lower-cased: what both needles look
/// for.
fn letters_and_digits(text: &str) -> Vec<u8> {
    text.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// A byte repeated in all eight lanes of a word, and the high bit of each.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The lanes of `word` that hold `c`, as the high bit of each (SWAR: a lane
/// is zero after the XOR exactly where the byte was `c`). The lowest bit set
/// is exact; a borrow may also set lanes above it, so only the lowest is
/// to be trusted.
fn lanes_of(word: u64, c: u8) -> u64 {
    let v = word ^ (ONES * u64::from(c));
    v.wrapping_sub(ONES) & !v & HIGH
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

    fn occurs(word: &str, text: &str) -> bool {
        let folded = crate::search::fold(word);
        WordNeedle::new(&folded).unwrap().may_occur(text.as_bytes())
    }

    #[test]
    fn a_word_passes_in_every_spelling_search_folds_to_it() {
        assert!(occurs("hjemmearbejde", "Om HJEMMEARBEJDE i centrene"));
        assert!(occurs("arbejde", "hjemmearbejdet"));
        assert!(occurs("raadhus", "nyt rådhus"));
        assert!(occurs("rådhus", "nyt raadhus"));
        assert!(occurs("kaere", "Kære alle"));
        assert!(occurs("café", "Cafe"));
        assert!(occurs("cafe", "Café"));
        // Windows-1252 bytes, mojibake, an entity, a soft hyphen.
        let mut latin1 = b"R".to_vec();
        latin1.push(0xE5);
        latin1.extend_from_slice(b"dhus");
        let needle = WordNeedle::new(&crate::search::fold("rådhus")).unwrap();
        assert!(needle.may_occur(&latin1));
        assert!(occurs("rådhus", "RÃ¥dhus"));
        assert!(occurs("rådhus", "R&aring;dhus"));
        // A `&` that starts no entity is read as it stands.
        assert!(occurs("kvarterhus", "&Kvarterhus;"));
        assert!(occurs("kvarterhus", "Børne- & Kvarterhus"));
        assert!(occurs("rådhus", "Råd\u{ad}hus"));
        assert!(occurs("budget 2026", "Budget\n2026"));
    }

    #[test]
    fn a_word_is_found_wherever_it_begins_in_a_run_of_eight() {
        // The scan jumps to the first byte in eight that may begin a match;
        // the bytes around it here are the first letter's neighbours, which
        // a borrow between lanes could mistake for it.
        for before in 0..17 {
            for filler in ["g", "i", "x", "gi "] {
                let pad = filler.repeat(before);
                let text = format!("{pad}Hjemmearbejde{pad}");
                assert!(occurs("hjemmearbejde", &text), "{text:?}");
                let cut = format!("{pad}hjemmearbejd{pad}");
                assert!(!occurs("hjemmearbejde", &cut), "{cut:?}");
                let after_other = format!("{pad}h{pad}hjemmearbejde");
                assert!(occurs("hjemmearbejde", &after_other), "{after_other:?}");
            }
        }
    }

    #[test]
    fn json_escapes_are_characters_not_letters() {
        let phrase = WordNeedle::new(&crate::search::fold("nyt rådhus")).unwrap();
        assert!(phrase.may_occur_in_json(br#"{"text":"Et nyt\nr\u00e5dhus"}"#));
        assert!(phrase.may_occur_in_json("[{\"text\":\"nyt\\nrådhus\"}]".as_bytes()));
        assert!(!phrase.may_occur_in_json(br#"{"text":"nyt\nhus"}"#));
        // Outside JSON a backslash is punctuation like any other.
        assert!(!phrase.may_occur(br#"nyt\nraadhus"#));
    }

    #[test]
    fn a_file_without_the_word_is_refused() {
        assert!(!occurs("hjemmearbejde", "Om arbejde hjemme"));
        assert!(!occurs("rådhus", "Rådmand huset"));
        assert!(!occurs("kvarterhus", ""));
        let query = crate::search::Query::parse("kvarterhus realdania");
        let needles = QueryNeedles::new(&query).unwrap();
        assert!(!needles.may_match("Kvarterhus uden den anden".as_bytes()));
        assert!(needles.may_match("Kvarterhus og Realdania".as_bytes()));
    }

    #[test]
    fn a_query_without_letters_or_digits_has_no_needle() {
        assert_eq!(CaseNeedle::new(" / - "), None);
    }
}
