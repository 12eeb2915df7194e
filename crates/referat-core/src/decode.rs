//! Bytes to text: the one place that knows about byte order marks and legacy encodings.
//!
//! Minutes reach people as UTF-8 (with or without a BOM), as Windows-1252 from older
//! Windows tools, now and then as UTF-16 with a BOM, and with CRLF line ends. The
//! loader only ever sees `\n`-separated Unicode text.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Text decoded from a file, with the encoding that was used (for `referat check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text without its BOM, every line end a `\n`.
    pub text: String,
    /// The encoding's name as `encoding_rs` gives it (`UTF-8`, `windows-1252`,
    /// `UTF-16LE`); the corpus puts `HTML` or `PDF (pdftotext)` here for text it
    /// got another way.
    pub encoding: &'static str,
    /// Whether a byte order mark was present (and removed).
    pub had_bom: bool,
}

/// Decodes `bytes` as minutes text.
///
/// A BOM decides the encoding when present; otherwise valid UTF-8 is taken as UTF-8
/// and anything else as Windows-1252, the legacy encoding Danish documents use (it
/// maps every byte, so decoding never fails). Line ends are normalised to `\n`.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding, had_bom) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        (text, encoding, true)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (std::borrow::Cow::Borrowed(text), UTF_8, false)
    } else {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        (text, WINDOWS_1252, false)
    };
    Decoded {
        text: normalise_line_ends(&text),
        encoding: encoding.name(),
        had_bom,
    }
}

/// Turns CRLF and lone CR into LF.
fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the bytes look like a binary file rather than text: a NUL byte early on
/// (UTF-16 text is recognised by its BOM before this is asked).
pub fn looks_binary(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_none()
        && memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Mødedato".as_bytes());
        assert_eq!(plain.text, "Mødedato");
        assert_eq!(plain.encoding, "UTF-8");
        assert!(!plain.had_bom);

        let bom = decode(b"\xEF\xBB\xBFM\xC3\xB8dedato");
        assert_eq!(bom.text, "Mødedato");
        assert!(bom.had_bom);
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Mødested – Rådhuset" in Windows-1252: ø = F8, – = 96, å = E5.
        let decoded = decode(b"M\xF8dested \x96 R\xE5dhuset");
        assert_eq!(decoded.text, "Mødested – Rådhuset");
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Punkt 1: Ø".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert!(!looks_binary(&bytes));
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "Punkt 1: Ø");
        assert_eq!(decoded.encoding, "UTF-16LE");
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n").text, "a\nb\nc\n");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\x00\x00"));
        assert!(!looks_binary(b"REFERAT Direktionen"));
    }
}
