//! The corpus generator (`examples/gen_corpus`) against the loader: documents the
//! generator writes are read back, and what the loader finds is compared with what
//! the generator meant to say. This gives the loader known ground truth on
//! thousands of lines in every format variant, not only on the five sample files.
//!
//! The generator module is included by path, so the test exercises exactly the code
//! the `gen_corpus` example runs.
//!
//! The generator deliberately writes two traps real minutes contain: table of
//! contents entries that begin like a header label (`Møde med Ældrerådet`) and
//! prose lines that begin like a dated decision heading; both must read as meant.

#[allow(dead_code)] // the example's command line uses parts the test does not
#[path = "../../examples/gen_corpus/generate.rs"]
pub mod generate;

use generate::{Document, FileEncoding, Generator, ItemFacts, MAX_BYTES, MIN_BYTES, MeetingFacts};
use referat::{Corpus, Item, Meeting, SectionKind};

/// The decision sections the loader read. The generator also writes prose lines
/// that begin like a dated decision heading and end in a full stop (`Beslutning om
/// anlægsbevillingen træffes af Byrådet den 24-06-2025.`); they must not count.
fn read_decisions(read: &Item) -> Vec<&referat::Section> {
    read.decisions().collect()
}

/// The 50 meetings (seed 1) most tests look at, generated once: debug builds are
/// slow and the suite should stay well under five seconds.
fn sample() -> &'static [Document] {
    static SAMPLE: std::sync::OnceLock<Vec<Document>> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| Generator::new(50, 1).documents())
}

fn corpus_of(docs: &[Document]) -> Corpus {
    Corpus::from_texts(docs.iter().map(|d| (d.path.clone(), d.text.clone())))
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let a = Generator::new(25, 7).documents();
    let b = Generator::new(25, 7).documents();
    assert_eq!(a.len(), 25);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.path, y.path);
        assert!(x.text == y.text, "{} differs between two runs", x.path);
    }
    // One document on its own is the same as in the batch: documents do not depend
    // on each other or on the order (or threads) they are written in.
    let generator = Generator::new(25, 7);
    assert_eq!(generator.document(17).text, a[17].text);

    let c = Generator::new(25, 8).documents();
    let same = a.iter().zip(&c).filter(|(x, y)| x.text == y.text).count();
    assert_eq!(same, 0, "seed 8 repeated {same} documents of seed 7");
}

/// Compares one meeting as read with the facts it was generated from; returns one
/// line per difference.
fn differences(facts: &MeetingFacts, meeting: &Meeting) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, meant: String, read: String| {
        if meant != read {
            out.push(format!("{what}: meant {meant}, read {read}"));
        }
    };
    check("forum", facts.forum.clone(), meeting.forum.to_string());
    check(
        "date",
        format!("{:?}", Some(facts.date)),
        format!("{:?}", meeting.date),
    );
    check(
        "start time",
        format!("{:?}", Some(&facts.start_time)),
        format!("{:?}", meeting.start_time.as_ref()),
    );
    check(
        "location",
        format!("{:?}", facts.location),
        format!("{:?}", meeting.location),
    );
    check(
        "participants",
        format!("{:?}", facts.participants),
        format!("{:?}", meeting.participants),
    );
    check(
        "item count",
        facts.items.len().to_string(),
        meeting.items.len().to_string(),
    );
    // The TOC as printed. A title's own full stop merges with the dotted leader
    // (`CF - Evt.....`), so trailing stops are not compared.
    let meant_toc: Vec<(String, Option<u32>)> = facts
        .items
        .iter()
        .filter_map(|i| {
            Some((
                i.toc_title.clone()?.trim_end_matches('.').to_string(),
                i.toc_page,
            ))
        })
        .collect();
    let read_toc: Vec<(String, Option<u32>)> = meeting
        .toc
        .iter()
        .map(|e| (e.title.trim_end_matches('.').to_string(), e.page))
        .collect();
    check(
        "table of contents",
        format!("{meant_toc:?}"),
        format!("{read_toc:?}"),
    );
    for (meant, read) in facts.items.iter().zip(&meeting.items) {
        for line in item_differences(meant, read) {
            out.push(format!("item {}: {line}", meant.number));
        }
    }
    out
}

