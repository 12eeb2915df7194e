//! Terminal injection through every subcommand of the real binary: minutes whose
//! title, forum, participants, item titles, section text and file name carry
//! escape sequences (OSC 0 window title, OSC 52 clipboard write, CSI clear
//! screen), a C1 CSI (U+009B) and a bidi override (U+202E). Whatever the command,
//! none of it may reach stdout or stderr as something a terminal would act on:
//! JSON escapes control characters, text output shows ESC as `␛` and drops the
//! rest.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use referat_core::sanitize::is_unsafe;
use tempfile::TempDir;

use crate::common;
use common::referat_command;

const OSC_TITLE: &str = "\x1b]0;title\x07";
const OSC_CLIPBOARD: &str = "\x1b]52;c;aGk=\x07";
const CLEAR: &str = "\x1b[2J";
const C1_CSI: &str = "\u{9b}31m";
const BIDI: &str = "\u{202e}";

/// Minutes with hostile sequences in every field the loader reads.
fn hostile_minutes() -> String {
    format!(
        "REFERAT Direktionen{OSC_TITLE} d. 25-08-2025\n\
         \n\
         Mødedato Mandag d. 25. august 2025 kl. 12:00\n\
         \n\
         Mødested Rådhuset{CLEAR}\n\
         \n\
         Mødedeltagere Anna{BIDI} Hansen, Bo{OSC_CLIPBOARD} Jensen{C1_CSI}\n\
         \n\
         Indholdsfortegnelse\n\
         \n\
         Titel{CLEAR} med farve.....\t3\n\
         \n\
         Punkt 1: Titel{CLEAR} med {C1_CSI}farve{BIDI}\n\
         \n\
         24/1\n\
         \n\
         Baggrund{OSC_TITLE}\n\
         \n\
         Realdania{OSC_CLIPBOARD} støtter{BIDI} sagen{C1_CSI}.\n\
         \n\
         Beslutning Direktionen den 25-08-2025\n\
         \n\
         Godkendt{OSC_CLIPBOARD} med realdania{CLEAR} og {BIDI}tak.\n"
    )
}

/// What one run printed.
struct Output {
    args: String,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Output {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Neither stream holds anything a terminal acts on: valid UTF-8 (so no
    /// stray 8-bit C1 byte), and no ESC, BEL, C0 or C1 control or bidi
    /// override as a character; line breaks and tabs only.
    fn assert_inert(&self) {
        assert!(
            !self.stderr.windows(8).any(|w| w == b"panicked"),
            "{}: panicked",
            self.args
        );
        for (name, bytes) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            let text = std::str::from_utf8(bytes)
                .unwrap_or_else(|e| panic!("{} {name}: not UTF-8 ({e})", self.args));
            for (i, c) in text.char_indices() {
                assert!(
                    !(is_unsafe(c) && c != '\n'),
                    "{} {name}: {c:?} at byte {i}: {:?}",
                    self.args,
                    &text[i.saturating_sub(60)..(i + 20).min(text.len())]
                );
            }
        }
    }
}

fn run(args: &[&OsStr]) -> Output {
    let out = referat_command()
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run referat");
    Output {
        args: args
            .iter()
            .map(|a| format!("{a:?}"))
            .collect::<Vec<_>>()
            .join(" "),
        code: out.status.code(),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// Every subcommand on `path`, with the hostile minutes' case number and a word of
/// their text, as text and as JSON.
fn every_subcommand(path: &Path) -> Vec<Output> {
    let p = path.as_os_str();
    let s = |x: &'static str| OsStr::new(x);
    [
        vec![s("export"), p],
        vec![s("case"), s("24/1"), p],
        vec![s("case"), s("24/1"), p, s("--json")],
        vec![s("decisions"), p],
        vec![s("check"), p],
        vec![s("check"), p, s("--json")],
        vec![s("search"), s("realdania"), p],
        vec![s("search"), s("realdania"), p, s("--json")],
    ]
    .iter()
    .map(|args| run(args))
    .collect()
}

fn write(dir: &Path, name: &[u8], text: &str) -> std::path::PathBuf {
    let path = dir.join(OsStr::from_bytes(name));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn hostile_document_text_is_inert_in_every_subcommand() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), b"referat.txt", &hostile_minutes());
    let outputs = every_subcommand(dir.path());
    for out in &outputs {
        out.assert_inert();
        assert_eq!(out.code, Some(0), "{}: {}", out.args, out.stdout());
    }
    // The runs read the minutes: each field is there, with the escape character
    // and the other controls gone and only their harmless parameters left.
    let text = |i: usize| outputs[i].stdout();
    assert!(text(0).contains("\"Titel[2J med 31mfarve\""), "{}", text(0));
    assert!(
        text(1).contains(
            "Direktionen]0;title  punkt  1  Titel[2J med 31mfarve — Godkendt]52;c;aGk= med realdania[2J og tak."
        ),
        "{}",
        text(1)
    );
    assert!(text(2).contains("\"title\": \"Titel[2J med 31mfarve\""));
    assert!(text(3).contains("\n    Godkendt]52;c;aGk= med realdania[2J og tak.\n"));
    assert!(text(4).contains("referat.txt: ok: Direktionen]0;title 25-08-2025, 1 item"));
    assert!(text(5).contains("\"forum\": \"Direktionen]0;title\""));
    assert!(text(6).contains("other: Realdania]52;c;aGk= støtter sagen31m."));
    assert!(text(7).contains("\"snippet\": \"Realdania]52;c;aGk= støtter sagen31m.\""));
    let export: serde_json::Value = serde_json::from_str(&text(0)).unwrap();
    let meeting = &export["meetings"][0];
    assert_eq!(meeting["location"], "Rådhuset[2J");
    assert_eq!(meeting["participants"][0], "Anna Hansen");
}

#[test]
fn highlighting_is_the_only_escape_search_writes() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), b"referat.txt", &hostile_minutes());
    let p = dir.path().as_os_str();
    let out = run(&[
        OsStr::new("search"),
        OsStr::new("godkendt"),
        p,
        OsStr::new("--color"),
        OsStr::new("always"),
    ]);
    assert_eq!(out.code, Some(0));
    let text = out.stdout();
    // Remove referat's own highlight; nothing else may be an escape.
    let rest = text.replace("\x1b[1;7m", "").replace("\x1b[0m", "");
    assert_ne!(rest, text, "highlight missing: {text:?}");
    assert!(
        !rest.contains(|c: char| is_unsafe(c) && c != '\n'),
        "{rest:?}"
    );
}

