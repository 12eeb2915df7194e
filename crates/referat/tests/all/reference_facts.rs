//! The reference facts of the seed documents and of the fourteen layout
//! families, checked the way `shared/tools/check-export` checks them, against
//! both the library and the binary.
//!
//! `tests/fixtures/expected.json` is a copy of the reference data's seed
//! `expected.json`; the documents it names are the project's copies in `assets/`.
//! `tests/fixtures/families/` holds a copy of the families' documents and their
//! `expected.json`; each document is also a test of its own, so a failure names
//! the family. For every document
//! the export (`{"meetings": [...]}`) is compared with the expected meeting metadata,
//! item numbers, titles (one of a list where a list is given), case numbers, closed
//! flags and decisions (date and start of the text, not judged where `decisions` is
//! null), with white space runs folded before text is compared. As in the checker,
//! every comparison counts as one check; all failures are collected and reported
//! together, and the totals must be 275 passed, 0 failed.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// How many checks the reference checker makes on the seed documents.
const SEED_CHECKS: usize = 275;
/// How many it makes on the layout families.
const FAMILY_CHECKS: usize = 605;

/// A set of documents with their expected facts.
#[derive(Clone, Copy)]
struct Set {
    /// The folder holding the documents.
    documents: &'static str,
    /// The expected facts, relative to the repository root.
    expected: &'static str,
}

const SEEDS: Set = Set {
    documents: "assets",
    expected: "crates/referat/tests/fixtures/expected.json",
};

const FAMILIES: Set = Set {
    documents: "crates/referat/tests/fixtures/families",
    expected: "crates/referat/tests/fixtures/families/expected.json",
};

use crate::common::root;

/// The expected facts, keyed by document file name.
fn expected(set: Set) -> serde_json::Map<String, Value> {
    let path = root().join(set.expected);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text).expect("expected.json is JSON") {
        Value::Object(map) => map,
        other => panic!("expected.json is not an object: {other}"),
    }
}

/// The path of a document of a set.
fn document(set: Set, name: &str) -> PathBuf {
    root().join(set.documents).join(name)
}

/// Folds white space runs into one space and trims, like the checker's
/// `re.sub(r"\s+", " ", s or "").strip()`. Python's `\s` also matches the
/// information separators U+001C..U+001F, which `char::is_whitespace` does not.
fn fold(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A JSON value as the checker's `fold` sees it: strings as they are, null or a
/// missing field as the empty string (`s or ""`), anything else as its JSON text.
fn fold_value(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => fold(s),
        Some(other) => fold(&other.to_string()),
    }
}

/// A field of a JSON object, missing fields read as null (Python's `dict.get`).
fn field<'a>(object: &'a Value, key: &str) -> &'a Value {
    object.get(key).unwrap_or(&Value::Null)
}

/// The elements of an array field; a missing or null field is empty (`x or []`).
fn array<'a>(object: &'a Value, key: &str) -> &'a [Value] {
    field(object, key).as_array().map_or(&[], Vec::as_slice)
}

/// The tally of one checker run: how many checks passed and what failed.
#[derive(Default)]
struct Tally {
    passed: usize,
    failures: Vec<String>,
}