fn item_differences(meant: &ItemFacts, read: &Item) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, meant: String, read: String| {
        if meant != read {
            out.push(format!("{what}: meant {meant}, read {read}"));
        }
    };
    check("number", meant.number.to_string(), read.number.to_string());
    check("title", meant.title.clone(), read.title.clone());
    check(
        "case numbers",
        format!("{:?}", meant.case_numbers),
        format!("{:?}", read.case_numbers),
    );
    check("closed", meant.closed.to_string(), read.closed.to_string());
    check(
        "toc page",
        format!("{:?}", meant.toc_page),
        format!("{:?}", read.toc_page),
    );
    let read_dates: Vec<_> = read_decisions(read).iter().map(|s| s.date).collect();
    check(
        "decisions",
        format!("{:?}", meant.decision_dates),
        format!("{read_dates:?}"),
    );
    out
}

#[test]
fn the_loader_reads_what_the_generator_meant() {
    assert_round_trip(50, 1);
}

/// The same comparison over a large corpus, for the rarer variants; slow in a debug
/// build, so run it on demand:
/// `cargo test --release --test gen_corpus_roundtrip -- --ignored`
/// (`GEN_CORPUS_MEETINGS` and `GEN_CORPUS_SEED` change size and seed).
#[test]
#[ignore]
fn the_loader_reads_a_large_corpus_as_meant() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    assert_round_trip(
        env("GEN_CORPUS_MEETINGS", 5_000) as usize,
        env("GEN_CORPUS_SEED", 1),
    );
}

