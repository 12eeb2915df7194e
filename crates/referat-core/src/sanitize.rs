//! Document text is data: nothing from a document may reach a terminal as a control
//! sequence.
//!
//! The loader already drops control characters while cleaning, but text also reaches
//! the screen from file names, error messages and user input, so every path to the
//! terminal goes through [`for_terminal`] as well. Escape is shown as `␛` so that a
//! hostile sequence is visible rather than silently altered; other C0 and C1
//! controls and bidirectional overrides (which can reorder what a reader sees)
//! are dropped.

use std::borrow::Cow;

/// Whether `c` must not be written to a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi embeddings, overrides and isolates
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // zero-width and direction marks that can hide or reorder text
        | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// Makes one line of text safe to print: escape becomes `␛`, tabs become a space,
/// newlines become a space and other controls are dropped.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push('␛'),
            '\t' | '\n' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`for_terminal`] but keeps newlines and tabs, for multi-line output such as
/// the decision digest, where the text layout itself is wanted.
pub fn for_terminal_multiline(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push('␛'),
            '\n' => out.push('\n'),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes, in JSON text, the characters JSON may carry raw but a terminal would
/// act on: DEL, C1 controls and bidi or direction marks become `\uXXXX`. serde_json
/// already escapes C0 controls; the value a JSON reader gets back is unchanged.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    if memchr::memchr(0x7f, bytes).is_some() {
        return json_safe_slow(json);
    }
    let mut out = String::new();
    let mut copied = 0;
    for (at, c) in unsafe_above_del(bytes) {
        out.push_str(&json[copied..at]);
        out.push_str(&format!("\\u{:04x}", c as u32));
        copied = at + c.len_utf8();
    }
    if copied == 0 {
        return Cow::Borrowed(json);
    }
    out.push_str(&json[copied..]);
    Cow::Owned(out)
}

/// Whether [`json_safe`] would change JSON text, judged from its bytes: for
/// output assembled from bytes already known to be UTF-8 (serde_json's, or
/// the cache's, whose checksum was checked), where validating the whole text
/// again only to learn that nothing needs escaping was a fifth of an export.
pub fn json_needs_escaping(json: &[u8]) -> bool {
    memchr::memchr(0x7f, json).is_some() || unsafe_above_del(json).next().is_some()
}

/// The unsafe characters past DEL in UTF-8 text, with where each starts.
/// Every one starts with one of three lead bytes, which memchr finds at
/// memory speed; only their few sequences are looked at.
fn unsafe_above_del(bytes: &[u8]) -> impl Iterator<Item = (usize, char)> + '_ {
    memchr::memchr3_iter(0xc2, 0xd8, 0xe2, bytes)
        .filter_map(|at| Some((at, char_at(bytes, at)?)))
        .filter(|&(_, c)| is_unsafe(c))
}

/// The character whose UTF-8 sequence starts at `at` with the lead byte
/// 0xc2, 0xd8 (two bytes) or 0xe2 (three), if the bytes there make one.
fn char_at(bytes: &[u8], at: usize) -> Option<char> {
    let len = if bytes[at] == 0xe2 { 3 } else { 2 };
    let sequence = std::str::from_utf8(bytes.get(at..at + len)?).ok()?;
    sequence.chars().next()
}

