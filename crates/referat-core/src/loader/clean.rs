//! Cleaning one line of minutes text: what PDF converters, markdown exporters and
//! broken encoding steps leave behind is removed or repaired, so that the structure
//! recognisers and every front end see plain text.
//!
//! Order matters: mojibake is repaired first (its bytes look like symbols that other
//! steps would touch), then control characters go, then markdown and HTML, then
//! whitespace is folded.

use std::borrow::Cow;

/// A cleaned line and what cleaning learned about it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CleanLine<'a> {
    /// Borrowed from the source when nothing needed cleaning (most lines).
    pub text: Cow<'a, str>,
    /// The markdown heading level (`## x` → 2), 0 for ordinary lines.
    pub heading_level: u8,
    /// A markdown table separator (`|--|---|`) or an empty table row: layout only.
    pub layout_only: bool,
    /// How many mojibake sequences were repaired.
    pub repairs: usize,
    /// The line held a form feed: it starts a page of text extracted from a PDF.
    pub form_feed: bool,
}

/// Cleans one source line (without its line end).
pub fn clean_line(raw: &str) -> CleanLine<'_> {
    if is_plain(raw.as_bytes()) {
        return CleanLine {
            text: Cow::Borrowed(raw),
            ..CleanLine::default()
        };
    }
    // A form feed is a control character, so only a line that is not plain
    // can hold one; it stands at the start of the line.
    let form_feed = raw.trim_start_matches(' ').starts_with('\u{c}');
    let (text, repairs) = repair_mojibake(raw);
    let text = then(text, drop_controls);
    let mut heading_level = 0;
    let text = then(text, |t| {
        let (level, rest) = markdown_heading(t.trim_start_matches(' '));
        heading_level = level;
        Cow::Borrowed(rest)
    });
    let mut layout_only = false;
    let text = then(text, |t| match markdown_table_row(t) {
        Some(cells) => {
            layout_only = cells.iter().all(|c| c.is_empty() || is_table_rule(c));
            Cow::Owned(cells.join("\t"))
        }
        None => Cow::Borrowed(t),
    });
    let text = then(text, strip_emphasis);
    let text = then(text, strip_html);
    let text = then(text, fold_whitespace);
    CleanLine {
        text,
        heading_level,
        layout_only,
        repairs,
        form_feed,
    }
}

/// Whether a line needs no cleaning at all, decided in one pass over its bytes: no
/// control characters, no markup or HTML characters, no folded white space and
/// none of the lead bytes of the characters the cleaning steps touch (mojibake
/// leads, no-break and soft hyphen, C1 controls, bidi marks, ligatures). Most lines
/// of a document are plain, and this keeps them borrowed and cheap.
fn is_plain(bytes: &[u8]) -> bool {
    if bytes.first() == Some(&b' ') || bytes.last().is_some_and(|b| b.is_ascii_whitespace()) {
        return false;
    }
    // Building a searcher per line costs more than the search: build it once.
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    if DOUBLE_SPACE.find(bytes).is_some() {
        return false;
    }
    // Jump from one byte that may matter to the next; most bytes do not.
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| MAY_MATTER[b as usize]) {
        let i = from + offset;
        let next = |n: usize| bytes.get(i + n).copied();
        let harmless = match bytes[i] {
            b'\t' => next(1) != Some(b' ') && (i == 0 || bytes[i - 1] != b' '),
            // Ã and â (mojibake leads) need work; other C3 letters (æ, ø, å) do not.
            0xc3 => !matches!(next(1), Some(0x82 | 0x83 | 0xa2)),
            // Direction marks, bidi embeddings and isolates need work; dashes and
            // quotes do not.
            0xe2 => !matches!(
                (next(1), next(2)),
                (Some(0x80), Some(0x8e | 0x8f | 0xa8..=0xaf)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            // Ligatures (EF AC 80–86) and the Arabic letter mark (D8 9C).
            0xef => next(1) != Some(0xac),
            0xd8 => next(1) != Some(0x9c),
            _ => false,
        };
        if !harmless {
            return false;
        }
        from = i + 1;
    }
    true
}

/// Bytes that may call for cleaning: controls, markup and HTML characters, and
/// the lead bytes of the characters the cleaning steps touch (C2: Â, C1 controls,
/// no-break space, soft hyphen; C3: Ã, â; E2: bidi marks; EF: ligatures; D8: the
/// Arabic letter mark).
const MAY_MATTER: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let special = [
        b'<', b'&', b'*', b'_', b'#', b'|', 0x7f, 0xc2, 0xc3, 0xe2, 0xef, 0xd8,
    ];
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Applies one cleaning step, keeping the text borrowed from the source for as
/// long as no step had to change it.
fn then<'a>(text: Cow<'a, str>, step: impl FnOnce(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(t) => step(t),
        Cow::Owned(t) => Cow::Owned(step(&t).into_owned()),
    }
}

