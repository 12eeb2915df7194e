//! A cold `referat case` parses only the files whose text may hold the case
//! number (`Corpus::load_mentioning`). Its answer must be the full load's,
//! for every case number of the reference minutes, the layout families, the
//! real documents and a generated corpus (in every file encoding the
//! generator writes), and for numbers no file holds. So must a cold
//! `search`'s (`Corpus::load_matching`) and a warm one's, which decodes only
//! the cached files whose folded text may match
//! (`Corpus::load_cached_matching`).

use std::path::{Path, PathBuf};

use referat::Corpus;
use referat::commands::case;
use referat_core::corpus::CacheMode;
use referat_core::search::Filters;

use crate::common::root;
use crate::gen_corpus_roundtrip::generate::Generator;

/// `case`'s answer (stdout, and whether it found anything) on `corpus`.
fn answer(corpus: &Corpus, number: &str) -> (String, bool) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let found = case(
        corpus,
        number,
        &Filters::default(),
        false,
        &mut out,
        &mut err,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    (text, found == referat::commands::Outcome::Success)
}

/// Case numbers of the full load of `dir` (at most about `limit`, spread over
/// them), and two it does not know, answered alike by the prefiltered load.
fn prefiltered_answers_match(dir: &Path, limit: usize) {
    let paths = [dir.to_path_buf()];
    let full = Corpus::load(&paths);
    let mut numbers: Vec<String> = full.case_numbers().map(str::to_string).collect();
    numbers.sort();
    numbers.dedup();
    assert!(!numbers.is_empty(), "{}: no case numbers", dir.display());
    // Spread over the list, so each scheme and file kind is among them,
    // without a full load per number.
    let step = numbers.len().div_ceil(limit);
    let mut numbers: Vec<String> = numbers.into_iter().step_by(step).collect();
    // The first in another letter case (the lookup ignores it), and two
    // no file holds.
    numbers.push(numbers[0].to_lowercase());
    numbers.push("99/999999".into());
    numbers.push(numbers[0].to_lowercase() + "0");
    for number in &numbers {
        let fewer = Corpus::load_mentioning(&paths, number).expect("a needle");
        let (want, found) = answer(&full, number);
        let (got, _) = answer(&fewer, number);
        if found {
            assert_eq!(got, want, "{}: case {number}", dir.display());
            // Not every file was parsed, or the prefilter did nothing.
            assert!(
                fewer.reports.len() <= full.reports.len(),
                "{}",
                dir.display()
            );
        } else {
            assert!(got.is_empty(), "{}: case {number}: {got}", dir.display());
        }
    }
}

/// A folder of `meetings` generated minutes (seed `seed`), written as the
/// generator writes them, in every file encoding it uses.
fn generated(meetings: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for doc in Generator::new(meetings, seed).documents() {
        let path = dir.path().join(&doc.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, doc.bytes()).unwrap();
    }
    dir
}

fn shared(part: &str) -> PathBuf {
    root().join("../shared/corpus").join(part)
}

#[test]
fn on_the_reference_minutes_and_the_layout_families() {
    prefiltered_answers_match(&root().join("assets"), 60);
    let families = shared("families");
    if families.is_dir() {
        prefiltered_answers_match(&families, 60);
    }
}

#[test]
fn on_the_real_documents() {
    let real = shared("real");
    if real.is_dir() {
        prefiltered_answers_match(&real, 12);
    }
}

#[test]
fn on_a_generated_corpus_in_every_encoding() {
    let dir = generated(120, 3);
    prefiltered_answers_match(dir.path(), 60);
}

#[test]
fn most_files_of_a_generated_corpus_are_never_parsed() {
    let dir = generated(60, 5);
    let paths = [dir.path().to_path_buf()];
    let full = Corpus::load(&paths);
    let rare = full
        .case_numbers()
        .find(|n| full.case(n).len() == 1)
        .expect("a case of one item")
        .to_string();
    let fewer = Corpus::load_mentioning(&paths, &rare).unwrap();
    assert!(
        fewer.reports.len() * 4 < full.reports.len(),
        "{} of {} files parsed",
        fewer.reports.len(),
        full.reports.len()
    );
}

/// `search`'s answer (stdout and stderr) for `query` on `corpus`.
fn search_answer(corpus: &Corpus, query: &str) -> (String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    referat::commands::search(
        corpus,
        query,
        &Filters::default(),
        false,
        false,
        &mut out,
        &mut err,
    )
    .unwrap();
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Words of the full load of `dir` (about `limit` of them, spread over its
/// text, with Danish letters and without, in other letter case, and as
/// phrases of two), and words no file holds: `search` on the prefiltered
/// load answers each as on the full load.
fn prefiltered_searches_match(dir: &Path, limit: usize) {
    let paths = [dir.to_path_buf()];
    let full = Corpus::load(&paths);
    let mut words: Vec<String> = Vec::new();
    for meeting in full.meetings() {
        for item in &meeting.items {
            words.extend(item.title.split_whitespace().map(str::to_string));
            for section in item.sections.read().iter() {
                words.extend(section.text.split_whitespace().take(40).map(str::to_string));
            }
        }
    }
    words.retain(|w| w.chars().count() >= 4 && !w.contains('"'));
    words.sort();
    words.dedup();
    assert!(!words.is_empty(), "{}", dir.display());
    let step = words.len().div_ceil(limit);
    let mut queries: Vec<String> = Vec::new();
    for pair in words.iter().step_by(step).collect::<Vec<_>>().windows(2) {
        let word = pair[0];
        queries.push(word.clone());
        queries.push(word.to_uppercase());
        let spelled = word
            .replace('æ', "ae")
            .replace('ø', "oe")
            .replace('å', "aa");
        queries.push(spelled);
        queries.push(format!("{word} {}", pair[1]));
    }
    queries.push("zzqqxxyy".into());
    queries.push("\"ikke en frase her\"".into());
    // The warm search reads only the cached files that may match.
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = CacheMode::At(cache_dir.path().join("c.bin"));
    Corpus::load_with(&paths, &cache);
    let errors: Vec<String> = full.error_lines().collect();
    let mut some_found = false;
    for query in &queries {
        let parsed = referat_core::search::Query::parse(query);
        let want = search_answer(&full, query);
        let warm = Corpus::load_cached_matching(&paths, &cache, &parsed);
        if parsed.terms.iter().all(|t| !t.text.is_empty()) {
            let warm = warm.expect("an up-to-date cache answers from its listing");
            assert_eq!(
                search_answer(&warm, query),
                want,
                "{}: warm search {query}",
                dir.display()
            );
            assert_eq!(
                warm.error_lines().collect::<Vec<_>>(),
                errors,
                "{}",
                dir.display()
            );
        }
        let Some((fewer, _)) = Corpus::load_matching(&paths, &parsed) else {
            continue;
        };
        let got = search_answer(&fewer, query);
        assert_eq!(got, want, "{}: search {query}", dir.display());
        some_found |= !want.0.is_empty();
    }
    assert!(some_found, "{}: no query found anything", dir.display());
}

#[test]
fn searches_on_the_reference_minutes_and_the_layout_families() {
    prefiltered_searches_match(&root().join("assets"), 40);
    let families = shared("families");
    if families.is_dir() {
        prefiltered_searches_match(&families, 40);
    }
}

#[test]
fn searches_on_the_real_documents() {
    let real = shared("real");
    if real.is_dir() {
        prefiltered_searches_match(&real, 3);
    }
}

#[test]
fn searches_on_a_generated_corpus_in_every_encoding() {
    let dir = generated(80, 4);
    prefiltered_searches_match(dir.path(), 25);
}
