//! The command line, end to end: every subcommand of the real `referat` binary on
//! the bundled sample (and on `assets/`, the same documents as files), checked
//! against the export contract and the reference facts in `tests/fixtures/`.
//!
//! Expected values are derived from `tests/fixtures/expected.json` wherever they
//! can be, so a test states what the documents say rather than what the program
//! happened to print.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use serde_json::Value;

use crate::common;
use common::{Run, finish, referat_command, root, utf8, wait_within};

/// Longest any single run may take before the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The section kinds the export contract allows.
const KINDS: [&str; 9] = [
    "background",
    "recommendation",
    "decision",
    "presentation",
    "occasion",
    "attachments",
    "finance",
    "other",
    "earlier_decision",
];

impl Run {
    /// Asserts the run exited 0 and did not panic.
    fn assert_success(&self, what: &str) -> &Self {
        assert_eq!(self.code, Some(0), "{what}: exit status\n{self:#?}");
        self.assert_no_panic_text(what)
    }
}

/// Runs `referat ARGS` in `dir` with stdout and stderr captured and stdin empty,
/// failing the test if it runs longer than [`TIMEOUT`].
fn referat_in<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    let child = referat_command()
        .args(args)
        .current_dir(dir)
        .spawn()
        .expect("referat starts");
    finish(child, TIMEOUT, utf8)
}

/// Runs `referat ARGS` in the project root.
fn referat(args: &[&str]) -> Run {
    referat_in(root(), args)
}

/// The reference facts, keyed by document file name (sorted).
fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/expected.json"),
    )
    .unwrap();
    match serde_json::from_str(&text).unwrap() {
        Value::Object(map) => map,
        _ => panic!("expected.json is not an object"),
    }
}

/// `2025-08-25` → `25-08-2025`, the form minutes and the command line print.
fn danish(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    format!("{}-{}-{}", parts[2], parts[1], parts[0])
}

/// Folds white space runs into single spaces (as the reference checker does).
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One expected appearance of a case: meeting date, forum, document, item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct CaseRow {
    date: String,
    forum: String,
    source: String,
    number: u64,
}