/// Generates `meetings` meetings, loads them and fails with every difference
/// between what was meant and what was read.
fn assert_round_trip(meetings: usize, seed: u64) {
    let generated;
    let docs = if (meetings, seed) == (50, 1) {
        sample()
    } else {
        generated = Generator::new(meetings, seed).documents();
        &generated[..]
    };
    let corpus = corpus_of(docs);
    assert_eq!(
        corpus.meetings().len(),
        meetings,
        "{:#?}",
        corpus.error_lines().collect::<Vec<_>>()
    );

    let mut report = Vec::new();
    let mut items = 0;
    let mut decisions = 0;
    let mut lookalikes = 0;
    let mut label_titles = 0;
    for doc in docs {
        let meeting = corpus
            .meetings()
            .iter()
            .find(|m| m.source == doc.path)
            .unwrap_or_else(|| panic!("no meeting read from {}", doc.path));
        items += doc.facts.items.len();
        lookalikes += doc
            .facts
            .items
            .iter()
            .map(|i| i.decision_lookalikes.len())
            .sum::<usize>();
        label_titles += doc
            .facts
            .items
            .iter()
            .filter(|i| {
                i.toc_title
                    .as_deref()
                    .is_some_and(|t| t.starts_with("Møde "))
            })
            .count();
        decisions += doc
            .facts
            .items
            .iter()
            .map(|i| i.decision_dates.len())
            .sum::<usize>();
        for line in differences(&doc.facts, meeting) {
            report.push(format!("{}: {line}", doc.path));
        }
    }
    eprintln!(
        "{meetings} meetings, {items} items, {decisions} decisions; among them {label_titles} \
         TOC entries starting like a header label and {lookalikes} prose lines that look \
         like dated decision headings"
    );
    // Enough ground truth to mean something.
    assert!(items >= 4 * meetings, "only {items} items");
    assert!(decisions >= 3 * meetings, "only {decisions} decisions");
    assert!(
        report.is_empty(),
        "{} differences between generated and loaded minutes:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn case_numbers_recur_across_meetings() {
    let corpus = corpus_of(sample());
    let recurring: Vec<&str> = corpus
        .case_numbers()
        .filter(|case| {
            let mut meetings: Vec<_> = corpus.case(case).iter().map(|r| r.meeting).collect();
            meetings.dedup();
            meetings.len() > 1
        })
        .collect();
    assert!(
        recurring.len() >= 5,
        "only {} case numbers recur: {recurring:?}",
        recurring.len()
    );
    // Both numbering schemes occur.
    assert!(corpus.case_numbers().any(|c| c.contains('/')));
    assert!(
        corpus
            .case_numbers()
            .any(|c| c.contains("-A") || c.contains("-G"))
    );
}

#[test]
fn plain_and_markdown_variants_both_occur() {
    let docs = sample();
    let markdown = docs.iter().filter(|d| d.facts.markdown).count();
    assert!(
        markdown > 0 && markdown < docs.len(),
        "{markdown} of {}",
        docs.len()
    );
    for doc in docs {
        let title_line = doc.text.lines().find(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(
            title_line.starts_with("# REFERAT "),
            doc.facts.markdown,
            "{}",
            doc.path
        );
    }
    assert!(docs.iter().any(|d| d.text.contains("**Mødedato**")));
    assert!(docs.iter().any(|d| d.text.contains("|--|----|")));
    assert!(docs.iter().any(|d| d.text.contains(".....\t")));
}

#[test]
fn documents_vary_in_size_within_bounds_and_cover_the_format() {
    let generator = Generator::new(120, 3);
    let docs = generator.documents();
    for doc in &docs {
        let len = doc.text.len();
        assert!(
            (MIN_BYTES..=MAX_BYTES).contains(&len),
            "{}: {len} bytes",
            doc.path
        );
    }
    let mean = docs.iter().map(|d| d.text.len()).sum::<usize>() / docs.len();
    assert!((12_000..=22_000).contains(&mean), "mean {mean} bytes");

    let all = |needle: &str| docs.iter().any(|d| d.text.contains(needle));
    for needle in [
        "Sagen udsættes",
        ": Lukket\n",
        "INDSTILLING",
        "BESLUTNING ",
        "### **Beslutning ",
        "CF - ",
        "Mødedeltagere",
    ] {
        assert!(all(needle), "no document contains {needle:?}");
    }
    let forums: std::collections::BTreeSet<&str> =
        docs.iter().map(|d| d.facts.forum.as_str()).collect();
    assert!(forums.len() >= 8, "{forums:?}");
    let years: std::collections::BTreeSet<u16> = docs.iter().map(|d| d.facts.date.year).collect();
    assert!(years.len() >= 18, "{years:?}");
    // Items with two or more decisions, and closed items, occur.
    let items = || docs.iter().flat_map(|d| &d.facts.items);
    assert!(items().any(|i| i.decision_dates.len() >= 2));
    assert!(items().any(|i| i.closed && i.title == "Lukket"));
    // The loader's own view: closed items have no sections.
    let corpus = corpus_of(&docs);
    for meeting in corpus.meetings() {
        for item in meeting.items.iter().filter(|i| i.closed) {
            assert!(
                item.sections
                    .read()
                    .iter()
                    .all(|s| s.kind != SectionKind::Decision),
                "{}: closed item {} has a decision",
                meeting.source,
                item.number
            );
        }
    }
}

#[test]
fn files_in_every_encoding_load_from_a_folder() {
    // Enough meetings that BOM, Windows-1252 and CRLF files all occur.
    let docs = Generator::new(100, 5).documents();
    let forms = |e| docs.iter().filter(|d| d.encoding == e).count();
    assert!(forms(FileEncoding::Utf8Bom) > 0 && forms(FileEncoding::Windows1252) > 0);
    assert!(docs.iter().any(|d| d.crlf));

    let dir = tempfile::tempdir().unwrap();
    for doc in &docs {
        let path = dir.path().join(&doc.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes = doc.bytes();
        assert_eq!(bytes.len(), doc.file_len(), "{}", doc.path);
        std::fs::write(&path, bytes).unwrap();
    }
    let corpus = Corpus::load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.meetings().len(), docs.len());
    let root = dir.path().display().to_string();
    for doc in &docs {
        let source = format!("{root}/{}", doc.path);
        let report = corpus.reports.iter().find(|r| r.source == source).unwrap();
        let expected = match doc.encoding {
            FileEncoding::Windows1252 => "windows-1252",
            _ => "UTF-8",
        };
        assert_eq!(report.encoding, Some(expected), "{}", doc.path);
        let meeting = corpus.meeting(report.meeting.unwrap()).unwrap();
        // Decoded, the file says what the generator meant.
        let differences = differences(&doc.facts, meeting);
        assert!(differences.is_empty(), "{}: {differences:#?}", doc.path);
    }
}
