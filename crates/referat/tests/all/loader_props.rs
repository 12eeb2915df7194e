//! Properties of the pure loader (`referat_core::loader::parse`) and of byte decoding
//! (`referat_core::decode::decode`), on arbitrary and on minutes-like input.
//!
//! The loader promises never to panic "whatever the input", to hand the front ends
//! clean text only, and to read the same text the same way every time. The
//! generators below mix the constructs of real minutes (item and section headings,
//! case numbers, tables, markdown, HTML, mojibake) with control characters, letters
//! whose lower case has a different length, and very long lines.
//!
//! Failing cases are not persisted to files (the suite runs in a shared checkout);
//! the regression tests at the end pin down the failures found so far.

use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;

use referat_core::decode::{decode, looks_binary};
use referat_core::loader::{Parsed, parse};

/// 256 cases a property, no regression files written.
fn config() -> Config {
    Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Characters that stress text handling: mojibake leads and trails, C0 and C1
/// controls, no-break and soft hyphen, bidi and direction marks, a BOM, ligatures,
/// markup characters, Danish letters, and letters whose lower case is longer or
/// shorter in UTF-8 (`İ` → `i̇`, Kelvin `K` → `k`, Ångström `Å` → `å`, `Ⱥ` → `ⱥ`).
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            'Ã', 'Â', 'â', '¸', '¥', '€', '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}',
            '\u{a0}', '\u{ad}', '\u{200e}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{fb01}', '\r',
            '\t', '\u{c}', 'İ', '\u{212a}', '\u{212b}', 'Ⱥ', 'ẞ', 'ø', 'Ø', 'æ', 'å', '<', '>',
            '&', '*', '_', '#', '|', ':', '.', '-', '/', ' ',
        ]),
    ]
}

/// A short piece of text: plain Danish-looking words or a mix of tricky characters.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-ZæøåÆØÅ0-9 .,:;/()-]{0,30}",
        prop::collection::vec(tricky_char(), 0..12).prop_map(String::from_iter),
    ]
}

/// A date as minutes write it, day and month possibly out of range.
fn dmy() -> impl Strategy<Value = String> {
    (0u32..34, 0u32..14, 1990u32..2031).prop_map(|(d, m, y)| format!("{d:02}-{m:02}-{y}"))
}

/// Item and section headings, plain and in markdown.
fn heading_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..40, fragment()).prop_map(|(n, t)| format!("Punkt {n}: {t}")),
        (0u32..40, fragment()).prop_map(|(n, t)| format!("## **Punkt {n}: {t}**")),
        (0u32..40, fragment()).prop_map(|(n, t)| format!("Pkt. {n}. {t}")),
        (0u32..40).prop_map(|n| format!("Punkt {n} i dagsordenen er udsat")),
        prop::sample::select(vec![
            "Beslutning",
            "Baggrund",
            "INDSTILLING",
            "### **Beslutning**",
            "## Baggrund",
            "Økonomi",
            "ØKONOMI",
            "Bilag",
            "Sagsfremstilling",
            "Anledning:",
            "Lukket",
        ])
        .prop_map(String::from),
        dmy().prop_map(|d| format!("Beslutning Direktionen den {d}")),
        dmy().prop_map(|d| format!("BESLUTNING DIREKTIONEN DEN {d}")),
    ]
}

/// Case numbers, labelled or not, and lines that only look like them.
fn case_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (10u32..30, 1u32..99_999).prop_map(|(y, s)| format!("{y}/{s}")),
        Just("00.01.00-A21-6-19".to_string()),
        Just("EMN-2025-003383, 24/1".to_string()),
        (100u32..999_999).prop_map(|n| format!("Sagsnr.: {n}")),
        fragment().prop_map(|t| format!("sag:{t}")),
        fragment().prop_map(|t| format!("J.nr. {t}")),
    ]
}

/// Header lines: title, labels with values, table of contents.
fn header_line() -> impl Strategy<Value = String> {
    let labels = prop::sample::select(vec![
        "Mødedato",
        "Dato",
        "Møde",
        "Mødested",
        "Sted",
        "Mødedeltagere",
        "Deltagere",
        "Udvalg",
        "Afbud",
        "**Mødedato**",
    ]);
    prop_oneof![
        (fragment(), dmy()).prop_map(|(t, d)| format!("REFERAT {t} d. {d}")),
        (fragment(), dmy()).prop_map(|(t, d)| format!("# REFERAT {t} d. {d}")),
        (labels.clone(), fragment()).prop_map(|(l, t)| format!("{l} {t}")),
        (labels, fragment()).prop_map(|(l, t)| format!("{l}:{t}")),
        Just("Mødedato Mandag d. 25. august 2025 kl. 12:00".to_string()),
        Just("Indholdsfortegnelse".to_string()),
        (fragment(), 0u32..200).prop_map(|(t, p)| format!("{t}.....\t{p}")),
        (fragment(), 0u32..200).prop_map(|(t, p)| format!("| {t}..... | {p} |")),
        Just("| | |".to_string()),
        Just("|--|----|".to_string()),
    ]
}

