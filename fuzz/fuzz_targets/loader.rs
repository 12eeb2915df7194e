//! Bytes as a file would hold them, through the same path `Corpus::load` takes:
//! `decode` then the pure loader.
//!
//! Invariants beyond "does not panic":
//! - no text in the model carries a control character, C1 control or bidi
//!   override (only `\n` and `\t` in multi-line text, only `\t` in one-line fields);
//! - item numbers strictly increase, and item lines are real source lines in order;
//! - every section starts at or after its item's heading and before the next item;
//! - the export document round-trips through JSON unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat_core::loader::{self, Severity};
use referat_core::sanitize::is_unsafe;

/// A one-line field: no line break and nothing a terminal would act on.
fn one_line(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| is_unsafe(c) || c.is_control() && c != '\t')
    {
        panic!("{what} holds {c:?}: {text:?}");
    }
}

/// A multi-line field: line breaks allowed, nothing else a terminal would act on.
fn multi_line(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\n' && (is_unsafe(c) || c.is_control() && c != '\t'))
    {
        panic!("{what} holds {c:?}: {text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let decoded = referat_core::decode::decode(data);
    assert!(!decoded.text.contains('\r'), "line ends not normalised");
    let parsed = loader::parse(&decoded.text, "fuzz");
    let line_count = decoded.text.split('\n').count();

    for d in &parsed.diagnostics {
        multi_line("diagnostic", &d.message);
        if let Some(line) = d.line {
            assert!((1..=line_count).contains(&line), "diagnostic line {line}");
        }
    }
    let Some(meeting) = parsed.meeting else {
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "no meeting and no error saying why"
        );
        return;
    };
    assert_eq!(meeting.source, "fuzz");
    one_line("forum", &meeting.forum);
    if let Some(t) = &meeting.start_time {
        one_line("start_time", t);
    }
    if let Some(l) = &meeting.location {
        one_line("location", l);
    }
    for p in &meeting.participants {
        one_line("participant", p);
        assert!(!p.is_empty(), "empty participant");
    }
    for p in &meeting.absent {
        one_line("absentee", p);
        assert!(!p.is_empty(), "empty absentee");
    }
    for e in &meeting.toc {
        one_line("toc title", &e.title);
    }

    let mut previous: Option<(u32, usize)> = None;
    for (index, item) in meeting.items.iter().enumerate() {
        if let Some((number, line)) = previous {
            assert!(item.number > number, "item {} after {number}", item.number);
            assert!(item.line > line, "item line {} after {line}", item.line);
        }
        previous = Some((item.number, item.line));
        assert!((1..=line_count).contains(&item.line));
        one_line("item title", &item.title);
        for case in &item.case_numbers {
            one_line("case number", case);
            assert!(!case.is_empty() && !case.contains(char::is_whitespace));
        }
        let next_item_line = meeting
            .items
            .get(index + 1)
            .map_or(line_count + 1, |n| n.line);
        for s in item.sections.read() {
            one_line("section heading", &s.heading);
            multi_line("section text", &s.text);
            assert!(
                s.line > item.line && s.line < next_item_line,
                "section line {} outside item {}..{next_item_line}",
                s.line,
                item.line
            );
        }
        for h in &item.history {
            one_line("history forum", &h.forum);
            multi_line("history text", &h.text);
        }
    }

    let json = referat_core::export::to_json(std::slice::from_ref(&meeting));
    let back: serde_json::Value = serde_json::from_str(&json).expect("export is JSON");
    let back: referat_core::Meeting =
        serde_json::from_value(back["meetings"][0].clone()).expect("export reads back");
    assert_eq!(back, meeting, "export does not round-trip");
});