/// Every item of the reference facts that carries `case`, in the order the
/// command line promises: oldest meeting first (then forum, then source), and
/// item order within a meeting.
fn expected_case_rows(case: &str) -> Vec<(CaseRow, Value)> {
    let mut rows = Vec::new();
    for (name, exp) in expected() {
        for item in exp["items"].as_array().unwrap() {
            if item["case_numbers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == case)
            {
                let row = CaseRow {
                    date: exp["date"].as_str().unwrap().to_string(),
                    forum: exp["forum"].as_str().unwrap().to_string(),
                    source: format!("assets/{name}"),
                    number: item["number"].as_u64().unwrap(),
                };
                rows.push((row, item.clone()));
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

/// A line of `referat case` output: its date and item number
/// (`2025-03-25  Direktionen  punkt  1  Øvrige sager`).
fn parse_case_line(line: &str) -> (String, u64) {
    let date = line.get(..10).unwrap_or_default().to_string();
    let mut words = line.split_whitespace().skip_while(|w| *w != "punkt");
    let number = words
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no item number in {line:?}"));
    (date, number)
}

/// Describes markup left in `text` (`**`, a markdown heading marker at the start
/// of a line, an HTML tag), or `None` when the text is clean.
fn markup_in(text: &str) -> Option<String> {
    if text.contains("**") {
        return Some("`**`".into());
    }
    for line in text.lines() {
        let trimmed = line.trim_start();
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && trimmed[hashes..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        {
            return Some(format!("heading marker in {line:?}"));
        }
        // `<name …>` or `</name>` with a closing `>` on the same line.
        for (at, _) in line.match_indices('<') {
            let rest = &line[at + 1..];
            let name = rest.strip_prefix('/').unwrap_or(rest);
            let name_len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let starts_tag = name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                && name[name_len..].starts_with([' ', '>', '/', '\t']);
            if starts_tag && rest.contains('>') {
                return Some(format!("HTML tag in {line:?}"));
            }
        }
    }
    None
}

/// Asserts `value` is a string, or null when `nullable`; returns the string.
fn string_field<'a>(object: &'a Value, key: &str, nullable: bool, at: &str) -> Option<&'a str> {
    match object.get(key) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Null) if nullable => None,
        other => panic!(
            "{at}: field {key} should be a string{}, is {other:?}",
            if nullable { " or null" } else { "" }
        ),
    }
}

/// Asserts `value` is an ISO date `YYYY-MM-DD` (or null when allowed).
fn date_field(object: &Value, key: &str, at: &str) -> Option<String> {
    let date = string_field(object, key, true, at)?;
    let ok = date.len() == 10
        && date.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    assert!(ok, "{at}: {key} is not YYYY-MM-DD: {date:?}");
    Some(date.to_string())
}

/// Checks one export document against the contract: every field present with its
/// type, section kinds from the allowed list, and no markup left in any text.
/// Returns the meetings.
fn assert_export_contract(doc: &Value) -> &[Value] {
    let meetings = doc["meetings"].as_array().expect("{\"meetings\": [...]}");
    for (m, meeting) in meetings.iter().enumerate() {
        let at = format!("meeting {m}");
        string_field(meeting, "source", false, &at);
        let mut texts: Vec<(String, &str)> = Vec::new();
        texts.push((
            format!("{at} forum"),
            string_field(meeting, "forum", false, &at).unwrap(),
        ));
        date_field(meeting, "date", &at);
        if let Some(time) = string_field(meeting, "start_time", true, &at) {
            let ok = time.len() == 5 && time.as_bytes()[2] == b':';
            assert!(ok, "{at}: start_time is not HH:MM: {time:?}");
        }
        if let Some(location) = string_field(meeting, "location", true, &at) {
            texts.push((format!("{at} location"), location));
        }
        let participants = meeting["participants"]
            .as_array()
            .expect("participants array");
        for p in participants {
            texts.push((
                format!("{at} participant"),
                p.as_str().expect("participant is a string"),
            ));
        }
        let items = meeting["items"].as_array().expect("items array");
        for item in items {
            let at = format!("{at} item {}", item["number"]);
            assert!(item["number"].is_u64(), "{at}: number");
            texts.push((
                format!("{at} title"),
                string_field(item, "title", false, &at).unwrap(),
            ));
            let cases = item["case_numbers"].as_array().expect("case_numbers array");
            assert!(cases.iter().all(Value::is_string), "{at}: case_numbers");
            assert!(item["closed"].is_boolean(), "{at}: closed");
            assert!(
                item["toc_page"].is_null() || item["toc_page"].is_u64(),
                "{at}: toc_page"
            );
            for (s, section) in item["sections"]
                .as_array()
                .expect("sections array")
                .iter()
                .enumerate()
            {
                let at = format!("{at} section {s}");
                texts.push((
                    format!("{at} heading"),
                    string_field(section, "heading", false, &at).unwrap(),
                ));
                let kind = string_field(section, "kind", false, &at).unwrap();
                assert!(
                    KINDS.contains(&kind),
                    "{at}: kind {kind:?} is not one of {KINDS:?}"
                );
                date_field(section, "date", &at);
                texts.push((
                    format!("{at} text"),
                    string_field(section, "text", false, &at).unwrap(),
                ));
            }
        }
        for (what, text) in texts {
            if let Some(markup) = markup_in(text) {
                panic!("{what}: {markup}");
            }
        }
    }
    meetings
}

#[test]
fn markup_detector_finds_what_it_looks_for() {
    assert!(markup_in("**Beslutning**").is_some());
    assert!(markup_in("a\n## Baggrund").is_some());
    assert!(markup_in("#").is_some());
    assert!(markup_in("a <ul style=\"x\"> b").is_some());
    assert!(markup_in("a</li>").is_some());
    assert!(markup_in("a < b og c > d, #hashtag, 5 * 3").is_none());
}

#[test]
fn export_of_the_bundled_sample_follows_the_contract() {
    let run = referat(&["export"]);
    run.assert_success("export");
    assert_eq!(run.stderr, "", "export of the sample reports nothing");
    let doc = run.json();
    let meetings = assert_export_contract(&doc);

    let expected = expected();
    assert_eq!(
        meetings.len(),
        expected.len(),
        "one meeting per bundled document"
    );
    let sources: BTreeSet<&str> = meetings
        .iter()
        .map(|m| m["source"].as_str().unwrap())
        .collect();
    let wanted: BTreeSet<String> = expected.keys().map(|n| format!("assets/{n}")).collect();
    assert_eq!(sources, wanted.iter().map(String::as_str).collect());

    let dates: Vec<&str> = meetings
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "meetings come oldest first");
    for meeting in meetings {
        let name = meeting["source"]
            .as_str()
            .unwrap()
            .trim_start_matches("assets/");
        assert_eq!(meeting["date"], expected[name]["date"], "{name}");
        assert_eq!(meeting["forum"], expected[name]["forum"], "{name}");
    }
}

#[test]
fn export_of_the_assets_folder_equals_the_bundled_sample() {
    let bundled = referat(&["export"]);
    let folder = referat(&["export", "assets"]);
    folder.assert_success("export assets");
    assert_eq!(folder.stderr, "");
    assert_eq!(
        folder.json(),
        bundled.json(),
        "assets/ and the compiled-in sample differ"
    );
}

#[test]
fn export_of_files_named_explicitly_keeps_the_paths_as_given() {
    let expected = expected();
    let names: Vec<&String> = expected.keys().collect();
    let relative = format!("assets/{}", names[0]);
    let absolute = root().join("assets").join(names[3]);
    let run = referat_in(
        root(),
        &[
            OsStr::new("export"),
            OsStr::new(&relative),
            absolute.as_os_str(),
        ],
    );
    run.assert_success("export FILE FILE");
    let doc = run.json();
    let meetings = assert_export_contract(&doc);
    assert_eq!(meetings.len(), 2);

    let mut want = vec![
        (
            expected[names[0].as_str()]["date"].as_str().unwrap(),
            relative.clone(),
        ),
        (
            expected[names[3].as_str()]["date"].as_str().unwrap(),
            absolute.display().to_string(),
        ),
    ];
    want.sort();
    let got: Vec<(&str, String)> = meetings
        .iter()
        .map(|m| {
            (
                m["date"].as_str().unwrap(),
                m["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got, want,
        "oldest first, each source as given on the command line"
    );
}

#[test]
fn case_lists_a_case_across_meetings_oldest_first() {
    let wanted = expected_case_rows("24/24964");
    assert_eq!(
        wanted.len(),
        2,
        "the reference facts have 24/24964 in two meetings"
    );
    let run = referat(&["case", "24/24964"]);
    run.assert_success("case 24/24964");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let got: Vec<(String, u64)> = lines.iter().map(|l| parse_case_line(l)).collect();
    let want: Vec<(String, u64)> = wanted
        .iter()
        .map(|(r, _)| (r.date.clone(), r.number))
        .collect();
    assert_eq!(got, want);
    assert_eq!(got[0].0, "2025-03-25");
    assert_eq!(got[1].0, "2025-08-25");
    for (line, (_, item)) in lines.iter().zip(&wanted) {
        assert!(line.contains(item["title"].as_str().unwrap()), "{line}");
    }
}

/// A decision of another body that an item quotes is an earlier meeting of the
/// case: the timeline lists it, oldest first, as known from the case history.
#[test]
fn case_timeline_includes_quoted_earlier_decisions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("byraadet.txt"),
        "Udvalg: Byrådet\nMødedato: 10-06-2020\nMødested: Byrådssalen\n\n\
         2.Salg af jord ved Lindå (B)\nSagsnummer: 19/8812\nSalg af jord ved Lindå (B)\n\
         Beslutning Økonomiudvalget den 02-06-2020\nAnbefales.\n\
         Beslutning Byrådet den 10-06-2020\nGodkendt.\n",
    )
    .unwrap();
    let run = referat_in(dir.path(), &["case", "19/8812", "."]);
    run.assert_success("case 19/8812");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with("2020-06-02  Økonomiudvalget"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("punkt  ?"), "{}", lines[0]);
    assert!(
        lines[0].ends_with("(from the case history)"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("2020-06-10  Byrådet"), "{}", lines[1]);
    assert!(lines[1].contains("Godkendt."), "{}", lines[1]);
}

#[test]
fn case_lists_the_items_of_one_meeting_in_item_order() {
    let wanted = expected_case_rows("20/23083");
    let run = referat(&["case", "20/23083"]);
    run.assert_success("case 20/23083");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let got: Vec<(String, u64)> = lines.iter().map(|l| parse_case_line(l)).collect();
    let numbers: Vec<u64> = got.iter().map(|(_, n)| *n).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 7, 8], "{}", run.stdout);
    assert!(
        got.iter().all(|(date, _)| date == "2021-06-28"),
        "{}",
        run.stdout
    );
    assert_eq!(
        got,
        wanted
            .iter()
            .map(|(r, _)| (r.date.clone(), r.number))
            .collect::<Vec<_>>()
    );
    // Each line ends with the first line of the item's (last) decision.
    for (line, (_, item)) in lines.iter().zip(&wanted) {
        let decisions = item["decisions"].as_array().unwrap();
        let start = decisions.last().unwrap()[1].as_str().unwrap();
        let (_, decision) = line
            .split_once(" — ")
            .unwrap_or_else(|| panic!("no decision in {line}"));
        assert!(fold(decision).starts_with(&fold(start)), "{line}");
    }
}

#[test]
fn case_ignores_white_space_around_the_number() {
    let plain = referat(&["case", "24/24964"]);
    let padded = referat(&["case", " 24/24964 "]);
    padded.assert_success("case ' 24/24964 '");
    assert_eq!(padded.stdout, plain.stdout);
    assert_eq!(padded.stdout.lines().count(), 2);
}

#[test]
fn case_json_gives_the_rows_with_the_last_decision() {
    let run = referat(&["case", "--json", "24/24964"]);
    run.assert_success("case --json");
    let doc = run.json();
    assert_eq!(doc["case"], "24/24964");
    let items = doc["items"].as_array().unwrap();
    let wanted = expected_case_rows("24/24964");
    assert_eq!(items.len(), wanted.len());
    for (got, (row, item)) in items.iter().zip(&wanted) {
        assert_eq!(got["date"], row.date.as_str());
        assert_eq!(got["forum"], row.forum.as_str());
        assert_eq!(got["source"], row.source.as_str());
        assert_eq!(got["number"], row.number);
        assert_eq!(got["title"], item["title"]);
        assert_eq!(got["case_numbers"], item["case_numbers"]);
        assert_eq!(got["closed"], item["closed"]);
        // "Øvrige sager" has no decision in either meeting.
        assert_eq!(got["decision"], Value::Null);
        assert_eq!(got["decision_date"], Value::Null);
    }

    // An item decided twice: the row carries the decision that stands, the last.
    let run = referat(&["case", "--json", "18/15736"]);
    run.assert_success("case --json 18/15736");
    let doc = run.json();
    let wanted = expected_case_rows("18/15736");
    assert_eq!(wanted.len(), 1);
    let decisions = wanted[0].1["decisions"].as_array().unwrap();
    assert!(
        decisions.len() >= 2,
        "the Kvarterhus item was decided twice"
    );
    let last = decisions.last().unwrap();
    let row = &doc["items"][0];
    assert_eq!(row["decision_date"], last[0]);
    let decision = row["decision"].as_str().expect("a decision line");
    assert!(
        fold(decision).starts_with(&fold(last[1].as_str().unwrap())),
        "{decision}"
    );
}

#[test]
fn unknown_case_is_reported_on_stderr_with_exit_1() {
    let run = referat(&["case", "99/99999"]);
    assert_eq!(run.code, Some(1), "{run:#?}");
    run.assert_no_panic_text("unknown case");
    assert_eq!(run.stdout, "", "nothing on stdout");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {}", run.stderr);
    assert!(
        lines[0].starts_with("referat: ") && lines[0].contains("99/99999"),
        "{}",
        lines[0]
    );
}

#[test]
fn decisions_digest_keeps_decisions_in_meeting_and_document_order() {
    let run = referat(&["decisions"]);
    run.assert_success("decisions");
    let out = &run.stdout;
    assert!(out.contains("Direktionen tager sagen til efterretning."));

    // The Kvarterhus item: the postponement, then the decision of 25-03-2025.
    let item = out
        .find("Kvarterhus Gadehavegård")
        .expect("the Kvarterhus item");
    let postponed = item + out[item..].find("Sagen udsættes.").expect("postponement");
    let decided = item
        + out[item..]
            .find("Direktionen godkender at udbudsmaterialet er tilpasset")
            .expect("the decision of 25-03-2025");
    assert!(postponed < decided, "Sagen udsættes. comes first");
    let heading = item
        + out[item..]
            .find("den 25-03-2025")
            .expect("decision heading");
    assert!(postponed < heading && heading < decided);

    // Meetings oldest first, each under its label.
    let mut meetings: Vec<(String, String)> = expected()
        .values()
        .map(|e| {
            let date = e["date"].as_str().unwrap();
            (
                date.to_string(),
                format!("{} {}", e["forum"].as_str().unwrap(), danish(date)),
            )
        })
        .collect();
    meetings.sort();
    let positions: Vec<usize> = meetings
        .iter()
        .map(|(_, label)| {
            out.find(&format!("{label}\n"))
                .unwrap_or_else(|| panic!("no heading {label}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{meetings:?} at {positions:?}"
    );

    // Every decision of the reference facts is in the digest.
    let folded = fold(out);
    for exp in expected().values() {
        for item in exp["items"].as_array().unwrap() {
            for decision in item["decisions"].as_array().into_iter().flatten() {
                let start = fold(decision[1].as_str().unwrap());
                assert!(folded.contains(&start), "missing decision {start:?}");
            }
        }
    }
}

#[test]
fn check_reports_every_bundled_file_and_the_repaired_mojibake() {
    let run = referat(&["check"]);
    run.assert_success("check");
    let lines: Vec<&str> = run.stdout.lines().collect();
    for (name, exp) in expected() {
        let items = exp["items"].as_array().unwrap().len();
        let want = format!(
            "assets/{name}: ok: {} {}, {items} items, UTF-8",
            exp["forum"].as_str().unwrap(),
            danish(exp["date"].as_str().unwrap())
        );
        assert!(
            lines.contains(&want.as_str()),
            "no line {want:?} in\n{}",
            run.stdout
        );
    }

    // The one document with mojibake: each lone `Ã` in it stands for `æ`.
    let name = "004_28fce03c990cba41.txt";
    let source = std::fs::read_to_string(root().join("assets").join(name)).unwrap();
    let sequences = source.matches('Ã').count();
    assert!(sequences > 0);
    let start = lines
        .iter()
        .position(|l| l.starts_with(&format!("assets/{name}:")))
        .unwrap();
    let block: Vec<&str> = lines[start + 1..]
        .iter()
        .take_while(|l| l.starts_with("  "))
        .copied()
        .collect();
    let note = format!("  note: repaired {sequences} mojibake sequences");
    assert!(block.contains(&note.as_str()), "no {note:?} in {block:#?}");

    let last = lines.last().unwrap();
    assert!(last.starts_with("5 files: 5 meetings, 0 failed"), "{last}");
}

#[test]
fn check_json_describes_each_file() {
    let run = referat(&["check", "--json"]);
    run.assert_success("check --json");
    let doc = run.json();
    let files = doc["files"].as_array().expect("{\"files\": [...]}");
    let expected = expected();
    assert_eq!(files.len(), expected.len());
    for file in files {
        let source = file["source"].as_str().unwrap();
        let exp = &expected[source.trim_start_matches("assets/")];
        assert_eq!(file["ok"], true, "{source}");
        assert_eq!(file["encoding"], "UTF-8", "{source}");
        assert_eq!(file["error"], Value::Null, "{source}");
        assert_eq!(file["forum"], exp["forum"], "{source}");
        assert_eq!(file["date"], exp["date"], "{source}");
        assert_eq!(
            file["items"],
            exp["items"].as_array().unwrap().len(),
            "{source}"
        );
        assert!(file["diagnostics"].is_array(), "{source}");
    }
    let mojibake = files
        .iter()
        .find(|f| f["source"] == "assets/004_28fce03c990cba41.txt")
        .unwrap();
    let noted =
        mojibake["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["severity"] == "info" && d["message"].as_str().unwrap().contains("mojibake")
        });
    assert!(noted, "{mojibake:#}");
}

#[test]
fn help_exits_0_and_shows_examples() {
    let run = referat(&["--help"]);
    run.assert_success("--help");
    for needle in [
        "Usage:",
        "Examples:",
        "referat case 24/24964",
        "export",
        "decisions",
        "check",
    ] {
        assert!(
            run.stdout.contains(needle),
            "--help lacks {needle:?}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["export", "case", "decisions", "check"] {
        let run = referat(&[sub, "--help"]);
        run.assert_success(sub);
        assert!(
            run.stdout.contains(&format!("Usage: referat {sub}")),
            "{sub} --help:\n{}",
            run.stdout
        );
    }
}

/// Each subcommand's help shows how it is used, as the top-level help does.
#[test]
fn every_subcommand_help_shows_examples() {
    let missing: Vec<&str> = ["export", "case", "decisions", "check"]
        .into_iter()
        .filter(|sub| !referat(&[sub, "--help"]).stdout.contains("Examples:"))
        .collect();
    assert!(
        missing.is_empty(),
        "no Examples: section in the --help of {missing:?}"
    );
}

#[test]
fn version_names_the_package_version() {
    let run = referat(&["--version"]);
    run.assert_success("--version");
    assert_eq!(
        run.stdout.trim(),
        format!("referat {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn decisions_case_and_export_take_the_meeting_filters_of_search() {
    let dates = |run: &Run| -> Vec<String> {
        let doc: Value = serde_json::from_str(&run.stdout).unwrap();
        doc["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                format!(
                    "{} {}",
                    m["forum"].as_str().unwrap(),
                    m["date"].as_str().unwrap()
                )
            })
            .collect()
    };
    let all = referat(&["export"]);
    assert_eq!(dates(&all).len(), 5);
    let run = referat(&["export", "--forum", "direktionen", "--from", "2021-01-01"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    assert_eq!(
        dates(&run),
        [
            "Direktionen 2021-06-28",
            "Direktionen 2025-03-25",
            "Direktionen 2025-08-25"
        ]
    );
    let run = referat(&["case", "24/24964", "--from", "01-08-2025"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(
        run.stdout.starts_with("2025-08-25  Direktionen"),
        "{}",
        run.stdout
    );
    let run = referat(&["decisions", "--forum", "chefforum"]);
    assert_eq!(run.code, Some(0));
    assert!(
        run.stdout.starts_with("Chefforum 29-01-2020\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Direktionen"), "{}", run.stdout);
    // Nothing kept: nothing printed, exit 1, as for a case nobody has.
    let run = referat(&["decisions", "--forum", "no such forum"]);
    assert_eq!((run.code, run.stdout.as_str()), (Some(1), ""));
    let run = referat(&["export", "--to", "2000-01-01"]);
    assert_eq!((run.code, dates(&run).len()), (Some(1), 0));
}

#[test]
fn a_browser_on_paths_none_of_which_exists_is_an_error_with_each_path() {
    let run = referat(&["/no/such/minutes", "/nor/these"]);
    run.assert_no_panic_text("wrong paths");
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "referat: /no/such/minutes: cannot read: no such file or folder\n\
         referat: /nor/these: cannot read: no such file or folder\n"
    );
    // One that exists is enough for the browser (which then wants a terminal).
    let run = referat(&["/no/such/minutes", "assets"]);
    assert!(run.stderr.contains("terminal"), "{}", run.stderr);
}

#[test]
fn bare_referat_refuses_when_stdout_is_not_a_terminal() {
    for args in [&[][..], &["assets"][..]] {
        let run = referat(args);
        run.assert_no_panic_text("bare referat");
        assert_ne!(run.code, Some(0), "{args:?}: {run:#?}");
        assert!(run.code.is_some());
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains("terminal"), "{}", run.stderr);
        assert!(
            run.stderr.contains("referat export"),
            "points to the scripting commands"
        );
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    for args in [&["--bogus"][..], &["export", "--bogus"][..]] {
        let run = referat(args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:#?}");
        assert!(
            run.stderr.contains("unexpected argument '--bogus'"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("Usage:"), "{}", run.stderr);
        assert_eq!(run.stdout, "");
    }
}

/// Spawns `referat ARGS` in `dir`, reads a few bytes of its output, closes the
/// pipe and waits: the program must end without a panic message.
fn read_a_little_then_close(dir: &Path, args: &[&str]) -> Run {
    let mut child = referat_command()
        .args(args)
        .current_dir(dir)
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let mut stderr = child.stderr.take().unwrap();
    let stderr = thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let status = wait_within(&mut child, TIMEOUT)
        .unwrap_or_else(|| panic!("referat kept running after its reader left"));
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&first).into_owned(),
        stderr: stderr.join().unwrap().expect("stderr is UTF-8"),
    }
}

#[test]
fn a_reader_that_leaves_early_is_not_an_error() {
    let run = read_a_little_then_close(root(), &["decisions"]);
    run.assert_success("decisions | head -c 16");
}

/// The bundled digest fits in a pipe buffer, so the program may finish before the
/// reader leaves; forty copies of every document make sure it writes into a
/// closed pipe.
#[test]
fn a_reader_that_leaves_early_from_a_long_output_is_not_an_error() {
    const COPIES: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    for copy in 0..COPIES {
        for name in expected().keys() {
            std::fs::copy(
                root().join("assets").join(name),
                dir.path().join(format!("{copy}-{name}")),
            )
            .unwrap();
        }
    }
    let digest = referat(&["decisions"]).stdout.len();
    assert!(
        digest * COPIES > 4 * 65536,
        "output must overflow a pipe buffer"
    );
    for sub in ["decisions", "export", "check"] {
        let run = read_a_little_then_close(dir.path(), &[sub, "."]);
        run.assert_success(sub);
        assert_eq!(run.stderr, "", "{sub}: nothing on stderr");
    }
}

#[test]
fn paths_in_the_fixture_exist_in_assets() {
    // The tests above rely on assets/ holding exactly the documents of the facts.
    let on_disk: BTreeSet<PathBuf> = std::fs::read_dir(root().join("assets"))
        .unwrap()
        .map(|e| PathBuf::from(e.unwrap().file_name()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let named: BTreeSet<PathBuf> = expected().keys().map(PathBuf::from).collect();
    assert_eq!(on_disk, named);
}

#[test]
fn paths_before_the_subcommand_are_a_mistake_said_with_the_right_order() {
    let run = referat(&["assets", "export"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stdout.is_empty(), "nothing read or written: {run:#?}");
    assert!(
        run.stderr
            .contains("the paths go after the subcommand: referat export assets"),
        "{run:#?}"
    );
}
