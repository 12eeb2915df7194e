//! Line cleaning and the terminal sanitiser on arbitrary text.
//!
//! `clean_line`:
//! - the result holds no control character but the tab (table cells), and no C1
//!   control or bidi override;
//! - it is never longer than its input: every step removes or replaces (mojibake
//!   `Ã¸` → `ø`, entities, tags → one space, ligatures → as many ASCII bytes as
//!   the ligature had), nothing expands;
//! - a markdown heading level is 0..=6; repairs never exceed the characters;
//! - the line is borrowed exactly when nothing changed.
//!
//! `for_terminal` / `for_terminal_multiline`: nothing unsafe passes (ESC, BEL,
//! C0, C1, bidi), every escape is shown as `␛`, and safe text passes unchanged.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use referat_core::loader::clean::{clean_line, clean_text, repair_mojibake};
use referat_core::sanitize::{for_terminal, for_terminal_multiline, is_unsafe};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };

    let line = clean_line(raw);
    let text = line.text.as_ref();
    if let Some(c) = text
        .chars()
        .find(|&c| is_unsafe(c) || c.is_control() && c != '\t')
    {
        panic!("clean_line left {c:?} in {text:?} (from {raw:?})");
    }
    assert!(
        text.len() <= raw.len(),
        "clean_line grew {} → {} bytes: {raw:?} → {text:?}",
        raw.len(),
        text.len()
    );
    assert!(line.heading_level <= 6);
    assert!(line.repairs <= raw.chars().count());
    if let Cow::Borrowed(b) = &line.text {
        // Borrowed text is a slice of the input (possibly trimmed).
        let start = b.as_ptr() as usize;
        let raw_start = raw.as_ptr() as usize;
        assert!(start >= raw_start && start + b.len() <= raw_start + raw.len());
    }
    if !text.is_empty() {
        assert!(
            !text.starts_with(' ') && !text.ends_with(|c: char| c.is_ascii_whitespace()),
            "untrimmed: {text:?}"
        );
        assert!(!text.contains("  "), "double space: {text:?}");
    }

    let (repaired, repairs) = repair_mojibake(raw);
    assert!(repaired.len() <= raw.len());
    assert_eq!(repairs == 0, repaired == raw, "{raw:?} → {repaired:?}");

    let many = clean_text(raw);
    assert!(
        !many
            .chars()
            .any(|c| c != '\n' && (is_unsafe(c) || c.is_control() && c != '\t'))
    );

    let safe = for_terminal(raw);
    if let Some(c) = safe.chars().find(|&c| is_unsafe(c) || c == '\t') {
        panic!("for_terminal let {c:?} through: {safe:?}");
    }
    assert_eq!(
        safe.matches('␛').count(),
        raw.matches('␛').count() + raw.matches('\x1b').count()
    );
    if !raw.chars().any(|c| is_unsafe(c) || c == '\t') {
        assert_eq!(safe, raw);
    }

    let multi = for_terminal_multiline(raw);
    if let Some(c) = multi.chars().find(|&c| is_unsafe(c) && c != '\n') {
        panic!("for_terminal_multiline let {c:?} through: {multi:?}");
    }
    assert_eq!(multi.matches('\n').count(), raw.matches('\n').count());
});
