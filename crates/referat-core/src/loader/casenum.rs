//! Recognising case numbers (sagsnumre).
//!
//! Municipalities number cases in several schemes; each is one entry in
//! `SCHEMES`, so a new scheme is one more function rather than a change to the
//! loader. A line counts as a case-number line when, after an optional label
//! (`Sagsnr.:`, `J.nr.`), it holds nothing but case numbers.

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