/// [`json_safe`] a character at a time, for text with DEL in it.
fn json_safe_slow(json: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) && c as u32 >= 0x7f {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes JSON through [`json_safe`] on its way out, for output too
/// large to build as one string first (the export).
///
/// It buffers: serde_json writes a token at a time, and checking each token on its
/// own costs more than producing it. Call [`JsonSafeWriter::finish`] (or `flush`)
/// before writing to the inner writer again.
pub struct JsonSafeWriter<W: std::io::Write> {
    inner: W,
    /// Bytes not yet passed on, possibly ending in part of a character.
    buffer: Vec<u8>,
}

const JSON_SAFE_CHUNK: usize = 64 * 1024;

impl<W: std::io::Write> JsonSafeWriter<W> {
    /// Wraps `inner`, which receives nothing until the buffer fills, `flush` or
    /// [`JsonSafeWriter::finish`] is called, or the writer is dropped.
    pub fn new(inner: W) -> Self {
        JsonSafeWriter {
            inner,
            buffer: Vec::with_capacity(JSON_SAFE_CHUNK + 1024),
        }
    }

    /// Passes on everything written so far, reporting what `Drop` cannot: a
    /// write error, or output that ends inside a character.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.pass_on()?;
        self.inner.flush()?;
        if !self.buffer.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "JSON output ends inside a character",
            ));
        }
        Ok(())
    }

    /// Escapes and writes the buffer's complete characters, keeping a split one.
    fn pass_on(&mut self) -> std::io::Result<()> {
        let valid = match std::str::from_utf8(&self.buffer) {
            Ok(_) => self.buffer.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        let text = std::str::from_utf8(&self.buffer[..valid]).expect("checked above");
        self.inner.write_all(json_safe(text).as_bytes())?;
        self.buffer.drain(..valid);
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for JsonSafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        if self.buffer.len() >= JSON_SAFE_CHUNK {
            self.pass_on()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.pass_on()?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for JsonSafeWriter<W> {
    /// Like `BufWriter`, passes on what is left; errors here cannot be reported,
    /// which is why [`JsonSafeWriter::finish`] exists.
    fn drop(&mut self) {
        let _ = self.pass_on();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible_and_inert() {
        let hostile = "Beslutning\x1b]0;owned\x07 \x1b[2J\x1b]52;c;aGk=\x07 ok";
        let safe = for_terminal(hostile);
        assert!(!safe.contains('\x1b'));
        assert!(!safe.contains('\x07'));
        assert_eq!(safe, "Beslutning␛]0;owned ␛[2J␛]52;c;aGk= ok");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_dropped() {
        let safe = for_terminal("a\u{9b}31mb\u{202e}c\u{2067}d");
        assert_eq!(safe, "a31mbcd");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            for_terminal("Økonomi – 505.000 kr."),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_keeps_values_but_not_raw_c1_or_bidi() {
        let value = "evil\u{9b}31m\u{202e}txt\u{7f}";
        let json = serde_json::to_string(value).unwrap();
        let safe = json_safe(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), value);

        use std::io::Write;
        let mut written = Vec::new();
        let mut out = JsonSafeWriter::new(&mut written);
        let bytes = json.as_bytes();
        // A character split across two writes is still escaped whole.
        let split = json.find('\u{202e}').unwrap() + 1;
        out.write_all(&bytes[..split]).unwrap();
        out.write_all(&bytes[split..]).unwrap();
        out.finish().unwrap();
        drop(out);
        assert_eq!(String::from_utf8(written).unwrap(), safe);
    }

    /// The fast path finds unsafe characters by their UTF-8 lead byte: every
    /// character [`is_unsafe`] names from DEL up must start with one it looks
    /// for, and be escaped as the character-at-a-time path escapes it.
    #[test]
    fn json_safe_catches_every_unsafe_character_by_its_lead_byte() {
        let unsafe_chars: Vec<char> = ('\u{7f}'..=char::MAX).filter(|&c| is_unsafe(c)).collect();
        assert!(unsafe_chars.len() > 40, "{}", unsafe_chars.len());
        for c in unsafe_chars {
            let lead = c.to_string().as_bytes()[0];
            assert!([0x7f, 0xc2, 0xd8, 0xe2].contains(&lead), "{c:?}");
            let json = format!("\"å{c}æ\"");
            let safe = json_safe(&json);
            assert_eq!(safe, json_safe_slow(&json), "{c:?}");
            assert!(!safe.contains(c), "{c:?}");
        }
    }

    /// The byte-level check agrees with [`json_safe`] on every character.
    #[test]
    fn json_needs_escaping_exactly_when_json_safe_escapes() {
        for c in '\u{0}'..=char::MAX {
            let json = format!("\"å{c}–\"");
            let escapes = matches!(json_safe(&json), Cow::Owned(_));
            assert_eq!(json_needs_escaping(json.as_bytes()), escapes, "{c:?}");
        }
        assert!(
            !json_needs_escaping(b"\"\xe2\""),
            "a cut sequence is no character"
        );
    }

    #[test]
    fn multiline_keeps_line_structure() {
        assert_eq!(for_terminal_multiline("a\n\x1b[1mb\tc"), "a\n␛[1mb\tc");
        assert_eq!(for_terminal("a\nb\tc"), "a b c");
    }
}