/// Body lines with markup, HTML, mojibake, controls, or of great length.
fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        fragment().prop_map(|t| format!("# {t}")),
        fragment().prop_map(|t| format!("**{t}**  ")),
        fragment().prop_map(|t| format!("<ul style=\"list-style-type: none\"> • {t} </li>")),
        fragment().prop_map(|t| format!("<https://example.dk/{t}>")),
        fragment().prop_map(|t| format!("\t{t}\t<br/>{t}\t&amp;")),
        fragment().prop_map(|t| format!("vÃksthus MÃ¸dested {t} â€“ Ã")),
        fragment().prop_map(|t| format!("- {t}")),
        (tricky_char(), 1000usize..10_000).prop_map(|(c, n)| c.to_string().repeat(n)),
        (fragment(), 10usize..300).prop_map(|(t, n)| t.repeat(n)),
        fragment(),
    ]
}

/// One line of minutes-like text; blank lines are as common as in real minutes.
fn minutes_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => heading_line(),
        2 => case_line(),
        2 => header_line(),
        3 => body_line(),
        3 => Just(String::new()),
    ]
}

/// A minutes-like document: up to 60 lines, joined by LF or CRLF.
fn minutes() -> impl Strategy<Value = String> {
    (prop::collection::vec(minutes_line(), 0..60), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

/// Every string in the JSON form of the parsed meeting, with where it is: titles,
/// headings, section text, forum, location, participants, case numbers and any
/// text field added later.
fn strings_of(parsed: &Parsed) -> Vec<(String, String)> {
    fn walk(value: &Value, at: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::String(s) => out.push((at, s.clone())),
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    walk(v, format!("{at}[{i}]"), out);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, format!("{at}.{k}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(meeting) = &parsed.meeting {
        walk(
            &serde_json::to_value(meeting).unwrap(),
            "meeting".into(),
            &mut out,
        );
    }
    out
}

/// The first control character other than `\n` and `\t` in any text field.
fn control_in(parsed: &Parsed) -> Option<(String, char)> {
    strings_of(parsed).into_iter().find_map(|(at, s)| {
        s.chars()
            .find(|&c| c.is_control() && c != '\n' && c != '\t')
            .map(|c| (at, c))
    })
}

/// Parses `text`, or gives `None` when the loader panics. The properties other
/// than "never panics" use this so that each reports on its own promise; panics
/// are reported by the `parse_never_panics_*` properties.
fn parse_unless_it_panics(text: &str) -> Option<Parsed> {
    std::panic::catch_unwind(|| parse(text, "minutes.txt")).ok()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_never_panics_on_any_line(text in ".*") {
        parse(&text, "any.txt");
    }

    #[test]
    fn parse_never_panics_on_any_text(text in "(?s).{0,400}") {
        parse(&text, "any.txt");
    }

    #[test]
    fn parse_never_panics_on_minutes_like_text(text in minutes()) {
        parse(&text, "minutes.txt");
    }

    #[test]
    fn text_fields_hold_no_control_characters(text in minutes()) {
        if let Some(parsed) = parse_unless_it_panics(&text) {
            prop_assert_eq!(control_in(&parsed), None);
        }
    }

    #[test]
    fn item_numbers_strictly_increase(text in minutes()) {
        if let Some(meeting) = parse_unless_it_panics(&text).and_then(|p| p.meeting) {
            let numbers: Vec<u32> = meeting.items.iter().map(|i| i.number).collect();
            prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{:?}", numbers);
        }
    }

    #[test]
    fn parsing_is_deterministic(text in minutes()) {
        if let Some(first) = parse_unless_it_panics(&text) {
            prop_assert_eq!(Some(first), parse_unless_it_panics(&text));
        }
    }

    #[test]
    fn decode_never_panics_and_leaves_no_carriage_returns(
        bom in prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let bytes = [bom, &body[..]].concat();
        let _ = looks_binary(&bytes);
        let decoded = decode(&bytes);
        prop_assert!(!decoded.text.contains('\r'), "{:?}", decoded.text);
        if !bom.is_empty() {
            prop_assert!(decoded.had_bom);
        }
    }

    #[test]
    fn decode_keeps_utf8_text_as_it_is(
        text in "[^\r]{0,200}".prop_filter("no BOM", |t| !t.starts_with('\u{feff}')),
    ) {
        let decoded = decode(text.as_bytes());
        prop_assert_eq!(decoded.encoding, "UTF-8");
        prop_assert_eq!(decoded.text, text);
    }
}

/// A generated item of well-formed minutes: title, case number, decision text.
fn item() -> impl Strategy<Value = (String, String, String)> {
    let word = "[a-zæøå]{2,10}";
    (
        ("[A-ZÆØÅ][a-zæøå]{2,12}", prop::collection::vec(word, 0..5)),
        (10u32..30, 1u32..99_999),
        ("[A-ZÆØÅ][a-zæøå]{2,10}", prop::collection::vec(word, 0..8)),
    )
        .prop_filter("a title of its own", |((first, rest), _, _)| {
            !(rest.is_empty() && first == "Lukket")
        })
        .prop_map(|((first, rest), (y, s), (dfirst, drest))| {
            let title = std::iter::once(first)
                .chain(rest)
                .collect::<Vec<_>>()
                .join(" ");
            let decision = std::iter::once(dfirst)
                .chain(drest)
                .collect::<Vec<_>>()
                .join(" ");
            (title, format!("{y}/{s}"), format!("{decision}."))
        })
}

proptest! {
    #![proptest_config(config())]

    /// Well-formed minutes read back as written: forum, date, start time, every
    /// item with its number, title and case number, and its dated decision.
    #[test]
    fn well_formed_minutes_read_back(
        forum in prop::sample::select(vec!["Direktionen", "Chefforum", "Økonomiudvalget"]),
        (day, month, year) in (1u8..29, 1u8..13, 2000u16..2030),
        (hour, minute) in (0u8..24, 0u8..60),
        items in prop::collection::vec(item(), 1..8),
    ) {
        let date = format!("{day:02}-{month:02}-{year}");
        let mut text = format!(
            "REFERAT {forum} d. {date}\n\nMødedato Mandag d. {day}. {} {year} kl. {hour:02}:{minute:02}\n\n",
            ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"][usize::from(month) - 1],
        );
        for (n, (title, case, decision)) in items.iter().enumerate() {
            text.push_str(&format!(
                "Punkt {}: {title}\n\n{case}\n\nBeslutning {forum} den {date}\n\n{decision}\n\n",
                n + 1
            ));
        }
        let meeting = parse(&text, "generated.txt").meeting.expect("a meeting");
        let iso = format!("{year}-{month:02}-{day:02}");
        prop_assert_eq!(&meeting.forum, forum);
        prop_assert_eq!(meeting.date.map(|d| d.to_string()), Some(iso.clone()));
        prop_assert_eq!(meeting.start_time, Some(format!("{hour:02}:{minute:02}")));
        prop_assert_eq!(meeting.items.len(), items.len());
        for (n, (item, (title, case, decision))) in meeting.items.iter().zip(&items).enumerate() {
            prop_assert_eq!(item.number as usize, n + 1);
            prop_assert_eq!(&item.title, title);
            prop_assert_eq!(&item.case_numbers, &vec![case.clone()]);
            prop_assert!(!item.closed);
            let decisions: Vec<_> = item.decisions().collect();
            prop_assert_eq!(decisions.len(), 1);
            prop_assert_eq!(decisions[0].date.map(|d| d.to_string()), Some(iso.clone()));
            prop_assert_eq!(&decisions[0].text, decision);
        }
    }
}

// Regression tests: inputs on which the loader has broken its promises.

/// A header label followed by a Kelvin sign (`K`, three bytes, lower case `k`, one
/// byte): the label's value is sliced from the original line at an offset
/// computed on the lower-cased line.
#[test]
fn a_header_label_before_a_kelvin_sign_does_not_panic() {
    parse(
        "REFERAT Direktionen d. 01-09-2025\nDato \u{212a}\n",
        "k.txt",
    );
}

/// Six dotted capitals (`İ`, two bytes, lower case `i̇`, three bytes) after a label:
/// the offset computed on the lower-cased line underflows.
#[test]
fn a_header_label_before_dotted_capitals_does_not_panic() {
    parse("REFERAT Direktionen d. 01-09-2025\nDato İİİİİİ\n", "i.txt");
}

/// The same in a `Sag:` case-number label right after an item heading.
#[test]
fn a_case_label_before_dotted_capitals_does_not_panic() {
    parse("Punkt 1: A\nsag:İİİİİİ\n", "sag.txt");
}

/// The start time is read at the position found on the lower-cased line; a
/// dotted capital before `kl.` shifts it by one byte, so `12:00` became `02:00`.
#[test]
fn a_dotted_capital_before_the_time_does_not_shift_it() {
    let parsed = parse(
        "REFERAT Direktionen d. 01-09-2025\nMødedato İstanbul d. 1. september 2025 kl. 12:00\n\nPunkt 1: A\n\n24/1\n",
        "t.txt",
    );
    let meeting = parsed.meeting.expect("a meeting");
    assert_eq!(meeting.start_time.as_deref(), Some("12:00"));
}

/// Sanity of the control-character check itself: it sees a control character in
/// any string of the meeting.
#[test]
fn control_check_finds_controls_anywhere() {
    let mut parsed = parse("REFERAT Direktionen d. 01-09-2025\n\nPunkt 1: A\n", "c.txt");
    assert_eq!(control_in(&parsed), None);
    parsed.meeting.as_mut().unwrap().items[0]
        .title
        .push('\u{1b}');
    assert!(control_in(&parsed).is_some_and(|(at, _)| at.contains("title")));
}
