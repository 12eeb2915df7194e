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
    let needs = |c: char| is_unsafe(c) && c as u32 >= 0x7f;
    if !json.chars().any(needs) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes JSON through [`json_safe`] on its way out, for output too
/// large to build as one string first (the export).
pub struct JsonSafeWriter<W: std::io::Write> {
    inner: W,
    /// The start of a character split across two writes.
    pending: Vec<u8>,
}

impl<W: std::io::Write> JsonSafeWriter<W> {
    pub fn new(inner: W) -> Self {
        JsonSafeWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for JsonSafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        let text = std::str::from_utf8(&self.pending[..valid]).expect("checked above");
        self.inner.write_all(json_safe(text).as_bytes())?;
        self.pending.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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
        let mut out = JsonSafeWriter::new(Vec::new());
        let bytes = json.as_bytes();
        // A character split across two writes is still escaped whole.
        let split = json.find('\u{202e}').unwrap() + 1;
        out.write_all(&bytes[..split]).unwrap();
        out.write_all(&bytes[split..]).unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), safe);
    }

    #[test]
    fn multiline_keeps_line_structure() {
        assert_eq!(for_terminal_multiline("a\n\x1b[1mb\tc"), "a\n␛[1mb\tc");
        assert_eq!(for_terminal("a\nb\tc"), "a b c");
    }
}