/// Cleans free text (several lines), as used for text that does not go through the
/// line-based loader, such as titles given on the command line.
pub fn clean_text(raw: &str) -> String {
    raw.lines()
        .map(|l| clean_line(l).text.into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The byte a character stands for in Windows-1252, for characters in the upper
/// half; `None` for anything that is not one of those.
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '\u{80}'..='\u{9f}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    };
    Some(b)
}

/// Repairs UTF-8 that was decoded as Windows-1252 (`Ã¸` → `ø`, `â€“` → `–`), and a
/// lone `Ã` before a lower-case letter, which is what is left of `æ` when the
/// converter lost its second byte (`vÃksthus` → `væksthus`).
///
/// Only the lead characters `Ã`, `Â` and `â` are considered: they are what Danish
/// and typographic characters turn into, and they do not otherwise occur before the
/// symbols that make up the rest of a sequence, so real text is left alone.
pub fn repair_mojibake(raw: &str) -> (Cow<'_, str>, usize) {
    if !raw.contains(['Ã', 'Â', 'â']) {
        return (Cow::Borrowed(raw), 0);
    }
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut repairs = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let continuation = match c {
            'Ã' | 'Â' => 1,
            'â' => 2,
            _ => 0,
        };
        if continuation > 0 {
            let mut bytes = vec![cp1252_byte(c).unwrap_or(0)];
            for &next in chars.iter().skip(i + 1).take(continuation) {
                match cp1252_byte(next) {
                    Some(b @ 0x80..=0xbf) => bytes.push(b),
                    _ => break,
                }
            }
            if bytes.len() == continuation + 1
                && let Ok(decoded) = std::str::from_utf8(&bytes)
            {
                out.push_str(decoded);
                repairs += 1;
                i += continuation + 1;
                continue;
            }
            if c == 'Ã' && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()) {
                out.push('æ');
                repairs += 1;
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (Cow::Owned(out), repairs)
}

/// Drops control characters (keeping tabs, which separate table cells), bidi
/// overrides and soft hyphens; turns no-break spaces into spaces and expands the
/// `ﬁ`/`ﬂ` ligatures PDF extraction leaves behind.
fn drop_controls(text: &str) -> Cow<'_, str> {
    let needs_work = text.chars().any(|c| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{a0}' | '\u{ad}' | '\u{fb00}'..='\u{fb06}')
            || crate::sanitize::is_unsafe(c) && c != '\t'
    });
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push('\t'),
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\u{ad}' => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c if c.is_control() || crate::sanitize::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `## Heading` → (2, "Heading"). Up to six `#` followed by a space.
fn markdown_heading(line: &str) -> (u8, &str) {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        let rest = &line[hashes..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            return (hashes as u8, rest.trim_start());
        }
    }
    (0, line)
}

/// The cells of a markdown table row `| a | b |`, trimmed; `None` for other lines.
fn markdown_table_row(line: &str) -> Option<Vec<&str>> {
    let line = line.trim_end();
    if line.len() < 2 || !line.starts_with('|') || !line.ends_with('|') {
        return None;
    }
    Some(line[1..line.len() - 1].split('|').map(str::trim).collect())
}

