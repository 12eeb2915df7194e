//! Recognising case numbers (sagsnumre).
//!
//! Municipalities number cases in several schemes; each is one entry in
//! `SCHEMES`, so a new scheme is one more function rather than a change to the
//! loader. A line counts as a case-number line when, after an optional label
//! (`Sagsnr.:`, `J.nr.`), it holds nothing but case numbers.

use crate::model::Item;

/// One numbering scheme: recognises a single token.
struct Scheme {
    /// Shown in documentation and diagnostics.
    #[allow(dead_code)]
    name: &'static str,
    matches: fn(&str) -> bool,
}

/// The schemes recognised without a label.
const SCHEMES: [Scheme; 5] = [
    Scheme {
        name: "old KLE (02.34.02P19)",
        matches: old_kle,
    },
    Scheme {
        name: "year/serial (24/24964)",
        matches: year_serial,
    },
    Scheme {
        name: "KLE (00.01.00-A21-6-19)",
        matches: kle,
    },
    Scheme {
        name: "prefix-year-serial (EMN-2025-003383)",
        matches: prefix_year_serial,
    },
    Scheme {
        name: "municipality-year-serial (330-2018-3619)",
        matches: municipality_year_serial,
    },
];

/// Labels that announce a case number; what follows may then also be a plain
/// number (`Sagsnr. 299835`). Compared case-insensitively, longest first.
/// `Sag nr. 41` is not among them: in the families that write it, it is the
/// item's number.
const LABELS: [&str; 9] = [
    "sagsnummer",
    "sagsnr.",
    "sagsnr",
    "sagnr.",
    "sagnr",
    "sagsid.",
    "sagsid",
    "j.nr.",
    "j.nr",
];

/// The access flags a case line may carry before (`Åbent - 00.30.10-S55-3-16`) or
/// after (`… Åbent`) its numbers; `Lukket` marks the item closed.
const FLAGS: [(&str, bool); 4] = [
    ("åbent", false),
    ("åben", false),
    ("lukket", true),
    ("lukket punkt", true),
];

/// A line of case numbers, and whether it marks the item closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLine {
    /// The case numbers as written, in line order; the label, access flags and a
    /// `Dok.nr.` are not among them.
    pub numbers: Vec<String>,
    /// The line carries `Lukket` (or `Lukket punkt`): the item is closed, its
    /// content not public.
    pub closed: bool,
}

/// Whether `token` is a case number in one of the known schemes.
pub fn is_case_number(token: &str) -> bool {
    SCHEMES.iter().any(|s| (s.matches)(token))
}

/// Byte ranges of the case numbers written in `text` as words of their own
/// (`sag 24/24964.` holds one, `124/249641` none), in order: the one reading
/// of case numbers in running text, for cross-references.
///
/// Every scheme joins digits and letters with `/`, `-` or `.`, so only the
/// words around such a joint are tried: the loader reads every item's text
/// through this, and trying every word took more time than the rest of the
/// parse.
pub fn in_text(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // Words that end before this are done.
    let mut done = 0;
    for joint in memchr::memchr3_iter(b'/', b'-', b'.', bytes) {
        if joint < done {
            continue;
        }
        let near = |i: Option<usize>| {
            i.and_then(|i| bytes.get(i))
                .is_some_and(u8::is_ascii_alphanumeric)
        };
        if !near(joint.checked_sub(1)) || !near(Some(joint + 1)) {
            continue;
        }
        // The word around it, between white space of any kind (a thin space
        // stays in text after cleaning).
        let start = text[..joint]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[joint..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| joint + i);
        done = end;
        if let Some((s, e)) = case_in_word(&text[start..end]) {
            found.push((start + s, start + e));
        }
    }
    found
}

/// The case number a word holds once the punctuation around it is gone, as a
/// range of the word.
fn case_in_word(word: &str) -> Option<(usize, usize)> {
    let lead = word.len()
        - word
            .trim_start_matches(|c: char| "([{\"'«»“”".contains(c))
            .len();
    let core = word[lead..].trim_end_matches(|c: char| ".,;:!?)]}\"'«»“”".contains(c));
    (!core.is_empty() && core.bytes().any(|b| b.is_ascii_digit()) && is_case_number(core))
        .then_some((lead, lead + core.len()))
}

/// The case numbers `item` mentions in its title and sections, each once, in
/// order of first mention; its own case numbers are not among them. Reads
/// the sections: the loader calls it once per item, while they are in memory.
pub fn mentions_of(item: &Item) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |text: &str| {
        for (start, end) in in_text(text) {
            let case = &text[start..end];
            let own = item
                .case_numbers
                .iter()
                .any(|c| c.eq_ignore_ascii_case(case));
            if !own && !found.iter().any(|f| f.eq_ignore_ascii_case(case)) {
                found.push(case.to_string());
            }
        }
    };
    add(&item.title);
    for section in item.sections.read() {
        add(&section.text);
    }
    found
}

/// The case numbers on `line` when the line consists of case numbers only
/// (optionally after a label); `None` for any other line.
pub fn case_numbers_in_line(line: &str) -> Option<Vec<String>> {
    case_line(line).map(|c| c.numbers)
}