impl Tally {
    /// Records one check; `what` describes the failure.
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if ok {
            self.passed += 1;
        } else {
            self.failures.push(what());
        }
    }

    /// Asserts the checker's verdict: every check passed, and as many as expected.
    fn assert_all_passed(&self, label: &str, checks: usize) {
        assert!(
            self.failures.is_empty() && self.passed == checks,
            "{label}: {} passed, {} failed (expected {checks} passed, 0 failed)\n{}",
            self.passed,
            self.failures.len(),
            self.failures
                .iter()
                .map(|f| format!("FAIL {f}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Compares one export document (the parsed JSON printed for one seed document)
/// with the expected facts for it, exactly as the checker does.
fn check_document(tally: &mut Tally, name: &str, exp: &Value, doc: &Value) {
    let Some(meetings) = doc.get("meetings").and_then(Value::as_array) else {
        tally.check(false, || {
            format!("{name}: output is not the export JSON document")
        });
        return;
    };
    tally.check(meetings.len() == 1, || {
        format!("{name}: expected 1 meeting, got {}", meetings.len())
    });
    let Some(m) = meetings.first() else {
        return;
    };
    for key in ["forum", "date", "start_time", "location"] {
        tally.check(fold_value(m.get(key)) == fold_value(exp.get(key)), || {
            format!(
                "{name}: {key}: expected {}, got {}",
                exp[key],
                field(m, key)
            )
        });
    }
    let got_people: Vec<Value> = array(m, "participants")
        .iter()
        .map(|p| Value::String(fold_value(Some(p))))
        .collect();
    tally.check(got_people.as_slice() == array(exp, "participants"), || {
        format!(
            "{name}: participants: expected {}, got {got_people:?}",
            exp["participants"]
        )
    });
    let items = array(m, "items");
    let exp_items = array(exp, "items");
    tally.check(items.len() == exp_items.len(), || {
        format!(
            "{name}: expected {} items, got {}",
            exp_items.len(),
            items.len()
        )
    });
    for ei in exp_items {
        let n = &ei["number"];
        // `{it.get("number"): it for it in items}`: the last item with a number wins.
        let Some(it) = items.iter().rev().find(|it| field(it, "number") == n) else {
            tally.check(false, || format!("{name}: item {n} missing"));
            continue;
        };
        let where_ = format!("{name}: item {n}");
        let titles: Vec<&Value> = match &ei["title"] {
            Value::Array(list) => list.iter().collect(),
            one => vec![one],
        };
        let title = fold_value(it.get("title"));
        tally.check(titles.iter().any(|t| fold_value(Some(t)) == title), || {
            format!(
                "{where_}: title: expected one of {titles:?}, got {}",
                field(it, "title")
            )
        });
        for key in ["case_numbers", "closed"] {
            tally.check(field(it, key) == field(ei, key), || {
                format!(
                    "{where_}: {key}: expected {}, got {}",
                    ei[key],
                    field(it, key)
                )
            });
        }
        let decisions: Vec<&Value> = array(it, "sections")
            .iter()
            .filter(|s| s.get("kind").and_then(Value::as_str) == Some("decision"))
            .collect();
        let Some(exp_decisions) = ei["decisions"].as_array() else {
            continue; // null: not judged for this item
        };
        tally.check(decisions.len() == exp_decisions.len(), || {
            format!(
                "{where_}: expected {} decisions, got {}",
                exp_decisions.len(),
                decisions.len()
            )
        });
        for (d, pair) in decisions.iter().zip(exp_decisions) {
            let (date, start) = (&pair[0], &pair[1]);
            tally.check(field(d, "date") == date, || {
                format!(
                    "{where_}: decision date: expected {date}, got {}",
                    field(d, "date")
                )
            });
            let text = fold_value(d.get("text"));
            tally.check(text.starts_with(&fold_value(Some(start))), || {
                let head: String = text.chars().take(80).collect();
                format!("{where_}: decision text should start {start}, got {head:?}")
            });
        }
        let all_decisions = decisions
            .iter()
            .map(|d| fold_value(d.get("text")))
            .collect::<Vec<_>>()
            .join(" ");
        let key = n.to_string();
        if let Some(want) = exp["decision_contains"][&key]
            .as_str()
            .filter(|s| !s.is_empty())
        {
            tally.check(all_decisions.contains(&fold(want)), || {
                format!("{where_}: decision text should contain {want:?}")
            });
        }
        if let Some(bad) = exp["decision_not_contains"][&key]
            .as_str()
            .filter(|s| !s.is_empty())
        {
            tally.check(!all_decisions.contains(&fold(bad)), || {
                format!(
                    "{where_}: decision text should not contain {bad:?} (it belongs to another section)"
                )
            });
        }
    }
}

/// Runs the checker over every expected document of a set, getting each
/// export document from `export` (which reports its own failure to produce one
/// as `Err`).
fn run_checker(set: Set, export: impl Fn(Set, &str) -> Result<Value, String>) -> Tally {
    let mut tally = Tally::default();
    for (name, exp) in &expected(set) {
        match export(set, name) {
            Ok(doc) => check_document(&mut tally, name, exp, &doc),
            Err(why) => tally.check(false, || format!("{name}: {why}")),
        }
    }
    tally
}

/// The export document the library produces for one document.
fn library_export(set: Set, name: &str) -> Result<Value, String> {
    let corpus = referat::Corpus::load(&[document(set, name)]);
    let json = referat_core::export::to_json(corpus.meetings());
    serde_json::from_str(&json).map_err(|e| format!("export is not JSON: {e}"))
}

/// The export document `referat export <document>` prints.
fn binary_export(set: Set, name: &str) -> Result<Value, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_referat"))
        .arg("export")
        .arg(document(set, name))
        .output()
        .map_err(|e| format!("could not run export: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "export exited {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("output is not JSON: {e}"))
}

#[test]
fn library_export_meets_every_reference_fact() {
    run_checker(SEEDS, library_export).assert_all_passed("library export", SEED_CHECKS);
}

#[test]
fn binary_export_meets_every_reference_fact() {
    run_checker(SEEDS, binary_export).assert_all_passed("referat export", SEED_CHECKS);
}

#[test]
fn binary_export_meets_every_layout_family_fact() {
    run_checker(FAMILIES, binary_export).assert_all_passed("referat export", FAMILY_CHECKS);
}

/// One test per layout family: the library's reading of its document meets
/// every expected fact.
macro_rules! family {
    ($($test:ident: $file:literal,)*) => {$(
        #[test]
        fn $test() {
            let exp = &expected(FAMILIES)[$file];
            let mut tally = Tally::default();
            match library_export(FAMILIES, $file) {
                Ok(doc) => check_document(&mut tally, $file, exp, &doc),
                Err(why) => tally.check(false, || format!("{}: {why}", $file)),
            }
            assert!(tally.passed > 0, "no check ran on {}", $file);
            let checks = tally.passed + tally.failures.len();
            tally.assert_all_passed("library export", checks);
        }
    )*};
}

family! {
    family_broenderslev: "broenderslev-byraadet-2021-02-24.txt",
    family_frederikssund: "frederikssund-plan-teknik-2023-06-05.txt",
    family_glostrup: "glostrup-kommunalbestyrelsen-2019-04-10.txt",
    family_hedensted: "hedensted-handicapraadet-2023-03-14.txt",
    family_holbaek: "holbaek-kultur-fritid-idraet-2021-02-09.txt",
    family_koege: "koege-boerne-ungdom-2021-05-12.txt",
    family_odense: "odense-oekonomiudvalget-2016-09-14.txt",
    family_regionmidt: "regionmidt-trafik-infrastruktur-2023-03-08.txt",
    family_roedovre: "roedovre-kommunalbestyrelsen-2021-03-23.txt",
    family_roskilde: "roskilde-plan-teknik-2021-03-10.txt",
    family_slagelse: "slagelse-plan-og-boligudvalget-2022-03-07.txt",
    family_thisted: "thisted-kommunalbestyrelsen-2023-03-28.txt",
    family_vejen: "vejen-kultur-fritid-2020-03-04.txt",
    family_viborg: "viborg-beskaeftigelsesudvalget-2020-03-11.txt",
}

/// Every document of the families' copy has its test above.
#[test]
fn every_family_document_has_a_test() {
    assert_eq!(expected(FAMILIES).len(), 14);
}

/// The checker itself must be able to fail: a wrong decision date, a changed
/// title, a lost participant and a decision text from the wrong section are each
/// noticed, and nothing else is.
#[test]
fn checker_notices_wrong_facts() {
    let tally = run_checker(SEEDS, |set, name| {
        let mut doc = library_export(set, name)?;
        let meeting = &mut doc["meetings"][0];
        match name {
            "000_5303c59182f2946f.txt" => {
                // decision date of item 2
                let sections = meeting["items"][1]["sections"].as_array_mut().unwrap();
                let decision = sections
                    .iter_mut()
                    .find(|s| s["kind"] == "decision")
                    .unwrap();
                decision["date"] = Value::String("2025-08-26".into());
            }
            "001_4ce4edbbd2f56995.txt" => {
                meeting["items"][0]["title"] = Value::String("CF - Godkendelse".into());
            }
            "003_dcfeaadc1ebe6a83.txt" => {
                meeting["participants"].as_array_mut().unwrap().pop();
            }
            "004_28fce03c990cba41.txt" => {
                // item 2 must not contain the text of another section
                let sections = meeting["items"][1]["sections"].as_array_mut().unwrap();
                let decision = sections
                    .iter_mut()
                    .find(|s| s["kind"] == "decision")
                    .unwrap();
                let text = decision["text"].as_str().unwrap().to_string();
                decision["text"] = Value::String(format!("{text}\nFast  punkt på\tdagsordenen"));
            }
            _ => {}
        }
        Ok(doc)
    });
    assert_eq!(tally.passed + tally.failures.len(), SEED_CHECKS);
    assert_eq!(tally.failures.len(), 4, "{:#?}", tally.failures);
    for (failure, needle) in tally.failures.iter().zip([
        "000_5303c59182f2946f.txt: item 2: decision date",
        "001_4ce4edbbd2f56995.txt: item 1: title",
        "003_dcfeaadc1ebe6a83.txt: participants",
        "004_28fce03c990cba41.txt: item 2: decision text should not contain",
    ]) {
        assert!(
            failure.starts_with(needle),
            "{failure} should start with {needle}"
        );
    }
}

#[test]
fn fold_matches_the_checkers_white_space_rule() {
    assert_eq!(fold("  a \t\n b\u{a0}c\u{1f}d  "), "a b c d");
    assert_eq!(fold(""), "");
    assert_eq!(fold_value(None), "");
    assert_eq!(fold_value(Some(&Value::Null)), "");
}
