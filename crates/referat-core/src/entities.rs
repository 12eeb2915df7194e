//! HTML character references (`&amp;`, `&oslash;`, `&#229;`, `&#xE6;`). Portal
//! pages carry them, and so do text files saved or extracted from those pages;
//! one decoder serves both, so `Milj&oslash;` reads `Miljø` wherever it comes
//! from.

/// The longest reference decoded, `&` and `;` included (`&#x10FFFF;`).
const LONGEST: usize = 10;

/// The reference at the start of `text` (which starts with `&`): the character
/// and the bytes it takes. `None` for an `&` that starts no known reference,
/// which stays as written.
pub fn decode_at(text: &str) -> Option<(char, usize)> {
    let rest = text.strip_prefix('&')?;
    let end = rest.bytes().take(LONGEST - 1).position(|b| b == b';')?;
    let c = decode_name(&rest[..end])?;
    Some((c, end + 2))
}

/// The character a reference names, without `&` and `;`: `oslash` → `ø`,
/// `#229` → `å`, `#xE6` → `æ`. Control characters other than tab, and the
/// characters a terminal would act on (bidi overrides), are not decoded: the
/// decoding runs after the cleaning that removes them from the text itself.
pub fn decode_name(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code)
            .filter(|&c| (!c.is_control() || c == '\t') && !crate::sanitize::is_unsafe(c));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "aelig" => 'æ',
        "oslash" => 'ø',
        "aring" => 'å',
        "AElig" => 'Æ',
        "Oslash" => 'Ø',
        "Aring" => 'Å',
        "eacute" => 'é',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "rsquo" => '’',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(decode_at("&oslash;je"), Some(('ø', 8)));
        assert_eq!(decode_at("&#229;"), Some(('å', 6)));
        assert_eq!(decode_at("&#xE6;"), Some(('æ', 6)));
        assert_eq!(decode_at("&amp;amp;"), Some(('&', 5)));
    }

    #[test]
    fn what_is_not_a_known_reference_stays() {
        assert_eq!(decode_at("& Co"), None);
        assert_eq!(decode_at("&foo;"), None);
        assert_eq!(decode_at("&#27;"), None, "no control characters");
        assert_eq!(decode_at("&#x202E;"), None, "no bidi overrides");
        assert_eq!(decode_at("&verylongname;"), None);
        assert_eq!(decode_at("&#1114112;"), None);
    }
}