/// Reads a case line: an optional label or access flag, case numbers separated
/// by white space, `,`, `;` or ` - `, and optionally a `Dok.nr.` (a document
/// number, dropped) and a trailing access flag.
pub fn case_line(line: &str) -> Option<CaseLine> {
    // Called on every body line, so decided on bytes first. A case line opens
    // with a case number (a digit, or a capital as in `EMN-…`), a label or an
    // access flag (`s`ag…, `j`.nr, `l`ukket, `å`ben…); a sentence's first word
    // is none of these.
    let start = line.trim_start();
    let bytes = start.as_bytes();
    let first_len = bytes
        .iter()
        .position(|&b| matches!(b, b' ' | b'\t' | b',' | b';'))
        .unwrap_or(bytes.len());
    // Split at an ASCII byte, so on a character boundary.
    let first = &start[..first_len];
    let numbered = |first: &str| {
        first.as_bytes().iter().any(|&b| b == b'-' || b == b'/') && is_case_number(first)
    };
    let plausible = match bytes.first()? {
        b'0'..=b'9' => is_case_number(first),
        // The first bytes of LABELS and of FLAGS (a test keeps them so).
        b's' | b'S' | b'j' | b'J' => strip_label(start).0 || numbered(first),
        b'l' | b'L' | 0xC3 => {
            FLAGS
                .iter()
                .any(|(flag, _)| super::strip_prefix_fold(first, flag).is_some())
                || numbered(first)
        }
        b'A'..=b'Z' => numbered(first),
        _ => false,
    };
    let mut line = start.trim_end();
    // Paragraphs are long and have many words, case lines are short.
    if !plausible || line.len() > 160 || line.bytes().filter(|&b| b == b' ').count() > 16 {
        return None;
    }
    let mut closed = false;
    for (flag, is_closed) in FLAGS {
        if let Some(rest) = super::strip_prefix_fold(line, flag)
            && let Some(rest) = rest.trim_start().strip_prefix(['-', '–'])
        {
            closed = is_closed;
            line = rest.trim_start();
            break;
        }
    }
    let (labelled, rest) = strip_label(line);
    let rest = match super::find_fold(rest, "dok.nr") {
        Some((before, after)) => {
            // The access flag may stand after the document number.
            closed |= after
                .split_whitespace()
                .last()
                .is_some_and(|w| w.eq_ignore_ascii_case("lukket"));
            before
        }
        None => rest,
    };
    let mut tokens: Vec<&str> = rest
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty() && !matches!(*t, "-" | "–"))
        .collect();
    if let Some(last) = tokens.last()
        && let Some((_, is_closed)) = FLAGS.iter().find(|(f, _)| last.to_lowercase() == *f)
        && tokens.len() > 1
    {
        closed |= is_closed;
        tokens.pop();
    }
    if tokens.is_empty() || tokens.len() > 8 {
        return None;
    }
    let accept = |t: &str| is_case_number(t) || (labelled && plain_number(t));
    // `Sagsnr. 304512 Plan- og Teknikudvalget Åbent punkt`: after a label, the
    // numbers may be followed by the forum and an access flag that ends the line.
    if labelled && tokens.len() > 2 {
        let flag = tokens[tokens.len() - 2..].join(" ").to_lowercase();
        let numbers = tokens.iter().take_while(|t| accept(t)).count();
        if numbers > 0 && (flag == "åbent punkt" || flag == "lukket punkt") {
            return Some(CaseLine {
                numbers: tokens[..numbers].iter().map(|t| t.to_string()).collect(),
                closed: closed || flag == "lukket punkt",
            });
        }
    }
    tokens.iter().all(|t| accept(t)).then(|| CaseLine {
        numbers: tokens.iter().map(|t| t.to_string()).collect(),
        closed,
    })
}

/// Splits a leading label (`Sagsnr.:`, `Sag:`) off a line.
fn strip_label(line: &str) -> (bool, &str) {
    for label in LABELS {
        if let Some(rest) = super::strip_prefix_fold(line, label) {
            return (true, rest.trim_start_matches([':', ' ', '\t']));
        }
    }
    if let Some(rest) = super::strip_prefix_fold(line, "sag:") {
        return (true, rest.trim());
    }
    (false, line)
}

fn digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// `24/24964`, `21/189`: two-digit (or four-digit) year, slash, serial.
fn year_serial(t: &str) -> bool {
    match t.split_once('/') {
        Some((year, serial)) => (digits(year, 2, 2) || digits(year, 4, 4)) && digits(serial, 1, 7),
        None => false,
    }
}

/// KLE: `00.01.00-A21-6-19` — subject, action facet (letter + two digits),
/// serial, two-digit year.
fn kle(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    if parts.len() != 4 {
        return false;
    }
    let subject: Vec<&str> = parts[0].split('.').collect();
    // The facet letter may be Danish (`Ø40`).
    let mut facet = parts[1].chars();
    subject.len() == 3
        && subject.iter().all(|p| digits(p, 2, 2))
        && facet.next().is_some_and(char::is_uppercase)
        && digits(facet.as_str(), 2, 2)
        && digits(parts[2], 1, 7)
        && digits(parts[3], 2, 2)
}