fn is_table_rule(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// Removes markdown strong emphasis markers (`**x**`, `__x__`). Single `*` and `_`
/// stay: they occur in file names and prose far more often than as emphasis.
fn strip_emphasis(text: &str) -> Cow<'_, str> {
    if text.contains("**") || text.contains("__") {
        Cow::Owned(text.replace("**", "").replace("__", ""))
    } else {
        Cow::Borrowed(text)
    }
}

/// Removes HTML tags (`<ul style="…">`, `</li>`, `<br/>`), unwraps autolinks
/// (`<https://…>` → the address) and decodes the common entities.
fn strip_html(text: &str) -> Cow<'_, str> {
    if !text.contains('<') && !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut next_gt = text.find('>');
    while let Some(start) = rest.find(['<', '&']) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        if let Some(after) = tail.strip_prefix('&') {
            match crate::entities::decode_at(tail) {
                Some((decoded, used)) => {
                    out.push(decoded);
                    rest = &tail[used..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            }
            continue;
        }
        // The next `>` is found once and reused by every `<` before it, so a line
        // of unclosed `<` costs linear time, not quadratic; and a tag is short.
        let here = text.len() - tail.len();
        if next_gt.is_some_and(|gt| gt < here) {
            next_gt = tail.find('>').map(|i| here + i);
        }
        let end = next_gt.map(|gt| gt - here).filter(|&end| end < MAX_TAG_LEN);
        match end {
            Some(end) if is_tag(&tail[1..end]) => {
                let inner = &tail[1..end];
                if is_autolink(inner) {
                    out.push_str(inner);
                } else if !out.is_empty() && !out.ends_with(' ') {
                    // A tag separates words the way a space does (`a<br>b`).
                    out.push(' ');
                }
                rest = &tail[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The longest tag (or autolink) recognised, in bytes.
const MAX_TAG_LEN: usize = 512;

/// Whether `<inner>` is an HTML tag or an autolink rather than prose such as `a < b`.
fn is_tag(inner: &str) -> bool {
    if is_autolink(inner) {
        return true;
    }
    let name = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = name
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    name_len > 0
        && name.as_bytes()[0].is_ascii_alphabetic()
        && name[name_len..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '/' || c == '\t')
        && inner.len() < MAX_TAG_LEN
}

fn is_autolink(inner: &str) -> bool {
    (inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:"))
        && !inner.contains(' ')
}

/// Folds runs of spaces into one, removes spaces around tabs and trailing white
/// space (including markdown's two-space hard breaks), and trims leading spaces.
/// Leading tabs stay: they are empty first cells of table rows. A wide gap of
/// spaces inside a line is a column gap of layout-preserving PDF extraction and
/// becomes a tab, like the cell separators of other tables.
fn fold_whitespace(text: &str) -> Cow<'_, str> {
    let text = text.trim_start_matches(' ').trim_end();
    if !text.contains("  ") && !text.contains(" \t") && !text.contains("\t ") {
        return Cow::Borrowed(text);
    }
    const COLUMN_GAP: usize = 4;
    let mut out = String::with_capacity(text.len());
    let mut spaces = 0;
    for c in text.chars() {
        match c {
            ' ' => spaces += 1,
            '\t' => {
                spaces = 0;
                out.push('\t');
            }
            c => {
                if spaces > 0 && !out.ends_with('\t') && !out.is_empty() {
                    out.push(if spaces >= COLUMN_GAP { '\t' } else { ' ' });
                }
                spaces = 0;
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        clean_line(s).text.into_owned()
    }

    #[test]
    fn markdown_headings_and_emphasis_are_removed() {
        let line = clean_line("### **Beslutning Direktionen den 28-06-2021**");
        assert_eq!(line.heading_level, 3);
        assert_eq!(line.text, "Beslutning Direktionen den 28-06-2021");
        assert_eq!(clean("**Mødedato** Mandag"), "Mødedato Mandag");
        assert_eq!(clean("#hashtag"), "#hashtag");
    }

    /// Text saved from a portal page keeps its character references; they
    /// read as the letters they stand for, as on the page.
    #[test]
    fn character_references_in_text_files_are_decoded() {
        assert_eq!(
            clean("Milj&oslash; og Teknik &amp; Kultur"),
            "Miljø og Teknik & Kultur"
        );
        assert_eq!(clean("Sk&#229;ne &#xE6;ble"), "Skåne æble");
        assert_eq!(clean("A & B &foo; C"), "A & B &foo; C");
        assert_eq!(
            clean("x&#x202E;y"),
            "x&#x202E;y",
            "a bidi override stays text"
        );
    }

    #[test]
    fn html_fragments_are_removed_and_autolinks_unwrapped() {
        assert_eq!(
            clean("August\t<ul style=\"list-style-type: none\"> • Kontrakt med KP \t"),
            "August\t• Kontrakt med KP"
        );
        assert_eq!(
            clean("se <https://htk.dk/a.pdf#search=x> her"),
            "se https://htk.dk/a.pdf#search=x her"
        );
        assert_eq!(clean("a < b og c > d"), "a < b og c > d");
        assert_eq!(clean("Teknik &amp; Miljø"), "Teknik & Miljø");
    }

    #[test]
    fn mojibake_is_repaired() {
        assert_eq!(clean("vÃksthushaftale"), "væksthushaftale");
        assert_eq!(clean("pÃdagogisk kortlÃgning"), "pædagogisk kortlægning");
        assert_eq!(clean("MÃ¸dested pÃ¥ RÃ¥dhuset"), "Mødested på Rådhuset");
        assert_eq!(clean("Ã˜konomi â€“ status"), "Økonomi – status");
        assert_eq!(clean_line("vÃkst og Ã¸").repairs, 2);
        // Real text with the same letters is left alone.
        assert_eq!(clean("pâté à la carte"), "pâté à la carte");
        assert_eq!(clean_line("Økonomi").repairs, 0);
    }

    #[test]
    fn markdown_tables_become_tab_separated_rows() {
        let row = clean_line("| Økonomiopfølgning 02-11-2015..... | 3 |");
        assert_eq!(row.text, "Økonomiopfølgning 02-11-2015.....\t3");
        assert!(!row.layout_only);
        assert!(clean_line("|--|----|").layout_only);
        assert!(clean_line("| | |").layout_only);
    }

    #[test]
    fn whitespace_is_folded() {
        assert_eq!(clean("  Kathrine Seier  "), "Kathrine Seier");
        assert_eq!(clean("a   b \t c"), "a b\tc");
        assert_eq!(
            clean("Bro mellem Dokk1 og Balticagade.....       16"),
            "Bro mellem Dokk1 og Balticagade.....\t16"
        );
        assert_eq!(clean("\tAktivitet\tEvt."), "\tAktivitet\tEvt.");
        assert_eq!(clean("a\u{a0}b"), "a b");
    }

    #[test]
    fn plain_lines_stay_borrowed_and_others_do_not() {
        for plain in [
            "Punkt 1: Øvrige sager",
            "Godkendt – med ændringer.",
            "a\tb",
            "",
        ] {
            assert!(
                matches!(clean_line(plain).text, Cow::Borrowed(_)),
                "{plain:?}"
            );
        }
        for not_plain in [
            " a",
            "a ",
            "a  b",
            "a \tb",
            "**a**",
            "# a",
            "<b>",
            "a\u{a0}b",
            "Ã¸",
            "a\u{202e}b",
            "\u{fb01}",
            "a\u{200f}b",
            "\u{9b}",
            "x\u{7f}",
        ] {
            assert!(!is_plain(not_plain.as_bytes()), "{not_plain:?}");
        }
        assert!(is_plain("“citat” – og … ’".as_bytes()));
    }

    #[test]
    fn controls_bidi_and_ligatures() {
        assert_eq!(clean("\u{c}Indholdsfortegnelse"), "Indholdsfortegnelse");
        assert_eq!(clean("a\x1b[2Jb\x07c"), "a[2Jbc");
        assert_eq!(clean("o\u{202e}k"), "ok");
        assert_eq!(clean("\u{fb01}nansiering"), "finansiering");
    }
}