#[test]
fn hostile_queries_and_case_numbers_are_not_echoed_raw() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), b"referat.txt", &hostile_minutes());
    let p = dir.path().as_os_str();
    // C0 only: JSON escapes those (C1 and bidi: see the JSON bug test below).
    let case = format!("24/1{OSC_TITLE}{CLEAR}");
    let query = format!("realdania{CLEAR}{OSC_CLIPBOARD}");
    for args in [
        vec![OsStr::new("case"), OsStr::new(&case), p],
        vec![
            OsStr::new("case"),
            OsStr::new(&case),
            p,
            OsStr::new("--json"),
        ],
        vec![OsStr::new("search"), OsStr::new(&query), p],
        vec![
            OsStr::new("search"),
            OsStr::new(&query),
            p,
            OsStr::new("--json"),
        ],
    ] {
        let out = run(&args);
        out.assert_inert();
        assert_eq!(out.code, Some(1), "{}: nothing matches", out.args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains('␛'),
            "{}: the escape shown: {stderr}",
            out.args
        );
    }
}

/// File names are not document text: the loader never cleans them, so every
/// command must neutralise them where it prints them.
#[test]
fn hostile_file_names_are_inert_in_text_output() {
    let dir = TempDir::new().unwrap();
    let minutes = hostile_minutes();
    write(
        dir.path(),
        format!("evil{OSC_TITLE}{CLEAR}{C1_CSI}{BIDI}.txt").as_bytes(),
        &minutes,
    );
    // Not UTF-8: a raw 8-bit CSI byte in the name. A meeting of another day:
    // two files of one meeting would be listed as one.
    let next_day = minutes.replace("25-08-2025", "26-08-2025");
    write(dir.path(), b"raw\x9b31m\xf8.txt", &next_day);
    // Names of files that fail go to stderr (or the check report).
    write(
        dir.path(),
        format!("bad{OSC_CLIPBOARD}{BIDI}.txt").as_bytes(),
        "just a shopping list\n",
    );
    write(dir.path(), b"bin\x1b[2J.txt", "\0\x01\x02binary");

    let p = dir.path().as_os_str();
    let s = OsStr::new;
    // (`export` is JSON: see the next test.)
    for args in [
        vec![s("case"), s("24/1"), p],
        vec![s("decisions"), p],
        vec![s("check"), p],
        vec![s("search"), s("realdania"), p],
    ] {
        let out = run(&args);
        out.assert_inert();
        let all = out.stdout() + &String::from_utf8_lossy(&out.stderr);
        // The hostile names are shown, escape visible, other controls gone.
        if args[0] != "case" {
            assert!(
                all.contains("evil␛]0;title␛[2J31m.txt"),
                "{}: {all}",
                out.args
            );
            assert!(
                all.contains("raw\u{fffd}31m\u{fffd}.txt"),
                "{}: {all}",
                out.args
            );
        }
        assert!(all.contains("bad␛]52;c;aGk=.txt"), "{}: {all}", out.args);
        assert!(all.contains("bin␛[2J.txt"), "{}: {all}", out.args);
    }
}

/// serde_json escapes C0 controls (`\u001b`) but not C1 controls or bidi
/// overrides, which JSON may carry as they are; so a file name holding them
/// reached the terminal through every JSON output, and so did a case number or
/// query holding them (which may come from a document through a script). JSON
/// output now escapes them too (fixed in abb7994).
#[test]
fn c1_and_bidi_are_escaped_in_json_output() {
    let dir = TempDir::new().unwrap();
    let name = format!("evil{OSC_TITLE}{C1_CSI}{BIDI}.txt");
    write(dir.path(), name.as_bytes(), &hostile_minutes());
    let p = dir.path().as_os_str();
    let s = OsStr::new;
    let case = format!("24/1{C1_CSI}{BIDI}");
    let query = format!("realdania{C1_CSI}{BIDI}");
    for (args, echoed) in [
        (vec![s("export"), p], &name),
        (vec![s("case"), s("24/1"), p, s("--json")], &name),
        (vec![s("check"), p, s("--json")], &name),
        (vec![s("search"), s("realdania"), p, s("--json")], &name),
        (vec![s("case"), s(&case), p, s("--json")], &case),
        (vec![s("search"), s(&query), p, s("--json")], &query),
    ] {
        let out = run(&args);
        out.assert_inert();
        // Still JSON, and what was given reads back exactly: escaped, not altered.
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            strings(&value).iter().any(|s| s.ends_with(echoed.as_str())),
            "{}: {value}",
            out.args
        );
    }
}

/// Every string in a JSON value.
fn strings(value: &serde_json::Value) -> Vec<&str> {
    match value {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().flat_map(strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}
