//! Inputs the fuzz targets (`fuzz/`) found crashing, minimised, kept as tests so
//! the bugs stay fixed. Each names the target, what it found and the commit that
//! fixed it. See docs/FUZZING.md for how they were found.

use referat::{Corpus, commands};
use referat_core::decode;
use referat_core::loader;
use referat_core::search::{Filters, snippet};

/// Target `loader`, 8 bytes: a header label followed by the Kelvin sign.
///
/// Labels were matched in a lower-cased copy of the line and the value sliced
/// from the original at the copy's offset; `K` (U+212A, 3 bytes) lower-cases to
/// `k` (1 byte), so the slice fell inside it and the loader panicked, taking
/// the whole load down. Fixed in b0070d5 (labels matched character by
/// character).
#[test]
fn loader_header_label_before_a_letter_that_shrinks_when_lower_cased() {
    let found = b"dato \xe2\x84\xaa";
    let parsed = loader::parse(&decode::decode(found).text, "fuzz");
    assert!(parsed.meeting.is_none(), "one header line is not minutes");

    // The same shape in a real header, with every letter whose lower case has
    // another length, before and inside the label.
    for odd in ['\u{212a}', '\u{130}', '\u{2126}', '\u{1e9e}', '\u{212b}'] {
        for line in [
            format!("Mødedato {odd} 25-08-2025 kl. 12:00"),
            format!("Mødested {odd}{odd} Rådhuset"),
            format!("STARTTIDSPUN{odd}T: kl. 12:00"),
            format!("Bemær{odd}ninger: {odd}"),
        ] {
            let text =
                format!("REFERAT Direktionen d. 25-08-2025\n{line}\n\nPunkt 1: Sag\n\n24/1\n");
            let parsed = loader::parse(&text, "fuzz");
            let meeting = parsed.meeting.expect("a meeting");
            assert_eq!(meeting.items.len(), 1, "{line:?}");
        }
    }
    // A Kelvin sign that stands for the `k` of a label still reads as the label.
    let text =
        "REFERAT Direktionen d. 25-08-2025\nSTARTTIDSPUN\u{212a}T: kl. 12:00\n\nPunkt 1: Sag\n";
    let meeting = loader::parse(text, "fuzz").meeting.unwrap();
    assert_eq!(meeting.start_time.as_deref(), Some("12:00"));
}

/// Target `search`, 7 bytes `01 00 00 00 00 72 64`: offsets 1 and 0, width 0,
/// text `rd`; `snippet(\"rd\", 1, 1, 0)` indexed one past the characters before
/// the hit when the width left no room beside it. Fixed in 17a2097.
#[test]
fn search_snippet_with_no_room_beside_the_hit() {
    let text = "rd";
    for width in 0..4 {
        for (start, end) in [(0, 0), (0, 1), (1, 1), (1, 2), (0, 2), (2, 2)] {
            let (s, a, b) = snippet(text, start, end, width);
            assert_eq!(&s[a..b], &text[start..end], "width {width}, {start}..{end}");
        }
    }
}

/// The same bug through `referat search`: a quoted phrase of more than the
/// 100-character snippet width, with text before it on its line.
#[test]
fn search_for_a_phrase_longer_than_the_snippet() {
    let phrase = "direktionen godkender at udbudsmaterialet er tilpasset og at sagen sendes videre til byrådet med indstilling om godkendelse";
    assert!(phrase.len() > 100);
    let text = format!(
        "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: Sag\n\n24/1\n\nBeslutning\n\nEfter drøftelse: {phrase}.\n"
    );
    let corpus = Corpus::from_texts([("a.txt".to_string(), text)]);
    for json in [false, true] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = commands::search(
            &corpus,
            &format!("\"{phrase}\""),
            &Filters::default(),
            json,
            false,
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(outcome, commands::Outcome::Success);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(phrase), "{out}");
    }
}