/// Old KLE: `02.34.02P19` — subject and facet without dashes.
fn old_kle(t: &str) -> bool {
    let Some(subject) = t.get(..8) else {
        return false;
    };
    let parts: Vec<&str> = subject.split('.').collect();
    let mut facet = t[8..].chars();
    parts.len() == 3
        && parts.iter().all(|p| digits(p, 2, 2))
        && facet.next().is_some_and(|c| c.is_ascii_uppercase())
        && digits(facet.as_str(), 2, 2)
}

/// `EMN-2025-003383`: an upper-case prefix, a four-digit year and a serial.
fn prefix_year_serial(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    parts.len() == 3
        && (2..=5).contains(&parts[0].len())
        && parts[0].bytes().all(|b| b.is_ascii_uppercase())
        && digits(parts[1], 4, 4)
        && digits(parts[2], 3, 9)
}

/// `330-2018-3619`: a three-digit municipality code, a year and a serial.
fn municipality_year_serial(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    parts.len() == 3 && digits(parts[0], 3, 3) && digits(parts[1], 4, 4) && digits(parts[2], 1, 9)
}

/// What a label may announce beyond the schemes: a plain serial (`311847`) or
/// groups of digits joined by dashes (`1-30-72-118-22`).
fn plain_number(t: &str) -> bool {
    digits(t, 3, 12) || (t.contains('-') && t.len() <= 24 && t.split('-').all(|g| digits(g, 1, 6)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reading `in_text` replaced: every word tried.
    fn every_word(text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        for word in text.split_inclusive(char::is_whitespace) {
            let start = at;
            at += word.len();
            let word = word.trim_end_matches(char::is_whitespace);
            if let Some((s, e)) = case_in_word(word) {
                found.push((start + s, start + e));
            }
        }
        found
    }

    #[test]
    fn case_numbers_in_text_are_found_as_by_trying_every_word() {
        let text = "Jf. sag 24/24964, (EMN-2025-003383) og 00.01.00-A21-6-19. Ikke 124/2496411x, 1/2 eller kl. 12.00; 02.34.02P19 og 330-2018-3619.";
        let found: Vec<&str> = in_text(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            found,
            [
                "24/24964",
                "EMN-2025-003383",
                "00.01.00-A21-6-19",
                "02.34.02P19",
                "330-2018-3619"
            ]
        );
        assert_eq!(in_text(text), every_word(text));
        // White space of any kind ends a word: a thin space, an em space.
        let spaced = "sag\u{2009}24/24964\u{2003}og";
        let found: Vec<&str> = in_text(spaced)
            .into_iter()
            .map(|(s, e)| &spaced[s..e])
            .collect();
        assert_eq!(found, ["24/24964"]);
        // Pseudo-random text of digits, letters, joints and spaces, some not ASCII.
        let alphabet: Vec<char> = "0123456789/-.AZaz (),.\u{2009}\u{a0}Øæ\u{3000}"
            .chars()
            .collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            let text: String = (0..(seed % 60) as usize)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed >> 20) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(in_text(&text), every_word(&text), "{text:?}");
        }
    }

    /// `case_line` tries the labels only on lines starting `s`/`j`, and the
    /// flags only on lines starting `l`/`å`: a label or flag added with
    /// another first letter must widen that test too.
    #[test]
    fn labels_and_flags_start_as_case_line_expects() {
        for label in LABELS.iter().chain(&["sag:"]) {
            assert!(matches!(label.as_bytes()[0], b's' | b'j'), "{label}");
        }
        for (flag, _) in FLAGS {
            assert!(flag.starts_with('l') || flag.starts_with('å'), "{flag}");
        }
    }

    #[test]
    fn each_scheme() {
        for good in [
            "24/24964",
            "21/189",
            "00.01.00-A21-6-19",
            "85.02.02-G01-5-17",
            "EMN-2025-003383",
            "330-2018-3619",
        ] {
            assert!(is_case_number(good), "{good}");
        }
        for bad in [
            "2025",
            "1/2",
            "12-03-2025",
            "Punkt",
            "00.01.00",
            "A21-6-19",
            "25/08/2025",
        ] {
            assert!(!is_case_number(bad), "{bad}");
        }
    }

    #[test]
    fn case_lines() {
        assert_eq!(
            case_numbers_in_line("24/24964"),
            Some(vec!["24/24964".into()])
        );
        assert_eq!(
            case_numbers_in_line(" 24/1, 25/2 "),
            Some(vec!["24/1".into(), "25/2".into()])
        );
        assert_eq!(
            case_numbers_in_line("Sagsnr.: 299835"),
            Some(vec!["299835".into()])
        );
        assert_eq!(
            case_numbers_in_line("J.nr. 85.02.02-G01-5-17"),
            Some(vec!["85.02.02-G01-5-17".into()])
        );
        assert_eq!(case_numbers_in_line("Sagen 24/24964 er lukket"), None);
        assert_eq!(case_numbers_in_line("299835"), None);
        assert_eq!(case_numbers_in_line(""), None);
    }
}
