//! Full-text search speed on a folder of minutes, in-process and warm (the corpus
//! loaded and the search index built), as the browser's search popup sees it.
//!
//! `cargo bench --bench search -- DIR` (a folder made by the corpus generator:
//! `cargo run --release --example gen_corpus -- --meetings 10000 --out DIR`).
//! Without DIR it uses the bundled sample repeated 2,000 times. With
//! `--warm`, DIR is loaded as a warm start does it, from a cache built first
//! (in a scratch folder): the index then reads the cache's folded text for
//! every query instead of holding it. Prints per query
//! the median and worst of several runs, next to a baseline measured in the same
//! run: a case-insensitive substring scan of the same text with `str::contains`
//! over lower-cased copies made once.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use referat_core::Corpus;
use referat_core::corpus::BUNDLED;
use referat_core::search::{Filters, Query, SearchIndex};

const RUNS: usize = 9;
const QUERIES: [&str; 5] = [
    "hjemmearbejde",
    "realdania",
    "\"505.000 kr.\"",
    "budget økonomi",
    "kvarterhus gadehavegaard",
];

/// The allocator the `referat` binary uses, so the figures are the shipped ones.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let warm = std::env::args().any(|a| a == "--warm");
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let cache = referat_core::corpus::CacheMode::At(scratch.path().join("cache"));
    if let (Some(dir), true) = (&dir, warm) {
        Corpus::load_with(&[PathBuf::from(dir)], &cache);
    }
    let started = Instant::now();
    let corpus = match &dir {
        Some(dir) if warm => Corpus::load_with(&[PathBuf::from(dir)], &cache).0,
        Some(dir) => Corpus::load(&[PathBuf::from(dir)]),
        None => Corpus::from_texts((0..2000).flat_map(|round| {
            BUNDLED
                .iter()
                .map(move |(name, text)| (format!("{round}/{name}"), text.to_string()))
        })),
    };
    let load = started.elapsed();
    let started = Instant::now();
    let index = SearchIndex::new(&corpus);
    let build = started.elapsed();
    let bytes: usize = corpus
        .meetings()
        .iter()
        .flat_map(|m| &m.items)
        .flat_map(|i| i.sections.read())
        .map(|s| s.text.len())
        .sum();
    println!(
        "corpus: {} meetings, {} items, {:.0} MB of section text; load {:.0} ms, index {:.0} ms ({} threads)",
        corpus.meetings().len(),
        corpus.item_count(),
        bytes as f64 / 1e6,
        load.as_secs_f64() * 1e3,
        build.as_secs_f64() * 1e3,
        rayon::current_num_threads()
    );
    let lowered: Vec<String> = corpus
        .meetings()
        .iter()
        .flat_map(|m| &m.items)
        .flat_map(|i| i.sections.read())
        .map(|s| s.text.to_lowercase())
        .collect();

    println!();
    println!("| query | items | median | worst | baseline scan | × baseline |");
    println!("|---|---:|---:|---:|---:|---:|");
    for query in QUERIES {
        let parsed = Query::parse(query);
        let mut found = 0;
        let times = measure(|| {
            found = black_box(index.search(&corpus, &parsed, &Filters::default())).len();
        });
        let needle = query
            .trim_matches('"')
            .split(' ')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let baseline = measure(|| {
            black_box(lowered.iter().filter(|t| t.contains(&needle)).count());
        });
        println!(
            "| `{query}` | {found} | {:.1} ms | {:.1} ms | {:.1} ms | {:.2} |",
            ms(times[RUNS / 2]),
            ms(times[RUNS - 1]),
            ms(baseline[RUNS / 2]),
            times[RUNS / 2].as_secs_f64() / baseline[RUNS / 2].as_secs_f64()
        );
    }
}

fn measure(mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
